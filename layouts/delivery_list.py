"""Who has not delivered: the national list on the Data page, and how complete a quarter's data is."""

from __future__ import annotations

import datetime as dt
from typing import Any

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from dashboard.auth.viewer import Viewer
from dashboard.data.delivery_states import EMPTY, MISSING, Completeness, may_record
from dashboard.data.organisations import quarter_heading, quarter_label, recent_quarters
from dashboard.i18n import _, ngettext
from dashboard.text import format as fmt
from geodata import region_refs
from layouts import ids
from layouts.a11y import aria
from layouts.tables import table

# Quarters the list can be filtered on, ending with the peildatum's.
QUARTERS = 8
ALL = "alle"


def delivery_line(deliveries: Completeness | None) -> str:
    """How complete a quarter's data is, in one sentence: "Over 2026-K2 leverden 40 van 45 …"."""
    if deliveries is None or deliveries.expected == 0:
        return ""
    line = ngettext(
        "Aanlevering {kwartaal}: {klaar} van {verwacht} organisatie geleverd",
        "Aanlevering {kwartaal}: {klaar} van {verwacht} organisaties geleverd",
        deliveries.expected,
    ).format(
        kwartaal=quarter_heading(deliveries.quarter),
        klaar=fmt.number(deliveries.delivered + deliveries.empty),
        verwacht=fmt.number(deliveries.expected),
    )
    if deliveries.empty:
        line += _(" ({n} zonder trajecten)").format(n=fmt.number(deliveries.empty))
    return line + "."


def section(viewer: Viewer, peildatum: dt.date) -> html.Section:
    """The national list's filters and table (filled by a callback), for every viewer of organisations."""
    regions = [r for r in region_refs() if viewer.sees_organisations(r.code)]
    quarters = [quarter_label(y, q) for y, q in reversed(recent_quarters(peildatum, QUARTERS))]
    # The quarter before the peildatum's: its data is the one that should be in by now.
    default = quarters[1] if len(quarters) > 1 else quarters[0]
    return html.Section(
        [
            html.H2(_("Wie heeft niet geleverd"), className="h4"),
            html.P(
                _(
                    "Per organisatie en kwartaal: niet geleverd, of geleverd zonder trajecten (een lege "
                    "levering die de organisatie of het beheer vastlegde)."
                ),
                className="small",
            ),
            html.Div(
                [
                    dbc.Label(_("Regio"), html_for=ids.MISSING_REGION, className="me-2 mb-0"),
                    dbc.Select(
                        id=ids.MISSING_REGION,
                        options=[
                            {"label": _("Alle regio's"), "value": ALL},
                            *({"label": r.naam, "value": r.code} for r in regions),
                        ],
                        value=ALL,
                        style={"width": "16rem"},
                        className="me-3",
                    ),
                    dbc.Label(_("Kwartaal"), html_for=ids.MISSING_QUARTER, className="me-2 mb-0"),
                    dbc.Select(
                        id=ids.MISSING_QUARTER,
                        options=[{"label": quarter_heading(q), "value": q} for q in quarters],
                        value=default,
                        style={"width": "9rem"},
                    ),
                ],
                className="d-flex flex-wrap align-items-center gap-1 mb-2",
            ),
            html.Div(id=ids.MISSING_MESSAGE, **aria(live="polite")),
            html.Div(id=ids.MISSING_TABLE),
        ],
        className="mb-5",
    )


def missing_table(frame: pd.DataFrame, viewer: Viewer) -> object:
    """The list, with a button to record "geen trajecten" where ``viewer`` may."""
    if frame.empty:
        return html.P(_("Iedere organisatie heeft over dit kwartaal geleverd."))

    def state(value: str) -> html.Span:
        missing = value == MISSING
        icon = "bi bi-x-circle-fill" if missing else "bi bi-dash-circle"
        css = "status status-ver-achter" if missing else "status"
        return html.Span([html.I(className=f"{icon} me-1", **aria(hidden="true")), _(value)], className=css)

    def action(rec: dict[str, Any]) -> object:
        if rec["status"] != MISSING or rec["org"] is None or not may_record(viewer, str(rec["code"])):
            return ""
        # A plain button: it takes an aria-label that adds the row to the visible words.
        return html.Button(
            _("Geen trajecten: vastleggen"),
            id={"type": ids.MISSING_RECORD, "org": int(rec["org"]), "kwartaal": str(rec["kwartaal"])},
            className="btn btn-outline-secondary btn-sm",
            type="button",
            **aria(
                label=_("Geen trajecten: vastleggen ({organisatie}, {kwartaal})").format(
                    organisatie=rec["organisatie"], kwartaal=quarter_heading(str(rec["kwartaal"]))
                )
            ),
        )

    records = frame.to_dict("records")
    rows = [
        [
            rec["organisatie"],
            rec["regio"],
            quarter_heading(str(rec["kwartaal"])),
            state(rec["status"]),
            action(rec),
        ]
        for rec in records
    ]
    missing = sum(1 for rec in records if rec["status"] == MISSING)
    empty = sum(1 for rec in records if rec["status"] == EMPTY)
    caption = ngettext("{n} organisatie niet geleverd", "{n} organisaties niet geleverd", missing).format(
        n=fmt.number(missing)
    ) + _(", {n} geleverd zonder trajecten").format(n=fmt.number(empty))
    headers = [_("Organisatie"), _("Regio"), _("Kwartaal"), _("Status"), _("Actie")]
    return table(caption, headers, rows, set())
