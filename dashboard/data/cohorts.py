"""Start cohorts: the outflow funnel per region or organisation, and the method and funding mix."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Connection, select

from dashboard.data import summary
from dashboard.data.models import Delivery, ImportLog, Organisation, Trajectory
from dashboard.data.organisations import delivered_by, last_delivery
from dashboard.infra.cache import cached
from dashboard.infra.db import Database
from dashboard.rules.metrics import effective_date

# The funnel steps, the two states beside them, and the cohort's starts that came without a referral date.
FUNNEL_STEPS = ["aangemeld", "gestart", "geplaatst", "duurzaam", "lopend", "uitgevallen", "zonder_aanmelding"]
ORGANISATION_COLUMNS = ["id", "organisatie", "soort", *FUNNEL_STEPS, "geleverd", "laatst_aangeleverd"]
MIX_COLUMNS = ["methode", "financiering", "gestart", "duurzaam"]


@dataclass(frozen=True)
class OrganisationRef:
    """An organisation as the drill-down needs it."""

    id: int
    naam: str
    soort: str | None
    region_code: str


def _funnel_bounds(year: int, peildatum: dt.date) -> dict[summary.Event, dt.date]:
    """Each event of the funnel of start cohort ``year`` with the last day it counts.

    The cohort is fixed by its start dates (up to the peildatum), but it keeps maturing after its
    year: placements, sustainable work and endings count up to the peildatum. Those dates never lie
    before the start, so counting them by start year is counting them in the cohort.
    """
    last = effective_date(year, peildatum)
    return {
        summary.STARTED: last,
        summary.PLACED: peildatum,
        summary.SUSTAINABLE: peildatum,
        summary.ENDED: peildatum,
        summary.ENDED_SUSTAINABLE: peildatum,
        summary.WITHOUT_REFERRAL: last,
        summary.REFERRED_BEFORE: last,
        summary.REFERRED: last,
    }


def _funnel(
    connection: Connection, by: str, year: int, peildatum: dt.date, region: str | None = None
) -> pd.DataFrame:
    """Columns ``by`` and ``FUNNEL_STEPS`` for the groups with a start or referral in the cohort."""
    bounds = _funnel_bounds(year, peildatum)
    raw = summary.wide(summary.counts(connection, bounds, [by], cohort=year, region=region), [by], bounds)
    frame = pd.DataFrame({by: raw[by]})
    # *Aangemeld*: referred in the year, started or not, plus the cohort's starts referred earlier.
    frame["aangemeld"] = raw[summary.REFERRED.name] + raw[summary.REFERRED_BEFORE.name]
    frame["gestart"] = raw[summary.STARTED.name]
    frame["geplaatst"] = raw[summary.PLACED.name]
    frame["duurzaam"] = raw[summary.SUSTAINABLE.name]
    frame["lopend"] = raw[summary.STARTED.name] - raw[summary.ENDED.name]
    # Ended without (yet) reaching sustainable work: dropped out, moved away, other reasons.
    frame["uitgevallen"] = raw[summary.ENDED.name] - raw[summary.ENDED_SUSTAINABLE.name]
    frame["zonder_aanmelding"] = raw[summary.WITHOUT_REFERRAL.name]
    frame = frame[(frame["gestart"] > 0) | (raw[summary.REFERRED.name] > 0)]
    return frame.astype(dict.fromkeys(FUNNEL_STEPS, int))


@cached
def funnel_by_region(db: Database, year: int, peildatum: dt.date) -> pd.DataFrame:
    """The funnel of start cohort ``year`` for every region that has a trajectory in it.

    Returns:
        Columns ``code`` and ``FUNNEL_STEPS``; regions without any row in the cohort are absent.
    """
    with db.engine.connect() as connection:
        frame = _funnel(connection, "code", year, peildatum)
    return frame.sort_values("code").reset_index(drop=True)


@cached
def funnel_by_organisation(db: Database, region: str, year: int, peildatum: dt.date) -> pd.DataFrame:
    """Every organisation of ``region`` with its funnel for start cohort ``year``.

    Returns:
        Columns ``ORGANISATION_COLUMNS``, one row per organisation (ordered by name).
        ``geleverd`` is False for an organisation that never delivered a trajectory started by the
        peildatum (shown as *geen gegevens*, not as zeros); ``laatst_aangeleverd`` is the time of
        the last import by the peildatum that covered it (None when there is none).
    """
    last = effective_date(year, peildatum)
    # Per organisation "any trajectory started by then": the index on (organisation, start) answers it.
    delivered = (
        select(Trajectory.id)
        .where(Trajectory.organisation_id == Organisation.id, Trajectory.startdatum <= last)
        .exists()
    )
    last_import = last_delivery(peildatum, region)
    query = (
        select(
            Organisation.id,
            Organisation.naam,
            Organisation.soort,
            delivered,
            last_import.c.laatst,
        )
        .outerjoin(last_import, last_import.c.org == Organisation.id)
        .where(Organisation.region_code == region)
        .order_by(Organisation.naam)
    )
    with db.engine.connect() as connection:
        organisations = pd.DataFrame(
            connection.execute(query).all(),
            columns=["id", "organisatie", "soort", "geleverd", "laatst_aangeleverd"],
        )
        funnel = _funnel(connection, "org", year, peildatum, region=region).rename(columns={"org": "id"})
    frame = organisations.merge(funnel, on="id", how="left")[ORGANISATION_COLUMNS]
    frame[FUNNEL_STEPS] = frame[FUNNEL_STEPS].fillna(0)
    frame["geleverd"] = frame["geleverd"].astype(bool)
    return frame.astype(dict.fromkeys(FUNNEL_STEPS, int))


@cached
def method_mix(
    db: Database, year: int, peildatum: dt.date, region: str | None = None, organisation: int | None = None
) -> pd.DataFrame:
    """Start cohort ``year`` per method and funding stream (country, one region or one organisation).

    Returns:
        Columns ``MIX_COLUMNS``; ``financiering`` is None where the source left it empty.
    """
    bounds = {summary.STARTED_MIX: effective_date(year, peildatum), summary.SUSTAINABLE_MIX: peildatum}
    by = ["methode", "financiering"]
    with db.engine.connect() as connection:
        counted = summary.counts(
            connection, bounds, by, cohort=year, region=region, organisation=organisation
        )
        nulls_last = connection.dialect.name == "postgresql"
    raw = summary.wide(counted, by, bounds)
    frame = pd.DataFrame(
        {
            "methode": raw["methode"],
            "financiering": raw["financiering"].replace("", None),
            "gestart": raw[summary.STARTED_MIX.name],
            "duurzaam": raw[summary.SUSTAINABLE_MIX.name],
        }
    )
    frame = frame[frame["gestart"] > 0]
    # The order the database's ORDER BY gave before: an empty funding stream last or first.
    frame = frame.sort_values(["methode", "financiering"], na_position="last" if nulls_last else "first")
    return frame.reset_index(drop=True).astype({"gestart": int, "duurzaam": int})[MIX_COLUMNS]


@cached
def method_mix_by_region(db: Database, year: int, peildatum: dt.date) -> pd.DataFrame:
    """Start cohort ``year`` per region, method and funding stream, in one query for all regions.

    Returns:
        Columns ``code`` and ``MIX_COLUMNS``, ordered by code, method and funding stream (an empty
        stream, None, last); regions without a start in the cohort are absent.
    """
    bounds = {summary.STARTED_MIX: effective_date(year, peildatum), summary.SUSTAINABLE_MIX: peildatum}
    by = ["code", "methode", "financiering"]
    with db.engine.connect() as connection:
        raw = summary.wide(summary.counts(connection, bounds, by, cohort=year), by, bounds)
    frame = pd.DataFrame(
        {
            "code": raw["code"],
            "methode": raw["methode"],
            "financiering": raw["financiering"].replace("", None),
            "gestart": raw[summary.STARTED_MIX.name],
            "duurzaam": raw[summary.SUSTAINABLE_MIX.name],
        }
    )
    frame = frame[frame["gestart"] > 0].sort_values(["code", "methode", "financiering"], na_position="last")
    return frame.reset_index(drop=True).astype({"gestart": int, "duurzaam": int})[["code", *MIX_COLUMNS]]


def organisation_ref(db: Database, organisation: int) -> OrganisationRef | None:
    """The organisation with this id, or None when there is none."""
    query = select(Organisation.id, Organisation.naam, Organisation.soort, Organisation.region_code).where(
        Organisation.id == organisation
    )
    with db.engine.connect() as connection:
        row = connection.execute(query).first()
    return None if row is None else OrganisationRef(row[0], row[1], row[2], row[3])


@cached
def organisation_imports(
    db: Database, organisation: int, peildatum: dt.date, limit: int = 20
) -> pd.DataFrame:
    """The files that delivered this organisation's trajectories by the peildatum, newest first.

    Returns:
        Columns ``tijdstip``, ``bestandsnaam`` and ``trajecten`` (its rows in that file).
    """
    query = (
        select(ImportLog.tijdstip, ImportLog.bestandsnaam, Delivery.rijen)
        .join(Delivery, Delivery.import_id == ImportLog.id)
        .where(Delivery.organisation_id == organisation, delivered_by(peildatum))
        .order_by(ImportLog.tijdstip.desc(), ImportLog.id.desc())
        .limit(limit)
    )
    with db.engine.connect() as connection:
        return pd.DataFrame(
            connection.execute(query).all(), columns=["tijdstip", "bestandsnaam", "trajecten"]
        )
