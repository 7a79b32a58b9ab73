"""The meeting pack's section of open signals at its peildatum (pure: it reads the signals it is given)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from dashboard.documents.pack.model import PackSection, PackTable
from dashboard.i18n import _
from dashboard.reports.signal import HIGH, Signal
from dashboard.text import format as fmt
from geodata import region_refs


def pack_signals(signals: Sequence[Signal], regions: Sequence[str]) -> tuple[list[Signal], bool]:
    """The signals of the pack: those of its regions, or without regions the country's most urgent.

    Returns:
        The signals, most urgent first, and whether only the most urgent were taken.
    """
    if regions:
        return [s for s in signals if s.region in regions], False
    return [s for s in signals if s.severity == HIGH], True


def signals_section(signals: Sequence[Signal], regions: Sequence[str], peildatum: dt.date) -> PackSection:
    """A table of the open signals at the peildatum: severity, region, what happened, since when."""
    shown, urgent_only = pack_signals(signals, regions)
    names = {r.code: r.naam for r in region_refs()}
    rows = [
        [
            _(s.severity),
            names.get(s.region, s.region) + (f" · {s.organisation}" if s.organisation else ""),
            str(s.text),
            fmt.date(s.started),
        ]
        for s in shown
    ]
    if not shown:
        text = _("Op {datum} zijn er geen open signalen.").format(datum=fmt.date(peildatum))
    elif urgent_only:
        text = _(
            "De open signalen met ernst hoog op {datum}; alle signalen staan op de pagina Signalen."
        ).format(datum=fmt.date(peildatum))
    else:
        text = _("De open signalen op {datum}, het meest dringende eerst.").format(datum=fmt.date(peildatum))
    table = PackTable(
        _("Signalen op {datum}").format(datum=fmt.date(peildatum)),
        [_("Ernst"), _("Regio"), _("Wat en waarom"), _("Sinds")],
        rows,
    )
    return PackSection(_("Signalen"), text, [], [table] if rows else [])
