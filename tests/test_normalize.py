"""Normalisation for matching, with offsets that still point into the reviewer's text."""

from __future__ import annotations

from scorer.normalize import heading_level, normalize


def test_full_width_quotes_brackets_and_spaces():
    text = "（一）严格落实“双随机、一公开”监管，抽查２５４２６次　【重点】"
    assert normalize(text).text == '(一)严格落实"双随机、一公开"监管,抽查25426次[重点]'


def test_a_term_broken_across_lines_is_joined():
    assert normalize("2020年,我市严格落实行政执法公\n示制度,公示信息1200条。").text == (
        "2020年,我市严格落实行政执法公示制度,公示信息1200条。"
    )


def test_paragraph_and_heading_breaks_stay():
    text = "一、存在问题\n(一)落实不到位\n法制机构力量薄弱。\n下一步将加强。"
    assert normalize(text).text.split("\n") == ["一、存在问题", "(一)落实不到位", "法制机构力量薄弱。", "下一步将加强。"]


def test_a_hard_wrapped_text_is_rejoined_into_paragraphs():
    paragraph = "市政府法律顾问参与完成重大项目协议法律审查60余件,逐步从事后法律补救向事前防范和事中控制法律风险转变,全市三级政府聘请的法律顾问共700余人。"
    wrapped = "\n".join(paragraph[i : i + 24] for i in range(0, len(paragraph), 24))
    text = "一、健全决策机制\n" + wrapped + "\n" + wrapped
    assert normalize(text).text == "一、健全决策机制\n" + paragraph + "\n" + paragraph


def test_latin_words_keep_one_space_chinese_loses_all():
    assert normalize("GDP  growth 增长  5 %").text == "GDP growth增长5%"


def test_offsets_map_back_to_the_original_text():
    original = "  （一）严格落实\n行政执法公示制度，公示１２００条。"
    normalized = normalize(original)
    start = normalized.text.index("行政执法公示制度")
    a, b = normalized.original_span(start, start + len("行政执法公示制度"))
    assert original[a:b] == "行政执法公示制度"
    a, b = normalized.original_span(normalized.text.index("1200"), normalized.text.index("1200") + 4)
    assert original[a:b] == "１２００"


def test_heading_markers_and_their_levels():
    assert heading_level("一、深化理论武装") == 1
    assert heading_level("第二部分 工作成效") == 1
    assert heading_level("(三)加强行政执法队伍管理") == 2
    assert heading_level("1.重新修订配套制度") == 3
    assert heading_level("2、严格推行公示制度") == 3
    assert heading_level("(1)会前学法") == 4
    assert heading_level("一是加强党的领导") == 5
    for not_heading in ("2020年,全市", "1.6万余幅", "12.4国家宪法日", "一年来,我市"):
        assert heading_level(not_heading) is None, not_heading


def test_markdown_heading_marks_are_formatting_not_text():
    text = "# 某县2020年度法治政府建设情况报告\n\n## 一、主要工作\n**二、存在的问题**\n正文。"
    normalized = normalize(text)
    assert normalized.text.split("\n") == ["某县2020年度法治政府建设情况报告", "一、主要工作", "二、存在的问题", "正文。"]
    start = normalized.text.index("一、主要工作")
    a, b = normalized.original_span(start, start + 6)
    assert text[a:b] == "一、主要工作"
