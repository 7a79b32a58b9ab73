"""Callbacks of the national page (Landelijk)."""

from __future__ import annotations

from typing import Any

from dash import Dash, Input, Output

from dashboard.data.national import national_summary
from dashboard.runtime import current_peildatum, runtime
from layouts import ids, national
from layouts.shell import parse_year


def update_national(year_value: str | None) -> tuple[list[Any], str, str]:
    """National tiles, heading and URL query for the selected year."""
    peildatum = current_peildatum()
    year = parse_year(year_value, peildatum.year)
    summary = national_summary(runtime().db, year, peildatum)
    return national.tiles(summary), national.heading(summary), f"?jaar={year}"


def register(app: Dash) -> None:
    """Wire this module's callbacks to ``app``."""
    # year select -> national tiles, heading, URL
    app.callback(
        Output(ids.NATIONAL_TILES, "children"),
        Output(ids.NATIONAL_HEADING, "children"),
        Output(ids.URL, "search", allow_duplicate=True),
        Input(ids.NATIONAL_YEAR, "value"),
        prevent_initial_call="initial_duplicate",
    )(update_national)
