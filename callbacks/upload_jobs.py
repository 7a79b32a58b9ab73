"""The Data page's upload as background jobs: check, import, progress, stop.

A chosen file clears the previous report at once (in the browser), is sent, and is checked by a
job; the page polls the job and shows ``rij 120.000 van 263.157 gecontroleerd`` until the report
is ready. A check that warns lists the warnings; Importeren runs the import as a job as well, and
writes a file that warns only with "Toch importeren" ticked. Stoppen before the commit writes
nothing.
"""

from __future__ import annotations

import json
from typing import Any

import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Dash, Input, Output, State, html, no_update

from dashboard.auth.viewer import current_viewer
from dashboard.data import access
from dashboard.data.jobs import JobState
from dashboard.i18n import _, current_language
from dashboard.importing import ImportRejected, ImportUnconfirmed, Problem
from dashboard.importing.job import KIND, import_arguments, receive_upload, shown_name
from dashboard.infra.runtime import runtime
from dashboard.jobs import words
from dashboard.jobs.runner import reader_text
from dashboard.jobs.web import jobs
from layouts import data_page, ids, import_report, upload_progress

CHECK, IMPORT = "controle", "import"


def _text(value: object) -> str | None:
    # The upload's values come from the browser; a forged request may send any JSON instead.
    return value if isinstance(value, str) else None


def _rejected(rejected: ImportRejected) -> list[Any]:
    return [
        dbc.Alert(
            [
                html.Strong(_("{bestand} is afgekeurd. ").format(bestand=rejected.file_name)),
                _("Er is niets opgeslagen. Verbeter de fouten hieronder en lever het bestand opnieuw aan."),
            ],
            color="danger",
        ),
        data_page.problems_table(rejected.problems),
    ]


def _start(
    purpose: str,
    contents: object,
    filename: object,
    kind: object,
    left_out: object,
    new: object,
    accept_warnings: bool = False,
) -> Any:
    """Submit the job; returns (job data, or the rejection to show at once)."""
    name = shown_name(filename)
    viewer, settings = current_viewer(), runtime().settings
    text, chosen_new = _text(contents), _text(new)
    if not text or not isinstance(kind, str):
        return None, None
    try:
        data = receive_upload(text, name, viewer.is_admin, settings.max_import_bytes)
    except ImportRejected as rejected:
        return None, rejected
    confirmed = [chosen_new.strip()] if chosen_new and chosen_new.strip() else []
    arguments = import_arguments(
        kind,
        name,
        purpose == CHECK,
        _text(left_out),
        confirmed,
        settings.max_import_bytes,
        settings.import_parse_seconds,
        viewer.name,
        accept_warnings,
    )
    job_id, _new = jobs().submit(KIND, arguments, viewer, current_language(), data=data, share=False)
    return {"id": job_id, "doel": purpose, "bestand": name}, None


def start_check(
    contents: object, filename: object, kind: object, left_out: object, new: object
) -> tuple[Any, ...]:
    """A file chosen (or a choice changed): check it in the background."""
    job, rejected = _start(CHECK, contents, filename, kind, left_out, new)
    if rejected is not None:
        return _rejected(rejected), True, None, None, True, None
    if job is None:
        return None, True, None, None, True, None
    return None, True, None, job, False, upload_progress.sending(job["bestand"])


def retry_check(_clicks: object, *values: object) -> tuple[Any, ...]:
    """Check the same file again after a check that failed through no fault of the file."""
    return start_check(*values)


def start_import(
    _clicks: object,
    contents: object,
    filename: object,
    kind: object,
    left_out: object,
    new: object,
    accept_warnings: object = False,
) -> tuple[Any, ...]:
    """Importeren: import the checked file in the background, "toch" if the box is ticked."""
    # Only a ticked box counts: a forged request's other JSON is no "toch importeren".
    accept = accept_warnings is True
    job, rejected = _start(IMPORT, contents, filename, kind, left_out, new, accept)
    if rejected is not None:
        return dbc.Alert(rejected.report(limit=5), color="danger"), True, job, True, None
    if job is None:
        return no_update, no_update, no_update, True, no_update
    return None, True, job, False, upload_progress.sending(job["bestand"])


def _finished(job: dict[str, Any], state: JobState) -> tuple[Any, Any, Any, Any]:
    """(report, result, confirm disabled, import log) for a job that ended."""
    name, check = str(job.get("bestand", "")), job.get("doel") == CHECK
    if state.toestand == "mislukt":
        failure = data_page.upload_failure(name, words.failure_text(state), retry=check)
        return (failure, no_update, True, no_update) if check else (no_update, failure, False, no_update)
    if state.toestand == "gestopt":
        return no_update, no_update, check, no_update
    outcome = json.loads(state.uitkomst or "{}")
    if outcome.get("uitslag") == "bezet":
        busy = dbc.Alert(str(outcome.get("melding", "")), color="warning")
        return (busy, no_update, True, no_update) if check else (no_update, busy, False, no_update)
    if outcome.get("uitslag") == "niet bevestigd":
        # Warnings without "toch importeren": nothing written; the button stays enabled to tick
        # the box and click again.
        unconfirmed = ImportUnconfirmed(name, tuple(str(w) for w in outcome.get("waarschuwingen", [])))
        shown = import_report.unconfirmed_report(unconfirmed)
        return (shown, None, False, no_update) if check else (no_update, shown, False, no_update)
    if outcome.get("uitslag") == "afgekeurd":
        rejected = ImportRejected(name, [Problem(**p) for p in outcome.get("fouten", [])])
        if check:
            return _rejected(rejected), None, True, no_update
        return no_update, dbc.Alert(rejected.report(limit=5), color="danger"), True, no_update
    summary = str(outcome.get("samenvatting", ""))
    warnings = tuple(str(w) for w in outcome.get("waarschuwingen", []))
    if check and warnings:
        plain = str(outcome.get("kaal", summary))
        return import_report.warnings_report(name, plain, warnings), None, False, no_update
    if check:
        approved = dbc.Alert(
            [
                html.Strong(_("{bestand} is goedgekeurd. ").format(bestand=name)),
                _("{samenvatting} Klik op Importeren om op te slaan.").format(samenvatting=summary),
            ],
            color="success",
        )
        return approved, None, False, no_update
    imports = data_page.import_log_table(access.import_log(current_viewer(), runtime().db))
    return None, dbc.Alert([html.Strong(_("Ingelezen. ")), summary], color="success"), True, imports


def follow(_ticks: object, job: object) -> tuple[Any, ...]:
    """The job's progress while it runs; its report, result or failure when it ends."""
    if not isinstance(job, dict) or not isinstance(job.get("id"), str):
        return no_update, no_update, no_update, no_update, True, no_update
    state = jobs().state(job["id"])
    if state is None or state.lezer != reader_text(current_viewer()):
        return None, no_update, no_update, no_update, True, no_update
    if state.active:
        return (
            upload_progress.progress(state, str(job.get("bestand", ""))),
            *([no_update] * 3),
            False,
            no_update,
        )
    report, result, disabled, log = _finished(job, state)
    return upload_progress.ended(state), report, result, disabled, True, log


def stop(_clicks: object, job: object) -> object:
    """Stoppen: the job ends; an import stopped before its commit writes nothing."""
    if isinstance(job, dict) and isinstance(job.get("id"), str):
        state = jobs().state(job["id"])
        if state is not None and state.lezer == reader_text(current_viewer()):
            jobs().stop(job["id"])
    return no_update


def _choices() -> list[State]:
    return [
        State(ids.UPLOAD, "contents"),
        State(ids.UPLOAD, "filename"),
        State(ids.UPLOAD_KIND, "value"),
        State(ids.UPLOAD_LEFT_OUT, "value"),
        State(ids.UPLOAD_NEW_ORGANISATION, "value"),
    ]


def register(app: Dash) -> None:
    """Wire this module's callbacks to ``app``."""
    started = [
        Output(ids.UPLOAD_JOB, "data", allow_duplicate=True),
        Output(ids.UPLOAD_POLL, "disabled", allow_duplicate=True),
        Output(ids.UPLOAD_PROGRESS, "children", allow_duplicate=True),
    ]
    # file dropped, kind or a choice changed -> check job (the report comes from follow)
    app.callback(
        Output(ids.UPLOAD_REPORT, "children"),
        Output(ids.UPLOAD_CONFIRM, "disabled"),
        Output(ids.UPLOAD_RESULT, "children"),
        *started,
        Input(ids.UPLOAD, "contents"),
        State(ids.UPLOAD, "filename"),
        Input(ids.UPLOAD_KIND, "value"),
        Input(ids.UPLOAD_LEFT_OUT, "value"),
        Input(ids.UPLOAD_NEW_ORGANISATION, "value"),
        prevent_initial_call="initial_duplicate",
    )(start_check)
    # the moment a file is chosen, in the browser: the previous report and result are gone
    app.clientside_callback(
        ClientsideFunction(namespace="hzw", function_name="clearUpload"),
        Output(ids.UPLOAD_REPORT, "children", allow_duplicate=True),
        Output(ids.UPLOAD_RESULT, "children", allow_duplicate=True),
        Output(ids.UPLOAD_CONFIRM, "disabled", allow_duplicate=True),
        Input(ids.UPLOAD, "contents"),
        prevent_initial_call=True,
    )
    # confirm -> import job
    app.callback(
        Output(ids.UPLOAD_RESULT, "children", allow_duplicate=True),
        Output(ids.UPLOAD_CONFIRM, "disabled", allow_duplicate=True),
        *started,
        Input(ids.UPLOAD_CONFIRM, "n_clicks"),
        *_choices(),
        State(ids.UPLOAD_ACCEPT_WARNINGS, "value"),
        prevent_initial_call=True,
    )(start_import)
    # "try again" after a failed check -> the same check
    app.callback(
        Output(ids.UPLOAD_REPORT, "children", allow_duplicate=True),
        Output(ids.UPLOAD_CONFIRM, "disabled", allow_duplicate=True),
        Output(ids.UPLOAD_RESULT, "children", allow_duplicate=True),
        *started,
        Input(ids.UPLOAD_RETRY, "n_clicks"),
        *_choices(),
        prevent_initial_call=True,
    )(retry_check)
    # every half second while a job runs -> progress, then its report
    app.callback(
        Output(ids.UPLOAD_PROGRESS, "children", allow_duplicate=True),
        Output(ids.UPLOAD_REPORT, "children", allow_duplicate=True),
        Output(ids.UPLOAD_RESULT, "children", allow_duplicate=True),
        Output(ids.UPLOAD_CONFIRM, "disabled", allow_duplicate=True),
        Output(ids.UPLOAD_POLL, "disabled", allow_duplicate=True),
        Output(ids.IMPORT_LOG_TABLE, "children", allow_duplicate=True),
        Input(ids.UPLOAD_POLL, "n_intervals"),
        State(ids.UPLOAD_JOB, "data"),
        prevent_initial_call=True,
    )(follow)
    # Stoppen -> the job stops
    app.callback(
        Output(ids.UPLOAD_STOP, "disabled"),
        Input(ids.UPLOAD_STOP, "n_clicks"),
        State(ids.UPLOAD_JOB, "data"),
        prevent_initial_call=True,
    )(stop)
