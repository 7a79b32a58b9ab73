"""The tables and sentences of the meeting pack, read from reports (pure: no figures, no database).

Every number here is the report's, so the pack shows what the page shows for the same view:
the outflow of the page's start cohort against the goal its gauge or tile uses, the comparison
and ranks of the region page, and counts written as whole numbers.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from dashboard.data.national import NationalSummary
from dashboard.documents.pack.model import PackTable
from dashboard.i18n import _
from dashboard.reports.national import NationalReport
from dashboard.reports.region import RegionReport
from dashboard.rules import comparison, metrics
from dashboard.rules.region_metrics import OutflowCohort, outflow_status
from dashboard.text import format as fmt


def _status_row(label: str, held: int | None, target: float, expected: float) -> list[str]:
    if held is None:
        no_data = _(metrics.PaceStatus.GEEN_GEGEVENS.value)
        return [label, no_data, fmt.number(target), "–", no_data]
    status = metrics.pace_status(held, expected)
    # Counts are whole numbers, the expected count by pace too (the status uses the exact value).
    return [label, fmt.number(held), fmt.number(target), fmt.number(expected), _(status.value)]


def outflow_row(cohort: OutflowCohort, pct: float | None, goal: float) -> list[str]:
    """The outflow goal: the cohort's sustainable outflow against its goal; no pace for a share."""
    label = _("Duurzame uitstroom, cohort {year}").format(year=cohort.year)
    value = float("nan") if pct is None else pct
    status = _(outflow_status(value, goal, cohort.mature))
    return [label, status if pct is None else fmt.percentage(pct), fmt.percentage(goal), "–", status]


def goal_table(caption: str, summary: NationalSummary, outflow: list[str]) -> PackTable:
    """The goals of the country or one region: reached, target, pace and status in words.

    ``outflow`` is the row of the outflow goal (:func:`outflow_row`), for the cohort the page shows.
    """
    meetings = summary.meetings_delivered

    def expected(target: int) -> float:
        return metrics.expected_by(target, summary.year, summary.peildatum)

    rows = [
        _status_row(
            _("Trajecten gestart"),
            summary.started if summary.delivered else None,
            summary.target_started,
            summary.expected_started,
        ),
        _status_row(
            _("Leerbijeenkomsten"),
            summary.learning_sessions if meetings else None,
            summary.target_learning_sessions,
            expected(summary.target_learning_sessions),
        ),
        _status_row(
            _("Casusbesprekingen"),
            summary.case_discussions if meetings else None,
            summary.target_case_discussions,
            expected(summary.target_case_discussions),
        ),
        outflow,
    ]
    headers = [_("Doel"), _("Bereikt"), _("Jaardoel"), _("Tempo (verwacht)"), _("Status")]
    return PackTable(caption, headers, rows, {1, 2, 3})


def national_goals(report: NationalReport) -> PackTable:
    """The country's goals, with the outflow of the national tile (its cohort against its goal)."""
    cohort = report.cohort
    outflow = outflow_row(
        cohort, report.outflow_summary.sustainable_pct, report.outflow_summary.target_sustainable_pct
    )
    caption = _("Landelijke doelen {jaar}").format(jaar=report.year)
    return goal_table(caption, report.summary, outflow)


def region_goals(report: RegionReport) -> PackTable:
    """The region's goals, with the outflow of its gauge: the page's cohort against the region's goal."""
    started = report.cohort_started
    pct = 100 * report.cohort_sustainable / started if started else None
    outflow = outflow_row(report.cohort, pct, report.target_outflow_pct)
    caption = _("Doelen {regio} {jaar}").format(regio=report.ref.naam, jaar=report.summary.year)
    return goal_table(caption, report.summary, outflow)


def national_text(report: NationalReport) -> str:
    """The latest mature cohort's outflow and the regions on track, in two sentences."""
    summary = report.summary
    cohort = summary.mature_cohort
    outflow = (
        _(
            "Duurzame uitstroom van het laatste uitontwikkelde startcohort ({jaar}): "
            "{percentage} ({duurzaam} van {gestart})."
        ).format(
            jaar=cohort.year,
            percentage=fmt.percentage(cohort.pct),
            duurzaam=fmt.number(cohort.sustainable),
            gestart=fmt.number(cohort.started),
        )
        if cohort is not None
        else _("Nog geen uitontwikkeld startcohort.")
    )
    on_track = _("Regio's op koers: {op_koers} van {totaal}.").format(
        op_koers=summary.regions_on_track, totaal=summary.regions_total
    )
    return f"{outflow} {on_track}"


def regions_table(report: NationalReport) -> PackTable:
    """Started trajectories of every region against its goal and pace, with the status in words."""
    rows = [
        [
            r.naam,
            _("geen gegevens") if pd.isna(r.gestart) else fmt.number(r.gestart),
            fmt.number(r.doel_trajecten),
            "–" if pd.isna(r.pct_tempo) else fmt.percentage(r.pct_tempo),
            _(str(r.status)),
        ]
        for r in report.regions.itertuples()
    ]
    return PackTable(
        _("Gestarte trajecten per regio, {jaar}").format(jaar=report.year),
        [_("Regio"), _("Gestart"), _("Jaardoel"), _("% van tempo"), _("Status")],
        rows,
        {1, 2, 3},
    )


def comparison_table(report: RegionReport) -> PackTable:
    """The region beside the country and the median, with its rank: the region page's comparison."""
    name = report.ref.naam
    rows = [
        # ``maat`` is the measure's Dutch name: the key for its translation and for "%".
        [
            comparison.measure_label(str(row.maat), row.cohort),
            *[_value(getattr(row, c), str(row.maat)) for c in ("regio", "landelijk", "mediaan")],
        ]
        + [fmt.rank(row.rang)]
        for row in report.comparison.itertuples()
    ]
    return PackTable(
        _("{regio} vergeleken").format(regio=name),
        [_("Maat"), name, _("Landelijk"), _("Mediaan"), _("Rang")],
        rows,
        {1, 2, 3},
    )


def _value(value: object, measure: str) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return _("geen gegevens")
    number = float(value)  # type: ignore[arg-type]
    return fmt.percentage(number) if "%" in measure else fmt.number(number, 0 if number.is_integer() else 1)


def organisations_table(report: RegionReport, organisations: list[dict[str, Any]]) -> PackTable:
    """The region's organisations as the reader may see them (``reports.organisation``)."""
    rows = [
        [
            o["organisatie"],
            o["soort"],
            _("geen gegevens") if o["gestart"] is None else fmt.published(o["gestart"]),
            fmt.published(o["duurzaam"]),
            fmt.published(o["aandeel_pct"], percent=True),
        ]
        for o in organisations
    ]
    return PackTable(
        _("Organisaties in {regio}, {jaar}").format(regio=report.ref.naam, jaar=report.summary.year),
        [_("Organisatie"), _("Type"), _("Gestart"), _("Duurzaam"), _("Aandeel")],
        rows,
        {2, 3, 4},
    )


def meetings_table(report: NationalReport, codes: tuple[str, ...]) -> PackTable:
    """Meetings held against the goals per region, and each region's last case discussion."""
    rows = []
    for r in report.standings:
        if codes and r.code not in codes:
            continue
        if r.learning.value is None:
            rows.append([r.name, _("geen gegevens"), _("geen gegevens"), "–"])
            continue
        day = report.last_case.get(r.code)
        held = _("{aantal} van {doel}")
        rows.append(
            [
                r.name,
                held.format(aantal=_whole(r.learning.value), doel=_whole(r.learning.target)),
                held.format(aantal=_whole(r.cases.value), doel=_whole(r.cases.target)),
                _("geen") if day is None else fmt.date(day),
            ]
        )
    return PackTable(
        _("Bijeenkomsten {jaar}").format(jaar=report.year),
        [_("Regio"), _("Leerbijeenkomsten"), _("Casusbesprekingen"), _("Laatste casusbespreking")],
        rows,
        {1, 2},
    )


def _whole(value: float | None) -> int | None:
    # Meetings and their goals are whole numbers; the report holds them as floats beside NaN.
    return None if value is None else int(value)
