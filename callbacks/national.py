"""Callbacks of the national page (Landelijk): tiles, map, ranking, trend, URL and region clicks."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

import pandas as pd
import plotly.graph_objects as go
from dash import Dash, Input, NoUpdate, Output, Patch, State, ctx, html, no_update

from dashboard.data.national import NationalSummary, national_summary
from dashboard.data.progress import monthly_starts, progress_by_region
from dashboard.i18n import _
from dashboard.infra.callback_cache import cached_callback
from dashboard.infra.runtime import current_peildatum, runtime
from dashboard.reports.params import parse_since
from dashboard.rules import domain, metrics
from dashboard.rules.region_metrics import OutflowCohort, outflow_cohort, region_metrics
from dashboard.text import format as fmt
from geodata import region_refs, tile_layout
from layouts import ids, national
from layouts.controls import parse_peildatum, parse_region, parse_year, year_options
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
from layouts.figures.trend import trend_figure
from layouts.metric_specs import MetricSpec, metric
from layouts.tiles import tiles

# Inputs whose change leaves the map's form (and so its geometry) as it is.
VALUE_INPUTS = {ids.NATIONAL_METRIC, ids.NATIONAL_YEAR, ids.NATIONAL_PEILDATUM}


def resolve(year_raw: str | None, peildatum_raw: str | None) -> tuple[int, dt.date]:
    """Year and peildatum from the controls, within the period that has data."""
    peildatum = parse_peildatum(peildatum_raw, current_peildatum())
    return parse_year(year_raw, peildatum.year), peildatum


def year_before(day: dt.date) -> dt.date:
    """The same date one year earlier (28 February for 29 February)."""
    return day.replace(year=day.year - 1, day=min(day.day, 28) if day.month == 2 else day.day)


def previous_summary(year: int, peildatum: dt.date) -> NationalSummary | None:
    """The national figures at the same date a year earlier, when that year is in the programme."""
    if year - 1 < domain.FIRST_YEAR:
        return None
    return national_summary(runtime().db, year - 1, year_before(peildatum))


def update_national(
    year_raw: str | None, peildatum_raw: str | None, since_raw: str | None = None
) -> tuple[list[Any], str]:
    """National tiles (with last year's figures, or those at an earlier peildatum) and the heading."""
    year, peildatum = resolve(year_raw, peildatum_raw)
    summary = national_summary(runtime().db, year, peildatum)
    since = parse_since(since_raw, peildatum)
    mature_goal = None
    if not summary.cohort_mature and summary.mature_cohort is not None:
        # The latest mature cohort is held against the goal of its own year.
        mature_goal = national_summary(
            runtime().db, summary.mature_cohort.year, peildatum
        ).target_sustainable_pct
    if since is None:
        shown = tiles(summary, previous_summary(year, peildatum), mature_goal=mature_goal)
    else:
        # The same year as it stood at the earlier date: what changed since the last meeting.
        earlier = national_summary(runtime().db, year, since)
        shown = tiles(
            summary, earlier, mature_goal=mature_goal, compared=_("Op {date}").format(date=fmt.date(since))
        )
    return shown, national.heading(summary)


def sync_year(peildatum_raw: str | None, year_raw: str | None) -> tuple[list[dict[str, str]], str | NoUpdate]:
    """Year choices up to the peildatum's year; a later chosen year follows the peildatum back."""
    year, peildatum = resolve(year_raw, peildatum_raw)
    return year_options(peildatum.year), (str(year) if str(year) != year_raw else no_update)


def metric_rows(spec: MetricSpec, year: int, peildatum: dt.date) -> tuple[pd.DataFrame, OutflowCohort | None]:
    """The region rows a metric is shown from, and for outflow the cohort they belong to.

    Outflow of an immature cohort is not compared with the goal: map and ranking show the latest
    mature cohort instead and say so in their legend, the same choice as the outflow tile. Only
    when no cohort has matured yet do they show the immature one, in a neutral style.
    """
    cohort = outflow_cohort(year, peildatum) if spec.key == "duurzaam" else None
    shown = cohort.year if cohort is not None else year
    return region_metrics(progress_by_region(runtime().db, shown, peildatum), shown, peildatum), cohort


def update_map(
    metric_key: str | None,
    form: str | None,
    year_raw: str | None,
    peildatum_raw: str | None,
    trigger: str | None,
) -> tuple[go.Figure | Patch, Any, str]:
    """The map (a whole figure when its form changes, else only the new values), note and summary."""
    year, peildatum = resolve(year_raw, peildatum_raw)
    spec = metric(metric_key)
    frame, cohort = metric_rows(spec, year, peildatum)
    values = map_values(frame, spec, cohort)
    summary = map_summary(frame, spec, cohort)
    boundaries = runtime().boundaries
    shown = GEO if form == GEO and boundaries is not None else TILES
    # Whatever form was asked for: without boundaries the reader must learn why there is no real map.
    note = national.tile_map_note(runtime().boundary_problem) if boundaries is None else None
    if trigger in VALUE_INPUTS:
        return map_patch(shown, values), no_update, summary
    if shown == GEO and boundaries is not None:
        return geo_map_figure(boundaries, values), note, summary
    return tile_map_figure(tile_layout(), values), note, summary


def update_ranking(
    metric_key: str | None, year_raw: str | None, peildatum_raw: str | None, highlight: str | None
) -> tuple[go.Figure, str, object]:
    """The 35 regions ranked on the chosen metric, the chosen region marked; summary; download links."""
    year, peildatum = resolve(year_raw, peildatum_raw)
    spec = metric(metric_key)
    frame, cohort = metric_rows(spec, year, peildatum)
    region = parse_region(highlight)
    links = export_links("regios", year, peildatum, _("de cijfers achter kaart en rangorde"))
    return ranking_figure(frame, spec, region, cohort), ranking_summary(frame, spec, region, cohort), links


def update_trend(year_raw: str | None, peildatum_raw: str | None) -> tuple[go.Figure, str]:
    """Cumulative national starts per month for the year and the three before it, and a summary."""
    year, peildatum = resolve(year_raw, peildatum_raw)
    db = runtime().db
    first = max(domain.FIRST_YEAR, year - 3)
    monthly = monthly_starts(db, first, metrics.effective_date(year, peildatum))
    target = int(progress_by_region(db, year, peildatum)["doel_trajecten"].sum())
    return trend_figure(monthly, year, peildatum, target), national.trend_summary(
        monthly, year, peildatum, target
    )


def _trend_with_links(year_raw: str | None, peildatum_raw: str | None) -> tuple[go.Figure, str, object]:
    year, peildatum = resolve(year_raw, peildatum_raw)
    figure, summary = update_trend(year_raw, peildatum_raw)
    return figure, summary, export_links("trend", year, peildatum, _("de cijfers van de trend"))


def state_to_url(
    year_raw: str | None,
    peildatum_raw: str | None,
    metric_key: str | None,
    form: str | None,
    highlight: str | None,
    since_raw: str | None = None,
) -> str:
    """The query string that reproduces the view."""
    year, peildatum = resolve(year_raw, peildatum_raw)
    query = {
        "jaar": year,
        "peildatum": peildatum.isoformat(),
        "maat": metric(metric_key).key,
        "kaart": form or GEO,
    }
    region = parse_region(highlight)
    if region:
        query["regio"] = region
    since = parse_since(since_raw, peildatum)
    if since is not None:
        query["sinds"] = since.isoformat()
    return "?" + urlencode(query)


def region_url(code: str, year_raw: str | None, peildatum_raw: str | None) -> str:
    """The region page with the year and peildatum of the current view."""
    year, peildatum = resolve(year_raw, peildatum_raw)
    return f"/regio/{code}?" + urlencode({"jaar": year, "peildatum": peildatum.isoformat()})


def region_link(highlight: str | None, year_raw: str | None, peildatum_raw: str | None = None) -> Any:
    """A link to the marked region's page, so the drill-down also works without a mouse."""
    code = parse_region(highlight)
    if code is None:
        return None
    name = next(r.naam for r in region_refs() if r.code == code)
    return html.A(
        _("Open regiopagina {name}").format(name=name), href=region_url(code, year_raw, peildatum_raw)
    )


def open_region(
    click: dict[str, Any] | None, year_raw: str | None, peildatum_raw: str | None = None
) -> str | NoUpdate:
    """The region page of the clicked region (geographic map: location; tile map: customdata)."""
    if not click or not click.get("points"):
        return no_update
    point = click["points"][0]
    code = parse_region(point.get("location") or (point.get("customdata") or [None])[0])
    if code is None:
        return no_update
    return region_url(code, year_raw, peildatum_raw)


def register(app: Dash) -> None:
    """Wire this module's callbacks to ``app``."""
    year, peildatum = Input(ids.NATIONAL_YEAR, "value"), Input(ids.NATIONAL_PEILDATUM, "value")
    # year, peildatum -> tiles, heading
    since = Input(ids.NATIONAL_SINCE, "value")
    app.callback(
        Output(ids.NATIONAL_TILES, "children"),
        Output(ids.NATIONAL_HEADING, "children"),
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
    )(cached_callback(update_ranking))
    # year, peildatum -> trend and its summary
    app.callback(
        Output(ids.NATIONAL_TREND, "figure"),
        Output(ids.NATIONAL_TREND_SUMMARY, "children"),
        Output(ids.NATIONAL_TREND_EXPORT, "children"),
        year,
        peildatum,
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
