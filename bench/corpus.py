"""A corpus of N distinct reports grown from the seeds, for the benchmark.

Each report is a seed with: the paragraphs between two headings shuffled; its place names swapped
for others (consistently within the report); every figure that is not a year or a date replaced by another
with as many digits; and now and then a top-level part dropped or repeated. Generation is seeded,
so the same N gives the same corpus; a duplicate draw is drawn again, so no two reports are equal.
"""

from __future__ import annotations

import hashlib
import random
import re
from pathlib import Path

from scorer.normalize import heading_level

SEED_PLACES = ("秦皇岛", "南宫", "廊坊", "海曙", "邢台", "河北", "三河", "固安", "大厂", "香河", "宁波")
OTHER_PLACES = (
    "保定", "沧州", "衡水", "承德", "张家口", "唐山", "邯郸", "石家庄", "温州", "嘉兴", "湖州", "绍兴",
    "金华", "衢州", "舟山", "台州", "丽水", "鄞州", "江北", "镇海", "北仑", "奉化", "余姚", "慈溪",
    "象山", "宁海", "定州", "辛集", "任丘", "泊头", "黄骅", "迁安", "遵化", "滦州", "涿州", "霸州",
)
_PLACES = re.compile("|".join(SEED_PLACES))
_FIGURE = re.compile(r"\d{4}(?:-\d\d?-\d\d?|年\d\d?月(?:\d\d?日)?)|\d+")
_YEAR = re.compile(r"(19|20)\d\d")
PART_CHANGE = 0.2
"""Chance that a report loses one of its top-level parts, and again that it repeats one."""


def build(seeds: list[Path], n: int, out: Path, seed: int = 2024) -> list[Path]:
    """Write n distinct reports into `out` (report_00000.txt ...) and return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    texts = [path.read_text(encoding="utf-8") for path in seeds]
    rng = random.Random(seed)
    seen: set[bytes] = set()
    paths = []
    while len(paths) < n:
        text = vary(texts[len(paths) % len(texts)], rng)
        digest = hashlib.sha1(text.encode()).digest()
        if digest in seen:
            continue
        seen.add(digest)
        path = out / f"report_{len(paths):05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def vary(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    blocks = _blocks(lines)
    for block in blocks[1:]:  # the preamble, with the title, stays as it is
        body = block[1:]
        rng.shuffle(body)
        block[1:] = body
    parts = _parts(blocks)
    if len(parts) > 2 and rng.random() < PART_CHANGE:
        parts.pop(rng.randrange(1, len(parts)))
    if len(parts) > 1 and rng.random() < PART_CHANGE:
        at = rng.randrange(1, len(parts))
        parts.insert(at, parts[at])
    varied = "\n".join(line for part in parts for block in part for line in block)
    places = {place: rng.choice(OTHER_PLACES) for place in SEED_PLACES}
    varied = _PLACES.sub(lambda m: places[m.group(0)], varied)
    return _FIGURE.sub(lambda m: _other_figure(m.group(0), rng), varied)


def _is_heading(line: str) -> bool:
    return heading_level(line.strip()) is not None


def _blocks(lines: list[str]) -> list[list[str]]:
    """Runs of lines, each starting at a heading line (the first may have none)."""
    blocks: list[list[str]] = [[]]
    for line in lines:
        if _is_heading(line) and blocks[-1]:
            blocks.append([])
        blocks[-1].append(line)
    return blocks


def _parts(blocks: list[list[str]]) -> list[list[list[str]]]:
    """Blocks grouped under top-level (level 1) headings; the first part is the preamble."""
    parts: list[list[list[str]]] = [[]]
    for block in blocks:
        if block and heading_level(block[0].strip()) == 1:
            parts.append([])
        parts[-1].append(block)
    return parts


def _other_figure(digits: str, rng: random.Random) -> str:
    """Another number as long; a year or a date stays (they date the report)."""
    if not digits.isdigit() or (len(digits) == 4 and _YEAR.fullmatch(digits)):
        return digits
    low = 10 ** (len(digits) - 1) if len(digits) > 1 else 0
    return str(rng.randrange(low, 10 ** len(digits)))
