"""The link guard: web addresses the model types in its text are removed.

A link is a URL with a scheme (``https://cheap-deals.example/login``), a host name with
a top-level domain (``www.shop.example``, ``cheap-deals.example/checkout``,
``CHEAP-DEALS.EXAMPLE``) or an e-mail address. A link a shopper may follow is shown as a
component (``<link id="..."/>``), built from the store's own product links, so text
never needs one: an address in text came from retrieved data or was made up. The store's
own pages are paths (``/products/P1``) and stay. A top-level domain in mixed case ("it's
quiet.It works") is a missing space, not a link.

Streaming: a link has no spaces, so only the last, unfinished word is held back.
"""

from __future__ import annotations

import re

from graph.text_guards import PatternGuard

_STOP = "\\s<>\"'`"
_URL = rf"(?:[^{_STOP}]*[^{_STOP}.,;:!?)\]}}])?"
_LABEL = r"(?i:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)"
_HOST = rf"(?:{_LABEL}\.)+(?:[a-z]{{2,24}}|[A-Z]{{2,24}})(?!\w)"
LINK = re.compile(
    rf"(?i:[a-z][a-z0-9+.-]*://){_URL}"
    rf"|(?:[\w.+-]+@)?{_HOST}(?::\d{{1,5}})?(?:[/?#]{_URL})?"
)
"""A web address or e-mail address, without the punctuation that may follow it."""
_STREAMED = re.compile(rf"(?:{LINK.pattern})[ \t]?")
"""A link in model text, with one space after it (so its removal leaves no gap)."""
_LAST_WORD = re.compile(r"\S*\Z")


def hold_start(text: str, pos: int) -> int:
    """Where the last word of ``text[pos:]`` starts: a link in it may not be complete."""
    found = _LAST_WORD.search(text, pos)
    return len(text) if found is None else found.start()


def link_guard() -> PatternGuard:
    """A guard that removes links from streamed text."""
    return PatternGuard(_STREAMED, hold_start)
