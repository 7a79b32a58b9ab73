"""Callbacks of the organisation level: the region's organisations grid and the organisation page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from dash import Dash, Input, NoUpdate, Output, State, html, no_update

from callbacks.national import resolve
from callbacks.region import unchanged_view
from dashboard.auth.viewer import current_viewer
from dashboard.data import access
from dashboard.data.cohorts import OrganisationRef
from dashboard.data.progress import progress_by_region
from dashboard.i18n import _
from dashboard.infra.callback_cache import cached_callback
from dashboard.infra.runtime import runtime
from dashboard.reports.params import parse_cohort, parse_organisation
from dashboard.rules import domain, metrics
from dashboard.rules.suppression import ORGANISATION_COUNTS, SuppressionRule
from dashboard.text import format as fmt
from dashboard.text.as_of import through
from dashboard.text.rounding import exact
from geodata import region_refs
from layouts import ids, mix_tables
from layouts import organisation as org_layout
from layouts.data_page import delivery_table
from layouts.exports import export_links
from layouts.figures.funnel import funnel_figure, funnel_summary
from layouts.figures.mix import mix_figure
from layouts.figures.theme import message_figure
from layouts.figures.trend import trend_figure
from layouts.region import breadcrumb, organisation_columns, view_query
from layouts.tables import table


def organisation_url(code: str, organisation: int, year: int, peildatum: dt.date) -> str:
    """The organisation page with the year and peildatum of the current view."""
    return f"/regio/{code}/organisatie/{organisation}" + view_query(year, peildatum)


def _plain(value: object) -> object:
    # Shown numbers as Python numbers, markers as text, missing as None (JSON for the grid). The
    # grid rounds halves away from zero as fmt does, once the float noise is gone (28.499999999999996
    # is 28.5, which shows as 29 %).
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, str):
        return value
    number = float(exact(value))  # type: ignore[arg-type]
    return int(number) if number.is_integer() else number


def organisation_rows(shown: pd.DataFrame) -> list[dict[str, Any]]:
    """Grid rows of the region's organisations as published (``access.organisation_table``)."""
    rows = []
    for rec in shown.to_dict("records"):
        last = rec["laatst_aangeleverd"]
        rows.append(
            {
                "id": int(rec["id"]),
                "organisatie": rec["organisatie"],
                # pandas gives NaN, not None, for an organisation of unknown type.
                "soort": rec["soort"] if isinstance(rec["soort"], str) else _("onbekend"),
                **{column: _plain(rec[column]) for column in ORGANISATION_COUNTS},
                "duurzaam_pct": _plain(rec["duurzaam_pct"]),
                "aandeel_pct": _plain(rec["aandeel_regio_pct"]),
                "onderdrukt": any(bool(rec[f"{column}_onderdrukt"]) for column in ORGANISATION_COUNTS),
                # The calendar day in Dutch time; the grid and the tile have no room for the time.
                "laatst_aangeleverd": fmt.moment(last).rsplit(" ", 1)[0]
                if last is not None and not pd.isna(last)
                else _("geen gegevens"),
            }
        )
    return rows


def suppression_rule() -> SuppressionRule:
    """The small-number rule for the current viewer (``beheer`` sees every number)."""
    return current_viewer().suppression(runtime().settings.suppression_minimum)


def organisation_table(code: str, year: int, peildatum: dt.date) -> pd.DataFrame:
    """The region's organisations as the current viewer may see them (``NoAccess`` otherwise)."""
    minimum = runtime().settings.suppression_minimum
    return access.organisation_table(current_viewer(), runtime().db, code, year, peildatum, minimum)


def update_organisations(
    year_raw: str | None, code: str | None, peildatum_raw: str | None, cohort_raw: str | None = None
) -> tuple[list[dict[str, Any]], object, object]:
    """The organisations grid of a region, its download links and the keyboard route to each page.

    Counts are those of start cohort ``year``; the outflow percentage is that of the page's start
    cohort, the one its gauge and comparison hold against the goal (named in the column title).
    """
    year, peildatum = resolve(year_raw, peildatum_raw)
    cohort = parse_cohort(cohort_raw, year, peildatum)
    region = next(r for r in region_refs() if r.code == code)
    try:
        rows = organisation_rows(organisation_table(region.code, year, peildatum))
        outflow = {
            row["id"]: row["duurzaam_pct"]
            for row in organisation_rows(organisation_table(region.code, cohort, peildatum))
        }
    except access.NoAccess:
        return [], None, []
    rows = [row | {"duurzaam_pct": outflow.get(row["id"])} for row in rows]
    links = export_links(
        "organisaties", year, peildatum, _("de cijfers per organisatie"), region=region.code, cohort=cohort
    )
    options = [{"label": row["organisatie"], "value": str(row["id"])} for row in rows]
    return rows, links, options


def update_organisation_columns(
    year_raw: str | None, peildatum_raw: str | None, cohort_raw: str | None
) -> list[dict[str, Any]]:
    """The grid's columns, the outflow column titled with the page's start cohort."""
    year, peildatum = resolve(year_raw, peildatum_raw)
    cohort = parse_cohort(cohort_raw, year, peildatum)
    return organisation_columns(cohort, metrics.cohort_is_mature(cohort, peildatum))


def open_organisation(
    cell: dict[str, Any] | None, code: str | None, year_raw: str | None, peildatum_raw: str | None
) -> str | NoUpdate:
    """A click on a row of the grid opens that organisation's page."""
    number = parse_organisation(str((cell or {}).get("rowId", "")))
    if number is None or code is None:
        return no_update
    year, peildatum = resolve(year_raw, peildatum_raw)
    return organisation_url(code, number, year, peildatum)


def organisation_link(
    chosen: str | None, code: str | None, year_raw: str | None, peildatum_raw: str | None
) -> html.A | None:
    """A link to the chosen organisation: the route to it that needs no pointer."""
    number = parse_organisation(chosen)
    if number is None or code is None:
        return None
    found = access.organisation(current_viewer(), runtime().db, number)
    if found is None or found.region_code != code:
        return None
    year, peildatum = resolve(year_raw, peildatum_raw)
    return html.A(
        _("Open {name}").format(name=found.naam), href=organisation_url(code, number, year, peildatum)
    )


def _organisation(raw: object) -> OrganisationRef:
    found = access.organisation(current_viewer(), runtime().db, parse_organisation(str(raw)))
    if found is None:
        # The same answer for an id that does not exist and one the viewer may not see.
        raise access.NoAccess(_("Organisatie niet gevonden of geen toegang."))
    return found


def _counts(found: OrganisationRef, year: int, peildatum: dt.date) -> dict[str, Any] | None:
    # The organisation's published row of the region table: a number hidden there stays hidden here.
    row = next(
        r
        for r in organisation_rows(organisation_table(found.region_code, year, peildatum))
        if r["id"] == found.id
    )
    return None if row["gestart"] is None else row


def update_organisation(
    year_raw: str | None, organisation: int | None, peildatum_raw: str | None, search: str | None = None
) -> tuple[list[Any], str, object, str | NoUpdate]:
    """The organisation's tiles, heading, breadcrumb and URL query."""
    year, peildatum = resolve(year_raw, peildatum_raw)
    found = _organisation(organisation)
    region = next(r for r in region_refs() if r.code == found.region_code)
    counts = _counts(found, year, peildatum)
    heading = _("Startcohort {year}, cijfers t/m {date}").format(year=year, date=through(year, peildatum))
    trail = breadcrumb(org_layout.organisation_trail(region, found, year, peildatum))
    query = no_update if unchanged_view(search, year, peildatum) else view_query(year, peildatum)
    # The region's own outflow goal for the year, as the region's gauge holds it (covenant default).
    targets = progress_by_region(runtime().db, year, peildatum).set_index("code")
    goal = float(targets.loc[found.region_code, "doel_duurzaam_pct"])
    return org_layout.tiles(counts, year, peildatum, goal), heading, trail, query


def update_organisation_figures(
    year_raw: str | None, organisation: int | None, peildatum_raw: str | None
) -> tuple[go.Figure, str, go.Figure, go.Figure, object]:
    """Funnel, monthly starts and the method mix of the organisation, small numbers suppressed."""
    year, peildatum = resolve(year_raw, peildatum_raw)
    found = _organisation(organisation)
    db = runtime().db
    counts = _counts(found, year, peildatum)
    title = _("{name}, startcohort {cohort}").format(name=found.naam, cohort=year)
    if counts is not None and counts["onderdrukt"]:
        marker = suppression_rule().marker
        text = _(
            "{name}: kleine aantallen (1 tot en met {largest}) worden op organisatieniveau niet getoond "
            "({marker} of x), zodat niemand herkenbaar is."
        ).format(name=found.naam, largest=suppression_rule().minimum - 1, marker=marker)
        funnel = funnel_figure(counts, title)
    else:
        text = funnel_summary(found.naam, counts, year)
        funnel = funnel_figure(counts, title)
    if counts is not None and not metrics.cohort_is_mature(year, peildatum):
        text += " " + _("Dit cohort is nog niet uitontwikkeld: duurzaam werk kan nog volgen.")
    first = max(domain.FIRST_YEAR, year - 1)
    viewer = current_viewer()
    monthly = access.organisation_monthly(viewer, db, found, first, metrics.effective_date(year, peildatum))
    mix = access.organisation_mix(viewer, db, found, year, peildatum)
    rule = suppression_rule()
    hidden = _("kleine aantallen niet getoond")
    # Starts per month and per method are single small counts at this level: shown only when none is.
    if any(rule.is_small(int(v)) for v in monthly["gestart"]):
        per_month = message_figure(hidden, 340)
    else:
        per_month = trend_figure(monthly, year, peildatum, None, years=2)
    if any(rule.is_small(int(v)) for v in [*mix["gestart"], *mix["duurzaam"]]):
        mix_shown, mix_table = message_figure(hidden), None
    else:
        mix_shown, mix_table = mix_figure(mix), mix_tables.mix_tables(mix, year)
    return funnel, text, per_month, mix_shown, mix_table


def update_deliveries(organisation: int | None, peildatum_raw: str | None) -> list[Any]:
    """Delivery per quarter and the files that brought the organisation's trajectories."""
    _year, peildatum = resolve(None, peildatum_raw)
    found = _organisation(organisation)
    db = runtime().db
    viewer = current_viewer()
    mine = access.delivery(viewer, db, peildatum, found.id)
    imports = access.organisation_files(viewer, db, found, peildatum)
    if imports.empty:
        return [html.P(_("Deze organisatie heeft nog geen trajecten aangeleverd (geen gegevens)."))]
    rows = [[fmt.moment(r.tijdstip), r.bestandsnaam, fmt.number(r.trajecten)] for r in imports.itertuples()]
    caption = _("Aangeleverde bestanden met haar trajecten")
    files = table(caption, [_("Ingelezen"), _("Bestand"), _("Rijen")], rows, {2})
    return [delivery_table(mine, found.region_code), files]


def register(app: Dash) -> None:
    """Wire this module's callbacks to ``app``."""
    region_year, region_code = Input(ids.REGION_YEAR, "value"), Input(ids.REGION_CODE, "data")
    region_day = Input(ids.REGION_PEILDATUM, "value")
    # region year, peildatum -> organisations grid, downloads, organisation picker
    app.callback(
        Output(ids.REGION_ORGANISATIONS, "rowData"),
        Output(ids.REGION_ORGANISATIONS_EXPORT, "children"),
        Output(ids.REGION_ORGANISATION_SELECT, "options"),
        region_year,
        region_code,
        region_day,
        Input(ids.REGION_COHORT, "value"),
    )(cached_callback(update_organisations))
    # region year, peildatum, cohort -> grid columns (the outflow column names its cohort)
    app.callback(
        Output(ids.REGION_ORGANISATIONS, "columnDefs"),
        region_year,
        region_day,
        Input(ids.REGION_COHORT, "value"),
    )(cached_callback(update_organisation_columns))
    # grid row clicked -> organisation page
    app.callback(
        Output(ids.NAVIGATE, "href", allow_duplicate=True),
        Input(ids.REGION_ORGANISATIONS, "cellClicked"),
        State(ids.REGION_CODE, "data"),
        State(ids.REGION_YEAR, "value"),
        State(ids.REGION_PEILDATUM, "value"),
        prevent_initial_call=True,
    )(open_organisation)
    # organisation chosen -> link to its page
    app.callback(
        Output(ids.REGION_ORGANISATION_LINK, "children"),
        Input(ids.REGION_ORGANISATION_SELECT, "value"),
        region_code,
        region_year,
        region_day,
    )(cached_callback(organisation_link))

    year, org, day = (
        Input(ids.ORG_YEAR, "value"),
        Input(ids.ORG_ID, "data"),
        Input(ids.ORG_PEILDATUM, "value"),
    )
    # year, peildatum -> organisation tiles, heading, breadcrumb, URL
    app.callback(
        Output(ids.ORG_TILES, "children"),
        Output(ids.ORG_HEADING, "children"),
        Output(ids.ORG_BREADCRUMB, "children"),
        Output(ids.URL, "search", allow_duplicate=True),
        year,
        org,
        day,
        State(ids.URL, "search"),
        prevent_initial_call="initial_duplicate",
    )(cached_callback(update_organisation))
    # year, peildatum -> funnel, monthly starts, mix
    app.callback(
        Output(ids.ORG_FUNNEL, "figure"),
        Output(ids.ORG_FUNNEL_TEXT, "children"),
        Output(ids.ORG_MONTHLY, "figure"),
        Output(ids.ORG_MIX, "figure"),
        Output(ids.ORG_MIX_TABLE, "children"),
        year,
        org,
        day,
    )(cached_callback(update_organisation_figures))
    # peildatum -> deliveries
    app.callback(Output(ids.ORG_DELIVERIES, "children"), org, day)(cached_callback(update_deliveries))
