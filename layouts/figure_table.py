"""*Toon als tabel*: a switch under a figure that shows its numbers as an accessible table.

The figure builder puts the table in the figure (``with_table``), so the table always holds the
same numbers as the figure; assets/figure_tables.js draws it in the browser when the switch is on.
"""

from __future__ import annotations

from typing import Any

import orjson
import plotly.graph_objects as go
from dash import html

from dashboard.i18n import _
from layouts import ids
from layouts.a11y import aria

# Every figure that has a table switch under it (the method mixes have their own tables).
TABLED_FIGURES = (
    ids.NATIONAL_MAP,
    ids.NATIONAL_RANKING,
    ids.NATIONAL_TREND,
    ids.NATIONAL_METHODS,
    ids.NATIONAL_METHODS_GRID,
    ids.REGION_MONTHLY,
    ids.REGION_FUNNEL,
    ids.REGION_FUNNEL_NATIONAL,
    ids.REGION_CADENCE,
    ids.REGION_FUNNEL_PLOT,
    ids.ORG_FUNNEL,
    ids.ORG_MONTHLY,
)


def table_id(graph_id: str) -> str:
    """The id of the table container under ``graph_id``."""
    return f"{graph_id}-tabel"


def toggle_id(graph_id: str) -> str:
    """The id of the switch under ``graph_id``."""
    return f"{graph_id}-tabel-knop"


# How a table starts in a figure's JSON (``table_meta``: the caption comes first).
TABLE_KEY = b'"table":{"caption":'


def has_table(figure: Any) -> bool:
    """Whether ``figure`` carries its table, as the switch's script tests it.

    ``figure`` is a Figure, its dict, or the finished JSON of a cached answer (an orjson Fragment,
    which gives its text back only through ``orjson.dumps``). That JSON is searched, not parsed:
    the map's holds every region's outline, and a layout builds several switches per request.
    ``table_meta`` writes the caption first, and inside a JSON string a quote is escaped, so the
    key and its opening brace appear unescaped only as the table itself.
    """
    if isinstance(figure, orjson.Fragment):
        return TABLE_KEY in orjson.dumps(figure)
    layout = figure.get("layout") if isinstance(figure, dict) else getattr(figure, "layout", None)
    meta = layout.get("meta") if isinstance(layout, dict) else getattr(layout, "meta", None)
    return isinstance(meta, dict) and bool(meta.get("table"))


def table_switch(graph_id: str, figure: Any = None) -> html.Div:
    """The switch and the (empty until switched on) table for the figure ``graph_id``.

    The switch shows when ``figure``, the graph's first figure, has a table. Its script runs on a
    later figure or a click only: on a fresh page it would change nothing, at a round of the
    renderer's work.
    """
    return html.Div(
        [
            html.Button(
                [html.I(className="bi bi-table me-1", **aria(hidden="true")), _("Toon als tabel")],
                id=toggle_id(graph_id),
                type="button",
                className="btn btn-link btn-sm p-0 figure-table-toggle",
                n_clicks=0,
                # Shown when the figure has a table (assets/figure_tables.js after a change).
                hidden=not has_table(figure),
                **aria(controls=table_id(graph_id), expanded="false"),
            ),
            html.Div(id=table_id(graph_id), className="mt-2"),
        ],
        className="mb-2",
    )


def table_meta(caption: str, columns: list[str], rows: list[list[Any]]) -> dict[str, Any]:
    """The table as a figure carries it in ``layout.meta.table`` (also for a Patch)."""
    return {"caption": caption, "columns": columns, "rows": [[str(c) for c in r] for r in rows]}


def with_table(figure: go.Figure, caption: str, columns: list[str], rows: list[list[Any]]) -> go.Figure:
    """Attach the figure's numbers as a table: formatted text, first column the row header."""
    # Merged into meta, not replacing it: a figure keeps what else it stores there (the map's form).
    meta = dict(figure.layout.meta) if isinstance(figure.layout.meta, dict) else {}
    meta["table"] = table_meta(caption, columns, rows)
    figure.update_layout(meta=meta)
    return figure
