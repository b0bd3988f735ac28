"""The data passed between stages, and the checklist schema.

Stages: ingest -> SourceText; segment -> Segmented (sentences with headings and context);
match -> Evidence per element; score -> Analysis, which every renderer reads and none changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Status = Literal["covered", "partial", "planned", "problem", "missing"]
STATUSES: tuple[Status, ...] = ("covered", "partial", "planned", "problem", "missing")
Context = Literal["achievement", "problem", "plan"]
MatchKind = Literal["alias", "terms"]

ChosenBy = Literal["year", "option"]
"""How a report's checklist was chosen: by the report's year (--checklist auto) or by the option."""

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
Phrase = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Weight = Literal[1, 2, 3]
TermsWithin = Annotated[int, Field(ge=2, le=200)]
TIER_BY_WEIGHT = {3: "core", 2: "standard", 1: "minor"}


class PlaceError(ValueError):
    """A validation error that knows where in the checklist it is (a pydantic-style loc)."""

    def __init__(self, loc: tuple[str | int, ...], message: str):
        super().__init__(message)
        self.loc = loc


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- checklist schema -------------------------------------------------------------------------


Examples = dict[Status, list[Phrase]]
"""Sentences by the status the element must get when each is scored alone (`checklist test`)."""


class Element(_Strict):
    """One required element and the phrasings that evidence it."""

    id: Id
    name: Phrase
    weight: Weight
    aliases: list[Phrase] = Field(min_length=1)
    term_sets: list[list[Phrase | list[Phrase]]] = []
    terms_within: TermsWithin | None = None
    """The longest stretch of a sentence, in characters, that one of its term sets may spread over
    (the matcher's MAX_TERM_SPAN when not given)."""
    terms_in_order: bool = False
    """Its term sets' groups must occur in the order written (学习 … 习近平法治思想, not the thought
    named first and 学习 in a later clause)."""
    not_part_of: list[Phrase] = []
    parts: list[Id] = []
    examples: Examples = {}

    @property
    def tier(self) -> str:
        return TIER_BY_WEIGHT[self.weight]


class Section(_Strict):
    id: Id
    title: Phrase
    elements: list[Element] = Field(min_length=1)


class StructurePart(_Strict):
    """A required part of the report as a document (checked on headings, not sentences)."""

    id: Id
    name: Phrase
    weight: Weight
    cues: list[Phrase] = Field(min_length=1)


class Checklist(_Strict):
    id: Id
    version: Phrase
    title: Phrase
    sections: list[Section] = Field(min_length=1)
    structure: list[StructurePart] = []

    @model_validator(mode="after")
    def _ids_unique_and_parts_known(self) -> Checklist:
        seen: dict[str, tuple] = {}
        for loc, item_id in self._all_ids():
            if item_id in seen:
                first = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in seen[item_id]).lstrip(".")
                raise PlaceError(loc, f"duplicate id {item_id!r} (first used at {first}); every id must be unique")
            seen[item_id] = loc
        for s, section in enumerate(self.sections):
            for e, element in enumerate(section.elements):
                for p, part in enumerate(element.parts):
                    if part not in seen or part == element.id:
                        raise PlaceError(
                            ("sections", s, "elements", e, "parts", p),
                            f"names {part!r}, which is not another element of this checklist",
                        )
        return self

    def _all_ids(self):
        for s, section in enumerate(self.sections):
            yield ("sections", s, "id"), section.id
            for e, element in enumerate(section.elements):
                yield ("sections", s, "elements", e, "id"), element.id
        for p, part in enumerate(self.structure):
            yield ("structure", p, "id"), part.id

    @property
    def elements(self) -> list[Element]:
        return [element for section in self.sections for element in section.elements]


# --- a checklist that extends another (extends: a built-in name or a file) --------------------


class _Patch(_Strict):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=False)

    @model_validator(mode="after")
    def _replace_or_add(self) -> _Patch:
        for field in ADDITIVE:
            if getattr(self, field, None) is not None and getattr(self, f"{field}_added", None) is not None:
                raise PlaceError((f"{field}+",), f"give {field} (replaces the base's) or {field}+ (adds to it), not both")
        return self


ADDITIVE = ("aliases", "term_sets", "not_part_of", "examples", "cues")
"""Lists an extending checklist can add to with `field+`; the plain key replaces."""


class ElementPatch(_Patch):
    """An element of an extending checklist: an existing id takes the fields given (and moves to
    the section it is listed under); a new id is a new element and needs name, weight, aliases."""

    id: Id
    name: Phrase | None = None
    weight: Weight | None = None
    aliases: list[Phrase] | None = Field(None, min_length=1)
    aliases_added: list[Phrase] | None = Field(None, alias="aliases+", min_length=1)
    term_sets: list[list[Phrase | list[Phrase]]] | None = None
    term_sets_added: list[list[Phrase | list[Phrase]]] | None = Field(None, alias="term_sets+", min_length=1)
    terms_within: TermsWithin | None = None
    terms_in_order: bool | None = None
    not_part_of: list[Phrase] | None = None
    not_part_of_added: list[Phrase] | None = Field(None, alias="not_part_of+", min_length=1)
    parts: list[Id] | None = None
    examples: Examples | None = None
    examples_added: Examples | None = Field(None, alias="examples+", min_length=1)


class SectionPatch(_Patch):
    """A section of an extending checklist: an existing id is merged (its title replaced if given),
    a new id is a new section and needs a title."""

    id: Id
    title: Phrase | None = None
    elements: list[ElementPatch] = []


class StructurePatch(_Patch):
    id: Id
    name: Phrase | None = None
    weight: Weight | None = None
    cues: list[Phrase] | None = Field(None, min_length=1)
    cues_added: list[Phrase] | None = Field(None, alias="cues+", min_length=1)


class ChecklistExtension(_Strict):
    """A checklist file with `extends:`: what it removes from its base, then what it adds or
    changes, by id. The title is the base's unless given."""

    id: Id
    version: Phrase
    title: Phrase | None = None
    extends: Phrase
    remove: list[Id] = []
    sections: list[SectionPatch] = []
    structure: list[StructurePatch] = []


# --- ingest and segment -----------------------------------------------------------------------


class SourceText(_Strict):
    """A decoded input: `text` is what the reviewer has; every offset in the output indexes it."""

    path: str
    text: str
    encoding: str
    format: str


class Sentence(_Strict):
    """A sentence (or ;-clause): `text` is normalised[norm_start:norm_end]; start/end index the
    original text."""

    index: int
    text: str
    start: int
    end: int
    norm_start: int
    norm_end: int
    heading: tuple[str, ...]
    context: Context
    cue: str = ""
    """The words that decided `context` (存在问题, 尚未, 下一步); "" for an achievement by default."""
    cue_from: int | None = None
    """The sentence holding `cue`: this one, the heading of its part, or the sentence announcing
    its list."""
    is_heading: bool = False


class Segmented(_Strict):
    source: SourceText
    normalized: str
    sentences: list[Sentence]
    reported_year: int | None
    warnings: list[str] = []
    """What segmenting had to do that a reviewer should know (a sentence cut in pieces)."""


# --- match and score --------------------------------------------------------------------------


class Evidence(_Strict):
    """A sentence that mentions an element. `text` == source text[start:end]. `figures` and
    `documents` are what makes it specific: numbers with a unit, percentages, counts; 《…》 names."""

    text: str
    start: int
    end: int
    heading: str
    context: Context
    match: MatchKind
    term: str
    figures: list[str] = []
    documents: list[str] = []
    specific: bool = False
    is_heading: bool = False


class NearMiss(_Strict):
    """The sentence closest to a missing element, so a reviewer can judge the miss."""

    text: str
    start: int
    end: int
    heading: str
    term: str
    score: float


class ElementResult(_Strict):
    id: str
    name: str
    section: str
    weight: int
    status: Status
    score: float
    evidence: list[Evidence]
    parts: dict[str, Status] = {}
    near_miss: NearMiss | None = None
    specific_share: float | None = None
    """Share of the achievement evidence that is specific; None without achievement evidence."""


class SectionResult(_Strict):
    id: str
    title: str
    score: float
    elements: list[str]


class ChecklistRef(_Strict):
    id: str
    version: str


class ChecklistUsed(ChecklistRef):
    """The checklist a report was scored against, and how it was chosen."""

    chosen_by: ChosenBy


class Metadata(_Strict):
    """Facts read from the report's text; each None when not found, never invented."""

    title: str | None = None
    issuer: str | None = None
    year: int | None = None
    published: str | None = None  # YYYY-MM-DD
    doc_number: str | None = None
    document_type: Literal["annual_report", "other"] = "annual_report"


class StructureResult(_Strict):
    """One required part of the report: found or missing, and the heading or passage carrying it."""

    id: str
    name: str
    status: Literal["found", "missing"]
    heading: str | None = None


class Timeliness(_Strict):
    status: Literal["on_time", "late", "unknown"]
    deadline: str | None = None  # YYYY-MM-DD
    published: str | None = None  # YYYY-MM-DD


# --- the record of decisions (rolscore explain) ----------------------------------------------


DropReason = Literal[
    "not_part_of",
    "document_head",
    "bare_heading",
    "cited_document",
    "body_name",
    "purpose",
    "slogan",
    "overview",
    "area_list",
    "own_report",
    "remit",
    "training_topic",
    "terms_too_far",
]


@dataclass(frozen=True)
class Hit:
    """A mention of an element in a sentence, as the matcher hands it to the scorer (a plain
    dataclass: there are hundreds a report). `context`, when set, is what this mention says of
    itself whatever its sentence's context (a topic a meeting only arranged is a plan), and `cue`
    the words that show it."""

    sentence: int
    match: MatchKind
    term: str
    context: Context | None = None
    cue: str = ""


class DroppedHit(_Strict):
    """A hit the matcher found and did not count, and why; `detail` says more (the longer phrase
    that swallowed an alias, how far apart the terms of a set lay)."""

    sentence: int
    match: MatchKind
    term: str
    reason: DropReason
    detail: str = ""


class ElementRecord(BaseModel):
    """What was decided for one element of one report, written down by the code that decided it:
    the matcher (kept and dropped hits) and the scorer (the rule that gave the status)."""

    model_config = ConfigDict(extra="forbid")

    kept: list[Hit] = []
    dropped: list[DroppedHit] = []
    rule: str = ""


class Decisions(BaseModel):
    """The record of one report's decisions, per element id; kept only when asked for, as
    `rolscore explain` does."""

    model_config = ConfigDict(extra="forbid")

    elements: dict[str, ElementRecord] = {}

    def of(self, element_id: str) -> ElementRecord:
        return self.elements.setdefault(element_id, ElementRecord())


class Analysis(_Strict):
    """Everything known about one report, computed once; renderers only read it."""

    source: str
    checklist: ChecklistUsed
    overall_score: float
    sections: list[SectionResult]
    elements: list[ElementResult]
    gaps: list[str]
    counts: dict[Status, int]
    specific_share: float | None = None
    """Share of covered or partial elements whose achievement evidence has a figure or a 《…》."""
    metadata: Metadata = Metadata()
    structure: list[StructureResult] = []
    timeliness: Timeliness = Timeliness(status="unknown")
    warnings: list[str] = []

    def element(self, element_id: str) -> ElementResult:
        return next(result for result in self.elements if result.id == element_id)

    def to_dict(self) -> dict:
        """Exactly the object `rolscore score --format json` prints for this report."""
        return self.model_dump(mode="json")
