"""Facts about the report as a document, read from its text; None when not found, never invented."""

from __future__ import annotations

import re

_YEAR_IN_TITLE = re.compile(r"(20\d\d)\s*年度?")


def reported_year(normalized: str) -> int | None:
    """The year a report covers: the year named in its title line (the first line naming 报告)."""
    for line in normalized.split("\n")[:8]:
        if "报告" in line:
            match = _YEAR_IN_TITLE.search(line)
            if match:
                return int(match.group(1))
    return None
