"""The near miss of a missing element: the sentence a reviewer would check first, or nothing."""

from __future__ import annotations

HEAD = "XX市2020年度法治政府建设情况报告\n一、主要工作\n"


def near_miss(analyse_text, text: str, element_id: str):
    result = analyse_text(HEAD + text).element(element_id)
    assert result.status == "missing"
    return result.near_miss


def test_a_system_named_in_passing_is_the_near_miss(analyse_text):
    text = "全年组织开展普法活动120场。法律顾问全年参与重大决策论证12次。"
    found = near_miss(analyse_text, text, "major_decision_procedure")
    assert found is not None and "重大决策论证" in found.text


def test_the_look_alike_list_is_the_near_miss_of_the_list_of_powers(analyse_text):
    text = "全市9个县区全部建立普法责任清单制度。全年办理行政复议案件12件。"
    found = near_miss(analyse_text, text, "power_responsibility_list")
    assert found is not None and "普法责任清单" in found.text


def test_sharing_only_generic_words_is_no_near_miss(analyse_text):
    text = "全市法治政府建设工作扎实推进,各项任务全面完成。全过程管理重大项目12个。"
    assert near_miss(analyse_text, text, "annual_report_disclosure") is None
    assert near_miss(analyse_text, text, "enforcement_full_record") is None


def test_the_reports_own_title_is_never_evidence_nor_a_near_miss(analyse_text):
    result = analyse_text("中共XX县委 XX县人民政府关于2020年度法治政府建设情况的报告\n全年办理行政复议案件12件。")
    report = result.element("annual_report_disclosure")
    assert report.status == "missing" and report.near_miss is None
