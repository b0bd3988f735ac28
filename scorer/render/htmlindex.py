"""index.html, for the reviewer of a batch: what summary.md says (overview, the most common gaps,
the files that could not be read, the ranking, the element x report matrix), as one page whose
ranking sorts and filters and whose matrix cells open that element's evidence in that report's
page. Reports scored against different checklists are compared like with like, as in summary.md:
a gap chart and a matrix per checklist. What is counted, and in what order, comes from
summary.py; this module only lays it out."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, NamedTuple

from scorer.batch import Outcome, Row, RowSpool
from scorer.models import STATUSES, Checklist, Element
from scorer.render.core import TIMELINESS_LABEL
from scorer.render.htmlpage import render_page
from scorer.render.summary import (
    GAPS_SHOWN,
    MATRIX_COLUMNS,
    Gap,
    by_checklist,
    choice_note,
    common_gaps,
    core_elements,
    covered_counts,
    elements_in_order,
    interrupted_note,
    number,
    ranked,
    reports_scored,
    score_spread,
)


class ChecklistPart(NamedTuple):
    """What the index shows of the reports scored against one checklist."""

    checklist: Checklist
    core: int
    reports: int
    spread: str | None
    gaps: list[Gap]
    elements: list[tuple[int, Element]]
    covered: dict[int, int]
    chunks: Iterator[list[Row]]
    """Reports, MATRIX_COLUMNS at a time, read from the spool as the page is written."""


def checklist_part(checklist: Checklist, rows: RowSpool) -> ChecklistPart:
    """The most common gaps and the element x report matrix of `rows`, all scored against
    `checklist` (a batch over several checklists has one part per checklist)."""
    return ChecklistPart(
        checklist,
        core_elements(checklist),
        len(rows),
        score_spread(rows),
        common_gaps(checklist, rows),
        elements_in_order(checklist),
        covered_counts(checklist, rows),
        rows.chunks(MATRIX_COLUMNS),
    )


def write(outcome: Outcome, outfile: IO[str]) -> None:
    """The batch's index page (htmlpage.INDEX in the output folder)."""
    render_page(
        "index.html",
        "index.js",
        outfile,
        outcome=outcome,
        scored=reports_scored(outcome),
        choice=choice_note(outcome),
        interrupted=interrupted_note(outcome) if outcome.interrupted else None,
        ranking=ranked(outcome.rows),
        parts=[checklist_part(checklist, rows) for checklist, rows in by_checklist(outcome)],
        gaps_shown=GAPS_SHOWN,
        segments=lambda lacking: [(f"st-{status}", lacking[status]) for status in STATUSES],
        number=number,
        timeliness=TIMELINESS_LABEL,
    )
