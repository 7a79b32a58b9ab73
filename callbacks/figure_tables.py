"""Callbacks of the *toon als tabel* switches: drawn in the browser from the figure itself."""

from __future__ import annotations

from dash import ClientsideFunction, Dash, Input, Output

from layouts import ids
from layouts.figure_table import table_id, toggle_id

# Every figure that has a table switch under it.
FIGURES = (
    ids.NATIONAL_MAP,
    ids.NATIONAL_RANKING,
    ids.NATIONAL_TREND,
    ids.REGION_MONTHLY,
    ids.REGION_FUNNEL,
    ids.REGION_CADENCE,
    ids.REGION_FUNNEL_PLOT,
    ids.ORG_FUNNEL,
    ids.ORG_MONTHLY,
)


def register(app: Dash) -> None:
    """Wire one clientside callback per figure: switch or new figure -> table, aria-expanded."""
    for graph in FIGURES:
        app.clientside_callback(
            ClientsideFunction(namespace="hzw", function_name="figureTable"),
            Output(table_id(graph), "children"),
            Output(toggle_id(graph), "aria-expanded"),
            Output(toggle_id(graph), "hidden"),
            Input(toggle_id(graph), "n_clicks"),
            Input(graph, "figure"),
        )
