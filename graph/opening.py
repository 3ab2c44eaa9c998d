"""The local model's opening line: streamed once its first words read as an opening.

A 135M-parameter model often refuses ("I'm sorry, as a shopping assistant I'm not
equipped...") or copies its prompt back. The gate holds back the first few words, checks
them, and then streams the rest as it comes, stopping if the line turns into a copy of its
prompt. A line rejected before anything was shown is replaced by the composer's lead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from graph.generation import looks_like_text

HOLD_WORDS = 6
"""Words held back before the line is judged (refusals and echoes show in the first few)."""
MAX_CHARS = 220
_REFUSAL = re.compile(
    r"\b(?:i'?m sorry|i am sorry|sorry for|not equipped|as an? (?:ai|language model|shopping"
    r" assistant)|i (?:can(?:no|')t|am unable|'m unable)|confusion)\b",
    re.IGNORECASE,
)
_PROMPT_ECHO = re.compile(r"\(?found:|request:|products found|never mention|;", re.IGNORECASE)


def acceptable_opening(text: str, facts: Sequence[str]) -> bool:
    """Whether the model's opening line (so far) can be shown as it is."""
    line = text.strip()
    if (
        not looks_like_text(line)
        or len(line) > MAX_CHARS
        or _REFUSAL.search(line)
        or _PROMPT_ECHO.search(line)
    ):
        return False
    lowered = line.lower()
    return sum(1 for fact in facts if fact and fact.lower() in lowered) < 2


def words(text: str) -> list[str]:
    """``text`` cut into word-sized pieces for streaming (spaces kept)."""
    return re.findall(r"\s*\S+\s*", text)


class OpeningGate:
    """Decides, as the model streams, what of its opening line the shopper sees."""

    def __init__(self, facts: Sequence[str], lead: str) -> None:
        self._facts = facts
        self._lead = lead
        self._line = ""
        self._shown = 0
        self.open = False
        """The first words passed: the line is streaming."""
        self.stopped = False
        """Nothing more of the model's line will be shown."""
        self.finished = False
        """The line ended (a newline after some text): the model may stop."""

    def feed(self, chunk: str) -> str:
        """What of ``chunk`` to show now."""
        if self.stopped or self.finished:
            return ""
        line = self._line + chunk
        if not self._line:
            line = line.lstrip()  # the line starts at the model's first word
        if "\n" in line:  # one line only
            line, self.finished = line.split("\n", 1)[0], True
        self._line = line
        if not self.open and not self.finished and len(line.split()) <= HOLD_WORDS:
            return ""
        return self._release()

    def close(self) -> str:
        """The rest, at the end of the line: held words that pass, else the lead."""
        if self.open:
            return ""
        if not self.stopped and acceptable_opening(self._line, self._facts):
            self.open = True
            return self._line
        return self._lead

    def _release(self) -> str:
        """Everything not shown yet, if the line so far passes; else stop the line."""
        if not acceptable_opening(self._line, self._facts):
            self.stopped = True
            return ""
        self.open = True
        shown, self._shown = self._line[self._shown :], len(self._line)
        return shown
