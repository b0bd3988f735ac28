"""How a sentence mentions a checklist phrase: as work done, or in a way that reports no work on it.

Real reports name systems in many ways that report no work on them (seen on the real-report dev
set, and written down in tests/gold/README.md):
- inside the title of a law or document that is studied, cited or followed (学习《行政复议法》,
  根据《重大行政决策程序暂行条例》): a topic, not the work; unless the government made, revised,
  deliberated or applied that document itself (制定《重大行政决策事项目录》, 审议《…年度报告》);
- as a topic that a meeting, a year-start plan, a work-points document or a leader's demand
  arranges (研究部署营商环境、行政立法等工作; 对行政复议等工作进行了安排部署; 出台…法治宣传教育工作
  要点; 强调要深化"放管服"改革): planned, unless done elsewhere;
- as the name or the remit of a body (深入法院、信访办等部门调研; 法律顾问室承担…、行政应诉工作),
  the goal served (为…提供法治保障), a stock phrase (主动接受人大监督) or the subject of a training
  (…执法监督培训): not that work;
- inside the overview that opens a report or a part (2023年,在市委的坚强领导下,…深化法治宣传,
  推动各项任务落地落实): areas named as the year's direction, not work reported, unless it gives a
  figure; as one of the standard areas listed together (立法、执法、司法、守法普法四个协调小组):
  the rule of law's parts named; or in the report's covering words about itself (报告包括…).
`judge` looks only at the sentence around one occurrence; the matcher drops the hit, or keeps it
as a plan when it was only arranged.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import Literal, NamedTuple

from scorer.normalize import TITLE

MentionKind = Literal[
    "cited_document", "body_name", "purpose", "slogan", "overview", "area_list", "own_report", "remit", "training_topic",
    "arranged",
]


class Mention(NamedTuple):
    """A mention that is not plain work, and the words that show it."""

    kind: MentionKind
    cue: str


_MAKING = re.compile(
    r"(制定|出台|印发|制发|修订|修改|调整|编制|编写|审议|审定|起草|拟定|发布|颁布|公布|下发|通过|形成|建立|健全|完善|"
    r"报送|提请|签发|推出|公开|公示|更新|编撰|编纂)[了并出台过]{0,2}$"
)
"""A verb of the government making, revising, deliberating or issuing the document right before
its title."""
_APPLYING = re.compile(r"(落实|执行|实施|推行|施行|对照|清理与)[了好]?$")
_OWN_DOCUMENT = re.compile(r"^《?(我[省市区县局]|本[省市区县]|[^《》]{1,12}?(省|市|县|区|州|盟|旗|镇|乡|街道|厅|局|委))")
_MADE_AFTER = re.compile(r"[^,;:。]{0,24}?(审定|审议通过|印发|公布|公开|发布|出台|施行)")
"""…or a verb after the title that says it was adopted or published (《2023年重大行政决策事项目录》经
常务会议审定后在政府网站公布)."""
_LIST_DOCUMENT = re.compile(r"(清单|目录|名录)(\(|》)")
"""A list the element keeps (负面清单, 决策事项目录): applying it is the element's work."""
_CITING = re.compile(r"按照|根据|依据|依照|遵照|对照|贯彻|学习|宣传|解读")
"""…unless the clause cites it as made by others (对照中共中央办公厅印发《…》)."""
_EARLIER_TITLES = re.compile(r"(《[^《》]*》[、,和及与]?)+$")
_ARRANGEMENT_DOCUMENT = re.compile(r"(工作要点|要点|工作安排|安排意见|任务分工|责任分工|任务分解清单|任务清单|任务台账|工作台账)(\(|》|$)|^《关于做好")
"""A document that lists the year's tasks: the topics in its title are arranged, not done."""
_UNTITLED_POINTS = re.compile(r"[^,;:。《》]{0,20}(工作要点|工作安排)")
_ARRANGING = re.compile(
    r"研究部署|专题研究|全面部署|统筹部署|安排部署|谋划部署|专题部署|科学部署|系统部署|周密部署|精心部署|研究谋划|"
    r"部署推进|部署推动|部署开展"
)
"""A meeting's verbs whose objects, later in the clause, are arranged (研究部署A、B等工作)."""
_ARRANGED = re.compile(r"(进行|作出|做出)了?(?:研究和|专题|系统|全面|统筹|具体)?(安排部署|部署安排|安排|部署)")
"""…that close a clause naming what was arranged (对A、B等工作进行了安排部署, 从A、B等方面作出部署)."""
_ARRANGING_MEETING = re.compile(r"[^,;:。]{0,20}?(推进会议?|部署会议?|动员会|动员大会|工作会议)(?!上|精神)")
"""A meeting named after the topics it pushes (优化营商环境、“一网通办”改革推进会议, 法治政府建设暨
推进重大行政决策法治化工作会议); not one whose speech or spirit is what was studied (学习习近平法治思想和
…在中央全面依法治国工作会议上的重要讲话精神; 学习宣传习近平法治思想、中央全面依法治国工作会议…精神)."""
_CONVENING = re.compile(r"召开|主持|举办")
"""…but whoever convenes or chairs it acts (县长主持召开全县法治政府建设工作会议)."""
_STUDYING_TOPICS = re.compile(r"研究(?!解决|制定|起草|出台|通过|审议|决定|修订|处理)|谋划")
"""A meeting that studies or plans a list of topics (研究行政立法、法律顾问选聘等工作; 谋划…试点、…中心等
重大工作), or a piece of work among its business (修订…规则、研究…示范市成效提升工作), arranges them; one
that 研究解决 or 研究制定 something did it."""
_TOPIC_LIST_END = re.compile(r"等[^,;:。]{0,6}(工作|事项|任务|问题|议题)|[^,;:。、]{0,8}工作$")
_PLAN_DOCUMENT = re.compile(r"[^,;:、。]{0,12}?(计划|规划|方案)")
"""…except a plan or programme of the element's own (研究年度立法计划、…工作要点等工作; 研究…规章和规范性
文件制定计划; …综合执法体制改革方案): deliberating it is work done this year on next year's programme,
whatever else the list names."""
_STRESSING = re.compile(r"强调要|强调|提出要")
"""A demand: what follows it in the sentence was stressed, not done (强调要深化…,持续优化…)."""
_REQUIRING = re.compile(r"要求")
"""A requirement (要求厅领导认真执行…): what follows it in its clause was asked for, not done; not
按(上级)要求 or 根据…要求 (as required), which reports doing it."""
_AS_REQUIRED = re.compile(r"按|据|落实|贯彻|的要求")
_CLAUSE_END = re.compile(r"[,;:。!?]")
_PURPOSE = re.compile(r"为[^,;:。]*提供[^,;:。]*(保障|支撑|服务)[^,;:。]{0,4}$|以[^,;:。]*为目标$")
"""为X提供(坚强法治)保障: X is the goal the work served, not the work (为夺取疫情防控…双胜利提供了坚强法治保障);
以X为目标 names the aim (以争创全国法治政府示范县为目标); X as the means (以创建…示范市为抓手) is work."""
_MEASURE_OF = re.compile(r"[^,;:。]{0,40}?的(一项)?重要(举措|抓手|途径)")
"""…or what an act is said to be a measure of (宪法宣誓是学习贯彻习近平法治思想…的一项重要举措)."""
_ACCEPTING = re.compile(r"接受[^,;。]*$")
"""主动接受人大监督、自觉接受司法监督…: the stock phrase of accepting oversight, not oversight answered."""
_REMIT = re.compile(r"承担|负责(?!人|同志)|权责之内|职责之内|职责范围|职能包括")
"""A body's remit listed (法律顾问室主要承担规范性文件合法性审查、…、行政应诉工作): the list evidences
the body doing its work, not each area named."""
_REMIT_AFTER = re.compile(r"[^,;:。]*?等[^,;:。]{0,10}(职能|职责)(?=[,;:。]|$)")
"""…or closed by its name (明确了…拟订…地方性法规、规章草案等相关法治工作职能)."""
_TRAINING = re.compile(r"[^,;:。、]{0,8}?(培训班|培训|讲座|授课|辅导)")
"""A training or lecture named after the element (省林草行政执法监督培训; 就政府信息公开作专题讲座):
officials learned about the work, which reports none of it done. A lecture on a law (民法典辅导), or a
training on Xi Jinping's thought (学习贯彻习近平法治思想专题培训班), is the study itself."""
_INSPECTION_TOPICS = re.compile(
    r"[^,;:。]{0,12}?等(?:重点|重大)?(?:内容|方面|领域|主题|课题|议题|工作)?((?:开展|深入)[^,;:。]{0,12}?(?:督察|督查|检查|调研|培训|研讨|交流|宣传|学习))"
    r"|[^,;:。]{0,30}?等(专项(?:法治)?(?:督察|督查|检查))"
)
"""The topics an inspection, a survey, a forum, a study or a publicity drive looks at (聚焦…法治化营商环境
建设等重点内容开展法治督察; 围绕法治政府建设与优化营商环境等重大课题深入研讨; 围绕打造…营商环境…等开展会前
学习; 结合…疫情防控、安全生产等工作开展宣传活动; 开展…涉企行政检查、行政机关履行法院生效裁判等专项法治督察)."""
_STUDY_SLOT = re.compile(r"[^,;:。]{0,6}?内容")
_FILLED_WITH = re.compile(r"(将|把)(?P<content>[^。;]{2,40}?)(作为|列为|列入|纳入)[^。;]*$")
"""A study slot (会前学法, 学法考法) filled with content named before it (将习近平法治思想作为…会前学法必学
内容): when that content names no law (Xi's thought, the Party's theory), no law was studied."""
_SPEECH_ON = re.compile(r"[^,;:。]{0,10}?的重要(讲话|指示|论述|批示)")
"""…or a speech is about (学习习近平关于依法防控疫情的重要讲话精神)."""
_STUDIED_LAWS_ON = re.compile(r"[^,;:。]{0,12}?等方面的(法律法规|法规政策|法律|法规)")
"""…or that the laws studied are about (专题学习数字政府建设等方面的法规政策)."""
_LAW = re.compile(r"法典|宪法|法律(?!顾问|服务|援助|咨询|明白人)|法规|条例|法$")
_LAW_NAMED = re.compile(r"(工作)?(条例|法)(?=[、,;。等》]|$)")
"""The mention as the name of a law written without 《》 (宣传民法典、信访工作条例、道路交通安全法): a law
named, not the work (rule 1)."""
_BODY_SUFFIX = re.compile(r"(局|厅|署|办公室|办(?![结理件事])|部门|机构|机关|委员会|(?<!宣传)栏|处(?![理置罚分])|科(?![学技])|大队|支队)")
_FOUNDING = re.compile(r"(成立|组建|设立|建立|挂牌|新设|健全|调整)[了]?[^,;。]{0,6}$")
_FOUNDED = re.compile(r"[^,;。]{0,12}?(成立|组建|设立|挂牌|揭牌)")
"""…or, after the body's name, founds it (市政府法律顾问委员会、行政复议委员会正式成立)."""
_OVERVIEW = re.compile(
    r"^[^,;:。]{0,14}?[,]?[^,;:。]{0,16}?"
    r"(?P<formula>在[^,;:。]{2,40}?(领导|指导|支持)下|坚持以[^,;:。]{2,60}?为(指导|统领))"
    r"|^\d{4}年(以来|度)?,[^,;:。]{0,16}?"
    r"(?P<opening>(深入|认真|全面)贯彻落实[^,;:。]{2,40}?(决策部署|精神)|以[^,;:。]{2,30}?为目标)"
)
"""The overview formula that opens a report or a part (2023年,在市委的坚强领导下; 2024年,大连市坚持以…为
指导), near the start of its sentence: one met later (西安遭遇疫情,在…领导下,…) opens no overview, and
以…为引领 leads into acts as often as into a direction (以…为引领,健全会前学法、任前考法等制度).
Without the formula, a sentence that opens with the year and goes on to the central policy carried
out or the year's goal (2025年,宛城区深入贯彻落实党中央…决策部署; 2025年,街道以建设…为目标) is the
overview too."""

_OWN_REPORT = re.compile(
    r"^(本|此)?报告(包括|内容|分为|共分|主要包括)"
    r"|((根据|按照|依据)[^,;。]{0,80},([^,;。]{0,40},)?)?现将[^,;。]{0,60}?报告(如下|予以公开|公开如下)"
)
"""The report speaking of itself in its covering words (报告包括四个方面:…; 报告内容将通过门户网站公开),
or handing itself in (根据…关于报送2025年度法治政府建设情况报告的通知要求,现将我局…情况报告如下): what
follows where they begin is the report, not the work it reports."""
_AREAS_NAMED = re.compile(r"在[^,;:。]*$")
_AREAS_NAMED_END = re.compile(r"[^,;:。]*?等方面")
"""…and the fields an overview lists (2024年,在…领导下,在规范行政决策、依法防控疫情等方面成效显著)."""
_DIRECTION = re.compile(r"推进|推动|深化|加强|强化|完善|健全|规范|优化|坚持|提升|提高|落实|突出|抓好|狠抓|贯彻")
"""The verbs of a direction set (深化法治宣传, 切实加强执法监督): what they govern in an overview was
pushed, as far as the overview says, not reported done."""
_GENERAL_RESULT = re.compile(r"[^,;:。]{0,8}?(进一步|更加|不断|日益)(完善|健全|规范|严格|加快|提升|提高|增强|优化|浓厚)")
"""…and the results it sums up in general words (矛盾纠纷化解机制进一步健全, 行政执法更加严格规范)."""
_STUDY = re.compile(r"学|研讨|宣讲|笃学")
"""Study named in the overview (深入学习贯彻习近平法治思想) is an act, not a direction."""
_FIGURE = re.compile(r"[0-9一二两三四五六七八九十百千万]+(余|多)?(个|项|件|次|场|部|份|家|人|名|期|批|条|万|亿|%)")
_AREA = "(科学|民主|依法|严格|公正|全民|涉农|行业)?(守法普法|立法|执法|司法|守法|普法|审批|监督|用法|学法)"
_AREA_LIST = re.compile(rf"{_AREA}(、{_AREA}){{2,}}")
"""The rule of law's standard areas listed together (立法、执法、司法、守法普法)..."""
_MAY_LIST_AREAS = re.compile(r"[法批督]、")
"""Every area ends in 法, 批 or 督: a sentence without one before a 、 lists none (a quick test)."""
_FIELDS_COUNTED = re.compile(r"(?<=围绕)[^,;:。]*、[^,;:。]*等((\d+|[一二三四五六七八九十]+)个方面|[^,;:。]{0,8}?工作)")
"""...or the fields of the year's work counted (围绕…规范行政决策行为、…强化突发事件依法处置等9个方面,持续发力),
or those a leader's attention went to (围绕“放管服”改革、重大行政决策、立法…等法治建设工作,…亲自部署)."""
_CLAUSE_CUE = re.compile(
    r"部署|安排|研究|谋划|推进会|工作会议|领域开展|主题开展|工作开展|等开展|等专项|为目标|内容|课题|议题|方面|重要举措|重要抓手|重要途径|重要讲话|重要指示|重要论述|重要批示|职能|动员|要点|培训|讲座|授课|辅导|承担|负责|权责|职责|接受|提供|要求"
)
"""Every word the clause rules below start from: a clause without any, in a sentence with no title
and nothing stressed before the mention, is judged by the body-name rule alone (most hits)."""


class _Sentence(NamedTuple):
    """What the rules ask of a whole sentence, found once per sentence."""

    any_rule: bool
    """Could any rule but the body-name one apply anywhere in it? Most sentences have none of their
    words: a hit there is judged by looking at what follows it alone."""
    own_report: re.Match[str] | None
    areas: tuple[tuple[int, int], ...]
    overview: re.Match[str] | None


@lru_cache(maxsize=2048)
def _sentence(sentence: str) -> _Sentence:
    own = _OWN_REPORT.search(sentence) if "报告" in sentence else None
    areas = tuple(found.span() for found in _AREA_LIST.finditer(sentence)) if _MAY_LIST_AREAS.search(sentence) else ()
    if "围绕" in sentence:
        areas += tuple(found.span() for found in _FIELDS_COUNTED.finditer(sentence))
    overview = _OVERVIEW.match(sentence) if _may_open_overview(sentence) else None
    any_rule = bool(
        own or areas or overview or "《" in sentence or _CLAUSE_CUE.search(sentence) or _STRESSING.search(sentence)
    )
    return _Sentence(any_rule, own, areas, overview)


def judge(sentence: str, start: int, end: int) -> Mention | None:
    """How the sentence mentions what lies at sentence[start:end]; None for a plain mention."""
    facts = _sentence(sentence)
    law = _LAW_NAMED.match(sentence, end)
    if not facts.any_rule and not law and not _BODY_SUFFIX.match(sentence, end):
        return None
    clause_start, clause_end = _clause_start(sentence, start), _clause_end(sentence, end)
    before = sentence[clause_start:start]
    if "《" in sentence:
        title = _title_around(sentence, start, end)
        if title is not None:
            return _in_title(sentence, *title)
    if law:
        return Mention("cited_document", sentence[start : law.end()])
    if facts.own_report and facts.own_report.start() <= start:
        return Mention("own_report", facts.own_report.group())
    for area_start, area_end in facts.areas:
        if area_start <= start and end <= area_end:
            return Mention("area_list", sentence[area_start:area_end])
    overview = _overview_before(sentence, facts.overview, start)
    if overview and not _STUDY.match(sentence, start) and not _figure_near(sentence, overview.end(), clause_start, clause_end):
        if (
            _DIRECTION.search(before)
            or (_AREAS_NAMED.search(before) and _AREAS_NAMED_END.match(sentence, end))
            or _GENERAL_RESULT.match(sentence, end, clause_end)
        ):
            return Mention("overview", overview.group("formula") or overview.group("opening"))
    if "《" not in sentence and not _CLAUSE_CUE.search(sentence, clause_start, clause_end) and not _STRESSING.search(sentence, 0, start):
        return _body_name(sentence, start, end, before)
    after = sentence[end:clause_end]  # the rules below that look after the mention stay in its clause
    arranging = _ARRANGING.search(before) or _ARRANGED.search(after)
    if arranging:
        return Mention("arranged", arranging.group())
    studying = _STUDYING_TOPICS.search(before)
    if studying and "、" in sentence[clause_start:clause_end] and _TOPIC_LIST_END.search(after):
        if not _plan_named(sentence, start, end):
            return Mention("arranged", studying.group())
    meeting = not _CONVENING.search(sentence, start, end) and not _STUDY.match(sentence, start) and _ARRANGING_MEETING.match(after)
    named = _UNTITLED_POINTS.match(after) or meeting
    if named and not _plan_named(sentence, start, end):
        return Mention("arranged", named.group(1))
    training = _TRAINING.match(after)
    if training and not _LAW.search(sentence, start, end) and not sentence.endswith("思想", start, end):
        return Mention("training_topic", training.group(1))
    if _STUDY_SLOT.match(after) and "学" in sentence[start:end]:
        filled = _FILLED_WITH.search(sentence, 0, start)
        if filled and not _LAW.search(filled.group("content")):
            return Mention("training_topic", filled.group("content"))
    inspected = _INSPECTION_TOPICS.match(after) or _STUDIED_LAWS_ON.match(after)
    if not inspected and "关于" in before:
        inspected = _SPEECH_ON.match(after)
    if inspected and not (inspected.group().endswith("宣传") and _LAW.search(sentence, start, end)):  # 宪法宣传周 is publicity
        return Mention("training_topic", inspected.group(1) or inspected.group(2))
    remit = _REMIT.search(before) or _REMIT_AFTER.match(sentence, end, clause_end)
    if remit and "、" in sentence[clause_start:clause_end]:
        return Mention("remit", remit.group())
    if sentence.endswith("监督", start, end) and _ACCEPTING.search(before):
        return Mention("slogan", "接受" + sentence[start:end])
    purpose = _PURPOSE.match(sentence, clause_start, clause_end) or ("是" in before and _MEASURE_OF.match(sentence, end, clause_end))
    if purpose:
        return Mention("purpose", purpose.group())
    demand = _demand_before(sentence, start, before)
    if demand:
        return Mention("arranged", demand)
    return _body_name(sentence, start, end, before)


def _plan_named(sentence: str, start: int, end: int) -> bool:
    """Is the mention a plan document's name, or part of one (立法计划, 立法工作计划, 规章和规范性文件制定计划)?"""
    return sentence.endswith(("计划", "规划", "方案"), start, end) or _PLAN_DOCUMENT.match(sentence, end) is not None


def _figure_near(sentence: str, overview_end: int, clause_start: int, clause_end: int) -> bool:
    """Is there a figure, past the overview's formula, in the mention's clause or the next? It
    reports the work done (深化法治宣传,开展活动1200余场); one further on (…持续深化“放管服”改革,…,100余个
    基层联系点全面覆盖) counts something else."""
    return _FIGURE.search(sentence, max(overview_end, clause_start), _clause_end(sentence, clause_end + 1)) is not None


def _may_open_overview(sentence: str) -> bool:
    """A quick test for _OVERVIEW: its formula starts within the first 31 characters, and its
    other opening is the year."""
    return sentence[:1].isdigit() or "在" in sentence[:32] or "坚持以" in sentence[:34]


def _overview_before(sentence: str, overview: re.Match[str] | None, start: int) -> re.Match[str] | None:
    """The overview formula of the sentence if it ends before `start`: the sentence's own match when
    it does, else a match confined to the text before `start` (rarely different)."""
    if overview is None or overview.end() <= start:
        return overview
    return _OVERVIEW.match(sentence, 0, start)


def _in_title(sentence: str, opening: int, closing: int) -> Mention | None:
    """A mention inside the title sentence[opening:closing]: arranged in a work-points document,
    work in a document the government made or applied, else a document cited."""
    name = sentence[opening:closing]
    arrangement = _ARRANGEMENT_DOCUMENT.search(name)
    if arrangement:
        return Mention("arranged", arrangement.group().strip("《("))
    before = _EARLIER_TITLES.sub("", sentence[_clause_start(sentence, opening) : opening])
    made = _MAKING.search(before)
    if made and not _CITING.search(before, 0, made.start()):
        return None
    applied = _APPLYING.search(before) or _MADE_AFTER.match(sentence, closing)
    if applied and (_OWN_DOCUMENT.match(name) or _LIST_DOCUMENT.search(name)):
        return None  # a document of its own, or a list of the element's, put to work or published
    return Mention("cited_document", name)


def _body_name(sentence: str, start: int, end: int, clause: str) -> Mention | None:
    """The mention as part of a body's name (信访办, 审计局), unless the clause founds the body."""
    suffix = _BODY_SUFFIX.match(sentence, end)
    if suffix and not _FOUNDING.search(clause) and not _FOUNDED.match(sentence, suffix.end()):
        return Mention("body_name", sentence[start : suffix.end()])
    return None


def _title_around(sentence: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the 《…》 holding [start, end), if any."""
    for title in TITLE.finditer(sentence):
        if title.start() < start and end < title.end():
            return title.start(), title.end()
        if title.start() >= end:
            break
    return None


@lru_cache(maxsize=2048)
def _breaks(sentence: str) -> tuple[int, ...]:
    """Where the sentence's clauses end (each , ; : 。…), found once per sentence."""
    return tuple(m.start() for m in _CLAUSE_END.finditer(sentence))


def _clause_start(sentence: str, at: int) -> int:
    breaks = _breaks(sentence)
    before = bisect_left(breaks, at)
    return breaks[before - 1] + 1 if before else 0


def _clause_end(sentence: str, at: int) -> int:
    breaks = _breaks(sentence)
    after = bisect_left(breaks, at)
    return breaks[after] if after < len(breaks) else len(sentence)


def _demand_before(sentence: str, at: int, clause: str) -> str | None:
    """The demand before `at`: one that stresses, anywhere earlier in the sentence, or a
    requirement earlier in its `clause` (the clause up to `at`)."""
    stressed = _STRESSING.search(sentence, 0, at)
    if stressed:
        return stressed.group()
    required = _REQUIRING.search(clause)
    if required and not _AS_REQUIRED.search(clause, 0, required.end()):
        return required.group()
    return None
