"""A verdict on every goal: on track or behind, for the country and each region, read from a report.

The four goals of the programme are held against their own measure: started trajectories,
learning sessions and case discussions against the pace of the year, sustainable outflow of the
shown start cohort against its goal percentage. A goal without data, or an outflow cohort that
has not matured, gets no verdict. The sentence is written from these statuses, so it can never
say something the tiles, gauges and matrix do not.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.i18n import N_, _, ngettext
from dashboard.reports.national import NationalReport
from dashboard.reports.standing import RegionStanding
from dashboard.rules import metrics
from dashboard.rules.region_metrics import OUTFLOW_BELOW, OUTFLOW_IMMATURE, OUTFLOW_REACHED
from dashboard.text import format as fmt

STARTS, OUTFLOW, LEARNING, CASES = "trajecten", "duurzaam", "leer", "casus"
GOALS = (STARTS, OUTFLOW, LEARNING, CASES)
GOAL_NAMES = {
    STARTS: N_("trajecten"),
    OUTFLOW: N_("duurzame uitstroom"),
    LEARNING: N_("leerbijeenkomsten"),
    CASES: N_("casusbesprekingen"),
}
BEHIND = frozenset({metrics.PaceStatus.ACHTER.value, metrics.PaceStatus.VER_ACHTER.value, OUTFLOW_BELOW})
ON_TRACK = frozenset({metrics.PaceStatus.OP_KOERS.value, OUTFLOW_REACHED})


@dataclass(frozen=True)
class GoalStatus:
    """One goal's figure, what it is held against, and the status word (Dutch, ``N_``)."""

    goal: str
    value: float | None
    reference: float | None  # the year's target (counts) or the goal percentage (outflow)
    status: str

    @property
    def behind(self) -> bool:
        """Behind its pace, or outflow below its goal."""
        return self.status in BEHIND

    @property
    def on_track(self) -> bool:
        """On or ahead of its pace, or outflow at or above its goal."""
        return self.status in ON_TRACK

    def figures(self) -> str:
        """``78 van 100`` / ``36 % van 40 %``: the value and its goal (the status says if pace is met)."""
        if self.goal == OUTFLOW:
            return _("{value} van {goal}").format(
                value=fmt.percentage(self.value), goal=fmt.percentage(self.reference)
            )
        return _("{value} van {goal}").format(value=fmt.number(self.value), goal=fmt.number(self.reference))


def region_goals(standing: RegionStanding) -> tuple[GoalStatus, ...]:
    """The four goals of one region, from its standing in the national report."""
    outflow = standing.outflow
    return (
        GoalStatus(STARTS, standing.starts.value, standing.starts.target, standing.starts.status),
        GoalStatus(OUTFLOW, outflow.pct, outflow.target_pct, outflow.status),
        GoalStatus(LEARNING, standing.learning.value, standing.learning.target, standing.learning.status),
        GoalStatus(CASES, standing.cases.value, standing.cases.target, standing.cases.status),
    )


def national_goals(report: NationalReport) -> tuple[GoalStatus, ...]:
    """The four goals of the country: totals against the sum of the regions' goals."""
    starts, outflow, learning, cases = report.starts, report.outflow, report.learning, report.cases
    return (
        GoalStatus(STARTS, starts.value, starts.target, starts.status),
        GoalStatus(OUTFLOW, outflow.pct, outflow.target_pct, outflow.status),
        GoalStatus(LEARNING, learning.value, learning.target, learning.status),
        GoalStatus(CASES, cases.value, cases.target, cases.status),
    )


def regions_behind(report: NationalReport, at_least: int = 2) -> int:
    """How many regions are behind on ``at_least`` goals or more."""
    return sum(
        sum(goal.behind for goal in region_goals(standing)) >= at_least for standing in report.standings
    )


def _names(goals: list[GoalStatus], with_figures: bool) -> str:
    parts = [
        f"{_(GOAL_NAMES[g.goal])} ({g.figures()})" if with_figures else _(GOAL_NAMES[g.goal]) for g in goals
    ]
    if len(parts) == 1:
        return parts[0]
    return _("{list} en {last}").format(list=", ".join(parts[:-1]), last=parts[-1])


def verdict_sentence(goals: tuple[GoalStatus, ...], behind_regions: int | None = None) -> str:
    """``Op koers voor trajecten (3.720 van 3.680), achter op duurzame uitstroom (36 % van 40 %) …``.

    The first goal of each group carries its figures; ``behind_regions`` (national only) adds how
    many regions are behind on two goals or more.
    """
    on_track = [g for g in goals if g.on_track]
    behind = [g for g in goals if g.behind]
    open_ = [g for g in goals if not g.on_track and not g.behind]
    parts = []
    if on_track:
        parts.append(_("op koers voor {goals}").format(goals=_names(on_track, True)))
    if behind:
        parts.append(_("achter op {goals}").format(goals=_names(behind, True)))
    for goal in open_:
        reason = _("nog niet uitontwikkeld") if goal.status == OUTFLOW_IMMATURE else _("geen gegevens")
        parts.append(_("{goal}: {reason}").format(goal=_(GOAL_NAMES[goal.goal]), reason=reason))
    text = ", ".join(parts)
    text = text[:1].upper() + text[1:]
    if behind_regions is not None:
        text += "; " + ngettext(
            "{count} regio ligt achter op twee of meer doelen",
            "{count} regio's liggen achter op twee of meer doelen",
            behind_regions,
        ).format(count=fmt.number(behind_regions))
    return text + "."


def national_verdict(report: NationalReport) -> str:
    """The sentence at the top of the national page: the country's goals and the regions behind."""
    return verdict_sentence(national_goals(report), regions_behind(report))


def region_verdict(standing: RegionStanding) -> str:
    """The sentence at the top of a region page: the region's four goals."""
    return verdict_sentence(region_goals(standing))
