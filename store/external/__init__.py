"""Readers that map externally authored datasets into shopgraph feed records.

Each reader takes the dataset's path (its file, or a folder holding it) and yields
``(line_number, record)`` so that the ingest command can report ``file:line: reason``.
A line that cannot be mapped raises ``ExternalFormatError``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from store.external.epqa import read_epqa
from store.external.errors import ExternalFormatError
from store.external.toys_uk import read_toys_uk
from store.records import Record

ExternalReader = Callable[[Path], Iterator[tuple[int, Record]]]
"""Reads a dataset at a path, yielding each record with its 1-based source line."""

EXTERNAL_FORMATS: dict[str, ExternalReader] = {
    "toys_uk": read_toys_uk,
    "epqa": read_epqa,
}
"""Dataset name -> reader."""

__all__ = ["EXTERNAL_FORMATS", "ExternalFormatError", "ExternalReader", "read_epqa", "read_toys_uk"]
