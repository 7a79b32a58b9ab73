"""The trajectory summary gives exactly what counting the trajectories themselves gives."""

from __future__ import annotations

import datetime as dt
import random

import pandas as pd
import pytest
from alembic import command
from sqlalchemy import select

from dashboard.data import summary
from dashboard.data.cohorts import FUNNEL_STEPS, funnel_by_organisation, funnel_by_region, method_mix
from dashboard.data.models import Organisation, Trajectory
from dashboard.data.progress import monthly_starts, progress_by_region
from dashboard.infra.db import Database
from tests.helpers import load, trajectory

TODAY = dt.date(2026, 9, 14)
REGIONS = ("AM01", "AM09", "AM20")
METHODS = ("IPS", "Jobcoaching", "WaBZ")
FUNDING = ("", "UWV", "Gemeente")
# Month ends, days inside a month, year boundaries and a day before all data.
PEILDATA = [
    dt.date(2026, 9, 14),
    dt.date(2026, 6, 30),
    dt.date(2026, 2, 1),
    dt.date(2025, 12, 31),
    dt.date(2025, 11, 17),
    dt.date(2025, 1, 1),
    dt.date(2024, 12, 31),
    dt.date(2024, 7, 9),
    dt.date(2023, 3, 3),
]


def _day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


def _random_rows(rng: random.Random, count: int, prefix: str) -> list[dict[str, str]]:
    rows = []
    for number in range(count):
        start = _day(rng, dt.date(2024, 1, 1), TODAY)
        extra: dict[str, str] = {"methode": rng.choice(METHODS), "financiering": rng.choice(FUNDING)}
        if rng.random() < 0.8:
            extra["aanmelddatum"] = (start - dt.timedelta(days=rng.randint(0, 60))).isoformat()
        placed = sustainable = end = None
        if rng.random() < 0.6:
            placed = start + dt.timedelta(days=rng.randint(0, 200))
            if rng.random() < 0.6:
                sustainable = placed + dt.timedelta(days=rng.randint(0, 200))
        if rng.random() < 0.6:
            end = start + dt.timedelta(days=rng.randint(0, 500))
        for name, day in (("plaatsingsdatum", placed), ("duurzaam_datum", sustainable), ("einddatum", end)):
            if (
                day is not None
                and day <= TODAY
                and (name != "duurzaam_datum" or extra.get("plaatsingsdatum"))
            ):
                extra[name] = day.isoformat()
        if "einddatum" in extra:
            extra["eindreden"] = "uitval"
        region = rng.choice(REGIONS)
        organisation = f"Organisatie {rng.randint(1, 3)} {region}"
        rows.append(
            trajectory(
                f"{prefix}{number}", start.isoformat(), regio=region, organisatie=organisation, **extra
            )
        )
    return rows


@pytest.fixture
def random_db(db: Database) -> Database:
    """Two deliveries of random trajectories; the second changes part of the first and adds more."""
    rng = random.Random(20261114)
    first = _random_rows(rng, 400, "R")
    load(db, "trajecten", first, today=TODAY)
    changed = _random_rows(random.Random(7), 400, "R")
    again = [changed[i] if i % 3 == 0 else first[i] for i in range(0, 400, 2)]
    # The second delivery leaves out half of the first; the sender keeps those.
    load(db, "trajecten", again + _random_rows(rng, 150, "S"), today=TODAY, left_out="behouden")
    return db


def _trajectories(db: Database) -> pd.DataFrame:
    query = select(
        Organisation.region_code.label("code"),
        Trajectory.organisation_id.label("org"),
        Trajectory.methode,
        Trajectory.financiering,
        Trajectory.aanmelddatum.label("a"),
        Trajectory.startdatum.label("s"),
        Trajectory.plaatsingsdatum.label("p"),
        Trajectory.duurzaam_datum.label("d"),
        Trajectory.einddatum.label("e"),
    ).join(Organisation, Organisation.id == Trajectory.organisation_id)
    with db.engine.connect() as connection:
        frame = pd.DataFrame(connection.execute(query).mappings().all())
    for column in "aspde":
        frame[column] = pd.to_datetime(frame[column])
    return frame


def _direct_funnel(rows: pd.DataFrame, by: str, year: int, peildatum: dt.date) -> pd.DataFrame:
    """The funnel counted trajectory by trajectory, straight from its definition."""
    first, last = pd.Timestamp(year, 1, 1), pd.Timestamp(min(peildatum, dt.date(year, 12, 31)))
    day = pd.Timestamp(peildatum)
    cohort = rows["s"].between(first, last)
    referred = rows["a"].between(first, last) | (cohort & rows["a"].notna())
    sustainable = rows["d"] <= day
    ended = rows["e"] <= day
    steps = pd.DataFrame(
        {
            by: rows[by],
            "aangemeld": referred,
            "gestart": cohort,
            "geplaatst": cohort & (rows["p"] <= day),
            "duurzaam": cohort & sustainable,
            "lopend": cohort & ~ended,
            "uitgevallen": cohort & ended & ~sustainable,
            "zonder_aanmelding": cohort & rows["a"].isna(),
        }
    )[cohort | rows["a"].between(first, last)]
    return steps.groupby(by, as_index=False)[FUNNEL_STEPS].sum().astype(dict.fromkeys(FUNNEL_STEPS, int))


@pytest.mark.traag
@pytest.mark.parametrize("peildatum", PEILDATA, ids=str)
def test_funnels_and_progress_match_a_direct_count(random_db: Database, peildatum: dt.date) -> None:
    rows = _trajectories(random_db)
    for year in (2024, 2025, 2026):
        expected = _direct_funnel(rows, "code", year, peildatum)
        got = funnel_by_region(random_db, year, peildatum)
        pd.testing.assert_frame_equal(got.reset_index(drop=True), expected, check_dtype=False)
        progress = progress_by_region(random_db, year, peildatum).set_index("code")
        for row in expected.itertuples():
            assert progress.loc[row.code, "gestart"] == row.gestart
            assert progress.loc[row.code, "duurzaam"] == row.duurzaam
        assert progress["gestart"].sum() == expected["gestart"].sum()
        for region in REGIONS:
            by_org = funnel_by_organisation(random_db, region, year, peildatum).set_index("id")
            direct = _direct_funnel(rows[rows["code"] == region], "org", year, peildatum).set_index("org")
            direct = direct.reindex(by_org.index, fill_value=0)
            pd.testing.assert_frame_equal(
                by_org[FUNNEL_STEPS], direct[FUNNEL_STEPS], check_dtype=False, check_names=False
            )


@pytest.mark.traag
@pytest.mark.parametrize("peildatum", PEILDATA, ids=str)
def test_method_mix_and_monthly_starts_match_a_direct_count(random_db: Database, peildatum: dt.date) -> None:
    rows = _trajectories(random_db)
    day = pd.Timestamp(peildatum)
    for year in (2024, 2025, 2026):
        last = pd.Timestamp(min(peildatum, dt.date(year, 12, 31)))
        cohort = rows[rows["s"].between(pd.Timestamp(year, 1, 1), last)]
        mix = method_mix(random_db, year, peildatum, region="AM09")
        mine = cohort[cohort["code"] == "AM09"]
        expected = (
            mine.assign(duurzaam=mine["d"] <= day, financiering=mine["financiering"].fillna("-"))
            .groupby(["methode", "financiering"])
            .agg(gestart=("s", "size"), duurzaam=("duurzaam", "sum"))
        )
        got = mix.assign(financiering=mix["financiering"].fillna("-")).set_index(["methode", "financiering"])
        pd.testing.assert_frame_equal(
            got.sort_index(), expected.sort_index(), check_dtype=False, check_index_type=False
        )
    for region in (None, "AM20"):
        got = monthly_starts(random_db, 2025, peildatum, region=region)
        mine = rows if region is None else rows[rows["code"] == region]
        mine = mine[mine["s"].between(pd.Timestamp(2025, 1, 1), day)]
        expected = (
            mine.groupby([mine["s"].dt.year.rename("jaar"), mine["s"].dt.month.rename("maand")])
            .size()
            .rename("gestart")
            .reset_index()
        )
        pd.testing.assert_frame_equal(got, expected, check_dtype=False)


def _stored(db: Database) -> dict[tuple[object, ...], int]:
    with db.engine.connect() as connection:
        return {tuple(row[:-1]): row[-1] for row in connection.execute(select(summary.SUMMARY))}


def test_imports_keep_the_summary_equal_to_a_rebuild(random_db: Database) -> None:
    kept = _stored(random_db)
    assert kept and all(n > 0 for n in kept.values())
    with random_db.engine.connect() as connection:
        assert kept == dict(summary.counted(connection, Trajectory.id.is_not(None)))
    with random_db.engine.begin() as connection:
        summary.rebuild(connection)
    assert _stored(random_db) == kept


def test_the_migration_builds_the_summary_for_existing_data(random_db: Database) -> None:
    kept = _stored(random_db)
    config = random_db._alembic_config()
    with random_db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0004")
    random_db.upgrade()
    assert _stored(random_db) == kept
