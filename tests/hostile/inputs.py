"""Hostile inputs of issue 13, built on demand at any size: the tests build small ones that still
trip each limit, bench/worst.py the real-size ones and the largest that are still accepted.

Each builder writes one file (or special file) under `folder` and returns its path. The PDFs
are written byte by byte (a few objects, a correct cross-reference table) because what makes them
hostile is their object graph, which no PDF library would write on purpose.
"""

from __future__ import annotations

import os
import re
import socket
import zipfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SEED = ROOT / "seeds" / "000_a0afd6c5fbedfa4c.txt"
_CHUNK = 1 << 20


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def _repeat_to(folder: Path, name: str, unit: bytes, size: int, head: bytes = b"", tail: bytes = b"") -> Path:
    """A file of `head`, `unit` repeated to about `size` bytes, then `tail`; written in chunks."""
    path = folder / name
    count = max(1, (size - len(head) - len(tail)) // len(unit))
    block = unit * max(1, _CHUNK // len(unit))
    per_block = len(block) // len(unit)
    with path.open("wb") as out:
        out.write(head)
        for _ in range(count // per_block):
            out.write(block)
        out.write(unit * (count % per_block))
        out.write(tail)
    return path


# --- text and web pages -----------------------------------------------------------------------


def big_text(folder: Path, size: int, name: str = "big.txt") -> Path:
    """A real report repeated to `size` bytes."""
    return _repeat_to(folder, name, seed_text().encode("utf-8") + b"\n", size)


def long_line(folder: Path, size: int, name: str = "long_line.txt") -> Path:
    """A report's words without a sentence end or a line break: one sentence of `size` bytes."""
    words = re.sub(r"[。!?;！？；\n\r\s]", "", seed_text()).encode("utf-8")
    return _repeat_to(folder, name, words, size)


def flat_page(folder: Path, size: int, name: str = "flat.html", unit: str = "<p>依法行政工作取得新进展。</p>\n") -> Path:
    """A web page of `unit` (a short paragraph) repeated to `size` bytes: many elements, no depth."""
    head = b"<html><head><meta charset='utf-8'></head><body>"
    return _repeat_to(folder, name, unit.encode(), size, head, b"</body></html>")


def tag_soup(folder: Path, tags: int, name: str = "soup.html") -> Path:
    """A page of `tags` tags and little else (3 bytes a tag)."""
    return _repeat_to(folder, name, b"<i>", 3 * tags)


def deep_page(folder: Path, depth: int, name: str = "deep.html") -> Path:
    """A web page whose text sits inside `depth` nested <div>s, with a few links on the way."""
    path = folder / name
    body = "<div>" * depth + "<p>我们推进严格规范公正文明执法。</p>" + "<a href='#'>首页</a>" * 3 + "</div>" * depth
    path.write_text(f"<html><head><meta charset='utf-8'></head><body>{body}</body></html>", encoding="utf-8")
    return path


# --- Word -------------------------------------------------------------------------------------

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
_DOCUMENT_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    b"<w:p><w:r><w:t>\xe6\xb3\x95\xe6\xb2\xbb\xe6\x94\xbf\xe5\xba\x9c\xe5\xbb\xba\xe8\xae\xbe</w:t></w:r></w:p>"
)
_DOCUMENT_TAIL = b"</w:body></w:document>"


def word_bomb(folder: Path, paragraphs: int, name: str = "bomb.docx") -> Path:
    """A .docx whose document.xml holds `paragraphs` empty paragraphs: 100 million of them
    deflate to about 600 KB."""
    path = folder / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr("_rels/.rels", _RELS)
        with package.open("word/document.xml", "w", force_zip64=paragraphs > 100_000_000) as document:
            document.write(_DOCUMENT_HEAD)
            block = b"<w:p/>" * 100_000
            for _ in range(paragraphs // 100_000):
                document.write(block)
            document.write(b"<w:p/>" * (paragraphs % 100_000))
            document.write(_DOCUMENT_TAIL)
    return path


def word_many_members(folder: Path, members: int, name: str = "members.docx") -> Path:
    """A small valid .docx padded with `members` empty zip members."""
    path = folder / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr("_rels/.rels", _RELS)
        package.writestr("word/document.xml", _DOCUMENT_HEAD + _DOCUMENT_TAIL)
        for number in range(members):
            package.writestr(f"word/media/pad{number}.bin", b"")
    return path


def word_lying_size(folder: Path, real_size: int, claimed: int, name: str = "lying.docx") -> Path:
    """A .docx whose zip directory claims document.xml inflates to `claimed` bytes while its
    deflated data inflates to `real_size` (empty paragraphs)."""
    path = word_bomb(folder, (real_size - len(_DOCUMENT_HEAD) - len(_DOCUMENT_TAIL)) // 6, name)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as package:
        info = package.getinfo("word/document.xml")
    true_size = info.file_size.to_bytes(4, "little")
    central = data.rfind(b"PK\x01\x02", 0, data.rfind(b"word/document.xml"))
    local = info.header_offset
    for where in (local + 22, central + 24):  # uncompressed size in the local and central headers
        assert data[where : where + 4] == true_size, "a zip64 member: use a smaller real_size"
        data[where : where + 4] = claimed.to_bytes(4, "little")
    path.write_bytes(bytes(data))
    return path


# --- PDF --------------------------------------------------------------------------------------


def _stream(content: bytes, entries: bytes = b"") -> bytes:
    return b"<< " + entries + b" /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF of `objects` (object 1 is the catalog) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
_PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources %s /Contents %s >>"


def _text_content(line: bytes) -> bytes:
    return b"BT /F1 12 Tf 72 720 Td (" + line + b") Tj ET"


def pdf_reference_loop(folder: Path, name: str = "loop.pdf") -> Path:
    """A page whose resources are a reference to a reference to the first: resolving them never
    ends. A few hundred bytes."""
    path = folder / name
    path.write_bytes(_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        _PAGE % (b"4 0 R", b"6 0 R"),
        b"5 0 R",
        b"4 0 R",
        _stream(_text_content(b"Rule of law report")),
    ]))
    return path


def pdf_nested_forms(folder: Path, depth: int, fanout: int = 4, name: str = "nested.pdf") -> Path:
    """A page that draws form `depth`, which draws form depth-1 `fanout` times, and so on down to
    a form with one line of text: fanout**depth lines from a few KB."""
    path = folder / name
    first_form = 5
    forms = [_stream(_text_content(b"x"), b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >>")]
    for level in range(1, depth + 1):
        draws = b" ".join(b"q 1 0 0 1 %d %d cm /X Do Q" % (step, step) for step in range(fanout))
        resources = b"<< /XObject << /X %d 0 R >> >>" % (first_form + level - 1)
        forms.append(_stream(draws, b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources " + resources))
    top = first_form + depth
    path.write_bytes(_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        _PAGE % (b"<< /XObject << /X %d 0 R >> >>" % top, b"%d 0 R" % (top + 1)),
        _FONT,
        *forms,
        _stream(b"/X Do"),
    ]))
    return path


def pdf_dense_page(folder: Path, glyphs: int, name: str = "dense.pdf") -> Path:
    """One page that draws `glyphs` characters, in lines of 100."""
    path = folder / name
    line = b"(" + b"x" * 100 + b") Tj 0 -1 Td "
    lines = b"BT /F1 1 Tf 10 780 Td " + line * (glyphs // 100) + b"(" + b"x" * (glyphs % 100) + b") Tj ET"
    path.write_bytes(_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        _PAGE % (b"<< /Font << /F1 4 0 R >> >>", b"5 0 R"),
        _FONT,
        _stream(lines),
    ]))
    return path


def _letters(number: int) -> bytes:
    """A number in letters (0 -> a, 26 -> ba): a line that differs from page to page even with
    its digits masked, so that it is not taken for a running header."""
    out = b""
    while True:
        number, digit = divmod(number, 26)
        out = bytes([97 + digit]) + out
        if not number:
            return out


def pdf_pages(folder: Path, pages: int, name: str = "pages.pdf", lines: int = 1, width: int = 0) -> Path:
    """A PDF of `pages` pages, each with `lines` lines of text (repeated to about `width` characters)."""
    path = folder / name
    first_page = 4
    kids = b" ".join(b"%d 0 R" % (first_page + 2 * page) for page in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        _FONT,
    ]
    for page in range(pages):
        contents = first_page + 2 * page + 1
        objects.append(_PAGE % (b"<< /Font << /F1 3 0 R >> >>", b"%d 0 R" % contents))
        text = [b"Rule of law report, part " + _letters(page * lines + line) for line in range(lines)]
        shown = b" ".join(b"(" + (line + b" ") * max(1, width // (len(line) + 1)) + b") Tj 0 -14 Td" for line in text)
        objects.append(_stream(b"BT /F1 9 Tf 36 760 Td " + shown + b" ET"))
    path.write_bytes(_pdf(objects))
    return path


# --- checklists -------------------------------------------------------------------------------


def checklist_anchors(folder: Path, levels: int, fanout: int = 9, name: str = "anchors.yaml") -> Path:
    """A checklist whose first alias list expands to fanout**levels strings through nested
    YAML anchors (a "billion laughs")."""
    lines = ["id: laughs", "version: '1'", "title: laughs", "l0: &l0 [lol]"]
    for level in range(1, levels + 1):
        lines.append(f"l{level}: &l{level} [{', '.join([f'*l{level - 1}'] * fanout)}]")
    lines += [
        "sections:",
        "  - id: s",
        "    title: s",
        "    elements:",
        "      - {id: e, name: e, weight: 1, aliases: *l%d}" % levels,
    ]
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def checklist_big(folder: Path, size: int, name: str = "big.yaml") -> Path:
    """A valid checklist of about `size` bytes: many elements with distinct ids."""
    head = "id: big\nversion: '1'\ntitle: big\nsections:\n  - id: s\n    title: s\n    elements:\n"
    element = "      - id: e{0}\n        name: 要素{0}\n        weight: 1\n        aliases: [依法行政要素{0}, 法治政府要素{0}]\n"
    path = folder / name
    with path.open("w", encoding="utf-8") as out:
        out.write(head)
        number = 0
        written = len(head)
        while written < size:
            entry = element.format(number)
            out.write(entry)
            written += len(entry.encode("utf-8"))
            number += 1
    return path


# --- what is not a regular file, and names ----------------------------------------------------


def named_pipe(folder: Path, name: str = "pipe.txt") -> Path:
    path = folder / name
    os.mkfifo(path)
    return path


def unix_socket(folder: Path, name: str = "socket.txt") -> tuple[Path, socket.socket]:
    """A listening Unix socket file; the caller closes the socket."""
    path = folder / name
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    return path, server


def link(folder: Path, target: str | Path, name: str) -> Path:
    path = folder / name
    path.symlink_to(target)
    return path


def link_loop(folder: Path, name: str = "loop.txt") -> Path:
    """Two links that point at each other."""
    other = folder / f"other_{name}"
    path = link(folder, other.name, name)
    other.symlink_to(path.name)
    return path


def seed_named(folder: Path, name: str) -> Path:
    """A copy of a real report under an odd name (control characters, a long name)."""
    path = folder / name
    path.write_bytes(SEED.read_bytes())
    return path
