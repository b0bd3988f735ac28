"""JSON: one object per report on one line, keys sorted, no timestamps, so identical input
gives byte-identical output."""

from __future__ import annotations

import json
from typing import IO

from scorer.models import Analysis


def to_json(analysis: Analysis) -> str:
    return json.dumps(analysis.model_dump(mode="json"), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class JsonReporter:
    report_type = "json"

    def report(self, analysis: Analysis, outfile: IO[str]) -> float:
        outfile.write(to_json(analysis) + "\n")
        return analysis.overall_score
