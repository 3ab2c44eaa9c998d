"""A suite result in figures: each score's mean and count, by group, and latency percentiles.

Besides the figures a gate reads, a summary keeps what a report needs to show: the shape
of the latency distribution (a compact histogram rather than every time) and the worst
examples of each part, so a reader can see what failed without re-running anything.
"""

from __future__ import annotations

import json
import math
import statistics
from collections.abc import Sequence
from typing import Any

from evals.evaluation import Score
from evals.runner import ExampleRun, PartResult, SuiteResult, mean_scores

HISTOGRAM_BINS = 16
"""Bars in a part's latency histogram."""
WORST_EXAMPLES = 5
"""Failing examples kept per part for the report."""
TEXT_CHARS = 160
"""Longest input or comment text kept for a failing example."""
INPUT_FIELDS = ("message", "messages", "question", "query", "text", "instruction", "turns")
"""Input fields that say what an example asked, in the order they are looked for."""


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0-100) of ``values``, interpolated."""
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[max(1, int(q)) - 1]


def latency(runs: Sequence[ExampleRun]) -> dict[str, float]:
    """p50, p90 and p99 of the runs' times, in milliseconds."""
    seconds = [run.seconds for run in runs]
    if not seconds:
        return {}
    return {f"p{q}_ms": round(percentile(seconds, q) * 1000, 3) for q in (50, 90, 99)}


def histogram(values_ms: Sequence[float], bins: int = HISTOGRAM_BINS) -> dict[str, Any]:
    """Counts of ``values_ms`` in ``bins`` bars; log-spaced when they span 50x or more.

    Latencies of one part can range from a cached sub-millisecond answer to a model's
    seconds; equal-width bars would put nearly everything in the first one.
    """
    if not values_ms:
        return {"scale": "linear", "edges_ms": [], "counts": []}
    low, high = min(values_ms), max(values_ms)
    if high <= low:
        return {
            "scale": "linear",
            "edges_ms": [round(low, 3), round(high, 3)],
            "counts": [len(values_ms)],
        }
    log = low > 0 and high / low >= 50
    if log:
        step = (math.log(high) - math.log(low)) / bins
        edges = [math.exp(math.log(low) + step * i) for i in range(bins + 1)]
    else:
        edges = [low + (high - low) * i / bins for i in range(bins + 1)]
    counts = [0] * bins
    for value in values_ms:
        index = next((i for i in range(bins) if value < edges[i + 1]), bins - 1)
        counts[index] += 1
    return {
        "scale": "log" if log else "linear",
        "edges_ms": [round(edge, 3) for edge in edges],
        "counts": counts,
    }


def by_group(part: PartResult) -> dict[str, dict[str, tuple[float, int]]]:
    """Mean scores per value of the part's ``group_by`` metadata field."""
    if part.group_by is None:
        return {}
    groups: dict[str, list[ExampleRun]] = {}
    for run in part.runs:
        groups.setdefault(str(run.example.metadata.get(part.group_by)), []).append(run)
    return {group: mean_scores(runs) for group, runs in sorted(groups.items())}


def input_text(inputs: dict[str, Any]) -> str:
    """What an example asked, in one short line (its message, question, or its inputs)."""
    value: Any = next((inputs[key] for key in INPUT_FIELDS if key in inputs), inputs)
    if isinstance(value, list):  # multi-turn: the turns in order
        value = " / ".join(
            str(turn.get("message", turn) if isinstance(turn, dict) else turn) for turn in value
        )
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return _short(text)


def failing(score: Score) -> bool:
    """A score that says the run fell short: below 1, with the evaluator's reason.

    Evaluators comment on what went wrong (``exact`` does); a score without a comment
    (a ``violation_count`` of 0) is a figure, not a failure.
    """
    return (
        score.key != "error" and score.score is not None and score.score < 1 and bool(score.comment)
    )


def worst(runs: Sequence[ExampleRun], limit: int = WORST_EXAMPLES) -> list[dict[str, Any]]:
    """The runs that failed most: errors first, then most failing scores, then lowest."""
    ranked = []
    for run in runs:
        low = [s for s in run.scores if failing(s)]
        if run.error or low:
            mean = sum(s.score or 0.0 for s in low) / len(low) if low else 0.0
            ranked.append(((run.error is None, -len(low), mean, run.example.id), run, low))
    ranked.sort(key=lambda entry: entry[0])
    return [_failure(run, low) for _, run, low in ranked[:limit]]


def _failure(run: ExampleRun, low: list[Score]) -> dict[str, Any]:
    return {
        "id": run.example.id,
        "input": input_text(run.example.inputs),
        "scores": {s.key: round(s.score or 0.0, 4) for s in low},
        "comment": _short(run.error or "; ".join(f"{s.key}: {s.comment}" for s in low)),
    }


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TEXT_CHARS else text[: TEXT_CHARS - 1] + "…"


def _key_order(item: tuple[str, Any]) -> tuple[bool, str]:
    """Whole-example scores first (``slots``), then their breakdowns (``slot:brand``)."""
    return (":" in item[0], item[0])


def summarize_part(part: PartResult) -> dict[str, Any]:
    """One part's figures: scores, groups, latency (percentiles and histogram), failures."""
    if part.skipped is not None:
        return {"part": part.name, "skipped": part.skipped}
    entry: dict[str, Any] = {
        "part": part.name,
        "examples": len(part.runs),
        "errors": sum(1 for run in part.runs if run.error),
        "scores": {
            key: {"mean": round(mean, 4), "count": count}
            for key, (mean, count) in sorted(mean_scores(part.runs).items(), key=_key_order)
        },
        "groups": {
            group: {k: {"mean": round(m, 4), "count": c} for k, (m, c) in s.items()}
            for group, s in by_group(part).items()
        },
        "latency": latency(part.runs),
        "latency_histogram": histogram([run.seconds * 1000 for run in part.runs]),
        "worst": worst(part.runs),
    }
    if part.group_by is not None:
        entry["group_by"] = part.group_by
    return entry


def summarize(result: SuiteResult, description: str | None = None) -> dict[str, Any]:
    """The result as JSON: per part, scores (mean, count), groups, latency, errors, skips."""
    summary: dict[str, Any] = {
        "suite": result.suite,
        "parts": [summarize_part(part) for part in result.parts],
    }
    if description is not None:
        summary["description"] = description
    return summary


def score(summary: dict[str, Any], part: str, key: str) -> float:
    """One figure of a summary (``KeyError`` naming what is missing)."""
    for entry in summary["parts"]:
        if entry["part"] == part:
            if "skipped" in entry:
                raise KeyError(f"{part} was skipped: {entry['skipped']}")
            return float(entry["scores"][key]["mean"])
    raise KeyError(f"no part {part!r} in suite {summary['suite']!r}")
