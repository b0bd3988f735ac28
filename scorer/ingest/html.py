"""Saved web pages: the report's body as text, one paragraph or heading per line.

Government pages wrap a report in navigation, breadcrumbs, scripts, sharing and print widgets and
a footer. BeautifulSoup over lxml parses the page (it tolerates the broken markup these sites
serve); what is not the report goes in three passes: tags that never hold it (script, nav,
footer, ...), blocks whose class or id names a widget or that are mostly links, and widget text
left inside the lines (字体:[大 中 小], 分享到, 浏览次数:93, 打印本页, 当前位置:首页>>...).

Every pass is linear in the page whatever its depth (no recursion, each node visited once; the
link counts of all blocks are summed from the leaves up in one pass), and the tags are counted
before parsing: BeautifulSoup keeps an object of several hundred bytes for each.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.dammit import EncodingDetector
from bs4.element import CData, PreformattedString

from scorer.furniture import CHROME_LINE, WIDGET_TEXT

from scorer.errors import InputError
from scorer.ingest.encoding import decode
from scorer.limits import Limits, over_limit
from scorer.models import SourceText

_SKIP_TAGS = frozenset(
    "script style noscript template head title iframe frame nav footer aside button select option "
    "textarea input object embed svg canvas map".split()
)
_BLOCK_TAGS = frozenset(
    "address article blockquote body caption center dd div dl dt fieldset figcaption figure form "
    "h1 h2 h3 h4 h5 h6 header hr html li main ol p pre section table tbody tfoot thead tr ul".split()
)
_CELL_TAGS = frozenset({"td", "th"})
_CONTAINER_TAGS = _BLOCK_TAGS | _CELL_TAGS
_WIDGET_NAME = re.compile(r"nav|menu|crumb|share|foot(?!note)|copyright|sidebar|toolbar", re.IGNORECASE)
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_LINK_LIST_TEXT = 200
"""A block with 3+ links, less unlinked text than linked text and less than this is a menu."""
_TEXT_TYPES = (NavigableString, CData)
"""The strings get_text() counts: not those of scripts, styles, templates or comments."""
MAX_TAGS = 500_000
"""Tags of a page (each < counted, before parsing): a government page has a few thousand, a
whole report saved as one page some tens of thousands. A page of a million short paragraphs
took 42 s and 1.3 GB."""


def read(path: str, data: bytes, limits: Limits) -> SourceText:
    tags = data.count(b"<")
    if tags > MAX_TAGS:
        raise InputError(path, over_limit("web page with too many tags", tags, MAX_TAGS, "tags"))
    text, encoding = decode(path, data, EncodingDetector.find_declared_encoding(data, is_html=True))
    root = BeautifulSoup(text, "lxml")
    root = root.body or root
    lines = (_clean(line) for line in _lines(root, _link_lists(root)))
    return SourceText(path=path, text="\n".join(line for line in lines if line), encoding=encoding, format="html")


def _lines(root: Tag, link_lists: set[int]) -> list[str]:
    """The visible text of `root`, a line per block element, skipping boilerplate subtrees."""
    lines: list[str] = []
    parts: list[str] = []
    flush = object()
    stack: list[tuple[object, bool]] = [(root, root.name == "pre")]  # (node, inside a <pre>)
    while stack:
        node, pre = stack.pop()
        if node is flush:
            lines.append("".join(parts))
            parts = []
        elif isinstance(node, NavigableString):
            if isinstance(node, PreformattedString):  # comments, doctype, CDATA
                continue
            first, *more = str(node).split("\n") if pre else [str(node)]
            parts.append(first)
            for line in more:  # inside <pre> a line break is a line break
                lines.append("".join(parts))
                parts = [line]
        elif isinstance(node, Tag) and not _is_boilerplate(node, link_lists):
            block = node.name in _BLOCK_TAGS or node.name == "br"
            if block:
                stack.append((flush, pre))  # a block ends its line after its content ...
            elif node.name in _CELL_TAGS:
                parts.append(" ")
            inner = pre or node.name == "pre"
            stack.extend((child, inner) for child in reversed(node.contents))
            if block:
                stack.append((flush, pre))  # ... and before it
    lines.append("".join(parts))
    return lines


def _is_boilerplate(tag: Tag, link_lists: set[int]) -> bool:
    if tag.name in _SKIP_TAGS or tag.has_attr("hidden") or _HIDDEN.search(tag.get("style", "")):
        return True
    if tag.name in ("html", "body"):
        return False
    names = " ".join(tag.get("class", [])) + " " + tag.get("id", "")
    return bool(_WIDGET_NAME.search(names)) or id(tag) in link_lists


def _link_lists(root: Tag) -> set[int]:
    """The ids of the blocks that are menus: 3+ links, less unlinked text than linked text, and
    less than _LINK_LIST_TEXT of it. Counted from the leaves up, each node once: a child's links
    and text are added to its parent's when the child is done (reverse document order visits
    every child before its parent)."""
    menus: set[int] = set()
    below: dict[int, tuple[int, int, int]] = {}  # id(tag) -> (links, linked chars, chars) under it
    for node in reversed(list(root.descendants)):
        if isinstance(node, Tag):
            links, linked, chars = below.pop(id(node), (0, 0, 0))
            unlinked = chars - linked
            if node.name in _CONTAINER_TAGS and links >= 3 and unlinked < linked and unlinked < _LINK_LIST_TEXT:
                menus.add(id(node))
            if node.name == "a":
                links, linked = links + 1, chars
        elif type(node) in _TEXT_TYPES:
            links, linked, chars = 0, 0, _word_chars(node)
        else:
            continue
        parent = id(node.parent)
        up_links, up_linked, up_chars = below.get(parent, (0, 0, 0))
        below[parent] = (up_links + links, up_linked + linked, up_chars + chars)
    return menus


def _word_chars(text: str) -> int:
    return sum(char.isalnum() for char in text)


def _clean(line: str) -> str:
    """One line of text with HTML whitespace collapsed and widget text removed ("" to drop it)."""
    line = re.sub(r"[ \t\r\n\f]+", " ", line).strip()
    if CHROME_LINE.search(line):
        return ""
    line = WIDGET_TEXT.sub("", line).strip()
    return line if any(char.isalnum() for char in line) else ""
