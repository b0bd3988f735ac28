"""Match checklist elements against the sentences of a segmented report.

Two kinds of hit:
- alias: an alias occurs literally in the sentence (after normalisation), and not inside one
  of the element's `not_part_of` phrases;
- terms: every group of a term set has a member in the sentence (负责人 + 出庭).
All aliases and terms are found in one Aho-Corasick pass over the report.

A variant of an alias (a character different, words inserted or swapped) is not evidence: on the
real reports of tests/realdev, 30 of the 38 elements that variants alone made `partial` had
nothing the labellers counted. It is shown instead as the near miss of a missing element, the
sentence a reviewer should read before accepting the miss. Score = the better of rapidfuzz's
character-level `partial_ratio` and a word-level coverage over jieba words, on the sentences that
share at least a third of an alias's character bigrams (found for the aliases longer than one word
in a second Aho-Corasick pass, made only when a report has a missing element).
The document's head (its title and any page furniture before the first sentence) is never
evidence: "中共××县委 ××县人民政府关于…法治政府建设情况的报告" names the report, it reports no work.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import NamedTuple

import ahocorasick_rs
from rapidfuzz import fuzz, process

from scorer import words
from scorer.furniture import is_page_furniture
from scorer.mention import Mention, judge
from scorer.models import (
    Checklist,
    Decisions,
    DroppedHit,
    Element,
    ElementRecord,
    Hit,
    MatchKind,
    Segmented,
    Sentence,
)
from scorer.normalize import TERMINAL, heading_level, normalize

CHAR_SCORE_FLOOR = 85.0
"""Lowest character-level score that says a sentence is close to an alias: one character
different in a 7+ character phrase scores 86-93; below, an alignment over a long sentence is noise."""
_WHOLE_ONLY = math.ceil(100 / (100 - CHAR_SCORE_FLOOR)) - 1
"""The longest alias for which one character off already falls short of CHAR_SCORE_FLOOR (a window
as long as the alias scores the share of its characters matched: 5 of 6 is 83): 6."""
NEAR_MISS_FLOOR = 75.0
"""Below this, no sentence is shown as the near miss of a missing element: nothing is close."""
NEAR_MISS_SHARE = 1 / 3
"""A sentence is scored against an alias only if it holds this share of the alias's character
bigrams: 重大决策 in passing keeps two of the five of 重大行政决策, and is its near miss."""
NEAR_MISS_MIN_LENGTH = 3
"""Shorter aliases are not looked for in variants: a variant of a two-character word is another word."""
GENERIC_ELEMENTS = 3
"""A word in the phrasings of this many elements (法治政府, 行政, 执法, 决策) is generic: ..."""
GENERIC_WEIGHT = 0.25
"""...and counts this much in a near miss: sharing 法治政府建设 with 法治政府建设年度报告 is not being close
to it, sharing 重大 and 决策 with 重大行政决策 is."""
HEAD_SENTENCES = 12
"""The head of a document is looked for among this many leading sentences, page furniture (a
disclosure catalogue of a dozen rows) not counted."""
_BODY_LINE = re.compile(r",|[。!?;:][\"')\]]*$")
MAX_TERM_SPAN = 50
"""Longest stretch of a sentence, in characters, that a term set's terms may spread over and still
name the element together. Real reports join many actions in one sentence. On the real-report
dev set (tests/realdev), term-set hits of elements the labels call covered span 4 to 49
characters (one of 75); the spans that named nothing the labels saw were those of the study of
Xi Jinping's thought joined across a slogan (学习…二十大精神…法治政府, 16 to 145 characters), which
its element bounds more tightly (terms_within)."""
_DICTIONARY_LENGTH = 4
"""Checklist terms this short join jieba's dictionary, so that a domain word (法制审核, 双随机) stays
one word and is compared by its characters; a longer term is a phrase, split into its words and
also compared by them."""
_FILLER = {"的", "和", "与", "及", "、", "等", "之", "或", ",", "\"", "(", ")"}


@dataclass(frozen=True)
class _Compiled:
    element: Element
    aliases: tuple[str, ...]
    term_sets: tuple[tuple[tuple[str, ...], ...], ...]
    terms_within: int
    terms_in_order: bool
    not_part_of: tuple[str, ...]


def phrase_text(phrase: str) -> str:
    """A checklist phrase as the matcher compares it (normalised like the report's text)."""
    return normalize(phrase).text.replace("\n", "")


def _compile(element: Element) -> _Compiled:
    term_sets = tuple(
        tuple(tuple(phrase_text(t) for t in ([group] if isinstance(group, str) else group)) for group in term_set)
        for term_set in element.term_sets
    )
    return _Compiled(
        element=element,
        aliases=tuple(dict.fromkeys(phrase_text(alias) for alias in element.aliases)),
        term_sets=term_sets,
        terms_within=element.terms_within or MAX_TERM_SPAN,
        terms_in_order=element.terms_in_order,
        not_part_of=tuple(phrase_text(phrase) for phrase in element.not_part_of),
    )


class Matcher:
    """Compiled once per checklist; `match` is then called once per report."""

    def __init__(self, checklist: Checklist):
        self.checklist = checklist
        self.compiled = {element.id: _compile(element) for element in checklist.elements}
        terms = set()
        for compiled in self.compiled.values():
            terms.update(compiled.aliases)
            for term_set in compiled.term_sets:
                for group in term_set:
                    terms.update(group)
        self.terms = tuple(sorted(terms))
        self.dictionary_terms = tuple(term for term in self.terms if len(term) <= _DICTIONARY_LENGTH)
        self.term_search = _Search(self.terms)
        self.bigram_search = _Search(
            {
                bigram
                for compiled in self.compiled.values()
                for alias in compiled.aliases
                if len(alias) > _DICTIONARY_LENGTH
                for bigram in self.bigrams(alias)
            }
        )

    @cached_property
    def words(self):
        return words.tokenizer(self.dictionary_terms)

    @cached_property
    def generic_words(self) -> frozenset[str]:
        """Words found in the aliases and terms of GENERIC_ELEMENTS elements or more."""
        owners: dict[str, set[str]] = defaultdict(set)
        for element_id, compiled in self.compiled.items():
            phrases = compiled.aliases + tuple(term for term_set in compiled.term_sets for group in term_set for term in group)
            for phrase in phrases:
                for word in words.cut(self.words, phrase):
                    owners[word].add(element_id)
        return frozenset(word for word, ids in owners.items() if len(ids) >= GENERIC_ELEMENTS)

    @lru_cache(maxsize=None)  # noqa: B019 - one Matcher per process, living as long as it
    def bigrams(self, alias: str) -> frozenset[str]:
        return frozenset(alias[i : i + 2] for i in range(len(alias) - 1))

    @cached_property
    def _alias_words(self) -> dict[str, list[str]]:
        return {
            alias: [w for w in words.cut(self.words, alias) if w not in _FILLER]
            for compiled in self.compiled.values()
            for alias in compiled.aliases
            if len(alias) > _DICTIONARY_LENGTH
        }

    @lru_cache(maxsize=None)  # noqa: B019 - as bigrams
    def word_weights(self, alias: str) -> tuple[Callable[[str], float], float]:
        """The weight of each of the alias's words (its length; a generic word's times
        GENERIC_WEIGHT), and the alias's total."""
        weights = {word: len(word) * (GENERIC_WEIGHT if word in self.generic_words else 1.0) for word in self._alias_words[alias]}
        return weights.__getitem__, sum(map(weights.__getitem__, self._alias_words[alias]))

    def match(self, doc: Segmented, decisions: Decisions | None = None) -> DocumentMatch:
        """Hits per element id. With `decisions`, each element's kept and dropped hits are written
        down there."""
        located = _Located(doc, self)
        hits: dict[str, list[Hit]] = {}
        for element_id, compiled in self.compiled.items():
            record = decisions.of(element_id) if decisions is not None else None
            hits[element_id] = self._literal_hits(compiled, located, record)
            if record is not None:
                record.kept = hits[element_id]
        return DocumentMatch(hits, self._near_miss_index(doc, located))

    def _near_miss_index(self, doc: Segmented, located: _Located) -> _NearMisses:
        return _NearMisses(self, doc, located)

    def alias_sentences(self, doc: Segmented) -> dict[str, dict[str, set[int]]]:
        """Per element, the body sentences each of its aliases is found in (not_part_of applied),
        before one hit per sentence is kept: what `checklist lint --corpus` counts."""
        located = _Located(doc, self)
        found: dict[str, dict[str, set[int]]] = {}
        for element_id, compiled in self.compiled.items():
            found[element_id] = {}
            for alias, _at, sentence, _dropped in _alias_occurrences(compiled, located):
                if sentence is not None:
                    found[element_id].setdefault(alias, set()).add(sentence)
        return found

    def _literal_hits(self, compiled: _Compiled, located: _Located, record: ElementRecord | None) -> list[Hit]:
        """One hit per sentence: the first alias or term set that mentions the element as work
        there, else the first that mentions it as something arranged."""
        by_sentence: dict[int, Hit] = {}

        def keep(hit: Hit) -> None:
            kept = by_sentence.get(hit.sentence)
            if kept is None or (kept.context is not None and hit.context is None):
                by_sentence[hit.sentence] = hit

        def drop(at: int, kind: MatchKind, term: str, reason: str, detail: str) -> None:
            if record is not None:
                record.dropped.append(DroppedHit(sentence=located.holding(at), match=kind, term=term, reason=reason, detail=detail))

        def settled(sentence: int) -> bool:
            """A sentence with a hit of plain work needs no more looking at (unless recording)."""
            kept = by_sentence.get(sentence)
            return record is None and kept is not None and kept.context is None

        def judged(sentence: int, kind: MatchKind, term: str, start: int, end: int) -> None:
            mention = located.judge(sentence, start, end)
            if mention is None:
                keep(Hit(sentence, kind, term))
            elif mention.kind == "arranged":
                keep(Hit(sentence, kind, term, "plan", mention.cue))
            else:
                drop(start, kind, term, mention.kind, mention.cue)

        for alias, at, sentence, dropped in _alias_occurrences(compiled, located):
            if dropped is not None:
                drop(at, "alias", alias, *dropped)
            elif not settled(sentence):
                judged(sentence, "alias", alias, at, at + len(alias))
        for term_set in compiled.term_sets:
            label = "+".join("/".join(group) for group in term_set)
            for sentence, span, swallowed in _term_set_spans(term_set, located, compiled, settled):
                if span is None:
                    drop(located.sentence_start(sentence), "terms", label, "not_part_of", swallowed)
                elif span[1] - span[0] > compiled.terms_within:
                    drop(span[0], "terms", label, "terms_too_far", f"{span[1] - span[0]} characters > {compiled.terms_within}")
                elif located.bare_heading(sentence):
                    drop(span[0], "terms", label, "bare_heading", "")
                else:
                    judged(sentence, "terms", label, *span)
        return [by_sentence[index] for index in sorted(by_sentence)]


def _alias_occurrences(compiled: _Compiled, located: _Located):
    """(alias, position, sentence, None) for each occurrence of an alias in a body sentence, to be
    judged there; (alias, position, None, (why, words)) for one that cannot count: inside a
    not_part_of phrase (the phrase), in the document's head, or in a heading with nothing under
    it."""
    for alias in compiled.aliases:
        for at in located.positions.get(alias, ()):
            longer = _inside_longer(located.text, at, alias, compiled.not_part_of)
            if longer is not None:
                yield alias, at, None, ("not_part_of", longer)
                continue
            sentence = located.sentence_at(at)
            if sentence is None:
                yield alias, at, None, ("document_head", "")
                continue
            if located.bare_heading(sentence):
                yield alias, at, None, ("bare_heading", "")
            else:
                yield alias, at, sentence, None


CUT_OFF_LENGTH = 10
"""A text that stops this soon after a heading, mid-sentence, stops before the heading's part."""


def _cut_off(sentence: Sentence, last: bool) -> bool:
    """Is this the stub of a text cut off mid-sentence (a page's opening, a truncated copy)?"""
    return last and len(sentence.text) < CUT_OFF_LENGTH and sentence.text[-1] not in TERMINAL


def _term_set_spans(
    term_set: tuple[tuple[str, ...], ...], located: _Located, compiled: _Compiled, settled: Callable[[int], bool]
):
    """(sentence, (start, end), None) for each sentence holding a member of every group (in the
    groups' order when the element asks for it): the shortest span of the normalised text that
    holds one of each; sentences `settled` already are passed over. A term inside one of the
    element's not_part_of phrases does not count
    (乡长 in 副乡长, 考核 in 同考核); where that leaves a group empty the span is None and the phrase
    that swallowed it is given instead."""
    for sentence in sorted(_sentences_with_all(term_set, located)):
        if settled(sentence):
            continue
        occurrences: list[list[tuple[int, int]]] = []
        swallowed = ""
        for group in term_set:
            spans = []
            for term in group:
                for at in located.within(term, sentence):
                    longer = _inside_longer(located.text, at, term, compiled.not_part_of) if compiled.not_part_of else None
                    if longer is None:
                        spans.append((at, at + len(term)))
                    else:
                        swallowed = longer
            occurrences.append(sorted(spans))
        if not all(occurrences):
            yield sentence, None, swallowed
            continue
        span = _ordered_span(occurrences) if compiled.terms_in_order else _min_span(occurrences)
        if span is not None:
            yield sentence, span, None


def _sentences_with_all(term_set: tuple[tuple[str, ...], ...], located: _Located) -> set[int]:
    """The sentences with a member of every group of a term set (to be read, not changed: it can
    be the report's own set of a group). Most reports lack a group altogether, which the term
    positions tell before any sentence is looked at."""
    if not term_set or any(located.positions.keys().isdisjoint(group) for group in term_set):
        return set()  # an empty term set, or a group with no member anywhere in the report
    common = located.sentences_with(term_set[0])
    for group in term_set[1:]:
        common = common & located.sentences_with(group)
        if not common:
            break
    return common


def _body_start(doc: Segmented) -> int:
    """Index of the first sentence of the body: the leading lines before the first sentence (a
    comma, or an end: 。:) or numbered heading are the title and page furniture (发布时间…,
    首页>>政务公开); 0 if there is no such head."""
    read = 0
    for sentence in doc.sentences:
        if is_page_furniture(sentence.text):
            continue  # a catalogue row (发布机构:…, 主题分类:农业,林业) has commas and is still the page's
        if _BODY_LINE.search(sentence.text) or heading_level(sentence.text) is not None:
            return sentence.index
        read += 1
        if read == HEAD_SENTENCES:
            break
    return 0


class Closest(NamedTuple):
    """The sentence closest to an element, the alias it is close to, and how close (0-100)."""

    sentence: int
    term: str
    score: float


@dataclass(frozen=True)
class DocumentMatch:
    """The matches of one report, and the index that finds the near misses of the elements left
    missing."""

    hits: dict[str, list[Hit]]
    near_misses: _NearMisses

    def near_miss(self, element_id: str) -> Closest | None:
        """The sentence closest to an element that has no evidence at all, if any is close."""
        return self.near_misses.best(self.near_misses.matcher.compiled[element_id])


class _Search:
    """Finds every occurrence of a fixed set of strings, overlaps included, in one Aho-Corasick
    pass (ahocorasick_rs: pyahocorasick scans a trie node's children one by one, which over
    Chinese text, where the root has hundreds, took twice as long as all the rest of the pass).
    Built as a contiguous NFA, not a DFA: alone on one text both search as fast, but the DFA's
    tables (a few MB) leave the CPU caches while the rest of a report is analysed, and in a full
    run its two passes took 0.9-1.2 ms a report against 0.7-0.8 for the NFA."""

    def __init__(self, strings):
        self.strings = tuple(sorted(strings))
        self._automaton = ahocorasick_rs.AhoCorasick(self.strings, implementation=ahocorasick_rs.Implementation.ContiguousNFA)

    def positions(self, text: str) -> dict[str, list[int]]:
        """Where each string found in `text` starts; strings not found have no entry."""
        found: dict[str, list[int]] = defaultdict(list)
        strings = self.strings
        for index, start, _end in self._automaton.find_matches_as_indexes(text, overlapping=True):
            found[strings[index]].append(start)
        return found

    def sentences(self, text: str, owner: list[int | None]) -> dict[str, set[int]]:
        """The sentences (by `owner` of a position) holding each string found in `text`. Read off
        the matches directly: going through `positions` first made matching 7% slower."""
        found: dict[str, set[int]] = defaultdict(set)
        strings = self.strings
        for index, start, _end in self._automaton.find_matches_as_indexes(text, overlapping=True):
            if owner[start] is not None:
                found[strings[index]].add(owner[start])
        return found


class _Located:
    """Where the checklist's terms, and the bigrams of its aliases, are in the normalised text,
    and the body sentence each position falls in (None outside the body)."""

    def __init__(self, doc: Segmented, matcher: Matcher):
        self._doc = doc
        self.text = doc.normalized
        self.positions = matcher.term_search.positions(self.text)
        self._bigram_search = matcher.bigram_search
        self.first = _body_start(doc)
        self._sentences: dict[tuple[str, ...], set[int]] = {}
        self._owner: list[int | None] = [None] * len(self.text)
        for sentence in doc.sentences[self.first :]:
            self._owner[sentence.norm_start : sentence.norm_end] = [sentence.index] * (sentence.norm_end - sentence.norm_start)

    def judge(self, sentence: int, start: int, end: int) -> Mention | None:
        """How sentence `sentence` mentions the normalised text [start, end)."""
        offset = self._doc.sentences[sentence].norm_start
        return judge(self._doc.sentences[sentence].text, start - offset, end - offset)

    def bare_heading(self, sentence: int) -> bool:
        """Is the sentence a heading of achievements with nothing under it (the last one, or one
        followed by a heading of its own level or above)? What it names was not reported on. (In a
        plan or shortcomings part, the headings are often the items themselves.)"""
        return sentence in self._bare

    @cached_property
    def _bare(self) -> frozenset[int]:
        return frozenset(sentence.index for sentence in self._doc.sentences if self._is_bare_heading(sentence.index))

    def _is_bare_heading(self, sentence: int) -> bool:
        sentences = self._doc.sentences
        if not sentences[sentence].is_heading or sentences[sentence].context != "achievement":
            return False
        if sentence + 1 == len(sentences) or _cut_off(sentences[sentence + 1], sentence + 2 == len(sentences)):
            return True
        following = heading_level(sentences[sentence + 1].text)
        return following is not None and following <= heading_level(sentences[sentence].text)

    def sentence_start(self, sentence: int) -> int:
        return self._doc.sentences[sentence].norm_start

    def within(self, term: str, sentence: int) -> list[int]:
        """The positions of a term inside one sentence."""
        positions = self.positions.get(term, ())
        here = self._doc.sentences[sentence]
        return positions[bisect_left(positions, here.norm_start) : bisect_left(positions, here.norm_end)]

    def sentence_at(self, position: int) -> int | None:
        """The body sentence a position falls in; None in the document's head."""
        return self._owner[position]

    def holding(self, position: int) -> int:
        """The sentence a position falls in, head included (for the record of decisions)."""
        return bisect_right(self._starts, position) - 1

    @cached_property
    def _starts(self) -> list[int]:
        return [sentence.norm_start for sentence in self._doc.sentences]

    def sentences_with(self, group: tuple[str, ...]) -> set[int]:
        """The body sentences that hold a member of a term set's group; kept for the report, as
        groups recur across term sets and elements."""
        found = self._sentences.get(group)
        if found is None:
            found = self._sentences[group] = set()
            for term in group:
                found.update(map(self._owner.__getitem__, self.positions.get(term, ())))
            found.discard(None)
        return found

    @cached_property
    def bigram_sentences(self) -> dict[str, set[int]]:
        """The body sentences that hold each bigram of the aliases longer than one word (one where
        the bigram starts). Made when a near miss is first looked for: a report with every element
        evidenced never is."""
        return self._bigram_search.sentences(self.text, self._owner)


def _find_all(text: str, term: str) -> list[int]:
    found = []
    at = text.find(term)
    while at != -1:
        found.append(at)
        at = text.find(term, at + 1)
    return found


def _inside_longer(text: str, at: int, alias: str, longer: tuple[str, ...]) -> str | None:
    """The phrase of `longer` that the alias found at `at` is part of, if any."""
    for phrase in longer:
        offset = phrase.find(alias)
        while offset != -1:
            if at - offset >= 0 and text.startswith(phrase, at - offset):
                return phrase
            offset = phrase.find(alias, offset + 1)
    return None


class _NearMisses:
    """Fuzzy scoring of aliases against the sentences of one report, for the near misses of its
    missing elements. Only what those elements' aliases ask for is looked up (the sentences holding
    each of their bigrams), once per report."""

    def __init__(self, matcher: Matcher, doc: Segmented, located: _Located):
        self.matcher = matcher
        self.located = located
        self.sentences = [sentence.text for sentence in doc.sentences]

    def best(self, compiled: _Compiled) -> Closest | None:
        """The closest sentence by shared words, generic words counting little, if any scores
        NEAR_MISS_FLOOR."""
        aliases = tuple(alias for alias in compiled.aliases if len(alias) >= NEAR_MISS_MIN_LENGTH)
        scores = self._scores(aliases)
        if not scores:
            return None
        index, (score, alias) = max(scores.items(), key=lambda item: (item[1][0], -item[0]))
        return Closest(index, alias, round(score, 1))

    def _scores(self, aliases: tuple[str, ...]) -> dict[int, tuple[float, str]]:
        """Best (score, alias) per candidate sentence (one holding NEAR_MISS_SHARE of an alias's
        bigrams), for the sentences that score NEAR_MISS_FLOOR or more."""
        best: dict[int, tuple[float, str]] = {}
        for alias in aliases:
            candidates = self._candidates(alias)
            if not candidates:
                continue
            char_scores = self._char_scores_of(alias, candidates)
            by_words = len(self.matcher._alias_words.get(alias) or ()) > 1  # one word: no word score
            for index in candidates:
                score = char_scores.get(index, 0.0)
                if by_words:
                    score = max(score, self._word_score(alias, index))
                if score >= NEAR_MISS_FLOOR and score > best.get(index, (0.0, ""))[0]:
                    best[index] = (score, alias)
        return best

    def _candidates(self, alias: str) -> list[int]:
        """The body sentences holding NEAR_MISS_SHARE of the alias's bigrams or more. One word (an
        alias of _DICTIONARY_LENGTH characters or fewer, compared by its characters alone) can only
        be close where it occurs whole or in a sentence shorter than itself (see _WHOLE_ONLY), so
        only those sentences are looked at, without the bigram index."""
        bigrams = self.matcher.bigrams(alias)
        needed = max(1, len(bigrams) * NEAR_MISS_SHARE)
        if len(alias) <= _DICTIONARY_LENGTH:
            whole = {self.located.sentence_at(at) for at in self.located.positions.get(alias, ())} - {None}
            shorter = [
                index for index in self._short_sentences
                if len(self.sentences[index]) < len(alias) and sum(bigram in self.sentences[index] for bigram in bigrams) >= needed
            ]
            return [index for index in sorted(whole) if alias in self.sentences[index]] + shorter
        holding = self.located.bigram_sentences
        counts: dict[int, int] = {}
        for bigram in bigrams:
            for index in holding.get(bigram, ()):
                counts[index] = counts.get(index, 0) + 1
        return [index for index, count in counts.items() if count >= needed]

    @cached_property
    def _short_sentences(self) -> list[int]:
        """The body sentences shorter than a one-word alias can be."""
        return [index for index in range(self.located.first, len(self.sentences)) if len(self.sentences[index]) < _DICTIONARY_LENGTH]

    def _char_scores_of(self, alias: str, indices: list[int]) -> dict[int, float]:
        """_char_score of `alias` in those of these sentences where it is not 0. An alias of
        _WHOLE_ONLY characters or fewer reaches CHAR_SCORE_FLOOR only where it occurs whole (or in
        a sentence shorter than itself): that is a substring test. Longer ones are screened by one
        rapidfuzz call; only those that pass are aligned."""
        if len(alias) <= _WHOLE_ONLY:
            found = {}
            for index in indices:
                sentence = self.sentences[index]
                if alias in sentence:
                    found[index] = 100.0
                elif len(sentence) < len(alias):
                    found[index] = _char_score(alias, sentence)
            return found
        passed = process.extract(
            alias, [self.sentences[index] for index in indices], scorer=fuzz.partial_ratio,
            score_cutoff=CHAR_SCORE_FLOOR, limit=None,
        )
        return {indices[position]: _char_score(alias, self.sentences[indices[position]]) for _s, _score, position in passed}

    def _word_score(self, alias: str, index: int) -> float:
        """Share of the alias's characters whose words occur in the sentence close together: on
        average at most two inserted characters between words in the alias's order
        (重大[行政]执法决定[的]法制审核), none in another order (全过程执法记录 for 执法全过程记录, but
        not 平台公开执法信息 for 执法信息平台); a wider spread scales the score down in proportion (执法
        and 责任制 in "谁执法谁普法"责任制 are not 执法责任制; three common words scattered over a long
        sentence are nothing). Generic words count GENERIC_WEIGHT of their length. A sentence whose
        words could not score NEAR_MISS_FLOOR even close together scores 0. For an alias of two
        words or more."""
        alias_words = self.matcher._alias_words[alias]
        sentence = self.sentences[index]
        present = [word for word in alias_words if word in sentence]
        if not present:
            return 0.0
        weight, total = self.matcher.word_weights(alias)
        if 100.0 * sum(map(weight, present)) / total < NEAR_MISS_FLOOR:
            return 0.0
        spans_of = {word: [(at, at + len(word)) for at in _find_all(sentence, word)] for word in dict.fromkeys(present)}
        scored: dict[tuple[str, ...], float] = {}

        def score(chosen: tuple[str, ...]) -> float:
            if chosen not in scored:
                coverage = 100.0 * sum(map(weight, chosen)) / total
                spans = [spans_of[word] for word in dict.fromkeys(chosen)]
                tight = sum(map(len, chosen))
                in_order = min(1.0, (tight + 2 * (len(chosen) - 1)) / _ordered_window(spans))
                scored[chosen] = coverage * max(in_order, min(1.0, tight / _min_window(spans)))
            return scored[chosen]

        # a word found only far from the others (行政 in a later 行政诉讼) is left out if that helps
        chosen = tuple(present)
        best = score(chosen)
        while len(chosen) > 1:
            dropped = max((chosen[:i] + chosen[i + 1 :] for i in range(len(chosen))), key=score)
            if score(dropped) <= best:
                break
            chosen, best = dropped, score(dropped)
        return best


def _char_score(alias: str, sentence: str) -> float:
    """partial_ratio over a window as long as the alias; 0 below CHAR_SCORE_FLOOR, where a
    character-level score is alignment noise over a long sentence, not closeness (for near misses
    too). rapidfuzz also aligns a shorter window at either end of the sentence, where a shared
    prefix alone (法治政府建设|组织 against 法治政府建设示范) would score 86; such an alignment is
    widened to the alias's length."""
    aligned = fuzz.partial_ratio_alignment(alias, sentence)
    if aligned is None:
        return 0.0
    start, end = aligned.dest_start, aligned.dest_end
    if end - start >= len(alias) or len(sentence) <= len(alias):
        score = aligned.score
    else:
        if start == 0:
            end = start + len(alias)
        else:
            start = max(0, end - len(alias))
        score = fuzz.ratio(alias, sentence[start:end])
    return score if score >= CHAR_SCORE_FLOOR else 0.0


def _ordered_window(occurrences: list[list[tuple[int, int]]]) -> int:
    """Length of the smallest character span that holds the words in the given order."""
    span = _ordered_span(occurrences)
    return span[1] - span[0] if span else 10**9


def _ordered_span(occurrences: list[list[tuple[int, int]]]) -> tuple[int, int] | None:
    """Smallest character span that holds the words in the given order, each after the last;
    None when they never occur in that order."""
    best = None
    for start, end in occurrences[0]:
        at = end
        for spans in occurrences[1:]:
            following = next((span for span in spans if span[0] >= at), None)
            if following is None:
                break
            at = following[1]
        else:
            if best is None or at - start < best[1] - best[0]:
                best = (start, at)
    return best


def _min_window(occurrences: list[list[tuple[int, int]]]) -> int:
    """Length of the smallest character span that holds one occurrence of every word."""
    start, end = _min_span(occurrences)
    return end - start


def _min_span(occurrences: list[list[tuple[int, int]]]) -> tuple[int, int]:
    """Smallest character span that holds one occurrence of every word (a sliding window over
    the occurrences in text order)."""
    if len(occurrences) == 1:
        return min(occurrences[0], key=lambda span: span[1] - span[0])
    events = sorted((start, end, word) for word, spans in enumerate(occurrences) for start, end in spans)
    need = len(occurrences)
    count = [0] * need
    covered = 0
    best = (0, 10**9)
    left = 0
    ends: deque[int] = deque()  # indices of the window's events, their ends decreasing: the first ends last
    for right, (_start, end, word) in enumerate(events):
        while ends and events[ends[-1]][1] <= end:
            ends.pop()
        ends.append(right)
        count[word] += 1
        covered += count[word] == 1
        while covered == need:
            while ends[0] < left:
                ends.popleft()
            span = (events[left][0], events[ends[0]][1])
            if span[1] - span[0] < best[1] - best[0]:
                best = span
            first = events[left][2]
            count[first] -= 1
            covered -= count[first] == 0
            left += 1
    return best
