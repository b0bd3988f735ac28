"""The Python API: what `from scorer import ...` gives a researcher is what the CLI renders."""

from __future__ import annotations

import json
import re

import pytest

import scorer
from scorer import load_checklist, score_file, score_text
from scorer.render.jsonreport import json_line
from tests.conftest import ROOT, SEEDS

SEED_FILES = sorted(SEEDS.glob("*.txt"))


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda path: path.stem)
def test_to_dict_is_exactly_the_json_object(seed):
    analysis = score_file(seed)
    assert analysis.to_dict() == json.loads(json_line(analysis))


def test_score_text_is_score_file_of_the_same_text():
    seed = SEED_FILES[0]
    from_text = score_text(seed.read_text(encoding="utf-8"), source=str(seed))
    assert from_text.to_dict() == score_file(seed).to_dict()
    assert from_text.checklist.id == "fazhi_2015"  # a report on 2020: the 2015 outline's checklist


def test_the_cli_prints_what_the_api_returns(tmp_path, capsys):
    from scorer.cli import main

    assert main(["score", str(SEED_FILES[2]), "--format", "json", "--out", str(tmp_path)]) == 0
    assert json.loads(capsys.readouterr().out) == score_file(SEED_FILES[2]).to_dict()


def test_load_checklist_takes_names_and_files():
    assert load_checklist().id == "fazhi_2021"
    assert load_checklist("fazhi_2015").id == "fazhi_2015"
    assert load_checklist(ROOT / "checklist" / "examples" / "province.yaml").id == "province_2023"
    assert scorer.__all__ == ["Limits", "__version__", "load_checklist", "score_file", "score_text"]


def test_the_readme_dataframe_example_runs_and_gives_the_scores(monkeypatch, capsys):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- dataframe example[^\n]*-->\n```python\n(.*?)```", readme, re.S).group(1)
    monkeypatch.chdir(ROOT)
    namespace: dict = {}
    exec(compile(block, "README.md", "exec"), namespace)  # noqa: S102 - our own README's example
    scores = namespace["scores"]
    national = load_checklist("fazhi_2021")
    assert list(scores.index) == [seed.stem for seed in SEED_FILES]
    assert list(scores.columns) == ["year", "overall", *(section.id for section in national.sections)]
    for seed in SEED_FILES:
        expected = score_file(seed, national)
        assert scores.loc[seed.stem, "overall"] == expected.overall_score
        assert scores.loc[seed.stem, "enforcement"] == next(s.score for s in expected.sections if s.id == "enforcement")
    assert capsys.readouterr().out.rstrip().endswith("covered")
