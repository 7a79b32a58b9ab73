"""Database gateway: engine, sessions and Alembic migrations for SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Connection, Engine, create_engine, event, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from dashboard.data.models import Region
from dashboard.i18n import N_, UserError
from geodata import region_refs

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).parents[1] / "migrations"
# How long an SQLite writer waits for another one (an import of 190,000 rows holds the write lock
# for minutes; sqlite3's default of 5 s failed every other write behind it).
SQLITE_BUSY_SECONDS = 30.0


class DatabaseError(UserError, RuntimeError):
    """The database cannot be used as configured; the message is for the user."""


def _enable_sqlite_rules(dbapi_connection: Any, _record: Any) -> None:
    # SQLite ignores foreign keys unless asked, and WAL lets the dashboard read during an import.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def make_engine(url: str) -> Engine:
    """Create an engine for ``url``, creating the SQLite folder when needed.

    Raises:
        DatabaseError: when the URL cannot be understood.
    """
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseError(N_("HZW_DATABASE_URL is geen geldige database-URL: '{url}'."), url=url) from None
    if parsed.get_backend_name() == "sqlite":
        # A "file:" URI (?uri=true, e.g. mode=ro) names a file the caller already has.
        if parsed.database and parsed.database != ":memory:" and not parsed.database.startswith("file:"):
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        # hide_parameters: error messages (and so logs) never carry the rows being written.
        engine = create_engine(parsed, hide_parameters=True, connect_args={"timeout": SQLITE_BUSY_SECONDS})
        event.listen(engine, "connect", _enable_sqlite_rules)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        # psycopg 3 is the driver we install; plain postgresql:// would ask for psycopg2.
        parsed = parsed.set(drivername="postgresql+psycopg")
    return create_engine(parsed, pool_pre_ping=True, hide_parameters=True)


class Database:
    """The one gateway to the reporting database."""

    def __init__(self, url: str) -> None:
        """Connect lazily to ``url`` (nothing is opened until first use)."""
        self.engine = make_engine(url)
        # Two databases behind one shared cache (tests, staging) must not see each other's entries.
        self.cache_namespace = hashlib.sha256(url.encode()).hexdigest()[:12]
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """Yield a session whose work is committed at the end, or rolled back on any error."""
        with self.sessions.begin() as session:
            yield session

    @contextmanager
    def brief_transaction(self, seconds: float) -> Iterator[Connection]:
        """Yield a connection in a transaction that waits at most ``seconds`` for another writer.

        For small writes beside the import (audit lines): behind a long import they fail fast
        with the database's own "locked" error instead of holding a request for the full wait.
        """
        with self.engine.connect() as connection:
            sqlite = connection.dialect.name == "sqlite"
            if sqlite:
                connection.exec_driver_sql(f"PRAGMA busy_timeout = {int(seconds * 1000)}")
                connection.commit()
            try:
                with connection.begin():
                    if not sqlite:
                        # SET LOCAL ends with the transaction; the pooled connection keeps no trace.
                        connection.exec_driver_sql(f"SET LOCAL lock_timeout = '{int(seconds * 1000)}ms'")
                    yield connection
            finally:
                if sqlite and not connection.invalidated:
                    connection.exec_driver_sql(f"PRAGMA busy_timeout = {int(SQLITE_BUSY_SECONDS * 1000)}")
                    connection.commit()

    def _alembic_config(self) -> Config:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        return config

    def upgrade(self) -> None:
        """Bring the schema to the newest migration (creates it on an empty database)."""
        config = self._alembic_config()
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
        self.sync_regions()

    def sync_regions(self) -> None:
        """Make the region table match the CBS division in ``geodata/regions.csv``."""
        with self.transaction() as session:
            known = {r.code: r for r in session.scalars(select(Region))}
            for ref in region_refs():
                region = known.get(ref.code)
                if region is None:
                    session.add(Region(code=ref.code, naam=ref.naam, provincie=ref.provincie))
                else:
                    region.naam, region.provincie = ref.naam, ref.provincie

    def current_revision(self) -> str | None:
        """The migration the database is at, or None for an empty database."""
        with self.engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    def head_revision(self) -> str | None:
        """The newest migration this code knows."""
        return ScriptDirectory.from_config(self._alembic_config()).get_current_head()

    def knows_revision(self, revision: str) -> bool:
        """Whether ``revision`` is a migration of this code (a backup from a newer version is not)."""
        try:
            ScriptDirectory.from_config(self._alembic_config()).get_revision(revision)
        except CommandError:
            return False
        return True

    def is_current(self) -> bool:
        """Whether the schema matches this version of the code."""
        return self.current_revision() == self.head_revision()

    def dispose(self) -> None:
        """Close all pooled connections."""
        self.engine.dispose()
