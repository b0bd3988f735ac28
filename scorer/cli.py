"""Command line: `rolscore COMMAND ...`; each command is one module in scorer/commands.

Exit codes: 0 all good; 1 a report scored below --fail-under; 2 a usage, checklist or input
error (each bad file gets one line naming it; the other files are still processed); 130 after
Ctrl-C, 143 after SIGTERM (what was finished is kept).
"""

from __future__ import annotations

import argparse
import signal
import sys

from scorer import __version__
from scorer.commands import EXIT_ERROR, batch, checklist, evaluate, explain, interrupted_exit, score
from scorer.errors import RolscoreError
from scorer.printable import printable

COMMANDS = (score, batch, evaluate, explain, checklist)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rolscore", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"rolscore {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(commands).set_defaults(run=command.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    previous = signal.signal(signal.SIGTERM, _terminated)
    try:
        return args.run(args)
    except RolscoreError as exc:
        print(f"rolscore: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:  # an output that cannot be written: --out on a file, a full disk
        print(f"rolscore: {printable(exc.filename or '')}: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt as exc:
        print("rolscore: interrupted", file=sys.stderr)
        return interrupted_exit(exc.args[0] if exc.args else signal.SIGINT)
    finally:
        signal.signal(signal.SIGTERM, previous if previous is not None else signal.SIG_DFL)


def _terminated(signum, frame):
    """SIGTERM is taken as Ctrl-C (scoring in workers handles both more gently: scorer/workers.py)."""
    raise KeyboardInterrupt(signum)
