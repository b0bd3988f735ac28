"""Hostile inputs of issue 13 (part A: what one input can do to one run), and the worst accepted
inputs: exit code, wall time and peak memory of `rolscore` on each, one at a time.

    .venv/bin/python bench/hostile.py              # the hostile cases, real size
    .venv/bin/python bench/hostile.py --worst      # the largest input of each kind the limits accept
    .venv/bin/python bench/hostile.py --src DIR    # the same cases against the scorer/ in DIR

Every run is guarded: `timeout` (default 120 s, then TERM and 5 s later KILL) and an address-space limit (default 6 GB), so a
case that hangs or grows without bound ends as "timeout" or "out of memory" rather than taking
the machine. Peak memory is the maximum resident set of the run (`/usr/bin/time -v`). Inputs are
built under bench/out/hostile/ (git-ignored); the table also goes to bench/out/hostile.txt.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.hostile import inputs  # noqa: E402

OUT = ROOT / "bench" / "out"
WORK = OUT / "hostile"
MB = 1 << 20


def _score(*paths, options=()) -> list[str]:
    return ["score", *map(str, paths), "--format", "json", *options]


def _batch(*paths) -> list[str]:
    return ["batch", *map(str, paths), "--workers", "1"]


def cases(folder: Path) -> list[tuple[str, Callable[[], list[str]]]]:
    """(name, build) pairs; build writes the input and returns rolscore's arguments."""
    good = inputs.SEED

    def in_folder(name: str, make) -> list[str]:
        sub = folder / name
        sub.mkdir()
        shutil.copy(good, sub / good.name)
        make(sub)
        return _batch(sub)

    return [
        ("PDF: resources that refer to each other in a loop", lambda: _score(inputs.pdf_reference_loop(folder))),
        ("named pipe given as an input", lambda: _score(inputs.named_pipe(folder), good)),
        ("named pipe in a folder (batch)", lambda: in_folder("with_pipe", inputs.named_pipe)),
        ("link to /dev/zero", lambda: _score(inputs.link(folder, "/dev/zero", "zero.txt"))),
        ("link to /dev/urandom", lambda: _score(inputs.link(folder, "/dev/urandom", "urandom.txt"))),
        ("PDF: nested forms, 4^14 draws", lambda: _score(inputs.pdf_nested_forms(folder, 14))),
        ("docx: 100 million empty paragraphs", lambda: _score(inputs.word_bomb(folder, 100_000_000))),
        ("text: 100 MB", lambda: _score(inputs.big_text(folder, 100 * MB))),
        ("HTML: 50 MB flat page", lambda: _score(inputs.flat_page(folder, 50 * MB))),
        ("HTML: 10,000 levels deep", lambda: _score(inputs.deep_page(folder, 10_000))),
        ("text: one 4 MB line without punctuation", lambda: _score(inputs.long_line(folder, 4 * MB))),
        ("PDF: 3,000 pages of 10 lines", lambda: _score(inputs.pdf_pages(folder, 3000, lines=10, width=60))),
        ("checklist: nested YAML anchors (9^8)", lambda: _score(good, options=["--checklist", str(inputs.checklist_anchors(folder, 8))])),
        ("checklist: 10 MB", lambda: _score(good, options=["--checklist", str(inputs.checklist_big(folder, 10 * MB))])),
        ("symlink loop given as an input", lambda: _score(inputs.link_loop(folder), good)),
        ("symlink loop in a folder (batch)", lambda: in_folder("with_loop", inputs.link_loop)),
    ]


def run(src: Path, arguments: list[str], seconds: int, memory: int, env: dict | None = None, capture: bool = False) -> dict:
    """Exit code, wall time, peak memory and the last stderr line of one guarded run (and with
    `capture`, its stdout and stderr as "output")."""
    out = WORK / "reports"
    shutil.rmtree(out, ignore_errors=True)
    command = [
        "/usr/bin/time", "-v", "timeout", "-k", "5", str(seconds), "prlimit", f"--as={memory}",
        sys.executable, "-m", "scorer", *arguments, "--out", str(out),
    ]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=src, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
                          stderr=subprocess.PIPE, env=env)
    wall = time.perf_counter() - started
    stderr = done.stderr.decode("utf-8", "backslashreplace")
    peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", stderr).group(1)) / 1024
    signal = re.search(r"Command terminated by signal (\d+)", stderr)
    code = -int(signal.group(1)) if signal else int(re.search(r"Exit status: (\d+)", stderr).group(1))
    ours = [line for line in stderr[: stderr.rfind("\tCommand being timed")].splitlines()
            if line.strip() and not line.startswith(("Command exited", "Command terminated"))]
    if code in (124, 137):  # timeout's own codes: the run was stopped with TERM, then KILL
        exit_text = f"timeout {seconds} s"
    elif "MemoryError" in stderr:
        exit_text = f"{code} MemoryError"
    else:
        exit_text = str(code)
    traceback = any(line.startswith("Traceback") for line in ours)
    result = {"exit": exit_text + (" +traceback" if traceback else ""), "seconds": wall, "mb": peak,
              "said": ours[-1][:150] if ours else ""}
    if capture:
        result["output"] = (done.stdout or b"").decode("utf-8", "replace") + "\n".join(ours)  # not time's own lines
    return result


def control_characters(src: Path) -> dict:
    """Whether a file name's escape sequence reaches the terminal raw (stdout and stderr)."""
    odd = inputs.seed_named(WORK, "a\nb\x1b[2J.txt")
    result = run(src, ["score", str(odd), str(WORK / "missing\x1b[2J.txt")], 60, 6_000_000_000, capture=True)
    raw = result.pop("output").count("\x1b[2J")
    result["said"] = f"raw ESC [2J on the terminal: {raw} times"
    return result


def jieba_cache(src: Path) -> dict:
    """What a first run leaves in a fresh $TMPDIR (jieba's dictionary cache, before the fix)."""
    tmp = WORK / "tmpdir"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    result = run(src, _score(inputs.SEED), 60, 6_000_000_000, env={**os.environ, "TMPDIR": str(tmp)})
    left = sorted(path.name for path in tmp.iterdir())
    result["said"] = f"left in $TMPDIR: {', '.join(left) or 'nothing'}"
    return result


def worst(folder: Path) -> list[tuple[str, Callable[[], list[str]]]]:
    """The largest input of each kind that the default limits accept, and the largest files that
    are refused only once read (the text limit), to see what reading them costs."""
    from scorer.checklist import MAX_CHECKLIST_BYTES
    from scorer.ingest.docx import MAX_XML_TAGS
    from scorer.ingest.html import MAX_TAGS
    from scorer.limits import MAX_BYTES, MAX_CHARS, MAX_PAGES

    seed = inputs.seed_text()
    text_bytes = int(MAX_CHARS * 0.98 * len(seed.encode()) / len(seed))  # 98% of the characters allowed
    units = MAX_TAGS // 2 - 1000
    return [
        ("txt: 1.96 million characters of reports", lambda: _score(inputs.big_text(folder, text_bytes))),
        ("txt: 1.96 million characters, no full stop", lambda: _score(inputs.long_line(folder, text_bytes))),
        ("txt: 49.9 MB (refused: --max-chars)", lambda: _score(inputs.big_text(folder, MAX_BYTES - 100_000, "refused.txt"))),
        (f"html: {2 * units:,} tags, {3 * units:,} characters", lambda: _score(inputs.flat_page(folder, units * 17, "short_paragraphs.html", unit="<p>依法。</p>\n"))),
        ("html: 49.9 MB, 0.3 million tags (refused: --max-chars)", lambda: _score(inputs.flat_page(folder, MAX_BYTES - 100_000, "refused.html", unit="<p>" + "依法行政工作取得新进展。" * 8 + "</p>\n"))),
        (f"html: {units:,} levels deep", lambda: _score(inputs.deep_page(folder, units))),
        (f"docx: {MAX_XML_TAGS - 100:,} empty paragraphs", lambda: _score(inputs.word_bomb(folder, MAX_XML_TAGS - 100))),
        (f"pdf: {MAX_PAGES} pages, 1.7 million characters", lambda: _score(inputs.pdf_pages(folder, MAX_PAGES, lines=40, width=95))),
        ("checklist: 1 MB", lambda: _score(inputs.SEED, options=["--checklist", str(inputs.checklist_big(folder, MAX_CHECKLIST_BYTES - 1000))])),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=ROOT, help="folder whose scorer/ is run (default: this one)")
    parser.add_argument("--worst", action="store_true", help="the largest accepted inputs instead of the hostile ones")
    parser.add_argument("--only", help="run only the cases whose name contains one of these (comma-separated)")
    parser.add_argument("--timeout", type=int, default=120, help="seconds before a run is killed (default 120)")
    parser.add_argument("--memory", type=int, default=6_000_000_000, help="address-space limit in bytes (default 6 GB)")
    args = parser.parse_args()
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    rows = []
    chosen = worst(WORK) if args.worst else cases(WORK)
    for name, build in chosen:
        if args.only and not any(part in name for part in args.only.split(",")):
            continue
        arguments = build()
        result = run(args.src.resolve(), arguments, args.timeout, args.memory)
        rows.append((name, result))
        print(f"{name}: {result['exit']}, {result['seconds']:.1f} s, {result['mb']:.0f} MB; {result['said']!r}", flush=True)
    if not args.worst and (not args.only or "names" in args.only):
        rows.append(("control characters in a file name", control_characters(args.src.resolve())))
        rows.append(("jieba's cache on a first run", jieba_cache(args.src.resolve())))
    table = _table(rows)
    print(table)
    (OUT / ("worst.txt" if args.worst else "hostile.txt")).write_text(table + "\n", encoding="utf-8")


def _table(rows) -> str:
    lines = ["| case | exit | time | peak memory | last line on stderr |", "|---|---|---:|---:|---|"]
    for name, r in rows:
        said = r["said"].replace("|", "\\|")
        lines.append(f"| {name} | {r['exit']} | {r['seconds']:.1f} s | {r['mb']:.0f} MB | {said} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
