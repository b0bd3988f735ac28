"""Headings, sentences and the context of each sentence, on small texts written to probe one rule."""

from __future__ import annotations

from scorer.ingest import from_string
from scorer.segment import segment


def sentences(text: str):
    return segment(from_string(text, "p.txt")).sentences


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


def test_a_problem_worded_heading_inside_a_plan_part_is_still_a_plan():
    text = "XX区2020年度法治政府建设情况报告\n三、2021年工作安排\n(一)针对存在问题,加强执法监督。\n推行案卷评查制度。"
    assert find(text, "推行案卷评查").context == "plan"
    assert find(text, "针对存在问题").context == "plan"


def test_an_announced_list_takes_the_context_of_its_announcement():
    text = (
        "XX市2020年度法治政府建设情况报告\n"
        "对照新要求仍存在一些差距:一是法律服务供给偏少;二是权责清单调整跟进慢。\n"
        "下一步,我们将重点做好以下工作:一是推进双随机监管;二是健全行政裁决工作机制。\n"
        "针对执法力量薄弱的问题,采取了以下措施:一是组建执法大队;二是招录执法人员30名。\n"
    )
    assert find(text, "权责清单").context == "problem"
    assert find(text, "行政裁决").context == "plan"
    assert find(text, "招录执法人员").context == "achievement"  # problems taken up, work done


def test_work_done_keeps_its_context_when_the_sentence_turns_to_next_year():
    text = "XX市2020年度法治政府建设情况报告\n今年已配备执法记录仪300台,下一步将推动全过程记录向乡镇延伸。\n"
    assert find(text, "执法记录仪").context == "achievement"
    assert find(text, "全过程记录").context == "plan"
    topic = sentences("围绕执法全过程记录,下一步将推动向乡镇延伸。")
    assert len(topic) == 1 and topic[0].context == "plan"  # a topic clause reports nothing done
