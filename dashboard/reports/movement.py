"""How every region moved on one metric since the report's comparison day: its place and its value.

The ranking draws the places (▲2, ▼1, =) and the map the values (▲ +12) from this, so neither
works out a change itself. Pure: it reads the frames the national report already holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from dashboard.reports.since import Comparison, RankMove, ThenAndNow
from dashboard.reports.standing import number
from dashboard.rules.ranking import frame_ranks

if TYPE_CHECKING:
    from dashboard.reports.national import NationalReport


@dataclass(frozen=True)
class ValueChange(ThenAndNow):
    """A region's value of one metric on the comparison day and now (None: unknown)."""

    then: float | None
    now: float | None


@dataclass(frozen=True)
class Movement:
    """Places and values of every region on ``metric``, on the comparison day and now.

    Attributes:
        metric: the map metric (``doel``, ``gestart`` …).
        comparison: the comparison day and where it came from.
        ranks: per region code its place then and now (``then`` None when places then mean nothing).
        values: per region code its value then and now.
    """

    metric: str
    comparison: Comparison
    ranks: Mapping[str, RankMove]
    values: Mapping[str, ValueChange]

    @property
    def known(self) -> bool:
        """Whether anything is compared: a comparison day with figures on it."""
        return any(move.places is not None for move in self.ranks.values()) or any(
            change.difference is not None for change in self.values.values()
        )


def _values(frame: pd.DataFrame, column: str) -> dict[str, float | None]:
    if frame.empty:
        return {}
    return {code: number(value) for code, value in zip(frame["code"], frame[column], strict=True)}


def movement(report: NationalReport, metric: str, column: str) -> Movement | None:
    """The movement of every region on ``metric`` (frame column ``column``); None without a comparison."""
    comparison = report.compared_with
    if comparison is None or comparison.day is None:
        return None
    now_frame = report.frame_for(metric)
    then_frame = report.earlier_outflow_regions if metric == "duurzaam" else report.earlier_regions
    now_ranks = frame_ranks(now_frame, column)
    then_ranks = (
        frame_ranks(then_frame, column) if comparison.ranks_comparable and not then_frame.empty else {}
    )
    now_values, then_values = _values(now_frame, column), _values(then_frame, column)
    codes = list(now_frame["code"])
    return Movement(
        metric,
        comparison,
        {code: RankMove(metric, then_ranks.get(code), now_ranks.get(code)) for code in codes},
        {code: ValueChange(then_values.get(code), now_values.get(code)) for code in codes},
    )
