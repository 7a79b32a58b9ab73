"""A long ranking set in columns side by side: one scale, room between the columns for the names."""

from __future__ import annotations

from typing import Any

import pandas as pd

from layouts.figures.theme import Medium
from layouts.metric_specs import MetricSpec


def columns_layout(
    layout: dict[str, Any],
    labels: list[list[str]],
    name_size: int,
    medium: Medium,
    top: float,
    value_room: float = 0,
) -> dict[str, Any]:
    """Axes for a ranking set in columns side by side, all on one scale.

    Each column's names stand left of its bars, so the room between two columns is that of the
    longest name in the column to the right (estimated: Plotly places names after the layout).

    Args:
        layout: the one-column layout (its margin and axes are the model for every column).
        labels: the names of each column, top to bottom.
        name_size: the size the names are drawn at.
        medium: the medium, for the width the figure is drawn at.
        top: where each column's scale ends (the value column stands there), the same for all.
        value_room: the pixels the values right of each column take.
    """
    width = float(medium.width or 1200)
    names = [
        max((medium.text_width(name, name_size) for name in column), default=0) + 12 for column in labels
    ]
    left = names[0]
    plot = width - left - layout["margin"]["r"]
    gaps = [min(0.45, (name + value_room) / plot) for name in names[1:]]
    share = (1 - sum(gaps)) / len(labels)
    axes: dict[str, Any] = {"margin": {**layout["margin"], "l": round(left)}}
    start = 0.0
    for axis in range(1, len(labels) + 1):
        suffix = str(axis) if axis > 1 else ""
        # Each column's values stand beyond its scale, in the gap before the next column's names.
        axes[f"xaxis{suffix}"] = {
            **layout["xaxis"],
            "domain": [start, start + share],
            "range": [0, top],
            "anchor": f"y{suffix}",
        }
        axes[f"yaxis{suffix}"] = {**layout["yaxis"], "anchor": f"x{suffix}"}
        start += share + (gaps[axis - 1] if axis <= len(gaps) else 0)
    return axes


def highest(ordered: pd.DataFrame, spec: MetricSpec, goals: pd.Series) -> float:
    """The highest value drawn: bar, goal or interval; 1 when there is none."""
    drawn = [ordered["_value"].max(), goals.max()]
    if spec.interval:
        drawn.append(ordered["ci_hoog"].max())
    return max([float(v) for v in drawn if v == v] or [1.0]) or 1.0
