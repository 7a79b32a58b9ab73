"""One import, all or nothing: validate, then write and log inside a single transaction."""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import func, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from dashboard.auth import store
from dashboard.data.models import ImportLog, Trajectory
from dashboard.i18n import N_, _, ngettext
from dashboard.importing import locking, plausibility, progress, redelivery, writing
from dashboard.importing.identity import review_names
from dashboard.importing.problems import ImportBusy, ImportRejected, ImportUnconfirmed, Problem
from dashboard.importing.reading import PARSE_SECONDS, file_sha256, read_table
from dashboard.importing.rules import SCHEMAS, ignored_columns, validate_frame
from dashboard.infra import clock
from dashboard.infra.db import Database
from dashboard.text import format as fmt

log = logging.getLogger(__name__)

WRITERS: dict[str, Callable[[Session, list[dict[str, Any]], int], Counter[str]]] = {
    "trajecten": writing.write_trajectories,
    "bijeenkomsten": writing.write_meetings,
    "doelen": writing.write_targets,
}
# The file kinds as a summary names them (the kind itself is the stored value and the CLI word).
KIND_NAMES = {"trajecten": N_("trajecten"), "bijeenkomsten": N_("bijeenkomsten"), "doelen": N_("doelen")}
WAITED = N_("Deze import heeft gewacht tot een andere import voor dezelfde organisatie klaar was.")
# Audit events of imports; the detail names kind, file and reason, never anything from the rows.
IMPORTED = "import"
FAILED = "import mislukt"
# SQLSTATEs of a lost race with another import: unique key taken, deadlock, serialisation failure.
RACE_STATES = {"23505", "40P01", "40001"}


@dataclass(frozen=True)
class ImportResult:
    """What one import did (or, when only checked, would do).

    ``meldingen`` are notices that did not stop the import, such as columns outside the contract
    that were left out, worded in the language of the import's request; ``summary`` includes
    them, so every place that shows the summary shows them too. ``waarschuwingen`` are the
    warnings (a name like a known organisation's, a volume jump, merged rows): a check reports
    them, and an import only writes with them after "toch importeren".
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
    waarschuwingen: tuple[str, ...] = ()

    def summary(self, with_warnings: bool = True) -> str:
        """A summary for the CLI (Dutch) and the upload page, notices and warnings included.

        ``with_warnings=False`` leaves the warnings out, for a page that lists them apart.
        """
        counts = ngettext(
            "{rijen} rij {soort}: {nieuw} nieuw, {gewijzigd} gewijzigd, {ongewijzigd} ongewijzigd.",
            "{rijen} rijen {soort}: {nieuw} nieuw, {gewijzigd} gewijzigd, {ongewijzigd} ongewijzigd.",
            self.rijen,
        ).format(
            rijen=fmt.number(self.rijen),
            soort=_(KIND_NAMES.get(self.soort, self.soort)),
            nieuw=fmt.number(self.nieuw),
            gewijzigd=fmt.number(self.gewijzigd),
            ongewijzigd=fmt.number(self.ongewijzigd),
        )
        warned = [_("Waarschuwing: {tekst}").format(tekst=w) for w in self.waarschuwingen if with_warnings]
        return " ".join([counts, *self.meldingen, *warned])


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
    via: str = "",
    on_wait: Callable[[], None] | None = None,
    new_organisations: Collection[str] = (),
    left_out: str | None = None,
    accept_warnings: bool = False,
) -> ImportResult:
    """Validate ``frame`` against the contract for ``kind`` and write it in one transaction.

    The import's audit event commits in the same transaction; a failed import is audited after
    its rollback, with a reason category and never a value from the file.

    Args:
        db: the database gateway.
        kind: "trajecten", "bijeenkomsten" or "doelen".
        frame: the file's cells as text (see ``validate_frame``).
        file_name: name shown in messages and the import log.
        sha256: checksum of the file as delivered.
        user: who imports (logged; never a participant's data).
        today: the import date; defaults to today in Amsterdam.
        demo: mark the import as fictitious demo data.
        check_only: validate and count, then roll back.
        via: how the file came in, for the audit trail (e.g. "hzw import").
        on_wait: called when the import has to wait for another import of the same organisation.
        new_organisations: names ``beheer`` confirmed as new organisations, although they resemble
            a known one of their region (without, such a name stops the import).
        left_out: for earlier trajectories of the file's organisations that the file does not
            hold, "behouden" (keep) or "intrekken" (withdraw); without, any such stop the import
            (a check only reports them).
        accept_warnings: "toch importeren": write although the file raised warnings (without,
            warnings stop the import; a check only reports them).

    Raises:
        ImportRejected: with every problem found; nothing was written.
        ImportUnconfirmed: the file raised warnings and ``accept_warnings`` was not given;
            nothing was written.
        ImportBusy: another import of the same organisation got in first; nothing was written.
    """
    delivery = _Delivery(
        file_name, sha256, user, demo, check_only, via, tuple(new_organisations), left_out, accept_warnings
    )
    with _audited_failure(db, kind, delivery):
        return _import_frame(db, kind, frame, delivery, today, on_wait)


@dataclass(frozen=True)
class _Delivery:
    """One file's delivery as the writer needs it: who, what, how, and the choices made for it."""

    file_name: str
    sha256: str
    user: str
    demo: bool
    check_only: bool
    via: str
    new_organisations: tuple[str, ...]
    left_out: str | None
    accept_warnings: bool = False


def _import_frame(
    db: Database,
    kind: str,
    frame: pd.DataFrame,
    delivery: _Delivery,
    today: dt.date | None,
    on_wait: Callable[[], None] | None,
) -> ImportResult:
    file_name, check_only = delivery.file_name, delivery.check_only
    if kind not in SCHEMAS:
        raise ImportRejected(
            file_name, [Problem(None, "", kind, _("soort is trajecten, bijeenkomsten of doelen"))]
        )
    if delivery.left_out is not None and delivery.left_out not in redelivery.CHOICES:
        expected = _("voor ontbrekende trajecten: behouden of intrekken")
        raise ImportRejected(file_name, [Problem(None, "", delivery.left_out, expected)])
    # The Dutch calendar day: at 00:30 in Amsterdam a UTC host still says yesterday.
    today = today or clock.today()
    records, problems = validate_frame(kind, frame, today)
    if problems:
        raise ImportRejected(file_name, problems)
    if not records:
        raise ImportRejected(file_name, [Problem(None, "", "", _("het bestand bevat geen gegevensrijen"))])
    notices = ignored_columns(kind, frame)
    log.info("import %s %s: %d rijen goedgekeurd, schrijven begint", kind, file_name, len(records))
    locks = locking.import_locks(kind, records)
    with db.sessions() as session:
        transaction = session.begin()
        try:
            waited = locking.serialise(session, locks, on_wait)
            progress.step("opslaan")
            counts, import_id, settled, warned = _write(session, kind, records, delivery)
            progress.before_commit()  # a background import stopped now leaves nothing behind
        except BaseException as error:
            # Any failure, including a kill signal turned into an exception, leaves nothing behind.
            transaction.rollback()
            if _lost_race(error):
                raise ImportBusy(file_name) from None
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
        (*notices, *settled.notices, *((_(WAITED),) if waited else ())),
        settled.count,
        settled.choice,
        warned,
    )
    # File name and counts only: the rows themselves are about people and stay out of the log.
    log.info("import %s %s: %s", kind, file_name, result.summary())
    return result


def _write(
    session: Session, kind: str, records: list[dict[str, Any]], delivery: _Delivery
) -> tuple[Counter[str], int, redelivery.Settled, tuple[str, ...]]:
    entry = ImportLog(
        bestandsnaam=delivery.file_name,
        sha256=delivery.sha256,
        soort=kind,
        rijen=len(records),
        nieuw=0,
        gewijzigd=0,
        ongewijzigd=0,
        gebruiker=delivery.user,
        tijdstip=clock.utc_now(),
        voorbeelddata=delivery.demo,
    )
    session.add(entry)
    session.flush()
    # Before the writer creates organisations: a name like a known one must not become another.
    names = review_names(session, kind, records, delivery.new_organisations)
    highest: int = session.scalar(select(func.coalesce(func.max(Trajectory.id), 0))) or 0
    counts = WRITERS[kind](session, records, entry.id)
    settled = redelivery.Settled(0, None, ())
    if kind == "trajecten":
        # Inside the import's organisation locks: a concurrent import cannot move what it compares.
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
    warned = (
        *names.warnings,
        *plausibility.volume_jumps(session, entry.id),
        *plausibility.merged_rows(kind, len(records), counts),
    )
    if warned and not delivery.check_only and not delivery.accept_warnings:
        # The caller rolls the transaction back: without "toch importeren" nothing is written.
        raise ImportUnconfirmed(delivery.file_name, warned)
    # In the import's own transaction: an import is in both logs or in neither.
    store.add_event(session, IMPORTED, delivery.user, _audit_detail(kind, delivery, settled, len(warned)))
    settled = replace(settled, notices=(*names.notices, *settled.notices))
    return counts, entry.id, settled, warned


def _audit_detail(
    kind: str, delivery: _Delivery, settled: redelivery.Settled | None = None, warned: int = 0
) -> str:
    """Kind, file, how it came in and the choices made for it: names of organisations, no rows."""
    detail = f"{kind}: {delivery.file_name}" + (f" ({delivery.via})" if delivery.via else "")
    choices = [f"ontbrekend: {settled.count} {settled.choice}"] if settled and settled.count else []
    choices += [f"nieuwe organisatie bevestigd: '{name}'" for name in delivery.new_organisations]
    if warned and delivery.accept_warnings:
        choices.append(f"toch geïmporteerd ondanks {warned} waarschuwing(en)")
    return "; ".join([detail, *choices])[:500]


def _lost_race(error: BaseException) -> bool:
    """Whether ``error`` is a collision with another import rather than a bug or an outage."""
    if not isinstance(error, DBAPIError):
        return False
    if isinstance(error, IntegrityError) and "UNIQUE constraint failed" in str(error.orig):
        return True  # SQLite names no SQLSTATE
    return getattr(error.orig, "sqlstate", None) in RACE_STATES


def _failure_reason(error: BaseException) -> str:
    """A category for the audit trail: what kind of failure, never the file's content."""
    if isinstance(error, ImportUnconfirmed):
        return f"niet geïmporteerd, {len(error.warnings)} waarschuwing(en) zonder 'toch importeren'"
    if isinstance(error, ImportRejected):
        return f"afgekeurd, {len(error.problems)} fout(en)"
    if isinstance(error, ImportBusy):
        return "er liep al een import voor deze organisatie"
    if isinstance(error, SQLAlchemyError):
        return f"databasefout ({type(getattr(error, 'orig', None) or error).__name__})"
    if isinstance(error, Exception):
        return f"onverwachte fout ({type(error).__name__})"
    return "afgebroken"


@contextmanager
def _audited_failure(db: Database, kind: str, delivery: _Delivery) -> Iterator[None]:
    """Record a failed import (or a rejected check) in the audit trail, then let the error go on."""
    try:
        yield
    except BaseException as error:
        detail = f"{_audit_detail(kind, delivery)}: {_failure_reason(error)}"
        if delivery.check_only:
            detail += " (alleen gecontroleerd)"
        try:
            store.record(db, FAILED, delivery.user, detail)
        except SQLAlchemyError as audit_error:
            # The database that failed the import may refuse this too; the import's error counts.
            log.warning(
                "import %s %s: mislukte import niet in het auditlogboek (%s)",
                kind,
                delivery.file_name,
                type(audit_error).__name__,
            )
        raise


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
    via: str = "",
    on_wait: Callable[[], None] | None = None,
    new_organisations: Collection[str] = (),
    left_out: str | None = None,
    parse_seconds: float = PARSE_SECONDS,
    accept_warnings: bool = False,
) -> ImportResult:
    """Read a delivered CSV/XLSX file and import it (see ``import_frame``).

    ``file_name`` is the name shown and logged when it differs from the file on disk (uploads);
    ``new_organisations``, ``left_out`` and ``accept_warnings`` are the choices described there; a
    workbook that takes longer than ``parse_seconds`` to read is refused.

    Raises:
        ImportRejected: when the file cannot be read or breaks the contract, or (as
            ``ImportUnconfirmed``) raised warnings without ``accept_warnings``; nothing was written.
        ImportBusy: another import of the same organisation got in first; nothing was written.
    """
    shown = file_name or path.name
    delivery = _Delivery(
        shown, "", user, demo, check_only, via, tuple(new_organisations), left_out, accept_warnings
    )
    with _audited_failure(db, kind, delivery):
        progress.step("lezen")
        frame = read_table(path, max_bytes, shown, parse_seconds)
        delivery = replace(delivery, sha256=file_sha256(path))
        return _import_frame(db, kind, frame, delivery, today, on_wait)
