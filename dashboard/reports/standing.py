"""Typed standings: one figure with its goal, pace, status and rank, as every output reads it (pure).

A standing is computed once, in a report, from the frame of ``region_metrics``; a page, an
export, the presentation and the meeting pack read the same object, so none of them works out a
status or a rank of its own. Status words stay Dutch (marked with ``N_``): they are compared and
stored, and translated where a reader sees them.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import pandas as pd

from dashboard.rules.ranking import Rank
from dashboard.rules.region_metrics import OutflowCohort

__all__ = ["OutflowStanding", "Rank", "RegionStanding", "Standing", "number"]


@dataclass(frozen=True)
class Standing:
    """One figure against its goal.

    Attributes:
        value: the figure, or None for *geen gegevens* (never 0 for no data).
        target: the goal for the year (a count, or a percentage for outflow).
        expected: what the pace asks by the peildatum, or None where pace does not apply.
        status: the Dutch status word (``op koers``, ``achter``, ``onder doel``, ``geen gegevens`` …).
        rank: the place among the 35 regions, or None without a value (or for the country).
    """

    value: float | None
    target: float | None
    expected: float | None
    status: str
    rank: Rank | None = None


@dataclass(frozen=True)
class OutflowStanding:
    """Sustainable outflow of one start cohort, with its maturity and the goal it is held against."""

    cohort: OutflowCohort
    started: int | None
    sustainable: int | None
    pct: float | None
    interval: tuple[float, float] | None
    target_pct: float | None
    status: str
    rank: Rank | None = None


@dataclass(frozen=True)
class RegionStanding:
    """One region's standing toward the four goals of the year at the peildatum.

    ``last_case_discussion`` is the day of the region's last case discussion up to the report's
    *t/m* day, or None when it never held one (or the report did not read it).
    """

    code: str
    name: str
    province: str
    starts: Standing
    pct_goal: float | None
    pct_pace: float | None
    outflow: OutflowStanding
    learning: Standing
    cases: Standing
    last_case_discussion: dt.date | None = None


def number(value: object) -> float | None:
    """A frame cell as a float, None for NaN/NA (no data)."""
    if value is None or value is pd.NA:
        return None
    result = float(value)  # type: ignore[arg-type]
    return None if math.isnan(result) else result
