"""Tiles and gauges drawn from reports: the national tiles and a region's four goal gauges.

The pages, the presentation and any later output draw the same cards from the same report, so
a presentation screen shows exactly the figures of the page it stands for.
"""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc

from dashboard.i18n import _
from dashboard.reports.national import NationalReport
from dashboard.reports.region import RegionReport
from dashboard.text import format as fmt
from dashboard.text.as_of import through
from layouts import gauges
from layouts.tiles import tiles


def national_tiles(report: NationalReport) -> list[dbc.Col]:
    """The KPI tiles of the country, compared with a year earlier or with the view's ``since`` day."""
    compared = None if report.since is None else _("Op {date}").format(date=fmt.date(report.since))
    return tiles(report.summary, report.earlier, mature_goal=report.mature_goal, compared=compared)


def region_gauges(report: RegionReport) -> list[dbc.Col]:
    """The four goal gauges of a region: starts, outflow of the report's cohort, and both meetings."""
    summary, previous = report.summary, report.previous
    outflow = gauges.CohortOutflow(
        report.cohort.year, report.cohort_started, report.cohort_sustainable, report.cohort.mature
    )
    delivered = summary.meetings_delivered
    before = previous is not None and previous.meetings_delivered
    overdue: Any = (
        gauges.overdue_flag(report.last_case, report.through, report.overdue) if delivered else None
    )
    return [
        gauges.starts_gauge(summary, previous),
        gauges.outflow_gauge(outflow, report.target_outflow_pct),
        gauges.meeting_gauge(
            _("Leerbijeenkomsten"),
            summary.learning_sessions if delivered else None,
            summary.target_learning_sessions,
            summary.year,
            summary.peildatum,
            "gauge-leer",
            previous.learning_sessions if previous is not None and before else None,
        ),
        gauges.meeting_gauge(
            _("Casusbesprekingen"),
            summary.case_discussions if delivered else None,
            summary.target_case_discussions,
            summary.year,
            summary.peildatum,
            "gauge-casus",
            previous.case_discussions if previous is not None and before else None,
            overdue,
        ),
    ]


def region_heading(report: RegionReport) -> str:
    """*Arbeidsmarktregio AM09 · provincie Gelderland · voortgang 2026, t/m …* (outflow's day too)."""
    summary = report.summary
    return _("Arbeidsmarktregio {code} · provincie {province} · voortgang {year}, t/m {date}").format(
        code=report.ref.code,
        province=report.ref.provincie,
        year=summary.year,
        date=through(summary.year, summary.peildatum),
    )
