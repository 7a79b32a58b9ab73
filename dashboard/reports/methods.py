"""Methods and funding of the country and every region: starts of the year, outflow of its cohort.

Two cohorts, each named where it is shown: the starts are those of the view's year (its start
cohort up to the peildatum); the sustainable outflow is that of the view's outflow cohort, the
latest mature one by default, as on the tiles and the map. A young cohort's outflow says little.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from dashboard.data.cohorts import method_mix_by_region
from dashboard.i18n import N_
from dashboard.infra.db import Database
from dashboard.reports.view import View
from dashboard.rules import domain
from dashboard.rules.region_metrics import OutflowCohort
from geodata import region_refs

# Stands in for a funding stream the source left empty (a value, kept Dutch; the same word the
# region page's mix uses); translated where it is shown.
UNKNOWN = N_("Onbekend")
# The columns of every table of this report: starts of the year, then the outflow cohort's figures.
COLUMNS = ["gestart", "cohort_gestart", "duurzaam", "duurzaam_pct"]


@dataclass(frozen=True)
class MethodsReport:
    """Starts and sustainable outflow per method and funding stream, national and per region.

    Attributes:
        year: the start cohort whose starts are counted (the view's year, up to the peildatum).
        peildatum: of the view.
        outflow: the cohort whose sustainable outflow is shown, with its maturity.
        starts: ``method_mix_by_region`` rows of ``year``.
        outflow_mix: ``method_mix_by_region`` rows of the outflow cohort.
    """

    year: int
    peildatum: dt.date
    outflow: OutflowCohort
    starts: pd.DataFrame
    outflow_mix: pd.DataFrame

    def by_method(self) -> pd.DataFrame:
        """The country per method (all four, also those without starts): ``methode`` and ``COLUMNS``."""
        return _table(self.starts, self.outflow_mix, "methode", list(domain.METHODS))

    def by_funding(self) -> pd.DataFrame:
        """The country per funding stream (an empty stream as *Onbekend*, only when it occurs)."""
        starts, outflow = _with_unknown(self.starts), _with_unknown(self.outflow_mix)
        known = [*domain.FUNDING_STREAMS]
        if (starts["financiering"] == UNKNOWN).any() or (outflow["financiering"] == UNKNOWN).any():
            known.append(UNKNOWN)
        return _table(starts, outflow, "financiering", known)

    def regions(self) -> pd.DataFrame:
        """Every region (code order) × every method: ``code``, ``regio``, ``methode`` and ``COLUMNS``."""
        # One grouping over all regions at once: per region it took 35 filters and groupings
        # (100 ms of every uncached national page).
        refs = region_refs()
        index = pd.MultiIndex.from_product([[ref.code for ref in refs], list(domain.METHODS)])
        started = self.starts.groupby(["code", "methode"])["gestart"].sum().reindex(index, fill_value=0)
        cohort = self.outflow_mix.groupby(["code", "methode"])[["gestart", "duurzaam"]].sum()
        cohort = cohort.reindex(index, fill_value=0)
        names = {ref.code: ref.naam for ref in refs}
        codes = index.get_level_values(0)
        frame = pd.DataFrame(
            {
                "code": list(codes),
                "regio": [names[code] for code in codes],
                "methode": list(index.get_level_values(1)),
                "gestart": started.to_numpy(dtype=int),
                "cohort_gestart": cohort["gestart"].to_numpy(dtype=int),
                "duurzaam": cohort["duurzaam"].to_numpy(dtype=int),
            }
        )
        frame["duurzaam_pct"] = _percentages(frame)
        return frame


def _with_unknown(mix: pd.DataFrame) -> pd.DataFrame:
    return mix.assign(financiering=mix["financiering"].fillna(UNKNOWN))


def _table(starts: pd.DataFrame, outflow: pd.DataFrame, by: str, order: list[str]) -> pd.DataFrame:
    """Per value of ``by`` in ``order``: the year's starts and the outflow cohort's outflow."""
    started = starts.groupby(by)["gestart"].sum().reindex(order, fill_value=0)
    cohort = outflow.groupby(by)[["gestart", "duurzaam"]].sum().reindex(order, fill_value=0)
    frame = pd.DataFrame(
        {
            by: order,
            "gestart": started.to_numpy(dtype=int),
            "cohort_gestart": cohort["gestart"].to_numpy(dtype=int),
            "duurzaam": cohort["duurzaam"].to_numpy(dtype=int),
        }
    )
    frame["duurzaam_pct"] = _percentages(frame)
    return frame


def _percentages(frame: pd.DataFrame) -> list[float | None]:
    # No starts in the cohort: no percentage (empty), not 0 %.
    return [
        100 * d / g if g else None for d, g in zip(frame["duurzaam"], frame["cohort_gestart"], strict=True)
    ]


def methods_report(db: Database, view: View) -> MethodsReport:
    """The methods and funding of the country and all 35 regions at ``view`` (two queries).

    The data functions are cached per data version; the tables are worked out from them on demand.
    """
    outflow = view.outflow
    return MethodsReport(
        year=view.year,
        peildatum=view.peildatum,
        outflow=outflow,
        starts=method_mix_by_region(db, view.year, view.peildatum),
        outflow_mix=method_mix_by_region(db, outflow.year, view.peildatum),
    )
