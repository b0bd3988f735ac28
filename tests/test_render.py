"""Output formats: what a reviewer reads, what a tool parses, and files that are never half-written."""

from __future__ import annotations

import io
import json
import os
import stat

import pytest

from scorer.normalize import normalize
from scorer.pipeline import score_file
from scorer.render.core import output_stems, render_report
from scorer.render.jsonreport import JsonReporter, to_json
from scorer.render.markdown import MarkdownReporter
from scorer.render.table import TableReporter
from tests.conftest import SEEDS

SEED = SEEDS / "003_3cfe0e754c2cb1fa.txt"


@pytest.fixture(scope="module")
def analysis(matcher):
    return score_file(SEED, matcher)


def test_json_has_the_documented_schema(analysis):
    data = json.loads(to_json(analysis))
    assert {"source", "checklist", "overall_score", "sections", "elements", "gaps"} <= data.keys()
    assert data["checklist"] == {"id": "fazhi_2021", "version": "2021.1", "chosen_by": "option"}
    assert {"id", "title", "score", "elements"} <= data["sections"][0].keys()
    element = next(e for e in data["elements"] if e["id"] == "government_legal_advisor")
    assert {"id", "name", "section", "status", "score", "evidence"} <= element.keys()
    assert {"text", "start", "end", "heading", "context", "match"} <= element["evidence"][0].keys()
    assert all(isinstance(g, str) for g in data["gaps"])


def test_json_evidence_offsets_find_the_phrase_in_the_decoded_original(analysis):
    original = SEED.read_text(encoding="utf-8")
    data = json.loads(to_json(analysis))
    literal = [item for element in data["elements"] for item in element["evidence"] if item["match"] == "alias"]
    assert literal
    for item in literal:
        quoted = original[item["start"] : item["end"]]
        assert quoted == item["text"]
        assert item["term"] in normalize(quoted).text.replace("\n", "")


def test_outputs_are_byte_identical_across_runs(matcher, tmp_path):
    first, second = (score_file(SEED, matcher) for _ in range(2))
    assert to_json(first) == to_json(second)
    a, b = io.StringIO(), io.StringIO()
    MarkdownReporter().report(first, a)
    MarkdownReporter().report(second, b)
    assert a.getvalue() == b.getvalue()
    assert '"keys"' not in to_json(first) and list(json.loads(to_json(first))) == sorted(json.loads(to_json(first)))


def test_markdown_puts_summary_sections_and_gaps_before_evidence(analysis):
    out = io.StringIO()
    MarkdownReporter().report(analysis, out)
    text = out.getvalue()
    order = [text.index(h) for h in ("| 总分 |", "## 各部分得分", "## 缺项", "## 证据")]
    assert order == sorted(order)
    # 003 names the 行政执法公示 part only in its 2021 plan: a gap marked as a plan, not evidence
    assert "| ➜ | 行政执法公示制度 (`enforcement_publicity`) | 核心 | 仅有计划 |" in text
    assert "### ✔ 政府法律顾问制度 (`government_legal_advisor`)" in text
    assert "> — 一、2020年度法治政府建设主要工作开展情况 > (三)健全制度规范,严格规范公正文明执法" in text


def test_table_scorecard_shows_score_sections_and_gaps(analysis):
    out = io.StringIO()
    TableReporter().report(analysis, out)
    text = out.getvalue()
    assert f"总分 {analysis.overall_score:g} / 100" in text
    assert "健全行政执法工作体系" in text and "缺项 (核心在前)" in text
    assert "\x1b[" not in text  # no colour codes when not writing to a terminal


class Exploding:
    report_type = "exploding"

    def report(self, analysis, outfile):
        outfile.write("half a report")
        raise RuntimeError("disk full")


def test_a_failed_write_leaves_no_half_written_file_and_keeps_the_old_one(analysis, tmp_path):
    target = tmp_path / "report.md"
    target.write_text("previous complete report", encoding="utf-8")
    with pytest.raises(RuntimeError):
        render_report(target, Exploding(), analysis)
    assert target.read_text(encoding="utf-8") == "previous complete report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]
    assert render_report(target, JsonReporter(), analysis) == analysis.overall_score
    assert json.loads(target.read_text(encoding="utf-8"))["source"] == str(SEED)


def test_written_files_follow_the_umask_not_mkstemps_private_mode(analysis, tmp_path):
    umask = os.umask(0)
    os.umask(umask)
    render_report(tmp_path / "report.md", MarkdownReporter(), analysis)
    assert stat.S_IMODE((tmp_path / "report.md").stat().st_mode) == 0o666 & ~umask


def test_output_names_are_distinct_for_same_stems_in_different_folders(tmp_path):
    a, b, c = tmp_path / "hebei" / "report.txt", tmp_path / "zhejiang" / "report.txt", tmp_path / "x" / "other.md"
    names = output_stems([a, b, c])
    assert names == {a: "hebei__report", b: "zhejiang__report", c: "other"}


def test_reserved_names_are_avoided_without_creating_a_new_collision(tmp_path):
    summary, suffixed = tmp_path / "in" / "summary.txt", tmp_path / "in" / "in__summary.txt"
    names = output_stems([summary, suffixed], reserved=frozenset({"summary"}))
    assert "summary" not in names.values()
    assert len(set(names.values())) == 2
