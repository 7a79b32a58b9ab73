"""What a report is compared with, and what changed since then (pure: dates and numbers only).

By default a region is compared with its last stuurgroep and the country with the last national
stuurgroep that data management recorded; an explicit ``?sinds=`` wins, and without either the
comparison is the same date a year earlier. The rule for "last": strictly *before* the peildatum,
so figures shown on the day of a stuurgroep are compared with the previous one rather than with
themselves; for a past year, on or before 31 December of that year.

Reports hold Dutch source words (``N_``) and numbers; ``dashboard.text.changes`` writes them out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from dashboard.i18n import N_
from dashboard.reports.standing import RegionStanding, number
from dashboard.rules import domain
from dashboard.rules.ranking import Rank

# Where the comparison day came from (Dutch, translated where shown).
LAST_STEERING_GROUP = N_("laatste stuurgroep")
CHOSEN_DAY = N_("gekozen datum")
YEAR_EARLIER = N_("een jaar eerder")
NO_COMPARISON = N_("geen vergelijking")

# The goals of a region in the order the page and the pack name them.
GOALS = ("gestart", "duurzaam", "leer", "casus")


def year_before(day: dt.date) -> dt.date:
    """The same date one year earlier (28 February for 29 February)."""
    return day.replace(year=day.year - 1, day=min(day.day, 28) if day.month == 2 else day.day)


@dataclass(frozen=True)
class Comparison:
    """The day a report is compared with.

    Attributes:
        day: the comparison day, or None when there is nothing to compare with.
        source: where it came from: ``LAST_STEERING_GROUP``, ``CHOSEN_DAY``, ``YEAR_EARLIER`` or
            ``NO_COMPARISON`` (Dutch words).
        year: whose figures are read at ``day``: the view's year, or the year before for
            ``YEAR_EARLIER`` (the same date last year).
    """

    day: dt.date | None
    source: str
    year: int

    @property
    def ranks_comparable(self) -> bool:
        """Whether places on the comparison day mean anything: not before the compared year began.

        On a day before 1 January every region has 0 of the year and shares first place.
        """
        return self.day is not None and self.day >= dt.date(self.year, 1, 1)

    @property
    def same_year(self) -> bool:
        """Whether the comparison is the same year at an earlier day (then differences are growth)."""
        return self.day is not None and self.source != YEAR_EARLIER


def last_before(days: Sequence[dt.date], year: int, peildatum: dt.date) -> dt.date | None:
    """The last of ``days`` strictly before the peildatum (for a past year: on or before 31 December)."""
    end = min(peildatum - dt.timedelta(days=1), dt.date(year, 12, 31))
    earlier = [d for d in days if d <= end]
    return max(earlier) if earlier else None


def resolve(
    chosen: dt.date | None, steering_group: dt.date | None, year: int, peildatum: dt.date
) -> Comparison:
    """The comparison of a report: a chosen day, else the last stuurgroep, else a year earlier."""
    if chosen is not None:
        return Comparison(chosen, CHOSEN_DAY, year)
    if steering_group is not None:
        return Comparison(steering_group, LAST_STEERING_GROUP, year)
    if year - 1 >= domain.FIRST_YEAR:
        return Comparison(year_before(peildatum), YEAR_EARLIER, year - 1)
    return Comparison(None, NO_COMPARISON, year)


class ThenAndNow:
    """A figure on the comparison day and now; the dataclasses that mix it in declare both."""

    then: float | None
    now: float | None

    @property
    def difference(self) -> float | None:
        """``now − then``, or None when either is unknown."""
        if self.then is None or self.now is None:
            return None
        return self.now - self.then


@dataclass(frozen=True)
class GoalChange(ThenAndNow):
    """One goal then and now.

    Attributes:
        goal: ``gestart``, ``duurzaam``, ``leer`` or ``casus``.
        then: the figure on the comparison day, or None (no data, or no comparison).
        now: the figure at the peildatum, or None.
        target: the year's goal (a count, or a percentage for outflow).
        percent: whether the figures are percentages (differences in percentage points).
    """

    goal: str
    then: float | None
    now: float | None
    target: float | None
    percent: bool = False


@dataclass(frozen=True)
class RankMove:
    """A region's place on one metric then and now; ``places`` > 0 means it went up."""

    metric: str
    then: Rank | None
    now: Rank | None

    @property
    def places(self) -> int | None:
        """How many places the region rose (negative: fell), or None when a place is unknown."""
        if self.then is None or self.now is None:
            return None
        return self.then.place - self.now.place


@dataclass(frozen=True)
class RegionChanges:
    """What changed in one region since the comparison day: the four goals and its rank."""

    code: str
    comparison: Comparison
    goals: tuple[GoalChange, ...]
    rank: RankMove

    def goal(self, key: str) -> GoalChange:
        """The change of goal ``key`` (one of ``GOALS``)."""
        return next(g for g in self.goals if g.goal == key)


def _cell(frame: pd.DataFrame, code: str, column: str) -> float | None:
    if frame.empty:
        return None
    return number(frame.set_index("code").loc[code, column])


def region_changes(
    code: str,
    comparison: Comparison,
    standing: RegionStanding,
    then_regions: pd.DataFrame,
    then_outflow: pd.DataFrame,
    now_rank: RankMove,
) -> RegionChanges:
    """The four goals of region ``code`` on the comparison day beside ``standing`` (pure).

    Args:
        code: the region.
        comparison: the comparison day.
        standing: the region's standing now.
        then_regions: ``region_metrics`` rows of the year on the comparison day (empty without one).
        then_outflow: those of the outflow cohort on the comparison day (empty without one).
        now_rank: the rank movement on the main metric (its ``then`` is filled in here).
    """
    goals = (
        GoalChange(
            "gestart", _cell(then_regions, code, "gestart"), standing.starts.value, standing.starts.target
        ),
        GoalChange(
            "duurzaam",
            _cell(then_outflow, code, "duurzaam_pct"),
            standing.outflow.pct,
            standing.outflow.target_pct,
            percent=True,
        ),
        GoalChange(
            "leer",
            _cell(then_regions, code, "leerbijeenkomsten"),
            standing.learning.value,
            standing.learning.target,
        ),
        GoalChange(
            "casus",
            _cell(then_regions, code, "casusbesprekingen"),
            standing.cases.value,
            standing.cases.target,
        ),
    )
    return RegionChanges(code, comparison, goals, now_rank)
