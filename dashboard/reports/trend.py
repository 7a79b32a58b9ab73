"""The national trend: cumulative starts per month of the view's year and the three before it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from dashboard.data.progress import monthly_starts
from dashboard.infra.cache import cached
from dashboard.infra.db import Database
from dashboard.reports.national import national_report
from dashboard.reports.view import View
from dashboard.rules import domain

YEARS_BEFORE = 3


@dataclass(frozen=True)
class NationalTrend:
    """Starts per calendar month (``jaar``, ``maand``, ``gestart``) up to the view's t/m day.

    Attributes:
        year, peildatum: of the view.
        monthly: the months of ``year`` and the ``YEARS_BEFORE`` years before it (from the
            programme's first year).
        target: the national goal of started trajectories in ``year`` (the regions' goals summed).
    """

    year: int
    peildatum: dt.date
    monthly: pd.DataFrame
    target: int


@cached
def _monthly(db: Database, first: int, through: dt.date) -> pd.DataFrame:
    return monthly_starts(db, first, through)


def national_trend(db: Database, view: View) -> NationalTrend:
    """The national trend of ``view`` (cached per data version)."""
    national = national_report(db, view)
    first = max(domain.FIRST_YEAR, view.year - YEARS_BEFORE)
    return NationalTrend(
        year=national.year,
        peildatum=national.peildatum,
        monthly=_monthly(db, first, national.through),
        target=int(national.regions["doel_trajecten"].sum()),
    )
