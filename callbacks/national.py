"""Callbacks of the national page (Landelijk): tiles, map, ranking, trend, URL and region clicks."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
from dash import Dash, Input, NoUpdate, Output, Patch, State, ctx, html, no_update

from dashboard.auth.viewer import current_viewer
from dashboard.i18n import _
from dashboard.infra.callback_cache import cached_callback
from dashboard.infra.runtime import current_peildatum, runtime
from dashboard.reports.national import NationalReport, national_report
from dashboard.reports.publication import heading_mark, published_view
from dashboard.reports.verdict import national_verdict
from dashboard.reports.view import View
from geodata import region_refs, tile_layout
from layouts import ids, national
from layouts.controls import year_options
from layouts.exports import export_links
from layouts.figures.maps import (
    GEO,
    TILES,
    geo_map_figure,
    map_patch,
    map_summary,
    map_values,
    tile_map_figure,
)
from layouts.figures.ranking import ranking_figure, ranking_summary
from layouts.figures.theme import on_screen
from layouts.figures.trend import trend_figure
from layouts.metric_specs import metric
from layouts.tiles import national_tiles

# Inputs whose change leaves the map's form (and so its geometry) as it is.
VALUE_INPUTS = {ids.NATIONAL_METRIC, ids.NATIONAL_YEAR, ids.NATIONAL_PEILDATUM}


def parse_view(**raw: object) -> View:
    """The view of the page's control values, under the URL's names (``jaar``, ``peildatum`` …)."""
    return View.parse(raw, current_peildatum())


def _report(view: View) -> NationalReport:
    # Everyone but beheer reads the snapshot standing at the peildatum, when there is one.
    db = runtime().db
    return national_report(db, published_view(db, view, current_viewer())[0])


def update_national(
    year_raw: str | None, peildatum_raw: str | None, since_raw: str | None = None
) -> tuple[list[Any], str, str]:
    """National tiles (with last year's figures, or those at an earlier peildatum), heading, verdict."""
    view = parse_view(jaar=year_raw, peildatum=peildatum_raw, sinds=since_raw)
    _shown, found = published_view(runtime().db, view, current_viewer())
    report = _report(view)
    heading = f"{national.heading(report.summary)} · {heading_mark(found)}"
    return national_tiles(report), heading, national_verdict(report)


def sync_year(peildatum_raw: str | None, year_raw: str | None) -> tuple[list[dict[str, str]], str | NoUpdate]:
    """Year choices up to the peildatum's year; a later chosen year follows the peildatum back."""
    view = parse_view(jaar=year_raw, peildatum=peildatum_raw)
    shown = str(view.year)
    return year_options(view.peildatum.year), (shown if shown != year_raw else no_update)


def update_map(
    metric_key: str | None,
    form: str | None,
    year_raw: str | None,
    peildatum_raw: str | None,
    trigger: str | None,
) -> tuple[go.Figure | Patch, Any, str]:
    """The map (a whole figure when its form changes, else only the new values), note and summary.

    Outflow of an immature cohort is not compared with the goal: the report's outflow rows are
    those of the latest mature cohort, and the legend says so (the same choice as the tile).
    """
    view = parse_view(maat=metric_key, kaart=form, jaar=year_raw, peildatum=peildatum_raw)
    report = _report(view)
    spec = metric(view.metric)
    frame, cohort = report.frame_for(spec.key), report.cohort_for(spec.key)
    values, summary = map_values(frame, spec, cohort), map_summary(frame, spec, cohort)
    boundaries = runtime().boundaries
    shown = GEO if view.map_form == GEO and boundaries is not None else TILES
    # Whatever form was asked for: without boundaries the reader must learn why there is no real map.
    note = national.tile_map_note(runtime().boundary_problem) if boundaries is None else None
    if trigger in VALUE_INPUTS:
        return map_patch(shown, values), no_update, summary
    if shown == GEO and boundaries is not None:
        return geo_map_figure(boundaries, values), note, summary
    return tile_map_figure(tile_layout(), values), note, summary


def update_ranking(
    metric_key: str | None,
    year_raw: str | None,
    peildatum_raw: str | None,
    highlight: str | None,
    narrow: bool | None = None,
) -> tuple[go.Figure, str, object]:
    """The 35 regions ranked on the chosen metric, the chosen region marked; summary; download links."""
    view = parse_view(maat=metric_key, jaar=year_raw, peildatum=peildatum_raw, regio=highlight)
    report = _report(view)
    spec = metric(view.metric)
    frame, cohort = report.frame_for(spec.key), report.cohort_for(spec.key)
    links = export_links("regios", view.year, view.peildatum, _("de cijfers achter kaart en rangorde"))
    return (
        ranking_figure(frame, spec, view.region, cohort, on_screen(narrow), moved=report.movement(spec.key)),
        ranking_summary(frame, spec, view.region, cohort),
        links,
    )


def update_trend(
    year_raw: str | None, peildatum_raw: str | None, narrow: bool | None = None
) -> tuple[go.Figure, str]:
    """Cumulative national starts per month for the year and the three before it, and a summary."""
    report = _report(parse_view(jaar=year_raw, peildatum=peildatum_raw))
    target = report.summary.target_started
    return (
        trend_figure(report.monthly, report.year, report.peildatum, target, medium=on_screen(narrow)),
        national.trend_summary(report.monthly, report.year, report.peildatum, target),
    )


def _trend_with_links(
    year_raw: str | None, peildatum_raw: str | None, narrow: bool | None = None
) -> tuple[go.Figure, str, object]:
    view = parse_view(jaar=year_raw, peildatum=peildatum_raw)
    figure, summary = update_trend(year_raw, peildatum_raw, narrow)
    return figure, summary, export_links("trend", view.year, view.peildatum, _("de cijfers van de trend"))


def state_to_url(
    year_raw: str | None,
    peildatum_raw: str | None,
    metric_key: str | None,
    form: str | None,
    highlight: str | None,
    since_raw: str | None = None,
) -> str:
    """The query string that reproduces the view."""
    view = parse_view(
        jaar=year_raw, peildatum=peildatum_raw, maat=metric_key, kaart=form, regio=highlight, sinds=since_raw
    )
    return view.query("maat", "kaart", "regio", "sinds")


def region_link(highlight: str | None, year_raw: str | None, peildatum_raw: str | None = None) -> Any:
    """A link to the marked region's page, so the drill-down also works without a mouse."""
    view = parse_view(regio=highlight, jaar=year_raw, peildatum=peildatum_raw)
    if view.region is None:
        return None
    name = next(r.naam for r in region_refs() if r.code == view.region)
    return html.A(_("Open regiopagina {name}").format(name=name), href=f"/regio/{view.region}" + view.query())


def open_region(
    click: dict[str, Any] | None, year_raw: str | None, peildatum_raw: str | None = None
) -> str | NoUpdate:
    """The region page of the clicked region (geographic map: location; tile map: customdata)."""
    # Click data comes from the browser: anything but Plotly's shape (a forged request) is no click.
    points = click.get("points") if isinstance(click, dict) else None
    point = points[0] if isinstance(points, list) and points else None
    if not isinstance(point, dict):
        return no_update
    custom = point.get("customdata")
    clicked = point.get("location") or (custom[0] if isinstance(custom, list) and custom else None)
    view = parse_view(regio=clicked, jaar=year_raw, peildatum=peildatum_raw)
    if view.region is None:
        return no_update
    return f"/regio/{view.region}" + view.query()


def register(app: Dash) -> None:
    """Wire this module's callbacks to ``app``."""
    year, peildatum = Input(ids.NATIONAL_YEAR, "value"), Input(ids.NATIONAL_PEILDATUM, "value")
    # year, peildatum, comparison date -> tiles, heading, verdict sentence
    since = Input(ids.NATIONAL_SINCE, "value")
    app.callback(
        Output(ids.NATIONAL_TILES, "children"),
        Output(ids.NATIONAL_HEADING, "children"),
        Output(ids.NATIONAL_VERDICT, "children"),
        year,
        peildatum,
        since,
    )(cached_callback(update_national))

    # peildatum -> year choices (and the year, when it lay after the peildatum's year)
    app.callback(
        Output(ids.NATIONAL_YEAR, "options"),
        Output(ids.NATIONAL_YEAR, "value"),
        Input(ids.NATIONAL_PEILDATUM, "value"),
        State(ids.NATIONAL_YEAR, "value"),
        prevent_initial_call=True,
    )(sync_year)

    # metric, map form, year, peildatum -> map (Patch unless the form changed), fallback note, summary
    map_answer = cached_callback(update_map)  # the trigger is an argument: it decides Patch or figure

    def _map(metric_key: str, form: str, year_raw: str, peildatum_raw: str) -> tuple[Any, Any, str]:
        return map_answer(metric_key, form, year_raw, peildatum_raw, ctx.triggered_id)

    app.callback(
        Output(ids.NATIONAL_MAP, "figure"),
        Output(ids.NATIONAL_MAP_NOTE, "children"),
        Output(ids.NATIONAL_MAP_SUMMARY, "children"),
        Input(ids.NATIONAL_METRIC, "value"),
        Input(ids.NATIONAL_MAP_FORM, "value"),
        year,
        peildatum,
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
    )(cached_callback(update_ranking))
    # year, peildatum, phone-sized screen -> trend and its summary
    app.callback(
        Output(ids.NATIONAL_TREND, "figure"),
        Output(ids.NATIONAL_TREND_SUMMARY, "children"),
        Output(ids.NATIONAL_TREND_EXPORT, "children"),
        year,
        peildatum,
        Input(ids.NARROW, "data"),
    )(cached_callback(_trend_with_links))
    # every control -> URL query, so a link reproduces the view
    app.callback(
        Output(ids.URL, "search", allow_duplicate=True),
        year,
        peildatum,
        Input(ids.NATIONAL_METRIC, "value"),
        Input(ids.NATIONAL_MAP_FORM, "value"),
        Input(ids.NATIONAL_HIGHLIGHT, "value"),
        since,
        prevent_initial_call="initial_duplicate",
    )(state_to_url)
    # marked region -> link to its page
    app.callback(
        Output(ids.NATIONAL_REGION_LINK, "children"),
        Input(ids.NATIONAL_HIGHLIGHT, "value"),
        year,
        peildatum,
    )(region_link)
    # region clicked on the map -> region page
    app.callback(
        Output(ids.NAVIGATE, "href"),
        Input(ids.NATIONAL_MAP, "clickData"),
        State(ids.NATIONAL_YEAR, "value"),
        State(ids.NATIONAL_PEILDATUM, "value"),
        prevent_initial_call=True,
    )(open_region)
