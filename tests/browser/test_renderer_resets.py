"""A year switch mounts hundreds of new components without waking the page for each of them.

Dash's renderer has every newly mounted component dispatch a reset to its store, and each
dispatch wakes every component on the page. ``assets/renderer-resets.js`` lets a reset that
would drop nothing return at once. Here the switch is counted from outside: the resets asked for
(a wrapper put around the store's dispatch after load sees them all) against the times the store
woke its subscribers.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

COUNT = """() => {
  const store = window.dash_stores[0];
  window.__resets = 0;
  window.__wakes = 0;
  store.subscribe(() => { window.__wakes += 1; });
  const dispatch = store.dispatch;
  store.dispatch = function (action) {
    if (action && action.type === 'RESET_COMPONENT_STATE') { window.__resets += 1; }
    return dispatch.apply(this, arguments);
  };
}"""
CAPTION = "#matrix-grid caption"


def test_a_year_switch_mounts_the_new_table_without_a_wake_per_component(page, server):
    page.goto(server + "/")
    page.wait_for_selector(CAPTION)
    page.wait_for_load_state("networkidle")
    # A sort first: the clicked button leaves render state at its place, which the new table's
    # button there must still have dropped (that reset is passed on).
    page.locator("#matrix-grid thead button", has_text="trajecten").click()
    page.wait_for_selector("#matrix-grid th[aria-sort='ascending'] >> text=trajecten")
    page.wait_for_load_state("networkidle")
    page.evaluate(COUNT)

    year = str(int(page.input_value("#national-year")) - 1)
    page.select_option("#national-year", year)
    page.wait_for_function(f"document.querySelector('{CAPTION}').innerText.includes('{year} t/m')")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)

    resets, wakes = page.evaluate("[window.__resets, window.__wakes]")
    # The tiles and the 35 rows of the table are new components: hundreds of resets.
    assert resets > 500
    # Without the guard each reset woke the page (wakes > resets); the callbacks' own steps remain.
    assert wakes < resets / 2, (resets, wakes)
    # The new table works as before: the sort it was drawn in, then turned round by its button.
    assert page.locator("#matrix-grid th[aria-sort='ascending']").inner_text().startswith("trajecten")
    page.locator("#matrix-grid thead button", has_text="trajecten").click()
    page.wait_for_selector("#matrix-grid th[aria-sort='descending'] >> text=trajecten")
    assert page.locator("#matrix-grid tbody tr").count() == 35
