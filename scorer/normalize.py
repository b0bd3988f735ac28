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
from typing import NamedTuple

_TRANSLATE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_TRANSLATE.update({ord(c): '"' for c in "“”„‟「」『』〝〞＂"})
_TRANSLATE.update({ord(c): "'" for c in "‘’‚‛＇"})
_TRANSLATE.update({ord(c): "[" for c in "【〔［﹝〖"})
_TRANSLATE.update({ord(c): "]" for c in "】〕］﹞〗"})
_TRANSLATE.update({ord("（"): "(", ord("）"): ")", 0x3000: " ", 0xA0: " ", 0x2028: "\n", 0x2029: "\n"})
_DROP = {"\u200b", "\u200c", "\u200d", "\ufeff"}
_LINE_TRANSLATE = {**_TRANSLATE, ord("\t"): " ", ord("\v"): " ", ord("\f"): " "}
_LINE_BREAK = re.compile(r"\r\n|[\r\n]")  # \u2028 and \u2029 are "\n" by now
_SPACES = re.compile(" +")

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
    wrap = _wrap_width([line.width for line in lines])
    out: list[str] = []
    origin: list[int] = []
    previous = ""
    previous_full = False
    for chars, offsets, width in lines:
        line = "".join(chars)
        if not line:
            previous = ""  # a blank line always ends the paragraph
            continue
        if out:
            if not previous or _is_hard_break(previous, line, previous_full):
                separator = "\n"
            elif previous_full:
                separator = ""  # cut at a character count, inside a word or number: 10|0项
            else:
                separator = " " if needs_space(out[-1], line[0]) else ""
            if separator:
                out.append(separator)
                origin.append(origin[-1] + 1)
        out.extend(chars)
        origin.extend(offsets)
        previous = line
        previous_full = wrap is not None and width >= wrap - 1
    return Normalized("".join(out), origin, len(text))


class _Line(NamedTuple):
    chars: list[str]
    offsets: list[int]
    width: int
    """Characters in the line as written, spaces included: what a hard wrap counts."""


def _normalized_lines(text: str) -> list[_Line]:
    """Split into lines of (chars, original offsets), characters mapped, inner spaces folded.
    Whole-text translate and slices, not a loop over characters: this runs on every report."""
    mapped = text.translate(_LINE_TRANSLATE)
    lines: list[_Line] = []
    start = 0
    for line_break in _LINE_BREAK.finditer(mapped):
        lines.append(_line(mapped, start, line_break.start()))
        start = line_break.end()
    lines.append(_line(mapped, start, len(mapped)))
    return lines


def _line(mapped: str, start: int, end: int) -> _Line:
    chars = list(mapped[start:end])
    offsets = list(range(start, end))
    if not _DROP.isdisjoint(chars):
        offsets = [offset for offset, char in zip(offsets, chars) if char not in _DROP]
        chars = [char for char in chars if char not in _DROP]
    return _Line(*_without_markdown_marks(*_fold_spaces(chars, offsets)), end - start)


def _without_markdown_marks(chars: list[str], offsets: list[int]) -> tuple[list[str], list[int]]:
    """A Markdown heading ("## 一、主要工作") or a bold line used as one ("**一、主要工作**") is
    read as the heading it marks; the marks are formatting, not text."""
    if chars[:1] == ["#"]:
        hashes = len(chars) - len("".join(chars).lstrip("#"))
        if hashes <= 6:
            chars, offsets = chars[hashes:], offsets[hashes:]
            while chars[:1] == [" "]:
                chars, offsets = chars[1:], offsets[1:]
    if len(chars) > 4 and chars[:2] == chars[-2:] == ["*", "*"]:
        chars, offsets = chars[2:-2], offsets[2:-2]
    return chars, offsets


def _fold_spaces(chars: list[str], offsets: list[int]) -> tuple[list[str], list[int]]:
    """Drop leading/trailing spaces and spaces next to CJK text; keep one between Latin words."""
    if " " not in chars:
        return chars, offsets
    line = "".join(chars)
    kept_chars: list[str] = []
    kept_offsets: list[int] = []
    position = 0
    for run in _SPACES.finditer(line):
        kept_chars += chars[position : run.start()]
        kept_offsets += offsets[position : run.start()]
        if kept_chars and run.end() < len(line) and needs_space(kept_chars[-1], line[run.end()]):
            kept_chars.append(" ")
            kept_offsets.append(offsets[run.start()])
        position = run.end()
    kept_chars += chars[position:]
    kept_offsets += offsets[position:]
    return kept_chars, kept_offsets


def needs_space(left: str, right: str) -> bool:
    """Do two characters that a line break or spaces separate need one space between them?"""
    return left.isascii() and right.isascii() and left.isalnum() and right.isalnum()


def _wrap_width(widths: list[int]) -> int | None:
    """The width a hard-wrapped text was broken at, or None when lines are not wrapped."""
    lengths = [width for width in widths if width >= 10]
    if len(lengths) < 5:
        return None
    width, count = Counter(lengths).most_common(1)[0]
    return width if count >= 0.3 * len(lengths) and count >= 5 else None


def _ends_sentence(line: str) -> bool:
    last = line[-1]
    if last in CLOSERS and len(line) > 1:
        last = line[-2]
    return last in TERMINAL


def _is_hard_break(previous: str, line: str, previous_full: bool) -> bool:
    """Does the line break between `previous` and `line` end a paragraph or heading?"""
    if _ends_sentence(previous) or heading_level(line) is not None:
        return True
    if previous_full:
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
