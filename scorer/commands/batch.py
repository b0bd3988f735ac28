"""`rolscore batch PATH...`: score many reports in parallel; per-report files and summaries in --out."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from scorer.budget import add_budget_options, budget_of
from scorer.checklist import checklist_option
from scorer.commands import interrupted_exit
from scorer.commands.score import add_checklist_option, add_deadline_option, add_fail_under_option, deadline_of, exit_code
from scorer.errors import InputError, RolscoreError
from scorer.limits import add_limit_options, limits_of
from scorer.options import count
from scorer.outdir import OutLock
from scorer.pipeline import expand
from scorer.printable import printable
from scorer.render.core import write_atomic

WORKERS_PER_CORE = 2
"""--workers above this many per core is capped: more processes only add memory, not speed."""


def add_parser(commands) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        "batch", help="score many reports in parallel; write a report per input and summaries for the reviewer"
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="report files, directories (searched recursively) or glob patterns")
    add_checklist_option(parser)
    parser.add_argument("--out", metavar="DIR", default="reports_out", help="where outputs go (default: reports_out)")
    parser.add_argument(
        "--workers", metavar="N", type=count, default=os.cpu_count() or 1,
        help=f"worker processes (default: the number of cores; at most {WORKERS_PER_CORE} per core)",
    )
    parser.add_argument(
        "--html", action="store_true", help="also write an HTML page per report and index.html, to open in a browser"
    )
    parser.add_argument(
        "--resume", action="store_true",
        help="read back the reports --out holds from an earlier run of the same inputs and settings; score the rest",
    )
    add_fail_under_option(parser)
    add_deadline_option(parser)
    add_limit_options(parser)
    add_budget_options(parser)
    return parser


def _capped(workers: int) -> int:
    """--workers, at most WORKERS_PER_CORE per core (with a warning when it is cut)."""
    cores = os.cpu_count() or 1
    most = WORKERS_PER_CORE * cores
    if workers > most:
        print(f"rolscore: --workers {workers} is more than {WORKERS_PER_CORE} per core ({cores} cores); using {most}",
              file=sys.stderr)
    return min(workers, most)


def run(args: argparse.Namespace) -> int:
    # imported here, not above: progress bars and the index's templates cost every other command's start
    from scorer.batch import Failure, ReportJob, run_batch
    from scorer.progress import progress_for
    from scorer.render import csvsummary, htmlindex, summary
    from scorer.render.htmlpage import INDEX

    deadline = deadline_of(args)
    workers = _capped(args.workers)
    checklist = checklist_option(args.checklist)
    out = Path(args.out)
    paths = expand(args.paths, recursive=True, outputs=out)
    if not paths:
        raise RolscoreError("no input files found in " + ", ".join(map(printable, args.paths)))
    with OutLock(out):
        job = ReportJob(
            checklist, deadline, out, limits=limits_of(args), budget=budget_of(args), batch=True, html=args.html
        ).preload()
        started = time.monotonic()
        with progress_for(len(paths)) as progress:

            def on_done(result) -> None:
                if isinstance(result, Failure):
                    progress.note(f"rolscore: {printable(result.source)}: {result.reason}")
                progress.advance()

            outcome = run_batch(paths, job, workers, args.resume, on_done)
        try:
            write_atomic(out / "summary.csv", lambda outfile: csvsummary.write(outcome, outfile))
            write_atomic(out / "summary.md", lambda outfile: summary.write(outcome, outfile))
            if args.html:
                write_atomic(out / INDEX, lambda outfile: htmlindex.write(outcome, outfile))
            scores = [(row.source, row.overall) for row in outcome.rows] if args.fail_under is not None else []
        finally:
            outcome.rows.close()
    _say_where(outcome, out, time.monotonic() - started, args.html)
    if outcome.stopped_by is not None:
        return interrupted_exit(outcome.stopped_by)
    failures = [InputError(f.source, f.reason) for f in outcome.failures]
    return exit_code(len(paths), failures, scores, args.fail_under)


def _say_where(outcome, out: Path, seconds: float, html: bool) -> None:
    if outcome.interrupted:
        print(
            f"rolscore: interrupted after {outcome.done} of {outcome.total} reports; "
            f"outputs in {printable(out)}/ cover those {outcome.done} (--resume scores the rest)",
            file=sys.stderr,
        )
        return
    resumed = f", and read back {outcome.resumed} done before (--resume)" if outcome.resumed else ""
    print(
        f"rolscore: scored {outcome.scored - outcome.resumed} of {outcome.total} reports{resumed} in {seconds:.1f} s "
        f"({outcome.total / max(seconds, 1e-9):.1f}/s); outputs in {printable(out)}/: summary.md, summary.csv, "
        "results.jsonl, sources.jsonl, "
        + ("index.html (open it in a browser), and a .md, .json and .html per report" if html
           else "and a .md and .json per report")
    )
