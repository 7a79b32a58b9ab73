"""The region page's comparison in a browser: peers by name with their own values, a labelled
national column, and tables that stay inside their own box on a phone."""

from __future__ import annotations

import pytest

from tests.browser.conftest import SCREENSHOTS

pytestmark = pytest.mark.browser

PAGE_OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"


@pytest.mark.parametrize("width", [1440, 390])
def test_comparison_names_each_peer_and_says_what_landelijk_holds(page, server, width):
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(server + "/regio/AM09")
    box = page.locator("#region-comparison")
    box.locator("table").nth(1).wait_for()
    main, peers = box.locator("table").nth(0), box.locator("table").nth(1)
    national = main.locator("tbody tr").first.locator("td").nth(1).inner_text()
    figure, kind = national.split("\n")  # the figure on its own line, what it is beneath it
    assert figure[0].isdigit() and kind == "(gemiddelde per regio)"
    assert main.locator("tbody tr").nth(3).locator("td").nth(1).inner_text().endswith("(landelijk totaal)")
    names = peers.locator("tbody th").all_inner_texts()
    # The region itself, then its five comparable regions, each with a value in every column.
    assert names[0] == "Achterhoek" and len(names) == 6 and "Achterhoek" not in names[1:]
    cells = peers.locator("tbody tr").nth(1).locator("td").all_inner_texts()
    assert len(cells) == 7 and cells[0] != "" and all(c.strip() for c in cells)
    assert "jaardoel" in box.inner_text()
    assert page.evaluate(PAGE_OVERFLOW) <= 1
    SCREENSHOTS.mkdir(exist_ok=True)
    box.screenshot(path=str(SCREENSHOTS / f"vergelijking-{width}.png"))
