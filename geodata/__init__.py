"""Geographic reference data: the 35 arbeidsmarktregio's and (later) their boundaries."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

REGIONS_CSV = Path(__file__).with_name("regions.csv")


@dataclass(frozen=True)
class RegionRef:
    """One labour-market region as CBS codes it."""

    code: str
    naam: str
    provincie: str


@cache
def region_refs() -> tuple[RegionRef, ...]:
    """Return the 35 arbeidsmarktregio's of the CBS 2025 division, ordered by code."""
    with REGIONS_CSV.open(encoding="utf-8", newline="") as handle:
        rows = [RegionRef(r["code"], r["naam"], r["provincie"]) for r in csv.DictReader(handle)]
    return tuple(sorted(rows, key=lambda r: r.code))
