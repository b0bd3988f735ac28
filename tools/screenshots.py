"""Screenshots of the HTML review pages, to look at: `make screenshots` (or python
tools/screenshots.py FOLDER) scores seeds/ with `batch --html` into FOLDER/review and saves PNGs of
the index (whole page) and of a report page (its top, and its text with one element's evidence
stepped to and a sentence explained), each at a desktop width and a phone width."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scorer.cli import main as rolscore  # noqa: E402
from tests.browser import chromium, missing  # noqa: E402

WIDTHS = {"desktop": (1366, 900), "phone": (390, 844)}
REPORT = "003_3cfe0e754c2cb1fa"
ELEMENT = "government_legal_advisor"


def shoot(folder: Path) -> list[Path]:
    review = folder / "review"
    if rolscore(["batch", str(ROOT / "seeds"), "--html", "--out", str(review), "--workers", "2"]) != 0:
        raise SystemExit("screenshots: the batch failed")
    saved = []
    with chromium() as browser:
        for label, (width, height) in WIDTHS.items():
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            page.goto((review / "index.html").as_uri())
            saved.append(_save(page, folder / f"index-{label}.png", full_page=True))
            page.goto((review / f"{REPORT}.html").as_uri())
            saved.append(_save(page, folder / f"report-{label}-top.png"))
            page.goto((review / f"{REPORT}.html").as_uri() + f"#e-{ELEMENT}")
            page.keyboard.press("n")
            page.locator("mark.current").click()
            saved.append(_save(page, folder / f"report-{label}-evidence.png"))
            context.close()
    return saved


def _save(page, path: Path, full_page: bool = False) -> Path:
    page.screenshot(path=str(path), full_page=full_page)
    return path


if __name__ == "__main__":
    reason = missing()
    if reason:
        raise SystemExit(f"screenshots: {reason}")
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots").resolve()
    out.mkdir(parents=True, exist_ok=True)
    for path in shoot(out):
        print(path)
