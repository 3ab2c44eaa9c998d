"""What the streaming renderer (``graph.renderer``) outputs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from graph.directives import Directive

DropReason = Literal["unknown_id", "malformed", "unknown_tag", "unknown_amount", "price", "link"]
"""Why the shopper does not see something as the model wrote it (see ``graph.renderer``)."""


@dataclass(frozen=True, slots=True)
class Text:
    """Text for the shopper."""

    text: str


@dataclass(frozen=True, slots=True)
class Found:
    """A directive whose ids are all allowed, ready to hydrate."""

    directive: Directive


@dataclass(frozen=True, slots=True)
class Dropped:
    """Something the model wrote that the shopper does not see as written."""

    raw: str
    reason: DropReason


RenderOutput = Text | Found | Dropped
"""One renderer output."""
