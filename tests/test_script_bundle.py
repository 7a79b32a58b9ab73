"""The page's scripts as one file: the same code in the same order, under an address that lasts."""

from __future__ import annotations

import json
import re

from dashboard.infra import plotly_bundle, script_bundle
from tests.helpers import signed_in_client

BUNDLE_TAG = re.compile(r'<script src="(/_dash-component-suites/monitor/[^"]+)"></script>')


def scripts_of(app):
    """The page's script tags before bundling, as the app makes them for a page."""
    from dashboard.app import page_scripts

    with app.server.test_request_context("/"):
        return page_scripts(app._generate_scripts_html(), plotly_bundle.graph_scripts(app))


def test_the_page_names_one_file_that_holds_every_script_in_order(app):
    client = signed_in_client(app)
    page = client.get("/").get_data(as_text=True)
    assert len(BUNDLE_TAG.findall(page)) == 1
    # No other script is named; the data scripts and Dash's own start remain.
    assert re.findall(r"<script src=", page) == ["<script src="]
    assert 'id="hzw-lazy-scripts"' in page and "new DashRenderer" in page
    with client.get(BUNDLE_TAG.search(page).group(1)) as answer:
        body = answer.get_data(as_text=True)
        assert answer.status_code == 200
        assert answer.mimetype == "application/javascript"
        assert answer.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    parts = script_bundle.parts(app, scripts_of(app))
    named = [part for part in parts if part.src]
    # React first, the renderer after the assets, Plotly and dcc.Graph's chunk last.
    assert "react@18" in named[0].src and "async-graph" in named[-1].src
    assert any(part.src == "/" + plotly_bundle.DASH_PATH for part in named)
    assert any(part.src.startswith("/assets/graph_draws.js") for part in named)
    end = 0
    for part in (part for part in parts if part.code is not None):
        # Each file's code is there whole, after the one before it, told its own address.
        place = body.index(part.code, end)
        if part.src:
            assert f"}})({json.dumps(part.src)});" in body[end:place]
        end = place + len(part.code)
    assert [part.code is None for part in parts].count(True) == 1  # the data script
    assert body.rstrip().endswith("delete document.currentScript;")


def test_a_process_that_has_not_served_the_page_answers_the_file_and_a_wrong_name_is_not_found(make_app):
    page = signed_in_client(make_app()).get("/").get_data(as_text=True)
    address = BUNDLE_TAG.search(page).group(1)
    other = signed_in_client(make_app())
    with other.get(address) as answer:
        assert answer.status_code == 200 and len(answer.data) > 1_000_000
    assert other.get(address.replace(address[-10:-3], "0000000")).status_code == 404
    # An address of no library Dash serves is not found either (Dash itself raises on it).
    unknown = other.get("/_dash-component-suites/monitor/elders/x.js")
    assert unknown.status_code == 404 and "Niet gevonden" in unknown.get_data(as_text=True)


def test_strict_files_keep_their_strictness_and_what_cannot_join_keeps_its_place(app):
    chunk = '"use strict";(self.webpackChunkx=self.webpackChunkx||[]).push([[1],{}]);'
    scripts = "\n".join(
        [
            "<script>first()</script>",
            "<script>second()</script>",
            # Strict but not a webpack chunk: its top-level names could be meant as globals.
            '<script>/* a */\n"use strict";var kept = 1;</script>',
            '<script type="application/json" id="data">{"a": 1}</script>',
            "<script>third()</script>",
            f"<script>{chunk}</script>",
            '<script src="https://elders.example/x.js"></script>',
            "<script>fourth()</script>",
        ]
    )
    page, bundles = script_bundle.bundled(app, scripts)
    tags = re.findall(r"<script[^>]*>(?:[^<]*)</script>", page)
    assert len(bundles) == 2 and len(tags) == 6
    first, second = (bundles[name].body.decode() for name in re.findall(r"page-scripts\.(\w+)\.js", page))
    assert first.index("first()") < first.index("second()") and "kept" not in first
    assert tags[1] == '<script>/* a */\n"use strict";var kept = 1;</script>'
    # The data comes before the file that follows it, which may read it as it runs.
    assert tags[2].startswith('<script type="application/json" id="data">')
    assert "third()" in second and f"(function () {{\n{chunk}\n}}).call(this);" in second
    assert tags[4] == '<script src="https://elders.example/x.js"></script>'
    assert tags[5] == "<script>fourth()</script>"  # a run of one stays as it was
