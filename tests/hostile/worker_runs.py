"""rolscore run as a user runs it, for the tests of time budgets, memory limits, signals and --out:
a subprocess with a hang guard, the worker processes it starts, and a slow but legal report built
at test time."""

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
"""A run fails when it takes this many times its expected time: it hangs."""
SEED_FILES = sorted(SEEDS.glob("*.txt"))
SLOW_COPIES = 40
"""Seeds joined this many times make a report of 1.5 million characters: legal, and about 1.5 s of
scoring (a seed takes 0.02 s), so that a budget of a fraction of a second trips on it alone."""


@dataclass
class Done:
    code: int
    stdout: str
    stderr: str

    @property
    def lines(self) -> list[str]:
        return self.stderr.splitlines()


def rolscore(*arguments, expected: float = 2.0) -> Done:
    """Run `rolscore ARGUMENTS` to its end; fail if it runs HANG_FACTOR times over `expected`
    seconds, or if it prints a traceback."""
    command = [sys.executable, "-m", "scorer", *map(str, arguments)]
    try:
        done = subprocess.run(command, cwd=ROOT, capture_output=True, stdin=subprocess.DEVNULL,
                              timeout=expected * HANG_FACTOR)
    except subprocess.TimeoutExpired:
        pytest.fail(f"rolscore {' '.join(map(str, arguments))} ran over {expected * HANG_FACTOR:g} s: it hangs")
    result = Done(done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace"))
    assert "Traceback" not in result.stderr, result.stderr
    return result


def start(*arguments) -> subprocess.Popen:
    """Start `rolscore ARGUMENTS` in the background (to be signalled, then `finish`ed)."""
    return subprocess.Popen([sys.executable, "-m", "scorer", *map(str, arguments)], cwd=ROOT,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def finish(process: subprocess.Popen, expected: float = 2.0) -> Done:
    """Wait for a started run, with the same hang guard as `rolscore`."""
    try:
        stdout, stderr = process.communicate(timeout=expected * HANG_FACTOR)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        pytest.fail(f"a started rolscore ran over {expected * HANG_FACTOR:g} s: it hangs")
    result = Done(process.returncode, stdout.decode("utf-8", "replace"), stderr.decode("utf-8", "replace"))
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
