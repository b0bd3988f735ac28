"""The four required parts: the seeds against the gold `structure:` labels, and probe texts for
each way real reports carry a part (a heading of its own, a closing paragraph, a part's opening)."""

from __future__ import annotations

import pytest
import yaml

from scorer.pipeline import score_file
from tests.conftest import ROOT, SEEDS

GOLD = ROOT / "tests" / "gold"
STEMS = sorted(path.stem for path in SEEDS.glob("*.txt"))
# Where the gold quote is one passage of the part and the scorer names another of the same part.
OTHER_PASSAGE = {
    # gold quotes part 二, the first part after the duty part 一; the opening leads into both
    ("002_68ea31727828a006", "report_measures_and_results"): "现将有关情况报告如下",
    # gold quotes a sentence under 二; a reply has no opening that reports, so its first part carries it
    ("004_38744af11d1313e7", "report_measures_and_results"): "一、提高思想站位,强化对法治政府建设重要意义的认识",
}
TITLE = "某县人民政府2020年度法治政府建设情况报告"
OPENING = "2020年,我县深入推进法治政府建设,现将有关情况报告如下:"
MEASURES = "一、推进依法行政\n(一)加强规范性文件管理。全年审核规范性文件3件,全部经过合法性审核。"


def gold_structure(stem: str) -> dict:
    return yaml.safe_load((GOLD / f"{stem}.yaml").read_text(encoding="utf-8"))["structure"]


@pytest.fixture(scope="module")
def seeds(matcher):
    return {stem: score_file(SEEDS / f"{stem}.txt", matcher) for stem in STEMS}


def parts(analysis) -> dict[str, str | None]:
    """Each part's heading or passage, None when missing."""
    return {part.id: part.heading if part.status == "found" else None for part in analysis.structure}


@pytest.mark.parametrize("stem", STEMS)
def test_seed_structure_agrees_with_gold(seeds, stem):
    gold = gold_structure(stem)
    found = {part.id: part for part in seeds[stem].structure}
    assert {i: part.status for i, part in found.items()} == {i: label["status"] for i, label in gold.items()}
    text = (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")
    for part_id, label in gold.items():
        heading = found[part_id].heading
        if label["status"] == "missing":
            assert heading is None
            continue
        assert heading in text
        assert OTHER_PASSAGE.get((stem, part_id), label["quote"]) in heading


def test_headings_of_their_own(analyse_text):
    text = "\n".join([TITLE, OPENING, MEASURES, "二、存在问题", "基层执法力量不足。", "三、下一步工作谋划", "加强执法队伍建设。"])
    assert parts(analyse_text(text)) == {
        "report_measures_and_results": OPENING,
        "report_shortcomings": "二、存在问题",
        "report_first_responsible_duty": None,
        "report_next_year_plan": "三、下一步工作谋划",
    }


@pytest.mark.parametrize(
    ("heading", "part_id"),
    [
        ("二、问题和不足", "report_shortcomings"),
        ("二、存在的不足和原因", "report_shortcomings"),
        ("二、2021年度推进法治政府建设的主要思路", "report_next_year_plan"),
        ("二、今后工作打算", "report_next_year_plan"),
        ("二、2020年度法治政府建设主要举措和成效", "report_measures_and_results"),
        ("(二)落实法治建设第一责任人职责", "report_first_responsible_duty"),
    ],
)
def test_heading_variants(analyse_text, heading, part_id):
    text = "\n".join([TITLE, MEASURES, heading, "全年召开专题会议2次。"])
    assert parts(analyse_text(text))[part_id] == heading


def test_a_closing_paragraph_carries_shortcomings_and_plan(analyse_text):
    closing = "虽然取得了一定成效,但与上级要求相比仍存在差距,基层执法力量较为薄弱。下一步,将继续加强执法队伍建设。"
    found = parts(analyse_text("\n".join([TITLE, OPENING, MEASURES, closing])))
    assert found["report_shortcomings"] == "虽然取得了一定成效,但与上级要求相比仍存在差距,基层执法力量较为薄弱。"
    assert found["report_next_year_plan"] == "下一步,将继续加强执法队伍建设。"


def test_a_closing_that_only_plans_has_no_shortcomings(analyse_text):
    closing = "一年来,我县法治政府建设取得了一定成绩。下一步,将持续学习贯彻习近平法治思想。"
    found = parts(analyse_text("\n".join([TITLE, OPENING, MEASURES, closing])))
    assert found["report_shortcomings"] is None
    assert found["report_next_year_plan"] == "下一步,将持续学习贯彻习近平法治思想。"


def test_a_plan_or_shortcoming_inside_a_topic_is_not_the_reports(analyse_text):
    """下一步 and 仍存在差距 in a topic's own paragraph speak of that topic, also in the last topic."""
    text = "\n".join([
        TITLE, OPENING, "一、推进依法行政", "全年审核规范性文件3件。与上级要求相比仍存在差距,下一步将继续完善审核机制。",
        "二、严格执法", "全年办理行政处罚案件120件。下一步,将继续推进执法规范化。",
    ])
    found = parts(analyse_text(text))
    assert found["report_shortcomings"] is None and found["report_next_year_plan"] is None


def test_a_parts_first_sentence_can_carry_the_duty(analyse_text):
    duty = "认真履行推进法治建设第一责任人职责,主要负责人专题研究法治政府建设4次。"
    text = "\n".join([TITLE, OPENING, "一、加强党的领导", duty, MEASURES.replace("一、", "二、")])
    assert parts(analyse_text(text))["report_first_responsible_duty"] == duty


def test_the_duty_named_deep_in_a_part_is_not_the_part(analyse_text):
    """Inspecting lower-level leaders' duty (as seed 000 does) is not the report's own duty part."""
    text = "\n".join([
        TITLE, OPENING, "一、加强督察",
        "全年开展法治督察2次。对各乡镇党政主要负责人履行推进法治建设第一责任人职责情况开展实地督察。",
    ])
    assert parts(analyse_text(text))["report_first_responsible_duty"] is None


def test_measures_from_the_first_achievement_part_without_an_opening(analyse_text):
    text = "\n".join(["关于法治政府建设有关情况的说明", "一、推进依法行政", "全年审核规范性文件3件。"])
    assert parts(analyse_text(text))["report_measures_and_results"] == "一、推进依法行政"


def test_a_report_of_only_problems_and_plans_has_no_measures_part(analyse_text):
    text = "\n".join([TITLE, OPENING, "一、存在问题", "基层执法力量不足。", "二、下一步工作打算", "加强执法队伍建设。"])
    found = parts(analyse_text(text))
    assert found["report_measures_and_results"] is None
    assert found["report_shortcomings"] == "一、存在问题" and found["report_next_year_plan"] == "二、下一步工作打算"


def test_a_topic_heading_with_a_plan_word_is_not_the_plan(analyse_text):
    """工作重点 is a plan cue, but (二)突出工作重点 among the achievements reports work done."""
    text = "\n".join([TITLE, OPENING, MEASURES, "(二)突出工作重点。全年办理行政处罚案件120件。"])
    assert parts(analyse_text(text))["report_next_year_plan"] is None
