"""Callbacks of *Methoden en financiering* on the national page: the country and every region."""

from __future__ import annotations

from dash import Dash, Input, Output

from layouts import ids
from layouts.national_content import methods_answer, update_methods

__all__ = ["register", "update_methods"]


def register(app: Dash) -> None:
    """Wire this module's callbacks to ``app``."""
    # year, peildatum, phone-sized screen -> national methods figure, grid of regions, sentences,
    # download links
    app.callback(
        Output(ids.NATIONAL_METHODS, "figure"),
        Output(ids.NATIONAL_METHODS_SUMMARY, "children"),
        Output(ids.NATIONAL_METHODS_GRID_NOTE, "children"),
        Output(ids.NATIONAL_METHODS_GRID, "figure"),
        Output(ids.NATIONAL_METHODS_GRID_SUMMARY, "children"),
        Output(ids.NATIONAL_METHODS_EXPORT, "children"),
        Input(ids.NATIONAL_YEAR, "value"),
        Input(ids.NATIONAL_PEILDATUM, "value"),
        Input(ids.NARROW, "data"),
        # The layout draws them for the URL's view (layouts.national_content): only a change asks.
        prevent_initial_call=True,
    )(methods_answer)
