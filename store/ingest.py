"""Ingest: validate everything, then write it in one transaction, then update the indexes.

A feed with a bad line loads nothing (unless the caller skips invalid records), and a
failure while writing rolls the whole ingest back: the store is either fully updated or
exactly as it was.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from store import schema
from store.catalog import Catalog
from store.feeds import FeedError, FeedItem, read_feed
from store.progress import Progress, QuietProgress
from store.records import OfferRecord, PricePointRecord, ProductRecord, Record
from store.upsert import WriteStats
from store.writer import write_records


class IngestError(Exception):
    """The feeds had invalid records and nothing was loaded."""

    def __init__(self, errors: Sequence[FeedError]) -> None:
        self.errors = list(errors)
        super().__init__(f"{len(self.errors)} invalid record(s); nothing was loaded")


@dataclass
class IngestReport:
    """What an ingest did."""

    records: int = 0
    skipped: int = 0
    errors: list[FeedError] = field(default_factory=list)
    written: WriteStats = field(default_factory=WriteStats)
    vectors_updated: int = 0


def ingest_paths(
    catalog: Catalog,
    paths: Sequence[Path],
    *,
    skip_invalid: bool = False,
    progress: Progress | None = None,
) -> IngestReport:
    """Load feed files (``.jsonl``/``.csv``); see ``docs/feeds.md`` for their schema."""
    items: list[FeedItem] = []
    errors: list[FeedError] = []
    for path in paths:
        parsed = read_feed(path)
        items.extend(parsed.items)
        errors.extend(parsed.errors)
    return ingest_items(catalog, items, errors, skip_invalid=skip_invalid, progress=progress)


def ingest_items(
    catalog: Catalog,
    items: Sequence[FeedItem],
    errors: Sequence[FeedError] = (),
    *,
    skip_invalid: bool = False,
    progress: Progress | None = None,
) -> IngestReport:
    """Cross-check validated items, write them in one transaction, update the indexes."""
    progress = progress or QuietProgress()
    found = list(errors)
    good, problems = cross_check(catalog, items)
    found.extend(problems)
    if found and not skip_invalid:
        raise IngestError(sorted(found, key=lambda e: (e.path, e.line)))
    bad_lines = {(error.path, error.line) for error in found}
    report = IngestReport(records=len(good), skipped=len(bad_lines), errors=found)
    records = [item.record for item in good]
    progress.phase("writing", len(records))
    with catalog.engine.begin() as conn:
        report.written = write_records(
            conn, records, now=catalog.clock(), progress=progress.advance
        )
    report.vectors_updated = catalog.sync_indexes(progress)
    return report


def record_key(record: Record) -> tuple[str, ...]:
    """What identifies a record within a load: two records with one key are ambiguous."""
    if isinstance(record, OfferRecord):
        return ("offer", record.product_id)
    if isinstance(record, PricePointRecord):
        return ("price_point", record.product_id, record.at.isoformat())
    return (record.type, record.id)


def cross_check(
    catalog: Catalog, items: Sequence[FeedItem]
) -> tuple[list[FeedItem], list[FeedError]]:
    """Find duplicate ids and references to unknown products; return the good items too."""
    errors: list[FeedError] = []
    first_seen: dict[tuple[str, ...], FeedItem] = {}
    unique: list[FeedItem] = []
    for item in items:
        keys = [record_key(item.record)]
        if isinstance(item.record, ProductRecord) and item.record.offer is not None:
            keys.append(("offer", item.record.id))
        clash = next((first_seen[k] for k in keys if k in first_seen), None)
        if clash is not None:
            where = "line" if clash.path == item.path else f"{clash.path} line"
            errors.append(
                FeedError(
                    item.path,
                    item.line,
                    f"duplicate of {where} {clash.line}",
                    _id_field(item.record),
                )
            )
            continue
        first_seen.update({k: item for k in keys})
        unique.append(item)
    known = _known_products(catalog, unique)
    good = []
    for item in unique:
        record = item.record
        if not isinstance(record, ProductRecord) and record.product_id not in known:
            errors.append(
                FeedError(
                    item.path, item.line, f"unknown product {record.product_id!r}", "product_id"
                )
            )
        else:
            good.append(item)
    return good, errors


def _id_field(record: Record) -> str:
    return "product_id" if isinstance(record, OfferRecord | PricePointRecord) else "id"


def _known_products(catalog: Catalog, items: Iterable[FeedItem]) -> set[str]:
    known = {item.record.id for item in items if isinstance(item.record, ProductRecord)}
    wanted = sorted(
        {item.record.product_id for item in items if not isinstance(item.record, ProductRecord)}
        - known
    )
    products = schema.products
    with catalog.engine.connect() as conn:
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            known.update(
                conn.execute(select(products.c.id).where(products.c.id.in_(chunk))).scalars()
            )
    return known
