"""Callbacks of the Publicaties page: ``beheer`` publishes and withdraws figures, nobody else."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import dash_bootstrap_components as dbc
from dash import Dash, Input, NoUpdate, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate

from dashboard.auth import store
from dashboard.auth.viewer import current_viewer
from dashboard.data import snapshots
from dashboard.data.snapshots import PublicationRef
from dashboard.i18n import _, current_language
from dashboard.infra.cache import request_data_status
from dashboard.infra.runtime import current_peildatum, runtime
from dashboard.jobs import words
from dashboard.jobs.context import JobContext, JobOutcome
from dashboard.jobs.web import jobs, own_state
from dashboard.reports.publication import publish
from dashboard.reports.view import View
from dashboard.text import format as fmt
from layouts import ids, publications, withdrawal

PUBLISH_JOB = "publicatie"


def publish_snapshot(
    clicks: int | None, day_raw: str | None, name_raw: str | None
) -> tuple[Any, str | None, bool]:
    """After a click on *Publiceren*: start freezing the figures at ``day_raw`` (``beheer`` only).

    Returns the progress line, the job to follow and whether the page stops asking after it.
    """
    viewer = current_viewer()
    if not viewer.is_admin or not clicks:
        raise PreventUpdate  # the form is only on beheer's page; a forged request publishes nothing
    view = View.parse({"peildatum": day_raw}, current_peildatum())
    if not day_raw or "peildatum" in view.rejected or str(view.peildatum) != str(day_raw):
        message = dbc.Alert(_("Kies een peildatum t/m vandaag; er is niets gepubliceerd."), color="warning")
        return message, None, True
    arguments = {"peildatum": view.peildatum.isoformat(), "naam": str(name_raw or "")[:120]}
    # Two clicks on the same publication share one job; the data version keys it like a pack.
    version = str(request_data_status(runtime().db).version)
    job_id, _new = jobs().submit(PUBLISH_JOB, arguments, viewer, current_language(), version)
    return _("Publiceren gestart…"), job_id, False


def follow_publication(
    _tick: int | None, job_id: str | None
) -> tuple[Any, Any, list[dict[str, str]] | NoUpdate, bool]:
    """Every second while a publication is made: its progress, then the list with the new snapshot."""
    state = own_state(job_id) if isinstance(job_id, str) else None
    if state is None:
        return None, no_update, no_update, True
    if state.active:
        return words.step_text(state), no_update, no_update, False
    if state.toestand != "klaar":
        return dbc.Alert(words.step_text(state), color="danger"), no_update, no_update, True
    made = json.loads(state.uitkomst or "{}")
    day = dt.date.fromisoformat(str(made.get("peildatum")))
    text = _("Publicatie gemaakt: cijfers t/m {datum}.").format(datum=fmt.date(day))
    found = snapshots.publications(runtime().db)
    listed = publications.list_table(found, current_language())
    return dbc.Alert(text, color="success"), listed, withdrawal.choices(found), True


def publication_job(job: JobContext) -> JobOutcome:
    """Freeze every report at the job's peildatum: progress per region, the new snapshot's number."""
    if not job.viewer.is_admin:
        raise PermissionError("publiceren is alleen voor beheer")  # submitted only for beheer
    day = dt.date.fromisoformat(job.arguments["peildatum"])
    minimum = runtime().settings.suppression_minimum
    number = publish(
        job.db,
        day,
        job.viewer.name,
        minimum,
        job.arguments.get("naam", ""),
        on_region=lambda done, total: job.progress(done, total, "regio"),
    )
    store.record(job.db, "publicatie gemaakt", job.viewer.name, f"{number} {day.isoformat()}")
    return JobOutcome(outcome={"nummer": number, "peildatum": day.isoformat()})


def _chosen(choice_raw: str | None) -> PublicationRef | None:
    # The choice is a publication number as the URL's publicatie= gives one: the View parses it.
    number = View.parse({"publicatie": choice_raw}, current_peildatum()).publication
    found = snapshots.publication(runtime().db, number) if number is not None else None
    return None if found is None or found.withdrawn else found


def _refusal(reason_raw: str | None, found: PublicationRef | None) -> str | None:
    if found is None:
        return _("Kies een publicatie die nog geldig is; er is niets ingetrokken.")
    if not str(reason_raw or "").strip():
        return _("Geef een reden van intrekken; er is niets ingetrokken.")
    return None


def ask_withdrawal(
    clicks: int | None, cancels: int | None, choice_raw: str | None, reason_raw: str | None
) -> tuple[object, bool, str]:
    """After *Intrekken…*: a Dutch error, or the confirmation question (``beheer`` only)."""
    if not current_viewer().is_admin:
        raise PreventUpdate
    if ctx.triggered_id == ids.WITHDRAW_CANCEL:
        return None, True, ""
    found = _chosen(choice_raw)
    refused = _refusal(reason_raw, found)
    if refused is not None or found is None:
        return dbc.Alert(refused, color="warning", className="mb-0"), True, ""
    return None, False, withdrawal.question(found, str(reason_raw).strip()[: withdrawal.REASON_MAX])


def withdraw_snapshot(
    clicks: int | None, choice_raw: str | None, reason_raw: str | None
) -> tuple[object, object, bool, list[dict[str, str]], str | None]:
    """After *Ja, intrekken*: withdraw the chosen publication with its reason (``beheer`` only)."""
    viewer = current_viewer()
    if not viewer.is_admin or not clicks:
        raise PreventUpdate  # a forged request of another role withdraws nothing
    db = runtime().db
    found = _chosen(choice_raw)
    refused = _refusal(reason_raw, found)
    reason = str(reason_raw or "").strip()[: withdrawal.REASON_MAX]
    if refused is None and found is not None and snapshots.withdraw(db, found.id, viewer.name, reason):
        text = _("Publicatie ‘{naam}’ is ingetrokken.").format(naam=found.naam)
        message, reason_after = dbc.Alert(text, color="success"), None
    else:
        message = dbc.Alert(refused or _("Deze publicatie is al ingetrokken."), color="warning")
        # The reason stays for the next try; a forged value that is no text is not sent back.
        reason_after = reason_raw if isinstance(reason_raw, str) else None
    listed = snapshots.publications(db)
    shown = publications.list_table(listed, current_language())
    return message, shown, True, withdrawal.choices(listed), reason_after


def register(app: Dash) -> None:
    """Wire this module's callbacks to ``app``."""
    # "Publiceren" -> a job freezes the figures at the peildatum; the page follows it
    app.callback(
        Output(ids.PUBLISH_PROGRESS, "children"),
        Output(ids.PUBLISH_JOB, "data"),
        Output(ids.PUBLISH_POLL, "disabled"),
        Input(ids.PUBLISH_BUTTON, "n_clicks"),
        State(ids.PUBLISH_DAY, "value"),
        State(ids.PUBLISH_NAME, "value"),
        prevent_initial_call=True,
    )(publish_snapshot)
    # every second while it runs -> progress, then the list with the new snapshot
    app.callback(
        Output(ids.PUBLISH_PROGRESS, "children", allow_duplicate=True),
        Output(ids.PUBLISH_LIST, "children"),
        Output(ids.WITHDRAW_CHOICE, "options"),
        Output(ids.PUBLISH_POLL, "disabled", allow_duplicate=True),
        Input(ids.PUBLISH_POLL, "n_intervals"),
        State(ids.PUBLISH_JOB, "data"),
        prevent_initial_call=True,
    )(follow_publication)
    # "Intrekken…" -> an error or the confirmation question; "Annuleren" -> hide the question
    app.callback(
        Output(ids.WITHDRAW_FEEDBACK, "children"),
        Output(ids.WITHDRAW_PANEL, "hidden"),
        Output(ids.WITHDRAW_QUESTION, "children"),
        Input(ids.WITHDRAW_BUTTON, "n_clicks"),
        Input(ids.WITHDRAW_CANCEL, "n_clicks"),
        State(ids.WITHDRAW_CHOICE, "value"),
        State(ids.WITHDRAW_REASON, "value"),
        prevent_initial_call=True,
    )(ask_withdrawal)
    # "Ja, intrekken" -> withdraw, list the snapshots again
    app.callback(
        Output(ids.WITHDRAW_DONE, "children"),
        Output(ids.PUBLISH_LIST, "children", allow_duplicate=True),
        Output(ids.WITHDRAW_PANEL, "hidden", allow_duplicate=True),
        Output(ids.WITHDRAW_CHOICE, "options", allow_duplicate=True),
        Output(ids.WITHDRAW_REASON, "value"),
        Input(ids.WITHDRAW_CONFIRM, "n_clicks"),
        State(ids.WITHDRAW_CHOICE, "value"),
        State(ids.WITHDRAW_REASON, "value"),
        prevent_initial_call=True,
    )(withdraw_snapshot)
