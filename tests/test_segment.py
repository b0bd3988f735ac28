"""Headings, sentences and the context of each sentence, on small texts written to probe one rule."""

from __future__ import annotations

from scorer.models import SourceText
from scorer.segment import segment


def sentences(text: str):
    return segment(SourceText(path="p.txt", text=text, encoding="utf-8", format="txt")).sentences


def find(text: str, fragment: str):
    return next(s for s in sentences(text) if fragment in s.text)


REPORT = """XX市2020年度法治政府建设情况报告
一、主要工作
(一)严格执法。严格落实行政执法公示制度;下一步,将完善执法全过程记录制度。一是加强培训。全年培训300人次。
二、存在的问题
执法人员素质有待提高。
三、2021年工作打算
(一)深化改革。推进重大执法决定法制审核制度。
"""


def test_heading_paths_follow_the_report_outline():
    s = find(REPORT, "全年培训")
    assert s.heading == ("一、主要工作", "(一)严格执法", "一是加强培训")
    heading = find(REPORT, "(一)严格执法")
    assert heading.is_heading and heading.heading == ("一、主要工作",)


def test_a_semicolon_clause_gets_its_own_context():
    assert find(REPORT, "行政执法公示制度").context == "achievement"
    assert find(REPORT, "执法全过程记录").context == "plan"


def test_parts_give_context_to_everything_under_them():
    assert find(REPORT, "有待提高").context == "problem"
    assert find(REPORT, "法制审核制度").context == "plan"  # under 2021年工作打算 in a 2020 report


def test_offsets_index_the_original_text():
    text = "一、主要工作\n严格落实“行政执法公\n示制度”，公示１２００条。"
    s = find(text, "公示1200")
    assert text[s.start : s.end] == "严格落实“行政执法公\n示制度”，公示１２００条。"
    assert s.text == '严格落实"行政执法公示制度",公示1200条。'


def test_clause_cues_for_shortcomings():
    for admitted in ("行政裁决制度尚未建立。", "三项制度落实不到位。", "基层法治力量仍较薄弱。", "与目标相比还有差距。"):
        assert sentences(admitted)[0].context == "problem", admitted


def test_clause_cues_for_plans():
    for planned in ("下一步,推行行政复议开庭审理。", "我市将继续推进政务公开。", "明年建立法律顾问库。"):
        assert sentences(planned)[0].context == "plan", planned


def test_the_next_years_number_is_a_plan_only_relative_to_the_reported_year():
    text = "XX区2020年度法治政府建设情况报告\n2021年将全面推行证明事项告知承诺制。\n2020年全面推行证明事项告知承诺制。"
    assert find(text, "2021年将").context == "plan"
    assert find(text, "2020年全面").context == "achievement"


def test_achievement_words_that_look_like_cues_are_not_cues():
    for done in (
        "将14个部门的24项验收事项全部纳入系统。",  # 将 as the object marker 把
        "排查出具体问题41个,全部整改。",  # 问题 found and fixed
        "坚持问题导向,补齐短板。",
        "进一步完善行政执法协调监督机制。",
    ):
        assert sentences(done)[0].context == "achievement", done


def test_a_shortcoming_word_inside_a_plan_part_stays_a_plan():
    text = "XX区2020年度法治政府建设情况报告\n三、下一步工作\n对照指标摸清短板,推进示范创建。"
    assert find(text, "摸清短板").context == "plan"
