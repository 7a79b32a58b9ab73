"""StaticHtml: a dash.html tree sent as one component, and the matrix's sort through its clicks."""

from __future__ import annotations

import json

import dash_bootstrap_components as dbc
import pytest
from dash import html, no_update
from plotly.utils import PlotlyJSONEncoder

from callbacks.matrix import choose_sort
from layouts import matrix
from layouts.static_html import StaticHtml, static_html


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
