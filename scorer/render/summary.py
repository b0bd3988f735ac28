"""summary.md, for the reviewer of a batch: overview, the most common gaps, the files that could
not be read, the ranking, and an element x report matrix (core elements first). Reports are
numbered in input order (序号) everywhere, so a matrix column can be found in the ranking."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterator
from typing import IO

from scorer.batch import Failure, Outcome, Row
from scorer.models import STATUSES, Element, Status
from scorer.render.core import STATUS_LABEL, STATUS_SYMBOL, TIER_LABEL, TIMELINESS_LABEL
from scorer.printable import printable
from scorer.render.text import cell

MATRIX_COLUMNS = 25
"""Reports per matrix table: more columns would not fit a screen."""
GAPS_SHOWN = 15
LEGEND = "图例: " + " · ".join(f"{STATUS_SYMBOL[s]} {STATUS_LABEL[s]}" for s in STATUSES)


def write(outcome: Outcome, outfile: IO[str]) -> None:
    for block in (_overview, _common_gaps, _failures, _ranking, _matrix):  # the long ones last
        for line in block(outcome):
            outfile.write(line + "\n")
        outfile.write("\n")


def _number(item: Row | Failure) -> int:
    return item.index + 1


def _elements(outcome: Outcome) -> list[tuple[int, Element]]:
    """(position in Row.statuses, element), core elements first, then in checklist order."""
    return sorted(enumerate(outcome.checklist.elements), key=lambda item: (-item[1].weight, item[0]))


def _overview(outcome: Outcome) -> list[str]:
    checklist = outcome.checklist
    core = sum(element.weight == 3 for element in checklist.elements)
    lines = [
        "# 法治政府建设年度报告批量评估汇总",
        "",
        "| 项目 | 结果 |",
        "|---|---|",
        f"| 清单 | `{checklist.id}` 版本 {checklist.version} ({len(checklist.elements)} 项要素, 其中核心 {core} 项) |",
        f"| 报告 | 已评分 {len(outcome.rows)} 份 · 无法读取 {len(outcome.failures)} 份 · 共 {outcome.total} 份 |",
    ]
    if outcome.rows:
        scores = [row.overall for row in outcome.rows]
        lines.append(
            f"| 总分 | 平均 {statistics.mean(scores):.1f} · 中位数 {statistics.median(scores):g}"
            f" · 最高 {max(scores):g} · 最低 {min(scores):g} |"
        )
    if outcome.interrupted:
        lines.append(f"| 注意 | **运行被中断**: 本汇总只包含已完成的 {outcome.done} / {outcome.total} 份 |")
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
        f"| 名次 | 序号 | 报告 | 标题 | 年度 | 总分 | {symbols} | 结构 | 时效 |",
        "|---:|---:|---|---|---:|---:|" + "---:|" * len(STATUSES) + "---|---|",
    ]
    order = sorted(range(len(outcome.rows)), key=lambda i: -outcome.rows[i].overall)  # stable: ties by input
    rank, previous = 0, None
    for position, row in enumerate((outcome.rows[i] for i in order), start=1):
        if row.overall != previous:
            rank, previous = position, row.overall  # equal scores share a rank: 1, 2, 2, 4
        structure = f"{row.structure_found}/{row.structure_total}" if row.structure_total else "—"
        lines.append(
            f"| {rank} | {_number(row)} | [{cell(row.stem)}](<{row.stem}.md>) | {_title(row)} "
            f"| {row.year or '—'} | **{row.overall:g}** | {' | '.join(map(str, row.counts))} "
            f"| {structure} | {TIMELINESS_LABEL[row.timeliness]} |"
        )
    return lines


def _title(row: Row) -> str:
    title = cell(row.title or "—")
    return title if row.document_type == "annual_report" else f"{title} (**不是年度报告**)"


def _matrix(outcome: Outcome) -> Iterator[str]:
    """Yielded line by line: with thousands of reports it is most of the file."""
    yield from [
        "## 要素 × 报告",
        "",
        "每行一项要素 (核心要素在前), 每列一份报告 (列名为序号, 见排名)。“已覆盖”为该要素已覆盖的报告数。",
        "",
        LEGEND,
    ]
    rows = outcome.rows
    elements = _elements(outcome)
    covered = dict.fromkeys((position for position, _ in elements), 0)
    for row in rows:
        for position in covered:
            covered[position] += row.statuses[position] == "covered"
    for chunk in rows.chunks(MATRIX_COLUMNS):
        if len(rows) > MATRIX_COLUMNS:
            yield from ["", f"### 报告 {_number(chunk[0])}–{_number(chunk[-1])}"]
        yield from [
            "",
            "| 要素 | 层级 | 已覆盖 | " + " | ".join(str(_number(row)) for row in chunk) + " |",
            "|---|---|---:|" + ":-:|" * len(chunk),
        ]
        for position, element in elements:
            symbols = " | ".join(STATUS_SYMBOL[row.statuses[position]] for row in chunk)
            yield (
                f"| {cell(element.name)} `{element.id}` | {TIER_LABEL[element.weight]} "
                f"| {covered[position]}/{len(rows)} | {symbols} |"
            )


def _common_gaps(outcome: Outcome) -> list[str]:
    lines = ["## 最常见的缺项", ""]
    rows = outcome.rows
    elements = _elements(outcome)
    lacking: dict[int, Counter[Status]] = {position: Counter() for position, _ in elements}
    for row in rows:  # one pass: the rows are read back from disk
        for position, counter in lacking.items():
            if row.statuses[position] != "covered":
                counter[row.statuses[position]] += 1
    gaps = [(sum(lacking[p].values()), element, lacking[p]) for p, element in elements if lacking[p]]
    if not gaps:
        return lines + ["每份报告都覆盖了清单中的全部要素。" if rows else "没有可评分的报告。"]
    gaps.sort(key=lambda gap: -gap[0])  # stable: core first, then checklist order, among equals
    lines += [
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
        lines.append(f"| {_number(failure)} | `{cell(printable(failure.source))}` | {cell(failure.reason)} |")
    return lines
