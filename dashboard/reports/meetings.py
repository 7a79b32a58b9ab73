"""The meetings of the year per region, for the meeting pack and the presentation's last screen.

The counts and goals are the region rows the national report is made of (whole numbers, with
``bijeenkomsten_geleverd`` telling *geen gegevens* from zero); beside them the day of each
region's last case discussion up to the view's t/m day, which decides *achterstallig*.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from dashboard.data.meetings import last_case_discussion
from dashboard.data.progress import progress_by_region
from dashboard.infra.cache import cached
from dashboard.infra.db import Database
from dashboard.reports.national import national_report
from dashboard.reports.view import View


@dataclass(frozen=True)
class MeetingsReport:
    """Learning sessions and case discussions of every region at one view.

    Attributes:
        year, peildatum: of the view.
        through: the last day the year's meetings count (31 December for a past year).
        regions: the rows of ``progress_by_region`` for the view: meetings held and their goals.
        last_case: per region (``code``) the day of its last case discussion up to ``through``
            (``laatste``, NaT when it never held one).
    """

    year: int
    peildatum: dt.date
    through: dt.date
    regions: pd.DataFrame
    last_case: pd.DataFrame

    def of(self, codes: tuple[str, ...]) -> pd.DataFrame:
        """The region rows of ``codes`` (all regions when empty), in code order."""
        return self.regions[self.regions["code"].isin(codes)] if codes else self.regions

    def last_day(self, code: str) -> dt.date | None:
        """The last case discussion of region ``code``, None when it never held one."""
        day = self.last_case.set_index("code")["laatste"].get(code)
        return None if day is None or pd.isna(day) else day


@cached
def _last_case(db: Database, through: dt.date) -> pd.DataFrame:
    return last_case_discussion(db, through)


def meetings_report(db: Database, view: View) -> MeetingsReport:
    """The meetings report of ``view`` (its parts cached per data version)."""
    national = national_report(db, view)
    return MeetingsReport(
        year=national.year,
        peildatum=national.peildatum,
        through=national.through,
        regions=progress_by_region(db, national.year, national.peildatum),
        last_case=_last_case(db, national.through),
    )
