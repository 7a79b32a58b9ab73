"""Callbacks of the national page (Landelijk): tiles, map, ranking, trend, URL and region clicks.

What each output shows comes from ``layouts.national_content``, which the page's layout also calls
for its first response: so the callbacks that fill the page wait for a control to change.
"""

from __future__ import annotations

from typing import Any

from dash import Dash, Input, NoUpdate, Output, State, ctx, no_update

from layouts import ids
from layouts.controls import year_options
from layouts.national_content import (
    map_answer,
    national_answer,
    parse_view,
    ranking_answer,
    region_link,
    state_to_url,
    trend_answer,
    trend_with_links,
    update_map,
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


def register(app: Dash) -> None:
    """Wire this module's callbacks to ``app``."""
    # The layout draws the page for the URL's view (layouts.national_content): each callback below
    # waits for a control to change, so a fresh page asks the server nothing more.
    year, peildatum = Input(ids.NATIONAL_YEAR, "value"), Input(ids.NATIONAL_PEILDATUM, "value")
    chosen = Input(ids.NATIONAL_PUBLICATION, "value")
    # year, peildatum, comparison date, publication -> tiles, heading, verdict sentence
    since = Input(ids.NATIONAL_SINCE, "value")
    app.callback(
        Output(ids.NATIONAL_TILES, "children"),
        Output(ids.NATIONAL_HEADING, "children"),
        Output(ids.NATIONAL_VERDICT, "children"),
        year,
        peildatum,
        since,
        chosen,
        prevent_initial_call=True,
    )(national_answer)

    # publication <-> peildatum (one callback, so the two controls cannot chase each other); year
    app.callback(
        Output(ids.NATIONAL_PEILDATUM, "value"),
        Output(ids.NATIONAL_YEAR, "value", allow_duplicate=True),
        Output(ids.NATIONAL_PUBLICATION, "value"),
        chosen,
        peildatum,
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

    # metric, map form, year, peildatum -> map (Patch unless the form changed), fallback note, summary

    # The trigger is an argument of the cached answer: it decides Patch or figure.
    def _map(
        metric_key: str, form: str, year_raw: str, peildatum_raw: str, publication_raw: str
    ) -> tuple[Any, Any, str]:
        return map_answer(metric_key, form, year_raw, peildatum_raw, ctx.triggered_id, publication_raw)

    app.callback(
        Output(ids.NATIONAL_MAP, "figure"),
        Output(ids.NATIONAL_MAP_NOTE, "children"),
        Output(ids.NATIONAL_MAP_SUMMARY, "children"),
        Input(ids.NATIONAL_METRIC, "value"),
        Input(ids.NATIONAL_MAP_FORM, "value"),
        year,
        peildatum,
        chosen,
        prevent_initial_call=True,
    )(_map)
    # metric, year, peildatum, marked region -> ranking, its summary, download links
    app.callback(
        Output(ids.NATIONAL_RANKING, "figure"),
        Output(ids.NATIONAL_RANKING_SUMMARY, "children"),
        Output(ids.NATIONAL_EXPORT, "children"),
        Input(ids.NATIONAL_METRIC, "value"),
        year,
        peildatum,
        Input(ids.NATIONAL_HIGHLIGHT, "value"),
        Input(ids.NARROW, "data"),
        chosen,
        prevent_initial_call=True,
    )(ranking_answer)
    # year, peildatum, phone-sized screen -> trend and its summary
    app.callback(
        Output(ids.NATIONAL_TREND, "figure"),
        Output(ids.NATIONAL_TREND_SUMMARY, "children"),
        Output(ids.NATIONAL_TREND_EXPORT, "children"),
        year,
        peildatum,
        Input(ids.NARROW, "data"),
        chosen,
        prevent_initial_call=True,
    )(trend_answer)
    # every control -> URL query, so a link reproduces the view
    app.callback(
        Output(ids.NATIONAL_URL, "search"),
        year,
        peildatum,
        Input(ids.NATIONAL_METRIC, "value"),
        Input(ids.NATIONAL_MAP_FORM, "value"),
        Input(ids.NATIONAL_HIGHLIGHT, "value"),
        since,
        chosen,
        prevent_initial_call=True,
    )(state_to_url)
    # marked region -> link to its page
    app.callback(
        Output(ids.NATIONAL_REGION_LINK, "children"),
        Input(ids.NATIONAL_HIGHLIGHT, "value"),
        year,
        peildatum,
        prevent_initial_call=True,
    )(region_link)
    # A region clicked on the map opens its page in the browser alone (assets/navigation.js).
