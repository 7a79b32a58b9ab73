"""Deterministic generator of fictitious but believable programme data for all 35 regions."""

from __future__ import annotations

import datetime as dt
import random
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from sqlalchemy import Connection, insert, select, text, update

from dashboard.data import summary
from dashboard.data.models import Base, ImportLog, Organisation
from dashboard.importing.demo_narratives import load_demo_narratives
from dashboard.importing.rules import SCHEMAS
from dashboard.importing.service import ImportResult, import_file
from dashboard.importing.writing import TRAJECTORY_FIELDS
from dashboard.infra import clock
from dashboard.infra.db import Database
from dashboard.rules import domain
from geodata import region_refs

DEMO_USER = "voorbeelddata"
# This region joined the programme late, so its earlier years have no data at all.
LATE_START_REGION = "AM35"
LATE_START_YEAR = 2023
# Volume ramps up after the covenant started in 2021.
YEAR_RAMP = {2021: 0.6, 2022: 0.85}
# Full-year volume stays within what the programme sees: about 60–160 starts per region.
VOLUME_RANGE = (60, 160)
# Columns of the bulk load at scale > 1, in the order the rows are built.
BULK_COLUMNS = ("organisation_id", "traject_id", *TRAJECTORY_FIELDS, "import_id")
# Rows per executemany on SQLite: large enough to amortise the call, small enough for flat memory.
BULK_BATCH = 50_000

_GGZ_STEMS = ("Horizon", "De Linde", "Kompas", "Zonnehuis", "Het Baken", "Vlierhof", "Dijkzicht")
_GEMEENTE_STEMS = ("Werkplein", "Werkbedrijf", "Sociale Dienst", "Werk en Inkomen")
_REINTEGRATIE = ("Trajectbureau Opstap", "Jobhuis", "Werkpad Re-integratie", "Loopbaanwerkplaats")
_TOPICS = {
    "leerbijeenkomst": ("IPS in de praktijk", "Werk en herstel", "Samenwerken GGZ en W&I", "Jobcoaching"),
    "casusbespreking": ("", "Casus plaatsing", "Casus uitval", "Casus werkgever"),
}


@dataclass(frozen=True)
class RegionProfile:
    """How one fictitious region performs; drawn once per region from the seed."""

    code: str
    volume: float  # started trajectories in a full year, before ramp and noise
    p_placed: float
    p_sustainable: float  # given a placement
    learning_sessions: int
    case_discussions: int
    first_year: int


def _profiles(rng: random.Random) -> list[RegionProfile]:
    profiles = []
    for ref in region_refs():
        volume = rng.uniform(60, 160)
        profiles.append(
            RegionProfile(
                code=ref.code,
                volume=volume,
                p_placed=rng.uniform(0.45, 0.75),
                p_sustainable=rng.uniform(0.5, 0.82),
                learning_sessions=rng.choice((1, 2, 3, 3, 4)),
                case_discussions=rng.choice((4, 6, 8, 10, 10, 11, 12)),
                first_year=LATE_START_YEAR if ref.code == LATE_START_REGION else domain.FIRST_YEAR,
            )
        )
    return profiles


def _organisations(rng: random.Random, region: str, name: str) -> list[tuple[str, str, float]]:
    """(name, type, share of the region's trajectories) for one region."""
    orgs: list[tuple[str, str, float]] = []
    for stem in rng.sample(_GGZ_STEMS, rng.randint(1, 3)):
        orgs.append((f"GGZ {stem} {name}", "GGZ", rng.uniform(2.0, 4.0)))
    orgs.append((f"UWV {name}", "UWV", rng.uniform(0.8, 1.5)))
    for index in range(rng.randint(1, 4)):
        orgs.append(
            (f"{rng.choice(_GEMEENTE_STEMS)} {name} {'ABCD'[index]}", "Gemeente", rng.uniform(0.6, 1.6))
        )
    for stem in rng.sample(_REINTEGRATIE, rng.randint(0, 2)):
        orgs.append((f"{stem} {name}", "Re-integratiebedrijf", rng.uniform(0.3, 0.9)))
    return orgs


def _iso(day: dt.date | None, today: dt.date) -> str:
    return day.isoformat() if day is not None and day <= today else ""


def _trajectory(rng: random.Random, profile: RegionProfile, start: dt.date, today: dt.date) -> dict[str, str]:
    referral = start - dt.timedelta(days=int(rng.expovariate(1 / 20))) if rng.random() < 0.9 else None
    placed = sustainable = end = None
    reason = ""
    if rng.random() < profile.p_placed:
        placed = start + dt.timedelta(days=int(rng.gammavariate(3, 40)) + 14)
        if rng.random() < profile.p_sustainable:
            sustainable = placed + dt.timedelta(days=182 + rng.randint(0, 20))
            end, reason = sustainable + dt.timedelta(days=rng.randint(0, 30)), "duurzaam werk"
        else:
            end, reason = placed + dt.timedelta(days=rng.randint(20, 170)), "uitval"
    elif rng.random() < 0.6:
        end = start + dt.timedelta(days=rng.randint(30, 420))
        reason = rng.choices(("uitval", "verhuizing", "overig"), (8, 1, 1))[0]
    else:
        end, reason = start + dt.timedelta(days=rng.randint(400, 800)), "overig"
    # Events after the import date have not happened yet: such a trajectory is still running.
    if placed is not None and placed > today:
        placed = sustainable = end = None
    if sustainable is not None and sustainable > today:
        sustainable = end = None
    if end is not None and end > today:
        end = None
    method = rng.choices(domain.METHODS, (45, 25, 15, 15))[0]
    funding_weights = (40, 35, 5, 15, 5) if method == "IPS" else (20, 40, 20, 10, 10)
    return {
        "methode": method,
        "financiering": rng.choices(domain.FUNDING_STREAMS, funding_weights)[0],
        "aanmelddatum": _iso(referral, today),
        "startdatum": start.isoformat(),
        "plaatsingsdatum": _iso(placed, today),
        "duurzaam_datum": _iso(sustainable, today),
        "einddatum": _iso(end, today),
        "eindreden": reason if end is not None else "",
    }


def _random_day(rng: random.Random, year: int) -> dt.date:
    # Fewer starts in the summer holidays and at the end of December.
    while True:
        day = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(366 if year % 4 == 0 else 365))
        if day.month in (7, 8) and rng.random() < 0.35:
            continue
        if day.month == 12 and day.day > 20 and rng.random() < 0.6:
            continue
        return day


def _meetings(rng: random.Random, profile: RegionProfile, year: int, today: dt.date) -> list[dict[str, str]]:
    plan = {
        "leerbijeenkomst": profile.learning_sessions + rng.choice((-1, 0, 0, 1)),
        "casusbespreking": profile.case_discussions + rng.choice((-2, -1, 0, 0, 1)),
        "stuurgroep": 3,
        "werkgroep": 12,
        "managersoverleg": 2,
        "beleidsoverleg": 2,
    }
    rows = []
    for kind, count in plan.items():
        for index in range(max(count, 0)):
            # Spread over the year with jitter; clustered meetings leave realistic gaps.
            centre = (index + 0.5) * 365 / max(count, 1)
            day = dt.date(year, 1, 1) + dt.timedelta(days=int(min(max(centre + rng.gauss(0, 18), 5), 355)))
            day -= dt.timedelta(days=max(day.weekday() - 4, 0))  # move weekend meetings to Friday
            if day > today:
                continue
            topics = _TOPICS.get(kind, ("",))
            rows.append(
                {
                    "soort": kind,
                    "datum": day.isoformat(),
                    "deelnemers": str(rng.randint(6, 40)) if rng.random() < 0.85 else "",
                    "onderwerp": rng.choice(topics) if topics != ("",) else "",
                }
            )
    return rows


def _quiet_quarter(rng: random.Random, today: dt.date) -> tuple[int, int]:
    """A complete quarter (year, 1–4) within the last two years."""
    current = (today.month - 1) // 3 + 1
    options = [(today.year - 1, q) for q in range(1, 5)] + [(today.year, q) for q in range(1, current)]
    return rng.choice(options)


def generate(seed: int, today: dt.date) -> dict[str, pd.DataFrame]:
    """Generate demo files (as text tables in the import contract's columns).

    Args:
        seed: the same seed and ``today`` always give the same data.
        today: the last day with data; nothing after it is generated.

    Returns:
        "trajecten", "bijeenkomsten" and "doelen" tables, ready for the import path.
    """
    rng = random.Random(seed)
    profiles = _profiles(rng)
    names = {r.code: r.naam for r in region_refs()}
    trajectories: list[dict[str, str]] = []
    meetings: list[dict[str, str]] = []
    targets: list[dict[str, str]] = []
    # In a few regions the main GGZ provider delivers nothing for one whole quarter.
    quiet_regions = set(rng.sample([p.code for p in profiles], 5))
    for profile in profiles:
        orgs = _organisations(rng, profile.code, names[profile.code])
        quiet = _quiet_quarter(rng, today) if profile.code in quiet_regions else None
        trend = rng.uniform(0.88, 1.12)  # some regions speed up, some slow down over the years
        for year in range(profile.first_year, today.year + 1):
            volume = min(max(profile.volume * trend ** (year - 2023), VOLUME_RANGE[0]), VOLUME_RANGE[1])
            started = round(volume * YEAR_RAMP.get(year, 1.0) * rng.uniform(0.92, 1.08))
            for number in range(started):
                start = _random_day(rng, year)
                if start > today:
                    continue
                pick = rng.choices(range(len(orgs)), [o[2] for o in orgs])[0]
                if pick == 0 and quiet == (year, (start.month - 1) // 3 + 1):
                    continue
                org_name, org_type, _ = orgs[pick]
                trajectories.append(
                    {
                        "traject_id": f"HZW-{profile.code}-{year}-{number:04d}",
                        "regio": profile.code,
                        "organisatie": org_name,
                        "organisatie_type": org_type,
                        **_trajectory(rng, profile, start, today),
                    }
                )
            for meeting in _meetings(rng, profile, year, today):
                present = rng.sample([o[0] for o in orgs], k=min(len(orgs), rng.randint(1, 4)))
                meetings.append({"regio": names[profile.code], **meeting, "organisaties": "|".join(present)})
        if profile.volume > 140:
            # Strong regions agree on a higher goal than the covenant default.
            targets.append(
                {
                    "regio": profile.code,
                    "jaar": str(today.year),
                    "trajecten": "120",
                    "duurzaam_pct": "40",
                    "leerbijeenkomsten": "3",
                    "casusbesprekingen": "10",
                }
            )
    return {
        "trajecten": pd.DataFrame(trajectories, columns=[c.name for c in SCHEMAS["trajecten"]]),
        "bijeenkomsten": pd.DataFrame(meetings, columns=[c.name for c in SCHEMAS["bijeenkomsten"]]),
        "doelen": pd.DataFrame(targets, columns=[c.name for c in SCHEMAS["doelen"]]),
    }


def load_demo(db: Database, seed: int, today: dt.date, max_bytes: int, scale: int = 1) -> list[ImportResult]:
    """Generate the demo data and import it as CSV files, the way organisations deliver.

    Args:
        db: the database gateway.
        seed: the same seed, date and scale always give the same data.
        today: the last day with data.
        max_bytes: the import path's file size limit.
        scale: how many times the realistic volume of trajectories to load (1 = the demo itself).

    Returns:
        One result per imported file, plus one for the bulk-loaded extra trajectories when
        ``scale`` is above 1.
    """
    frames = generate(seed, today)
    results = []
    with tempfile.TemporaryDirectory(prefix="hzw-demo-") as folder:
        for kind, frame in frames.items():
            if frame.empty:
                continue
            path = Path(folder) / f"voorbeelddata-{kind}.csv"
            frame.to_csv(path, sep=";", index=False)
            results.append(
                # Random meetings of a region now and then fall on one day with one subject and
                # merge: the generator's warnings are known and accepted.
                import_file(
                    db,
                    kind,
                    path,
                    user=DEMO_USER,
                    today=today,
                    demo=True,
                    max_bytes=max_bytes,
                    accept_warnings=True,
                )
            )
    if today < clock.today():
        _delivered_on(db, [r.import_id for r in results if r.import_id is not None], today)
    if scale > 1:
        results.append(load_extra_trajectories(db, seed, today, frames["trajecten"], scale))
    # After the meetings: a narrative's periods run up to the region's stuurgroep days.
    load_demo_narratives(db, today)
    return results


def _delivered_on(db: Database, import_ids: list[int], day: dt.date) -> None:
    # Demo data up to a past day was delivered that day, as real files would have been: a view at
    # that peildatum then sees its deliveries (no file counts before the day it came in).
    moment = dt.datetime.combine(day, dt.time(12), tzinfo=clock.AMSTERDAM).astimezone(dt.UTC)
    with db.transaction() as session:
        session.execute(update(ImportLog).where(ImportLog.id.in_(import_ids)).values(tijdstip=moment))


def _extra_rows(
    seed: int, today: dt.date, base: pd.DataFrame, copy: int, profiles: dict[str, RegionProfile]
) -> Iterator[tuple[str, str, str, dict[str, str]]]:
    """One more copy of the base trajectories: same region, organisation and year, new lives.

    A new start day is only kept when the organisation delivered in that quarter; otherwise the
    base start day is reused, so quarters left quiet in the base stay quiet at every scale and the
    volume is exactly ``scale`` times the base.
    """
    rng = random.Random(f"{seed}:{copy}")
    columns = base[["regio", "organisatie", "traject_id", "startdatum"]]
    delivered = {
        (org, start[:4], (int(start[5:7]) - 1) // 3)
        for org, start in zip(base["organisatie"], base["startdatum"], strict=True)
    }
    for region, org, traject_id, start in columns.itertuples(index=False, name=None):
        day = _random_day(rng, int(start[:4]))
        if day > today or (org, start[:4], (day.month - 1) // 3) not in delivered:
            day = dt.date.fromisoformat(start)
        yield region, org, f"{traject_id}-{copy:03d}", _trajectory(rng, profiles[region], day, today)


def _bulk_rows(
    seed: int,
    today: dt.date,
    base: pd.DataFrame,
    scale: int,
    org_ids: dict[tuple[str, str], int],
    import_id: int,
) -> Iterator[tuple[object, ...]]:
    profiles = {p.code: p for p in _profiles(random.Random(seed))}
    for copy in range(1, scale):
        for region, org, traject_id, values in _extra_rows(seed, today, base, copy, profiles):
            yield (
                org_ids[(region, org.lower())],
                traject_id,
                *(values[f] or None for f in TRAJECTORY_FIELDS),
                import_id,
            )


def _copy_postgres(connection: Connection, rows: Iterator[tuple[object, ...]]) -> int:
    # COPY is several times faster than even batched INSERTs for millions of rows.
    raw = connection.connection.driver_connection
    count = 0
    with raw.cursor() as cursor:  # type: ignore[union-attr]
        with cursor.copy(f"COPY trajectory ({', '.join(BULK_COLUMNS)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
    return count


def _insert_sqlite(connection: Connection, rows: Iterator[tuple[object, ...]]) -> int:
    statement = (
        f"INSERT INTO trajectory ({', '.join(BULK_COLUMNS)}) VALUES ({', '.join('?' * len(BULK_COLUMNS))})"
    )
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    count = 0
    batch: list[tuple[object, ...]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BULK_BATCH:
            cursor.executemany(statement, batch)
            count += len(batch)
            batch = []
    cursor.executemany(statement, batch)
    return count + len(batch)


def load_extra_trajectories(
    db: Database, seed: int, today: dt.date, base: pd.DataFrame, scale: int
) -> ImportResult:
    """Bulk-load ``scale - 1`` more copies of the base trajectories into the organisations they name.

    This bypasses the import path's row-by-row validation: at 100 times the volume it would take
    many minutes, and every row is built by the same generator whose output the import path already
    accepted at scale 1. The rows are still logged as one demo import, so the UI shows the demo
    notice and the data version (and with it every cache key) changes as after any import.
    """
    with db.engine.begin() as connection:
        org_ids = {
            (region, name.lower()): number
            for number, region, name in connection.execute(
                select(Organisation.id, Organisation.region_code, Organisation.naam)
            )
        }
        import_id = connection.execute(
            insert(ImportLog)
            .values(
                bestandsnaam=f"voorbeelddata-trajecten-schaal-{scale}",
                sha256="",
                soort="trajecten",
                rijen=0,
                nieuw=0,
                gewijzigd=0,
                ongewijzigd=0,
                gebruiker=DEMO_USER,
                tijdstip=clock.utc_now(),
                voorbeelddata=True,
            )
            .returning(ImportLog.id)
        ).scalar_one()
        rows = _bulk_rows(seed, today, base, scale, org_ids, import_id)
        write = _copy_postgres if connection.dialect.name == "postgresql" else _insert_sqlite
        count = write(connection, rows)
        if "delivery" in Base.metadata.tables:
            # Like every trajectory import, the bulk load records the organisations it covered.
            connection.execute(
                text(
                    "INSERT INTO delivery (import_id, organisation_id, rijen) SELECT import_id, "
                    "organisation_id, COUNT(*) FROM trajectory WHERE import_id = :id "
                    "GROUP BY import_id, organisation_id"
                ),
                {"id": import_id},
            )
        connection.execute(
            update(ImportLog).where(ImportLog.id == import_id).values(rijen=count, nieuw=count)
        )
        # Millions of new rows: one pass over the table beats adding them key by key.
        summary.rebuild(connection)
    # Fresh statistics, so the planner sees millions of rows instead of the nearly empty table it
    # knew; on PostgreSQL VACUUM also marks the pages all-visible, which index-only scans need.
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        postgres = connection.dialect.name == "postgresql"
        connection.execute(text("VACUUM ANALYZE trajectory, trajectory_summary" if postgres else "ANALYZE"))
    notice = f"Extra volume voor schaal {scale} in bulk geladen, zonder controle per rij."
    return ImportResult("trajecten", count, count, 0, 0, import_id, (notice,))
