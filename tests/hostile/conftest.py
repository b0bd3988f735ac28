"""Running rolscore as a user does, with a hang guard and a measure of its peak memory."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT

HANG_FACTOR = 10
"""A run fails when it takes this many times its expected time: it hangs, or grows without bound."""
PEAK_MB = 400
"""What no run of these small inputs may reach: rolscore scoring a seed takes about 100 MB."""

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
    peak_mb: float

    @property
    def lines(self) -> list[str]:
        """Our lines on stderr."""
        return self.stderr.splitlines()


@pytest.fixture
def rolscore(tmp_path):
    """rolscore(*arguments, expected=seconds, env=...) -> Run; --out goes under tmp_path unless given."""

    def run(*arguments, expected: float = 1.0, env: dict | None = None) -> Run:
        arguments = [str(argument) for argument in arguments]
        if arguments[0] in ("score", "batch") and "--out" not in arguments:
            arguments += ["--out", str(tmp_path / "out")]
        command = [sys.executable, "-c", _LAUNCHER, sys.executable, "-m", "scorer", *arguments]
        try:
            done = subprocess.run(command, cwd=ROOT, capture_output=True, stdin=subprocess.DEVNULL,
                                  timeout=expected * HANG_FACTOR, env={**os.environ, **(env or {})})
        except subprocess.TimeoutExpired:
            pytest.fail(f"rolscore {' '.join(arguments)} ran over {expected * HANG_FACTOR:g} s: it hangs")
        stderr = done.stderr.decode("utf-8", "backslashreplace")
        *ours, peak = stderr.rstrip("\n").split("\n")
        result = Run(done.returncode, done.stdout.decode("utf-8", "backslashreplace"), "\n".join(ours), int(peak) / 1024)
        assert "Traceback" not in result.stderr, result.stderr
        assert result.peak_mb < PEAK_MB, f"peak memory {result.peak_mb:.0f} MB"
        return result

    return run


@pytest.fixture
def seed_copy(tmp_path) -> Path:
    """A real report in its own folder."""
    from tests.hostile.inputs import SEED

    folder = tmp_path / "reports"
    folder.mkdir(exist_ok=True)
    path = folder / SEED.name
    path.write_bytes(SEED.read_bytes())
    return path
