"""StaticHtml: a dash.html tree sent as one component, and the matrix's sort through its clicks."""

from __future__ import annotations

import json

import dash_bootstrap_components as dbc
import pytest
from dash import html, no_update
from plotly.utils import PlotlyJSONEncoder

from callbacks.matrix import choose_sort
from layouts import matrix
from layouts.static_html import StaticHtml, collapse, collapsed, static_html


def test_the_tree_goes_to_the_browser_as_elements_for_one_component():
    tree = html.Table(html.Tbody(html.Tr([html.Th("Drenthe", scope="row"), html.Td("66 van 100")])), id="t")
    sent = json.loads(json.dumps(static_html(tree, "holder"), cls=PlotlyJSONEncoder))
    assert sent["namespace"] == "hzw_static" and sent["type"] == "StaticHtml"
    assert sent["props"]["id"] == "holder"
    row = sent["props"]["tree"]["props"]["children"]["props"]["children"]
    assert [cell["type"] for cell in row["props"]["children"]] == ["Th", "Td"]
    assert row["props"]["children"][0]["props"] == {"children": "Drenthe", "scope": "row"}
    # The renderer wraps only `children` and declared children props in components of its own:
    # neither is sent. Python code still walks the tree by its children.
    assert StaticHtml._children_props == [] and "children" not in sent["props"]
    assert static_html(tree).children is tree


def test_only_dash_html_elements_can_be_drawn():
    with pytest.raises(TypeError, match="dash.html elements only"):
        static_html(html.Div([html.P("tekst"), dbc.Table(html.Tbody())]))


@pytest.mark.parametrize("clicked", [None, "trajecten", {"value": 3}, {"count": 1}, []])
def test_a_forged_click_changes_no_sort(clicked):
    assert choose_sort(clicked, matrix.DEFAULT_SORT) is no_update


def test_a_click_turns_the_sort_of_its_column():
    first = choose_sort({"value": "trajecten", "count": 1}, matrix.DEFAULT_SORT)
    assert first == {"column": "trajecten", "descending": False}
    turned = choose_sort({"value": "trajecten", "count": 2}, first)
    assert turned == {"column": "trajecten", "descending": True}
    # An unknown column keeps the sort as it was.
    assert choose_sort({"value": "x", "count": 3}, first) == first


def _expanded(node):
    # The markup a tree draws: bare StaticHtml components opened up to the elements they hold.
    if isinstance(node, list | tuple):
        out = []
        for item in node:
            opened = _expanded(item)
            out.extend(opened if isinstance(item, StaticHtml) and isinstance(opened, list) else [opened])
        return out
    if isinstance(node, StaticHtml) and getattr(node, "bare", False):
        return _expanded(node.tree)
    if not hasattr(node, "_type"):
        return node
    props = {k: v for k, v in node.to_plotly_json()["props"].items() if k != "children"}
    return (node._type, json.dumps(props, sort_keys=True), _expanded(getattr(node, "children", None)))


def _page():
    return html.Div(
        [
            html.H1("Landelijk"),
            html.P(["Voortgang ", html.Strong("2026")], className="lead"),
            dbc.Card(dbc.CardBody([html.P("3.124", className="kpi"), html.P("van 3.680")]), id="tile"),
            html.P("verdict", id="verdict"),
            html.Div([html.I(className="bi bi-info"), "los"]),
            html.Div(html.Span(id="count")),
        ],
        id="page",
    )


def test_collapse_sends_the_same_markup_in_fewer_components():
    page = collapse(_page())
    sent = json.loads(json.dumps(page, cls=PlotlyJSONEncoder))
    assert _expanded(page) == _expanded(_page())
    children = sent["props"]["children"]
    # The heading and the paragraph before the card: one bare component, drawn without an element.
    assert children[0]["type"] == "StaticHtml" and children[0]["props"]["bare"] is True
    assert [n["type"] for n in children[0]["props"]["tree"]] == ["H1", "P"]
    # Components with an id, and anything that is not dash.html, stay themselves.
    assert children[1]["type"] == "Card" and children[1]["props"]["id"] == "tile"
    assert [n["type"] for n in children[1]["props"]["children"]["props"]["children"]] == ["StaticHtml"]
    assert children[2] == {
        "type": "P",
        "namespace": "dash_html_components",
        "props": {"children": "verdict", "id": "verdict"},
    }
    assert children[3]["type"] == "StaticHtml"  # a box with an icon and text: one component
    assert children[3]["props"]["tree"][0]["props"]["children"][1] == "los"
    assert children[4]["props"]["children"]["props"]["id"] == "count"  # reachable: left alone

    def count(node):
        if isinstance(node, list):
            return sum(count(n) for n in node)
        if isinstance(node, dict) and "type" in node:
            inner = node["props"].get("children") if node["type"] != "StaticHtml" else None
            return 1 + count(inner)
        return 0

    before = json.loads(json.dumps(_page(), cls=PlotlyJSONEncoder))
    assert (count(before), count(sent)) == (13, 9)


def test_collapse_of_a_collapsed_tree_changes_nothing_and_leaves_one_element_alone():
    once = collapse(_page())
    first = json.dumps(once, cls=PlotlyJSONEncoder)
    assert json.dumps(collapse(once), cls=PlotlyJSONEncoder) == first
    # A single element with text only would be one component either way: it stays as it is.
    lone = html.Div([html.P("alleen"), html.Span(id="x")])
    assert collapse(lone).children[0]._type == "P"


def test_a_collapsed_callback_answer_keeps_its_parts():
    answer = collapsed(lambda: (_page(), "tekst", None))()
    assert answer[1:] == ("tekst", None)
    assert answer[0].children[0]._type == "StaticHtml"
