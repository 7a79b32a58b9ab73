"""Shared figure styling: colour-blind-safe classes, the medium a figure is read in, a base layout."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, replace
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio
from babel.numbers import get_decimal_symbol, get_group_symbol
from dash import dcc

from dashboard.i18n import current_language, current_locale

# The trace types the monitor draws that Plotly's default template has defaults for (gauges are
# indicators, which it has none for), and the kinds of plot area it never draws.
DRAWN_TRACES = ("bar", "choropleth", "scatter")
UNDRAWN_AREAS = ("polar", "scene", "ternary")
LEAN_TEMPLATE = "hzw"


def lean_template() -> go.layout.Template:
    """Plotly's default template, with the defaults of what the monitor draws only.

    Plotly puts its default template in every figure: 7.1 kB, of which 4.4 kB are defaults for
    trace types no figure here has (3-D, carpet, contour, …) and 0.9 kB for polar, 3-D and ternary
    plot areas. Every answer carried them once per figure (a region page ten times), and dcc.Graph
    copies each figure it is given. A trace takes only its own type's defaults and a plot area
    only its own, so figures look exactly as before.
    """
    full = pio.templates["plotly"]
    kept = {key: value for key, value in full.layout.to_plotly_json().items() if key not in UNDRAWN_AREAS}
    lean = go.layout.Template(layout=kept)
    for kind in DRAWN_TRACES:
        setattr(lean.data, kind, getattr(full.data, kind))
    return lean


# Every figure module styles through this one, so every figure is built with it.
pio.templates[LEAN_TEMPLATE] = lean_template()
pio.templates.default = LEAN_TEMPLATE

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
# The body text size on screen; every other size a builder names is a screen size, scaled from it.
SCREEN_FONT = 14
# A generous average letter width, in ems, for room set aside for names before Plotly draws them.
CHAR_WIDTH = 0.55


@dataclass(frozen=True)
class Medium:
    """Where a figure is read, and so how large its text and how thick its lines are drawn.

    A builder names its sizes as they are on screen (a 13 px label, a 2 px goal line) and asks
    the medium for them: on screen they stay what they are, on a projector and in print they grow.

    Attributes:
        name: ``screen``, ``projector`` or ``print``.
        font: the body text size (axis titles, legend, hover) in the figure's pixels.
        line_scale: how much thicker than on screen lines and marks are drawn.
        height: the height a figure gets where its room is fixed (a slide, a printed page's
            image), in pixels; None on screen, where each builder chooses its own.
        width: the narrowest width the figure is drawn at in that room, or None on screen.
        gap: the space between bars of a ranking, as a share of a row (Plotly's ``bargap``).
        columns: how many columns a long ranking is set in, so each name keeps a readable size.
    """

    name: str
    font: int
    line_scale: float
    height: int | None
    width: int | None
    gap: float
    columns: int = 1

    def size(self, screen: float) -> int:
        """The text size in this medium of text that is ``screen`` pixels on screen."""
        return round(screen * self.font / SCREEN_FONT)

    def line(self, screen: float) -> float:
        """The width in this medium of a line that is ``screen`` pixels wide on screen."""
        return screen * self.line_scale

    def in_room(self, height: int) -> Medium:
        """The same medium for a figure given ``height`` pixels (one screen of a show, say)."""
        return replace(self, height=height)

    @property
    def narrow(self) -> bool:
        """Whether the figure may be drawn narrower than a small tablet (a phone held upright)."""
        return self.width is not None and self.width < 576

    def text_width(self, text: str, size: int) -> float:
        """About how many pixels ``text`` takes at ``size`` (proportional letters average half an em)."""
        return len(text) * size * CHAR_WIDTH


# Screen: the pages, read at arm's length; every size is the builder's own.
SCREEN = Medium("screen", SCREEN_FONT, 1.0, None, None, 0.25)
# Phone: the pages on a screen under 576 px wide. Text keeps its size; builders that set things side
# by side (panels, tick labels) set fewer of them.
PHONE = Medium("phone", SCREEN_FONT, 1.0, None, 360, 0.25)
# Projector: presentation mode, read from the back of a room on 1280×720; a figure gets the room
# below the screen's title, and a ranking of 35 regions two columns so its names stay large.
PROJECTOR = Medium("projector", 20, 1.5, 520, 1240, 0.15, columns=2)
# The screen's body text on a projector is this share of the window's height (and at most this
# share of its width, for a window narrower than 16:9), as assets/monitor.css sets it with clamp().
WINDOW_TEXT_HEIGHT = 0.026
WINDOW_TEXT_WIDTH = 0.0146
WINDOW_TEXT_RANGE = (12, 120)
# A projector figure's body text against the screen's: a little larger, so that its smallest text
# (a 13 px screen label) is still as large as the screen's body text.
PROJECTOR_FONT = 1.15


def window_text(width: int, height: int) -> float:
    """The body text size of a presentation screen in a window of ``width`` × ``height`` pixels."""
    low, high = WINDOW_TEXT_RANGE
    return min(max(min(height * WINDOW_TEXT_HEIGHT, width * WINDOW_TEXT_WIDTH), low), high)


def projector_for(width: int, height: int) -> Medium:
    """The projector medium of a window of ``width`` × ``height`` pixels (a beamer, a big screen).

    Text, lines and the figure's room grow with the window, so a screen read from the back of the
    room looks the same on 1280×720 as on 3840×2160. The room is the window's height less the
    screen's title and controls; each screen narrows it further with ``in_room``.
    """
    text = window_text(width, height)
    font = round(text * PROJECTOR_FONT)
    return replace(
        PROJECTOR,
        font=font,
        line_scale=font / SCREEN_FONT,
        height=round(height * 0.7),
        # The screen's side margins are about a letter each.
        width=round(width - 2 * text),
    )


# Print: the meeting pack, figures drawn 1200×600 and shrunk onto an A4-landscape page or a slide
# (about 0.63 pt per pixel), so 17 px body text prints at about 11 pt.
PRINT = Medium("print", 17, 1.25, 600, 1200, 0.15)


def on_screen(narrow: bool | None) -> Medium:
    """The medium of a page's figure: ``narrow`` is what the browser said of its width."""
    return PHONE if narrow else SCREEN


def plot_lines(text: str, width: int) -> str:
    """``text`` broken into lines of at most about ``width`` letters, for Plotly (``<br>``)."""
    return "<br>".join(textwrap.wrap(text, width))


def base_layout(medium: Medium = SCREEN, **overrides: Any) -> dict[str, Any]:
    """A new layout dict each call, so no figure shares (and mutates) another's.

    In a medium with a fixed room (projector, print) the figure takes that height, whatever the
    builder asks for on screen.
    """
    layout: dict[str, Any] = {
        "font": {"family": FONT, "size": medium.font, "color": "#212529"},
        "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "hoverlabel": {"bgcolor": "#ffffff", "font": {"family": FONT, "size": medium.font}},
        # Plotly's own numbers (axis ticks, %{y:,.0f}) as the language writes them: decimal mark, then
        # thousands separator (",." in Dutch, ".," in English).
        "separators": get_decimal_symbol(current_locale()) + get_group_symbol(current_locale()),
    }
    layout.update(overrides)
    if medium.height is not None:
        layout["height"] = medium.height
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


def message_figure(text: str, height: int = 300, medium: Medium = SCREEN) -> go.Figure:
    """An empty figure that says why it shows nothing (no data, numbers too small to publish)."""
    figure = go.Figure(layout=base_layout(medium, height=height))
    figure.add_annotation(
        text=text, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False, font={"size": medium.size(16)}
    )
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)
    return figure


def graph_config() -> dcc.Graph.Config:
    """Plotly's options for a graph: the mode bar speaks the page's language.

    A function, not a constant: the language is known per request. The camera button saves the
    figure as PNG (per-figure export), at twice the screen resolution.
    """
    return {
        "displaylogo": False,
        "locale": current_language(),
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
        "toImageButtonOptions": {"format": "png", "filename": "hoofdzaak-werk-monitor", "scale": 2},
    }
