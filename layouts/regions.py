"""Regio's: all 35 regions with their progress toward this year's trajectory goal."""

from __future__ import annotations

import datetime as dt
import unicodedata
from urllib.parse import urlencode

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from dashboard.i18n import N_, _
from dashboard.rules import metrics
from dashboard.text import format as fmt
from layouts import ids
from layouts.a11y import aria
from layouts.controls import year_select
from layouts.status import status_badge
from layouts.tables import table

# Column titles; translated when a table is drawn.
HEADERS = (
    N_("Regio"),
    N_("Code"),
    N_("Provincie"),
    N_("Gestart"),
    N_("Jaardoel"),
    N_("% van tempo"),
    N_("Status"),
)


def page(year: int, last_year: int, search: str = "") -> html.Div:
    """The page skeleton; a callback fills the table (the way in that needs no map)."""
    return html.Div(
        [
            html.H1(_("Regio's"), className="h2"),
            html.P(
                _("Voortgang van de 35 arbeidsmarktregio's naar het jaardoel voor gestarte trajecten."),
                className="lead",
            ),
            html.Div(
                [
                    year_select(ids.REGIONS_YEAR, year, last_year),
                    html.Div(
                        [
                            dbc.Label(
                                _("Zoek een regio"), html_for=ids.REGIONS_SEARCH, className="me-2 mb-0"
                            ),
                            dbc.Input(
                                id=ids.REGIONS_SEARCH,
                                type="search",
                                value=search,
                                placeholder=_("naam, code of provincie"),
                                autoComplete="off",
                                style={"width": "18rem"},
                            ),
                        ],
                        className="d-flex align-items-center me-4 mb-3",
                    ),
                ],
                className="d-flex flex-wrap align-items-start",
                role="search",
            ),
            html.Div(id=ids.REGIONS_EXPORT),
            html.Div(id=ids.REGIONS_TABLE, **aria(live="polite")),
        ]
    )


def _plain(text: str) -> str:
    # "fryslan" finds Fryslân: compare without case and accents.
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def matching(regions: pd.DataFrame, search: str | None) -> pd.DataFrame:
    """The regions whose name, code or province contains ``search`` (all regions when empty)."""
    wanted = _plain((search or "").strip())
    if not wanted:
        return regions
    keep = [wanted in _plain(f"{r.naam} {r.code} {r.provincie}") for r in regions.itertuples()]
    return regions[keep]


def regions_table(regions: pd.DataFrame, year: int, peildatum: dt.date, search: str | None = None) -> object:
    """One row per region: started, target, pace and status in words; links keep year and peildatum."""
    shown = matching(regions, search)
    if shown.empty:
        return html.P(_("Geen regio gevonden voor '{search}'.").format(search=search), className="mt-2")
    query = urlencode({"jaar": year, "peildatum": peildatum.isoformat()})
    rows = []
    for r in shown.itertuples():
        expected = metrics.expected_by(r.doel_trajecten, year, peildatum)
        started = int(r.gestart) if r.geleverd else None
        status = metrics.pace_status(started, expected)
        pace_pct = 100 * started / expected if started is not None and expected else None
        rows.append(
            [
                html.A(r.naam, href=f"/regio/{r.code}?{query}"),
                r.code,
                r.provincie,
                _("geen gegevens") if started is None else fmt.number(started),
                fmt.number(r.doel_trajecten),
                fmt.percentage(pace_pct),
                status_badge(status),
            ]
        )
    found = ""
    if len(shown) != len(regions):
        found = (
            " ("
            + _("{found} van {total} regio's gevonden").format(found=len(shown), total=len(regions))
            + ")"
        )
    caption = _("Gestarte trajecten per regio in {year}, t/m {date}").format(
        year=year, date=fmt.date(metrics.effective_date(year, peildatum))
    )
    return table(caption + found, [_(h) for h in HEADERS], rows, {3, 4, 5})
