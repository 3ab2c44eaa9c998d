"""A rich progress bar for long ingests (written to stderr, hidden when not a terminal)."""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TimeElapsedColumn


class RichProgress:
    """Implements ``store.ingest.Progress`` with one bar per phase."""

    def __init__(self, console: Console) -> None:
        self._bar = Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=False,
            disable=not console.is_terminal,
        )
        self._task: TaskID | None = None

    def __enter__(self) -> RichProgress:
        self._bar.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._bar.stop()

    def phase(self, name: str, total: int) -> None:
        """Start a new bar."""
        if self._task is not None:
            self._bar.update(self._task, completed=self._bar.tasks[self._task].total)
        self._task = self._bar.add_task(name, total=total)

    def advance(self, steps: int) -> None:
        """Move the current bar."""
        if self._task is not None:
            self._bar.advance(self._task, steps)
