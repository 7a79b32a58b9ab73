"""Organisations: what each delivered per quarter, and when its data last came in."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import ColumnElement, Subquery, func, select

from dashboard.data import summary
from dashboard.data.models import Delivery, EmptyDelivery, ImportLog, Organisation, Region, Trajectory
from dashboard.i18n import _
from dashboard.infra import clock
from dashboard.infra.cache import cached
from dashboard.infra.db import Database
from dashboard.rules.signals import delivery_deadline

DELIVERY_COLUMNS = ["code", "regio", "organisatie", "soort", "jaar", "maand", "gestart"]


def quarter_label(year: int, quarter: int) -> str:
    """``2026-K1`` (K for *kwartaal*): the column key, also in downloads, whatever the language."""
    return f"{year}-K{quarter}"


def quarter_heading(label: str) -> str:
    """A quarter column key (``2026-K1``) as a reader of the current language writes it (``2026-Q1``)."""
    year, quarter = label.split("-K")
    return _("{year}-K{quarter}").format(year=year, quarter=quarter)


def recent_quarters(peildatum: dt.date, count: int) -> list[tuple[int, int]]:
    """The ``count`` quarters up to and including the peildatum's, oldest first."""
    year, quarter = peildatum.year, (peildatum.month - 1) // 3 + 1
    result = []
    for _step in range(count):
        result.append((year, quarter))
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    return result[::-1]


def covered_quarters(day: dt.date) -> list[str]:
    """The quarters a file delivered on ``day`` counts for: its own, and the one before until its deadline.

    Data of a quarter comes in after it ends; a file by the deadline is that quarter's delivery,
    as the missing-delivery signal judges it (``rules.signals.delivery_deadline``).
    """
    year, quarter = day.year, (day.month - 1) // 3 + 1
    labels = [quarter_label(year, quarter)]
    before = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    if day <= delivery_deadline(*before):
        labels.append(quarter_label(*before))
    return labels


def delivered_by(peildatum: dt.date) -> ColumnElement[bool]:
    """Imports that came in on or before the peildatum (its day in Amsterdam).

    A view at a peildatum shows what was known then: a file delivered later is not part of it.
    """
    return ImportLog.tijdstip < clock.end_of_day(peildatum)


def last_delivery(peildatum: dt.date, region: str | None = None) -> Subquery:
    """Per organisation (``org``) the last import by the peildatum that covered it (``laatst``).

    Also a file that only re-delivered unchanged rows covered the organisation.
    """
    query = (
        select(Delivery.organisation_id.label("org"), func.max(ImportLog.tijdstip).label("laatst"))
        .join(ImportLog, ImportLog.id == Delivery.import_id)
        .where(delivered_by(peildatum))
        .group_by(Delivery.organisation_id)
    )
    if region is not None:
        query = query.join(Organisation, Organisation.id == Delivery.organisation_id).where(
            Organisation.region_code == region
        )
    return query.subquery()


@cached
def delivery_status(
    db: Database, peildatum: dt.date, quarters: int = 8, organisation: int | None = None
) -> pd.DataFrame:
    """Per organisation whether data came in for each of the last ``quarters`` quarters.

    A quarter counts as delivered when the organisation has trajectories that started in it, or
    when a file with its trajectories was imported during it or by its delivery deadline after it
    (a delivery of unchanged rows is a delivery too), or when an explicit empty delivery was
    recorded for it ("geleverd, geen trajecten", see ``delivery_states``). Files imported after
    the peildatum do not count.

    Args:
        db: the database.
        peildatum: the last day that counts.
        quarters: how many quarters, ending with the peildatum's.
        organisation: only this organisation (its own page needs no one else's rows).

    Returns:
        One row per organisation with ``code``, ``regio``, ``organisatie``, ``soort``, one column
        per quarter label (trajectories started in it, 0 for a delivery without new starts, -1 for
        *geen levering* after the organisation's first delivery, NaN before it) and
        ``laatst_aangeleverd`` (the last import by the peildatum that covered the organisation).
    """
    periods = recent_quarters(peildatum, quarters)
    first_day = dt.date(periods[0][0], 3 * periods[0][1] - 2, 1)
    names = (Region.code, Region.naam, Organisation.naam, Organisation.soort)
    # Per organisation its first start: the index on (organisation, start) finds it without a scan.
    first_start = (
        select(func.min(Trajectory.startdatum))
        .where(Trajectory.organisation_id == Organisation.id, Trajectory.startdatum <= peildatum)
        .scalar_subquery()
    )
    last_import = last_delivery(peildatum)
    organisations = (
        select(Organisation.id, *names, first_start, last_import.c.laatst)
        .join(Region, Region.code == Organisation.region_code)
        .outerjoin(last_import, last_import.c.org == Organisation.id)
    )
    imports = (
        select(*names, ImportLog.tijdstip)
        .join(Organisation, Organisation.region_code == Region.code)
        .join(Delivery, Delivery.organisation_id == Organisation.id)
        .join(ImportLog, ImportLog.id == Delivery.import_id)
        # An empty delivery (0 rows) counts for the quarter it names, not the one it came in.
        .where(delivered_by(peildatum), Delivery.rijen > 0)
    )
    empties = (
        select(Region.code, Organisation.naam, EmptyDelivery.jaar, EmptyDelivery.kwartaal)
        .join(Organisation, Organisation.region_code == Region.code)
        .join(EmptyDelivery, EmptyDelivery.organisation_id == Organisation.id)
        .join(ImportLog, ImportLog.id == EmptyDelivery.import_id)
        .where(delivered_by(peildatum))
    )
    if organisation is not None:
        organisations = organisations.where(Organisation.id == organisation)
        imports = imports.where(Organisation.id == organisation)
        empties = empties.where(Organisation.id == organisation)
    with db.engine.connect() as connection:
        monthly = summary.counts(
            connection,
            {summary.STARTED: peildatum},
            ["org", "jaarmaand"],
            organisation=organisation,
            since=first_day,
        )
        delivered = pd.DataFrame(
            connection.execute(imports).all(), columns=[*DELIVERY_COLUMNS[:4], "tijdstip"]
        )
        said_empty = {(r[0], r[1], quarter_label(r[2], r[3])) for r in connection.execute(empties)}
        every = pd.DataFrame(
            connection.execute(organisations).all(),
            columns=["org", "code", "regio", "organisatie", "soort", "eerste_start", "laatst"],
        )
    # Every organisation that ever delivered a trajectory started by the peildatum.
    known = every[every["eerste_start"].notna()].drop(columns=["org"])
    months = monthly["jaarmaand"].astype(int)
    counts = every.merge(
        pd.DataFrame(
            {
                "org": monthly["org"],
                "jaar": months // 100,
                "maand": months % 100,
                "gestart": monthly["aantal"],
            }
        ),
        on="org",
    )[DELIVERY_COLUMNS]
    counts["kwartaal"] = [
        quarter_label(int(y), (int(m) - 1) // 3 + 1)
        for y, m in zip(counts["jaar"], counts["maand"], strict=True)
    ]
    table = counts.pivot_table(
        index=["code", "organisatie"], columns="kwartaal", values="gestart", aggfunc="sum"
    )
    labels = [quarter_label(y, q) for y, q in periods]
    table = table.reindex(columns=labels).reset_index()
    # Every organisation that ever delivered, also those silent for all recent quarters.
    merged = known.merge(table, on=["code", "organisatie"], how="left")
    stamps = pd.to_datetime(delivered["tijdstip"], utc=True).dt.tz_convert(clock.AMSTERDAM)
    imported = {
        (code, name, label)
        for code, name, stamp in zip(delivered["code"], delivered["organisatie"], stamps, strict=True)
        for label in covered_quarters(stamp.date())
    }
    first = pd.to_datetime(merged["eerste_start"]).dt.date
    for (y, q), label in zip(periods, labels, strict=True):
        quarter_start = dt.date(y, 3 * q - 2, 1)
        pairs = list(zip(merged["code"], merged["organisatie"], strict=True))
        came_in = pd.Series([(c, o, label) in imported for c, o in pairs], index=merged.index)
        # "Geleverd, geen trajecten" is a delivery: never *geen levering*.
        empty = pd.Series([(c, o, label) in said_empty for c, o in pairs], index=merged.index)
        merged.loc[empty & (merged[label].isna() | (merged[label] < 0)), label] = 0
        # A file in the quarter without new starts is a delivery (0), not a missing one.
        merged.loc[merged[label].isna() & came_in, label] = 0
        merged.loc[merged[label].isna() & (first <= quarter_start), label] = -1
    merged = merged.rename(columns={"laatst": "laatst_aangeleverd"}).drop(columns=["eerste_start"])
    return merged.sort_values(["code", "organisatie"]).reset_index(drop=True)
