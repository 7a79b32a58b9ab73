"""Overlapping imports of the same organisations run one after the other.

An import reads the stored rows of its organisations and their share of the summary, then writes
the difference. Two imports doing that at once for the same organisation would both subtract the
same old counts. On PostgreSQL each import therefore takes transaction-level advisory locks before
it reads anything, released by its commit or rollback; SQLite already lets one writer at a time
in, and an import's first statement is a write (its import-log row), so there the order of events
is the same without any lock here.

The locks form a small hierarchy, so an import takes a few of them, never thousands:

- ``alle``: shared by every import; taken exclusively by a rebuild of the whole summary.
- ``regio:<code>``: shared by a trajectory import of a few organisations of the region;
  exclusive for a file with many organisations, and for meetings and targets (per region).
- ``organisatie:<code>:<name>``: exclusive, per organisation of a small trajectory file. The name
  is compared the way organisations are matched (lower case), and the lock exists before the
  organisation does, so two files that both create it run one after the other too.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dashboard.importing.values import identity_key

log = logging.getLogger(__name__)

EVERYTHING = "alle"
# Above this many organisations in one trajectory file, lock its regions instead: a national file
# would otherwise hold a lock per organisation in PostgreSQL's shared lock table.
ORGANISATION_LOCKS_MAX = 50


def region_key(region: str) -> str:
    """The lock of one region's data."""
    return f"regio:{region}"


def organisation_key(region: str, name: str) -> str:
    """The lock of one organisation, existing or about to be created, named as imports match it."""
    return f"organisatie:{region}:{identity_key(name)}"


def import_locks(kind: str, records: Iterable[Mapping[str, Any]]) -> dict[str, bool]:
    """The locks an import of ``records`` takes: lock name → exclusive (True) or shared (False)."""
    records = list(records)
    regions = {rec["regio"] for rec in records}
    wanted: dict[str, bool] = {EVERYTHING: False}
    if kind == "trajecten":
        organisations = {organisation_key(rec["regio"], rec["organisatie"]) for rec in records}
        if len(organisations) <= ORGANISATION_LOCKS_MAX:
            wanted.update(dict.fromkeys(map(region_key, regions), False))
            wanted.update(dict.fromkeys(organisations, True))
            return wanted
    # Meetings and targets are keyed by region, and meetings create the organisations they name.
    wanted.update(dict.fromkeys(map(region_key, regions), True))
    return wanted


def lock_id(name: str) -> int:
    """A stable signed 64-bit number for ``name``, as pg_advisory_xact_lock takes it."""
    digest = hashlib.sha256(f"hzw-import:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def serialise(
    session: Session, wanted: Mapping[str, bool], on_wait: Callable[[], None] | None = None
) -> bool:
    """Take the locks ``wanted`` inside the session's transaction, waiting for imports that hold them.

    Args:
        session: the open import transaction; the locks end with it.
        wanted: lock name → exclusive, as ``import_locks`` gives it.
        on_wait: called once, before the first wait, so the user hears why nothing happens.

    Returns:
        Whether the import had to wait for another one.
    """
    if session.get_bind().dialect.name != "postgresql":
        return False
    ids: dict[int, bool] = {}
    for name, exclusive in wanted.items():
        ids[lock_id(name)] = ids.get(lock_id(name), False) or exclusive
    waited = False
    # One global order (by number) for every import: two imports never hold each other's next lock.
    for number in sorted(ids):
        exclusive = ids[number]
        attempt = func.pg_try_advisory_xact_lock if exclusive else func.pg_try_advisory_xact_lock_shared
        if session.scalar(select(attempt(number))):
            continue
        if not waited:
            waited = True
            log.info("import wacht op een andere import voor dezelfde organisatie")
            if on_wait is not None:
                on_wait()
        block = func.pg_advisory_xact_lock if exclusive else func.pg_advisory_xact_lock_shared
        session.execute(select(block(number)))
    return waited
