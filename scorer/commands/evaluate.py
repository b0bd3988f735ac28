"""`rolscore evaluate GOLD_DIR`: measure the scorer, and a dictionary baseline, against gold labels."""

from __future__ import annotations

import argparse
import sys

from scorer.checklist import DEFAULT, load_checklist
from scorer.commands import EXIT_ERROR, EXIT_OK
from scorer.commands.score import add_checklist_option
from scorer.evaluate import evaluate
from scorer.match import Matcher
from scorer.render.evaluation import write_json, write_table

WRITERS = {"table": write_table, "json": write_json}


def add_parser(commands) -> argparse.ArgumentParser:
    parser = commands.add_parser("evaluate", help="compare the scorer and a dictionary baseline with gold labels")
    parser.add_argument("gold_dir", metavar="GOLD_DIR", help="directory of gold YAML files (searched recursively)")
    add_checklist_option(parser, default=DEFAULT)
    parser.add_argument("--format", choices=sorted(WRITERS), default="table", help="what to print (default: table)")
    parser.add_argument(
        "--figures-only", action="store_true",
        help="leave out the disagreements and the per-document results: for a held-out set, whose figure must be "
        "taken without reading what the scorer got wrong",
    )
    return parser


def run(args: argparse.Namespace) -> int:
    evaluation = evaluate(args.gold_dir, Matcher(load_checklist(args.checklist)))
    WRITERS[args.format](evaluation, sys.stdout, disagreements=not args.figures_only)
    for error in evaluation.errors:
        print(f"rolscore: {error}", file=sys.stderr)
    return EXIT_ERROR if evaluation.errors else EXIT_OK
