"""File names are the user's data: a newline, an escape sequence or bytes that are not UTF-8 in one
never reach the terminal or a report raw, and never cause a traceback."""

from __future__ import annotations

import json
import os

from scorer.printable import as_text, printable
from tests.hostile import inputs

CLEAR_SCREEN = "\x1b[2J"
ODD = f"a\nb{CLEAR_SCREEN}\u202ec.txt"
SHOWN = "a\\nb\\x1b[2J\\u202ec.txt"


def test_printable_escapes_what_moves_the_cursor_and_keeps_the_rest():
    assert printable(ODD) == SHOWN
    assert printable("报告 [2023] (终稿).txt") == "报告 [2023] (终稿).txt"
    assert printable(os.fsdecode(b"bad\xff.txt")) == "bad\\xff.txt"
    assert as_text(os.fsdecode(b"bad\xff\n.txt")) == "bad\\xff\n.txt"  # exact but for the bytes


def _no_raw_controls(text: str) -> None:
    assert CLEAR_SCREEN not in text and "\u202e" not in text
    assert "a\nb" not in text


def test_control_characters_in_a_name_are_escaped_on_the_terminal_and_in_the_markdown(tmp_path, rolscore):
    odd = inputs.seed_named(tmp_path, ODD)
    run = rolscore("score", odd)
    assert run.code == 0
    assert SHOWN in run.stdout  # the scorecard's title
    _no_raw_controls(run.stdout)
    markdown = (tmp_path / "out" / "a\\nb\\x1b[2J\\u202ec.md").read_text(encoding="utf-8")
    assert f"| 文件 | `{tmp_path}/{SHOWN}` |" in markdown
    _no_raw_controls(markdown)


def test_control_characters_in_a_name_are_escaped_in_error_lines_and_summaries(tmp_path, rolscore):
    folder = tmp_path / "reports"
    folder.mkdir()
    inputs.seed_named(folder, "good.txt")
    (folder / ODD).write_bytes(b"")  # empty: an input error naming the file
    run = rolscore("batch", folder, "--workers", "1", expected=3)
    assert run.code == 2
    assert f"rolscore: {folder}/{SHOWN}: file is empty" in run.lines
    _no_raw_controls(run.stderr)
    summary = (tmp_path / "out" / "summary.md").read_text(encoding="utf-8")
    assert f"`{folder}/{SHOWN}`" in summary
    _no_raw_controls(summary)


def test_a_name_that_is_not_utf8_is_scored_and_written(tmp_path, rolscore):
    name = os.fsdecode(b"report\xff.txt")
    inputs.seed_named(tmp_path, name)
    run = rolscore("score", tmp_path / name, "--format", "json")
    assert run.code == 0
    assert json.loads(run.stdout)["source"] == f"{tmp_path}/report\\xff.txt"
    assert (tmp_path / "out" / "report\\xff.md").exists()


def test_control_characters_in_a_name_are_escaped_in_the_html_pages_and_index(tmp_path, rolscore):
    folder = tmp_path / "reports"
    folder.mkdir()
    inputs.seed_named(folder, ODD)
    (folder / f"empty{CLEAR_SCREEN}.txt").write_bytes(b"")  # a failure the index lists
    run = rolscore("batch", folder, "--html", "--workers", "1", expected=3)
    assert run.code == 2
    page = (tmp_path / "out" / "a\\nb\\x1b[2J\\u202ec.html").read_text(encoding="utf-8")
    assert f"<title>{SHOWN.removesuffix('.txt')} · " in page  # the name, as text
    assert f"<code>{folder}/{SHOWN}</code>" in page
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert f'title="{folder}/{SHOWN}"' in index and f"<code>{folder}/empty\\x1b[2J.txt</code>" in index
    for html in (page, index):
        _no_raw_controls(html)
    # score --format html: the same page, and the path it prints
    run = rolscore("score", folder / ODD, "--format", "html", "--out", tmp_path / "one")
    assert run.stdout == f"{tmp_path}/one/{SHOWN.removesuffix('.txt')}.html\n"


def test_control_characters_in_a_name_are_escaped_by_explain(tmp_path, rolscore):
    odd = inputs.seed_named(tmp_path, ODD)
    run = rolscore("explain", odd, "constitutional_oath")
    assert run.code == 0
    assert f"report:    {tmp_path}/{SHOWN} · checklist" in run.stdout
    _no_raw_controls(run.stdout)


def test_control_characters_in_a_checklist_name_are_escaped_by_the_checklist_commands(tmp_path, rolscore):
    from tests.conftest import ROOT

    name = f"c{CLEAR_SCREEN}\n.yaml"
    shown = "c\\x1b[2J\\n.yaml"
    mine = tmp_path / name
    mine.write_bytes((ROOT / "checklist" / "examples" / "province.yaml").read_bytes())
    (tmp_path / "reports").mkdir()
    show = rolscore("checklist", "show", mine, "--format", "table")
    corpus = inputs.seed_named(tmp_path / "reports", "seed.txt").parent
    lint = rolscore("checklist", "lint", mine, "--corpus", corpus, expected=3)  # its own aliases' findings
    test = rolscore("checklist", "test", mine, expected=5)
    assert show.code == 0 and shown in show.stdout
    assert f"{tmp_path}/{shown}:" in lint.stdout and f"rolscore: checklist lint {tmp_path}/{shown}: " in lint.stderr
    assert f"rolscore: checklist test {tmp_path}/{shown}: " in test.stderr
    missing = rolscore("checklist", "lint", corpus / name)
    assert missing.lines == [f"rolscore: {corpus}/{shown}: checklist file not found (built-in checklists: fazhi_2015, fazhi_2021)"]
    for run in (show, lint, test, missing):
        _no_raw_controls(run.stdout + run.stderr)


def test_a_name_that_is_not_utf8_is_recorded_and_read_back_by_resume(tmp_path, rolscore):
    folder = tmp_path / "reports"
    folder.mkdir()
    inputs.seed_named(folder, os.fsdecode(b"report\xff.txt"))
    first = rolscore("batch", folder, "--workers", "1", expected=3)
    assert first.code == 0, first.stderr
    [entry] = [json.loads(line) for line in (tmp_path / "out" / "sources.jsonl").read_text(encoding="utf-8").splitlines()]
    assert entry["source"] == f"{folder}/report\\xff.txt" and entry["stem"] == "report\\xff"
    again = rolscore("batch", folder, "--workers", "1", "--resume", expected=3)
    assert again.code == 0, again.stderr
    assert "scored 0 of 1 reports, and read back 1 done before (--resume)" in again.stdout


def test_control_characters_are_escaped_in_the_message_of_a_locked_out(tmp_path, rolscore):
    import fcntl

    out = tmp_path / f"out{CLEAR_SCREEN}\n"
    out.mkdir()
    with open(out / ".rolscore.lock", "w", encoding="utf-8") as lock:  # held, as by a run still going
        lock.write(f"pid 1, started 2026-01-01 00:00:00: rolscore batch {ODD} --out {out} --workers 1\n")
        lock.flush()
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        run = rolscore("batch", inputs.seed_named(tmp_path, "seed.txt"), "--out", out, expected=2)
    assert run.code == 2
    shown = f"{tmp_path}/out\\x1b[2J\\n"
    assert run.lines == [
        f"rolscore: {shown}/ is being written by another run (pid 1, started 2026-01-01 00:00:00: "
        f"rolscore batch {SHOWN} --out {shown} --workers 1); wait for it to end, or choose another --out"
    ]
    _no_raw_controls(run.stderr)
