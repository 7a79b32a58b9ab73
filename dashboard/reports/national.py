"""The national report: the country and all 35 regions for one view, computed once per data version.

Map, ranking, tiles, the region export, the presentation and the meeting pack all read this
report. It holds the region rows of the view's year and those of the outflow cohort (which can
be an earlier, mature one), the national summary, the figures it is compared with, and a typed
standing per region with its ranks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from dashboard.data import snapshots
from dashboard.data.delivery_states import Completeness, completeness
from dashboard.data.meetings import last_case_discussion
from dashboard.data.national import NationalSummary, national_summary
from dashboard.data.progress import monthly_starts, progress_by_region
from dashboard.data.steering import national_steering_groups
from dashboard.infra.cache import cached
from dashboard.infra.db import Database
from dashboard.reports.movement import Movement, movement
from dashboard.reports.since import (
    CHOSEN_DAY,
    LAST_STEERING_GROUP,
    Comparison,
    RankMove,
    last_before,
    resolve,
    year_before,
)
from dashboard.reports.standing import (
    OutflowStanding,
    Rank,
    RegionStanding,
    Standing,
    number,
)
from dashboard.reports.view import View
from dashboard.rules import domain, metrics
from dashboard.rules.ranking import frame_ranks
from dashboard.rules.region_metrics import OutflowCohort, outflow_status, region_metrics

# Which frame column each map metric ranks on, and whether it reads the outflow cohort's rows.
METRIC_COLUMNS = {
    "doel": "pct_doel",
    "tempo": "pct_tempo",
    "gestart": "gestart",
    "duurzaam": "duurzaam_pct",
    "leer": "leerbijeenkomsten",
    "casus": "casusbesprekingen",
}

__all__ = ["METRIC_COLUMNS", "NationalReport", "country_meetings", "national_report", "year_before"]


@dataclass(frozen=True)
class NationalReport:
    """The country at one view.

    Attributes:
        year, peildatum: of the view.
        through: the last day the year's starts and meetings count (31 December for a past year).
        followed_until: the later day up to which a past year's cohort outflow is followed, or None.
        cohort: the outflow cohort shown with the goal (the latest mature one by default).
        regions: ``region_metrics`` rows of the year, one per region.
        outflow_regions: ``region_metrics`` rows of the outflow cohort.
        summary: the national figures of the year.
        outflow_summary: the national figures of the outflow cohort.
        earlier: the same figures at the comparison date (``since``, else a year earlier), or None.
        earlier_day: that date, or None.
        since: the comparison day when it lies in the view's year (chosen or the last national
            stuurgroep), else None.
        compared_with: the comparison day and where it came from (``reports.since``).
        earlier_regions, earlier_outflow_regions: ``region_metrics`` rows at the comparison day
            (empty without one), for the rank movement.
        mature_goal: the national outflow goal of the mature cohort's own year, when it stands in.
        standings: one typed standing per region, in code order, each with the day of its last
            case discussion up to ``through``.
        monthly: national starts per calendar month (``jaar``, ``maand``, ``gestart``) from three
            years before the view's year up to ``through``, for the trend.
        last_case: per region code the day of its last case discussion up to ``through``, or None.
    """

    year: int
    peildatum: dt.date
    through: dt.date
    followed_until: dt.date | None
    cohort: OutflowCohort
    regions: pd.DataFrame
    outflow_regions: pd.DataFrame
    summary: NationalSummary
    outflow_summary: NationalSummary
    earlier: NationalSummary | None
    earlier_day: dt.date | None
    since: dt.date | None
    mature_goal: float | None
    standings: tuple[RegionStanding, ...]
    monthly: pd.DataFrame = field(default_factory=pd.DataFrame)
    last_case: Mapping[str, dt.date | None] = field(default_factory=dict)
    compared_with: Comparison | None = None
    earlier_regions: pd.DataFrame = field(default_factory=pd.DataFrame)
    earlier_outflow_regions: pd.DataFrame = field(default_factory=pd.DataFrame)
    # How complete the data of the last judged quarter is: organisations by delivery state.
    deliveries: Completeness | None = None

    def frame_for(self, metric: str) -> pd.DataFrame:
        """The region rows a map metric is shown from: the outflow cohort's for outflow."""
        return self.outflow_regions if metric == "duurzaam" else self.regions

    def cohort_for(self, metric: str) -> OutflowCohort | None:
        """The outflow cohort a map metric is shown for (None: the metric is of the view's year)."""
        return self.cohort if metric == "duurzaam" else None

    @property
    def starts(self) -> Standing:
        """The country's started trajectories against the sum of the regions' goals and its pace."""
        summary = self.summary
        value = summary.started if summary.delivered else None
        return Standing(value, summary.target_started, summary.expected_started, summary.status.value)

    @property
    def outflow(self) -> OutflowStanding:
        """The country's outflow of the report's cohort, against the goal of the cohort's own year."""
        shown = self.outflow_summary
        pct = shown.sustainable_pct if shown.delivered else None
        goal = shown.target_sustainable_pct
        status = outflow_status(float("nan") if pct is None else pct, goal, self.cohort.mature)
        return OutflowStanding(
            self.cohort,
            shown.started if shown.delivered else None,
            shown.sustainable if shown.delivered else None,
            pct,
            None,
            goal,
            status,
        )

    @property
    def learning(self) -> Standing:
        """The country's learning sessions against the sum of the regions' goals."""
        return country_meetings(self.summary)[0]

    @property
    def cases(self) -> Standing:
        """The country's case discussions against the sum of the regions' goals."""
        return country_meetings(self.summary)[1]

    def standing(self, code: str) -> RegionStanding:
        """The standing of region ``code``."""
        return next(s for s in self.standings if s.code == code)

    def rank(self, metric: str, code: str) -> Rank | None:
        """Region ``code``'s place on a map metric among the regions with a value."""
        return frame_ranks(self.frame_for(metric), METRIC_COLUMNS[metric]).get(code)

    def rank_change(self, metric: str, code: str) -> RankMove:
        """Region ``code``'s place on a map metric on the comparison day and now."""
        earlier = self.earlier_outflow_regions if metric == "duurzaam" else self.earlier_regions
        comparable = self.compared_with is not None and self.compared_with.ranks_comparable
        then = (
            frame_ranks(earlier, METRIC_COLUMNS[metric]).get(code)
            if comparable and not earlier.empty
            else None
        )
        return RankMove(metric, then, self.rank(metric, code))

    def movement(self, metric: str) -> Movement | None:
        """Every region's place and value on a map metric then and now; None without a comparison."""
        return movement(self, metric, METRIC_COLUMNS[metric])


def country_meetings(summary: NationalSummary) -> tuple[Standing, Standing]:
    """Learning sessions and case discussions of the country, each against its pace (pure).

    Without any meeting reported the value is None and the status *geen gegevens*, not zero.
    """
    result = []
    for held, target in (
        (summary.learning_sessions, summary.target_learning_sessions),
        (summary.case_discussions, summary.target_case_discussions),
    ):
        expected = metrics.expected_by(target, summary.year, summary.peildatum)
        value = held if summary.meetings_delivered else None
        result.append(Standing(value, target, expected, metrics.pace_status(value, expected).value))
    return result[0], result[1]


def _last_case(db: Database, through: dt.date) -> dict[str, dt.date | None]:
    frame = last_case_discussion(db, through)
    return {str(r.code): None if pd.isna(r.laatste) else r.laatste for r in frame.itertuples()}


def _standings(
    regions: pd.DataFrame,
    outflow: pd.DataFrame,
    cohort: OutflowCohort,
    last_cases: Mapping[str, dt.date | None] | None = None,
) -> tuple[RegionStanding, ...]:
    by_metric = {
        key: frame_ranks(outflow if key == "duurzaam" else regions, column)
        for key, column in METRIC_COLUMNS.items()
    }
    cohort_rows = outflow.set_index("code")
    last_cases = last_cases or {}
    result = []
    for row in regions.itertuples():
        code = str(row.code)
        out = cohort_rows.loc[code]
        low, high = number(out["ci_laag"]), number(out["ci_hoog"])
        result.append(
            RegionStanding(
                code=code,
                name=str(row.naam),
                province=str(row.provincie),
                starts=Standing(
                    number(row.gestart),
                    float(row.doel_trajecten),
                    float(row.verwacht),
                    str(row.status),
                    by_metric["gestart"].get(code),
                ),
                pct_goal=number(row.pct_doel),
                pct_pace=number(row.pct_tempo),
                outflow=OutflowStanding(
                    cohort=cohort,
                    started=int(out["gestart"]) if bool(out["geleverd"]) else None,
                    sustainable=int(out["duurzaam"]) if bool(out["geleverd"]) else None,
                    pct=number(out["duurzaam_pct"]),
                    interval=(low, high) if low is not None and high is not None else None,
                    # A cohort is held against the goal of its own year, as its status is.
                    target_pct=float(out["doel_duurzaam_pct"]),
                    status=str(out["status_duurzaam"]),
                    rank=by_metric["duurzaam"].get(code),
                ),
                learning=Standing(
                    number(row.leerbijeenkomsten),
                    float(row.doel_leerbijeenkomsten),
                    float(row.leer_verwacht),
                    str(row.status_leer),
                    by_metric["leer"].get(code),
                ),
                cases=Standing(
                    number(row.casusbesprekingen),
                    float(row.doel_casusbesprekingen),
                    float(row.casus_verwacht),
                    str(row.status_casus),
                    by_metric["casus"].get(code),
                ),
                last_case_discussion=last_cases.get(code),
            )
        )
    return tuple(result)


def earlier_frames(
    db: Database, comparison: Comparison, year: int, cohort_year: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The region rows of the year and of the outflow cohort on the comparison day (empty without one).

    A comparison a year earlier reads last year's rows and the cohort a year before the shown one.
    """
    day = comparison.day
    if day is None:
        return pd.DataFrame(), pd.DataFrame()
    shift = year - comparison.year
    cohort = cohort_year - shift
    # A stuurgroep that was shown a snapshot is compared with the figures it saw then.
    frozen = published_at(db, day)
    if frozen is not None and frozen.year == comparison.year:
        if frozen.cohort.year == cohort:
            return frozen.regions, frozen.outflow_regions
        regions = frozen.regions
    else:
        regions = region_metrics(progress_by_region(db, comparison.year, day), comparison.year, day)
    if cohort < domain.FIRST_YEAR:
        return regions, pd.DataFrame()
    return regions, region_metrics(progress_by_region(db, cohort, day), cohort, day)


@cached
def stored_national(db: Database, number: int) -> NationalReport | None:
    """The national report snapshot ``number`` stored, or None."""
    found = snapshots.stored(db, number, "landelijk", "")
    return found if isinstance(found, NationalReport) else None


def published_at(db: Database, day: dt.date) -> NationalReport | None:
    """The national report of the snapshot that stands at ``day`` (not withdrawn), or None."""
    found = snapshots.current_at(db, day)
    return None if found is None else stored_national(db, found.id)


def matches_view(report: NationalReport, view: View) -> bool:
    # A snapshot holds the default view of its peildatum; any other view is worked out live.
    return (report.year, report.peildatum, report.cohort.year) == (view.year, view.peildatum, view.cohort)


@cached
def _national(
    db: Database,
    year: int,
    peildatum: dt.date,
    cohort_year: int,
    chosen: bool,
    since: dt.date | None,
    source: str = CHOSEN_DAY,
) -> NationalReport:
    cohort = (
        OutflowCohort(cohort_year, year, metrics.cohort_is_mature(cohort_year, peildatum))
        if chosen
        else View(year, peildatum, cohort_year).outflow
    )
    regions = region_metrics(progress_by_region(db, year, peildatum), year, peildatum)
    outflow_regions = region_metrics(progress_by_region(db, cohort.year, peildatum), cohort.year, peildatum)
    summary = national_summary(db, year, peildatum)
    outflow_summary = national_summary(db, cohort.year, peildatum)
    comparison = resolve(
        since if source == CHOSEN_DAY else None,
        since if source == LAST_STEERING_GROUP else None,
        year,
        peildatum,
    )
    earlier_day = comparison.day
    frozen = None if earlier_day is None else published_at(db, earlier_day)
    earlier = (
        frozen.summary
        if frozen is not None and frozen.year == comparison.year
        else (None if earlier_day is None else national_summary(db, comparison.year, earlier_day))
    )
    earlier_regions, earlier_outflow = earlier_frames(db, comparison, year, cohort.year)
    mature_goal = None
    if not summary.cohort_mature and summary.mature_cohort is not None:
        # The latest mature cohort is held against the goal of its own year.
        mature_goal = national_summary(db, summary.mature_cohort.year, peildatum).target_sustainable_pct
    through = metrics.effective_date(year, peildatum)
    last_case = _last_case(db, through)
    return NationalReport(
        year=year,
        peildatum=peildatum,
        through=through,
        followed_until=metrics.followed_until(year, peildatum),
        cohort=cohort,
        regions=regions,
        outflow_regions=outflow_regions,
        summary=summary,
        outflow_summary=outflow_summary,
        earlier=earlier,
        earlier_day=earlier_day,
        since=since,
        mature_goal=mature_goal,
        standings=_standings(regions, outflow_regions, cohort, last_case),
        # The trend draws the view's year and the three before it.
        monthly=monthly_starts(db, max(domain.FIRST_YEAR, year - 3), through),
        last_case=last_case,
        compared_with=comparison,
        earlier_regions=earlier_regions,
        earlier_outflow_regions=earlier_outflow,
        deliveries=completeness(db, peildatum),
    )


def national_report(db: Database, view: View) -> NationalReport:
    """The national report of ``view`` (cached per year, peildatum, cohort, comparison date).

    Compared with ``view.since`` when chosen, else with the last national stuurgroep before the
    peildatum that data management recorded, else with the same date a year earlier. A view of
    snapshot ``view.publication`` reads the report stored in it.
    """
    if view.publication is not None:
        stored = stored_national(db, view.publication)
        if stored is not None and matches_view(stored, view):
            return stored
    steering = None
    if view.since is None:
        steering = last_before(national_steering_groups(db), view.year, view.peildatum)
    comparison = resolve(view.since, steering, view.year, view.peildatum)
    since = comparison.day if comparison.same_year else None
    return _national(db, view.year, view.peildatum, view.cohort, view.cohort_chosen, since, comparison.source)
