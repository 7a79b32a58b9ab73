"""The map and ranking metrics: label, column, classes and goals, keyed by their URL value."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from dashboard.metrics import PaceStatus
from dashboard.region_metrics import OUTFLOW_REACHED
from layouts import format as fmt


@dataclass(frozen=True)
class MetricSpec:
    """How one metric is shown on the map and in the ranking.

    Goals and statuses come from each region's own targets (``progress_by_region``), never from
    the covenant defaults: a region may have agreed on more.
    """

    key: str
    label: str
    column: str
    percent: bool
    edges: tuple[float, ...]  # class boundaries: value < edges[0] is class 1, ≥ edges[-1] the last
    goal: Callable[[pd.DataFrame], pd.Series]  # per region, from the rows of ``region_metrics``
    goal_label: str
    status_column: str
    detail: Callable[[Any], str]  # one row of ``region_metrics`` in words, value and goal included
    reached: str = PaceStatus.OP_KOERS.value  # the status that counts as "on track" in summaries
    interval: bool = False  # draw the 95 % Wilson interval in the ranking

    def format(self, value: float | None) -> str:
        """The value as a user reads it (``64 %`` or ``64``), ``geen gegevens`` when missing."""
        if value is None or value != value:  # NaN
            return "geen gegevens"
        return fmt.percentage(value) if self.percent else fmt.number(value)

    def short(self, value: float | None) -> str:
        """The value for a small label (a map tile): ``–`` when missing."""
        return "–" if value is None or value != value else self.format(value)

    def class_labels(self) -> list[str]:
        """Legend text per class, e.g. ``< 25 %``, ``25–50 %``, …, ``≥ 100 %``."""
        unit = " %" if self.percent else ""
        edges = [fmt.number(e) for e in self.edges]
        labels = [f"< {edges[0]}{unit}"]
        labels += [f"{low}–{high}{unit}" for low, high in zip(edges, edges[1:], strict=False)]
        labels.append(f"≥ {edges[-1]}{unit}")
        return labels

    def classify(self, value: float | None) -> int:
        """Class number: 0 for no data, 1 … len(edges)+1 from low to high."""
        if value is None or value != value:
            return 0
        return 1 + sum(value >= edge for edge in self.edges)


def _count(value: float) -> str:
    return "geen" if value != value else fmt.number(value)


def _started_detail(row: Any) -> str:
    if row.gestart != row.gestart:
        return f"jaardoel {fmt.number(row.doel_trajecten)} trajecten"
    return (
        f"{fmt.number(row.gestart)} van {fmt.number(row.doel_trajecten)} trajecten gestart, "
        f"{fmt.number(row.verwacht)} verwacht op deze datum"
    )


def _outflow_detail(row: Any) -> str:
    goal = f"doel {fmt.percentage(row.doel_duurzaam_pct)}"
    if row.gestart != row.gestart:
        return goal
    return f"{fmt.number(row.duurzaam)} van {_count(row.gestart)} duurzaam aan het werk; {goal}"


def _meeting_detail(kind: str, column: str, target: str, expected: str) -> Callable[[Any], str]:
    def detail(row: Any) -> str:
        goal = fmt.number(getattr(row, target))
        held = getattr(row, column)
        if held != held:
            return f"jaardoel {goal} {kind}"
        pace = fmt.number(getattr(row, expected), 1)
        return f"{fmt.number(held)} van {goal} {kind} gehouden, {pace} verwacht op deze datum"

    return detail


def _pace_share(frame: pd.DataFrame) -> pd.Series:
    # % of its own target a region should have reached by now: the same for every region with a target.
    return 100 * frame["verwacht"] / frame["doel_trajecten"].replace(0, np.nan)


METRICS: dict[str, MetricSpec] = {
    spec.key: spec
    for spec in (
        MetricSpec(
            "doel",
            "% van jaardoel bereikt",
            "pct_doel",
            True,
            (25, 50, 75, 100),
            _pace_share,
            "tempo",
            "status",
            _started_detail,
        ),
        MetricSpec(
            "tempo",
            "% van tempo",
            "pct_tempo",
            True,
            (75, 100, 125),
            lambda frame: pd.Series(100.0, index=frame.index),
            "op tempo",
            "status",
            _started_detail,
        ),
        MetricSpec(
            "gestart",
            "Trajecten gestart",
            "gestart",
            False,
            (25, 50, 75, 100),
            lambda frame: frame["verwacht"],
            "tempo",
            "status",
            _started_detail,
        ),
        MetricSpec(
            "duurzaam",
            "Duurzame uitstroom %",
            "duurzaam_pct",
            True,
            (20, 30, 40, 50),
            lambda frame: frame["doel_duurzaam_pct"],
            "doel",
            "status_duurzaam",
            _outflow_detail,
            reached=OUTFLOW_REACHED,
            interval=True,
        ),
        MetricSpec(
            "leer",
            "Leerbijeenkomsten",
            "leerbijeenkomsten",
            False,
            (1, 2, 3),
            lambda frame: frame["doel_leerbijeenkomsten"],
            "jaardoel",
            "status_leer",
            _meeting_detail(
                "leerbijeenkomsten", "leerbijeenkomsten", "doel_leerbijeenkomsten", "leer_verwacht"
            ),
        ),
        MetricSpec(
            "casus",
            "Casusbesprekingen",
            "casusbesprekingen",
            False,
            (3, 6, 10),
            lambda frame: frame["doel_casusbesprekingen"],
            "jaardoel",
            "status_casus",
            _meeting_detail(
                "casusbesprekingen", "casusbesprekingen", "doel_casusbesprekingen", "casus_verwacht"
            ),
        ),
    )
}
DEFAULT_METRIC = "doel"


def metric(key: object) -> MetricSpec:
    """The spec for a URL value; unknown values (or a repeated query key) give the default metric."""
    return METRICS.get(key, METRICS[DEFAULT_METRIC]) if isinstance(key, str) else METRICS[DEFAULT_METRIC]
