"""`rolscore evaluate`: the matcher against the gold set, floors it must keep, and the metric itself."""

from __future__ import annotations

import json

import pytest

from scorer.cli import main
from scorer.evaluate import evaluate, metrics
from tests.conftest import ROOT

# Floors the current matcher meets on tests/gold; raise them as the matcher improves.
FLOORS = {
    "f1": 0.99,  # F1 of covered over every (document, element) pair
    "precision": 0.98,
    "recall": 0.99,
}
MAX_FALSE_COVERAGE = 0  # pairs the gold calls problem or planned, predicted covered
BASELINE_MARGIN = 0.15  # the dictionary baseline's F1 stays at least this far below the matcher's

GOLD = ROOT / "tests" / "gold"


@pytest.fixture(scope="module")
def evaluation(matcher):
    return evaluate(GOLD, matcher)


def test_the_matcher_meets_its_floors_on_the_gold_set(evaluation):
    assert not evaluation.errors
    for name, floor in FLOORS.items():
        assert getattr(evaluation.matcher, name) >= floor, name


def test_no_shortcoming_or_plan_is_taken_for_coverage(evaluation):
    assert evaluation.matcher.false_coverage <= MAX_FALSE_COVERAGE
    offending = [d for d in evaluation.disagreements if d.gold in ("problem", "planned") and d.predicted == "covered"]
    assert len(offending) <= MAX_FALSE_COVERAGE


def test_the_dictionary_baseline_scores_visibly_lower(evaluation):
    assert evaluation.baseline.f1 <= evaluation.matcher.f1 - BASELINE_MARGIN
    assert evaluation.baseline.false_coverage > evaluation.matcher.false_coverage


def test_every_pair_is_counted_once_and_disagreements_carry_evidence(evaluation, checklist):
    seeds = len(list((ROOT / "seeds").glob("*.txt")))
    gold_files = len(list((ROOT / "tests" / "gold").rglob("*.yaml")))
    assert len(evaluation.documents) == gold_files and gold_files > seeds
    expected = len(checklist.elements) * gold_files  # every element of every labelled document
    assert evaluation.matcher.pairs == evaluation.baseline.pairs == expected
    assert sum(n for row in evaluation.matcher.confusion.values() for n in row.values()) == expected
    for item in evaluation.disagreements:
        assert item.evidence or item.predicted == "missing"


def test_metrics_of_covered_on_hand_made_pairs():
    result = metrics(
        [
            ("covered", "covered"),
            ("covered", "covered"),
            ("covered", "partial"),  # partial is not covered: a miss
            ("missing", "covered"),  # a false coverage of a missing element
            ("planned", "covered"),  # and of a plan
            ("problem", "problem"),
            ("missing", "missing"),
        ]
    )
    assert (result.true_positive, result.false_positive, result.false_negative) == (2, 2, 1)
    assert result.precision == 0.5 and result.recall == round(2 / 3, 4)
    assert result.f1 == round(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3), 4)
    assert result.false_coverage == 1
    assert result.confusion["covered"]["partial"] == 1 and result.confusion["problem"]["problem"] == 1
    assert result.pairs == 7


def test_metrics_without_any_covered_pair_are_zero_not_an_error():
    result = metrics([("missing", "missing"), ("planned", "planned")])
    assert (result.precision, result.recall, result.f1) == (0.0, 0.0, 0.0)


def _gold_dir(tmp_path, bad: str | None = None):
    probes = tmp_path / "gold" / "probes"
    probes.mkdir(parents=True)
    (probes / "oath.yaml").write_text(
        "text: |\n  全年组织新任命人员进行宪法宣誓3次。下一步将推行公职律师制度。\n"
        "labels:\n"
        "  constitutional_oath: {status: covered, quote: 进行宪法宣誓3次}\n"
        "  public_lawyer: {status: planned, quote: 下一步将推行公职律师制度}\n",
        encoding="utf-8",
    )
    if bad is not None:
        (probes / "bad.yaml").write_text(bad, encoding="utf-8")
    return tmp_path / "gold"


def test_evaluate_prints_both_predictors_and_json_is_sorted_and_stable(tmp_path, capsys):
    gold = _gold_dir(tmp_path)
    assert main(["evaluate", str(gold)]) == 0
    table = capsys.readouterr().out
    assert "matcher" in table and "baseline" in table and "Disagreements (0)" in table
    assert main(["evaluate", str(gold), "--format", "json"]) == 0
    first = capsys.readouterr().out
    assert main(["evaluate", str(gold), "--format", "json"]) == 0
    assert capsys.readouterr().out == first
    data = json.loads(first)
    assert list(data) == sorted(data)
    assert data["matcher"]["f1"] == 1.0
    # the baseline finds 公职律师 and calls a plan covered
    assert data["baseline"]["false_coverage"] == 1


def test_figures_only_leaves_out_what_the_matcher_got_wrong(tmp_path, capsys):
    # a held-out set's figure is taken without reading its disagreements or per-report results
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "one.yaml").write_text(
        "text: |\n  全年办理行政复议案件5件。\nlabels:\n  administrative_reconsideration: {status: missing}\n",
        encoding="utf-8",
    )
    assert main(["evaluate", str(gold)]) == 0
    assert "Disagreements (1)" in capsys.readouterr().out
    assert main(["evaluate", str(gold), "--figures-only"]) == 0
    table = capsys.readouterr().out
    assert "matcher" in table and "Disagreements" not in table and "全年办理" not in table
    assert main(["evaluate", str(gold), "--format", "json", "--figures-only"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["matcher"]["false_positive"] == 1 and "disagreements" not in data and "documents" not in data


@pytest.mark.parametrize(
    "bad",
    [
        "text: 全年办理复议案件5件。\nlabels:\n  administrative_reconsideration: {status: done}\n",
        "labels:\n  constitutional_oath: {status: missing}\n",  # neither text nor source
        "source: ../nowhere.txt\nlabels: {}\n",
        "text: [unclosed\n",
    ],
)
def test_a_bad_gold_file_is_one_line_naming_it_and_exit_2(tmp_path, capsys, bad):
    gold = _gold_dir(tmp_path, bad)
    assert main(["evaluate", str(gold)]) == 2
    captured = capsys.readouterr()
    errors = captured.err.strip().splitlines()
    assert len(errors) == 1 and "bad.yaml" in errors[0] and "Traceback" not in captured.err
    assert "matcher" in captured.out  # the good file was still evaluated


def test_a_missing_gold_directory_is_exit_2(tmp_path, capsys):
    assert main(["evaluate", str(tmp_path / "none")]) == 2
    assert "none" in capsys.readouterr().err


def test_a_label_for_an_element_the_checklist_lacks_is_an_error_not_dropped(tmp_path, capsys):
    (tmp_path / "typo.yaml").write_text(
        "text: 严格落实宪法宣誓制度。\nlabels:\n  constitutional_oaht: {status: covered, quote: 宪法宣誓}\n",
        encoding="utf-8",
    )
    assert main(["evaluate", str(tmp_path)]) == 2
    assert "constitutional_oaht" in capsys.readouterr().err
