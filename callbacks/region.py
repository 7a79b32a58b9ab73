"""Callbacks of the region page: gauges, funnels, monthly progress, mix, cadence and comparison."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import parse_qs

import pandas as pd
import plotly.graph_objects as go
from dash import Dash, Input, NoUpdate, Output, State, ctx, no_update

from callbacks.national import resolve, year_before
from dashboard.data.cadence import (
    attendance_by_type,
    case_discussion_gaps,
    meetings_of_region,
    meetings_with_attendance,
)
from dashboard.data.cohorts import funnel_by_region, method_mix
from dashboard.data.meetings import last_case_discussion
from dashboard.data.national import summarise_country
from dashboard.data.progress import monthly_starts, progress_by_region
from dashboard.i18n import _
from dashboard.infra.callback_cache import cached_callback
from dashboard.infra.runtime import runtime
from dashboard.reports.params import parse_cohort
from dashboard.rules import comparison, domain, metrics
from dashboard.text import format as fmt
from dashboard.text.as_of import through
from geodata import RegionRef, region_refs
from layouts import gauges, ids, mix_tables
from layouts.exports import export_links
from layouts.figures.cadence import cadence_figure, cadence_summary
from layouts.figures.funnel import funnel_figure, funnel_summary
from layouts.figures.funnel_plot import funnel_plot_figure, funnel_plot_summary
from layouts.figures.mix import mix_figure
from layouts.figures.trend import trend_figure
from layouts.meetings import overdue
from layouts.region import breadcrumb, region_trail, view_query
from layouts.tables import table


def _region(code: str | None) -> RegionRef:
    return next(r for r in region_refs() if r.code == code)


def funnel_counts(year: int, peildatum: dt.date, code: str | None = None) -> dict[str, int] | None:
    """The funnel of one region (or, without ``code``, the country); None when it has no rows."""
    frame = funnel_by_region(runtime().db, year, peildatum)
    if code is not None:
        frame = frame[frame["code"] == code]
    if frame.empty:
        return None
    return {str(k): int(v) for k, v in frame.drop(columns="code").sum().items()}


def unchanged_view(search: str | None, year: int, peildatum: dt.date, cohort: int | None = None) -> bool:
    """Whether the address already shows this view.

    Writing the same view again would only add a step to the browser history, after which Back
    would seem to do nothing.
    """
    query = parse_qs((search or "").lstrip("?"))

    def first(key: str) -> str | None:
        return query[key][0] if key in query else None

    shown_year, shown_day = resolve(first("jaar"), first("peildatum"))
    same = (shown_year, shown_day) == (year, peildatum)
    return same and (cohort is None or parse_cohort(first("cohort"), shown_year, shown_day) == cohort)


def update_region(
    year_raw: str | None,
    code: str | None,
    peildatum_raw: str | None = None,
    cohort_raw: str | None = None,
    search: str | None = None,
) -> tuple[list[Any], str, object, object, str | NoUpdate]:
    """The four goal gauges, the heading, the download links, the breadcrumb and the URL query."""
    year, peildatum = resolve(year_raw, peildatum_raw)
    cohort = parse_cohort(cohort_raw, year, peildatum)
    db = runtime().db
    ref = _region(code)
    frame = progress_by_region(db, year, peildatum)
    row = frame[frame["code"] == ref.code]
    summary = summarise_country(row, year, peildatum)
    previous = None
    if year - 1 >= domain.FIRST_YEAR:
        before = year_before(peildatum)
        earlier = progress_by_region(db, year - 1, before)
        previous = summarise_country(earlier[earlier["code"] == ref.code], year - 1, before)
    cohort_row = progress_by_region(db, cohort, peildatum).set_index("code").loc[ref.code]
    outflow = gauges.CohortOutflow(
        cohort,
        int(cohort_row["gestart"]) if cohort_row["geleverd"] else 0,
        int(cohort_row["duurzaam"]),
        metrics.cohort_is_mature(cohort, peildatum),
    )
    last_day = metrics.effective_date(year, peildatum)
    last_case = last_case_discussion(db, last_day).set_index("code")["laatste"].get(ref.code)
    last_case = None if last_case is None or pd.isna(last_case) else last_case
    is_overdue = overdue(last_case, last_day)
    held = (
        (int(row["leerbijeenkomsten"].iloc[0]), int(row["casusbesprekingen"].iloc[0]))
        if summary.meetings_delivered
        else (None, None)
    )
    before_held = (
        (previous.learning_sessions, previous.case_discussions)
        if previous and previous.meetings_delivered
        else (None, None)
    )
    cards = [
        gauges.starts_gauge(summary, previous),
        gauges.outflow_gauge(outflow, float(row["doel_duurzaam_pct"].iloc[0])),
        gauges.meeting_gauge(
            _("Leerbijeenkomsten"),
            held[0],
            summary.target_learning_sessions,
            year,
            peildatum,
            "gauge-leer",
            before_held[0],
        ),
        gauges.meeting_gauge(
            _("Casusbesprekingen"),
            held[1],
            summary.target_case_discussions,
            year,
            peildatum,
            "gauge-casus",
            before_held[1],
            gauges.overdue_flag(last_case, last_day, is_overdue) if summary.meetings_delivered else None,
        ),
    ]
    heading = _("Arbeidsmarktregio {code} · provincie {province} · voortgang {year}, t/m {date}").format(
        code=ref.code, province=ref.provincie, year=year, date=through(year, peildatum)
    )
    links = export_links(
        "regios", year, peildatum, _("de cijfers van deze regio"), region=ref.code, cohort=cohort
    )
    trail = breadcrumb(region_trail(ref, year, peildatum))
    query = (
        no_update
        if unchanged_view(search, year, peildatum, cohort)
        else view_query(year, peildatum, cohort=str(cohort))
    )
    return cards, heading, links, trail, query


def update_funnels(
    year_raw: str | None, code: str | None, peildatum_raw: str | None, cohort_raw: str | None
) -> tuple[go.Figure, go.Figure, str, object]:
    """The region's funnel for the chosen start cohort, the national one beside it, text, downloads."""
    year, peildatum = resolve(year_raw, peildatum_raw)
    cohort = parse_cohort(cohort_raw, year, peildatum)
    ref = _region(code)
    region_counts = funnel_counts(cohort, peildatum, ref.code)
    national_counts = funnel_counts(cohort, peildatum)
    text = " ".join(
        [
            funnel_summary(ref.naam, region_counts, cohort),
            funnel_summary(_("Landelijk"), national_counts, cohort),
        ]
    )
    if not metrics.cohort_is_mature(cohort, peildatum):
        text += " " + _("Dit cohort is nog niet uitontwikkeld: duurzaam werk kan nog volgen.")
    what = _("de trechter van startcohort {cohort}").format(cohort=cohort)
    return (
        funnel_figure(region_counts, _("{name}, startcohort {cohort}").format(name=ref.naam, cohort=cohort)),
        funnel_figure(national_counts, _("Landelijk, startcohort {cohort}").format(cohort=cohort)),
        text,
        export_links("trechter", cohort, peildatum, what, region=ref.code),
    )


def update_monthly(year_raw: str | None, code: str | None, peildatum_raw: str | None) -> go.Figure:
    """Cumulative starts per month of this year and last year against the region's target line."""
    year, peildatum = resolve(year_raw, peildatum_raw)
    db = runtime().db
    first = max(domain.FIRST_YEAR, year - 1)
    monthly = monthly_starts(db, first, metrics.effective_date(year, peildatum), region=code)
    target = progress_by_region(db, year, peildatum).set_index("code").loc[code, "doel_trajecten"]
    return trend_figure(monthly, year, peildatum, int(target), years=2)


def update_mix(
    year_raw: str | None, code: str | None, peildatum_raw: str | None, cohort_raw: str | None
) -> tuple[go.Figure, object, object]:
    """Methods and funding streams of the chosen cohort, the same numbers as a table, downloads."""
    year, peildatum = resolve(year_raw, peildatum_raw)
    cohort = parse_cohort(cohort_raw, year, peildatum)
    code = _region(code).code
    mix = method_mix(runtime().db, cohort, peildatum, region=code)
    what = _("methoden en financiering {cohort}").format(cohort=cohort)
    links = export_links("methoden", cohort, peildatum, what, region=code)
    return mix_figure(mix), mix_tables.mix_tables(mix, cohort), links


def update_cadence(
    year_raw: str | None, code: str | None, peildatum_raw: str | None
) -> tuple[go.Figure, str, object, object]:
    """The meeting timeline with long gaps between case discussions, its text, who attended, downloads."""
    year, peildatum = resolve(year_raw, peildatum_raw)
    db = runtime().db
    code = _region(code).code
    meetings = meetings_of_region(db, code, year, peildatum)
    before = last_case_discussion(db, dt.date(year - 1, 12, 31)).set_index("code")["laatste"].get(code)
    previous = None if before is None or pd.isna(before) else before
    cases = meetings.loc[meetings["soort"] == "casusbespreking", "datum"].tolist()
    gaps = case_discussion_gaps(cases, year, peildatum, previous=previous)
    targets = progress_by_region(db, year, peildatum).set_index("code").loc[code]
    text = cadence_summary(
        meetings,
        gaps,
        year,
        peildatum,
        int(targets["doel_leerbijeenkomsten"]),
        int(targets["doel_casusbesprekingen"]),
    )
    attendance = mix_tables.attendance_table(
        attendance_by_type(db, code, year, peildatum), meetings_with_attendance(db, code, year, peildatum)
    )
    what = _("de bijeenkomsten van {year}").format(year=year)
    links = export_links("bijeenkomstenlijst", year, peildatum, what, region=code)
    return cadence_figure(meetings, gaps, year, peildatum), text, attendance, links


def update_comparison(
    year_raw: str | None, code: str | None, peildatum_raw: str | None, cohort_raw: str | None
) -> tuple[object, go.Figure, str]:
    """The region beside the country, the median and similar regions; the outflow funnel plot."""
    year, peildatum = resolve(year_raw, peildatum_raw)
    cohort = parse_cohort(cohort_raw, year, peildatum)
    db = runtime().db
    ref = _region(code)
    regions = progress_by_region(db, year, peildatum)
    cohort_regions = progress_by_region(db, cohort, peildatum)
    # Outflow belongs to a start cohort: the row follows the cohort chosen for funnel and gauge.
    compared = comparison.compare_region_with_cohort(
        regions, cohort_regions, ref.code, year, cohort, peildatum
    )
    figure = funnel_plot_figure(cohort_regions, ref.code, not metrics.cohort_is_mature(cohort, peildatum))
    similar = comparison.similar_volume(regions, ref.code)
    names = {r.code: r.naam for r in region_refs()}
    rows = [
        [
            # comparison.py names its measures in Dutch; the outflow row is translated already.
            _(row.maat),
            _shown(row.regio, row.maat),
            _shown(row.landelijk, row.maat),
            _shown(row.mediaan, row.maat),
            _shown(row.vergelijkbaar, row.maat),
            row.rang or "–",
        ]
        for row in compared.itertuples()
    ]
    caption = _("{name} vergeleken, {year} t/m {date}. Vergelijkbaar volume: {similar}.").format(
        name=ref.naam,
        year=year,
        date=through(year, peildatum),
        similar=", ".join(names[c] for c in similar) or _("geen"),
    )
    headers = [
        _("Maat"),
        ref.naam,
        _("Landelijk"),
        _("Mediaan 35 regio's"),
        _("Vergelijkbare regio's"),
        _("Rang"),
    ]
    grid = table(caption, headers, rows, {1, 2, 3, 4})
    text = _("Startcohort {cohort}. {summary}").format(
        cohort=cohort, summary=funnel_plot_summary(cohort_regions, ref.code)
    )
    return grid, figure, text


def update_region_page(
    year_raw: str | None,
    code: str | None,
    peildatum_raw: str | None,
    cohort_raw: str | None = None,
    search: str | None = None,
    cohort_only: bool = False,
) -> tuple[Any, ...]:
    """Every part of the region page in one answer, in the order ``register`` declares the outputs.

    One request instead of six: each request pays for the login check, the import-log read and
    Dash's dispatch again, and the parts share their data anyway. When only the start cohort
    changed, the monthly progress and the meetings (which do not depend on it) stay as they are.
    """
    region = update_region(year_raw, code, peildatum_raw, cohort_raw, search)
    funnels = update_funnels(year_raw, code, peildatum_raw, cohort_raw)
    mix = update_mix(year_raw, code, peildatum_raw, cohort_raw)
    compared = update_comparison(year_raw, code, peildatum_raw, cohort_raw)
    if cohort_only:
        monthly: Any = no_update
        cadence: tuple[Any, ...] = (no_update,) * 4
    else:
        monthly = update_monthly(year_raw, code, peildatum_raw)
        cadence = update_cadence(year_raw, code, peildatum_raw)
    return (*region, *funnels, monthly, *mix, *cadence, *compared)


def _shown(value: float | None, measure: str) -> str:
    if value is None or pd.isna(value):
        return _("geen gegevens")
    if "%" in measure:
        return fmt.percentage(value)
    return fmt.number(value, 1 if value != int(value) else 0)


def register(app: Dash) -> None:
    """Wire this module's callbacks to ``app``."""
    page_answer = cached_callback(update_region_page)  # the trigger is an argument: it decides what is redone

    def _page(
        year_raw: str | None,
        code: str | None,
        peildatum_raw: str | None,
        cohort_raw: str | None,
        search: str | None,
    ) -> tuple[Any, ...]:
        cohort_only = set(ctx.triggered_prop_ids) == {f"{ids.REGION_COHORT}.value"}
        return page_answer(year_raw, code, peildatum_raw, cohort_raw, search, cohort_only)

    # year, peildatum, cohort -> gauges, heading, downloads, breadcrumb, URL; region and national
    # funnel; monthly progress; method and funding mix; meeting timeline; comparison
    app.callback(
        Output(ids.REGION_TILES, "children"),
        Output(ids.REGION_HEADING, "children"),
        Output(ids.REGION_EXPORT, "children"),
        Output(ids.REGION_BREADCRUMB, "children"),
        Output(ids.URL, "search", allow_duplicate=True),
        Output(ids.REGION_FUNNEL, "figure"),
        Output(ids.REGION_FUNNEL_NATIONAL, "figure"),
        Output(ids.REGION_FUNNEL_TEXT, "children"),
        Output(ids.REGION_FUNNEL_EXPORT, "children"),
        Output(ids.REGION_MONTHLY, "figure"),
        Output(ids.REGION_MIX, "figure"),
        Output(ids.REGION_MIX_TABLE, "children"),
        Output(ids.REGION_MIX_EXPORT, "children"),
        Output(ids.REGION_CADENCE, "figure"),
        Output(ids.REGION_CADENCE_TEXT, "children"),
        Output(ids.REGION_ATTENDANCE, "children"),
        Output(ids.REGION_CADENCE_EXPORT, "children"),
        Output(ids.REGION_COMPARISON, "children"),
        Output(ids.REGION_FUNNEL_PLOT, "figure"),
        Output(ids.REGION_FUNNEL_PLOT_TEXT, "children"),
        Input(ids.REGION_YEAR, "value"),
        Input(ids.REGION_CODE, "data"),
        Input(ids.REGION_PEILDATUM, "value"),
        Input(ids.REGION_COHORT, "value"),
        State(ids.URL, "search"),
        prevent_initial_call="initial_duplicate",
    )(_page)
