"""Callbacks of the matrix on the national page: the table of all regions on all goals, and its sorting."""

from __future__ import annotations

from typing import Any

from dash import ALL, Dash, Input, NoUpdate, Output, State, ctx, no_update

from dashboard.infra.runtime import current_peildatum, runtime
from dashboard.reports.national import national_report
from dashboard.reports.view import View
from layouts import ids, matrix


def update_matrix(
    year_raw: str | None,
    peildatum_raw: str | None,
    behind_raw: str | None,
    province: str | None,
    sort: dict[str, Any] | None,
) -> tuple[Any, str]:
    """The regions that pass the filters, sorted as asked, and how many of the 35 that are."""
    view = View.parse({"jaar": year_raw, "peildatum": peildatum_raw}, current_peildatum())
    rows = matrix.matrix_rows(national_report(runtime().db, view))
    # A hand-edited value is not an error worth a message here: it means no filter.
    at_least = (
        int(behind_raw) if isinstance(behind_raw, str) and behind_raw in {str(n) for n in range(5)} else 0
    )
    shown = matrix.filtered(rows, at_least, province if isinstance(province, str) else None)
    # The sort lives in a browser store: a forged one that is no sort means the default.
    known = isinstance(sort, dict) and sort.get("column") in matrix.SORT_COLUMNS
    order = sort if known and sort is not None else matrix.DEFAULT_SORT
    shown = matrix.sorted_rows(shown, str(order.get("column")), bool(order.get("descending")))
    return matrix.matrix_table(shown, order, view), matrix.count_text(len(shown), len(rows))


def choose_sort(clicks: list[int | None], current: dict[str, Any] | None) -> dict[str, Any] | NoUpdate:
    """The sort after a click on a header button (a redrawn table brings unclicked buttons: no change)."""
    if not isinstance(clicks, list) or not any(clicks) or not isinstance(ctx.triggered_id, dict):
        return no_update
    return matrix.next_sort(
        current if isinstance(current, dict) else None, str(ctx.triggered_id.get("column"))
    )


def register(app: Dash) -> None:
    """Wire this module's callbacks to ``app``."""
    # year, peildatum, filters, sort -> table and the count of regions shown
    app.callback(
        Output(ids.MATRIX_TABLE, "children"),
        Output(ids.MATRIX_COUNT, "children"),
        Input(ids.NATIONAL_YEAR, "value"),
        Input(ids.NATIONAL_PEILDATUM, "value"),
        Input(ids.MATRIX_BEHIND, "value"),
        Input(ids.MATRIX_PROVINCE, "value"),
        Input(ids.MATRIX_SORT_STATE, "data"),
    )(update_matrix)
    # a sort button -> the sort (the table follows through the callback above)
    app.callback(
        Output(ids.MATRIX_SORT_STATE, "data"),
        Input({"type": ids.MATRIX_SORT, "column": ALL}, "n_clicks"),
        State(ids.MATRIX_SORT_STATE, "data"),
        prevent_initial_call=True,
    )(choose_sort)
