"""The two map forms of the 35 regions (geographic and tile map), and the Patch for a new metric."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from dash import Patch

from dashboard.region_metrics import OutflowCohort
from layouts.figures.theme import NO_DATA, base_layout, class_palette, discrete_colourscale, readable_text
from layouts.metric_specs import MetricSpec

GEO = "geo"
TILES = "tegel"
MAP_HEIGHT = 600
NETHERLANDS = {"lat": 52.15, "lon": 5.35}
# A sand tone that is neither a class colour nor the no-data grey: "not yet judged", not "low".
IMMATURE = "#f1e2c0"
TILE_SIZE = 58


@dataclass(frozen=True)
class MapValues:
    """Everything on the map that depends on metric, year and peildatum (not on the geometry).

    ``customdata`` per region: code, name, value, the value against its goal in words, status,
    and the short value printed on the tile.
    """

    codes: list[str]
    classes: list[int]
    customdata: list[list[str]]
    palette: list[str]
    ticktext: list[str]
    hovertemplate: str
    title: str

    @property
    def text_colours(self) -> list[str]:
        """Label colour per region with enough contrast on its fill."""
        return [readable_text(self.palette[c]) for c in self.classes]


def map_values(frame: pd.DataFrame, spec: MetricSpec, cohort: OutflowCohort | None = None) -> MapValues:
    """Classes, hover data and legend for ``spec`` from the rows of ``region_metrics``.

    ``cohort`` tells which start cohort the outflow metric shows. When no cohort is mature yet the
    values get one neutral class instead of the goal-based bins: they are not to be judged yet.
    """
    neutral = cohort is not None and not cohort.mature
    customdata, classes = [], []
    for row in frame.itertuples():
        value = getattr(row, spec.column)
        classes.append((0 if value != value else 1) if neutral else spec.classify(value))
        status = getattr(row, spec.status_column)
        customdata.append(
            [row.code, row.naam, spec.format(value), spec.detail(row), status, spec.short(value)]
        )
    title = spec.label if cohort is None else f"{spec.label}<br>{cohort.note()}"
    return MapValues(
        codes=list(frame["code"]),
        classes=classes,
        customdata=customdata,
        palette=[NO_DATA, IMMATURE] if neutral else class_palette(len(spec.edges) + 1),
        ticktext=["geen gegevens", "nog niet uitontwikkeld"]
        if neutral
        else ["geen gegevens", *spec.class_labels()],
        hovertemplate=(
            "<b>%{customdata[1]}</b><br>" + spec.label + ": %{customdata[2]}<br>%{customdata[3]}"
            "<br>Status: %{customdata[4]}<extra></extra>"
        ),
        title=title,
    )


def map_summary(frame: pd.DataFrame, spec: MetricSpec, cohort: OutflowCohort | None = None) -> str:
    """One sentence for readers who cannot see the map: who is furthest behind, and how many are not.

    "Furthest behind" is the lowest value relative to the region's own goal.
    """
    values = frame[spec.column].astype(float).to_numpy()
    total, known = len(frame), int(np.count_nonzero(~np.isnan(values)))
    missing = f", {total - known} zonder gegevens" if known < total else ""
    if known == 0:
        return f"Geen van de {total} regio's heeft gegevens voor {spec.label.lower()}."
    if cohort is not None and not cohort.mature:
        return (
            f"Cohort {cohort.year} is nog niet uitontwikkeld, dus de duurzame uitstroom wordt nog niet "
            f"met het doel vergeleken; {known} van de {total} regio's hebben gegevens."
        )
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
    where = f" in cohort {cohort.year}" if cohort is not None else ""
    others = int(lowest.sum()) - 1
    regions = "regio" if others == 1 else "regio's"
    subject = f"{last.naam} en {others} andere {regions} staan" if others else f"{last.naam} staat"
    lead = f"{subject}{where} het verst achter" if behind else f"{subject}{where} het laagst"
    reached = int((frame[spec.status_column] == spec.reached).sum())
    later = (
        f" (cohort {cohort.selected} is nog niet uitontwikkeld)"
        if cohort is not None and cohort.replaced
        else ""
    )
    return f"{lead}: {spec.detail(last)}; {reached} van de {total} regio's {spec.reached}{missing}{later}."


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


def geo_map_figure(geojson: dict[str, Any], values: MapValues) -> go.Figure:
    """The real boundaries on a blank background (no tiles, so no request leaves the server)."""
    n = len(values.palette)
    trace = go.Choroplethmap(
        geojson=geojson,
        locations=values.codes,
        featureidkey="properties.statcode",
        z=values.classes,
        zmin=-0.5,
        zmax=n - 0.5,
        marker={"line": {"color": "#ffffff", "width": 1}},
        customdata=values.customdata,
        hovertemplate=values.hovertemplate,
        **_colour_axis(values),
    )
    layout = base_layout(
        height=MAP_HEIGHT,
        map={"style": "white-bg", "center": NETHERLANDS, "zoom": 6.1},
        meta={"vorm": GEO},
    )
    return go.Figure(trace, layout)


def tile_map_figure(tiles: pd.DataFrame, values: MapValues) -> go.Figure:
    """Every region one equal square at its tile position, so small regions stay visible."""
    placed = tiles.set_index("code").loc[values.codes]
    n = len(values.palette)
    trace = go.Scatter(
        x=placed["tegel_kolom"],
        y=placed["tegel_rij"],
        mode="markers+text",
        text=placed["afkorting"],
        # Abbreviation and value on every tile: readable on a projector without hovering.
        texttemplate="<b>%{text}</b><br>%{customdata[5]}",
        textfont={"color": values.text_colours, "size": 13},
        marker={
            "symbol": "square",
            "size": TILE_SIZE,
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
        height=MAP_HEIGHT,
        xaxis={**axis, "range": [-0.7, 6.7]},
        yaxis={**axis, "range": [8.7, -0.7], "scaleanchor": "x"},
        meta={"vorm": TILES},
    )
    return go.Figure(trace, layout)


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
    return patch
