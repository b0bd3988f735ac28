"""The naive reference matcher: every fuzzy alias of every element against every sentence.

It makes the same decisions as scorer.match (literal hits, term sets, the rapidfuzz-and-words
fuzzy score, the near miss) without its shortcuts: no bigram index choosing candidate sentences,
and fuzzy scoring for every element, not only those lacking a literal achievement hit. Statuses
must therefore come out identical; only the time differs. It reaches into match.py's internals on
purpose (there is no other way to switch the shortcuts off), so it follows their names.
"""

from __future__ import annotations

from scorer import match
from scorer.models import Segmented


class _AllSentences(match._Fuzzy):
    """Every sentence of the body is a candidate for every alias (the scorer skips the preamble
    by rule, not for speed, so the naive loop does too)."""

    def __init__(self, matcher: match.Matcher, doc: Segmented):
        super().__init__(matcher, doc)
        self._body = range(match._body_start(doc), len(self.sentences))

    def _candidates(self, alias: str, share: float) -> range:
        return self._body


class NaiveMatcher(match.Matcher):
    def match(self, doc: Segmented) -> dict[str, list[match.Hit]]:
        located = match._Located(doc)
        positions = {term: located.positions(term) for term in self.terms}
        fuzzy = self._fuzzy(doc)
        hits = {}
        for element_id, compiled in self.compiled.items():
            literal = self._literal_hits(compiled, located, positions)
            hits[element_id] = literal + fuzzy.hits(compiled, literal)
        return hits

    def _fuzzy(self, doc: Segmented) -> _AllSentences:
        """One per report, as the scorer's: its word cuts are shared by all the pairs."""
        if self._last is None or self._last[0] is not doc:
            self._last = (doc, _AllSentences(self, doc))
        return self._last[1]
