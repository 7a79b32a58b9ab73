"""The monitor's own Plotly bundle: current, complete for the figures, and served where Dash looks."""

from __future__ import annotations

import ast
import shutil
import subprocess
from pathlib import Path

import plotly.graph_objects as go
import pytest
from plotly.basedatatypes import BaseTraceType
from plotly.offline import get_plotlyjs_version

from dashboard.infra import plotly_bundle
from dashboard.infra.config import PROJECT_ROOT
from tests.helpers import signed_in_client

FIGURE_CODE = [
    *sorted((PROJECT_ROOT / "layouts").rglob("*.py")),
    *sorted((PROJECT_ROOT / "callbacks").glob("*.py")),
]


def trace_types_in_code() -> set[str]:
    """Every trace type the figure builders construct (``go.Bar(...)`` and the like)."""
    found = set()
    for path in FIGURE_CODE:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "go"
            ):
                kind = getattr(go, node.func.attr)
                if isinstance(kind, type) and issubclass(kind, BaseTraceType):
                    found.add(kind().type)
    return found


@pytest.mark.zuiver
def test_the_bundle_registers_every_trace_type_the_figures_use():
    used = trace_types_in_code()
    # The scan must see the figures at all, or this test could pass on nothing.
    assert {"bar", "scatter", "indicator", "choropleth"} <= used
    assert used <= plotly_bundle.bundled_traces(), used - plotly_bundle.bundled_traces()


@pytest.mark.zuiver
def test_the_bundle_is_the_plotly_js_version_the_python_figures_are_written_for():
    assert plotly_bundle.bundled_version() == get_plotlyjs_version()


@pytest.mark.skipif(
    not (PROJECT_ROOT / "node_modules" / "plotly.js").is_dir() or shutil.which("node") is None,
    reason="npm ci is nodig om de bundel opnieuw te bouwen",
)
def test_the_committed_bundle_is_what_npm_run_build_makes(tmp_path: Path):
    built = tmp_path / "plotly.min.js"
    subprocess.run(["node", "frontend/build.mjs", str(built)], cwd=PROJECT_ROOT, check=True, timeout=300)
    assert built.read_bytes() == plotly_bundle.BUNDLE.read_bytes(), (
        "voer 'npm run build' uit en commit de bundel"
    )


def test_dash_s_plotly_address_answers_the_bundle_and_the_page_preloads_its_data(app):
    client = signed_in_client(app)
    with client.get("/" + plotly_bundle.DASH_PATH) as answer:
        body = answer.data
    assert answer.status_code == 200
    assert body.startswith(b"/*! plotly.js v" + get_plotlyjs_version().encode())
    assert len(body) < 2_000_000  # the full bundle is 4.8 MB
    assert "max-age=604800" in answer.headers["Cache-Control"]
    page = client.get("/").get_data(as_text=True)
    head = page[: page.index("</head>")]
    # Plotly comes in the page's one script file (tests/test_script_bundle.py), not on its own.
    assert plotly_bundle.DASH_PATH not in page
    # The layout (the page is built in it) and the callback list start while the scripts load.
    assert '<link rel="preload" href="/_dash-layout" as="fetch" crossorigin>' in head
    assert '<link rel="preload" href="/_dash-dependencies" as="fetch" crossorigin>' in head


def test_without_a_built_bundle_dash_serves_its_own_plotly(make_app, monkeypatch, tmp_path):
    monkeypatch.setattr(plotly_bundle, "BUNDLE", tmp_path / "missing.min.js")
    app = make_app()
    client = signed_in_client(app)
    with client.get("/" + plotly_bundle.DASH_PATH) as answer:
        body = answer.data
    assert answer.status_code == 200
    assert not body.startswith(b"/*! plotly.js v")
    assert len(body) > 4_000_000
    assert f'href="/{plotly_bundle.DASH_PATH}"' not in client.get("/").get_data(as_text=True)
