"""Shared figure styling: colour-blind-safe classes and a base layout copied per figure."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
from babel.numbers import get_decimal_symbol, get_group_symbol

from dashboard.i18n import current_locale

# ColorBrewer YlGnBu, safe for colour-blind readers; one set per number of classes.
CLASS_COLOURS = {
    3: ("#edf8b1", "#7fcdbb", "#2c7fb8"),
    4: ("#ffffcc", "#a1dab4", "#41b6c4", "#225ea8"),
    5: ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"),
}
NO_DATA = "#bdbdbd"
HIGHLIGHT = "#d55e00"  # Okabe–Ito vermilion, for the selected region
NEUTRAL = "#5b7fa6"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"


def base_layout(**overrides: Any) -> dict[str, Any]:
    """A new layout dict each call, so no figure shares (and mutates) another's."""
    layout: dict[str, Any] = {
        "font": {"family": FONT, "size": 14, "color": "#212529"},
        "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "hoverlabel": {"bgcolor": "#ffffff", "font": {"family": FONT, "size": 14}},
        # Plotly's own numbers (axis ticks, %{y:,.0f}) as the language writes them: decimal mark, then
        # thousands separator (",." in Dutch, ".," in English).
        "separators": get_decimal_symbol(current_locale()) + get_group_symbol(current_locale()),
    }
    layout.update(overrides)
    return layout


def class_palette(classes: int) -> list[str]:
    """No-data grey followed by the colours for ``classes`` classes."""
    return [NO_DATA, *CLASS_COLOURS[classes]]


def discrete_colourscale(colours: list[str]) -> list[list[Any]]:
    """A stepped colourscale: class i (0 … n-1) gets exactly colours[i] with zmin=-0.5, zmax=n-0.5."""
    n = len(colours)
    scale: list[list[Any]] = []
    for index, colour in enumerate(colours):
        scale += [[index / n, colour], [(index + 1) / n, colour]]
    return scale


def readable_text(background: str) -> str:
    """Black or white, whichever contrasts more with ``background`` (WCAG relative luminance)."""

    def channel(hex_pair: str) -> float:
        value = int(hex_pair, 16) / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(background[i : i + 2]) for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#ffffff"


def message_figure(text: str, height: int = 300) -> go.Figure:
    """An empty figure that says why it shows nothing (no data, numbers too small to publish)."""
    figure = go.Figure(layout=base_layout(height=height))
    figure.add_annotation(
        text=text, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False, font={"size": 16}
    )
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)
    return figure
