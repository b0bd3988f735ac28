"""Progress of a long run on stderr: a rich bar (count, rate, ETA) on a terminal, otherwise a
plain line every PLAIN_EVERY seconds and one at the end, so that a log stays short and readable."""

from __future__ import annotations

import sys
import time
from typing import IO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeRemainingColumn
from rich.text import Text

PLAIN_EVERY = 5.0


class _Rate(ProgressColumn):
    def render(self, task) -> Text:
        return Text(f"{task.speed:.1f} reports/s" if task.speed else "… reports/s", style="progress.data.speed")


class BarProgress:
    """A rich progress bar; `note` prints a line above it."""

    def __init__(self, total: int, stream: IO[str]):
        self._bar = Progress(
            TextColumn("scoring"),
            BarColumn(),
            MofNCompleteColumn(),
            _Rate(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=Console(file=stream),
        )
        self._task = self._bar.add_task("scoring", total=total)

    def __enter__(self):
        self._bar.start()
        return self

    def __exit__(self, *exc_info):
        self._bar.stop()

    def advance(self) -> None:
        self._bar.advance(self._task)

    def note(self, line: str) -> None:
        self._bar.console.print(line, markup=False, highlight=False)


class PlainProgress:
    """Periodic plain lines: 'rolscore: 412/1000 reports, 96.1/s, about 6 s left'."""

    def __init__(self, total: int, stream: IO[str]):
        self.total = total
        self.stream = stream
        self.count = self.reported = 0
        self.started = self.last = time.monotonic()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        if self.count != self.reported:
            self._line()

    def advance(self) -> None:
        self.count += 1
        if time.monotonic() - self.last >= PLAIN_EVERY:
            self._line()

    def note(self, line: str) -> None:
        print(line, file=self.stream, flush=True)

    def _line(self) -> None:
        self.last = time.monotonic()
        self.reported = self.count
        rate = self.count / max(self.last - self.started, 1e-9)
        left = f", about {(self.total - self.count) / rate:.0f} s left" if self.count < self.total else ""
        self.note(f"rolscore: {self.count}/{self.total} reports, {rate:.1f}/s{left}")


def progress_for(total: int, stream: IO[str] | None = None) -> BarProgress | PlainProgress:
    """A bar when `stream` (default stderr) is a terminal, plain lines otherwise."""
    stream = stream or sys.stderr
    return BarProgress(total, stream) if stream.isatty() else PlainProgress(total, stream)
