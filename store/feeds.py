"""Reading feed files (JSONL or CSV) into validated records, with every problem located.

Nothing here touches the database: a feed is read whole and each bad line is reported as
``file:line: field: reason`` so the retailer can fix them all in one pass.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from store.records import RECORD_TYPES, Record

_RECORD = TypeAdapter[Record](Record)
_LIST_COLUMNS = {"features", "compatibility"}
_JSON_COLUMNS = {"attributes", "variants", "links", "answers", "deal", "offer", "policies"}


@dataclass(frozen=True)
class FeedError:
    """One problem in a feed, located to its line and field."""

    path: str
    line: int
    reason: str
    field: str | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path  # line 0: the whole file
        return f"{where}: {self.field}: {self.reason}" if self.field else f"{where}: {self.reason}"


@dataclass(frozen=True)
class FeedItem:
    """A validated record and where it came from."""

    path: str
    line: int
    record: Record


@dataclass
class ParsedFeed:
    """Everything read from one or more feed files."""

    items: list[FeedItem]
    errors: list[FeedError]


def read_feed(path: Path) -> ParsedFeed:
    """Read and validate one feed file; its format comes from the suffix (.jsonl/.csv)."""
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return ParsedFeed([], [FeedError(name, 0, f"cannot read file: {exc.strerror}")])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        reason = f"invalid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        return ParsedFeed([], [FeedError(name, line, reason)])
    if not text.strip():
        return ParsedFeed([], [FeedError(name, 1, "empty file: no records")])
    suffix = path.suffix.lower()
    if suffix in {".jsonl", ".ndjson", ".json"}:
        rows = _jsonl_rows(name, text)
    elif suffix == ".csv":
        rows = _csv_rows(name, text)
    else:
        return ParsedFeed([], [FeedError(name, 0, "unknown format: use .jsonl or .csv")])
    return _validate(name, rows)


def _validate(name: str, rows: Iterator[tuple[int, Any | FeedError]]) -> ParsedFeed:
    parsed = ParsedFeed([], [])
    for line, row in rows:
        if isinstance(row, FeedError):
            parsed.errors.append(row)
            continue
        result = validate_record(name, line, row)
        if isinstance(result, FeedItem):
            parsed.items.append(result)
        else:
            parsed.errors.extend(result)
    return parsed


def validate_record(name: str, line: int, row: Any) -> FeedItem | list[FeedError]:
    """Validate one decoded row; returns the item or the errors, each naming its field."""
    if not isinstance(row, dict):
        return [FeedError(name, line, "expected a JSON object")]
    kind = row.get("type")
    if kind not in RECORD_TYPES:
        expected = ", ".join(RECORD_TYPES)
        reason = "missing" if kind is None else f"unknown record type {kind!r}"
        return [FeedError(name, line, f"{reason} (one of: {expected})", "type")]
    try:
        return FeedItem(name, line, _RECORD.validate_python(row))
    except ValidationError as exc:
        return [_error_from(name, line, err) for err in exc.errors(include_url=False)]


def _error_from(name: str, line: int, err: Any) -> FeedError:
    loc = [str(part) for part in err["loc"]]
    if loc and loc[0] in RECORD_TYPES:  # the discriminator's tag, not a field
        loc = loc[1:]
    message = str(err["msg"]).removeprefix("Value error, ")
    return FeedError(name, line, message, ".".join(loc) or None)


def _jsonl_rows(name: str, text: str) -> Iterator[tuple[int, Any | FeedError]]:
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            yield number, json.loads(raw)
        except json.JSONDecodeError as exc:
            yield number, FeedError(name, number, f"malformed JSON: {exc.msg} (column {exc.colno})")


def _csv_rows(name: str, text: str) -> Iterator[tuple[int, Any | FeedError]]:
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        if not reader.fieldnames or "type" not in reader.fieldnames:
            yield 1, FeedError(name, 1, "CSV header needs a 'type' column")
            return
        start = reader.line_num + 1
        for row in reader:
            if None in row:
                yield start, FeedError(name, start, "more cells than header columns")
            else:
                yield start, _csv_row_to_record(name, start, row)
            start = reader.line_num + 1
    except csv.Error as exc:
        yield reader.line_num, FeedError(name, reader.line_num, f"malformed CSV: {exc}")


def _csv_row_to_record(name: str, line: int, row: dict[str, str]) -> Any:
    """Turn flat CSV cells into the nested record shape (see docs/feeds.md)."""
    record: dict[str, Any] = {}
    for column, cell in row.items():
        value = (cell or "").strip()
        if not value:
            continue
        if column.startswith("attr."):
            record.setdefault("attributes", {})[column[5:]] = value
        elif column == "category":
            sep = " > " if " > " in value else "|"
            record[column] = [part.strip() for part in value.split(sep)]
        elif column in _LIST_COLUMNS:
            record[column] = [part.strip() for part in value.split("|")]
        elif column in _JSON_COLUMNS:
            try:
                record[column] = json.loads(value)
            except json.JSONDecodeError as exc:
                return FeedError(name, line, f"malformed JSON in cell: {exc.msg}", column)
        elif "." in column:
            _set_dotted(record, column.split("."), value)
        else:
            record[column] = value
    return record


def _set_dotted(record: dict[str, Any], path: list[str], value: str) -> None:
    node = record
    for key in path[:-1]:
        node = node.setdefault(key, {})
    node[path[-1]] = value
