"""Query plans (EXPLAIN ANALYZE) of the main data functions, for finding missing indexes."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bench.measure import REGION, captured_sql, largest_organisation
from dashboard.data.cadence import meetings_of_region
from dashboard.data.cohorts import funnel_by_organisation, funnel_by_region, method_mix
from dashboard.data.organisations import delivery_status
from dashboard.data.progress import monthly_starts, progress_by_region
from dashboard.infra.db import Database


@dataclass(frozen=True)
class Plan:
    """One data function: its statements' plans and their total execution time."""

    function: str
    milliseconds: float
    plans: list[str]


def data_functions(db: Database, day: dt.date) -> dict[str, Callable[[], Any]]:
    """The data functions behind the main interactions, with the arguments those use."""
    year = day.year
    org = largest_organisation(db, REGION)
    return {
        "progress_by_region": lambda: progress_by_region(db, year, day),
        "monthly_starts (land)": lambda: monthly_starts(db, year - 3, day),
        f"monthly_starts ({REGION})": lambda: monthly_starts(db, year - 1, day, region=REGION),
        f"monthly_starts (organisatie {org})": lambda: monthly_starts(db, year - 1, day, organisation=org),
        "funnel_by_region": lambda: funnel_by_region(db, year, day),
        f"funnel_by_organisation ({REGION})": lambda: funnel_by_organisation(db, REGION, year, day),
        f"method_mix ({REGION})": lambda: method_mix(db, year, day, region=REGION),
        f"meetings_of_region ({REGION})": lambda: meetings_of_region(db, REGION, year, day),
        "delivery_status": lambda: delivery_status(db, day),
    }


def explain(db: Database, day: dt.date) -> list[Plan]:
    """EXPLAIN (ANALYZE, BUFFERS) every statement of every data function (PostgreSQL only)."""
    plans = []
    for name, call in data_functions(db, day).items():
        with captured_sql(db.engine) as statements:
            call()
        texts, total = [], 0.0
        raw = db.engine.raw_connection()
        try:
            cursor = raw.cursor()
            for statement, parameters, _many in statements:
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {statement}", parameters)
                text = "\n".join(str(row[0]) for row in cursor.fetchall())
                found = re.search(r"Execution Time: ([\d.]+) ms", text)
                total += float(found.group(1)) if found else 0.0
                texts.append(text)
            raw.rollback()
        finally:
            raw.close()
        plans.append(Plan(name, total, texts))
    return plans


def markdown(plans: list[Plan], where: str) -> str:
    """PLANS.md: a summary table, then every plan."""
    lines = [
        "# Queryplannen van de datafuncties",
        "",
        f"`EXPLAIN (ANALYZE, BUFFERS)` op {where}, door `python -m bench` geschreven.",
        "",
        "| functie | statements | uitvoertijd (ms) |",
        "|---|---:|---:|",
        *(f"| {p.function} | {len(p.plans)} | {p.milliseconds:.1f} |" for p in plans),
        "",
    ]
    for p in plans:
        lines += [f"## {p.function}", ""]
        for text in p.plans:
            lines += ["```", text, "```", ""]
    return "\n".join(lines)
