"""Answers about the account's memory, written in code: what was kept, forgotten, recalled."""

from __future__ import annotations

from collections.abc import Sequence

from graph.composer.composition import Composition
from graph.memory_turn import MemoryTurn
from memory.preferences import Preference
from prompts import render_prompt


def compose_memory(memory: MemoryTurn) -> Composition:
    """The answer to "remember...", "forget..." or "what do you remember about me?"."""
    if not memory.enabled:
        return Composition(text=render_prompt("account_memory"))
    if memory.ask == "recall":
        if not memory.remembered:
            return Composition(text=render_prompt("memory_recall_empty"))
        listed = "\n".join(f"- {_dated(p)}" for p in memory.remembered)
        return Composition(text=render_prompt("memory_recall", facts=listed))
    if memory.ask == "forget_all":
        return Composition(text=render_prompt("memory_forgot_all", count=len(memory.forgotten)))
    if memory.ask == "forget":
        if not memory.forgotten:
            return Composition(text=render_prompt("memory_forget_unknown"))
        return Composition(text=render_prompt("memory_forgot", facts=listing(memory.forgotten)))
    if memory.stated:
        return Composition(text=render_prompt("memory_kept", facts=listing(memory.stated)))
    return Composition(text=render_prompt("memory_nothing"))


def listing(preferences: Sequence[Preference]) -> str:
    """Preferences as one phrase: "you prefer Sony, you wear size M and you're vegan"."""
    return and_list([p.describe() for p in preferences])


def and_list(phrases: Sequence[str]) -> str:
    """Phrases joined as a sentence lists them: "a", "a and b", "a, b and c"."""
    if len(phrases) <= 1:
        return "".join(phrases)
    return ", ".join(phrases[:-1]) + " and " + phrases[-1]


def _dated(preference: Preference) -> str:
    day = f" (you told me on {preference.at[:10]})" if preference.at else ""
    return preference.describe()[0].upper() + preference.describe()[1:] + day
