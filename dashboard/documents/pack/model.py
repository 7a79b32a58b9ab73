"""What a meeting pack holds: its sections, tables and the facts printed on every page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import plotly.graph_objects as go

from dashboard.i18n import _
from dashboard.text.as_of import through
from dashboard.text.format import date


@dataclass(frozen=True)
class PackTable:
    """A table of already formatted cells; ``numeric`` holds the indexes of right-aligned columns."""

    caption: str
    headers: list[str]
    rows: list[list[str]]
    numeric: set[int] = field(default_factory=set)


@dataclass(frozen=True)
class PackSection:
    """One part of the pack (national overview, a region, …), starting on its own page or slide."""

    title: str
    text: str = ""
    figures: list[go.Figure] = field(default_factory=list)
    tables: list[PackTable] = field(default_factory=list)


@dataclass(frozen=True)
class PackInfo:
    """The facts a reader needs on every page to know which numbers they are looking at.

    ``year`` is the year the pack reports on; None for a pack of figures that all count up to
    the peildatum.
    """

    title: str
    peildatum: dt.date
    filters: str
    data_date: str
    year: int | None = None


def cijfers_tm(info: PackInfo) -> str:
    """``Cijfers t/m 30 september 2026``, as the pages date the same view (in the current language).

    A past year seen at a later peildatum counts its starts and meetings up to 31 December and
    follows its cohort's outflow to the peildatum: *Cijfers t/m 31 december 2025 (uitstroom t/m
    30 september 2026)*, the page's heading (``dashboard.text.as_of.through``).
    """
    day = date(info.peildatum) if info.year is None else through(info.year, info.peildatum)
    return _("Cijfers t/m {datum}").format(datum=day)


def pack_filename(info: PackInfo, extension: str) -> str:
    """``vergaderstuk-2026-09-30.pdf`` for a pack with that peildatum.

    Args:
        info: The pack's facts; only the peildatum names the file.
        extension: ``pdf`` or ``pptx``, with or without the leading dot.
    """
    return f"vergaderstuk-{info.peildatum.isoformat()}.{extension.lstrip('.')}"
