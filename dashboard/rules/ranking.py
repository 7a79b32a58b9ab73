"""The place of a region among the regions with a value: one rule for map, ranking, table and pack (pure)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Rank:
    """Place among the regions with a value: 1 is the highest; ties share the best place ("1, 1, 3")."""

    place: int
    total: int


def ranks(values: pd.Series) -> dict[str, Rank]:
    """The place of every code in ``values`` (indexed by region code) that has a value."""
    known = values.astype(float).dropna()
    places = known.rank(ascending=False, method="min")
    return {str(code): Rank(int(place), len(known)) for code, place in places.items()}


def frame_ranks(frame: pd.DataFrame, column: str) -> dict[str, Rank]:
    """:func:`ranks` of a region frame's ``column`` (the frame has a ``code`` column)."""
    return ranks(frame.set_index("code")[column])
