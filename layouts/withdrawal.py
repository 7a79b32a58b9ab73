"""Withdrawing a publication on the Publicaties page (``beheer`` only): choose, give a reason, confirm.

Two steps, both plain form controls a keyboard reaches in order: *Intrekken…* asks the question
right under the button, *Ja, intrekken* withdraws. Nothing changes before the second step.
"""

from __future__ import annotations

from collections.abc import Sequence

import dash_bootstrap_components as dbc
from dash import html

from dashboard.data.snapshots import PublicationRef
from dashboard.i18n import _
from dashboard.text import format as fmt
from layouts import ids
from layouts.a11y import aria

# The longest reason the database keeps (``publication.reden``).
REASON_MAX = 500


def choices(found: Sequence[PublicationRef]) -> list[dict[str, str]]:
    """The publications that can still be withdrawn, as options of the choice list."""
    return [
        {
            "label": f"{f.naam} ({_('cijfers t/m {datum}').format(datum=fmt.date(f.peildatum))})",
            "value": str(f.id),
        }
        for f in found
        if not f.withdrawn
    ]


def question(found: PublicationRef, reason: str) -> str:
    """What the confirmation step asks."""
    return _(
        "Publicatie ‘{naam}’ (cijfers t/m {datum}) intrekken met de reden ‘{reden}’? Ze blijft vermeld "
        "als ingetrokken; intrekken kan niet ongedaan worden."
    ).format(naam=found.naam, datum=fmt.date(found.peildatum), reden=reason)


def section(found: Sequence[PublicationRef]) -> html.Section:
    """The form that withdraws a publication, with its hidden confirmation step."""
    return html.Section(
        [
            html.H2(_("Intrekken"), className="h4"),
            html.P(
                _(
                    "Een publicatie die niet klopt, trekt u in met een reden. Ze blijft in de lijst staan, "
                    "met wanneer, door wie en waarom; de pagina's tonen dan weer de huidige cijfers."
                ),
                className="small",
            ),
            html.Div(
                [
                    dbc.Label(_("Publicatie"), html_for=ids.WITHDRAW_CHOICE),
                    dbc.Select(
                        id=ids.WITHDRAW_CHOICE,
                        options=choices(found),
                        placeholder=_("Kies een publicatie"),
                        style={"maxWidth": "32rem"},
                    ),
                ],
                className="mb-2",
            ),
            html.Div(
                [
                    dbc.Label(_("Reden van intrekken (verplicht)"), html_for=ids.WITHDRAW_REASON),
                    dbc.Textarea(
                        id=ids.WITHDRAW_REASON,
                        maxLength=REASON_MAX,
                        rows=2,
                        required=True,
                        style={"maxWidth": "32rem"},
                    ),
                ],
                className="mb-2",
            ),
            dbc.Button(_("Intrekken…"), id=ids.WITHDRAW_BUTTON, color="danger", outline=True, size="sm"),
            html.Div(id=ids.WITHDRAW_FEEDBACK, className="mt-2", **aria(live="polite")),
            html.Div(
                [
                    html.P(id=ids.WITHDRAW_QUESTION, **aria(live="polite")),
                    dbc.Button(
                        _("Ja, intrekken"),
                        id=ids.WITHDRAW_CONFIRM,
                        color="danger",
                        size="sm",
                        className="me-2",
                    ),
                    dbc.Button(
                        _("Annuleren"), id=ids.WITHDRAW_CANCEL, color="secondary", outline=True, size="sm"
                    ),
                ],
                id=ids.WITHDRAW_PANEL,
                hidden=True,
                role="group",
                className="border border-danger rounded p-2 mt-2",
                **aria(label=_("Intrekken bevestigen")),
            ),
            html.Div(id=ids.WITHDRAW_DONE, className="mt-2", **aria(live="polite")),
        ],
        className="mb-4",
    )
