"""Small text helpers the renderers share."""

from __future__ import annotations

import re

_BREAK = re.compile(r"\s+")


def one_line(text: str) -> str:
    """Evidence on one line: a break between Chinese characters goes, elsewhere it is a space."""

    def join(match: re.Match[str]) -> str:
        left = match.string[match.start() - 1] if match.start() else ""
        right = match.string[match.end()] if match.end() < len(match.string) else ""
        return " " if (left.isascii() and left.isalnum()) or (right.isascii() and right.isalnum()) else ""

    return _BREAK.sub(join, text).strip()


def shorten(text: str, limit: int) -> str:
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|")
