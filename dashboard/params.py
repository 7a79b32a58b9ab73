"""Parsing of view parameters (year, peildatum, region) from URLs and form controls."""

from __future__ import annotations

import datetime as dt

from dashboard import domain
from geodata import region_refs

FIRST_DAY = dt.date(domain.FIRST_YEAR, 1, 1)


def parse_year(raw: str | None, default: int) -> int:
    """The year from a URL or select value; anything unusable gives ``default``."""
    if raw is None or not str(raw).isdigit():
        return default
    year = int(raw)
    return year if domain.FIRST_YEAR <= year <= default else default


def parse_peildatum(raw: str | None, latest: dt.date) -> dt.date:
    """A peildatum from the URL or date input, kept between the programme's start and ``latest``."""
    try:
        day = dt.date.fromisoformat(str(raw))
    except ValueError:
        return latest
    return min(max(day, FIRST_DAY), latest)


def parse_region(raw: str | None) -> str | None:
    """An AM code from the URL, or None when it names no region."""
    codes = {r.code for r in region_refs()}
    return raw if raw in codes else None
