"""The table behind each download, built from one parsed :class:`View`.

The region and meeting tables are read from the national report, so a file holds the figures,
cohort, status and rank that the map, the ranking and the region page show, and works out none
of its own. The other tables read the data layer until a report covers them.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from dashboard.auth.viewer import current_viewer
from dashboard.data import access
from dashboard.data.cadence import meetings_of_region
from dashboard.data.cohorts import FUNNEL_STEPS, funnel_by_region, method_mix
from dashboard.data.delivery_states import EMPTY, empty_quarters
from dashboard.data.progress import monthly_starts
from dashboard.i18n import _
from dashboard.infra import clock
from dashboard.infra.runtime import runtime
from dashboard.reports.national import national_report
from dashboard.reports.standing import RegionStanding
from dashboard.reports.view import View
from dashboard.rules.metrics import effective_date
from dashboard.rules.suppression import ORGANISATION_COUNTS
from dashboard.text.rounding import rounded, whole
from geodata import region_refs


def local_time(stamps: pd.Series) -> pd.Series:
    """UTC stamps of the database as Dutch wall-clock time, to the second (Excel holds no zones)."""
    utc = pd.to_datetime(stamps, utc=True)
    return utc.dt.tz_convert(clock.AMSTERDAM).dt.tz_localize(None).dt.floor("s")


def counts(values: pd.Series) -> pd.Series:
    """Whole numbers, halves away from zero; no data stays empty (not 0, not "3407.8")."""
    return pd.Series([pd.NA if pd.isna(v) else whole(v) for v in values], index=values.index, dtype="Int64")


def one_decimal(values: pd.Series) -> pd.Series:
    """One decimal, halves away from zero (12.25 → 12.3), where numpy rounds them to even (12.2)."""
    shown = [None if v is None or pd.isna(v) else float(rounded(v, 1)) for v in values]
    return pd.Series(shown, index=values.index, dtype="float64")


def _region_row(standing: RegionStanding) -> dict[str, object]:
    outflow = standing.outflow
    low, high = outflow.interval if outflow.interval is not None else (None, None)
    return {
        "code": standing.code,
        "regio": standing.name,
        "provincie": standing.province,
        "gestart": standing.starts.value,
        "jaardoel": standing.starts.target,
        # The number of starts expected by now: a count, like the others.
        "tempo": standing.starts.expected,
        "pct_jaardoel": standing.pct_goal,
        "pct_tempo": standing.pct_pace,
        "status": standing.starts.status,
        "startcohort": outflow.cohort.year,
        # A region without trajectories in the cohort has no data: empty cells with their status.
        "gestart_startcohort": outflow.started,
        "duurzaam": outflow.sustainable,
        "duurzaam_pct": outflow.pct,
        "duurzaam_pct_95_laag": low,
        "duurzaam_pct_95_hoog": high,
        "status_duurzaam": outflow.status,
        # The place the ranking gives the region on outflow (1 = highest), empty without a value.
        "rang_duurzaam": outflow.rank.place if outflow.rank is not None else None,
        "leerbijeenkomsten": standing.learning.value,
        "status_leerbijeenkomsten": standing.learning.status,
        "casusbesprekingen": standing.cases.value,
        "status_casusbesprekingen": standing.cases.status,
    }


REGION_COUNTS = (
    "gestart",
    "jaardoel",
    "tempo",
    "gestart_startcohort",
    "duurzaam",
    "rang_duurzaam",
    "leerbijeenkomsten",
    "casusbesprekingen",
)
REGION_SHARES = ("pct_jaardoel", "pct_tempo", "duurzaam_pct", "duurzaam_pct_95_laag", "duurzaam_pct_95_hoog")


def regions(view: View) -> pd.DataFrame:
    """Every region's standing on the four goals: the figures behind map, ranking and region page."""
    report = national_report(runtime().db, view)
    frame = pd.DataFrame([_region_row(s) for s in report.standings])
    return frame.assign(
        **{c: counts(frame[c]) for c in REGION_COUNTS}, **{c: one_decimal(frame[c]) for c in REGION_SHARES}
    )


MEETING_COUNTS = (
    "leerbijeenkomsten",
    "doel_leerbijeenkomsten",
    "casusbesprekingen",
    "doel_casusbesprekingen",
)


def meetings(view: View) -> pd.DataFrame:
    """Meetings per region against their goals, and the last case discussion up to the *t/m* day."""
    report = national_report(runtime().db, view)
    frame = pd.DataFrame(
        [
            {
                "code": s.code,
                "regio": s.name,
                # Empty for a region that never reported a meeting (no data), not 0.
                "leerbijeenkomsten": s.learning.value,
                "doel_leerbijeenkomsten": s.learning.target,
                "status_leerbijeenkomsten": s.learning.status,
                "casusbesprekingen": s.cases.value,
                "doel_casusbesprekingen": s.cases.target,
                "status_casusbesprekingen": s.cases.status,
                "laatste_casusbespreking": s.last_case_discussion,
            }
            for s in report.standings
        ]
    )
    whole_columns = (
        "leerbijeenkomsten",
        "doel_leerbijeenkomsten",
        "casusbesprekingen",
        "doel_casusbesprekingen",
    )
    return frame.assign(**{c: counts(frame[c]) for c in whole_columns})


def organisations(view: View) -> pd.DataFrame:
    """The organisations grid of every region the viewer may see, suppressed as on screen."""
    # Hidden counts show as "x" (audited with the trechter's region totals and the quarter before),
    # and only the regions whose organisations the viewer may see. A region whose table failed the
    # audit is one row saying so. Figures stand on the published moment (beheer: the peildatum).
    db, viewer, minimum = runtime().db, current_viewer(), runtime().settings.suppression_minimum
    year, peildatum, cohort = view.year, view.peildatum, view.cohort
    moment = access.moment_for(viewer, peildatum)

    def region_table(code: str, name: str) -> pd.DataFrame:
        try:
            table = access.organisation_table(viewer, db, code, year, peildatum, minimum)
            # Counts of start cohort ``year``; outflow of the cohort the grid shows, as the grid does.
            outflow = access.organisation_table(viewer, db, code, cohort, peildatum, minimum)
        except access.Withheld as withheld:
            return pd.DataFrame([{"code": code, "regio": name, "toelichting": str(withheld)}])
        pct = table["id"].map(outflow.set_index("id")["duurzaam_pct"])
        reasons = table["toelichting"].map(lambda reason: _(reason) if reason else None)
        return table.assign(code=code, regio=name, startcohort=cohort, duurzaam_pct=pct, toelichting=reasons)

    frames = [
        region_table(ref.code, ref.naam) for ref in region_refs() if viewer.sees_organisations(ref.code)
    ]
    if not frames:
        raise access.NoAccess(_("U hebt geen toegang tot cijfers per organisatie."))
    columns = [
        "code",
        "regio",
        "organisatie",
        "soort",
        *ORGANISATION_COUNTS,
        "startcohort",
        "duurzaam_pct",
        "aandeel_regio_pct",
        "laatst_aangeleverd",
        "toelichting",
    ]
    frame = pd.concat(frames, ignore_index=True).reindex(columns=columns)
    frame["laatst_aangeleverd"] = local_time(frame["laatst_aangeleverd"])
    for column in ("duurzaam_pct", "aandeel_regio_pct"):
        frame[column] = one_decimal(frame[column])
    return frame.assign(stand=moment)


def funnels(view: View) -> pd.DataFrame:
    """The outflow funnel of start cohort ``view.year`` (the page links it with the cohort as year)."""
    # Every region, also those without trajectories (empty, not zero).
    frame = funnel_by_region(runtime().db, view.year, view.peildatum)
    names = pd.DataFrame([(r.code, r.naam) for r in region_refs()], columns=["code", "regio"])
    merged = names.merge(frame, on="code", how="left")
    merged[FUNNEL_STEPS] = merged[FUNNEL_STEPS].astype("Int64")
    return merged.assign(startcohort=view.year)


def methods(view: View) -> pd.DataFrame:
    """Starts and sustainable outflow per method and funding of start cohort ``view.year``."""
    db = runtime().db
    frames = [
        method_mix(db, view.year, view.peildatum, region=ref.code).assign(code=ref.code, regio=ref.naam)
        for ref in region_refs()
    ]
    frame = pd.concat(frames, ignore_index=True)
    frame["financiering"] = frame["financiering"].fillna("onbekend")
    columns = ["code", "regio", "methode", "financiering", "gestart", "duurzaam"]
    return frame[columns].assign(startcohort=view.year)


def meeting_list(view: View) -> pd.DataFrame:
    """Every meeting of the year up to the *t/m* day, per region."""
    db = runtime().db
    frames = [
        meetings_of_region(db, ref.code, view.year, view.peildatum).assign(code=ref.code, regio=ref.naam)
        for ref in region_refs()
    ]
    frame = pd.concat(frames, ignore_index=True)
    return frame[["code", "regio", "datum", "soort", "deelnemers", "onderwerp"]]


def deliveries(view: View) -> pd.DataFrame:
    """The last eight quarters up to the peildatum, as on the Data page."""
    viewer = current_viewer()
    if not viewer.sees_any_organisations:
        raise access.NoAccess(_("U hebt geen toegang tot de aanleverstatus per organisatie."))
    frame = access.delivery(viewer, runtime().db, view.peildatum)
    quarters = [c for c in frame.columns if "-K" in str(c)]
    empty = empty_quarters(runtime().db, view.peildatum)

    def word(value: float) -> str:
        # -1 means no delivery.
        if pd.isna(value):
            return ""
        return _("geen levering") if value < 0 else _("geleverd")

    for quarter in quarters:
        said_empty = [
            (c, o, quarter) in empty for c, o in zip(frame["code"], frame["organisatie"], strict=True)
        ]
        frame[quarter] = [
            _(EMPTY) if flagged else word(value)
            for value, flagged in zip(frame[quarter], said_empty, strict=True)
        ]
    frame["laatst_aangeleverd"] = local_time(frame["laatst_aangeleverd"])
    return frame[["code", "regio", "organisatie", "soort", *quarters, "laatst_aangeleverd"]]


def import_log(_view: View) -> pd.DataFrame:
    """The import log the viewer may see (it does not depend on the view)."""
    frame = access.import_log(current_viewer(), runtime().db, limit=10_000)
    frame["tijdstip"] = local_time(frame["tijdstip"])
    return frame


def trend(view: View) -> pd.DataFrame:
    """Starts per month of the year and the three before it, with the running total per year."""
    frame = monthly_starts(runtime().db, view.year - 3, effective_date(view.year, view.peildatum))
    frame["cumulatief"] = frame.groupby("jaar")["gestart"].cumsum()
    return frame


TABLES: dict[str, Callable[[View], pd.DataFrame]] = {
    "aanleverstatus": deliveries,
    "importlog": import_log,
    "trend": trend,
    "regios": regions,
    "bijeenkomsten": meetings,
    "organisaties": organisations,
    "trechter": funnels,
    "methoden": methods,
    "bijeenkomstenlijst": meeting_list,
}
