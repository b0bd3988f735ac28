"""Turn hits into statuses, scores and gaps: the Analysis every renderer reads. Never prints.

Status of an element, from its evidence:
- covered: a hit (alias or term set) in an achievement sentence;
- partial: an umbrella element with some of its parts evidenced;
- problem: only shortcoming mentions (or shortcoming and plan mentions: the report admits the
  gap, and the plan is how it means to close it);
- planned: only plan mentions;
- missing: no mention at all.
Credit: covered 1, partial 0.5, else 0; a score is weighted credit / weighted total x 100.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from pydantic import TypeAdapter

from scorer import specificity, timeliness
from scorer.checklist import UNKNOWN_YEAR_WARNING
from scorer.match import DocumentMatch, Matcher
from scorer.metadata import document_warnings, read_metadata
from scorer.models import (
    STATUSES,
    Analysis,
    ChecklistUsed,
    ChosenBy,
    Decisions,
    Element,
    ElementResult,
    Hit,
    SectionResult,
    Segmented,
    Sentence,
    Status,
)
from scorer.structure import check_structure

CREDIT: dict[Status, float] = {"covered": 1.0, "partial": 0.5, "planned": 0.0, "problem": 0.0, "missing": 0.0}
_CONTEXT_ORDER = {"achievement": 0, "problem": 1, "plan": 2}
_ELEMENT_RESULTS = TypeAdapter(list[ElementResult])
"""Every element's result, its Evidence and NearMiss included, validated from dicts in one call."""


def _strongest_first(items: list[dict]) -> list[dict]:
    """Achievements first; within a context, a body sentence before a bare heading, a sentence
    with figures or a named document before one without, then the report's order."""
    return sorted(items, key=lambda e: (_CONTEXT_ORDER[e["context"]], e["is_heading"], not e["specific"], e["start"]))


def analyse(
    doc: Segmented,
    matcher: Matcher,
    deadline: timeliness.MonthDay = timeliness.DEFAULT_DEADLINE,
    chosen_by: ChosenBy = "option",
    decisions: Decisions | None = None,
) -> Analysis:
    """The report scored against the matcher's checklist, chosen by the report's year or by the
    user (`chosen_by`). With `decisions`, the matcher and the scorer write down there what they
    decided for each element and why (rolscore explain reads it)."""
    checklist = matcher.checklist
    matches = matcher.match(doc, decisions)
    said = functools.cache(functools.partial(_said, doc))  # a sentence often evidences several elements
    evidence = {element_id: _evidence(found, said) for element_id, found in matches.hits.items()}
    own_status = {element_id: _status(found) for element_id, found in evidence.items()}

    drafts: list[dict] = []
    for section in checklist.sections:
        for element in section.elements:
            status, items, parts, rule = _umbrella(element, own_status, evidence)
            if decisions is not None:
                decisions.of(element.id).rule = rule
            near = _near_miss(doc, matches, element.id) if status == "missing" else None
            drafts.append(
                {
                    "id": element.id,
                    "name": element.name,
                    "section": section.id,
                    "weight": element.weight,
                    "status": status,
                    "score": CREDIT[status] * 100,
                    "evidence": items,
                    "parts": parts,
                    "near_miss": near,
                    "specific_share": _specific_share(items),
                }
            )
    results = _ELEMENT_RESULTS.validate_python(drafts)
    by_id = {result.id: result for result in results}
    sections = [
        SectionResult(
            id=section.id,
            title=section.title,
            score=weighted_score([by_id[e.id] for e in section.elements]),
            elements=[e.id for e in section.elements],
        )
        for section in checklist.sections
    ]
    gaps = sorted((r for r in results if r.status != "covered"), key=lambda r: -r.weight)  # stable: checklist order within a weight
    structure = check_structure(doc, checklist.structure)
    metadata = read_metadata(doc, structure)
    return Analysis(
        source=doc.source.path,
        checklist=ChecklistUsed(id=checklist.id, version=checklist.version, chosen_by=chosen_by),
        overall_score=weighted_score(results),
        sections=sections,
        elements=results,
        gaps=[r.id for r in gaps],
        counts=_counts(results),
        specific_share=_backed_share(results),
        metadata=metadata,
        structure=structure,
        timeliness=timeliness.check(metadata.year, metadata.published, deadline),
        warnings=document_warnings(metadata, structure) + doc.warnings + _choice_warnings(chosen_by, metadata.year),
    )


def _choice_warnings(chosen_by: ChosenBy, year: int | None) -> list[str]:
    """A reviewer should know when the year that picks the outline was not found."""
    return [UNKNOWN_YEAR_WARNING] if chosen_by == "year" and year is None else []


def weighted_score(results: list[ElementResult]) -> float:
    total = sum(r.weight for r in results)
    earned = sum(r.weight * CREDIT[r.status] for r in results)
    return round(100.0 * earned / total, 1) if total else 0.0


def _counts(results: list[ElementResult]) -> dict[Status, int]:
    counts = dict.fromkeys(STATUSES, 0)
    for result in results:
        counts[result.status] += 1
    return counts


def _specific_share(items: list[dict]) -> float | None:
    achievements = [e for e in items if e["context"] == "achievement"]
    return round(sum(e["specific"] for e in achievements) / len(achievements), 3) if achievements else None


def _backed_share(results: list[ElementResult]) -> float | None:
    """Share of covered or partial elements with at least one specific achievement sentence."""
    credited = [r for r in results if r.status in ("covered", "partial")]
    if not credited:
        return None
    backed = sum(any(e.specific and e.context == "achievement" for e in r.evidence) for r in credited)
    return round(backed / len(credited), 3)


def _quoted(sentence: Sentence, text: str) -> dict:
    """A sentence as the reviewer's `text` has it, and where."""
    start, end = sentence.start, sentence.end
    return {"text": text[start:end], "start": start, "end": end, "heading": " > ".join(sentence.heading)}


def _said(doc: Segmented, index: int) -> dict:
    """What a sentence gives every element it evidences: the quote, its context, what makes it
    specific."""
    sentence = doc.sentences[index]
    figures = specificity.figures(sentence.text)
    documents = specificity.documents(sentence.text)
    said = _quoted(sentence, doc.source.text)
    said.update(
        context=sentence.context,
        figures=figures,
        documents=documents,
        specific=bool(figures or documents),
        is_heading=sentence.is_heading,
    )
    return said


def _evidence(hits: list[Hit], said: Callable[[int], dict]) -> list[dict]:
    """Each hit as the fields of an Evidence: what its sentence says (see _said) and what matched
    there."""
    items = [{**said(hit.sentence), "match": hit.match, "term": hit.term} for hit in hits]
    for item, hit in zip(items, hits):
        if hit.context is not None:  # the mention, not its sentence, says what it reports
            item["context"] = hit.context
    return _strongest_first(items)


def _status(items: list[dict]) -> tuple[Status, str]:
    """An element's status from its own evidence, and the rule that gave it."""
    achievements = [e for e in items if e["context"] == "achievement"]
    if achievements:
        return "covered", "covered: a hit (alias or term set) in an achievement sentence"
    if any(e["context"] == "problem" for e in items):
        return "problem", "problem: no achievement; named as a shortcoming (a plan to fix it does not count)"
    if items:
        return "planned", "planned: named only as future work"
    return "missing", "missing: no hit in the report's body"


def _umbrella(element: Element, own_status, evidence) -> tuple[Status, list[dict], dict[str, Status], str]:
    """An umbrella is covered when claimed as a whole or when all its parts are covered, and
    partial when only some parts are evidenced. Parts never borrow the umbrella's evidence.
    Returns the status, the evidence, the parts' statuses and the rule that decided."""
    status, rule = own_status[element.id]
    items = evidence[element.id]
    if not element.parts:
        return status, items, {}, rule
    parts = {part: own_status[part][0] for part in element.parts}
    if status == "covered":
        return status, items, parts, rule + ", claimed as a whole"
    evidenced = [part for part, part_status in parts.items() if part_status in ("covered", "partial")]
    if len(evidenced) == len(parts) and all(parts[p] == "covered" for p in evidenced):
        status, rule = "covered", "covered: every part is covered"
    elif evidenced:
        uncovered = [part for part, part_status in parts.items() if part_status != "covered"]
        status, rule = "partial", f"partial: some parts evidenced ({', '.join(evidenced)}), not all covered ({', '.join(uncovered)})"
    else:
        return status, items, parts, rule + "; no part is evidenced either"
    seen = {(e["start"], e["end"]) for e in items}
    borrowed = [e for part in evidenced for e in evidence[part] if e["context"] == "achievement"]
    for item in borrowed:
        if (item["start"], item["end"]) not in seen:
            seen.add((item["start"], item["end"]))
            items = items + [item]
    return status, _strongest_first(items), parts, rule


def _near_miss(doc: Segmented, matches: DocumentMatch, element_id: str) -> dict | None:
    """The fields of the NearMiss of a missing element, if any sentence is close."""
    hit = matches.near_miss(element_id)
    if hit is None:
        return None
    return {**_quoted(doc.sentences[hit.sentence], doc.source.text), "term": hit.term, "score": hit.score}
