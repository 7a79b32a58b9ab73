"""A grid of small charts as a plain figure dict: the layout ``make_subplots`` gives, without its cost.

``make_subplots`` builds every axis as a validated Plotly object: for the 35 regions' charts that
took 240 of the 280 ms the whole grid figure cost, on every uncached national page and change of
year. The grid here is the one case the monitor uses (equal cells, shared y per row, every x axis
shared, titles above the cells); ``tests/test_figure_grid.py`` holds it against ``make_subplots``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Grid:
    """``rows`` × ``columns`` cells, numbered left to right from the top row, as Plotly numbers them."""

    rows: int
    columns: int
    horizontal_spacing: float
    vertical_spacing: float

    def axes(self, index: int) -> tuple[str, str]:
        """The x and y axis of cell ``index`` (0-based) as a trace names them (``x``, ``y2``)."""
        suffix = "" if index == 0 else str(index + 1)
        return f"x{suffix}", f"y{suffix}"

    def domains(self, index: int) -> tuple[list[float], list[float]]:
        """The x and y domain of cell ``index``, computed as ``make_subplots`` computes them."""
        width = (1.0 - self.horizontal_spacing * (self.columns - 1)) / self.columns
        height = (1.0 - self.vertical_spacing * (self.rows - 1)) / self.rows
        row, column = divmod(index, self.columns)
        x_start = sum([width] * column) + column * self.horizontal_spacing
        # make_subplots lays rows out from the bottom and then numbers them from the top.
        below = self.rows - 1 - row
        y_start = sum([height] * below) + below * self.vertical_spacing
        return [x_start, x_start + width], [y_start, min(y_start + height, 1.0)]

    def layout(
        self,
        titles: list[str],
        title_size: int,
        x_axis: dict[str, Any] | None = None,
        y_axis: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """The axes of every cell and a title annotation above each cell that has one.

        ``x_axis`` and ``y_axis`` are settings every x and every y axis takes (a shared range).
        """
        cells = self.rows * self.columns
        # Every x axis follows the bottom row's first; each row's y axes follow its first cell's.
        bottom_left = (self.rows - 1) * self.columns
        layout: dict[str, Any] = {}
        annotations = []
        for index in range(cells):
            x_name, y_name = self.axes(index)
            (x_domain, y_domain), (row, column) = self.domains(index), divmod(index, self.columns)
            x: dict[str, Any] = {"anchor": y_name, "domain": x_domain}
            if index != bottom_left:
                x["matches"] = self.axes(bottom_left)[0]
            if row != self.rows - 1:
                x["showticklabels"] = False
            y: dict[str, Any] = {"anchor": x_name, "domain": y_domain}
            if column:
                y["matches"] = self.axes(row * self.columns)[1]
                y["showticklabels"] = False
            layout[_key("xaxis", index)] = x | (x_axis or {})
            layout[_key("yaxis", index)] = y | (y_axis or {})
            if index < len(titles) and titles[index]:
                annotations.append(
                    {
                        "font": {"size": title_size},
                        "showarrow": False,
                        "text": titles[index],
                        "x": sum(x_domain) / 2.0,
                        "xanchor": "center",
                        "xref": "paper",
                        "y": y_domain[1],
                        "yanchor": "bottom",
                        "yref": "paper",
                    }
                )
        if annotations:
            layout["annotations"] = annotations
        return layout


def _key(kind: str, index: int) -> str:
    return kind if index == 0 else f"{kind}{index + 1}"
