"""Facts about the report as a document, read from its text; None when not found, never invented.

Title, publication date and document number come from the head of the text (the title line and a
web page's 发布时间 / 文号 lines), the issuer and signature date from the signature at the end.
Each line is normalised on its own so that a value can be given as the original writes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from scorer.models import Metadata, Segmented, StructureResult
from scorer.normalize import Normalized, heading_level, normalize
from scorer.structure import REPORTS_BELOW

_HEAD_LINES, _TAIL_LINES, _OPENING_SENTENCES = 12, 6, 10
_YEAR_IN_TITLE = re.compile(r"(20\d\d)\s*年度?(?!\s*\d{1,2}\s*月)")
_TITLE_START = re.compile(r"[\u4e00-\u9fff\d()]{4,30}")
"""The first line of a title broken over two lines: plain words, no punctuation or symbols."""
_DATE = r"((?:19|20)\d\d)\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})(?!\d)\s*日?"
# Each label opens with its own character (the checks before it written as lookbehinds after it),
# so that a search skips ahead through the long opening paragraphs the head lines include.
_LABELLED_DATE = re.compile(rf"(?:发布(?:时间|日期)|日期(?<!成文日期)|时间(?<=^时间)):?\s*{_DATE}")
_LEADING_DATE = re.compile(rf"^{_DATE}(?!\s*[,，])(?!.*。)")
"""A date opening a line of its own ("2024年02月26日 来源: 市司法局"), not a sentence of the body
that starts with a date ("2021年3月5日,县政府召开常务会议…")."""
_ONLY_DATE = re.compile(rf"^{_DATE}$")
_DOC_NUMBER = r"[\u4e00-\u9fff]{1,12}[\[(]\d{4}[\])]\d{1,5}号"
_LABELLED_DOC_NUMBER = re.compile(rf"(?:发文字号|文号):?\s*({_DOC_NUMBER})")
_ONLY_DOC_NUMBER = re.compile(rf"^({_DOC_NUMBER})$")
_TITLE_END = re.compile(r"(报告|汇报|总结|答复|复函|通知|意见|公告|通报|批复|请示|决定|方案|办法|规定|规划)$")
_PUNCTUATION = re.compile(r"[,。;:!?]")
_BODY = r"(?:人民政府|政府|办公室|办公厅|委员会|局|厅|委|办|[省市县区州旗盟])"
_TITLE_ISSUER = re.compile(
    rf"^(?P<before>.{{1,30}}?{_BODY})(?:关于|\d{{4}}年)|^\d{{4}}年度?(?P<after>.{{1,30}}?{_BODY})(?:法治|依法)"
)
_SIGNATURE = re.compile(rf"^.{{1,30}}{_BODY}$")
_RULE_OF_LAW = re.compile(r"法治|依法行政")
_SPACE_BESIDE_CHINESE = re.compile(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])")


def reported_year(normalized: str) -> int | None:
    """The year a report covers: the year named in its title (the first line naming 报告, with
    the line before it when the title is broken over two: "XX市人民政府关于2020年度 / 法治…报告")."""
    lines = normalized.split("\n", 8)[:8]
    for index, line in enumerate(lines):
        if "报告" in line:
            before = lines[index - 1] if index and _starts_title(lines[index - 1]) else ""
            match = _YEAR_IN_TITLE.search(before + line)
            if match:
                return int(match.group(1))
    return None


@dataclass(frozen=True)
class _Line:
    """A non-empty line of the original text and its normalised form."""

    raw: str
    norm: Normalized

    @property
    def text(self) -> str:
        return self.norm.text

    def written(self, start: int = 0, end: int | None = None) -> str:
        """The original characters behind text[start:end], without spaces beside Chinese text."""
        first, last = self.norm.original_span(start, len(self.text) if end is None else end)
        return _SPACE_BESIDE_CHINESE.sub("", self.raw[first:last])


def read_metadata(doc: Segmented, structure: list[StructureResult]) -> Metadata:
    raw_lines = doc.source.text.splitlines()
    head = _head(raw_lines[: _HEAD_LINES * 2])
    written = [raw for raw in raw_lines if raw.strip()]
    tail = [_Line(raw, normalize(raw)) for raw in written[-_TAIL_LINES:]]
    title = _title(head)
    return Metadata(
        title=title.written() if title else None,
        issuer=_signature(tail) or _title_issuer(title),
        year=doc.reported_year,
        published=_first_date(head, _LABELLED_DATE) or _first_date(head, _LEADING_DATE) or _first_date(tail, _ONLY_DATE),
        doc_number=_doc_number(head),
        document_type="annual_report" if _looks_like_report(doc, title, structure) else "other",
    )


def document_warnings(metadata: Metadata, structure: list[StructureResult]) -> list[str]:
    """A reviewer should know when the scored text is not an annual report at all."""
    if metadata.document_type == "annual_report":
        return []
    found = sum(part.status == "found" for part in structure)
    return [
        f"不像法治政府建设年度报告: 标题“{metadata.title or '无'}”与开头都不是年度报告, "
        f"必备部分只找到 {found}/{len(structure)}; 要素得分仅供参考"
    ]


def _starts_title(line: str) -> bool:
    return _TITLE_START.fullmatch(line) is not None and not _ONLY_DATE.match(line)


def _head(raw_lines: list[str]) -> list[_Line]:
    """The first non-empty lines, where a title broken over two adjacent lines also appears
    joined, just before its second half (so the whole title is the one found first)."""
    out: list[_Line] = []
    previous: _Line | None = None
    for raw in raw_lines:
        if not raw.strip():
            previous = None
            continue
        line = _Line(raw, normalize(raw))
        if previous and _starts_title(previous.text) and not _TITLE_END.search(previous.text) and _TITLE_END.search(line.text):
            joined = previous.raw.strip() + raw.strip()
            out.append(_Line(joined, normalize(joined)))
        out.append(line)
        previous = line
        if len(out) >= _HEAD_LINES:
            break
    return out[:_HEAD_LINES]


def _title(head: list[_Line]) -> _Line | None:
    """The first title-shaped line of the head, preferring one that names a 报告."""
    titles = [
        line
        for line in head
        if 8 <= len(line.text) <= 80
        and _TITLE_END.search(line.text)
        and not _PUNCTUATION.search(line.text)
        and heading_level(line.text) is None
    ]
    return next((line for line in titles if "报告" in line.text), titles[0] if titles else None)


def _title_issuer(title: _Line | None) -> str | None:
    """The body named before the year or 关于 (XX市人民政府2020年度…), or after a leading year
    (2020年XX市法治政府建设…)."""
    match = _TITLE_ISSUER.search(title.text) if title else None
    if not match:
        return None
    group = "before" if match.group("before") else "after"
    return title.written(*match.span(group))


def _signature(tail: list[_Line]) -> str | None:
    """The body signing at the end: a short name on the line just above the date line."""
    for line, below in zip(tail, tail[1:]):
        if _SIGNATURE.match(line.text) and not _PUNCTUATION.search(line.text) and re.match(r"(19|20)\d\d", below.text):
            return line.written()
    return None


def _first_date(lines: list[_Line], pattern: re.Pattern[str]) -> str | None:
    """The first real day `pattern` finds: after a 发布时间 label, heading a line (2024年02月26日
    来源:…), or making up a whole line (the signature date). A date without its 年月日 or
    separators (2021115) is not read."""
    for line in lines:
        found = _iso_date(pattern.search(line.text))
        if found:
            return found
    return None


def _iso_date(match: re.Match[str] | None) -> str | None:
    if not match:
        return None
    try:
        return date(*(int(part) for part in match.groups())).isoformat()
    except ValueError:
        return None


def _doc_number(head: list[_Line]) -> str | None:
    """The document's own number (秦政发〔2021〕2号) from a 文号 field or a line of its own, as written."""
    for line in head:
        match = _LABELLED_DOC_NUMBER.search(line.text) or _ONLY_DOC_NUMBER.match(line.text)
        if match:
            return line.written(*match.span(1))
    return None


def _looks_like_report(doc: Segmented, title: _Line | None, structure: list[StructureResult]) -> bool:
    """An annual rule-of-law report by its title; else, on the topic of rule of law, by an opening
    that reports (现将有关情况报告如下) or by at least two of the required parts."""
    if title and "报告" in title.text and _RULE_OF_LAW.search(title.text) and _YEAR_IN_TITLE.search(title.text):
        return True
    if not _RULE_OF_LAW.search(doc.normalized):
        return False
    opening = any(REPORTS_BELOW.search(s.text) for s in doc.sentences[:_OPENING_SENTENCES])
    return opening or sum(part.status == "found" for part in structure) >= 2
