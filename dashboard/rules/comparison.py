"""One region against the country, the median region and comparable regions (pure)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from dashboard.i18n import N_, _
from dashboard.rules.ranking import Rank, ranks
from dashboard.rules.region_metrics import region_metrics

Z_95: Final = 1.96
Z_998: Final = 3.09
SIMILAR_COUNT: Final = 5
COMPARISON_COLUMNS: Final = (
    "maat",
    "regio",
    "landelijk",
    "landelijk_soort",
    "mediaan",
    "vergelijkbaar",
    "rang",
    "cohort",
)
# What ``landelijk`` holds, so no reader takes the average region's count for the national total.
NATIONAL_AVERAGE: Final = N_("gemiddelde per regio")
NATIONAL_TOTAL: Final = N_("landelijk totaal")

# Positions are compared by value, so they stay Dutch; ``_(position)`` where a user reads them.
POSITION_ABOVE: Final = N_("boven de 95 %-grens")
POSITION_WITHIN: Final = N_("binnen de grenzen")
POSITION_BELOW: Final = N_("onder de 95 %-grens")
NO_DATA: Final = N_("geen gegevens")


@dataclass(frozen=True)
class _Measure:
    label: str  # Dutch, as ``maat`` in the table; ``_(label)`` where a user reads it
    column: str  # a column of ``region_metrics``
    numerator: str
    denominator: str | None  # None: a count, compared with the average region instead of a pooled share
    meetings: bool  # whether ``bijeenkomsten_geleverd`` rather than ``geleverd`` says there is data


OUTFLOW_MEASURE: Final = N_("Duurzame uitstroom %")
_MEASURES: Final = (
    _Measure(N_("Trajecten gestart"), "gestart", "gestart", None, False),
    _Measure(N_("% van jaardoel"), "pct_doel", "gestart", "doel_trajecten", False),
    _Measure(N_("% van tempo"), "pct_tempo", "gestart", "verwacht", False),
    _Measure(OUTFLOW_MEASURE, "duurzaam_pct", "duurzaam", "gestart", False),
    _Measure(N_("Leerbijeenkomsten"), "leerbijeenkomsten", "leerbijeenkomsten", None, True),
    _Measure(N_("Casusbesprekingen"), "casusbesprekingen", "casusbesprekingen", None, True),
)


def comparable_regions(regions: pd.DataFrame, code: str, count: int = SIMILAR_COUNT) -> list[str]:
    """Regions whose yearly target of trajectories (``doel_trajecten``) is closest to that of ``code``.

    Regions are compared on their target, a size agreed beforehand, and never on a result the page
    judges (started trajectories, outflow, meetings): peers picked on started trajectories were, for
    a region behind, regions behind as well. Many regions share the covenant's default target, so
    equal distances go to the region whose code number is nearest to ``code``'s, then to the lower
    code: a stated, fixed order that does not depend on any result either.

    Args:
        regions: the frame of ``progress_by_region`` (the year's targets).
        code: the region compared (AM code); it is never in the result.
        count: how many regions to return at most.

    Returns:
        Codes, closest first. Regions without data are left out (they have no value to show); a
        region without data of its own still has comparable regions, its target being known.
    """
    own = _row(regions, code)
    others = regions[regions["geleverd"].astype(bool) & (regions["code"] != code)]
    distance = (others["doel_trajecten"].astype(float) - float(own["doel_trajecten"])).abs()
    codes = (others["code"].str[2:].astype(int) - int(str(code)[2:])).abs()
    ranked = others.assign(_distance=distance, _codes=codes).sort_values(
        ["_distance", "_codes", "code"], kind="stable"
    )
    return [str(value) for value in ranked["code"].head(count)]


def compare_region(regions: pd.DataFrame, code: str, year: int, peildatum: dt.date) -> pd.DataFrame:
    """Region ``code`` against the country, the median region and the comparable regions.

    Only regions with data take part: a region without data is *geen gegevens*, not zero, so it
    is left out of every national figure, median, mean and rank.

    Args:
        regions: the frame of ``progress_by_region`` (all regions).
        code: the region compared (AM code).
        year: calendar year of the figures.
        peildatum: the reference date (sets the pace).

    Returns:
        One row per measure (trajecten gestart, % van jaardoel, % van tempo, duurzame uitstroom %,
        leerbijeenkomsten, casusbesprekingen) with the columns ``maat`` (its Dutch name: callers
        match on it, so it is shown with ``_(maat)``), ``regio`` (this region's value),
        ``landelijk``, ``mediaan`` (median of the regions with data), ``vergelijkbaar`` (mean of
        the regions of ``comparable_regions``), ``rang`` (a ``Rank``: 1 = highest, among the regions
        with a value; ``format.rank`` writes it) and ``cohort`` (None here). For counts
        ``landelijk`` is the national total divided by the number of regions with data, i.e. the
        average region, and ``landelijk_soort`` is ``NATIONAL_AVERAGE``; for percentages it is the
        pooled national percentage (national numerator over national denominator) and
        ``landelijk_soort`` is ``NATIONAL_TOTAL``. Values are floats, or None where there is
        nothing to show.
    """
    return _compare(regions, code, year, peildatum, _MEASURES)


def compare_outflow(
    regions: pd.DataFrame, code: str, cohort: int, peildatum: dt.date, peers: list[str] | None = None
) -> pd.DataFrame:
    """The sustainable-outflow row of ``compare_region`` alone, for start cohort ``cohort``.

    The region page compares one year but takes outflow from the chosen start cohort; working out
    the other five measures for that cohort only to drop them cost a sixth of the page's request.

    Args:
        regions: the frame of ``progress_by_region`` for ``cohort``.
        code: the region compared (AM code).
        cohort: the start cohort.
        peildatum: the reference date.
        peers: the comparable regions; by default those of ``regions`` (see ``comparable_regions``).

    Returns:
        One row with the columns of ``compare_region``.
    """
    outflow = [m for m in _MEASURES if m.column == "duurzaam_pct"]
    return _compare(regions, code, cohort, peildatum, outflow, peers)


def compare_region_with_cohort(
    regions: pd.DataFrame,
    cohort_regions: pd.DataFrame,
    code: str,
    year: int,
    cohort: int,
    peildatum: dt.date,
) -> pd.DataFrame:
    """``compare_region`` for ``year``, its outflow row taken from start cohort ``cohort``.

    Outflow belongs to a start cohort: the region page compares the year but shows outflow (value,
    national, median, similar and rank) for the cohort chosen for its gauge and funnel, and every
    other output of that comparison (the meeting pack) must show the same row.

    Args:
        regions: the frame of ``progress_by_region`` for ``year``.
        cohort_regions: the frame of ``progress_by_region`` for ``cohort``.
        code: the region compared (AM code).
        year: calendar year of the other measures.
        cohort: the start cohort of the outflow row.
        peildatum: the reference date.

    Returns:
        The rows of ``compare_region``; the outflow row has the ``cohort`` it was taken from
        (:func:`measure_label` names it for a reader).
    """
    compared = compare_region(regions, code, year, peildatum)
    outflow = compared["maat"] == OUTFLOW_MEASURE
    # The cohort's outflow is averaged over the year's peers, the regions the page lists.
    peers = comparable_regions(regions, code)
    compared.loc[outflow, :] = compare_outflow(cohort_regions, code, cohort, peildatum, peers).to_numpy()
    compared.loc[outflow, "cohort"] = cohort
    return compared


def measure_label(measure: str, cohort: int | None = None) -> str:
    """A measure's name in the current language; the outflow row names its start cohort.

    The comparison itself stays free of translated text, so a report holding it can be cached for
    readers of every language.
    """
    if measure == OUTFLOW_MEASURE and cohort is not None and cohort == cohort:
        return _("Duurzame uitstroom % (cohort {cohort})").format(cohort=int(cohort))
    return _(measure)


def peer_values(
    regions: pd.DataFrame,
    cohort_regions: pd.DataFrame,
    code: str,
    year: int,
    cohort: int,
    peildatum: dt.date,
) -> pd.DataFrame:
    """Each comparable region's own value of every measure, as ``compare_region_with_cohort`` averages them.

    Args:
        regions: the frame of ``progress_by_region`` for ``year`` (its targets choose the peers).
        cohort_regions: the same for ``cohort`` (the outflow values).
        code: the region compared (AM code).
        year: calendar year of the other measures.
        cohort: the start cohort of the outflow values.
        peildatum: the reference date.

    Returns:
        One row per region of ``comparable_regions`` (closest first) with the columns ``code``,
        ``doel_trajecten`` (the target they were chosen on) and one column per measure named by its
        Dutch ``maat``; a value is a float, or None where the region has none (*geen gegevens*).
    """
    peers = comparable_regions(regions, code)
    table = region_metrics(regions, year, peildatum).set_index("code", drop=False)
    cohort_table = region_metrics(cohort_regions, cohort, peildatum).set_index("code", drop=False)
    targets = regions.set_index("code")["doel_trajecten"]
    columns: dict[str, list[object]] = {
        "code": list(peers),
        "doel_trajecten": [_value(float(targets[c])) for c in peers],
    }
    for measure in _MEASURES:
        source = cohort_table if measure.label == OUTFLOW_MEASURE else table
        values = _values(source, measure)
        columns[measure.label] = [_value(values.get(c)) for c in peers]
    return pd.DataFrame(columns, columns=list(columns), dtype=object)


def _values(table: pd.DataFrame, measure: _Measure) -> pd.Series:
    has_data = table["bijeenkomsten_geleverd" if measure.meetings else "geleverd"].astype(bool)
    # A share without a denominator (no starts yet) has no value even for a region with data.
    return table.loc[has_data, measure.column].astype(float).dropna()


def _compare(
    regions: pd.DataFrame,
    code: str,
    year: int,
    peildatum: dt.date,
    measures: Sequence[_Measure],
    peers: list[str] | None = None,
) -> pd.DataFrame:
    _row(regions, code)
    table = region_metrics(regions, year, peildatum).set_index("code", drop=False)
    similar = comparable_regions(regions, code) if peers is None else peers
    rows: list[dict[str, object]] = []
    for measure in measures:
        has_data = table["bijeenkomsten_geleverd" if measure.meetings else "geleverd"].astype(bool)
        values = _values(table, measure)
        rows.append(
            {
                "maat": measure.label,
                "regio": _value(values.get(code)),
                "landelijk": _national(table[has_data], measure),
                "landelijk_soort": NATIONAL_AVERAGE if measure.denominator is None else NATIONAL_TOTAL,
                "mediaan": _value(values.median()) if len(values) else None,
                "vergelijkbaar": _mean([values[c] for c in similar if c in values.index]),
                "rang": _rank(values, code),
                "cohort": None,
            }
        )
    return pd.DataFrame(rows, columns=list(COMPARISON_COLUMNS), dtype=object)


def control_limits(p: float, sizes: Sequence[int] | np.ndarray, z: float) -> tuple[np.ndarray, np.ndarray]:
    """Funnel-plot limits around proportion ``p`` for groups of the given sizes.

    Uses the normal approximation to the binomial, p ± z·√(p(1−p)/n), clipped to [0, 1];
    ``Z_95`` (1.96) gives the 95 % limits and ``Z_998`` (3.09) the 99.8 % limits.

    Args:
        p: the reference proportion, as a fraction.
        sizes: group sizes n.
        z: the standard-normal quantile of the limits.

    Returns:
        Lower and upper limits as fractions, one per size; a size of 0 says nothing, so its
        limits are 0 and 1.
    """
    n = np.asarray(sizes, dtype=float)
    positive = np.where(n > 0, n, np.inf)
    half = np.where(n > 0, z * np.sqrt(p * (1 - p) / positive), np.inf)
    return np.clip(p - half, 0.0, 1.0), np.clip(p + half, 0.0, 1.0)


def national_outflow(regions: pd.DataFrame) -> float | None:
    """Pooled national sustainable outflow (all sustainable over all started) as a fraction.

    Returns:
        The fraction over the regions with data, or None when none of them started a trajectory.
    """
    delivered = regions[regions["geleverd"].astype(bool)]
    started = float(delivered["gestart"].sum())
    return float(delivered["duurzaam"].sum()) / started if started > 0 else None


def outflow_position(regions: pd.DataFrame, code: str) -> str:
    """Where the region's sustainable outflow falls in the funnel plot, in Dutch words (a key for ``_()``).

    Args:
        regions: the frame of ``progress_by_region``.
        code: the region (AM code).

    Returns:
        ``"boven de 95 %-grens"``, ``"binnen de grenzen"`` (a value on a limit counts as within),
        ``"onder de 95 %-grens"``, or ``"geen gegevens"`` when the region or the country has no
        started trajectories to divide by.
    """
    row = _row(regions, code)
    started = int(row["gestart"])
    national = national_outflow(regions)
    if not bool(row["geleverd"]) or started <= 0 or national is None:
        return NO_DATA
    share = int(row["duurzaam"]) / started
    low, high = control_limits(national, [started], Z_95)
    if share > float(high[0]):
        return POSITION_ABOVE
    if share < float(low[0]):
        return POSITION_BELOW
    return POSITION_WITHIN


def _row(regions: pd.DataFrame, code: str) -> pd.Series:
    match = regions[regions["code"] == code]
    if match.empty:
        raise ValueError(f"onbekende regio: {code!r}")
    return match.iloc[0]


def _national(delivered: pd.DataFrame, measure: _Measure) -> float | None:
    if delivered.empty:
        return None
    total = float(delivered[measure.numerator].sum())
    if measure.denominator is None:
        return total / len(delivered)
    denominator = float(delivered[measure.denominator].sum())
    return 100 * total / denominator if denominator > 0 else None


def _rank(values: pd.Series, code: str) -> Rank | None:
    # Ties share the best place ("1, 1, 3"), so equal values never look different.
    return ranks(values).get(code)


def _mean(values: list[float]) -> float | None:
    return _value(sum(values) / len(values)) if values else None


def _value(value: float | None) -> float | None:
    if value is None or math.isnan(value):
        return None
    return float(value)
