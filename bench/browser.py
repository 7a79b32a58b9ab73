"""Time until the national page is fully drawn in headless Chromium."""

from __future__ import annotations

import shutil

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
]
# Every change to the page is stamped, so "drawn" is the last change before the network fell quiet.
STAMP_CHANGES = """
window.__hzwLastChange = 0;
new MutationObserver(() => { window.__hzwLastChange = performance.now(); })
  .observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
"""
# The tiles, the map (the regions' paths, or the tile map's markers), the ranking and the trend are drawn.
DRAWN = """() => {
  const has = (sel) => document.querySelector(sel) !== null;
  const map = has('#national-map .choroplethlocation') || has('#national-map .trace');
  return map && has('#national-tiles > *') && has('#national-ranking .trace')
    && has('#national-trend .trace') && !has('[data-dash-is-loading="true"]');
}"""
# When the last callback answer had fully arrived: the rest of the time is the browser drawing.
LAST_ANSWER = """() => Math.max(0, ...performance.getEntriesByType('resource')
  .filter((e) => e.name.includes('_dash-update-component')).map((e) => e.responseEnd))"""


def time_to_drawn(
    url: str, runs: int, before_each: object = None, returning: bool = False
) -> list[tuple[float, float]]:
    """Milliseconds from navigation to the last change of the drawn national page, per fresh tab.

    Each run gives (drawn, last callback answer received), both from the start of navigation.

    Args:
        url: the national page.
        runs: how many fresh tabs to time.
        before_each: called before every timed tab (to empty the server's cache), when given.
        returning: a returning visitor: each run first opens the page once, untimed, in the same
            browser profile, so the timed visit finds the scripts in the browser's cache.
    """
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="nl-NL")
                if returning:
                    first = context.new_page()
                    first.goto(url, wait_until="networkidle", timeout=120_000)
                    first.wait_for_function(DRAWN, timeout=120_000)
                    first.close()
                if callable(before_each):
                    before_each()
                page = context.new_page()
                page.add_init_script(STAMP_CHANGES)
                page.goto(url, wait_until="networkidle", timeout=120_000)
                page.wait_for_function(DRAWN, timeout=120_000)
                page.wait_for_load_state("networkidle")
                times.append(
                    (float(page.evaluate("window.__hzwLastChange")), float(page.evaluate(LAST_ANSWER)))
                )
                context.close()
        finally:
            browser.close()
    return times
