"""Revisions: what the current data says for a snapshot's peildatum, and which deliveries changed it.

Official statistics publish provisional and final figures and say what they revised and why; this
report does the same for a snapshot: per measure, per region and per organisation (as far as the
viewer may see organisations) the published and the current figure, and the files that came in
after publication with trajectories dated on or before the peildatum.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from dashboard.auth.viewer import Viewer
from dashboard.data import access, snapshots
from dashboard.data.snapshots import PublicationRef
from dashboard.i18n import N_, _
from dashboard.infra import clock
from dashboard.infra.db import Database
from dashboard.reports.national import NationalReport, national_report, stored_national
from dashboard.reports.publication import snapshot_view, stored_table
from dashboard.reports.region import RegionReport, region_report, stored_region
from dashboard.rules.suppression import SuppressionRule
from dashboard.text import format as fmt

# Measure keys with their Dutch names (translated where shown).
MEASURES = {
    "gestart": N_("trajecten gestart"),
    "geplaatst": N_("geplaatst"),
    "duurzaam": N_("duurzaam uitgestroomd"),
    "leer": N_("leerbijeenkomsten"),
    "casus": N_("casusbesprekingen"),
}
ORGANISATION_MEASURES = ("gestart", "geplaatst", "duurzaam")


@dataclass(frozen=True)
class Change:
    """One measure as published (``then``) and as the current data has it (``now``)."""

    measure: str
    then: int | None
    now: int | None

    @property
    def delta(self) -> int:
        """The revision (0 when either side has no figure)."""
        return 0 if self.then is None or self.now is None else self.now - self.then


@dataclass(frozen=True)
class Cause:
    """A file that came in after publication for one organisation, with the trajectories it added."""

    organisation: str
    started: int | None  # the organisation's revision of its starts; None when hidden as small
    quarter: str | None  # "K4 2026": the quarter of the latest late start in the file
    delivered: dt.date
    file: str


@dataclass(frozen=True)
class OrganisationChange:
    """One organisation's revised counts (start cohort of the snapshot's year)."""

    id: int
    name: str
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class RegionRevision:
    """One region: its revised measures and, where the viewer sees them, organisations and causes."""

    code: str
    name: str
    changes: tuple[Change, ...]
    organisations: tuple[OrganisationChange, ...]
    causes: tuple[Cause, ...]
    late_files: int

    @property
    def revised(self) -> bool:
        """Whether any of its measures changed since publication."""
        return any(change.delta for change in self.changes)


@dataclass(frozen=True)
class Revision:
    """A snapshot against the current data at its peildatum."""

    publication: PublicationRef
    national: tuple[Change, ...]
    regions: tuple[RegionRevision, ...]  # every region, its measures only (from the national reports)
    detail: RegionRevision | None = None  # the region asked for, with organisations and causes


def _national_changes(then: NationalReport, now: NationalReport) -> tuple[Change, ...]:
    pairs = (
        ("gestart", then.summary.started, now.summary.started),
        ("duurzaam", then.outflow_summary.sustainable, now.outflow_summary.sustainable),
        ("leer", then.summary.learning_sessions, now.summary.learning_sessions),
        ("casus", then.summary.case_discussions, now.summary.case_discussions),
    )
    return tuple(Change(key, a, b) for key, a, b in pairs)


def _region_values(report: RegionReport) -> dict[str, int | None]:
    return {
        "gestart": _int(report.standing.starts.value),
        "geplaatst": None if report.funnel is None else _int(report.funnel.get("geplaatst")),
        "duurzaam": _int(report.outflow.sustainable),
        "leer": _int(report.standing.learning.value),
        "casus": _int(report.standing.cases.value),
    }


def _int(value: object) -> int | None:
    return None if value is None or isinstance(value, str) or pd.isna(value) else int(value)  # type: ignore[call-overload]


def _organisations(
    then: pd.DataFrame | None, now: pd.DataFrame | None, rule: SuppressionRule
) -> list[OrganisationChange]:
    if then is None or now is None:
        return []
    before = then.set_index("id")
    found = []
    for row in now.itertuples():
        old = before.loc[row.id] if row.id in before.index else None
        changes = []
        for key in ORGANISATION_MEASURES:
            a = 0 if old is None else _int(old[key])
            b = _int(getattr(row, key))
            change = Change(key, a, b)
            # A small revision of one organisation is itself a small count: hidden as such.
            if change.delta and not rule.is_small(abs(change.delta)):
                changes.append(change)
        if changes:
            found.append(OrganisationChange(int(row.id), str(row.organisatie), tuple(changes)))
    return found


def _quarter(day: object) -> str | None:
    if day is None or pd.isna(day):
        return None
    assert isinstance(day, dt.date)
    return f"K{(day.month - 1) // 3 + 1} {day.year}"


def _delivered(moment: dt.datetime) -> dt.date:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(clock.AMSTERDAM).date()


def region_revision(
    db: Database, found: PublicationRef, code: str, viewer: Viewer, minimum: int, late: pd.DataFrame
) -> RegionRevision | None:
    """Region ``code`` of snapshot ``found`` against the current data (None: the snapshot lacks it)."""
    then = stored_region(db, found.id, code)
    if then is None:
        return None
    view = snapshot_view(found.peildatum)
    now = region_report(db, view, code)
    old, new = _region_values(then), _region_values(now)
    changes = tuple(Change(key, old[key], new[key]) for key in MEASURES)
    own = late[late["code"] == code]
    organisations: list[OrganisationChange] = []
    causes: list[Cause] = []
    if viewer.sees_organisations(code):
        rule = viewer.suppression(minimum)
        day = access.moment_for(viewer, found.peildatum)
        current = access.live_table(db, code, view.year, day, rule)
        organisations = _organisations(
            stored_table(db, found.id, code, view.year, rule.minimum), current, rule
        )
        started = {
            o.id: next((c.delta for c in o.changes if c.measure == "gestart"), None) for o in organisations
        }
        for row in own.itertuples():
            causes.append(
                Cause(
                    organisation=str(row.organisatie),
                    started=started.get(int(row.organisation_id)),
                    quarter=_quarter(row.laatste_start),
                    delivered=_delivered(row.tijdstip),
                    file=str(row.bestandsnaam),
                )
            )
    return RegionRevision(code, then.ref.naam, changes, tuple(organisations), tuple(causes), len(own))


def _standing_values(report: NationalReport, code: str) -> dict[str, int | None]:
    standing = report.standing(code)
    return {
        "gestart": _int(standing.starts.value),
        "duurzaam": _int(standing.outflow.sustainable),
        "leer": _int(standing.learning.value),
        "casus": _int(standing.cases.value),
    }


def _overview(then: NationalReport, now: NationalReport, late: pd.DataFrame) -> tuple[RegionRevision, ...]:
    found = []
    for standing in then.standings:
        old, new = _standing_values(then, standing.code), _standing_values(now, standing.code)
        changes = tuple(Change(key, old[key], new[key]) for key in old)
        files = int((late["code"] == standing.code).sum())
        found.append(RegionRevision(standing.code, standing.name, changes, (), (), files))
    return tuple(found)


def revision(
    db: Database, found: PublicationRef, viewer: Viewer, minimum: int, code: str | None = None
) -> Revision | None:
    """Snapshot ``found`` against the current data: the country, every region, region ``code`` in detail."""
    then = stored_national(db, found.id)
    if then is None:
        return None
    now = national_report(db, snapshot_view(found.peildatum))
    late = snapshots.deliveries_after(db, found.laatste_import, found.peildatum)
    # Only files with trajectories dated by the peildatum can have revised it.
    late = late[late["laatste_start"].notna()]
    detail = None if code is None else region_revision(db, found, code, viewer, minimum, late)
    return Revision(found, _national_changes(then, now), _overview(then, now, late), detail)


def signed(delta: int) -> str:
    """+3 / −2 / 0, as a revision is told."""
    return f"+{delta}" if delta > 0 else ("−" + str(-delta) if delta < 0 else "0")


def cause_text(cause: Cause) -> str:
    """How a cause is told: +3 trajecten door late aanlevering van X (K4 2026, geleverd 2 februari 2027)."""
    when = ", ".join(
        part
        for part in (cause.quarter, _("geleverd {datum}").format(datum=fmt.date(cause.delivered)))
        if part
    )
    if cause.started:
        return _("{aantal} trajecten door late aanlevering van {organisatie} ({wanneer})").format(
            aantal=signed(cause.started), organisatie=cause.organisation, wanneer=when
        )
    return _("Late aanlevering van {organisatie} ({wanneer})").format(
        organisatie=cause.organisation, wanneer=when
    )
