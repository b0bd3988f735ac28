"""Decoding real-world bytes, and one clear error per unreadable file."""

from __future__ import annotations

import codecs

import pytest

from scorer.errors import InputError
from scorer.ingest import read_document
from scorer.ingest.encoding import decode

TEXT = "秦皇岛市人民政府2020年度法治政府建设情况报告\n严格落实宪法宣誓制度。\n"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("gbk"), "gb18030"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
    ],
)
def test_encodings_are_detected_from_the_bytes(tmp_path, data, encoding):
    path = tmp_path / "report.txt"
    path.write_bytes(data)
    source = read_document(path)
    assert source.text == TEXT
    assert source.encoding == encoding


def test_markdown_reads_like_text(tmp_path):
    path = tmp_path / "report.md"
    path.write_text("# 报告\n\n严格落实宪法宣誓制度。", encoding="utf-8")
    assert read_document(path).format == "md"


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("empty.txt", b"", "file is empty"),
        ("blank.txt", b" \n\n\t", "file is empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10, "binary file"),
        ("broken.txt", "报告".encode("utf-8") + b"\xff\xfe\xfa\x80\x81" * 3, "cannot decode"),
        ("report.xls", "报告".encode("utf-8"), "unsupported file type '.xls'"),
    ],
)
def test_unreadable_files_get_one_line_naming_the_file(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as error:
        read_document(path)
    message = str(error.value)
    assert message.startswith(str(path)) and reason in message
    assert "\n" not in message


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        read_document(tmp_path / "nowhere.txt")


def test_a_damaged_file_of_any_format_is_one_line_not_a_traceback(tmp_path):
    import zipfile

    path = tmp_path / "report.docx"
    with zipfile.ZipFile(path, "w") as archive:  # a zip whose main part is not even XML
        archive.writestr("[Content_Types].xml", "\x00\x01 not xml")
    with pytest.raises(InputError) as error:
        read_document(path)
    assert str(error.value).startswith(str(path)) and "\n" not in str(error.value)


@pytest.mark.parametrize("declared", ["koi8-r", "windows-1251", "cp1252", "latin-1"])
def test_a_wrongly_declared_single_byte_charset_does_not_garble_a_gbk_page(declared):
    text, encoding = decode("page.html", TEXT.encode("gbk"), declared)
    assert (text, encoding) == (TEXT, "gb18030")
