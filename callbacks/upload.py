"""Callbacks of the Data page: check an uploaded file, import it on confirmation, delivery status."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, html, no_update
from sqlalchemy.exc import DBAPIError

from dashboard.auth.viewer import current_viewer
from dashboard.data import access
from dashboard.data.delivery_states import empty_quarters
from dashboard.i18n import N_, _
from dashboard.importing import ImportBusy, ImportRejected, ImportResult, ImportUnconfirmed, import_file
from dashboard.importing.job import ADMIN_ONLY as ADMIN_ONLY
from dashboard.importing.job import receive_upload
from dashboard.infra.db_errors import database_message, database_problem
from dashboard.infra.runtime import current_peildatum, runtime
from dashboard.reports.params import parse_region
from layouts import data_page, ids, import_report
from layouts.exports import export_links

UNEXPECTED_CHECK = N_(
    "Er ging iets onverwachts mis bij het controleren. Er is niets opgeslagen. Blijft dit gebeuren, "
    "neem dan contact op met de beheerder."
)
UNEXPECTED_IMPORT = N_(
    "Er ging iets onverwachts mis bij het importeren. Kijk in het importlogboek of het bestand toch "
    "is ingelezen. Blijft dit gebeuren, neem dan contact op met de beheerder."
)
log = logging.getLogger(__name__)


def _shown_name(filename: str | None) -> str:
    # The client's name is only shown and logged; the file on disk gets a fixed, safe name.
    return (Path(filename or "bestand.csv").name.replace("\x00", "") or "bestand.csv")[:200]


def _text(value: object) -> str | None:
    # The upload's values come from the browser; a forged request may send any JSON instead.
    return value if isinstance(value, str) else None


def _failure(error: Exception, filename: str | None, importing: bool) -> object:
    """The message for a failure that is not the file's fault: the database's, or a bug."""
    if isinstance(error, DBAPIError) and database_problem(error) is not None:
        log.warning("upload: database %s", database_problem(error))
        cause = database_message(error)
    else:
        # The traceback goes to the log; the page gets words and a way to try again instead of a
        # 500 it never shows.
        log.exception("upload failed unexpectedly")
        cause = _(UNEXPECTED_IMPORT if importing else UNEXPECTED_CHECK)
    return data_page.upload_failure(_shown_name(filename), cause, retry=not importing)


def _import(
    contents: str,
    filename: str,
    kind: str,
    check_only: bool,
    left_out: str | None = None,
    new_organisation: str | None = None,
    accept_warnings: bool = False,
) -> ImportResult:
    """Decode the browser's data URL into a temporary file and run the same import as the CLI."""
    name = _shown_name(filename)
    viewer = current_viewer()
    settings = runtime().settings
    payload = receive_upload(contents, name, viewer.is_admin, settings.max_import_bytes)
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
            parse_seconds=settings.import_parse_seconds,
            check_only=check_only,
            file_name=name,
            new_organisations=confirmed,
            left_out=left_out,
            accept_warnings=accept_warnings,
        )
    return result


def check_upload(
    contents: str | None,
    filename: str | None,
    kind: str,
    left_out: str | None = None,
    new_organisation: str | None = None,
) -> tuple[object, bool, object]:
    """Validate without writing: a summary and an enabled button, or the report of every problem."""
    contents, filename, left_out, new_organisation = map(
        _text, (contents, filename, left_out, new_organisation)
    )
    if not contents or not isinstance(kind, str):
        return None, True, None
    try:
        result = _import(contents, filename or "", kind, True, left_out, new_organisation)
    except ImportBusy as busy:
        return dbc.Alert(str(busy), color="warning"), True, None
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
    except Exception as error:  # every failure gets a message; see _failure
        return _failure(error, filename, importing=False), True, None
    if result.waarschuwingen:
        warned = import_report.warnings_report(filename or "", result.summary(False), result.waarschuwingen)
        return warned, False, None
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
    accept_warnings: object = False,
) -> tuple[object, ...]:
    """Import the checked file for real; the new figures show at once (the data version changed)."""
    contents, filename, left_out, new_organisation = map(
        _text, (contents, filename, left_out, new_organisation)
    )
    if not contents or not isinstance(kind, str):
        return no_update, no_update, no_update, no_update
    try:
        # Only a ticked box counts: a forged request's other JSON is no "toch importeren".
        accept = accept_warnings is True
        result = _import(contents, filename or "", kind, False, left_out, new_organisation, accept)
        imports = access.import_log(current_viewer(), runtime().db)
    except ImportBusy as busy:
        # The file itself is fine: the button stays enabled to try again in a moment.
        return dbc.Alert(str(busy), color="warning"), False, no_update, no_update
    except ImportUnconfirmed as unconfirmed:
        # The button stays enabled: tick "Toch importeren" and click again.
        return import_report.unconfirmed_report(unconfirmed), False, no_update, no_update
    except ImportRejected as rejected:
        return dbc.Alert(rejected.report(limit=5), color="danger"), True, no_update, no_update
    except Exception as error:  # every failure gets a message; see _failure
        # The button stays enabled: clicking it again is the retry.
        return _failure(error, filename, importing=True), False, no_update, no_update
    message = dbc.Alert([html.Strong(_("Ingelezen. ")), result.summary()], color="success")
    return message, True, None, data_page.import_log_table(imports)


def retry_check(
    _clicks: int | None,
    contents: str | None,
    filename: str | None,
    kind: str,
    left_out: str | None = None,
    new_organisation: str | None = None,
    _accept_warnings: object = False,
) -> tuple[object, bool, object]:
    """Check the same file again after a check that failed through no fault of the file."""
    return check_upload(contents, filename, kind, left_out, new_organisation)


def update_delivery(region: str | None) -> list[object]:
    """Delivery status of the organisations of one region over the last eight quarters, and downloads."""
    peildatum = current_peildatum()
    viewer = current_viewer()
    code = parse_region(region) or "AM01"
    if not viewer.sees_organisations(code):
        return [html.P(_("U hebt geen toegang tot de aanleverstatus van deze regio."))]
    frame = access.delivery(viewer, runtime().db, peildatum)
    links = export_links("aanleverstatus", peildatum.year, peildatum, _("de aanleverstatus"), region=code)
    empty = empty_quarters(runtime().db, peildatum)
    return [data_page.delivery_table(frame, code, empty), links]


def untick(_contents: object, _kind: object) -> bool:
    """A new file (or kind) starts without "toch importeren": a tick answers one file's warnings."""
    return False


def register(app: Dash) -> None:
    """Wire this module's callbacks to ``app``."""
    # The upload's check and import run as background jobs: callbacks/upload_jobs.py wires them.
    # file dropped or kind changed -> "toch importeren" unticked
    app.callback(
        Output(ids.UPLOAD_ACCEPT_WARNINGS, "value"),
        Input(ids.UPLOAD, "contents"),
        Input(ids.UPLOAD_KIND, "value"),
        prevent_initial_call=True,
    )(untick)
    # region chosen -> delivery status
    app.callback(Output(ids.DELIVERY_TABLE, "children"), Input(ids.DELIVERY_REGION, "value"))(update_delivery)
