"""The two built-in checklists and --checklist auto: the report's year picks the outline, and
every output says which checklist was used and how it was chosen."""

from __future__ import annotations

import json
import re

import pytest

from scorer.checklist import BUILTIN, UNKNOWN_YEAR_WARNING, builtin_path, load_checklist, outline_for
from scorer.cli import main
from scorer.evaluate import evaluate
from scorer.match import Matcher
from scorer.pipeline import matcher_for, score_text
from tests.conftest import ROOT, SEEDS

RULES = ROOT.parent / "shared" / "reference" / "annual-report-rules.md"
YEARS = {"000": 2020, "001": 2020, "002": 2023, "003": 2020, "004": None}  # read in each seed's title


@pytest.mark.parametrize("year, name", [(2016, "fazhi_2015"), (2020, "fazhi_2015"), (2021, "fazhi_2021"),
                                        (2024, "fazhi_2021"), (None, "fazhi_2021")])
def test_the_year_picks_the_outline(year, name):
    assert outline_for(year) == name


def test_score_json_says_which_checklist_and_how_it_was_chosen(tmp_path, capsys):
    assert main(["score", str(SEEDS), "--format", "json", "--out", str(tmp_path)]) == 0
    for line in capsys.readouterr().out.splitlines():
        data = json.loads(line)
        year = YEARS[data["source"].rsplit("/", 1)[1][:3]]
        assert data["metadata"]["year"] == year
        assert data["checklist"]["id"] == ("fazhi_2015" if year and year <= 2020 else "fazhi_2021")
        assert data["checklist"]["chosen_by"] == "year"
        assert (UNKNOWN_YEAR_WARNING in data["warnings"]) == (year is None)
    markdown = (tmp_path / "000_a0afd6c5fbedfa4c.md").read_text(encoding="utf-8")
    assert "| 清单 | fazhi_2015 版本 2015.1 (按报告年度选定) |" in markdown


def test_a_checklist_given_is_used_whatever_the_year_and_says_so(tmp_path, capsys):
    reply = SEEDS / "004_38744af11d1313e7.txt"  # no year: with a checklist given, no warning about it
    assert main(["score", str(reply), "--checklist", "fazhi_2015", "--format", "json", "--out", str(tmp_path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["checklist"] == {"id": "fazhi_2015", "version": "2015.1", "chosen_by": "option"}
    assert UNKNOWN_YEAR_WARNING not in data["warnings"]
    assert main(["score", str(reply), "--checklist", "fazhi_2015", "--out", str(tmp_path)]) == 0
    assert "清单 fazhi_2015 版本 2015.1 (指定)" in capsys.readouterr().out


@pytest.mark.parametrize("year, name", [(2019, "fazhi_2015"), (2020, "fazhi_2015"), (2021, "fazhi_2021")])
def test_a_title_year_picks_the_checklist_before_matching(year, name):
    text = f"某县人民政府关于{year}年度法治政府建设情况的报告\n全年组织新任职人员进行宪法宣誓3次。\n"
    analysis = score_text(text)
    assert analysis.checklist.id == name and analysis.metadata.year == year
    assert analysis.element("constitutional_oath").status == "covered"
    assert ("xi_rule_of_law_thought" in {r.id for r in analysis.elements}) == (name == "fazhi_2021")


def test_one_matcher_per_checklist_and_process():
    checklist = load_checklist("fazhi_2015")
    assert matcher_for(checklist) is matcher_for(load_checklist("fazhi_2015"))
    changed = checklist.model_copy(update={"version": "2"})  # same id, other content: its own matcher
    assert matcher_for(changed) is not matcher_for(checklist)
    assert matcher_for(changed).checklist.version == "2"


# --- the 2015 checklist -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def older():
    return load_checklist("fazhi_2015")


@pytest.mark.skipif(not RULES.exists(), reason="../shared/reference is not beside this clone")
def test_fazhi_2015_has_the_seven_tasks_and_organisation_as_sections(older):
    rules = RULES.read_text(encoding="utf-8")
    tasks = re.search(r"2015 outline, seven tasks: (.*?); plus", rules, re.S).group(1)
    tasks = {task.strip().replace("\n", "") for task in tasks.split(";")}
    titles = {section.title.replace("、", "") for section in older.sections}
    assert tasks <= titles and len(titles - tasks) == 1  # plus the organisation part
    assert any(title.startswith("组织保障") for title in titles - tasks)


def test_fazhi_2015_asks_nothing_that_only_the_2021_outline_asks(older):
    newer = load_checklist("fazhi_2021")
    ours = {element.id: element for element in older.elements}
    assert "xi_rule_of_law_thought" not in ours and "emergency_rule_of_law" not in ours
    assert {"emergency", "digital"}.isdisjoint(section.id for section in older.sections)
    assert set(ours) - {element.id for element in newer.elements} == {"staff_law_assessment"}
    assert ours["digital_government_services"].weight == 1  # no technology part in 2015: minor
    assert older.structure == newer.structure  # the report's required parts are the same rules


def test_packaged_2015_checklist_is_the_checklist_file():
    assert builtin_path("fazhi_2015").read_bytes() == (ROOT / "checklist" / "fazhi_2015.yaml").read_bytes()


def test_evaluate_on_fazhi_2015_measures_the_shared_and_labelled_ids(older):
    evaluation = evaluate(ROOT / "tests" / "gold", Matcher(older))
    assert not evaluation.errors  # labels for 2021-only ids are left out, not errors
    seeds = len(list(SEEDS.glob("*.txt")))
    assert not [d for d in evaluation.disagreements if d.element == "staff_law_assessment"]
    assert evaluation.matcher.false_coverage == 0 and evaluation.matcher.f1 >= 0.99
    newer = evaluate(ROOT / "tests" / "gold", Matcher(load_checklist("fazhi_2021")))
    # the probes' silence counts for fazhi_2021's ids only: staff_law_assessment is counted in the seeds
    shared = len({e.id for e in older.elements} & {e.id for e in load_checklist("fazhi_2021").elements})
    probes = len(evaluation.documents) - seeds
    assert evaluation.matcher.pairs == (shared + 1) * seeds + shared * probes + _listed_in_probes("staff_law_assessment")
    assert newer.matcher.pairs == len(load_checklist("fazhi_2021").elements) * len(newer.documents)


def _listed_in_probes(element_id: str) -> int:
    import yaml

    return sum(element_id in (yaml.safe_load(p.read_text(encoding="utf-8"))["labels"] or {})
               for p in (ROOT / "tests" / "gold" / "probes").glob("*.yaml"))


def test_both_built_ins_are_named_in_the_help(capsys):
    with pytest.raises(SystemExit):
        main(["score", "--help"])
    out = capsys.readouterr().out
    assert all(name in out for name in (*BUILTIN, "auto"))
