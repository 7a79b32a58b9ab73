"""Download links for the figures behind a view (CSV and XLSX, same numbers as on screen)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from dash import html
from dash.development.base_component import Component

from dashboard.i18n import _, language_query
from layouts.a11y import aria


def export_links(
    view: str,
    year: int,
    peildatum: dt.date,
    what: str,
    region: str | None = None,
    cohort: int | None = None,
    publication: int | None = None,
) -> html.P:
    """``Download de cijfers (CSV · XLSX)`` for ``view`` at this year and peildatum (one region or all).

    ``what`` names the figures in the current language (the caller translates it); ``cohort`` is
    the start cohort whose outflow the page shows, so that the file shows the same one;
    ``publication`` the snapshot the page shows, so that the file holds its figures too.
    """
    params = {"jaar": year, "peildatum": peildatum.isoformat()} | ({"regio": region} if region else {})
    params |= {"cohort": cohort} if cohort is not None else {}
    params |= {"publicatie": publication} if publication is not None else {}
    # The language travels with the download, whatever the browser sends as Referer.
    query = urlencode(params | language_query())
    return html.P(
        [
            html.I(className="bi bi-download me-1", **aria(hidden="true")),
            _("Download {what}: ").format(what=what),
            html.A("CSV", href=f"/export/{view}.csv?{query}", download=""),
            " · ",
            html.A("XLSX", href=f"/export/{view}.xlsx?{query}", download=""),
        ],
        className="small",
    )


def pack_links(year: int, peildatum: dt.date | str, regions: tuple[str, ...] = ()) -> list[Component | str]:
    """``Vergaderstuk: PDF · PPTX`` for this year, peildatum and regions.

    Plain links that work without a script; with one (assets/pack-jobs.js) a click starts the pack
    as a background job and shows its progress, a stop button, and the file when it is done.
    """
    day = peildatum if isinstance(peildatum, str) else peildatum.isoformat()
    params = {"jaar": year, "peildatum": day} | ({"regios": ",".join(regions)} if regions else {})
    # The meeting pack is written in the language of the page that links to it.
    query = urlencode(params | language_query())
    return [
        html.I(className="bi bi-file-earmark-text me-1", **aria(hidden="true")),
        _("Vergaderstuk: "),
        html.A("PDF", href=f"/vergaderstuk.pdf?{query}", download="", **_job_words("PDF")),
        " · ",
        html.A("PPTX", href=f"/vergaderstuk.pptx?{query}", download="", **_job_words("PPTX")),
    ]


def _job_words(kind: str) -> dict[str, Any]:
    # The script's words come from the page, in the page's language.
    return {
        "data-taak": _("Vergaderstuk {soort}").format(soort=kind),
        "data-stop": _("Stoppen"),
        "data-opnieuw": _("Opnieuw proberen"),
        "data-begin": _("Vergaderstuk wordt gemaakt…"),
        "aria-label": _("Vergaderstuk {soort}").format(soort=kind),
    }


def presentation_link(year: int, peildatum: dt.date | str, regions: tuple[str, ...] = ()) -> html.A:
    """*Presenteren*: opens the show at this view.

    A region page passes its own region: the show then starts with that region's screens and
    follows with the national context.
    """
    day = peildatum if isinstance(peildatum, str) else peildatum.isoformat()
    params = {"jaar": year, "peildatum": day} | (
        {"regios": ",".join(regions), "begin": "regio"} if regions else {}
    )
    return html.A(
        [html.I(className="bi bi-easel me-1", **aria(hidden="true")), _("Presenteren")],
        href="/presentatie?" + urlencode(params),
        className="btn btn-outline-primary btn-sm",
    )
