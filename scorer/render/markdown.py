"""Markdown gap report: summary, section table, gaps first, then the evidence for what is covered."""

from __future__ import annotations

from pathlib import Path
from typing import IO

from scorer.models import Analysis, ElementResult, Evidence
from scorer.printable import printable
from scorer.render.core import (
    CONTEXT_LABEL,
    PART_LABEL,
    PART_SYMBOL,
    STATUS_LABEL,
    STATUS_SYMBOL,
    TIER_LABEL,
    checklist_used,
    document_facts,
    how_matched,
    near_note,
    percent,
    specifics,
)
from scorer.render.text import cell as _cell
from scorer.render.text import one_line, shorten

EVIDENCE_SHOWN = 3


def _counts(analysis: Analysis) -> str:
    return " · ".join(f"{STATUS_SYMBOL[s]} {STATUS_LABEL[s]} {n}" for s, n in analysis.counts.items())


def _where(item: Evidence) -> str:
    heading = item.heading or "(无标题)"
    return f"{heading} · {CONTEXT_LABEL[item.context]} · {how_matched(item)} · {specifics(item)} · 字符 {item.start}–{item.end}"


def _gap_detail(result: ElementResult) -> str:
    if result.status == "missing":
        near = result.near_miss
        if near is None:
            return "报告中没有相近的表述"
        return f"最接近: “{shorten(near.text, 60)}” ({near_note(near)})"
    if result.parts:
        parts = ", ".join(f"{STATUS_SYMBOL[s]} `{p}`" for p, s in result.parts.items())
        return f"分项: {parts}"
    first = result.evidence[0]
    return f"见于: “{shorten(first.text, 60)}” ({CONTEXT_LABEL[first.context]})"


def _structure(analysis: Analysis) -> list[str]:
    """The required parts of a report: found or missing, and where."""
    if not analysis.structure:
        return []
    out = ["## 必备部分", "", "| | 部分 | 状态 | 所在标题或段落 |", "|---|---|---|---|"]
    for part in analysis.structure:
        where = shorten(part.heading, 60) if part.heading else "—"
        out.append(
            f"| {PART_SYMBOL[part.status]} | {_cell(part.name)} (`{part.id}`) | {PART_LABEL[part.status]} | {_cell(where)} |"
        )
    return out + [""]


class MarkdownReporter:
    report_type = "markdown"

    def report(self, analysis: Analysis, outfile: IO[str]) -> float:
        outfile.write("\n".join(self.lines(analysis)) + "\n")
        return analysis.overall_score

    def lines(self, analysis: Analysis) -> list[str]:
        by_id = {r.id: r for r in analysis.elements}
        out = [
            f"# 法治政府建设年度报告要素评估: {printable(Path(analysis.source).stem)}",
            "",
            "| 项目 | 结果 |",
            "|---|---|",
            *[f"| {name} | {_cell(value)} |" for name, value in document_facts(analysis)],
            f"| 文件 | `{_cell(printable(analysis.source))}` |",
            f"| 清单 | {_cell(checklist_used(analysis))} |",
            f"| 总分 | **{analysis.overall_score:g}** / 100 |",
            f"| 要素 | {_counts(analysis)} |",
            f"| 具体性 | {percent(analysis.specific_share)} 的已覆盖要素有数据或文件名支撑 |",
            "",
            *[line for warning in analysis.warnings for line in (f"> ⚠ {warning}", "")],
            *_structure(analysis),
            "## 各部分得分",
            "",
            "| 部分 | 得分 | 已覆盖 / 要素 |",
            "|---|---:|---:|",
        ]
        for section in analysis.sections:
            covered = sum(by_id[e].status == "covered" for e in section.elements)
            out.append(f"| {section.title} (`{section.id}`) | {section.score:g} | {covered} / {len(section.elements)} |")
        out += ["", f"## 缺项 ({len(analysis.gaps)})", ""]
        if analysis.gaps:
            out += [
                "未覆盖的要素, 核心要素在前。“仅有计划”与“仅列为问题”不计为覆盖。",
                "",
                "| | 要素 | 层级 | 状态 | 说明 |",
                "|---|---|---|---|---|",
            ]
            for element_id in analysis.gaps:
                r = by_id[element_id]
                out.append(
                    f"| {STATUS_SYMBOL[r.status]} | {_cell(r.name)} (`{r.id}`) | {TIER_LABEL[r.weight]} "
                    f"| {STATUS_LABEL[r.status]} | {_cell(_gap_detail(r))} |"
                )
        else:
            out.append("清单中的要素全部覆盖。")
        out += ["", "## 证据", "", "每个已覆盖 (或部分覆盖) 的要素, 附报告原文及其所在标题。", ""]
        for r in analysis.elements:
            if r.status not in ("covered", "partial"):
                continue
            out += [
                f"### {STATUS_SYMBOL[r.status]} {r.name} (`{r.id}`) · {STATUS_LABEL[r.status]}"
                f" · 具体证据 {percent(r.specific_share)}",
                "",
            ]
            if r.parts:
                out += [", ".join(f"{STATUS_SYMBOL[s]} `{p}` {STATUS_LABEL[s]}" for p, s in r.parts.items()), ""]
            for item in r.evidence[:EVIDENCE_SHOWN]:
                out += [f"> {one_line(item.text)}", ">", f"> — {_where(item)}", ""]
            if len(r.evidence) > EVIDENCE_SHOWN:
                out += [f"另有 {len(r.evidence) - EVIDENCE_SHOWN} 处证据 (见 JSON 输出)。", ""]
        return out
