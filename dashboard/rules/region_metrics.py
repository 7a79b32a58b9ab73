"""Per-region metric values for maps and rankings, derived from ``progress_by_region`` (pure)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.i18n import N_, _
from dashboard.rules import metrics

# Outflow status in words when it can be judged against the region's goal. Stored in the status
# columns and compared, so they stay Dutch there; ``_(status)`` where a user reads them.
OUTFLOW_REACHED = N_("op of boven doel")
OUTFLOW_BELOW = N_("onder doel")
OUTFLOW_IMMATURE = N_("nog niet uitontwikkeld")


@dataclass(frozen=True)
class OutflowCohort:
    """The start cohort whose sustainable outflow is shown for a selected year at a peildatum."""

    year: int  # the cohort shown
    selected: int  # the year chosen in the controls
    mature: bool  # False only when no cohort up to the selected year has matured yet

    @property
    def replaced(self) -> bool:
        """Whether an older, mature cohort stands in for the selected year's immature one."""
        return self.year != self.selected

    def note(self) -> str:
        """E.g. ``cohort 2025 (laatste uitontwikkelde)``, for legends and axis titles."""
        if not self.mature:
            return _("cohort {year}, nog niet uitontwikkeld").format(year=self.year)
        if self.replaced:
            return _("cohort {year} (laatste uitontwikkelde)").format(year=self.year)
        return _("cohort {year}").format(year=self.year)


def outflow_cohort(year: int, peildatum: dt.date) -> OutflowCohort:
    """The cohort to hold against the outflow goal: ``year`` if mature, else the latest mature one.

    Domain rule: an immature cohort is flagged instead of compared with the goal, so the views that
    compare (tile headline, map classes, ranking goal line) show the latest mature cohort.
    """
    if metrics.cohort_is_mature(year, peildatum):
        return OutflowCohort(year, year, True)
    mature = metrics.latest_mature_year(year, peildatum)
    return OutflowCohort(mature, year, True) if mature is not None else OutflowCohort(year, year, False)


def outflow_status(value: float, goal: float, mature: bool) -> str:
    """Outflow against its goal, in Dutch words (NaN: *geen gegevens*; immature: not judged)."""
    if value != value:
        return metrics.PaceStatus.GEEN_GEGEVENS.value
    if not mature:
        return OUTFLOW_IMMATURE
    return OUTFLOW_REACHED if value >= goal else OUTFLOW_BELOW


def region_metrics(regions: pd.DataFrame, year: int, peildatum: dt.date) -> pd.DataFrame:
    """Add the map metrics to the rows of ``progress_by_region``.

    Added columns: ``verwacht`` (pace), ``pct_doel`` (% of the year target reached), ``pct_tempo``
    (% of pace), ``duurzaam_pct`` with its Wilson interval ``ci_laag``/``ci_hoog``, the meeting
    paces ``leer_verwacht``/``casus_verwacht``, and the status in words against each region's own
    targets: ``status`` (starts), ``status_duurzaam``, ``status_leer`` and ``status_casus``.
    Regions without data get NaN values and the status *geen gegevens*.
    """
    out = regions.copy()
    fraction = metrics.year_fraction(year, peildatum)
    started = out["gestart"].astype(float)
    out["verwacht"] = out["doel_trajecten"] * fraction
    out["pct_doel"] = 100 * started / out["doel_trajecten"].replace(0, np.nan)
    out["pct_tempo"] = 100 * started / out["verwacht"].replace(0, np.nan)
    out["duurzaam_pct"] = 100 * out["duurzaam"] / started.replace(0, np.nan)
    intervals = [
        metrics.wilson_interval(int(s), int(n)) for s, n in zip(out["duurzaam"], out["gestart"], strict=True)
    ]
    out["ci_laag"] = [100 * ci[0] if ci else np.nan for ci in intervals]
    out["ci_hoog"] = [100 * ci[1] if ci else np.nan for ci in intervals]
    out["status"] = [
        metrics.pace_status(int(row.gestart) if row.geleverd else None, row.verwacht).value
        for row in out.itertuples()
    ]
    none = ~out["geleverd"]
    out.loc[none, ["gestart", "pct_doel", "pct_tempo", "duurzaam_pct", "ci_laag", "ci_hoog"]] = np.nan
    mature = metrics.cohort_is_mature(year, peildatum)
    out["status_duurzaam"] = [
        outflow_status(value, goal, mature)
        for value, goal in zip(out["duurzaam_pct"], out["doel_duurzaam_pct"], strict=True)
    ]
    for kind, column, target in (
        ("leer", "leerbijeenkomsten", "doel_leerbijeenkomsten"),
        ("casus", "casusbesprekingen", "doel_casusbesprekingen"),
    ):
        out[f"{kind}_verwacht"] = out[target] * fraction
        out[f"status_{kind}"] = [
            metrics.pace_status(int(held) if met else None, expected).value
            for held, met, expected in zip(
                out[column], out["bijeenkomsten_geleverd"], out[f"{kind}_verwacht"], strict=True
            )
        ]
    quiet = ~out["bijeenkomsten_geleverd"]
    out[["leerbijeenkomsten", "casusbesprekingen"]] = out[["leerbijeenkomsten", "casusbesprekingen"]].astype(
        float
    )
    out.loc[quiet, ["leerbijeenkomsten", "casusbesprekingen"]] = np.nan
    return out
