"""A batch's output folder as a whole: one run at a time (a lock), and a record of what each
report's files were made from, which `--resume` reads to skip what is already done.

The lock is `fcntl.flock` on `.rolscore.lock`: the kernel releases it when its holder dies, so a
killed run never leaves a folder locked; the file names the run that holds it, and is removed when
that run ends normally. The record is `sources.jsonl`: a line per scored report (its input's
path, size and SHA-256, the settings it was scored with, the SHA-256 of each of its files),
appended in input order as each report is done, so that it survives a kill -9 and is the same
whatever the number of workers.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shlex
import shutil
import stat
import sys
import time
from pathlib import Path

import orjson

from scorer.errors import RolscoreError
from scorer.printable import as_text, printable
from scorer.render.core import write_atomic

LOCK = ".rolscore.lock"
SOURCES = "sources.jsonl"
LOCK_ATTEMPTS = 10
"""Times to retry a lock whose file was replaced under us by a run that was just ending."""


class OutLock:
    """Hold `out` for this run, or refuse with a message naming the folder and the run holding it."""

    def __init__(self, out: Path):
        self.path = out / LOCK
        self._fd: int | None = None

    def __enter__(self) -> OutLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(LOCK_ATTEMPTS):
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.read(fd, 4096).decode("utf-8", "replace").strip() or "a run that is starting"
                os.close(fd)
                raise RolscoreError(
                    f"{printable(self.path.parent)}/ is being written by another run ({printable(holder)}); "
                    "wait for it to end, or choose another --out"
                ) from None
            if _same_file(fd, self.path):  # not a file its last holder removed as we opened it
                break
            os.close(fd)
        else:
            raise RolscoreError(f"{printable(self.path)}: cannot lock the folder: its lock file keeps being replaced")
        os.ftruncate(fd, 0)
        command = shlex.join(["rolscore", *sys.argv[1:]])
        os.write(fd, f"pid {os.getpid()}, started {time.strftime('%Y-%m-%d %H:%M:%S')}: {as_text(command)}\n".encode())
        self._fd = fd
        return self

    def __exit__(self, *exc_info) -> None:
        self.path.unlink(missing_ok=True)  # before unlocking: whoever opens it next gets a new file
        os.close(self._fd)


def _same_file(fd: int, path: Path) -> bool:
    try:
        mine, named = os.fstat(fd), os.stat(path)
    except FileNotFoundError:
        return False
    return (mine.st_dev, mine.st_ino) == (named.st_dev, named.st_ino)


def file_sha256(path: Path) -> str:
    with open(path, "rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def entry_of(stem: str, path: Path, files: dict[str, bytes]) -> dict | None:
    """A report's line for sources.jsonl (without the settings, which Sources.add puts in): its
    input's path, size and SHA-256, and each of its files' SHA-256; None for an input that is not a
    regular file, which is never taken as done."""
    source = source_of(path)
    if source is None:
        return None
    return {"stem": stem, "source": as_text(path), "size": source[0], "sha256": source[1],
            "files": {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}}


def source_of(path: Path) -> tuple[int, str] | None:
    """(size, SHA-256) of an input that is a regular file; None for anything else (a pipe, a
    device), which is never taken as done."""
    try:
        status = os.stat(path)
        return (status.st_size, file_sha256(path)) if stat.S_ISREG(status.st_mode) else None
    except OSError:
        return None


class Sources:
    """sources.jsonl of `out`: what was done before (when resuming), and what this run does, one
    line per report appended in input order; when resuming, the lines of the run before are dropped
    at the end (until then a kill loses nothing)."""

    def __init__(self, out: Path, settings: str, resume: bool):
        self.path = out / SOURCES
        self.settings = settings
        self.before: dict[str, dict] = _read(self.path) if resume else {}
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC | (0 if resume else os.O_TRUNC)
        self._fd = os.open(self.path, flags, 0o666)
        self._ours_from = os.fstat(self._fd).st_size

    def done_before(self, stem: str, path: Path) -> dict | None:
        """The entry of a report this folder already holds: made from the same input (path, size and
        content) with the same settings, and with each of its files as it was written."""
        entry = self.before.get(stem)
        if entry is None or entry.get("source") != as_text(path) or entry.get("settings") != self.settings:
            return None
        if source_of(path) != (entry.get("size"), entry.get("sha256")):
            return None
        folder = self.path.parent
        try:
            if any(file_sha256(folder / name) != digest for name, digest in entry["files"].items()):
                return None
        except (OSError, KeyError, AttributeError):
            return None
        return entry

    def add(self, entry: dict) -> None:
        """Record a report as done: one line, appended in one write, so a kill leaves whole lines."""
        line = orjson.dumps({**entry, "settings": self.settings}, option=orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE)
        os.write(self._fd, line)

    def close(self) -> None:
        os.close(self._fd)
        if self._ours_from:
            with open(self.path, "rb") as record:
                record.seek(self._ours_from)
                write_atomic(self.path, lambda outfile: shutil.copyfileobj(record, outfile), binary=True)


def _read(path: Path) -> dict[str, dict]:
    """The entries of a sources.jsonl by output name; a line cut short or not ours is skipped."""
    entries: dict[str, dict] = {}
    try:
        data = path.read_bytes()
    except OSError:
        return entries
    for line in data.splitlines():
        try:
            entry = orjson.loads(line)
        except orjson.JSONDecodeError:
            continue
        if isinstance(entry, dict) and isinstance(entry.get("stem"), str):
            entries[entry["stem"]] = entry
    return entries
