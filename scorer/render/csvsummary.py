"""summary.csv: one row per scored report, for a spreadsheet. UTF-8 with a byte-order mark, so
that Excel shows the Chinese titles; lists inside a cell are separated by spaces. A column per
section of every checklist the run could choose (its `checklist` column says which was used),
empty where a report's checklist has no such section."""

from __future__ import annotations

import csv
from typing import IO

from scorer.batch import Outcome, Row
from scorer.models import STATUSES
from scorer.printable import printable


def section_ids(outcome: Outcome) -> list[str]:
    return list(dict.fromkeys(s.id for checklist in outcome.checklists.values() for s in checklist.sections))


def header(outcome: Outcome) -> list[str]:
    return [
        "source",
        "report",
        "title",
        "issuer",
        "year",
        "document_type",
        "checklist",
        "overall_score",
        *(f"score_{section}" for section in section_ids(outcome)),
        *STATUSES,
        "structure_found",
        "structure_total",
        "structure_missing",
        "timeliness",
        "published",
        "deadline",
        "specific_share",
    ]


def _cells(row: Row, outcome: Outcome, sections: list[str]) -> list:
    scores = dict(zip((s.id for s in outcome.checklists[row.checklist].sections), row.sections))
    return [
        printable(row.source),
        row.stem,
        row.title,
        row.issuer,
        row.year,
        row.document_type,
        row.checklist,
        row.overall,
        *(scores.get(section) for section in sections),
        *row.counts,
        row.structure_found,
        row.structure_total,
        " ".join(row.structure_missing),
        row.timeliness,
        row.published,
        row.deadline,
        row.specific_share,
    ]


def write(outcome: Outcome, outfile: IO[str]) -> None:
    outfile.write("\ufeff")
    writer = csv.writer(outfile, lineterminator="\n")
    writer.writerow(header(outcome))
    sections = section_ids(outcome)
    writer.writerows(_cells(row, outcome, sections) for row in outcome.rows)
