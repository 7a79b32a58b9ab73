"""Callbacks of the *toon als tabel* switches: drawn in the browser from the figure itself."""

from __future__ import annotations

from dash import ClientsideFunction, Dash, Input, Output, State

from layouts.figure_table import TABLED_FIGURES, table_id, toggle_id


def register(app: Dash) -> None:
    """Wire one clientside callback per figure: switch -> table, aria-expanded, switch shown.

    The figure is read, not heard: a new figure reaches an open table through the page script
    (assets/figure_tables.js), so a change of figure with every table closed runs no callback.
    """
    for graph in TABLED_FIGURES:
        app.clientside_callback(
            ClientsideFunction(namespace="hzw", function_name="figureTable"),
            Output(table_id(graph), "children"),
            Output(toggle_id(graph), "aria-expanded"),
            Output(toggle_id(graph), "hidden"),
            Input(toggle_id(graph), "n_clicks"),
            State(graph, "figure"),
            # The first layout sets the switch for its figure (layouts.figure_table.table_switch).
            prevent_initial_call=True,
        )
