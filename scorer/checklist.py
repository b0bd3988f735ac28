"""Load a checklist, a YAML file (safe mode) or a built-in name, and validate it, with errors that
say where and what; choose the built-in checklist for a report by its year.

A checklist may extend another (`extends:`, see scorer/extend.py); the resolved checklist keeps,
for each section, element and structure part, the files it came from (for `checklist show` and the
places `checklist lint` names).

Every checklist file (a built-in, a user's, each file of an `extends:` chain) is read by `_parse`
like an input (a regular file, at most MAX_CHECKLIST_BYTES) and may not use YAML anchors and
aliases: an alias repeats a part of the file, and aliases of aliases make a few KB expand into
billions of strings for the checks and the validation that walk them.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError

from scorer.errors import ChecklistError
from scorer.files import NotReadable, read_regular_file
from scorer.models import Checklist, ChecklistExtension, ChosenBy, PlaceError
from scorer.printable import printable

BUILTIN = ("fazhi_2015", "fazhi_2021")
"""Checklists packaged with rolscore (scorer/data, linked to checklist/), by name."""
DEFAULT = "fazhi_2021"
AUTO = "auto"
"""Not a checklist: choose the built-in one by the report's year (outline_for)."""
LAST_YEAR_OF_2015_OUTLINE = 2020
UNKNOWN_YEAR_WARNING = (
    f"报告年度不明, 按 2021 年纲要清单 {DEFAULT} 评分; 报告针对 2020 年及以前的, 请用 --checklist fazhi_2015"
)
MAX_CHECKLIST_BYTES = 1_000_000
"""A checklist's size on disk: the default is 20 KB, and PyYAML's node tree takes some 300 bytes
for each byte of the file."""
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""Safe mode only; libyaml's loader where PyYAML was built with it (ten times faster)."""


def builtin_path(name: str) -> Path:
    """The packaged file of a built-in checklist (a link to checklist/<name>.yaml)."""
    return Path(str(resources.files("scorer") / "data" / f"{name}.yaml"))


def default_checklist_path() -> Path:
    return builtin_path(DEFAULT)


def outline_for(year: int | None) -> str:
    """The built-in checklist for a report on `year`: the 2015 outline's up to 2020, the 2021
    outline's from 2021 on, and for an unknown year the 2021 one (UNKNOWN_YEAR_WARNING)."""
    return "fazhi_2015" if year is not None and year <= LAST_YEAR_OF_2015_OUTLINE else DEFAULT


def choose_checklist(year: int | None, option: str | Path | Checklist = AUTO) -> tuple[Checklist, ChosenBy]:
    """The checklist for a report on `year`: the one given (a Checklist, a built-in name or a
    file), or, with `auto`, the outline of the year."""
    if isinstance(option, Checklist):
        return option, "option"
    if option == AUTO:
        return load_checklist(outline_for(year)), "year"
    return load_checklist(option), "option"


def choosable(option: Checklist | str) -> dict[str, Checklist]:
    """The checklists a run with this option can score against, by id (for its summaries)."""
    if isinstance(option, Checklist):
        return {option.id: option}
    return {name: load_checklist(name) for name in (outline_for(None), outline_for(LAST_YEAR_OF_2015_OUTLINE))}


def checklist_option(value: str | Path | None) -> Checklist | str:
    """A --checklist value ready for choose_checklist: `auto` as is, anything else loaded now, so
    that a bad checklist stops the run before any report is scored."""
    return AUTO if value in (None, AUTO) else load_checklist(value)


def load_checklist(source: str | Path | None = None) -> Checklist:
    """A built-in checklist by name (fazhi_2021 when None) or a YAML file, extends resolved."""
    return resolve_checklist(source).checklist


@dataclass(frozen=True)
class Source:
    """Where a section, element or structure part is given: the file (`label` is a built-in's
    name or the path as written), its place in that file and its YAML node."""

    path: Path
    label: str
    loc: tuple[str | int, ...]
    node: yaml.Node

    def line_of(self, loc: tuple[str | int, ...] = ()) -> int:
        return _line_of(self.node, loc) or 0


@dataclass(frozen=True)
class Resolved:
    """A checklist after extends, and for each id the files it came from: the one that defined it
    first, then each that changed it."""

    checklist: Checklist
    sources: dict[str, list[Source]]
    path: Path
    label: str

    def origin(self, item_id: str) -> list[str]:
        return [source.label for source in self.sources[item_id]]

    def place(self, item_id: str, field: str | None = None, value: str | None = None, index: int | None = None) -> str:
        """file:line of an id, or of a field of it (`value`: the entry written so, anywhere in the
        field; `index`: its n-th item): in the last file that gave the field (as `field` or
        `field+`), else where the id was defined."""
        for source in reversed(self.sources[item_id]):
            for key in (field, f"{field}+") if field else ():
                node = _child(source.node, key)
                if value is not None:
                    node = _scalar(node, value)
                elif index is not None:
                    node = _child(node, index) or node
                if node is not None:
                    return f"{_shown(source.path)}:{node.start_mark.line + 1}"
        first = self.sources[item_id][0]
        return f"{_shown(first.path)}:{first.line_of()}"


def _scalar(node, value: str):
    """The first scalar node under `node` that reads `value`."""
    if isinstance(node, yaml.ScalarNode):
        return node if node.value == value else None
    children = node.value if isinstance(node, (yaml.SequenceNode, yaml.MappingNode)) else []
    for child in children:
        for item in child if isinstance(child, tuple) else (child,):
            found = _scalar(item, value)
            if found is not None:
                return found
    return None


def _shown(path: Path) -> str:
    """A path as a user reads it: relative to the current directory where it is under it, and
    printable."""
    try:
        return printable(path.resolve().relative_to(Path.cwd()) if path.is_absolute() else path)
    except ValueError:
        return printable(path)


def resolve_checklist(source: str | Path | None = None) -> Resolved:
    """load_checklist, with where each part came from. Built-ins are read once per process."""
    name = DEFAULT if source is None else source
    if isinstance(name, str) and name in BUILTIN:
        return _builtin(name)
    return _resolve(Path(name), str(name), ())


@lru_cache(maxsize=None)
def _builtin(name: str) -> Resolved:
    return _resolve(builtin_path(name), name, ())


def _resolve(path: Path, label: str, chain: tuple[tuple[Path, str], ...]) -> Resolved:
    """Read one checklist file; if it extends another, resolve that one first and apply it."""
    from scorer.extend import apply_extension  # extend.py builds on Source and Resolved above

    data, root = _parse(path)
    if "extends" not in data:
        checklist = _validate(Checklist, data, _in_file(path, root))
        return Resolved(checklist, _own_sources(checklist, path, label, root), path, label)
    extension = _validate(ChecklistExtension, data, _in_file(path, root))
    base_path, base_label = _base_of(extension, path, root)
    here = (path.resolve(), extension.id)
    seen = [*chain, here]
    if any(base_path.resolve() == earlier for earlier, _ in seen):
        loop = " -> ".join(f"{printable(earlier)} ({item_id})" for earlier, item_id in seen)
        raise ChecklistError(
            f"{_where(path, _line_of(root, ('extends',)))}: extends: {printable(extension.extends)} is already being "
            f"extended (a cycle: {loop} -> {printable(base_path.resolve())}); a checklist cannot extend itself"
        )
    base = _builtin(base_label) if base_label in BUILTIN else _resolve(base_path, base_label, tuple(seen))
    return apply_extension(base, extension, Source(path, label, (), root))


def _base_of(extension: ChecklistExtension, path: Path, root) -> tuple[Path, str]:
    """The file `extends:` names: a built-in, or a path relative to the extending file."""
    if extension.extends in BUILTIN:
        return builtin_path(extension.extends), extension.extends
    base = path.parent / extension.extends
    if not base.is_file():
        raise ChecklistError(
            f"{_where(path, _line_of(root, ('extends',)))}: extends: {extension.extends!r} is neither a built-in "
            f"checklist ({', '.join(BUILTIN)}) nor a file (looked for {printable(base)})"
        )
    return base, str(base)


def _own_sources(checklist: Checklist, path: Path, label: str, root) -> dict[str, list[Source]]:
    sources = {}
    for s, section in enumerate(checklist.sections):
        sources[section.id] = [Source(path, label, ("sections", s), _node_at(root, ("sections", s)))]
        for e, element in enumerate(section.elements):
            loc = ("sections", s, "elements", e)
            sources[element.id] = [Source(path, label, loc, _node_at(root, loc))]
    for p, part in enumerate(checklist.structure):
        sources[part.id] = [Source(path, label, ("structure", p), _node_at(root, ("structure", p)))]
    return sources


def _parse(path: Path):
    """The data of one YAML file and its node tree (for the lines of error messages)."""
    try:
        text = read_regular_file(path, MAX_CHECKLIST_BYTES).decode("utf-8")
    except NotReadable as exc:
        hint = "" if os.path.lexists(path) else f" (built-in checklists: {', '.join(BUILTIN)})"
        raise ChecklistError(f"{printable(path)}: checklist {exc}{hint}") from None
    except UnicodeDecodeError as exc:
        raise ChecklistError(f"{printable(path)}: cannot read checklist ({exc})") from None
    try:
        _reject_anchors(path, text)
        loader = _SafeLoader(text)
        try:
            root = loader.get_single_node()  # the node tree: lines for error messages
            _reject_duplicate_keys(path, root)
            data = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ChecklistError(f"{printable(path)}{line}: invalid YAML: {problem}") from None
    if not isinstance(data, dict):
        raise ChecklistError(f"{printable(path)}: expected a mapping with id, version, title, sections")
    return data, root


def _reject_anchors(path: Path, text: str) -> None:
    """One pass over the parser's events (2 ms for the default checklist)."""
    for event in yaml.parse(text, Loader=_SafeLoader):
        alias = isinstance(event, yaml.AliasEvent)
        if alias or getattr(event, "anchor", None):
            raise ChecklistError(
                f"{printable(path)}:{event.start_mark.line + 1}: YAML {'alias *' if alias else 'anchor &'}{event.anchor}: "
                "anchors and aliases are not allowed in a checklist (aliases of aliases can expand a few KB "
                "into billions of entries); write the repeated part out"
            )


def _reject_duplicate_keys(path: Path, root) -> None:
    """PyYAML keeps the last of two equal keys silently; a checklist author wants to know."""
    nodes = [root]
    while nodes:
        node = nodes.pop()
        if isinstance(node, yaml.MappingNode):
            seen = set()
            for key, value in node.value:
                if key.value in seen:
                    raise ChecklistError(
                        f"{printable(path)}:{key.start_mark.line + 1}: duplicate key {key.value!r} in a mapping"
                    )
                seen.add(key.value)
                nodes.append(value)
        elif isinstance(node, yaml.SequenceNode):
            nodes.extend(node.value)


def _validate(model: type[BaseModel], data: dict, locate):
    """`model` from `data`, or a ChecklistError with a line per problem; `locate(loc)` gives the
    file:line and the place in that file of a location in `data`."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ChecklistError(_describe(exc, locate)) from None


def _in_file(path: Path, root):
    """locate() for data read from one file."""
    return lambda loc: (_where(path, _line_of(root, loc)), loc)


def _where(path: Path, line: int | None) -> str:
    return f"{printable(path)}:{line}" if line else printable(path)


def _describe(exc: ValidationError, locate) -> str:
    """One line per problem: file:line: place: what is wrong (what was expected)."""
    lines = []
    for error in exc.errors(include_url=False):
        loc = [part for part in error["loc"] if not _is_union_branch(part)]
        cause = error.get("ctx", {}).get("error")
        if isinstance(cause, PlaceError):  # a rule over a whole model that knows the place it means
            loc, message = [*loc, *cause.loc], str(cause)
        else:
            message = error["msg"]
        where, place = locate(tuple(loc))
        lines.append(f"{where}: {_place(place) or '(top level)'}: {message}")
    return "\n".join(lines)


def _is_union_branch(part) -> bool:
    # pydantic names union branches in loc ("str", "list[str]"): not a place in the file
    return isinstance(part, str) and ("[" in part or part in {"str", "int", "list"})


def _place(loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _child(node, part):
    if isinstance(node, yaml.MappingNode) and isinstance(part, str):
        return next((v for k, v in node.value if k.value == part), None)
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        return node.value[part]
    return None


def _node_at(root, loc):
    """The deepest YAML node that the location reaches."""
    node = root
    for part in loc:
        child = _child(node, part)
        if child is None:
            break
        node = child
    return node


def _line_of(root, loc) -> int | None:
    node = _node_at(root, loc)
    return node.start_mark.line + 1 if node is not None else None


def did_you_mean(item_id: str, known) -> str:
    """` (did you mean 'x'?)` for a near id, else nothing."""
    close = difflib.get_close_matches(item_id, list(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""
