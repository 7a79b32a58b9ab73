"""File downloads: empty templates for the people who deliver, and the figures behind each view."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pandas as pd
from flask import Blueprint, Response, abort, request

from dashboard.auth.viewer import current_viewer
from dashboard.data import access
from dashboard.data.cadence import meetings_of_region
from dashboard.data.cohorts import FUNNEL_STEPS, funnel_by_region, method_mix
from dashboard.data.meetings import last_case_discussion
from dashboard.data.progress import monthly_starts, progress_by_region
from dashboard.documents.spreadsheets import MEDIA, as_file
from dashboard.i18n import N_, _
from dashboard.importing.rules import SCHEMAS
from dashboard.infra import clock
from dashboard.infra.runtime import current_peildatum, runtime
from dashboard.reports.params import parse_cohort, parse_peildatum, parse_region, parse_year
from dashboard.rules.metrics import effective_date, followed_until
from dashboard.rules.region_metrics import outflow_cohort, region_metrics
from dashboard.rules.suppression import ORGANISATION_COUNTS
from dashboard.text.rounding import rounded, whole
from geodata import region_refs

blueprint = Blueprint("downloads", __name__)

EXAMPLES: dict[str, dict[str, str]] = {
    "trajecten": {
        "traject_id": "GGZ-2026-0001",
        "regio": "AM09",
        "organisatie": "GGZ Voorbeeld",
        "organisatie_type": "GGZ",
        "methode": "IPS",
        "financiering": "UWV",
        "aanmelddatum": "2026-01-05",
        "startdatum": "2026-01-19",
        "plaatsingsdatum": "2026-04-01",
        "duurzaam_datum": "",
        "einddatum": "",
        "eindreden": "",
    },
    "bijeenkomsten": {
        "regio": "Achterhoek",
        "soort": "casusbespreking",
        "datum": "2026-02-12",
        "deelnemers": "14",
        "onderwerp": N_("Casus plaatsing"),
        "organisaties": "GGZ Voorbeeld|UWV Achterhoek",
    },
    "doelen": {
        "regio": "AM09",
        "jaar": "2026",
        "trajecten": "100",
        "duurzaam_pct": "40",
        "leerbijeenkomsten": "3",
        "casusbesprekingen": "10",
    },
}
# Example cells a reader of the template reads as text (the rest are codes and stored values).
TRANSLATED_EXAMPLES = frozenset({("bijeenkomsten", "onderwerp")})


@blueprint.route("/sjablonen/<kind>.<extension>")
def template(kind: str, extension: str) -> Response:
    """An empty delivery file with the contract's headers and one example row."""
    if kind not in SCHEMAS or extension not in MEDIA:
        abort(404)
    columns = [column.name for column in SCHEMAS[kind]]
    example = {
        column: _(value) if (kind, column) in TRANSLATED_EXAMPLES else value
        for column, value in EXAMPLES[kind].items()
    }
    return as_file(pd.DataFrame([example], columns=columns), f"sjabloon-{kind}", extension)


def _local(stamps: pd.Series) -> pd.Series:
    # Excel holds no time zones, and the database gives UTC: the Dutch wall-clock time, to the second.
    utc = pd.to_datetime(stamps, utc=True)
    return utc.dt.tz_convert(clock.AMSTERDAM).dt.tz_localize(None).dt.floor("s")


def _outflow_cohort(year: int, peildatum: dt.date) -> int:
    """The start cohort whose outflow an export writes: the one the page that links to it shows.

    The region page names its cohort in the link (``?cohort=``, read as the page reads it); map and
    ranking show the cohort of ``outflow_cohort``, the latest mature one.
    """
    raw = request.args.get("cohort")
    return parse_cohort(raw, year, peildatum) if raw is not None else outflow_cohort(year, peildatum).year


def _regions(year: int, peildatum: dt.date) -> pd.DataFrame:
    db = runtime().db
    frame = region_metrics(progress_by_region(db, year, peildatum), year, peildatum)
    cohort = _outflow_cohort(year, peildatum)
    outflow = region_metrics(progress_by_region(db, cohort, peildatum), cohort, peildatum)
    # A region without trajectories in the cohort has no data (an empty cell with its status), not 0.
    counts = outflow[["gestart", "duurzaam"]].astype("Float64").round().astype("Int64")
    outflow = outflow.assign(
        startcohort=cohort,
        gestart_startcohort=counts["gestart"],
        duurzaam=counts["duurzaam"].where(outflow["geleverd"].astype(bool)),
    )
    kept = ["code", "startcohort", "gestart_startcohort", "duurzaam", "duurzaam_pct", "ci_laag", "ci_hoog"]
    frame = frame.drop(columns=["duurzaam", "duurzaam_pct", "ci_laag", "ci_hoog", "status_duurzaam"]).merge(
        outflow[[*kept, "status_duurzaam"]], on="code"
    )
    columns = {
        "code": "code",
        "naam": "regio",
        "provincie": "provincie",
        "gestart": "gestart",
        "doel_trajecten": "jaardoel",
        "verwacht": "tempo",
        "pct_doel": "pct_jaardoel",
        "pct_tempo": "pct_tempo",
        "status": "status",
        "startcohort": "startcohort",
        "gestart_startcohort": "gestart_startcohort",
        "duurzaam": "duurzaam",
        "duurzaam_pct": "duurzaam_pct",
        "ci_laag": "duurzaam_pct_95_laag",
        "ci_hoog": "duurzaam_pct_95_hoog",
        "status_duurzaam": "status_duurzaam",
        "leerbijeenkomsten": "leerbijeenkomsten",
        "status_leer": "status_leerbijeenkomsten",
        "casusbesprekingen": "casusbesprekingen",
        "status_casus": "status_casusbesprekingen",
    }
    frame = frame[list(columns)].rename(columns=columns)
    # ``tempo`` is the number of starts expected by now: a count, like the others.
    counts = [
        "gestart",
        "jaardoel",
        "tempo",
        "gestart_startcohort",
        "duurzaam",
        "leerbijeenkomsten",
        "casusbesprekingen",
    ]
    shares = ["pct_jaardoel", "pct_tempo", "duurzaam_pct", "duurzaam_pct_95_laag", "duurzaam_pct_95_hoog"]
    return frame.assign(
        **{c: _counts(frame[c]) for c in counts}, **{c: _one_decimal(frame[c]) for c in shares}
    )


def _counts(values: pd.Series) -> pd.Series:
    # Whole numbers, halves away from zero; no data stays empty (not 0, not "3407.8").
    return pd.Series([pd.NA if pd.isna(v) else whole(v) for v in values], index=values.index, dtype="Int64")


def _one_decimal(values: pd.Series) -> pd.Series:
    # One decimal, halves away from zero (12.25 → 12.3), where numpy rounds them to even (12.2).
    shown = [None if v is None or pd.isna(v) else float(rounded(v, 1)) for v in values]
    return pd.Series(shown, index=values.index, dtype="float64")


def _meetings(year: int, peildatum: dt.date) -> pd.DataFrame:
    db = runtime().db
    # region_metrics leaves the counts of a region that never reported a meeting empty (no data).
    frame = region_metrics(progress_by_region(db, year, peildatum), year, peildatum)
    frame[["leerbijeenkomsten", "casusbesprekingen"]] = frame[
        ["leerbijeenkomsten", "casusbesprekingen"]
    ].astype("Int64")
    last = last_case_discussion(db, effective_date(year, peildatum))
    merged = frame.merge(last, on="code")
    columns = {
        "code": "code",
        "naam": "regio",
        "leerbijeenkomsten": "leerbijeenkomsten",
        "doel_leerbijeenkomsten": "doel_leerbijeenkomsten",
        "status_leer": "status_leerbijeenkomsten",
        "casusbesprekingen": "casusbesprekingen",
        "doel_casusbesprekingen": "doel_casusbesprekingen",
        "status_casus": "status_casusbesprekingen",
        "laatste": "laatste_casusbespreking",
    }
    return merged[list(columns)].rename(columns=columns)


def _organisations(year: int, peildatum: dt.date) -> pd.DataFrame:
    # The same suppressed numbers as the organisations grid: small counts as "<5" or "x", and
    # only the regions whose organisations the viewer may see.
    db, viewer, minimum = runtime().db, current_viewer(), runtime().settings.suppression_minimum
    cohort = _outflow_cohort(year, peildatum)

    def region_table(code: str, name: str) -> pd.DataFrame:
        table = access.organisation_table(viewer, db, code, year, peildatum, minimum)
        # Counts of start cohort ``year``; outflow of the cohort the grid shows, as the grid does.
        outflow = access.organisation_table(viewer, db, code, cohort, peildatum, minimum)
        pct = table["id"].map(outflow.set_index("id")["duurzaam_pct"])
        return table.assign(code=code, regio=name, startcohort=cohort, duurzaam_pct=pct)

    frames = [
        region_table(ref.code, ref.naam) for ref in region_refs() if viewer.sees_organisations(ref.code)
    ]
    if not frames:
        raise access.NoAccess(_("U hebt geen toegang tot cijfers per organisatie."))
    frame = pd.concat(frames, ignore_index=True)
    frame["laatst_aangeleverd"] = _local(frame["laatst_aangeleverd"])
    for column in ("duurzaam_pct", "aandeel_regio_pct"):
        frame[column] = _one_decimal(frame[column])
    columns = [
        "code",
        "regio",
        "organisatie",
        "soort",
        *ORGANISATION_COUNTS,
        "startcohort",
        "duurzaam_pct",
        "aandeel_regio_pct",
    ]
    return frame[[*columns, "laatst_aangeleverd"]]


def _funnels(year: int, peildatum: dt.date) -> pd.DataFrame:
    # Start cohort ``year``; every region, also those without trajectories (empty, not zero).
    frame = funnel_by_region(runtime().db, year, peildatum)
    names = pd.DataFrame([(r.code, r.naam) for r in region_refs()], columns=["code", "regio"])
    merged = names.merge(frame, on="code", how="left")
    merged[FUNNEL_STEPS] = merged[FUNNEL_STEPS].astype("Int64")
    return merged.assign(startcohort=year)


def _methods(year: int, peildatum: dt.date) -> pd.DataFrame:
    db = runtime().db
    frames = [
        method_mix(db, year, peildatum, region=ref.code).assign(code=ref.code, regio=ref.naam)
        for ref in region_refs()
    ]
    frame = pd.concat(frames, ignore_index=True)
    frame["financiering"] = frame["financiering"].fillna("onbekend")
    return frame[["code", "regio", "methode", "financiering", "gestart", "duurzaam"]].assign(startcohort=year)


def _meeting_list(year: int, peildatum: dt.date) -> pd.DataFrame:
    db = runtime().db
    frames = [
        meetings_of_region(db, ref.code, year, peildatum).assign(code=ref.code, regio=ref.naam)
        for ref in region_refs()
    ]
    frame = pd.concat(frames, ignore_index=True)
    return frame[["code", "regio", "datum", "soort", "deelnemers", "onderwerp"]]


def _deliveries(_year: int, peildatum: dt.date) -> pd.DataFrame:
    # The last eight quarters up to the peildatum, as on the Data page: -1 means no delivery.
    viewer = current_viewer()
    if not viewer.sees_any_organisations:
        raise access.NoAccess(_("U hebt geen toegang tot de aanleverstatus per organisatie."))
    frame = access.delivery(viewer, runtime().db, peildatum)
    quarters = [c for c in frame.columns if "-K" in str(c)]

    def word(value: float) -> str:
        if pd.isna(value):
            return ""
        return _("geen levering") if value < 0 else _("geleverd")

    frame[quarters] = frame[quarters].map(word)
    frame["laatst_aangeleverd"] = _local(frame["laatst_aangeleverd"])
    return frame[["code", "regio", "organisatie", "soort", *quarters, "laatst_aangeleverd"]]


def _import_log(_year: int, peildatum: dt.date) -> pd.DataFrame:
    frame = access.import_log(current_viewer(), runtime().db, limit=10_000)
    frame["tijdstip"] = _local(frame["tijdstip"])
    return frame


def _trend(year: int, peildatum: dt.date) -> pd.DataFrame:
    frame = monthly_starts(runtime().db, year - 3, effective_date(year, peildatum))
    frame["cumulatief"] = frame.groupby("jaar")["gestart"].cumsum()
    return frame


VIEWS: dict[str, Callable[[int, dt.date], pd.DataFrame]] = {
    "aanleverstatus": _deliveries,
    "importlog": _import_log,
    "trend": _trend,
    "regios": _regions,
    "bijeenkomsten": _meetings,
    "organisaties": _organisations,
    "trechter": _funnels,
    "methoden": _methods,
    "bijeenkomstenlijst": _meeting_list,
}


@blueprint.route("/export/<view>.<extension>")
def export(view: str, extension: str) -> Response:
    """The figures behind a view for ``?jaar=`` and ``?peildatum=``, the same numbers as on screen."""
    if view not in VIEWS or extension not in MEDIA:
        abort(404)
    peildatum = parse_peildatum(request.args.get("peildatum"), current_peildatum())
    year = parse_year(request.args.get("jaar"), peildatum.year)
    frame = VIEWS[view](year, peildatum)
    region = parse_region(request.args.get("regio"))
    if region is not None:
        frame = frame[frame["code"] == region]
    return as_file(frame, export_name(view, year, peildatum, region), extension)


def export_name(view: str, year: int, peildatum: dt.date, region: str | None = None) -> str:
    """``regios-AM09-2025-tm-2025-12-31-peildatum-2026-10-15``: the days the file's figures stand on.

    The same days as the page's *t/m* label: a past year's starts end on 31 December, and when the
    peildatum lies later (its cohort outflow and deliveries are counted up to it) that day is named too.
    """
    name = f"{view}-{region}-{year}" if region is not None else f"{view}-{year}"
    name += f"-tm-{effective_date(year, peildatum).isoformat()}"
    later = followed_until(year, peildatum)
    return name if later is None else f"{name}-peildatum-{later.isoformat()}"
