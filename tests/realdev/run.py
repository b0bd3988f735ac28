"""Evaluate the matcher on the real-report development set (tests/realdev, see its README).

The report texts are third-party pages and stay out of git, in tests/realdev/texts/ (ignored).
This script checks that the texts present are the ones labelled (sha256 of index.csv), then runs
`rolscore evaluate` on each part: `dev` (what the matcher may be tuned on) and `heldout` (what it
is judged on).

    python tests/realdev/run.py                  # both parts, tables (held-out: figures only)
    python tests/realdev/run.py heldout --format json
    python tests/realdev/run.py heldout --read-heldout   # its disagreements too: this spends it

The held-out part's disagreements are not printed unless asked for: once read, a part is tuned on,
and its figure no longer says how the matcher does on reports nobody here has read.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
from pathlib import Path

from scorer.cli import main as rolscore

HERE = Path(__file__).resolve().parent
TEXTS = HERE / "texts"
LABELS = HERE / "labels"
PARTS = ("dev", "heldout")


MISSING_SHOWN = 5  # missing texts named one by one; the rest are counted


def check_texts() -> list[str]:
    """One line per text that is not the one labelled, and one for the texts that are absent."""
    missing, problems = [], []
    with open(HERE / "index.csv", encoding="utf-8", newline="") as index:
        for row in csv.DictReader(index):
            path = TEXTS / f"{row['id']}.txt"
            if not path.exists():
                missing.append(path.name)
            elif hashlib.sha256(path.read_bytes()).hexdigest() != row["sha256"]:
                problems.append(f"{path}: not the text that was labelled (sha256 differs from index.csv)")
    if missing:
        named = ", ".join(missing[:MISSING_SHOWN]) + (f" and {len(missing) - MISSING_SHOWN} more" if len(missing) > MISSING_SHOWN else "")
        problems.append(f"{TEXTS}: {len(missing)} texts missing ({named}); tests/realdev/README.md says where they come from")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("parts", nargs="*", metavar="PART", help="dev or heldout (default: both)")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.add_argument("--read-heldout", action="store_true", help="print the held-out part's disagreements too (spends it)")
    args = parser.parse_args()
    unknown = set(args.parts) - set(PARTS)
    if unknown:
        parser.error(f"unknown part {', '.join(sorted(unknown))}: expected dev or heldout")
    problems = check_texts()
    if problems:
        print("\n".join(problems), file=sys.stderr)
        print("realdev: texts missing or not the ones labelled; nothing evaluated", file=sys.stderr)
        return 2
    code = 0
    for part in args.parts or PARTS:
        if args.format == "table":
            print(f"\n=== realdev {part} ===")
        sys.stdout.flush()
        figures_only = ["--figures-only"] if part == "heldout" and not args.read_heldout else []
        code = max(code, rolscore(["evaluate", str(LABELS / part), "--format", args.format, *figures_only]))
    return code


if __name__ == "__main__":
    sys.exit(main())
