"""The suites evaluators run, by name (``shopgraph eval NAME``).

Each is a module here with a ``suite()`` factory; modules are imported on use, so nothing
runs at import time and ``shopgraph --help`` stays fast.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from evals.suite import Suite

SuiteFactory = Callable[[], Suite]
NAMES = ("planner", "retrieval", "answers", "grounding", "suggestions", "safety")


def suites() -> dict[str, SuiteFactory]:
    """Every suite's factory, by name."""
    return {name: _factory(name) for name in NAMES}


def _factory(name: str) -> SuiteFactory:
    def make() -> Suite:
        module = importlib.import_module(f"evals.suites.{name}")
        suite: Suite = module.suite()
        return suite

    return make
