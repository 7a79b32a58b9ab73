"""Numbers, percentages and dates as a reader of the current language expects them (via Babel)."""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal

from babel import Locale
from babel.dates import format_date
from babel.numbers import NumberPattern, parse_pattern

from dashboard.i18n import _, current_language, current_locale
from dashboard.infra import clock
from dashboard.rules.ranking import Rank
from dashboard.text.rounding import rounded


def month_name(month: int) -> str:
    """The full month name in the current language: 3 → ``maart`` / ``March``."""
    return str(format_date(dt.date(2000, month, 1), "MMMM", locale=current_locale()))


def month_abbreviations() -> tuple[str, ...]:
    """Short month names in the current language (Dutch: the usual ``mrt``, not ``maa``)."""
    return tuple(
        str(format_date(dt.date(2000, m, 1), "MMM", locale=current_locale())).rstrip(".")
        for m in range(1, 13)
    )


def number(value: float | Decimal | None, decimals: int = 0) -> str:
    """1234.5 → ``1.234,5`` in Dutch, ``1,234.5`` in English; None → ``–``.

    Halves round away from zero (12.5 → ``13``), see :func:`dashboard.text.rounding.rounded`.
    """
    if value is None:
        return "–"
    pattern, locale = _decimal_format(decimals, current_locale())
    # Babel would round halves to even; a Decimal already at ``decimals`` places it shows as it is.
    return str(pattern.apply(rounded(value, decimals), locale))


@functools.cache
def _decimal_format(decimals: int, locale: str) -> tuple[NumberPattern, Locale]:
    # What babel's format_decimal parses on every call, parsed once: a page formats hundreds of
    # numbers (figure tables, hover texts), and the parsing cost more than the formatting.
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return parse_pattern(pattern), Locale.parse(locale)


def percentage(value: float | Decimal | None, decimals: int = 0) -> str:
    """38.25 → ``38 %`` in Dutch, ``38%`` in English, 12.5 → ``13 %``; None → ``–``."""
    if value is None:
        return "–"
    return number(value, decimals) + percent_suffix()


def percent_suffix() -> str:
    """What follows a percentage: `` %`` in Dutch (with a space), ``%`` in English."""
    return " %" if current_language() == "nl" else "%"


def published(value: object, percent: bool = False) -> str:
    """A number that may have been suppressed: a marker ("<5", "x") as it is, None as ``–``."""
    if isinstance(value, str):
        return value
    if value is None:
        return "–"
    amount = float(value)  # type: ignore[arg-type]
    return percentage(amount) if percent else number(amount)


def date(value: dt.date | None) -> str:
    """2026-03-03 → ``3 maart 2026`` / ``3 March 2026``."""
    if value is None:
        return "–"
    return str(format_date(value, "d MMMM y", locale=current_locale()))


def moment(value: dt.datetime) -> str:
    """A stored (UTC) time as Dutch local time: ``22 november 2026 08:59``."""
    aware = value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)
    local = aware.astimezone(clock.AMSTERDAM)
    return f"{date(local.date())} {local:%H:%M}"


def rank(place: Rank | None) -> str:
    """``4 van 35`` / ``4 of 35``; an en dash for a region without a value."""
    if place is None:
        return "–"
    return _("{place} van {total}").format(place=number(place.place), total=number(place.total))
