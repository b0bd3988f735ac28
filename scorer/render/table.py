"""Terminal scorecard with rich: title, overall score, a row per section with a bar, the gaps."""

from __future__ import annotations

from typing import IO

from rich.bar import Bar
from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from scorer.models import Analysis
from scorer.printable import printable
from scorer.render.core import PART_SYMBOL, STATUS_LABEL, STATUS_SYMBOL, TIER_LABEL, checklist_used, document_facts
from scorer.render.text import shorten

_STATUS_STYLE = {"covered": "green", "partial": "yellow", "planned": "cyan", "problem": "magenta", "missing": "red"}
_PART_STYLE = {"found": "green", "missing": "red"}
WIDTH_OFF_TERMINAL = 110


def console_for(outfile: IO[str]) -> Console:
    """Colour and the terminal's width on a terminal; plain text of a fixed width elsewhere."""
    terminal = outfile.isatty()
    return Console(file=outfile, width=None if terminal else WIDTH_OFF_TERMINAL, no_color=not terminal)


def _score_style(score: float) -> str:
    return "green" if score >= 80 else "yellow" if score >= 60 else "red"


def _document(analysis: Analysis) -> list:
    """The report's own facts, any warning, and its required parts, above the scores."""
    facts = Table.grid(padding=(0, 2))
    for name, value in document_facts(analysis):
        facts.add_row(Text(name, style="dim"), Text(value))
    out = [facts, *[Text(f"⚠ {warning}", style="bold yellow") for warning in analysis.warnings]]
    if analysis.structure:
        parts = Table(box=None, pad_edge=False, title="必备部分", title_justify="left", expand=False)
        for name in ("", "部分", "所在标题或段落"):
            parts.add_column(name)
        for part in analysis.structure:
            parts.add_row(
                Text(PART_SYMBOL[part.status], style=_PART_STYLE[part.status]),
                Text(shorten(part.name, 24)),
                Text(shorten(part.heading, 40) if part.heading else "—"),
            )
        out += [Text(""), parts]
    return out + [Text("")]


class TableReporter:
    report_type = "table"

    def report(self, analysis: Analysis, outfile: IO[str]) -> float:
        console_for(outfile).print(self.scorecard(analysis))
        return analysis.overall_score

    def scorecard(self, analysis: Analysis) -> Panel:
        by_id = {r.id: r for r in analysis.elements}
        header = Text.assemble(
            ("总分 ", "bold"),
            (f"{analysis.overall_score:g}", f"bold {_score_style(analysis.overall_score)}"),
            " / 100    ",
            *[(f"{STATUS_SYMBOL[s]} {STATUS_LABEL[s]} {n}   ", _STATUS_STYLE[s]) for s, n in analysis.counts.items()],
            "\n有数据或文件支撑的已覆盖要素 ",
            ("—" if analysis.specific_share is None else f"{analysis.specific_share:.0%}", "bold"),
        )
        sections = Table(box=None, pad_edge=False, expand=False)
        sections.add_column("部分")
        sections.add_column("得分", justify="right")
        sections.add_column("", width=22)
        sections.add_column("已覆盖", justify="right")
        for section in analysis.sections:
            covered = sum(by_id[e].status == "covered" for e in section.elements)
            sections.add_row(
                Text(section.title),
                Text(f"{section.score:g}", style=_score_style(section.score)),
                Bar(size=100, begin=0, end=section.score, width=20, color=_score_style(section.score)),
                f"{covered}/{len(section.elements)}",
            )
        gaps = Table(box=None, pad_edge=False, title="缺项 (核心在前)", title_justify="left", expand=False)
        for name in ("", "层级", "要素", "状态", "最接近的句子 / 出处"):
            gaps.add_column(name)
        for element_id in analysis.gaps:
            r = by_id[element_id]
            if r.status == "missing":
                detail = f"{shorten(r.near_miss.text, 34)} ({r.near_miss.score:g})" if r.near_miss else "—"
            else:
                detail = shorten(r.evidence[0].text, 34) if r.evidence else "—"
            gaps.add_row(
                Text(STATUS_SYMBOL[r.status], style=_STATUS_STYLE[r.status]),
                TIER_LABEL[r.weight],
                Text.assemble(r.name, " ", (r.id, "dim")),
                Text(STATUS_LABEL[r.status], style=_STATUS_STYLE[r.status]),
                detail,
            )
        title = f"[bold]{escape(printable(analysis.source))}[/]  [dim]清单 {escape(checklist_used(analysis))}[/]"
        body = [*_document(analysis), header, Text(""), sections, Text("")]
        body.append(gaps if analysis.gaps else Text("清单中的要素全部覆盖。", style="green"))
        return Panel(Group(*body), title=title, title_align="left")
