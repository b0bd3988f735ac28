"""Why an element got its status in a report: the record the matcher and the scorer kept of their
own decisions (models.Decisions), laid out sentence by sentence for a reviewer who disputes it.

Nothing here decides anything: every hit, drop, context, cue and rule comes from the record or
the Analysis; this module only gathers what concerns one element and names the sentences.
"""

from __future__ import annotations

from difflib import get_close_matches

from pydantic import BaseModel, ConfigDict

from scorer.errors import RolscoreError
from scorer.match import Matcher
from scorer.models import (
    Analysis,
    ChecklistUsed,
    ChosenBy,
    Context,
    Decisions,
    DroppedHit,
    Hit,
    NearMiss,
    Segmented,
    Status,
)
from scorer.score import analyse
from scorer.timeliness import DEFAULT_DEADLINE, MonthDay

DROP_REASONS = {
    "not_part_of": "inside a longer phrase the checklist excludes (not_part_of)",
    "document_head": "in the document's head (its title and page furniture), which is never evidence",
    "cited_document": "inside the title of a document the report cites, studies or follows, not one it made, or the name of a law (信访工作条例)",
    "body_name": "part of the name of a body (a bureau, an office, a team), not its work",
    "purpose": "the goal the work served (为…提供法治保障), not the work",
    "slogan": "a stock phrase that reports nothing done (主动接受人大监督)",
    "overview": "in the overview that opens a report or a part (在…领导下, 坚持以…为指导), naming the year's direction, not work",
    "area_list": "one of the rule of law's standard areas listed together (立法、执法、司法、守法普法), or of the year's fields counted (围绕…等9个方面), not work on it",
    "own_report": "the report speaking of itself in its covering words (报告包括…, 报告内容将…公开, 现将…报告如下), not work",
    "training_topic": "the subject of a training, a lecture, an inspection, a study or a publicity drive, or what else fills a study slot, which reports none of the work done",
    "remit": "one of the areas a body's remit lists (主要承担…、…工作), not work reported in that area",
    "bare_heading": "a heading with nothing under it",
    "terms_too_far": "the terms of the set lie too far apart in the sentence to name the element together",
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ExplainedSentence(_Strict):
    """A sentence where the matcher found the element, counted or not: its text as the reviewer's
    file has it, the context it was given and the words and sentence that decided that context."""

    index: int
    text: str
    start: int
    end: int
    heading: str
    context: Context
    cue: str
    cue_sentence: str | None
    """The sentence holding `cue` when it is another one (the part's heading, the list's
    announcement); None when the cue is in this sentence or there is none."""
    kept: list[Hit]
    dropped: list[DroppedHit]


class Explanation(_Strict):
    source: str
    checklist: ChecklistUsed
    element: str
    name: str
    section: str
    weight: int
    status: Status
    rule: str
    parts: dict[str, Status]
    sentences: list[ExplainedSentence]
    near_miss: NearMiss | None


def explain(
    doc: Segmented,
    matcher: Matcher,
    element_id: str,
    deadline: MonthDay = DEFAULT_DEADLINE,
    chosen_by: ChosenBy = "option",
) -> Explanation:
    """Score the report once, keeping the record of decisions, and lay out the one element's."""
    _check_known(matcher, element_id)
    decisions = Decisions()
    analysis = analyse(doc, matcher, deadline, chosen_by, decisions)
    return _explanation(doc, analysis, decisions, element_id)


def _check_known(matcher: Matcher, element_id: str) -> None:
    known = list(matcher.compiled)
    if element_id in matcher.compiled:
        return
    close = get_close_matches(element_id, known, n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise RolscoreError(
        f"{element_id!r} is not an element of checklist {matcher.checklist.id}{hint} "
        "(expected one of the ids `rolscore checklist show` lists)"
    )


def _explanation(doc: Segmented, analysis: Analysis, decisions: Decisions, element_id: str) -> Explanation:
    result = analysis.element(element_id)
    record = decisions.of(element_id)
    kept: dict[int, list[Hit]] = {}
    dropped: dict[int, list[DroppedHit]] = {}
    for hit in record.kept:
        kept.setdefault(hit.sentence, []).append(hit)
    for hit in record.dropped:
        dropped.setdefault(hit.sentence, []).append(hit)
    sentences = []
    for index in sorted(kept.keys() | dropped.keys()):
        sentence = doc.sentences[index]
        source = sentence.cue_from
        sentences.append(
            ExplainedSentence(
                index=index,
                text=doc.source.text[sentence.start : sentence.end],
                start=sentence.start,
                end=sentence.end,
                heading=" > ".join(sentence.heading),
                context=sentence.context,
                cue=sentence.cue,
                cue_sentence=doc.sentences[source].text if source is not None and source != index else None,
                kept=kept.get(index, []),
                dropped=dropped.get(index, []),
            )
        )
    return Explanation(
        source=analysis.source,
        checklist=analysis.checklist,
        element=element_id,
        name=result.name,
        section=result.section,
        weight=result.weight,
        status=result.status,
        rule=record.rule,
        parts=result.parts,
        sentences=sentences,
        near_miss=result.near_miss,
    )
