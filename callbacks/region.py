"""Callbacks of the region page."""

from __future__ import annotations

from typing import Any

from dash import Dash, Input, Output

from callbacks.national import resolve, year_before
from dashboard import domain, metrics
from dashboard.data.national import latest_mature_cohort, summarise_country
from dashboard.data.progress import progress_by_region
from dashboard.runtime import runtime
from geodata import region_refs
from layouts import format as fmt
from layouts import ids
from layouts.exports import export_links
from layouts.tiles import tiles


def update_region(
    year_raw: str | None, code: str | None, peildatum_raw: str | None = None
) -> tuple[list[Any], str, object]:
    """The region's tiles (with last year's figures), its heading and the download links."""
    year, peildatum = resolve(year_raw, peildatum_raw)
    db = runtime().db
    ref = next(r for r in region_refs() if r.code == code)
    frame = progress_by_region(db, year, peildatum)
    mature = latest_mature_cohort(db, year, peildatum, ref.code)
    summary = summarise_country(frame[frame["code"] == ref.code], year, peildatum, mature)
    previous = None
    if year - 1 >= domain.FIRST_YEAR:
        before = year_before(peildatum)
        earlier = progress_by_region(db, year - 1, before)
        previous = summarise_country(earlier[earlier["code"] == ref.code], year - 1, before)
    last = fmt.date(metrics.effective_date(year, peildatum))
    heading = f"Arbeidsmarktregio {ref.code} · provincie {ref.provincie} · voortgang {year}, t/m {last}"
    links = export_links("regios", year, peildatum, "de cijfers van deze regio", region=ref.code)
    return tiles(summary, previous, with_regions=False), heading, links


def register(app: Dash) -> None:
    """Wire this module's callbacks to ``app``."""
    # year select, region -> tiles, heading
    app.callback(
        Output(ids.REGION_TILES, "children"),
        Output(ids.REGION_HEADING, "children"),
        Output(ids.REGION_EXPORT, "children"),
        Input(ids.REGION_YEAR, "value"),
        Input(ids.REGION_CODE, "data"),
        Input(ids.REGION_PEILDATUM, "data"),
    )(update_region)
