"""Serve the monitor's own, smaller Plotly build where Dash's graphs look for Plotly.

Dash's full ``plotly.min.js`` holds every trace type (4.8 MB); the browser spends most of a cold
national page parsing and starting it. The monitor draws only a handful of trace types, so
``frontend/plotly.js`` registers just those and ``npm run build`` bundles them into
``dashboard/static/plotly.min.js`` (about a third of the size). It is answered at the very address
the Dash renderer loads Plotly from, so dcc.Graph needs no change, and it is preloaded from the
page head so the download overlaps the page's first requests. Without the built file the app falls
back to Dash's full bundle.
"""

from __future__ import annotations

import re
from pathlib import Path

from dash import Dash
from dash.fingerprint import build_fingerprint
from flask import Response, send_file

BUNDLE = Path(__file__).parents[1] / "static" / "plotly.min.js"
# Where the renderer loads Plotly from when it serves its scripts itself (serve_locally).
DASH_PATH = "_dash-component-suites/plotly/package_data/plotly.min.js"
# One week: the address has no version in it, so browsers must look again now and then.
MAX_AGE = 7 * 24 * 3600
# The trace types the bundle registers, as its banner lists them (checked by the tests).
TRACES_BANNER = re.compile(r"traces: ([a-z, ]+)")
VERSION_BANNER = re.compile(r"plotly\.js v([0-9.]+)")


def bundle_header(path: Path = BUNDLE) -> str:
    """The bundle's first line: the plotly.js version and trace types it was built with."""
    with path.open(encoding="utf-8") as handle:
        return handle.readline()


def bundled_traces(path: Path = BUNDLE) -> set[str]:
    """The trace types registered in the bundle."""
    found = TRACES_BANNER.search(bundle_header(path))
    return {name.strip() for name in found.group(1).split(",")} if found else set()


def bundled_version(path: Path = BUNDLE) -> str:
    """The plotly.js version the bundle was built from."""
    found = VERSION_BANNER.search(bundle_header(path))
    return found.group(1) if found else ""


def graph_scripts(app: Dash) -> str:
    """Plotly and dcc.Graph's own code as plain scripts of the page, ahead of the renderer.

    Dash loads both only once the first graph has mounted: the renderer builds the page, dcc.Graph
    asks for its chunk and for Plotly, and only when both have arrived does it draw. As scripts of
    the page they download with the rest and run before the renderer starts, so each graph draws
    in the render that mounts it. The chunk registers itself in webpack's list of loaded chunks
    (``webpackChunkdash_core_components``), so dcc.Graph finds it there and asks for nothing;
    Plotly sets ``window.Plotly``, which dcc.Graph checks before it loads Plotly itself.
    """
    from dash import dcc

    prefix = app.config.requests_pathname_prefix
    chunk = "dcc/async-graph.js"
    modified = int((Path(dcc.__file__).parents[1] / chunk).stat().st_mtime)
    # The address with Dash's fingerprint, which Dash answers with a year's caching.
    graph = f"{prefix}_dash-component-suites/dash/{build_fingerprint(chunk, dcc.__version__, modified)}"
    return f'<script src="{prefix}{DASH_PATH}"></script><script src="{graph}"></script>'


def register(app: Dash) -> None:
    """Answer Dash's Plotly address with the monitor's bundle, when it has been built."""
    if not BUNDLE.is_file():
        return

    def plotly_bundle() -> Response:
        return send_file(BUNDLE, mimetype="application/javascript", max_age=MAX_AGE, conditional=True)

    # A rule without variables outranks Dash's own /_dash-component-suites/<package>/<path> rule.
    app.server.add_url_rule(app.config.routes_pathname_prefix + DASH_PATH, "plotly_bundle", plotly_bundle)
