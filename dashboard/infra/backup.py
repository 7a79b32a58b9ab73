"""Backups of the reporting database while the app runs, and restoring one after a version check.

SQLite uses its online backup API: a consistent copy page by page, while readers and writers go
on. PostgreSQL uses ``pg_dump`` in its custom format (one snapshot) and ``pg_restore`` in one
transaction. A backup made by a newer version of the monitor is refused: this code cannot know
its schema.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
from contextlib import closing, suppress
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import URL, Engine, select, table, text

from dashboard.data.models import Base
from dashboard.i18n import N_, UserError
from dashboard.infra.db import Database

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"


class BackupError(UserError):
    """A backup cannot be made or restored; the message says why, and nothing was changed."""


@dataclass(frozen=True)
class Restored:
    """What a restore brought back."""

    revision: str
    upgraded_to: str | None  # the newest migration, when the backup came from an older version


def _sqlite_path(engine: Engine) -> Path | None:
    url = engine.url
    if url.get_backend_name() != "sqlite":
        return None
    if not url.database or url.database == ":memory:":
        raise BackupError(N_("Een database in het geheugen heeft geen backup."))
    return Path(url.database)


def _libpq(url: URL) -> tuple[str, dict[str, str]]:
    # The password goes through the environment: on the command line every user of the machine
    # could read it in the process list.
    plain = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    env = dict(os.environ)
    if url.password is not None:
        env["PGPASSWORD"] = str(url.password)
    return plain, env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            N_("'{tool}' ontbreekt; installeer de PostgreSQL-client (apt-get install postgresql-client)."),
            tool=name,
        )
    return found


def _run(command: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        # The tool's own first line names the cause (connection refused, permission denied, …).
        first = (done.stderr.strip().splitlines() or ["?"])[0]
        raise BackupError(N_("{tool} mislukte: {reason}"), tool=Path(command[0]).name, reason=first)
    return done.stdout


def backup(db: Database, target: Path) -> None:
    """Write a consistent copy of the database to ``target`` (replaced only when complete).

    Raises:
        BackupError: when the copy cannot be made.
    """
    partial = target.with_name(target.name + ".partial")
    source = _sqlite_path(db.engine)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if source is not None:
            with closing(sqlite3.connect(source)) as live, closing(sqlite3.connect(partial)) as copy:
                live.backup(copy)
        else:
            plain, env = _libpq(db.engine.url)
            _run([_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(partial), plain], env)
        partial.replace(target)
    except (OSError, sqlite3.OperationalError) as error:
        # A folder that cannot be made or written (permissions, a full disk): say where and why.
        reason = getattr(error, "strerror", None) or str(error)
        raise BackupError(
            N_("Backup '{path}' kon niet worden geschreven ({reason})."), path=target, reason=reason
        ) from None
    finally:
        with suppress(OSError):  # nothing to clean up where nothing could be written
            partial.unlink(missing_ok=True)


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def backup_revision(path: Path) -> str | None:
    """The migration a backup file is at (None when it holds no schema).

    Raises:
        BackupError: when the file is no backup of this monitor.
    """
    if not path.is_file():
        raise BackupError(N_("Backup '{name}' bestaat niet."), name=path.name)
    with path.open("rb") as file:
        head = file.read(16)
    if head.startswith(SQLITE_MAGIC):
        with closing(_read_only(path)) as connection:
            try:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            except sqlite3.DatabaseError:
                row = None
        return str(row[0]) if row else None
    if head.startswith(PG_DUMP_MAGIC):
        listing = _run(
            [_tool("pg_restore"), "--data-only", "--table", "alembic_version", "--file", "-", str(path)], {}
        )
        return _copied_value(listing.splitlines())
    raise BackupError(N_("'{name}' is geen backup van de monitor (SQLite of pg_dump)."), name=path.name)


def _copied_value(lines: list[str]) -> str | None:
    # The table's data sits between its "COPY ... FROM stdin;" line and the line that ends it.
    for number, line in enumerate(lines[:-1]):
        if line.startswith("COPY ") and lines[number + 1] != "\\.":
            return lines[number + 1].strip()
    return None


def _check_version(db: Database, revision: str | None, name: str) -> str | None:
    if revision is None:
        raise BackupError(N_("Backup '{name}' bevat geen database van de monitor."), name=name)
    if not db.knows_revision(revision):
        raise BackupError(
            N_(
                "Backup '{name}' komt van een nieuwere versie van de monitor (databaseversie {revision}); "
                "deze versie kent hoogstens {head}. Er is niets gewijzigd."
            ),
            name=name,
            revision=revision,
            head=db.head_revision(),
        )
    head = db.head_revision()
    return head if revision != head else None


def restore(db: Database, source: Path) -> Restored:
    """Replace the database's contents with the backup in ``source``, then bring it up to date.

    Raises:
        BackupError: when the backup is missing, foreign, of another kind or from a newer version.
    """
    revision = backup_revision(source)
    upgraded_to = _check_version(db, revision, source.name)
    with source.open("rb") as file:
        is_sqlite = file.read(16).startswith(SQLITE_MAGIC)
    target = _sqlite_path(db.engine)
    if is_sqlite != (target is not None):
        raise BackupError(
            N_(
                "Backup '{name}' is van een ander soort database dan HZW_DATABASE_URL; er is niets gewijzigd."
            ),
            name=source.name,
        )
    db.dispose()
    if target is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
        # The backup API copies into the live file under its lock: readers see old or new, never half.
        with closing(_read_only(source)) as saved, closing(sqlite3.connect(target)) as live:
            saved.backup(live)
    else:
        plain, env = _libpq(db.engine.url)
        _run(
            [
                _tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--dbname",
                plain,
                str(source),
            ],
            env,
        )
    if upgraded_to is not None:
        db.upgrade()
    return Restored(str(revision), upgraded_to)


def fingerprints(db: Database) -> dict[str, tuple[int, str]]:
    """Per table: the number of rows and a SHA-256 over them in key order (to compare two copies)."""
    tables = [*Base.metadata.sorted_tables]
    result: dict[str, tuple[int, str]] = {}
    with db.engine.connect() as connection:
        for model in tables:
            order = list(model.primary_key.columns) or list(model.columns)
            digest, count = hashlib.sha256(), 0
            for row in connection.execute(select(model).order_by(*order)):
                digest.update(repr(tuple(row)).encode())
                count += 1
            result[model.name] = (count, digest.hexdigest())
        version = connection.scalar(select(text("version_num")).select_from(table("alembic_version")))
    result["alembic_version"] = (1, hashlib.sha256(str(version).encode()).hexdigest())
    return result
