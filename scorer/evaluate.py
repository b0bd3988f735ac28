"""Compare the scorer with hand-made gold labels (tests/gold, see its README). Never prints.

Every labelled document is scored by the matcher and by a BASELINE, the classic dictionary
method: an alias of the same checklist anywhere in the (normalised) text makes the element
covered, else it is missing; no term sets, no context, no fuzzy matching. Both are measured on
the same (document, element) pairs: precision, recall and F1 of `covered`, a confusion table of
gold vs predicted status, and how many pairs the gold calls problem or planned are predicted
covered (the false coverage a reviewer must never be shown).

Labels name the ids of the built-in checklists. A checklist evaluated with other ids (fazhi_2015,
or one that extends a built-in) is measured on the ids it shares with the labels: a label for an
id it lacks is left out, an id no label names is not counted. A probe's silence means missing only
for the ids of fazhi_2021, the checklist the probes were written against.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from scorer.checklist import BUILTIN, DEFAULT, load_checklist
from scorer.errors import InputError, RolscoreError
from scorer.ingest import from_string, read_document
from scorer.match import Matcher
from scorer.models import STATUSES, Analysis, ChecklistRef, Evidence, Id, NearMiss, SourceText, Status
from scorer.score import analyse
from scorer.segment import segment


class GoldError(RolscoreError):
    """A gold file that cannot be read or does not fit the format of tests/gold/README.md."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class GoldLabel(_Strict):
    status: Status
    quote: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _quote_unless_missing(self) -> GoldLabel:
        if (self.status == "missing") == bool(self.quote):
            raise ValueError("a quote is required, except for missing, which has none")
        return self


class StructureLabel(_Strict):
    status: Literal["found", "missing"]
    quote: str | None = None
    note: str | None = None


class GoldFile(_Strict):
    """One gold YAML file: a seed (`source`, a path relative to the file) or a probe (`text`)."""

    source: str | None = None
    text: str | None = None
    labels: dict[Id, GoldLabel]
    structure: dict[Id, StructureLabel] = {}

    @model_validator(mode="after")
    def _source_or_text(self) -> GoldFile:
        if (self.source is None) == (self.text is None):
            raise ValueError("give exactly one of source (a seed) or text (a probe)")
        return self

    @property
    def is_probe(self) -> bool:
        return self.text is not None


class GoldDocument(_Strict):
    """A gold file with its document read."""

    name: str
    gold: GoldFile
    source: SourceText

    def status(self, element_id: str) -> Status | None:
        """The gold status; in a probe an unlisted element of fazhi_2021 is missing; anything else
        unlisted is unlabelled."""
        label = self.gold.labels.get(element_id)
        if label is not None:
            return label.status
        return "missing" if self.gold.is_probe and element_id in _ids(DEFAULT) else None


class Metrics(_Strict):
    """Figures of one predictor over all labelled (document, element) pairs."""

    pairs: int
    true_positive: int
    false_positive: int
    false_negative: int
    precision: float
    recall: float
    f1: float
    confusion: dict[Status, dict[Status, int]]
    """gold status -> predicted status -> count."""
    false_coverage: int
    """Pairs whose gold status is problem or planned, predicted covered."""


class Disagreement(_Strict):
    """A pair where the matcher's status differs from the gold, with what the matcher used."""

    document: str
    element: str
    gold: Status
    predicted: Status
    quote: str | None
    evidence: list[Evidence]
    near_miss: NearMiss | None


class Evaluation(_Strict):
    gold_dir: str
    checklist: ChecklistRef
    documents: list[str]
    matcher: Metrics
    baseline: Metrics
    disagreements: list[Disagreement]
    errors: list[str]
    """One line per gold file that could not be used."""


def load_gold(path: Path, name: str | None = None) -> GoldDocument:
    """Read and validate one gold file and the document it labels; GoldError names the file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: cannot read gold file ({exc})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise GoldError(f"{path}{line}: invalid YAML: {getattr(exc, 'problem', None) or exc}") from None
    if not isinstance(data, dict):
        raise GoldError(f"{path}: expected a mapping with labels and either text or source")
    try:
        gold = GoldFile.model_validate(data)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        place = ".".join(str(part) for part in error["loc"]) or "(top level)"
        raise GoldError(f"{path}: {place}: {error['msg'].removeprefix('Value error, ')}") from None
    if gold.text is not None:
        source = from_string(gold.text, str(path))
    else:
        try:
            source = read_document(path.parent / gold.source)
        except InputError as exc:
            raise GoldError(f"{path}: source {exc}") from None
    return GoldDocument(name=name or str(path), gold=gold, source=source)


def baseline_covered(matcher: Matcher, text: str) -> set[str]:
    """The dictionary method: ids of the elements with an alias anywhere in the (normalised) text."""
    return {
        element_id
        for element_id, compiled in matcher.compiled.items()
        if any(alias in text for alias in compiled.aliases)
    }


def metrics(pairs: list[tuple[Status, Status]]) -> Metrics:
    """Figures of `covered` over (gold, predicted) pairs."""
    tp = sum(gold == "covered" and predicted == "covered" for gold, predicted in pairs)
    fp = sum(gold != "covered" and predicted == "covered" for gold, predicted in pairs)
    fn = sum(gold == "covered" and predicted != "covered" for gold, predicted in pairs)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    confusion = {gold: {predicted: 0 for predicted in STATUSES} for gold in STATUSES}
    for gold, predicted in pairs:
        confusion[gold][predicted] += 1
    return Metrics(
        pairs=len(pairs),
        true_positive=tp,
        false_positive=fp,
        false_negative=fn,
        precision=round(precision, 4),
        recall=round(recall, 4),
        f1=round(f1, 4),
        confusion=confusion,
        false_coverage=confusion["problem"]["covered"] + confusion["planned"]["covered"],
    )


def gold_files(gold_dir: Path) -> list[Path]:
    """Every gold YAML file under `gold_dir`, recursively, in a stable order."""
    return sorted(gold_dir.rglob("*.yaml"))


def evaluate(gold_dir: str | Path, matcher: Matcher) -> Evaluation:
    """Score every gold document with the matcher and the baseline; bad files go to `errors`."""
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise GoldError(f"{gold_dir}: not a directory of gold files")
    documents: list[GoldDocument] = []
    errors: list[str] = []
    known = {element.id for element in matcher.checklist.elements}.union(*map(_ids, BUILTIN))
    for path in gold_files(gold_dir):
        try:
            document = load_gold(path, path.relative_to(gold_dir).as_posix())
        except GoldError as exc:
            errors.append(str(exc))
            continue
        unknown = sorted(set(document.gold.labels) - known)
        if unknown:  # a typo would otherwise drop the label and count a right answer as wrong
            errors.append(
                f"{path}: labels: not element ids of checklist {matcher.checklist.id} or a built-in one: {', '.join(unknown)}"
            )
        else:
            documents.append(document)
    if not documents and not errors:
        raise GoldError(f"{gold_dir}: no gold files (*.yaml) found")
    ours: list[tuple[Status, Status]] = []
    dictionary: list[tuple[Status, Status]] = []
    disagreements: list[Disagreement] = []
    for document in documents:
        doc = segment(document.source)
        analysis = analyse(doc, matcher)
        baseline = baseline_covered(matcher, doc.normalized)
        for result in analysis.elements:
            gold = document.status(result.id)
            if gold is None:
                continue
            ours.append((gold, result.status))
            dictionary.append((gold, "covered" if result.id in baseline else "missing"))
            if gold != result.status:
                disagreements.append(_disagreement(document, analysis, result.id, gold))
    return Evaluation(
        gold_dir=str(gold_dir),
        checklist=ChecklistRef(id=matcher.checklist.id, version=matcher.checklist.version),
        documents=[document.name for document in documents],
        matcher=metrics(ours),
        baseline=metrics(dictionary),
        disagreements=disagreements,
        errors=errors,
    )


@cache
def _ids(name: str) -> frozenset[str]:
    """The element ids of a built-in checklist (asked once per gold label looked up)."""
    return frozenset(element.id for element in load_checklist(name).elements)


def _disagreement(document: GoldDocument, analysis: Analysis, element_id: str, gold: Status) -> Disagreement:
    result = analysis.element(element_id)
    label = document.gold.labels.get(element_id)
    return Disagreement(
        document=document.name,
        element=element_id,
        gold=gold,
        predicted=result.status,
        quote=label.quote if label else None,
        evidence=result.evidence,
        near_miss=result.near_miss,
    )
