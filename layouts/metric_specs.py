"""The map and ranking metrics: label, column, classes and goal line, keyed by their URL value."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from dashboard import domain, metrics
from layouts import format as fmt


@dataclass(frozen=True)
class MetricSpec:
    """How one metric is shown on the map and in the ranking."""

    key: str
    label: str
    column: str
    percent: bool
    edges: tuple[float, ...]  # class boundaries: value < edges[0] is class 1, ≥ edges[-1] the last
    goal: Callable[[int, dt.date], float]
    goal_label: str
    interval: bool = False  # draw the 95 % Wilson interval in the ranking

    def format(self, value: float | None) -> str:
        """The value as a user reads it (``64 %`` or ``64``), ``geen gegevens`` when missing."""
        if value is None or value != value:  # NaN
            return "geen gegevens"
        return fmt.percentage(value) if self.percent else fmt.number(value)

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


def _pace_pct(year: int, peildatum: dt.date) -> float:
    return 100 * metrics.year_fraction(year, peildatum)


def _pace_count(year: int, peildatum: dt.date) -> float:
    return domain.DEFAULT_TARGET_TRAJECTORIES * metrics.year_fraction(year, peildatum)


METRICS: dict[str, MetricSpec] = {
    spec.key: spec
    for spec in (
        MetricSpec("doel", "% van jaardoel bereikt", "pct_doel", True, (25, 50, 75, 100), _pace_pct, "tempo"),
        MetricSpec("tempo", "% van tempo", "pct_tempo", True, (75, 100, 125), lambda y, p: 100.0, "op tempo"),
        MetricSpec("gestart", "Trajecten gestart", "gestart", False, (25, 50, 75, 100), _pace_count, "tempo"),
        MetricSpec(
            "duurzaam",
            "Duurzame uitstroom %",
            "duurzaam_pct",
            True,
            (20, 30, 40, 50),
            lambda y, p: domain.DEFAULT_TARGET_SUSTAINABLE_PCT,
            "doel 40 %",
            interval=True,
        ),
        MetricSpec(
            "leer",
            "Leerbijeenkomsten",
            "leerbijeenkomsten",
            False,
            (1, 2, 3),
            lambda y, p: float(domain.DEFAULT_TARGET_LEARNING_SESSIONS),
            "jaardoel",
        ),
        MetricSpec(
            "casus",
            "Casusbesprekingen",
            "casusbesprekingen",
            False,
            (3, 6, 10),
            lambda y, p: float(domain.DEFAULT_TARGET_CASE_DISCUSSIONS),
            "jaardoel",
        ),
    )
}
DEFAULT_METRIC = "doel"


def metric(key: object) -> MetricSpec:
    """The spec for a URL value; unknown values (or a repeated query key) give the default metric."""
    return METRICS.get(key, METRICS[DEFAULT_METRIC]) if isinstance(key, str) else METRICS[DEFAULT_METRIC]
