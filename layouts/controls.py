"""Labelled form controls shared by the pages (their values are parsed by the View)."""

from __future__ import annotations

import datetime as dt

import dash_bootstrap_components as dbc
from dash import html
from dash.development.base_component import Component

from dashboard.i18n import _
from dashboard.reports.params import FIRST_DAY
from dashboard.rules import domain
from geodata import region_refs
from layouts.figures.maps import GEO, TILES
from layouts.metric_specs import METRICS


def _labelled(label: str, control_id: str, control: Component) -> html.Div:
    return html.Div(
        [dbc.Label(label, html_for=control_id, className="me-2 mb-0 text-nowrap"), control],
        className="d-flex align-items-center me-4 mb-2",
    )


def labelled_select(label: str, component_id: str, options: list[dict[str, str]], value: str) -> html.Div:
    """A native select with a visible label (its options may come from a callback)."""
    select = dbc.Select(id=component_id, options=options, value=value, placeholder=_("kies …"))
    return _labelled(label, component_id, select)


def year_options(last_year: int) -> list[dict[str, str]]:
    """Years the programme has run, newest first."""
    return [{"label": str(y), "value": str(y)} for y in range(last_year, domain.FIRST_YEAR - 1, -1)]


def year_select(component_id: str, value: int, last_year: int) -> html.Div:
    """A labelled native select for the reporting year (works with keyboard and screen readers)."""
    select = dbc.Select(
        id=component_id, options=year_options(last_year), value=str(value), style={"width": "7rem"}
    )
    return html.Div(_labelled(_("Jaar"), component_id, select), className="d-flex flex-wrap mb-3")


def peildatum_input(component_id: str, value: dt.date, latest: dt.date) -> html.Div:
    """A native date input for the peildatum, limited to the period with data."""
    field = dbc.Input(
        id=component_id,
        type="date",
        value=value.isoformat(),
        min=FIRST_DAY.isoformat(),
        max=latest.isoformat(),
        debounce=True,
        style={"width": "11rem"},
    )
    return _labelled(_("Peildatum"), component_id, field)


def since_input(component_id: str, value: dt.date | None, latest: dt.date) -> html.Div:
    """An optional earlier peildatum for the tiles to compare with (empty: the same date last year)."""
    field = dbc.Input(
        id=component_id,
        type="date",
        value=value.isoformat() if value else "",
        min=FIRST_DAY.isoformat(),
        max=latest.isoformat(),
        debounce=True,
        style={"width": "11rem"},
    )
    return _labelled(_("Vergelijk met"), component_id, field)


def metric_select(component_id: str, value: str) -> html.Div:
    """What the map and the ranking show."""
    options = [{"label": spec.label, "value": key} for key, spec in METRICS.items()]
    return _labelled(
        _("Kaart en rangorde"), component_id, dbc.Select(id=component_id, options=options, value=value)
    )


def map_form_choice(component_id: str, value: str) -> html.Fieldset:
    """Geographic map or tile map, as radio buttons (one tab stop, arrow keys choose)."""
    radios = dbc.RadioItems(
        id=component_id,
        options=[{"label": _("Kaart"), "value": GEO}, {"label": _("Tegelkaart"), "value": TILES}],
        value=value,
        inline=True,
    )
    return html.Fieldset(
        [html.Legend(_("Kaartvorm"), className="form-label fs-6 me-2 mb-0 float-none w-auto"), radios],
        className="d-flex align-items-center me-4 mb-2",
    )


NO_REGION = "geen"


def region_select(component_id: str, value: str | None) -> html.Div:
    """Which region the ranking marks ("geen" marks none; it names no region, so parses to None)."""
    # Not "": dbc.Select renders its own hidden placeholder option with that value, and the
    # browser would show that empty option instead of "geen".
    options = [{"label": _("geen"), "value": NO_REGION}]
    options += [{"label": r.naam, "value": r.code} for r in region_refs()]
    select = dbc.Select(id=component_id, options=options, value=value or NO_REGION)
    return _labelled(_("Regio markeren"), component_id, select)


def publication_select(component_id: str, options: list[dict[str, str]], value: str) -> html.Div:
    """Which figures the page shows: a published snapshot, or the current (provisional) figures."""
    select = dbc.Select(id=component_id, options=options, value=value, style={"maxWidth": "34rem"})
    return _labelled(_("Cijfers"), component_id, select)
