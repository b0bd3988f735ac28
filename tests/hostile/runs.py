"""rolscore run as a user runs it, the one way the hostile tests run it: a subprocess with a hang
guard and a measure of its peak memory (run_rolscore, the `rolscore` fixture of conftest.py), or
started in the background to be signalled (start, finish); the worker processes it starts; and
inputs built at test time (a slow but legal report, many copies of the seeds)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS

HANG_FACTOR = 10
"""A run fails when it takes this many times its expected time: it hangs, or grows without bound."""
PEAK_MB = 400
"""What no run of these inputs may reach: rolscore scoring a seed takes about 100 MB, a worker on
the slow report some 250 MB."""
SEED_FILES = sorted(SEEDS.glob("*.txt"))
SLOW_COPIES = 40
"""Seeds joined this many times make a report of 1.5 million characters: legal, and about 1.5 s of
scoring (a seed takes 0.02 s), so that a budget of a fraction of a second trips on it alone."""

# The launcher runs rolscore and reports the peak memory of its children: measured in pytest's
# own process, a child's peak would count pytest's memory, which the child starts as a copy of.
_LAUNCHER = (
    "import resource, subprocess, sys; code = subprocess.call(sys.argv[1:]); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(code)"
)


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    peak_mb: float | None
    """Of rolscore and its workers; None for a run started in the background."""

    @property
    def lines(self) -> list[str]:
        """Our lines on stderr."""
        return self.stderr.splitlines()


def run_rolscore(*arguments, expected: float = 1.0, env: dict | None = None) -> Run:
    """Run `rolscore ARGUMENTS` to its end; fail if it runs HANG_FACTOR times over `expected`
    seconds, prints a traceback or reaches PEAK_MB."""
    arguments = [str(argument) for argument in arguments]
    command = [sys.executable, "-c", _LAUNCHER, sys.executable, "-m", "scorer", *arguments]
    try:
        done = subprocess.run(command, cwd=ROOT, capture_output=True, stdin=subprocess.DEVNULL,
                              timeout=expected * HANG_FACTOR, env={**os.environ, **(env or {})})
    except subprocess.TimeoutExpired:
        pytest.fail(f"rolscore {' '.join(arguments)} ran over {expected * HANG_FACTOR:g} s: it hangs")
    *ours, peak = _text(done.stderr).rstrip("\n").split("\n")
    result = _ran(done.returncode, done.stdout, "\n".join(ours), int(peak) / 1024)
    assert result.peak_mb < PEAK_MB, f"peak memory {result.peak_mb:.0f} MB"
    return result


def start(*arguments) -> subprocess.Popen:
    """Start `rolscore ARGUMENTS` in the background (to be signalled, then `finish`ed); its pid is
    rolscore's own."""
    return subprocess.Popen([sys.executable, "-m", "scorer", *map(str, arguments)], cwd=ROOT,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def finish(process: subprocess.Popen, expected: float = 2.0) -> Run:
    """Wait for a started run, with the same hang guard as run_rolscore."""
    try:
        stdout, stderr = process.communicate(timeout=expected * HANG_FACTOR)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        pytest.fail(f"a started rolscore ran over {expected * HANG_FACTOR:g} s: it hangs")
    return _ran(process.returncode, stdout, _text(stderr), None)


def _text(output: bytes) -> str:
    return output.decode("utf-8", "backslashreplace")


def _ran(code: int, stdout: bytes, stderr: str, peak_mb: float | None) -> Run:
    result = Run(code, _text(stdout), stderr, peak_mb)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def wait_for(condition, expected: float = 2.0, what: str = "") -> None:
    """Poll `condition` until it holds, or fail after HANG_FACTOR times `expected` seconds."""
    given_up = time.monotonic() + expected * HANG_FACTOR
    while not condition():
        if time.monotonic() > given_up:
            pytest.fail(f"waited over {expected * HANG_FACTOR:g} s for {what or condition}")
        time.sleep(0.01)


def children(pid: int) -> list[int]:
    """Live (not zombie) child processes of `pid`."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and entry.name != str(pid):
            state, parent = _state(int(entry.name))
            if parent == pid and state not in ("Z", None):
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    """Running, not gone nor a zombie (a killed orphan stays one where nothing reaps it)."""
    return _state(pid)[0] not in ("Z", None)


def _state(pid: int) -> tuple[str | None, int | None]:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None, None
    return fields[0], int(fields[1])


def slow_report(folder: Path, name: str = "slow.txt") -> Path:
    """A long but legal report (SLOW_COPIES seeds one after the other)."""
    folder.mkdir(parents=True, exist_ok=True)
    text = "\n".join(seed.read_text(encoding="utf-8") for seed in SEED_FILES)
    path = folder / name
    path.write_text("\n".join([text] * SLOW_COPIES), encoding="utf-8")
    return path


def seed_copies(folder: Path, copies: int) -> list[Path]:
    """`copies` rounds of the seeds under distinct names in `folder`, sorted as a batch takes them."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for round_ in range(copies):
        for seed in SEED_FILES:
            path = folder / f"r{round_:03d}_{seed.name}"
            path.write_bytes(seed.read_bytes())
            paths.append(path)
    return sorted(paths)


def cpu_count() -> int:
    return os.cpu_count() or 1
