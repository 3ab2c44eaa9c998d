"""Where the answer goes as it is written: token and component events, and the record.

Takes the renderer's outputs (or the composer's directives), hydrates each directive
from the store the moment it is complete, and streams it. Action proposals appear only
when the shopper asked for an action: text from retrieval can't conjure one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from langgraph.types import StreamWriter

from graph.components import Component
from graph.directives import ActionTag, Directive
from graph.events import ComponentEvent, TokenEvent
from graph.hydrate import hydrate
from graph.renderer import Dropped, Found, RenderOutput, Text
from store.catalog import Catalog

DropReason = str
"""Why a directive was not shown ("action_not_requested", "no_data", or a renderer's)."""


class AnswerStream:
    """Streams one answer and keeps what the shopper saw."""

    def __init__(self, emit: StreamWriter, catalog: Catalog, *, actions_allowed: bool) -> None:
        self._emit = emit
        self._catalog = catalog
        self._actions_allowed = actions_allowed
        self._text: list[str] = []
        self._notes: list[dict[str, Any]] = []
        self.components: list[dict[str, Any]] = []
        self.dropped: Counter[str] = Counter()

    def note(self, event: dict[str, Any]) -> None:
        """Send ``event`` (a ``metadata`` note) just before the answer's next output.

        A note written the moment a model fails was at times lost by LangGraph's custom
        stream (seen with a refused connection, then the embedded model loading); sent
        with the next output, it always arrives, and still before what it announces.
        """
        self._notes.append(event)

    def _flush_notes(self) -> None:
        for event in self._notes:
            self._emit(event)
        self._notes.clear()

    @property
    def text(self) -> str:
        """The answer's text so far, as the shopper read it."""
        return "".join(self._text)

    def write(self, text: str) -> None:
        """Stream a piece of text."""
        if text:
            self._flush_notes()
            self._text.append(text)
            self._emit(TokenEvent(text=text).model_dump(mode="json"))

    def paragraph(self) -> None:
        """Start a new paragraph, unless nothing was written yet or one just started."""
        if self._text and not self.text.endswith("\n\n"):
            self.write("\n\n")

    async def show(self, directive: Directive) -> None:
        """Hydrate a directive and stream its component (or count why it was not shown)."""
        self.present(await self.prepare(directive))

    async def prepare(self, directive: Directive) -> Component | DropReason:
        """The directive's component, hydrated from the store, or why there is none."""
        if isinstance(directive, ActionTag) and not self._actions_allowed:
            return "action_not_requested"
        component = await hydrate(directive, self._catalog)
        return "no_data" if component is None else component

    def present(self, prepared: Component | DropReason) -> None:
        """Stream a prepared component (or count why it was not shown)."""
        if isinstance(prepared, str):
            self.dropped[prepared] += 1
            return
        self._flush_notes()
        self.components.append(prepared.model_dump(mode="json"))
        self._emit(ComponentEvent(component=prepared).model_dump(mode="json"))

    async def render(self, outputs: Iterable[RenderOutput]) -> None:
        """Apply the renderer's outputs in order."""
        for output in outputs:
            if isinstance(output, Text):
                self.write(output.text)
            elif isinstance(output, Found):
                await self.show(output.directive)
            elif isinstance(output, Dropped):
                self.dropped[output.reason] += 1
