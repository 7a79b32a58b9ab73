"""Values in a signal's sentence that are written out in the reader's language when it is shown.

A signal is computed once and cached across languages (``dashboard.reports.signals``); its
sentence is a ``LazyText`` whose values are these, so "3 maart 2026" becomes "3 March 2026" on an
English page and "38 %" becomes "38%".
"""

from __future__ import annotations

import datetime as dt

from dashboard.i18n import _
from dashboard.text import format


class ShownDate:
    """A date, written as ``3 maart 2026`` / ``3 March 2026``."""

    __slots__ = ("day",)

    def __init__(self, day: dt.date) -> None:
        """Keep the day."""
        self.day = day

    def __str__(self) -> str:
        return format.date(self.day)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ShownDate) and other.day == self.day

    def __hash__(self) -> int:
        return hash(self.day)


class ShownNumber:
    """A number (or a percentage), written with the reader's separators."""

    __slots__ = ("decimals", "percent", "value")

    def __init__(self, value: float, decimals: int = 0, percent: bool = False) -> None:
        """Keep the value and how to write it."""
        self.value = value
        self.decimals = decimals
        self.percent = percent

    def __str__(self) -> str:
        if self.percent:
            return format.percentage(self.value, self.decimals)
        return format.number(self.value, self.decimals)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ShownNumber) and (other.value, other.percent) == (self.value, self.percent)

    def __hash__(self) -> int:
        return hash((self.value, self.percent))


class ShownQuarter:
    """A quarter key (``2026-K2``), or a run of them, written as the reader's language does (``2026-Q2``)."""

    __slots__ = ("first", "last")

    def __init__(self, first: str, last: str | None = None) -> None:
        """Keep the key (and the last key of a run)."""
        self.first = first
        self.last = last

    def __str__(self) -> str:
        shown = [_quarter(self.first)] + ([_quarter(self.last)] if self.last else [])
        return " – ".join(shown)


def _quarter(label: str) -> str:
    year, quarter = label.split("-K")
    return _("{year}-K{quarter}").format(year=year, quarter=quarter)
