"""What the Data page says about a file that passed the contract but warns."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard.i18n import _, ngettext
from dashboard.importing import ImportUnconfirmed
from dashboard.text import format as fmt


def unconfirmed_report(unconfirmed: ImportUnconfirmed) -> object:
    """An import stopped by warnings without "toch importeren": nothing stored, and why."""
    header, *warnings = unconfirmed.report().split("\n")
    return dbc.Alert(
        [html.Strong(header), html.Ul([html.Li(w) for w in warnings], className="mt-2 mb-0")],
        color="warning",
    )


def warnings_report(file_name: str, summary: str, warnings: tuple[str, ...]) -> object:
    """A check that passed the contract but warns: what it found, and how to import anyway."""
    return dbc.Alert(
        [
            html.Strong(
                ngettext(
                    "{bestand} is goedgekeurd, met {n} waarschuwing. ",
                    "{bestand} is goedgekeurd, met {n} waarschuwingen. ",
                    len(warnings),
                ).format(bestand=file_name, n=fmt.number(len(warnings)))
            ),
            summary,
            html.Ul([html.Li(warning) for warning in warnings], className="mt-2 mb-2"),
            _(
                "Verbeter het bestand, of vink 'Toch importeren' aan en klik op Importeren. Zonder "
                "dat vinkje wordt niets opgeslagen."
            ),
        ],
        color="warning",
    )
