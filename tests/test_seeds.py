"""The seeds, against statuses established by reading each report (the reason is beside each)."""

from __future__ import annotations

import pytest

from scorer.pipeline import score_file
from tests.conftest import SEEDS

EXPECTED = {
    "000_a0afd6c5fbedfa4c": {
        "constitutional_oath": "covered",  # 严格落实宪法宣誓制度…125名国家工作人员依法庄严宣誓
        "first_responsible_person": "covered",  # 第一责任人职责情况开展实地督察
        "litigation_response": "covered",  # 负责人出庭应诉率超过80%
        "three_enforcement_systems": "covered",  # (二)严格落实行政执法三项制度
        "enforcement_full_record": "covered",  # 三项制度回头看: 音像记录设备是否有效管理并应用
        "decision_catalogue": "covered",  # 及时发布重大行政决策目录
        "power_responsibility_list": "missing",  # only a 普法责任清单 and a 行政执法事项清单
        "public_lawyer": "missing",  # 公职律师 never named
        "petition_rule_of_law": "missing",  # 信访 never named
    },
    "001_48ee28c3dc998fea": {
        "enforcement_publicity": "covered",  # 2.严格推行行政执法公示制度
        "decision_catalogue": "planned",  # only 继续实施…目录管理机制 under 十一、下一步工作谋划
        "public_lawyer": "covered",  # 切实发挥法律顾问、公职律师作用
        "xi_rule_of_law_thought": "missing",  # 习近平 never named
        "government_legislation": "missing",  # a county-level city: no legislation work
    },
    "002_68ea31727828a006": {
        "three_enforcement_systems": "covered",  # 推进行政执法"三项制度"市县乡三级全覆盖
        "enforcement_publicity": "missing",  # the parts are never named on their own
        "major_enforcement_legal_review": "missing",
        "government_legislation": "covered",  # 3部地方性法规和…1部政府规章
        "lenient_enforcement": "covered",  # 轻微不罚、首次不罚、非故意不罚
        "administrative_reconsideration": "missing",  # 行政复议 never named
    },
    "003_3cfe0e754c2cb1fa": {
        "three_enforcement_systems": "covered",  # 三是全面推行行政执法"三项制度"
        "enforcement_publicity": "planned",  # parts named only in 三、2021年度…主要思路
        "enforcement_full_record": "planned",
        "major_enforcement_legal_review": "planned",
        "decision_catalogue": "covered",  # 4项重大行政决策事项纳入目录管理
        "litigation_response": "covered",  # 行政首长出庭率继续保持100%
        "comprehensive_enforcement_reform": "planned",  # 探索实践跨领域跨部门综合执法, in the plan
    },
    "004_38744af11d1313e7": {
        "litigation_response": "covered",  # 采取多项措施提升行政机关负责人出庭应诉率
        "government_legal_advisor": "covered",  # 98个乡镇(街道)已全部建立政府法律顾问制度
        "power_responsibility_list": "covered",  # 编制完成了《秦皇岛市政府部门权责清单》
        "constitutional_oath": "missing",
        "three_enforcement_systems": "missing",
    },
}


@pytest.fixture(scope="module")
def analyses(matcher):
    return {path.stem: score_file(path, matcher) for path in sorted(SEEDS.glob("*.txt"))}


@pytest.mark.parametrize("seed, element_id, status", [(s, e, st) for s, d in EXPECTED.items() for e, st in d.items()])
def test_seed_status_as_read(analyses, seed, element_id, status):
    assert analyses[seed].element(element_id).status == status


def test_the_proposal_reply_scores_far_below_every_annual_report(analyses):
    reports = [a.overall_score for stem, a in analyses.items() if not stem.startswith("004")]
    assert analyses["004_38744af11d1313e7"].overall_score < 0.6 * min(reports)


def test_every_credited_element_has_an_achievement_sentence_that_names_it(analyses):
    for analysis in analyses.values():
        for element in analysis.elements:
            if element.status in ("covered", "partial"):
                assert any(e.context == "achievement" for e in element.evidence), (analysis.source, element.id)
            if element.status != "missing":
                assert element.evidence, (analysis.source, element.id)


def test_no_plan_or_shortcoming_sentence_alone_makes_covered(analyses):
    for analysis in analyses.values():
        for element in analysis.elements:
            if all(e.context != "achievement" for e in element.evidence):
                assert element.status in ("planned", "problem", "missing"), (analysis.source, element.id)
