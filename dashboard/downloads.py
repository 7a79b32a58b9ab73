"""File downloads: empty templates for the people who deliver, and the figures behind each view."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import pandas as pd
from flask import Blueprint, Response, abort, request

from dashboard import clock
from dashboard.access import current_viewer
from dashboard.data import access
from dashboard.data.cadence import meetings_of_region
from dashboard.data.cohorts import FUNNEL_STEPS, funnel_by_region, method_mix
from dashboard.data.meetings import last_case_discussion
from dashboard.data.progress import monthly_starts, progress_by_region
from dashboard.i18n import N_, _
from dashboard.importing.rules import SCHEMAS
from dashboard.metrics import effective_date, followed_until
from dashboard.params import parse_peildatum, parse_region, parse_year
from dashboard.region_metrics import region_metrics
from dashboard.runtime import current_peildatum, runtime
from dashboard.suppression import ORGANISATION_COUNTS
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
# A spreadsheet runs a cell that starts with one of these as a formula (CSV/formula injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def escape_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells that a spreadsheet would execute with a quote, so they stay text."""

    def safe(value: object) -> object:
        if isinstance(value, str) and value.startswith(FORMULA_START):
            return "'" + value
        return value

    return frame.map(safe)


def as_file(frame: pd.DataFrame, name: str, extension: str) -> Response:
    """A download of ``frame`` as CSV (semicolons, UTF-8 with BOM, as Dutch Excel reads it) or XLSX."""
    frame = escape_formulas(frame)
    if extension == "csv":
        payload: bytes = frame.to_csv(sep=";", index=False).encode("utf-8-sig")
    else:
        buffer = io.BytesIO()
        frame.to_excel(buffer, index=False, sheet_name=name[:31])
        payload = buffer.getvalue()
    return Response(
        payload,
        mimetype=MEDIA[extension],
        headers={"Content-Disposition": f'attachment; filename="{name}.{extension}"'},
    )


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


def _regions(year: int, peildatum: dt.date) -> pd.DataFrame:
    frame = region_metrics(progress_by_region(runtime().db, year, peildatum), year, peildatum)
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
        "duurzaam": "duurzaam",
        "duurzaam_pct": "duurzaam_pct",
        "ci_laag": "duurzaam_pct_95_laag",
        "ci_hoog": "duurzaam_pct_95_hoog",
        "leerbijeenkomsten": "leerbijeenkomsten",
        "casusbesprekingen": "casusbesprekingen",
    }
    return frame[list(columns)].rename(columns=columns).round(1)


def _meetings(year: int, peildatum: dt.date) -> pd.DataFrame:
    db = runtime().db
    frame = progress_by_region(db, year, peildatum)
    last = last_case_discussion(db, effective_date(year, peildatum))
    merged = frame.merge(last, on="code")
    columns = ["code", "naam", "leerbijeenkomsten", "doel_leerbijeenkomsten", "casusbesprekingen"]
    columns += ["doel_casusbesprekingen", "laatste"]
    return merged[columns].rename(columns={"naam": "regio", "laatste": "laatste_casusbespreking"})


def _organisations(year: int, peildatum: dt.date) -> pd.DataFrame:
    # The same suppressed numbers as the organisations grid: small counts as "<5" or "x", and
    # only the regions whose organisations the viewer may see.
    db, viewer, minimum = runtime().db, current_viewer(), runtime().settings.suppression_minimum
    frames = [
        access.organisation_table(viewer, db, ref.code, year, peildatum, minimum).assign(
            code=ref.code, regio=ref.naam
        )
        for ref in region_refs()
        if viewer.sees_organisations(ref.code)
    ]
    if not frames:
        raise access.NoAccess(_("U hebt geen toegang tot cijfers per organisatie."))
    frame = pd.concat(frames, ignore_index=True)
    frame["laatst_aangeleverd"] = _local(frame["laatst_aangeleverd"])
    for column in ("duurzaam_pct", "aandeel_regio_pct"):
        frame[column] = [None if v is None else round(float(v), 1) for v in frame[column]]
    columns = [
        "code",
        "regio",
        "organisatie",
        "soort",
        *ORGANISATION_COUNTS,
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
