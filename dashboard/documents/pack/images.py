"""Plotly figures as PNG images, rendered in one headless Chromium session."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor

import kaleido
import plotly.graph_objects as go

# Twice the CSS pixels of a 1200×600 view: the 2:1 shape fills an A4-landscape page and a 16:9
# slide below the title, and the screen fonts stay sharp in print and on a projector.
WIDTH = 1200
HEIGHT = 600
SCALE = 2
WHITE = "#ffffff"
_TRANSPARENT = {"transparent", "rgba(0,0,0,0)", "rgba(0, 0, 0, 0)"}


def _on_white(figure: go.Figure) -> go.Figure:
    # A copy: the caller's figure may also be on screen, where a transparent background is wanted.
    printable = go.Figure(figure)
    printable.update_layout(paper_bgcolor=WHITE)
    if printable.layout.plot_bgcolor in _TRANSPARENT:
        printable.update_layout(plot_bgcolor=WHITE)
    return printable


# Called after each figure with (figures done, figures in all): a background job's progress.
Progress = Callable[[int, int], None]


# kaleido may hand a figure to a tab whose page has not yet run its own script (it took the load
# event of the page before): the figure then fails with this error. A tab is reloaded when it is
# given back, so a second try finds a ready one; any other error, or this one twice, stays an error.
_TAB_NOT_READY = "kaleido_scopes is not defined"


async def _image(browser: kaleido.Kaleido, figure: go.Figure, opts: dict[str, object]) -> bytes:
    try:
        return await browser.calc_fig(figure, opts=opts)
    except Exception as error:
        if _TAB_NOT_READY not in str(error):
            raise
    return await browser.calc_fig(figure, opts=opts)


async def _render(figures: Sequence[go.Figure], on_figure: Progress | None) -> list[bytes]:
    opts = {"format": "png", "width": WIDTH, "height": HEIGHT, "scale": SCALE}
    images: list[bytes] = []
    # No MathJax: kaleido would fetch it from a CDN, and no figure here uses LaTeX.
    async with kaleido.Kaleido(mathjax=False) as browser:
        for figure in figures:
            images.append(await _image(browser, _on_white(figure), opts))
            if on_figure is not None:
                on_figure(len(images), len(figures))
    return images


def render_figures(figures: Sequence[go.Figure], on_figure: Progress | None = None) -> list[bytes]:
    """PNG bytes for each figure, in order, all from a single Chromium start.

    Args:
        figures: The figures to render; an empty list starts no browser.
        on_figure: told after each figure how many are done (it may raise to stop the work).

    Returns:
        One PNG per figure, ``WIDTH`` × ``HEIGHT`` CSS pixels at ``SCALE``, on a white background.
    """
    if not figures:
        return []
    # A thread of its own, so this also works when the caller already runs an event loop.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, _render(figures, on_figure)).result()
