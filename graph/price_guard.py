"""The price guard: money amounts the model types in its text are never shown as typed.

A money amount is a number with a currency: ``$129.99``, ``US$ 40``, ``USD 40``, ``£30``,
``€ 25``, ``30€``, ``129 dollars``, ``30 bucks``, ``99 cents``, ``$1.2k``, and ranges of
them (``$100-150``, ``100 to 150 euros``). A bare number ("600 W", "2 kids") is not money,
and neither is "5 pounds" (a weight as often as a price). An amount the shopper wrote
themselves (``allowed``) may be echoed; any other is replaced (see ``graph.renderer``).

Streaming: ``PriceGuard.take`` returns only text that no later text can turn into (or
extend) an amount. Amounts live inside runs of "money-ish" words (a digit or currency
symbol, a currency code or word, a range's "to" or dash), so the guard holds back the
trailing run of such words plus the last, unfinished word, and nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Collection

_CODES = "USD|EUR|GBP|CAD|AUD|NZD|CHF|JPY|CNY|INR|SEK|NOK|DKK|PLN|MXN|BRL|HKD|SGD"
_WORDS = "dollars?|bucks?|euros?|cents?|pence|quid|yen|rupees?"
_SP = "[ \u00a0\u202f\u2009]?"
_NUM = r"\d(?:[\d,.]*\d)?(?:[kK]\b)?"
_PREFIX = rf"(?:\b[A-Z]{{1,2}}\$|[$£€¥₹]|\b(?:{_CODES})\b)"
_SUFFIX = rf"(?:[€£¥₹¢]|\b(?:{_CODES})\b|\b(?i:{_WORDS})\b)"
_TO = rf"{_SP}(?:-|–|\bto\b){_SP}"
MONEY = re.compile(
    rf"{_PREFIX}{_SP}{_NUM}(?:{_TO}(?:{_PREFIX}{_SP})?{_NUM})?(?:{_SP}{_SUFFIX})?"
    rf"|(?<![\w.,]){_NUM}(?:{_TO}{_NUM})?{_SP}{_SUFFIX}"
)
"""A money amount, or a range of two, with its currency."""

_MONEYISH = re.compile(rf"[\d$£€¥₹¢]|\A(?:-|–|to)\Z|\b(?:{_CODES})\b|\b(?i:{_WORDS})\b")
_NUMBER = re.compile(_NUM)
_CENTS = re.compile(r"(?i:cents?|pence|¢)\Z")
_SPACES = " \n"
"""Word separators for holding back (a tab is part of a word: that only holds more back)."""

Span = tuple[str, bool]
"""A piece of guarded text, and whether it is an amount to replace."""


def parse_amount(number: str) -> float:
    """The value of a number as written: ``1,299.99``, ``1.299,99``, ``25,50``, ``1.2k``."""
    scale = 1000.0 if number[-1] in "kK" else 1.0
    digits = number.rstrip("kK")
    last = max(digits.rfind(","), digits.rfind("."))
    if last >= 0 and len(digits) - last - 1 in (1, 2):
        whole, fraction = digits[:last], digits[last + 1 :]
    else:
        whole, fraction = digits, "0"
    return float(f"{re.sub('[,.]', '', whole) or '0'}.{fraction}") * scale


def amounts(money: str) -> list[float]:
    """The amounts in one match of ``MONEY``, rounded to cents."""
    scale = 0.01 if _CENTS.search(money) else 1.0
    return [round(parse_amount(n) * scale, 2) for n in _NUMBER.findall(money)]


def mentioned_amounts(text: str) -> set[float]:
    """Every number in ``text`` (with or without a currency): what a shopper may see echoed."""
    found = {a for m in MONEY.finditer(text) for a in amounts(m.group())}
    return found | {round(parse_amount(n), 2) for n in _NUMBER.findall(text)}


def _word_start(text: str, end: int) -> int:
    return max(text.rfind(" ", 0, end), text.rfind("\n", 0, end)) + 1


def hold_start(text: str) -> int:
    """Where the tail of ``text`` that later text could make part of an amount starts."""
    start = len(text)
    if start and text[-1] not in _SPACES:
        start = _word_start(text, start)
    while start:
        end = start
        while end and text[end - 1] in _SPACES:
            end -= 1
        if not end:
            return start
        word = _word_start(text, end)
        if not _MONEYISH.search(text[word:end]):
            return start
        start = word
    return 0


class PriceGuard:
    """Splits streamed text into plain text and amounts to replace."""

    def __init__(self, allowed: Collection[float] = ()) -> None:
        self._allowed = frozenset(round(float(a), 2) for a in allowed)
        self._pending = ""

    def push(self, text: str) -> None:
        """Add text to the stream."""
        self._pending += text

    def take(self, *, final: bool = False) -> list[Span]:
        """The spans that are certain now (all of them when ``final``: the text ends here)."""
        cut = len(self._pending) if final else hold_start(self._pending)
        if not cut:
            return []
        ready, self._pending = self._pending[:cut], self._pending[cut:]
        return self.split(ready)

    def split(self, text: str) -> list[Span]:
        """Split complete text into plain spans and amounts that were not allowed."""
        spans: list[Span] = []
        done = 0
        for match in MONEY.finditer(text):
            if all(a in self._allowed for a in amounts(match.group())):
                continue
            if match.start() > done:
                spans.append((text[done : match.start()], False))
            spans.append((match.group(), True))
            done = match.end()
        if done < len(text):
            spans.append((text[done:], False))
        return spans

    def allows(self, amount: float) -> bool:
        """Whether the shopper wrote ``amount``."""
        return round(amount, 2) in self._allowed
