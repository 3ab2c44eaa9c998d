"""Reports a person reads: a table in the terminal; JSON, HTML and Markdown files for a run.

``write_report`` writes a folder: ``results.json`` (the summaries as they are),
``report.html`` (self-contained: inline CSS and SVG plots, readable offline) and
``report.md`` (the same tables, for a pull request or a terminal).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table

from evals.report_html import headline_keys, render_html
from evals.svg_plots import milliseconds


def print_summary(summary: dict[str, Any], console: Console) -> None:
    """Each part's scores (mean, count), errors and latency as a table; then skipped parts."""
    parts = [part for part in summary["parts"] if "skipped" not in part]
    widths = {  # names keep their room first; figures are short
        "part": min(max((len(part["part"]) for part in parts), default=4), 20),
        "score": min(max((len(key) for part in parts for key in part["scores"]), default=5), 26),
    }
    table = Table(
        title=f"suite: {summary['suite']}",
        title_justify="left",
        caption="latency per example in ms" if parts else None,
        caption_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        collapse_padding=True,
    )
    for column in ("part", "score", "mean", "n", "p50", "p90", "p99", "err"):
        text = column in widths
        table.add_column(
            column,
            justify="left" if text else "right",
            min_width=widths.get(column),
            overflow="fold",
        )
    for part in parts:
        timing = part["latency"]
        rows = list(part["scores"].items()) or [("(no scores)", None)]
        for index, (key, figure) in enumerate(rows):
            first = index == 0
            table.add_row(
                part["part"] if first else "",
                key,
                f"{figure['mean']:.3f}" if figure else "",
                str(figure["count"]) if figure else "",
                *(_ms(timing.get(f"p{q}_ms")) if first else "" for q in (50, 90, 99)),
                str(part["errors"]) if first else "",
            )
    console.print(table)
    for part in summary["parts"]:
        if "skipped" in part:
            console.print(f"[yellow]skipped[/] {part['part']}: {part['skipped']}", soft_wrap=True)


def _ms(value: float | None) -> str:
    """Milliseconds for the table: a decimal below 100, whole numbers above (narrower)."""
    if value is None:
        return ""
    return f"{value:.1f}" if value < 100 else f"{value:.0f}"


def write_json(summaries: Sequence[dict[str, Any]], path: Path) -> None:
    """The summaries as one JSON file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(list(summaries), indent=2) + "\n", encoding="utf-8")


def write_report(
    summaries: Sequence[dict[str, Any]],
    folder: Path,
    model: str | None = None,
    when: dt.datetime | None = None,
) -> Path:
    """``results.json``, ``report.html`` and ``report.md`` in ``folder``; returns the HTML's path.

    ``model`` is the model graph targets answered with (None: the configured default).
    """
    folder.mkdir(parents=True, exist_ok=True)
    write_json(summaries, folder / "results.json")
    header = run_header(summaries, model, when or dt.datetime.now(dt.UTC))
    (folder / "report.md").write_text(render_markdown(summaries, header), encoding="utf-8")
    report = folder / "report.html"
    report.write_text(render_html(summaries, header), encoding="utf-8")
    return report


def run_header(
    summaries: Sequence[dict[str, Any]], model: str | None, when: dt.datetime
) -> dict[str, str]:
    """The facts a report opens with: when, which model, which suites."""
    return {
        "date": when.strftime("%Y-%m-%d %H:%M %Z").strip(),
        "model": model or "the configured default (SHOPGRAPH_DEFAULT_MODEL)",
        "suites": ", ".join(summary["suite"] for summary in summaries),
    }


def render_markdown(summaries: Sequence[dict[str, Any]], header: dict[str, str]) -> str:
    """The report as Markdown: per suite, each part's scores, groups and worst examples."""
    lines = [
        "# shopgraph eval report",
        "",
        f"Run {header['date']} · model: {header['model']} · suites: {header['suites']}",
        "",
    ]
    for summary in summaries:
        lines += [f"## {summary['suite']}", ""]
        if summary.get("description"):
            lines += [summary["description"], ""]
        for part in summary["parts"]:
            lines += _markdown_part(part)
    return "\n".join(lines)


def _markdown_part(part: dict[str, Any]) -> list[str]:
    if "skipped" in part:
        return [f"**{part['part']}**: skipped ({part['skipped']})", ""]
    timing = ", ".join(
        f"{key.removesuffix('_ms')} {milliseconds(ms)}" for key, ms in part["latency"].items()
    )
    lines = [
        f"### {part['part']}",
        "",
        f"{part['examples']} examples, {part['errors']} errors; latency {timing or 'n/a'}",
        "",
        "| score | mean | n |",
        "|---|---:|---:|",
        *(f"| {key} | {f['mean']:.3f} | {f['count']} |" for key, f in part["scores"].items()),
        "",
    ]
    groups = part.get("groups") or {}
    if groups:
        keys = headline_keys(list(part["scores"]))
        lines += [
            f"By {part.get('group_by', 'group')}:",
            "",
            "| " + " | ".join([part.get("group_by", "group"), *keys]) + " |",
            "|---" + "|---:" * len(keys) + "|",
        ]
        for group, scores in groups.items():
            cells = [
                f"{scores[k]['mean']:.3f} ({scores[k]['count']})" if k in scores else ""
                for k in keys
            ]
            lines.append("| " + " | ".join([_cell(group), *cells]) + " |")
        lines.append("")
    if part.get("worst"):
        lines += ["Worst examples:", "", "| id | input | scores | comment |", "|---|---|---|---|"]
        for row in part["worst"]:
            scores = ", ".join(f"{k} {v:.2f}" for k, v in row["scores"].items())
            cells = [_cell(row["id"]), _cell(row["input"]), scores, _cell(row["comment"])]
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    return lines


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")
