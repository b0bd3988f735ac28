"""The fixtures of the hostile tests: rolscore run as a user runs it (tests/hostile/runs.py), and a
real report to run it on."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.runs import Run, run_rolscore


@pytest.fixture
def rolscore(tmp_path):
    """rolscore(*arguments, expected=seconds, env=...) -> Run (run_rolscore); --out goes under
    tmp_path unless given."""

    def run(*arguments, expected: float = 1.0, env: dict | None = None) -> Run:
        arguments = [str(argument) for argument in arguments]
        if arguments[0] in ("score", "batch") and "--out" not in arguments:
            arguments += ["--out", str(tmp_path / "out")]
        return run_rolscore(*arguments, expected=expected, env=env)

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
