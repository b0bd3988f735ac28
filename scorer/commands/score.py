"""`rolscore score PATH...`: score reports, print them, write a Markdown gap report for each."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scorer.batch import Failure, ReportJob, Task, report_workers
from scorer.budget import add_budget_options, budget_of
from scorer.checklist import AUTO, BUILTIN, checklist_option
from scorer.commands import EXIT_ERROR, EXIT_FAIL_UNDER, EXIT_OK, interrupted_exit
from scorer.errors import InputError, RolscoreError
from scorer.limits import add_limit_options, limits_of
from scorer.options import number
from scorer.pipeline import expand
from scorer.printable import printable
from scorer.render.core import output_stems
from scorer.render.jsonreport import JsonReporter
from scorer.render.markdown import MarkdownReporter
from scorer.render.table import TableReporter
from scorer.timeliness import MonthDay, parse_deadline

PRINTERS = {"table": TableReporter(), "markdown": MarkdownReporter(), "json": JsonReporter()}
HTML = "html"
"""--format html writes a page per report into --out and prints where it is."""


def add_parser(commands) -> argparse.ArgumentParser:
    parser = commands.add_parser("score", help="score reports; write a Markdown gap report for each")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="report files or directories")
    add_checklist_option(parser)
    parser.add_argument("--out", metavar="DIR", default="reports_out", help="where Markdown reports go (default: reports_out)")
    parser.add_argument(
        "--format", choices=sorted([*PRINTERS, HTML]), default="table",
        help="what to print (default: table); html writes a page per report into --out and prints its path",
    )
    add_fail_under_option(parser)
    add_deadline_option(parser)
    add_limit_options(parser)
    add_budget_options(parser)
    return parser


def add_checklist_option(parser: argparse.ArgumentParser, default: str = AUTO) -> None:
    names = ", ".join(BUILTIN)
    if default == AUTO:
        names += f", or {AUTO}: the report's year picks the outline (2020 and earlier: fazhi_2015)"
    parser.add_argument(
        "--checklist", metavar="FILE|NAME", default=default,
        help=f"YAML checklist file, or a built-in name: {names} (default: {default})",
    )


def add_fail_under_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--fail-under", metavar="N", type=number(float, lambda value: 0 <= value <= 100, "a score from 0 to 100"),
        help="exit 1 if any report scores below N (0 to 100)",
    )


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
    checklist = checklist_option(args.checklist)
    out = Path(args.out)
    paths = expand(args.paths, outputs=out)
    if not paths:
        raise RolscoreError("no input files found in " + ", ".join(map(printable, args.paths)))
    out.mkdir(parents=True, exist_ok=True)
    html = args.format == HTML
    job = ReportJob(
        checklist, deadline, out, limits=limits_of(args), budget=budget_of(args),
        html=html, printer=None if html else PRINTERS[args.format],
    ).preload()
    stems = output_stems(paths)
    failures: list[InputError] = []
    scores: list[tuple[str, float]] = []
    with report_workers(job, 1) as pool:
        for result in pool.in_order([Task(index, path, stems[path]) for index, path in enumerate(paths)]):
            if isinstance(result, Failure):
                print(f"rolscore: {printable(result.source)}: {result.reason}", file=sys.stderr)
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
        listed = "; ".join(f"{printable(f.path)} ({f.reason})" for f in failures)
        print(f"rolscore: {len(failures)} of {total} files could not be scored: {listed}", file=sys.stderr)
        return EXIT_ERROR
    below = [(path, score) for path, score in scores if fail_under is not None and score < fail_under]
    if below:
        listed = ", ".join(f"{printable(path)} {score:g}" for path, score in below)
        print(f"rolscore: {len(below)} report(s) below --fail-under {fail_under:g}: {listed}", file=sys.stderr)
        return EXIT_FAIL_UNDER
    return EXIT_OK
