"""The default checklist honours the catalogue's ids; bad checklists fail with located errors."""

from __future__ import annotations

import re

import pytest

from scorer.checklist import default_checklist_path, load_checklist
from scorer.errors import ChecklistError
from tests.conftest import ROOT

CATALOGUE = ROOT.parent / "shared" / "reference" / "elements.md"


def catalogue_ids() -> set[str]:
    ids = set(re.findall(r"^\| ([a-z0-9_]+) \|", CATALOGUE.read_text(encoding="utf-8"), re.M))
    ids.discard("id")
    return ids


@pytest.mark.skipif(not CATALOGUE.exists(), reason="../shared/reference is not beside this clone")
def test_default_checklist_holds_every_catalogue_id(checklist):
    ours = {e.id for e in checklist.elements} | {p.id for p in checklist.structure}
    assert catalogue_ids() <= ours
    assert {p.id for p in checklist.structure} == {i for i in catalogue_ids() if i.startswith("report_")}


def test_catalogue_tiers_become_weights(checklist):
    weights = {e.id: e.weight for e in checklist.elements}
    assert weights["constitutional_oath"] == 3  # core
    assert weights["law_popularization"] == 2  # standard
    assert weights["court_hearing_attendance"] == 1  # minor


def test_umbrella_names_its_three_parts(checklist):
    umbrella = next(e for e in checklist.elements if e.id == "three_enforcement_systems")
    assert umbrella.parts == ["enforcement_publicity", "enforcement_full_record", "major_enforcement_legal_review"]


def test_packaged_default_is_the_checklist_file():
    assert default_checklist_path().read_bytes() == (ROOT / "checklist" / "fazhi_2021.yaml").read_bytes()


GOOD = """\
id: mini
version: "1"
title: 测试清单
sections:
  - id: one
    title: 第一部分
    elements:
      - id: oath
        name: 宪法宣誓
        weight: 3
        aliases: [宪法宣誓]
      - id: advisor
        name: 法律顾问
        weight: 2
        aliases: [法律顾问]
"""


def load_text(tmp_path, text):
    path = tmp_path / "list.yaml"
    path.write_text(text, encoding="utf-8")
    return path, lambda: load_checklist(path)


def test_a_good_small_checklist_loads(tmp_path):
    _path, load = load_text(tmp_path, GOOD)
    assert [e.id for e in load().elements] == ["oath", "advisor"]


@pytest.mark.parametrize(
    "broken, place, line, expected",
    [
        (GOOD.replace("        aliases: [法律顾问]", "        aliases: []"), "sections[0].elements[1].aliases", 15, "at least 1 item"),
        (GOOD.replace("        weight: 2", "        weight: heavy"), "sections[0].elements[1].weight", 14, "Input should be 1, 2 or 3"),
        (GOOD.replace("        weight: 2", "        weight: 2\n        colour: red"), "sections[0].elements[1].colour", 15, "Extra inputs are not permitted"),
        (GOOD.replace("id: advisor", "id: oath"), "sections[0].elements[1].id", 12, "duplicate id 'oath' (first used at sections[0].elements[0].id)"),
    ],
)
def test_bad_checklist_error_names_file_place_line_and_expectation(tmp_path, broken, place, line, expected):
    path, load = load_text(tmp_path, broken)
    with pytest.raises(ChecklistError) as error:
        load()
    message = str(error.value)
    assert message.startswith(f"{path}:")
    assert place in message and expected in message
    assert f"{path}:{line}:" in message


def test_bad_yaml_reports_the_parser_line(tmp_path):
    path, load = load_text(tmp_path, GOOD.replace("aliases: [宪法宣誓]", "aliases: [宪法宣誓"))
    with pytest.raises(ChecklistError, match=rf"^{re.escape(str(path))}:\d+: invalid YAML"):
        load()


def test_duplicate_mapping_key_is_an_error_not_a_silent_overwrite(tmp_path):
    path, load = load_text(tmp_path, GOOD.replace("        weight: 3\n", "        weight: 3\n        weight: 1\n"))
    with pytest.raises(ChecklistError, match=rf"{re.escape(str(path))}:11: duplicate key 'weight'"):
        load()


def test_yaml_is_loaded_in_safe_mode(tmp_path):
    _path, load = load_text(tmp_path, "!!python/object/apply:os.system ['echo hacked']\n")
    with pytest.raises(ChecklistError, match="invalid YAML"):
        load()


def test_missing_checklist_file(tmp_path):
    with pytest.raises(ChecklistError, match="checklist file not found"):
        load_checklist(tmp_path / "none.yaml")


def test_parts_must_name_elements_of_the_checklist(tmp_path):
    _path, load = load_text(tmp_path, GOOD.replace("aliases: [宪法宣誓]", "aliases: [宪法宣誓]\n        parts: [nowhere]"))
    with pytest.raises(ChecklistError, match=r":12: sections\[0\]\.elements\[0\]\.parts\[0\]: names 'nowhere'"):
        load()
