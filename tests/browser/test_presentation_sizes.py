"""Every presentation screen fits a projector of any common size, readable from the back of the room."""

from __future__ import annotations

import re
from typing import Any

import pytest

from geodata import region_refs
from tests.browser.axe import assert_accessible
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

SHOW = "/presentatie?jaar=2026&peildatum=2026-09-30&regios=AM09,AM01&sinds=2026-09-15"
SIZES = [(1280, 720), (1920, 1080), (3840, 2160)]
# The smallest text a back row can still read: 2.2 % of the screen's height.
SMALLEST_SHARE = 0.022

# Every visible text node with the size it is drawn at on the screen: HTML text at its computed
# font size, SVG text (Plotly's labels) at its font size times the scale the SVG is drawn at.
MEASURE = """() => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const text = node.textContent.trim();
    const element = node.parentElement;
    if (!text || !element) continue;
    const box = element.getBoundingClientRect();
    // Not drawn, or drawn only for screen readers (visually-hidden: a 1 px clipped box).
    if (box.width <= 1 || box.height <= 1) continue;
    const style = getComputedStyle(element);
    if (style.visibility !== "visible" || parseFloat(style.opacity) === 0) continue;
    if (element.closest("[hidden], details:not([open]) > :not(summary)")) continue;
    let size = parseFloat(style.fontSize);
    if (element instanceof SVGElement) {
      const matrix = element.getScreenCTM();
      if (matrix) size *= Math.hypot(matrix.a, matrix.b);
    }
    found.push({text: text.slice(0, 40), size: size, svg: element instanceof SVGElement});
  }
  // A box on the screen that scrolls (a wide table) hides part of it just as the page would.
  const boxes = [...document.querySelectorAll("#presentation-screen *")].filter(box => {
    const overflow = getComputedStyle(box);
    const scrolls = value => value === "auto" || value === "scroll";
    return (scrolls(overflow.overflowX) && box.scrollWidth > box.clientWidth + 1)
      || (scrolls(overflow.overflowY) && box.scrollHeight > box.clientHeight + 1);
  }).map(box => box.className || box.tagName);
  return {
    texts: found,
    scrollingBoxes: boxes,
    scrollHeight: document.documentElement.scrollHeight,
    scrollWidth: document.documentElement.scrollWidth,
    innerHeight: window.innerHeight,
    innerWidth: window.innerWidth,
  };
}"""


def wait_for_screen(page: Any, step: int) -> tuple[int, str]:
    """Wait for screen ``step`` with its figures drawn; return the number of screens and its title."""
    page.wait_for_function(
        "n => (document.querySelector('#presentation-position')?.innerText || '')"
        ".startsWith('Scherm ' + n + ' van')",
        arg=step,
    )
    # Plotly draws after the screen arrives: wait until every graph on it has its SVG.
    page.wait_for_function(
        "() => [...document.querySelectorAll('#presentation-screen .js-plotly-plot')]"
        ".every(plot => plot.querySelector('svg.main-svg'))"
    )
    page.wait_for_timeout(300)
    match = re.match(r"Scherm \d+ van (\d+): (.*)", page.inner_text("#presentation-position"))
    assert match is not None
    return int(match.group(1)), match.group(2)


def measure(page: Any) -> dict[str, Any]:
    """Scroll sizes and the smallest text of the screen shown."""
    result: dict[str, Any] = page.evaluate(MEASURE)
    smallest = min(result["texts"], key=lambda t: t["size"])
    return {**result, "smallest": smallest}


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_screen_fits_and_reads_from_the_back_of_the_room(page, server, width, height):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(server + SHOW)
    total, _title = wait_for_screen(page, 1)
    problems: list[str] = []
    seen: list[str] = []  # per screen, for the failure message
    ranking_seen = False
    step = 1
    while True:
        total, title = wait_for_screen(page, step)
        found = measure(page)
        smallest = found["smallest"]
        screenshot(page, f"presentatie-{width}-{step}")
        if width == 1920:
            assert_accessible(page)
        seen.append(
            f"{step} {title}: {found['scrollWidth']}×{found['scrollHeight']}, "
            f"kleinste {smallest['size']:.1f} px {smallest['text']!r}, in een figuur "
            f"{min((t['size'] for t in found['texts'] if t['svg']), default=0):.1f} px"
        )
        if found["scrollHeight"] > found["innerHeight"] or found["scrollWidth"] > found["innerWidth"]:
            problems.append(
                f"scherm {step} ({title}) schuift: {found['scrollWidth']}×{found['scrollHeight']} "
                f"in {width}×{height}"
            )
        if found["scrollingBoxes"]:
            problems.append(f"scherm {step} ({title}) schuift binnen {found['scrollingBoxes']}")
        if smallest["size"] < SMALLEST_SHARE * height - 0.01:
            problems.append(
                f"scherm {step} ({title}): kleinste tekst {smallest['size']:.1f} px "
                f"({smallest['text']!r}), minder dan {SMALLEST_SHARE * height:.1f} px"
            )
        if title.startswith("Rangorde"):
            ranking_seen = True
            drawn = {t["text"] for t in found["texts"]}
            missing = [r.naam for r in region_refs() if not any(r.naam[:40] in text for text in drawn)]
            if missing:
                problems.append(f"rangorde zonder {len(missing)} regio's: {missing[:5]}")
        if step == total:
            break
        page.keyboard.press("ArrowRight")
        step += 1
    assert ranking_seen
    assert problems == [], "\n".join([*problems, "gemeten:", *seen])


def test_a_long_meetings_table_is_split_over_screens_that_each_fit(page, server):
    # A show without regions lists the meetings of all 35 regions.
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(server + "/presentatie?jaar=2026&peildatum=2026-09-30")
    total, _title = wait_for_screen(page, 1)
    page.goto(server + f"/presentatie?jaar=2026&peildatum=2026-09-30&stap={total}")
    total, title = wait_for_screen(page, total)
    parts = re.fullmatch(r"Bijeenkomsten (\d+)/(\d+)", title)
    assert parts is not None and parts.group(1) == parts.group(2) and int(parts.group(2)) > 1, title
    pages = int(parts.group(2))
    rows = 0
    for step in range(total - pages + 1, total + 1):
        page.goto(server + f"/presentatie?jaar=2026&peildatum=2026-09-30&stap={step}")
        wait_for_screen(page, step)
        screenshot(page, f"presentatie-bijeenkomsten-{step}")
        found = measure(page)
        assert found["scrollHeight"] <= 720 and found["scrollWidth"] <= 1280, (step, found["scrollHeight"])
        assert found["scrollingBoxes"] == [], (step, found["scrollingBoxes"])
        rows += page.locator("#presentation-screen [data-shown] tbody tr").count()
    # Every region once, over all the screens.
    assert rows == len(region_refs())
    assert_accessible(page)


def test_a_resized_window_gets_its_screens_drawn_anew(page, server):
    # Moved from a laptop to the beamer: the same show, drawn for the new size.
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(server + "/presentatie?jaar=2026&peildatum=2026-09-30&stap=3")
    total, _title = wait_for_screen(page, 3)
    large = page.evaluate(
        "document.querySelector('#presentation .js-plotly-plot').getBoundingClientRect().height"
    )
    page.set_viewport_size({"width": 1280, "height": 720})
    page.wait_for_function(
        "h => document.querySelector('#presentation .js-plotly-plot')?.getBoundingClientRect().height"
        " < h * 0.8",
        arg=large,
    )
    found = measure(page)
    assert found["scrollHeight"] <= 720 and found["smallest"]["size"] >= SMALLEST_SHARE * 720
    # A window so low that the text keeps its smallest size (12 px) fits fewer rows of a table on
    # a screen, so the meetings take more screens; the clicker counts them.
    page.set_viewport_size({"width": 1280, "height": 400})
    page.wait_for_function(
        "n => Number(document.querySelector('#presentation').dataset.total) > n", arg=total
    )
    more = int(page.evaluate("document.querySelector('#presentation').dataset.total"))
    page.keyboard.press("End")  # not a key of the show: nothing moves
    for _step in range(more):
        page.keyboard.press("ArrowRight")
    wait_for_screen(page, more)
    assert measure(page)["scrollHeight"] <= 400


def test_every_screen_shows_its_change_by_default(page, server):
    # No sinds=: region screens compare with the region's last stuurgroep, national screens with
    # the last national stuurgroep or, when none is recorded (the demo data), a year earlier.
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(server + "/presentatie?jaar=2026&peildatum=2026-09-30&regios=AM09,AM01")
    total, _title = wait_for_screen(page, 1)
    missing: list[str] = []
    for step in range(1, total + 1):
        if step > 1:
            page.keyboard.press("ArrowRight")
        total, title = wait_for_screen(page, step)
        said = page.inner_text("#presentation-screen [data-shown] .presentation-date")
        body = page.inner_text("#presentation-screen").replace(said, "")
        # The date line names the comparison; the screen shows a change (▲ +12, ▼3, ±0, +5 …).
        if "verschil" not in said or not re.search(r"[▲▼=±+−] ?\d", body):
            missing.append(f"{step} {title}: {said!r}")
        if title in ("Achterhoek", "Groningen"):
            assert "sinds de stuurgroep van" in said, said
        else:
            assert "met een jaar eerder (30 september 2025)" in said, said
    assert missing == [], "\n".join(missing)
