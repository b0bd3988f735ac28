"""Shared fixtures: the default checklist and its matcher are built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from scorer.checklist import load_checklist
from scorer.match import Matcher
from scorer.ingest import from_string
from scorer.score import analyse
from scorer.segment import segment

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def checklist():
    return load_checklist(ROOT / "checklist" / "fazhi_2021.yaml")


@pytest.fixture(scope="session")
def matcher(checklist):
    return Matcher(checklist)


@pytest.fixture(scope="session")
def analyse_text(matcher):
    """Analyse an in-memory report text (a probe) with the default checklist."""

    def run(text: str, name: str = "probe.txt"):
        return analyse(segment(from_string(text, name)), matcher)

    return run


@pytest.fixture(scope="session")
def review(tmp_path_factory):
    """`rolscore batch seeds/ --html`: the pages and index the HTML tests read and open."""
    from scorer.cli import main

    out = tmp_path_factory.mktemp("review") / "out"
    assert main(["batch", str(SEEDS), "--html", "--out", str(out), "--workers", "2"]) == 0
    return out
