"""The fragment guard: pieces of a directive that lost its ``<`` are removed from text.

The renderer reads a tag from its ``<``; a model that drops it writes the rest as text:
``Or see product id="P1"/> for details.`` A fragment is a run of attributes with a quoted
value (``id="P1" quantity="2"``), a run of unquoted ones closed by ``>`` or ``/>``
(``id=P1/>``), or a lone ``/>``. Its attributes go, and one space after it; the name
before them ("product") is a word and stays. An attribute is a name, ``=`` and a value
with no space before the ``=``: prose does not write one, so "x = 5" is text, and so
is "x=5" without a quote or a tag's end.

Streaming: a trailing piece that could still become (or grow) a fragment is held back:
a word that could be an attribute's name, an open value, attributes that a ``/>`` could
still close, a ``/``.
"""

from __future__ import annotations

import re

from graph.text_guards import PatternGuard

_NAME = r"[A-Za-z_][\w:.-]{0,60}"
_QUOTED = "\"[^\"<>\\n]{0,200}\"|'[^'<>\\n]{0,200}'"
_BARE = "[^\\s\"'<>=/`]{1,200}"
_ATTR = rf"{_NAME}=[ \t]*(?:{_QUOTED}|{_BARE})"
_QUOTED_ATTR = rf"{_NAME}=[ \t]*(?:{_QUOTED})"
_BARE_ATTR = rf"{_NAME}=[ \t]*{_BARE}"
_GAP = r"[ \t]*"
_END = r"[ \t]*/?[ \t]*>"
_START = r"(?<![A-Za-z_.:/=-])"  # not inside a name; after a number, as the price guard
# may yet remove "$40" from "$40id=..." and leave the rest
FRAGMENT = re.compile(
    rf"{_START}(?:{_ATTR}(?:{_GAP}{_ATTR})*{_END}"
    rf"|(?:{_BARE_ATTR}{_GAP})*{_QUOTED_ATTR}(?:{_GAP}{_ATTR})*)"
    r"|/[ \t]*>"
)
"""Attributes with a quoted value or a tag's end, or a lone ``/>``."""
_STREAMED = re.compile(rf"(?:{FRAGMENT.pattern})[ \t]?")

_OPEN_VALUE = "\"[^\"<>\\n]{0,200}|'[^'<>\\n]{0,200}|[^\\s\"'<>=/`]{0,200}"
_HOLD = re.compile(
    rf"{_START}(?:{_ATTR}{_GAP})*{_NAME}(?:=[ \t]*(?:{_OPEN_VALUE}))?\Z"
    rf"|{_START}(?:{_ATTR}{_GAP})+(?:/[ \t]*)?(?:>[ \t]?)?\Z"
    r"|/[ \t]*(?:>[ \t]?)?\Z"
)
"""A tail that more text could make a fragment or make a fragment longer."""


def hold_start(text: str, pos: int) -> int:
    """Where the tail of ``text[pos:]`` that could still be part of a fragment starts."""
    found = _HOLD.search(text, pos)
    return len(text) if found is None else found.start()


def fragment_guard() -> PatternGuard:
    """A guard that removes directive fragments from streamed text."""
    return PatternGuard(_STREAMED, hold_start)
