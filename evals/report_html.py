"""The eval report as one self-contained HTML page: inline CSS, inline SVG, no scripts.

It is opened from disk, offline, perhaps years later: nothing in it is fetched.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from evals.svg_plots import grouped_bars, histogram, milliseconds

STYLE = """
body{font:15px/1.5 system-ui,sans-serif;color:#222;margin:0;background:#fafafa}
main{max-width:980px;margin:0 auto;padding:24px 28px 60px;background:#fff}
h1{margin:0 0 4px;font-size:26px}h2{margin-top:40px;border-bottom:2px solid #0072B2}
h3{margin:28px 0 6px}.meta{color:#555;margin:0 0 12px}
table{border-collapse:collapse;margin:8px 0 16px;font-size:14px}
th,td{padding:4px 10px;border-bottom:1px solid #e3e3e3;text-align:left;vertical-align:top}
th{background:#f2f5f8}td.num{text-align:right;font-variant-numeric:tabular-nums}
.bar{display:inline-block;height:8px;background:#0072B2;border-radius:2px;margin-right:6px}
.skipped{background:#fff8e5;border-left:4px solid #E69F00;padding:6px 14px;margin:12px 0}
.plots svg{display:block;margin:12px 0;max-width:100%;height:auto}
table.worst td{font-size:13px}table.worst td.input{max-width:360px}
table.worst td:first-child{white-space:nowrap}
nav a{margin-right:14px}
"""


HEADLINE_KEYS = 4
"""Scores shown in the overview and the by-group charts (every score is in the part's table)."""


def headline_keys(keys: Sequence[str], limit: int = HEADLINE_KEYS) -> list[str]:
    """A part's main scores: whole-example ones (``slots``, not ``slot:brand``), not ``error``."""
    main = [key for key in keys if ":" not in key and key != "error"]
    return (main or [key for key in keys if key != "error"])[:limit]


def render_html(summaries: Sequence[dict[str, Any]], header: dict[str, str]) -> str:
    """The whole page: a header, an overview table, then a section per suite."""
    nav = " ".join(
        f'<a href="#suite-{escape(s["suite"])}">{escape(s["suite"])}</a>' for s in summaries
    )
    body = [
        "<header><h1>shopgraph eval report</h1>",
        f'<p class="meta">Run {escape(header["date"])} · model: {escape(header["model"])}'
        f" · suites: {escape(header['suites'])}</p>",
        f"<nav>{nav}</nav></header>",
        _overview(summaries),
        *(_suite(summary) for summary in summaries),
    ]
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>shopgraph eval report · {escape(header['date'])}</title>"
        f"<style>{STYLE}</style></head><body><main>\n"
        + "\n".join(body)
        + "\n</main></body></html>\n"
    )


def _overview(summaries: Sequence[dict[str, Any]]) -> str:
    rows = []
    for summary in summaries:
        for part in summary["parts"]:
            name = f"{escape(summary['suite'])}</td><td>{escape(part['part'])}"
            if "skipped" in part:
                rows.append(f'<tr><td>{name}</td><td colspan="4"><em>skipped</em></td></tr>')
                continue
            keys = headline_keys(list(part["scores"]))
            scores = "; ".join(f"{escape(k)} {part['scores'][k]['mean']:.3f}" for k in keys)
            if len(part["scores"]) > len(keys):
                scores += f" <em>(+{len(part['scores']) - len(keys)} more)</em>"
            p50 = part["latency"].get("p50_ms")
            rows.append(
                f'<tr><td>{name}</td><td class="num">{part["examples"]}</td>'
                f'<td class="num">{part["errors"]}</td><td>{scores}</td>'
                f'<td class="num">{"" if p50 is None else milliseconds(p50)}</td></tr>'
            )
    return (
        "<section><h2>Overview</h2><table><tr><th>suite</th><th>part</th><th>examples</th>"
        "<th>errors</th><th>scores (mean)</th><th>p50 latency</th></tr>"
        + "".join(rows)
        + "</table></section>"
    )


def _suite(summary: dict[str, Any]) -> str:
    name = escape(summary["suite"])
    parts = [f'<section id="suite-{name}"><h2>{name}</h2>']
    if summary.get("description"):
        parts.append(f"<p>{escape(summary['description'])}</p>")
    skipped = [part for part in summary["parts"] if "skipped" in part]
    if skipped:
        items = "".join(
            f"<li><b>{escape(p['part'])}</b>: {escape(p['skipped'])}</li>" for p in skipped
        )
        parts.append(f'<div class="skipped"><b>Skipped parts</b><ul>{items}</ul></div>')
    parts += [_part(summary["suite"], part) for part in summary["parts"] if "skipped" not in part]
    parts.append("</section>")
    return "\n".join(parts)


def _part(suite: str, part: dict[str, Any]) -> str:
    timing = " · ".join(
        f"{key.removesuffix('_ms')} {milliseconds(ms)}" for key, ms in part["latency"].items()
    )
    rows = "".join(
        f'<tr><td>{escape(key)}</td><td class="num"><span class="bar" '
        f'style="width:{max(0.0, min(f["mean"], 1.0)) * 80:.0f}px"></span>{f["mean"]:.3f}</td>'
        f'<td class="num">{f["count"]}</td></tr>'
        for key, f in part["scores"].items()
    )
    return "\n".join(
        [
            f"<article><h3>{escape(part['part'])}</h3>",
            f'<p class="meta">{part["examples"]} examples · {part["errors"]} errors'
            f" · latency {escape(timing) or 'n/a'}</p>",
            f"<table><tr><th>score</th><th>mean</th><th>n</th></tr>{rows}</table>",
            f'<div class="plots">{_plots(suite, part)}</div>',
            _worst(part.get("worst") or []),
            "</article>",
        ]
    )


def _plots(suite: str, part: dict[str, Any]) -> str:
    plots = []
    groups = part.get("groups") or {}
    if groups:
        keys = headline_keys(list(part["scores"]))
        series = {
            key: [scores[key]["mean"] if key in scores else None for scores in groups.values()]
            for key in keys
        }
        field = part.get("group_by", "group")
        plots.append(
            grouped_bars(f"{suite} · {part['part']}: score by {field}", list(groups), series)
        )
    shape = part.get("latency_histogram") or {}
    if shape.get("counts"):
        plots.append(
            histogram(
                f"{suite} · {part['part']}: latency distribution",
                shape["edges_ms"],
                shape["counts"],
                log=shape.get("scale") == "log",
            )
        )
    return "".join(plots)


def _worst(rows: Sequence[dict[str, Any]]) -> str:
    if not rows:
        return ""
    body = "".join(
        f"<tr><td>{escape(row['id'])}</td><td class='input'>{escape(row['input'])}</td>"
        f"<td>{escape(', '.join(f'{k} {v:.2f}' for k, v in row['scores'].items()))}</td>"
        f"<td>{escape(row['comment'])}</td></tr>"
        for row in rows
    )
    return (
        '<p><b>Worst examples</b></p><table class="worst"><tr><th>id</th><th>input</th>'
        f"<th>failing scores</th><th>comment</th></tr>{body}</table>"
    )
