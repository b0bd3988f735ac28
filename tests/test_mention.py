"""How a sentence mentions a checklist phrase (scorer/mention.py), one kind at a time, with the
counter-example that must stay plain work. Sentences shaped like those of real reports."""

from __future__ import annotations

import pytest

from scorer.mention import judge


def mention_of(sentence: str, phrase: str, nth: int = 0):
    start = -1
    for _ in range(nth + 1):
        start = sentence.index(phrase, start + 1)
    return judge(sentence, start, start + len(phrase))


@pytest.mark.parametrize(
    ("sentence", "phrase", "kind"),
    [
        # studied, cited, followed: a topic (rule 1)
        ("组织全体干部集中学习《行政复议法》《信访工作条例》等法律法规", "行政复议", "cited_document"),
        ("根据《重大行政决策程序暂行条例》,结合实际开展工作", "重大行政决策", "cited_document"),
        ("对照中共中央办公厅、国务院办公厅印发《法治政府建设与责任落实督察工作规定》", "督察工作", "cited_document"),
        # arranged: a plan (rule 2)
        ("市政府印发《2022年依法行政工作要点》,明确全年任务", "依法行政", "arranged"),
        ("对行政立法、行政复议、行政调解等工作进行了安排部署", "行政复议", "arranged"),
        ("市委常委会会议多次专题研究优化营商环境等重点工作", "营商环境", "arranged"),
        ("部署全年工作,强调要深化法治政府建设,持续深化“放管服”改革", "放管服", "arranged"),
        ("带头学法,要求厅领导认真执行负责人出庭应诉制度", "出庭应诉", "arranged"),
        ("每年出台法治政府建设暨法治宣传教育工作要点", "法治宣传", "arranged"),
        ("从深化“放管服”改革、健全依法决策机制等方面对全市依法行政工作作出部署", "放管服", "arranged"),
        ("年初,召开优化营商环境、“一网通办”改革推进会议", "营商环境", "arranged"),
        ("部署推进法治政府建设示范市创建、政府立法、街道综合执法改革等工作", "综合执法改革", "arranged"),
        # a body named (rule 3), a goal served
        ("深入区法院、司法局及信访办等部门一线调研", "信访", "body_name"),
        ("为夺取疫情防控和经济社会发展双胜利提供了坚强法治保障", "疫情防控", "purpose"),
        ("坚持重大事项报告制度,主动接受人大监督、自觉接受司法监督", "司法监督", "slogan"),
        ("法律顾问室主要承担规范性文件合法性审查、法律顾问工作、行政应诉工作", "行政应诉", "remit"),
        ("在法律顾问权责之内的政府重大决策、行政诉讼、行政复议、地方立法项目", "行政复议", "remit"),
        ("组织参加省林草局组织的“省林草行政执法监督培训”共2人次", "执法监督", "training_topic"),
        ("邀请专家就政府信息公开作专题讲座", "政府信息公开", "training_topic"),
        ("年初印发全县普法工作要点,明确全年普法任务", "普法", "arranged"),
        ("省政府常务会议多次研究行政立法、法律顾问选聘等工作", "法律顾问", "arranged"),
        ("对做好疫情防控平稳转段、卫生健康现代化建设等重点工作进行研究和部署", "疫情防控", "arranged"),
        ("3月,召开全市法治政府建设暨推进重大行政决策法治化工作会议", "重大行政决策", "arranged"),
        # the overview that opens a report, and the standard areas listed together
        ("2025年,在区委的坚强领导下,街道健全工作机制,深化法治宣传,推动各项任务落地", "法治宣传", "overview"),
        ("2024年,全镇以依法行政、规范执法为目标,切实加强行政执法监督检查", "执法监督", "overview"),
        ("委员会下设立法、执法、司法、守法普法四个协调小组,运转顺畅", "普法", "area_list"),
        ("聚焦习近平法治思想贯彻落实、法治化营商环境建设等重点内容开展法治督察", "营商环境", "training_topic"),
    ],
)
def test_a_mention_that_is_not_work(sentence, phrase, kind):
    found = mention_of(sentence, phrase)
    assert found is not None and found.kind == kind, found


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("市政府常务会议审议通过《××市2023年重大行政决策事项目录》", "决策事项目录"),
        ("出台《××县行政执法公示办法》,公开执法结果326条", "执法公示"),
        ("认真落实并动态调整《市场准入负面清单》", "负面清单"),
        ("落实《××市“谁执法谁普法”责任制方案》,开展以案释法", "谁执法谁普法"),
        ("按上级要求开展了民法典涉及的规范性文件清理工作", "规范性文件清理"),
        ("研究解决行政复议等重要事项", "行政复议"),
        ("邀请民法学专家到会作民法典辅导报告", "民法典"),
        ("全年办理人大代表建议86件,办复率100%,自觉接受监督", "人大代表建议"),
        ("市审计局全年完成审计项目28个", "审计项目"),
        ("成立区行政复议局,集中行使复议职责", "行政复议"),
        ("为我市成功入围全国法治政府建设示范创建城市贡献了力量", "法治政府建设示范"),
        ("带头学法尊法,要求厅领导认真执行出庭应诉制度,主持召开宪法宣誓活动", "宪法宣誓"),
        ("《2023年西城区人民政府重大行政决策事项目录》在区人民政府网站公开", "决策事项目录"),
        ("3月,县长主持召开全县法治政府建设暨重大行政决策规范化工作会议", "县长主持召开全县法治政府"),
        # an overview with a figure, study named in it, or no verb of direction before the mention
        ("2023年,在市委的坚强领导下,全市深化法治宣传,开展活动1200余场", "法治宣传"),
        ("2024年,县政府坚持以习近平新时代中国特色社会主义思想为指导,深入学习贯彻习近平法治思想", "学习贯彻习近平法治思想"),
        ("2024年,大连市坚持以习近平新时代中国特色社会主义思想为指导,持续发挥法治政府建设示范市作用", "法治政府建设示范"),
        ("全市统筹推进立法、执法工作,制定政府规章3部", "政府规章"),
    ],
)
def test_a_mention_of_work_stays_plain(sentence, phrase):
    assert mention_of(sentence, phrase) is None
