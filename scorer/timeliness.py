"""Was the report published by its deadline? The rules ask for publication in the first quarter;
the default deadline is 1 April of the year after the year reported, and a reviewer can move it."""

from __future__ import annotations

import re
from datetime import date

from scorer.models import Timeliness

MonthDay = tuple[int, int]
DEFAULT_DEADLINE: MonthDay = (4, 1)
_MONTH_DAY = re.compile(r"(\d{2})-(\d{2})")


def parse_deadline(value: str) -> MonthDay:
    """`MM-DD` -> (month, day); ValueError when it is not a day that every year has."""
    match = _MONTH_DAY.fullmatch(value.strip())
    if match:
        month, day = int(match.group(1)), int(match.group(2))
        try:
            date(2001, month, day)  # not a leap year: 02-29 would have no deadline in most years
            return month, day
        except ValueError:
            pass
    raise ValueError(f"{value!r} is not a day of the year as MM-DD (such as 04-01)")


def check(year: int | None, published: str | None, deadline: MonthDay = DEFAULT_DEADLINE) -> Timeliness:
    """on_time when published on or before the deadline, late after it, unknown without both
    dates, or when the date read is before the year reported has ended (it cannot be the report's)."""
    due = date(year + 1, *deadline) if year is not None else None
    if due is None or published is None or date.fromisoformat(published).year <= year:
        status = "unknown"
    else:
        status = "on_time" if date.fromisoformat(published) <= due else "late"
    return Timeliness(status=status, deadline=due.isoformat() if due else None, published=published)
