"""Load a YAML checklist in safe mode and validate it, with errors that say where and what.

A checklist is read like an input (a regular file, at most MAX_CHECKLIST_BYTES) and may not use
YAML anchors and aliases: an alias repeats a part of the file, and aliases of aliases make a few
KB expand into billions of strings for the checks and the validation that walk them.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import yaml
from pydantic import ValidationError

from scorer.errors import ChecklistError
from scorer.files import NotReadable, read_regular_file
from scorer.models import Checklist, PlaceError
from scorer.printable import printable

DEFAULT_CHECKLIST = "fazhi_2021.yaml"
MAX_CHECKLIST_BYTES = 1_000_000
"""A checklist's size on disk: the default is 20 KB, and PyYAML's node tree takes some 300 bytes
for each byte of the file."""
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""Safe mode only; libyaml's loader where PyYAML was built with it (ten times faster)."""


def default_checklist_path() -> Path:
    """The packaged default checklist (a copy of checklist/fazhi_2021.yaml)."""
    return Path(str(resources.files("scorer") / "data" / DEFAULT_CHECKLIST))


def load_checklist(path: str | Path | None = None) -> Checklist:
    path = Path(path) if path is not None else default_checklist_path()
    root, data = _load_yaml(path)
    if not isinstance(data, dict):
        raise ChecklistError(f"{printable(path)}: expected a mapping with id, version, title, sections")
    try:
        return Checklist.model_validate(data)
    except ValidationError as exc:
        raise ChecklistError(_describe(path, root, exc)) from None


def _load_yaml(path: Path):
    """The checklist file's node tree (its lines serve the error messages) and its data."""
    try:
        text = read_regular_file(path, MAX_CHECKLIST_BYTES).decode("utf-8")
    except NotReadable as exc:
        raise ChecklistError(f"{printable(path)}: checklist {exc}") from None
    except UnicodeDecodeError as exc:
        raise ChecklistError(f"{printable(path)}: cannot read checklist ({exc})") from None
    try:
        _reject_anchors(path, text)
        loader = _SafeLoader(text)
        try:
            root = loader.get_single_node()
            _reject_duplicate_keys(path, root)
            return root, loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ChecklistError(f"{printable(path)}{line}: invalid YAML: {problem}") from None


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


def _describe(path: Path, root, exc: ValidationError) -> str:
    """One line per problem: file:line: place: what is wrong (what was expected)."""
    lines = []
    for error in exc.errors(include_url=False):
        cause = error.get("ctx", {}).get("error")
        if isinstance(cause, PlaceError):  # a whole-checklist rule that knows the place it means
            loc, message = list(cause.loc), str(cause)
        else:
            loc, message = [part for part in error["loc"] if not _is_union_branch(part)], error["msg"]
        line = _line_of(root, loc)
        where = f"{printable(path)}:{line}" if line else printable(path)
        lines.append(f"{where}: {_place(loc) or '(top level)'}: {message}")
    return "\n".join(lines)


def _is_union_branch(part) -> bool:
    # pydantic names union branches in loc ("str", "list[str]"): not a place in the file
    return isinstance(part, str) and ("[" in part or part in {"str", "int", "list"})


def _place(loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _line_of(root, loc) -> int | None:
    """The line of the deepest YAML node that the error location reaches."""
    node, line = root, (root.start_mark.line + 1 if root is not None else None)
    for part in loc:
        child = None
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            child = next((v for k, v in node.value if k.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            child = node.value[part]
        if child is None:
            break
        node, line = child, child.start_mark.line + 1
    return line
