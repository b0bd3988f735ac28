"""Properties of the text pipeline over generated inputs (Hypothesis): random Unicode, random line
breaks, mixed encodings, random mutations of the seeds and of Word and PDF files. Whatever comes
in: no exception but InputError, every evidence offset indexes the original text, and the same
input gives the same JSON and Markdown bytes. Bounded: a few dozen examples each, no database."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorer.errors import InputError
from scorer.ingest import from_string, read_document
from scorer.render.jsonreport import json_line
from scorer.render.markdown import MarkdownReporter
from scorer.score import analyse
from scorer.segment import segment
from tests.conftest import SEEDS
from tests.hostile import inputs

BOUNDED = settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
SEED_TEXTS = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
LINE_BREAKS = ["\n", "\r\n", "\r", "\u2028", "\u2029", "\x0b", "\x0c", "\x85", "\n\n\n"]

any_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=300)  # decoded text has no lone surrogates
seed_piece = st.builds(
    lambda seed, start, length: seed[start % len(seed):][:length],
    st.sampled_from(SEED_TEXTS), st.integers(0, 40_000), st.integers(0, 600),
)
line_break = st.sampled_from(LINE_BREAKS)


def _check(text: str, matcher) -> None:
    """The properties every analysed text must have."""
    analysis = analyse(segment(from_string(text, "probe.txt")), matcher)
    for element in analysis.elements:
        for item in element.evidence:
            assert item.text == text[item.start : item.end]
        if element.near_miss:
            assert element.near_miss.text == text[element.near_miss.start : element.near_miss.end]
    again = analyse(segment(from_string(text, "probe.txt")), matcher)
    assert json_line(again) == json_line(analysis)
    assert MarkdownReporter().lines(again) == MarkdownReporter().lines(analysis)


@BOUNDED
@given(st.lists(st.one_of(any_text, seed_piece, line_break), max_size=12).map("".join))
def test_random_unicode_between_pieces_of_reports(matcher, text):
    _check(text, matcher)


@st.composite
def mutated_seed(draw) -> str:
    """A seed with random spans deleted, repeated, or replaced by line breaks or random text."""
    text = draw(st.sampled_from(SEED_TEXTS))
    for _ in range(draw(st.integers(1, 8))):
        start = draw(st.integers(0, len(text)))
        end = min(len(text), start + draw(st.integers(0, 400)))
        change = draw(st.sampled_from(["delete", "repeat", "break", "insert"]))
        middle = {
            "delete": "",
            "repeat": text[start:end] * 2,
            "break": draw(line_break).join(text[start:end].split("。")),
            "insert": text[start:end] + draw(any_text),
        }[change]
        text = text[:start] + middle + text[end:]
    return text


@BOUNDED
@given(mutated_seed())
def test_mutated_reports(matcher, text):
    _check(text, matcher)


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "gb18030", "gbk"]


@st.composite
def encoded(draw) -> tuple[str, bytes, list[str]]:
    """Text in one to three parts, each in its own encoding (a file pasted together)."""
    parts = draw(st.lists(st.tuples(st.one_of(seed_piece, any_text), st.sampled_from(ENCODINGS)), min_size=1, max_size=3))
    text = "".join(part for part, _ in parts)
    data = b"".join(part.encode(encoding, errors="ignore") for part, encoding in parts)
    return text, data, [encoding for _, encoding in parts]


def _read(data: bytes, suffix: str):
    """read_document of `data` as a file: a SourceText, or None after an InputError."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        try:
            return read_document(path)
        except InputError:
            return None


@BOUNDED
@given(encoded(), st.sampled_from([".txt", ".html"]))
def test_mixed_encodings_are_read_or_refused_with_one_line(matcher, sample, suffix):
    text, data, encodings = sample
    page = data if suffix == ".txt" else b"<html><body><p>" + data + b"</p></body></html>"
    source = _read(page, suffix)
    if source is None:
        return
    if suffix == ".txt" and len(encodings) == 1 and encodings[0] in ("utf-8-sig", "utf-16") and text.strip():
        assert source.text == text  # a BOM decides, and nothing is lost
    _check(source.text, matcher)


def _word_file() -> bytes:
    document = docx.Document()
    for line in SEED_TEXTS[4].splitlines()[:40]:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _pdf_file() -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        return inputs.pdf_pages(Path(folder), 3).read_bytes()


WORD, PDF = _word_file(), _pdf_file()


@st.composite
def mutated_bytes(draw, original: bytes) -> bytes:
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data) - 1))
        change = draw(st.sampled_from(["flip", "cut", "zero"]))
        if change == "flip":
            data[at] ^= draw(st.integers(1, 255))
        elif change == "cut":
            del data[at : at + draw(st.integers(1, 200))]
        else:
            data[at : at + 8] = bytes(8)
    return bytes(data)


@BOUNDED
@given(mutated_bytes(WORD))
def test_damaged_word_files_are_read_or_refused_with_one_line(data):
    source = _read(data, ".docx")
    assert source is None or isinstance(source.text, str)


@BOUNDED
@given(mutated_bytes(PDF))
def test_damaged_pdfs_are_read_or_refused_with_one_line(data):
    source = _read(data, ".pdf")
    assert source is None or isinstance(source.text, str)


def test_the_word_fixture_is_a_zip_hypothesis_can_damage():
    assert zipfile.is_zipfile(io.BytesIO(WORD)) and PDF.startswith(b"%PDF")
