"""Signals marked "gezien": written and read with the role's rights, every mark kept as history.

A signal is computed (``dashboard.reports.signals``); what is stored is only that somebody saw it:
the signal's key, its region, who, when and a short note. A viewer reads and writes marks of the
regions it may see signals of, and of an organisation's signal only where it sees organisations,
so a forged request for another region changes and tells nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import insert, select

from dashboard.auth.viewer import REGIONAL, Viewer
from dashboard.data.access import NoAccess
from dashboard.data.models import SignalMark
from dashboard.i18n import N_, LazyText, UserError, _
from dashboard.importing.personal import personal_data
from dashboard.infra import clock
from dashboard.infra.db import Database
from dashboard.rules import signals as rules

NOTE_MAX = 280
# Signals that name an organisation: only for a viewer who sees the region's organisations.
ORGANISATION_RULES = (rules.DELIVERY, rules.ANOMALY, rules.REDELIVERY)


@dataclass(frozen=True)
class Mark:
    """One mark of a signal: seen (or taken back), by whom, when, with which note."""

    key: str
    region: str
    seen: bool
    note: str
    by: str
    at: dt.datetime


def key_region(key: str) -> tuple[str, str]:
    """The rule and region of a signal key (``casus:AM09:2026-09-12`` → ``casus``, ``AM09``).

    Raises:
        UserError: when ``key`` is not the key of a signal.
    """
    parts = key.split(":") if isinstance(key, str) and len(key) <= 200 else []
    if len(parts) < 3 or parts[0] not in rules.RULES or len(parts[1]) != 4 or not parts[1].startswith("AM"):
        raise UserError(N_("Dit signaal bestaat niet."))
    return parts[0], parts[1]


def may_see(viewer: Viewer, key: str) -> bool:
    """Whether ``viewer`` may see (and mark) the signal of ``key``."""
    rule, region = key_region(key)
    if not viewer.signed_in:
        return False
    if viewer.role == REGIONAL and region not in viewer.regions:
        return False
    return rule not in ORGANISATION_RULES or viewer.sees_organisations(region)


def mark(db: Database, viewer: Viewer, key: str, note: str = "", seen: bool = True) -> Mark:
    """Record that ``viewer`` saw the signal of ``key`` (or, with ``seen=False``, takes that back).

    Raises:
        UserError: for a key that is no signal's, or a note that is too long (nothing is stored).
        NoAccess: when the viewer may not see this signal.
    """
    _rule, region = key_region(key)
    if not may_see(viewer, key):
        raise NoAccess(_("U hebt geen toegang tot de signalen van deze regio."))
    text = (note or "").strip()
    if len(text) > NOTE_MAX:
        raise UserError(
            N_("Een notitie is hooguit {max} tekens; deze heeft er {lengte}."), max=NOTE_MAX, lengte=len(text)
        )
    kind = personal_data(text)
    if kind:
        # The note is not repeated in the message: it may hold what must not be stored.
        raise UserError(
            N_("De notitie bevat {soort}. Gegevens over deelnemers horen hier niet: haal het weg."),
            soort=LazyText(kind),
        )
    at = clock.utc_now()
    with db.engine.begin() as connection:
        connection.execute(
            insert(SignalMark).values(
                signaal=key, region_code=region, gezien=seen, notitie=text, gebruiker=viewer.name, tijdstip=at
            )
        )
    return Mark(key, region, seen, text, viewer.name, at)


def _rows(db: Database, keys: Iterable[str]) -> list[Mark]:
    wanted = sorted(set(keys))
    if not wanted:
        return []
    query = (
        select(
            SignalMark.signaal,
            SignalMark.region_code,
            SignalMark.gezien,
            SignalMark.notitie,
            SignalMark.gebruiker,
            SignalMark.tijdstip,
        )
        .where(SignalMark.signaal.in_(wanted))
        .order_by(SignalMark.id)
    )
    with db.engine.connect() as connection:
        return [Mark(*row) for row in connection.execute(query)]


def history(db: Database, viewer: Viewer, key: str) -> list[Mark]:
    """Every mark of the signal of ``key``, oldest first (empty when the viewer may not see it)."""
    try:
        allowed = may_see(viewer, key)
    except UserError:
        return []
    return _rows(db, [key]) if allowed else []


def current(db: Database, viewer: Viewer, keys: Iterable[str]) -> dict[str, Mark]:
    """Per key the latest mark of the signals the viewer may see; a key only taken back is left out."""
    allowed = []
    for key in keys:
        try:
            if may_see(viewer, key):
                allowed.append(key)
        except UserError:
            continue
    latest: dict[str, Mark] = {}
    for found in _rows(db, allowed):
        latest[found.key] = found
    return {key: found for key, found in latest.items() if found.seen}
