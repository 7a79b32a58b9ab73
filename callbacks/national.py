"""Callbacks of the national page (Landelijk): tiles, map, ranking, trend, URL and region clicks.

What each output shows comes from ``layouts.national_content``, which the page's layout also calls
for its first response: so the callbacks that fill the page wait for a control to change.
"""

from __future__ import annotations

from typing import Any

from dash import Dash, Input, NoUpdate, Output, State, ctx, no_update

from dashboard.infra.callback_parts import Part, register_parts
from layouts import ids
from layouts.controls import year_options
from layouts.national_content import (
    map_answer,
    methods_answer,
    national_answer,
    parse_view,
    ranking_answer,
    region_link,
    state_to_url,
    trend_answer,
    trend_with_links,
    update_map,
    update_matrix,
    update_national,
    update_ranking,
    update_trend,
)
from layouts.publication_control import synced

__all__ = [
    "region_link",
    "register",
    "state_to_url",
    "sync_publication",
    "sync_year",
    "update_map",
    "update_national",
    "update_ranking",
    "update_trend",
]
# The trend with its download links, under its older name.
_trend_with_links = trend_with_links


def sync_year(peildatum_raw: str | None, year_raw: str | None) -> tuple[list[dict[str, str]], str | NoUpdate]:
    """Year choices up to the peildatum's year; a later chosen year follows the peildatum back."""
    view = parse_view(jaar=year_raw, peildatum=peildatum_raw)
    shown = str(view.year)
    return year_options(view.peildatum.year), (shown if shown != year_raw else no_update)


def sync_publication(
    publication_raw: str | None, peildatum_raw: str | None, year_raw: str | None
) -> tuple[str | NoUpdate, str | NoUpdate, str | NoUpdate]:
    """A chosen snapshot sets the peildatum and year; a typed peildatum sets the control to what it shows."""
    view = parse_view(jaar=year_raw, peildatum=peildatum_raw, publicatie=publication_raw)
    return synced(
        view, ctx.triggered_id == ids.NATIONAL_PUBLICATION, peildatum_raw, year_raw, publication_raw
    )


def _map(
    metric_key: str, form: str, year_raw: str, peildatum_raw: str, publication_raw: str
) -> tuple[Any, Any, str]:
    # The trigger is an argument of the cached answer: it decides Patch or figure.
    return map_answer(metric_key, form, year_raw, peildatum_raw, ctx.triggered_id, publication_raw)


def view_parts() -> list[Part]:
    """What the page's view controls change, part by part, answered by one callback.

    A change of year asked eight callbacks at once, each its own round in the browser
    (``dashboard/infra/callback_parts.py``).
    """
    year, peildatum = Input(ids.NATIONAL_YEAR, "value"), Input(ids.NATIONAL_PEILDATUM, "value")
    chosen, since = Input(ids.NATIONAL_PUBLICATION, "value"), Input(ids.NATIONAL_SINCE, "value")
    metric, form = Input(ids.NATIONAL_METRIC, "value"), Input(ids.NATIONAL_MAP_FORM, "value")
    highlight, narrow = Input(ids.NATIONAL_HIGHLIGHT, "value"), Input(ids.NARROW, "data")
    return [
        # tiles, heading, verdict sentence
        Part(
            (
                Output(ids.NATIONAL_TILES, "children"),
                Output(ids.NATIONAL_HEADING, "children"),
                Output(ids.NATIONAL_VERDICT, "children"),
            ),
            (year, peildatum, since, chosen),
            national_answer,
        ),
        # map (Patch unless the form changed), fallback note, summary
        Part(
            (
                Output(ids.NATIONAL_MAP, "figure"),
                Output(ids.NATIONAL_MAP_NOTE, "children"),
                Output(ids.NATIONAL_MAP_SUMMARY, "children"),
            ),
            (metric, form, year, peildatum, chosen),
            _map,
        ),
        # ranking with the marked region, its summary, download links
        Part(
            (
                Output(ids.NATIONAL_RANKING, "figure"),
                Output(ids.NATIONAL_RANKING_SUMMARY, "children"),
                Output(ids.NATIONAL_EXPORT, "children"),
            ),
            (metric, year, peildatum, highlight, narrow, chosen),
            ranking_answer,
        ),
        # trend, its summary, download links
        Part(
            (
                Output(ids.NATIONAL_TREND, "figure"),
                Output(ids.NATIONAL_TREND_SUMMARY, "children"),
                Output(ids.NATIONAL_TREND_EXPORT, "children"),
            ),
            (year, peildatum, narrow, chosen),
            trend_answer,
        ),
        # every control -> URL query, so a link reproduces the view
        Part(
            (Output(ids.NATIONAL_URL, "search"),),
            (year, peildatum, metric, form, highlight, since, chosen),
            state_to_url,
        ),
        # marked region -> link to its page
        Part((Output(ids.NATIONAL_REGION_LINK, "children"),), (highlight, year, peildatum), region_link),
        # methods and funding: the country's figure, the grid of regions, sentences, download links
        Part(
            (
                Output(ids.NATIONAL_METHODS, "figure"),
                Output(ids.NATIONAL_METHODS_SUMMARY, "children"),
                Output(ids.NATIONAL_METHODS_GRID_NOTE, "children"),
                Output(ids.NATIONAL_METHODS_GRID, "figure"),
                Output(ids.NATIONAL_METHODS_GRID_SUMMARY, "children"),
                Output(ids.NATIONAL_METHODS_EXPORT, "children"),
            ),
            (year, peildatum, narrow),
            methods_answer,
        ),
        # the matrix of all regions for the year, with the filters and sort as they are
        # (callbacks/matrix.py answers a change of those)
        Part(
            (
                Output(ids.MATRIX_SORT, "tree", allow_duplicate=True),
                Output(ids.MATRIX_COUNT, "children", allow_duplicate=True),
            ),
            (
                year,
                peildatum,
                State(ids.MATRIX_BEHIND, "value"),
                State(ids.MATRIX_PROVINCE, "value"),
                State(ids.MATRIX_SORT_STATE, "data"),
            ),
            update_matrix,
        ),
    ]


def register(app: Dash) -> None:
    """Wire this module's callbacks to ``app``."""
    # The layout draws the page for the URL's view (layouts.national_content): the callbacks
    # wait for a control to change, so a fresh page asks the server nothing more.
    # The parts only read: the page may ask for them as the year or another select changes.
    register_parts(app, view_parts(), ask_early=True)

    # publication <-> peildatum (one callback, so the two controls cannot chase each other); year
    app.callback(
        Output(ids.NATIONAL_PEILDATUM, "value"),
        Output(ids.NATIONAL_YEAR, "value", allow_duplicate=True),
        Output(ids.NATIONAL_PUBLICATION, "value"),
        Input(ids.NATIONAL_PUBLICATION, "value"),
        Input(ids.NATIONAL_PEILDATUM, "value"),
        State(ids.NATIONAL_YEAR, "value"),
        prevent_initial_call=True,
    )(sync_publication)

    # peildatum -> year choices (and the year, when it lay after the peildatum's year)
    app.callback(
        Output(ids.NATIONAL_YEAR, "options"),
        Output(ids.NATIONAL_YEAR, "value"),
        Input(ids.NATIONAL_PEILDATUM, "value"),
        State(ids.NATIONAL_YEAR, "value"),
        prevent_initial_call=True,
    )(sync_year)
    # A region clicked on the map opens its page in the browser alone (assets/navigation.js).
