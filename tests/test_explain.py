"""`rolscore explain`: the record the matcher and scorer keep of their decisions, on seeds and probes.

The record is checked against what the same run decided (the Analysis), so that it cannot drift
from the code it describes, and against what a reader of the seeds sees."""

from __future__ import annotations

import json
from typing import get_args

import pytest

from scorer.cli import main
from scorer.explain import DROP_REASONS, explain
from scorer.ingest import from_string, read_document
from scorer.mention import MentionKind
from scorer.models import Decisions, DropReason
from scorer.render.jsonreport import json_line
from scorer.score import analyse
from scorer.segment import segment
from tests.conftest import SEEDS

SEED_FILES = sorted(SEEDS.glob("*.txt"))
NANGONG = SEED_FILES[1]  # 南宫市 2020 report: 普法责任清单 is not a list of powers
REPORT_2020_PLAN = SEED_FILES[3]  # its part 三 is "2021年度推进法治政府建设的主要思路"


def probe(text: str):
    return segment(from_string(text, "probe.txt"))


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda path: path.stem)
def test_the_record_is_what_the_same_run_decided(path, matcher):
    doc = segment(read_document(path))
    decisions = Decisions()
    analysis = analyse(doc, matcher, decisions=decisions)
    assert json_line(analysis) == json_line(analyse(doc, matcher)), "keeping a record changes nothing"
    for result in analysis.elements:
        record = decisions.of(result.id)
        assert record.rule.startswith(result.status + ":"), (result.id, record.rule)
        if result.parts:
            continue  # an umbrella also shows its parts' evidence
        kept = {(doc.sentences[hit.sentence].start, doc.sentences[hit.sentence].end) for hit in record.kept}
        assert kept == {(item.start, item.end) for item in result.evidence}, result.id


def test_an_alias_inside_an_excluded_phrase_is_shown_dropped_with_the_phrase(matcher):
    explanation = explain(segment(read_document(NANGONG)), matcher, "power_responsibility_list")
    assert explanation.status == "covered"
    dropped = [(s, hit) for s in explanation.sentences for hit in s.dropped]
    assert dropped and all(hit.reason == "not_part_of" and hit.detail == "普法责任清单" for _, hit in dropped)
    assert all("普法责任清单" in s.text and not s.kept for s, _ in dropped)
    assert any("权责清单" in s.text and s.kept for s in explanation.sentences)


def test_a_plan_names_the_heading_that_made_it_one(matcher):
    explanation = explain(segment(read_document(REPORT_2020_PLAN)), matcher, "enforcement_publicity")
    assert explanation.status == "planned" and explanation.rule.startswith("planned")
    (sentence,) = [s for s in explanation.sentences if s.kept]
    assert sentence.context == "plan" and sentence.cue == "主要思路"
    assert sentence.cue_sentence == "三、2021年度推进法治政府建设的主要思路"


def test_a_clause_cue_and_the_document_head_are_recorded(matcher):
    doc = probe(
        "××县2023年法治政府建设年度报告\n"
        "一、主要工作\n"
        "全县尚未建立公职律师制度。\n"
        "向县人大常委会报告了2022年法治政府建设年度报告。\n"
    )
    lawyer = explain(doc, matcher, "public_lawyer")
    (sentence,) = lawyer.sentences
    assert (lawyer.status, sentence.context, sentence.cue, sentence.cue_sentence) == ("problem", "problem", "尚未", None)
    report = explain(doc, matcher, "annual_report_disclosure")
    head = [hit for s in report.sentences for hit in s.dropped]
    assert [(hit.sentence, hit.reason) for hit in head] == [(0, "document_head")]
    assert report.status == "covered" and any(s.index == 3 and s.kept for s in report.sentences)


def test_a_variant_of_a_phrase_is_the_near_miss_of_a_missing_element(matcher):
    # 执法全过程记录 with 的 inserted: no alias or term set holds it, so nothing was found; the
    # variant is the sentence the reviewer is sent to, with the alias it is close to (全过程的记录)
    doc = probe("一、主要工作\n全面推行执法全过程的记录制度。\n")
    explanation = explain(doc, matcher, "enforcement_full_record")
    assert (explanation.status, explanation.sentences) == ("missing", [])
    assert explanation.near_miss.text == "全面推行执法全过程的记录制度。"
    assert explanation.near_miss.term == "全过程记录" and explanation.near_miss.score >= 85
    # every word of 全过程记录 there, too far apart to be the system: the score scales down
    far = probe("一、主要工作\n执法人员在每一次现场检查中,对办案的全过程都做了详细的文字和影像记录。\n")
    assert explain(far, matcher, "enforcement_full_record").near_miss is None


def test_explain_prints_the_record_and_rejects_an_unknown_id_in_one_line(capsys):
    assert main(["explain", str(NANGONG), "power_responsibility_list"]) == 0
    out = capsys.readouterr().out
    assert "rule:      covered" in out and "dropped: alias “责任清单”" in out and "普法责任清单" in out
    assert main(["explain", str(NANGONG), "power_responsibility_list", "--format", "json"]) == 0
    first = capsys.readouterr().out
    assert main(["explain", str(NANGONG), "power_responsibility_list", "--format", "json"]) == 0
    assert capsys.readouterr().out == first
    data = json.loads(first)
    assert data["element"] == "power_responsibility_list" and data["status"] == "covered"
    assert main(["explain", str(NANGONG), "power_list"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "'power_list' is not an element" in err[0] and "Traceback" not in err[0]


def test_every_reason_a_hit_can_be_dropped_for_is_explained():
    """The matcher records why it dropped a hit (models.DropReason, which names every mention kind
    but an arrangement, kept as a plan); explain and the HTML view say it in words."""
    assert set(DROP_REASONS) == set(get_args(DropReason))
    assert set(get_args(MentionKind)) - {"arranged"} <= set(get_args(DropReason))
