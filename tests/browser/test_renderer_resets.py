"""A map click mounts the region page's hundreds of components without a wake for each of them.

Dash's renderer has every newly mounted component dispatch a reset to its store, and each
dispatch wakes every component on the page. ``assets/renderer-resets.js`` lets a reset that
would drop nothing return at once. Here the change of page is counted from outside: the resets
asked for (a wrapper put around the store's dispatch after load sees them all) against the times
the store woke its subscribers.
"""

from __future__ import annotations

import pytest

from tests.browser.test_national_page import click_geo_region, wait_for_map

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


@pytest.mark.account("regio")
def test_a_map_click_mounts_the_region_page_without_a_wake_per_component(page, server):
    page.goto(server + "/")
    wait_for_map(page, "choropleth")
    page.wait_for_load_state("networkidle")
    page.evaluate(COUNT)

    click_geo_region(page, "AM09")
    page.wait_for_url("**/regio/AM09**")
    page.wait_for_selector("#region-heading")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)

    resets, wakes = page.evaluate("[window.__resets, window.__wakes]")
    # Graphs, controls, tables and signals of the region page are new components: over a hundred
    # resets (one is asked for each component and for each of its props that holds components).
    assert resets > 100
    # Without the guard each reset woke the page (wakes > resets); the callbacks' own steps remain.
    assert wakes < resets / 2, (resets, wakes)
    # The page works as before: its sections are there, and a control still answers.
    assert page.inner_text("#region-heading").startswith("Arbeidsmarktregio AM09")
    year = str(int(page.input_value("#region-year")) - 1)
    page.select_option("#region-year", year)
    page.wait_for_function("year => window.location.search.includes('jaar=' + year)", arg=year)
    heading = "year => document.querySelector('#region-heading').innerText.includes(year)"
    page.wait_for_function(heading, arg=year)
