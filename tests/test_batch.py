"""`rolscore batch`: every output, the same results as `score` and whatever the number of workers,
no collisions, bad files skipped and listed, summaries a reviewer can read, and Ctrl-C."""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import sys

import pytest

from scorer import progress
from scorer.checklist import load_checklist
from scorer.cli import main
from scorer.progress import PlainProgress
from tests.conftest import SEEDS

SEED_FILES = sorted(SEEDS.glob("*.txt"))
QINHUANGDAO = SEED_FILES[0]  # 秦皇岛市人民政府2020年度法治政府建设情况报告
PROPOSAL_REPLY = SEED_FILES[4]  # a reply to a CPPCC proposal, not an annual report


def run_batch(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["batch", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def section(markdown: str, heading: str) -> str:
    """The text under a level-2 heading, up to the next one."""
    start = markdown.index(heading + "\n")
    end = markdown.find("\n## ", start)
    return markdown[start : end if end != -1 else len(markdown)]


@pytest.fixture(scope="module")
def seeds_out(tmp_path_factory):
    """One batch over seeds/ with two workers, shared by the tests that only read its outputs."""
    out = tmp_path_factory.mktemp("batch") / "out"
    assert main(["batch", str(SEEDS), "--out", str(out), "--workers", "2"]) == 0
    return out


def test_every_output_is_written(seeds_out):
    for seed in SEED_FILES:
        assert (seeds_out / f"{seed.stem}.md").read_text(encoding="utf-8").startswith("# ")
        assert json.loads((seeds_out / f"{seed.stem}.json").read_text(encoding="utf-8"))["source"] == str(seed)
    for name in ("results.jsonl", "summary.csv", "summary.md"):
        assert (seeds_out / name).stat().st_size > 0
    assert not [p.name for p in seeds_out.iterdir() if p.name.startswith(".")], "temporary files left behind"


def test_results_are_what_score_prints_as_json(seeds_out, tmp_path, capsys):
    assert main(["score", str(SEEDS), "--format", "json", "--out", str(tmp_path)]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert (seeds_out / "results.jsonl").read_text(encoding="utf-8").splitlines() == printed
    assert [json.loads(line)["source"] for line in printed] == [str(seed) for seed in SEED_FILES]
    for seed, line in zip(SEED_FILES, printed):
        assert (seeds_out / f"{seed.stem}.json").read_text(encoding="utf-8") == line + "\n"


def test_one_worker_gives_the_same_outputs_as_two(seeds_out, tmp_path, capsys):
    code, _, _ = run_batch(capsys, str(SEEDS), "--out", str(tmp_path), "--workers", "1")
    assert code == 0
    for name in ["results.jsonl", "summary.csv", "summary.md", *(f"{s.stem}.md" for s in SEED_FILES)]:
        assert (tmp_path / name).read_bytes() == (seeds_out / name).read_bytes(), name


def test_same_stem_in_two_folders_does_not_collide(tmp_path, capsys):
    for folder, seed in (("north", QINHUANGDAO), ("south", PROPOSAL_REPLY)):
        (tmp_path / "in" / folder).mkdir(parents=True)
        shutil.copy(seed, tmp_path / "in" / folder / "report.txt")
    code, _, _ = run_batch(capsys, str(tmp_path / "in"), "--out", str(tmp_path / "out"))
    assert code == 0
    north = json.loads((tmp_path / "out" / "north__report.json").read_text(encoding="utf-8"))
    south = json.loads((tmp_path / "out" / "south__report.json").read_text(encoding="utf-8"))
    assert north["source"].endswith("north/report.txt") and south["source"].endswith("south/report.txt")
    assert north["overall_score"] != south["overall_score"]
    assert len((tmp_path / "out" / "results.jsonl").read_text(encoding="utf-8").splitlines()) == 2


def test_a_report_named_summary_does_not_overwrite_the_summary(tmp_path, capsys):
    shutil.copy(QINHUANGDAO, tmp_path / "summary.txt")
    code, _, _ = run_batch(capsys, str(tmp_path / "summary.txt"), "--out", str(tmp_path / "out"))
    assert code == 0
    assert (tmp_path / "out" / "summary.md").read_text(encoding="utf-8").startswith("# 法治政府建设年度报告批量评估汇总")
    own = f"{tmp_path.name}__summary.md"  # the folder becomes a prefix, as for any collision
    assert (tmp_path / "out" / own).read_text(encoding="utf-8").startswith("# 法治政府建设年度报告要素评估")


def test_bad_files_are_reported_and_skipped(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(QINHUANGDAO, folder / "a_good.txt")
    (folder / "b_empty.txt").write_bytes(b"")
    (folder / "c_binary.txt").write_bytes(bytes(range(256)) * 8)
    shutil.copy(PROPOSAL_REPLY, folder / "d_good.txt")
    code, _, err = run_batch(capsys, str(folder), "--out", str(tmp_path / "out"))
    assert code == 2
    assert f"{folder / 'b_empty.txt'}: file is empty" in err
    assert any(line.startswith(f"rolscore: {folder / 'c_binary.txt'}: ") for line in err.splitlines())
    out = tmp_path / "out"
    sources = [json.loads(line)["source"] for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sources == [str(folder / "a_good.txt"), str(folder / "d_good.txt")]
    assert not (out / "b_empty.md").exists() and not (out / "c_binary.json").exists()
    summary = (out / "summary.md").read_text(encoding="utf-8")
    failed = section(summary, "## 无法读取的文件 (2)")
    assert "`" + str(folder / "b_empty.txt") + "` | file is empty |" in failed
    assert str(folder / "c_binary.txt") in failed
    assert "已评分 2 份 · 无法读取 2 份 · 共 4 份" in summary


YEARS = {"000": 2020, "001": 2020, "002": 2023, "003": 2020, "004": None}  # read in each seed's title
CHECKLIST_OF = {stem: "fazhi_2015" if year and year <= 2020 else "fazhi_2021" for stem, year in YEARS.items()}


def test_summary_csv_has_a_row_per_report(seeds_out):
    with open(seeds_out / "summary.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [row["source"] for row in rows] == [str(seed) for seed in SEED_FILES]
    columns = list(rows[0])
    assert columns[:8] == ["source", "report", "title", "issuer", "year", "document_type", "checklist", "overall_score"]
    newer, older = load_checklist("fazhi_2021"), load_checklist("fazhi_2015")
    sections = list(dict.fromkeys(s.id for checklist in (newer, older) for s in checklist.sections))
    assert [c for c in columns if c.startswith("score_")] == [f"score_{s}" for s in sections]
    for name in ("covered", "partial", "planned", "problem", "missing", "structure_found", "structure_total",
                 "structure_missing", "timeliness", "published", "deadline"):
        assert name in columns
    results = [json.loads(line) for line in (seeds_out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    for row, result in zip(rows, results):
        assert row["checklist"] == CHECKLIST_OF[row["report"][:3]] == result["checklist"]["id"]
        used = newer if row["checklist"] == "fazhi_2021" else older
        assert float(row["overall_score"]) == result["overall_score"]
        assert sum(int(row[s]) for s in ("covered", "partial", "planned", "problem", "missing")) == len(used.elements)
        for section in result["sections"]:
            assert float(row[f"score_{section['id']}"]) == section["score"]
        assert {c for c in columns if c.startswith("score_") and not row[c]} == {
            f"score_{s}" for s in sections if s not in {s.id for s in used.sections}
        }
    first = rows[0]
    assert first["report"] == QINHUANGDAO.stem
    assert first["title"] == "秦皇岛市人民政府2020年度法治政府建设情况报告"
    assert first["year"] == "2020"
    assert rows[4]["document_type"] == "other"


def test_summary_md_reads_as_a_review(seeds_out):
    summary = (seeds_out / "summary.md").read_text(encoding="utf-8")
    assert "图例: ✔ 已覆盖 · ◐ 部分覆盖 · ➜ 仅有计划 · ⚠ 仅列为问题 · ✘ 缺失" in summary
    overview = section(summary, "# 法治政府建设年度报告批量评估汇总")
    assert "`fazhi_2015` 版本 2015.1" in overview and ": 3 份报告" in overview and ": 2 份报告" in overview
    assert "按报告年度 (--checklist auto)" in overview
    assert "| 总分 (`fazhi_2015`) | 平均 " in overview and "| 总分 (`fazhi_2021`) | 平均 " in overview
    ranking = section(summary, "## 排名")
    assert f"[{QINHUANGDAO.stem}](<{QINHUANGDAO.stem}.md>)" in ranking
    assert "(**不是年度报告**)" in ranking.strip().splitlines()[-1]  # the proposal reply ranks last
    for seed in SEED_FILES:  # each report's line names its checklist
        line = next(line for line in ranking.splitlines() if f"[{seed.stem}]" in line)
        assert f"| `{CHECKLIST_OF[seed.stem[:3]]}` |" in line
    matrix = section(summary, "## 要素 × 报告")
    blocks = {name: matrix[matrix.index(f"### 清单 `{name}`") :] for name in ("fazhi_2021", "fazhi_2015")}
    blocks["fazhi_2021"] = blocks["fazhi_2021"][: blocks["fazhi_2021"].index("### 清单 `fazhi_2015`")]
    for name, columns in (("fazhi_2021", "| 3 | 5 |"), ("fazhi_2015", "| 1 | 2 | 4 |")):
        checklist = load_checklist(name)
        element_rows = [line for line in blocks[name].splitlines() if line.startswith("| ") and "`" in line]
        assert len(element_rows) == len(checklist.elements)
        tiers = [line.split(" | ")[1] for line in element_rows]
        assert tiers == sorted(tiers, key=["核心", "一般", "次要"].index)
        assert tiers.count("核心") == sum(e.weight == 3 for e in checklist.elements)
        assert columns in blocks[name]
        assert all(line.count(" | ") == 3 + columns.count(" | ") for line in element_rows)
    # the proposal reply (column 5) answers one question: most elements are missing there
    element_rows = [line for line in blocks["fazhi_2021"].splitlines() if line.startswith("| ") and "`" in line]
    assert sum(line.rstrip(" |").endswith("✘") for line in element_rows) > len(element_rows) / 2
    gaps = section(summary, "## 最常见的缺项")
    assert "| 占比 |" in gaps and "%" in gaps
    assert "### 清单 `fazhi_2021`" in gaps and "| 2/2 |" in gaps and "| 3/3 |" in gaps
    assert "## 无法读取的文件 (0)" in summary


def test_one_checklist_given_gives_one_matrix_and_no_checklist_subheadings(tmp_path, capsys):
    code, _, _ = run_batch(capsys, *map(str, SEED_FILES[:3]), "--out", str(tmp_path), "--checklist", "fazhi_2021")
    assert code == 0
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "### 清单" not in summary and "按报告年度" not in summary and "| 总分 | 平均 " in summary
    assert summary.count("| 要素 | 层级 | 已覆盖 | 1 | 2 | 3 |") == 1
    with open(tmp_path / "summary.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert {row["checklist"] for row in rows} == {"fazhi_2021"}
    assert "score_capacity" not in rows[0]


def test_globs_and_progress_lines(tmp_path, capsys):
    pattern = str(SEEDS / "00[0-1]_*.txt")
    code, out, err = run_batch(capsys, pattern, "--out", str(tmp_path), "--workers", "1")
    assert code == 0
    assert len((tmp_path / "results.jsonl").read_text(encoding="utf-8").splitlines()) == 2
    assert "rolscore: 2/2 reports" in err  # plain progress: stderr is not a terminal here
    assert "scored 2 of 2 reports" in out


def test_fail_under_exits_1(tmp_path, capsys):
    code, _, err = run_batch(capsys, str(PROPOSAL_REPLY), "--out", str(tmp_path), "--fail-under", "50")
    assert code == 1
    assert "below --fail-under 50" in err


def test_ctrl_c_keeps_what_finished(tmp_path, capsys, monkeypatch):
    class InterruptedAfterFirst(PlainProgress):
        def advance(self):
            super().advance()
            if self.count == 1:
                os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(progress, "progress_for", lambda total: InterruptedAfterFirst(total, sys.stderr))
    code, _, err = run_batch(capsys, str(SEEDS), "--out", str(tmp_path), "--workers", "1")
    assert code == 130
    results = (tmp_path / "results.jsonl").read_text(encoding="utf-8").splitlines()
    assert 1 <= len(results) < len(SEED_FILES)
    assert f"interrupted after {len(results)} of {len(SEED_FILES)} reports" in err
    with open(tmp_path / "summary.csv", encoding="utf-8-sig") as f:
        assert len(list(csv.DictReader(f))) == len(results)
    assert f"只包含已完成的 {len(results)} / {len(SEED_FILES)} 份" in (tmp_path / "summary.md").read_text(encoding="utf-8")
    for line in results:
        stem = json.loads(line)["source"].rsplit("/", 1)[1].removesuffix(".txt")
        assert (tmp_path / f"{stem}.md").exists()


def test_a_second_run_into_a_folder_inside_the_input_does_not_score_its_own_outputs(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for seed in SEED_FILES[:2]:
        (inputs / seed.name).write_bytes(seed.read_bytes())
    out = inputs / "out"
    for _ in range(2):
        assert main(["batch", str(inputs), "--out", str(out), "--workers", "1"]) == 0
    lines = (out / "results.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["source"] for line in lines] == [str(inputs / seed.name) for seed in SEED_FILES[:2]]


def test_a_worker_that_dies_fails_only_the_reports_in_flight(tmp_path, capsys, monkeypatch):
    import scorer.batch

    real = scorer.batch.read_and_score

    def dies_on_the_reply(path, *args, **options):
        if "004_" in str(path):
            os._exit(9)  # as if the OS killed the worker for memory
        return real(path, *args, **options)

    monkeypatch.setattr(scorer.batch, "read_and_score", dies_on_the_reply)  # forked workers inherit it
    code, _, err = run_batch(capsys, str(SEEDS), "--out", str(tmp_path / "out"), "--workers", "1")
    assert code == 2 and "Traceback" not in err
    assert "004_38744af11d1313e7.txt: a worker process died" in err
    lines = (tmp_path / "out" / "results.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4  # the four others were scored, in a new pool after the death
    assert "004_38744af11d1313e7" in (tmp_path / "out" / "summary.md").read_text(encoding="utf-8")
