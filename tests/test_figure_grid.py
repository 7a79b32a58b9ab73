"""The small-multiples grid is laid out exactly as Plotly's ``make_subplots`` lays it out."""

from __future__ import annotations

import pytest
from plotly.subplots import make_subplots

from layouts.figures.grid import Grid


@pytest.mark.parametrize(("rows", "columns"), [(1, 1), (2, 3), (7, 5), (18, 2)])
def test_grid_layout_equals_make_subplots(rows, columns):
    spacing = 0.5 / rows
    titles = [f"regio {i}" for i in range(rows * columns - 1)] + [""]  # the last cell left empty
    reference = make_subplots(
        rows=rows,
        cols=columns,
        shared_yaxes=True,
        shared_xaxes="all",
        horizontal_spacing=0.02,
        vertical_spacing=spacing,
        subplot_titles=titles,
    )
    reference.update_annotations(font={"size": 12})
    expected = reference.to_plotly_json()["layout"]
    expected.pop("template")
    grid = Grid(rows, columns, horizontal_spacing=0.02, vertical_spacing=spacing)
    assert grid.layout(titles, 12) == expected


def test_traces_name_the_axes_of_their_cell():
    grid = Grid(7, 5, horizontal_spacing=0.02, vertical_spacing=0.5 / 7)
    reference = make_subplots(rows=7, cols=5)
    reference.add_bar(x=[1], y=["a"], row=3, col=4)
    placed = reference.data[0]
    assert grid.axes(2 * 5 + 3) == (placed.xaxis, placed.yaxis) == ("x14", "y14")
    assert grid.axes(0) == ("x", "y")
