"""Numeric command-line values: argparse types that take a finite number in the option's range and
refuse anything else with what was expected (`argument --timeout: expected a number of seconds
above 0, got 'nan'`), so that no value can switch a check off."""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable

Number = int | float


def number(kind: type[int] | type[float], accepted: Callable[[Number], bool], expected: str) -> Callable[[str], Number]:
    """The argparse type of an option whose value is a finite `kind` that `accepted` takes."""

    def parse(text: str) -> Number:
        try:
            value = kind(text)
        except ValueError:
            value = None
        if value is None or not math.isfinite(value) or not accepted(value):
            raise argparse.ArgumentTypeError(f"expected {expected}, got {text!r}")
        return value

    return parse


count = number(int, lambda value: value >= 1, "a whole number of 1 or more")
"""A number of things (workers, pages, characters)."""
