"""Segment a report into sentences that know their heading path and their context.

Headings are the report's own: 一、 (一) 1. (1) 一是 and their variants, standing alone on a line
or opening a sentence inside a paragraph. Sentences end at 。!?; so that a plan clause after a
semicolon does not colour the achievements before it; for the same reason a sentence that
reports work done is cut where it turns to next year's (",下一步将…"). A sentence announcing a
list of shortcomings or plans gives its context to the 一是…二是… items after it in its paragraph.
A sentence longer than MAX_SENTENCE_CHARS is cut into pieces, and the document gets a warning.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from scorer.context import Cue, clause_context, has_cue, heading_context, list_context, plan_turns
from scorer.metadata import reported_year
from scorer.models import Context, Segmented, SourceText
from scorer.normalize import CLOSERS, heading_level, normalize

# [。!?;]+ written out so that the pattern opens with a character class, which a search skips to
# quickly; one opening with a repeat is tried at every character.
_SENTENCE_END = re.compile(r"[。!?;][。!?;]*[\"')\]]*")
_CLAUSE_END = re.compile(r"[,:]")
_SHORT_HEADING = 40
_INLINE_LEVEL = 5
MAX_SENTENCE_CHARS = 1_000
"""Longer sentences are matched in pieces of at most this many characters, cut after a comma, 、
or space where one is near: the fuzzy matcher's time grows with a sentence's length times the
sentences it is tried on, and one 4 MB line without a full stop took 100 s. The longest sentence
of the seeds has 306 characters."""
_LONG_SHOWN = 3


class _Governing(NamedTuple):
    """The context a part or an announced list gives its sentences, the words that gave it, and
    the sentence holding them (a heading, or the sentence announcing the list)."""

    context: Context | None
    cue: str = ""
    cue_from: int | None = None


_NO_CONTEXT = _Governing(None)


class _Part(NamedTuple):
    """An open heading: its level, the heading path down to it, and what it gives its part."""

    level: int
    path: tuple[str, ...]
    governing: _Governing

    def under(self, level: int, label: str, year: int | None, index: int) -> _Part:
        """The part a heading (sentence `index`) opens below this one. Inside a plan part
        everything is planned, even under "(一)针对存在问题…"; otherwise the innermost heading that
        names a part decides."""
        own = heading_context(label, year) if self.governing.context != "plan" else None
        governing = _Governing(own.context, own.words, index) if own else self.governing
        return _Part(level, (*self.path, label), governing)


_WHOLE_REPORT = _Part(0, (), _NO_CONTEXT)


class _Announcement:
    """The context a paragraph's opening sentences announce for a list (一是…) that follows them:
    the latest one that announces one decides. Once the list has begun, its items' own sentences
    announce nothing ("一是落实责任。…将加快建设…纳入…" does not make 二是 a plan). Read only when a
    list item asks for it."""

    def __init__(self, year: int | None):
        self.year = year
        self.governing: _Governing | None = None
        self.unread: list[tuple[str, int]] = []
        self.list_begun = False

    def add(self, sentence: str, index: int) -> None:
        if not self.list_begun:
            self.unread.append((sentence, index))

    def read(self) -> _Governing | None:
        for sentence, index in reversed(self.unread):
            announced = list_context(sentence, self.year)
            if announced:
                self.governing = _Governing(announced.context, announced.words, index)
                break
        self.unread.clear()
        return self.governing


def segment(source: SourceText) -> Segmented:
    normalized = normalize(source.text)
    text = normalized.text
    year = reported_year(text)
    sentences: list[dict] = []  # validated as Sentence all at once: much faster than one by one
    stack = [_WHOLE_REPORT]
    position = 0
    long_sentences: list[tuple[int, int]] = []  # original offsets of each sentence cut in pieces
    for paragraph in text.split("\n"):
        announcement = _Announcement(year)
        too_long: list[tuple[int, int]] = []
        for start, end, own_cue in _sentence_spans(paragraph, year, too_long):
            index = len(sentences)
            sentence_text = paragraph[start:end]
            level = heading_level(sentence_text)
            is_heading = False
            if level is not None:
                label, is_heading = _heading_label(sentence_text)
                while stack[-1].level >= level:
                    stack.pop()
                stack.append(stack[-1].under(level, label, year, index))
            part = stack[-1]
            announced = announcement.read() if part.level == _INLINE_LEVEL else None  # for a list item
            announcement.list_begun |= level == _INLINE_LEVEL
            context, cue, cue_from = _context(own_cue, index, announced or part.governing)
            start += position
            end += position
            original_start, original_end = normalized.original_span(start, end)
            sentences.append(
                {
                    "index": index,
                    "text": sentence_text,
                    "start": original_start,
                    "end": original_end,
                    "norm_start": start,
                    "norm_end": end,
                    "heading": stack[-2].path if is_heading else part.path,
                    "context": context,
                    "cue": cue,
                    "cue_from": cue_from,
                    "is_heading": is_heading,
                }
            )
            if level != _INLINE_LEVEL:
                announcement.add(sentence_text, index)
        while stack[-1].level >= _INLINE_LEVEL:
            stack.pop()  # 一是… lists do not run past their paragraph
        long_sentences += [normalized.original_span(position + start, position + end) for start, end in too_long]
        position += len(paragraph) + 1
    return Segmented(
        source=source, normalized=text, sentences=sentences, reported_year=year, warnings=_long_warning(long_sentences)
    )


def _long_warning(spans: list[tuple[int, int]]) -> list[str]:
    """Where sentences were cut: a phrase that straddles a cut is not found."""
    if not spans:
        return []
    shown = "; ".join(f"字符 {start}–{end} ({end - start:,} 字)" for start, end in spans[:_LONG_SHOWN])
    more = f" 等 {len(spans)} 处" if len(spans) > _LONG_SHOWN else ""
    return [
        f"超长句: {shown}{more} 没有句末标点, 长于 {MAX_SENTENCE_CHARS:,} 字, "
        f"已切成每段至多 {MAX_SENTENCE_CHARS:,} 字分别匹配; 跨越切分处的表述可能未被识别"
    ]


def _sentence_spans(paragraph: str, year: int | None, too_long: list[tuple[int, int]]):
    """Yield (start, end, own Cue or None) of each non-empty sentence of a paragraph; a sentence that
    turns from work done to next year's is two. In a paragraph without any cue (has_cue), as most
    are, no sentence turns or has a context of its own. A sentence too long to match whole is
    yielded in pieces, and its span added to `too_long`."""
    cued = has_cue(paragraph, year)
    cuts = [match.end() for match in _SENTENCE_END.finditer(paragraph)] + [len(paragraph)]
    if cued:
        cuts = _with_plan_turns(paragraph, cuts, year)
    start = 0
    for cut in cuts:
        while start < cut and paragraph[start] == " ":
            start += 1
        end = cut
        while end > start and paragraph[end - 1] == " ":
            end -= 1
        if end > start:
            if end - start > MAX_SENTENCE_CHARS:
                too_long.append((start, end))
            for start, end in _pieces(paragraph, start, end):  # most often the sentence, whole
                yield start, end, clause_context(paragraph[start:end], year) if cued else None
        start = cut


def _pieces(paragraph: str, start: int, end: int):
    """(start, end) of the pieces of a sentence, each at most MAX_SENTENCE_CHARS long."""
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        cut = 1 + max(paragraph.rfind(mark, limit - MAX_SENTENCE_CHARS // 4, limit - 1) for mark in ",、 ")
        yield start, cut or limit
        start = cut or limit
    yield start, end


def _with_plan_turns(paragraph: str, ends: list[int], year: int | None) -> list[int]:
    """The sentence ends, each preceded by the plan turns of its sentence."""
    cuts: list[int] = []
    start = 0
    for end in ends:
        cuts += [start + turn for turn in plan_turns(paragraph[start:end], year)]
        cuts.append(end)
        start = end
    return cuts


def _heading_label(sentence: str) -> tuple[str, bool]:
    """The text a heading shows in paths, and whether the sentence is nothing but the heading."""
    body = sentence.rstrip("。!?;:" + "".join(CLOSERS - {'"', ")"}))
    if len(body) <= _SHORT_HEADING:
        return body, True
    first_clause = _CLAUSE_END.split(body, maxsplit=1)[0]
    return first_clause[:_SHORT_HEADING], False


def _context(own: Cue | None, index: int, governing: _Governing) -> tuple[Context, str, int | None]:
    """The context of sentence `index`, the words that decided it and the sentence holding them: a
    clause's own cue decides, except that nothing in a plan part is a present shortcoming (摸清短板
    in next year's plan is a plan); then its part or announced list; else it reports an
    achievement, which no words decided."""
    if own is not None and not (governing.context == "plan" and own.context == "problem"):
        return own.context, own.words, index
    if governing.context is not None:
        return governing
    return "achievement", "", None
