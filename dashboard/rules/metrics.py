"""Metric rules from the domain contract as pure functions: pace, status, projection, intervals."""

from __future__ import annotations

import calendar
import datetime as dt
import math
from dataclasses import dataclass
from enum import Enum

from dashboard.i18n import N_
from dashboard.rules import domain


class PaceStatus(Enum):
    """Where a count stands against its pace; always shown as text and icon, not colour alone.

    The values are Dutch and also stored in data frames and compared; show them with ``_(value)``.
    """

    OP_KOERS = N_("op koers")
    ACHTER = N_("achter")
    VER_ACHTER = N_("ver achter")
    GEEN_GEGEVENS = N_("geen gegevens")


def year_end(year: int) -> dt.date:
    """The last day of ``year``."""
    return dt.date(year, 12, 31)


def effective_date(year: int, peildatum: dt.date) -> dt.date:
    """The last day that counts for ``year``: the peildatum, or 31 December for a past year."""
    return min(peildatum, year_end(year))


def followed_until(year: int, peildatum: dt.date) -> dt.date | None:
    """The peildatum when it lies after ``year``: the later day a view of a past year also counts to.

    A view of a past year counts starts and meetings up to 31 December (``effective_date``), but
    follows the outflow of its start cohorts (placement, sustainable work, endings) up to the
    peildatum: sustainable work means six months in paid work, so it mostly comes after the year
    the cohort started in. None when the view counts everything up to one day.
    """
    return peildatum if effective_date(year, peildatum) < peildatum else None


def year_fraction(year: int, peildatum: dt.date) -> float:
    """Share of ``year`` elapsed at the peildatum (1.0 for past years, 0.0 for future years)."""
    if peildatum.year > year:
        return 1.0
    if peildatum.year < year:
        return 0.0
    days = 366 if calendar.isleap(year) else 365
    return peildatum.timetuple().tm_yday / days


def expected_by(target: float, year: int, peildatum: dt.date) -> float:
    """How many should have been reached by the peildatum on a linear pace toward ``target``."""
    return target * year_fraction(year, peildatum)


def pace_status(actual: int | None, expected: float) -> PaceStatus:
    """Classify ``actual`` against the pace: ≥ 100 % op koers, 75–100 % achter, < 75 % ver achter."""
    if actual is None:
        return PaceStatus.GEEN_GEGEVENS
    if expected <= 0:
        return PaceStatus.OP_KOERS
    ratio = actual / expected
    if ratio >= domain.PACE_ON_TRACK:
        return PaceStatus.OP_KOERS
    if ratio >= domain.PACE_BEHIND:
        return PaceStatus.ACHTER
    return PaceStatus.VER_ACHTER


@dataclass(frozen=True)
class Projection:
    """Linear year-end estimate with a 95 % range (counts treated as Poisson)."""

    estimate: float
    low: float
    high: float


def projection(actual: int, year: int, peildatum: dt.date) -> Projection | None:
    """Project ``actual`` to the end of the year; None before the year has started."""
    fraction = year_fraction(year, peildatum)
    if fraction <= 0:
        return None
    if fraction >= 1:
        return Projection(actual, actual, actual)
    spread = 1.96 * math.sqrt(max(actual, 1))
    return Projection(
        actual / fraction, max(actual, (actual - spread) / fraction), (actual + spread) / fraction
    )


def cohort_is_mature(year: int, peildatum: dt.date) -> bool:
    """Whether every trajectory of start cohort ``year`` has had six months to become sustainable."""
    last_start = effective_date(year, peildatum)
    month = last_start.month + domain.SUSTAINABLE_MONTHS
    year_, month_ = last_start.year + (month - 1) // 12, (month - 1) % 12 + 1
    matured = dt.date(year_, month_, min(last_start.day, calendar.monthrange(year_, month_)[1]))
    return peildatum >= matured


def latest_mature_year(year: int, peildatum: dt.date) -> int | None:
    """The newest start cohort up to ``year`` that is mature at the peildatum, None if none is."""
    cohort = year
    while cohort >= domain.FIRST_YEAR and not cohort_is_mature(cohort, peildatum):
        cohort -= 1
    return cohort if cohort >= domain.FIRST_YEAR else None


def wilson_interval(successes: int, total: int, z: float = 1.96) -> tuple[float, float] | None:
    """Wilson score interval for a proportion, as fractions; None when there is no data."""
    if total <= 0:
        return None
    p = successes / total
    denominator = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denominator
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)
