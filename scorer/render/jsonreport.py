"""JSON: one object per report on one line, keys sorted, no timestamps, so identical input
gives byte-identical output."""

from __future__ import annotations

from typing import IO

import orjson

from scorer.models import Analysis


def json_line(analysis: Analysis) -> bytes:
    """The report as one line of UTF-8, newline included. Compact, keys sorted, non-ASCII as is:
    the bytes of json.dumps(ensure_ascii=False, sort_keys=True, separators=(",", ":")) in half
    its time. (The two differ only on floats below 1e-4, 1e-05 against 0.00001; ours are rounded
    scores and shares.)"""
    return orjson.dumps(analysis.model_dump(mode="json"), option=orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE)


def to_json(analysis: Analysis) -> str:
    return json_line(analysis)[:-1].decode()


class JsonReporter:
    report_type = "json"

    def report(self, analysis: Analysis, outfile: IO[str]) -> float:
        outfile.write(to_json(analysis) + "\n")
        return analysis.overall_score
