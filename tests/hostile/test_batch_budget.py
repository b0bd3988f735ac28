"""`rolscore batch` with a report that overruns its time budget or its worker's memory, one that
never ends, and far too many workers: each such report fails with its reason, its worker is
replaced, and the run goes on to its summaries."""

from __future__ import annotations

import json
import os
import threading
import time

import pytest

from scorer.budget import Budget
from scorer.workers import MEMORY_STALL_SECONDS, Workers
from tests.hostile.runs import SEED_FILES, children, cpu_count, seed_copies, slow_report, start, finish


def scored_sources(out) -> list[str]:
    return [json.loads(line)["source"] for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]


def test_a_report_over_its_time_budget_is_failed_and_its_worker_replaced(tmp_path, rolscore):
    slow = slow_report(tmp_path / "in")  # first, with one worker: the others need the replacement
    out = tmp_path / "out"
    done = rolscore("batch", slow, *SEED_FILES, "--workers", "1", "--timeout", "0.5", "--out", out, expected=3)
    assert done.code == 2
    assert f"rolscore: {slow}: took longer than 0.5 s (--timeout)" in done.lines
    assert scored_sources(out) == [str(seed) for seed in SEED_FILES]
    summary = (out / "summary.md").read_text(encoding="utf-8")
    assert f"| `{slow}` | took longer than 0.5 s (--timeout) |" in summary
    assert "已评分 5 份 · 无法读取 1 份 · 共 6 份" in summary


def test_a_report_over_its_memory_limit_is_failed_and_the_run_goes_on(tmp_path, rolscore):
    big = slow_report(tmp_path / "in", "big.txt")  # scoring it takes some 250 MB; a seed, a few
    out = tmp_path / "out"
    done = rolscore("batch", SEED_FILES[0], big, SEED_FILES[1], "--workers", "1", "--max-memory", "100", "--out", out, expected=2)
    assert done.code == 2
    [line] = [line for line in done.lines if line.startswith(f"rolscore: {big}: ")]
    # Python's MemoryError, or an allocation in Rust or C++ that fails and aborts the worker
    assert line.startswith(f"rolscore: {big}: out of memory (limit 100 MB, --max-memory)"), line
    assert scored_sources(out) == [str(SEED_FILES[0]), str(SEED_FILES[1])]


def test_a_report_that_never_ends_does_not_keep_the_run_from_its_summaries(tmp_path, rolscore):
    folder = tmp_path / "in"
    folder.mkdir()
    stuck = folder / "stuck.txt"
    os.mkfifo(stuck)  # nobody ever writes to it: reading it waits for ever, unless it is refused
    out = tmp_path / "out"
    done = rolscore("batch", stuck, *SEED_FILES[:2], "--timeout", "1", "--out", out, expected=3)
    assert done.code == 2
    assert any(line.startswith(f"rolscore: {stuck}: ") for line in done.lines)
    assert scored_sources(out) == [str(seed) for seed in SEED_FILES[:2]]
    assert "无法读取 1 份" in (out / "summary.md").read_text(encoding="utf-8")


def test_workers_far_above_the_cores_are_capped_with_a_warning(tmp_path):
    inputs = seed_copies(tmp_path / "in", 12)  # more reports than workers could ever be allowed
    most = 2 * cpu_count()
    run = start("batch", tmp_path / "in", "--workers", "1000", "--out", tmp_path / "out")
    peak = 0
    while run.poll() is None:
        peak = max(peak, len(children(run.pid)))
        time.sleep(0.01)
    done = finish(run, expected=3)
    assert done.code == 0, done.stderr
    assert done.lines[0] == f"rolscore: --workers 1000 is more than 2 per core ({cpu_count()} cores); using {most}"
    assert 1 <= peak <= most
    assert len(scored_sources(tmp_path / "out")) == len(inputs)


def _exhaust_memory_then_wait_on_itself(task: int) -> int:
    """What a worker does when an allocation fails inside Rust code holding a lock (seen in
    pydantic-core): it spends its memory, then waits for ever on a lock it holds itself."""
    hoard = []
    try:
        while True:
            hoard.append(bytearray(2**20))
    except MemoryError:
        pass
    lock = threading.Lock()
    lock.acquire()
    lock.acquire()
    return task


def _data_mb() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmData:")) // 1024


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="reads a worker's state from /proc")
def test_a_worker_stuck_at_its_memory_limit_is_failed_as_out_of_memory_long_before_its_time_budget():
    budget = Budget(timeout=60, max_memory_mb=_data_mb() + 40)
    began = time.monotonic()
    with Workers(_exhaust_memory_then_wait_on_itself, lambda task, reason: reason, 1, budget) as workers:
        [reason] = list(workers.in_order([7]))
    assert reason == f"{budget.out_of_memory}; the worker stopped at the limit"
    assert time.monotonic() - began < 10 * (MEMORY_STALL_SECONDS + 1)  # a hang guard, not a timing: the budget was 60 s
