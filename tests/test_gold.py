"""The gold set itself: every file parses, seeds label every element, quotes are the documents' own words."""

from __future__ import annotations

from pathlib import Path

import pytest

from scorer.checklist import BUILTIN, load_checklist
from scorer.evaluate import gold_files, load_gold
from scorer.normalize import normalize
from tests.conftest import ROOT

GOLD = ROOT / "tests" / "gold"
FILES = gold_files(GOLD)
NAMED_BY_ONE_WORD = {"audit_oversight": "审计", "administrative_reconsideration": "复议"}
"""Elements whose every phrasing carries the one word that names the work, which is an alias."""


def test_the_gold_set_holds_the_seeds_and_probes():
    seeds = [path for path in FILES if path.parent == GOLD]
    assert {path.stem for path in seeds} == {path.stem for path in (ROOT / "seeds").glob("*.txt")}
    assert len([path for path in FILES if path.parent.name == "probes"]) >= 10


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.relative_to(GOLD).as_posix())
def test_gold_file_parses_and_labels_known_elements(path: Path, checklist):
    document = load_gold(path)  # statuses are validated on load (covered|partial|planned|problem|missing)
    ids = {element.id for name in BUILTIN for element in load_checklist(name).elements}
    assert set(document.gold.labels) <= ids
    if not document.gold.is_probe:
        assert set(document.gold.labels) == ids, "a seed labels every element of both built-in checklists"
        assert set(document.gold.structure) == {part.id for part in checklist.structure}


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.relative_to(GOLD).as_posix())
def test_every_quote_occurs_verbatim_in_its_document(path: Path):
    document = load_gold(path)
    labels = {**document.gold.labels, **document.gold.structure}
    for element_id, label in labels.items():
        if label.quote is not None:
            assert label.quote in document.source.text, (element_id, label.quote)


def test_partial_is_only_for_umbrella_elements(checklist):
    umbrellas = {element.id for element in checklist.elements if element.parts}
    for path in FILES:
        for element_id, label in load_gold(path).gold.labels.items():
            assert label.status != "partial" or element_id in umbrellas, (path.name, element_id)


def test_every_element_is_evidenced_by_two_probe_phrasings_that_share_no_alias(matcher):
    probes = [document.gold for document in map(load_gold, FILES) if document.gold.is_probe]
    for element in matcher.checklist.elements:
        aliases = matcher.compiled[element.id].aliases
        used = []
        for gold in probes:
            label = gold.labels.get(element.id)
            if label is not None and label.status == "covered":
                quote = normalize(label.quote).text.replace("\n", "")
                used.append({alias for alias in aliases if alias in quote})
        assert len(used) >= 2, element.id
        disjoint = any(not (a & b) for i, a in enumerate(used) for b in used[i + 1 :])
        assert disjoint or all(NAMED_BY_ONE_WORD.get(element.id) in found for found in used), element.id
