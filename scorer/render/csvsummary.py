"""summary.csv: one row per scored report, for a spreadsheet. UTF-8 with a byte-order mark, so
that Excel shows the Chinese titles; lists inside a cell are separated by spaces."""

from __future__ import annotations

import csv
from typing import IO

from scorer.batch import Outcome, Row
from scorer.models import STATUSES
from scorer.printable import printable


def header(outcome: Outcome) -> list[str]:
    return [
        "source",
        "report",
        "title",
        "issuer",
        "year",
        "document_type",
        "overall_score",
        *(f"score_{section.id}" for section in outcome.checklist.sections),
        *STATUSES,
        "structure_found",
        "structure_total",
        "structure_missing",
        "timeliness",
        "published",
        "deadline",
        "specific_share",
    ]


def _cells(row: Row) -> list:
    return [
        printable(row.source),
        row.stem,
        row.title,
        row.issuer,
        row.year,
        row.document_type,
        row.overall,
        *row.sections,
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
    writer.writerows(_cells(row) for row in outcome.rows)
