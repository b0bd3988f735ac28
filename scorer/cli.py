"""Command line: `rolscore COMMAND ...`; each command is one module in scorer/commands.

Exit codes: 0 all good; 1 a report scored below --fail-under; 2 a usage, checklist or input
error (each bad file gets one line naming it; the other files are still processed).
"""

from __future__ import annotations

import argparse
import sys

from scorer import __version__
from scorer.commands import EXIT_ERROR, EXIT_INTERRUPTED, batch, checklist, evaluate, explain, score
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
    try:
        return args.run(args)
    except RolscoreError as exc:
        print(f"rolscore: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:  # an output that cannot be written: --out on a file, a full disk
        print(f"rolscore: {printable(exc.filename or '')}: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("rolscore: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
