"""Geographic reference data: the 35 arbeidsmarktregio's, their tile-map layout and boundaries."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

REGIONS_CSV = Path(__file__).with_name("regions.csv")


@dataclass(frozen=True)
class RegionRef:
    """One labour-market region as CBS codes it."""

    code: str
    naam: str
    provincie: str
    afkorting: str  # label on the tile map
    tegel_kolom: int  # tile-map position: column from west to east
    tegel_rij: int  # tile-map position: row from north to south


@cache
def region_refs() -> tuple[RegionRef, ...]:
    """Return the 35 arbeidsmarktregio's of the CBS 2025 division, ordered by code."""
    with REGIONS_CSV.open(encoding="utf-8", newline="") as handle:
        rows = [
            RegionRef(
                r["code"],
                r["naam"],
                r["provincie"],
                r["afkorting"],
                int(r["tegel_kolom"]),
                int(r["tegel_rij"]),
            )
            for r in csv.DictReader(handle)
        ]
    return tuple(sorted(rows, key=lambda r: r.code))


def tile_layout() -> pd.DataFrame:
    """Code, abbreviation and tile position of every region, for the tile map."""
    return pd.DataFrame(
        [(r.code, r.naam, r.afkorting, r.tegel_kolom, r.tegel_rij) for r in region_refs()],
        columns=["code", "naam", "afkorting", "tegel_kolom", "tegel_rij"],
    )
