"""Each hostile input of issue 13 (part A), small enough for CI but still over its limit: rolscore
ends it with exit 2 and one line naming the file and the limit, no traceback, in a bounded time
(the `rolscore` fixture's hang guard) and far less memory than the input could take."""

from __future__ import annotations

import json
import os
import re

import pytest

from scorer.checklist import MAX_CHECKLIST_BYTES
from scorer.files import NotReadable, read_regular_file
from scorer.ingest.docx import MAX_MEMBERS, MAX_XML_PART, MAX_XML_TAGS
from scorer.ingest.html import MAX_TAGS
from scorer.ingest.pdf import MAX_FIGURES_PER_PAGE, MAX_FORM_DEPTH, MAX_GLYPHS_PER_PAGE
from scorer.limits import MAX_BYTES, MAX_PAGES
from scorer.segment import MAX_SENTENCE_CHARS
from tests.hostile import inputs


def _one_error(run, path, pattern: str) -> str:
    """The run failed with exit 2 and a line `rolscore: PATH: ...` that matches `pattern`."""
    assert run.code == 2, run.stderr
    lines = [line for line in run.lines if line.startswith(f"rolscore: {path}: ")]
    assert len(lines) == 1, run.stderr
    assert re.search(pattern, lines[0]), lines[0]
    return lines[0]


# --- what is not a regular file -----------------------------------------------------------------


def test_a_named_pipe_given_by_name_is_refused_without_waiting_for_a_writer(tmp_path, rolscore, seed_copy):
    pipe = inputs.named_pipe(tmp_path)
    run = rolscore("score", pipe, seed_copy)
    _one_error(run, pipe, r"is a named pipe \(FIFO\), not a regular file$")
    assert (tmp_path / "out" / f"{seed_copy.stem}.md").exists()  # the other file went on


def test_a_link_loop_given_by_name_is_an_input_error(tmp_path, rolscore, seed_copy):
    loop = inputs.link_loop(tmp_path)
    run = rolscore("score", loop, seed_copy)
    _one_error(run, loop, r"is a symbolic link loop")
    assert (tmp_path / "out" / f"{seed_copy.stem}.md").exists()


def test_in_a_folder_pipes_and_sockets_are_skipped_with_a_line_and_a_loop_is_an_error(tmp_path, rolscore, seed_copy):
    folder = seed_copy.parent
    pipe = inputs.named_pipe(folder)
    sock, server = inputs.unix_socket(folder)
    loop = inputs.link_loop(folder)
    try:
        run = rolscore("batch", folder, "--workers", "1", expected=3)
    finally:
        server.close()
    assert f"rolscore: {pipe}: skipped: a named pipe (FIFO), not a regular file" in run.lines
    assert f"rolscore: {sock}: skipped: a socket, not a regular file" in run.lines
    _one_error(run, loop, r"is a symbolic link loop")
    results = (tmp_path / "out" / "results.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["source"] for line in results] == [str(seed_copy)]


def test_expanding_a_folder_or_pattern_never_walks_a_link_loop(tmp_path, rolscore, seed_copy):
    folder = seed_copy.parent
    os.symlink(".", folder / "again")  # two links to the folder itself: 2**40 paths for glob.glob
    os.symlink(".", folder / "once_more")
    for paths in ([folder], [f"{folder}/**/*.txt"]):
        run = rolscore("score", *paths, "--format", "json")
        assert run.code == 0, run.stderr
        assert [json.loads(line)["source"] for line in run.stdout.splitlines()] == [str(seed_copy)]


def test_a_file_that_grows_past_the_limit_while_read_is_cut_short():
    # /proc files say they are empty and are not: a file that grows while it is read, as seen
    with pytest.raises(NotReadable, match=r"too large \(it grew while being read\): more than the limit of 10 bytes"):
        read_regular_file("/proc/self/maps", 10)


# --- one file over one limit ---------------------------------------------------------------------


def _sparse(folder, size: int):
    """A file of `size` zero bytes that takes no time or disk to make, and as long to read as any."""
    path = folder / "huge.txt"
    with path.open("wb") as out:
        out.truncate(size)
    return path


def _seed(folder):
    return inputs.seed_named(folder, "seed.txt")


SEED_BYTES = inputs.SEED.stat().st_size
SEED_CHARS = len(inputs.seed_text())
REFUSED = {  # name: (build the file in a folder, options, what the line says)
    "link to /dev/zero": (lambda d: inputs.link(d, "/dev/zero", "zero.txt"), [],
                          r"is a character device \(a link to /dev/zero\), not a regular file$"),
    "link to /dev/urandom": (lambda d: inputs.link(d, "/dev/urandom", "random.txt"), [],
                             r"is a character device \(a link to /dev/urandom\), not a regular file$"),
    "over the default size": (lambda d: _sparse(d, MAX_BYTES + 1), [],
                              rf"too large: {MAX_BYTES + 1:,} bytes; the limit is {MAX_BYTES:,} bytes \(--max-bytes raises it\)$"),
    "over --max-bytes": (_seed, ["--max-bytes", "10kB"],
                         rf"too large: {SEED_BYTES:,} bytes; the limit is 10,000 bytes \(--max-bytes raises it\)$"),
    "over --max-chars": (_seed, ["--max-chars", "1000"],
                         rf"text too long: {SEED_CHARS:,} characters; the limit is 1,000 characters \(--max-chars raises it\)$"),
    "PDF over the default pages": (lambda d: inputs.pdf_pages(d, MAX_PAGES + 1), [],
                                   rf"too many pages: more than the limit of {MAX_PAGES} pages \(--max-pages raises it\)$"),
    "PDF over --max-pages": (lambda d: inputs.pdf_pages(d, 4), ["--max-pages", "3"], r"more than the limit of 3 pages"),
    "PDF over --max-chars, while drawn": (lambda d: inputs.pdf_pages(d, 20), ["--max-chars", "100"],
                                          r"text too long: more than the limit of 100 characters \(--max-chars raises it\)$"),
    "PDF references in a loop": (inputs.pdf_reference_loop, [], r"not a readable PDF: object \d+ is a loop of references"),
    "PDF forms nested too deep": (lambda d: inputs.pdf_nested_forms(d, MAX_FORM_DEPTH + 2, fanout=1), [],
                                  rf"form objects nested too deep on page 1: more than the limit of {MAX_FORM_DEPTH} levels$"),
    "PDF forms 4**14 from 4 KB": (lambda d: inputs.pdf_nested_forms(d, 14), [],
                                  r"form objects nested too deep|too many form objects and images on page 1"),
    "PDF forms 4**8, 8 deep": (lambda d: inputs.pdf_nested_forms(d, 8), [],
                               rf"too many form objects and images on page 1: more than the limit of {MAX_FIGURES_PER_PAGE:,}$"),
    "PDF page of too many characters": (lambda d: inputs.pdf_dense_page(d, MAX_GLYPHS_PER_PAGE + 1), [],
                                        rf"too many characters drawn on page 1: more than the limit of {MAX_GLYPHS_PER_PAGE:,}$"),
    "Word bomb": (lambda d: inputs.word_bomb(d, MAX_XML_TAGS), [],  # empty paragraphs: a tag each
                  rf"Word file with too many XML tags: [\d,]+ tags; the limit is {MAX_XML_TAGS:,} tags$"),
    "Word directory claims a large XML part": (lambda d: inputs.word_lying_size(d, 10_000, claimed=MAX_XML_PART + 1), [],
                                               rf"Word file's word/document.xml too large unzipped: {MAX_XML_PART + 1:,} bytes; the limit is {MAX_XML_PART:,} bytes$"),
    "Word directory claims 4 GB": (lambda d: inputs.word_lying_size(d, 10_000, claimed=4_000_000_000), [],
                                   r"Word file too large unzipped: 4,000,00\d,\d{3} bytes; the limit is"),
    "Word directory says 2 KB of 20 MB": (lambda d: inputs.word_lying_size(d, 20_000_000, claimed=2_000), [],
                                          r"not a readable Word \.docx file: Bad CRC-32 for file 'word/document\.xml'"),
    "Word of too many parts": (lambda d: inputs.word_many_members(d, MAX_MEMBERS), [],
                               rf"Word file with too many parts: {MAX_MEMBERS + 3:,} zip members; the limit is {MAX_MEMBERS:,} zip members$"),
    "web page of too many tags": (lambda d: inputs.tag_soup(d, MAX_TAGS + 1), [],
                                  rf"web page with too many tags: {MAX_TAGS + 1:,} tags; the limit is {MAX_TAGS:,} tags$"),
}


@pytest.mark.parametrize("case", REFUSED)
def test_a_file_over_a_limit_is_one_line_naming_it_and_the_limit(tmp_path, rolscore, case):
    build, options, pattern = REFUSED[case]
    path = build(tmp_path)
    _one_error(rolscore("score", path, *options), path, pattern)


def test_the_options_raise_the_limits(tmp_path, rolscore):
    seed = _seed(tmp_path)
    assert rolscore("score", seed, "--max-bytes", str(SEED_BYTES), "--max-chars", str(SEED_CHARS)).code == 0
    assert rolscore("score", inputs.pdf_pages(tmp_path, 4), "--max-pages", "4").code == 0


def test_the_hostile_inputs_are_small_files(tmp_path):
    assert inputs.pdf_reference_loop(tmp_path).stat().st_size < 1000
    assert inputs.pdf_nested_forms(tmp_path, 14).stat().st_size < 6000
    assert inputs.word_bomb(tmp_path, MAX_XML_TAGS).stat().st_size < 6 * MAX_XML_TAGS / 500


# --- web pages -------------------------------------------------------------------------------------


def test_a_page_ten_thousand_levels_deep_is_read_in_linear_time(tmp_path, rolscore):
    page = inputs.deep_page(tmp_path, 10_000)  # 20 s before: the menu check was depth x size
    run = rolscore("score", page, "--format", "json", expected=2)
    assert run.code == 0, run.stderr
    # the sentence is the report's text; the three links after it are no menu (the text outweighs them)
    assert json.loads(run.stdout)["metadata"]["title"] is None


# --- sentences -------------------------------------------------------------------------------------


def test_a_line_without_punctuation_is_matched_in_pieces_and_says_so(tmp_path, rolscore):
    line = inputs.long_line(tmp_path, 300_000)  # 100,000 characters, one sentence
    run = rolscore("score", line, "--format", "json", expected=3)
    assert run.code == 0, run.stderr
    report = json.loads(run.stdout)
    warning = next(w for w in report["warnings"] if w.startswith("超长句"))
    length = len(line.read_text(encoding="utf-8"))
    assert f"字符 0–{length} ({length:,} 字)" in warning and f"{MAX_SENTENCE_CHARS:,} 字" in warning
    covered = [e for e in report["elements"] if e["status"] == "covered"]
    assert covered  # the seed's words are still found, piece by piece
    markdown = (tmp_path / "out" / "long_line.md").read_text(encoding="utf-8")
    assert f"> ⚠ {warning}" in markdown


def test_the_pieces_of_a_cut_sentence_keep_their_own_context_and_cue():
    from scorer.ingest import from_string
    from scorer.segment import segment

    achieved = "组织开展行政执法人员培训," * 80  # 1,040 characters without a full stop: cut at 988
    line = achieved + "公职律师制度尚未建立," + "法律顾问覆盖率持续提高," * 30 + "全面完成年度任务。"
    doc = segment(from_string(f"一、主要工作\n{line}\n", "probe.txt"))
    pieces = [s for s in doc.sentences if not s.is_heading]
    assert len(pieces) == 2 and "".join(s.text for s in pieces) == line
    first, second = pieces
    assert (first.context, first.cue, first.cue_from) == ("achievement", "", None)
    assert (second.context, second.cue, second.cue_from) == ("problem", "尚未", second.index)
    assert doc.warnings and doc.warnings[0].startswith(f"超长句: 字符 7–{7 + len(line)} ")


# --- checklists ------------------------------------------------------------------------------------


def test_a_checklist_with_anchors_is_refused_where_the_first_one_is(tmp_path, rolscore, seed_copy):
    checklist = inputs.checklist_anchors(tmp_path, 9)  # 9**9 strings once expanded
    run = rolscore("score", seed_copy, "--checklist", checklist)
    assert run.code == 2
    assert run.lines == [
        f"rolscore: {checklist}:4: YAML anchor &l0: anchors and aliases are not allowed in a checklist "
        "(aliases of aliases can expand a few KB into billions of entries); write the repeated part out"
    ]


def test_a_checklist_over_its_size_limit_is_refused_before_parsing(tmp_path, rolscore, seed_copy):
    checklist = inputs.checklist_big(tmp_path, MAX_CHECKLIST_BYTES + 1)
    size = checklist.stat().st_size
    run = rolscore("score", seed_copy, "--checklist", checklist)
    assert run.code == 2
    assert run.lines == [
        f"rolscore: {checklist}: checklist too large: {size:,} bytes; the limit is {MAX_CHECKLIST_BYTES:,} bytes"
    ]


def test_a_checklist_that_is_a_pipe_is_refused(tmp_path, rolscore, seed_copy):
    pipe = inputs.named_pipe(tmp_path, "checklist.yaml")
    run = rolscore("score", seed_copy, "--checklist", pipe)
    assert run.code == 2
    assert run.lines == [f"rolscore: {pipe}: checklist is a named pipe (FIFO), not a regular file"]


def test_each_file_of_an_extends_chain_is_read_within_the_limits(tmp_path):
    from scorer.checklist import load_checklist
    from scorer.errors import ChecklistError

    mine = tmp_path / "mine.yaml"
    mine.write_text("id: mine\nversion: '1'\nextends: base.yaml\n", encoding="utf-8")
    inputs.checklist_anchors(tmp_path, 9, name="base.yaml")
    with pytest.raises(ChecklistError, match=rf"^{tmp_path}/base.yaml:4: YAML anchor &l0: anchors and aliases are not allowed"):
        load_checklist(mine)
    big = inputs.checklist_big(tmp_path, MAX_CHECKLIST_BYTES + 1, name="base.yaml")
    with pytest.raises(ChecklistError, match=rf"^{tmp_path}/base.yaml: checklist too large: {big.stat().st_size:,} bytes"):
        load_checklist(mine)


def test_the_built_in_checklists_are_read_within_the_limits(monkeypatch):
    import scorer.checklist
    from scorer.errors import ChecklistError

    monkeypatch.setattr(scorer.checklist, "MAX_CHECKLIST_BYTES", 1000)
    scorer.checklist._builtin.cache_clear()
    try:
        with pytest.raises(ChecklistError, match=r"fazhi_2021.yaml: checklist too large: [\d,]+ bytes; the limit is 1,000 bytes"):
            scorer.checklist.load_checklist("fazhi_2021")
    finally:
        scorer.checklist._builtin.cache_clear()


# --- one batch, many bad files ---------------------------------------------------------------------


def test_a_batch_of_hostile_files_scores_the_good_one_and_names_each_bad_one(tmp_path, rolscore, seed_copy):
    folder = seed_copy.parent
    bad = [
        inputs.pdf_reference_loop(folder),
        inputs.pdf_nested_forms(folder, 14),
        inputs.link(folder, "/dev/zero", "zero.txt"),
        inputs.word_bomb(folder, MAX_XML_TAGS),
        inputs.link_loop(folder),
    ]
    run = rolscore("batch", folder, "--workers", "2", expected=4)
    assert run.code == 2
    for path in bad:
        assert sum(line.startswith(f"rolscore: {path}: ") for line in run.lines) == 1, (path, run.stderr)
    out = tmp_path / "out"
    assert (out / f"{seed_copy.stem}.md").exists() and (out / f"{seed_copy.stem}.json").exists()
    summary = (out / "summary.md").read_text(encoding="utf-8")
    assert f"无法读取的文件 ({len(bad)})" in summary


# --- jieba -----------------------------------------------------------------------------------------


def test_nothing_is_written_outside_out(tmp_path, rolscore, seed_copy):
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    run = rolscore("score", seed_copy, env={"TMPDIR": str(temporary)})
    assert run.code == 0
    assert list(temporary.iterdir()) == []  # jieba kept its dictionary cache here


# --- every command and the API that reads a report ----------------------------------------------

OVER_CHARS = r"text too long: [\d,]+ characters; the limit is 1,000 characters \(--max-chars raises it\)$"
READERS = {  # name: (arguments before the report, after it)
    "score --format html": (["score"], ["--format", "html"]),
    "batch --html": (["batch"], ["--html", "--workers", "1"]),
    "explain": (["explain"], ["constitutional_oath"]),
}


@pytest.mark.parametrize("command", READERS)
def test_every_command_that_reads_a_report_applies_the_limits(tmp_path, rolscore, seed_copy, command):
    before, after = READERS[command]
    run = rolscore(*before, seed_copy, *after, "--max-chars", "1000", expected=3)
    _one_error(run, seed_copy, OVER_CHARS)
    assert not (tmp_path / "out" / f"{seed_copy.stem}.html").exists()


def test_checklist_lint_reads_its_corpus_within_the_limits(rolscore, seed_copy):
    run = rolscore("checklist", "lint", "--corpus", seed_copy.parent, "--max-chars", "1000", expected=3)
    assert f"rolscore: {seed_copy}: text too long: " in run.stderr
    assert "matches in none of the" not in run.stdout  # the corpus was empty: no report was read past the limit
    assert rolscore("checklist", "lint", "--corpus", seed_copy.parent, expected=3).stdout.count("matches in none of the 1 reports") > 0


def test_the_python_api_takes_the_limits_as_a_keyword(seed_copy):
    from scorer import Limits, score_file
    from scorer.errors import InputError
    from scorer.pipeline import read_and_score

    for read in (score_file, read_and_score):
        with pytest.raises(InputError, match=OVER_CHARS):
            read(seed_copy, limits=Limits(max_chars=1000))
    assert score_file(seed_copy, limits=Limits(max_chars=SEED_CHARS)).source == str(seed_copy)
