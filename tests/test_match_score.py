"""Statuses and scores on probe texts, each written to exercise one rule."""

from __future__ import annotations

import pytest

from scorer.score import weighted_score

HEAD = "XX市2020年度法治政府建设情况报告\n一、主要工作\n"


def status(analyse_text, text, element_id):
    return analyse_text(HEAD + text).element(element_id).status


def test_alias_in_an_achievement_covers_with_its_sentence(analyse_text):
    result = analyse_text(HEAD + "严格落实宪法宣誓制度,全年组织125名国家工作人员宣誓。").element("constitutional_oath")
    assert result.status == "covered"
    assert result.evidence[0].match == "alias" and "125名" in result.evidence[0].text
    assert result.evidence[0].heading == "一、主要工作"


def test_term_set_needs_all_its_terms_in_one_sentence(analyse_text):
    assert status(analyse_text, "全市行政机关负责人全部按时出庭,当庭答辩。", "litigation_response") == "covered"
    assert status(analyse_text, "全市行政机关负责人参加培训。法院出庭通知按时送达。", "litigation_response") == "missing"


def test_an_alias_inside_a_longer_unrelated_phrase_does_not_count(analyse_text):
    assert status(analyse_text, "全市9个县区全部建立普法责任清单制度。", "power_responsibility_list") == "missing"
    assert status(analyse_text, "全市公布部门权责清单2722项。", "power_responsibility_list") == "covered"


def test_a_word_inserted_in_a_phrase_is_no_evidence_but_the_near_miss(analyse_text):
    # 执法全过程记录 with 的 inserted: no alias or term set holds it literally. A variant is not
    # counted (on real reports most were something else); the reviewer is shown it as the near miss
    result = analyse_text(HEAD + "全面推行执法全过程的记录制度。").element("enforcement_full_record")
    assert (result.status, result.evidence) == ("missing", [])
    assert result.near_miss.text == "全面推行执法全过程的记录制度。" and result.near_miss.score >= 85


def test_shortcoming_only_is_a_problem_not_coverage(analyse_text):
    text = "二、存在的问题\n行政裁决制度尚未建立,行政调解工作落实不到位。"
    assert status(analyse_text, text, "administrative_adjudication") == "problem"
    assert status(analyse_text, text, "administrative_mediation") == "problem"


def test_plan_only_is_planned(analyse_text):
    text = "三、下一步工作\n推行重大行政决策目录管理。\n(二)下一步将推行公职律师制度。"
    assert status(analyse_text, text, "decision_catalogue") == "planned"
    assert status(analyse_text, text, "public_lawyer") == "planned"


def test_an_achievement_anywhere_covers_even_if_also_a_shortcoming(analyse_text):
    text = "全市建立法律顾问制度,聘请法律顾问700余人。\n二、存在的问题\n部分单位法律顾问作用发挥不够。"
    result = analyse_text(HEAD + text).element("government_legal_advisor")
    assert result.status == "covered"
    assert [e.context for e in result.evidence] == ["achievement", "problem"]


def test_umbrella_partial_covered_and_parts_never_borrow_the_whole(analyse_text):
    some = analyse_text(HEAD + "严格推行行政执法公示制度,公示执法信息1200条。")
    assert some.element("three_enforcement_systems").status == "partial"
    assert some.element("three_enforcement_systems").parts["enforcement_publicity"] == "covered"
    whole = analyse_text(HEAD + "全面推行行政执法三项制度,实现市县乡三级全覆盖。")
    assert whole.element("three_enforcement_systems").status == "covered"
    assert whole.element("enforcement_publicity").status == "missing"
    every_part = analyse_text(
        HEAD + "严格推行行政执法公示制度。执法全过程记录实现全覆盖。重大执法决定法制审核率100%。"
    )
    assert every_part.element("three_enforcement_systems").status == "covered"


def test_missing_element_shows_a_near_miss_or_nothing(analyse_text):
    result = analyse_text(HEAD + "建立政府法律顾问库,聘请专家学者20名。").element("public_lawyer")
    assert result.status == "missing" and result.near_miss is None


def test_section_and_overall_scores_are_weighted_credit(analyse_text):
    analysis = analyse_text(HEAD + "严格落实宪法宣誓制度。组织旁听庭审活动3次。")
    leadership = next(s for s in analysis.sections if s.id == "leadership")
    # covered: constitutional_oath (3) and court_hearing_attendance (1) of weights 1+3+2+2+1+2+3+1+2 = 17
    assert leadership.score == round(100 * 4 / 17, 1)
    total = sum(e.weight for e in analysis.elements)
    assert analysis.overall_score == round(100 * 4 / total, 1)


def test_weighted_score_gives_half_credit_for_partial(analyse_text):
    analysis = analyse_text(HEAD + "严格推行行政执法公示制度。")
    umbrella = analysis.element("three_enforcement_systems")
    publicity = analysis.element("enforcement_publicity")
    assert weighted_score([umbrella, publicity]) == pytest.approx(100 * (3 * 0.5 + 3) / 6, abs=0.05)


def test_gaps_list_every_uncovered_element_core_first(analyse_text):
    analysis = analyse_text(HEAD + "严格落实宪法宣誓制度。")
    assert "constitutional_oath" not in analysis.gaps
    assert len(analysis.gaps) == len(analysis.elements) - 1
    weights = [analysis.element(g).weight for g in analysis.gaps]
    assert weights == sorted(weights, reverse=True)


def test_specific_evidence_carries_figures_or_named_documents(analyse_text):
    analysis = analyse_text(HEAD + "出台《秦皇岛市人民政府重大行政决策程序暂行规定》。全面加强法律顾问工作。")
    decision = analysis.element("major_decision_procedure").evidence[0]
    assert decision.specific and decision.documents == ["《秦皇岛市人民政府重大行政决策程序暂行规定》"]
    advisor = analysis.element("government_legal_advisor")
    assert not advisor.evidence[0].specific and advisor.specific_share == 0.0


def test_catalogue_rows_spaced_or_less_common_are_page_furniture_not_the_body(analyse_text):
    # a disclosure page's catalogue as some sites print it: 索 引 号 spaced out, 信息分类, 标题, 时效;
    # the report's title under it names the report, it is no evidence of the report published
    page = (
        "索 引 号:\n信息分类: 2025\n发布机构:\n标题: ××区2025年法治政府建设年度报告\n时效:\n\n"
        "××区2025年法治政府建设年度报告\n\n2025年,××区扎实推进依法行政,全年办理行政复议案件12件。"
    )
    result = analyse_text(page)
    assert result.element("annual_report_disclosure").status == "missing"
    assert result.element("administrative_reconsideration").status == "covered"


def test_a_long_page_head_of_breadcrumbs_greetings_and_bracketed_catalogue_rows_is_no_evidence(analyse_text):
    # what some portals print before the report: a greeting, a site bar, a breadcrumb without a colon
    # or with one, a catalogue of more than a dozen rows with bracketed or dashed labels
    rows = [f"[{label}]" for label in ("索引号", "发文字号", "主题分类", "体裁分类", "发布机构", "有效性", "成文日期", "发布日期")]
    page = "\n".join([
        "××区人民政府门户网站,欢迎您的访问。",
        "您现在的位置××网>> 政务公开>> 政务公告",
        "您当前位置: 首页 > 政务公开 > 法治政府建设年度报告",
        *rows, "- 公开方式:", "- 主动公开", "- 文号:", "- 成文日期:",
        "××区人民政府关于2024年度法治政府建设情况的报告",
        "2024年,全区扎实推进依法行政,全年办理行政复议案件12件。",
    ])
    result = analyse_text(page)
    for element in ("annual_report_disclosure", "government_information_disclosure"):
        assert result.element(element).status == "missing", element
    assert result.element("administrative_reconsideration").status == "covered"


def test_a_greeting_bullet_catalogue_and_counters_before_the_report_are_no_evidence(analyse_text):
    # a portal greeting with the date, a breadcrumb with single >, a bulleted catalogue whose values
    # sit on lines of their own (信息索引号, 文件名称, 公开方式 then 主动公开), and counters with no number
    page = "\n".join([
        "您好!", "今天是", "当前位置:首页 >  信息公开 >  工作动态 >  通知公告 >",
        "• 信息索引号:", "330700000000/2020-000001", "• 文件名称:", "• 公开方式:", "主动公开",
        "××市2019年度法治政府建设工作报告", "访问次数:", "字体大小:",
        "2019年,全市扎实推进依法行政,全年办理行政复议案件12件。",
    ])
    result = analyse_text(page)
    assert result.element("government_information_disclosure").status == "missing"
    assert result.element("administrative_reconsideration").status == "covered"


def test_a_dashed_catalogue_that_repeats_the_title_is_page_furniture(analyse_text):
    # the title, a dashed catalogue (发文机构, 名 称 spaced out, 公文时效), then the title again
    title = "××县2025年法治政府建设年度报告"
    page = "\n".join([
        title, "- 索引号:xx/2026-00010", "- 发文字号:", "- 发文机构:××县人民政府", f"- 名 称:{title}",
        "- 公文时效:", "- 发布日期:2026-01-12", title,
        "2025年,全县扎实推进依法行政,全年办理行政复议案件12件。",
    ])
    result = analyse_text(page)
    assert result.element("annual_report_disclosure").status == "missing"
    assert result.element("administrative_reconsideration").status == "covered"
