"""What a meeting pack holds: its sections, tables and the facts printed on every page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import plotly.graph_objects as go

from dashboard.i18n import _
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
    """The facts a reader needs on every page to know which numbers they are looking at."""

    title: str
    peildatum: dt.date
    filters: str
    data_date: str


def cijfers_tm(info: PackInfo) -> str:
    """``Cijfers t/m 30 september 2026`` (in the current language)."""
    return _("Cijfers t/m {datum}").format(datum=date(info.peildatum))


def pack_filename(info: PackInfo, extension: str) -> str:
    """``vergaderstuk-2026-09-30.pdf`` for a pack with that peildatum.

    Args:
        info: The pack's facts; only the peildatum names the file.
        extension: ``pdf`` or ``pptx``, with or without the leading dot.
    """
    return f"vergaderstuk-{info.peildatum.isoformat()}.{extension.lstrip('.')}"
