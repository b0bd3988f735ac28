"""`rolscore score PATH...`: score reports, print them, write a Markdown gap report for each."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scorer.checklist import AUTO, BUILTIN, checklist_option
from scorer.commands import EXIT_ERROR, EXIT_FAIL_UNDER, EXIT_OK
from scorer.errors import InputError, RolscoreError
from scorer.limits import add_limit_options, limits_of
from scorer.pipeline import expand, read_and_score
from scorer.printable import printable
from scorer.render.core import output_stems, render_report
from scorer.render.html import HtmlReporter
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
    parser.add_argument("--fail-under", metavar="N", type=float, help="exit 1 if any report scores below N")


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
    deadline = deadline_of(args)
    checklist = checklist_option(args.checklist)
    paths = expand(args.paths, outputs=Path(args.out))
    if not paths:
        raise RolscoreError("no input files found in " + ", ".join(map(printable, args.paths)))
    stems = output_stems(paths)
    limits = limits_of(args)
    failures: list[InputError] = []
    scores: list[tuple[str, float]] = []
    for path in paths:
        try:
            document, analysis = read_and_score(path, checklist, deadline, limits=limits)
        except InputError as exc:
            print(f"rolscore: {exc}", file=sys.stderr)
            failures.append(exc)
            continue
        render_report(Path(args.out) / f"{stems[path]}.md", MarkdownReporter(), analysis)
        if args.format == HTML:
            page = Path(args.out) / f"{stems[path]}.html"
            render_report(page, HtmlReporter(document), analysis)
            print(printable(page))
        else:
            PRINTERS[args.format].report(analysis, sys.stdout)
        sys.stdout.flush()
        scores.append((str(path), analysis.overall_score))
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
