"""One import, all or nothing: validate, then write and log inside a single transaction."""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from dashboard.db import Database
from dashboard.i18n import N_, _
from dashboard.importing import redelivery, writing
from dashboard.importing.identity import review_names
from dashboard.importing.problems import ImportRejected, Problem
from dashboard.importing.reading import file_sha256, read_table
from dashboard.importing.rules import SCHEMAS, ignored_columns, validate_frame
from dashboard.models import ImportLog, Trajectory

log = logging.getLogger(__name__)

WRITERS: dict[str, Callable[[Session, list[dict[str, Any]], int], Counter[str]]] = {
    "trajecten": writing.write_trajectories,
    "bijeenkomsten": writing.write_meetings,
    "doelen": writing.write_targets,
}
# The file kinds as a summary names them (the kind itself is the stored value and the CLI word).
KIND_NAMES = {"trajecten": N_("trajecten"), "bijeenkomsten": N_("bijeenkomsten"), "doelen": N_("doelen")}


@dataclass(frozen=True)
class ImportResult:
    """What one import did (or, when only checked, would do).

    ``meldingen`` are notices that did not stop the import, such as columns outside the contract
    that were left out, worded in the language of the import's request; ``summary`` includes
    them, so every place that shows the summary shows them too.
    """

    soort: str
    rijen: int
    nieuw: int
    gewijzigd: int
    ongewijzigd: int
    import_id: int | None
    meldingen: tuple[str, ...] = ()
    # Earlier trajectories the file left out, and the sender's choice for them (None: not asked).
    ontbrekend: int = 0
    ontbrekend_keuze: str | None = None

    def summary(self) -> str:
        """A summary for the CLI (Dutch) and the upload page, notices included."""
        counts = _(
            "{rijen} rijen {soort}: {nieuw} nieuw, {gewijzigd} gewijzigd, {ongewijzigd} ongewijzigd."
        ).format(
            rijen=self.rijen,
            soort=_(KIND_NAMES.get(self.soort, self.soort)),
            nieuw=self.nieuw,
            gewijzigd=self.gewijzigd,
            ongewijzigd=self.ongewijzigd,
        )
        return " ".join([counts, *self.meldingen])


def import_frame(
    db: Database,
    kind: str,
    frame: pd.DataFrame,
    *,
    file_name: str,
    sha256: str,
    user: str,
    today: dt.date | None = None,
    demo: bool = False,
    check_only: bool = False,
    new_organisations: Collection[str] = (),
    left_out: str | None = None,
) -> ImportResult:
    """Validate ``frame`` against the contract for ``kind`` and write it in one transaction.

    Args:
        db: the database gateway.
        kind: "trajecten", "bijeenkomsten" or "doelen".
        frame: the file's cells as text (see ``validate_frame``).
        file_name: name shown in messages and the import log.
        sha256: checksum of the file as delivered.
        user: who imports (logged; never a participant's data).
        today: the import date; defaults to today.
        demo: mark the import as fictitious demo data.
        check_only: validate and count, then roll back.
        new_organisations: names ``beheer`` confirmed as new organisations, although they resemble
            a known one of their region (without, such a name stops the import).
        left_out: for earlier trajectories of the file's organisations that the file does not
            hold, "behouden" (keep) or "intrekken" (withdraw); without, any such stop the import
            (a check only reports them).

    Raises:
        ImportRejected: with every problem found; nothing was written.
    """
    if kind not in SCHEMAS:
        raise ImportRejected(
            file_name, [Problem(None, "", kind, _("soort is trajecten, bijeenkomsten of doelen"))]
        )
    if left_out is not None and left_out not in redelivery.CHOICES:
        expected = _("voor ontbrekende trajecten: behouden of intrekken")
        raise ImportRejected(file_name, [Problem(None, "", left_out, expected)])
    today = today or dt.date.today()
    records, problems = validate_frame(kind, frame, today)
    if problems:
        raise ImportRejected(file_name, problems)
    if not records:
        raise ImportRejected(file_name, [Problem(None, "", "", _("het bestand bevat geen gegevensrijen"))])
    notices = ignored_columns(kind, frame)
    log.info("import %s %s: %d rijen goedgekeurd, schrijven begint", kind, file_name, len(records))
    with db.sessions() as session:
        transaction = session.begin()
        try:
            counts, import_id, settled = _write(
                session,
                kind,
                records,
                _Delivery(file_name, sha256, user, demo, check_only, tuple(new_organisations), left_out),
            )
        except BaseException:
            # Any failure, including a kill signal turned into an exception, leaves nothing behind.
            transaction.rollback()
            raise
        if check_only:
            transaction.rollback()
        else:
            transaction.commit()
    result = ImportResult(
        kind,
        len(records),
        counts["nieuw"],
        counts["gewijzigd"],
        counts["ongewijzigd"],
        None if check_only else import_id,
        (*notices, *settled.notices),
        settled.count,
        settled.choice,
    )
    # File name and counts only: the rows themselves are about people and stay out of the log.
    log.info("import %s %s: %s", kind, file_name, result.summary())
    return result


@dataclass(frozen=True)
class _Delivery:
    """One file's delivery as ``_write`` needs it: who, what, and the choices made for it."""

    file_name: str
    sha256: str
    user: str
    demo: bool
    check_only: bool
    new_organisations: tuple[str, ...]
    left_out: str | None


def _write(
    session: Session, kind: str, records: list[dict[str, Any]], delivery: _Delivery
) -> tuple[Counter[str], int, redelivery.Settled]:
    entry = ImportLog(
        bestandsnaam=delivery.file_name,
        sha256=delivery.sha256,
        soort=kind,
        rijen=len(records),
        nieuw=0,
        gewijzigd=0,
        ongewijzigd=0,
        gebruiker=delivery.user,
        tijdstip=dt.datetime.now(dt.UTC),
        voorbeelddata=delivery.demo,
    )
    session.add(entry)
    session.flush()
    # Before the writer creates organisations: a name like a known one must not become another.
    names = review_names(session, kind, records, delivery.new_organisations)
    if names.problems:
        raise ImportRejected(delivery.file_name, names.problems)
    highest: int = session.scalar(select(func.coalesce(func.max(Trajectory.id), 0))) or 0
    counts = WRITERS[kind](session, records, entry.id)
    settled = redelivery.Settled(0, None, ())
    if kind == "trajecten":
        settled = redelivery.settle(
            session,
            records,
            entry.id,
            highest,
            delivery.left_out,
            file_name=delivery.file_name,
            check_only=delivery.check_only,
        )
    session.execute(
        update(ImportLog)
        .where(ImportLog.id == entry.id)
        .values(
            nieuw=counts["nieuw"],
            gewijzigd=counts["gewijzigd"],
            ongewijzigd=counts["ongewijzigd"],
            ontbrekend=settled.count,
            ontbrekend_keuze=settled.choice,
        )
    )
    settled = replace(settled, notices=(*names.notices, *settled.notices))
    return counts, entry.id, settled


def import_file(
    db: Database,
    kind: str,
    path: Path,
    *,
    user: str,
    max_bytes: int,
    today: dt.date | None = None,
    demo: bool = False,
    check_only: bool = False,
    file_name: str | None = None,
    new_organisations: Collection[str] = (),
    left_out: str | None = None,
) -> ImportResult:
    """Read a delivered CSV/XLSX file and import it (see ``import_frame``).

    ``file_name`` is the name shown and logged when it differs from the file on disk (uploads);
    ``new_organisations`` and ``left_out`` are the choices described there.

    Raises:
        ImportRejected: when the file cannot be read or breaks the contract; nothing was written.
    """
    shown = file_name or path.name
    frame = read_table(path, max_bytes, shown)
    return import_frame(
        db,
        kind,
        frame,
        file_name=shown,
        sha256=file_sha256(path),
        user=user,
        today=today,
        demo=demo,
        check_only=check_only,
        new_organisations=new_organisations,
        left_out=left_out,
    )
