"""Datasets: JSONL files of examples, each with ``inputs``, ``reference_outputs``, ``metadata``.

The LangSmith shape, so a dataset uploads as it is. A line that is not such an example is
refused with its file and line number: an evaluator should never score a typo.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class DatasetError(ValueError):
    """A dataset file that can't be read as examples; the message names the file and line."""


@dataclass(frozen=True)
class Example:
    """One example: what the target is given, what a right run returns, and labels."""

    id: str
    inputs: dict[str, Any]
    reference_outputs: dict[str, Any] = field(default_factory=dict)
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Dataset:
    """Examples from one source, in file order."""

    name: str
    examples: tuple[Example, ...]

    def limited(self, limit: int | None) -> Dataset:
        """The first ``limit`` examples (all of them for None)."""
        if limit is None:
            return self
        return Dataset(self.name, self.examples[:limit])


def load_dataset(path: Path, name: str | None = None) -> Dataset:
    """The examples of a JSONL file; a ``DatasetError`` names what is wrong and where."""
    if not path.is_file():
        raise DatasetError(f"{path}: no such dataset file")
    examples = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if line.strip():
                examples.append(_example(json_line(path, number, line), path, number))
    if not examples:
        raise DatasetError(f"{path}: no examples")
    return Dataset(name or path.stem, tuple(examples))


def json_line(path: Path, number: int, line: str) -> Any:
    """One JSONL line, parsed; a ``DatasetError`` with the place when it is not JSON."""
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise DatasetError(f"{path}:{number}: not JSON ({exc.msg})") from None


def _example(row: Any, path: Path, number: int) -> Example:
    where = f"{path}:{number}"
    if not isinstance(row, dict):
        raise DatasetError(f"{where}: an example is a JSON object")
    unknown = set(row) - {"id", "inputs", "reference_outputs", "outputs", "metadata"}
    if unknown:
        raise DatasetError(f"{where}: unknown fields {sorted(unknown)}")
    inputs = row.get("inputs")
    if not isinstance(inputs, dict) or not inputs:
        raise DatasetError(f"{where}: 'inputs' must be a non-empty object")
    # LangSmith exports name them "outputs"; both are read.
    reference = row.get("reference_outputs", row.get("outputs", {}))
    metadata = row.get("metadata", {})
    if not isinstance(reference, dict) or not isinstance(metadata, dict):
        raise DatasetError(f"{where}: 'reference_outputs' and 'metadata' must be objects")
    return Example(str(row.get("id", f"{path.stem}-{number}")), inputs, reference, metadata)


def examples_from(rows: Iterable[dict[str, Any]], name: str) -> Dataset:
    """A dataset built in code (from an external file's own format), ids numbered."""
    examples = tuple(
        Example(
            str(row.get("id", f"{name}-{i}")),
            row["inputs"],
            row.get("reference_outputs", {}),
            row.get("metadata", {}),
        )
        for i, row in enumerate(rows, 1)
    )
    return Dataset(name, examples)
