"""Regio's: all 35 regions with their progress toward this year's trajectory goal."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from dash import html

from dashboard import metrics
from layouts import format as fmt
from layouts import ids
from layouts.a11y import aria
from layouts.controls import year_select
from layouts.status import status_badge
from layouts.tables import table


def page(year: int, last_year: int) -> html.Div:
    """The page skeleton; a callback fills the table."""
    return html.Div(
        [
            html.H1("Regio's", className="h2"),
            html.P(
                "Voortgang van de 35 arbeidsmarktregio's naar het jaardoel voor gestarte trajecten.",
                className="lead",
            ),
            year_select(ids.REGIONS_YEAR, year, last_year),
            html.Div(id=ids.REGIONS_EXPORT),
            html.Div(id=ids.REGIONS_TABLE, **aria(live="polite")),
        ]
    )


def regions_table(regions: pd.DataFrame, year: int, peildatum: dt.date) -> object:
    """One row per region: started, target, pace and status in words."""
    rows = []
    for r in regions.itertuples():
        expected = metrics.expected_by(r.doel_trajecten, year, peildatum)
        started = int(r.gestart) if r.geleverd else None
        status = metrics.pace_status(started, expected)
        pace_pct = 100 * started / expected if started is not None and expected else None
        rows.append(
            [
                html.A(r.naam, href=f"/regio/{r.code}?jaar={year}"),
                r.code,
                r.provincie,
                "geen gegevens" if started is None else fmt.number(started),
                fmt.number(r.doel_trajecten),
                fmt.percentage(pace_pct),
                status_badge(status),
            ]
        )
    caption = (
        f"Gestarte trajecten per regio in {year}, t/m {fmt.date(metrics.effective_date(year, peildatum))}"
    )
    return table(
        caption,
        ["Regio", "Code", "Provincie", "Gestart", "Jaardoel", "% van tempo", "Status"],
        rows,
        {3, 4, 5},
    )
