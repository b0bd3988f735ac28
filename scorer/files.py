"""Reading a file a user named: a regular file only, and never more than a limit of bytes.

A named pipe blocks an ordinary open until a writer comes, /dev/zero and /dev/urandom never end,
and a link can lead to either: so the file is opened without blocking, checked with fstat to be a
regular file (what was opened is what was checked), measured, and read no further than the limit
even if it grows while being read.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from scorer.limits import over_limit

_READ_CHUNK = 1 << 20
_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


class NotReadable(Exception):
    """Why a file cannot be read, in a few words (the caller names the file)."""


def special_kind(mode: int) -> str | None:
    """What a file of this st_mode is when it is not a regular file ("a named pipe (FIFO)")."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def read_regular_file(path: Path, max_bytes: int, option: str | None = None) -> bytes:
    """The bytes of the regular file at `path` (links followed), at most `max_bytes` of them;
    `option` is the one that raises the limit, for the message."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as exc:
        raise NotReadable(_open_error(path, exc)) from None
    try:
        info = os.fstat(handle)
        kind = special_kind(info.st_mode)
        if kind:
            raise NotReadable(_not_regular(path, kind))
        if info.st_size > max_bytes:
            raise NotReadable(over_limit("too large", info.st_size, max_bytes, "bytes", option))
        chunks = []
        left = max_bytes + 1  # one byte more tells a file that grew past the limit
        while left > 0:
            chunk = os.read(handle, min(_READ_CHUNK, left))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        if left <= 0:
            raise NotReadable(over_limit("too large (it grew while being read)", None, max_bytes, "bytes", option))
        return b"".join(chunks)
    except OSError as exc:
        raise NotReadable(f"cannot read file ({exc.strerror})") from None
    finally:
        os.close(handle)


def _open_error(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        return "file not found (a link to nothing)" if os.path.islink(path) else "file not found"
    if exc.errno == errno.ELOOP:
        return "is a symbolic link loop (following the links never reaches a file)"
    if exc.errno == errno.EISDIR:
        return "is a directory"
    if exc.errno == errno.ENXIO:  # what opening a socket gives
        return _not_regular(path, "a socket")
    return f"cannot read file ({exc.strerror})"


def _not_regular(path: Path, kind: str) -> str:
    target = os.path.realpath(path)
    via = f" (a link to {target})" if os.path.islink(path) else ""
    return f"is {kind}{via}" + ("" if kind == "a directory" else ", not a regular file")
