"""The gates' shared demo store (built once per test session) and eval contexts over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from evals.resources import assistant, demo_catalog
from evals.suite import EvalContext
from store.catalog import Catalog


@pytest.fixture(scope="session")
def eval_demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Catalog]:
    """The evals' demo store (2,400 products, seeded), built once in a temporary home."""
    home: Path = tmp_path_factory.mktemp("eval-demo")
    catalog = demo_catalog(home)
    yield catalog
    catalog.close()


@pytest.fixture
def eval_context(eval_demo: Catalog) -> EvalContext:
    """An eval run's context over the demo store, answering with the default model."""
    context = EvalContext()
    context.openers["catalog"] = lambda: eval_demo
    context.openers["services"] = lambda: assistant(eval_demo, None)
    return context
