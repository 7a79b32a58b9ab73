"""Bijeenkomsten: learning sessions and case discussions per region, with overdue regions marked."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from dash import html

from dashboard import domain, metrics
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
            html.H1("Bijeenkomsten", className="h2"),
            html.P(
                "Leerbijeenkomsten (doel 3 per jaar) en casusbesprekingen (doel 10 per jaar) per regio. "
                f"Een regio is achterstallig als er {domain.CASE_DISCUSSION_MAX_GAP_DAYS} dagen geen "
                "casusbespreking was.",
                className="lead",
            ),
            year_select(ids.MEETINGS_YEAR, year, last_year),
            html.Div(id=ids.MEETINGS_EXPORT),
            html.Div(id=ids.MEETINGS_TABLE, **aria(live="polite")),
        ]
    )


def overdue(last: dt.date | None, peildatum: dt.date) -> bool:
    """Whether a region held no case discussion in the last 45 days before the peildatum."""
    return last is None or (peildatum - last).days > domain.CASE_DISCUSSION_MAX_GAP_DAYS


def meetings_table(regions: pd.DataFrame, last_case: pd.DataFrame, year: int, peildatum: dt.date) -> object:
    """Counts against targets with pace status, and the last case discussion with overdue flag."""
    last_by_code = {row.code: row.laatste for row in last_case.itertuples()}
    on_day = metrics.effective_date(year, peildatum)
    rows = []
    for r in regions.itertuples():
        if not r.bijeenkomsten_geleverd:
            # A region that never reported a meeting has no data, not zero meetings.
            unknown = status_badge(metrics.PaceStatus.GEEN_GEGEVENS)
            rows.append([r.naam, "geen gegevens", unknown, "geen gegevens", unknown, "–", "geen gegevens"])
            continue
        last = last_by_code.get(r.code)
        last = None if last is None or pd.isna(last) else last
        flag = (
            html.Span(
                [html.I(className="bi bi-alarm me-1", **aria(hidden="true")), "achterstallig"],
                className="status status-ver-achter",
            )
            if overdue(last, on_day)
            else "nee"
        )
        rows.append(
            [
                r.naam,
                f"{r.leerbijeenkomsten} van {r.doel_leerbijeenkomsten}",
                status_badge(
                    metrics.pace_status(
                        int(r.leerbijeenkomsten),
                        metrics.expected_by(r.doel_leerbijeenkomsten, year, peildatum),
                    )
                ),
                f"{r.casusbesprekingen} van {r.doel_casusbesprekingen}",
                status_badge(
                    metrics.pace_status(
                        int(r.casusbesprekingen),
                        metrics.expected_by(r.doel_casusbesprekingen, year, peildatum),
                    )
                ),
                fmt.date(last),
                flag,
            ]
        )
    caption = f"Bijeenkomsten per regio in {year}, t/m {fmt.date(on_day)}"
    headers = [
        "Regio",
        "Leerbijeenkomsten",
        "Status leerbijeenkomsten",
        "Casusbesprekingen",
        "Status casusbesprekingen",
        "Laatste casusbespreking",
        "Achterstallig",
    ]
    return table(caption, headers, rows, set())
