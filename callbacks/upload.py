"""Callbacks of the Data page: check an uploaded file, import it on confirmation, delivery status."""

from __future__ import annotations

import base64
import binascii
import tempfile
from pathlib import Path

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, html, no_update

from dashboard.access import current_viewer
from dashboard.auth import store
from dashboard.data import access
from dashboard.i18n import N_, _
from dashboard.importing import ImportRejected, ImportResult, Problem, import_file
from dashboard.params import parse_region
from dashboard.runtime import current_peildatum, runtime
from layouts import data_page, ids
from layouts.exports import export_links

ADMIN_ONLY = N_("alleen het beheer van de monitor mag bestanden aanleveren")


def _import(
    contents: str,
    filename: str,
    kind: str,
    check_only: bool,
    left_out: str | None = None,
    new_organisation: str | None = None,
) -> ImportResult:
    """Decode the browser's data URL into a temporary file and run the same import as the CLI."""
    # The client's name is only shown and logged; the file on disk gets a fixed, safe name.
    name = (Path(filename or "bestand.csv").name.replace("\x00", "") or "bestand.csv")[:200]
    viewer = current_viewer()
    # Checked here, not only by hiding the form: a forged callback request gets the same answer.
    if not viewer.is_admin:
        raise ImportRejected(name, [Problem(None, "", "", _(ADMIN_ONLY))])
    settings = runtime().settings
    if len(contents) > settings.max_import_bytes * 1.4 + 1000:  # base64 is 4/3 of the file
        too_large = _("het bestand is groter dan de toegestane grens")
        raise ImportRejected(name, [Problem(None, "", "", too_large)])
    try:
        payload = base64.b64decode(contents.split(",", 1)[1], validate=True)
    except (IndexError, binascii.Error):
        not_received = _("het bestand kon niet worden ontvangen")
        raise ImportRejected(name, [Problem(None, "", "", not_received)]) from None
    confirmed = [new_organisation.strip()] if new_organisation and new_organisation.strip() else []
    with tempfile.TemporaryDirectory(prefix="hzw-upload-") as folder:
        path = Path(folder) / ("upload.xlsx" if name.lower().endswith(".xlsx") else "upload.csv")
        path.write_bytes(payload)
        result = import_file(
            runtime().db,
            kind,
            path,
            user=viewer.name,
            max_bytes=settings.max_import_bytes,
            check_only=check_only,
            file_name=name,
            new_organisations=confirmed,
            left_out=left_out,
        )
    if not check_only:
        # The choices made for this file belong to its audit entry (names of organisations only).
        choices = [f"ontbrekend: {result.ontbrekend} {result.ontbrekend_keuze}"] if result.ontbrekend else []
        choices += [f"nieuwe organisatie bevestigd: '{n}'" for n in confirmed]
        store.record(runtime().db, "import", viewer.name, "; ".join([f"{kind}: {name}", *choices])[:500])
    return result


def check_upload(
    contents: str | None,
    filename: str | None,
    kind: str,
    left_out: str | None = None,
    new_organisation: str | None = None,
) -> tuple[object, bool, object]:
    """Validate without writing: a summary and an enabled button, or the report of every problem."""
    if not contents:
        return None, True, None
    try:
        result = _import(contents, filename or "", kind, True, left_out, new_organisation)
    except ImportRejected as rejected:
        report = [
            dbc.Alert(
                [
                    html.Strong(_("{bestand} is afgekeurd. ").format(bestand=rejected.file_name)),
                    _(
                        "Er is niets opgeslagen. Verbeter de fouten hieronder en lever het bestand "
                        "opnieuw aan."
                    ),
                ],
                color="danger",
            ),
            data_page.problems_table(rejected.problems),
        ]
        return report, True, None
    summary = dbc.Alert(
        [
            html.Strong(_("{bestand} is goedgekeurd. ").format(bestand=filename)),
            _("{samenvatting} Klik op Importeren om op te slaan.").format(samenvatting=result.summary()),
        ],
        color="success",
    )
    return summary, False, None


def confirm_upload(
    _clicks: int | None,
    contents: str | None,
    filename: str | None,
    kind: str,
    left_out: str | None = None,
    new_organisation: str | None = None,
) -> tuple[object, ...]:
    """Import the checked file for real; the new figures show at once (the data version changed)."""
    if not contents:
        return no_update, no_update, no_update, no_update
    try:
        result = _import(contents, filename or "", kind, False, left_out, new_organisation)
    except ImportRejected as rejected:
        return dbc.Alert(rejected.report(limit=5), color="danger"), True, no_update, no_update
    message = dbc.Alert([html.Strong(_("Ingelezen. ")), result.summary()], color="success")
    log = access.import_log(current_viewer(), runtime().db)
    return message, True, None, data_page.import_log_table(log)


def update_delivery(region: str | None) -> list[object]:
    """Delivery status of the organisations of one region over the last eight quarters, and downloads."""
    peildatum = current_peildatum()
    viewer = current_viewer()
    code = parse_region(region) or "AM01"
    if not viewer.sees_organisations(code):
        return [html.P(_("U hebt geen toegang tot de aanleverstatus van deze regio."))]
    frame = access.delivery(viewer, runtime().db, peildatum)
    links = export_links("aanleverstatus", peildatum.year, peildatum, _("de aanleverstatus"), region=code)
    return [data_page.delivery_table(frame, code), links]


def register(app: Dash) -> None:
    """Wire this module's callbacks to ``app``."""
    # file dropped, kind or a choice changed -> validation report, confirm button
    app.callback(
        Output(ids.UPLOAD_REPORT, "children"),
        Output(ids.UPLOAD_CONFIRM, "disabled"),
        Output(ids.UPLOAD_RESULT, "children"),
        Input(ids.UPLOAD, "contents"),
        State(ids.UPLOAD, "filename"),
        Input(ids.UPLOAD_KIND, "value"),
        Input(ids.UPLOAD_LEFT_OUT, "value"),
        Input(ids.UPLOAD_NEW_ORGANISATION, "value"),
    )(check_upload)
    # confirm -> import, result, refreshed import log
    app.callback(
        Output(ids.UPLOAD_RESULT, "children", allow_duplicate=True),
        Output(ids.UPLOAD_CONFIRM, "disabled", allow_duplicate=True),
        Output(ids.UPLOAD_REPORT, "children", allow_duplicate=True),
        Output(ids.IMPORT_LOG_TABLE, "children", allow_duplicate=True),
        Input(ids.UPLOAD_CONFIRM, "n_clicks"),
        State(ids.UPLOAD, "contents"),
        State(ids.UPLOAD, "filename"),
        State(ids.UPLOAD_KIND, "value"),
        State(ids.UPLOAD_LEFT_OUT, "value"),
        State(ids.UPLOAD_NEW_ORGANISATION, "value"),
        prevent_initial_call=True,
    )(confirm_upload)
    # region chosen -> delivery status
    app.callback(Output(ids.DELIVERY_TABLE, "children"), Input(ids.DELIVERY_REGION, "value"))(update_delivery)
