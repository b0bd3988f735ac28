"""Run the `examples:` of a checklist's elements through the real pipeline (segment, match,
score: each sentence alone as a tiny report) and compare the status each element gets with the
status its example says it must get. Never prints; `rolscore checklist test` shows the result."""

from __future__ import annotations

from dataclasses import dataclass

from scorer.checklist import Resolved
from scorer.match import Matcher
from scorer.models import ElementResult, Status
from scorer.pipeline import score_text


@dataclass(frozen=True)
class ExampleResult:
    element: str
    expected: Status
    text: str
    got: ElementResult
    place: str
    """file:line of the example."""

    @property
    def passed(self) -> bool:
        return self.got.status == self.expected


def run_examples(resolved: Resolved) -> list[ExampleResult]:
    """Every example of every element, in checklist order."""
    matcher = Matcher(resolved.checklist)
    results = []
    for element in resolved.checklist.elements:
        for expected, texts in element.examples.items():
            for text in texts:
                analysis = score_text(text, matcher, source=f"example of {element.id}")
                place = resolved.place(element.id, "examples", text)
                results.append(ExampleResult(element.id, expected, text, analysis.element(element.id), place))
    return results
