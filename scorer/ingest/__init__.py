"""Ingest: bytes on disk -> SourceText (decoded text that every evidence offset indexes).

Each format is one module exposing `read(path, data, limits) -> SourceText`; `read_document`
picks it by the file's suffix and imports it on first use, so scoring a .txt does not pay for
loading the HTML, Word and PDF libraries (a third of a cold start). `SUPPORTED_SUFFIXES` is what a
directory expands to. Only a regular file is read, and no more of it than the limits allow
(scorer/limits.py): a reader bounds what its format can inflate to, and every format's text is
held to `max_chars`.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

from scorer.errors import InputError
from scorer.files import NotReadable, read_regular_file
from scorer.limits import DEFAULT_LIMITS, Limits, over_limit
from scorer.models import SourceText
from scorer.printable import as_text

READERS = {
    ".txt": "plaintext",
    ".md": "plaintext",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".pdf": "pdf",
}
SUPPORTED_SUFFIXES = tuple(sorted(READERS))


def from_string(text: str, path: str = "<text>") -> SourceText:
    """A report given as a string, already decoded: what a .txt file of that text reads as."""
    return SourceText(path=path, text=text, encoding="utf-8", format="txt")


def read_document(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> SourceText:
    path = Path(path)
    module = READERS.get(path.suffix.lower())
    if module is None:
        raise InputError(str(path), f"unsupported file type {path.suffix or '(none)'!r}; "
                         f"expected one of {', '.join(SUPPORTED_SUFFIXES)}")
    try:
        data = read_regular_file(path, limits.max_bytes, "--max-bytes")
    except NotReadable as exc:
        raise InputError(str(path), str(exc)) from None
    if not data.strip():
        raise InputError(str(path), "file is empty")
    try:
        source = import_module(f"scorer.ingest.{module}").read(as_text(path), data, limits)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged file must give one line, not a traceback
        raise InputError(str(path), f"not a readable {module} file ({type(exc).__name__}: {exc})") from None
    if not source.text.strip():
        raise InputError(str(path), "no text found in the file")
    if len(source.text) > limits.max_chars:
        raise InputError(str(path), over_limit("text too long", len(source.text), limits.max_chars, "characters", "--max-chars"))
    return source
