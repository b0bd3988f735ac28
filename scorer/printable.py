"""File names as they may be shown: a name is the user's data, and may hold anything but / and NUL."""

from __future__ import annotations

import re
from pathlib import Path

_UNSHOWABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")
"""Control characters (a newline, ESC that starts a terminal escape sequence, C1 controls), line
and paragraph separators, the marks that reorder text right to left, and lone surrogates."""
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def printable(path: str | Path) -> str:
    """`path` with every character that could move the cursor, clear the screen, break a line or
    reorder text written as a Python escape (\\n, \\x1b, \\u202e); other names unchanged."""
    return _UNSHOWABLE.sub(_escape, str(path))


def as_text(path: str | Path) -> str:
    """`path` as text that can be written out (UTF-8, JSON): a byte of the name that is not UTF-8,
    which Python keeps as a lone surrogate, becomes \\xNN; anything else is kept as it is."""
    return _SURROGATE.sub(_escape, str(path))


def _escape(match: re.Match) -> str:
    char = match.group()
    if "\udc80" <= char <= "\udcff":  # how os.fsdecode keeps a byte that is not UTF-8
        return f"\\x{ord(char) - 0xDC00:02x}"
    return char.encode("unicode_escape").decode("ascii")
