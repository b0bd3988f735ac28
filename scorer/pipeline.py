"""One report from disk to Analysis: ingest -> segment -> match -> score."""

from __future__ import annotations

import glob
from pathlib import Path

from scorer.ingest import SUPPORTED_SUFFIXES, read_document
from scorer.match import Matcher
from scorer.models import Analysis, Segmented
from scorer.score import analyse
from scorer.segment import segment
from scorer.timeliness import DEFAULT_DEADLINE, MonthDay


def score_file(path: str | Path, matcher: Matcher, deadline: MonthDay = DEFAULT_DEADLINE) -> Analysis:
    return read_and_score(path, matcher, deadline)[1]


def read_and_score(
    path: str | Path, matcher: Matcher, deadline: MonthDay = DEFAULT_DEADLINE
) -> tuple[Segmented, Analysis]:
    """The segmented document (its text and where its paragraphs and headings are) and its
    analysis: what an HTML page shows."""
    document = segment(read_document(path))
    return document, analyse(document, matcher, deadline)


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
