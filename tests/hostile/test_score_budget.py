"""`rolscore score` under a hostile hand: a report over its time budget, a file name at the file
system's limit, an output that cannot be written, and option values that would switch a check off."""

from __future__ import annotations

import json

import pytest

from tests.hostile.runs import SEED_FILES, slow_report

SEED = SEED_FILES[2]  # 廊坊市2023年度法治政府建设情况报告, short


def test_a_report_over_its_time_budget_fails_alone_and_the_next_is_scored(tmp_path, rolscore):
    slow = slow_report(tmp_path / "in")
    done = rolscore("score", SEED, slow, SEED_FILES[4], "--timeout", "0.5", "--format", "json",
                    "--out", tmp_path / "out", expected=3)
    assert done.code == 2
    assert f"rolscore: {slow}: took longer than 0.5 s (--timeout)" in done.lines
    assert [json.loads(line)["source"] for line in done.stdout.splitlines()] == [str(SEED), str(SEED_FILES[4])]
    assert done.lines[-1] == f"rolscore: 1 of 3 files could not be scored: {slow} (took longer than 0.5 s (--timeout))"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [f"{SEED.stem}.md", f"{SEED_FILES[4].stem}.md"]


def test_a_250_byte_file_name_is_scored_under_a_shorter_distinct_output_name(tmp_path, rolscore):
    folder = tmp_path / "in"
    folder.mkdir()
    names = ["法" * 81 + "abc.txt", "法" * 81 + "abd.txt"]  # 250 bytes each, the same but for one letter
    for name in names:
        assert len(name.encode()) == 250
        (folder / name).write_bytes(SEED.read_bytes())
    done = rolscore("score", folder, SEED, "--format", "json", "--out", tmp_path / "out", expected=2)
    assert done.code == 0, done.stderr
    assert len(done.stdout.splitlines()) == 3  # the long names do not stop the run
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert len(written) == 3 and f"{SEED.stem}.md" in written
    for name in written:
        assert len(name.encode()) <= 255 and name.endswith(".md")
    long_ones = [name for name in written if name.startswith("法")]
    assert len(long_ones) == 2 and all("~" in name for name in long_ones)  # a hash of the whole name keeps them apart


def test_a_write_error_names_the_output_file_not_a_temporary_one(tmp_path, rolscore):
    out = tmp_path / "out"
    (out / f"{SEED.stem}.md").mkdir(parents=True)  # where the report should go, a folder is in the way
    done = rolscore("score", SEED, SEED_FILES[4], "--format", "json", "--out", out, expected=2)
    assert done.code == 2
    assert f"rolscore: {SEED}: cannot write {out / f'{SEED.stem}.md'}: Is a directory" in done.lines
    assert len(done.stdout.splitlines()) == 1  # the other report was scored
    assert sorted(p.name for p in out.iterdir()) == [f"{SEED.stem}.md", f"{SEED_FILES[4].stem}.md"]  # nothing hidden left


@pytest.mark.parametrize(
    ("option", "value", "expected"),
    [
        ("--fail-under", "nan", "a score from 0 to 100"),
        ("--fail-under", "inf", "a score from 0 to 100"),
        ("--fail-under", "-1", "a score from 0 to 100"),
        ("--fail-under", "100.5", "a score from 0 to 100"),
        ("--timeout", "0", "a number of seconds above 0"),
        ("--timeout", "nan", "a number of seconds above 0"),
        ("--max-memory", "0", "a whole number of megabytes above 0"),
        ("--max-memory", "1.5", "a whole number of megabytes above 0"),
    ],
)
def test_an_option_value_that_would_turn_a_check_off_is_a_usage_error(tmp_path, option, value, expected, rolscore):
    done = rolscore("score", SEED, option, value, "--out", tmp_path / "out", expected=2)
    assert done.code == 2
    assert done.lines[-1] == f"rolscore score: error: argument {option}: expected {expected}, got '{value}'"
    assert not (tmp_path / "out").exists()
