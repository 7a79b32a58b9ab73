"""Published snapshots in the database: write one whole, list them, read a stored report, withdraw one.

A stored report is the very object the pages draw (a report dataclass with its frames), pickled
and compressed under a format number. Reading it back gives the same object, so a page, an
export and a pack drawn from a snapshot today and next month show identical figures. The bytes
come only from this database, written by ``store``; they are as trusted as the cache's.
"""

from __future__ import annotations

import datetime as dt
import pickle
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import func, insert, select, update

from dashboard.auth.store import audit_line, write_audit
from dashboard.data.models import Delivery, ImportLog, Organisation, Trajectory
from dashboard.data.snapshot_models import Publication, PublicationPart
from dashboard.infra import clock
from dashboard.infra.db import Database

# Bumped whenever the stored objects change shape in a way old bytes cannot be read into.
FORMAT = 1
MANUAL = "handmatig"
QUARTERLY = "kwartaal"


class UnknownFormat(ValueError):
    """A stored part was written in a format this version cannot read."""


@dataclass(frozen=True)
class PublicationRef:
    """One snapshot as listed: what, up to when, made when and by whom, and whether withdrawn."""

    id: int
    naam: str
    peildatum: dt.date
    soort: str
    data_versie: str
    laatste_import: int
    gemaakt: dt.datetime
    door: str
    ingetrokken: dt.datetime | None = None
    ingetrokken_door: str | None = None
    reden: str | None = None

    @property
    def withdrawn(self) -> bool:
        """Whether the snapshot was withdrawn (it stays listed, with its reason)."""
        return self.ingetrokken is not None


_COLUMNS = (
    Publication.id,
    Publication.naam,
    Publication.peildatum,
    Publication.soort,
    Publication.data_versie,
    Publication.laatste_import,
    Publication.gemaakt,
    Publication.door,
    Publication.ingetrokken,
    Publication.ingetrokken_door,
    Publication.reden,
)


def _ref(row: object) -> PublicationRef:
    values = list(row)  # type: ignore[call-overload]
    for at in (6, 8):
        # SQLite hands back naive UTC.
        if values[at] is not None and values[at].tzinfo is None:
            values[at] = values[at].replace(tzinfo=dt.UTC)
    return PublicationRef(*values)


def dump(value: object) -> bytes:
    """The stored bytes of a report object (format ``FORMAT``)."""
    return zlib.compress(pickle.dumps(value, protocol=5), 6)


def load(form: int, data: bytes) -> object:
    """The report object of stored bytes.

    Raises:
        UnknownFormat: for bytes of another format.
    """
    if form != FORMAT:
        raise UnknownFormat(f"format {form}")
    return pickle.loads(zlib.decompress(data))  # noqa: S301 - written by ``store`` only


def store(
    db: Database,
    *,
    naam: str,
    peildatum: dt.date,
    soort: str,
    data_versie: str,
    laatste_import: int,
    door: str,
    parts: Iterable[tuple[str, str, object]],
) -> int:
    """Write a snapshot with all its parts in one transaction; its id.

    ``parts`` is worked out (and serialised) before the transaction starts: on SQLite a write
    transaction locks the whole database, and making every region's reports takes long enough
    that a sign-in or the job's own progress would wait for it and give up.
    """
    dumped = [(kind, key, dump(value)) for kind, key, value in parts]
    with db.engine.begin() as connection:
        number = connection.execute(
            insert(Publication)
            .values(
                naam=naam[:120],
                peildatum=peildatum,
                soort=soort,
                data_versie=data_versie[:120],
                laatste_import=laatste_import,
                gemaakt=clock.utc_now(),
                door=door[:120],
            )
            .returning(Publication.id)
        ).scalar_one()
        rows = [
            {
                "publication_id": number,
                "soort": kind,
                "sleutel": key,
                "formaat": FORMAT,
                "inhoud": content,
            }
            for kind, key, content in dumped
        ]
        if rows:
            connection.execute(insert(PublicationPart), rows)
    return int(number)


def publications(db: Database) -> list[PublicationRef]:
    """Every snapshot, withdrawn ones included, the newest peildatum (then the newest) first."""
    query = select(*_COLUMNS).order_by(Publication.peildatum.desc(), Publication.id.desc())
    with db.engine.connect() as connection:
        return [_ref(row) for row in connection.execute(query).all()]


def publication(db: Database, number: int) -> PublicationRef | None:
    """The snapshot with this id, or None."""
    with db.engine.connect() as connection:
        row = connection.execute(select(*_COLUMNS).where(Publication.id == number)).first()
    return None if row is None else _ref(row)


def current_at(db: Database, peildatum: dt.date) -> PublicationRef | None:
    """The newest snapshot at exactly ``peildatum`` that is not withdrawn, or None."""
    query = (
        select(*_COLUMNS)
        .where(Publication.peildatum == peildatum, Publication.ingetrokken.is_(None))
        .order_by(Publication.id.desc())
        .limit(1)
    )
    with db.engine.connect() as connection:
        row = connection.execute(query).first()
    return None if row is None else _ref(row)


def stored(db: Database, number: int, kind: str, key: str) -> object | None:
    """The stored report ``kind``/``key`` of snapshot ``number``, or None when it holds none."""
    query = select(PublicationPart.formaat, PublicationPart.inhoud).where(
        PublicationPart.publication_id == number,
        PublicationPart.soort == kind,
        PublicationPart.sleutel == key,
    )
    with db.engine.connect() as connection:
        row = connection.execute(query).first()
    return None if row is None else load(int(row[0]), bytes(row[1]))


def withdraw(db: Database, number: int, by: str, reason: str) -> bool:
    """Withdraw snapshot ``number`` with a reason, audited; False when it does not exist or already is.

    The one way a snapshot is withdrawn (``hzw publiceer intrekken`` and the Publicaties page):
    the audit line commits with the withdrawal, so neither stands without the other.
    """
    with db.engine.begin() as connection:
        result = connection.execute(
            update(Publication)
            .where(Publication.id == number, Publication.ingetrokken.is_(None))
            .values(ingetrokken=clock.utc_now(), ingetrokken_door=by[:120], reden=reason[:500])
        )
        if result.rowcount:
            write_audit(connection, [audit_line("publicatie ingetrokken", by, str(number))])
    return bool(result.rowcount)


def table_key(region: str, year: int, minimum: int) -> str:
    """The key of a stored organisation table: region, start cohort and small-number threshold."""
    return f"{region}:{year}:{minimum}"


# Stored in place of a table that failed the disclosure audit (None means: not stored at all).
WITHHELD = "achtergehouden"


DELIVERY_COLUMNS = [
    "import_id",
    "organisation_id",
    "organisatie",
    "code",
    "tijdstip",
    "bestandsnaam",
    "laatste_start",
]


def deliveries_after(db: Database, import_id: int, peildatum: dt.date) -> pd.DataFrame:
    """Deliveries of trajectories that came in after import ``import_id``, per organisation.

    Returns:
        Columns ``DELIVERY_COLUMNS``, oldest first; ``laatste_start`` is the latest start on or
        before ``peildatum`` among the trajectories that file last wrote (None: it wrote none),
        which names the quarter the late rows belong to.
    """
    latest = (
        select(func.max(Trajectory.startdatum))
        .where(
            Trajectory.import_id == ImportLog.id,
            Trajectory.organisation_id == Delivery.organisation_id,
            Trajectory.startdatum <= peildatum,
        )
        .scalar_subquery()
    )
    query = (
        select(
            ImportLog.id,
            Delivery.organisation_id,
            Organisation.naam,
            Organisation.region_code,
            ImportLog.tijdstip,
            ImportLog.bestandsnaam,
            latest,
        )
        .join(Delivery, Delivery.import_id == ImportLog.id)
        .join(Organisation, Organisation.id == Delivery.organisation_id)
        .where(ImportLog.id > import_id)
        .order_by(ImportLog.id, Organisation.naam)
    )
    with db.engine.connect() as connection:
        return pd.DataFrame(connection.execute(query).all(), columns=DELIVERY_COLUMNS)
