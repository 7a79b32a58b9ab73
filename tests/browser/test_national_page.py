import json

import pytest
import shapely
from shapely.geometry import shape

from geodata.boundaries import SHIPPED
from tests.browser.axe import assert_accessible, describe
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

PLOT = "document.querySelector('#national-map .js-plotly-plot')"
RANKING = "document.querySelector('#national-ranking .js-plotly-plot')"
HIGHLIGHT = "document.querySelector('#national-highlight')"


def inside_point(code: str) -> tuple[float, float]:
    """A lon/lat point certainly inside region ``code``."""
    features = json.loads(SHIPPED.read_text())["features"]
    feature = next(f for f in features if f["properties"]["statcode"] == code)
    point = shapely.make_valid(shape(feature["geometry"])).representative_point()
    return point.x, point.y


def wait_for_map(page, kind: str) -> None:
    page.wait_for_function(f"{PLOT} && {PLOT}.data && {PLOT}.data.length && {PLOT}.data[0].type === '{kind}'")
    page.wait_for_timeout(300)  # let Plotly finish drawing


def click_geo_region(page, code: str) -> None:
    lon, lat = inside_point(code)
    page.locator("#national-map").scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    x, y = page.evaluate(
        f"""() => {{ const gd = {PLOT}; const p = gd._fullLayout.geo._subplot.projection([{lon}, {lat}]);
            const r = gd.querySelector('.main-svg').getBoundingClientRect();
            return [r.left + p[0], r.top + p[1]]; }}"""
    )
    page.mouse.click(x, y)


def click_tile(page, code: str) -> None:
    page.locator("#national-map").scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    x, y = page.evaluate(
        f"""() => {{ const gd = {PLOT}; const i = gd.data[0].customdata.findIndex(c => c[0] === '{code}');
            const fl = gd._fullLayout; const r = gd.getBoundingClientRect();
            const pt = gd.calcdata[0][i];  // decoded positions (data arrays may be binary)
            return [r.left + fl._size.l + fl.xaxis.l2p(pt.x),
                    r.top + fl._size.t + fl.yaxis.l2p(pt.y)]; }}"""
    )
    page.mouse.click(x, y)


def test_a_fresh_machine_draws_the_real_map_from_the_shipped_boundaries(page, server):
    # The server has no HZW_GEODATA_FILE and an empty data folder: only the package's own copy.
    page.goto(server + "/")
    wait_for_map(page, "choropleth")
    drawn = page.evaluate(f"() => {PLOT}.querySelectorAll('path.choroplethlocation').length")
    assert drawn == 35
    assert page.locator("#national-map-note .alert").count() == 0  # no "map not available" note
    assert "kaart=geo" in page.url


def test_click_on_the_geographic_map_opens_the_region(page, server):
    page.goto(server + "/?jaar=2026")
    wait_for_map(page, "choropleth")
    screenshot(page, "landelijk-kaart")
    asked: list[str] = []
    page.on(
        "request", lambda r: asked.append(r.post_data or "") if "_dash-update-component" in r.url else None
    )
    click_geo_region(page, "AM09")
    page.wait_for_function(
        "location.pathname === '/regio/AM09' && location.search === '?jaar=2026&peildatum=2026-09-30'"
    )
    # The click itself asks no server: the map carries the address, and the browser opens it at
    # once (only the page is fetched). No callback hears the click.
    assert asked and not [body for body in asked if "clickData" in body], asked
    # One request in all: the region page. The frame keeps its own clock (callbacks/shell.py).
    assert len(asked) == 1 and "_pages_content" in asked[0], asked
    page.wait_for_selector("#region-tiles .kpi-value")
    assert page.inner_text("h1") == "Achterhoek"
    assert_accessible(page)
    screenshot(page, "regio-achterhoek")
    page.go_back()
    wait_for_map(page, "choropleth")  # back returns to the national view


# Records, after the page has loaded, when the renderer asked for each callback (on its own
# clock), and whether the map told Dash of a click.
WATCH_REQUESTS = """() => {
  window.__asked = [];
  const fetched = window.fetch;
  window.fetch = function (resource, init) {
    if (String(resource).includes('_dash-update-component')) {
      window.__asked.push([performance.now(), JSON.parse(init.body).output]);
    }
    return fetched.apply(this, arguments);
  };
  window.__plotlyClicks = 0;
  const gd = document.querySelector('#national-map .js-plotly-plot');
  if (gd) gd.on('plotly_click', () => { window.__plotlyClicks += 1; });
}"""
SENT = """(since) => performance.getEntriesByType('resource')
  .filter((e) => e.name.includes('_dash-update-component') && e.startTime > since)
  .map((e) => e.startTime)"""


def test_a_page_is_asked_for_as_its_address_changes_not_after_the_renderers_round(page, server):
    """A map click opens the region under the pointer before Plotly and Dash hear of the click
    (assets/navigation.js), and the region page's request leaves as the address changes
    (assets/page_request.js): one request, sent before the renderer asked for it. Back to the
    national page goes the same way; a move within the page asks for nothing."""
    page.goto(server + "/?jaar=2026")
    wait_for_map(page, "choropleth")
    page.wait_for_load_state("networkidle")
    page.evaluate(WATCH_REQUESTS)
    since = page.evaluate("performance.now()")
    click_geo_region(page, "AM09")
    page.wait_for_selector("#region-tiles .kpi-value")
    assert page.inner_text("h1") == "Achterhoek"
    assert page.evaluate("window.__plotlyClicks") == 0
    asked, sent = page.evaluate("window.__asked"), page.evaluate(SENT, since)
    assert [output for _, output in asked] == [".._pages_content.children..._pages_store.data.."], asked
    assert len(sent) == 1 and sent[0] < asked[0][0], (sent, asked)

    page.evaluate("window.__asked = []")
    since = page.evaluate("performance.now()")
    page.go_back()
    wait_for_map(page, "choropleth")
    asked, sent = page.evaluate("window.__asked"), page.evaluate(SENT, since)
    assert len(asked) == 1 and len(sent) == 1 and sent[0] < asked[0][0], (sent, asked)

    since = page.evaluate("performance.now()")
    page.evaluate("location.hash = 'inhoud'")
    page.wait_for_timeout(500)
    assert page.evaluate(SENT, since) == []


# Installed before the page's scripts, so under assets/page_request.js: records each callback
# request that reaches the network, with the year Dash held for the year select as it left.
WATCH_NETWORK = """{
  window.__network = [];
  const native = window.fetch;
  window.fetch = function (resource, init) {
    if (String(resource).includes('_dash-update-component')) {
      const api = window.dash_component_api;
      const year = api && api.getLayout && api.getLayout('national-year');
      window.__network.push([performance.now(), JSON.parse(init.body), year && year.props.value]);
    }
    return native.apply(this, arguments);
  };
}"""
VIEW_PARTS = "..national-tiles.children..."


def _switch_year(page, server, year: str) -> tuple[list, list]:
    """Opens the national page for 2026 and chooses ``year``: (requests sent, renderer's asks).

    Also checks that the page then shows that year: in its heading, and with other tiles.
    """
    page.add_init_script(WATCH_NETWORK)
    page.goto(server + "/?jaar=2026")
    wait_for_map(page, "choropleth")
    page.wait_for_load_state("networkidle")
    page.evaluate(WATCH_REQUESTS)
    page.evaluate("window.__network = []")
    tiles = page.inner_text("#national-tiles")
    page.select_option("#national-year", year)
    page.wait_for_function(
        "(year) => document.querySelector('#national-heading').textContent.includes(year)", arg=year
    )
    page.wait_for_load_state("networkidle")
    assert page.inner_text("#national-tiles") != tiles
    assert f"jaar={year}" in page.url
    return page.evaluate("window.__network"), page.evaluate("window.__asked")


def test_a_change_of_year_is_asked_for_as_the_select_changes(page, server):
    """The national view's request leaves as the year is chosen, before Dash has heard of it
    (assets/page_request.js, dashboard/infra/early_requests.py); the renderer, asking for the
    same a moment later, gets that answer: one request, and the page shows the year chosen."""
    sent, asked = _switch_year(page, server, "2025")
    assert [body["output"].startswith(VIEW_PARTS) for _, body, _ in sent] == [True], sent
    at, body, held = sent[0]
    # Dash still held the year before: the request left ahead of the renderer's round.
    assert held == "2026", sent
    assert body["changedPropIds"] == ["national-year.value"]
    assert {"id": "national-year", "property": "value", "value": "2025"} in body["inputs"]
    assert body["lang"] == "nl"
    assert [output for _, output in asked] == [body["output"]], asked
    assert at < asked[0][0], (at, asked)


def test_an_early_answer_the_renderer_asks_otherwise_for_is_not_used(page, server):
    """Should the renderer ask with other values than were sent early (here the early request is
    made to read another matrix filter), its own request goes out and its answer is drawn."""
    page.add_init_script(
        """{
          const watch = setInterval(() => {
            const api = window.dash_component_api;
            if (!api || !api.getLayout || api.hzwPatched) return;
            const getLayout = api.getLayout;
            api.getLayout = function (id) {
              const found = getLayout.apply(this, arguments);
              // Only the early request reads through this copy: Dash reads its own store.
              if (id !== 'matrix-behind' || !found) return found;
              return {...found, props: {...found.props, value: '9'}};
            };
            api.hzwPatched = true;
            clearInterval(watch);
          }, 5);
        }"""
    )
    sent, asked = _switch_year(page, server, "2025")
    views = [body for _, body, _ in sent if body["output"].startswith(VIEW_PARTS)]
    assert len(views) == 2, sent
    behind = [[s["value"] for s in body["state"] if s["id"] == "matrix-behind"] for body in views]
    assert behind == [["9"], ["0"]], behind
    assert len(asked) == 1, asked


def test_a_map_click_opens_the_region_page_at_its_top_in_one_step(page, server):
    """The map lies below the first screen. The page being left stays where it is until the region
    page is in place, which then shows from its top at once: no glide through it."""
    page.goto(server + "/?jaar=2026")
    wait_for_map(page, "choropleth")
    page.evaluate(
        """() => {
          window.__scrolls = [];
          addEventListener('scroll', () => window.__scrolls.push(
            [Math.round(scrollY), !!document.querySelector('#region-tiles')]));
        }"""
    )
    click_geo_region(page, "AM09")  # brings the map into view first
    page.wait_for_selector("#region-tiles .kpi-value")
    page.wait_for_timeout(700)
    scrolls = page.evaluate("window.__scrolls")
    leaving = [scrolled for scrolled, arrived in scrolls if not arrived]
    arriving = [scrolled for scrolled, arrived in scrolls if arrived]
    assert leaving and leaving[-1] > 0, scrolls
    assert arriving == [0] and page.evaluate("scrollY") == 0, scrolls


def test_the_graphs_of_a_page_left_are_purged_once_the_next_page_is_drawn(page, server):
    """A map click unmounts the national graphs; their purge waits until the browser is idle
    (assets/graph_draws.js), out of the way of the region page's first draw, and still happens."""
    page.goto(server + "/?jaar=2026")
    wait_for_map(page, "choropleth")
    page.wait_for_load_state("networkidle")
    page.evaluate(
        """() => {
          window.__left = [...document.querySelectorAll('.js-plotly-plot')];
          const react = Plotly.react;
          Plotly.react = function () {
            if (window.__atFirstDraw === undefined) {
              window.__atFirstDraw = window.__left.map((gd) => [gd.isConnected, !!gd._fullLayout]);
            }
            return react.apply(this, arguments);
          };
        }"""
    )
    click_geo_region(page, "AM09")
    page.wait_for_selector("#region-tiles .kpi-value")
    # As the region page's first figure goes to Plotly, the national graphs are out of the page
    # with their drawing still in them: the purge has not cost the click anything yet.
    left = page.evaluate("window.__atFirstDraw")
    assert len(left) >= 2 and all(state == [False, True] for state in left), left
    # Once the browser is idle, each is purged: Plotly's state and its drawing are let go.
    page.wait_for_function(
        "() => window.__left.every((gd) => !gd._fullLayout && !gd.children.length)", timeout=10_000
    )


def test_click_on_the_tile_map_opens_the_region(page, server):
    page.goto(server + "/?kaart=tegel&jaar=2025")
    wait_for_map(page, "scatter")
    screenshot(page, "landelijk-tegelkaart")
    click_tile(page, "AM12")  # Gooi en Vechtstreek: a small region that stays clickable here
    # The drill-down keeps the view's year and peildatum.
    page.wait_for_function(
        "location.pathname === '/regio/AM12' && location.search === '?jaar=2025&peildatum=2026-09-30'"
    )
    page.wait_for_selector("#region-tiles .kpi-value")
    assert page.inner_text("h1") == "Gooi en Vechtstreek"


def test_tiles_print_abbreviation_and_value(page, server):
    page.goto(server + "/?kaart=tegel&maat=gestart")
    wait_for_map(page, "scatter")
    labels = page.evaluate(f"() => [...{PLOT}.querySelectorAll('.textpoint text')].map(t => t.textContent)")
    values = page.evaluate(f"() => Object.fromEntries({PLOT}.data[0].customdata.map(c => [c[0], c[5]]))")
    assert len(labels) == 35
    # Achterhoek's tile reads "ACH" and its number of starts, e.g. "ACH69".
    assert f"ACH{values['AM09']}" in labels and values["AM09"].isdigit()


def test_figures_have_summaries_that_agree_with_them(page, server):
    page.goto(server + "/?kaart=tegel")
    wait_for_map(page, "scatter")
    page.wait_for_function("document.querySelector('#national-trend-summary').innerText.length > 0")
    names = page.evaluate(f"() => {RANKING}.data[0].y.map(l => l.replace('▶ ', ''))")
    # % of target has one goal for every region, so the one furthest behind is the ranking's last.
    assert page.inner_text("#national-map-summary").startswith(f"{names[-1]} staat het verst achter: ")
    assert f"hoogst {names[0]} (" in page.inner_text("#national-ranking-summary")
    started = page.inner_text("#tile-trajecten .kpi-value")
    assert f"t/m 30 september 2026 {started} trajecten gestart" in page.inner_text("#national-trend-summary")
    # Each summary is its figure's caption, so assistive technology ties the two together.
    captions = page.evaluate("() => [...document.querySelectorAll('figure > figcaption')].map(c => c.id)")
    assert captions == [
        "national-map-summary",
        "national-ranking-summary",
        "national-trend-summary",
        "national-methods-summary",
        "national-methods-grid-summary",
    ]


def test_region_choice_shows_none_instead_of_an_empty_option(page, server):
    page.goto(server + "/")
    page.wait_for_selector("#national-highlight option[value='AM01']", state="attached")
    shown = page.evaluate(f"() => {HIGHLIGHT}.options[{HIGHLIGHT}.selectedIndex].text")
    visible = page.evaluate(f"() => [...{HIGHLIGHT}.options].filter(o => !o.hidden).map(o => o.value)")
    assert shown == "geen" and len(visible) == 36 and "" not in visible


def test_earlier_peildatum_moves_the_year_choice_and_the_url(page, server):
    page.goto(server + "/?jaar=2026")
    page.wait_for_selector("#tile-trajecten .kpi-value")
    page.fill("#national-peildatum", "2025-05-01")
    page.press("#national-peildatum", "Enter")
    page.wait_for_function("location.search.includes('peildatum=2025-05-01')")
    page.wait_for_function("document.querySelector('#national-heading').innerText.includes('1 mei 2025')")
    assert page.inner_text("#national-heading") == "Voortgang 2025 · cijfers t/m 1 mei 2025 · voorlopig"
    assert page.input_value("#national-year") == "2025"
    years = page.evaluate(
        "() => [...document.querySelector('#national-year').options].filter(o => !o.hidden).map(o => o.value)"
    )
    assert years == ["2025", "2024", "2023", "2022", "2021"]
    assert "?jaar=2025&peildatum=2025-05-01&" in page.url


def test_keyboard_route_from_the_national_page_to_a_region(page, server):
    page.goto(server + "/?kaart=tegel")
    wait_for_map(page, "scatter")
    page.focus("#national-highlight")
    page.select_option("#national-highlight", "AM21")  # what arrow keys on a native select do
    page.wait_for_selector("#national-region-link a")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Open regiopagina Haaglanden"
    page.keyboard.press("Enter")
    page.wait_for_selector("#region-tiles .kpi-value")
    assert page.inner_text("h1") == "Haaglanden"


@pytest.mark.parametrize("form", ["geo", "tegel"])
def test_national_page_with_map_passes_axe(page, server, form):
    page.goto(server + f"/?kaart={form}")
    wait_for_map(page, "choropleth" if form == "geo" else "scatter")
    # This page is held to more than the project's threshold: no moderate findings either.
    others = assert_accessible(page)
    assert others == [], describe(others)


def test_metric_switch_updates_values_without_resending_geometry(page, server):
    page.goto(server + "/")
    wait_for_map(page, "choropleth")
    before = page.evaluate(f"() => {PLOT}.data[0].customdata.map(c => c[2]).join('|')")
    responses = []
    page.on(
        "response",
        lambda r: responses.append(r.body()) if "_dash-update-component" in r.url else None,
    )
    page.select_option("#national-metric", "gestart")
    page.wait_for_function(f"{PLOT}.data[0].hovertemplate.includes('Trajecten gestart')")
    page.wait_for_timeout(300)
    after = page.evaluate(f"() => {PLOT}.data[0].customdata.map(c => c[2]).join('|')")
    assert after != before and "%" not in after.split("|")[0]
    # The answer holds every output the metric changes; the map's part is its new values only.
    map_updates = [
        json.dumps(json.loads(body)["response"]["national-map"])
        for body in responses
        if b'"national-map"' in body
    ]
    assert map_updates, "geen update van de kaart gezien"
    assert all("coordinates" not in part for part in map_updates)
    assert max(len(part) for part in map_updates) < 20_000
    page.wait_for_function("location.search.includes('maat=gestart')")
    # The ranking followed the metric: its best region is the map's highest count, with that count.
    page.wait_for_function(f"{RANKING}.layout.xaxis.title.text === 'Trajecten gestart'")
    counts = page.evaluate(f"() => {PLOT}.data[0].customdata.map(c => [c[1], c[2]])")
    known = [c for c in counts if c[1].replace(".", "").isdigit()]
    best_name, best_count = max(known, key=lambda c: int(c[1].replace(".", "")))
    first = page.evaluate(
        f"() => {{ const d = {RANKING}.data[0]; return [d.y[0].replace('▶ ', ''), d.text[0]]; }}"
    )
    assert first == [best_name, best_count]
    assert page.inner_text("#national-ranking-summary").startswith(
        f"Rangorde op trajecten gestart: hoogst {best_name} ({best_count})"
    )
