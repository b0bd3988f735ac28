"""HTML page for one report: the Markdown report's header, a section chart, the element list, the
gaps with their nearest sentences, and the report's full original text with every sentence that
is evidence (or a missing element's nearest sentence) marked, named and explained.

The page shows the Analysis and nothing else; the segmented document only says where the text's
paragraphs and headings are. Marks are keyed by their offsets in the original text (s<start>-<end>),
an element's first evidence by its id (e-<id>), so links into a page stay valid across runs.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from pathlib import Path
from typing import IO, NamedTuple

from scorer.models import STATUSES, Analysis, ElementResult, Evidence, NearMiss, Segmented, Sentence
from scorer.printable import printable
from scorer.render import core
from scorer.render.htmlpage import render_page
from scorer.render.text import shorten

QUOTE_LENGTH = 60
"""Characters of a sentence quoted in the gap list."""
DEEPEST_HEADING = 6


class Tag(NamedTuple):
    """An element named after a marked sentence: its status symbol, or ≈ for a nearest sentence."""

    css: str
    label: str


class Piece(NamedTuple):
    """A stretch of a paragraph: unmarked text, or part of one or more marked sentences."""

    text: str
    keys: tuple[str, ...]
    css: str
    anchors: tuple[str, ...]
    """Ids of the marked sentences that start here and of the elements whose first evidence they
    are; each an empty anchor before the piece."""
    tags: tuple[Tag, ...]
    """Shown after the piece, where the marked sentence ends."""


class Block(NamedTuple):
    tag: str  # "p", or "h3".."h6" for the report's own headings
    pieces: list[Piece]


class _Span:
    """A marked sentence and what it is evidence (or the nearest sentence) for."""

    def __init__(self, start: int, end: int):
        self.start, self.end = start, end
        self.key = f"s{start}-{end}"
        self.items: list[dict] = []
        self.tags: dict[str, Tag] = {}
        self.statuses: set[str] = set()
        self.anchors: list[str] = [self.key]
        """Ids that point here: the mark's own, and e-<id> of each element whose first evidence it is."""

    @property
    def rank(self) -> int:
        """The best status among the elements it evidences (a nearest sentence ranks last)."""
        return min((STATUSES.index(status) for status in self.statuses), default=len(STATUSES))

    @property
    def css(self) -> str:
        return f"st-{STATUSES[self.rank]}" if self.statuses else "near"


class HtmlReporter:
    """One report's page. `document` is the report as segmented; `index`, if given, is the batch
    index the page links back to."""

    report_type = "html"

    def __init__(self, document: Segmented, index: str | None = None):
        self.document = document
        self.index = index

    def report(self, analysis: Analysis, outfile: IO[str]) -> float:
        spans = _spans(analysis)
        results = {result.id: result for result in analysis.elements}
        render_page(
            "report.html",
            "report.js",
            outfile,
            name=printable(Path(analysis.source).stem),
            index=self.index,
            analysis=analysis,
            facts=core.document_facts(analysis),
            checklist=core.checklist_used(analysis),
            results=results,
            sections=[(section, sum(results[e].status == "covered" for e in section.elements)) for section in analysis.sections],
            gaps=[results[element_id] for element_id in analysis.gaps],
            blocks=_blocks(self.document, spans),
            data=_script_data(analysis, spans),
            labels={"part_symbol": core.PART_SYMBOL, "part": core.PART_LABEL, "context": core.CONTEXT_LABEL},
            quote=lambda text: shorten(text, QUOTE_LENGTH),
            near_note=core.near_note,
            evidence_key=_key,
        )
        return analysis.overall_score


def _key(item: Evidence | NearMiss) -> str:
    return f"s{item.start}-{item.end}"


def _spans(analysis: Analysis) -> list[_Span]:
    """Every marked sentence in text order, with what it evidences; each element's first
    evidence in the text gets the element's anchor."""
    spans: dict[str, _Span] = {}

    def span_of(item: Evidence | NearMiss) -> _Span:
        key = _key(item)
        if key not in spans:
            spans[key] = _Span(item.start, item.end)
        return spans[key]

    for result in analysis.elements:
        for item in result.evidence:
            span = span_of(item)
            span.items.append(_explained(result, item))
            span.statuses.add(result.status)
            suffix = "" if item.context == "achievement" else f" ({core.CONTEXT_LABEL[item.context]})"
            label = f"{core.STATUS_SYMBOL[result.status]} {result.name}{suffix}"
            span.tags.setdefault(result.id, Tag(f"st-{result.status}", label))
        if result.evidence:
            min(map(span_of, result.evidence), key=lambda span: span.start).anchors.append(f"e-{result.id}")
        if result.near_miss:
            span = span_of(result.near_miss)
            span.items.append(_explained(result, result.near_miss))
            span.tags.setdefault(result.id, Tag("near", f"≈ {result.name}"))
    return sorted(spans.values(), key=lambda span: (span.start, span.end))


def _explained(result: ElementResult, item: Evidence | NearMiss) -> dict:
    """What the page's script shows for one element of a clicked sentence."""
    if isinstance(item, NearMiss):
        return {"element": result.id, "near": True, "how": core.near_note(item), "heading": item.heading}
    return {
        "element": result.id,
        "near": False,
        "how": core.how_matched(item),
        "context": core.CONTEXT_LABEL[item.context],
        "heading": item.heading,
        "specifics": core.specifics(item),
    }


def _paragraphs(document: Segmented) -> list[tuple[int, int, str]]:
    """(start, end, tag) of each paragraph of the original text: sentences with no line break
    between them in the normalised text are one paragraph; a paragraph of headings is a heading,
    one level below the page's own h2 per level of the report's outline."""
    paragraphs: list[list[Sentence]] = []
    previous: Sentence | None = None
    for sentence in document.sentences:
        if previous is None or "\n" in document.normalized[previous.norm_end : sentence.norm_start]:
            paragraphs.append([])
        paragraphs[-1].append(sentence)
        previous = sentence
    out = []
    for sentences in paragraphs:
        tag = "p"
        if all(sentence.is_heading for sentence in sentences):
            tag = f"h{min(3 + len(sentences[0].heading), DEEPEST_HEADING)}"
        out.append((sentences[0].start, sentences[-1].end, tag))
    return out


def _blocks(document: Segmented, spans: list[_Span]) -> list[Block]:
    """The whole original text as paragraphs and headings, cut into pieces where marks begin and
    end. Text outside every sentence (blank lines, stray characters) shows as a paragraph of its
    own if it is more than white space."""
    text = document.source.text
    paragraphs = _paragraphs(document)
    starts = [start for start, _, _ in paragraphs]
    inside: list[list[_Span]] = [[] for _ in paragraphs]
    for span in spans:
        first = max(bisect_right(starts, span.start) - 1, 0)
        for number in range(first, bisect_left(starts, span.end)):
            inside[number].append(span)
    blocks: list[Block] = []
    position = 0
    for (start, end, tag), marked in zip(paragraphs, inside):
        if text[position:start].strip():
            blocks.append(Block("p", [Piece(text[position:start], (), "", (), ())]))
        blocks.append(Block(tag, _pieces(text, start, end, marked)))
        position = end
    if text[position:].strip():
        blocks.append(Block("p", [Piece(text[position:], (), "", (), ())]))
    return blocks


def _pieces(text: str, start: int, end: int, spans: list[_Span]) -> list[Piece]:
    cuts = sorted({start, end, *(max(start, min(end, at)) for span in spans for at in (span.start, span.end))})
    pieces = []
    for low, high in zip(cuts, cuts[1:]):
        covering = [span for span in spans if span.start <= low and high <= span.end]
        if not covering:
            pieces.append(Piece(text[low:high], (), "", (), ()))
            continue
        pieces.append(
            Piece(
                text[low:high],
                tuple(span.key for span in covering),
                min(covering, key=lambda span: span.rank).css,
                tuple(anchor for span in covering if span.start == low for anchor in span.anchors),
                tuple(tag for span in covering if span.end == high for tag in span.tags.values()),
            )
        )
    return pieces


def _script_data(analysis: Analysis, spans: list[_Span]) -> dict:
    """For the page's script: each element and the marks of its evidence in text order, and what
    each mark evidences and why."""
    marks: dict[str, list[str]] = {}
    for span in spans:
        for item in span.items:
            if not item["near"]:
                marks.setdefault(item["element"], []).append(span.key)
    sections = {section.id: section.title for section in analysis.sections}
    return {
        "elements": {
            result.id: {
                "name": result.name,
                "status": result.status,
                "symbol": core.STATUS_SYMBOL[result.status],
                "label": core.STATUS_LABEL[result.status],
                "tier": core.TIER_LABEL[result.weight],
                "section": sections[result.section],
                "marks": list(dict.fromkeys(marks.get(result.id, []))),
            }
            for result in analysis.elements
        },
        "marks": {span.key: span.items for span in spans},
    }
