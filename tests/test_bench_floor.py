"""The floor benchmark's pure parts: the static page built from figure JSON, and the results table."""

import json
import re

import pytest

from bench.floor_page import (
    FIGURES_ID,
    Comparison,
    Snapshot,
    build_page,
    outside_references,
    replace_section,
    table,
)

pytestmark = pytest.mark.zuiver

BASE = "http://127.0.0.1:8050/regio/AM09?jaar=2026"


def snapshot(**changes: object) -> Snapshot:
    found = {
        "url": BASE,
        "stylesheets": [
            "http://127.0.0.1:8050/vendor/bootstrap/css/bootstrap.min.css",
            "http://127.0.0.1:8050/assets/style.css?m=1",
        ],
        "styles": [".ag-root { color: red }"],
        "body": '<div id="region-funnel"><div data-hzw-vloer="0" style="height:100%"></div></div>'
        '<script src="http://127.0.0.1:8050/_dash-component-suites/dash/dash-renderer/dash_renderer.js"></script>',
        "graphs": [
            {"index": 0, "key": "region-funnel", "data": [{"type": "bar", "name": "</script>"}], "layout": {}}
        ],
        "plotly": "http://127.0.0.1:8050/_dash-component-suites/plotly/package_data/plotly.min.js",
        "lang": "nl",
        "title": "Achterhoek",
    }
    found.update(changes)
    return Snapshot.from_browser(found)


def test_the_floor_page_loads_only_from_the_apps_own_host_and_carries_the_figures():
    page = build_page(snapshot())
    assert outside_references(page, BASE) == []
    assert '<script src="/_dash-component-suites/plotly/package_data/plotly.min.js">' in page
    assert '<link rel="stylesheet" href="/assets/style.css?m=1">' in page
    # The app's own scripts are gone: the floor draws with Plotly only.
    assert "dash_renderer" not in page
    figures = re.search(rf'<script type="application/json" id="{FIGURES_ID}">(.*?)</script>', page, re.S)
    assert figures is not None
    assert json.loads(figures.group(1))[0]["data"][0]["name"] == "</script>"


def test_a_stylesheet_from_another_host_is_left_out_and_plotly_from_elsewhere_is_refused():
    page = build_page(snapshot(stylesheets=["https://cdn.example.org/x.css", f"{BASE}/../y.css"]))
    assert "cdn.example.org" not in page
    with pytest.raises(ValueError, match="eigen host"):
        build_page(snapshot(plotly="https://cdn.plot.ly/plotly-2.35.2.min.js"))


def test_outside_references_names_what_would_be_fetched_elsewhere():
    page = (
        '<img src="//evil.example/x.png"><a href="https://elders.nl">link</a><script src="/own.js"></script>'
    )
    assert outside_references(page, BASE) == ["//evil.example/x.png"]


def test_medians_ratio_and_targets():
    page = Comparison("Regiopagina", app=[300, 100, 200, 900, 250], floor=[100, 120, 80, 100, 90])
    step = Comparison("Volgend scherm", app=[120, 80, 90], floor=[20, 30, 25], limit_ms=100)
    assert (page.app_ms, page.floor_ms, page.ratio) == (250, 100, 2.5)
    assert page.met is False
    assert step.app_ms == 90 and step.met is True
    assert Comparison("leeg").ratio is None and Comparison("leeg").met is None
    lines = table([page, step]).splitlines()
    assert lines[2] == "| Regiopagina | 250 | 100 | 2.50× | 2.50–3.00× | ≤ 1.5× | nee | 5/5 |  |"
    assert lines[3].startswith("| Volgend scherm | 90 | 25 | 3.60× | – | ≤ 100 ms | ja |")
    # On the line: the third decimal says which side.
    over, under = Comparison("Jaar", app=[150.1], floor=[100]), Comparison("Jaar", app=[149.8], floor=[100])
    assert "| 1.501× | – | ≤ 1.5× | nee |" in table([over])
    assert "| 1.498× | – | ≤ 1.5× | ja |" in table([under])
    assert "| 1.50× | – | ≤ 1.5× | ja |" in table([Comparison("Jaar", app=[150], floor=[100])])


def test_the_spread_is_that_of_each_app_time_against_its_own_floor():
    # Pairs 3.0, 0.83, 2.5, 9.0, 2.78: quartiles (inclusive) 2.5 and 3.0. The medians alone give
    # 2.5 whatever the pairing; the pairs show how far one run's ratio may be off.
    page = Comparison("Regiopagina", app=[300, 100, 200, 900, 250], floor=[100, 120, 80, 100, 90])
    first, third = page.pair_spread or (0.0, 0.0)
    assert round(first, 2) == 2.5 and round(third, 2) == 3.0
    # The same times paired otherwise: same medians, another spread.
    shuffled = Comparison("Regiopagina", app=[100, 200, 250, 300, 900], floor=[80, 90, 100, 100, 120])
    assert shuffled.ratio == page.ratio and shuffled.pair_spread != page.pair_spread
    assert Comparison("Drie", app=[1, 2, 3], floor=[1, 1, 1]).pair_spread is None
    assert Comparison("Mist er een", app=[1, 2, 3, 4, 5], floor=[1, 1, 1, 1]).pair_spread is None


def test_the_section_replaces_an_earlier_run_and_keeps_what_follows():
    heading = "## Vloer"
    document = "# Uitslag\n\n## Eerder\n\ntekst\n"
    once = replace_section(document, heading, heading + "\n\neerste\n")
    assert once.endswith("## Vloer\n\neerste\n") and "## Eerder" in once
    twice = replace_section(once + "\n## Daarna\n\nblijft\n", heading, heading + "\n\ntweede\n")
    assert "eerste" not in twice and "tweede" in twice and twice.endswith("## Daarna\n\nblijft\n")
