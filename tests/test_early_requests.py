"""Callbacks the page may ask for as a select changes (dashboard/infra/early_requests.py)."""

from __future__ import annotations

import json
import re

import pytest
from dash import ALL, Dash, Input, Output, State, html

from dashboard.infra.early_requests import ELEMENT_ID, declaration, early
from tests.helpers import signed_in_client

DECLARED = re.compile(rf'<script type="application/json" id="{ELEMENT_ID}">(.*?)</script>')


def _declared(page: str) -> list[dict]:
    found = DECLARED.findall(page)
    assert len(found) == 1, found
    return json.loads(found[0])


def test_a_declared_callback_is_named_with_its_inputs_and_state_and_no_other():
    app = Dash(__name__)
    app.layout = html.Div()
    app.callback(Output("other", "children"), Input("year", "value"))(lambda year: year)

    def wire() -> None:
        app.callback(
            Output("tiles", "children"),
            Output("table", "children", allow_duplicate=True),
            Input("year", "value"),
            State("behind", "value"),
            prevent_initial_call=True,
        )(lambda year, behind: (year, behind))

    early(app, wire)
    (callback,) = json.loads(DECLARED.fullmatch(declaration(app)).group(1))
    # The output as the renderer names it, with the mark of the duplicate output.
    assert callback["output"].startswith("..tiles.children...table.children@")
    assert callback["output"] in app.callback_map
    assert callback["inputs"] == [{"id": "year", "property": "value"}]
    assert callback["state"] == [{"id": "behind", "property": "value"}]
    assert callback["asks"] == ["year.value"]


def test_it_is_not_asked_on_an_input_whose_other_callback_changes_what_it_reads():
    """A chosen publication sets the year the view reads: the renderer waits for that answer."""
    app = Dash(__name__)
    app.layout = html.Div()
    app.callback(Output("year", "value"), Input("publication", "value"))(str)
    # Listening to the view's year, but answering something the view does not read.
    app.callback(Output("note", "children"), Input("year", "value"))(str)

    def wire() -> None:
        app.callback(
            Output("tiles", "children"),
            Input("year", "value"),
            Input("publication", "value"),
            Input("metric", "value"),
            prevent_initial_call=True,
        )(lambda *values: str(values))

    early(app, wire)
    (callback,) = json.loads(DECLARED.fullmatch(declaration(app)).group(1))
    assert callback["asks"] == ["year.value", "metric.value"]


def test_the_declaration_cannot_end_its_script_early():
    app = Dash(__name__)
    app.layout = html.Div()
    early(app, lambda: app.callback(Output("a", "children"), Input("x</script><b>", "value"))(str))
    text = declaration(app)
    assert text.count("</script>") == 1 and text.endswith("</script>")
    (callback,) = json.loads(DECLARED.fullmatch(text).group(1))
    assert callback["inputs"][0]["id"] == "x</script><b>"


def test_only_one_callback_with_plain_ids_can_be_declared():
    app = Dash(__name__)
    app.layout = html.Div()
    with pytest.raises(ValueError, match="one callback"):
        early(app, lambda: None)
    matched = {"type": "f", "i": ALL}
    with pytest.raises(ValueError, match="plain ids"):
        early(app, lambda: app.callback(Output("a", "children"), Input(matched, "value"))(str))
    with pytest.raises(ValueError, match="plain ids"):
        early(app, lambda: app.callback(Output(matched, "children"), Input("b", "value"))(str))
    assert json.loads(DECLARED.fullmatch(declaration(app)).group(1)) == []


def test_the_national_page_declares_its_view_and_nothing_that_writes(app):
    page = signed_in_client(app).get("/").get_data(as_text=True)
    declared = _declared(page)
    assert [callback["output"].split("...")[0] for callback in declared] == ["..national-tiles.children"]
    (view,) = declared
    assert {"id": "national-year", "property": "value"} in view["inputs"]
    # The publication sets the peildatum and year first (callbacks/national.py sync_publication).
    assert "national-year.value" in view["asks"] and "national-metric.value" in view["asks"]
    assert "national-publication.value" not in view["asks"]
    assert view["output"] in app.callback_map
    # Every value the renderer sends is named, in its order.
    assert view["inputs"] == app.callback_map[view["output"]]["inputs"]
    assert view["state"] == app.callback_map[view["output"]]["state"]
