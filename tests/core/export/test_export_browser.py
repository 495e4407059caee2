"""The exported page in a real headless Chromium (file://): images load, captions show, the lightbox
opens on click, arrows move, Esc closes and gives focus back; nothing touches the network."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from export_helpers import Sources, run_export

from desktop.core.export import ExportOptions
from desktop.core.records import ExportItem

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHARED_SCREENSHOT = Path("/tmp/gallery-screenshot.png")

# WCAG relative luminance and contrast, computed from the colours the browser actually used.
CONTRAST_JS = """
([fgSel, bgSel]) => {
  const parse = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = (rgb) => {
    const [r, g, b] = rgb.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const fg = parse(getComputedStyle(document.querySelector(fgSel)).color);
  const bg = parse(getComputedStyle(document.querySelector(bgSel)).backgroundColor);
  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}
"""


def _wait_until(page, expression: str, timeout: float = 15.0) -> None:
    """Poll with page.evaluate: wait_for_function evals a string in the page, which our CSP
    (rightly) forbids, while evaluate goes through the DevTools protocol."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for: {expression}")
        page.wait_for_timeout(50)


@pytest.fixture
def gallery(sources: Sources, tmp_path: Path) -> tuple[Path, list[ExportItem]]:
    items = [
        *sources.items,
        ExportItem(
            photo_id=105,
            source_path=str(sources.camera),
            caption="Evil <script>alert(1)</script> caption stays text",
            credit="Staff",
        ),
    ]
    out = tmp_path / "gallery"
    _events, outcome = run_export(
        items, out, ExportOptions(size=800, thumb_size=300, workers=2, title="Caption Desk test")
    )
    assert outcome.counts["exported"] == len(items)
    return out, items


@pytest.mark.browser
def test_gallery_in_headless_chromium(
    gallery: tuple[Path, list[ExportItem]], tmp_path: Path
) -> None:
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium is not installed at {CHROMIUM}: run `apt-get install -y chromium` "
            "(the Makefile's browser target does it)."
        )
    from playwright.sync_api import sync_playwright

    out, items = gallery
    url = (out / "index.html").as_uri()
    requests: list[str] = []
    problems: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("request", lambda r: requests.append(r.url))
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.on("dialog", lambda d: problems.append(f"dialog: {d.message}"))
            page.on(
                "console",
                lambda m: problems.append(m.text) if m.type in ("error", "warning") else None,
            )
            page.goto(url)

            thumbs = page.locator("a.thumb img")
            assert thumbs.count() == len(items)
            for i in range(thumbs.count()):  # lazy images load once scrolled into view
                thumbs.nth(i).scroll_into_view_if_needed()
            _wait_until(
                page,
                "Array.from(document.querySelectorAll('a.thumb img')).every(i => i.complete && i.naturalWidth > 0)",
            )
            page.evaluate("window.scrollTo(0, 0)")

            captions = page.locator(".card .caption-line")
            assert captions.count() == len(items)
            first = captions.nth(0)
            assert first.is_visible()
            assert "Crowds gather in Zürich, Ångström — café at dawn." in first.inner_text()
            credit = page.locator(".card .credit").first
            assert credit.is_visible() and credit.inner_text() == "REUTERS/Anna Müller"
            assert "<script>alert(1)</script>" in captions.nth(4).inner_text()  # shown as text
            assert page.evaluate("document.documentElement.lang") == "en"
            assert page.evaluate(CONTRAST_JS, [".card .caption", ".card"]) >= 4.5
            assert page.evaluate(CONTRAST_JS, [".card .credit", ".card"]) >= 4.5

            screenshot = tmp_path / "gallery.png"
            page.screenshot(path=str(screenshot), full_page=True)

            # Lightbox: click opens it with the large image and the full caption.
            page.locator("a.thumb").nth(0).click()
            dialog = page.locator("dialog#lightbox")
            assert dialog.is_visible()
            _wait_until(
                page,
                "document.getElementById('lightbox-image').complete && "
                "document.getElementById('lightbox-image').naturalWidth > 0",
            )
            assert page.locator("#lightbox-image").get_attribute("src") == (
                "images/crowds-gather-in-zurich-angstrom-cafe.jpg"
            )
            assert "REUTERS/Anna Müller" in page.locator("#lightbox-caption").inner_text()
            assert page.evaluate("document.activeElement.className") == "lightbox-close"
            assert page.locator(".lightbox-position").inner_text() == f"1 / {len(items)}"
            assert page.evaluate(CONTRAST_JS, ["#lightbox-caption", "#lightbox"]) >= 4.5
            lightbox_shot = tmp_path / "lightbox.png"
            page.screenshot(path=str(lightbox_shot))

            page.keyboard.press("ArrowRight")
            assert page.locator(".lightbox-position").inner_text() == f"2 / {len(items)}"
            assert (
                "A second caption with markup & spaces"
                in page.locator("#lightbox-caption").inner_text()
            )
            page.keyboard.press("ArrowLeft")
            page.keyboard.press("ArrowLeft")  # wraps to the last
            assert page.locator(".lightbox-position").inner_text() == f"{len(items)} / {len(items)}"
            for _ in range(6):  # focus stays inside the modal dialog
                page.keyboard.press("Tab")
                assert page.evaluate("!!document.activeElement.closest('dialog')")

            page.keyboard.press("Escape")
            assert not dialog.is_visible()
            assert page.evaluate("document.activeElement.getAttribute('data-index')") == "0"

            # Keyboard only: Enter on a focused thumbnail opens it too.
            page.locator("a.thumb").nth(2).focus()
            page.keyboard.press("Enter")
            assert dialog.is_visible()
            assert page.locator(".lightbox-position").inner_text() == f"3 / {len(items)}"
            page.keyboard.press("Escape")
            assert not dialog.is_visible()
        finally:
            browser.close()

    assert problems == []  # no script errors, no CSP violations, no alert() ran
    assert requests and all(r.startswith("file://") for r in requests), requests
    shutil.copyfile(screenshot, SHARED_SCREENSHOT)
    shutil.copyfile(lightbox_shot, SHARED_SCREENSHOT.with_name("gallery-lightbox.png"))
