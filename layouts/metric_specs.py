"""The map and ranking metrics: label, column, classes and goals, keyed by their URL value."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from dashboard.i18n import N_, _
from dashboard.rules.metrics import PaceStatus
from dashboard.rules.region_metrics import OUTFLOW_REACHED
from dashboard.text import format as fmt


@dataclass(frozen=True)
class MetricSpec:
    """How one metric is shown on the map and in the ranking.

    Goals and statuses come from each region's own targets (``progress_by_region``), never from
    the covenant defaults: a region may have agreed on more. The specs are built at import, so
    they hold the Dutch source texts; ``label`` and ``goal_label`` translate them when read.
    """

    key: str
    source_label: str
    column: str
    percent: bool
    edges: tuple[float, ...]  # class boundaries: value < edges[0] is class 1, ≥ edges[-1] the last
    goal: Callable[[pd.DataFrame], pd.Series]  # per region, from the rows of ``region_metrics``
    source_goal_label: str
    status_column: str
    detail: Callable[[Any], str]  # one row of ``region_metrics`` in words, value and goal included
    reached: str = PaceStatus.OP_KOERS.value  # the status that counts as "on track" in summaries
    interval: bool = False  # draw the 95 % Wilson interval in the ranking

    @property
    def label(self) -> str:
        """What the metric is called, in the current language."""
        return _(self.source_label)

    @property
    def goal_label(self) -> str:
        """What its goal is called (``tempo``, ``doel`` …), in the current language."""
        return _(self.source_goal_label)

    def format(self, value: float | None) -> str:
        """The value as a user reads it (``64 %`` or ``64``), ``geen gegevens`` when missing."""
        if value is None or value != value:  # NaN
            return _("geen gegevens")
        return fmt.percentage(value) if self.percent else fmt.number(value)

    def short(self, value: float | None) -> str:
        """The value for a small label (a map tile): ``–`` when missing."""
        return "–" if value is None or value != value else self.format(value)

    def class_labels(self) -> list[str]:
        """Legend text per class, e.g. ``< 25 %``, ``25–50 %``, …, ``≥ 100 %``."""
        unit = fmt.percent_suffix() if self.percent else ""
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
    return _("geen") if value != value else fmt.number(value)


def _started_detail(row: Any) -> str:
    if row.gestart != row.gestart:
        return _("jaardoel {target} trajecten").format(target=fmt.number(row.doel_trajecten))
    return _("{started} van {target} trajecten gestart, {expected} verwacht op deze datum").format(
        started=fmt.number(row.gestart),
        target=fmt.number(row.doel_trajecten),
        expected=fmt.number(row.verwacht),
    )


def _outflow_detail(row: Any) -> str:
    goal = _("doel {target}").format(target=fmt.percentage(row.doel_duurzaam_pct))
    if row.gestart != row.gestart:
        return goal
    return _("{sustainable} van {started} duurzaam aan het werk; {goal}").format(
        sustainable=fmt.number(row.duurzaam), started=_count(row.gestart), goal=goal
    )


def _meeting_detail(
    without_data: str, with_data: str, column: str, target: str, expected: str
) -> Callable[[Any], str]:
    # Whole sentences per kind of meeting (marked with N_), so a translation need not glue words.
    def detail(row: Any) -> str:
        goal = fmt.number(getattr(row, target))
        held = getattr(row, column)
        if held != held:
            return _(without_data).format(target=goal)
        pace = fmt.number(getattr(row, expected), 1)
        return _(with_data).format(held=fmt.number(held), target=goal, expected=pace)

    return detail


def _pace_share(frame: pd.DataFrame) -> pd.Series:
    # % of its own target a region should have reached by now: the same for every region with a target.
    return 100 * frame["verwacht"] / frame["doel_trajecten"].replace(0, np.nan)


METRICS: dict[str, MetricSpec] = {
    spec.key: spec
    for spec in (
        MetricSpec(
            "doel",
            N_("% van jaardoel bereikt"),
            "pct_doel",
            True,
            (25, 50, 75, 100),
            _pace_share,
            N_("tempo"),
            "status",
            _started_detail,
        ),
        MetricSpec(
            "tempo",
            N_("% van tempo"),
            "pct_tempo",
            True,
            (75, 100, 125),
            lambda frame: pd.Series(100.0, index=frame.index),
            N_("op tempo"),
            "status",
            _started_detail,
        ),
        MetricSpec(
            "gestart",
            N_("Trajecten gestart"),
            "gestart",
            False,
            (25, 50, 75, 100),
            lambda frame: frame["verwacht"],
            N_("tempo"),
            "status",
            _started_detail,
        ),
        MetricSpec(
            "duurzaam",
            N_("Duurzame uitstroom %"),
            "duurzaam_pct",
            True,
            (20, 30, 40, 50),
            lambda frame: frame["doel_duurzaam_pct"],
            N_("doel"),
            "status_duurzaam",
            _outflow_detail,
            reached=OUTFLOW_REACHED,
            interval=True,
        ),
        MetricSpec(
            "leer",
            N_("Leerbijeenkomsten"),
            "leerbijeenkomsten",
            False,
            (1, 2, 3),
            lambda frame: frame["doel_leerbijeenkomsten"],
            N_("jaardoel"),
            "status_leer",
            _meeting_detail(
                N_("jaardoel {target} leerbijeenkomsten"),
                N_("{held} van {target} leerbijeenkomsten gehouden, {expected} verwacht op deze datum"),
                "leerbijeenkomsten",
                "doel_leerbijeenkomsten",
                "leer_verwacht",
            ),
        ),
        MetricSpec(
            "casus",
            N_("Casusbesprekingen"),
            "casusbesprekingen",
            False,
            (3, 6, 10),
            lambda frame: frame["doel_casusbesprekingen"],
            N_("jaardoel"),
            "status_casus",
            _meeting_detail(
                N_("jaardoel {target} casusbesprekingen"),
                N_("{held} van {target} casusbesprekingen gehouden, {expected} verwacht op deze datum"),
                "casusbesprekingen",
                "doel_casusbesprekingen",
                "casus_verwacht",
            ),
        ),
    )
}
DEFAULT_METRIC = "doel"


def metric(key: object) -> MetricSpec:
    """The spec for a URL value; unknown values (or a repeated query key) give the default metric."""
    return METRICS.get(key, METRICS[DEFAULT_METRIC]) if isinstance(key, str) else METRICS[DEFAULT_METRIC]
