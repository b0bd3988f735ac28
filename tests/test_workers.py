"""scorer.workers: when a worker is given its next report."""

from __future__ import annotations

from scorer.budget import Budget
from scorer.workers import Workers


def _double(task: int) -> int:
    return 2 * task


def test_a_worker_is_given_its_next_report_before_the_parent_takes_in_its_last_result():
    """The parent's share of a result (progress, results.jsonl, sources.jsonl, the summary's rows)
    must not leave the worker idle: by the time it runs, the worker has the next task."""
    on_it_when_taken_in = []
    with Workers(_double, lambda task, reason: reason, 1, Budget()) as workers:

        def taken_in(result: int) -> None:
            [worker] = workers._started
            on_it_when_taken_in.append(worker.position)

        assert list(workers.in_order([5, 6, 7], taken_in)) == [10, 12, 14]
    assert on_it_when_taken_in == [1, 2, None]
