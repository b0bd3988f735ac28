"""Headless Chromium for the HTML tests and `make screenshots`: Debian's chromium, driven by
Playwright (whose own browser download cannot reach its host here), with a fresh profile and
nothing that phones home (the machine's closed network otherwise sees it try Google's hosts)."""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
QUIET = [
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def missing() -> str | None:
    """Why the browser cannot run here, or None if it can."""
    if not os.path.exists(CHROMIUM):
        return f"no chromium at {CHROMIUM} (apt-get install -y chromium fonts-noto-cjk)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[test]')"
    return None


@contextmanager
def chromium():
    """A launched browser; Playwright gives it a fresh temporary profile and removes it after."""
    from playwright.sync_api import sync_playwright

    args = QUIET + (["--no-sandbox"] if os.geteuid() == 0 else [])  # the sandbox refuses root
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=args)
        try:
            yield browser
        finally:
            browser.close()
