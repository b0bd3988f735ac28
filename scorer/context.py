"""Decide whether a passage reports an achievement, admits a problem, or plans future work.

Two levels, as a reviewer reads: a heading names a part (存在问题 -> everything under it is a
problem; 下一步工作 -> a plan), and a clause can say so on its own (尚未建立, 有待加强 -> problem;
下一步, 将继续, 明年 -> plan). A sentence that announces a list does for the list what a heading
does ("仍存在一些差距:一是…;二是…"). Bare words that reports use for achievements too (问题,
不规范, 将 as the object marker 把) are deliberately not cues.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from scorer.models import Context
from scorer.normalize import TITLE


class Cue(NamedTuple):
    """A context and the words that gave it (a heading's 存在问题, a clause's 尚未 or 下一步)."""

    context: Context
    words: str

_SHORTCOMINGS = "(一定|一些|以下|不少)?的?(问题|不足|差距|短板)"
PROBLEM_PART = re.compile(
    # Every alternative opens with a plain character, so that a search skips the rest quickly.
    r"存在(的|着)?(一些|以下|诸多|不少)?(主要)?(问题|不足|短板|差距)|"
    rf"仍(有|存在){_SHORTCOMINGS}|还(有|存在){_SHORTCOMINGS}|"
    r"问题(和|与|及)不足|不足(和|与|及)(原因|问题)|困难(和|与)问题|问题(和|与)困难|薄弱环节|差距(和|与)不足"
)
PLAN_PART = re.compile(
    r"下一步|明年|来年|今后|工作思路|主要思路|工作打算|主要安排|工作安排|工作谋划|工作计划|"
    r"工作设想|努力方向|工作展望|工作举措和目标"
)
PROBLEM_CLAUSE = re.compile(
    # Every alternative opens with a plain character, so that a search skips the rest quickly.
    r"尚未|还未|仍未|未能|未建立|未形成|未落实|未完全|没有完全|没有建立|没有单独|没有形成|没有专门|"
    r"不到位|有待|亟待|亟需|尚需|仍需|还需|薄弱|欠缺|滞后|差距|"
    r"存在不足|仍有不足|还有不足|尚有不足|认识不足|力量不足|能力不足|保障不足|短(?<!补齐短)(?<!补短)板|"
    r"不够|不强|不高|不完善|不健全|不平衡|不充分|不匹配|不相匹配|不及时|不明显|"
    r"仍有发生|时有发生|仍然存在|依然存在|仍存在|较为突出|问题突出"
)
PLAN_CLAUSE = re.compile(
    r"下一步|明年|来年|今后|新的一年|"
    r"将(继续|进一步|持续|加快|加大|全面|不断|着力|重点|深入|坚持|积极|大力|努力|力争|争取|于|会|要|逐步)|"
    r"计划于|拟于|准备将|力争在|争取在"
)
_DISPOSAL = re.compile(r"[^,;。:]*?(纳入|列入|写入|融入|作为|转化为|贯穿|摆在|放在|上升为)")
"""将 …纳入 (将加快建设法治政府纳入工作报告) is 把, the object marker, not "will": the verb after the object
disposes of it, in the same clause."""
_NEXT_YEAR_CUES = "(将|要|计划|拟|力争|争取|继续|重点|工作|年度(推进|工作))"
_ACHIEVEMENTS_NAMED = re.compile(r"成效|成绩|主要举措|主要工作|工作开展情况|取得的进展")
"""A heading's words for the work done (主要举措及成效, 工作开展情况)."""
_NOT_ANNOUNCING = re.compile(r"针对|围绕|聚焦|解决|整改")
"""An introduction that takes up problems to report what was done about them announces no
shortcomings; nor does a clause that does so."""
_PLAN_OPENING = re.compile(rf"(我们|我[省市区县局委])?(?:并|同时)?(?:对|就)?({PLAN_CLAUSE.pattern})")
_DONE = re.compile(r"已|完成|实现|建成|达到|累计|全年|\d")
_COMMA = re.compile(",")
_COMMA_BEFORE_PLAN = re.compile(rf",(?={_PLAN_OPENING.pattern})")
_CLAUSE_CUE = re.compile(f"{PLAN_CLAUSE.pattern}|{PROBLEM_CLAUSE.pattern}")


def has_cue(paragraph: str, reported_year: int | None) -> bool:
    """Could a sentence of `paragraph` have a context of its own (clause_context) or turn to next
    year's work (plan_turns)? Most paragraphs have no cue at all: one search of the paragraph
    spares reading each of their sentences."""
    return _names_next_year(paragraph, reported_year) or _CLAUSE_CUE.search(paragraph) is not None


def part_context(heading: str, reported_year: int | None) -> Cue | None:
    """The context a heading (or the introduction of a list) names, or None when it says nothing."""
    return _first_cue(heading, reported_year, ("problem", PROBLEM_PART), ("plan", PLAN_PART))


def heading_context(heading: str, reported_year: int | None) -> Cue | None:
    """The context a heading gives the part under it. One that names the achievements first and
    then the shortcomings or plans (主要举措、成效及存在的问题与原因分析) opens a part holding both:
    its own headings, and its sentences' cues, decide. (An introduction that does so, 虽然取得了
    一定成效,但仍存在一些差距:, still announces shortcomings.)"""
    cue = part_context(heading, reported_year)
    if cue is not None and _ACHIEVEMENTS_NAMED.search(heading, 0, heading.find(cue.words)):
        return None
    return cue


def clause_context(sentence: str, reported_year: int | None) -> Cue | None:
    """The context a sentence gives itself; a plan to fix a shortcoming is a plan. A shortcoming
    named in a clause that takes it up (针对…存在的问题和短板,出台…; 着力解决…不到位的问题) is what
    the work done addressed, not one the report admits."""
    plan = _first_cue(sentence, reported_year, ("plan", PLAN_CLAUSE))
    if plan:
        return plan
    found = _search(PROBLEM_CLAUSE, sentence)
    while found is not None and _NOT_ANNOUNCING.search(sentence, _clause_start(sentence, found.start()), found.start()):
        found = _search(PROBLEM_CLAUSE, sentence, found.end())
    return Cue("problem", found.group()) if found else None


def _clause_start(sentence: str, at: int) -> int:
    """Where the clause holding `at` starts: just past the last , ; : before it."""
    return max(sentence.rfind(mark, 0, at) for mark in ",;:") + 1


def list_context(sentence: str, reported_year: int | None) -> Cue | None:
    """The context a sentence gives the enumeration (一是…二是…) that follows it in its paragraph:
    the text before its colon, or all of it, announcing shortcomings or plans as a heading would."""
    intro = TITLE.sub("", sentence.split(":", 1)[0])  # a document's name (《…重点工作安排》) announces nothing
    if _NOT_ANNOUNCING.search(intro):
        return None
    found = _search(PLAN_CLAUSE, intro)
    if found:
        return Cue("plan", found.group())
    return part_context(intro, reported_year)


def _first_cue(text: str, reported_year: int | None, *patterns: tuple[Context, re.Pattern[str]]) -> Cue | None:
    """The first of `patterns` found in `text`, tried in order; next year's number with a plan
    word (2021年将) counts for "plan"."""
    for context, pattern in patterns:
        found = _search(pattern, text)
        if found:
            return Cue(context, found.group())
        if context == "plan":
            next_year = _mentions_next_year(text, reported_year)
            if next_year:
                return Cue("plan", next_year)
    return None


def plan_turns(sentence: str, reported_year: int | None) -> list[int]:
    """Offsets just past each comma where a sentence that reports work done turns to what comes
    next ("今年已配备执法记录仪,下一步将推动…"), so that the work done keeps its own context. A
    topic or purpose clause (围绕…,下一步将…) reports nothing done and is not cut off."""
    turns: list[int] = []
    # Unless the sentence names next year, only a comma before a plan opening can be a turn.
    commas = _COMMA if _names_next_year(sentence, reported_year) else _COMMA_BEFORE_PLAN
    for comma in commas.finditer(sentence):
        at = comma.end()
        opening = _PLAN_OPENING.match(sentence, at)
        if opening and _object_marker(sentence, opening.group(2), opening.end()):
            opening = None
        opens_plan = opening or _mentions_next_year(sentence[at : at + 12], reported_year)
        if opens_plan and _DONE.search(sentence, turns[-1] if turns else 0, at):
            turns.append(at)
    return turns


def _search(pattern: re.Pattern[str], text: str, at: int = 0) -> re.Match[str] | None:
    """The first match of a cue pattern from `at`, passing over a 将 that is the object marker and
    a cue inside quotation marks: the name of a campaign (“找差距、抓整改、开新局”专项工作) says
    nothing of the report's own shortcomings or plans."""
    found = pattern.search(text, at)
    while found is not None:
        if not _object_marker(text, found.group(), found.end()) and not text.count('"', 0, found.start()) % 2:
            return found
        found = pattern.search(text, found.start() + 1)
    return None


def _object_marker(text: str, cue: str, end: int) -> bool:
    """Is a plan cue opening with 将, ending at `end`, the object marker (将…纳入)?"""
    return cue.startswith("将") and _DISPOSAL.match(text, end) is not None


def _mentions_next_year(text: str, reported_year: int | None) -> str | None:
    """The words naming next year's work (2021年将, 2021年工作), if any."""
    if not _names_next_year(text, reported_year):
        return None
    found = _next_year(reported_year).search(text)
    return found.group() if found else None


def _names_next_year(text: str, reported_year: int | None) -> bool:
    """A plain substring test that rules out most text before any regex: few name next year."""
    return reported_year is not None and f"{reported_year + 1}年" in text


@lru_cache(maxsize=64)
def _next_year(reported_year: int) -> re.Pattern[str]:
    return re.compile(rf"{reported_year + 1}年度?{_NEXT_YEAR_CUES}")
