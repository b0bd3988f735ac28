"""The four parts every annual report must contain (inspection regulation), each found or missing
with the heading or passage that carries it.

A part is found under a heading of its own (the shallowest heading that names it with one of its
checklist cues, or whose part context is the part's context: 存在问题 -> problem, 下一步工作谋划 ->
plan), else in a clearly delimited passage, as a reviewer accepts it: shortcomings and plans in the
report's closing words ("虽然……但……仍存在差距", "下一步,将……"); the first-responsible-person duty in
the first sentence of a part; measures and results in the opening ("现将有关情况报告如下") that leads
into the achievement parts, or else in the first achievement part.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import groupby

from scorer.context import PROBLEM_CLAUSE, clause_context, part_context
from scorer.models import Context, Segmented, Sentence, StructurePart, StructureResult
from scorer.normalize import heading_level

# The context each part speaks in; the duty part (and any other) is known by its cues alone.
PART_CONTEXT: dict[str, Context] = {
    "report_measures_and_results": "achievement",
    "report_shortcomings": "problem",
    "report_next_year_plan": "plan",
}
REPORTS_BELOW = re.compile(r"(报告|汇报)如下")


def check_structure(doc: Segmented, parts: list[StructurePart]) -> list[StructureResult]:
    layout = _Layout(doc)
    results = []
    for part in parts:
        found = _find(layout, part, PART_CONTEXT.get(part.id))
        results.append(
            StructureResult(
                id=part.id,
                name=part.name,
                status="found" if found else "missing",
                heading=doc.source.text[found.start : found.end] if found else None,
            )
        )
    return results


_LINE_BREAK = re.compile("\n")

class _Layout:
    """Where a report's headings, opening and closing words are."""

    def __init__(self, doc: Segmented):
        self.doc = doc
        self.headings = sorted(
            (s for s in doc.sentences if s.is_heading), key=lambda s: (heading_level(s.text), s.index)
        )
        first_heading = min((s.index for s in self.headings), default=len(doc.sentences))
        self.opening = doc.sentences[:first_heading]
        self.closing = self._closing()

    def _closing(self) -> list[Sentence]:
        """Sentences after the last paragraph that opens with a heading (after the opening
        paragraph when there is none); a heading alone on its line keeps the next paragraph as
        its body."""
        breaks = [match.start() for match in _LINE_BREAK.finditer(self.doc.normalized)]
        paragraphs = [
            list(group) for _, group in groupby(self.doc.sentences, key=lambda s: bisect_right(breaks, s.norm_start))
        ]
        headed = [i for i, p in enumerate(paragraphs) if heading_level(p[0].text) is not None]
        start = headed[-1] + 1 if headed else 1
        if headed and len(paragraphs[headed[-1]]) == 1 and paragraphs[headed[-1]][0].is_heading:
            start += 1
        return [sentence for paragraph in paragraphs[start:] for sentence in paragraph]


def _find(layout: _Layout, part: StructurePart, context: Context | None) -> Sentence | None:
    """A heading of the part's own, else the passage that does its job."""
    own = _own_heading(layout, part.cues, context)
    if own:
        return own
    if context is None:
        return _part_opening(layout, part.cues)
    if context == "achievement":
        return _measures_passage(layout)
    return next((s for s in layout.closing if _says(s.text, context, part.cues, layout.doc)), None)


def _own_heading(layout: _Layout, cues: list[str], context: Context | None) -> Sentence | None:
    """The shallowest heading in the part's context that names it. A heading with no context of its
    own (measures, duty) must sit among the achievements, not in a problem or plan part."""
    year = layout.doc.reported_year
    for heading in layout.headings:
        if heading.context != (context or "achievement"):
            continue
        own = part_context(heading.text, year)
        titled = context in ("problem", "plan") and own is not None and own.context == context
        if titled or _names(heading.text, cues):
            return heading
    return None


def _part_opening(layout: _Layout, cues: list[str]) -> Sentence | None:
    """The first sentence under a heading, when it names the part (认真履行……第一责任人职责)."""
    sentences = layout.doc.sentences
    for sentence in sentences[1:]:
        opens_part = sentences[sentence.index - 1].is_heading
        if opens_part and sentence.context == "achievement" and _names(sentence.text, cues):
            return sentence
    return None


def _measures_passage(layout: _Layout) -> Sentence | None:
    """The opening that reports what follows, when achievements follow; else the first part
    reporting achievements."""
    closing = {s.index for s in layout.closing}
    for sentence in layout.opening:
        if REPORTS_BELOW.search(sentence.text) and any(
            s.context == "achievement" and s.index not in closing for s in layout.doc.sentences[sentence.index + 1 :]
        ):
            return sentence
    return next((h for h in layout.headings if h.context == "achievement"), None)


def _says(text: str, context: Context, cues: list[str], doc: Segmented) -> bool:
    """Does a closing sentence admit a shortcoming (even one it plans to fix) or plan ahead?"""
    if _names(text, cues):
        return True
    if context == "problem":
        return PROBLEM_CLAUSE.search(text) is not None
    own = clause_context(text, doc.reported_year)
    return own is not None and own.context == "plan"


def _names(text: str, cues: list[str]) -> bool:
    return any(cue in text for cue in cues)
