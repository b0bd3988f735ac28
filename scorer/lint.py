"""What a checklist author gets wrong, found with the checklist's own Matcher. Never prints.

Every alias is put, one per line, into a small document that the Matcher reads as a report: an
alias that does not evidence its own element there is swallowed by the element's `not_part_of`; an
element evidenced by another element's alias will take that alias's evidence (法律顾问 inside
村(居)法律顾问). With a corpus of real reports, the aliases that never match and those that match
in most reports are counted the same way.

Levels: `error` (the checklist cannot work as written: it does not load, or an element or an
alias can never match), `warning` (it works, but probably not as meant), `info` (corpus counts).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from scorer.checklist import Resolved
from scorer.match import Matcher, phrase_text
from scorer.ingest import from_string
from scorer.models import Element, Segmented
from scorer.segment import segment

Level = Literal["error", "warning", "info"]
LEVELS: tuple[Level, ...] = ("error", "warning", "info")
SHORT_ALIAS = 2
"""An alias this short (in characters) is a word that other words contain (复议 in 复议委员会)."""
MOST_REPORTS = 0.5
"""An alias found in more than this share of a corpus's reports is noted as possibly too generic."""


@dataclass(frozen=True)
class Finding:
    place: str
    """file:line of the alias, term set or element."""
    level: Level
    element: str
    message: str

    def __str__(self) -> str:
        return f"{self.place}: {self.level}: {self.element}: {self.message}"


def lint(resolved: Resolved, corpus: Iterable[Segmented] = ()) -> list[Finding]:
    """The findings on a checklist, ordered by file and line; with `corpus`, its alias counts too."""
    checklist = resolved.checklist
    matcher = Matcher(checklist)
    written = {element.id: _written(element) for element in checklist.elements}
    findings = _by_alias(resolved, matcher, written)
    findings += _term_sets(resolved, matcher)
    findings += _corpus(resolved, matcher, written, list(corpus))
    return sorted(findings, key=_order)


def _written(element: Element) -> dict[str, str]:
    """Each alias as the matcher compares it -> as the checklist writes it (for its place)."""
    return {phrase_text(alias): alias for alias in reversed(element.aliases)}


def _by_alias(resolved: Resolved, matcher: Matcher, written: dict[str, dict[str, str]]) -> list[Finding]:
    owners = [(element_id, alias) for element_id, compiled in matcher.compiled.items() for alias in compiled.aliases]
    line_of = {owner: index for index, owner in enumerate(owners)}
    text = "\n".join(f"{alias}。" for _, alias in owners)
    hits = matcher.alias_sentences(segment(from_string(text, "aliases")))
    findings = []
    for element_id, compiled in matcher.compiled.items():
        own = hits[element_id]
        for alias in compiled.aliases:
            place = resolved.place(element_id, "aliases", written[element_id][alias])
            if line_of[(element_id, alias)] not in own.get(alias, ()):
                findings.append(Finding(place, "error", element_id, f"alias {alias!r} can never match: "
                                        "a not_part_of phrase of the same element swallows it"))
            if len(alias) <= SHORT_ALIAS:
                findings.append(Finding(place, "warning", element_id, f"alias {alias!r} is {len(alias)} character(s): "
                                        "other words contain it; prefer a longer phrase or a term set"))
            for other, other_alias in _taken_from(hits, owners, element_id, alias):
                if other_alias == alias:
                    message = f"alias {alias!r} is also an alias of {other}: every sentence naming it evidences both"
                else:
                    message = (f"alias {alias!r} occurs inside {other_alias!r}, an alias of {other}: it takes that "
                               f"element's evidence (add {other_alias!r} to not_part_of if it should not)")
                findings.append(Finding(place, "warning", element_id, message))
        if not any(alias in own for alias in compiled.aliases) and not any(all(t) for t in compiled.term_sets):
            first = resolved.place(element_id)
            findings.append(Finding(first, "error", element_id, "the element has no way to match: no alias "
                                    "matches and it has no term set"))
    return findings


def _taken_from(hits, owners, element_id: str, alias: str):
    """(element, alias) of the other elements' aliases whose own line this alias evidences."""
    for index in sorted(hits[element_id].get(alias, ())):
        other, other_alias = owners[index]
        if other != element_id:
            yield other, other_alias


def _term_sets(resolved: Resolved, matcher: Matcher) -> list[Finding]:
    findings = []
    for element_id, compiled in matcher.compiled.items():
        for t, term_set in enumerate(compiled.term_sets):
            place = resolved.place(element_id, "term_sets", index=t)
            for g, group in enumerate(term_set):
                if not group:
                    findings.append(Finding(place, "error", element_id, f"term set {t + 1}: group {g + 1} is empty, "
                                            "so the term set can never match"))
                    continue
                for k, other in enumerate(term_set):
                    if k != g and other and all(any(term in longer for term in group) for longer in other):
                        findings.append(Finding(place, "warning", element_id, (
                            f"term set {t + 1}: every term of group {k + 1} {list(other)} contains a term of group "
                            f"{g + 1} {list(group)}, so group {g + 1} asks for nothing more (one word can satisfy both)"
                        )))
    return findings


def _corpus(resolved: Resolved, matcher: Matcher, written, documents: list[Segmented]) -> list[Finding]:
    """Aliases never found in the reports of a corpus, and those found in most of them."""
    if not documents:
        return []
    found: Counter[tuple[str, str]] = Counter()
    for doc in documents:
        for element_id, aliases in matcher.alias_sentences(doc).items():
            found.update((element_id, alias) for alias in aliases)
    findings = []
    total = len(documents)
    for element_id, compiled in matcher.compiled.items():
        for alias in compiled.aliases:
            count = found[(element_id, alias)]
            place = resolved.place(element_id, "aliases", written[element_id][alias])
            if count == 0:
                findings.append(Finding(place, "info", element_id, f"alias {alias!r} matches in none of the {total} reports"))
            elif count > total * MOST_REPORTS and total > 1:
                findings.append(Finding(place, "info", element_id, (
                    f"alias {alias!r} matches in {count} of the {total} reports: check that it names this element "
                    "and not something broader"
                )))
    return findings


def _order(finding: Finding):
    path, _, line = finding.place.rpartition(":")
    return (path, int(line) if line.isdigit() else 0, LEVELS.index(finding.level), finding.message)
