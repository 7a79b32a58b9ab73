"""File downloads: empty templates for the people who deliver, and the figures behind each view."""

from __future__ import annotations

import datetime as dt
from html import escape

import pandas as pd
from flask import Blueprint, Response, abort, request

from dashboard.auth.viewer import current_viewer
from dashboard.data.access import moment_for
from dashboard.documents.spreadsheets import MEDIA, as_file
from dashboard.documents.tables import TABLES
from dashboard.i18n import N_, LazyText, _, current_language, with_language
from dashboard.importing.rules import SCHEMAS
from dashboard.infra.runtime import current_peildatum, runtime
from dashboard.reports.snapshot_choice import export_line
from dashboard.reports.view import View
from dashboard.rules import domain
from dashboard.rules.metrics import effective_date, followed_until

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


# Why a download refuses a URL value, per key of ``View.rejected``: a file cannot carry the note a
# page shows when it falls back to the default, so figures of another day would travel unnoticed.
REFUSALS = {
    "peildatum": N_("De peildatum '{waarde}' is geen datum."),
    "jaar": N_("Het jaar '{waarde}' kan niet: kies {eerste} t/m {laatste}."),
    "regio": N_("'{waarde}' is geen arbeidsmarktregio."),
}


def _refused(view: View) -> Response:
    """A Dutch page (400) naming each value of the URL that cannot be used; no file is made."""
    reasons = [
        str(
            LazyText(
                REFUSALS[key],
                waarde=str(request.args.get(key, ""))[:20],
                eerste=domain.FIRST_YEAR,
                laatste=view.peildatum.year,
            )
        )
        for key in view.rejected
    ]
    title = _("Geen bestand gemaakt")
    lines = [*reasons, _("Download de cijfers via de link op de pagina.")]
    home = escape(with_language("/"))
    page = (
        f"<!DOCTYPE html><html lang='{current_language()}'><head><title>{escape(title)} – Hoofdzaak Werk "
        f"Monitor</title></head><body><main><h1>{escape(title)}</h1>"
        + "".join(f"<p>{escape(line)}</p>" for line in lines)
        + f"<p><a href='{home}'>{escape(_('Naar het landelijk overzicht'))}</a></p></main></body></html>"
    )
    return Response(page, status=400, mimetype="text/html")


@blueprint.route("/export/<kind>.<extension>")
def export(kind: str, extension: str) -> Response:
    """The figures behind a view for ``?jaar=``, ``?peildatum=``, ``?cohort=``, ``?regio=``: as on screen."""
    if kind not in TABLES or extension not in MEDIA:
        abort(404)
    view = View.parse(
        request.args.to_dict(flat=False), current_peildatum(), current_viewer(), current_language()
    )
    if view.rejected:
        return _refused(view)
    # Figures per organisation stand on the published moment, and the name says which.
    day = moment_for(current_viewer(), view.peildatum) if kind == "organisaties" else view.peildatum
    shown, line = export_line(runtime().db, kind, view, current_viewer(), day)
    frame = TABLES[kind](shown)
    # The trend and the import log have no rows per region: they stay whole and say so in the name.
    region = view.region if "code" in frame.columns else None
    if region is not None:
        frame = frame[frame["code"] == region]
    if kind != "importlog":
        # Which snapshot the figures are, as a last column: a line above the header would make the
        # CSV no longer one table (Excel's import and pandas read the first line as the header),
        # and a column keeps each row saying where it comes from when rows are copied elsewhere.
        frame = frame.assign(publicatie=line)
    return as_file(frame, export_name(kind, view.year, day, region), extension)


def export_name(view: str, year: int, peildatum: dt.date, region: str | None = None) -> str:
    """``regios-AM09-2025-tm-2025-12-31-peildatum-2026-10-15``: the days the file's figures stand on.

    The same days as the page's *t/m* label: a past year's starts end on 31 December, and when the
    peildatum lies later (its cohort outflow and deliveries are counted up to it) that day is named too.
    """
    name = f"{view}-{region}-{year}" if region is not None else f"{view}-{year}"
    name += f"-tm-{effective_date(year, peildatum).isoformat()}"
    later = followed_until(year, peildatum)
    return name if later is None else f"{name}-peildatum-{later.isoformat()}"
