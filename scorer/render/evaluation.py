"""Render an Evaluation: a rich table (figures, confusion, disagreements) or sorted-keys JSON."""

from __future__ import annotations

import json
from typing import IO

from rich.markup import escape
from rich.table import Table
from rich.text import Text

from scorer.evaluate import Disagreement, Evaluation, Metrics
from scorer.models import STATUSES
from scorer.render.table import console_for
from scorer.render.text import shorten

EVIDENCE_SHOWN = 2
SENTENCE_SHOWN = 44


def write_json(evaluation: Evaluation, outfile: IO[str], disagreements: bool = True) -> None:
    data = evaluation.model_dump(mode="json", exclude=None if disagreements else {"disagreements", "documents"})
    outfile.write(json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n")


def write_table(evaluation: Evaluation, outfile: IO[str], disagreements: bool = True) -> None:
    """The figures and confusion tables, then (unless `disagreements` is False: a held-out set
    whose figure is taken without reading it) every disagreement with its evidence."""
    console = console_for(outfile)
    pairs = evaluation.matcher.pairs
    console.print(
        f"[bold]Gold set[/] {escape(str(evaluation.gold_dir))}: {len(evaluation.documents)} documents, {pairs} "
        f"(document, element) pairs; checklist {evaluation.checklist.id} {evaluation.checklist.version}"
    )
    console.print(_figures(evaluation))
    console.print(_confusion("Matcher: gold (rows) vs predicted (columns)", evaluation.matcher))
    console.print(_confusion("Baseline (alias lookup): gold (rows) vs predicted (columns)", evaluation.baseline))
    if disagreements:
        console.print(_disagreements(evaluation.disagreements), soft_wrap=True)


def _figures(evaluation: Evaluation) -> Table:
    table = Table(title="covered: precision, recall, F1", title_justify="left")
    for name in ("", "precision", "recall", "F1", "TP", "FP", "FN", "problem/planned -> covered"):
        table.add_column(name, justify="left" if not name else "right")
    for name, figures in (("matcher", evaluation.matcher), ("baseline (alias lookup)", evaluation.baseline)):
        table.add_row(
            name,
            f"{figures.precision:.3f}",
            f"{figures.recall:.3f}",
            f"[bold]{figures.f1:.3f}[/]",
            str(figures.true_positive),
            str(figures.false_positive),
            str(figures.false_negative),
            str(figures.false_coverage),
        )
    return table


def _confusion(title: str, figures: Metrics) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("gold \\ predicted")
    for status in STATUSES:
        table.add_column(status, justify="right")
    for gold in STATUSES:
        row = figures.confusion[gold]
        table.add_row(gold, *(f"[bold]{n}[/]" if gold == p and n else str(n) for p, n in row.items()))
    return table


def _disagreements(disagreements: list[Disagreement]) -> Text:
    """One block per disagreement: the pair and both statuses, then what decided each."""
    out = Text(f"Disagreements ({len(disagreements)})\n", style="bold")
    for item in disagreements:
        out.append(f"{item.document}  {item.element}: gold {item.gold}, predicted {item.predicted}\n")
        for line in _used(item):
            out.append(f"    {line}\n", style="dim")
    return out


def _used(item: Disagreement) -> list[str]:
    """The gold quote, then the evidence behind the prediction: context, match kind, term, sentence."""
    lines = [f"gold quote: {item.quote}"] if item.quote else []
    for e in item.evidence[:EVIDENCE_SHOWN]:
        lines.append(f"{e.context}, {e.match} “{e.term}”: {shorten(e.text, SENTENCE_SHOWN)}")
    if len(item.evidence) > EVIDENCE_SHOWN:
        lines.append(f"(+{len(item.evidence) - EVIDENCE_SHOWN} more evidence sentences)")
    if not item.evidence:
        near = item.near_miss
        lines.append("no evidence" + (f"; nearest “{near.term}” {near.score:g}: {shorten(near.text, SENTENCE_SHOWN)}" if near else ""))
    return lines
