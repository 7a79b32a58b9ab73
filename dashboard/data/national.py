"""National figures: the sum of the 35 regions, with pace, projection and cohort maturity."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from dashboard.data.progress import progress_by_region
from dashboard.infra.cache import cached
from dashboard.infra.db import Database
from dashboard.rules import metrics


@dataclass(frozen=True)
class MatureCohort:
    """The newest start cohort whose sustainable-outflow % can be held against the goal."""

    year: int
    started: int
    sustainable: int

    @property
    def pct(self) -> float | None:
        """Sustainable outflow as a percentage of the cohort, None without trajectories."""
        return 100 * self.sustainable / self.started if self.started else None


@dataclass(frozen=True)
class NationalSummary:
    """The country's standing toward this year's goals at the peildatum."""

    year: int
    peildatum: dt.date
    started: int
    target_started: int
    expected_started: float
    status: metrics.PaceStatus
    projection: metrics.Projection | None
    sustainable: int
    sustainable_pct: float | None
    target_sustainable_pct: float
    cohort_mature: bool
    regions_on_track: int
    regions_total: int
    regions_without_data: int
    learning_sessions: int
    mature_cohort: MatureCohort | None
    delivered: bool  # any trajectory data at all; without it the figures are "geen gegevens"
    meetings_delivered: bool
    target_learning_sessions: int
    case_discussions: int
    target_case_discussions: int


def summarise_country(
    regions: pd.DataFrame, year: int, peildatum: dt.date, mature_cohort: MatureCohort | None = None
) -> NationalSummary:
    """Add the region rows of ``progress_by_region`` up to national figures (pure, no I/O)."""
    started = int(regions["gestart"].sum())
    target = int(regions["doel_trajecten"].sum())
    expected = metrics.expected_by(target, year, peildatum)
    region_status = [
        metrics.pace_status(
            int(row.gestart) if row.geleverd else None,
            metrics.expected_by(row.doel_trajecten, year, peildatum),
        )
        for row in regions.itertuples()
    ]
    delivered = bool(regions["geleverd"].any())
    sustainable = int(regions["duurzaam"].sum())
    # Weighted by each region's volume, so the national goal is the trajectory-weighted mean.
    weighted_goal = (
        float((regions["doel_duurzaam_pct"] * regions["doel_trajecten"]).sum() / target) if target else 40.0
    )
    return NationalSummary(
        year=year,
        peildatum=peildatum,
        started=started,
        target_started=target,
        expected_started=expected,
        status=metrics.pace_status(started if delivered else None, expected),
        projection=metrics.projection(started, year, peildatum) if delivered else None,
        sustainable=sustainable,
        sustainable_pct=100 * sustainable / started if started else None,
        target_sustainable_pct=weighted_goal,
        cohort_mature=metrics.cohort_is_mature(year, peildatum),
        regions_on_track=sum(s is metrics.PaceStatus.OP_KOERS for s in region_status),
        regions_total=len(regions),
        regions_without_data=int((~regions["geleverd"]).sum()),
        learning_sessions=int(regions["leerbijeenkomsten"].sum()),
        mature_cohort=mature_cohort,
        delivered=delivered,
        meetings_delivered=bool(regions["bijeenkomsten_geleverd"].any()),
        target_learning_sessions=int(regions["doel_leerbijeenkomsten"].sum()),
        case_discussions=int(regions["casusbesprekingen"].sum()),
        target_case_discussions=int(regions["doel_casusbesprekingen"].sum()),
    )


@cached
def national_summary(db: Database, year: int, peildatum: dt.date) -> NationalSummary:
    """National figures for ``year`` at the peildatum (cached through ``progress_by_region``)."""
    regions = progress_by_region(db, year, peildatum)
    return summarise_country(regions, year, peildatum, latest_mature_cohort(db, year, peildatum))


def latest_mature_cohort(
    db: Database, year: int, peildatum: dt.date, region: str | None = None
) -> MatureCohort | None:
    """The newest start cohort up to ``year`` that is mature at the peildatum (one region or all)."""
    cohort = metrics.latest_mature_year(year, peildatum)
    if cohort is None:
        return None
    frame = progress_by_region(db, cohort, peildatum)
    if region is not None:
        frame = frame[frame["code"] == region]
    return MatureCohort(cohort, int(frame["gestart"].sum()), int(frame["duurzaam"].sum()))
