"""The real-report development set (tests/realdev): what is committed is whole and consistent.

The report texts are third-party pages kept out of git; where they are present (the machine the set
was made on; see tests/realdev/README.md) the quotes and checksums are checked too."""

from __future__ import annotations

import csv
import hashlib
import importlib.util

import pytest
import yaml

from scorer.evaluate import GoldFile, load_gold
from tests.conftest import ROOT

REALDEV = ROOT / "tests" / "realdev"
INDEX = list(csv.DictReader(open(REALDEV / "index.csv", encoding="utf-8", newline="")))
LEVELS = {"province", "city", "county", "township", "department"}
TEXTS_PRESENT = all((REALDEV / "texts" / f"{row['id']}.txt").exists() for row in INDEX)
needs_texts = pytest.mark.skipif(not TEXTS_PRESENT, reason="the report texts are not here (tests/realdev/README.md)")


def label_file(row: dict):
    return REALDEV / "labels" / row["part"] / f"{row['id']}.yaml"


def test_the_set_spans_provinces_levels_and_years():
    assert len(INDEX) >= 80 and len({row["id"] for row in INDEX}) == len(INDEX)
    assert len({row["province"] for row in INDEX}) >= 20
    assert {row["level"] for row in INDEX} == LEVELS
    assert {int(row["year"]) for row in INDEX} == set(range(2016, 2026))


def test_the_held_out_part_is_the_latest_batch_and_spans_levels_and_years():
    """A held-out part is spent once its disagreements are read and tuned on; the batch gathered
    and labelled twice after that, before any look at the matcher, is the part it is judged on."""
    latest = max(int(row["batch"]) for row in INDEX)
    held = [row for row in INDEX if row["part"] == "heldout"]
    assert held and all(int(row["batch"]) == latest for row in held)
    assert all(row["part"] == "dev" for row in INDEX if int(row["batch"]) != latest)
    # four levels of five at least: by the sixth batch, every provincial report the search
    # returned was already in the set (GATHERING-batch6.md)
    assert len({row["level"] for row in held}) >= len(LEVELS) - 1
    assert len({row["province"] for row in held}) >= 20
    assert len({row["year"] for row in held}) >= 8


def test_both_passes_label_every_report_of_the_held_out_part():
    for row in INDEX:
        if row["part"] == "heldout":
            for labeller in ("a", "b"):
                assert (REALDEV / "passes" / labeller / f"{row['id']}.yaml").exists(), (labeller, row["id"])


def test_every_report_has_one_label_file_in_its_part_and_no_other():
    files = {path.relative_to(REALDEV / "labels").as_posix() for path in (REALDEV / "labels").rglob("*.yaml")}
    assert files == {f"{row['part']}/{row['id']}.yaml" for row in INDEX}


@pytest.mark.parametrize("row", INDEX, ids=lambda row: row["id"])
def test_labels_name_every_element_with_short_quotes(row, checklist):
    gold = GoldFile.model_validate(yaml.safe_load(label_file(row).read_text(encoding="utf-8")))
    assert gold.source == f"../../texts/{row['id']}.txt"
    assert set(gold.labels) == {element.id for element in checklist.elements}
    for element_id, label in gold.labels.items():
        assert label.quote is None or len(label.quote) <= 30, element_id
        assert label.status != "partial" or element_id == "three_enforcement_systems", element_id


@needs_texts
def test_the_texts_are_the_ones_labelled_and_quotes_occur_in_them():
    wrong = []
    for row in INDEX:
        data = (REALDEV / "texts" / f"{row['id']}.txt").read_bytes()
        if hashlib.sha256(data).hexdigest() != row["sha256"] or len(data.decode("utf-8")) != int(row["chars"]):
            wrong.append(f"{row['id']}: not the text labelled")
        document = load_gold(label_file(row))
        wrong += [
            f"{row['id']} {element_id}: quote not in the text"
            for element_id, label in document.gold.labels.items()
            if label.quote is not None and label.quote not in document.source.text
        ]
    assert not wrong


def test_run_counts_the_missing_texts_and_names_each_one_that_differs(tmp_path, monkeypatch):
    """Without the texts (a new machine), run.py says how many are missing in one line, not 650;
    a text that is present but not the one labelled is named on a line of its own."""
    spec = importlib.util.spec_from_file_location("realdev_run", REALDEV / "run.py")
    run = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(run)
    monkeypatch.setattr(run, "TEXTS", tmp_path)
    (tmp_path / f"{INDEX[0]['id']}.txt").write_text("not the page that was labelled", encoding="utf-8")
    problems = run.check_texts()
    assert problems[0] == f"{tmp_path / INDEX[0]['id']}.txt: not the text that was labelled (sha256 differs from index.csv)"
    assert problems[1].startswith(f"{tmp_path}: {len(INDEX) - 1} texts missing ({INDEX[1]['id']}.txt, ")
    assert problems[1].count(".txt") == run.MISSING_SHOWN and f"and {len(INDEX) - 1 - run.MISSING_SHOWN} more" in problems[1]
    assert len(problems) == 2
