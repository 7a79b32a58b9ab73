"""Bootstrap's layout components drawn by dash-bootstrap-components and as the element ``collapse``
puts in their place (layouts/bootstrap_markup.py): the same tag, classes and attributes.

A small Dash app of its own draws each component twice, once as the dbc component and once as
its element, side by side; the browser's markup of the two is compared.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import dash_bootstrap_components as dbc
import pytest
from dash import Dash, html
from werkzeug.serving import make_server

from layouts.bootstrap_markup import as_element
from tests.browser.conftest import _free_port

pytestmark = pytest.mark.browser

CASES = [
    dbc.Col("a", xs=12, md=6, xl=3),
    dbc.Col("b", width=4, lg="auto", className="x"),
    dbc.Col("c", md=True),
    dbc.Col("d"),
    dbc.Row("e", class_name="g-3 mt-1"),
    dbc.Container("f", fluid=True),
    dbc.Container("g"),
    dbc.Container("h", fluid="md"),
    dbc.CardBody("i", style={"padding": "3px"}),
    dbc.NavItem("j"),
    dbc.Label("k", html_for="veld", className="me-2 mb-0"),
    dbc.Label("l"),
    dbc.Table(html.Tbody(html.Tr(html.Td("m"))), size="sm", striped=True, hover=True, className="t"),
    dbc.Table(html.Tbody(html.Tr(html.Td("n"))), bordered=True),
]
# Each box's only child, as markup: tag, sorted classes, the other attributes, the text.
MARKUP = """(id) => { const e = document.getElementById(id).firstElementChild;
  const attrs = [...e.attributes].filter(a => a.name !== 'class').map(a => a.name + '=' + a.value).sort();
  return [e.tagName, [...e.classList].sort().join(' '), attrs.join(' '), e.textContent]; }"""


@pytest.fixture(scope="module")
def pair_server() -> Iterator[str]:
    app = Dash(__name__, serve_locally=True)
    boxes = []
    for number, component in enumerate(CASES):
        element = as_element(component)
        assert element is not None, component
        boxes += [html.Div(component, id=f"dbc-{number}"), html.Div(element, id=f"element-{number}")]
    app.layout = html.Div(boxes)
    port = _free_port()
    server = make_server("127.0.0.1", port, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    server.shutdown()


def test_each_component_and_its_element_draw_the_same_markup(browser, pair_server):
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(pair_server + "/")
    page.wait_for_selector(f"#element-{len(CASES) - 1} > *")
    page.wait_for_selector(f"#dbc-{len(CASES) - 1} > *")
    for number in range(len(CASES)):
        drawn = page.evaluate(MARKUP, f"dbc-{number}")
        assert page.evaluate(MARKUP, f"element-{number}") == drawn, (number, drawn)
    page.close()
