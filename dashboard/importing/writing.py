"""Write validated records: upserts inside the caller's transaction, counting what changed."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any, cast

from sqlalchemy import Table, and_, func, insert, select, tuple_, update
from sqlalchemy.orm import Session

from dashboard.data import summary
from dashboard.data.models import Delivery, Meeting, Organisation, Target, Trajectory, meeting_organisation
from dashboard.importing.identity import aliases
from dashboard.importing.redelivery import pick

TRAJECTORY_FIELDS = (
    "methode",
    "financiering",
    "aanmelddatum",
    "startdatum",
    "plaatsingsdatum",
    "duurzaam_datum",
    "einddatum",
    "eindreden",
)
KEY_FIELDS = ("region_code", "soort", "datum", "onderwerp")
TARGET_FIELDS = ("trajecten", "duurzaam_pct", "leerbijeenkomsten", "casusbesprekingen")
# Plain Core tables: executemany on them skips the ORM's per-row bookkeeping.
TRAJECTORY_TABLE = cast(Table, Trajectory.__table__)
MEETING_TABLE = cast(Table, Meeting.__table__)
# Rows per executemany batch: keeps memory flat and stays under SQLite's parameter limit.
BATCH = 2000


def _batches(rows: list[dict[str, Any]]) -> Iterable[list[dict[str, Any]]]:
    for start in range(0, len(rows), BATCH):
        yield rows[start : start + BATCH]


def resolve_organisations(
    session: Session, wanted: dict[tuple[str, str], str | None]
) -> dict[tuple[str, str], int]:
    """Find or create organisations by (region code, name); names match case-insensitively.

    Args:
        session: the open import transaction.
        wanted: (region code, name) → organisation type, or None when the file does not say.

    Returns:
        (region code, lower-case name) → organisation id.
    """
    regions = {region for region, _ in wanted}
    existing = session.execute(
        select(Organisation.id, Organisation.region_code, Organisation.naam, Organisation.soort).where(
            Organisation.region_code.in_(regions)
        )
    ).all()
    ids = {(r.region_code, r.naam.lower()): r.id for r in existing}
    types = {(r.region_code, r.naam.lower()): r.soort for r in existing}
    # A former name (hzw organisatie hernoem) still means its organisation.
    by_id = {r.id: r.soort for r in existing}
    for key, org_id in aliases(session, regions).items():
        types.setdefault(key, by_id[org_id])
        ids.setdefault(key, org_id)
    for (region, name), kind in wanted.items():
        key = (region, name.lower())
        if key not in ids:
            org = Organisation(region_code=region, naam=name, soort=kind)
            session.add(org)
            session.flush()
            ids[key] = org.id
        elif kind is not None and types[key] != kind:
            session.execute(update(Organisation).where(Organisation.id == ids[key]).values(soort=kind))
    return ids


def _existing_trajectories(session: Session, rows: list[dict[str, Any]]) -> dict[tuple[int, str], Any]:
    """The stored trajectories the file's (organisation, traject_id) pairs update, keyed by those pairs.

    Ids match whatever their case (see ``redelivery.pick``), so the organisation's rows are read
    whole; a re-delivery holds most of them anyway.
    """
    wanted: dict[int, list[str]] = defaultdict(list)
    for row in rows:
        wanted[row["organisation_id"]].append(row["traject_id"])
    existing: dict[tuple[int, str], Any] = {}
    fields = (getattr(Trajectory, f) for f in TRAJECTORY_FIELDS)
    columns = [Trajectory.id, Trajectory.traject_id, *fields]
    for org_id, ids in sorted(wanted.items()):
        stored = session.execute(select(*columns).where(Trajectory.organisation_id == org_id)).all()
        for traject_id, found in pick(stored, ids).items():
            existing[(org_id, traject_id)] = found
    return existing


def write_trajectories(session: Session, records: list[dict[str, Any]], import_id: int) -> Counter[str]:
    """Upsert trajectories on (organisation, traject_id).

    The caller holds the organisations' import locks (``locking.serialise``): what is read here
    as "stored" and "its share of the summary" stays so until this transaction ends.
    """
    wanted: dict[tuple[str, str], str | None] = {}
    for rec in records:
        key = (rec["regio"], rec["organisatie"])
        wanted[key] = rec["organisatie_type"] or wanted.get(key)
    org_ids = resolve_organisations(session, wanted)
    rows = [
        {
            "organisation_id": org_ids[(rec["regio"], rec["organisatie"].lower())],
            "traject_id": rec["traject_id"],
            **{f: rec[f] for f in TRAJECTORY_FIELDS},
        }
        for rec in records
    ]
    existing = _existing_trajectories(session, rows)
    counts: Counter[str] = Counter()
    new, changed = [], []
    for row in rows:
        old = existing.get((row["organisation_id"], row["traject_id"]))
        if old is None:
            new.append({**row, "import_id": import_id})
        elif any(getattr(old, f) != row[f] for f in TRAJECTORY_FIELDS):
            changed.append({"id": old.id, **{f: row[f] for f in TRAJECTORY_FIELDS}, "import_id": import_id})
        else:
            counts["ongewijzigd"] += 1
    # The summary moves in the same transaction: out go the changed rows as they were, in come
    # the new and changed rows as this import wrote them.
    changed_ids = [row["id"] for row in changed]
    before = summary.counted_by_id(session, changed_ids)
    delta: Counter[tuple[Any, ...]] = Counter({key: -n for key, n in before.items()})
    # New rows get ids above today's highest; the id range finds them where the import id cannot
    # (after a bulk load SQLite's statistics call one import id millions of rows and ignore it).
    highest = session.scalar(select(func.coalesce(func.max(Trajectory.id), 0)))
    for batch in _batches(new):
        session.execute(insert(TRAJECTORY_TABLE), batch)
    for batch in _batches(changed):
        session.execute(update(Trajectory), batch)
    if new:
        delta.update(
            summary.counted(session, and_(Trajectory.id > highest, Trajectory.import_id == import_id))
        )
    delta.update(summary.counted_by_id(session, changed_ids))
    summary.apply(session, delta)
    per_organisation = Counter(row["organisation_id"] for row in rows)
    deliveries = [
        {"import_id": import_id, "organisation_id": o, "rijen": n} for o, n in per_organisation.items()
    ]
    for batch in _batches(deliveries):
        session.execute(insert(Delivery), batch)
    counts["nieuw"] += len(new)
    counts["gewijzigd"] += len(changed)
    return counts


def write_meetings(session: Session, records: list[dict[str, Any]], import_id: int) -> Counter[str]:
    """Upsert meetings on (regio, soort, datum, onderwerp) with their participating organisations."""
    merged: dict[tuple[Any, ...], dict[str, Any]] = {}
    for rec in records:
        key = (rec["regio"], rec["soort"], rec["datum"], rec["onderwerp"] or "")
        names = [n.strip() for n in (rec["organisaties"] or "").split("|") if n.strip()]
        target = merged.setdefault(key, {**rec, "names": []})
        target["names"] += [n for n in names if n not in target["names"]]
        if rec["deelnemers"] is not None:
            target["deelnemers"] = rec["deelnemers"]
    wanted: dict[tuple[str, str], str | None] = {
        (key[0], name): None for key, rec in merged.items() for name in rec["names"]
    }
    org_ids = resolve_organisations(session, wanted) if wanted else {}
    keys = list(merged)
    existing = {
        (m.region_code, m.soort, m.datum, m.onderwerp): m
        for chunk in (keys[i : i + 500] for i in range(0, len(keys), 500))
        for m in session.scalars(
            select(Meeting).where(
                tuple_(Meeting.region_code, Meeting.soort, Meeting.datum, Meeting.onderwerp).in_(chunk)
            )
        )
    }
    links_now: dict[int, set[int]] = defaultdict(set)
    for row in session.execute(
        select(meeting_organisation).where(
            meeting_organisation.c.meeting_id.in_([m.id for m in existing.values()])
        )
    ):
        links_now[row.meeting_id].add(row.organisation_id)
    counts: Counter[str] = Counter()
    links: dict[tuple[Any, ...], set[int]] = {}
    new_rows: list[dict[str, Any]] = []
    for key, rec in merged.items():
        org_set = {org_ids[(key[0], n.lower())] for n in rec["names"]}
        meeting = existing.get(key)
        if meeting is None:
            new_rows.append(
                {
                    "region_code": key[0],
                    "soort": key[1],
                    "datum": key[2],
                    "onderwerp": key[3],
                    "deelnemers": rec["deelnemers"],
                    "import_id": import_id,
                }
            )
            links[key] = org_set
            continue
        old_set = links_now[meeting.id]
        if meeting.deelnemers == rec["deelnemers"] and org_set <= old_set:
            counts["ongewijzigd"] += 1
            continue
        # Participants are only added: another file may name organisations this one leaves out.
        meeting.deelnemers = rec["deelnemers"]
        meeting.import_id = import_id
        links[key] = org_set - old_set
        counts["gewijzigd"] += 1
    # Core executemany is many times faster than ORM inserts with RETURNING; ids are read back after.
    for batch in _batches(new_rows):
        session.execute(insert(MEETING_TABLE), batch)
    ids = {
        (m.region_code, m.soort, m.datum, m.onderwerp): m.id
        for m in session.execute(
            select(Meeting.id, *(getattr(Meeting, k) for k in KEY_FIELDS)).where(
                Meeting.region_code.in_({key[0] for key in links})
            )
        )
    }
    new_links = [
        {"meeting_id": ids[key], "organisation_id": org}
        for key, orgs in links.items()
        for org in sorted(orgs)
    ]
    if new_links:
        session.execute(insert(meeting_organisation), new_links)
    counts["nieuw"] += len(new_rows)
    return counts


def write_targets(session: Session, records: list[dict[str, Any]], import_id: int) -> Counter[str]:
    """Upsert region targets on (regio, jaar)."""
    counts: Counter[str] = Counter()
    for rec in records:
        target = session.get(Target, (rec["regio"], rec["jaar"]))
        values = {f: rec[f] for f in TARGET_FIELDS}
        if target is None:
            session.add(Target(region_code=rec["regio"], jaar=rec["jaar"], import_id=import_id, **values))
            counts["nieuw"] += 1
        elif any(getattr(target, f) != values[f] for f in TARGET_FIELDS):
            for field, value in values.items():
                setattr(target, field, value)
            target.import_id = import_id
            counts["gewijzigd"] += 1
        else:
            counts["ongewijzigd"] += 1
    return counts
