"""Metadata, document type and timeliness: the seeds against what reading them establishes, and
probe texts for each way a report states its title, issuer, date and number."""

from __future__ import annotations

import json

import pytest

from scorer.cli import main
from scorer.pipeline import score_file
from scorer.timeliness import check, parse_deadline
from tests.conftest import SEEDS

# Read from each seed by hand: the title line, the 发布时间 / bare date / signature lines, the 文号
# field, the signature.
SEED_METADATA = {
    "000_a0afd6c5fbedfa4c": dict(
        title="秦皇岛市人民政府2020年度法治政府建设情况报告",
        issuer="秦皇岛市人民政府",  # title and signature; 发布机构:办公室 is the web page's publisher
        year=2020,
        published="2021-01-19",  # 发布时间 line; the signature date "2021115" lost its 年月日
        doc_number="秦政发〔2021〕2号",  # 文号 field, brackets as written
        document_type="annual_report",
    ),
    "001_48ee28c3dc998fea": dict(
        title="2020年南宫市法治政府建设工作报告",
        issuer="南宫市",  # the body the title names; no signature (发布机构:司法局 is the publisher)
        year=2020,
        published="2021-03-22",  # "发布时间: 2021-03-22"
        doc_number=None,
        document_type="annual_report",
    ),
    "002_68ea31727828a006": dict(
        title="廊坊市人民政府2023年度法治政府建设情况报告",  # under the column name 政府公告
        issuer="廊坊市人民政府",
        year=2023,
        published="2024-02-26",  # bare date line "2024年02月26日 来源: 市司法局"
        doc_number=None,
        document_type="annual_report",
    ),
    "003_3cfe0e754c2cb1fa": dict(
        title="海曙区人民政府关于2020年度法治政府建设情况的报告",  # after the 首页 >>政务公开 crumbs
        issuer="海曙区人民政府",
        year=2020,
        published=None,  # no date anywhere: the page ends with 分享到
        doc_number=None,
        document_type="annual_report",
    ),
    "004_38744af11d1313e7": dict(
        title="对政协秦皇岛市第十三届委员会第五次会议第135137号提案的答复",
        issuer="秦皇岛市司法局",  # signature above 2021年6月30日
        year=None,  # a reply to a proposal reports on no year
        published="2021-07-20",  # 发布时间 line, before the signature date
        doc_number=None,  # "文号: 索引号:…": the field is empty; 第135137号提案 is the proposal's number
        document_type="other",
    ),
}
SEED_TIMELINESS = {
    "000_a0afd6c5fbedfa4c": ("on_time", "2021-04-01"),
    "001_48ee28c3dc998fea": ("on_time", "2021-04-01"),
    "002_68ea31727828a006": ("on_time", "2024-04-01"),
    "003_3cfe0e754c2cb1fa": ("unknown", "2021-04-01"),  # no publication date
    "004_38744af11d1313e7": ("unknown", None),  # no year reported
}
BODY = "现将有关情况报告如下:\n一、推进依法行政\n全年制定规范性文件3件,全部经过合法性审核。"


@pytest.fixture(scope="module")
def seeds(matcher):
    return {stem: score_file(SEEDS / f"{stem}.txt", matcher) for stem in SEED_METADATA}


@pytest.mark.parametrize("stem", sorted(SEED_METADATA))
def test_seed_metadata_is_what_the_report_says(seeds, stem):
    assert seeds[stem].metadata.model_dump() == SEED_METADATA[stem]


def test_only_the_reply_to_a_proposal_is_warned_about(seeds):
    warned = {stem: analysis.warnings for stem, analysis in seeds.items()}
    assert [stem for stem, warnings in warned.items() if warnings] == ["004_38744af11d1313e7"]
    (warning,) = warned["004_38744af11d1313e7"]
    assert "不像法治政府建设年度报告" in warning and "提案的答复" in warning


@pytest.mark.parametrize("stem", sorted(SEED_TIMELINESS))
def test_seed_timeliness_against_the_default_deadline(seeds, stem):
    status, deadline = SEED_TIMELINESS[stem]
    timeliness = seeds[stem].timeliness
    assert (timeliness.status, timeliness.deadline, timeliness.published) == (
        status, deadline, SEED_METADATA[stem]["published"],
    )


def test_a_signature_gives_issuer_and_date_when_the_page_has_neither(analyse_text):
    meta = analyse_text(f"某县2021年度法治政府建设情况报告\n{BODY}\n特此报告。\n某县人民政府\n2022年3月5日\n").metadata
    assert (meta.issuer, meta.year, meta.published) == ("某县人民政府", 2021, "2022-03-05")


def test_a_date_without_its_year_month_day_is_not_guessed(analyse_text):
    meta = analyse_text(f"某县人民政府2021年度法治政府建设情况报告\n{BODY}\n某县人民政府\n202235\n").metadata
    assert meta.published is None
    assert meta.issuer == "某县人民政府"


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("发布日期：２０２２年０３月０１日", "2022-03-01"),  # full-width digits and colon
        ("日期: 2022/03/31  来源: 县司法局", "2022-03-31"),
        ("2022-02-28 来源:县政府办", "2022-02-28"),  # a bare date line under the title
        ("成文日期:2022-01-10  发布日期:2022-01-19", "2022-01-19"),  # written is not published
        ("发布时间:2022-02-30", None),  # no such day
    ],
)
def test_publication_date_lines(analyse_text, line, published):
    assert analyse_text(f"某县人民政府2021年度法治政府建设情况报告\n{line}\n{BODY}").metadata.published == published


def test_document_number_on_a_line_of_its_own_is_kept_as_written(analyse_text):
    meta = analyse_text(f"某县人民政府2021年度法治政府建设情况报告\n某政发〔2022〕5号\n{BODY}").metadata
    assert meta.doc_number == "某政发〔2022〕5号"


def test_a_cited_documents_number_is_not_the_reports(analyse_text):
    text = f"某县人民政府2021年度法治政府建设情况报告\n根据《某市实施方案》(某政发〔2020〕3号)要求,{BODY}"
    assert analyse_text(text).metadata.doc_number is None


@pytest.mark.parametrize(
    ("title", "issuer"),
    [
        ("某市司法局关于2021年度法治政府建设情况的报告", "某市司法局"),
        ("某市2021年度法治政府建设情况报告", "某市"),
        ("关于2021年度法治政府建设情况的报告", None),  # names no body: never invented
    ],
)
def test_issuer_from_the_title(analyse_text, title, issuer):
    meta = analyse_text(f"首页>>政务公开\n{title}\n{BODY}").metadata
    assert (meta.title, meta.issuer, meta.year) == (title, issuer, 2021)


def test_a_report_without_its_title_is_known_by_its_opening(analyse_text):
    analysis = analyse_text("2021年,我县扎实推进法治政府建设,现将有关情况报告如下:\n一、推进依法行政\n全年审核规范性文件3件。")
    assert analysis.metadata.title is None
    assert analysis.metadata.document_type == "annual_report" and analysis.warnings == []


def test_a_notice_is_not_an_annual_report(analyse_text):
    analysis = analyse_text("关于开展2022年法治宣传月活动的通知\n各乡镇:\n为深入推进法治建设,现将有关事项通知如下:\n一、活动时间\n4月1日至30日。")
    assert analysis.metadata.document_type == "other"
    assert len(analysis.warnings) == 1


@pytest.mark.parametrize(
    ("year", "published", "deadline", "expected"),
    [
        (2020, "2021-04-01", (4, 1), ("on_time", "2021-04-01")),  # on the day is on time
        (2020, "2021-04-02", (4, 1), ("late", "2021-04-01")),
        (2020, "2021-03-22", (3, 1), ("late", "2021-03-01")),  # an earlier provincial deadline
        (2020, None, (4, 1), ("unknown", "2021-04-01")),
        (None, "2021-07-20", (4, 1), ("unknown", None)),
    ],
)
def test_timeliness(year, published, deadline, expected):
    result = check(year, published, deadline)
    assert (result.status, result.deadline, result.published) == (*expected, published)


def test_timeliness_of_a_probe_published_late(analyse_text):
    timeliness = analyse_text(f"某县人民政府2021年度法治政府建设情况报告\n发布时间:2022-04-02\n{BODY}").timeliness
    assert (timeliness.status, timeliness.deadline, timeliness.published) == ("late", "2022-04-01", "2022-04-02")


@pytest.mark.parametrize("value", ["13-01", "04-31", "02-29", "4-1", "april", ""])
def test_a_deadline_must_be_a_day_of_every_year(value):
    with pytest.raises(ValueError):
        parse_deadline(value)


def test_deadline_option_moves_the_deadline(tmp_path, capsys):
    seed = SEEDS / "001_48ee28c3dc998fea.txt"  # published 2021-03-22
    assert main(["score", str(seed), "--format", "json", "--deadline", "03-01", "--out", str(tmp_path)]) == 0
    timeliness = json.loads(capsys.readouterr().out)["timeliness"]
    assert timeliness == {"status": "late", "deadline": "2021-03-01", "published": "2021-03-22"}


def test_a_bad_deadline_is_a_one_line_usage_error(tmp_path, capsys):
    seed = SEEDS / "001_48ee28c3dc998fea.txt"
    assert main(["score", str(seed), "--deadline", "13-01", "--out", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and list(tmp_path.iterdir()) == []
    assert captured.err.splitlines() == ["rolscore: --deadline '13-01' is not a day of the year as MM-DD (such as 04-01)"]


def test_a_body_sentence_that_opens_with_a_date_is_not_the_publication_date(analyse_text):
    text = "某县人民政府2020年度法治政府建设情况报告\n2021年3月5日,县政府召开常务会议,专题学法。\n一、主要工作\n严格落实宪法宣誓制度。"
    analysis = analyse_text(text)
    assert analysis.metadata.published is None
    assert analysis.timeliness.status == "unknown"


def test_a_date_inside_the_reported_year_cannot_make_a_report_on_time():
    assert check(2020, "2020-12-30").status == "unknown"
    assert check(2020, "2021-01-19").status == "on_time"


def test_a_title_broken_over_two_lines_is_read_whole_with_its_year(analyse_text):
    analysis = analyse_text("某县人民政府关于2020年度\n法治政府建设情况的报告\n\n一、主要工作\n严格落实宪法宣誓制度。")
    assert analysis.metadata.title == "某县人民政府关于2020年度法治政府建设情况的报告"
    assert analysis.metadata.year == 2020


def test_a_date_line_above_the_title_is_not_part_of_it(analyse_text):
    analysis = analyse_text("2021年1月19日\n某县法治政府建设情况报告\n一、主要工作\n严格落实宪法宣誓制度。")
    assert analysis.metadata.title == "某县法治政府建设情况报告"
    assert analysis.metadata.year is None
