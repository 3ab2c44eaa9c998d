"""Streaming guards: what a model may not show in its text, found while the text streams.

A guard takes text as it arrives (``push``) and returns what is certain (``take``) as
spans of plain text and of text to remove. It holds back only the tail that more text
could still turn into (or extend) something to remove, so any split of the same stream
gives the same spans. ``PatternGuard`` removes a pattern's matches (links, directive
fragments); ``graph.price_guard.PriceGuard`` is one too. ``GuardChain`` runs guards in
turn over the same stream: what one removes is a boundary for the next, as a tag is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Protocol

from graph.render_output import DropReason

Span = tuple[str, bool]
"""A piece of guarded text, and whether it is to be removed."""
Guarded = tuple[str, DropReason | None]
"""A piece of text, and why it is removed (None: it is shown)."""
HoldStart = Callable[[str, int], int]
"""Where the tail of ``text[pos:]`` that later text could change starts (``text[:pos]`` is
what came before, for look-behinds)."""


class StreamGuard(Protocol):
    """A guard over streamed text."""

    def push(self, text: str) -> None:
        """Add text to the stream."""

    def take(self, *, final: bool = False) -> list[Span]:
        """The spans that are certain now (all of them when ``final``: the text ends here)."""


class PatternGuard:
    """Removes ``pattern``'s matches from streamed text, holding back from ``hold_start``.

    ``hold_start`` must hold back every tail that could start a match or be extended into
    a longer one. The character before the text taken so far is kept for the pattern's
    look-behinds; a final take is a boundary, after which nothing comes before.
    """

    def __init__(self, pattern: re.Pattern[str], hold_start: HoldStart) -> None:
        self._pattern = pattern
        self._hold_start = hold_start
        self._before = ""
        self._pending = ""

    def push(self, text: str) -> None:
        """Add text to the stream."""
        self._pending += text

    def take(self, *, final: bool = False) -> list[Span]:
        """The spans that are certain now (all of them when ``final``).

        A match that starts before the held tail is settled (the tail's start is the first
        place a match could still grow from), even when it runs into the tail: the hold
        starts again after it.
        """
        text, done = self._before + self._pending, len(self._before)
        spans: list[Span] = []
        while True:
            cut = len(text) if final else max(done, self._hold_start(text, done))
            match = self._pattern.search(text, done)
            if match is None or match.start() >= cut:
                break
            if match.start() > done:
                spans.append((text[done : match.start()], False))
            spans.append((match.group(), True))
            done = match.end()
        if done < cut:
            spans.append((text[done:cut], False))
        self._pending = text[cut:]
        self._before = "" if final else text[cut - 1 : cut] if cut else ""
        return spans


class GuardChain:
    """Guards run in turn: the text one lets through is the next one's stream."""

    def __init__(self, *guards: tuple[StreamGuard, DropReason]) -> None:
        self._guards = guards

    def push(self, text: str) -> None:
        """Add text to the stream."""
        self._guards[0][0].push(text)

    def take(self, *, final: bool = False) -> list[Guarded]:
        """The text that is certain now, each piece with why it is removed, if it is."""
        return self._take(0, final)

    def _take(self, index: int, final: bool) -> list[Guarded]:
        guard, reason = self._guards[index]
        spans = guard.take(final=final)
        if index + 1 == len(self._guards):
            return [(text, reason if removed else None) for text, removed in spans]
        following = self._guards[index + 1][0]
        out: list[Guarded] = []
        for text, removed in spans:
            if removed:  # a boundary: the following guards settle what they hold
                out += self._take(index + 1, final=True)
                out.append((text, reason))
            else:
                following.push(text)
        return out + self._take(index + 1, final)
