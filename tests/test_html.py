"""The HTML outputs as files: deterministic, beside (not instead of) the Markdown and JSON, named
so that nothing is overwritten. What the pages do is tested in a browser (test_browser.py)."""

from __future__ import annotations

import shutil

from scorer.cli import main
from tests.conftest import SEEDS

SEED_FILES = sorted(SEEDS.glob("*.txt"))


def test_pages_are_byte_identical_across_runs_and_worker_counts(review, tmp_path, capsys):
    assert main(["batch", str(SEEDS), "--html", "--out", str(tmp_path), "--workers", "1"]) == 0
    pages = sorted(p.name for p in review.glob("*.html"))
    assert pages == sorted(["index.html", *(f"{seed.stem}.html" for seed in SEED_FILES)])
    for name in pages:
        assert (tmp_path / name).read_bytes() == (review / name).read_bytes(), name


def test_html_leaves_the_markdown_json_and_summaries_as_they_were(review, tmp_path, capsys):
    assert main(["batch", str(SEEDS), "--out", str(tmp_path), "--workers", "2"]) == 0
    assert not list(tmp_path.glob("*.html"))
    for path in tmp_path.iterdir():
        if path.name != "sources.jsonl":  # the record of each run's settings and files differs
            assert path.read_bytes() == (review / path.name).read_bytes(), path.name


def test_score_format_html_writes_a_page_per_report_and_prints_where(tmp_path, capsys):
    reports = SEED_FILES[:2]
    assert main(["score", *map(str, reports), "--format", "html", "--out", str(tmp_path)]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed == [str(tmp_path / f"{seed.stem}.html") for seed in reports]
    for seed in reports:
        page = (tmp_path / f"{seed.stem}.html").read_text(encoding="utf-8")
        assert page.startswith("<!DOCTYPE html>") and "批量评估汇总" not in page  # no index to go back to
        assert (tmp_path / f"{seed.stem}.md").exists()


def test_a_report_named_index_does_not_overwrite_the_index(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    shutil.copy(SEED_FILES[0], tmp_path / "in" / "index.txt")
    assert main(["batch", str(tmp_path / "in"), "--html", "--out", str(tmp_path / "out")]) == 0
    assert "批量评估汇总" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert (tmp_path / "out" / "in__index.html").exists()
