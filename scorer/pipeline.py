"""One report to Analysis: ingest -> segment -> (the checklist for its year) -> match -> score.

`checklist` is `auto` (the built-in checklist of the report's year), a built-in name or a file, a
loaded Checklist, or a Matcher already built for one.
"""

from __future__ import annotations

import glob
from pathlib import Path

from scorer.checklist import AUTO, choose_checklist
from scorer.ingest import SUPPORTED_SUFFIXES, read_document
from scorer.match import Matcher
from scorer.models import Analysis, Checklist, Segmented, SourceText
from scorer.score import analyse
from scorer.segment import segment
from scorer.timeliness import DEFAULT_DEADLINE, MonthDay

ChecklistChoice = str | Path | Checklist | Matcher
_matchers: dict[str, Matcher] = {}


def score_file(path: str | Path, checklist: ChecklistChoice = AUTO, deadline: MonthDay = DEFAULT_DEADLINE) -> Analysis:
    return read_and_score(path, checklist, deadline)[1]


def read_and_score(
    path: str | Path, checklist: ChecklistChoice = AUTO, deadline: MonthDay = DEFAULT_DEADLINE
) -> tuple[Segmented, Analysis]:
    """The segmented document (its text and where its paragraphs and headings are) and its
    analysis against the chosen checklist: what an HTML page shows."""
    document = segment(read_document(path))
    return document, score_document(document, checklist, deadline)


def score_text(
    text: str, checklist: ChecklistChoice = AUTO, deadline: MonthDay = DEFAULT_DEADLINE, source: str = "<text>"
) -> Analysis:
    """A report given as text; `source` is what the Analysis names it."""
    return score_document(segment(SourceText(path=source, text=text, encoding="utf-8", format="txt")), checklist, deadline)


def score_document(doc: Segmented, checklist: ChecklistChoice = AUTO, deadline: MonthDay = DEFAULT_DEADLINE) -> Analysis:
    if isinstance(checklist, Matcher):
        return analyse(doc, checklist, deadline)
    chosen, chosen_by = choose_checklist(doc.reported_year, checklist)
    return analyse(doc, matcher_for(chosen), deadline, chosen_by)


def matcher_for(checklist: Checklist) -> Matcher:
    """The process's Matcher for a checklist, built when a report first needs it and kept (one
    per checklist id: a batch worker with --checklist auto builds at most two)."""
    matcher = _matchers.get(checklist.id)
    if matcher is None or not (matcher.checklist is checklist or matcher.checklist == checklist):
        matcher = _matchers[checklist.id] = Matcher(checklist)
    return matcher


def expand(paths: list[str], recursive: bool = False, outputs: Path | None = None) -> list[Path]:
    """Inputs in the order given; a directory becomes its supported files, sorted; a glob pattern
    that names no file itself (quoted, so the shell left it) becomes what it matches, sorted.
    Files a directory or pattern finds under `outputs` are our own reports, not inputs."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        matches = sorted(glob.glob(raw, recursive=True)) if not path.exists() and set(raw) & set("*?[") else []
        if matches:
            found += [p for p in expand(matches, recursive) if not _inside(p, outputs)]
        elif path.is_dir():
            pattern = "**/*" if recursive else "*"
            found += sorted(
                p for p in path.glob(pattern)
                if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES and not _inside(p, outputs)
            )
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def _inside(path: Path, folder: Path | None) -> bool:
    return folder is not None and path.resolve().is_relative_to(folder.resolve())
