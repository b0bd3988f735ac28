"""Apply a checklist that extends another to its (resolved) base.

In order: `remove` drops elements, sections (with their elements) and structure parts by id; then
each section listed is merged into the base's section of the same id, or added; each element
listed overrides the base's element of the same id (the fields given replace, `aliases+` and the
like add; an element listed under another section than its own moves there), or is added; the
structure parts likewise. A section left without elements is dropped. Every section, element and
part keeps the files it came from. Errors name the file, the line, the place and the id.
"""

from __future__ import annotations

from dataclasses import dataclass

from scorer.checklist import Resolved, Source, _child, _node_at, _place, _validate, _where, did_you_mean
from scorer.errors import ChecklistError
from scorer.models import Checklist, ChecklistExtension, ElementPatch, SectionPatch, StructurePatch, _Patch

_ADDED = "_added"
_REQUIRED = {"element": ("name", "weight", "aliases"), "structure part": ("name", "weight", "cues")}


@dataclass
class _Item:
    """A section, element or structure part being merged: its fields, and where they came from."""

    data: dict
    sources: list[Source]

    @property
    def id(self) -> str:
        return self.data["id"]


@dataclass
class _Section:
    item: _Item
    elements: list[_Item]


def apply_extension(base: Resolved, extension: ChecklistExtension, file: Source) -> Resolved:
    merge = _Merge(base, file)
    merge.remove(extension.remove)
    for s, patch in enumerate(extension.sections):
        merge.section(("sections", s), patch)
    for p, patch in enumerate(extension.structure):
        merge.structure_part(("structure", p), patch)
    merge.check_parts()
    return merge.resolved(extension)


class _Merge:
    def __init__(self, base: Resolved, file: Source):
        self.base = base.checklist
        self.file = file
        self.sections = [
            _Section(
                _Item(section.model_dump(exclude={"elements"}), list(base.sources[section.id])),
                [_Item(element.model_dump(), list(base.sources[element.id])) for element in section.elements],
            )
            for section in base.checklist.sections
        ]
        self.structure = [_Item(part.model_dump(), list(base.sources[part.id])) for part in base.checklist.structure]
        self.removed: dict[str, tuple[str | int, ...]] = {}
        """Each id removed, and the place of the `remove` entry that removed it."""
        self.listed: dict[str, tuple[str | int, ...]] = {}

    # --- remove ---------------------------------------------------------------------------------

    def remove(self, ids: list[str]) -> None:
        for r, item_id in enumerate(ids):
            loc = ("remove", r)
            section = self._section(item_id)
            home, element = self._element(item_id)
            if section is not None:
                self.sections.remove(section)
                gone = [item_id, *(e.id for e in section.elements)]
            elif element is not None:
                home.elements.remove(element)
                gone = [item_id]
            elif any(part.id == item_id for part in self.structure):
                self.structure = [part for part in self.structure if part.id != item_id]
                gone = [item_id]
            else:
                known = [s.item.id for s in self.sections] + [e.id for s in self.sections for e in s.elements]
                raise self._error(
                    loc,
                    f"{item_id!r} is not an element, section or structure part of {self.base.id}"
                    + did_you_mean(item_id, known + [p.id for p in self.structure]),
                )
            self.removed.update(dict.fromkeys(gone, loc))

    # --- sections, elements, structure parts ----------------------------------------------------

    def section(self, loc: tuple, patch: SectionPatch) -> None:
        self._listed(loc, patch.id)
        section = self._section(patch.id)
        if section is None:
            if patch.title is None:
                raise self._error(
                    loc, f"{patch.id!r} is not a section of {self.base.id}{self._did_you_mean_section(patch.id)}; "
                    "a new section needs a title and elements",
                )
            self._unused(loc, patch.id)
            section = _Section(_Item({"id": patch.id, "title": patch.title}, [self._source(loc)]), [])
            self.sections.append(section)
        elif patch.title is not None and patch.title != section.item.data["title"]:
            section.item.data["title"] = patch.title
            section.item.sources.append(self._source(loc))
        for e, element in enumerate(patch.elements):
            self.element((*loc, "elements", e), element, section)

    def element(self, loc: tuple, patch: ElementPatch, section: _Section) -> None:
        self._listed(loc, patch.id)
        home, item = self._element(patch.id)
        if item is None:
            section.elements.append(self._new(loc, patch, "element"))
            return
        changed = _override(item.data, patch)
        if home is not section:
            home.elements.remove(item)
            section.elements.append(item)
            changed = True
        if changed:
            item.sources.append(self._source(loc))

    def structure_part(self, loc: tuple, patch: StructurePatch) -> None:
        self._listed(loc, patch.id)
        item = next((part for part in self.structure if part.id == patch.id), None)
        if item is None:
            self.structure.append(self._new(loc, patch, "structure part"))
        elif _override(item.data, patch):
            item.sources.append(self._source(loc))

    def _new(self, loc: tuple, patch: _Patch, kind: str) -> _Item:
        """A new element or structure part: it must bring its required fields."""
        given = patch.model_dump(exclude_unset=True)
        missing = [field for field in _REQUIRED[kind] if field not in given and f"{field}{_ADDED}" not in given]
        if missing:
            if patch.id in self.removed:
                why = f"{patch.id!r} was removed by {_place(self.removed[patch.id])}"
            else:
                known = [e.id for s in self.sections for e in s.elements] if kind == "element" else [p.id for p in self.structure]
                why = f"{patch.id!r} is not an {kind} of {self.base.id}{did_you_mean(patch.id, known)}"
            raise self._error(loc, f"{why}; a new {kind} needs {', '.join(missing)}")
        self._unused(loc, patch.id)
        data = {"id": patch.id}
        _override(data, patch)
        return _Item(data, [self._source(loc)])

    def check_parts(self) -> None:
        """No element may keep as a part an element this file removed."""
        for section in self.sections:
            for item in section.elements:
                for part in item.data.get("parts", ()):
                    if part in self.removed:
                        raise self._error(
                            self.removed[part],
                            f"{part!r} is a part of {item.id!r}; remove {item.id!r} too, or give it parts without {part!r}",
                        )

    # --- the result -----------------------------------------------------------------------------

    def resolved(self, extension: ChecklistExtension) -> Resolved:
        sections = [section for section in self.sections if section.elements]  # emptied: dropped
        data = {
            "id": extension.id,
            "version": extension.version,
            "title": extension.title or self.base.title,
            "sections": [{**s.item.data, "elements": [e.data for e in s.elements]} for s in sections],
            "structure": [part.data for part in self.structure],
        }
        places: dict[tuple, list[Source]] = {}
        for s, section in enumerate(sections):
            places[("sections", s)] = section.item.sources
            for e, element in enumerate(section.elements):
                places[("sections", s, "elements", e)] = element.sources
        for p, part in enumerate(self.structure):
            places[("structure", p)] = part.sources
        checklist = _validate(Checklist, data, lambda loc: self._locate(places, loc))
        sources = {item.id: item.sources for section in sections for item in (section.item, *section.elements)}
        sources.update({part.id: part.sources for part in self.structure})
        return Resolved(checklist, sources, self.file.path, self.file.label)

    def _locate(self, places: dict[tuple, list[Source]], loc: tuple) -> tuple[str, tuple]:
        """file:line and place, in the file that gave it, of a location in the merged checklist:
        the last file that gave the field the location names (as `field` or `field+`)."""
        prefix = next((loc[:n] for n in (4, 2) if loc[:n] in places), None)
        if prefix is None:
            return _where(self.file.path, self.file.line_of(loc)), loc
        sources, rest = places[prefix], list(loc[len(prefix) :])
        if rest:
            for source in reversed(sources):
                key = next((k for k in (rest[0], f"{rest[0]}+") if _child(source.node, k) is not None), None)
                if key is not None:
                    rest[0] = key
                    return _where(source.path, source.line_of(tuple(rest))), (*source.loc, *rest)
        source = sources[-1]
        return _where(source.path, source.line_of(tuple(rest))), (*source.loc, *rest)

    # --- helpers --------------------------------------------------------------------------------

    def _section(self, section_id: str) -> _Section | None:
        return next((section for section in self.sections if section.item.id == section_id), None)

    def _element(self, element_id: str) -> tuple[_Section | None, _Item | None]:
        for section in self.sections:
            for item in section.elements:
                if item.id == element_id:
                    return section, item
        return None, None

    def _did_you_mean_section(self, section_id: str) -> str:
        return did_you_mean(section_id, [section.item.id for section in self.sections])

    def _unused(self, loc: tuple, item_id: str) -> None:
        """A new section, element or part must not take an id that something else has."""
        taken = [s.item.id for s in self.sections] + [e.id for s in self.sections for e in s.elements]
        if item_id in taken + [part.id for part in self.structure]:
            raise self._error(loc, f"duplicate id {item_id!r}: a section, element or structure part of "
                                   f"{self.base.id} has it already; every id must be unique")

    def _listed(self, loc: tuple, item_id: str) -> None:
        if item_id in self.listed:
            raise self._error(loc, f"{item_id!r} is listed twice in this file (first at {_place(self.listed[item_id])})")
        self.listed[item_id] = loc

    def _source(self, loc: tuple) -> Source:
        return Source(self.file.path, self.file.label, loc, _node_at(self.file.node, loc))

    def _error(self, loc: tuple, message: str) -> ChecklistError:
        return ChecklistError(f"{_where(self.file.path, self.file.line_of(loc))}: {_place(loc)}: {message}")


def _override(data: dict, patch: _Patch) -> bool:
    """Apply the fields a patch gives to `data`: `field+` adds to the list (or, for examples, to
    each status's list), the plain key replaces. Whether anything changed."""
    before = repr(data)
    for key, value in patch.model_dump(exclude_unset=True, exclude={"id"}).items():
        if key.endswith(_ADDED):
            field = key.removesuffix(_ADDED)
            data[field] = _added(data.get(field), value)
        else:
            data[key] = value
    return repr(data) != before


def _added(current, more):
    if isinstance(more, dict):
        merged = {status: list(items) for status, items in (current or {}).items()}
        for status, items in more.items():
            merged[status] = _added(merged.get(status), items)
        return merged
    current = list(current or [])
    return current + [item for item in more if item not in current]
