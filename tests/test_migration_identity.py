"""Migration 0007 reports traject_ids stored in more than one spelling, and keeps them importable."""

from __future__ import annotations

import logging

from alembic import command
from sqlalchemy import text

from dashboard.data.models import Trajectory
from dashboard.infra.db import Database
from tests.helpers import trajectory
from tests.test_import_identity import started, stored, summary_is_exact
from tests.test_import_redelivery import load_rows


def _at_0006_with_pairs(database_url: str) -> tuple[Database, dict[str, int]]:
    """A database at migration 0006 holding, per organisation, ids that differ only in case.

    Returns the database and the organisations' ids by name.
    """
    db = Database(database_url)
    config = db._alembic_config()
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0006")
    db.sync_regions()
    with db.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO import_log (bestandsnaam, sha256, soort, rijen, nieuw, gewijzigd, "
                "ongewijzigd, gebruiker, tijdstip, voorbeelddata) VALUES ('oud.csv', :sha, 'trajecten', "
                "9, 9, 0, 0, 't', :now, false)"
            ),
            {"sha": "0" * 64, "now": "2026-06-01 10:00:00"},
        )
        import_id = connection.execute(text("SELECT MAX(id) FROM import_log")).scalar_one()
        connection.execute(
            text(
                "INSERT INTO organisation (region_code, naam, soort) VALUES "
                "('AM09', 'GGNet', 'GGZ'), ('AM09', 'UWV Achterhoek', 'UWV'), ('AM01', 'Lentis', 'GGZ')"
            )
        )
        ids = {row.naam: row.id for row in connection.execute(text("SELECT naam, id FROM organisation"))}
        # GGNet: A1 twice (A1, a1) and B2 three times; UWV: one id per spelling; Lentis: C3 twice.
        for name, traject_id in [
            ("GGNet", "A1"),
            ("GGNet", "a1"),
            ("GGNet", "B2"),
            ("GGNet", "b2"),
            ("GGNet", " B2"),
            ("GGNet", "Z9"),
            ("UWV Achterhoek", "A1"),
            ("Lentis", "C3"),
            ("Lentis", "c3"),
        ]:
            connection.execute(
                text(
                    "INSERT INTO trajectory (organisation_id, traject_id, methode, startdatum, import_id) "
                    "VALUES (:org, :tid, 'IPS', '2026-05-04', :imp)"
                ),
                {"org": ids[name], "tid": traject_id, "imp": import_id},
            )
    return db, ids


def test_the_migration_reports_case_pairs_and_merges_nothing(database_url, caplog):
    db, ids = _at_0006_with_pairs(database_url)
    try:
        with caplog.at_level(logging.WARNING, logger="dashboard.migrations"):
            db.upgrade()
        warnings = [r.getMessage() for r in caplog.records if r.name == "dashboard.migrations"]
        assert len(warnings) == 1
        # Three ids (A1 and B2 of GGNet, C3 of Lentis) at organisations 1 and 3; no id itself.
        assert warnings[0].startswith("traject_id: 3 id's staan in meer dan één schrijfwijze")
        assert f"bij organisatie(s) {ids['GGNet']}, {ids['Lentis']}." in warnings[0]
        assert "A1" not in warnings[0] and "C3" not in warnings[0]
        assert stored(db, Trajectory) == 9
    finally:
        db.dispose()


def test_after_the_migration_a_re_delivery_withdraws_the_extra_spelling(database_url, caplog):
    db, _ids = _at_0006_with_pairs(database_url)
    try:
        db.upgrade()
        with db.engine.begin() as connection:
            # 0005 built the summary; rows inserted by hand after it need it rebuilt.
            from dashboard.data import summary

            summary.rebuild(connection)
        assert started(db) == 7  # A1, a1, B2, b2, " B2", Z9 and UWV's A1: 2 ids counted twice or more
        file = [trajectory(tid, "2026-05-04", organisatie="GGNet") for tid in ("a1", "B2", "Z9")]
        result = load_rows(db, file, left_out="intrekken")
        # a1 and B2 update their own spelling; A1, b2 and " B2" were left out and are withdrawn.
        assert (result.ongewijzigd, result.nieuw, result.ontbrekend) == (3, 0, 3)
        assert started(db) == 4  # GGNet's three and UWV's A1
        assert summary_is_exact(db)
        assert load_rows(db, file).ontbrekend == 0
    finally:
        db.dispose()
