"""A checklist that extends another: the worked examples in checklist/examples/, and every error
an author can make, each naming the file, the line and the id."""

from __future__ import annotations

import re

import pytest

from scorer.checklist import load_checklist, resolve_checklist
from scorer.errors import ChecklistError
from tests.conftest import ROOT
from tests.test_checklist import GOOD

EXAMPLES = ROOT / "checklist" / "examples"


@pytest.fixture(scope="module")
def national():
    return load_checklist("fazhi_2021")


def test_the_province_adds_two_elements_reweights_one_and_keeps_the_rest(national):
    resolved = resolve_checklist(EXAMPLES / "province.yaml")
    province = resolved.checklist
    assert (province.id, province.title) == ("province_2023", "某省法治政府建设年度报告要素清单(2023)")
    ours = {element.id: element for element in province.elements}
    theirs = {element.id: element for element in national.elements}
    assert set(ours) - set(theirs) == {"dispute_mediation_center", "enforcement_coordination"}
    assert [e.id for e in province.sections[6].elements][-1] == "dispute_mediation_center"  # added to disputes
    court = ours["court_hearing_attendance"]
    assert court.weight == 2 and theirs["court_hearing_attendance"].weight == 1
    assert court.aliases == [*theirs["court_hearing_attendance"].aliases, "庭审观摩"]  # aliases+ adds
    assert court.examples["covered"][-1] == "组织全市执法人员开展庭审观摩活动4场。"  # examples+ adds
    assert court.examples["problem"] == theirs["court_hearing_attendance"].examples["problem"]
    unchanged = set(theirs) - {"court_hearing_attendance"}
    assert all(ours[i] == theirs[i] for i in unchanged)
    assert province.structure == national.structure
    assert resolved.origin("court_hearing_attendance") == ["fazhi_2021", str(EXAMPLES / "province.yaml")]
    assert resolved.origin("dispute_mediation_center") == [str(EXAMPLES / "province.yaml")]
    assert resolved.origin("constitutional_oath") == ["fazhi_2021"]


def test_the_department_extends_the_province_by_path_and_drops_what_it_does_not_do(national):
    resolved = resolve_checklist(EXAMPLES / "department.yaml")
    department = resolved.checklist
    ids = {element.id for element in department.elements}
    gone = {"government_legislation", "comprehensive_enforcement_reform", "administrative_reconsideration",
            "administrative_adjudication", "demonstration_creation", "emergency_rule_of_law"}
    assert not ids & gone
    assert ids == {e.id for e in national.elements} - gone | {"dispute_mediation_center", "enforcement_coordination"}
    assert "emergency" not in {section.id for section in department.sections}
    functions = next(section for section in department.sections if section.id == "functions")
    assert functions.title == "依法全面履行部门职能"
    assert resolved.origin("functions") == ["fazhi_2021", str(EXAMPLES / "department.yaml")]
    assert resolved.origin("court_hearing_attendance") == ["fazhi_2021", str(EXAMPLES / "province.yaml")]
    assert {e.id: e.weight for e in department.elements}["court_hearing_attendance"] == 2  # the province's


BASE = GOOD.replace("id: mini", "id: base") + """\
  - id: two
    title: 第二部分
    elements:
      - {id: publicity, name: 执法公示, weight: 3, aliases: [执法公示]}
      - {id: systems, name: 三项制度, weight: 3, aliases: [三项制度], parts: [publicity]}
"""


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def extension(body: str, extends: str = "base.yaml") -> str:
    return f'id: mine\nversion: "1"\nextends: {extends}\n{body}'


@pytest.fixture
def base(tmp_path):
    return write(tmp_path, "base.yaml", BASE)


def test_overrides_additions_a_new_section_and_a_move(tmp_path, base):
    path = write(tmp_path, "mine.yaml", extension("""\
sections:
  - id: one
    elements:
      - id: advisor
        aliases: [政府法律顾问]          # replaces
        not_part_of+: [村(居)法律顾问]   # adds
      - id: publicity                  # listed under another section: moves here
  - id: three
    title: 第三部分
    elements:
      - id: lawyer
        name: 公职律师
        weight: 2
        aliases+: [公职律师]             # for a new element, aliases+ is its aliases
"""))
    checklist = load_checklist(path)
    assert (checklist.id, checklist.title) == ("mine", "测试清单")  # the title is the base's unless given
    sections = {section.id: [e.id for e in section.elements] for section in checklist.sections}
    assert sections == {"one": ["oath", "advisor", "publicity"], "two": ["systems"], "three": ["lawyer"]}
    advisor = checklist.elements[1]
    assert advisor.aliases == ["政府法律顾问"] and advisor.not_part_of == ["村(居)法律顾问"]


def test_a_section_left_without_elements_is_dropped(tmp_path, base):
    path = write(tmp_path, "mine.yaml", extension("remove: [oath, advisor]\n"))
    assert [section.id for section in load_checklist(path).sections] == ["two"]


def error_of(tmp_path, body: str, extends: str = "base.yaml") -> str:
    path = write(tmp_path, "mine.yaml", extension(body, extends))
    with pytest.raises(ChecklistError) as error:
        load_checklist(path)
    return str(error.value)


def test_an_override_of_an_id_that_does_not_exist_names_file_line_and_id(tmp_path, base):
    message = error_of(tmp_path, "sections:\n  - id: one\n    elements:\n      - id: oaht\n        weight: 2\n")
    assert message == (
        f"{tmp_path / 'mine.yaml'}:7: sections[0].elements[0]: 'oaht' is not an element of base "
        "(did you mean 'oath'?); a new element needs name, aliases"
    )


def test_a_removed_id_that_does_not_exist(tmp_path, base):
    message = error_of(tmp_path, "remove:\n  - oath\n  - advisr\n")
    assert message.startswith(f"{tmp_path / 'mine.yaml'}:6: remove[1]: 'advisr' is not an element, section or structure part of base")
    assert "did you mean 'advisor'?" in message


def test_removing_a_part_that_another_element_keeps_is_an_error_at_the_remove(tmp_path, base):
    message = error_of(tmp_path, "remove: [publicity]\n")
    assert message == (
        f"{tmp_path / 'mine.yaml'}:4: remove[0]: 'publicity' is a part of 'systems'; "
        "remove 'systems' too, or give it parts without 'publicity'"
    )
    # giving the umbrella other parts, or removing it too, is fine
    write(tmp_path, "ok.yaml", extension("remove: [publicity, systems]\n"))
    assert "publicity" not in {e.id for e in load_checklist(tmp_path / "ok.yaml").elements}


def test_a_cycle_of_extends_names_each_file(tmp_path):
    write(tmp_path, "a.yaml", extension("", extends="b.yaml").replace("id: mine", "id: a"))
    write(tmp_path, "b.yaml", extension("", extends="a.yaml").replace("id: mine", "id: b"))
    with pytest.raises(ChecklistError) as error:
        load_checklist(tmp_path / "a.yaml")
    message = str(error.value)
    assert message.startswith(f"{tmp_path / 'b.yaml'}:3: extends: a.yaml is already being extended (a cycle: ")
    assert f"{(tmp_path / 'a.yaml').resolve()} (a) -> {(tmp_path / 'b.yaml').resolve()} (b) ->" in message


def test_a_file_that_extends_itself(tmp_path):
    write(tmp_path, "self.yaml", extension("", extends="self.yaml"))
    with pytest.raises(ChecklistError, match=r"self\.yaml:3: extends: .*cycle"):
        load_checklist(tmp_path / "self.yaml")


@pytest.mark.parametrize(
    "body, expected",
    [
        # a schema error in the extending file: its own line and place
        ("sections:\n  - id: one\n    elements:\n      - id: oath\n        weight: 5\n",
         ":8: sections[0].elements[0].weight: Input should be 1, 2 or 3"),
        ("sections:\n  - id: one\n    elements:\n      - id: oath\n        aliases: [a]\n        aliases+: [b]\n",
         ":9: sections[0].elements[0].aliases+: give aliases (replaces the base's) or aliases+ (adds to it), not both"),
        ("sections:\n  - id: four\n    elements:\n      - id: x\n        name: x\n        weight: 1\n        aliases: [x]\n",
         ":5: sections[0]: 'four' is not a section of base; a new section needs a title and elements"),
        ("sections:\n  - id: one\n    elements:\n      - id: oath\n        weight: 1\n      - id: oath\n        weight: 2\n",
         ":9: sections[0].elements[1]: 'oath' is listed twice in this file (first at sections[0].elements[0])"),
        # a rule over the merged checklist: reported in the file and place that broke it
        ("sections:\n  - id: one\n    elements:\n      - id: two\n        name: x\n        weight: 1\n        aliases: [x]\n",
         ":7: sections[0].elements[0]: duplicate id 'two': a section, element or structure part of base has it"),
        ("sections:\n  - id: one\n    elements:\n      - id: oath\n        parts: [nowhere]\n",
         ":8: sections[0].elements[0].parts[0]: names 'nowhere', which is not another element"),
        ("colour: red\n", ":4: colour: Extra inputs are not permitted"),
    ],
)
def test_errors_in_an_extending_file_name_its_line_and_place(tmp_path, base, body, expected):
    message = error_of(tmp_path, body)
    assert message.startswith(f"{tmp_path / 'mine.yaml'}{expected}"), message


def test_an_error_in_the_base_is_reported_in_the_base(tmp_path):
    write(tmp_path, "base.yaml", BASE.replace("weight: 2", "weight: 7"))
    message = error_of(tmp_path, "")
    assert message.startswith(f"{tmp_path / 'base.yaml'}:14: sections[0].elements[1].weight:")


def test_extends_names_neither_a_built_in_nor_a_file(tmp_path):
    message = error_of(tmp_path, "", extends="fazhi_2099")
    assert message.startswith(f"{tmp_path / 'mine.yaml'}:3: extends: 'fazhi_2099' is neither a built-in checklist")


def test_a_built_in_can_be_extended_and_its_fields_are_located_in_it(tmp_path):
    path = write(tmp_path, "mine.yaml", extension("remove: [xi_rule_of_law_thought]\n", extends="fazhi_2021"))
    resolved = resolve_checklist(path)
    assert "xi_rule_of_law_thought" not in {e.id for e in resolved.checklist.elements}
    assert re.fullmatch(r".*fazhi_2021\.yaml:\d+", resolved.place("constitutional_oath", "aliases", "宪法宣誓"))
