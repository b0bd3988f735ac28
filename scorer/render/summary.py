"""summary.md, for the reviewer of a batch: overview, the most common gaps, the files that could
not be read, the ranking, and an element x report matrix (core elements first). Reports are
numbered in input order (序号) everywhere, so a matrix column can be found in the ranking.

Reports scored against different checklists (--checklist auto: the 2015 outline's for reports on
2020 and earlier) are compared like with like: the gaps and the matrix are given per checklist;
the ranking shows each report's checklist. What the summary counts and in what order (checklists
used, elements, ranking, gaps, score spread) is in the public functions here, which the HTML
index (htmlindex.py) shows as well."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterator
from typing import IO, NamedTuple

from scorer.batch import Failure, Outcome, Row, RowSpool
from scorer.models import STATUSES, Checklist, Element, Status
from scorer.printable import printable
from scorer.render.core import STATUS_LABEL, STATUS_SYMBOL, TIER_LABEL, TIMELINESS_LABEL
from scorer.render.text import cell

MATRIX_COLUMNS = 25
"""Reports per matrix table: more columns would not fit a screen."""
GAPS_SHOWN = 15
LEGEND = "图例: " + " · ".join(f"{STATUS_SYMBOL[s]} {STATUS_LABEL[s]}" for s in STATUSES)
CHOICE_BY_YEAR = (
    "按报告年度 (--checklist auto): 2020 年及以前的报告按 2015 年纲要清单, 其余按 2021 年纲要清单;"
    " 不同清单的得分不宜直接比较, 缺项与矩阵按清单分列"
)


def write(outcome: Outcome, outfile: IO[str]) -> None:
    for block in (_overview, _common_gaps, _failures, _ranking, _matrix):  # the long ones last
        for line in block(outcome):
            outfile.write(line + "\n")
        outfile.write("\n")


def number(item: Row | Failure) -> int:
    """A report's number (序号): its place in the input, from 1."""
    return item.index + 1


def by_checklist(outcome: Outcome) -> list[tuple[Checklist, RowSpool]]:
    """The checklists the scored reports were scored against, each with its reports in input
    order; all that the run could choose from, each with none, if no report was scored."""
    parts = [(checklist, outcome.rows.of(checklist.id)) for checklist in outcome.checklists.values()]
    return [(checklist, rows) for checklist, rows in parts if rows] or parts


def choice_note(outcome: Outcome) -> str | None:
    """How the checklists were chosen, where the reports' years chose them."""
    if any(row.chosen_by == "year" for row in outcome.rows) or (not outcome.rows and len(outcome.checklists) > 1):
        return CHOICE_BY_YEAR
    return None


def core_elements(checklist: Checklist) -> int:
    return sum(element.weight == 3 for element in checklist.elements)


def elements_in_order(checklist: Checklist) -> list[tuple[int, Element]]:
    """(position in Row.statuses, element), core elements first, then in checklist order."""
    return sorted(enumerate(checklist.elements), key=lambda item: (-item[1].weight, item[0]))


def reports_scored(outcome: Outcome) -> str:
    return f"已评分 {len(outcome.rows)} 份 · 无法读取 {len(outcome.failures)} 份 · 共 {outcome.total} 份"


def score_spread(rows: RowSpool) -> str | None:
    """Mean, median, highest and lowest overall score of reports scored against one checklist
    (scores on different checklists are not pooled); None without a scored report."""
    if not rows:
        return None
    scores = [row.overall for row in rows]
    return (
        f"平均 {statistics.mean(scores):.1f} · 中位数 {statistics.median(scores):g}"
        f" · 最高 {max(scores):g} · 最低 {min(scores):g}"
    )


def interrupted_note(outcome: Outcome) -> str:
    return f"本汇总只包含已完成的 {outcome.done} / {outcome.total} 份"


def ranked(rows: RowSpool) -> Iterator[tuple[int, Row]]:
    """(rank, row), best score first; ties keep input order and share a rank: 1, 2, 2, 4."""
    order = sorted(range(len(rows)), key=lambda i: -rows[i].overall)  # stable: ties by input
    rank, previous = 0, None
    for position, row in enumerate((rows[i] for i in order), start=1):
        if row.overall != previous:
            rank, previous = position, row.overall
        yield rank, row


def covered_counts(checklist: Checklist, rows: RowSpool) -> dict[int, int]:
    """Per element (by position in Row.statuses): how many of `rows`, all scored against
    `checklist`, cover it."""
    covered = dict.fromkeys((position for position, _ in elements_in_order(checklist)), 0)
    for row in rows:
        for position in covered:
            covered[position] += row.statuses[position] == "covered"
    return covered


class Gap(NamedTuple):
    """An element some reports do not cover: how many, and with which status."""

    count: int
    element: Element
    lacking: Counter[Status]


def common_gaps(checklist: Checklist, rows: RowSpool) -> list[Gap]:
    """Every element at least one of `rows` (all scored against `checklist`) does not cover, the
    most often lacking first (among equals core first, then in checklist order)."""
    elements = elements_in_order(checklist)
    lacking: dict[int, Counter[Status]] = {position: Counter() for position, _ in elements}
    for row in rows:  # one pass: the rows are read back from disk
        for position, counter in lacking.items():
            if row.statuses[position] != "covered":
                counter[row.statuses[position]] += 1
    gaps = [Gap(sum(lacking[p].values()), element, lacking[p]) for p, element in elements if lacking[p]]
    gaps.sort(key=lambda gap: -gap.count)  # stable
    return gaps


def _per_checklist(several: bool, checklist: Checklist, count: int) -> list[str]:
    """A subheading naming the checklist, where a run used more than one."""
    if not several:
        return []
    return ["", f"### 清单 `{checklist.id}` {cell(checklist.title)} ({count} 份报告)", ""]


def _overview(outcome: Outcome) -> list[str]:
    lines = [
        "# 法治政府建设年度报告批量评估汇总",
        "",
        "| 项目 | 结果 |",
        "|---|---|",
    ]
    parts = by_checklist(outcome)
    for checklist, rows in parts:
        reports = f": {len(rows)} 份报告" if rows else ""
        lines.append(
            f"| 清单 | `{checklist.id}` 版本 {checklist.version} {cell(checklist.title)}"
            f" ({len(checklist.elements)} 项要素, 其中核心 {core_elements(checklist)} 项){reports} |"
        )
    note = choice_note(outcome)
    if note:
        lines.append(f"| 清单的选择 | {note} |")
    lines.append(f"| 报告 | {reports_scored(outcome)} |")
    for checklist, rows in parts:
        spread = score_spread(rows)
        if spread:
            which = f" (`{checklist.id}`)" if len(parts) > 1 else ""
            lines.append(f"| 总分{which} | {spread} |")
    if outcome.interrupted:
        lines.append(f"| 注意 | **运行被中断**: {interrupted_note(outcome)} |")
    return lines + [
        "",
        "点击报告名查看该报告的缺项与证据; 全部数字见 summary.csv, 完整结果见 results.jsonl。",
    ]


def _ranking(outcome: Outcome) -> list[str]:
    lines = ["## 排名", ""]
    if not outcome.rows:
        return lines + ["没有可评分的报告。"]
    symbols = " | ".join(STATUS_SYMBOL[s] for s in STATUSES)
    lines += [
        f"| 名次 | 序号 | 报告 | 标题 | 年度 | 清单 | 总分 | {symbols} | 结构 | 时效 |",
        "|---:|---:|---|---|---:|---|---:|" + "---:|" * len(STATUSES) + "---|---|",
    ]
    for rank, row in ranked(outcome.rows):
        structure = f"{row.structure_found}/{row.structure_total}" if row.structure_total else "—"
        lines.append(
            f"| {rank} | {number(row)} | [{cell(row.stem)}](<{row.stem}.md>) | {_title(row)} "
            f"| {row.year or '—'} | `{row.checklist}` | **{row.overall:g}** | {' | '.join(map(str, row.counts))} "
            f"| {structure} | {TIMELINESS_LABEL[row.timeliness]} |"
        )
    return lines


def _title(row: Row) -> str:
    title = cell(row.title or "—")
    return title if row.document_type == "annual_report" else f"{title} (**不是年度报告**)"


def _matrix(outcome: Outcome) -> Iterator[str]:
    """Yielded line by line: with thousands of reports it is most of the file. One matrix per
    checklist: the elements of one are not those of another."""
    yield from [
        "## 要素 × 报告",
        "",
        "每行一项要素 (核心要素在前), 每列一份报告 (列名为序号, 见排名)。“已覆盖”为该要素已覆盖的报告数。",
        "",
        LEGEND,
    ]
    parts = by_checklist(outcome)
    for checklist, rows in parts:
        yield from _per_checklist(len(parts) > 1, checklist, len(rows))
        yield from _checklist_matrix(checklist, rows)


def _checklist_matrix(checklist: Checklist, rows: RowSpool) -> Iterator[str]:
    elements = elements_in_order(checklist)
    covered = covered_counts(checklist, rows)
    for chunk in rows.chunks(MATRIX_COLUMNS):
        if len(rows) > MATRIX_COLUMNS:
            yield from ["", f"#### 报告 {number(chunk[0])}–{number(chunk[-1])}"]
        yield from [
            "",
            "| 要素 | 层级 | 已覆盖 | " + " | ".join(str(number(row)) for row in chunk) + " |",
            "|---|---|---:|" + ":-:|" * len(chunk),
        ]
        for position, element in elements:
            symbols = " | ".join(STATUS_SYMBOL[row.statuses[position]] for row in chunk)
            yield (
                f"| {cell(element.name)} `{element.id}` | {TIER_LABEL[element.weight]} "
                f"| {covered[position]}/{len(rows)} | {symbols} |"
            )


def _common_gaps(outcome: Outcome) -> list[str]:
    lines = ["## 最常见的缺项"]
    if not outcome.rows:
        return lines + ["", "没有可评分的报告。"]
    parts = by_checklist(outcome)
    for checklist, rows in parts:
        lines += _per_checklist(len(parts) > 1, checklist, len(rows)) or [""]
        lines += _checklist_gaps(checklist, rows)
    return lines


def _checklist_gaps(checklist: Checklist, rows: RowSpool) -> list[str]:
    gaps = common_gaps(checklist, rows)
    if not gaps:
        return ["每份报告都覆盖了清单中的全部要素。"]
    lines = [
        f"未覆盖 (部分覆盖、仅有计划、仅列为问题或缺失) 的报告最多的 {min(GAPS_SHOWN, len(gaps))} 项要素"
        f" (共有 {len(gaps)} 项要素至少在一份报告中未覆盖)。",
        "",
        "| 要素 | 层级 | 未覆盖的报告 | 占比 | 其中 |",
        "|---|---|---:|---:|---|",
    ]
    for count, element, lacking in gaps[:GAPS_SHOWN]:
        detail = " · ".join(f"{STATUS_SYMBOL[s]} {STATUS_LABEL[s]} {lacking[s]}" for s in STATUSES if lacking[s])
        lines.append(
            f"| {cell(element.name)} `{element.id}` | {TIER_LABEL[element.weight]} "
            f"| {count}/{len(rows)} | {count / len(rows):.0%} | {detail} |"
        )
    return lines


def _failures(outcome: Outcome) -> list[str]:
    lines = [f"## 无法读取的文件 ({len(outcome.failures)})", ""]
    if not outcome.failures:
        return lines + ["所有文件均已读取。"]
    lines += ["| 序号 | 文件 | 原因 |", "|---:|---|---|"]
    for failure in outcome.failures:
        lines.append(f"| {number(failure)} | `{cell(printable(failure.source))}` | {cell(failure.reason)} |")
    return lines
