"""Normalise report text for matching while keeping a map back to the original offsets.

What changes: full-width ASCII becomes half-width (digits, letters, punctuation); every kind of
double quote becomes ", single quote ', square-ish bracket [ ], round bracket ( ); spaces inside
Chinese text go; a line break inside a paragraph goes (a hard-wrapped PDF line, a term broken
across lines), while a line break that ends a paragraph or a heading stays as one "\\n".
`origin[i]` is the offset in the original text of normalised character i.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

_TRANSLATE = {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
_TRANSLATE.update(dict.fromkeys("“”„‟「」『』〝〞＂", '"'))
_TRANSLATE.update(dict.fromkeys("‘’‚‛＇", "'"))
_TRANSLATE.update(dict.fromkeys("【〔［﹝〖", "["))
_TRANSLATE.update(dict.fromkeys("】〕］﹞〗", "]"))
_TRANSLATE.update({"（": "(", "）": ")", "\u3000": " ", "\xa0": " ", "\u2028": "\n", "\u2029": "\n"})
_TRANSLATE.update(dict.fromkeys("\t\v\f", " "))
_TRANSLATED = re.compile(f"[{re.escape(''.join(_TRANSLATE))}]")
_DROP = {"\u200b", "\u200c", "\u200d", "\ufeff"}
_DROPPED = re.compile(f"[{''.join(_DROP)}]")
_LINE_BREAK = re.compile(r"(\r\n?|\n)")  # \u2028 and \u2029 are "\n" by now
_SPACES = re.compile("  *")  # " +" opening with its literal, so that a search skips ahead to it

CN_NUM = "一二三四五六七八九十百零〇"
# Heading markers at the start of a line or sentence; the number of the group that matches is the
# level (1 = top). One alternation tries them in order, as separate patterns would.
_HEADING_MARKER = re.compile(
    rf"(第[{CN_NUM}]+(?:部分|章)|[{CN_NUM}]+、)"
    rf"|(\([{CN_NUM}]+\))"
    r"|(\d{1,2}(?:、|\.(?!\d)))"
    r"|(\(\d{1,2}\)|[①②③④⑤⑥⑦⑧⑨⑩])"
    rf"|([{CN_NUM}]+是|第[{CN_NUM}]+,|首先,|其次,|最后,)"
)
TERMINAL = set("。!?;:…")
CLOSERS = set("\"')]")
TITLE = re.compile(r"《[^《》]*(》|$)")
"""A title, or one cut off with the text (编写《2022年“八五”普法工作要点)."""
_LONG_HEADING = 40


class Origin(Sequence[int]):
    """`origin[i]`, kept as the offsets of each line (a range, unless something was taken out of
    it) and where the line starts: listing an offset per character costs more than the rest of
    normalising."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._offsets: list[Sequence[int]] = []
        self._length = 0

    def extend(self, offsets: Sequence[int]) -> None:
        if offsets:
            self._starts.append(self._length)
            self._offsets.append(offsets)
            self._length += len(offsets)

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index: int) -> int:  # type: ignore[override]  # no slices
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError(index)
        line = bisect_right(self._starts, index) - 1
        return self._offsets[line][index - self._starts[line]]


@dataclass(frozen=True)
class Normalized:
    text: str
    origin: Origin
    original_length: int

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the normalised text to one of the original text."""
        if end <= start:
            at = self.origin[start] if start < len(self.origin) else self.original_length
            return at, at
        return self.origin[start], self.origin[end - 1] + 1


def heading_level(line: str) -> int | None:
    marker = _HEADING_MARKER.match(line)
    return marker.lastindex if marker else None


def normalize(text: str) -> Normalized:
    lines = _normalized_lines(text)
    wrap = _wrap_width([line.width for line in lines])
    out: list[str] = []
    origin = Origin()
    previous = ""
    previous_full = False
    for line, offsets, width in lines:
        if not line:
            previous = ""  # a blank line always ends the paragraph
            continue
        if out:
            if not previous or _is_hard_break(previous, line, previous_full):
                separator = "\n"
            elif previous_full:
                separator = ""  # cut at a character count, inside a word or number: 10|0项
            else:
                separator = " " if needs_space(previous[-1], line[0]) else ""
            if separator:
                out.append(separator)
                origin.extend((origin[-1] + 1,))
        out.append(line)
        origin.extend(offsets)
        previous = line
        previous_full = wrap is not None and width >= wrap - 1
    return Normalized("".join(out), origin, len(text))


class _Line(NamedTuple):
    text: str
    offsets: Sequence[int]
    """The original offset of each character of `text`: a range while nothing was taken out."""
    width: int
    """Characters in the line as written, spaces included: what a hard wrap counts."""


def _normalized_lines(text: str) -> list[_Line]:
    """Split into lines of (text, original offsets), characters mapped, inner spaces folded.
    Whole-text replacements and slices, not a loop over characters: this runs on every report."""
    mapped = _mapped(text)
    has_dropped = any(char in mapped for char in _DROP)  # a find per character: few texts have any
    lines: list[_Line] = []
    start = 0
    for line, line_break in zip(*_split_lines(mapped)):
        lines.append(_line(line, start, has_dropped))
        start += len(line) + len(line_break)
    return lines


def _split_lines(text: str) -> tuple[list[str], list[str]]:
    """The lines of `text` and the break ending each (\\r\\n, \\r or \\n; "" after the last). Most
    texts break lines with \\n alone, which str.split finds several times faster than a regex."""
    if "\r" not in text:
        lines = text.split("\n")
        return lines, ["\n"] * (len(lines) - 1) + [""]
    pieces = _LINE_BREAK.split(text)  # its group keeps the breaks: line, break, line, …, line
    return pieces[::2], [*pieces[1::2], ""]


def _mapped(text: str) -> str:
    """`text` with every character of _TRANSLATE replaced. Replacing each distinct one present is
    several times faster than str.translate, which looks every character up in a dict."""
    for char in set(_TRANSLATED.findall(text)):
        text = text.replace(char, _TRANSLATE[char])
    return text


def _line(line: str, start: int, has_dropped: bool) -> _Line:
    """A line of the mapped text starting at `start`; `has_dropped` when the text has any character
    of _DROP."""
    offsets: Sequence[int] = range(start, start + len(line))
    width = len(line)
    if has_dropped and _DROPPED.search(line):
        kept = [index for index, char in enumerate(line) if char not in _DROP]
        line = "".join(line[index] for index in kept)
        offsets = [offsets[index] for index in kept]
    return _Line(*_without_markdown_marks(*_fold_spaces(line, offsets)), width)


def _without_markdown_marks(line: str, offsets: Sequence[int]) -> tuple[str, Sequence[int]]:
    """A Markdown heading ("## 一、主要工作") or a bold line used as one ("**一、主要工作**") is
    read as the heading it marks; the marks are formatting, not text."""
    if line.startswith("#"):
        hashes = len(line) - len(line.lstrip("#"))
        if hashes <= 6:
            heading = line[hashes:].lstrip(" ")
            line, offsets = heading, offsets[len(line) - len(heading) :]
    if len(line) > 4 and line.startswith("**") and line.endswith("**"):
        line, offsets = line[2:-2], offsets[2:-2]
    return line, offsets


def _fold_spaces(line: str, offsets: Sequence[int]) -> tuple[str, Sequence[int]]:
    """Drop leading/trailing spaces and spaces next to CJK text; keep one between Latin words."""
    if " " not in line:
        return line, offsets
    kept_text: list[str] = []
    kept_offsets: list[int] = []
    position = 0
    for run in _SPACES.finditer(line):
        kept_text.append(line[position : run.start()])
        kept_offsets += offsets[position : run.start()]
        if 0 < run.start() and run.end() < len(line) and needs_space(line[run.start() - 1], line[run.end()]):
            kept_text.append(" ")
            kept_offsets.append(offsets[run.start()])
        position = run.end()
    kept_text.append(line[position:])
    kept_offsets += offsets[position:]
    return "".join(kept_text), kept_offsets


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
