"""Reading a dataset's JSON Lines file: finding it, and yielding its objects by line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from store.external.errors import ExternalFormatError


def resolve_source(path: Path, relative_name: str) -> Path:
    """Return the data file: ``path`` itself, or ``relative_name`` inside the folder ``path``.

    ``relative_name`` is tried under ``path`` and, when ``path`` is the shared data folder
    rather than the dataset's own, under ``path``'s dataset folder (``toys_uk/catalog.jsonl``).

    Args:
        path: A file, a dataset folder (``.../toys_uk``) or the shared data folder.
        relative_name: The file's path inside the shared data folder.

    Raises:
        FileNotFoundError: If no such file exists.
    """
    if path.is_file():
        return path
    for candidate in (path / relative_name, path / Path(relative_name).name):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"{path}: no {relative_name} here")


def read_json_objects(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(line_number, object)`` for each non-blank line of a JSON Lines file.

    Raises:
        ExternalFormatError: For a line that is not JSON or not a JSON object.
    """
    with path.open(encoding="utf-8") as lines:
        for line_number, text in enumerate(lines, start=1):
            if not text.strip():
                continue
            try:
                value = json.loads(text)
            except json.JSONDecodeError as error:
                raise ExternalFormatError(path, line_number, f"not JSON: {error.msg}") from error
            if not isinstance(value, dict):
                reason = f"expected a JSON object, got {type(value).__name__}"
                raise ExternalFormatError(path, line_number, reason)
            yield line_number, value
