"""Delivery as a fact per organisation and quarter, and the national list of who has not delivered.

A quarter is "geleverd", "geleverd, geen trajecten" or "niet geleverd"; the explicit empty
delivery tells the last two apart.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import select

from dashboard.auth import store
from dashboard.auth.viewer import REGIONAL, Viewer
from dashboard.data.models import Delivery, EmptyDelivery, ImportLog, Organisation
from dashboard.data.organisations import delivery_status, quarter_label
from dashboard.data.signal_sources import organisation_ids
from dashboard.i18n import N_, UserError
from dashboard.infra import clock
from dashboard.infra.cache import cached
from dashboard.infra.db import Database
from dashboard.rules.signals import DELIVERY_DEADLINE_DAYS, last_judged_quarter

# The states, as reports hold them (Dutch, translated where shown).
DELIVERED = N_("geleverd")
EMPTY = N_("geleverd, geen trajecten")
MISSING = N_("niet geleverd")
EMPTY_RECORDED = "lege levering"
LIST_COLUMNS = ["code", "regio", "organisatie", "org", "kwartaal", "status"]


class DeliveryError(UserError):
    """An empty delivery that cannot be recorded; nothing was changed."""


def may_record(viewer: Viewer, region: str) -> bool:
    """``beheer`` records an empty delivery for any organisation, a region account for its own."""
    return viewer.is_admin or (viewer.role == REGIONAL and region in viewer.regions)


def record_empty(db: Database, viewer: Viewer, organisation: int, year: int, quarter: int) -> None:
    """Record that ``organisation`` had no trajectories in the quarter: "geleverd, geen trajecten".

    Written as a delivery of 0 rows in the import log (so the last delivery, the data version and
    the audit trail move with it) and as the quarter it is for.

    Raises:
        DeliveryError: an unknown organisation or quarter, a viewer who may not record it, or a
            quarter already recorded; nothing was changed.
    """
    if not 1 <= quarter <= 4 or not 2000 <= year <= 2100:
        raise DeliveryError(N_("Kies een kwartaal van 1 tot 4 en een jaar; er is niets vastgelegd."))
    with db.transaction() as session:
        org = session.get(Organisation, organisation)
        if org is None or not may_record(viewer, org.region_code):
            # The same answer for an unknown and a forbidden organisation: nothing to probe.
            raise DeliveryError(
                N_("U kunt voor deze organisatie geen lege levering vastleggen; er is niets vastgelegd.")
            )
        if session.get(EmptyDelivery, (organisation, year, quarter)) is not None:
            raise DeliveryError(
                N_("Deze lege levering is al vastgelegd; er is niets gewijzigd."),
            )
        label = quarter_label(year, quarter)
        entry = ImportLog(
            bestandsnaam=f"{EMPTY_RECORDED} {label}: {org.naam}"[:255],
            sha256="",
            soort="trajecten",
            rijen=0,
            nieuw=0,
            gewijzigd=0,
            ongewijzigd=0,
            gebruiker=viewer.name,
            tijdstip=clock.utc_now(),
            voorbeelddata=False,
        )
        session.add(entry)
        session.flush()
        session.add(Delivery(import_id=entry.id, organisation_id=organisation, rijen=0))
        session.add(
            EmptyDelivery(organisation_id=organisation, jaar=year, kwartaal=quarter, import_id=entry.id)
        )
        store.add_event(session, EMPTY_RECORDED, viewer.name, f"{org.region_code} {org.naam}: {label}"[:500])


def empty_quarters(db: Database, peildatum: dt.date) -> set[tuple[str, str, str]]:
    """(region code, organisation name, quarter label) of the empty deliveries known by the peildatum."""
    query = (
        select(Organisation.region_code, Organisation.naam, EmptyDelivery.jaar, EmptyDelivery.kwartaal)
        .join(Organisation, Organisation.id == EmptyDelivery.organisation_id)
        .join(ImportLog, ImportLog.id == EmptyDelivery.import_id)
        .where(ImportLog.tijdstip < clock.end_of_day(peildatum))
    )
    with db.engine.connect() as connection:
        return {(r.region_code, r.naam, quarter_label(r.jaar, r.kwartaal)) for r in connection.execute(query)}


def not_delivered(
    db: Database,
    viewer: Viewer,
    peildatum: dt.date,
    region: str | None = None,
    quarter: str | None = None,
) -> pd.DataFrame:
    """The national list: per organisation and quarter that is not plainly "geleverd", its state.

    "Niet geleverd" and "geleverd, geen trajecten" both appear, each named, so a reader sees who
    is missing and who said there was nothing. Only regions whose organisations ``viewer`` sees.

    Args:
        db: the database.
        viewer: who asks; organisations of other regions are left out.
        peildatum: the last day that counts.
        region: only this region's organisations.
        quarter: only this quarter label (``2026-K1``).

    Returns:
        ``LIST_COLUMNS``: region code and name, organisation name and id, quarter label and state;
        the newest quarter first.
    """
    status = delivery_status(db, peildatum)
    empty = empty_quarters(db, peildatum)
    ids = organisation_ids(db)
    quarters = [c for c in status.columns if "-K" in str(c)]
    rows = []
    for rec in status.to_dict("records"):
        code = str(rec["code"])
        if not viewer.sees_organisations(code) or (region is not None and code != region):
            continue
        for label in quarters:
            if quarter is not None and label != quarter:
                continue
            state = quarter_state(rec[label], (code, str(rec["organisatie"]), label) in empty)
            if state in (MISSING, EMPTY):
                org = ids.get((code, str(rec["organisatie"])))
                rows.append([code, rec["regio"], rec["organisatie"], org, label, state])
    frame = pd.DataFrame(rows, columns=LIST_COLUMNS)
    return frame.sort_values(["kwartaal", "code", "organisatie"], ascending=[False, True, True]).reset_index(
        drop=True
    )


def quarter_state(value: float, explicit_empty: bool) -> str | None:
    """A quarter's state from the delivery status cell; None before the organisation's first delivery."""
    if explicit_empty:
        return EMPTY
    if value != value:  # NaN
        return None
    return MISSING if value < 0 else DELIVERED


@dataclass(frozen=True)
class Completeness:
    """How complete one quarter's data is: organisations by delivery state (counts, no names).

    Attributes:
        quarter: the quarter label, the latest whose delivery deadline passed by the peildatum.
        delivered: organisations that delivered trajectories (or a file) for it.
        empty: organisations that delivered "geen trajecten" for it.
        missing: organisations that did not deliver.
    """

    quarter: str
    delivered: int
    empty: int
    missing: int

    @property
    def expected(self) -> int:
        """Organisations that were due to deliver (those active before the quarter)."""
        return self.delivered + self.empty + self.missing


@cached
def completeness(
    db: Database, peildatum: dt.date, region: str | None = None, deadline_days: int = DELIVERY_DEADLINE_DAYS
) -> Completeness:
    """The delivery states of the latest quarter judged by ``peildatum`` (the country or one region)."""
    year, quarter = last_judged_quarter(peildatum, deadline_days)
    label = quarter_label(year, quarter)
    status = delivery_status(db, peildatum)
    empty = empty_quarters(db, peildatum)
    counts: Counter[str | None] = Counter()
    for rec in status.to_dict("records"):
        if (region is None or rec["code"] == region) and label in rec:
            said_empty = (str(rec["code"]), str(rec["organisatie"]), label) in empty
            counts[quarter_state(rec[label], said_empty)] += 1
    return Completeness(label, counts[DELIVERED], counts[EMPTY], counts[MISSING])
