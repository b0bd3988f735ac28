"""The naive reference matcher: every alias of every element against every sentence.

It makes the same decisions as scorer.match (literal hits, term sets, the near miss) without its
shortcuts: no bigram index choosing the sentences a near miss is looked for in, no batched
rapidfuzz screening (each alias-sentence pair is aligned on its own), and a near miss looked for
for every element, not only the missing ones. Statuses must therefore come out identical; only
the time differs. It reaches into match.py's internals on purpose (there is no other way to switch
the shortcuts off), so it follows their names.
"""

from __future__ import annotations

from scorer import match
from scorer.models import Decisions, Segmented


class _AllSentences(match._NearMisses):
    """Every sentence of the body is a candidate for every alias (the scorer skips the preamble
    by rule, not for speed, so the naive loop does too)."""

    def _candidates(self, alias: str) -> range:
        return range(self.located.first, len(self.sentences))

    def _char_scores_of(self, alias: str, indices) -> dict[int, float]:
        """Every pair aligned on its own, with no screening call."""
        return {index: match._char_score(alias, self.sentences[index]) for index in indices}


class NaiveMatcher(match.Matcher):
    """Literal matching, then the closest sentence of every element against every sentence."""

    def match(self, doc: Segmented, decisions: Decisions | None = None) -> match.DocumentMatch:
        found = super().match(doc, decisions)
        for element_id in self.compiled:
            found.near_miss(element_id)  # looked for whatever the status: the naive loop has no shortcut
        return found

    def _near_miss_index(self, doc: Segmented, located: match._Located) -> _AllSentences:
        return _AllSentences(self, doc, located)
