"""A report scores the same in every form it arrives in: web page, Word, PDF, odd encodings.

Each seed is turned into its variants (tests/variants.py) at test time; every variant must give
element statuses identical to the seed's .txt. Then each reader's own promises: page boilerplate
gone, line structure kept, running headers and page numbers dropped, clear errors for scans and
broken files.
"""

from __future__ import annotations

import re

import docx
import pytest

from scorer.errors import InputError
from scorer.ingest import read_document
from scorer.normalize import normalize
from scorer.pipeline import score_file
from tests import variants
from tests.conftest import SEEDS

SEED_FILES = sorted(SEEDS.glob("*.txt"))
READ_AS = {  # variant -> (format, encoding) its reader must report
    "html": ("html", "utf-8"),
    "html_gbk": ("html", "gb18030"),
    "docx": ("docx", "utf-8"),
    "pdf": ("pdf", "utf-8"),
    "gb18030": ("txt", "gb18030"),
    "hard_wrapped": ("txt", "utf-8"),
    "full_width_digits": ("txt", "utf-8"),
}


@pytest.fixture(scope="module")
def variant_files(tmp_path_factory):
    """{seed stem: {variant name: path}}, generated once for the module."""
    directory = tmp_path_factory.mktemp("variants")
    return {seed.stem: variants.write_variants(seed, directory) for seed in SEED_FILES}


@pytest.fixture(scope="module")
def scored(matcher):
    """score_file with a cache: each file is analysed once however many tests look at it."""
    cache = {}

    def run(path):
        if path not in cache:
            cache[path] = score_file(path, matcher)
        return cache[path]

    return run


def _statuses(analysis) -> dict[str, str]:
    return {element.id: element.status for element in analysis.elements}


@pytest.mark.parametrize("variant", READ_AS)
@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda seed: seed.stem[:3])
def test_every_form_of_a_report_gets_the_statuses_of_its_text(seed, variant, variant_files, scored):
    path = variant_files[seed.stem][variant]
    source = read_document(path)
    assert (source.format, source.encoding) == READ_AS[variant]
    assert _statuses(scored(path)) == _statuses(scored(seed))


@pytest.mark.parametrize("variant", READ_AS)
@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda seed: seed.stem[:3])
def test_evidence_offsets_index_the_decoded_text(seed, variant, variant_files, scored):
    path = variant_files[seed.stem][variant]
    text = read_document(path).text
    analysis = scored(path)
    evidence = [e for element in analysis.elements for e in element.evidence if e.match == "alias"]
    assert evidence
    for item in evidence:  # the offsets find, in this form's own text, the sentence with the phrase
        assert item.term in normalize(text[item.start : item.end]).text.replace("\n", "")


# --- web pages --------------------------------------------------------------------------------


@pytest.mark.parametrize("variant", ["html", "html_gbk"])
@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda seed: seed.stem[:3])
def test_a_page_gives_its_body_without_boilerplate(seed, variant, variant_files):
    text = read_document(variant_files[seed.stem][variant]).text
    for word in variants.BOILERPLATE:
        assert word not in text
    lines = [_squeezed(line) for line in text.split("\n")]
    kept = [_squeezed(line) for line in variants.lines(seed.read_text(encoding="utf-8")) if not _page_chrome(line)]
    assert [line for line in lines if line in kept] == kept  # every paragraph a line, in order


def _page_chrome(line: str) -> bool:
    """Seed lines that are themselves remnants of the page they were copied from."""
    return bool(re.search(r"首页|>>|分享到|浏览|字体", line))


def _squeezed(line: str) -> str:
    """A line with each run of spaces (&nbsp; too) as one space, as in a rendered page."""
    return " ".join(line.split())


@pytest.mark.parametrize(
    "stem, line",
    [
        ("000", "发布时间:2021-01-19 发布机构:办公室"),
        ("001", "体裁分类:工作部署 主题分类:综合政务 发布时间: 2021-03-22 发布机构:司法局"),
        ("002", "2024年02月26日 来源: 市司法局 作者:"),
    ],
)
def test_a_copied_info_bar_keeps_its_facts_and_loses_its_widgets(stem, line, variant_files):
    assert line in _page_lines(variant_files, stem)


def test_a_copied_breadcrumb_goes(variant_files):
    # 003 opens with the breadcrumb 首页 / >>政务公开>>政府建设
    assert _page_lines(variant_files, "003")[0] == "海曙区人民政府关于2020年度法治政府建设情况的报告"


@pytest.mark.parametrize(
    "stem, end",
    [("002", "提供坚强的法治保障。"), ("003", "切实提升基层法治建设整体水平。")],  # then 浏览量: / 分享到:
)
def test_a_copied_closing_widget_goes(stem, end, variant_files):
    assert _page_lines(variant_files, stem)[-1].endswith(end)


def _page_lines(variant_files, stem: str) -> list[str]:
    paths = next(paths for name, paths in variant_files.items() if name.startswith(stem))
    return [_squeezed(line) for line in read_document(paths["html"]).text.split("\n")]


def test_a_gbk_page_reads_the_same_as_its_utf8_twin(variant_files):
    for paths in variant_files.values():
        assert read_document(paths["html_gbk"]).text == read_document(paths["html"]).text


@pytest.mark.parametrize(
    "meta, data_encoding, encoding",
    [
        ('<meta charset="gb2312">', "gbk", "gb18030"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=GBK">', "gbk", "gb18030"),
        ("", "gb18030", "gb18030"),  # no declaration: detected
        ('<meta charset="gb2312">', "utf-8", "utf-8"),  # re-saved as UTF-8, stale meta
        ('<meta charset="iso-8859-1">', "gbk", "gb18030"),  # a Western label cannot carry the text
    ],
)
def test_a_page_encoding_comes_from_its_meta_or_its_bytes(tmp_path, meta, data_encoding, encoding):
    page = f"<html><head>{meta}<title>报告</title></head><body><h1>法治政府建设情况报告</h1>" \
           "<p>严格落实宪法宣誓制度。</p></body></html>"
    path = tmp_path / "page.htm"
    path.write_bytes(page.encode(data_encoding))
    source = read_document(path)
    assert (source.text, source.encoding) == ("法治政府建设情况报告\n严格落实宪法宣誓制度。", encoding)


# --- Word -------------------------------------------------------------------------------------


def test_word_gives_headings_paragraphs_and_tables_in_document_order(tmp_path):
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "页眉:某市司法局"
    document.add_heading("一、主要举措", level=1)
    document.add_paragraph("全年审查规范性文件12件。")
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).text = "事项"
    table.cell(0, 1).merge(table.cell(0, 2)).text = "数量"
    for column, value in enumerate(["复议案件", "35", "件"]):
        table.cell(1, column).text = value
    document.add_paragraph("二是落实法律顾问制度。")
    path = tmp_path / "report.docx"
    document.save(path)
    assert read_document(path).text == "一、主要举措\n全年审查规范性文件12件。\n事项\t数量\n复议案件\t35\t件\n二是落实法律顾问制度。"


# --- PDF --------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda seed: seed.stem[:3])
def test_a_pdf_rejoins_wrapped_lines_and_drops_running_header_and_page_numbers(seed, variant_files):
    lines = read_document(variant_files[seed.stem]["pdf"]).text.split("\n")
    assert "人民政府文件" not in lines
    assert not [line for line in lines if re.fullmatch(r"- \d+ -", line)]
    # every body paragraph, wrapped over several lines on the page, is one line again; the CID
    # font the generator uses cannot carry the middle dot of "12·4" through the round trip
    paragraphs = [line.replace("·", "") for line in variants.lines(seed.read_text(encoding="utf-8"))
                  if len(line) >= 40 and " " not in line]
    assert paragraphs and all(paragraph in lines for paragraph in paragraphs)


@pytest.mark.parametrize(
    "text_pages, reason",
    [
        (0, "no text layer (scanned PDF?); run OCR first"),
        (1, "only 1 of 3 pages have text: no text layer (scanned PDF?); run OCR first"),
    ],
)
def test_a_scanned_pdf_is_refused_with_the_reason(tmp_path, text_pages, reason):
    path = tmp_path / "scan.pdf"
    path.write_bytes(variants.scanned_pdf(text_pages))
    assert _refusal(path) == reason


# --- broken files -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("report.docx", "法治政府建设情况报告".encode("utf-8"), "not a readable Word .docx file"),
        ("report.docx", b"PK\x03\x04" + b"\x00" * 200, "not a readable Word .docx file"),
        ("report.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "not a readable Word .docx file"),
        ("report.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", "not a readable PDF"),
        ("report.pdf", "法治政府建设情况报告".encode("utf-8"), "not a readable PDF"),
    ],
    ids=["text", "truncated-zip", "legacy-doc", "truncated-pdf", "not-pdf"],
)
def test_a_broken_file_is_refused_in_one_line(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    assert _refusal(path).startswith(reason)


def test_half_a_pdf_is_refused(tmp_path, variant_files):
    data = next(iter(variant_files.values()))["pdf"].read_bytes()
    path = tmp_path / "half.pdf"
    path.write_bytes(data[: len(data) // 2])
    assert _refusal(path).startswith("not a readable PDF")


def _refusal(path) -> str:
    """The reason read_document gives for refusing `path`, after checking it is one line naming
    the file."""
    with pytest.raises(InputError) as error:
        read_document(path)
    message = str(error.value)
    assert message.startswith(f"{path}: ") and "\n" not in message
    return error.value.reason


# --- hard-wrapped text ------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda seed: seed.stem[:3])
def test_a_number_cut_by_a_hard_wrap_is_whole_again(seed):
    text = seed.read_text(encoding="utf-8")
    numbers = re.findall(r"\d+", normalize(text).text)
    assert re.findall(r"\d+", normalize(variants.hard_wrapped(text)).text) == numbers


def test_a_title_that_later_pages_repeat_as_their_header_stays_once(tmp_path):
    seed = SEEDS / "000_a0afd6c5fbedfa4c.txt"
    title = seed.read_text(encoding="utf-8").splitlines()[0]
    path = tmp_path / "report.pdf"
    path.write_bytes(variants.pdf(seed.read_text(encoding="utf-8"), title_as_later_header=True))
    text = read_document(path).text
    assert text.count(title) == 1 and text.startswith(title)


def test_text_in_a_table_nested_in_a_table_cell_is_kept(tmp_path):
    document = docx.Document()
    outer = document.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "指标"
    inner = outer.cell(0, 1).add_table(rows=1, cols=1)
    inner.cell(0, 0).text = "行政机关负责人出庭应诉率100%"
    path = tmp_path / "nested.docx"
    document.save(path)
    assert "行政机关负责人出庭应诉率100%" in read_document(path).text


def test_a_report_inside_pre_keeps_its_lines(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><body><pre>某县2020年度法治政府建设情况报告\n一、主要工作\n严格落实宪法宣誓制度。\n二、存在的问题\n"
        "执法力量薄弱。</pre></body></html>",
        encoding="utf-8",
    )
    assert read_document(path).text.splitlines() == [
        "某县2020年度法治政府建设情况报告", "一、主要工作", "严格落实宪法宣誓制度。", "二、存在的问题", "执法力量薄弱。",
    ]
