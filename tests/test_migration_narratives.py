"""Migration 0010 adds the narrative tables with the seeded themes, and takes them away again."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import inspect

from dashboard.auth.viewer import Viewer
from dashboard.data.narrative_checks import BottleneckInput, NarrativeInput
from dashboard.data.narratives import save_narrative
from dashboard.data.themes import themes
from dashboard.infra.db import Database
from tests.test_migration_sessions import _migrate

TABLES = {
    "narrative_theme",
    "narrative_version",
    "narrative_bottleneck",
    "narrative_bottleneck_theme",
    "narrative_action",
}


def test_narrative_tables_come_and_go_with_0010(database_url):
    db = Database(database_url)
    try:
        _migrate(db, "0009")
        assert TABLES.isdisjoint(inspect(db.engine).get_table_names())
        _migrate(db, "head")
        db.sync_regions()
        assert TABLES <= set(inspect(db.engine).get_table_names())
        assert themes(db) == [
            "capaciteit ggz",
            "financiering/inkoop",
            "personeel/werkdruk",
            "samenwerking",
            "werkgevers",
            "wet- en regelgeving",
        ]
        content = NarrativeInput(bottlenecks=(BottleneckInput("Wachtlijst", ("samenwerking",)),))
        assert (
            save_narrative(db, Viewer("lex", "beheer"), "AM09", f"{dt.date.today().year}-T1", content).version
            == 1
        )
        _migrate(db, "0009", down=True)
        assert TABLES.isdisjoint(inspect(db.engine).get_table_names())
        _migrate(db, "head")
        assert len(themes(db)) == 6
    finally:
        db.dispose()
