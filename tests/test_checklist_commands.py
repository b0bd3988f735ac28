"""`rolscore checklist show|lint|test`: what a checklist author sees, with the places named."""

from __future__ import annotations

import pytest
import yaml

from scorer.checklist import BUILTIN, load_checklist
from scorer.cli import main
from tests.conftest import ROOT, SEEDS

EXAMPLES = ROOT / "checklist" / "examples"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["checklist", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --- test: the examples of the built-in checklists pass (this is CI's run of them) ----------------


@pytest.mark.parametrize("name", BUILTIN)
def test_the_built_in_checklists_pass_their_examples(capsys, name):
    code, out, err = run(capsys, "test", name)
    assert code == 0, out
    assert out == ""  # nothing failed
    assert f"rolscore: checklist test {name}: " in err and ", 0 failed" in err and "without examples" not in err


@pytest.mark.parametrize("name", BUILTIN)
def test_every_element_of_a_built_in_has_a_covered_and_a_not_covered_example(name):
    for element in load_checklist(name).elements:
        assert element.examples.get("covered"), element.id
        assert set(element.examples) - {"covered"}, element.id


def test_a_failing_example_is_printed_with_the_evidence_used_and_exit_1(tmp_path, capsys):
    path = tmp_path / "mine.yaml"
    path.write_text(
        """\
id: mine
version: "1"
extends: fazhi_2021
sections:
  - id: leadership
    elements:
      - id: constitutional_oath
        examples+:
          covered:
            - 下一步将组织新任职干部进行宪法宣誓。
""",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "test", str(path))
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == f"{path}:10: FAIL constitutional_oath: “下一步将组织新任职干部进行宪法宣誓。” expected covered, got planned"
    assert lines[1] == "    evidence: plan, alias “宪法宣誓”"
    assert ", 1 failed" in err


# --- show -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("source", ["fazhi_2015", str(EXAMPLES / "department.yaml")])
def test_show_prints_the_resolved_checklist_as_yaml_that_loads_back(tmp_path, capsys, source):
    code, out, _ = run(capsys, "show", source)
    assert code == 0
    assert out.startswith("# ")
    assert "extends" not in yaml.safe_load(out)
    copy = tmp_path / "copy.yaml"
    copy.write_text(out, encoding="utf-8")
    assert load_checklist(copy) == load_checklist(source)


def test_show_as_a_table_says_where_each_part_came_from(capsys):
    code, out, _ = run(capsys, "show", str(EXAMPLES / "department.yaml"), "--format", "table")
    assert code == 0
    court = next(line for line in out.splitlines() if "court_hearing_attendance" in line)
    assert court.split()[-3:] == ["fazhi_2021", "→", "province.yaml"] and " 2 " in court
    oath = next(line for line in out.splitlines() if "constitutional_oath" in line)
    assert oath.split()[-1] == "fazhi_2021" and "core" in oath
    assert "dispute_mediation_center" in out and "administrative_reconsideration" not in out


# --- lint -------------------------------------------------------------------------------------------

FLAWED = """\
id: flawed
version: "1"
title: 有毛病的清单
sections:
  - id: one
    title: 第一部分
    elements:
      - id: advisor
        name: 政府法律顾问
        weight: 3
        aliases: [法律顾问]
      - id: village_advisor
        name: 村居法律顾问
        weight: 2
        aliases: [村居法律顾问, 法律服务]
      - id: service
        name: 公共法律服务
        weight: 2
        aliases: [公共法律服务, 法律服务]
      - id: oath
        name: 宪法宣誓
        weight: 3
        aliases: [宪法宣誓]
        not_part_of: [宪法宣誓]
      - id: review
        name: 合法性审核
        weight: 2
        aliases: [合法性审核, 审核]
        term_sets:
          - [[规范性文件], [合法性审核, 合法性审查], [审核, 审查]]
"""


def lint_lines(tmp_path, capsys, text: str, *more: str) -> tuple[int, list[str], str]:
    path = tmp_path / "flawed.yaml"
    path.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "lint", str(path), *more)
    return code, [line.removeprefix(f"{path}:") for line in out.splitlines()], err


def test_lint_finds_what_an_author_gets_wrong_each_with_its_line_level_and_id(tmp_path, capsys):
    code, lines, err = lint_lines(tmp_path, capsys, FLAWED)
    assert code == 1  # there are error-level findings
    expected = {
        # 法律顾问 occurs inside 村居法律顾问: the advisor takes the village advisers' evidence
        "11: warning: advisor: alias '法律顾问' occurs inside '村居法律顾问', an alias of village_advisor",
        "15: warning: village_advisor: alias '法律服务' occurs inside '公共法律服务', an alias of service",
        "15: warning: village_advisor: alias '法律服务' is also an alias of service",
        "19: warning: service: alias '法律服务' is also an alias of village_advisor",
        "23: error: oath: alias '宪法宣誓' can never match: a not_part_of phrase of the same element swallows it",
        "20: error: oath: the element has no way to match",
        "28: warning: review: alias '审核' is 2 character(s)",
        "30: warning: review: term set 1: every term of group 2 ['合法性审核', '合法性审查'] contains a term of group 3",
    }
    for finding in expected:
        assert any(line.startswith(finding) for line in lines), finding
    assert len(lines) == len(expected)
    assert "2 error, 6 warning, 0 info (levels: error, warning, info; exit 1 on an error)" in err


def test_lint_of_a_checklist_that_does_not_load_gives_each_problem_as_an_error(tmp_path, capsys):
    code, lines, _ = lint_lines(tmp_path, capsys, FLAWED.replace("weight: 2\n        aliases: [合法性审核", "weight: 5\n        aliases: [合法性审核"))
    assert code == 1
    assert lines == ["27: error: sections[0].elements[4].weight: Input should be 1, 2 or 3"]


def test_lint_with_a_corpus_counts_aliases_in_real_reports(tmp_path, capsys):
    text = FLAWED.replace("not_part_of: [宪法宣誓]", "not_part_of: [宪法宣誓仪式]").replace(", 审核]", "]")
    text = text.replace("aliases: [公共法律服务, 法律服务]", "aliases: [公共法律服务, 法律服务, 区块链存证]")
    code, lines, err = lint_lines(tmp_path, capsys, text, "--corpus", str(SEEDS))
    assert code == 0  # warnings and info only
    # read in the seeds: 区块链存证 is in none of them; 法律顾问 in all but the 2023 report; 宪法宣誓 in two
    assert any(line.startswith("19: info: service: alias '区块链存证' matches in none of the 5 reports") for line in lines)
    assert any(line.startswith("11: info: advisor: alias '法律顾问' matches in 4 of the 5 reports") for line in lines)
    assert not any("宪法宣誓' matches" in line for line in lines)


def test_the_built_in_checklists_lint_without_errors(capsys):
    for name in BUILTIN:
        code, out, _ = run(capsys, "lint", name)
        assert code == 0 and ": error: " not in out


def test_a_checklist_file_that_is_not_there_is_exit_2(tmp_path, capsys):
    for action in ("show", "lint", "test"):
        code, _, err = run(capsys, action, str(tmp_path / "none.yaml"))
        assert code == 2 and "checklist file not found" in err
