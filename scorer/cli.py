"""Command line: `rolscore score PATH...`.

Exit codes: 0 all good; 1 a report scored below --fail-under; 2 a usage, checklist or input
error (each bad file gets one line naming it; the other files are still scored).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scorer import __version__
from scorer.checklist import load_checklist
from scorer.errors import InputError, RolscoreError
from scorer.match import Matcher
from scorer.pipeline import expand, score_file
from scorer.render.core import output_stems, render_report
from scorer.render.jsonreport import JsonReporter
from scorer.render.markdown import MarkdownReporter
from scorer.render.table import TableReporter

EXIT_OK, EXIT_FAIL_UNDER, EXIT_ERROR = 0, 1, 2
PRINTERS = {"table": TableReporter(), "markdown": MarkdownReporter(), "json": JsonReporter()}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rolscore", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"rolscore {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    score = commands.add_parser("score", help="score reports; write a Markdown gap report for each")
    score.add_argument("paths", nargs="+", metavar="PATH", help="report files or directories")
    score.add_argument("--checklist", metavar="FILE", help="YAML checklist (default: the packaged fazhi_2021)")
    score.add_argument("--out", metavar="DIR", default="reports_out", help="where Markdown reports go (default: reports_out)")
    score.add_argument("--format", choices=sorted(PRINTERS), default="table", help="what to print (default: table)")
    score.add_argument("--fail-under", metavar="N", type=float, help="exit 1 if any report scores below N")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return run_score(args)
    except RolscoreError as exc:
        print(f"rolscore: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("rolscore: interrupted", file=sys.stderr)
        return 130


def run_score(args: argparse.Namespace) -> int:
    matcher = Matcher(load_checklist(args.checklist))
    paths = expand(args.paths)
    if not paths:
        raise RolscoreError("no input files found in " + ", ".join(args.paths))
    stems = output_stems(paths)
    printer = PRINTERS[args.format]
    failures: list[InputError] = []
    below: list[tuple[str, float]] = []
    for path in paths:
        try:
            analysis = score_file(path, matcher)
        except InputError as exc:
            print(f"rolscore: {exc}", file=sys.stderr)
            failures.append(exc)
            continue
        render_report(Path(args.out) / f"{stems[path]}.md", MarkdownReporter(), analysis)
        printer.report(analysis, sys.stdout)
        sys.stdout.flush()
        if args.fail_under is not None and analysis.overall_score < args.fail_under:
            below.append((str(path), analysis.overall_score))
    if failures:
        listed = "; ".join(f"{f.path} ({f.reason})" for f in failures)
        print(f"rolscore: {len(failures)} of {len(paths)} files could not be scored: {listed}", file=sys.stderr)
        return EXIT_ERROR
    if below:
        listed = ", ".join(f"{path} {score:g}" for path, score in below)
        print(f"rolscore: {len(below)} report(s) below --fail-under {args.fail_under:g}: {listed}", file=sys.stderr)
        return EXIT_FAIL_UNDER
    return EXIT_OK
