"""Render an Explanation (rolscore explain): plain text for a reviewer, or sorted-keys JSON."""

from __future__ import annotations

from typing import IO

import orjson

from scorer.explain import DROP_REASONS, Explanation
from scorer.printable import printable
from scorer.render.core import STATUS_LABEL, STATUS_SYMBOL, TIER_LABEL
from scorer.render.text import one_line

_CHOSEN_BY = {"year": "chosen by the report's year", "option": "given with --checklist"}
_MATCH = {"alias": "alias", "terms": "term set"}


def write_json(explanation: Explanation, outfile: IO[str]) -> None:
    outfile.write(orjson.dumps(explanation.model_dump(mode="json"), option=orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2).decode() + "\n")


def write_text(explanation: Explanation, outfile: IO[str]) -> None:
    outfile.write("\n".join(lines(explanation)) + "\n")


def lines(e: Explanation) -> list[str]:
    out = [
        f"{e.name} ({e.element}) · section {e.section} · {TIER_LABEL[e.weight]} (weight {e.weight})",
        f"report:    {printable(e.source)} · checklist {e.checklist.id} {e.checklist.version} ({_CHOSEN_BY[e.checklist.chosen_by]})",
        f"status:    {STATUS_SYMBOL[e.status]} {e.status} ({STATUS_LABEL[e.status]})",
        f"rule:      {e.rule}",
    ]
    if e.parts:
        out.append("parts:     " + ", ".join(f"{STATUS_SYMBOL[s]} {part} {s}" for part, s in e.parts.items()))
    out += ["", f"Sentences where the element was found ({len(e.sentences)}):"]
    if not e.sentences:
        out.append("  none: no alias or term set of it occurs in the report")
    for sentence in e.sentences:
        out += [
            "",
            f"  [{sentence.index}] characters {sentence.start}–{sentence.end} · {sentence.heading or '(no heading)'}",
            f"      “{one_line(sentence.text)}”",
            f"      context: {_context(sentence)}",
        ]
        for hit in sentence.kept:
            own = f", as {hit.context}: only arranged (“{hit.cue}”)" if hit.context else ""
            out.append(f"      counted: {_MATCH[hit.match]} “{hit.term}”{own}")
        for hit in sentence.dropped:
            detail = f" ({hit.detail})" if hit.detail else ""
            out.append(f"      dropped: {_MATCH[hit.match]} “{hit.term}”: {DROP_REASONS[hit.reason]}{detail}")
    if e.status == "missing":
        near = e.near_miss
        out += ["", "Nearest sentence: " + (f"“{one_line(near.text)}” ({near.term}, {near.score:g})" if near else "none close")]
    return out


def _context(sentence) -> str:
    if not sentence.cue:
        return f"{sentence.context} (no cue: a sentence reports an achievement unless something says otherwise)"
    where = f" in “{one_line(sentence.cue_sentence)}”" if sentence.cue_sentence else " in this sentence"
    return f"{sentence.context}, decided by “{sentence.cue}”{where}"
