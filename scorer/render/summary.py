"""summary.md, for the reviewer of a batch: overview, the most common gaps, the files that could
not be read, the ranking, and an element x report matrix (core elements first). Reports are
numbered in input order (序号) everywhere, so a matrix column can be found in the ranking.

Reports scored against different checklists (--checklist auto: the 2015 outline's for reports on
2020 and earlier) are compared like with like: the gaps and the matrix are given per checklist;
the ranking shows each report's checklist."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import IO

from scorer.batch import Failure, Outcome, Row
from scorer.models import STATUSES, Checklist, Element, Status
from scorer.render.core import STATUS_LABEL, STATUS_SYMBOL, TIER_LABEL, TIMELINESS_LABEL
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


def _elements(checklist: Checklist) -> list[tuple[int, Element]]:
    """(position in Row.statuses, element), core elements first, then in checklist order."""
    return sorted(enumerate(checklist.elements), key=lambda item: (-item[1].weight, item[0]))


def _used(outcome: Outcome) -> list[tuple[Checklist, int]]:
    """The checklists the scored reports were scored against, with how many each; all that the
    run could choose from if no report was scored."""
    used = Counter(row.checklist for row in outcome.rows)
    if not used:
        return [(checklist, 0) for checklist in outcome.checklists.values()]
    return [(checklist, used[checklist.id]) for checklist in outcome.checklists.values() if used[checklist.id]]


def _of(checklist: Checklist, rows: Iterable[Row]) -> Iterator[Row]:
    return (row for row in rows if row.checklist == checklist.id)


def _per_checklist(outcome: Outcome, checklist: Checklist, count: int) -> list[str]:
    """A subheading naming the checklist, where a run used more than one."""
    if len(_used(outcome)) < 2:
        return []
    return ["", f"### 清单 `{checklist.id}` {cell(checklist.title)} ({count} 份报告)", ""]


def _overview(outcome: Outcome) -> list[str]:
    lines = [
        "# 法治政府建设年度报告批量评估汇总",
        "",
        "| 项目 | 结果 |",
        "|---|---|",
    ]
    for checklist, count in _used(outcome):
        core = sum(element.weight == 3 for element in checklist.elements)
        reports = f": {count} 份报告" if count else ""
        lines.append(
            f"| 清单 | `{checklist.id}` 版本 {checklist.version} {cell(checklist.title)}"
            f" ({len(checklist.elements)} 项要素, 其中核心 {core} 项){reports} |"
        )
    if any(row.chosen_by == "year" for row in outcome.rows) or (not outcome.rows and len(outcome.checklists) > 1):
        lines.append(
            "| 清单的选择 | 按报告年度 (--checklist auto): 2020 年及以前的报告按 2015 年纲要清单, 其余按 2021 年纲要清单;"
            " 不同清单的得分不宜直接比较, 缺项与矩阵按清单分列 |"
        )
    lines += [
        f"| 报告 | 已评分 {len(outcome.rows)} 份 · 无法读取 {len(outcome.failures)} 份 · 共 {outcome.total} 份 |",
    ]
    used = [checklist for checklist, count in _used(outcome) if count]
    for checklist in used:  # scores on different checklists are not pooled
        scores = [row.overall for row in _of(checklist, outcome.rows)]
        which = f" (`{checklist.id}`)" if len(used) > 1 else ""
        lines.append(
            f"| 总分{which} | 平均 {statistics.mean(scores):.1f} · 中位数 {statistics.median(scores):g}"
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
        f"| 名次 | 序号 | 报告 | 标题 | 年度 | 清单 | 总分 | {symbols} | 结构 | 时效 |",
        "|---:|---:|---|---|---:|---|---:|" + "---:|" * len(STATUSES) + "---|---|",
    ]
    order = sorted(range(len(outcome.rows)), key=lambda i: -outcome.rows[i].overall)  # stable: ties by input
    rank, previous = 0, None
    for position, row in enumerate((outcome.rows[i] for i in order), start=1):
        if row.overall != previous:
            rank, previous = position, row.overall  # equal scores share a rank: 1, 2, 2, 4
        structure = f"{row.structure_found}/{row.structure_total}" if row.structure_total else "—"
        lines.append(
            f"| {rank} | {_number(row)} | [{cell(row.stem)}](<{row.stem}.md>) | {_title(row)} "
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
    for checklist, count in _used(outcome):
        yield from _per_checklist(outcome, checklist, count)
        yield from _checklist_matrix(outcome, checklist, count)


def _checklist_matrix(outcome: Outcome, checklist: Checklist, count: int) -> Iterator[str]:
    elements = _elements(checklist)
    covered = dict.fromkeys((position for position, _ in elements), 0)
    for row in _of(checklist, outcome.rows):
        for position in covered:
            covered[position] += row.statuses[position] == "covered"
    for chunk in _chunks(_of(checklist, outcome.rows), MATRIX_COLUMNS):
        if count > MATRIX_COLUMNS:
            yield from ["", f"#### 报告 {_number(chunk[0])}–{_number(chunk[-1])}"]
        yield from [
            "",
            "| 要素 | 层级 | 已覆盖 | " + " | ".join(str(_number(row)) for row in chunk) + " |",
            "|---|---|---:|" + ":-:|" * len(chunk),
        ]
        for position, element in elements:
            symbols = " | ".join(STATUS_SYMBOL[row.statuses[position]] for row in chunk)
            yield (
                f"| {cell(element.name)} `{element.id}` | {TIER_LABEL[element.weight]} "
                f"| {covered[position]}/{count} | {symbols} |"
            )


def _chunks(rows: Iterable[Row], size: int) -> Iterator[list[Row]]:
    chunk: list[Row] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _common_gaps(outcome: Outcome) -> list[str]:
    lines = ["## 最常见的缺项"]
    if not outcome.rows:
        return lines + ["", "没有可评分的报告。"]
    for checklist, count in _used(outcome):
        lines += _per_checklist(outcome, checklist, count) or [""]
        lines += _checklist_gaps(outcome, checklist, count)
    return lines


def _checklist_gaps(outcome: Outcome, checklist: Checklist, count: int) -> list[str]:
    elements = _elements(checklist)
    lacking: dict[int, Counter[Status]] = {position: Counter() for position, _ in elements}
    for row in _of(checklist, outcome.rows):  # one pass: the rows are read back from disk
        for position, counter in lacking.items():
            if row.statuses[position] != "covered":
                counter[row.statuses[position]] += 1
    gaps = [(sum(lacking[p].values()), element, lacking[p]) for p, element in elements if lacking[p]]
    if not gaps:
        return ["每份报告都覆盖了清单中的全部要素。"]
    gaps.sort(key=lambda gap: -gap[0])  # stable: core first, then checklist order, among equals
    lines = [
        f"未覆盖 (部分覆盖、仅有计划、仅列为问题或缺失) 的报告最多的 {min(GAPS_SHOWN, len(gaps))} 项要素"
        f" (共有 {len(gaps)} 项要素至少在一份报告中未覆盖)。",
        "",
        "| 要素 | 层级 | 未覆盖的报告 | 占比 | 其中 |",
        "|---|---|---:|---:|---|",
    ]
    for lacked, element, statuses in gaps[:GAPS_SHOWN]:
        detail = " · ".join(f"{STATUS_SYMBOL[s]} {STATUS_LABEL[s]} {statuses[s]}" for s in STATUSES if statuses[s])
        lines.append(
            f"| {cell(element.name)} `{element.id}` | {TIER_LABEL[element.weight]} "
            f"| {lacked}/{count} | {lacked / count:.0%} | {detail} |"
        )
    return lines


def _failures(outcome: Outcome) -> list[str]:
    lines = [f"## 无法读取的文件 ({len(outcome.failures)})", ""]
    if not outcome.failures:
        return lines + ["所有文件均已读取。"]
    lines += ["| 序号 | 文件 | 原因 |", "|---:|---|---|"]
    for failure in outcome.failures:
        lines.append(f"| {_number(failure)} | `{cell(failure.source)}` | {cell(failure.reason)} |")
    return lines
