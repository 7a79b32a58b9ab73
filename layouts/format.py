"""Dutch formatting of numbers, percentages and dates for everything a user reads."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)

# The usual Dutch short forms ("mrt", not "maa").
MONTH_ABBREVIATIONS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def number(value: float | None, decimals: int = 0) -> str:
    """1234.5 → ``1.234,5``; None → ``–``."""
    if value is None:
        return "–"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def percentage(value: float | None, decimals: int = 0) -> str:
    """38.25 → ``38 %``; None → ``–``."""
    return "–" if value is None else f"{number(value, decimals)} %"


def published(value: object, percent: bool = False) -> str:
    """A number that may have been suppressed: a marker ("<5", "x") as it is, None as ``–``."""
    if isinstance(value, str):
        return value
    if value is None:
        return "–"
    amount = float(value)  # type: ignore[arg-type]
    return percentage(amount) if percent else number(amount)


def date(value: dt.date | None) -> str:
    """2026-03-03 → ``3 maart 2026``."""
    if value is None:
        return "–"
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def moment(value: dt.datetime) -> str:
    """A stored (UTC) time as Dutch local time: ``22 november 2026 08:59``."""
    aware = value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)
    local = aware.astimezone(AMSTERDAM)
    return f"{date(local.date())} {local:%H:%M}"
