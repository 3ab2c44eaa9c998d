"""The account's memory in one turn: what was remembered, what the shopper adds or takes back.

``context`` loads what is remembered; ``plan`` reads the shopper's message for new
preferences and for "forget..." / "what do you remember?"; the turn works with the result
(``active``); ``memorize``, after the thread is written, saves the change. A turn that fails
before then changes nothing.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from graph.planner.memory_asks import MemoryAsk, memory_request, to_forget
from graph.planner.stated_preferences import BrandOf, stated_preferences
from memory.preferences import Preference


class MemoryTurn(BaseModel):
    """The account's memory as this turn found it and changes it."""

    enabled: bool = Field(
        default=False, description="Whether the account has a memory: signed in, with a store."
    )
    remembered: list[Preference] = Field(default_factory=list)
    stated: list[Preference] = Field(
        default_factory=list, description="Preferences the shopper stated this turn."
    )
    forgotten: list[Preference] = Field(
        default_factory=list, description="Remembered preferences the shopper took back."
    )
    ask: MemoryAsk | None = None

    @property
    def active(self) -> list[Preference]:
        """The preferences that hold after this turn (this turn's statements included)."""
        dropped = {p.key for p in self.forgotten} | {p.key for p in self.stated}
        kept = [p for p in self.remembered if p.key not in dropped]
        return kept + self.stated

    @property
    def changed(self) -> bool:
        """Whether the turn adds to or takes from the memory."""
        return bool(self.stated or self.forgotten)


def read_memory_turn(
    message: str,
    remembered: MemoryTurn,
    brand_of: BrandOf,
    *,
    asking_memory: bool,
    thread_id: str | None,
    run_id: str | None,
    at: str,
) -> MemoryTurn:
    """What ``message`` does to the memory loaded for this turn.

    A "forget..." message states nothing new: "forget that I hate Oster" must not be
    remembered as hating Oster. "Forget" counts only in a message the planner filed as
    about memory (``asking_memory``): "I forget the name of that blender" forgets nothing.
    """
    request = memory_request(message)
    if request.ask is not None and (asking_memory or request.ask == "recall"):
        forgotten = to_forget(request, remembered.remembered)
        return remembered.model_copy(update={"ask": request.ask, "forgotten": forgotten})
    stated = [
        p.model_copy(update={"thread_id": thread_id, "run_id": run_id, "at": at})
        for p in stated_preferences(message, brand_of)
    ]
    return remembered.model_copy(update={"stated": stated})
