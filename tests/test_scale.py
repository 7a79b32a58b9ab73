import datetime as dt

import pandas as pd
import pytest
from sqlalchemy import func, select

from dashboard.data.meta import data_status, trajectory_count
from dashboard.data.models import ImportLog, Organisation, Trajectory
from dashboard.importing import demo
from dashboard.infra.db import Database

# Scale tests load the demo data twice over: seconds per test.
pytestmark = pytest.mark.traag

TODAY = dt.date(2026, 9, 30)
SEED = 2021


@pytest.fixture(scope="module")
def base() -> pd.DataFrame:
    return demo.generate(SEED, TODAY)["trajecten"]


def load(path, scale: int) -> pd.DataFrame:
    db = Database(f"sqlite:///{path}")
    db.upgrade()
    demo.load_demo(db, SEED, TODAY, 25_000_000, scale=scale)
    found = rows(db)
    db.dispose()
    return found


@pytest.fixture(scope="module")
def scale_two(tmp_path_factory) -> pd.DataFrame:
    """Every trajectory of a SQLite database loaded at scale 2 (read-only checks share it)."""
    return load(tmp_path_factory.mktemp("schaal") / "twee.sqlite3", 2)


def rows(db: Database) -> pd.DataFrame:
    query = select(Organisation.naam, Trajectory).join(Organisation)
    with db.engine.connect() as connection:
        frame = pd.DataFrame(connection.execute(query).all())
    return frame.drop(columns=["id", "import_id", "organisation_id"]).sort_values(["naam", "traject_id"])


def test_scale_two_holds_twice_the_trajectories_in_the_same_organisations(scale_two, base):
    assert len(scale_two) == 2 * len(base)
    per_org = scale_two.groupby("naam").size()
    assert (per_org == 2 * base.groupby("organisatie").size().reindex(per_org.index)).all()


def test_same_seed_same_rows(scale_two, tmp_path):
    again = load(tmp_path / "nogmaals.sqlite3", 2)
    pd.testing.assert_frame_equal(scale_two.reset_index(drop=True), again.reset_index(drop=True))


def test_extra_rows_follow_the_contract_date_rules(scale_two, base):
    extra = scale_two[~scale_two["traject_id"].isin(base["traject_id"])]
    assert len(extra) == len(base)
    dates = ["aanmelddatum", "startdatum", "plaatsingsdatum", "duurzaam_datum", "einddatum"]
    for column in dates:
        assert extra[column].dropna().max() <= TODAY
    assert (extra.aanmelddatum.isna() | (extra.aanmelddatum <= extra.startdatum)).all()
    assert (extra.plaatsingsdatum.isna() | (extra.plaatsingsdatum >= extra.startdatum)).all()
    assert (extra.duurzaam_datum.isna() | (extra.duurzaam_datum >= extra.plaatsingsdatum)).all()
    assert (extra.einddatum.isna() | (extra.einddatum >= extra.startdatum)).all()
    assert (extra.einddatum.isna() == extra.eindreden.isna()).all()
    # Each copy starts in the year of the trajectory it copies (the year is part of the id).
    assert (extra.traject_id.str[9:13].astype(int) == pd.to_datetime(extra.startdatum).dt.year).all()


def test_quarters_left_quiet_in_the_base_stay_quiet(scale_two, base):
    found = scale_two
    quarter = pd.to_datetime(found.startdatum).dt.to_period("Q").astype(str)
    base_quarter = pd.to_datetime(base.startdatum).dt.to_period("Q").astype(str)
    assert set(zip(found.naam, quarter, strict=True)) == set(zip(base.organisatie, base_quarter, strict=True))


def test_bulk_load_is_logged_as_demo_data_and_changes_the_data_version(db, base):
    results = demo.load_demo(db, SEED, TODAY, 25_000_000)
    assert [r.soort for r in results] == ["trajecten", "bijeenkomsten", "doelen"]
    before = data_status(db).version
    result = demo.load_extra_trajectories(db, SEED, TODAY, base, 2)
    assert data_status(db).version != before
    assert trajectory_count(db) == 2 * len(base)
    with db.engine.connect() as connection:
        entry = connection.execute(select(ImportLog).where(ImportLog.id == result.import_id)).one()
        assert connection.execute(select(func.count()).select_from(ImportLog)).scalar_one() == 4
    assert entry.voorbeelddata and entry.soort == "trajecten" and entry.rijen == len(base)
    assert data_status(db).demo
    assert "zonder controle per rij" in result.summary()


def test_cli_loads_the_chosen_scale(database_url, monkeypatch, capsys, base):
    from dashboard.cli import cli, run

    monkeypatch.setenv("HZW_DATABASE_URL", database_url)
    assert run(cli, ["db", "upgrade"]) == 0
    assert run(cli, ["demo", "--tot", TODAY.isoformat(), "--schaal", "2"]) == 0
    assert "Extra volume voor schaal 2 in bulk geladen" in capsys.readouterr().out
    db = Database(database_url)
    assert trajectory_count(db) == 2 * len(base)
    db.dispose()
    assert run(cli, ["demo", "--schaal", "0"]) == 2
