"""Start cohorts: the outflow funnel per region or organisation, and the method and funding mix."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import ColumnElement, and_, case, func, or_, select

from dashboard.cache import cached
from dashboard.db import Database
from dashboard.metrics import effective_date
from dashboard.models import Delivery, ImportLog, Organisation, Trajectory

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


def _count(condition: ColumnElement[bool]) -> Any:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _funnel_columns(year: int, peildatum: dt.date) -> tuple[list[Any], ColumnElement[bool]]:
    """The funnel counts for start cohort ``year`` and the filter for the rows they need.

    The cohort is fixed by its start dates (up to the peildatum), but it keeps maturing after its
    year: placements, sustainable work and endings count up to the peildatum. *Aangemeld* also
    counts trajectories referred in the year that had not started by the peildatum.
    """
    first, last = dt.date(year, 1, 1), effective_date(year, peildatum)
    cohort = Trajectory.startdatum.between(first, last)
    referred = or_(
        Trajectory.aanmelddatum.between(first, last),
        and_(cohort, Trajectory.aanmelddatum.is_not(None)),
    )
    sustainable = Trajectory.duurzaam_datum <= peildatum
    ended = Trajectory.einddatum <= peildatum
    columns = [
        _count(referred).label("aangemeld"),
        _count(cohort).label("gestart"),
        _count(and_(cohort, Trajectory.plaatsingsdatum <= peildatum)).label("geplaatst"),
        _count(and_(cohort, sustainable)).label("duurzaam"),
        _count(and_(cohort, or_(Trajectory.einddatum.is_(None), Trajectory.einddatum > peildatum))).label(
            "lopend"
        ),
        # Ended without (yet) reaching sustainable work: dropped out, moved away, other reasons.
        _count(
            and_(
                cohort,
                ended,
                or_(Trajectory.duurzaam_datum.is_(None), Trajectory.duurzaam_datum > peildatum),
            )
        ).label("uitgevallen"),
        _count(and_(cohort, Trajectory.aanmelddatum.is_(None))).label("zonder_aanmelding"),
    ]
    return columns, or_(cohort, Trajectory.aanmelddatum.between(first, last))


@cached
def funnel_by_region(db: Database, year: int, peildatum: dt.date) -> pd.DataFrame:
    """The funnel of start cohort ``year`` for every region that has a trajectory in it.

    Returns:
        Columns ``code`` and ``FUNNEL_STEPS``; regions without any row in the cohort are absent.
    """
    columns, rows = _funnel_columns(year, peildatum)
    query = (
        select(Organisation.region_code, *columns)
        .join(Organisation, Organisation.id == Trajectory.organisation_id)
        .where(rows)
        .group_by(Organisation.region_code)
        .order_by(Organisation.region_code)
    )
    with db.engine.connect() as connection:
        frame = pd.DataFrame(connection.execute(query).all(), columns=["code", *FUNNEL_STEPS])
    return frame.astype(dict.fromkeys(FUNNEL_STEPS, int))


@cached
def funnel_by_organisation(db: Database, region: str, year: int, peildatum: dt.date) -> pd.DataFrame:
    """Every organisation of ``region`` with its funnel for start cohort ``year``.

    Returns:
        Columns ``ORGANISATION_COLUMNS``, one row per organisation (ordered by name).
        ``geleverd`` is False for an organisation that never delivered a trajectory started by the
        peildatum (shown as *geen gegevens*, not as zeros); ``laatst_aangeleverd`` is the time of
        the last import that wrote one of its trajectories (None when there is none).
    """
    columns, rows = _funnel_columns(year, peildatum)
    last = effective_date(year, peildatum)
    funnel = (
        select(Trajectory.organisation_id.label("org"), *columns)
        .join(Organisation, Organisation.id == Trajectory.organisation_id)
        .where(Organisation.region_code == region, rows)
        .group_by(Trajectory.organisation_id)
        .subquery()
    )
    first_start = (
        select(Trajectory.organisation_id.label("org"), func.min(Trajectory.startdatum).label("eerste"))
        .join(Organisation, Organisation.id == Trajectory.organisation_id)
        .where(Organisation.region_code == region)
        .group_by(Trajectory.organisation_id)
        .subquery()
    )
    # The last file that covered the organisation, also when it only re-delivered unchanged rows.
    last_import = (
        select(Delivery.organisation_id.label("org"), func.max(ImportLog.tijdstip).label("laatst"))
        .join(ImportLog, ImportLog.id == Delivery.import_id)
        .join(Organisation, Organisation.id == Delivery.organisation_id)
        .where(Organisation.region_code == region)
        .group_by(Delivery.organisation_id)
        .subquery()
    )
    query = (
        select(
            Organisation.id,
            Organisation.naam,
            Organisation.soort,
            *(func.coalesce(funnel.c[step], 0) for step in FUNNEL_STEPS),
            func.coalesce(first_start.c.eerste <= last, False),
            last_import.c.laatst,
        )
        .outerjoin(funnel, funnel.c.org == Organisation.id)
        .outerjoin(first_start, first_start.c.org == Organisation.id)
        .outerjoin(last_import, last_import.c.org == Organisation.id)
        .where(Organisation.region_code == region)
        .order_by(Organisation.naam)
    )
    with db.engine.connect() as connection:
        frame = pd.DataFrame(connection.execute(query).all(), columns=ORGANISATION_COLUMNS)
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
    first, last = dt.date(year, 1, 1), effective_date(year, peildatum)
    query = (
        select(
            Trajectory.methode,
            Trajectory.financiering,
            func.count(),
            _count(Trajectory.duurzaam_datum <= peildatum),
        )
        .join(Organisation, Organisation.id == Trajectory.organisation_id)
        .where(Trajectory.startdatum.between(first, last))
        .group_by(Trajectory.methode, Trajectory.financiering)
        .order_by(Trajectory.methode, Trajectory.financiering)
    )
    if region is not None:
        query = query.where(Organisation.region_code == region)
    if organisation is not None:
        query = query.where(Organisation.id == organisation)
    with db.engine.connect() as connection:
        frame = pd.DataFrame(connection.execute(query).all(), columns=MIX_COLUMNS)
    return frame.astype({"gestart": int, "duurzaam": int})


def organisation_ref(db: Database, organisation: int) -> OrganisationRef | None:
    """The organisation with this id, or None when there is none."""
    query = select(Organisation.id, Organisation.naam, Organisation.soort, Organisation.region_code).where(
        Organisation.id == organisation
    )
    with db.engine.connect() as connection:
        row = connection.execute(query).first()
    return None if row is None else OrganisationRef(row[0], row[1], row[2], row[3])


@cached
def organisation_imports(db: Database, organisation: int, limit: int = 20) -> pd.DataFrame:
    """The files that delivered this organisation's trajectories, newest first.

    Returns:
        Columns ``tijdstip``, ``bestandsnaam`` and ``trajecten`` (its rows in that file).
    """
    query = (
        select(ImportLog.tijdstip, ImportLog.bestandsnaam, Delivery.rijen)
        .join(Delivery, Delivery.import_id == ImportLog.id)
        .where(Delivery.organisation_id == organisation)
        .order_by(ImportLog.tijdstip.desc(), ImportLog.id.desc())
        .limit(limit)
    )
    with db.engine.connect() as connection:
        return pd.DataFrame(
            connection.execute(query).all(), columns=["tijdstip", "bestandsnaam", "trajecten"]
        )
