"""Word .docx reports: paragraphs, headings and tables as text lines, in document order.

python-docx reads the body; a table row becomes one line with its cells separated by a tab, a
merged cell given once. Page headers and footers are not part of the body and so are left out.

A .docx is a zip, and a zip can inflate a thousandfold: its directory is checked first (members,
bytes once unzipped, bytes of each XML part python-docx will parse), then the tags of the XML
parts are counted as they are unzipped, before python-docx parses them. The directory cannot lie
its way past this: zipfile stops reading a member at the size the directory gives, and a member
whose data goes on is then a CRC error.
"""

from __future__ import annotations

import io
import zipfile

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from lxml.etree import XMLSyntaxError

from scorer.errors import InputError
from scorer.limits import Limits, over_limit
from scorer.models import SourceText
from scorer.printable import printable

_CORRUPT = (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError)
MAX_MEMBERS = 10_000
"""Files inside the zip; a report has a dozen, and one with many pictures a few hundred."""
MAX_UNZIPPED = 200_000_000
"""Bytes of all the members unzipped: pictures are stored as they are, so a file within
--max-bytes holds about that much of them."""
MAX_XML_PART = 40_000_000
"""Bytes of one XML part unzipped (document.xml above all), which python-docx parses whole; a
300-page report with tables has a few MB."""
MAX_XML_TAGS = 1_000_000
"""Tags (each < counted) of the XML parts together: about 600 pages of formatted text. python-docx
spends some 25 µs on each paragraph and each run, so 100 million empty paragraphs in a 340 KB
file took 5.6 GB and minutes; this many take at most 25 s."""
_COUNT_CHUNK = 1 << 20


def read(path: str, data: bytes, limits: Limits) -> SourceText:
    try:
        _check_package(path, zipfile.ZipFile(io.BytesIO(data)))
        document = docx.Document(io.BytesIO(data))
        lines = [line for block in document.iter_inner_content() for line in _block_lines(block)]
    except _CORRUPT as exc:
        reason = str(exc.args[0]) if exc.args else type(exc).__name__
        raise InputError(path, f"not a readable Word .docx file: {reason}") from None
    return SourceText(path=path, text="\n".join(line for line in lines if line.strip()), encoding="utf-8", format="docx")


def _check_package(path: str, package: zipfile.ZipFile) -> None:
    """The limits, from the zip's directory, then from the XML parts as they are unzipped."""
    members = package.infolist()
    if len(members) > MAX_MEMBERS:
        raise InputError(path, over_limit("Word file with too many parts", len(members), MAX_MEMBERS, "zip members"))
    unzipped = sum(member.file_size for member in members)
    if unzipped > MAX_UNZIPPED:
        raise InputError(path, over_limit("Word file too large unzipped", unzipped, MAX_UNZIPPED, "bytes"))
    parts = [member for member in members if member.filename.endswith((".xml", ".rels"))]
    for member in parts:
        if member.file_size > MAX_XML_PART:
            name = printable(member.filename)
            raise InputError(path, over_limit(f"Word file's {name} too large unzipped", member.file_size, MAX_XML_PART, "bytes"))
    tags = 0
    for member in parts:
        with package.open(member) as part:
            while chunk := part.read(_COUNT_CHUNK):
                tags += chunk.count(b"<")
    if tags > MAX_XML_TAGS:
        raise InputError(path, over_limit("Word file with too many XML tags", tags, MAX_XML_TAGS, "tags"))


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
