"""The streaming renderer: the model's tokens in, text and directives out, as they arrive.

``StreamRenderer.feed`` takes any chunk of the model's text and returns what is certain;
``close`` ends the stream. Outputs are ``Text``, ``Found`` (a directive to hydrate) and
``Dropped`` (what was kept from the shopper, and why). The rules:

- **Tags.** A tag starts at ``<`` followed by a letter, ``/`` or ``!``; any other ``<`` is
  text ("weighs < 2 kg", "<3", "a <= b"), and so is a ``<`` whose name runs into anything
  but a space, ``/`` or ``>`` ("a<b.", "x<y, z"). A tag ends at the first ``>`` outside a
  quoted value and may be split across any chunks. Text is held back only while a tag is
  open (and see the text guards).
- **Directives** (``graph.directives``) become ``Found`` once their ``>`` arrives. One
  that does not parse is dropped as ``malformed``; one naming an id not in
  ``allowed_ids`` as ``unknown_id``, except that a ``compare`` with at least two allowed
  ids is kept with those (the unknown ones reported in a ``Dropped`` first). A
  ``set_alert`` whose price the shopper did not write is dropped as ``unknown_amount``.
- **Other markup** (``<b>``, ``</b>``, ``<script>``, ``<!-- -->``, ``</product>``) is
  removed as ``unknown_tag``; the text around it stays.
- **Broken tags** are abandoned when another ``<`` or, inside a quoted value, a line break
  comes before their ``>``, when they reach ``MAX_TAG`` characters, or when the stream
  closes. An abandoned tag that looks like markup (a directive's name, a leading ``/``, a
  ``=`` or a quote) is removed as ``malformed``, its text unseen; otherwise it was prose
  ("if a <b then") and is shown. A lone ``<`` at the end of the stream is text.
- **Text guards** (``graph.text_guards``), in turn over the text between tags (tags and
  what a guard removes are boundaries: nothing spans one):
  - *fragments* (``graph.fragment_guard``): what is left of a directive that lost its
    ``<`` (``id="P1"/>``, a lone ``/>``) is removed as ``malformed``;
  - *links* (``graph.link_guard``): a web or e-mail address is removed as ``link``; the
    store links to products with components;
  - *prices* (``graph.price_guard``): a money amount ("$129.99", "USD 40", "30 bucks")
    not in ``allowed_amounts`` is replaced by ``price_placeholder`` and reported as
    ``Dropped(raw, "price")``.
- No empty ``Text``; adjacent text within one call is merged. Every ``Dropped`` is counted
  in ``dropped`` by reason. Any split of the same stream gives the same outputs once
  adjacent ``Text`` are merged.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection

from graph.directives import (
    TAG_NAMES,
    ActionTag,
    CompareTag,
    directive_ids,
    parse_directive,
)
from graph.fragment_guard import fragment_guard
from graph.link_guard import link_guard
from graph.price_guard import PriceGuard
from graph.render_output import Dropped, DropReason, Found, RenderOutput, Text
from graph.text_guards import GuardChain, Guarded

__all__ = ["Dropped", "Found", "RenderOutput", "StreamRenderer", "Text"]

MAX_TAG = 400
"""The longest tag, ``<`` to ``>``; a longer one is abandoned."""
PRICE_PLACEHOLDER = "(see the price on the card)"

_TAG = re.compile(
    r"""<(?P<slash>/?)(?P<name>[A-Za-z!][\w!:-]*)"""
    r"""(?:[\s/](?:[^<>"']|"[^"<\n]*"|'[^'<\n]*')*)?"""
    r"""(?:(?P<end>>)|"[^"<\n]*|'[^'<\n]*)?"""
)

_MARKUP = re.compile("[=\"']")
_ODD_CLOSING = re.compile(r"</[^<>]*>")


class StreamRenderer:
    """Parses the model's streamed text into text, directives and drops (rules: module doc).

    Args:
        allowed_ids: The product ids this turn's retrieval returned; no other is rendered.
        allowed_amounts: Amounts the shopper wrote; the model may echo these.
        price_placeholder: What replaces any other amount the model types.
    """

    def __init__(
        self,
        allowed_ids: Collection[str],
        *,
        allowed_amounts: Collection[float] = (),
        price_placeholder: str = PRICE_PLACEHOLDER,
    ) -> None:
        self._ids = frozenset(allowed_ids)
        self._prices = PriceGuard(allowed_amounts)
        self._guard = GuardChain(
            (fragment_guard(), "malformed"), (link_guard(), "link"), (self._prices, "price")
        )
        self._placeholder = price_placeholder
        self._tag: str | None = None
        self._out: list[RenderOutput] = []
        self.dropped: Counter[str] = Counter()
        """How many times each ``DropReason`` occurred so far."""

    def feed(self, chunk: str) -> list[RenderOutput]:
        """Read the next chunk of the model's text; returns the outputs it made certain."""
        self._read(chunk, final=False)
        self._text(self._guard.take())
        return self._drain()

    def close(self) -> list[RenderOutput]:
        """End the stream: settle an open tag and release the text held back."""
        self._read("", final=True)
        self._text(self._guard.take(final=True))
        return self._drain()

    def _read(self, chunk: str, *, final: bool) -> None:
        pos, size = 0, len(chunk)
        while pos < size or (final and self._tag is not None):
            if self._tag is None:
                at = chunk.find("<", pos)
                if at < 0:
                    self._guard.push(chunk[pos:])
                    return
                self._guard.push(chunk[pos:at])
                self._tag, pos = "", at
            held = self._tag
            buffer = held + chunk[pos : pos + MAX_TAG - len(held)]
            used = self._scan(buffer, final=final)
            if used is None:  # still open; the chunk is used up
                self._tag = buffer
                return
            self._tag = None
            if used < len(held):  # "<" or "</" turned out to be text
                self._read(held[used:], final=final)
            else:
                pos += used - len(held)

    def _scan(self, buffer: str, *, final: bool) -> int | None:
        """Settle the tag at the start of ``buffer``: how much it used, None if still open."""
        if buffer.startswith("</") and not buffer[2:3].isalpha():
            return self._scan_odd_closing(buffer, final=final)
        match = _TAG.match(buffer)
        if match is None:
            if buffer in ("<", "</") and not final:
                return None
            self._guard.push("<")
            return 1
        end = match.end()
        if match.group("end"):
            self._flush()
            self._on_tag(buffer[:end], match.group("name").lower(), bool(match.group("slash")))
        elif end == len(buffer) < MAX_TAG and not final:
            return None
        elif (
            match.group("slash")
            or match.group("name").lower() in TAG_NAMES
            or _MARKUP.search(buffer, 0, end)
        ):
            self._flush()
            self._drop(buffer[:end], "malformed")
        else:
            self._guard.push(buffer[:end])
        return end

    def _scan_odd_closing(self, buffer: str, *, final: bool) -> int | None:
        """``</`` not followed by a name ("</>", "<//>"): markup, removed up to its ``>``."""
        closing = _ODD_CLOSING.match(buffer)
        if closing is not None:
            self._flush()
            self._drop(closing.group(), "unknown_tag")
            return closing.end()
        if "<" not in buffer[1:] and len(buffer) < MAX_TAG and not final:
            return None
        self._guard.push("<")
        return 1

    def _on_tag(self, raw: str, name: str, closing: bool) -> None:
        directive = None if closing or name not in TAG_NAMES else parse_directive(raw)
        if directive is None:
            self._drop(raw, "malformed" if name in TAG_NAMES and not closing else "unknown_tag")
            return
        ids = directive_ids(directive)
        known = [i for i in ids if i in self._ids]
        if len(known) < len(ids):
            self._drop(raw, "unknown_id")
            if not isinstance(directive, CompareTag) or len(known) < 2:
                return
            directive = directive.model_copy(update={"ids": known})
        price = directive.price if isinstance(directive, ActionTag) else None
        if price is not None and not self._prices.allows(price):
            self._drop(raw, "unknown_amount")
            return
        self._out.append(Found(directive))

    def _flush(self) -> None:
        self._text(self._guard.take(final=True))

    def _text(self, spans: list[Guarded]) -> None:
        for text, reason in spans:
            if reason is not None:
                self._drop(text, reason)
                text = self._placeholder if reason == "price" else ""
            if text:
                self._out.append(Text(text))

    def _drop(self, raw: str, reason: DropReason) -> None:
        self.dropped[reason] += 1
        self._out.append(Dropped(raw, reason))

    def _drain(self) -> list[RenderOutput]:
        merged: list[RenderOutput] = []
        for item in self._out:
            last = merged[-1] if merged else None
            if isinstance(item, Text) and isinstance(last, Text):
                merged[-1] = Text(last.text + item.text)
            else:
                merged.append(item)
        self._out = []
        return merged
