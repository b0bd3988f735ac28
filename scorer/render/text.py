"""Small text helpers the renderers share."""

from __future__ import annotations


def one_line(text: str) -> str:
    """Evidence on one line: a break between Chinese characters goes, elsewhere it is a space."""
    words = text.split()  # the text between breaks (any run of whitespace), none at either end
    line = words[0] if words else ""
    for word in words[1:]:
        line += " " + word if _ascii_alnum(line[-1]) or _ascii_alnum(word[0]) else word
    return line


def _ascii_alnum(char: str) -> bool:
    """An ASCII letter or digit: a break next to one stays a space, so words do not run together."""
    return char.isascii() and char.isalnum()


def shorten(text: str, limit: int) -> str:
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|")
