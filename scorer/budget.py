"""What scoring one report may take while it runs (time, memory), as `Limits` (scorer/limits.py) is
what one input may be: the model, its defaults and the options of `score` and `batch` that set it.
scorer/workers.py enforces it."""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from scorer.options import number

DEFAULT_TIMEOUT = 60.0
"""Seconds one report may take (--timeout): a seed takes 0.02 s, a text of 1.9 million characters 2 s."""
DEFAULT_MAX_MEMORY_MB = 2048
"""Megabytes of data (heap) a worker may hold (--max-memory), counting the 40 MB it inherits (the
checklists, jieba); a text of 1.9 million characters needs some 250 MB."""


@dataclass(frozen=True)
class Budget:
    """What one report may take, and the one-line reasons given when it takes more."""

    timeout: float = DEFAULT_TIMEOUT
    max_memory_mb: int = DEFAULT_MAX_MEMORY_MB

    @property
    def too_slow(self) -> str:
        return f"took longer than {self.timeout:g} s (--timeout)"

    @property
    def out_of_memory(self) -> str:
        return f"out of memory (limit {self.max_memory_mb} MB, --max-memory)"


DEFAULT_BUDGET = Budget()

_seconds = number(float, lambda value: value > 0, "a number of seconds above 0")
_megabytes = number(int, lambda value: value > 0, "a whole number of megabytes above 0")


def add_budget_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--timeout", metavar="SECONDS", type=_seconds, default=DEFAULT_TIMEOUT,
        help=f"fail a report that takes longer than this (default: {DEFAULT_TIMEOUT:g})",
    )
    parser.add_argument(
        "--max-memory", metavar="MB", type=_megabytes, default=DEFAULT_MAX_MEMORY_MB,
        help=f"fail a report whose worker process needs more memory than this (default: {DEFAULT_MAX_MEMORY_MB})",
    )


def budget_of(args: argparse.Namespace) -> Budget:
    return Budget(timeout=args.timeout, max_memory_mb=args.max_memory)
