"""The naive reference matcher: every fuzzy alias of every element against every sentence.

It makes the same decisions as scorer.match (literal hits, term sets, the rapidfuzz-and-words
fuzzy score, the near miss) without its shortcuts: no bigram index choosing candidate sentences,
no batched rapidfuzz screening or kept scores (each alias-sentence pair is aligned on its own),
and fuzzy scoring for every element, not only those lacking a literal achievement hit. Statuses
must therefore come out identical; only the time differs. It reaches into match.py's internals on
purpose (there is no other way to switch the shortcuts off), so it follows their names.
"""

from __future__ import annotations

from scorer import match
from scorer.models import Hit, Segmented


class _AllSentences(match._Fuzzy):
    """Every sentence of the body is a candidate for every alias (the scorer skips the preamble
    by rule, not for speed, so the naive loop does too)."""

    def _candidates(self, alias: str, share: float) -> range:
        return range(self.located.first, len(self.sentences))

    def _char_scores_of(self, alias: str, indices) -> dict[int, float]:
        """Every pair aligned on its own, with no screening call and nothing kept between calls."""
        return {index: match._char_score(alias, self.sentences[index]) for index in indices}


class NaiveMatcher(match.Matcher):
    """Fuzzy scoring of every element against every sentence."""

    def _fuzzy_index(self, doc: Segmented, located: match._Located) -> _AllSentences:
        return _AllSentences(self, doc, located)

    def _achievement(self, doc: Segmented, literal: list[Hit]) -> None:
        return None  # as if no literal hit reported an achievement: fuzzy scoring for every element
