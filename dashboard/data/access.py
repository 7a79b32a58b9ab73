"""Organisation-level data as a viewer may receive it: the data layer's gate for the roles.

Pages, callbacks, downloads and the meeting pack get figures per organisation only through these
functions. A viewer without rights for a region's organisations gets ``NoAccess`` (or None for a
single organisation, so a crafted id does not even tell whether it exists); everyone but
``beheer`` gets small numbers suppressed before the frame leaves this module.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dashboard.auth.viewer import Viewer
from dashboard.data import cohorts, meta, organisations, progress, published, snapshots
from dashboard.data.cohorts import OrganisationRef
from dashboard.i18n import _
from dashboard.infra.cache import cached
from dashboard.infra.db import Database
from dashboard.rules.disclosure import COLUMNS
from dashboard.rules.moments import published_moment
from dashboard.rules.protection import TABLE_REASON, published_frame
from dashboard.rules.suppression import SuppressionRule


class NoAccess(PermissionError):
    """The viewer may not see this; the message is in the request's language and may be shown."""


def _require(viewer: Viewer, region: str) -> None:
    if not viewer.sees_organisations(region):
        raise NoAccess(_("U hebt geen toegang tot de cijfers per organisatie van deze regio."))


class Withheld(NoAccess):
    """The table failed the disclosure audit: it is not shown; the message says why, in Dutch."""


def organisation_table(
    viewer: Viewer, db: Database, region: str, year: int, peildatum: dt.date, minimum: int
) -> pd.DataFrame:
    """The region's organisations (start cohort ``year``) as published to ``viewer``.

    Everyone but ``beheer`` gets the table of the published moment (``moment_for``), protected
    by the disclosure audit together with the moment before it.

    Raises:
        NoAccess: when the viewer may not see this region's organisations.
        Withheld: when no protection passes the audit (a region with one organisation).
    """
    _require(viewer, region)
    day, rule = moment_for(viewer, peildatum), viewer.suppression(minimum)
    table = (
        live_table(db, region, year, day, rule)
        if viewer.is_admin
        else _frozen_table(db, region, year, day, rule)
    )
    if table is None:
        raise Withheld(_(TABLE_REASON))
    return table


def moment_for(viewer: Viewer, peildatum: dt.date) -> dt.date:
    """The day organisation figures stand on for ``viewer``: the last quarter end (``beheer``: any day)."""
    return peildatum if viewer.is_admin else published_moment(peildatum)


@cached
def _frozen_table(
    db: Database, region: str, year: int, day: dt.date, rule: SuppressionRule
) -> pd.DataFrame | None:
    # A quarter end with a snapshot shows the table stored then: a late correction revises the
    # figures of beheer and the revision view, not what was published.
    found = snapshots.current_at(db, day)
    if found is not None:
        stored = snapshots.stored(
            db, found.id, "organisaties", snapshots.table_key(region, year, rule.minimum)
        )
        if isinstance(stored, pd.DataFrame):
            return stored
        if stored == snapshots.WITHHELD:
            return None
    return live_table(db, region, year, day, rule)


@cached
def live_table(
    db: Database, region: str, year: int, day: dt.date, rule: SuppressionRule
) -> pd.DataFrame | None:
    """The region's organisation table worked out from the current data (None: it failed the audit).

    Only after the access check (``organisation_table``) or for a snapshot being made.
    """
    # Cached per suppression rule: the organisation page asks for the region's table in two callbacks.
    frame = cohorts.funnel_by_organisation(db, region, year, day)
    if rule.minimum <= 1:
        return published_frame(frame, None, rule)
    protection = published.protection(db, region, year, day, rule.minimum)
    return published_frame(frame, protection, rule) if protection.safe else None


def organisation(viewer: Viewer, db: Database, number: int | None) -> OrganisationRef | None:
    """The organisation with this id, or None when it does not exist or is not open to ``viewer``."""
    if number is None:
        return None
    found = cohorts.organisation_ref(db, number)
    if found is None or not viewer.sees_organisations(found.region_code):
        return None
    return found


def organisation_monthly(
    viewer: Viewer, db: Database, found: OrganisationRef, first_year: int, until: dt.date
) -> pd.DataFrame:
    """Starts per month of one organisation (the caller still hides them when any is small)."""
    _require(viewer, found.region_code)
    return progress.monthly_starts(db, first_year, until, organisation=found.id)


def starts_always_shown(
    viewer: Viewer, db: Database, found: OrganisationRef, years: range, day: dt.date, minimum: int
) -> bool:
    """Whether the organisation's starts are shown at every quarter end of ``years`` up to ``day``.

    Its monthly starts add up to each of those cells; where one is hidden, the months would reveal it.
    """
    _require(viewer, found.region_code)
    if viewer.is_admin:
        return True
    for year in years:
        for moment in published.moments_of(year, day):
            cells = published.protection(db, found.region_code, year, moment, minimum)
            if found.id in cells.ids and cells.hidden[cells.ids.index(found.id), COLUMNS.index("gestart")]:
                return False
    return True


def organisation_mix(
    viewer: Viewer, db: Database, found: OrganisationRef, year: int, peildatum: dt.date
) -> pd.DataFrame:
    """Method mix of one organisation (the caller still hides it when any count is small)."""
    _require(viewer, found.region_code)
    return cohorts.method_mix(db, year, peildatum, organisation=found.id)


def organisation_files(
    viewer: Viewer, db: Database, found: OrganisationRef, peildatum: dt.date
) -> pd.DataFrame:
    """The files that brought this organisation's trajectories by the peildatum."""
    _require(viewer, found.region_code)
    return cohorts.organisation_imports(db, found.id, peildatum)


def delivery(
    viewer: Viewer, db: Database, peildatum: dt.date, organisation: int | None = None
) -> pd.DataFrame:
    """Delivery status of the organisations of every region whose organisations ``viewer`` sees.

    With ``organisation``, only that organisation's row (when the viewer may see it).
    """
    frame = organisations.delivery_status(db, peildatum, organisation=organisation)
    allowed = frame["code"].map(viewer.sees_organisations).astype(bool)
    return frame[allowed].reset_index(drop=True)


def import_log(viewer: Viewer, db: Database, limit: int = 200) -> pd.DataFrame:
    """The import log: who imported which file (``beheer`` only).

    Raises:
        NoAccess: for every other role.
    """
    if not viewer.is_admin:
        raise NoAccess(_("Alleen beheer kan het importlogboek inzien."))
    return meta.import_log(db, limit=limit)
