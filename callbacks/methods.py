"""Callbacks of *Methoden en financiering* on the national page: the country and every region."""

from __future__ import annotations

import plotly.graph_objects as go
from dash import Dash, Input, Output, html

from dashboard.i18n import _
from dashboard.infra.callback_cache import cached_callback
from dashboard.infra.runtime import current_peildatum, runtime
from dashboard.reports.methods import methods_report
from dashboard.reports.view import View
from layouts import ids
from layouts.exports import export_links
from layouts.figures.methods import (
    grid_note,
    grid_summary,
    methods_figure,
    methods_grid_figure,
    methods_summary,
)
from layouts.figures.theme import on_screen


def update_methods(
    year_raw: str | None, peildatum_raw: str | None, narrow: bool | None = None
) -> tuple[go.Figure, str, str, go.Figure, str, html.P]:
    """National methods and funding, one small chart per region, their sentences and the download."""
    view = View.parse({"jaar": year_raw, "peildatum": peildatum_raw}, current_peildatum())
    medium = on_screen(narrow)
    report = methods_report(runtime().db, view)
    by_method, regions, outflow = report.by_method(), report.regions(), report.outflow
    # The download holds every region's rows of the year's start cohort (starts and its outflow so far).
    links = export_links(
        "methoden", view.year, view.peildatum, _("de cijfers per regio, methode en financiering")
    )
    return (
        methods_figure(by_method, report.by_funding(), view.year, outflow, medium),
        methods_summary(by_method, view.year, outflow),
        grid_note(view.year, outflow),
        methods_grid_figure(regions, view.year, outflow, medium),
        grid_summary(regions, view.year),
        links,
    )


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
    )(cached_callback(update_methods))
