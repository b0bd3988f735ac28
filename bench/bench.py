"""Benchmark rolscore on a corpus of N reports grown from the seeds, and print a table.

Measures, in one run: cold start of `rolscore score` on one report (median wall time of several
subprocess runs); `rolscore batch` throughput with 1 worker and with every core, with the peak
memory of the batch's process tree; and two reference points on the same corpus: an exact
multi-pattern search for every checklist alias (`grep -F -f`, the floor) and the naive all-pairs
matcher (bench/naive.py) on a sample, extrapolated to the corpus, whose statuses must equal the
scorer's. `--memory-n M` adds an all-cores batch on M reports, to see memory stay flat.

    make bench                      # N = 1000
    make bench BENCH_ARGS="--n 200 --sample 5 --memory-n 10000"

Everything is written under bench/out/ (git-ignored); the table also goes to bench/out/bench.txt.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import corpus
from naive import NaiveMatcher

from scorer.checklist import load_checklist
from scorer.ingest import read_document
from scorer.match import Matcher
from scorer.score import analyse
from scorer.segment import segment

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
SEEDS = ROOT / "seeds"
ROLSCORE = Path(sys.executable).parent / "rolscore"
COLD_RUNS = 5
POLL_SECONDS = 0.05
TARGETS = {"cold": 1.0, "rate": 100.0, "rss_mb": 400.0, "naive_ratio": 10.0}
FLAT = 0.1
"""Memory counts as flat when M reports take at most this much more than N."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="reports in the corpus (default 1000)")
    parser.add_argument("--sample", type=int, default=20, help="reports the naive loop runs on (default 20)")
    parser.add_argument("--memory-n", type=int, help="also run an all-cores batch on this many reports")
    args = parser.parse_args()
    if args.memory_n and args.memory_n <= args.n:
        parser.error(f"--memory-n must be larger than --n ({args.n}): it measures growth beyond the first {args.n}")
    cores = os.cpu_count() or 1
    OUT.mkdir(parents=True, exist_ok=True)

    paths = fresh_corpus(args.n)
    cold = cold_start(paths[0])
    single = run_batch(paths, 1, "batch_1")
    multi = run_batch(paths, cores, f"batch_{cores}")
    same_across_workers = results(single["out"]) == results(multi["out"])
    floor = grep_floor(paths)
    sample = paths[:: max(1, len(paths) // args.sample)][: args.sample]
    naive = naive_loop(sample, results(multi["out"]))
    rows = [
        ("cold start: rolscore score, 1 report", f"{cold:.2f} s", f"≤ {TARGETS['cold']:g} s",
         _ok(cold <= TARGETS["cold"]), f"median of {COLD_RUNS} runs"),
        (f"batch, 1 worker, {args.n} reports", f"{single['rate']:.1f} reports/s", "", "",
         f"{single['seconds']:.1f} s wall"),
        (f"batch, {cores} workers, {args.n} reports", f"{multi['rate']:.1f} reports/s", f"≥ {TARGETS['rate']:g}/s",
         _ok(multi["rate"] >= TARGETS["rate"]), f"{multi['seconds']:.1f} s wall; x{multi['rate'] / single['rate']:.2f} of 1 worker"),
        (f"peak RSS, {cores} workers, {args.n} reports", f"{multi['tree_mb']:.0f} MB", f"≤ {TARGETS['rss_mb']:g} MB",
         _ok(multi["tree_mb"] <= TARGETS["rss_mb"]), f"all processes summed; largest one {multi['max_mb']:.0f} MB"),
        ("same results with 1 and all workers", "yes" if same_across_workers else "NO", "yes",
         _ok(same_across_workers), "results.jsonl byte-identical"),
        (f"floor: grep -F -f, {floor['patterns']} aliases", f"{args.n / floor['seconds']:.0f} reports/s", "", "",
         f"{floor['seconds']:.2f} s; scorer ({cores} workers) takes x{multi['seconds'] / floor['seconds']:.0f} as long"),
        (f"naive all-pairs loop, 1 core, sample {len(sample)}", f"{naive['rate']:.2f} reports/s", "", "",
         f"{naive['seconds']:.1f} s; extrapolated to {args.n}: {args.n / naive['rate']:.0f} s"),
        ("scorer vs naive, 1 core each", f"x{single['rate'] / naive['rate']:.1f} faster", f"≥ x{TARGETS['naive_ratio']:g}",
         _ok(single["rate"] / naive["rate"] >= TARGETS["naive_ratio"]),
         f"matching+scoring alone in process: x{naive['seconds'] / naive['scorer_seconds']:.1f}"),
        ("statuses identical to naive on the sample", f"{naive['identical']}/{len(sample)}", f"{len(sample)}/{len(sample)}",
         _ok(naive["identical"] == len(sample)), "; ".join(naive["differences"][:3])),
    ]
    if args.memory_n:
        # flat = the same run's memory does not grow from its first n reports to all of them
        # (two separate runs would compare processes at different points of warming up)
        big = run_batch(fresh_corpus(args.memory_n), cores, f"batch_{cores}_{args.memory_n}", mark=args.n)
        per_report = (big["tree_mb"] - big["mark_mb"]) * 1024 / (args.memory_n - args.n)
        rows.append((f"peak RSS, {cores} workers, {args.memory_n} reports", f"{big['tree_mb']:.0f} MB",
                     f"≤ {1 + FLAT:.1f} x {big['mark_mb']:.0f} MB", _ok(big["tree_mb"] <= (1 + FLAT) * big["mark_mb"]),
                     f"{big['mark_mb']:.0f} MB when {args.n} were done; {per_report:+.2f} KB per further report; "
                     f"largest process {big['max_mb']:.0f} MB; {big['rate']:.1f} reports/s"))
    table = _table(rows, cores)
    print(table)
    (OUT / "bench.txt").write_text(table + "\n", encoding="utf-8")


def fresh_corpus(n: int) -> list[Path]:
    where = OUT / f"corpus_{n}"
    shutil.rmtree(where, ignore_errors=True)
    return corpus.build(sorted(SEEDS.glob("*.txt")), n, where)


def cold_start(path: Path) -> float:
    """Median wall time of `rolscore score PATH` as a fresh process, output as a user gets it."""
    times = []
    for _ in range(COLD_RUNS):
        started = time.perf_counter()
        subprocess.run([str(ROLSCORE), "score", str(path), "--out", str(OUT / "cold")], check=True,
                       stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


# A small launcher between this process and rolscore: a child's ru_maxrss counts the memory of
# the process it was forked from (until exec), and this one holds a matcher and large results.
_LAUNCHER = (
    "import resource, subprocess, sys; code = subprocess.call(sys.argv[2:]); "
    "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)); sys.exit(code)"
)


def run_batch(paths: list[Path], workers: int, name: str, mark: int | None = None) -> dict:
    """Wall time, rate and peak memory of `rolscore batch` over the corpus's folder; with `mark`,
    also the peak memory up to the moment `mark` reports were done."""
    out = OUT / name
    shutil.rmtree(out, ignore_errors=True)
    maxrss = OUT / f"{name}.maxrss"
    command = [str(ROLSCORE), "batch", str(paths[0].parent), "--out", str(out), "--workers", str(workers)]
    with open(OUT / f"{name}.log", "w") as log:
        started = time.perf_counter()
        launcher = subprocess.Popen([sys.executable, "-c", _LAUNCHER, str(maxrss), *command], stdout=log, stderr=log)
        peak = _TreePeak(launcher.pid, out, mark)
        launcher.wait()
        seconds = time.perf_counter() - started
        peak.stop()
    if launcher.returncode != 0:
        sys.exit(f"bench: rolscore batch exited {launcher.returncode}; see {OUT / f'{name}.log'}")
    return {"out": out, "seconds": seconds, "rate": len(paths) / seconds,
            "tree_mb": peak.bytes / 2**20, "max_mb": int(maxrss.read_text()) / 1024,
            "mark_mb": (peak.at_mark or 0) / 2**20}


class _TreePeak:
    """Polls /proc for the resident memory of all descendants of a process, keeps the peak."""

    def __init__(self, pid: int, out: Path, mark: int | None):
        self.pid = pid
        self.out, self.mark = out, mark
        self.at_mark: int | None = None  # the peak when `mark` reports had their .json written
        self.bytes = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._done.set()
        self._thread.join()

    def _poll(self) -> None:
        page = resource.getpagesize()
        while not self._done.wait(POLL_SECONDS):
            total = 0
            for pid in _descendants(self.pid):
                try:
                    total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * page
                except (OSError, ValueError, IndexError):
                    continue  # ended since it was listed
            self.bytes = max(self.bytes, total)
            if self.mark is not None and self.at_mark is None and self._reports_done() >= self.mark:
                self.at_mark = self.bytes

    def _reports_done(self) -> int:
        try:
            return sum(1 for entry in os.scandir(self.out) if entry.name.endswith(".json"))
        except OSError:
            return 0


def _descendants(pid: int) -> list[int]:
    """The processes below `pid`, read from /proc/PID/task/TID/children (a child is listed under
    the thread that started it). Reading only our own tree keeps a poll at a fraction of a
    millisecond; reading every process's stat to find it took 8 ms of CPU a poll, 16% of a core
    taken from the batch being measured."""
    found, parents = [], [pid]
    while parents:
        try:
            tasks = list(os.scandir(f"/proc/{parents.pop()}/task"))
        except OSError:
            continue
        for task in tasks:
            try:
                children = [int(child) for child in Path(task.path, "children").read_text().split()]
            except (OSError, ValueError):
                continue
            found += children
            parents += children
    return found


def results(out: Path) -> bytes:
    return (out / "results.jsonl").read_bytes()


def grep_floor(paths: list[Path]) -> dict:
    """Best of 3 wall times of an exact search for every alias over the corpus, all matches out."""
    aliases = sorted({alias for element in load_checklist().elements for alias in element.aliases})
    (OUT / "aliases.txt").write_text("\n".join(aliases) + "\n", encoding="utf-8")
    times = []
    for _ in range(3):
        started = time.perf_counter()
        with open(OUT / "grep_hits.txt", "wb") as hits:  # not /dev/null: grep would stop at a first match
            subprocess.run(["grep", "-rFo", "-f", str(OUT / "aliases.txt"), str(paths[0].parent)],
                           stdout=hits, env={**os.environ, "LC_ALL": "C"}, check=True)
        times.append(time.perf_counter() - started)
    return {"seconds": min(times), "patterns": len(aliases)}


def naive_loop(sample: list[Path], scored: bytes) -> dict:
    """Time the naive matcher (and, for comparison, the scorer) in this process on the sample,
    and compare its statuses with those the batch wrote for the same reports, each against the
    checklist the batch chose for it (--checklist auto)."""
    by_source = {}
    for line in scored.splitlines():
        result = json.loads(line)
        by_source[result["source"]] = (result["checklist"]["id"], {e["id"]: e["status"] for e in result["elements"]})
    matchers = {}
    for name in sorted({by_source[str(path)][0] for path in sample}):
        checklist = load_checklist(name)
        matchers[name] = (NaiveMatcher(checklist), Matcher(checklist))
        for matcher in matchers[name]:
            matcher.words  # noqa: B018 - load jieba before timing
    seconds = scorer_seconds = 0.0
    identical, differences = 0, []
    for path in sample:
        name, expected = by_source[str(path)]
        naive, fast = matchers[name]
        doc = segment(read_document(path))
        started = time.perf_counter()
        statuses = {e.id: e.status for e in analyse(doc, naive).elements}
        seconds += time.perf_counter() - started
        started = time.perf_counter()
        analyse(doc, fast)
        scorer_seconds += time.perf_counter() - started
        if statuses == expected:
            identical += 1
        else:
            differences += [f"{path.name}: {k} {expected[k]} vs naive {v}" for k, v in statuses.items() if expected[k] != v]
    return {"seconds": seconds, "rate": len(sample) / seconds, "scorer_seconds": scorer_seconds,
            "identical": identical, "differences": differences}


def _ok(good: bool) -> str:
    return "ok" if good else "MISSED"


def _table(rows, cores: int) -> str:
    header = ("measure", "value", "target", "", "notes")
    widths = [max(_width(str(row[i])) for row in [header, *rows]) for i in range(4)]
    lines = [f"rolscore benchmark on {cores} cores ({time.strftime('%Y-%m-%d %H:%M')})"]
    for row in [header, *rows]:
        cells = [str(cell) + " " * (width - _width(str(cell))) for cell, width in zip(row, widths)]
        lines.append("  ".join([*cells, str(row[4])]).rstrip())
    return "\n".join(lines)


def _width(text: str) -> int:
    return sum(2 if ord(char) > 0x2E80 else 1 for char in text)


if __name__ == "__main__":
    main()
