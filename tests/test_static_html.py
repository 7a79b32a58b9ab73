"""StaticHtml: a dash.html tree sent as one component, and the matrix's sort through its clicks."""

from __future__ import annotations

import json

import dash_bootstrap_components as dbc
import pytest
from dash import html, no_update
from plotly.utils import PlotlyJSONEncoder

from callbacks.matrix import choose_sort
from layouts import matrix
from layouts.bootstrap_markup import as_element
from layouts.static_html import StaticHtml, collapse, collapsed, static_html


def test_the_tree_goes_to_the_browser_as_elements_for_one_component():
    tree = html.Table(html.Tbody(html.Tr([html.Th("Drenthe", scope="row"), html.Td("66 van 100")])), id="t")
    sent = json.loads(json.dumps(static_html(tree, "holder"), cls=PlotlyJSONEncoder))
    assert sent["namespace"] == "hzw_static" and sent["type"] == "StaticHtml"
    assert sent["props"]["id"] == "holder"
    row = sent["props"]["tree"]["props"]["children"]["props"]["children"]
    assert [cell["type"] for cell in row["props"]["children"]] == ["Th", "Td"]
    assert row["props"]["children"][0]["props"] == {"children": "Drenthe", "scope": "row"}
    # The renderer wraps only `children` and declared children props (`slots`) in components of
    # its own: a tree of elements sends neither, and an element's id is its attribute. Python code
    # still walks the tree by its children.
    assert StaticHtml._children_props == ["slots"]
    assert "children" not in sent["props"] and "slots" not in sent["props"]
    assert sent["props"]["tree"]["props"]["id"] == "t"
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
    node = as_element(node) or node  # Bootstrap's layout components as the element they draw
    props = {k: v for k, v in node.to_plotly_json()["props"].items() if k != "children"}
    children = _expanded(getattr(node, "children", None))
    # One child or a list of one: the same markup.
    return (
        node._type,
        json.dumps(props, sort_keys=True),
        children if isinstance(children, list) else [children],
    )


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


def _count(node):
    # The components the renderer keeps for sent JSON: a StaticHtml is one, plus its slots.
    if isinstance(node, list):
        return sum(_count(n) for n in node)
    if isinstance(node, dict) and "type" in node:
        if node["type"] == "StaticHtml":
            return 1 + _count(node["props"].get("slots", []))
        return 1 + _count(node["props"].get("children"))
    return 0


def test_collapse_sends_the_same_markup_in_fewer_components():
    page = collapse(_page())
    sent = json.loads(json.dumps(page, cls=PlotlyJSONEncoder))
    assert _expanded(page) == _expanded(_page())
    # The page keeps its id; what it holds is one bare component, drawn without an element ...
    [held] = sent["props"]["children"]
    assert held["type"] == "StaticHtml" and held["props"]["bare"] is True
    tree, slots = held["props"]["tree"], held["props"]["slots"]
    assert [n["type"] for n in tree] == ["H1", "P", "Slot", "Slot", "Div", "Div"]
    assert tree[4]["props"]["children"][1] == "los"
    # ... and the components among and inside its elements are its slots, marked at their places.
    assert [n["props"]["index"] for n in tree[2:4]] == [0, 1]
    assert tree[5]["props"]["children"] == {"type": "Slot", "namespace": "hzw_static", "props": {"index": 2}}
    assert [slot["props"]["id"] for slot in slots] == ["tile", "verdict", "count"]
    assert slots[1] == {
        "type": "P",
        "namespace": "dash_html_components",
        "props": {"children": "verdict", "id": "verdict"},
    }
    # Inside a component that stays, its own elements are folded in turn: the card's body is
    # Bootstrap's markup, drawn as its element.
    assert slots[0]["type"] == "Card"
    body = slots[0]["props"]["children"]
    assert body["type"] == "StaticHtml" and body["props"]["tree"][0]["props"]["className"] == "card-body"
    before = json.loads(json.dumps(_page(), cls=PlotlyJSONEncoder))
    assert (_count(before), _count(sent)) == (13, 6)


def test_collapse_of_a_collapsed_tree_changes_nothing_and_folds_only_what_spares_components():
    once = collapse(_page())
    first = json.dumps(once, cls=PlotlyJSONEncoder)
    assert json.dumps(collapse(once), cls=PlotlyJSONEncoder) == first
    # A box with a paragraph and a component: the box and paragraph are markup around one slot.
    box = collapse(html.Div([html.P("alleen"), html.Span(id="x")]))
    assert isinstance(box, StaticHtml) and [n._type for n in box.children] == ["Div"]
    sent = json.loads(json.dumps(box, cls=PlotlyJSONEncoder))
    assert _count(sent) == 2 and sent["props"]["slots"][0]["props"]["id"] == "x"
    # A box around one component alone would be two components either way: it stays as it is.
    lone = collapse(html.Div(html.Span(id="y")))
    assert lone._type == "Div" and lone.children.id == "y"
    # A tree made by static_html draws an element's id as its attribute; no slots.
    drawn = json.loads(json.dumps(static_html(html.Div(html.Span("a", id="z"))), cls=PlotlyJSONEncoder))
    assert drawn["props"]["tree"]["props"]["children"]["props"]["id"] == "z" and "slots" not in drawn["props"]


def test_a_collapsed_callback_answer_keeps_its_parts():
    answer = collapsed(lambda: (_page(), "tekst", None))()
    assert answer[1:] == ("tekst", None)
    assert answer[0].children[0]._type == "StaticHtml"


@pytest.mark.parametrize(
    ("component", "tag", "classes"),
    [
        (dbc.Col(xs=12, md=6, xl=3), "Div", "col-xl-3 col-md-6 col-12"),
        (dbc.Col(width=4, lg="auto", className="x"), "Div", "x col-lg-auto col-4"),
        (dbc.Col(md=True), "Div", "col-md"),
        (dbc.Col(), "Div", "col"),
        (dbc.Row(class_name="g-3"), "Div", "g-3 row"),
        (dbc.Container(fluid=True), "Div", "container-fluid"),
        (dbc.Container(), "Div", "container"),
        (dbc.CardBody(), "Div", "card-body"),
        (dbc.NavItem(), "Div", "nav-item"),
        (dbc.Label("Jaar", html_for="jaar", className="me-2"), "Label", "me-2 form-label"),
        (dbc.Table(size="sm", striped=True, className="t"), "Table", "t table table-sm table-striped"),
    ],
)
def test_bootstrap_layout_components_without_an_id_are_their_element(component, tag, classes):
    element = as_element(component)
    assert element._type == tag and element.className == classes
    assert element.children is getattr(component, "children", None)


@pytest.mark.parametrize(
    "component",
    [
        dbc.Col(md=6, id="c"),
        dbc.Col(md={"size": 6, "offset": 1}),
        dbc.Row(align="center"),
        dbc.Label("x", width=2),
        dbc.Table(responsive=True),
        dbc.Card(),
        html.Div(),
    ],
)
def test_other_components_stay_themselves(component):
    assert as_element(component) is None
