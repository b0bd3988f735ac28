"""What the HTML pages share: the Jinja2 environment (autoescape on), the inline stylesheet and
scripts, and a Content-Security-Policy that lets only those run and nothing load.

A page is one self-contained file: its CSS and its script are inlined from htmlfiles/, and the
policy names them by hash, so even text that slipped past escaping could neither run a script nor
reach the network. Data for a script goes in a <script type="application/json"> block through
Jinja's `tojson`, which escapes <, >, & and ' so the block cannot be closed from inside. A file
name goes through the `printable` filter: autoescaping keeps markup out, and it keeps control
characters out.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from pathlib import Path
from typing import IO
from urllib.parse import quote

from markupsafe import Markup

from scorer.models import STATUSES
from scorer.printable import printable
from scorer.render.core import STATUS_LABEL, STATUS_SYMBOL, TIER_LABEL, percent

FILES = Path(__file__).with_name("htmlfiles")
STYLESHEET = "style.css"
INDEX = "index.html"
"""The batch's index page, beside the report pages that link back to it."""


@cache
def environment():
    """The template environment, built at the first page: importing Jinja2 costs every other
    command's start 0.05 s."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(FILES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    env.filters.update(page=page_href, g=lambda number: f"{number:g}", share=percent, printable=printable)
    env.globals.update(
        STATUSES=STATUSES, STATUS_LABEL=STATUS_LABEL, STATUS_SYMBOL=STATUS_SYMBOL, TIER_LABEL=TIER_LABEL
    )
    return env


def page_href(stem: str, fragment: str = "") -> str:
    """A link to a sibling page named after a report: percent-encoded and starting with ./, so
    that a file named javascript:… or a?b#c stays a relative path to that file."""
    return "./" + quote(f"{stem}.html", safe="") + (f"#{fragment}" if fragment else "")


@cache
def _inline(name: str) -> tuple[Markup, str]:
    """A stylesheet or script as inlined, and its CSP source expression."""
    text = (FILES / name).read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return Markup(text), f"'sha256-{digest}'"


def render_page(template: str, script: str, outfile: IO[str], **context) -> None:
    """Write one page: `template` with the shared stylesheet and `script` inlined."""
    style, style_source = _inline(STYLESHEET)
    code, script_source = _inline(script)
    policy = (
        f"default-src 'none'; style-src {style_source}; script-src {script_source}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    for chunk in environment().get_template(template).generate(style=style, script=code, policy=policy, **context):
        outfile.write(chunk)
