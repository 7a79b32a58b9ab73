"""Regio's: all 35 regions with their progress toward this year's trajectory goal."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import dash_bootstrap_components as dbc
from dash import html

from dashboard.i18n import N_, _
from dashboard.reports.national import NationalReport
from dashboard.reports.standing import RegionStanding
from dashboard.reports.view import View
from dashboard.rules import metrics
from dashboard.text import format as fmt
from layouts import ids
from layouts.a11y import aria
from layouts.controls import year_select
from layouts.notices import view_problems
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


def page(view: View, search: str = "") -> html.Div:
    """The page skeleton; a callback fills the table (the way in that needs no map).

    The page always shows the latest data: its year choices end at the view's peildatum's year.
    """
    year, last_year = view.year, view.peildatum.year
    return html.Div(
        [
            html.H1(_("Regio's"), className="h2"),
            *view_problems(view.problems),
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


def matching(regions: Sequence[RegionStanding], search: str | None) -> list[RegionStanding]:
    """The regions whose name, code or province contains ``search`` (all regions when empty)."""
    wanted = _plain((search or "").strip())
    return [r for r in regions if wanted in _plain(f"{r.name} {r.code} {r.province}")]


def regions_table(report: NationalReport, view: View, search: str | None = None) -> object:
    """One row per region: started, target, pace and status in words; links keep year and peildatum."""
    shown = matching(report.standings, search)
    if not shown:
        return html.P(_("Geen regio gevonden voor '{search}'.").format(search=search), className="mt-2")
    query = view.query()
    rows = []
    for r in shown:
        started = r.starts.value
        rows.append(
            [
                html.A(r.name, href=f"/regio/{r.code}{query}"),
                r.code,
                r.province,
                _("geen gegevens") if started is None else fmt.number(started),
                fmt.number(r.starts.target),
                fmt.percentage(r.pct_pace),
                status_badge(metrics.PaceStatus(r.starts.status)),
            ]
        )
    found = ""
    if len(shown) != len(report.standings):
        found = (
            " ("
            + _("{found} van {total} regio's gevonden").format(found=len(shown), total=len(report.standings))
            + ")"
        )
    caption = _("Gestarte trajecten per regio in {year}, t/m {date}").format(
        year=report.year, date=fmt.date(report.through)
    )
    return table(caption + found, [_(h) for h in HEADERS], rows, {3, 4, 5})
