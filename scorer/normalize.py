"""Normalise report text for matching while keeping a map back to the original offsets.

What changes: full-width ASCII becomes half-width (digits, letters, punctuation); every kind of
double quote becomes ", single quote ', square-ish bracket [ ], round bracket ( ); spaces inside
Chinese text go; a line break inside a paragraph goes (a hard-wrapped PDF line, a term broken
across lines), while a line break that ends a paragraph or a heading stays as one "\\n".
`origin[i]` is the offset in the original text of normalised character i.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_TRANSLATE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_TRANSLATE.update({ord(c): '"' for c in "“”„‟「」『』〝〞＂"})
_TRANSLATE.update({ord(c): "'" for c in "‘’‚‛＇"})
_TRANSLATE.update({ord(c): "[" for c in "【〔［﹝〖"})
_TRANSLATE.update({ord(c): "]" for c in "】〕］﹞〗"})
_TRANSLATE.update({ord("（"): "(", ord("）"): ")", 0x3000: " ", 0xA0: " ", 0x2028: "\n", 0x2029: "\n"})
_DROP = {"\u200b", "\u200c", "\u200d", "\ufeff"}

CN_NUM = "一二三四五六七八九十百零〇"
# Heading markers at the start of a line or sentence, with their level (1 = top).
HEADING_MARKERS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(rf"^(?:第[{CN_NUM}]+(?:部分|章)|[{CN_NUM}]+、)")),
    (2, re.compile(rf"^\([{CN_NUM}]+\)")),
    (3, re.compile(r"^\d{1,2}(?:、|\.(?!\d))")),
    (4, re.compile(r"^(?:\(\d{1,2}\)|[①②③④⑤⑥⑦⑧⑨⑩])")),
    (5, re.compile(rf"^(?:[{CN_NUM}]+是|第[{CN_NUM}]+,|首先,|其次,|最后,)")),
)
TERMINAL = set("。!?;:…")
CLOSERS = set("\"')]")
_LONG_HEADING = 40


@dataclass(frozen=True)
class Normalized:
    text: str
    origin: list[int]
    original_length: int

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the normalised text to one of the original text."""
        if end <= start:
            at = self.origin[start] if start < len(self.origin) else self.original_length
            return at, at
        return self.origin[start], self.origin[end - 1] + 1


def heading_level(line: str) -> int | None:
    for level, pattern in HEADING_MARKERS:
        if pattern.match(line):
            return level
    return None


def normalize(text: str) -> Normalized:
    lines = _normalized_lines(text)
    width = _wrap_width([chars for chars, _ in lines])
    out: list[str] = []
    origin: list[int] = []
    previous = ""
    for chars, offsets in lines:
        line = "".join(chars)
        if not line:
            previous = ""  # a blank line always ends the paragraph
            continue
        if out:
            if not previous or _is_hard_break(previous, line, width):
                separator = "\n"
            else:
                separator = " " if _needs_space(out[-1], line[0]) else ""
            if separator:
                out.append(separator)
                origin.append(origin[-1] + 1)
        out.extend(chars)
        origin.extend(offsets)
        previous = line
    return Normalized("".join(out), origin, len(text))


def _normalized_lines(text: str) -> list[tuple[list[str], list[int]]]:
    """Split into lines of (chars, original offsets), characters mapped, inner spaces folded."""
    lines: list[tuple[list[str], list[int]]] = []
    chars: list[str] = []
    offsets: list[int] = []
    for i, raw in enumerate(text):
        if raw in _DROP:
            continue
        mapped = raw.translate(_TRANSLATE)
        if mapped in "\r\n":
            if mapped == "\n" and i > 0 and text[i - 1] == "\r":
                continue
            lines.append(_fold_spaces(chars, offsets))
            chars, offsets = [], []
            continue
        chars.append(" " if mapped in "\t\v\f" else mapped)
        offsets.append(i)
    lines.append(_fold_spaces(chars, offsets))
    return lines


def _fold_spaces(chars: list[str], offsets: list[int]) -> tuple[list[str], list[int]]:
    """Drop leading/trailing spaces and spaces next to CJK text; keep one between Latin words."""
    kept_chars: list[str] = []
    kept_offsets: list[int] = []
    n = len(chars)
    i = 0
    while i < n:
        if chars[i] != " ":
            kept_chars.append(chars[i])
            kept_offsets.append(offsets[i])
            i += 1
            continue
        j = i
        while j < n and chars[j] == " ":
            j += 1
        if kept_chars and j < n and _needs_space(kept_chars[-1], chars[j]):
            kept_chars.append(" ")
            kept_offsets.append(offsets[i])
        i = j
    return kept_chars, kept_offsets


def _needs_space(left: str, right: str) -> bool:
    return left.isascii() and right.isascii() and left.isalnum() and right.isalnum()


def _wrap_width(lines: list[list[str]]) -> int | None:
    """The width a hard-wrapped text was broken at, or None when lines are not wrapped."""
    lengths = [len(chars) for chars in lines if len(chars) >= 10]
    if len(lengths) < 5:
        return None
    width, count = Counter(lengths).most_common(1)[0]
    return width if count >= 0.3 * len(lengths) and count >= 5 else None


def _ends_sentence(line: str) -> bool:
    last = line[-1]
    if last in CLOSERS and len(line) > 1:
        last = line[-2]
    return last in TERMINAL


def _is_hard_break(previous: str, line: str, width: int | None) -> bool:
    """Does the line break between `previous` and `line` end a paragraph or heading?"""
    if _ends_sentence(previous) or heading_level(line) is not None:
        return True
    if width is not None and len(previous) >= width - 1:
        return False  # a full line of a hard-wrapped text: the paragraph goes on
    if heading_level(previous) is not None and len(previous) <= _LONG_HEADING and "。" not in previous:
        return True
    # a title-like line (short, no punctuation, no quote or bracket left open) stands alone
    return (
        len(previous) <= _LONG_HEADING
        and not re.search(r"[,、。;]", previous)
        and previous.count('"') % 2 == 0
        and previous.count("(") <= previous.count(")")
        and previous.count("《") <= previous.count("》")
    )
