"""Per-region metric values for maps and rankings, derived from ``progress_by_region`` (pure)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from dashboard import metrics


def region_metrics(regions: pd.DataFrame, year: int, peildatum: dt.date) -> pd.DataFrame:
    """Add the map metrics to the rows of ``progress_by_region``.

    Added columns: ``verwacht`` (pace), ``pct_doel`` (% of the year target reached), ``pct_tempo``
    (% of pace), ``duurzaam_pct`` with its Wilson interval ``ci_laag``/``ci_hoog``, and ``status``
    in words. Regions without data get NaN values and the status *geen gegevens*.
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
    quiet = ~out["bijeenkomsten_geleverd"]
    out[["leerbijeenkomsten", "casusbesprekingen"]] = out[["leerbijeenkomsten", "casusbesprekingen"]].astype(
        float
    )
    out.loc[quiet, ["leerbijeenkomsten", "casusbesprekingen"]] = np.nan
    return out
