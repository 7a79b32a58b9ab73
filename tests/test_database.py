import datetime as dt

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError

from dashboard.data.models import Base, ImportLog, Organisation, Region, Trajectory


def test_migrations_create_exactly_the_model_schema(db):
    with db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []
    assert db.is_current()


def test_upgrade_seeds_the_35_regions_and_is_repeatable(db):
    db.upgrade()
    with db.engine.connect() as connection:
        codes = connection.execute(select(Region.code).order_by(Region.code)).scalars().all()
    assert len(codes) == 35
    assert {"AM04", "AM16", "AM31"}.isdisjoint(codes)
    assert codes[0] == "AM01" and codes[-1] == "AM38"


def _log(session) -> int:
    entry = ImportLog(
        bestandsnaam="x.csv",
        sha256="0" * 64,
        soort="trajecten",
        rijen=0,
        nieuw=0,
        gewijzigd=0,
        ongewijzigd=0,
        gebruiker="test",
        tijdstip=dt.datetime.now(dt.UTC),
    )
    session.add(entry)
    session.flush()
    return entry.id


def _org(session) -> int:
    org = Organisation(region_code="AM09", naam="GGZ Test", soort="GGZ")
    session.add(org)
    session.flush()
    return org.id


def test_traject_id_is_unique_per_organisation(db):
    with pytest.raises(IntegrityError), db.transaction() as session:
        org, log = _org(session), _log(session)
        row = {
            "organisation_id": org,
            "traject_id": "T1",
            "methode": "IPS",
            "startdatum": dt.date(2026, 1, 5),
            "import_id": log,
        }
        session.execute(insert(Trajectory), [row, row])
    with db.engine.connect() as connection:
        assert connection.execute(select(func.count(Trajectory.id))).scalar_one() == 0


def _insert_trajectory(db, **fields) -> None:
    with db.transaction() as session:
        org, log = _org(session), _log(session)
        row = {
            "organisation_id": org,
            "traject_id": "T1",
            "methode": "IPS",
            "startdatum": dt.date(2026, 1, 5),
        }
        session.execute(insert(Trajectory), [{**row, "import_id": log, **fields}])


@pytest.mark.parametrize(
    "dates",
    [
        {"duurzaam_datum": dt.date(2026, 8, 1)},  # sustainable without placement
        {"plaatsingsdatum": dt.date(2025, 12, 1)},  # placed before start
        {"aanmelddatum": dt.date(2026, 2, 1)},  # referred after start
        {"einddatum": dt.date(2025, 1, 1)},  # ended before start
    ],
)
def test_database_refuses_impossible_date_orders(db, dates):
    with pytest.raises(IntegrityError):
        _insert_trajectory(db, **dates)


def test_unknown_method_is_refused_by_the_database(db):
    with pytest.raises(IntegrityError):
        _insert_trajectory(db, methode="Toverkunst")
    _insert_trajectory(db)  # and the same row with a known method is accepted
