"""Progress toward the yearly goals, per region and for the country, aggregated in SQL."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import case, func, select

from dashboard.data import summary
from dashboard.data.models import Meeting, Organisation, Region, Target, Trajectory
from dashboard.infra.cache import cached
from dashboard.infra.db import Database
from dashboard.rules import domain
from dashboard.rules.metrics import effective_date

REGION_COLUMNS = [
    "code",
    "naam",
    "provincie",
    "doel_trajecten",
    "doel_duurzaam_pct",
    "doel_leerbijeenkomsten",
    "doel_casusbesprekingen",
    "gestart",
    "duurzaam",
    "leerbijeenkomsten",
    "casusbesprekingen",
    "geleverd",
    "bijeenkomsten_geleverd",
]
COUNTED = ("gestart", "duurzaam")


@cached
def progress_by_region(db: Database, year: int, peildatum: dt.date) -> pd.DataFrame:
    """Targets and counts for every region in ``year`` up to the peildatum.

    Args:
        db: the database gateway.
        year: calendar year.
        peildatum: nothing dated after it counts.

    Returns:
        One row per region (all 35, ordered by code) with the columns in ``REGION_COLUMNS``.
        ``gestart`` counts trajectories started in the year; ``duurzaam`` counts those of that
        start cohort in sustainable work by the peildatum; ``geleverd`` is False for a region
        without any trajectory in the database (shown as *geen gegevens*, not as zero), and
        ``bijeenkomsten_geleverd`` likewise for meetings.
    """
    first, last = dt.date(year, 1, 1), effective_date(year, peildatum)
    meetings = (
        select(
            Meeting.region_code.label("code"),
            func.sum(case((Meeting.soort == "leerbijeenkomst", 1), else_=0)).label("leer"),
            func.sum(case((Meeting.soort == "casusbespreking", 1), else_=0)).label("casus"),
        )
        .where(Meeting.datum.between(first, last))
        .group_by(Meeting.region_code)
        .subquery()
    )
    # Per region "is there any trajectory at all": an EXISTS stops at the first one it finds
    # (index on organisation and start date), where a DISTINCT over the join reads every row.
    delivered = (
        select(Trajectory.id)
        .join(Organisation, Organisation.id == Trajectory.organisation_id)
        .where(Organisation.region_code == Region.code, Trajectory.startdatum <= last)
        .exists()
    )
    met = select(Meeting.region_code.label("code")).where(Meeting.datum <= last).distinct().subquery()
    query = (
        select(
            Region.code,
            Region.naam,
            Region.provincie,
            func.coalesce(Target.trajecten, domain.DEFAULT_TARGET_TRAJECTORIES).label("doel_trajecten"),
            func.coalesce(Target.duurzaam_pct, domain.DEFAULT_TARGET_SUSTAINABLE_PCT).label(
                "doel_duurzaam_pct"
            ),
            func.coalesce(Target.leerbijeenkomsten, domain.DEFAULT_TARGET_LEARNING_SESSIONS).label(
                "doel_leerbijeenkomsten"
            ),
            func.coalesce(Target.casusbesprekingen, domain.DEFAULT_TARGET_CASE_DISCUSSIONS).label(
                "doel_casusbesprekingen"
            ),
            func.coalesce(meetings.c.leer, 0).label("leerbijeenkomsten"),
            func.coalesce(meetings.c.casus, 0).label("casusbesprekingen"),
            delivered.label("geleverd"),
            (met.c.code.is_not(None)).label("bijeenkomsten_geleverd"),
        )
        .outerjoin(Target, (Target.region_code == Region.code) & (Target.jaar == year))
        .outerjoin(meetings, meetings.c.code == Region.code)
        .outerjoin(met, met.c.code == Region.code)
        .order_by(Region.code)
    )
    # The cohort keeps maturing after its year: sustainable work counts up to the peildatum.
    bounds = {summary.STARTED: last, summary.SUSTAINABLE: peildatum}
    with db.engine.connect() as connection:
        regions = pd.DataFrame(
            connection.execute(query).all(), columns=[c for c in REGION_COLUMNS if c not in COUNTED]
        )
        started = summary.wide(summary.counts(connection, bounds, ["code"], cohort=year), ["code"], bounds)
    started = started.rename(columns={summary.STARTED.name: "gestart", summary.SUSTAINABLE.name: "duurzaam"})
    frame = regions.merge(started, on="code", how="left")[REGION_COLUMNS]
    frame[list(COUNTED)] = frame[list(COUNTED)].fillna(0).astype(int)
    frame[["geleverd", "bijeenkomsten_geleverd"]] = frame[["geleverd", "bijeenkomsten_geleverd"]].astype(bool)
    return frame


@cached
def monthly_starts(
    db: Database,
    first_year: int,
    peildatum: dt.date,
    region: str | None = None,
    organisation: int | None = None,
) -> pd.DataFrame:
    """Trajectories started per calendar month from ``first_year`` up to the peildatum.

    Args:
        db: the database gateway.
        first_year: the first year counted.
        peildatum: nothing started after it counts.
        region: only this region's trajectories (default: the whole country).
        organisation: only this organisation's trajectories.

    Returns:
        Columns ``jaar``, ``maand`` (1–12) and ``gestart``; months without starts are absent.
    """
    with db.engine.connect() as connection:
        frame = summary.counts(
            connection,
            {summary.STARTED: peildatum},
            ["jaarmaand"],
            region=region,
            organisation=organisation,
            since=dt.date(first_year, 1, 1),
        )
    months = frame["jaarmaand"].astype(int)
    result = pd.DataFrame({"jaar": months // 100, "maand": months % 100, "gestart": frame["aantal"]})
    result = result[result["gestart"] > 0].sort_values(["jaar", "maand"]).reset_index(drop=True)
    return result.astype({"jaar": int, "maand": int, "gestart": int})
