"""`rolscore checklist show|lint|test [FILE]`: look at a checklist after extends, find what its
author got wrong, and run its examples. FILE is a YAML file or a built-in name (default fazhi_2021)."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import yaml
from rich.table import Table

from scorer.checklist import BUILTIN, DEFAULT, Resolved, resolve_checklist
from scorer.commands import EXIT_FAIL_UNDER, EXIT_OK
from scorer.errors import ChecklistError, InputError, RolscoreError
from scorer.limits import Limits, add_limit_options, limits_of
from scorer.models import TIER_BY_WEIGHT
from scorer.printable import printable
from scorer.render.table import console_for
from scorer.render.text import one_line

EXIT_FINDINGS = EXIT_FAIL_UNDER
"""Exit code of `lint` with an error-level finding and of `test` with a failed example."""


def add_parser(commands) -> argparse.ArgumentParser:
    parser = commands.add_parser("checklist", help="show, lint or test a checklist (extends resolved)")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    show = actions.add_parser("show", help="the checklist after extends, as YAML or as a table with where each part came from")
    show.add_argument("--format", choices=("yaml", "table"), default="yaml", help="what to print (default: yaml)")
    lint = actions.add_parser("lint", help="what a checklist author gets wrong, each with its file:line; exit 1 on an error")
    lint.add_argument("--corpus", metavar="DIR", help="real reports: also the aliases that never match there, or match in most")
    add_limit_options(lint)  # for the reports of --corpus
    actions.add_parser("test", help="run each element's examples through the scorer; exit 1 when one fails")
    for action in actions.choices.values():
        action.add_argument(
            "file", metavar="FILE", nargs="?", default=DEFAULT,
            help=f"YAML checklist or a built-in name: {', '.join(BUILTIN)} (default: {DEFAULT})",
        )
    return parser


def run(args: argparse.Namespace) -> int:
    return {"show": _show, "lint": _lint, "test": _test}[args.action](args)


def _show(args: argparse.Namespace) -> int:
    resolved = resolve_checklist(args.file)
    if args.format == "table":
        console_for(sys.stdout).print(_table(resolved))
        return EXIT_OK
    files = dict.fromkeys(source.label for sources in resolved.sources.values() for source in sources)
    sys.stdout.write(f"# {resolved.checklist.id}, resolved from: {', '.join(map(printable, files))}\n")
    data = resolved.checklist.model_dump(exclude_defaults=True)
    sys.stdout.write(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120, default_flow_style=None))
    return EXIT_OK


def _table(resolved: Resolved) -> Table:
    checklist = resolved.checklist
    table = Table(title=f"{checklist.id} {checklist.version} {checklist.title}", title_justify="left", box=None)
    for name in ("section", "element", "name", "tier", "weight", "from"):
        table.add_column(
            name, justify="right" if name == "weight" else "left", no_wrap=name in ("element", "from"), overflow="fold"
        )
    for section in checklist.sections:
        table.add_row(section.id, "", section.title, "", "", _origin(resolved, section.id), style="bold")
        for element in section.elements:
            table.add_row("", element.id, element.name, element.tier, str(element.weight), _origin(resolved, element.id))
    for part in checklist.structure:
        table.add_row("structure", part.id, part.name, TIER_BY_WEIGHT[part.weight], str(part.weight), _origin(resolved, part.id))
    return table


def _origin(resolved: Resolved, item_id: str) -> str:
    """The file that defined it, then each that changed it (by file name; built-ins by name)."""
    return " → ".join(dict.fromkeys(printable(Path(label).name) for label in resolved.origin(item_id)))


def _lint(args: argparse.Namespace) -> int:
    from scorer.lint import LEVELS, lint  # the commands load fast; lint needs segmentation

    if args.file not in BUILTIN and not Path(args.file).is_file():
        raise ChecklistError(f"{printable(args.file)}: checklist file not found (built-in checklists: {', '.join(BUILTIN)})")
    try:
        resolved = resolve_checklist(args.file)
    except ChecklistError as exc:  # a checklist that does not load: each problem is an error finding
        for line in str(exc).splitlines():
            where, _, what = line.partition(": ")
            print(f"{where}: error: {what}")
        _say_levels(args.file, Counter(error=len(str(exc).splitlines())), LEVELS)
        return EXIT_FINDINGS
    findings = lint(resolved, _corpus(args.corpus, limits_of(args)) if args.corpus else ())
    for finding in findings:
        print(finding)
    counts = Counter(finding.level for finding in findings)
    _say_levels(args.file, counts, LEVELS)
    return EXIT_FINDINGS if counts["error"] else EXIT_OK


def _say_levels(file: str, counts: Counter, levels: tuple[str, ...]) -> None:
    summary = ", ".join(f"{counts[level]} {level}" for level in levels)
    print(f"rolscore: checklist lint {printable(file)}: {summary} (levels: {', '.join(levels)}; exit 1 on an error)", file=sys.stderr)


def _corpus(folder: str, limits: Limits):
    """The reports of a folder, segmented; one that cannot be read (or is over a limit) is named
    and skipped."""
    from scorer.ingest import read_document
    from scorer.pipeline import expand
    from scorer.segment import segment

    paths = expand([folder], recursive=True)
    if not paths:
        raise RolscoreError(f"--corpus {printable(folder)}: no reports found")
    for path in paths:
        try:
            yield segment(read_document(path, limits))
        except InputError as exc:
            print(f"rolscore: {exc}", file=sys.stderr)


def _test(args: argparse.Namespace) -> int:
    from scorer.examples import run_examples

    resolved = resolve_checklist(args.file)
    results = run_examples(resolved)
    failed = [result for result in results if not result.passed]
    for result in failed:
        print(f"{result.place}: FAIL {result.element}: “{result.text}” expected {result.expected}, got {result.got.status}")
        for line in _evidence(result.got):
            print(f"    {line}")
    bare = [element.id for element in resolved.checklist.elements if not element.examples]
    note = f"; {len(bare)} element(s) without examples: {', '.join(bare)}" if bare else ""
    tested = len({result.element for result in results})
    print(
        f"rolscore: checklist test {printable(args.file)}: {len(results)} examples of {tested} elements, {len(failed)} failed{note}",
        file=sys.stderr,
    )
    return EXIT_FINDINGS if failed else EXIT_OK


def _evidence(result) -> list[str]:
    """What the scorer used: each hit with its context, or the parts of an umbrella, or the near miss."""
    lines = [f"evidence: {item.context}, {item.match} “{item.term}”" for item in result.evidence]
    if result.parts:
        lines.append("parts: " + ", ".join(f"{part} {status}" for part, status in result.parts.items()))
    if result.near_miss is not None:
        lines.append(f"nearest: “{one_line(result.near_miss.text)}” ({result.near_miss.term}, score {result.near_miss.score:g})")
    return lines or ["no evidence"]
