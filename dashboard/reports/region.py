"""The region report: one region at one view, for its page, its export, the show and the meeting pack.

Everything the region page draws is here: the standing toward the four goals (the same typed
standing as in the national report, so rank and status agree with map and ranking), last year's
figures, the outflow of the view's start cohort, funnels, monthly starts, method mix, meetings and
the comparison with other regions. It is computed once per view and cached per data version.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import pandas as pd

from dashboard.data import snapshots
from dashboard.data.cadence import (
    Gap,
    attendance_by_type,
    case_discussion_gaps,
    meetings_of_region,
    meetings_with_attendance,
)
from dashboard.data.cohorts import funnel_by_region, method_mix
from dashboard.data.delivery_states import Completeness, completeness
from dashboard.data.meetings import last_case_discussion
from dashboard.data.national import NationalSummary, summarise_country
from dashboard.data.progress import monthly_starts, progress_by_region
from dashboard.data.steering import region_steering_groups
from dashboard.infra.cache import cached
from dashboard.infra.db import Database
from dashboard.reports.national import (
    METRIC_COLUMNS,
    NationalReport,
    earlier_frames,
    matches_view,
    national_report,
    stored_national,
    year_before,
)
from dashboard.reports.since import (
    CHOSEN_DAY,
    LAST_STEERING_GROUP,
    Comparison,
    RankMove,
    RegionChanges,
    last_before,
    region_changes,
    resolve,
)
from dashboard.reports.standing import OutflowStanding, RegionStanding
from dashboard.reports.view import View
from dashboard.rules import comparison, domain
from dashboard.rules.ranking import frame_ranks
from dashboard.rules.region_metrics import OutflowCohort
from geodata import RegionRef, region_refs


@dataclass(frozen=True)
class Cadence:
    """The region's meetings of the year: the timeline, long gaps, targets and attendance."""

    meetings: pd.DataFrame
    gaps: list[Gap]
    target_learning: int
    target_cases: int
    attendance: pd.DataFrame
    attendance_known: pd.DataFrame


@dataclass(frozen=True)
class RegionReport:
    """One region at one view.

    Attributes:
        ref: code, name and province.
        national: the national report of the same view (the region's standing comes from it).
        standing: the region's typed standing (starts, outflow of the view's cohort, meetings, ranks).
        summary: the region's own figures of the year, summed as the country's are.
        previous: the same a year earlier at the same date, or None before the programme.
        cohort: the start cohort of the funnels, mix, outflow gauge and comparison.
        cohort_started, cohort_sustainable: that cohort's counts (0 when it has no data).
        target_outflow_pct: the outflow goal the gauge holds the cohort against.
        outflow: the cohort's outflow as the page's gauge holds it: against ``target_outflow_pct``
            (the goal of the cohort's own year), its status by the one outflow rule.
        last_case: the last case discussion up to the data date, or None.
        overdue: whether that is longer ago than the programme allows.
        funnel, national_funnel: funnel counts of the cohort (None without rows).
        monthly: monthly starts of this and last year; target_started: the year's target.
        mix: methods and funding of the cohort.
        cadence: the meetings of the year.
        comparison: the rows of ``comparison.compare_region_with_cohort``.
        peers: the comparable regions (chosen on their yearly target) with their own values, as
            ``comparison.peer_values`` gives them plus each region's ``naam``; closest first.
        cohort_regions: the raw region rows of the cohort (for the funnel plot).
        changes: what changed since the comparison day (by default the region's last stuurgroep
            before the peildatum; ``changes.comparison`` says which day and why).
        steering_groups: the region's stuurgroep days up to the peildatum, oldest first.
    """

    ref: RegionRef
    national: NationalReport
    standing: RegionStanding
    summary: NationalSummary
    previous: NationalSummary | None
    cohort: OutflowCohort
    cohort_delivered: bool
    cohort_started: int
    cohort_sustainable: int
    target_outflow_pct: float
    outflow: OutflowStanding
    last_case: dt.date | None
    overdue: bool
    funnel: dict[str, int] | None
    national_funnel: dict[str, int] | None
    monthly: pd.DataFrame
    target_started: int
    mix: pd.DataFrame
    cadence: Cadence
    comparison: pd.DataFrame
    peers: pd.DataFrame
    cohort_regions: pd.DataFrame
    changes: RegionChanges
    steering_groups: tuple[dt.date, ...] = ()
    # How complete the region's data of the last judged quarter is (its organisations' deliveries).
    deliveries: Completeness | None = None

    @property
    def compared_with(self) -> Comparison:
        """The day the region is compared with and where it came from."""
        return self.changes.comparison

    @property
    def comparison_day(self) -> dt.date | None:
        """The day the region is compared with (its last stuurgroep by default), or None."""
        return self.changes.comparison.day

    @property
    def through(self) -> dt.date:
        """The last day the year's starts and meetings count."""
        return self.national.through


def region_ref(code: str) -> RegionRef:
    """The region of an AM code (the View has already checked that it is one)."""
    return next(r for r in region_refs() if r.code == code)


def funnel_counts(frame: pd.DataFrame, code: str | None = None) -> dict[str, int] | None:
    """The funnel of one region (or, without ``code``, the country); None when it has no rows."""
    if code is not None:
        frame = frame[frame["code"] == code]
    if frame.empty:
        return None
    return {str(k): int(v) for k, v in frame.drop(columns="code").sum().items()}


def cohort_funnel(
    db: Database, cohort: int, peildatum: dt.date, code: str | None = None
) -> dict[str, int] | None:
    """The funnel of start cohort ``cohort`` in region ``code`` (or the country); None without rows."""
    return funnel_counts(funnel_by_region(db, cohort, peildatum), code)


def _cadence(db: Database, code: str, year: int, peildatum: dt.date, row: pd.Series) -> Cadence:
    meetings = meetings_of_region(db, code, year, peildatum)
    before = last_case_discussion(db, dt.date(year - 1, 12, 31)).set_index("code")["laatste"].get(code)
    previous = None if before is None or pd.isna(before) else before
    cases = meetings.loc[meetings["soort"] == "casusbespreking", "datum"].tolist()
    return Cadence(
        meetings=meetings,
        gaps=case_discussion_gaps(cases, year, peildatum, previous=previous),
        target_learning=int(row["doel_leerbijeenkomsten"]),
        target_cases=int(row["doel_casusbesprekingen"]),
        attendance=attendance_by_type(db, code, year, peildatum),
        attendance_known=meetings_with_attendance(db, code, year, peildatum),
    )


def _named(peers: pd.DataFrame) -> pd.DataFrame:
    # Region names are proper names, the same in every language: the report may hold them.
    names = {r.code: r.naam for r in region_refs()}
    return peers.assign(naam=[names[c] for c in peers["code"]])


# The ranking the rank movement is told for: progress toward the year's goal, as the pack ranks.
MAIN_METRIC = "doel"


@cached
def _region(
    db: Database,
    code: str,
    year: int,
    peildatum: dt.date,
    cohort_year: int,
    chosen: bool,
    since: dt.date | None = None,
    source: str = CHOSEN_DAY,
) -> RegionReport:
    view = View(year, peildatum, cohort_year, cohort_chosen=chosen)
    national = national_report(db, view)
    cohort = national.cohort
    regions = progress_by_region(db, year, peildatum)
    row = regions[regions["code"] == code]
    summary = summarise_country(row, year, peildatum)
    previous = None
    if year - 1 >= domain.FIRST_YEAR:
        before = year_before(peildatum)
        earlier = progress_by_region(db, year - 1, before)
        previous = summarise_country(earlier[earlier["code"] == code], year - 1, before)
    cohort_regions = progress_by_region(db, cohort.year, peildatum)
    cohort_row = cohort_regions.set_index("code").loc[code]
    # The national report already holds every region's last case discussion up to its t/m day.
    last_day = national.through
    last = national.last_case.get(code)
    funnels = funnel_by_region(db, cohort.year, peildatum)
    first = max(domain.FIRST_YEAR, year - 1)
    standing = national.standing(code)
    compared = resolve(
        since if source == CHOSEN_DAY else None,
        since if source == LAST_STEERING_GROUP else None,
        year,
        peildatum,
    )
    then_regions, then_outflow = earlier_frames(db, compared, year, cohort.year)
    then_rank = (
        frame_ranks(then_regions, METRIC_COLUMNS[MAIN_METRIC]).get(code)
        if compared.ranks_comparable
        else None
    )
    rank = RankMove(MAIN_METRIC, then_rank, national.rank(MAIN_METRIC, code))
    return RegionReport(
        ref=region_ref(code),
        national=national,
        standing=standing,
        summary=summary,
        previous=previous,
        cohort=cohort,
        cohort_delivered=bool(cohort_row["geleverd"]),
        cohort_started=int(cohort_row["gestart"]) if cohort_row["geleverd"] else 0,
        cohort_sustainable=int(cohort_row["duurzaam"]),
        # A cohort is held against the goal of its own year, on every output (as its status is).
        target_outflow_pct=standing.outflow.target_pct or 0.0,
        outflow=standing.outflow,
        last_case=last,
        overdue=last is None or (last_day - last).days > domain.CASE_DISCUSSION_MAX_GAP_DAYS,
        funnel=funnel_counts(funnels, code),
        national_funnel=funnel_counts(funnels),
        monthly=monthly_starts(db, first, last_day, region=code),
        target_started=int(row["doel_trajecten"].iloc[0]),
        mix=method_mix(db, cohort.year, peildatum, region=code),
        cadence=_cadence(db, code, year, peildatum, row.iloc[0]),
        comparison=comparison.compare_region_with_cohort(
            regions, cohort_regions, code, year, cohort.year, peildatum
        ),
        peers=_named(comparison.peer_values(regions, cohort_regions, code, year, cohort.year, peildatum)),
        cohort_regions=cohort_regions,
        changes=region_changes(code, compared, standing, then_regions, then_outflow, rank),
        steering_groups=tuple(region_steering_groups(db, code, peildatum)),
        deliveries=completeness(db, peildatum, code),
    )


def region_report(db: Database, view: View, code: str) -> RegionReport:
    """The report of region ``code`` at ``view`` (cached per data version).

    Compared with ``view.since`` when chosen, else with the region's last stuurgroep before the
    peildatum (its meetings of kind *stuurgroep*), else with the same date a year earlier. A view
    of snapshot ``view.publication`` reads the report stored in it.
    """
    if view.publication is not None:
        stored = stored_region(db, view.publication, code)
        if stored is not None and matches_view(stored.national, view):
            return stored
    steering = None
    if view.since is None:
        steering = last_before(region_steering_groups(db, code, view.peildatum), view.year, view.peildatum)
    compared = resolve(view.since, steering, view.year, view.peildatum)
    since = compared.day if compared.same_year else None
    return _region(
        db, code, view.year, view.peildatum, view.cohort, view.cohort_chosen, since, compared.source
    )


@cached
def stored_region(db: Database, number: int, code: str) -> RegionReport | None:
    """Region ``code``'s report as snapshot ``number`` stored it, with the stored national report."""
    found = snapshots.stored(db, number, "regio", code)
    national = stored_national(db, number)
    if not isinstance(found, RegionReport) or national is None:
        return None
    return replace(found, national=national)
