"""What an answer is made of when code decides its structure."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from graph.directives import Directive
from graph.evidence import Evidence
from graph.plan import Plan


@dataclass
class Composition:
    """What an answer is made of, in order: model opening, code text, components."""

    opening: str | None = None
    """Instruction for the model's opening line; None when the model is not needed."""
    facts: list[str] = field(default_factory=list)
    """Short facts the model may use in its opening line."""
    lead: str = ""
    """The opening line written in code, used when the model's is unusable."""
    text: str = ""
    """Sentences written in code from the store's data."""
    directives: list[Directive] = field(default_factory=list)


Composer = Callable[[Plan, Evidence], Composition]
"""Builds the composition of one intent's answer."""
