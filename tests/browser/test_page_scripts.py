"""The page runs on the browser's own Promise and without Dash's polyfill; lazy parts still load.

Dash's renderer adds @babel/polyfill to every page; the monitor leaves it out (dashboard/app.py
POLYFILL). What Dash's scripts still need from it, the global ``regeneratorRuntime`` for dcc's
lazily loaded components, comes with dash-bootstrap-components. The page's scripts come as one
file (dashboard/infra/script_bundle.py), and dcc still finds its lazily loaded parts beside its
own address.
"""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

LOADED = "performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)"


def test_the_page_loads_no_polyfill_and_keeps_the_native_promise(page, server):
    page.goto(server + "/")
    page.wait_for_selector("#national-map .main-svg")
    loaded = page.evaluate(LOADED)
    assert not [path for path in loaded if "polyfill" in path]
    # One script file holds React, the renderer, the components, the assets and Plotly.
    scripts = [path for path in loaded if path.endswith(".js")]
    assert len(scripts) == 1 and re.fullmatch(
        r"/_dash-component-suites/monitor/dash-renderer-and-page-scripts\.[0-9a-f]{20}\.js", scripts[0]
    ), scripts
    # Nor DataTable's code, which no page uses (dashboard/app.py DASH_TABLE), while dcc's is there.
    assert page.evaluate("typeof window.dash_core_components.Graph") == "function"
    assert page.evaluate("typeof window.dash_table") == "undefined"
    assert page.evaluate("typeof window.Plotly.react") == "function"
    assert page.evaluate("document.currentScript") is None
    assert "[native code]" in page.evaluate("Promise.toString()")
    assert page.evaluate("typeof window.regeneratorRuntime.mark") == "function"


@pytest.mark.account("beheer")
def test_a_lazily_loaded_component_still_arrives(page, server):
    """dcc.Upload comes as its own chunk when the Data page mounts it (through regeneratorRuntime)."""
    page.goto(server + "/data")
    page.wait_for_selector("#upload input[type=file]", state="attached")
    # From beside dcc's own address, where dcc was told it runs from (not beside the bundle's).
    chunks = [path for path in page.evaluate(LOADED) if "async-upload" in path]
    assert chunks == ["/_dash-component-suites/dash/dcc/async-upload.js"]
    assert not [path for path in page.evaluate(LOADED) if "polyfill" in path]


def test_ag_grid_loads_when_the_first_grid_is_drawn(page, server):
    """AG Grid's bundle (1.3 MB) is not loaded with a page, only for the region's organisations."""
    from tests.browser.conftest import show_organisations

    bundle = "dash_ag_grid/dash_ag_grid"
    page.goto(server + "/")
    page.wait_for_selector("#national-map .main-svg")
    assert not [path for path in page.evaluate(LOADED) if bundle in path]
    page.goto(server + "/regio/AM09")
    page.wait_for_selector("#region-tiles .kpi-value")
    assert not [path for path in page.evaluate(LOADED) if bundle in path]
    show_organisations(page)
    assert len([path for path in page.evaluate(LOADED) if bundle in path]) == 1
    # The real grid, sortable: a click on a column header sorts it.
    page.click("#region-organisations .ag-header-cell[col-id='gestart'] .ag-header-cell-label")
    page.wait_for_selector("#region-organisations .ag-header-cell[col-id='gestart'][aria-sort='ascending']")
