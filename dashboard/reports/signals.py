"""The open signals on a day, for one viewer: computed from the reports, never stored.

Every rule of ``dashboard.rules.signals`` runs on the national report of the day (and, for the
organisations, on the delivery status the Data page shows); the list is cached per data version
and day, and cut to what the viewer may see. A signal ends by itself when its condition clears:
the next computation no longer yields it.
"""

from __future__ import annotations

import datetime as dt

from flask import has_app_context

from dashboard.auth.viewer import REGIONAL, Viewer
from dashboard.data.pace_history import pace_statuses
from dashboard.data.signal_sources import meeting_days
from dashboard.data.steering import region_steering_groups
from dashboard.i18n import N_, LazyText
from dashboard.infra.cache import cached, request_data_status
from dashboard.infra.db import Database
from dashboard.infra.runtime import runtime
from dashboard.reports import signal_actions, signal_organisations
from dashboard.reports.national import NationalReport, national_report
from dashboard.reports.signal import HIGH, LOW, MEDIUM, Signal, region_link
from dashboard.reports.since import last_before, resolve
from dashboard.reports.standing import RegionStanding
from dashboard.reports.view import View
from dashboard.rules import domain
from dashboard.rules import signals as rules
from dashboard.text.lazy import ShownDate, ShownNumber

__all__ = ["day_view", "region_link", "signals_for", "visible"]


def day_view(day: dt.date) -> View:
    """The view the signals of ``day`` are computed at: its year, with the default cohort."""
    return View.parse({"peildatum": day.isoformat()}, day)


def _comparison_days(db: Database, report: NationalReport, view: View) -> dict[str, dt.date]:
    # Each region is compared with its own last stuurgroep of the year, as its page does.
    day, year = view.peildatum, view.year
    found = {}
    for standing in report.standings:
        steering = last_before(region_steering_groups(db, standing.code, day), year, day)
        comparison = resolve(None, steering, year, day)
        then_day = comparison.day
        # A day before the year began has no pace to fall from.
        if then_day is None or not comparison.same_year or then_day < dt.date(year, 1, 1):
            continue
        found[standing.code] = then_day
    return found


def _pace(db: Database, report: NationalReport, view: View) -> list[Signal]:
    result = []
    days = _comparison_days(db, report, view)
    # Every comparison day's statuses in one pass (the regions' days differ: up to one per region).
    earlier = pace_statuses(db, view.year, tuple(sorted(set(days.values()))))
    for standing in report.standings:
        then_day = days.get(standing.code)
        if then_day is None:
            continue
        then, now = earlier[then_day].get(standing.code, ""), standing.starts.status
        if not rules.pace_worse(then, now):
            continue
        text = LazyText(
            N_(
                "{regio}: het tempo van gestarte trajecten is sinds de stuurgroep van {sinds} gezakt "
                "van '{toen}' naar '{nu}' ({aantal} van de {verwacht} die het tempo nu vraagt). "
                "Zonder bijsturing haalt de regio het jaardoel van {doel} niet."
            ),
            regio=standing.name,
            sinds=ShownDate(then_day),
            toen=LazyText(then),
            nu=LazyText(now),
            aantal=ShownNumber(standing.starts.value or 0),
            verwacht=ShownNumber(standing.starts.expected or 0),
            doel=ShownNumber(standing.starts.target or 0),
        )
        severe = now == rules.PACE_ORDER[-1]
        result.append(
            Signal.raised(
                rules.PACE,
                standing.code,
                then_day.isoformat(),
                severity=HIGH if severe else MEDIUM,
                text=text,
                # The figures are compared on two days only: the fall happened after the first.
                started=then_day + dt.timedelta(days=1),
                link=region_link(view.but(since=then_day), standing.code, "sinds"),
            )
        )
    return result


def _cases(report: NationalReport, view: View) -> list[Signal]:
    result = []
    first = dt.date(domain.FIRST_YEAR, 1, 1)
    for standing in report.standings:
        last = standing.last_case_discussion
        started = rules.case_overdue_since(last, report.through, first)
        if started is None:
            continue
        days = (report.through - last).days if last is not None else None
        if last is None:
            text = LazyText(
                N_(
                    "{regio}: er is nog geen casusbespreking gehouden. Het convenant vraagt er minstens "
                    "één per {grens} dagen: daar leren uitvoerders van elkaars lastige trajecten."
                ),
                regio=standing.name,
                grens=rules.CASE_OVERDUE_DAYS,
            )
        else:
            text = LazyText(
                N_(
                    "{regio}: de laatste casusbespreking was op {laatste}, {dagen} dagen geleden. Het "
                    "convenant vraagt er minstens één per {grens} dagen: plan de volgende."
                ),
                regio=standing.name,
                laatste=ShownDate(last),
                dagen=ShownNumber(days or 0),
                grens=rules.CASE_OVERDUE_DAYS,
            )
        severe = days is None or days > rules.CASE_OVERDUE_HIGH_DAYS
        result.append(
            Signal.raised(
                rules.CASES,
                standing.code,
                started.isoformat(),
                severity=HIGH if severe else MEDIUM,
                text=text,
                started=started,
                link=region_link(view, standing.code),
            )
        )
    return result


def _learning(db: Database, report: NationalReport, view: View) -> list[Signal]:
    result = []
    sessions = meeting_days(db, "leerbijeenkomst", view.year, report.through)
    for standing in report.standings:
        target = standing.learning.target or rules.LEARNING_SESSIONS_A_YEAR
        held = sessions.get(standing.code, [])
        started = rules.learning_behind_since(held, target, view.year, report.through)
        if started is None:
            continue
        due = rules.learning_sessions_due(target, view.year, report.through)
        text = LazyText(
            N_(
                "{regio}: {gehouden} leerbijeenkomst(en) gehouden, waar het tempo van {doel} per jaar "
                "er nu {nodig} vraagt. In leerbijeenkomsten houden uitvoerders hun kennis van de "
                "methode op peil."
            ),
            regio=standing.name,
            gehouden=len(held),
            doel=ShownNumber(target),
            nodig=due,
        )
        result.append(
            Signal.raised(
                rules.LEARNING,
                standing.code,
                started.isoformat(),
                severity=MEDIUM if due - len(held) >= 2 else LOW,
                text=text,
                started=started,
                link=region_link(view, standing.code),
            )
        )
    return result


def _outflow_signal(standing: RegionStanding, view: View) -> Signal | None:
    outflow = standing.outflow
    if not rules.outflow_below(outflow.pct, outflow.target_pct, outflow.cohort.mature):
        return None
    target = outflow.target_pct or rules.OUTFLOW_TARGET_PCT
    # Below the goal even at the top of its 95 % interval: not chance.
    clear = outflow.interval is not None and outflow.interval[1] < target
    text = LazyText(
        N_(
            "{regio}: van startcohort {cohort} werkt {pct} duurzaam, onder het doel van {doel}. Het "
            "cohort is uitontwikkeld, dus dit verandert nauwelijks nog: bespreek wat de uitstroom "
            "naar werk remt."
        ),
        regio=standing.name,
        cohort=outflow.cohort.year,
        pct=ShownNumber(outflow.pct or 0, percent=True),
        doel=ShownNumber(target, percent=True),
    )
    return Signal.raised(
        rules.OUTFLOW,
        standing.code,
        str(outflow.cohort.year),
        severity=MEDIUM if clear else LOW,
        text=text,
        started=max(rules.cohort_mature_from(outflow.cohort.year), dt.date(view.year, 1, 1)),
        link=region_link(view.but(cohort=outflow.cohort.year), standing.code, "cohort"),
    )


def _outflow(report: NationalReport, view: View) -> list[Signal]:
    found = (_outflow_signal(s, view) for s in report.standings)
    return [s for s in found if s is not None]


@cached
def open_signals(
    db: Database, day: dt.date, deadline_days: int, minimum: int = 5, narratives: str = ""
) -> tuple[Signal, ...]:
    """Every open signal on ``day``, whoever looks, most urgent first (cached per data version).

    Args:
        db: the database.
        day: the peildatum.
        deadline_days: days after a quarter's end its delivery may still come in.
        minimum: organisation counts below it (and above 0) are not written out.
        narratives: the saved narratives' state (``DataStatus.narratives``): part of the cache key
            only, because actions are saved between imports.
    """
    view = day_view(day)
    report = national_report(db, view)
    found = [
        *_pace(db, report, view),
        *_cases(report, view),
        *_learning(db, report, view),
        *_outflow(report, view),
        *signal_organisations.organisation_signals(db, view, deadline_days, minimum),
        *signal_actions.action_signals(db, view),
    ]
    return tuple(sorted(found, key=lambda s: (s.urgency, s.started, s.region, s.key)))


def visible(signal: Signal, viewer: Viewer) -> bool:
    """Whether ``viewer`` may see ``signal``: a region account its own regions, nobody in public."""
    if not viewer.signed_in:
        return False
    if viewer.role == REGIONAL and signal.region not in viewer.regions:
        return False
    return signal.organisation is None or viewer.sees_organisations(signal.region)


def signals_for(db: Database, viewer: Viewer, day: dt.date, deadline_days: int | None = None) -> list[Signal]:
    """The open signals on ``day`` that ``viewer`` may see, most urgent first.

    Args:
        db: the database.
        viewer: who looks: a ``regio`` account sees its own regions, ``landelijk`` and ``beheer``
            all, the public none; organisation signals only where the role sees organisations.
        day: the peildatum.
        deadline_days: the delivery deadline; by default the running app's setting.
    """
    if not viewer.signed_in:
        return []
    days, minimum = rules.DELIVERY_DEADLINE_DAYS, 5
    if has_app_context():
        settings = runtime().settings
        days, minimum = settings.delivery_deadline_days, settings.suppression_minimum
    if deadline_days is not None:
        days = deadline_days
    narratives = request_data_status(db).narratives
    return [s for s in open_signals(db, day, days, minimum, narratives) if visible(s, viewer)]
