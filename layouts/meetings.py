"""Bijeenkomsten: learning sessions and case discussions per region, with overdue regions marked."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from dash import html

from dashboard.i18n import N_, _
from dashboard.rules import domain, metrics
from dashboard.text import format as fmt
from layouts import ids
from layouts.a11y import aria
from layouts.controls import year_select
from layouts.status import status_badge
from layouts.tables import table

# Column titles; translated when a table is drawn.
HEADERS = (
    N_("Regio"),
    N_("Leerbijeenkomsten"),
    N_("Status leerbijeenkomsten"),
    N_("Casusbesprekingen"),
    N_("Status casusbesprekingen"),
    N_("Laatste casusbespreking"),
    N_("Achterstallig"),
)


def page(year: int, last_year: int) -> html.Div:
    """The page skeleton; a callback fills the table."""
    return html.Div(
        [
            html.H1(_("Bijeenkomsten"), className="h2"),
            html.P(
                _(
                    "Leerbijeenkomsten (doel 3 per jaar) en casusbesprekingen (doel 10 per jaar) per regio. "
                    "Een regio is achterstallig als er {days} dagen geen casusbespreking was."
                ).format(days=domain.CASE_DISCUSSION_MAX_GAP_DAYS),
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
            none = _("geen gegevens")
            rows.append([r.naam, none, unknown, none, unknown, "–", none])
            continue
        last = last_by_code.get(r.code)
        last = None if last is None or pd.isna(last) else last
        flag = (
            html.Span(
                [html.I(className="bi bi-alarm me-1", **aria(hidden="true")), _("achterstallig")],
                className="status status-ver-achter",
            )
            if overdue(last, on_day)
            else _("nee")
        )
        rows.append(
            [
                r.naam,
                _("{held} van {target}").format(held=r.leerbijeenkomsten, target=r.doel_leerbijeenkomsten),
                status_badge(
                    metrics.pace_status(
                        int(r.leerbijeenkomsten),
                        metrics.expected_by(r.doel_leerbijeenkomsten, year, peildatum),
                    )
                ),
                _("{held} van {target}").format(held=r.casusbesprekingen, target=r.doel_casusbesprekingen),
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
    caption = _("Bijeenkomsten per regio in {year}, t/m {date}").format(year=year, date=fmt.date(on_day))
    return table(caption, [_(h) for h in HEADERS], rows, set())
