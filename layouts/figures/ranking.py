"""Ranking of the 35 regions on one metric, with the goal line and 95 % intervals for percentages."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from layouts.figures.theme import HIGHLIGHT, NEUTRAL, base_layout
from layouts.metric_specs import MetricSpec

ROW_HEIGHT = 22


def ranking_figure(
    frame: pd.DataFrame,
    spec: MetricSpec,
    year: int,
    peildatum: dt.date,
    highlight: str | None,
    immature: bool = False,
) -> go.Figure:
    """Horizontal bars, best first; regions without data last, labelled as such.

    The highlighted region is marked by colour and by an arrow in its label, never colour alone.
    """
    ordered = frame.assign(_value=frame[spec.column]).sort_values(
        "_value", ascending=False, na_position="last"
    )
    values = ordered["_value"]
    labels = [
        ("▶ " if row.code == highlight else "") + row.naam + (" (geen gegevens)" if value != value else "")
        for row, value in zip(ordered.itertuples(), values, strict=True)
    ]
    colours = [HIGHLIGHT if code == highlight else NEUTRAL for code in ordered["code"]]
    error_x = None
    if spec.interval:
        error_x = {
            "type": "data",
            "symmetric": False,
            "array": (ordered["ci_hoog"] - values).fillna(0).tolist(),
            "arrayminus": (values - ordered["ci_laag"]).fillna(0).tolist(),
            "color": "#343a40",
            "thickness": 1.2,
            "width": 3,
        }
    bar = go.Bar(
        x=values.fillna(0).tolist(),
        y=labels,
        orientation="h",
        marker={"color": colours},
        error_x=error_x,
        # The value beside each bar: readable without hovering and without telling colours apart.
        text=[spec.format(v) if v == v else "" for v in values],
        textposition="outside",
        cliponaxis=False,
        customdata=np.column_stack([ordered["code"], [spec.format(v) for v in values]]),
        hovertemplate="<b>%{y}</b><br>" + spec.label + ": %{customdata[1]}<extra></extra>",
    )
    goal = spec.goal(year, peildatum)
    goal_text = f"{spec.goal_label}: {spec.format(goal)}"
    if spec.interval and immature:
        # Domain rule: an immature cohort is not held against the 40 % goal as if it were final.
        goal_text += " · cohort nog niet uitontwikkeld"
    layout = base_layout(
        height=ROW_HEIGHT * len(ordered) + 70,
        margin={"l": 10, "r": 50, "t": 40, "b": 30},
        xaxis={"title": {"text": spec.label}, "gridcolor": "#e9ecef", "zeroline": False},
        yaxis={"autorange": "reversed", "automargin": True, "tickfont": {"size": 13}},
        bargap=0.25,
        shapes=[
            {
                "type": "line",
                "x0": goal,
                "x1": goal,
                "yref": "paper",
                "y0": 0,
                "y1": 1,
                "line": {"color": "#212529", "width": 2, "dash": "dash"},
            }
        ],
        annotations=[
            {
                "x": goal,
                "yref": "paper",
                "y": 1.0,
                "yanchor": "bottom",
                "text": goal_text,
                "showarrow": False,
                "font": {"size": 13},
            }
        ],
    )
    return go.Figure(bar, layout)
