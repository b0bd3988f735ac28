"""Segment a report into sentences that know their heading path and their context.

Headings are the report's own: 一、 (一) 1. (1) 一是 and their variants, standing alone on a line
or opening a sentence inside a paragraph. Sentences end at 。!?; so that a plan clause after a
semicolon does not colour the achievements before it.
"""

from __future__ import annotations

import re

from scorer.context import clause_context, part_context
from scorer.metadata import reported_year
from scorer.models import Context, Segmented, Sentence, SourceText
from scorer.normalize import CLOSERS, heading_level, normalize

_SENTENCE_END = re.compile(r"[。!?;]+[\"')\]]*")
_SHORT_HEADING = 40
_INLINE_LEVEL = 5


def segment(source: SourceText) -> Segmented:
    normalized = normalize(source.text)
    text = normalized.text
    year = reported_year(text)
    sentences: list[Sentence] = []
    stack: list[tuple[int, str, Context | None]] = []  # (level, heading text, part context)
    position = 0
    for paragraph in text.split("\n"):
        for start, end in _sentence_spans(paragraph, position):
            sentence_text = text[start:end]
            level = heading_level(sentence_text)
            is_heading = False
            if level is not None:
                label, is_heading = _heading_label(sentence_text)
                while stack and stack[-1][0] >= level:
                    stack.pop()
                parent_path = tuple(item[1] for item in stack)
                stack.append((level, label, part_context(label, year)))
            path = parent_path if is_heading else tuple(item[1] for item in stack)
            original_start, original_end = normalized.original_span(start, end)
            sentences.append(
                Sentence(
                    index=len(sentences),
                    text=sentence_text,
                    start=original_start,
                    end=original_end,
                    norm_start=start,
                    norm_end=end,
                    heading=path,
                    context=_context(sentence_text, year, _part_of(stack)),
                    is_heading=is_heading,
                )
            )
        while stack and stack[-1][0] >= _INLINE_LEVEL:
            stack.pop()  # 一是… lists do not run past their paragraph
        position += len(paragraph) + 1
    return Segmented(source=source, normalized=text, sentences=sentences, reported_year=year)


def _sentence_spans(paragraph: str, offset: int):
    """Yield (start, end) of each non-empty sentence, as offsets into the whole text."""
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        yield from _stripped(paragraph, start, match.end(), offset)
        start = match.end()
    yield from _stripped(paragraph, start, len(paragraph), offset)


def _stripped(paragraph: str, start: int, end: int, offset: int):
    while start < end and paragraph[start] == " ":
        start += 1
    while end > start and paragraph[end - 1] == " ":
        end -= 1
    if end > start:
        yield offset + start, offset + end


def _heading_label(sentence: str) -> tuple[str, bool]:
    """The text a heading shows in paths, and whether the sentence is nothing but the heading."""
    body = sentence.rstrip("。!?;:" + "".join(CLOSERS - {'"', ")"}))
    if len(body) <= _SHORT_HEADING:
        return body, True
    first_clause = re.split(r"[,:]", body, maxsplit=1)[0]
    return first_clause[:_SHORT_HEADING], False


def _context(sentence: str, year: int | None, part: Context | None) -> Context:
    """A clause's own cue decides, except that nothing in a plan part is a present shortcoming
    (摸清短板 in next year's plan is a plan)."""
    own = clause_context(sentence, year)
    if part == "plan" and own == "problem":
        return "plan"
    return own or part or "achievement"


def _part_of(stack) -> Context | None:
    for _level, _label, context in reversed(stack):
        if context is not None:
            return context
    return None
