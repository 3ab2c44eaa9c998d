"""Conversation measures computed from thread events: pure, so each figure is testable.

The measures, over the events of one window (``ThreadEvents.between``):

- **sessions**: threads with at least one question in the window (a thread is a session);
- **sessions adding to cart** and their **share** of sessions;
- **time to add**: per session that added, from its first question to its first add-to-cart
  (clamped at 0), as the median and 90th percentile in seconds (linear interpolation
  between the closest ranks, so the median of an even count is the mean of the middle two);
- **accessory attachment rate**: among sessions that added a *primary* product to the cart,
  the share that also added an *accessory of* one of those primaries, in either order, in
  the same session and window. Primary, accessory and "of" are defined from the catalog's
  category paths in ``memory.accessories``. Products the catalog no longer knows are left
  out of the attachment figures (they still count as adding to cart);
- **sessions ordering**: sessions that placed an order from the thread.

A rate over no sessions is ``None``, not 0: "nobody came" is not "nobody bought". Events of a
thread outside the window are not seen, so a session that began before ``since`` counts by
its questions inside it. A question is stamped when its turn is written, i.e. once the
answer is done, so time to add is measured from the end of the first answer.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from pydantic import BaseModel, Field

from memory.accessories import accessory_of, is_accessory
from memory.thread_events import ThreadEvent


class Kpis(BaseModel):
    """The conversation measures of one window."""

    since: dt.datetime | None = Field(default=None, description="Window start (naive UTC).")
    until: dt.datetime | None = Field(default=None, description="Window end, excluded.")
    sessions: int = Field(default=0, description="Threads with at least one question.")
    sessions_adding_to_cart: int = 0
    add_to_cart_share: float | None = Field(default=None, description="Of sessions, 0 to 1.")
    seconds_to_add_median: float | None = None
    seconds_to_add_p90: float | None = None
    sessions_with_primary: int = Field(default=0, description="Sessions adding a primary.")
    sessions_attaching_accessory: int = Field(
        default=0, description="Of those, sessions also adding an accessory of a primary."
    )
    accessory_attachment_rate: float | None = Field(
        default=None, description="sessions_attaching_accessory / sessions_with_primary."
    )
    sessions_ordering: int = 0


@dataclass
class Session:
    """One thread's events, folded into what the measures need."""

    first_question: dt.datetime
    first_add: dt.datetime | None = None
    added: set[str] = field(default_factory=set)
    ordered: bool = False

    @property
    def seconds_to_add(self) -> float | None:
        """From the first question to the first add-to-cart; ``None`` if nothing was added."""
        if self.first_add is None:
            return None
        return max(0.0, (self.first_add - self.first_question).total_seconds())


def sessions_of(events: Iterable[ThreadEvent]) -> list[Session]:
    """The sessions among ``events``: threads with a question, in any event order."""
    by_thread: dict[str, list[ThreadEvent]] = defaultdict(list)
    for event in events:
        by_thread[event.thread_id].append(event)
    found = []
    for thread in by_thread.values():
        questions = [e.at for e in thread if e.kind == "question"]
        if not questions:
            continue
        adds = [e for e in thread if e.kind == "add_to_cart"]
        found.append(
            Session(
                first_question=min(questions),
                first_add=min((e.at for e in adds), default=None),
                added={e.product_id for e in adds if e.product_id is not None},
                ordered=any(e.kind == "order" for e in thread),
            )
        )
    return found


def attachment(
    added: Iterable[str], categories: Mapping[str, str], words: frozenset[str] | None = None
) -> tuple[bool, bool]:
    """Whether products ``added`` hold a primary, and an accessory of one of those primaries."""
    paths = [categories[pid] for pid in added if pid in categories]
    primaries = [path for path in paths if not is_accessory(path, words)]
    extras = [path for path in paths if is_accessory(path, words)]
    attached = any(accessory_of(a, p, words) for a in extras for p in primaries)
    return bool(primaries), attached


def percentile(values: Sequence[float], q: float) -> float | None:
    """The ``q`` quantile (0 to 1) by linear interpolation; ``None`` for no values."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def compute_kpis(
    events: Iterable[ThreadEvent],
    categories: Mapping[str, str],
    *,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    words: frozenset[str] | None = None,
) -> Kpis:
    """The measures of ``events`` (one window's), with product id -> category path."""
    sessions = sessions_of(events)
    waits = [s.seconds_to_add for s in sessions if s.seconds_to_add is not None]
    attached = [attachment(s.added, categories, words) for s in sessions if s.added]
    with_primary = sum(1 for primary, _ in attached if primary)
    attaching = sum(1 for primary, extra in attached if primary and extra)
    return Kpis(
        since=since,
        until=until,
        sessions=len(sessions),
        sessions_adding_to_cart=len(waits),
        add_to_cart_share=len(waits) / len(sessions) if sessions else None,
        seconds_to_add_median=percentile(waits, 0.5),
        seconds_to_add_p90=percentile(waits, 0.9),
        sessions_with_primary=with_primary,
        sessions_attaching_accessory=attaching,
        accessory_attachment_rate=attaching / with_primary if with_primary else None,
        sessions_ordering=sum(1 for s in sessions if s.ordered),
    )
