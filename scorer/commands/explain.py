"""`rolscore explain REPORT ELEMENT_ID`: why that element got its status in that report."""

from __future__ import annotations

import argparse
import sys

from scorer.checklist import checklist_option, choose_checklist
from scorer.commands import EXIT_OK
from scorer.commands.score import add_checklist_option, add_deadline_option, deadline_of
from scorer.explain import explain
from scorer.ingest import read_document
from scorer.limits import add_limit_options, limits_of
from scorer.pipeline import matcher_for
from scorer.render.explanation import write_json, write_text
from scorer.segment import segment

WRITERS = {"text": write_text, "json": write_json}


def add_parser(commands) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        "explain", help="why an element got its status in a report: every hit, counted or dropped, and the rule"
    )
    parser.add_argument("report", metavar="REPORT", help="a report file")
    parser.add_argument("element", metavar="ELEMENT_ID", help="an element id of the checklist (e.g. constitutional_oath)")
    add_checklist_option(parser)
    add_deadline_option(parser)
    parser.add_argument("--format", choices=sorted(WRITERS), default="text", help="what to print (default: text)")
    add_limit_options(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    deadline = deadline_of(args)
    option = checklist_option(args.checklist)
    doc = segment(read_document(args.report, limits_of(args)))
    checklist, chosen_by = choose_checklist(doc.reported_year, option)
    explanation = explain(doc, matcher_for(checklist), args.element, deadline, chosen_by)
    WRITERS[args.format](explanation, sys.stdout)
    return EXIT_OK
