"""Graph targets' shared plumbing: the compiled graph per set of services, and datasets.

Suites that run whole turns (grounding, safety) compile the graph once per set of
services with an in-memory checkpointer, and give each example its own thread and its
own account, so no example sees another's conversation, cart or alerts.
"""

from __future__ import annotations

import uuid
from typing import cast

from langgraph.checkpoint.memory import InMemorySaver

from evals.adversary import ADVERSARY, adversary_registry
from evals.dataset import Dataset, load_dataset
from evals.suite import DATASETS, EvalContext
from graph.graph import AssistantApp, compile_graph
from graph.services import Services
from graph.settings import AssistantSettings
from store.catalog import Catalog


def graph_for(context: EvalContext, services_name: str) -> AssistantApp:
    """The graph over the context's resource ``services_name``, compiled once per run."""
    name = f"{services_name}/graph"
    if name not in context.openers:
        context.openers[name] = lambda: compile_graph(
            context.resource(services_name), InMemorySaver()
        )
    return cast(AssistantApp, context.resource(name))


def adversary_services(catalog: Catalog, *, known_gaps: bool = False) -> Services:
    """Services over ``catalog`` whose only model is the misbehaving one (``evals.adversary``)."""
    settings = AssistantSettings(default_model=ADVERSARY)
    return Services.for_catalog(catalog, adversary_registry(known_gaps=known_gaps), settings)


def with_adversary(
    context: EvalContext, catalog_name: str = "catalog", *, known_gaps: bool = False
) -> str:
    """Register the adversary's services over ``catalog_name``; returns their resource name."""
    name = f"{catalog_name}/adversary{'+gaps' if known_gaps else ''}"
    if name not in context.openers:
        context.openers[name] = lambda: adversary_services(
            context.resource(catalog_name), known_gaps=known_gaps
        )
    return name


def new_account() -> str:
    """A fresh account id: an example's cart and alerts start empty and stay its own."""
    return f"eval-{uuid.uuid4().hex[:16]}"


def repo_dataset(context: EvalContext, file_name: str) -> Dataset:
    """``--data`` when it names a JSONL file, else the repo's own ``evals/datasets/<file>``."""
    data = context.data
    return load_dataset(data if data is not None and data.is_file() else DATASETS / file_name)
