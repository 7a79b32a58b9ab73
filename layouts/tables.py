"""Accessible HTML tables (caption, header scopes) for the overview pages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dash import html

from layouts.a11y import scroll_region


def table(caption: str, headers: Sequence[str], rows: Sequence[Sequence[Any]], numeric: set[int]) -> html.Div:
    """A striped table; the first cell of each row is its row header.

    Args:
        caption: what the table shows (read out by screen readers).
        headers: column titles.
        rows: cells (text or components) per row.
        numeric: indexes of right-aligned number columns.
    """

    def cell(index: int, value: Any) -> html.Th | html.Td:
        css = "text-end" if index in numeric else None
        if index == 0:
            return html.Th(value, scope="row", className=css)
        return html.Td(value, className=css)

    # The classes dbc.Table(striped, hover) draws; plain dash.html, so a page may send the table
    # as one StaticHtml (layouts/static_html.py).
    grid = html.Table(
        [
            html.Caption(caption, className="caption-top"),
            html.Thead(
                html.Tr(
                    [
                        html.Th(h, scope="col", className="text-end" if i in numeric else None)
                        for i, h in enumerate(headers)
                    ]
                )
            ),
            html.Tbody([html.Tr([cell(i, v) for i, v in enumerate(row)]) for row in rows]),
        ],
        className="table table-striped table-hover align-middle",
    )
    # A wide table scrolls sideways; keyboard users reach the scroll area through its tab stop.
    return scroll_region(grid, caption)
