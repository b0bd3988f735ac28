"""One report from disk to Analysis: ingest -> segment -> match -> score."""

from __future__ import annotations

import glob
from pathlib import Path

from scorer.ingest import SUPPORTED_SUFFIXES, read_document
from scorer.match import Matcher
from scorer.models import Analysis
from scorer.score import analyse
from scorer.segment import segment
from scorer.timeliness import DEFAULT_DEADLINE, MonthDay


def score_file(path: str | Path, matcher: Matcher, deadline: MonthDay = DEFAULT_DEADLINE) -> Analysis:
    return analyse(segment(read_document(path)), matcher, deadline)


def expand(paths: list[str], recursive: bool = False) -> list[Path]:
    """Inputs in the order given; a directory becomes its supported files, sorted; a glob pattern
    that names no file itself (quoted, so the shell left it) becomes what it matches, sorted."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        matches = sorted(glob.glob(raw, recursive=True)) if not path.exists() and set(raw) & set("*?[") else []
        if matches:
            found += expand(matches, recursive)
        elif path.is_dir():
            pattern = "**/*" if recursive else "*"
            found += sorted(p for p in path.glob(pattern) if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
        else:
            found.append(path)
    return list(dict.fromkeys(found))
