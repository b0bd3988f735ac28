"""`rolscore score PATH...`: score reports, print them, write a Markdown gap report for each."""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable
from pathlib import Path

from scorer.batch import Failure, ReportJob, Task, report_workers
from scorer.checklist import load_checklist
from scorer.commands import EXIT_ERROR, EXIT_FAIL_UNDER, EXIT_OK, interrupted_exit
from scorer.errors import InputError, RolscoreError
from scorer.pipeline import expand
from scorer.render.core import output_stems
from scorer.render.jsonreport import JsonReporter
from scorer.render.markdown import MarkdownReporter
from scorer.render.table import TableReporter
from scorer.timeliness import MonthDay, parse_deadline
from scorer.workers import DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT, Budget

PRINTERS = {"table": TableReporter(), "markdown": MarkdownReporter(), "json": JsonReporter()}


def add_parser(commands) -> argparse.ArgumentParser:
    parser = commands.add_parser("score", help="score reports; write a Markdown gap report for each")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="report files or directories")
    add_checklist_option(parser)
    parser.add_argument("--out", metavar="DIR", default="reports_out", help="where Markdown reports go (default: reports_out)")
    parser.add_argument("--format", choices=sorted(PRINTERS), default="table", help="what to print (default: table)")
    add_fail_under_option(parser)
    add_deadline_option(parser)
    add_budget_options(parser)
    return parser


def add_checklist_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--checklist", metavar="FILE", help="YAML checklist (default: the packaged fazhi_2021)")


def add_fail_under_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--fail-under", metavar="N", type=_score, help="exit 1 if any report scores below N (0 to 100)")


def add_budget_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--timeout", metavar="SECONDS", type=_seconds, default=DEFAULT_TIMEOUT,
        help=f"fail a report that takes longer than this (default: {DEFAULT_TIMEOUT:g})",
    )
    parser.add_argument(
        "--max-memory", metavar="MB", type=_megabytes, default=DEFAULT_MAX_MEMORY_MB,
        help=f"fail a report whose worker process needs more memory than this (default: {DEFAULT_MAX_MEMORY_MB})",
    )


def budget_of(args: argparse.Namespace) -> Budget:
    return Budget(timeout=args.timeout, max_memory_mb=args.max_memory)


def _number(text: str, kind: type, accepted: Callable[[float], bool], expected: str) -> float:
    """`text` as a finite `kind` that `accepted` takes, or a usage error saying what was expected."""
    try:
        value = kind(text)
    except ValueError:
        value = None
    if value is None or not math.isfinite(value) or not accepted(value):
        raise argparse.ArgumentTypeError(f"expected {expected}, got {text!r}")
    return value


def _score(text: str) -> float:
    return _number(text, float, lambda value: 0 <= value <= 100, "a score from 0 to 100")


def _seconds(text: str) -> float:
    return _number(text, float, lambda value: value > 0, "a number of seconds above 0")


def _megabytes(text: str) -> int:
    return _number(text, int, lambda value: value > 0, "a whole number of megabytes above 0")


def add_deadline_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--deadline", metavar="MM-DD", default="04-01",
        help="publication deadline in the year after the year reported (default: 04-01)",
    )


def deadline_of(args: argparse.Namespace) -> MonthDay:
    """The --deadline value, or a one-line usage error (exit 2) naming what is wrong with it."""
    try:
        return parse_deadline(args.deadline)
    except ValueError as exc:
        raise RolscoreError(f"--deadline {exc}") from None


def run(args: argparse.Namespace) -> int:
    """Score the reports one after another in a worker process (so that one that overruns its time
    or memory can be killed), printing each as it is done."""
    deadline = deadline_of(args)
    checklist = load_checklist(args.checklist)
    out = Path(args.out)
    paths = expand(args.paths, outputs=out)
    if not paths:
        raise RolscoreError("no input files found in " + ", ".join(args.paths))
    out.mkdir(parents=True, exist_ok=True)
    job = ReportJob(checklist, deadline, out, printer=PRINTERS[args.format]).preload()
    stems = output_stems(paths)
    failures: list[InputError] = []
    scores: list[tuple[str, float]] = []
    with report_workers(job, 1, budget_of(args)) as pool:
        for result in pool.in_order([Task(index, path, stems[path]) for index, path in enumerate(paths)]):
            if isinstance(result, Failure):
                print(f"rolscore: {result.source}: {result.reason}", file=sys.stderr)
                failures.append(InputError(result.source, result.reason))
            else:
                sys.stdout.write(result.printed)
                sys.stdout.flush()
                scores.append((result.row.source, result.row.overall))
    if pool.stopped_by is not None:
        print(f"rolscore: interrupted after {len(failures) + len(scores)} of {len(paths)} reports", file=sys.stderr)
        return interrupted_exit(pool.stopped_by)
    return exit_code(len(paths), failures, scores, args.fail_under)


def exit_code(total: int, failures: list[InputError], scores: list[tuple[str, float]], fail_under: float | None) -> int:
    """Report what failed and what scored too low on stderr, and pick the exit code."""
    if failures:
        listed = "; ".join(f"{f.path} ({f.reason})" for f in failures)
        print(f"rolscore: {len(failures)} of {total} files could not be scored: {listed}", file=sys.stderr)
        return EXIT_ERROR
    below = [(path, score) for path, score in scores if fail_under is not None and score < fail_under]
    if below:
        listed = ", ".join(f"{path} {score:g}" for path, score in below)
        print(f"rolscore: {len(below)} report(s) below --fail-under {fail_under:g}: {listed}", file=sys.stderr)
        return EXIT_FAIL_UNDER
    return EXIT_OK
