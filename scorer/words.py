"""Word segmentation with jieba, loaded once per process with the checklist's terms.

Used by the near misses only, to split each checklist phrase into its words once (the matcher
then looks for those words in a sentence): comparing words rather than characters is what makes
"重大行政执法决定的法制审核" close to the phrase "重大执法决定法制审核" (a word inserted, 的 added)
while "谁执法谁普法责任制" is not close to "执法责任制". The checklist's terms form the user
dictionary, so that a domain term (法制审核, 双随机, 权责清单) stays one word.
"""

from __future__ import annotations

import logging
import sys
from functools import lru_cache
from importlib import resources


def _import_jieba():
    """jieba imports pkg_resources (a tenth of a second, a deprecation warning) only to open its
    own data files, and opens them directly when that import fails: make it fail."""
    if "pkg_resources" in sys.modules:
        import jieba
    else:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
        try:
            import jieba
        finally:
            del sys.modules["pkg_resources"]
    jieba.setLogLevel(logging.WARNING)
    return jieba


jieba = _import_jieba()


@lru_cache(maxsize=4)
def tokenizer(terms: tuple[str, ...]) -> jieba.Tokenizer:
    """A jieba tokenizer over scorer/data/words.txt plus `terms` (built once per term set). Its
    prefix dictionary is built here, not by jieba's initialize(), which keeps it as a cache file
    in $TMPDIR: a file written outside --out, and slower to load (95 ms) than to build (25 ms)."""
    words = jieba.Tokenizer()
    words.FREQ, words.total = _prefix_dictionary()
    words.initialized = True
    for term in terms:
        words.add_word(term)
    return words


def _prefix_dictionary() -> tuple[dict[str, int], int]:
    """What jieba's gen_pfdict makes of words.txt ("word frequency" lines): each word with its
    frequency, each shorter prefix of a word with 0 unless it is a word itself; and the total."""
    fields = (resources.files("scorer") / "data" / "words.txt").read_text(encoding="utf-8").split()
    words, frequencies = fields[0::2], list(map(int, fields[1::2]))
    prefixes = dict.fromkeys({word[:end] for word in words for end in range(1, len(word))}, 0)
    prefixes.update(zip(words, frequencies))
    return prefixes, sum(frequencies)


def cut(words: jieba.Tokenizer, text: str) -> list[str]:
    return words.lcut(text, HMM=False)
