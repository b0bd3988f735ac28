"""Ingest: bytes on disk -> SourceText (decoded text that every evidence offset indexes).

Each format is one module exposing `read(path, data) -> SourceText`; `read_document` picks it
by the file's suffix and imports it on first use, so scoring a .txt does not pay for loading the
HTML, Word and PDF libraries (a third of a cold start). `SUPPORTED_SUFFIXES` is what a directory
expands to.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

from scorer.errors import InputError
from scorer.models import SourceText

READERS = {
    ".txt": "plaintext",
    ".md": "plaintext",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".pdf": "pdf",
}
SUPPORTED_SUFFIXES = tuple(sorted(READERS))


def read_document(path: str | Path) -> SourceText:
    path = Path(path)
    module = READERS.get(path.suffix.lower())
    if module is None:
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
    try:
        source = import_module(f"scorer.ingest.{module}").read(str(path), data)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged file must give one line, not a traceback
        raise InputError(str(path), f"not a readable {module} file ({type(exc).__name__}: {exc})") from None
    if not source.text.strip():
        raise InputError(str(path), "no text found in the file")
    return source
