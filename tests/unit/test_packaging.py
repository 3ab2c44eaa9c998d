"""The generic top-level package names must come from this project, not another install."""

from __future__ import annotations

import importlib
import importlib.metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ["shopgraph", "graph", "tools", "prompts", "memory", "api", "evals", "store", "serving"]


@pytest.mark.parametrize("name", PACKAGES)
def test_package_is_ours(name: str) -> None:
    module = importlib.import_module(name)
    assert module.__file__ is not None
    assert Path(module.__file__).resolve().is_relative_to(ROOT), module.__file__


def test_distribution_and_command_are_installed() -> None:
    dist = importlib.metadata.distribution("shopgraph")
    commands = {ep.name: ep.value for ep in dist.entry_points if ep.group == "console_scripts"}
    assert commands == {"shopgraph": "shopgraph.cli:app"}


def test_langgraph_json_points_at_the_graph() -> None:
    import json

    config = json.loads((ROOT / "langgraph.json").read_text())
    module_path, attribute = config["graphs"]["shopgraph"].split(":")
    assert (ROOT / module_path).exists()
    graph = importlib.import_module("graph.graph")
    assert hasattr(graph, attribute)


def test_every_subpackage_is_listed_for_the_wheel() -> None:
    import tomllib

    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for top in PACKAGES
        for init in (ROOT / top).rglob("__init__.py")
    }
    assert found <= listed, sorted(found - listed)
