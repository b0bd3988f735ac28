"""One report from disk to Analysis: ingest -> segment -> match -> score; and what a user's list
of paths names."""

from __future__ import annotations

import glob
import os
import sys
from pathlib import Path

from scorer.files import special_kind
from scorer.ingest import SUPPORTED_SUFFIXES, read_document
from scorer.limits import DEFAULT_LIMITS, Limits
from scorer.match import Matcher
from scorer.models import Analysis
from scorer.printable import printable
from scorer.score import analyse
from scorer.segment import segment
from scorer.timeliness import DEFAULT_DEADLINE, MonthDay


def score_file(
    path: str | Path, matcher: Matcher, deadline: MonthDay = DEFAULT_DEADLINE, limits: Limits = DEFAULT_LIMITS
) -> Analysis:
    return analyse(segment(read_document(path, limits)), matcher, deadline)


def expand(paths: list[str], recursive: bool = False, outputs: Path | None = None) -> list[Path]:
    """Inputs in the order given; a directory becomes its supported files, sorted; a glob pattern
    that names no file itself (quoted, so the shell left it) becomes what it matches, sorted.
    Files a directory or pattern finds under `outputs` are our own reports, not inputs. A file
    given by name is kept whatever it is (reading it says what is wrong); in a directory, what is
    not a regular file (a named pipe, a device, a socket) is skipped with a line on stderr, and a
    link that leads nowhere (a loop, a missing target) is kept, for reading it to report."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        matches = _glob(raw) if not path.exists() and set(raw) & set("*?[") else []
        if matches:
            found += [p for p in expand(matches, recursive) if not _inside(p, outputs)]
        elif path.is_dir():
            found += sorted(p for p in _files_under(path, recursive) if not _inside(p, outputs))
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def _glob(pattern: str) -> list[str]:
    """What a glob pattern matches, sorted. Through `**` a link to a folder is not followed, as
    in a directory: glob.glob follows them, and two links to their own folder keep it busy for
    ever. Hidden names are not matched by a wildcard, as glob.glob has it."""
    if "**" not in pattern:
        return sorted(glob.glob(pattern))
    parts = Path(pattern).parts
    fixed = next(index for index, part in enumerate(parts) if set(part) & set("*?["))
    base = Path(*parts[:fixed]) if fixed else Path()
    matches = base.glob("/".join(parts[fixed:]))
    return sorted(str(p) for p in matches if not any(part.startswith(".") for part in p.relative_to(base).parts))


def _files_under(folder: Path, recursive: bool):
    """The supported files in `folder` (and below it, if `recursive`; links to folders are not
    followed, so no folder is listed twice and no loop is walked)."""
    folders = [folder]
    while folders:
        current = folders.pop()
        try:
            entries = list(os.scandir(current))
        except OSError as exc:
            _skip(current, f"cannot list the folder ({exc.strerror})")
            continue
        for entry in entries:
            path = current / entry.name
            if entry.is_dir(follow_symlinks=False):
                if recursive:
                    folders.append(path)
                continue
            if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                continue
            try:
                kind = special_kind(os.stat(path).st_mode)
            except OSError:
                yield path  # a link loop or a link to nothing: reading it says which
                continue
            if kind is None:
                yield path
            elif kind != "a directory":
                _skip(path, f"{kind}, not a regular file")


def _skip(path: Path, reason: str) -> None:
    print(f"rolscore: {printable(path)}: skipped: {reason}", file=sys.stderr)


def _inside(path: Path, folder: Path | None) -> bool:
    # realpath, not resolve: resolve raises on a link loop, which is the reader's to report
    return folder is not None and Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder))
