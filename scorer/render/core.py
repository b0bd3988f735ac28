"""What every output format shares: the Reporter protocol, atomic files, output names, labels."""

from __future__ import annotations

import ctypes
import functools
import hashlib
import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Protocol, TypeVar

from scorer.models import Analysis, Evidence, NearMiss, Status
from scorer.printable import printable

STATUS_LABEL: dict[Status, str] = {
    "covered": "已覆盖",
    "partial": "部分覆盖",
    "planned": "仅有计划",
    "problem": "仅列为问题",
    "missing": "缺失",
}
STATUS_SYMBOL: dict[Status, str] = {
    "covered": "✔",
    "partial": "◐",
    "planned": "➜",
    "problem": "⚠",
    "missing": "✘",
}
TIER_LABEL = {3: "核心", 2: "一般", 1: "次要"}
PART_SYMBOL = {"found": "✔", "missing": "✘"}
PART_LABEL = {"found": "有", "missing": "缺"}
_DOCUMENT_TYPE_LABEL = {"annual_report": "法治政府建设年度报告", "other": "其他 (不像年度报告)"}
TIMELINESS_LABEL = {"on_time": "按时", "late": "逾期", "unknown": "无法判断"}
CHOSEN_BY_LABEL = {"year": "按报告年度选定", "option": "指定"}
CONTEXT_LABEL = {"achievement": "成效", "problem": "问题", "plan": "计划"}
MATCH_LABEL = {"alias": "原词", "terms": "词组"}
SPECIFICS_SHOWN = 4
T = TypeVar("T")
_UMASK = os.umask(0o022)
os.umask(_UMASK)  # read the process's umask (os.umask can only be read by setting it)
NAME_MAX_BYTES = 255
"""The longest file name most file systems take (ext4, XFS, btrfs, APFS, NTFS in UTF-16 units)."""
SUFFIX_ROOM = 15
"""Bytes kept free after an output stem for what follows it (.md, .json, .html, ...)."""
_LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform == "linux" else None
AT_FDCWD, AT_EMPTY_PATH = -100, 0x1000


def document_facts(analysis: Analysis) -> list[tuple[str, str]]:
    """What the report says about itself, and whether it was published in time, as (label, value)."""
    meta, due = analysis.metadata, analysis.timeliness
    return [
        ("标题", meta.title or "—"),
        ("发文机关", meta.issuer or "—"),
        ("报告年度", str(meta.year) if meta.year else "—"),
        ("发布日期", meta.published or "—"),
        ("文号", meta.doc_number or "—"),
        ("文档类型", _DOCUMENT_TYPE_LABEL[meta.document_type]),
        ("时效", f"{TIMELINESS_LABEL[due.status]} (截止 {due.deadline or '—'}, 发布 {due.published or '—'})"),
    ]


def checklist_used(analysis: Analysis) -> str:
    """The checklist a report was scored against, and how it was chosen, in one line."""
    used = analysis.checklist
    chosen = CHOSEN_BY_LABEL[used.chosen_by]
    if used.chosen_by == "year" and analysis.metadata.year is None:
        chosen = "报告年度不明, 按默认"  # auto fell back on the default outline
    return f"{used.id} 版本 {used.version} ({chosen})"


def percent(share: float | None) -> str:
    return "—" if share is None else f"{share:.0%}"


def how_matched(item: Evidence) -> str:
    """How a piece of evidence names its element: the kind of match and the matched words."""
    return f"{MATCH_LABEL[item.match]} “{item.term}”"


def specifics(item: Evidence) -> str:
    """The figures and 《…》 names that make a piece of evidence specific, or that it has none."""
    found = item.figures + item.documents
    return f"具体: {'、'.join(found[:SPECIFICS_SHOWN])}" if found else "无数据"


def near_note(near: NearMiss) -> str:
    """Why a sentence is the nearest to a missing element."""
    return f"近似 “{near.term}”, 相似度 {near.score:g}"


class Reporter(Protocol):
    """An output format. `report` writes one analysis to `outfile` and returns its score."""

    report_type: str

    def report(self, analysis: Analysis, outfile: IO[str]) -> float: ...


def render_report(path: Path, reporter: Reporter, analysis: Analysis) -> float:
    """Write one report file with `reporter`, atomically (see write_atomic)."""
    return write_atomic(path, lambda outfile: reporter.report(analysis, outfile))


def write_atomic(path: Path, write: Callable[[IO], T], binary: bool = False) -> T:
    """Run `write` on a new file in `path`'s folder (UTF-8 text, or bytes if `binary`), then move it
    into place: a reader sees the old file or the whole new one. The new file has no name until
    then (O_TMPFILE, on Linux), so a process killed mid-write, even by kill -9, leaves nothing
    behind; elsewhere it is a hidden temporary file, removed on any error. An error names `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = None
    try:
        handle, temporary = _new_file(path.parent)
        text = {} if binary else {"encoding": "utf-8", "newline": "\n"}
        with os.fdopen(handle, "wb" if binary else "w", **text) as outfile:
            result = write(outfile)
            outfile.flush()
            temporary = temporary or _link(handle, path.parent)
            os.replace(temporary, path)
    except BaseException as exc:
        if temporary:
            temporary.unlink(missing_ok=True)
        if isinstance(exc, OSError) and exc.errno and _about_the_new_file(exc, temporary):
            raise OSError(exc.errno, exc.strerror, str(path)) from None  # name the file, not a temporary
        raise
    return result


def _new_file(folder: Path) -> tuple[int, Path | None]:
    """An open file in `folder` for write_atomic: unnamed (None) where the system allows, else a
    hidden temporary one, readable as the umask says (mkstemp's 0600 would hide reports)."""
    if _takes_unnamed_files(folder):
        return os.open(folder, os.O_TMPFILE | os.O_WRONLY | os.O_CLOEXEC, 0o666), None
    handle, name = tempfile.mkstemp(prefix=".rolscore-", suffix=".tmp", dir=folder)
    os.fchmod(handle, 0o666 & ~_UMASK)
    return handle, Path(name)


@functools.cache
def _takes_unnamed_files(folder: Path) -> bool:
    """Whether a file can be made in `folder` without a name and named later: Linux's O_TMPFILE,
    which most of its file systems support, and linkat (tried once per folder and process)."""
    if _LIBC is None:
        return False
    try:
        handle = os.open(folder, os.O_TMPFILE | os.O_WRONLY | os.O_CLOEXEC, 0o600)
    except OSError:
        return False
    try:
        os.unlink(_link(handle, folder))
        return True
    except OSError:
        return False
    finally:
        os.close(handle)


def _about_the_new_file(exc: OSError, temporary: Path | None) -> bool:
    return exc.filename is None or str(exc.filename) == str(temporary) or str(exc.filename).startswith("/proc/self/fd/")


def _link(handle: int, folder: Path) -> Path:
    """Give the unnamed file `handle` a short hidden name in `folder`, for os.replace to move."""
    name = folder / f".rolscore-{os.urandom(6).hex()}.tmp"
    if _LIBC.linkat(handle, b"", AT_FDCWD, os.fsencode(name), AT_EMPTY_PATH) != 0:
        os.link(f"/proc/self/fd/{handle}", name, follow_symlinks=True)  # where AT_EMPTY_PATH is refused
    return name


def output_stems(paths: Iterable[Path], reserved: frozenset[str] = frozenset()) -> dict[Path, str]:
    """A distinct output name per input: its stem, or, where stems collide (with each other or
    with a `reserved` name such as "summary"), the stem prefixed with as many parent folders as it
    takes (a/report.txt, b/report.txt -> a__report, b__report); numbered when even that fails.
    A control character in a name is written as its escape (printable), in the file's name too."""
    paths = list(dict.fromkeys(paths))
    parents = {path: Path(os.path.realpath(path)).parent.parts for path in paths}  # resolve() raises on a link loop
    depth = dict.fromkeys(paths, 0)
    while True:
        names = {path: printable("__".join([*parents[path][len(parents[path]) - depth[path] :], path.stem])) for path in paths}
        groups: dict[str, list[Path]] = {}
        for path, name in names.items():
            groups.setdefault(name, []).append(path)
        clashes = {name: group for name, group in groups.items() if len(group) > 1 or name in reserved}
        if not clashes:
            return {path: _fitted(name) for path, name in names.items()}
        progressed = False
        for group in clashes.values():
            for path in group:
                if depth[path] < len(parents[path]) - 1:
                    depth[path] += 1
                    progressed = True
        if not progressed:  # identical paths, or a reserved name at the root: number them
            for name, group in clashes.items():
                first = 1 if name in reserved else 2
                for number, path in enumerate(group[first - 1 :], start=first):
                    names[path] = f"{name}__{number}" if number > 1 or name in reserved else name
            return {path: _fitted(name) for path, name in names.items()}


def _fitted(name: str) -> str:
    """`name`, or where it would make a file name too long for the file system, its beginning and
    a hash of the whole (still distinct from every other name: the whole names were)."""
    room = NAME_MAX_BYTES - SUFFIX_ROOM
    if len(os.fsencode(name)) <= room:
        return name
    tail = "~" + hashlib.sha256(os.fsencode(name)).hexdigest()[:12]
    head, used = [], len(tail)
    for char in name:
        used += len(os.fsencode(char))
        if used > room:
            break
        head.append(char)
    return "".join(head) + tail
