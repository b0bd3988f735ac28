"""Ingest: bytes on disk -> SourceText (decoded text that every evidence offset indexes).

Each format is one module exposing `read(path, data) -> SourceText`; `read_document` picks it
by the file's suffix. `SUPPORTED_SUFFIXES` is what a directory expands to.
"""

from __future__ import annotations

from pathlib import Path

from scorer.errors import InputError
from scorer.ingest import docx, html, pdf, plaintext
from scorer.models import SourceText

READERS = {
    ".txt": plaintext.read,
    ".md": plaintext.read,
    ".html": html.read,
    ".htm": html.read,
    ".docx": docx.read,
    ".pdf": pdf.read,
}
SUPPORTED_SUFFIXES = tuple(sorted(READERS))


def read_document(path: str | Path) -> SourceText:
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise InputError(str(path), f"unsupported file type {path.suffix or '(none)'!r}; "
                         f"expected one of {', '.join(SUPPORTED_SUFFIXES)}")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), "file not found") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a directory") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read file ({exc.strerror})") from None
    if not data.strip():
        raise InputError(str(path), "file is empty")
    source = reader(str(path), data)
    if not source.text.strip():
        raise InputError(str(path), "no text found in the file")
    return source
