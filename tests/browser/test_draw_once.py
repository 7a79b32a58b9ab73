"""The national page comes drawn with its first response, and each figure is drawn once.

A counter is put in before the page's own scripts run: when Plotly arrives, every graph it draws
gets its ``plotly_afterplot`` events counted (also the first one, which Plotly may send before
its drawing call returns). The requests to ``/_dash-update-component`` are recorded by their
outputs: the first layout holds the page and the frame's notices, so after a fresh load the page
asks the server for one thing only, the count of open signals in the navigation.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.browser.conftest import show_organisations

pytestmark = pytest.mark.browser

GRAPHS = ["national-map", "national-ranking", "national-trend", "national-methods", "national-methods-grid"]
# What a fresh load asks the server: nothing (page, frame notes and signal count came with the layout).
FRAME_AND_PAGE: list[str] = []


def when_plotly_arrives(wrap: str) -> str:
    """An init script that runs ``wrap`` on Plotly (``value``) as dcc.Graph sets it, before use."""
    return (
        """(function () {
  var plotly;
  Object.defineProperty(window, "Plotly", {
    configurable: true,
    get: function () { return plotly; },
    set: function (value) {
      plotly = value;
"""
        + wrap
        + """
    },
  });
})();"""
    )


COUNT_AFTERPLOTS = """
window.__afterplots = {};
window.__watchDraws = function (gd) {
  if (!gd || gd.__drawCounted) { return; }
  gd.__drawCounted = true;
  var emit;
  // Plotly sets gd.emit when it first draws gd: this setter wraps it before any event is sent.
  Object.defineProperty(gd, "emit", {
    configurable: true,
    get: function () { return emit; },
    set: function (real) {
      emit = function (name) {
        if (name === "plotly_afterplot") {
          var holder = gd.parentElement && gd.parentElement.closest("[id]");
          var id = holder ? holder.id : "?";
          window.__afterplots[id] = (window.__afterplots[id] || 0) + 1;
        }
        return real.apply(this, arguments);
      };
    },
  });
};
""" + when_plotly_arrives(
    """
      ["newPlot", "react"].forEach(function (name) {
        var draw = value[name];
        value[name] = function (gd) {
          window.__watchDraws(typeof gd === "string" ? document.getElementById(gd) : gd);
          return draw.apply(this, arguments);
        };
      });"""
)
ALL_DRAWN = """ids => ids.every(id => (window.__afterplots[id] || 0) >= 1)"""


def _outputs(requests: list[str]) -> list[str]:
    return sorted(json.loads(body)["output"] for body in requests)


def _load(page, server: str, path: str = "/", graphs: list[str] = GRAPHS) -> list[str]:
    """Open ``path`` with the counter in place; the callback requests made, by their post data."""
    requests: list[str] = []
    page.on(
        "request",
        lambda request: (
            requests.append(request.post_data) if "_dash-update-component" in request.url else None
        ),
    )
    page.add_init_script(COUNT_AFTERPLOTS)
    page.goto(server + path)
    page.wait_for_load_state("networkidle")
    # Figures far below the first screen are drawn as they come near it (assets/graph_draws.js).
    for graph in graphs:
        # "networkidle" can come while the page's script still runs (see conftest.show_figures).
        page.wait_for_selector(f"#{graph}", state="attached")
        page.evaluate("id => document.getElementById(id).scrollIntoView({block: 'center'})", graph)
        page.wait_for_function(ALL_DRAWN, arg=[graph], timeout=60_000)
    page.wait_for_load_state("networkidle")
    # Back at the top, as the page opened; then longer than Plotly's resize timer (100 ms) and a
    # resize observer's first report.
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_timeout(1500)
    return requests


def _scroll_through(page, graphs: list[str], draws: int) -> None:
    """Bring each graph near the screen, waiting until it has been drawn ``draws`` times."""
    for graph in graphs:
        page.wait_for_selector(f"#{graph}", state="attached")
        page.evaluate("id => document.getElementById(id).scrollIntoView({block: 'center'})", graph)
        page.wait_for_function(
            "([id, n]) => (window.__afterplots[id] || 0) >= n", arg=[graph, draws], timeout=60_000
        )


def _counts(page, graphs: list[str] = GRAPHS) -> dict[str, int]:
    return page.evaluate(
        "ids => Object.fromEntries(ids.map(id => [id, window.__afterplots[id] || 0]))", graphs
    )


def test_every_figure_is_drawn_once_and_no_callback_runs_on_load(page, server):
    requests = _load(page, server)
    assert _counts(page) == dict.fromkeys(GRAPHS, 1)
    assert _outputs(requests) == sorted(FRAME_AND_PAGE)
    # The address holds the whole view, written in the browser (no request for it).
    assert page.url.endswith("/?jaar=2026&peildatum=2026-09-30&maat=doel&kaart=geo")
    # The first response held the figures' sentences and the table too.
    assert page.inner_text("#national-map-summary") != ""
    assert page.locator("#matrix-table tbody tr").count() == 35
    assert page.inner_text("#matrix-count") == "35 van 35 regio's"
    assert re.fullmatch(r"\d+ open signalen", page.text_content("#signals-count") or "")
    # The layout was asked for once, by the page head's preload, and the renderer took that answer.
    fetched = page.evaluate(
        "performance.getEntriesByType('resource').filter(e => e.name.endsWith('/_dash-layout'))"
        ".map(e => e.initiatorType)"
    )
    assert fetched == ["link"]
    # Plotly and dcc.Graph's chunk came in the page's script file (dashboard/infra/script_bundle.py),
    # not fetched by the graph after it mounted.
    chunks = page.evaluate(
        "performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)"
        ".filter(p => p.includes('async-graph') || p.endsWith('plotly.min.js'))"
    )
    assert chunks == [] and page.evaluate("typeof window.Plotly.newPlot") == "function"


# Whether each graph could be seen as its first draw ended (not hidden by a wrapper around it).
SEEN_WHEN_DRAWN = when_plotly_arrives(
    """
      window.__seenWhenDrawn = {};
      var react = value.react;
      value.react = function (gd) {
        var element = typeof gd === "string" ? document.getElementById(gd) : gd;
        return react.apply(this, arguments).then(function (result) {
          var holder = element.parentElement.closest("[id]");
          if (holder && !(holder.id in window.__seenWhenDrawn)) {
            window.__seenWhenDrawn[holder.id] = getComputedStyle(element).visibility;
          }
          return result;
        });
      };"""
)


def test_the_map_is_shown_as_soon_as_it_is_drawn(page, server):
    """The map's loading wrapper (a spinner on a slow year switch) does not hide it on load."""
    page.add_init_script(SEEN_WHEN_DRAWN)
    page.goto(server + "/")
    page.wait_for_function("() => window.__seenWhenDrawn && 'national-map' in window.__seenWhenDrawn")
    assert page.evaluate("window.__seenWhenDrawn['national-map']") == "visible"


# What the page's scripts change on a page once it is there: the attributes they set, and what
# they tell Dash (dash_clientside.set_props, a round of the renderer's work each).
SCRIPT_CHANGES = """
window.__scriptChanges = [];
const watched = ['class', 'aria-current', 'style', 'data-cue', 'data-overflows', 'data-at-end',
                 'data-started'];
new MutationObserver((records) => {
  for (const r of records) {
    // Plotly drawing (and measuring text), and dcc.Graph's busy mark.
    if (r.target instanceof SVGElement || r.target.closest('.dash-graph, #js-plotly-tester')) { continue; }
    const owner = r.target.closest('[id]');
    window.__scriptChanges.push([r.attributeName, owner ? owner.id : r.target.tagName]);
  }
}).observe(document, {subtree: true, attributes: true, attributeFilter: watched});
let clientside;
Object.defineProperty(window, 'dash_clientside', {
  configurable: true,
  get: () => clientside,
  set: (value) => {
    clientside = value;
    // Recorded, not passed on; the renderer's own set_props is ignored when it arrives.
    Object.defineProperty(value, 'set_props', {
      configurable: true,
      get: () => (id, props) => { window.__scriptChanges.push(['set_props', id, Object.keys(props)]); },
      set: () => {},
    });
  },
});
"""


@pytest.mark.parametrize("path", ["/", "/?jaar=2026&peildatum=2026-09-30&maat=doel&kaart=geo"])
def test_a_fresh_national_page_is_not_changed_by_its_scripts(page, server, path):
    """Also when the typed address lacks the view: the page writes it, and nothing else follows.

    Before, the navigation marked its current link, the map's loading wrapper showed the map, the
    page told its dcc.Location the new address and the scroll cue marked the table: each a change
    after the page had appeared, most a round of the renderer's work, all after the figures were
    drawn.
    """
    page.add_init_script(SCRIPT_CHANGES)
    page.add_init_script(COUNT_AFTERPLOTS)
    page.goto(server + path)
    page.wait_for_function(ALL_DRAWN, arg=["national-map", "national-ranking"], timeout=60_000)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1000)
    changed = [c for c in page.evaluate("window.__scriptChanges") if c[1] != "react-entry-point"]
    assert changed == []
    assert page.url.endswith("/?jaar=2026&peildatum=2026-09-30&maat=doel&kaart=geo")
    assert (
        page.get_attribute("#matrix-sort .table-responsive", "data-cue")
        == "Schuif opzij voor de rest van de tabel"
    )


def test_a_control_change_redraws_only_the_figures_that_show_it(page, server):
    _load(page, server)
    before = len(page.evaluate("performance.getEntriesByType('resource')"))
    page.select_option("#national-metric", "duurzaam")
    page.wait_for_function("() => (window.__afterplots['national-ranking'] || 0) >= 2", timeout=60_000)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1500)
    # The map takes the new values (a patch), the ranking is redrawn; trend and methods stay.
    assert _counts(page) == {**dict.fromkeys(GRAPHS, 1), "national-map": 2, "national-ranking": 2}
    assert "maat=duurzaam" in page.url
    assert len(page.evaluate("performance.getEntriesByType('resource')")) > before


def test_a_change_of_year_is_one_request_and_draws_the_figures_in_view_first(page, server):
    requests = _load(page, server)
    page.select_option("#national-year", "2025")
    page.wait_for_function("() => (window.__afterplots['national-map'] || 0) >= 2", timeout=60_000)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1000)
    # Tiles, figures, sentences, the matrix and the address come in one answer, and the matrix
    # arriving asks nothing more (its sort buttons stay the same component).
    assert len(requests) == 1, _outputs(requests)
    assert "Voortgang 2025" in page.inner_text("#national-heading")
    assert "jaar=2025" in page.url
    # The matrix, two screens down, keeps the table it showed, marked busy, until it comes near.
    assert "2026" in page.inner_text("#matrix-grid caption")
    assert page.get_attribute("#matrix-sort", "aria-busy") == "true"
    page.evaluate("document.getElementById('matrix-count').scrollIntoView({block: 'center'})")
    page.wait_for_function("document.querySelector('#matrix-grid caption').innerText.includes('2025')")
    assert page.get_attribute("#matrix-sort", "aria-busy") is None
    assert page.locator("#matrix-grid tbody tr").count() == 35
    assert len(requests) == 1, _outputs(requests)
    # The figures far below the screen wait to be reached; then each is drawn once more.
    assert _counts(page)["national-methods-grid"] == 1
    _scroll_through(page, GRAPHS, 2)
    page.wait_for_timeout(1000)
    assert _counts(page) == dict.fromkeys(GRAPHS, 2)
    # The sort buttons still work on the new table.
    page.locator("#matrix-grid thead button", has_text="trajecten").click()
    page.wait_for_selector("#matrix-grid th[aria-sort='ascending'] >> text=trajecten")
    assert "2025" in page.inner_text("#matrix-grid caption")


def test_a_table_held_back_below_the_screen_is_drawn_before_printing(page, server):
    _load(page, server)
    page.select_option("#national-year", "2025")
    page.wait_for_function("() => (window.__afterplots['national-map'] || 0) >= 2", timeout=60_000)
    page.wait_for_load_state("networkidle")
    assert page.get_attribute("#matrix-sort", "aria-busy") == "true"
    assert "2026" in page.inner_text("#matrix-grid caption")
    # The print dialog lays the page out right after "beforeprint": the table is there by then.
    caption = page.evaluate(
        """() => { window.dispatchEvent(new Event('beforeprint'));
                   return document.querySelector('#matrix-grid caption').innerText; }"""
    )
    assert "2025" in caption
    assert page.get_attribute("#matrix-sort", "aria-busy") is None


def test_plotly_refits_a_figure_only_when_its_box_changed(page, server):
    _load(page, server)
    fit = "() => window.Plotly.Plots.resize(document.querySelector('#national-trend .js-plotly-plot'))"
    page.evaluate(fit)
    page.wait_for_timeout(500)
    assert _counts(page)["national-trend"] == 1
    # A box of another width: the figure is fitted to it, as before the guard.
    page.evaluate("document.querySelector('#national-trend').style.width = '600px'")
    page.evaluate(fit)
    page.wait_for_function("() => window.__afterplots['national-trend'] === 2", timeout=10_000)
    width = page.evaluate("document.querySelector('#national-trend .main-svg').getAttribute('width')")
    assert float(width) == 600


def test_a_phone_redraws_the_figures_that_depend_on_its_width_once(page, server):
    page.set_viewport_size({"width": 390, "height": 844})
    answers: list[bytes] = []
    page.on("response", lambda r: answers.append(r.body()) if "_dash-update-component" in r.url else None)
    requests = _load(page, server)
    _scroll_through(page, GRAPHS, 1)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1500)
    # A figure drawn for a wide screen with the page is redrawn for the phone once; one that
    # waited below the screen is drawn once, for the phone. The map does not depend on the width.
    counts = _counts(page)
    assert counts["national-map"] == 1 and all(1 <= n <= 2 for n in counts.values()), counts
    # Every figure shows the phone's answer (these differ from a wide screen's in height or margins).
    shown = page.evaluate(
        "ids => ids.map(id => { const l = document.querySelector('#' + id + ' .js-plotly-plot').layout;"
        " return [l.height ?? null, l.margin ?? null]; })",
        GRAPHS[1:],
    )
    sent = [json.loads(a)["response"] for a in answers]
    expected = [
        [layout.get("height"), layout.get("margin")]
        for layout in (next(r[g]["figure"]["layout"] for r in sent if g in r) for g in GRAPHS[1:])
    ]
    assert shown == expected
    # One request, whose answer holds the figures that depend on the width (and their texts).
    (asked,) = [json.loads(body) for body in requests]
    assert asked["changedPropIds"] == ["narrow-screen.data"]
    answered = {output for answer in answers for output in json.loads(answer)["response"]}
    assert answered == {
        "national-ranking",
        "national-trend",
        "national-methods",
        "national-methods-grid",
        "national-ranking-summary",
        "national-export",
        "national-trend-summary",
        "national-trend-export",
        "national-methods-summary",
        "national-methods-grid-note",
        "national-methods-grid-summary",
        "national-methods-export",
    }


REGION_GRAPHS = [
    "region-funnel",
    "region-funnel-national",
    "region-monthly",
    "region-mix",
    "region-cadence",
    "region-funnel-plot",
]
# What the organisations grid asks once it comes near the viewport: it is below the first screen,
# and mounted only then (with its rows).
GRID = (
    "..region-organisations-slot.children...region-organisations-export.children..."
    "region-organisation-select.options.."
)


@pytest.mark.account("regio")
def test_the_region_page_asks_nothing_on_load_and_fills_its_grid_when_scrolled_to(page, server):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.post_data) if "_dash-update-component" in r.url else None)
    page.goto(server + "/regio/AM09")
    page.wait_for_selector("#region-heading")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1500)
    # Narrative, kept packs and signals came with the page; the page callbacks wait for a change.
    assert _outputs(requests) == FRAME_AND_PAGE
    # The address already shows the view (its defaults left out): nothing is written to it.
    assert page.url.endswith("/regio/AM09")
    # The first response held the sentences and tables too.
    assert "Achterhoek" in page.inner_text("#region-funnel-text")
    assert page.inner_text("#region-heading").startswith("Arbeidsmarktregio AM09")
    # The narrative's version count and the signals block were in it as well.
    assert "versie" in page.text_content("#narrative-history")
    assert page.locator("#region-signals *").count() > 0
    # The grid is mounted, filled, when it is scrolled to, with one request: not with the page.
    assert page.locator("#region-organisations").count() == 0
    show_organisations(page)
    assert _outputs(requests) == sorted([*FRAME_AND_PAGE, GRID])
    assert page.locator("#region-organisation-select option").count() > 1


@pytest.mark.account("regio")
def test_the_region_page_draws_each_figure_once(page, server):
    _load(page, server, "/regio/AM09", REGION_GRAPHS)
    assert _counts(page, REGION_GRAPHS) == dict.fromkeys(REGION_GRAPHS, 1)


# dcc.Graph's stand-in while its lazy code is not at hand: the graph's box, empty.
STAND_INS = """
window.__standIns = [];
new MutationObserver((records) => {
  for (const r of records) {
    for (const node of r.addedNodes) {
      if (node.nodeType !== 1) { continue; }
      const graphs = [...node.querySelectorAll('.dash-graph')];
      if (node.matches('.dash-graph')) { graphs.push(node); }
      // Seen as the commit ends: a graph mounted with its code has its plot box already.
      graphs.filter(g => g.childElementCount === 0).forEach(g => window.__standIns.push(g.id));
    }
  }
}).observe(document, {subtree: true, childList: true});
"""


@pytest.mark.account("regio")
def test_the_region_page_mounts_each_graph_with_its_code_at_hand(page, server):
    """No graph is first committed as the empty box dcc.Graph shows while its lazy code loads.

    That stand-in cost a second render, commit and layout of the page before the first gauge was
    drawn (assets/graph-code.js asks for the code before the renderer starts).
    """
    page.add_init_script(STAND_INS)
    page.add_init_script(COUNT_AFTERPLOTS)
    page.goto(server + "/regio/AM09")
    page.wait_for_function(ALL_DRAWN, arg=["gauge-trajecten"], timeout=60_000)
    assert page.evaluate("window.__standIns") == []
    # Each gauge was drawn (the observer saw the graphs: they are in the page).
    assert page.locator("#region-tiles .dash-graph .js-plotly-plot").count() == 4


ORG_GRAPHS = ["org-funnel", "org-monthly", "org-mix"]


@pytest.mark.account("regio")
def test_the_organisation_page_comes_drawn_and_draws_each_figure_once(page, server):
    page.goto(server + "/regio/AM09")
    show_organisations(page)
    chosen = page.eval_on_selector_all("#region-organisation-select option", "o => o.map(x => x.value)")[-1]
    fresh = page.context.new_page()
    path = f"/regio/AM09/organisatie/{chosen}"
    requests = _load(fresh, server, path, ORG_GRAPHS)
    assert _counts(fresh, ORG_GRAPHS) == dict.fromkeys(ORG_GRAPHS, 1)
    # Tiles, figures and deliveries came with the page: only the navigation's count is asked.
    assert _outputs(requests) == FRAME_AND_PAGE
    assert fresh.locator("#org-tiles .card").count() >= 3
    assert fresh.inner_text("#org-heading").startswith("Startcohort")
    assert fresh.locator("#org-deliveries table").count() >= 1
    # The address already shows the view (its defaults left out): nothing is written to it.
    assert fresh.url.endswith(path)
    # A control change redraws the figures through their callbacks and writes the address.
    year = str(int(fresh.input_value("#org-year")) - 1)
    fresh.select_option("#org-year", year)
    fresh.wait_for_function("() => (window.__afterplots['org-funnel'] || 0) >= 2", timeout=60_000)
    fresh.wait_for_function("year => window.location.search.includes('jaar=' + year)", arg=year)
    assert year in fresh.inner_text("#org-heading")


def test_figures_far_below_the_first_screen_are_drawn_when_scrolled_to(page, server):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.add_init_script(COUNT_AFTERPLOTS)
    page.goto(server + "/")
    page.wait_for_function(ALL_DRAWN, arg=["national-map", "national-ranking"], timeout=60_000)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1500)
    # The small multiples per region lie screens below: not drawn, and no request waits for them.
    assert _counts(page)["national-methods-grid"] == 0
    assert page.locator("#national-methods-grid .main-svg").count() == 0
    page.locator("#national-methods-grid").scroll_into_view_if_needed()
    page.wait_for_function(ALL_DRAWN, arg=["national-methods-grid"], timeout=60_000)
    page.wait_for_timeout(500)
    assert _counts(page)["national-methods-grid"] == 1
    # Printing draws what still waited.
    page.evaluate("window.scrollTo(0, 0)")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.wait_for_function(ALL_DRAWN, arg=GRAPHS, timeout=60_000)
    assert _counts(page) == dict.fromkeys(GRAPHS, 1)


BUSY_MARKS = """
window.__busy = [];
new MutationObserver((records) => {
  for (const r of records) {
    const graph = r.target.closest && r.target.closest('.dash-graph');
    if (!graph) { continue; }
    const was = (r.oldValue || '').includes('dash-graph--pending');
    const is = r.target.classList.contains('dash-graph--pending');
    window.__busy.push({graph: graph.id, at: performance.now(), was, is, drawn: !!r.target._fullLayout});
  }
}).observe(document, {subtree: true, attributes: true, attributeFilter: ['class'], attributeOldValue: true});
"""


def test_a_graph_not_drawn_yet_is_not_fitted(page, server):
    """Plotly answers a resize after its 100 ms timer; a graph waiting below the screen needs none.

    dcc.Graph also marks each graph busy and asks Plotly to fit it 50 ms after its first resize
    report, which comes for every graph once it is laid out: that was the page's last change. A
    graph waiting below the screen stays marked as waiting, and a drawn one is not marked again.
    """
    page.add_init_script(BUSY_MARKS)
    page.goto(server + "/")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)  # well past dcc.Graph's 50 ms
    waited = page.evaluate(
        """async () => {
          const gd = document.getElementById('national-methods-grid');
          if (gd._fullLayout) { return 'drawn already'; }
          const timer = new Promise(done => setTimeout(() => done('timer'), 60));
          return Promise.race([Plotly.Plots.resize(gd).then(() => 'resolved'), timer]);
        }"""
    )
    assert waited == "resolved"
    marks = page.evaluate("window.__busy")
    below = ["national-trend", "national-methods", "national-methods-grid"]
    # Marked busy as it mounted, and never unmarked: nothing was fitted.
    assert {m["graph"] for m in marks if m["was"] and not m["is"]} & set(below) == set()
    for graph in below:
        assert page.locator(f"#{graph} .dash-graph--pending").count() == 1
    # The drawn graphs: the last change to their mark comes with their draw, not a fit after it.
    for graph in ["national-map", "national-ranking"]:
        times = [m["at"] for m in marks if m["graph"] == graph]
        drawn = [m["at"] for m in marks if m["graph"] == graph and m["drawn"] and not m["is"]]
        assert drawn and max(times) - min(drawn) < 40, (graph, times, drawn)


# Every draw the test asks for waits 1.5 s before Plotly starts it, so a page can be left mid-draw.
SLOW_DRAWS = when_plotly_arrives(
    """
      var react = value.react;
      value.react = function () {
        var self = this, args = arguments;
        if (!window.__slowDraws) { return react.apply(self, args); }
        window.__slowStarted = (window.__slowStarted || 0) + 1;
        return new Promise(function (done) { setTimeout(done, 1500); }).then(function () {
          return react.apply(self, args);
        });
      };"""
)


def test_a_page_left_while_its_figures_are_drawn_throws_nothing(page, server):
    """A figure that arrives while the graph is drawn waits behind that draw in dcc.Graph; when the
    page is left before the draw ends, the graph is gone and the waiting figure must not be drawn
    (dcc.Graph would read its removed element and throw; the page fixture fails on that)."""
    page.add_init_script(SLOW_DRAWS)
    page.goto(server + "/?jaar=2026")
    page.wait_for_selector("#national-map .main-svg")
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__slowDraws = true")
    with page.expect_response(lambda r: "_dash-update-component" in r.url):
        page.select_option("#national-year", "2025")
    page.wait_for_function("() => (window.__slowStarted || 0) >= 1")
    # The second year's figures come while the first year's are still being drawn: queued.
    with page.expect_response(lambda r: "_dash-update-component" in r.url):
        page.select_option("#national-year", "2026")
    page.wait_for_timeout(100)
    page.click("#nav-collapse >> text=Bijeenkomsten")
    page.wait_for_url("**/bijeenkomsten**")
    page.wait_for_selector("#national-map", state="detached")
    # Past the slow draw: the first draw ends on a removed graph, and the queued one must not run.
    page.wait_for_timeout(2500)
    page.evaluate("window.__slowDraws = false")
    # The national page opened again is drawn anew.
    page.click("a.navbar-brand")
    page.wait_for_selector("#national-map .main-svg")
