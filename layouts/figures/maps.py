"""The two map forms of the 35 regions (geographic and tile map), and the Patch for a new metric."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from dash import Patch

from dashboard.i18n import _, ngettext
from dashboard.reports.movement import Movement
from dashboard.rules.region_metrics import OutflowCohort
from dashboard.text import format as fmt
from dashboard.text.changes import since_phrase, value_mark
from layouts.figure_table import table_meta, with_table
from layouts.figures.theme import (
    NO_DATA,
    SCREEN,
    Medium,
    base_layout,
    class_palette,
    discrete_colourscale,
    readable_text,
)
from layouts.metric_specs import MetricSpec

GEO = "geo"
TILES = "tegel"
MAP_HEIGHT = 600
# No land, sea or frame of Plotly's own: only the regions, in Mercator (the familiar shape of the
# country), framed by the bounding box of the Netherlands with a small margin. Fitting to the
# locations instead leaves the map a fifth smaller in the same space.
GEO_LAYOUT = {
    "visible": False,
    "projection": {"type": "mercator"},
    "lonaxis": {"range": [3.3, 7.25]},
    "lataxis": {"range": [50.7, 53.6]},
    "bgcolor": "rgba(0,0,0,0)",
}
# A sand tone that is neither a class colour nor the no-data grey: "not yet judged", not "low".
IMMATURE = "#f1e2c0"
TILE_SIZE = 58
# The tile grid's rows, with half a tile of room above and below (the y range of the tile map).
TILE_ROWS = (-0.55, 8.55)
# Two lines (abbreviation and value, "106 %") fit a square in letters this share of its side,
# with room round them.
TILE_TEXT_SHARE = 0.28
# Three lines (abbreviation, value, change) on a page's tile: letters this size leave room round them.
TILE_THREE_LINES = 12


@dataclass(frozen=True)
class MapValues:
    """Everything on the map that depends on metric, year and peildatum (not on the geometry).

    ``customdata`` per region: code, name, value, the value against its goal in words, status,
    and the short value printed on the tile; with a comparison also the change (``▲ +12``) and
    the change in words. ``label`` names the metric, ``caption`` heads the *toon als tabel* table
    (the metric and, for outflow, its cohort); ``changed`` names the comparison, or is empty.
    """

    codes: list[str]
    classes: list[int]
    customdata: list[list[str]]
    palette: list[str]
    ticktext: list[str]
    hovertemplate: str
    title: str
    label: str
    caption: str
    changed: str = ""

    @property
    def text_colours(self) -> list[str]:
        """Label colour per region with enough contrast on its fill."""
        return [readable_text(self.palette[c]) for c in self.classes]

    def table(self) -> tuple[str, list[str], list[list[str]]]:
        """Caption, column headers and rows of the table: per region its value, colour class, status."""
        columns = [_("Regio"), self.label, _("Kleurklasse"), _("Status")]
        rows = [
            [data[1], data[2], self.ticktext[klass], data[4]]
            for data, klass in zip(self.customdata, self.classes, strict=True)
        ]
        if self.changed:
            columns.append(_("Verschil {sinds}").format(sinds=self.changed))
            for row, data in zip(rows, self.customdata, strict=True):
                row.append(data[6] or "–")
        return self.caption, columns, rows


def map_values(
    frame: pd.DataFrame,
    spec: MetricSpec,
    cohort: OutflowCohort | None = None,
    moved: Movement | None = None,
) -> MapValues:
    """Classes, hover data and legend for ``spec`` from the rows of ``region_metrics``.

    ``cohort`` tells which start cohort the outflow metric shows. When no cohort is mature yet the
    values get one neutral class instead of the goal-based bins: they are not to be judged yet.
    ``moved`` (the report's movement since its comparison day) adds each region's change as a
    second metric: in the hover, the table and, on the tile map, a line on each tile.
    """
    compared = moved is not None and moved.known
    neutral = cohort is not None and not cohort.mature
    label = spec.label
    customdata, classes = [], []
    for row in frame.itertuples():
        value = getattr(row, spec.column)
        classes.append((0 if value != value else 1) if neutral else spec.classify(value))
        # The status column holds the Dutch status word, a key of the catalogue.
        status = _(str(getattr(row, spec.status_column)))
        data = [row.code, row.naam, spec.format(value), spec.detail(row), status, spec.short(value)]
        if compared and moved is not None:
            data += _change(moved, row.code, spec)
        customdata.append(data)
    title = label if cohort is None else f"{label}<br>{cohort.note()}"
    caption = label if cohort is None else f"{label}, {cohort.note()}"
    return MapValues(
        codes=list(frame["code"]),
        classes=classes,
        customdata=customdata,
        palette=[NO_DATA, IMMATURE] if neutral else class_palette(len(spec.edges) + 1),
        ticktext=[_("geen gegevens"), _("nog niet uitontwikkeld")]
        if neutral
        else [_("geen gegevens"), *spec.class_labels()],
        hovertemplate=(
            "<b>%{customdata[1]}</b><br>" + label + ": %{customdata[2]}<br>%{customdata[3]}"
            "<br>"
            + _("Status")
            + ": %{customdata[4]}"
            + ("<br>%{customdata[7]}" if compared else "")
            + "<extra></extra>"
        ),
        title=title,
        label=label,
        caption=caption,
        changed=since_phrase(moved.comparison) if compared and moved is not None else "",
    )


def _change(moved: Movement, code: str, spec: MetricSpec) -> list[str]:
    """``▲ +12`` and the same in words, from the report's values then and now."""
    change = moved.values.get(code)
    mark = value_mark(change.difference) if change is not None else ""
    if change is None or not mark:
        return ["", _("Geen verschil bekend {sinds}").format(sinds=since_phrase(moved.comparison))]
    unit = " " + _("procentpunt") if spec.percent else ""
    words = _("Verschil {sinds}: {verschil}{eenheid} (van {toen} naar {nu})").format(
        sinds=since_phrase(moved.comparison),
        verschil=mark,
        eenheid=unit,
        toen=spec.format(change.then),
        nu=spec.format(change.now),
    )
    return [mark, words]


def map_summary(frame: pd.DataFrame, spec: MetricSpec, cohort: OutflowCohort | None = None) -> str:
    """One sentence for readers who cannot see the map: who is furthest behind, and how many are not.

    "Furthest behind" is the lowest value relative to the region's own goal.
    """
    values = frame[spec.column].astype(float).to_numpy()
    total, known = len(frame), int(np.count_nonzero(~np.isnan(values)))
    missing = _(", {count} zonder gegevens").format(count=fmt.number(total - known)) if known < total else ""
    if known == 0:
        return _("Geen van de {total} regio's heeft gegevens voor {metric}.").format(
            total=fmt.number(total), metric=spec.label.lower()
        )
    if cohort is not None and not cohort.mature:
        return _(
            "Cohort {year} is nog niet uitontwikkeld, dus de duurzame uitstroom wordt nog niet "
            "met het doel vergeleken; {known} van de {total} regio's hebben gegevens."
        ).format(year=cohort.year, known=fmt.number(known), total=fmt.number(total))
    goals = spec.goal(frame).astype(float).replace(0, np.nan).to_numpy()
    with np.errstate(invalid="ignore", divide="ignore"):
        ratios = values / goals
    # No goal to fall behind on counts as ahead; no data is left out.
    ratios = np.where(np.isnan(goals), np.inf, ratios)
    ratios = np.where(np.isnan(values), np.nan, ratios)
    rows = list(frame.itertuples())
    lowest = np.isclose(ratios, np.nanmin(ratios))
    # Of equal regions the last in code order, the one the ranking (stable, best first) ends with.
    last = rows[int(np.flatnonzero(lowest)[-1])]
    behind = getattr(last, spec.status_column) != spec.reached
    where = _(" in cohort {year}").format(year=cohort.year) if cohort is not None else ""
    others = int(lowest.sum()) - 1
    lead = _lead(others, behind).format(name=last.naam, others=fmt.number(others), where=where)
    reached = int((frame[spec.status_column] == spec.reached).sum())
    later = (
        _(" (cohort {year} is nog niet uitontwikkeld)").format(year=cohort.selected)
        if cohort is not None and cohort.replaced
        else ""
    )
    return _("{lead}: {detail}; {reached} van de {total} regio's {status}{missing}{later}.").format(
        lead=lead,
        detail=spec.detail(last),
        reached=fmt.number(reached),
        total=fmt.number(total),
        status=_(spec.reached),
        missing=missing,
        later=later,
    )


def _lead(others: int, behind: bool) -> str:
    # Whole sentences per case, so a translation can put the cohort ({where}) where its language wants it.
    if not others:
        return _("{name} staat{where} het verst achter") if behind else _("{name} staat{where} het laagst")
    if behind:
        return ngettext(
            "{name} en {others} andere regio staan{where} het verst achter",
            "{name} en {others} andere regio's staan{where} het verst achter",
            others,
        )
    return ngettext(
        "{name} en {others} andere regio staan{where} het laagst",
        "{name} en {others} andere regio's staan{where} het laagst",
        others,
    )


def _colour_axis(values: MapValues) -> dict[str, Any]:
    n = len(values.palette)
    return {
        "colorscale": discrete_colourscale(values.palette),
        "colorbar": {
            "title": {"text": values.title, "side": "top"},
            "tickvals": list(range(n)),
            "ticktext": values.ticktext,
            "ticks": "",
            "thickness": 18,
            "len": 0.6,
            "outlinewidth": 0,
        },
    }


def geo_map_figure(geojson: dict[str, Any], values: MapValues, medium: Medium = SCREEN) -> go.Figure:
    """The real boundaries as an SVG map of the Netherlands, with no base map at all.

    Plotly's geo map draws 35 paths in tens of milliseconds, where the tile-based map library took
    half a second in a browser without graphics hardware; it needs no tiles, so no request leaves
    the server.
    """
    n = len(values.palette)
    trace = go.Choropleth(
        geojson=geojson,
        locations=values.codes,
        featureidkey="properties.statcode",
        z=values.classes,
        zmin=-0.5,
        zmax=n - 0.5,
        marker={"line": {"color": "#ffffff", "width": medium.line(1)}},
        customdata=values.customdata,
        hovertemplate=values.hovertemplate,
        **_colour_axis(values),
    )
    layout = base_layout(medium, height=MAP_HEIGHT, geo=GEO_LAYOUT, dragmode=False)
    return _with_table(go.Figure(trace, layout), values, GEO)


def tile_map_figure(tiles: pd.DataFrame, values: MapValues, medium: Medium = SCREEN) -> go.Figure:
    """Every region one equal square at its tile position, so small regions stay visible.

    Where the room is fixed (a projector screen, a printed page) the squares fill it without
    overlapping, and the labels on them grow only as far as a square holds them.
    """
    placed = tiles.set_index("code").loc[values.codes]
    n = len(values.palette)
    tile, text_size = TILE_SIZE, 13
    # On a page's tile the change since the comparison day gets a third line; a projector's or a
    # printed tile holds two readable lines only, and its screen or page says the change in words.
    three = bool(values.changed) and medium.height is None
    template = "<b>%{text}</b><br>%{customdata[5]}" + ("<br>%{customdata[6]}" if three else "")
    if three:
        text_size = TILE_THREE_LINES
    if medium.height is not None:
        # The height decides the grid's pitch (the axes keep squares square); 10 px of margins.
        pitch = (medium.height - 20) / (TILE_ROWS[1] - TILE_ROWS[0])
        tile = int(pitch * 0.97)
        text_size = min(medium.size(13), int(pitch * TILE_TEXT_SHARE))
    trace = go.Scatter(
        x=placed["tegel_kolom"],
        y=placed["tegel_rij"],
        mode="markers+text",
        text=placed["afkorting"],
        # Abbreviation and value on every tile: readable on a projector without hovering.
        texttemplate=template,
        textfont={"color": values.text_colours, "size": text_size},
        marker={
            "symbol": "square",
            "size": tile,
            "color": values.classes,
            "cmin": -0.5,
            "cmax": n - 0.5,
            "line": {"color": "#ffffff", "width": 2},
            **_colour_axis(values),
        },
        customdata=values.customdata,
        hovertemplate=values.hovertemplate,
    )
    axis = {"visible": False, "fixedrange": True}
    layout = base_layout(
        medium,
        height=MAP_HEIGHT,
        xaxis={**axis, "range": [-0.7, 6.7]},
        yaxis={**axis, "range": [TILE_ROWS[1], TILE_ROWS[0]], "scaleanchor": "x"},
    )
    return _with_table(go.Figure(trace, layout), values, TILES)


def _with_table(figure: go.Figure, values: MapValues, form: str) -> go.Figure:
    # The map's form sits in meta beside the table (with_table keeps what meta already holds).
    figure.update_layout(meta={"vorm": form})
    return with_table(figure, *values.table())


def map_patch(form: str, values: MapValues) -> Patch:
    """Update only what a metric or year change alters; the geometry stays in the browser."""
    patch = Patch()
    trace = patch["data"][0]
    axis = _colour_axis(values)
    n = len(values.palette)
    if form == GEO:
        trace["z"] = values.classes
        trace["zmax"] = n - 0.5
        trace["colorscale"] = axis["colorscale"]
        trace["colorbar"] = axis["colorbar"]
    else:
        trace["marker"]["color"] = values.classes
        trace["marker"]["cmax"] = n - 0.5
        trace["marker"]["colorscale"] = axis["colorscale"]
        trace["marker"]["colorbar"] = axis["colorbar"]
        trace["textfont"]["color"] = values.text_colours
    trace["customdata"] = values.customdata
    trace["hovertemplate"] = values.hovertemplate
    # The table must follow the new values too.
    patch["layout"]["meta"]["table"] = table_meta(*values.table())
    return patch
