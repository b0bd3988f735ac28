"""Score reports in worker processes and stream the results to disk, for `score` and `batch` alike.

A worker (scorer/workers.py: a time budget, a memory limit, replaced when it overruns or dies)
scores one report, choosing its checklist by the report's year with --checklist auto, writes the
report's files itself (`write_report_files`, the one place that says what is written for a
report: .md, .json in a batch, the HTML page when asked) and hands back a small Row, the JSON line
and, for `score`, what is printed. The parent of a batch appends the lines to results.jsonl in
input order, keeps only the Rows for the summaries (spooled to disk) and records each report in
sources.jsonl (scorer/outdir.py), so memory does not grow with the number of reports and
`--resume` can skip what is done. A stop (Ctrl-C, SIGTERM) keeps everything finished;
results.jsonl then covers exactly the reports the summaries cover.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import heapq
import io
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path
from typing import IO, NamedTuple

import orjson
from pydantic import ValidationError

from scorer import __version__
from scorer.budget import DEFAULT_BUDGET, Budget
from scorer.checklist import AUTO, choosable
from scorer.errors import InputError
from scorer.limits import DEFAULT_LIMITS, Limits
from scorer.models import STATUSES, Analysis, Checklist, Segmented, Status
from scorer.outdir import Sources, entry_of
from scorer.pipeline import matcher_for, read_and_score
from scorer.printable import printable
from scorer.render.core import Reporter, output_stems, write_atomic
from scorer.render.html import HtmlReporter
from scorer.render.htmlpage import INDEX
from scorer.render.jsonreport import json_line
from scorer.render.markdown import MarkdownReporter
from scorer.timeliness import MonthDay
from scorer.workers import Workers

RESULTS = "results.jsonl"
RESERVED_STEMS = frozenset({"summary", "results", "sources", "index"})
"""Stems of the run's own files: a report named like one gets a prefix instead of overwriting it."""


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
    """A file that could not be scored, and why (one line, printable)."""

    index: int
    source: str
    reason: str


class Scored(NamedTuple):
    """A scored report as the parent needs it: its Row, its JSON line, what `score` prints (None
    in a batch), and its entry for sources.jsonl (None in `score`, and when the input is not a
    regular file)."""

    row: Row
    line: bytes
    printed: str | None
    entry: dict | None

    @property
    def index(self) -> int:
        return self.row.index


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
    stopped_by: int | None = None
    """The signal that stopped the run early (Ctrl-C's SIGINT, SIGTERM), if one did."""
    resumed: int = 0
    """Reports read back from a previous run (--resume) rather than scored."""

    @property
    def interrupted(self) -> bool:
        return self.stopped_by is not None

    @property
    def scored(self) -> int:
        return len(self.rows)

    @property
    def done(self) -> int:
        return self.scored + len(self.failures)


@dataclass(frozen=True)
class ReportJob:
    """What every report of a run is scored with and written as. Made in the parent; the workers,
    forked from it, inherit it."""

    checklist: Checklist | str
    """A Checklist, or `auto` for the built-in one of each report's year."""
    deadline: MonthDay
    out: Path
    limits: Limits = DEFAULT_LIMITS
    """What one input may be (size, pages, characters)."""
    budget: Budget = DEFAULT_BUDGET
    """What scoring one report may take (time, memory)."""
    batch: bool = False
    """A report of a batch: <stem>.json beside <stem>.md, a page that links back to index.html,
    and a line in sources.jsonl."""
    html: bool = False
    """Write the report's HTML page, <stem>.html (batch --html, score --format html)."""
    printer: Reporter | None = None
    """What `score` prints for each report (rendered in the worker, printed by the parent)."""

    @cached_property
    def checklists(self) -> dict[str, Checklist]:
        """The checklists a report of this run can be scored against, by id."""
        return choosable(self.checklist)

    def preload(self) -> ReportJob:
        """Build the Matcher of every checklist the run can use (pipeline.matcher_for keeps them)
        and load jieba now, in the parent, before the workers are forked: they share them, a worker
        that replaces one is ready at once, and a report's time budget is spent on the report alone."""
        for checklist in self.checklists.values():
            matcher_for(checklist).words  # noqa: B018
        return self

    @cached_property
    def settings(self) -> str:
        """A digest of all that a report's files depend on besides its input: --resume takes a
        report as done only if it was made with the same."""
        made_with = {
            "rolscore": __version__,
            "checklist": AUTO if self.checklist == AUTO else "given",
            "checklists": {name: checklist.model_dump(mode="json") for name, checklist in self.checklists.items()},
            "deadline": self.deadline,
            "limits": dataclasses.asdict(self.limits),
            "batch": self.batch,
            "html": self.html,
        }
        return hashlib.sha256(orjson.dumps(made_with, option=orjson.OPT_SORT_KEYS)).hexdigest()


@dataclass(frozen=True)
class Task:
    index: int
    path: Path
    stem: str


def write_report_files(job: ReportJob, stem: str, document: Segmented, analysis: Analysis, line: bytes) -> dict[str, bytes]:
    """Write one report's files into job.out, each atomically, and return what was written by file
    name: <stem>.md always, <stem>.json in a batch, <stem>.html when asked (it shows `document`,
    the report's text). The one place that says what a report's files are."""
    files = {f"{stem}.md": _rendered(MarkdownReporter(), analysis, io.StringIO()).encode()}
    if job.batch:
        files[f"{stem}.json"] = line
    if job.html:
        page = HtmlReporter(document, index=INDEX if job.batch else None)
        files[f"{stem}.html"] = _rendered(page, analysis, io.StringIO()).encode()
    for name, data in files.items():
        write_atomic(job.out / name, lambda outfile, data=data: outfile.write(data), binary=True)
    return files


def score_report(job: ReportJob, task: Task) -> Scored | Failure:
    """Score one report and write its files (in a worker); a file that fails is a Failure. Running
    out of memory is the worker's to report: it is replaced afterwards."""
    try:
        document, analysis = read_and_score(task.path, job.checklist, job.deadline, limits=job.limits)
        line = json_line(analysis)
        files = write_report_files(job, task.stem, document, analysis, line)
        printed = _printed(job, analysis, files)
    except MemoryError:
        raise
    except InputError as exc:
        return Failure(task.index, str(task.path), exc.reason)
    except OSError as exc:
        return Failure(task.index, str(task.path), f"cannot write {printable(exc.filename)}: {exc.strerror or exc}")
    except Exception as exc:  # noqa: BLE001 - one file's crash must not stop the others
        return Failure(task.index, str(task.path), printable(f"internal error: {type(exc).__name__}: {exc}"))
    entry = entry_of(task.stem, task.path, files) if job.batch else None
    return Scored(Row.of(task.index, task.stem, analysis), line, printed, entry)


def _printed(job: ReportJob, analysis: Analysis, files: dict[str, bytes]) -> str | None:
    """What `score` prints for a report (nothing in a batch): job.printer's rendering, or, with
    --format html (no printer), where its page is."""
    if job.batch:
        return None
    if job.printer is not None:
        return _rendered(job.printer, analysis, _LikeStdout())
    return "".join(f"{printable(job.out / name)}\n" for name in files if name.endswith(".html"))


class _LikeStdout(io.StringIO):
    """A buffer that is a terminal when stdout is one, so that a report is rendered for where it
    will be printed (colours, the terminal's width)."""

    def isatty(self) -> bool:
        return sys.stdout.isatty()


def _rendered(reporter: Reporter, analysis: Analysis, buffer: io.StringIO) -> str:
    reporter.report(analysis, buffer)
    return buffer.getvalue()


def failure(task: Task, reason: str) -> Failure:
    """The Failure of a task whose worker overran, ran out of memory or died (`reason` may hold
    the last line it wrote, shown escaped like any reason)."""
    return Failure(task.index, str(task.path), printable(reason))


def report_workers(job: ReportJob, workers: int) -> Workers[Task, Scored | Failure]:
    """Worker processes that score reports for `job` within job.budget: `with report_workers(...)
    as pool: for result in pool.in_order(tasks): ...`."""
    return Workers(partial(score_report, job), failure, workers, job.budget)


def batch_stems(paths: list[Path]) -> dict[Path, str]:
    """output_stems, kept clear of the run's own files."""
    return output_stems(paths, reserved=RESERVED_STEMS)


def run_batch(
    paths: list[Path], job: ReportJob, workers: int, resume: bool, on_done: Callable[[Scored | Failure], None]
) -> Outcome:
    """Score `paths` with `workers` processes into job.out; results.jsonl is written atomically and
    holds one line per scored report in input order. With `resume`, a report whose files job.out
    holds, made from the same input with the same settings, is read back instead of scored, as
    its turn comes. `on_done` sees each result as it finishes or is read back."""
    outcome = Outcome(checklists=job.checklists, total=len(paths))
    stems = batch_stems(paths)
    tasks = [Task(index, path, stems[path]) for index, path in enumerate(paths)]
    sources = Sources(job.out, job.settings, resume)
    done_before = {task.index: entry for task in tasks if (entry := sources.done_before(task.stem, task.path))}
    outcome.resumed = len(done_before)
    read_back = (_read_back(job, task, done_before[task.index], on_done) for task in tasks if task.index in done_before)
    with report_workers(job, workers) as pool:
        scored = pool.in_order([task for task in tasks if task.index not in done_before], on_done)
        results = heapq.merge(read_back, scored, key=lambda result: result.index)
        write_atomic(job.out / RESULTS, lambda outfile: _emit(results, outcome, outfile, sources), binary=True)
    outcome.stopped_by = pool.stopped_by
    sources.close()
    return outcome


def _read_back(job: ReportJob, task: Task, entry: dict, on_done: Callable[[Scored | Failure], None]) -> Scored | Failure:
    """A report an earlier run into job.out did (its files checked against `entry`), as if scored now."""
    try:
        line = (job.out / f"{task.stem}.json").read_bytes()
        result = Scored(Row.of(task.index, task.stem, Analysis.model_validate_json(line)), line, None, entry)
    except (OSError, ValidationError) as exc:
        reason = f"cannot read back {task.stem}.json from --out ({type(exc).__name__}); run without --resume"
        result = Failure(task.index, str(task.path), reason)
    on_done(result)
    return result


def _emit(results: Iterable[Scored | Failure], outcome: Outcome, outfile: IO[bytes], sources: Sources) -> None:
    for result in results:
        if isinstance(result, Failure):
            outcome.failures.append(result)
            continue
        outfile.write(result.line)
        outcome.rows.append(result.row)
        if result.entry is not None:
            sources.add(result.entry)
