"""The list of packs kept for a region's stuurgroep meetings, on the region page."""

from __future__ import annotations

import datetime as dt

from dash import html

from dashboard.auth.viewer import current_viewer
from dashboard.data.kept_packs import Kept, kept_for
from dashboard.i18n import _
from dashboard.infra.clock import AMSTERDAM
from dashboard.infra.runtime import runtime
from dashboard.text import format as fmt
from layouts.a11y import aria


def _made(value: dt.datetime) -> dt.date:
    # SQLite hands the stored UTC instant back without its zone.
    aware = value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)
    return aware.astimezone(AMSTERDAM).date()


def _day(value: dt.date) -> str:
    # "12 maart": the meetings a list shows are this season's; the year would only add noise.
    return f"{value.day} {fmt.month_name(value.month)}"


def kept_list(packs: list[Kept]) -> html.Div | None:
    """*Vergaderstuk voor de stuurgroep van 12 maart, gemaakt 5 maart* with download links."""
    if not packs:
        return None
    items = [
        html.Li(
            [
                html.I(className="bi bi-file-earmark-text me-1", **aria(hidden="true")),
                html.A(
                    _("Vergaderstuk voor de stuurgroep van {vergadering}, gemaakt {gemaakt}").format(
                        vergadering=_day(pack.meeting), gemaakt=_day(_made(pack.made))
                    ),
                    href=f"/vergaderstuk/bewaard/{pack.id}",
                    download="",
                ),
                f" ({pack.format.upper()})",
            ]
        )
        for pack in packs
    ]
    return html.Div(
        [html.H2(_("Klaar voor de stuurgroep"), className="h6"), html.Ul(items, className="small")]
    )


def region_kept(code: str) -> object:
    """The region's kept packs, for those who may read its organisations (as the packs show them)."""
    if not current_viewer().sees_organisations(code):
        return None
    return kept_list(kept_for(runtime().db, code))
