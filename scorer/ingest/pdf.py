"""PDF reports: the text layer as paragraphs, one per line, without running headers and page numbers.

pdfminer.six lays out each page's text lines (it ships the CJK character maps Chinese PDFs use).
A line wraps, and is re-joined with the next, when the next line's first word would not have
fitted at its end with an em to spare, the next line starts at the left margin and no extra space
lies between them; any other line break ends a paragraph. The first and last lines of a page go
when they are a page number or repeat, digits aside, on at least half the pages. A PDF without a
text layer (a scan) is an error: there is nothing to score.

A PDF is a graph of objects, and a hostile one loops or multiplies: pages are counted before any
is laid out (--max-pages), a chain of references that comes back on itself is an error rather
than pdfminer's endless loop, and what a page draws is bounded (form objects nested at most
MAX_FORM_DEPTH deep, MAX_FIGURES_PER_PAGE forms and images, MAX_GLYPHS_PER_PAGE characters, and
--max-chars in all) so that forms drawing forms cannot grow a few KB into gigabytes.
"""

from __future__ import annotations

import io
import logging
import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass

from itertools import islice

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTContainer, LTTextLineHorizontal
from pdfminer.pdfdocument import PDFDocument, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import PDFObjRef
from pdfminer.psexceptions import PSException

from scorer.errors import InputError
from scorer.limits import Limits, over_limit
from scorer.models import SourceText
from scorer.normalize import needs_space

_DASHES = r"[-\u2013\u2014\uff0d\s]*"
_PAGE_NUMBER = re.compile(
    rf"{_DASHES}(?:第\s*)?\d{{1,4}}\s*页?\s*(?:(?:/|\uff0f|共)\s*\d{{1,4}}\s*页?)?{_DASHES}"
    r"|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?",
    re.IGNORECASE,
)
_FIRST_WORD = re.compile(
    "[(\\[{\u201c\u2018\u300a\u3008\u300c\u300e\u3010\u3014\uff08\uff3b\uff5b]*"
    "(?:[0-9A-Za-z][0-9A-Za-z.%/\\-]*|.)"
    "[)\\]}\u201d\u2019\u300b\u3009\u300d\u300f\u3011\u3015\uff09\uff3d\uff5d,.;:!?%"
    "\u3001\u3002\uff0c\uff1b\uff1a\uff01\uff1f\uff05]*"
)
"""What a line cannot break inside: a Latin word or number, or one character, with the brackets
and punctuation that may not be parted from it."""
_EDGE_LINES = 2
"""At most this many running lines at the top and at the bottom of a page."""
_NO_TEXT = "no text layer (scanned PDF?); run OCR first"
MAX_FORM_DEPTH = 12
"""Form objects (drawings reused by reference) inside form objects: generators nest two or three."""
MAX_FIGURES_PER_PAGE = 2_000
"""Form objects and images drawn on one page."""
MAX_GLYPHS_PER_PAGE = 50_000
"""Characters drawn on one page; a dense page of small print has under 5,000, and pdfminer's
layout of a page slows down more than linearly with them."""

logging.getLogger("pdfminer").setLevel(logging.ERROR)  # it warns on stderr of defects it recovers from


@dataclass(frozen=True)
class _Line:
    """A visual line: the pdfminer text lines on one baseline, left to right."""

    text: str
    x0: float
    x1: float
    y0: float
    y1: float


@dataclass(frozen=True)
class _Layout:
    """The body text's geometry: its font size (em), margins and usual gap between lines."""

    em: float
    left: float
    right: float
    paragraph_gap: float

    @classmethod
    def of(cls, pages: list[list[_Line]]) -> _Layout:
        lines = [line for page in pages for line in page]
        em = statistics.median(line.y1 - line.y0 for line in lines)
        gaps = [above.y0 - below.y1 for page in pages for above, below in zip(page, page[1:])]
        return cls(
            em=em,
            left=Counter(round(line.x0) for line in lines).most_common(1)[0][0],
            right=sorted(line.x1 for line in lines)[int(0.9 * (len(lines) - 1))],
            paragraph_gap=(statistics.median(gaps) if gaps else 0) + em / 2,
        )

    def wraps(self, line: _Line, after: _Line, same_page: bool) -> bool:
        """Is `line` the continuation of the paragraph that `after`, the line before, is in?"""
        word = _FIRST_WORD.match(line.text).group()
        return (
            after.x1 + self.width(word) + self.em > self.right  # an em to spare: line-breaking rules
            and line.x0 <= self.left + self.em / 2
            and (not same_page or after.y0 - line.y1 <= self.paragraph_gap)
        )

    def width(self, text: str) -> float:
        """Estimated width of `text`: CJK characters and punctuation (“”—) one em, others half."""
        return sum(self.em if unicodedata.east_asian_width(char) in "WFA" else self.em / 2 for char in text)


def read(path: str, data: bytes, limits: Limits) -> SourceText:
    try:
        pages = [_page_lines(page) for page in _layouts(data, limits)]
    except _Refused as exc:
        raise InputError(path, str(exc)) from None
    except PDFPasswordIncorrect:
        raise InputError(path, "the PDF is protected by a password") from None
    except (PSException, ValueError, KeyError, TypeError) as exc:
        raise InputError(path, f"not a readable PDF: {exc}") from None
    pages = _drop_running_lines(pages)
    with_text = sum(1 for page in pages if page)
    if with_text == 0:
        raise InputError(path, _NO_TEXT)
    if with_text * 2 < len(pages):
        raise InputError(path, f"only {with_text} of {len(pages)} pages have text: {_NO_TEXT}")
    return SourceText(path=path, text="\n".join(_paragraphs(pages)), encoding="utf-8", format="pdf")


class _Refused(Exception):
    """The PDF goes past a limit, or loops; the message says which."""


def _layouts(data: bytes, limits: Limits):
    """pdfminer's layout of each page (what high_level.extract_pages does, within the limits)."""
    document = _Document(PDFParser(io.BytesIO(data)))
    pages = list(islice(PDFPage.create_pages(document), limits.max_pages + 1))
    if len(pages) > limits.max_pages:
        raise _Refused(over_limit("too many pages", None, limits.max_pages, "pages", "--max-pages"))
    device = _BoundedLayout(PDFResourceManager(), limits, laparams=LAParams(all_texts=True))
    interpreter = PDFPageInterpreter(device.rsrcmgr, device)
    for page in pages:
        interpreter.process_page(page)
        yield device.get_result()


class _Document(PDFDocument):
    """An object whose whole value is a reference to another is followed to what it names here,
    once: pdfminer's resolve1 follows such a chain forever when it comes back on itself."""

    def getobj(self, objid: int) -> object:
        chain = [objid]
        found = super().getobj(objid)
        while isinstance(found, PDFObjRef):
            if found.objid in chain:
                loop = " -> ".join(map(str, [*chain, found.objid]))
                raise _Refused(f"not a readable PDF: object {objid} is a loop of references ({loop})")
            chain.append(found.objid)
            found = super().getobj(found.objid)
        return found


class _BoundedLayout(PDFPageAggregator):
    """pdfminer's page layout, refusing a page that draws more than a report page can hold."""

    def __init__(self, resources: PDFResourceManager, limits: Limits, laparams: LAParams):
        super().__init__(resources, laparams=laparams)
        self.limits = limits
        self.glyphs = self.page_glyphs = self.page_figures = 0

    def begin_page(self, page, ctm) -> None:
        self.page_glyphs = self.page_figures = 0
        super().begin_page(page, ctm)

    def begin_figure(self, name, bbox, matrix) -> None:
        self.page_figures += 1
        if len(self._stack) >= MAX_FORM_DEPTH:
            raise _Refused(over_limit(f"form objects nested too deep on page {self.pageno}", None, MAX_FORM_DEPTH, "levels"))
        if self.page_figures > MAX_FIGURES_PER_PAGE:
            raise _Refused(over_limit(f"too many form objects and images on page {self.pageno}", None, MAX_FIGURES_PER_PAGE))
        super().begin_figure(name, bbox, matrix)

    def render_char(self, *args, **kwargs) -> float:
        self.glyphs += 1
        self.page_glyphs += 1
        if self.page_glyphs > MAX_GLYPHS_PER_PAGE:
            raise _Refused(over_limit(f"too many characters drawn on page {self.pageno}", None, MAX_GLYPHS_PER_PAGE))
        if self.glyphs > self.limits.max_chars:
            raise _Refused(over_limit("text too long", None, self.limits.max_chars, "characters", "--max-chars"))
        return super().render_char(*args, **kwargs)


def _page_lines(page: LTContainer) -> list[_Line]:
    """The page's visual lines, top to bottom."""
    rows: list[list[LTTextLineHorizontal]] = []
    for part in sorted(_text_lines(page), key=lambda part: -part.y1):
        if rows and rows[-1][0].y0 <= (part.y0 + part.y1) / 2 <= rows[-1][0].y1:
            rows[-1].append(part)
        else:
            rows.append([part])
    lines = []
    for row in rows:
        row.sort(key=lambda part: part.x0)
        text = " ".join(part.get_text().strip() for part in row).strip()
        if text:
            lines.append(_Line(text, row[0].x0, max(p.x1 for p in row), min(p.y0 for p in row), max(p.y1 for p in row)))
    return lines


def _text_lines(container: LTContainer):
    for item in container:
        if isinstance(item, LTTextLineHorizontal):
            yield item
        elif isinstance(item, LTContainer):
            yield from _text_lines(item)


_SAME_HEIGHT = 3.0
"""Points within which two lines on different pages are at the same height."""


def _drop_running_lines(pages: list[list[_Line]]) -> list[list[_Line]]:
    """Pages without page numbers and running headers and footers at their top and bottom."""
    pages = [list(lines) for lines in pages]
    for edge in (0, -1):
        for _ in range(_EDGE_LINES):
            heights: dict[str, list[float]] = {}
            for lines in pages:
                if lines:
                    heights.setdefault(_shape(lines[edge].text), []).append(lines[edge].y0)
            for lines in pages:
                if lines and (_PAGE_NUMBER.fullmatch(lines[edge].text) or _is_running(lines[edge], heights, len(pages))):
                    del lines[edge]
    return pages


def _shape(text: str) -> str:
    """A line's text with its numbers masked: "第 3 页" and "第 4 页" have the same shape."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _is_running(line: _Line, heights: dict[str, list[float]], pages: int) -> bool:
    """Repeated (digits aside) at the same height on at least half the pages: a page 1 title that
    later pages repeat as their header sits lower than the header, and stays."""
    count = sum(abs(y0 - line.y0) <= _SAME_HEIGHT for y0 in heights[_shape(line.text)])
    return count >= 2 and count * 2 >= pages


def _paragraphs(pages: list[list[_Line]]) -> list[str]:
    """Re-join wrapped lines into paragraphs, across page breaks too."""
    layout = _Layout.of(pages)
    paragraphs: list[str] = []
    previous: _Line | None = None
    for page in pages:
        for index, line in enumerate(page):
            if previous is not None and layout.wraps(line, previous, same_page=index > 0):
                paragraphs[-1] += (" " if needs_space(paragraphs[-1][-1], line.text[0]) else "") + line.text
            else:
                paragraphs.append(line.text)
            previous = line
    return paragraphs
