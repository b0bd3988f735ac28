"""`rolscore batch PATH...`: score many reports in parallel; per-report files and summaries in --out."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from scorer.checklist import checklist_option
from scorer.commands import EXIT_INTERRUPTED
from scorer.commands.score import add_checklist_option, add_deadline_option, add_fail_under_option, deadline_of, exit_code
from scorer.errors import InputError, RolscoreError
from scorer.limits import add_limit_options, limits_of
from scorer.pipeline import expand
from scorer.printable import printable
from scorer.render.core import write_atomic


def add_parser(commands) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        "batch", help="score many reports in parallel; write a report per input and summaries for the reviewer"
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="report files, directories (searched recursively) or glob patterns")
    add_checklist_option(parser)
    parser.add_argument("--out", metavar="DIR", default="reports_out", help="where outputs go (default: reports_out)")
    parser.add_argument(
        "--workers", metavar="N", type=_positive, default=os.cpu_count() or 1,
        help="worker processes (default: the number of cores)",
    )
    parser.add_argument(
        "--html", action="store_true", help="also write an HTML page per report and index.html, to open in a browser"
    )
    add_fail_under_option(parser)
    add_deadline_option(parser)
    add_limit_options(parser)
    return parser


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def run(args: argparse.Namespace) -> int:
    # imported here, not above: processes and progress bars cost every other command's start 0.1 s
    from scorer.batch import Failure, run_batch
    from scorer.progress import progress_for
    from scorer.render import csvsummary, htmlindex, summary
    from scorer.render.htmlpage import INDEX

    deadline = deadline_of(args)
    checklist = checklist_option(args.checklist)
    paths = expand(args.paths, recursive=True, outputs=Path(args.out))
    if not paths:
        raise RolscoreError("no input files found in " + ", ".join(map(printable, args.paths)))
    out = Path(args.out)
    started = time.monotonic()
    with progress_for(len(paths)) as progress:

        def on_done(result) -> None:
            if isinstance(result, Failure):
                progress.note(f"rolscore: {printable(result.source)}: {result.reason}")
            progress.advance()

        outcome = run_batch(paths, checklist, deadline, out, args.workers, on_done, html=args.html, limits=limits_of(args))
    try:
        write_atomic(out / "summary.csv", lambda outfile: csvsummary.write(outcome, outfile))
        write_atomic(out / "summary.md", lambda outfile: summary.write(outcome, outfile))
        if args.html:
            write_atomic(out / INDEX, lambda outfile: htmlindex.write(outcome, outfile))
        scores = [(row.source, row.overall) for row in outcome.rows] if args.fail_under is not None else []
    finally:
        outcome.rows.close()
    _say_where(outcome, out, time.monotonic() - started, args.html)
    if outcome.interrupted:
        return EXIT_INTERRUPTED
    failures = [InputError(f.source, f.reason) for f in outcome.failures]
    return exit_code(len(paths), failures, scores, args.fail_under)


def _say_where(outcome, out: Path, seconds: float, html: bool) -> None:
    if outcome.interrupted:
        print(
            f"rolscore: interrupted after {outcome.done} of {outcome.total} reports; "
            f"outputs in {printable(out)}/ cover those {outcome.done}",
            file=sys.stderr,
        )
        return
    print(
        f"rolscore: scored {outcome.scored} of {outcome.total} reports in {seconds:.1f} s "
        f"({outcome.total / max(seconds, 1e-9):.1f}/s); outputs in {printable(out)}/: summary.md, summary.csv, results.jsonl, "
        + ("index.html (open it in a browser), and a .md, .json and .html per report" if html
           else "and a .md and .json per report")
    )
