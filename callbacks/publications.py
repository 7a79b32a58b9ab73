"""Callback of the Publicaties page: ``beheer`` publishes the figures at a peildatum, nobody else."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, html
from dash.exceptions import PreventUpdate

from dashboard.auth import store
from dashboard.auth.viewer import current_viewer
from dashboard.data import snapshots
from dashboard.i18n import _, current_language
from dashboard.infra.runtime import current_peildatum, runtime
from dashboard.reports.publication import publish
from dashboard.reports.view import View
from dashboard.text import format as fmt
from layouts import ids, publications


def publish_snapshot(clicks: int | None, day_raw: str | None, name_raw: str | None) -> html.Div:
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
    return html.Div([message, publications.list_table(snapshots.publications(db), current_language())])


def register(app: Dash) -> None:
    """Wire this module's callbacks to ``app``."""
    # "Publiceren" -> freeze the figures at the peildatum, list the snapshots again
    app.callback(
        Output(ids.PUBLISH_LIST, "children"),
        Input(ids.PUBLISH_BUTTON, "n_clicks"),
        State(ids.PUBLISH_DAY, "value"),
        State(ids.PUBLISH_NAME, "value"),
        prevent_initial_call=True,
    )(publish_snapshot)
