"""Migration 0008 rebuilds the accounts table on SQLite without losing an account's regions."""

from __future__ import annotations

from alembic import command

from dashboard.auth import store
from dashboard.infra.db import Database


def _migrate(db: Database, revision: str, down: bool = False) -> None:
    config = db._alembic_config()
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)


def test_accounts_keep_their_regions_and_ids_through_0008_and_back(database_url):
    db = Database(database_url)
    try:
        _migrate(db, "0007")
        db.sync_regions()
        rob = store.add_user(db, "rob", "regio", ["AM09", "AM01"], "een-lang-wachtwoord")
        kim = store.add_user(db, "kim", "landelijk", [], "een-lang-wachtwoord")
        _migrate(db, "head")
        after = {a.name: a for a in store.list_users(db)}
        assert after["rob"].regions == ("AM01", "AM09") and after["rob"].id == rob.id
        assert after["kim"].id == kim.id and after["kim"].role == "landelijk"
        store.remove_user(db, "kim")
        assert store.add_user(db, "lex", "beheer", [], "een-lang-wachtwoord").id > kim.id
        _migrate(db, "0007", down=True)
        assert {a.name: a.regions for a in store.list_users(db)} == {"lex": (), "rob": ("AM01", "AM09")}
    finally:
        db.dispose()
