"""``shopgraph eval``: run an eval suite offline and print its scores.

``--langsmith`` runs the same suites through LangSmith instead (``evals.langsmith_bridge``,
imported only then), uploading datasets, runs and scores.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from evals.dataset import DatasetError
from evals.report import print_summary, write_json, write_report
from evals.resources import assistant, demo_catalog
from evals.runner import run_suite
from evals.suite import EvalContext, EvalInputError, Suite
from evals.suites import suites
from evals.summary import summarize
from graph.models import UnknownModelError


def eval_command(
    suite: Annotated[str, typer.Argument(help="A suite name, or 'all'.")],
    data: Annotated[
        Path | None, typer.Option(help="A dataset file or folder instead of the suite's own.")
    ] = None,
    model: Annotated[str | None, typer.Option(help="The model graph targets answer with.")] = None,
    limit: Annotated[
        int | None, typer.Option(min=1, help="At most this many examples per dataset.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the results as JSON.")] = False,
    out: Annotated[
        Path | None,
        typer.Option(help="Write the results: a JSON file, or for 'all' a folder with a report."),
    ] = None,
    langsmith: Annotated[
        bool,
        typer.Option(
            "--langsmith",
            help="Run through LangSmith's evaluate, uploading datasets, runs and scores "
            "(needs LANGSMITH_API_KEY; LANGSMITH_ENDPOINT for a self-hosted LangSmith).",
        ),
    ] = False,
) -> None:
    """Run an eval suite (planner, retrieval, answers, grounding, suggestions, safety, all)."""
    out_console, err = Console(), Console(stderr=True, soft_wrap=True)  # paths unbroken
    known = suites()
    if suite != "all" and suite not in known:
        err.print(f"[red]error:[/] unknown suite {suite!r}; use one of: {', '.join(known)}, all")
        raise typer.Exit(2)
    if data is not None and not data.exists():
        err.print(f"[red]error:[/] --data {data}: no such file or folder")
        raise typer.Exit(2)
    if langsmith and not _langsmith_configured():
        err.print(
            "[red]error:[/] --langsmith needs LANGSMITH_API_KEY (and LANGSMITH_ENDPOINT for a "
            "self-hosted LangSmith); without --langsmith the suites run offline"
        )
        raise typer.Exit(2)
    names = list(known) if suite == "all" else [suite]
    context = EvalContext(data=data, model=model, limit=limit)
    context.openers["catalog"] = demo_catalog
    context.openers["services"] = lambda: assistant(context.resource("catalog"), model)
    try:
        if langsmith:
            summaries = _run_langsmith(names, context, err)
        else:
            summaries = asyncio.run(_run(names, context))
    except (EvalInputError, DatasetError, UnknownModelError) as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from exc
    finally:
        catalog = context.resources.get("catalog")
        if catalog is not None:
            catalog.close()
    if as_json:
        out_console.print_json(data=summaries if suite == "all" else summaries[0])
    else:
        for summary in summaries:
            print_summary(summary, out_console)
    if out is not None:
        if suite == "all" or out.suffix == "":
            err.print(f"report: {write_report(summaries, out, model=model)}")
        else:
            write_json(summaries, out)


async def _run(names: list[str], context: EvalContext) -> list[dict[str, Any]]:
    factories = suites()
    summaries = []
    for name in names:
        suite = factories[name]()
        summaries.append(summarize(await run_suite(suite, context), suite.description))
    return summaries


def _langsmith_configured() -> bool:
    from evals.langsmith_bridge import configured

    return configured()


def _run_langsmith(names: list[str], context: EvalContext, err: Console) -> list[dict[str, Any]]:
    from langsmith.utils import LangSmithError

    from evals.langsmith_bridge import evaluate_suites

    factories = suites()
    chosen: list[Suite] = [factories[name]() for name in names]
    try:
        results, experiments = evaluate_suites(chosen, context)
    except LangSmithError as exc:
        err.print(f"[red]error:[/] LangSmith: {exc}")
        raise typer.Exit(1) from exc
    for experiment in experiments:
        err.print(f"langsmith: {experiment.dataset}: experiment {experiment.name} {experiment.url}")
    return [
        summarize(result, suite.description) for result, suite in zip(results, chosen, strict=True)
    ]
