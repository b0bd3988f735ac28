"""Score many reports in worker processes, streaming the results to disk.

Each worker builds a checklist's Matcher (and jieba) once, when a report first needs it (with
--checklist auto, a report's year picks the checklist). It scores a report, writes the report's
Markdown and JSON files itself, and hands back a small Row plus the JSON line. The parent
appends the lines to results.jsonl in input order, keeps only the Rows for the summaries, and
never has more than WINDOW_PER_WORKER reports per worker in flight, so memory does not grow with
the number of reports. The first Ctrl-C stops starting reports, lets the running ones finish and
keeps everything finished; results.jsonl then covers exactly the reports the summaries cover.
"""

from __future__ import annotations

import copy
import gc
import io
import pickle
import signal
import sys
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, NamedTuple

from scorer.errors import InputError
from scorer.limits import DEFAULT_LIMITS, Limits
from scorer.models import STATUSES, Analysis, Checklist, Status
from scorer.checklist import choosable
from scorer.pipeline import read_and_score
from scorer.printable import printable
from scorer.render.core import output_stems, render_report, write_atomic
from scorer.render.html import HtmlReporter
from scorer.render.htmlpage import INDEX
from scorer.render.jsonreport import json_line
from scorer.render.markdown import MarkdownReporter
from scorer.timeliness import MonthDay

RESULTS = "results.jsonl"
RESERVED_STEMS = frozenset({"summary", "results", "index"})
"""Stems of the summary files: a report named like one gets a suffix instead of overwriting it."""
WINDOW_PER_WORKER = 4
POLL_SECONDS = 0.2
WORKER_GC_THRESHOLD = 10_000
"""New objects between a worker's garbage collections (Python's default, 700, ran three a report)."""


class Row(NamedTuple):
    """What the summaries need of one scored report; tuples follow its checklist's order. A named
    tuple, as it crosses a pipe and the spool once or more per report: a tuple pickles and loads
    in C, where a frozen dataclass runs Python for every field."""

    index: int
    source: str
    stem: str
    checklist: str
    chosen_by: str
    title: str | None
    issuer: str | None
    year: int | None
    document_type: str
    overall: float
    sections: tuple[float, ...]
    statuses: tuple[Status, ...]
    counts: tuple[int, ...]
    structure_total: int
    structure_missing: tuple[str, ...]
    timeliness: str
    published: str | None
    deadline: str | None
    specific_share: float | None

    @property
    def structure_found(self) -> int:
        return self.structure_total - len(self.structure_missing)

    @classmethod
    def of(cls, index: int, stem: str, analysis: Analysis) -> Row:
        return cls(
            index=index,
            source=analysis.source,
            stem=stem,
            checklist=analysis.checklist.id,
            chosen_by=analysis.checklist.chosen_by,
            title=analysis.metadata.title,
            issuer=analysis.metadata.issuer,
            year=analysis.metadata.year,
            document_type=analysis.metadata.document_type,
            overall=analysis.overall_score,
            sections=tuple(section.score for section in analysis.sections),
            statuses=tuple(result.status for result in analysis.elements),
            counts=tuple(analysis.counts[status] for status in STATUSES),
            structure_total=len(analysis.structure),
            structure_missing=tuple(part.id for part in analysis.structure if part.status == "missing"),
            timeliness=analysis.timeliness.status,
            published=analysis.metadata.published,
            deadline=analysis.timeliness.deadline,
            specific_share=analysis.specific_share,
        )


@dataclass(frozen=True)
class Failure:
    """A file that could not be scored, and why (one line)."""

    index: int
    source: str
    reason: str


class RowSpool:
    """The rows of a run, kept in a temporary file rather than in memory, so that the parent's
    memory does not grow with the number of reports. Read back in input order as often as the
    summaries need, one row by its position (for the ranking), a matrix table's worth at a time
    (chunks), or only the rows scored against one checklist (of)."""

    def __init__(self):
        self._file = tempfile.TemporaryFile()
        self._offsets: list[int] = []
        self._checklists: list[str] = []
        """Row.checklist at each offset (interned: one string per checklist), to select by it
        without reading the rows."""

    def append(self, row: Row) -> None:
        self._file.seek(0, io.SEEK_END)
        self._offsets.append(self._file.tell())
        self._checklists.append(sys.intern(row.checklist))
        pickle.dump(row, self._file, protocol=pickle.HIGHEST_PROTOCOL)

    def of(self, checklist: str) -> RowSpool:
        """The rows scored against `checklist`, in input order: a view reading the same file (to
        read, not to append to or close)."""
        view = copy.copy(self)
        view._offsets = [offset for offset, used in zip(self._offsets, self._checklists) if used == checklist]
        view._checklists = [checklist] * len(view._offsets)
        return view

    def __len__(self) -> int:
        return len(self._offsets)

    def __iter__(self) -> Iterator[Row]:
        for position in range(len(self._offsets)):
            yield self[position]

    def __getitem__(self, position: int) -> Row:
        self._file.seek(self._offsets[position])
        return pickle.load(self._file)

    def chunks(self, size: int) -> Iterator[list[Row]]:
        for first in range(0, len(self), size):
            yield [self[position] for position in range(first, min(first + size, len(self)))]

    def close(self) -> None:
        self._file.close()


@dataclass
class Outcome:
    """A batch run as the summaries see it: rows and failures in input order, and the checklists
    the rows can name (Row.checklist), by id."""

    checklists: dict[str, Checklist]
    total: int
    rows: RowSpool = field(default_factory=RowSpool)
    failures: list[Failure] = field(default_factory=list)
    interrupted: bool = False

    @property
    def scored(self) -> int:
        return len(self.rows)

    @property
    def done(self) -> int:
        return self.scored + len(self.failures)


@dataclass(frozen=True)
class _Task:
    index: int
    path: Path
    out: Path
    stem: str
    html: bool = False


_checklist: Checklist | str | None = None
_deadline: MonthDay | None = None
_limits: Limits = DEFAULT_LIMITS


def _start_worker(checklist: Checklist | str, deadline: MonthDay, limits: Limits) -> None:
    """Pool initializer; Ctrl-C is the parent's to handle. Scoring leaves no reference cycles, so
    the garbage collector is kept out of the way: what is loaded here lives as long as the process
    and is never scanned again, and collections are rare. The Matchers (pipeline.matcher_for) are
    built by the first report that needs each."""
    global _checklist, _deadline, _limits
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _checklist, _deadline, _limits = checklist, deadline, limits
    gc.freeze()
    gc.set_threshold(WORKER_GC_THRESHOLD)


def _score(task: _Task) -> tuple[Row | Failure, bytes | None]:
    """Score one report and write its Markdown and JSON (and HTML page if asked); a file that
    fails is a Failure. The JSON line goes back as bytes, encoded once for both files."""
    try:
        document, analysis = read_and_score(task.path, _checklist, _deadline, limits=_limits)
        line = json_line(analysis)
        render_report(task.out / f"{task.stem}.md", MarkdownReporter(), analysis)
        if task.html:
            render_report(task.out / f"{task.stem}.html", HtmlReporter(document, index=INDEX), analysis)
        write_atomic(task.out / f"{task.stem}.json", lambda outfile: outfile.write(line), binary=True)
    except InputError as exc:
        return Failure(task.index, str(task.path), exc.reason), None
    except OSError as exc:
        return Failure(task.index, str(task.path), f"cannot write {printable(exc.filename)}: {exc.strerror or exc}"), None
    except Exception as exc:  # noqa: BLE001 - one file's crash must not stop the others
        return Failure(task.index, str(task.path), f"internal error: {type(exc).__name__}: {exc}"), None
    return Row.of(task.index, task.stem, analysis), line


def batch_stems(paths: list[Path]) -> dict[Path, str]:
    """output_stems, kept clear of the summary files' names."""
    return output_stems(paths, reserved=RESERVED_STEMS)


def run_batch(
    paths: list[Path],
    checklist: Checklist | str,
    deadline: MonthDay,
    out: Path,
    workers: int,
    on_done: Callable[[Row | Failure], None],
    html: bool = False,
    limits: Limits = DEFAULT_LIMITS,
) -> Outcome:
    """Score `paths` with `workers` processes into `out`; results.jsonl is written atomically and
    holds one line per scored report in input order. `on_done` sees each result as it finishes.
    `checklist` is a Checklist, or `auto` for the one of each report's year. With `html`, each
    report also gets its page for the batch's index.html. `limits` bound the reading of each file."""
    outcome = Outcome(checklists=choosable(checklist), total=len(paths))
    stems = batch_stems(paths)
    tasks = [_Task(index, path, out, stems[path], html) for index, path in enumerate(paths)]
    write_atomic(
        out / RESULTS, lambda results: _stream(tasks, (checklist, deadline, limits), workers, outcome, results, on_done), binary=True
    )
    return outcome


def _stream(tasks, worker_args, workers, outcome: Outcome, results: IO[bytes], on_done) -> None:
    """Keep the pool busy with a bounded window of tasks; emit finished results in input order.
    A worker process that dies (killed, out of memory) fails the reports then in flight, and the
    rest go on in a new pool."""
    stop = _StopOnInterrupt()
    workers = max(1, min(workers, len(tasks)))
    window = workers * WINDOW_PER_WORKER
    finished: dict[int, tuple[Row | Failure, bytes | None]] = {}
    running: dict[Future, _Task] = {}
    submitted = emitted = 0

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(workers, initializer=_start_worker, initargs=worker_args)

    pool = new_pool()
    with stop:
        try:
            while emitted < len(tasks):
                while not stop.requested and submitted < len(tasks) and submitted - emitted < window:
                    running[pool.submit(_score, tasks[submitted])] = tasks[submitted]
                    submitted += 1
                if stop.requested:
                    running = {future: task for future, task in running.items() if not future.cancel()}
                if not running:
                    break
                done, _ = wait(running, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
                broken = False
                for future in done:
                    task = running.pop(future)
                    try:
                        result, line = future.result()
                    except BrokenProcessPool:
                        broken = True
                        result, line = Failure(task.index, str(task.path), _DIED), None
                    finished[result.index] = (result, line)
                    on_done(result)
                if broken:
                    pool.shutdown(wait=True, cancel_futures=True)
                    pool = new_pool()
                while emitted in finished:
                    _emit(*finished.pop(emitted), outcome, results)
                    emitted += 1
            # after a stop, keep what finished beyond a gap too: its files are written already
            for index in sorted(finished):
                _emit(*finished[index], outcome, results)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    outcome.interrupted = stop.requested


_DIED = "a worker process died while this file was being scored (killed, or out of memory); score it again"


def _emit(result: Row | Failure, line: bytes | None, outcome: Outcome, results: IO[bytes]) -> None:
    if isinstance(result, Failure):
        outcome.failures.append(result)
    else:
        results.write(line)
        outcome.rows.append(result)


class _StopOnInterrupt:
    """While active, the first Ctrl-C only sets `requested`; a second one interrupts at once."""

    def __init__(self):
        self.requested = False
        self._previous = None

    def __enter__(self):
        self._previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def __exit__(self, *exc_info):
        signal.signal(signal.SIGINT, self._previous)

    def _handle(self, signum, frame):
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True
