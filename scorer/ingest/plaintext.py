"""Plain text and Markdown reports: the decoded text is the document as the reviewer sees it."""

from __future__ import annotations

from pathlib import Path

from scorer.ingest.encoding import decode
from scorer.limits import Limits
from scorer.models import SourceText


def read(path: str, data: bytes, limits: Limits) -> SourceText:
    text, encoding = decode(path, data)
    return SourceText(path=path, text=text, encoding=encoding, format=Path(path).suffix.lower().lstrip("."))
