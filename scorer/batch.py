"""Score reports in worker processes and stream the results to disk, for `score` and `batch` alike.

A worker (scorer/workers.py: a time budget, a memory limit, replaced when it overruns or dies)
scores one report, writes the report's files itself (`write_report_files`, the one place that says
what is written for a report) and hands back a small Row, the JSON line and, for `score`, the
report as printed. The parent of a batch appends the lines to results.jsonl in input order, keeps
only the Rows for the summaries (spooled to disk) and records each report in sources.jsonl
(scorer/outdir.py), so memory does not grow with the number of reports and `--resume` can skip
what is done. A stop (Ctrl-C, SIGTERM) keeps everything finished; results.jsonl then covers
exactly the reports the summaries cover.
"""

from __future__ import annotations

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
from scorer.errors import InputError
from scorer.match import Matcher
from scorer.models import STATUSES, Analysis, Checklist, Status
from scorer.outdir import Sources, source_of
from scorer.pipeline import score_file
from scorer.render.core import Reporter, output_stems, write_atomic
from scorer.render.jsonreport import json_line
from scorer.render.markdown import MarkdownReporter
from scorer.timeliness import MonthDay
from scorer.workers import Budget, Workers

RESULTS = "results.jsonl"
RESERVED_STEMS = frozenset({"summary", "results", "sources"})
"""Stems of the run's own files: a report named like one gets a prefix instead of overwriting it."""


class Row(NamedTuple):
    """What the summaries need of one scored report; tuples follow the checklist's order. A named
    tuple, as it crosses a pipe and the spool once or more per report: a tuple pickles and loads
    in C, where a frozen dataclass runs Python for every field."""

    index: int
    source: str
    stem: str
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
    def of(cls, index: int, stem: str, analysis: Analysis, checklist: Checklist) -> Row:
        by_id = {result.id: result for result in analysis.elements}
        section_scores = {section.id: section.score for section in analysis.sections}
        return cls(
            index=index,
            source=analysis.source,
            stem=stem,
            title=analysis.metadata.title,
            issuer=analysis.metadata.issuer,
            year=analysis.metadata.year,
            document_type=analysis.metadata.document_type,
            overall=analysis.overall_score,
            sections=tuple(section_scores[section.id] for section in checklist.sections),
            statuses=tuple(by_id[element.id].status for element in checklist.elements),
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


class Scored(NamedTuple):
    """A scored report as the parent needs it: its Row, its JSON line, what `score` prints, and
    its entry for sources.jsonl (None when the input is not a regular file)."""

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
    summaries need, or one row by its position (for the ranking)."""

    def __init__(self):
        self._file = tempfile.TemporaryFile()
        self._offsets: list[int] = []

    def append(self, row: Row) -> None:
        self._file.seek(0, io.SEEK_END)
        self._offsets.append(self._file.tell())
        pickle.dump(row, self._file, protocol=pickle.HIGHEST_PROTOCOL)

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
    """A batch run as the summaries see it: rows and failures in input order."""

    checklist: Checklist
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

    checklist: Checklist
    deadline: MonthDay
    out: Path
    json_file: bool = False
    """Write <stem>.json beside <stem>.md (a batch)."""
    printer: Reporter | None = None
    """What `score` prints for each report (rendered in the worker, printed by the parent)."""

    @cached_property
    def matcher(self) -> Matcher:
        return Matcher(self.checklist)

    def preload(self) -> ReportJob:
        """Build the Matcher and load jieba now, in the parent, before the workers are forked:
        they share them, a worker that replaces one is ready at once, and a report's time budget
        is spent on the report alone."""
        self.matcher.words  # noqa: B018
        return self

    @cached_property
    def settings(self) -> str:
        """A digest of all that a report's files depend on besides its input: --resume takes a
        report as done only if it was made with the same."""
        made_with = {
            "rolscore": __version__,
            "checklist": self.checklist.model_dump(mode="json"),
            "deadline": self.deadline,
            "json_file": self.json_file,
        }
        return hashlib.sha256(orjson.dumps(made_with, option=orjson.OPT_SORT_KEYS)).hexdigest()


@dataclass(frozen=True)
class Task:
    index: int
    path: Path
    stem: str


def write_report_files(job: ReportJob, stem: str, analysis: Analysis, line: bytes) -> dict[str, bytes]:
    """Write one report's files into job.out (<stem>.md; <stem>.json in a batch), each atomically,
    and return what was written by file name. The one place that says what a report's files are."""
    files = {f"{stem}.md": _rendered(MarkdownReporter(), analysis, io.StringIO()).encode()}
    if job.json_file:
        files[f"{stem}.json"] = line
    for name, data in files.items():
        write_atomic(job.out / name, lambda outfile, data=data: outfile.write(data), binary=True)
    return files


def _entry(job: ReportJob, task: Task, files: dict[str, bytes]) -> dict | None:
    """A batch report's line for sources.jsonl: its input's size and SHA-256, and each file's SHA-256;
    None for `score`, which keeps no record, and for an input that is not a regular file."""
    source = source_of(task.path) if job.json_file else None
    if source is None:
        return None
    return {"stem": task.stem, "source": str(task.path), "size": source[0], "sha256": source[1],
            "files": {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}}


def score_report(job: ReportJob, task: Task) -> Scored | Failure:
    """Score one report and write its files (in a worker); a file that fails is a Failure. Running
    out of memory is the worker's to report: it is replaced afterwards."""
    try:
        analysis = score_file(task.path, job.matcher, job.deadline)
        line = json_line(analysis)
        files = write_report_files(job, task.stem, analysis, line)
        printed = _rendered(job.printer, analysis, _LikeStdout()) if job.printer else None
    except MemoryError:
        raise
    except InputError as exc:
        return Failure(task.index, str(task.path), exc.reason)
    except OSError as exc:
        return Failure(task.index, str(task.path), f"cannot write {exc.filename}: {exc.strerror or exc}")
    except Exception as exc:  # noqa: BLE001 - one file's crash must not stop the others
        return Failure(task.index, str(task.path), f"internal error: {type(exc).__name__}: {exc}")
    return Scored(Row.of(task.index, task.stem, analysis, job.checklist), line, printed, _entry(job, task, files))


class _LikeStdout(io.StringIO):
    """A buffer that is a terminal when stdout is one, so that a report is rendered for where it
    will be printed (colours, the terminal's width)."""

    def isatty(self) -> bool:
        return sys.stdout.isatty()


def _rendered(reporter: Reporter, analysis: Analysis, buffer: io.StringIO) -> str:
    reporter.report(analysis, buffer)
    return buffer.getvalue()


def failure(task: Task, reason: str) -> Failure:
    """The Failure of a task whose worker overran, ran out of memory or died."""
    return Failure(task.index, str(task.path), reason)


def report_workers(job: ReportJob, workers: int, budget: Budget) -> Workers[Task, Scored | Failure]:
    """Worker processes that score reports for `job`: `with report_workers(...) as pool: for result
    in pool.in_order(tasks): ...`."""
    return Workers(partial(score_report, job), failure, workers, budget)


def batch_stems(paths: list[Path]) -> dict[Path, str]:
    """output_stems, kept clear of the run's own files."""
    return output_stems(paths, reserved=RESERVED_STEMS)


def run_batch(
    paths: list[Path], job: ReportJob, workers: int, budget: Budget, resume: bool,
    on_done: Callable[[Scored | Failure], None],
) -> Outcome:
    """Score `paths` with `workers` processes into job.out; results.jsonl is written atomically and
    holds one line per scored report in input order. With `resume`, a report whose files job.out
    holds, made from the same input with the same settings, is read back instead of scored, as
    its turn comes. `on_done` sees each result as it finishes or is read back."""
    outcome = Outcome(checklist=job.checklist, total=len(paths))
    stems = batch_stems(paths)
    tasks = [Task(index, path, stems[path]) for index, path in enumerate(paths)]
    sources = Sources(job.out, job.settings, resume)
    done_before = {task.index: entry for task in tasks if (entry := sources.done_before(task.stem, task.path))}
    outcome.resumed = len(done_before)
    read_back = (_read_back(job, task, done_before[task.index], on_done) for task in tasks if task.index in done_before)
    with report_workers(job, workers, budget) as pool:
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
        result = Scored(Row.of(task.index, task.stem, Analysis.model_validate_json(line), job.checklist), line, None, entry)
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
