"""One report to Analysis: ingest -> segment -> (the checklist for its year) -> match -> score;
and what a user's list of paths names.

`checklist` is `auto` (the built-in checklist of the report's year), a built-in name or a file, a
loaded Checklist, or a Matcher already built for one. `limits` bound what reading one file may
cost (scorer/limits.py).
"""

from __future__ import annotations

import glob
import os
import sys
from pathlib import Path

from scorer.checklist import AUTO, choose_checklist
from scorer.files import special_kind
from scorer.ingest import SUPPORTED_SUFFIXES, from_string, read_document
from scorer.limits import DEFAULT_LIMITS, Limits
from scorer.match import Matcher
from scorer.models import Analysis, Checklist, Segmented
from scorer.printable import printable
from scorer.score import analyse
from scorer.segment import segment
from scorer.timeliness import DEFAULT_DEADLINE, MonthDay

ChecklistChoice = str | Path | Checklist | Matcher
_matchers: dict[str, Matcher] = {}


def score_file(
    path: str | Path,
    checklist: ChecklistChoice = AUTO,
    deadline: MonthDay = DEFAULT_DEADLINE,
    *,
    limits: Limits = DEFAULT_LIMITS,
) -> Analysis:
    return read_and_score(path, checklist, deadline, limits=limits)[1]


def read_and_score(
    path: str | Path,
    checklist: ChecklistChoice = AUTO,
    deadline: MonthDay = DEFAULT_DEADLINE,
    *,
    limits: Limits = DEFAULT_LIMITS,
) -> tuple[Segmented, Analysis]:
    """The segmented document (its text and where its paragraphs and headings are) and its
    analysis against the chosen checklist: what an HTML page shows."""
    document = segment(read_document(path, limits))
    return document, score_document(document, checklist, deadline)


def score_text(
    text: str, checklist: ChecklistChoice = AUTO, deadline: MonthDay = DEFAULT_DEADLINE, source: str = "<text>"
) -> Analysis:
    """A report given as text; `source` is what the Analysis names it."""
    return score_document(segment(from_string(text, source)), checklist, deadline)


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
