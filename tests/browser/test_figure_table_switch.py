"""*Toon als tabel* follows its figure: an open table shows each new figure's numbers at once.

The switch's callback hears only the switch; a new figure reaches an open table through the page
script (assets/figure_tables.js). With every table closed, a change of year runs none of the
tables' callbacks: they were the last 30 ms of every change of year.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

ROWS_JS = "r => [...r.cells].map(c => c.innerText.trim())"
ROWS = f"rows => rows.map({ROWS_JS})"
META = "document.querySelector('#national-map .js-plotly-plot').layout.meta.table.rows"
SHOWN = f"JSON.stringify([...document.querySelectorAll('#national-map-tabel tbody tr')].map({ROWS_JS}))"
HEADING = "(start) => document.querySelector('#national-heading').innerText.startsWith(start)"
COUNT_CALLS = """() => {
  const hzw = window.dash_clientside.hzw;
  const table = hzw.figureTable;
  window.__tableCalls = 0;
  hzw.figureTable = function () { window.__tableCalls += 1; return table.apply(this, arguments); };
}"""


def test_an_open_table_follows_a_new_figure_and_closed_tables_run_nothing(page, server):
    page.goto(server + "/?jaar=2026")
    page.wait_for_selector("#national-map .main-svg")
    page.evaluate(COUNT_CALLS)
    # Every table closed: a change of year draws the figures and runs no table callback.
    page.select_option("#national-year", "2025")
    page.wait_for_function(HEADING, arg="Voortgang 2025")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    assert page.evaluate("window.__tableCalls") == 0
    # Open the map's table: the switch's callback draws it from the figure.
    page.click("#national-map-tabel-knop")
    page.wait_for_selector("#national-map-tabel tbody tr")
    assert page.evaluate("window.__tableCalls") == 1
    assert page.get_attribute("#national-map-tabel-knop", "aria-expanded") == "true"
    before = page.eval_on_selector_all("#national-map-tabel tbody tr", ROWS)
    assert before == page.evaluate(META)
    # Another year while it is open: the table shows the new figure's rows, with no callback.
    page.select_option("#national-year", "2026")
    page.wait_for_function(HEADING, arg="Voortgang 2026")
    # The map drawn anew (its figure is what the table must follow), then the table.
    page.wait_for_function(f"(before) => JSON.stringify({META}) !== JSON.stringify(before)", arg=before)
    shown = f"JSON.stringify([...document.querySelectorAll('#national-map-tabel tbody tr')].map({ROWS_JS}))"
    page.wait_for_function(f"() => {shown} === JSON.stringify({META})")
    after = page.eval_on_selector_all("#national-map-tabel tbody tr", ROWS)
    assert after != before and after == page.evaluate(META)
    assert page.evaluate("window.__tableCalls") == 1
    assert page.get_attribute("#national-map-tabel-knop", "aria-expanded") == "true"


def test_an_open_map_table_follows_a_new_metric(page, server):
    """The metric changes the map by a Patch: the table follows the patched figure too."""
    page.goto(server + "/?jaar=2026")
    page.wait_for_selector("#national-map .main-svg")
    page.click("#national-map-tabel-knop")
    page.wait_for_selector("#national-map-tabel tbody tr")
    before = page.eval_on_selector_all("#national-map-tabel tbody tr", ROWS)
    page.select_option("#national-metric", "duurzaam")
    page.wait_for_function(f"(before) => JSON.stringify({META}) !== JSON.stringify(before)", arg=before)
    page.wait_for_function(f"() => {SHOWN} === JSON.stringify({META})")
    assert page.eval_on_selector_all("#national-map-tabel tbody tr", ROWS) != before
