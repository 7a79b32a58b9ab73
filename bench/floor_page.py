"""The floor of a page: a static copy that draws the app's final figures and nothing else.

A snapshot of a drawn app page (its stylesheets, its HTML with the graphs emptied, each graph's
final figure, and the Plotly script it loaded) becomes a plain HTML page that loads the same
``plotly.min.js`` and stylesheets from the app's own host and calls ``Plotly.newPlot`` on load. The
difference between the two is what the app adds on top of drawing: Dash's renderer, callbacks and
their round trips. This module is pure (no browser, no server) so it can be tested on its own.
"""

from __future__ import annotations

import html
import json
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

# Where the floor pages live on the app's host (see bench/floor_wsgi.py) and the script that draws them.
PREFIX = "/__vloer/"
DRAW_SCRIPT = "teken.js"
FIGURES_ID = "hzw-vloer-figuren"
# What a page load must reach: at most half again as long as drawing the same figures statically.
TARGET_RATIO = 1.5
# A presentation step should feel instant.
TARGET_STEP_MS = 100.0
# Attributes that make a browser fetch something.
_FETCHING = re.compile(
    r"""<(script|link|img|iframe|source)\b[^>]*?\b(src|href)\s*=\s*["']([^"']*)["']""", re.I
)


@dataclass
class Snapshot:
    """A drawn app page as the browser had it (see ``floor_js.CAPTURE``)."""

    url: str
    stylesheets: list[str]
    styles: list[str]
    body: str
    graphs: list[dict[str, Any]]
    plotly: str
    lang: str = "nl"
    title: str = ""

    @classmethod
    def from_browser(cls, found: dict[str, Any]) -> Snapshot:
        """The snapshot from the capture script's answer."""
        return cls(
            url=str(found["url"]),
            stylesheets=list(found["stylesheets"]),
            styles=list(found["styles"]),
            body=str(found["body"]),
            graphs=list(found["graphs"]),
            plotly=str(found["plotly"]),
            lang=str(found.get("lang") or "nl"),
            title=str(found.get("title") or ""),
        )


def own_path(url: str, base: str) -> str | None:
    """``url`` as a path on the app's host, or None when it points at another host."""
    parts, home = urlsplit(url), urlsplit(base)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return None
    if parts.netloc and parts.netloc != home.netloc:
        return None
    path = parts.path if parts.netloc or url.startswith("/") else "/" + parts.path
    return path + (f"?{parts.query}" if parts.query else "")


def build_page(snapshot: Snapshot) -> str:
    """The static floor page of ``snapshot``: same stylesheets, same Plotly, figures drawn on load.

    Raises:
        ValueError: the app drew its figures with a Plotly from another host (then there is no
            honest floor to compare with).
    """
    plotly = own_path(snapshot.plotly, snapshot.url)
    if plotly is None:
        raise ValueError(f"Plotly komt niet van de eigen host: {snapshot.plotly}")
    links = [path for path in (own_path(href, snapshot.url) for href in snapshot.stylesheets) if path]
    head = [
        '<meta charset="utf-8">',
        f"<title>{html.escape(snapshot.title)} (vloer)</title>",
        *(f'<link rel="stylesheet" href="{html.escape(path)}">' for path in links),
        *(f"<style>{style}</style>" for style in snapshot.styles),
        f'<script src="{html.escape(plotly)}"></script>',
        f'<script src="{PREFIX}{DRAW_SCRIPT}" defer></script>',
    ]
    # "</" inside the JSON would end the script element early; "<\/" is the same JSON string.
    figures = json.dumps(snapshot.graphs, separators=(",", ":")).replace("</", "<\\/")
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(snapshot.lang)}"><head>{"".join(head)}</head>'
        f"<body>{_without_scripts(snapshot.body)}"
        f'<script type="application/json" id="{FIGURES_ID}">{figures}</script></body></html>\n'
    )


def _without_scripts(body: str) -> str:
    # The capture already drops scripts; this keeps a stray one from running Dash in the floor.
    return re.sub(r"<script\b[^>]*>.*?</script>", "", body, flags=re.I | re.S)


def outside_references(page: str, base: str) -> list[str]:
    """Every address in ``page`` the browser would fetch from a host other than ``base``'s."""
    return [url for _tag, _attr, url in _FETCHING.findall(page) if own_path(url, base) is None]


@dataclass
class Comparison:
    """One page or interaction: the app's times against its floor's, in the same browser run."""

    name: str
    app: list[float] = field(default_factory=list)
    floor: list[float] = field(default_factory=list)
    # A step that should be instant has a time limit instead of a ratio to its floor.
    limit_ms: float | None = None
    note: str = ""

    @property
    def app_ms(self) -> float | None:
        """Median of the app's times."""
        return statistics.median(self.app) if self.app else None

    @property
    def floor_ms(self) -> float | None:
        """Median of the floor's times."""
        return statistics.median(self.floor) if self.floor else None

    @property
    def ratio(self) -> float | None:
        """App over floor, medians."""
        app, floor = self.app_ms, self.floor_ms
        return app / floor if app is not None and floor else None

    @property
    def pair_spread(self) -> tuple[float, float] | None:
        """The middle half (first to third quartile) of the ratios of each app time to its own floor.

        App and floor run in turns, so each pair shared the machine's state of that moment; how far
        the pairs' ratios lie apart says how much one run's median ratio can be trusted. None with
        fewer than four pairs, when a measurement is missing on one side (the turns no longer pair up),
        or for a step judged by a time limit.
        """
        if self.limit_ms is not None or len(self.app) != len(self.floor):
            return None
        pairs = [app / floor for app, floor in zip(self.app, self.floor, strict=True) if floor > 0]
        if len(pairs) < 4:
            return None
        first, _, third = statistics.quantiles(pairs, n=4, method="inclusive")
        return first, third

    @property
    def target(self) -> str:
        """The target as the table shows it."""
        return f"≤ {self.limit_ms:.0f} ms" if self.limit_ms is not None else f"≤ {TARGET_RATIO:.1f}×"

    @property
    def met(self) -> bool | None:
        """Whether the target is met (None: nothing measured)."""
        if self.limit_ms is not None:
            return None if self.app_ms is None else self.app_ms <= self.limit_ms
        return None if self.ratio is None else self.ratio <= TARGET_RATIO


def _ratio(value: float) -> str:
    # Two decimals, or three where two would read as the target itself: 1.501× is a miss, and a
    # table saying "1.50×" next to "nee" reads as a mistake.
    shown = f"{value:.2f}"
    return f"{value:.3f}×" if float(shown) == TARGET_RATIO and value != TARGET_RATIO else f"{shown}×"


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}".replace(",", " ")


def table(rows: Sequence[Comparison]) -> str:
    """The comparisons as a Markdown table: medians, their ratio and whether the target is met."""
    lines = [
        "| pagina / interactie | app (ms) | vloer (ms) | factor | factor per paar (middelste helft) "
        "| doel | gehaald | metingen | opmerking |",
        "|---|---:|---:|---:|---:|---|---|---:|---|",
    ]
    for row in rows:
        ratio = "–" if row.ratio is None else _ratio(row.ratio)
        met = {True: "ja", False: "nee", None: "–"}[row.met]
        spread = row.pair_spread
        spread_text = "–" if spread is None else f"{spread[0]:.2f}–{spread[1]:.2f}×"
        lines.append(
            f"| {row.name} | {_ms(row.app_ms)} | {_ms(row.floor_ms)} | {ratio} | {spread_text} "
            f"| {row.target} | {met} "
            f"| {len(row.app)}/{len(row.floor)} | {row.note} |"
        )
    return "\n".join(lines)


def replace_section(document: str, heading: str, section: str) -> str:
    """``document`` with the section under ``heading`` (up to the next one of its level) replaced or added."""
    level = heading.split(" ", 1)[0]
    start = document.find(heading + "\n")
    if start < 0:
        return document.rstrip("\n") + "\n\n" + section.rstrip("\n") + "\n"
    following = document.find("\n" + level + " ", start + len(heading))
    tail = document[following + 1 :] if following >= 0 else ""
    return document[:start] + section.rstrip("\n") + "\n" + ("\n" + tail if tail else "")
