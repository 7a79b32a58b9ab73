"""One callback made of parts (dashboard/infra/callback_parts.py): a part answers when its inputs change."""

from __future__ import annotations

from dash import Dash, Input, Output, State, html, no_update

from dashboard.infra.callback_parts import Part, answers, register_parts

CALLS: list[str] = []


def _tiles(year: str, peildatum: str) -> tuple[str, str]:
    CALLS.append("tiles")
    return f"tegels {year}", f"t/m {peildatum}"


def _map(metric: str, year: str) -> str:
    CALLS.append("map")
    return f"kaart {metric} {year}"


def _table(year: str, behind: str) -> str:
    CALLS.append("table")
    return f"tabel {year} achter {behind}"


PARTS = [
    Part(
        (Output("tiles", "children"), Output("heading", "children")),
        (Input("year", "value"), Input("day", "value")),
        _tiles,
    ),
    Part((Output("map", "children"),), (Input("metric", "value"), Input("year", "value")), _map),
    Part((Output("table", "children"),), (Input("year", "value"), State("behind", "value")), _table),
]
VALUES = {"year.value": "2025", "day.value": "2025-06-30", "metric.value": "doel", "behind.value": "2"}


def test_only_the_parts_with_a_changed_input_answer_each_with_its_own_values():
    CALLS.clear()
    assert answers(PARTS, VALUES, ["metric.value"]) == (no_update, no_update, "kaart doel 2025", no_update)
    assert CALLS == ["map"]
    CALLS.clear()
    assert answers(PARTS, VALUES, ["year.value"]) == (
        "tegels 2025",
        "t/m 2025-06-30",
        "kaart doel 2025",
        "tabel 2025 achter 2",
    )
    assert CALLS == ["tiles", "map", "table"]


def test_a_state_is_read_but_makes_no_part_answer():
    CALLS.clear()
    assert answers(PARTS, VALUES, ["behind.value"]) == (no_update,) * 4
    assert CALLS == []


def test_the_parts_are_one_callback_asking_each_value_once():
    app = Dash(__name__)
    app.layout = html.Div()
    register_parts(app, PARTS)
    (key,) = app.callback_map
    callback = app.callback_map[key]
    assert key == "..tiles.children...heading.children...map.children...table.children.."
    # Year is taken by three parts and sent once; behind is only read, so it is no input.
    assert [(i["id"], i["property"]) for i in callback["inputs"]] == [
        ("year", "value"),
        ("day", "value"),
        ("metric", "value"),
    ]
    assert [(s["id"], s["property"]) for s in callback["state"]] == [("behind", "value")]
    # It waits for a change: the layout shows the first view.
    assert app._callback_list[-1]["prevent_initial_call"] is True
