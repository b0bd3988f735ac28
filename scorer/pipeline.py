"""One report from disk to Analysis: ingest -> segment -> match -> score."""

from __future__ import annotations

from pathlib import Path

from scorer.ingest import SUPPORTED_SUFFIXES, read_document
from scorer.match import Matcher
from scorer.models import Analysis
from scorer.score import analyse
from scorer.segment import segment


def score_file(path: str | Path, matcher: Matcher) -> Analysis:
    return analyse(segment(read_document(path)), matcher)


def expand(paths: list[str], recursive: bool = False) -> list[Path]:
    """Inputs in the order given; a directory becomes its supported files, sorted."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            pattern = "**/*" if recursive else "*"
            found += sorted(p for p in path.glob(pattern) if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
        else:
            found.append(path)
    return list(dict.fromkeys(found))
