"""What one input may cost a scoring run: every limit is a named default here, and the three a
reviewer may meet with a real report (size, pages, characters) are options of `score` and
`batch`. A file over a limit is an InputError that says what was found, what the limit is and
which option raises it."""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass

from scorer.options import count

MAX_BYTES = 50_000_000
"""Bytes on disk (--max-bytes). The largest seed is 32 KB and a 600-page PDF compilation a few
MB; a Word file full of photographs can reach tens of MB."""
MAX_PAGES = 500
"""Pages of a PDF (--max-pages), counted before any is laid out; pdfminer takes some 45 ms on a
page of dense text, so 500 pages take about 20 s."""
MAX_CHARS = 2_000_000
"""Characters of extracted text, any format (--max-chars): 60 times the longest seed, more
than a 600-page report holds; the matcher's time and memory grow with it."""


@dataclass(frozen=True)
class Limits:
    """The limits a run applies to each input."""

    max_bytes: int = MAX_BYTES
    max_pages: int = MAX_PAGES
    max_chars: int = MAX_CHARS


DEFAULT_LIMITS = Limits()


def over_limit(what: str, found: int | None, limit: int, unit: str = "", option: str | None = None) -> str:
    """The reason a file is refused: 'too large: 104,857,600 bytes; the limit is 50,000,000 bytes
    (--max-bytes raises it)'. `found` is None where counting on would cost what the limit saves."""
    unit = f" {unit}" if unit else ""
    raise_it = f" ({option} raises it)" if option else ""
    if found is None:
        return f"{what}: more than the limit of {limit:,}{unit}{raise_it}"
    return f"{what}: {found:,}{unit}; the limit is {limit:,}{unit}{raise_it}"


_SIZE = re.compile(r"(\d+)\s*([kmg]?)b?", re.IGNORECASE)
_UNITS = {"": 1, "k": 1000, "m": 1000**2, "g": 1000**3}


def size(text: str) -> int:
    """A --max-bytes value: a number of bytes, or with kB, MB or GB (powers of 1000)."""
    match = _SIZE.fullmatch(text.strip())
    if not match or int(match.group(1)) < 1:
        raise argparse.ArgumentTypeError(f"expected a positive number of bytes such as 50000000 or 50MB, got {text!r}")
    return int(match.group(1)) * _UNITS[match.group(2).lower()]


def add_limit_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--max-bytes", metavar="SIZE", type=size, default=MAX_BYTES,
                        help=f"refuse an input larger than this on disk (default: {MAX_BYTES // 1000**2}MB)")
    parser.add_argument("--max-pages", metavar="N", type=count, default=MAX_PAGES,
                        help=f"refuse a PDF of more pages (default: {MAX_PAGES})")
    parser.add_argument("--max-chars", metavar="N", type=count, default=MAX_CHARS,
                        help=f"refuse an input whose text is longer (default: {MAX_CHARS:,})")


def limits_of(args: argparse.Namespace) -> Limits:
    return Limits(max_bytes=args.max_bytes, max_pages=args.max_pages, max_chars=args.max_chars)
