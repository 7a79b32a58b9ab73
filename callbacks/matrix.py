"""Callbacks of the matrix on the national page: the table of all regions on all goals, and its sorting."""

from __future__ import annotations

from typing import Any

from dash import Dash, Input, NoUpdate, Output, State, no_update

from layouts import ids, matrix
from layouts.national_content import update_matrix

__all__ = ["choose_sort", "register", "update_matrix"]


def choose_sort(clicked: dict[str, Any] | None, current: dict[str, Any] | None) -> dict[str, Any] | NoUpdate:
    """The sort after a click on a header button: ``clicked`` names its column (assets/static-html.js)."""
    # The table reports the click from the browser: anything but a column name is no click.
    column = clicked.get("value") if isinstance(clicked, dict) else None
    if not isinstance(column, str):
        return no_update
    return matrix.next_sort(current if isinstance(current, dict) else None, column)


def register(app: Dash) -> None:
    """Wire this module's callbacks to ``app``."""
    # filters, sort -> table and the count of regions shown (a change of year or peildatum comes
    # with the page's other figures: callbacks/national.py)
    app.callback(
        Output(ids.MATRIX_SORT, "tree"),
        Output(ids.MATRIX_COUNT, "children"),
        State(ids.NATIONAL_YEAR, "value"),
        State(ids.NATIONAL_PEILDATUM, "value"),
        Input(ids.MATRIX_BEHIND, "value"),
        Input(ids.MATRIX_PROVINCE, "value"),
        Input(ids.MATRIX_SORT_STATE, "data"),
        # The layout holds the table for the URL's view (layouts.national_content): only a change asks.
        prevent_initial_call=True,
    )(update_matrix)
    # a sort button -> the sort (the table follows through the callback above)
    app.callback(
        Output(ids.MATRIX_SORT_STATE, "data"),
        Input(ids.MATRIX_SORT, "clicked"),
        State(ids.MATRIX_SORT_STATE, "data"),
        prevent_initial_call=True,
    )(choose_sort)
