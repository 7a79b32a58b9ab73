"""KPI tiles: a figure against its goal, with status and change; the rest under *Toelichting*."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from dashboard.data.delivery_states import Completeness
from dashboard.data.national import NationalSummary
from dashboard.i18n import N_, _
from dashboard.reports.national import NationalReport, country_meetings
from dashboard.reports.since import LAST_STEERING_GROUP
from dashboard.reports.standing import Standing
from dashboard.rules import metrics
from dashboard.text import format as fmt
from dashboard.text.as_of import through
from dashboard.text.rounding import rounded, whole
from layouts.a11y import aria
from layouts.delivery_list import delivery_line
from layouts.status import goal_badge, status_badge
from layouts.tile_definitions import DEFINITIONS


def _tile(title: str, value: str, facts: list[Any], details: list[Any], tile_id: str) -> dbc.Col:
    """Number, goal, status and change in view; the rest and a definition under *Toelichting*.

    ``<details>`` opens with the keyboard and is read in order by screen readers, without scripts.
    """
    explanation = html.Details(
        [
            html.Summary(_("Toelichting"), className="small"),
            *[html.P(line, className="mb-1 small") for line in details if line],
            html.P(_(DEFINITIONS[tile_id]), className="mb-0 small text-body-secondary"),
        ],
        className="mt-1",
    )
    body = dbc.Card(
        dbc.CardBody(
            [
                html.H2(title, className="h6 text-body-secondary mb-1"),
                html.P(value, className="kpi-value mb-1"),
                *[html.P(line, className="mb-1 small") for line in facts if line],
                explanation,
            ]
        ),
        className="h-100 kpi-tile",
        id=tile_id,
    )
    return dbc.Col(body, xs=12, md=6, xl=True)


def _pace_bar(actual: int, target: int, expected: float, label: str) -> html.Div:
    """Progress toward ``target`` with a marker where the count should be today."""
    share = min(actual / target, 1.0) * 100 if target else 0.0
    marker = min(expected / target, 1.0) * 100 if target else 0.0
    return html.Div(
        [
            # A plain progressbar: dbc.Progress cannot carry the accessible name axe requires.
            html.Div(
                html.Div(className="progress-bar", style={"width": f"{share:.1f}%"}),
                className="progress",
                role="progressbar",
                **aria(label=label, valuenow=str(whole(share)), valuemin="0", valuemax="100"),
            ),
            html.Span(
                className="pace-marker",
                style={"left": f"{marker:.1f}%"},
                title=_("Tempo: verwacht op peildatum"),
            ),
        ],
        className="kpi-bar my-2",
    )


# Translated where used: a default argument is evaluated once, at import.
LAST_YEAR = N_("Vorig jaar op deze datum")


def _change(now: float | None, before: float | None, percent: bool = False, label: str | None = None) -> str:
    """``Vorig jaar op deze datum: 2.980 (+144)``; empty when there is nothing to compare."""
    if now is None or before is None:
        return ""
    # Against a chosen day or the last stuurgroep the change also carries an arrow (▲ ▼ =).
    arrowed = label is not None
    label = label or _(LAST_YEAR)
    difference = now - before
    # The sign follows the difference as shown: +0,04 points shows as ±0,0.
    shown = rounded(abs(difference), 1 if percent else 0)
    sign = "+" if difference > 0 and shown else ("−" if difference < 0 and shown else "±")
    if arrowed:
        sign = {"+": "▲ +", "−": "▼ −", "±": "= ±"}[sign]
    if percent:
        points = fmt.number(abs(difference), 1)
        return _("{label}: {value} ({sign}{points} procentpunt)").format(
            label=label, value=fmt.percentage(before), sign=sign, points=points
        )
    return _("{label}: {value} ({sign}{difference})").format(
        label=label, value=fmt.number(before), sign=sign, difference=fmt.number(abs(difference))
    )


def _outflow_headline(summary: NationalSummary) -> float | None:
    """The outflow % the tile holds against the goal: the year's cohort, or the latest mature one."""
    if summary.cohort_mature:
        return summary.sustainable_pct
    return summary.mature_cohort.pct if summary.mature_cohort is not None else None


def _immature_flag(text: str) -> html.Span:
    return html.Span(
        [
            html.Span(
                [
                    html.I(className="bi bi-hourglass-split me-1", **aria(hidden="true")),
                    _("nog niet uitontwikkeld"),
                ],
                className="badge text-bg-light border",
            ),
            " " + text,
        ]
    )


def _outflow_tile(
    summary: NationalSummary,
    previous: NationalSummary | None,
    mature_goal: float | None,
    as_of: str,
    compared: str | None = None,
    status: str | None = None,
) -> dbc.Col:
    """Sustainable outflow; an immature cohort is flagged beside the latest mature one, not compared.

    Domain rule: a cohort younger than six months cannot have reached sustainable work yet, so the
    headline (the number held against the goal) is the latest mature cohort. ``status`` is the
    report's verdict on that headline (op of boven doel, onder doel, nog niet uitontwikkeld).
    """
    own = _("Cohort {year}: {sustainable} van {started} duurzaam aan het werk").format(
        year=summary.year, sustainable=fmt.number(summary.sustainable), started=fmt.number(summary.started)
    )
    before = _outflow_headline(previous) if previous is not None else None
    mature = summary.mature_cohort
    goal = summary.target_sustainable_pct
    details: list[Any]
    if summary.cohort_mature:
        headline = summary.sustainable_pct
        details = [own, _("cohort uitontwikkeld")]
    elif mature is not None:
        headline = mature.pct
        goal = goal if mature_goal is None else mature_goal
        details = [
            _(
                "Cohort {year} (laatste uitontwikkelde): {sustainable} van {started} duurzaam aan het werk"
            ).format(
                year=mature.year,
                sustainable=fmt.number(mature.sustainable),
                started=fmt.number(mature.started),
            ),
            _immature_flag(
                _(
                    "Cohort {year}: {pct} ({sustainable} van {started}), nog niet met het doel te vergelijken"
                ).format(
                    year=summary.year,
                    pct=fmt.percentage(summary.sustainable_pct),
                    sustainable=fmt.number(summary.sustainable),
                    started=fmt.number(summary.started),
                )
            ),
        ]
    else:
        headline, before = summary.sustainable_pct, None
        details = [_immature_flag(_("nog geen cohort om met het doel te vergelijken")), own]
    value = _("geen gegevens") if headline is None else fmt.percentage(headline)
    facts = [
        _("doel {goal}").format(goal=fmt.percentage(goal)),
        goal_badge(status) if status is not None else None,
        _change(headline, before, percent=True, label=compared),
    ]
    return _tile(_("Duurzame uitstroom"), value, facts, [*details, as_of], "tile-duurzaam")


def tiles(
    summary: NationalSummary,
    previous: NationalSummary | None,
    with_regions: bool = True,
    mature_goal: float | None = None,
    compared: str | None = None,
    outflow_status: str | None = None,
    deliveries: Completeness | None = None,
) -> list[dbc.Col]:
    """The KPI tiles: number, goal, status and change in view, the rest under *Toelichting*.

    Args:
        summary: the figures of the selected year at the peildatum.
        previous: the figures to compare with: by default the same date one year earlier (None
            before the first year), or the same year at an earlier peildatum, named by ``compared``.
        with_regions: include the tile with the number of regions on track.
        mature_goal: the outflow goal of the latest mature cohort's year, for when the selected
            year's cohort is still immature (targets may differ per year).
        compared: how the comparison lines name ``previous`` (e.g. *Op 1 juni 2026*), already in
            the current language; None for *Vorig jaar op deze datum*.
        outflow_status: the report's status of the outflow headline (Dutch word), or None.
        deliveries: how complete the last judged quarter's data is, or None.
    """
    as_of = _("Cijfers t/m {date}").format(date=through(summary.year, summary.peildatum, outflow=False))
    proj = summary.projection
    projection_line = (
        _("Prognose jaareinde: {estimate} (bandbreedte {low}–{high})").format(
            estimate=fmt.number(proj.estimate), low=fmt.number(proj.low), high=fmt.number(proj.high)
        )
        if proj is not None
        else _("Nog geen prognose")
    )
    expected = summary.expected_started
    started = _tile(
        _("Trajecten gestart"),
        fmt.number(summary.started),
        [
            _("van {target} (jaardoel)").format(target=fmt.number(summary.target_started)),
            _pace_bar(
                summary.started,
                summary.target_started,
                expected,
                _("{started} van {target} trajecten gestart").format(
                    started=fmt.number(summary.started), target=fmt.number(summary.target_started)
                ),
            ),
            status_badge(summary.status),
            _change(summary.started, previous.started if previous else None, label=compared),
        ],
        [
            _("Tempo: {expected} verwacht op deze datum").format(expected=fmt.number(expected)),
            projection_line,
            as_of,
        ],
        "tile-trajecten",
    )
    # A past year's cohort is followed past 31 December: the outflow tile names that day too.
    outflow_as_of = _("Cijfers t/m {date}").format(date=through(summary.year, summary.peildatum))
    sustainable = _outflow_tile(summary, previous, mature_goal, outflow_as_of, compared, outflow_status)

    def meeting_tile(title: str, held: Standing, before: int | None, tile_id: str) -> dbc.Col:
        status = status_badge(metrics.PaceStatus(held.status))
        if held.value is None:
            facts = [_("jaardoel {target}").format(target=fmt.number(held.target)), status]
            return _tile(title, _("geen gegevens"), facts, [as_of], tile_id)
        facts = [
            _("van {target} (jaardoel)").format(target=fmt.number(held.target)),
            status,
            _change(held.value, before, label=compared),
        ]
        pace = _("Tempo: {expected} verwacht op deze datum").format(expected=fmt.number(held.expected, 1))
        return _tile(title, fmt.number(held.value), facts, [pace, as_of], tile_id)

    if not summary.delivered:
        # No trajectory data at all is not zero: say so instead of showing 0 and "ver achter".
        no_data = status_badge(metrics.PaceStatus.GEEN_GEGEVENS)
        started = _tile(
            _("Trajecten gestart"),
            _("geen gegevens"),
            [_("jaardoel {target}").format(target=fmt.number(summary.target_started)), no_data],
            [as_of],
            "tile-trajecten",
        )
        sustainable = _tile(
            _("Duurzame uitstroom"),
            _("geen gegevens"),
            [_("doel {goal}").format(goal=fmt.percentage(summary.target_sustainable_pct)), no_data],
            [as_of],
            "tile-duurzaam",
        )
    result = [started, sustainable]
    if with_regions:
        result.append(
            _tile(
                _("Regio's op koers"),
                _("{value} van {target}").format(
                    value=fmt.number(summary.regions_on_track), target=fmt.number(summary.regions_total)
                ),
                [
                    _("met het aantal gestarte trajecten"),
                    _change(
                        summary.regions_on_track,
                        previous.regions_on_track if previous else None,
                        label=compared,
                    ),
                    # How complete the data is, so "on track" is read with what is missing.
                    delivery_line(deliveries),
                ],
                [
                    _("{n} zonder gegevens").format(n=fmt.number(summary.regions_without_data))
                    if summary.regions_without_data
                    else _("alle regio's hebben gegevens"),
                    as_of,
                ],
                "tile-regios",
            )
        )
    learning, cases = country_meetings(summary)
    result += [
        meeting_tile(
            _("Leerbijeenkomsten"), learning, previous.learning_sessions if previous else None, "tile-leer"
        ),
        meeting_tile(
            _("Casusbesprekingen"), cases, previous.case_discussions if previous else None, "tile-casus"
        ),
    ]
    return result


def national_tiles(report: NationalReport) -> list[dbc.Col]:
    """The national page's tiles, compared as the report says.

    Against the chosen day or the last national stuurgroep (``report.since``) each change has an
    arrow; otherwise it is the same date a year earlier.
    """
    compared = None
    if report.since is not None:
        from_steering_group = (
            report.compared_with is not None and report.compared_with.source == LAST_STEERING_GROUP
        )
        pattern = _("Bij de stuurgroep van {date}") if from_steering_group else _("Op {date}")
        compared = pattern.format(date=fmt.date(report.since))
    return tiles(
        report.summary,
        report.earlier,
        mature_goal=report.mature_goal,
        compared=compared,
        outflow_status=report.outflow.status,
        deliveries=report.deliveries,
    )
