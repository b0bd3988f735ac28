"""Word .docx reports: paragraphs, headings and tables as text lines, in document order.

python-docx reads the body; a table row becomes one line with its cells separated by a tab, a
merged cell given once. Page headers and footers are not part of the body and so are left out.
"""

from __future__ import annotations

import io
import zipfile

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from lxml.etree import XMLSyntaxError

from scorer.errors import InputError
from scorer.models import SourceText

_CORRUPT = (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError)


def read(path: str, data: bytes) -> SourceText:
    try:
        document = docx.Document(io.BytesIO(data))
        lines = [line for block in document.iter_inner_content() for line in _block_lines(block)]
    except _CORRUPT as exc:
        reason = str(exc.args[0]) if exc.args else type(exc).__name__
        raise InputError(path, f"not a readable Word .docx file: {reason}") from None
    return SourceText(path=path, text="\n".join(line for line in lines if line.strip()), encoding="utf-8", format="docx")


def _block_lines(block) -> list[str]:
    if not isinstance(block, Table):
        return [block.text]
    lines = []
    seen = set()  # a merged cell is yielded for every grid cell it covers: keep its first
    for row in block.rows:
        cells = []
        for cell in row.cells:
            if cell._tc not in seen:
                seen.add(cell._tc)
                inner = (line for part in cell.iter_inner_content() for line in _block_lines(part))
                cells.append(" ".join(inner).replace("\n", " "))  # cell.text omits nested tables
        lines.append("\t".join(cells))
    return lines
