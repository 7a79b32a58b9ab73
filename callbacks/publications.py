"""Callbacks of the Publicaties page: ``beheer`` publishes and withdraws figures, nobody else."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, ctx, html
from dash.exceptions import PreventUpdate

from dashboard.auth import store
from dashboard.auth.viewer import current_viewer
from dashboard.data import snapshots
from dashboard.data.snapshots import PublicationRef
from dashboard.i18n import _, current_language
from dashboard.infra.runtime import current_peildatum, runtime
from dashboard.reports.publication import publish
from dashboard.reports.view import View
from dashboard.text import format as fmt
from layouts import ids, publications, withdrawal


def publish_snapshot(
    clicks: int | None, day_raw: str | None, name_raw: str | None
) -> tuple[html.Div, list[dict[str, str]]]:
    """After a click on *Publiceren*: freeze the figures at ``day_raw`` (``beheer`` only); the list."""
    viewer = current_viewer()
    if not viewer.is_admin or not clicks:
        raise PreventUpdate  # the form is only on beheer's page; a forged request publishes nothing
    db = runtime().db
    latest = current_peildatum()
    view = View.parse({"peildatum": day_raw}, latest)
    if not day_raw or "peildatum" in view.rejected or str(view.peildatum) != str(day_raw):
        message = dbc.Alert(_("Kies een peildatum t/m vandaag; er is niets gepubliceerd."), color="warning")
    else:
        name = str(name_raw or "")[:120]
        number = publish(db, view.peildatum, viewer.name, runtime().settings.suppression_minimum, name)
        store.record(db, "publicatie gemaakt", viewer.name, f"{number} {view.peildatum.isoformat()}")
        text = _("Publicatie gemaakt: cijfers t/m {datum}.").format(datum=fmt.date(view.peildatum))
        message = dbc.Alert(text, color="success")
    found = snapshots.publications(db)
    return html.Div([message, publications.list_table(found, current_language())]), withdrawal.choices(found)


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
    # "Publiceren" -> freeze the figures at the peildatum, list the snapshots again
    app.callback(
        Output(ids.PUBLISH_LIST, "children"),
        Output(ids.WITHDRAW_CHOICE, "options"),
        Input(ids.PUBLISH_BUTTON, "n_clicks"),
        State(ids.PUBLISH_DAY, "value"),
        State(ids.PUBLISH_NAME, "value"),
        prevent_initial_call=True,
    )(publish_snapshot)
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
