"""The HTML pages in a real browser (headless Chromium, opened from file://): the index sorts and
filters, a matrix cell opens that element's evidence, n / p step through it, a clicked sentence
says what it evidences and why, a hostile report runs nothing, and no request leaves the page.

Every visit listens for dialogs, console messages, page errors and requests, and fails on any
of them: our pages log nothing, and load nothing but themselves."""

from __future__ import annotations

import json
import os
import re

import pytest
import yaml

from scorer.checklist import load_checklist
from scorer.cli import main
from tests.browser import chromium, missing
from tests.conftest import ROOT, SEEDS

HAISHU = "003_3cfe0e754c2cb1fa"  # 海曙区人民政府关于2020年度法治政府建设情况的报告
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def browser():
    reason = missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"the browser tests must run in CI: {reason}")
        pytest.skip(reason)
    with chromium() as launched:
        yield launched


class Visit:
    """A browser tab that records what a page must never do: open a dialog, write to the
    console, throw, or request anything but our own pages in `folder`."""

    def __init__(self, browser, folder, viewport=DESKTOP, javascript=True):
        self.folder = folder
        self.context = browser.new_context(viewport=viewport, java_script_enabled=javascript)
        self.context.route("**/*", self._route)
        self.dialogs: list[str] = []
        self.console: list[str] = []
        self.requests: list[str] = []
        self.page = self.context.new_page()
        self.page.on("dialog", self._dialog)
        self.page.on("console", lambda message: self.console.append(f"{message.type}: {message.text}"))
        self.page.on("pageerror", lambda error: self.console.append(f"uncaught: {error}"))
        self.page.on("request", lambda request: self.requests.append(request.url))

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            route.abort()

    def open(self, name: str, fragment: str = ""):
        self.page.goto((self.folder / name).as_uri() + fragment)
        return self.page

    def check(self) -> None:
        pages = {path.as_uri() for path in self.folder.glob("*.html")}
        assert self.dialogs == []
        assert self.console == []
        assert [url for url in self.requests if url not in pages] == []
        self.context.close()


@pytest.fixture
def visit(browser, review):
    visits = []

    def start(folder=review, **options) -> Visit:
        visits.append(Visit(browser, folder, **options))
        return visits[-1]

    yield start
    for one in visits:
        one.check()


def results(folder) -> dict[str, dict]:
    """The analyses (results.jsonl) by report name: what the pages must show."""
    lines = (folder / "results.jsonl").read_text(encoding="utf-8").splitlines()
    return {re.sub(r"\.txt$", "", json.loads(line)["source"].rsplit("/", 1)[1]): json.loads(line) for line in lines}


def visible_rows(page) -> list[str]:
    """Report names in the ranking, top to bottom, of the rows shown."""
    return [row.locator("td").nth(2).inner_text() for row in page.locator("table.ranking tbody tr").all() if row.is_visible()]


def in_view(page, locator) -> bool:
    box = locator.bounding_box()
    return box is not None and 0 <= box["y"] and box["y"] + box["height"] <= page.viewport_size["height"]


def current(page):
    """The marked sentence n / p are on."""
    marks = page.locator("mark.current")
    assert marks.count() == 1
    return marks.first


def test_the_index_lists_every_report(visit, review):
    page = visit().open("index.html")
    assert sorted(visible_rows(page)) == sorted(results(review))
    for name in results(review):
        assert page.get_by_role("link", name=name, exact=True).get_attribute("href") == f"./{name}.html"


def test_sorting_by_score_orders_the_rows(visit, review):
    scores = {name: result["overall_score"] for name, result in results(review).items()}
    page = visit().open("index.html")
    best_first = sorted(scores, key=lambda name: -scores[name])
    assert visible_rows(page) == best_first  # the ranking as written
    header = page.locator("table.ranking th", has_text="总分")
    header.get_by_role("button").click()
    assert header.get_attribute("aria-sort") == "descending" and visible_rows(page) == best_first
    header.get_by_role("button").click()
    assert header.get_attribute("aria-sort") == "ascending" and visible_rows(page) == best_first[::-1]
    page.locator("table.ranking th", has_text="序号").get_by_role("button").click()
    assert visible_rows(page) == sorted(scores)  # input order: the seeds' names are numbered


def test_the_filter_hides_the_rows_that_do_not_match(visit, review):
    page = visit().open("index.html")
    page.locator("#filter").fill("秦皇岛")
    titled = [name for name, result in results(review).items() if "秦皇岛" in (result["metadata"]["title"] or "")]
    assert len(titled) == 2  # 秦皇岛市人民政府…报告, and the reply to 秦皇岛's CPPCC proposal
    assert sorted(visible_rows(page)) == sorted(titled)
    assert page.locator("#filter-count").inner_text() == "显示 2 / 5 份"
    page.locator("#filter").fill("没有这样的报告")
    assert visible_rows(page) == [] and page.locator("#no-rows").is_visible()
    page.locator("#filter").fill("")
    assert len(visible_rows(page)) == 5


def test_the_index_compares_like_with_like_a_part_per_checklist(visit):
    """--checklist auto scores the reports on 2020 (1, 2 and 4: read in their titles) against
    fazhi_2015 and the others against fazhi_2021: each gets its own gap chart and matrix, as in
    summary.md, and the ranking names each report's checklist."""
    page = visit().open("index.html")
    overview = page.locator("#overview").inner_text()
    assert "按报告年度 (--checklist auto)" in overview
    for name, columns in (("fazhi_2021", ["3", "5"]), ("fazhi_2015", ["1", "2", "4"])):
        checklist = load_checklist(name)
        assert f"{name} 版本 {checklist.version}" in overview and f": {len(columns)} 份报告" in overview
        assert re.search(rf"总分 \({name}\)\s+平均 ", overview)
        matrix = page.locator(f"section#matrix-{name}")
        assert matrix.locator("th.report").all_inner_texts() == columns
        assert matrix.locator("table.matrix tbody tr").count() == len(checklist.elements)
        counts = page.locator(f"section#gaps-{name} table.gapchart td.num:has-text('/')").all_inner_texts()
        assert counts and all(count.endswith(f"/{len(columns)}") for count in counts)
    for row in page.locator("table.ranking tbody tr").all():
        number = int(row.locator("td").nth(1).inner_text())
        assert row.locator("td").nth(5).inner_text() == ("fazhi_2015" if number in (1, 2, 4) else "fazhi_2021")


def test_a_report_page_names_the_checklist_it_was_scored_against(visit):
    page = visit().open(f"{HAISHU}.html")  # on 2020
    assert "清单\tfazhi_2015 版本 2015.1 (按报告年度选定)" in page.locator("table.facts").inner_text()
    page = visit().open("002_68ea31727828a006.html")  # on 2023
    assert "清单\tfazhi_2021 版本 2021.1 (按报告年度选定)" in page.locator("table.facts").inner_text()


def test_a_matrix_cell_opens_that_elements_evidence_marked_in_view(visit):
    page = visit().open("index.html")
    page.locator(f'table.matrix a[href="./{HAISHU}.html#e-government_legal_advisor"]').click()
    page.wait_for_url(f"**/{HAISHU}.html#e-government_legal_advisor")
    mark = current(page)
    # the report's first sentence on legal advisers (section 一(三), "二是落实科学民主依法决策机制")
    assert mark.inner_text().startswith("配齐配强法律顾问队伍")
    assert mark.is_visible() and in_view(page, mark)
    assert page.locator("mark.focus").count() == 2  # both sentences on legal advisers are marked
    assert "政府法律顾问制度" in page.locator("#navigator").inner_text()
    assert "第 1 / 2 处" in page.locator("#navigator").inner_text()
    assert "selected" in page.locator("#row-government_legal_advisor").get_attribute("class")


def test_n_and_p_and_clicks_on_an_element_step_through_its_evidence(visit, review):
    page = visit().open(f"{HAISHU}.html")
    page.locator('a.element-name[data-element="first_responsible_person"]').click()
    seen = []
    # five sentences: 一(一)二是 (the duty named three times, and the leaders' 批示 on the rule of law)
    # and the 述法 of 一(五)
    for _ in range(5):
        mark = current(page)
        assert in_view(page, mark)
        where = "mark => [mark.getBoundingClientRect().top + window.scrollY, mark.textContent]"
        seen.append(page.evaluate(where, mark.element_handle()))
        page.keyboard.press("n")
    assert [y for y, _ in seen] == sorted(y for y, _ in seen) and len({text for _, text in seen}) == 5
    assert seen[0][1] == "二是全面履行党政主要负责人推进法治建设第一责任人职责。"
    assert seen[1][1] == "区委区政府主要负责人高度重视法治政府建设工作,多次对法治工作进行批示。"
    assert "述法" in seen[4][1]
    assert current(page).text_content() == seen[0][1]  # after the last, the first again
    page.keyboard.press("p")
    assert current(page).text_content() == seen[4][1]
    page.locator('a.element-name[data-element="first_responsible_person"]').click()  # a click steps on too
    assert current(page).text_content() == seen[0][1]
    page.keyboard.press("Escape")
    assert page.locator("mark.current").count() == 0 and not page.locator("#navigator").is_visible()


def test_clicking_a_marked_sentence_says_what_it_evidences_and_why(visit):
    page = visit().open(f"{HAISHU}.html")
    page.locator("mark", has_text="区委常委会听取法治政府建设年度报告").click()
    why = page.locator("#why")
    assert why.is_visible()
    sentence = "区委常委会听取法治政府建设年度报告等重要法治事项,区委全面依法治区委员会审议依法治区重大议题。"
    assert why.locator(".sentence").inner_text() == sentence
    item = why.locator("li", has_text="法治政府建设年度报告报告和公开")
    assert "原词 “法治政府建设年度报告”" in item.inner_text()  # the phrase is in the sentence as is
    assert "成效" in item.inner_text()  # part 一, the year's work
    why.locator(".close").click()
    assert not why.is_visible()


def test_a_gap_links_to_its_nearest_sentence(visit):
    page = visit().open(f"{HAISHU}.html")
    gap = page.locator('tr.gap[data-element="enforcement_accountability"]')
    assert "缺失" in gap.inner_text()
    gap.locator("a.quote").click()
    mark = current(page)
    assert "“谁执法谁普法”责任制" in mark.inner_text() and in_view(page, mark)
    near = page.locator("#why li", has_text="行政执法责任制")
    assert near.inner_text().startswith("≈") and "该要素在报告中缺失" in near.inner_text()
    # the same sentence is evidence for 普法 ("谁执法谁普法"), so it is marked as covered too
    assert "✔" in page.locator("#why li", has_text="谁执法谁普法").inner_text()


def test_the_element_list_filters_by_status_and_section(visit, review):
    counts = results(review)[HAISHU]["counts"]
    page = visit().open(f"{HAISHU}.html")
    rows = page.locator("table.elements tr.element")
    page.locator("#filter-status").select_option("missing")
    shown = [row for row in rows.all() if row.is_visible()]
    assert len(shown) == counts["missing"] and all(row.get_attribute("data-status") == "missing" for row in shown)
    page.locator("#filter-status").select_option("")
    page.locator("#filter-section").select_option("decisions")
    shown = [row.get_attribute("data-element") for row in rows.all() if row.is_visible()]
    assert "government_legal_advisor" in shown and "constitutional_oath" not in shown
    elements = sum(counts.values())  # 51: a report on 2020 is scored against fazhi_2015
    assert page.locator("#filter-count").inner_text() == f"显示 {len(shown)} / {elements} 项"


def test_the_page_shows_the_whole_original_text(visit):
    page = visit().open(f"{HAISHU}.html")
    shown = page.evaluate(
        """() => { const text = document.querySelector(".source").cloneNode(true);
                   text.querySelectorAll(".tag").forEach(tag => tag.remove());
                   return text.textContent; }"""
    )
    original = (SEEDS / f"{HAISHU}.txt").read_text(encoding="utf-8")
    assert re.sub(r"\s", "", shown) == re.sub(r"\s", "", original)
    assert page.locator(".source h3").all_inner_texts() == [
        "一、2020年度法治政府建设主要工作开展情况", "二、法治政府建设存在的问题", "三、2021年度推进法治政府建设的主要思路"
    ]


def test_without_javascript_the_text_and_tables_are_there(visit, review):
    quiet = visit(javascript=False)
    page = quiet.open("index.html")
    assert sorted(visible_rows(page)) == sorted(results(review))
    assert not page.locator("#filter").is_visible()
    page = quiet.open(f"{HAISHU}.html", "#e-government_legal_advisor")
    assert page.locator("table.elements tr.element").count() == sum(results(review)[HAISHU]["counts"].values())
    assert page.locator("mark").first.is_visible()
    assert in_view(page, page.locator("mark", has_text="配齐配强法律顾问队伍"))  # the anchor alone scrolls there


@pytest.mark.parametrize("name", ["index", HAISHU])
def test_a_phone_screen_needs_no_sideways_scrolling(visit, name):
    page = visit(viewport=PHONE).open(f"{name}.html")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


# --- hostile input ------------------------------------------------------------------------------

TITLE = "海曙区人民政府</textarea><script>alert(1)</script>关于2020年度法治政府建设情况的报告"
IMAGE = "<img src=x onerror=alert(2)>"
NAMES = ["x<img src=y onerror=alert(3)>", "javascript:alert(4)"]
ELEMENT = "<script>alert(5)</script>政府法律顾问制度"
SECTION = '<img src=z onerror="alert(6)">健全行政决策制度体系'


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A batch of a seed with script and image tags in its title and its text, under file names
    that are markup or a javascript: URL, scored with a checklist whose names are markup too."""
    folder = tmp_path_factory.mktemp("hostile")
    text = (SEEDS / f"{HAISHU}.txt").read_text(encoding="utf-8")
    text = text.replace("海曙区人民政府关于2020年度法治政府建设情况的报告", TITLE, 1)
    text = text.replace("配齐配强法律顾问队伍", f"配齐配强法律顾问队伍{IMAGE}", 1)
    for name in NAMES:
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    checklist = yaml.safe_load((ROOT / "checklist" / "fazhi_2021.yaml").read_text(encoding="utf-8"))
    decisions = next(section for section in checklist["sections"] if section["id"] == "decisions")
    decisions["title"] = SECTION
    next(e for e in decisions["elements"] if e["id"] == "government_legal_advisor")["name"] = ELEMENT
    (folder / "hostile.yaml").write_text(yaml.safe_dump(checklist, allow_unicode=True), encoding="utf-8")
    out = folder / "out"
    assert main(["batch", str(folder), "--html", "--checklist", str(folder / "hostile.yaml"), "--out", str(out)]) == 0
    return out


def test_a_hostile_report_shows_its_markup_as_text_and_runs_nothing(visit, hostile):
    tab = visit(hostile)
    page = tab.open("index.html")
    assert sorted(visible_rows(page)) == sorted(NAMES)
    assert TITLE in page.locator("table.ranking").inner_text()
    assert ELEMENT in page.locator("table.matrix").inner_text()
    page.locator("#filter").fill("<img")
    assert visible_rows(page) == [NAMES[0]]
    for name in NAMES:
        page = tab.open("index.html")
        page.get_by_role("link", name=name, exact=True).click()  # javascript:… is a file name here
        page.wait_for_url("**/*.html")
        assert page.locator("h1").inner_text().endswith(name)
        assert TITLE in page.locator("table.facts").inner_text()
        assert SECTION in page.locator("table.chart").inner_text()
        page.locator('a.element-name[data-element="government_legal_advisor"]').click()
        mark = current(page)
        assert IMAGE in mark.inner_text()
        mark.click()
        assert ELEMENT in page.locator("#why").inner_text()
        assert IMAGE in page.locator("#why .sentence").inner_text()
        assert page.locator("img").count() == 0 and page.locator("script").count() == 2  # ours: code, data
    assert tab.requests  # the listener works: it saw the pages themselves


def test_no_page_of_the_batch_requests_anything_but_itself(visit, review):
    tab = visit()
    for page_file in sorted(review.glob("*.html")):
        page = tab.open(page_file.name)
        marks = page.locator("mark")
        if marks.count():  # the index has none
            marks.first.click()
        page.wait_for_load_state("networkidle")
    assert len(tab.requests) == len(list(review.glob("*.html")))  # one request a page: itself
