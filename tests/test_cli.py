"""The command line as a reviewer uses it: exit codes, one-line errors, files written."""

from __future__ import annotations

import json
import subprocess
import sys

from scorer.cli import main
from tests.conftest import ROOT, SEEDS

REPORT = SEEDS / "002_68ea31727828a006.txt"
REPLY = SEEDS / "004_38744af11d1313e7.txt"


def test_score_prints_json_lines_in_input_order_and_writes_markdown(tmp_path, capsys):
    assert main(["score", str(REPLY), str(REPORT), "--format", "json", "--out", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["source"] for line in lines] == [str(REPLY), str(REPORT)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["002_68ea31727828a006.md", "004_38744af11d1313e7.md"]


def test_a_directory_expands_to_its_supported_files_sorted(tmp_path, capsys):
    assert main(["score", str(SEEDS), "--format", "json", "--out", str(tmp_path)]) == 0
    sources = [json.loads(line)["source"] for line in capsys.readouterr().out.splitlines()]
    assert sources == [str(p) for p in sorted(SEEDS.glob("*.txt"))]


def test_fail_under_turns_a_low_score_into_exit_1(tmp_path, capsys):
    assert main(["score", str(REPORT), str(REPLY), "--fail-under", "50", "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "1 report(s) below --fail-under 50" in err and str(REPLY) in err and str(REPORT) not in err
    assert main(["score", str(REPORT), "--fail-under", "50", "--out", str(tmp_path)]) == 0


def test_bad_files_get_one_line_each_and_do_not_stop_the_others(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    out = tmp_path / "out"
    code = main(["score", str(empty), str(REPORT), str(binary), str(tmp_path / "gone.txt"), "--out", str(out), "--format", "json"])
    assert code == 2
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 1  # the good report was still scored
    err = captured.err.splitlines()
    assert err[:3] == [
        f"rolscore: {empty}: file is empty",
        f"rolscore: {binary}: binary file, not text",
        f"rolscore: {tmp_path / 'gone.txt'}: file not found",
    ]
    assert err[3].startswith("rolscore: 3 of 4 files could not be scored:")
    assert "Traceback" not in captured.err
    assert [p.name for p in out.iterdir()] == ["002_68ea31727828a006.md"]


def test_a_bad_checklist_is_exit_2_with_the_place(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\nversion: '1'\ntitle: t\nsections: []\n", encoding="utf-8")
    assert main(["score", str(REPORT), "--checklist", str(bad), "--out", str(tmp_path)]) == 2
    assert capsys.readouterr().err.startswith(f"rolscore: {bad}:4: sections:")


def test_python_dash_m_scorer_works(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "scorer", "score", str(REPORT), "--format", "json", "--out", str(tmp_path)],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["overall_score"] > 0


def test_usage_errors_exit_2(capsys):
    try:
        main(["score", "--format", "pdf", "x.txt"])
    except SystemExit as exit_:
        assert exit_.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_an_output_folder_that_cannot_be_made_is_one_line_and_exit_2(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert main(["score", str(REPORT), "--out", str(blocker / "sub")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("rolscore: ") and "cannot write" in err and "Traceback" not in err


def test_brackets_in_a_file_name_are_printed_as_they_are(tmp_path, capsys):
    odd = tmp_path / "[red]x[/b]" / "report[1].txt"
    odd.parent.mkdir(parents=True)
    odd.write_bytes(REPORT.read_bytes())
    assert main(["score", str(odd), "--out", str(tmp_path / "out")]) == 0
    assert "[red]x[/b]" in capsys.readouterr().out
