"""The tables and sentences of the meeting pack, read from reports (pure: no figures, no database).

Every number here is the report's, so the pack shows what the page shows for the same view:
the outflow of the page's start cohort against the goal its gauge or tile uses, the comparison
and ranks of the region page, and counts written as whole numbers.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from dashboard.documents.pack.model import PackTable
from dashboard.i18n import _
from dashboard.reports.national import NationalReport
from dashboard.reports.region import RegionReport
from dashboard.reports.since import LAST_STEERING_GROUP, last_before
from dashboard.reports.standing import OutflowStanding, Standing
from dashboard.rules import metrics
from dashboard.text import comparison as cells
from dashboard.text import format as fmt
from dashboard.text.changes import changes_sentence


def _status_row(label: str, standing: Standing) -> list[str]:
    if standing.value is None:
        no_data = _(metrics.PaceStatus.GEEN_GEGEVENS.value)
        return [label, no_data, fmt.number(standing.target), "–", no_data]
    # Counts are whole numbers, the expected count by pace too (the status uses the exact value).
    return [
        label,
        fmt.number(standing.value),
        fmt.number(standing.target),
        fmt.number(standing.expected),
        _(standing.status),
    ]


def outflow_row(outflow: OutflowStanding) -> list[str]:
    """The outflow goal: the cohort's sustainable outflow against its goal; no pace for a share."""
    label = _("Duurzame uitstroom, cohort {year}").format(year=outflow.cohort.year)
    status = _(outflow.status)
    shown = status if outflow.pct is None else fmt.percentage(outflow.pct)
    return [label, shown, fmt.percentage(outflow.target_pct), "–", status]


def goal_table(
    caption: str, starts: Standing, learning: Standing, cases: Standing, outflow: OutflowStanding
) -> PackTable:
    """The goals of the country or a region: reached, target, pace and status, as the report holds them."""
    rows = [
        _status_row(_("Trajecten gestart"), starts),
        _status_row(_("Leerbijeenkomsten"), learning),
        _status_row(_("Casusbesprekingen"), cases),
        outflow_row(outflow),
    ]
    headers = [_("Doel"), _("Bereikt"), _("Jaardoel"), _("Tempo (verwacht)"), _("Status")]
    return PackTable(caption, headers, rows, {1, 2, 3})


def national_goals(report: NationalReport) -> PackTable:
    """The country's goals, with the outflow of the national tile (its cohort against its goal)."""
    caption = _("Landelijke doelen {jaar}").format(jaar=report.year)
    return goal_table(caption, report.starts, report.learning, report.cases, report.outflow)


def region_goals(report: RegionReport) -> PackTable:
    """The region's goals, with the outflow of its gauge: the page's cohort against its goal."""
    standing = report.standing
    caption = _("Doelen {regio} {jaar}").format(regio=report.ref.naam, jaar=report.summary.year)
    return goal_table(caption, standing.starts, standing.learning, standing.cases, standing.outflow)


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


def region_opening(report: RegionReport) -> str:
    """What changed since the region's last stuurgroep, with that meeting's date: a region section's start.

    Against a chosen day (``?sinds=``) the sentence names that day, and the last stuurgroep is
    named beside it.
    """
    sentence = changes_sentence(report.changes)
    compared = report.compared_with
    last = last_before(report.steering_groups, report.summary.year, report.summary.peildatum)
    if compared.source == LAST_STEERING_GROUP or last is None:
        return sentence
    return _("Laatste stuurgroep: {datum}. {zin}").format(datum=fmt.date(last), zin=sentence)


def comparison_table(report: RegionReport) -> PackTable:
    """The region page's comparison: the region beside the country, the median and its comparable regions."""
    name = report.ref.naam
    return PackTable(
        _("{regio} vergeleken").format(regio=name),
        cells.comparison_headers(name),
        cells.comparison_rows(report.comparison),
        {1, 2, 3, 4},
    )


def peers_table(report: RegionReport) -> PackTable:
    """The region page's comparable regions, each with its own values (chosen on the yearly target)."""
    name, compared = report.ref.naam, report.comparison
    return PackTable(
        cells.peer_caption(name, report.summary.year),
        cells.peer_headers(compared),
        cells.peer_rows(name, report.target_started, compared, report.peers),
        set(range(1, len(compared) + 2)),
    )


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
