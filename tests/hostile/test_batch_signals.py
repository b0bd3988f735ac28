"""A batch stopped from outside: kill -9 leaves no worker and no half-written file, and --resume
finishes the run byte for byte as one uninterrupted run would (index.html and the pages included),
reusing nothing made with other settings; SIGTERM and Ctrl-C end it with the summaries of what is
done; a second batch on the same --out refuses while the first holds it."""

from __future__ import annotations

import json
import signal
import time

import pytest

from tests.hostile.runs import SEED_FILES, alive, children, finish, seed_copies, slow_report, start, wait_for

ROUNDS = 30
"""Rounds of the seeds in the killed run: 150 reports, a few seconds with two workers."""


def lines(path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def test_kill_9_leaves_nothing_half_written_and_resume_completes_the_run_byte_for_byte(tmp_path, rolscore):
    inputs = seed_copies(tmp_path / "in", ROUNDS)
    out = tmp_path / "out"
    run = start("batch", tmp_path / "in", "--workers", "2", "--html", "--out", out)
    wait_for(lambda: len(lines(out / "sources.jsonl")) >= 5, expected=3, what="five reports done")
    workers = children(run.pid)
    run.kill()
    run.wait()
    assert workers
    wait_for(lambda: not any(alive(pid) for pid in workers), expected=0.5, what="the workers to die with their parent")

    assert not (out / "results.jsonl").exists(), "the run ended before it was killed: make it longer"
    hidden = [p.name for p in out.iterdir() if p.name.startswith(".")]
    assert hidden in ([], [".rolscore.lock"]), hidden  # no temporary file: the lock is not held by anyone
    done_before = [json.loads(line) for line in lines(out / "sources.jsonl")]
    for entry in done_before:  # every file there is whole
        assert json.loads((out / f"{entry['stem']}.json").read_text(encoding="utf-8"))["source"] == entry["source"]
        assert (out / f"{entry['stem']}.md").read_text(encoding="utf-8").startswith("# ")
        assert (out / f"{entry['stem']}.html").read_text(encoding="utf-8").rstrip().endswith("</html>")
    for path in out.glob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))

    resumed = rolscore("batch", tmp_path / "in", "--workers", "2", "--html", "--out", out, "--resume", expected=4)
    assert resumed.code == 0, resumed.stderr
    assert f"scored {len(inputs) - len(done_before)} of {len(inputs)} reports, and read back {len(done_before)}" in resumed.stdout

    whole = tmp_path / "whole"
    assert rolscore("batch", tmp_path / "in", "--workers", "2", "--html", "--out", whole, expected=4).code == 0
    assert {"index.html", "summary.md", "sources.jsonl"} <= {p.name for p in whole.iterdir()}
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in whole.iterdir())
    for path in whole.iterdir():
        assert (out / path.name).read_bytes() == path.read_bytes(), path.name


def test_workers_busy_on_a_long_report_die_with_their_parent(tmp_path):
    slow = [slow_report(tmp_path / "in", f"slow{n}.txt") for n in range(2)]
    run = start("batch", *slow, "--workers", "2", "--out", tmp_path / "out")
    wait_for(lambda: len(children(run.pid)) == 2, what="two workers")
    time.sleep(0.2)  # each is inside its report now, for a second or more
    workers = children(run.pid)
    run.kill()
    run.wait()
    wait_for(lambda: not any(alive(pid) for pid in workers), expected=0.05, what="the workers to die with their parent")


def test_resume_scores_again_a_report_whose_input_changed(tmp_path, rolscore):
    inputs = seed_copies(tmp_path / "in", 1)
    out = tmp_path / "out"
    assert rolscore("batch", tmp_path / "in", "--out", out, expected=2).code == 0
    inputs[1].write_bytes(SEED_FILES[4].read_bytes())  # same name, other content
    again = rolscore("batch", tmp_path / "in", "--out", out, "--resume", expected=2)
    assert again.code == 0
    assert "scored 1 of 5 reports, and read back 4" in again.stdout
    assert json.loads((out / f"{inputs[1].stem}.json").read_text(encoding="utf-8"))["metadata"]["document_type"] == "other"


CHANGED_SETTINGS = {  # name: the options of the resumed run (the first run had none)
    "another --checklist": ["--checklist", "fazhi_2021"],
    "--html added": ["--html"],
    "another --deadline": ["--deadline", "03-31"],
    "another input limit": ["--max-chars", "1999999"],
}


@pytest.mark.parametrize("change", CHANGED_SETTINGS)
def test_resume_scores_again_what_was_made_with_other_settings(tmp_path, rolscore, change):
    then = CHANGED_SETTINGS[change]
    seed_copies(tmp_path / "in", 1)
    out = tmp_path / "out"
    assert rolscore("batch", tmp_path / "in", "--out", out, expected=2).code == 0
    again = rolscore("batch", tmp_path / "in", "--out", out, "--resume", *then, expected=2)
    assert again.code == 0, again.stderr
    assert "scored 5 of 5 reports in" in again.stdout and "read back" not in again.stdout
    whole = tmp_path / "whole"
    assert rolscore("batch", tmp_path / "in", "--out", whole, *then, expected=2).code == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in whole.iterdir())
    for path in whole.iterdir():
        assert (out / path.name).read_bytes() == path.read_bytes(), path.name


def test_resume_scores_again_after_the_checklist_file_changed(tmp_path, rolscore):
    from tests.conftest import ROOT

    mine = tmp_path / "mine.yaml"
    mine.write_bytes((ROOT / "checklist" / "fazhi_2021.yaml").read_bytes())
    seed_copies(tmp_path / "in", 1)
    out = tmp_path / "out"
    assert rolscore("batch", tmp_path / "in", "--out", out, "--checklist", mine, expected=2).code == 0
    same = rolscore("batch", tmp_path / "in", "--out", out, "--checklist", mine, "--resume", expected=2)
    assert "scored 0 of 5 reports, and read back 5" in same.stdout
    mine.write_text(mine.read_text(encoding="utf-8").replace('version: "', 'version: "edited-', 1), encoding="utf-8")
    again = rolscore("batch", tmp_path / "in", "--out", out, "--checklist", mine, "--resume", expected=2)
    assert again.code == 0, again.stderr
    assert "scored 5 of 5 reports in" in again.stdout
    assert all(json.loads(line)["checklist"]["version"].startswith("edited") for line in lines(out / "results.jsonl"))


def test_sigterm_stops_the_run_and_writes_the_summaries_of_what_is_done(tmp_path):
    seed_copies(tmp_path / "in", ROUNDS)
    out = tmp_path / "out"
    run = start("batch", tmp_path / "in", "--workers", "2", "--out", out)
    wait_for(lambda: len(lines(out / "sources.jsonl")) >= 3, expected=3, what="three reports done")
    workers = children(run.pid)
    run.send_signal(signal.SIGTERM)
    done = finish(run)
    assert done.code == 143
    scored = lines(out / "results.jsonl")
    assert 3 <= len(scored) < 5 * ROUNDS
    assert f"rolscore: interrupted after {len(scored)} of {5 * ROUNDS} reports" in done.stderr
    assert f"本汇总只包含已完成的 {len(scored)} / {5 * ROUNDS} 份" in (out / "summary.md").read_text(encoding="utf-8")
    assert not any(alive(pid) for pid in workers)
    assert not (out / ".rolscore.lock").exists()


def test_a_second_ctrl_c_abandons_the_running_report(tmp_path):
    slow = slow_report(tmp_path / "in")
    out = tmp_path / "out"
    run = start("batch", *SEED_FILES[:2], slow, "--workers", "1", "--out", out)
    wait_for(lambda: len(lines(out / "sources.jsonl")) == 2, expected=2, what="the two seeds done")
    time.sleep(0.1)  # the worker is on the slow report now
    run.send_signal(signal.SIGINT)
    time.sleep(0.3)
    run.send_signal(signal.SIGINT)
    done = finish(run, expected=1)  # well before the slow report would end
    assert done.code == 130
    assert len(lines(out / "results.jsonl")) == 2
    assert "interrupted after 2 of 3 reports" in done.stderr
    assert not (out / "slow.md").exists()


def test_a_second_batch_on_the_same_out_refuses_and_a_killed_one_leaves_no_lock(tmp_path, rolscore):
    slow = [slow_report(tmp_path / "in", f"slow{n}.txt") for n in range(2)]
    out = tmp_path / "out"
    first = start("batch", *slow, "--workers", "1", "--out", out)
    wait_for(lambda: (out / ".rolscore.lock").exists() and (out / ".rolscore.lock").read_text(), what="the lock")
    second = rolscore("batch", SEED_FILES[0], "--out", out, expected=2)
    first.kill()
    first.communicate()
    assert second.code == 2
    [line] = second.lines
    assert line.startswith(f"rolscore: {out}/ is being written by another run (pid {first.pid}, started ")
    assert line.endswith(f"rolscore batch {slow[0]} {slow[1]} --workers 1 --out {out}); wait for it to end, or choose another --out")
    assert not (out / "results.jsonl").exists()

    third = rolscore("batch", SEED_FILES[0], "--out", out, expected=2)  # the kernel released the killed run's lock
    assert third.code == 0, third.stderr
    assert not (out / ".rolscore.lock").exists()
