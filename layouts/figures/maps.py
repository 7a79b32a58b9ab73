"""The two map forms of the 35 regions (geographic and tile map), and the Patch for a new metric."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from dash import Patch

from layouts import format as fmt
from layouts.figures.theme import base_layout, class_palette, discrete_colourscale, readable_text
from layouts.metric_specs import MetricSpec

GEO = "geo"
TILES = "tegel"
MAP_HEIGHT = 600
NETHERLANDS = {"lat": 52.15, "lon": 5.35}


@dataclass(frozen=True)
class MapValues:
    """Everything on the map that depends on metric, year and peildatum (not on the geometry)."""

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


def _target_text(row: Any, spec: MetricSpec) -> str:
    if spec.key == "duurzaam":
        started = "geen" if row.gestart != row.gestart else fmt.number(row.gestart)
        goal = fmt.percentage(row.doel_duurzaam_pct)
        return f"{fmt.number(row.duurzaam)} duurzaam van {started} gestart; doel {goal}"
    if spec.key == "leer":
        return f"Doel: {fmt.number(row.doel_leerbijeenkomsten)} per jaar"
    if spec.key == "casus":
        return f"Doel: {fmt.number(row.doel_casusbesprekingen)} per jaar"
    return f"Doel: {fmt.number(row.doel_trajecten)} trajecten, tempo {fmt.number(row.verwacht)}"


def map_values(frame: pd.DataFrame, spec: MetricSpec, immature: bool) -> MapValues:
    """Classes, hover data and legend for ``spec`` from the rows of ``region_metrics``."""
    customdata, classes = [], []
    for row in frame.itertuples():
        value = getattr(row, spec.column)
        classes.append(spec.classify(value))
        status = row.status
        if spec.key == "duurzaam":
            reached = value >= row.doel_duurzaam_pct  # the region's own goal for the year
            status = (
                "nog niet uitontwikkeld" if immature else ("op of boven doel" if reached else "onder doel")
            )
            status = "geen gegevens" if value != value else status
        elif spec.key in ("leer", "casus") and value != value:
            status = "geen gegevens"
        elif spec.key in ("leer", "casus"):
            status = f"{fmt.number(value)} gehouden"
        customdata.append([row.code, row.naam, spec.format(value), _target_text(row, spec), status])
    label = spec.label
    return MapValues(
        codes=list(frame["code"]),
        classes=classes,
        customdata=customdata,
        palette=class_palette(len(spec.edges) + 1),
        ticktext=["geen gegevens", *spec.class_labels()],
        hovertemplate=(
            "<b>%{customdata[1]}</b><br>" + label + ": %{customdata[2]}<br>%{customdata[3]}"
            "<br>Status: %{customdata[4]}<extra></extra>"
        ),
        title=label,
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
        textfont={"color": values.text_colours, "size": 14},
        marker={
            "symbol": "square",
            "size": 54,
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
