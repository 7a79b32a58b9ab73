"""Method and funding mix of a start cohort, with the sustainable outflow per method."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.i18n import N_, _, ngettext
from dashboard.rules import domain
from dashboard.text import format as fmt
from dashboard.text.categories import FUNDING, METHOD, category
from layouts.figures.theme import SCREEN, Medium, base_layout, message_figure

# Stands in for an empty funding stream in the tables (a value, kept Dutch); ``_()`` where it is shown.
UNKNOWN = N_("Onbekend")
# Okabe–Ito colours plus a fill pattern per stream, so the segments differ without colour too.
FUNDING_STYLE = {
    "UWV": ("#0072b2", ""),
    "Gemeente": ("#e69f00", "/"),
    "Zorgverzekeraar": ("#009e73", "x"),
    "Combinatie": ("#cc79a7", "."),
    "Overig": ("#56b4e9", "-"),
    UNKNOWN: ("#bdbdbd", "+"),
}


def funding_label(stream: str) -> str:
    """A funding stream (or the stand-in for an empty one) as the reader sees it."""
    return _(UNKNOWN) if stream == UNKNOWN else category(FUNDING, stream)


def method_table(mix: pd.DataFrame) -> pd.DataFrame:
    """Per method: started, sustainable and outflow % (all four methods, also those with none)."""
    per_method = (
        mix.groupby("methode")[["gestart", "duurzaam"]].sum().reindex(list(domain.METHODS), fill_value=0)
    )
    out = per_method.reset_index()
    out["duurzaam_pct"] = [
        100 * d / g if g else None for d, g in zip(out["duurzaam"], out["gestart"], strict=True)
    ]
    return out


def funding_table(mix: pd.DataFrame) -> pd.DataFrame:
    """Per funding stream: started (streams the source left empty count as *Onbekend*)."""
    frame = mix.assign(financiering=mix["financiering"].fillna(UNKNOWN))
    per_stream = frame.groupby("financiering")["gestart"].sum()
    order = [*domain.FUNDING_STREAMS, UNKNOWN]
    return (
        per_stream.reindex(order, fill_value=0).reset_index().query("gestart > 0 or financiering != @UNKNOWN")
    )


def mix_figure(mix: pd.DataFrame, medium: Medium = SCREEN) -> go.Figure:
    """Stacked bars of starts per method split by funding stream, the outflow % beside each bar.

    ``medium`` sizes the text for a screen, a projector or print.
    """
    if mix.empty:
        return message_figure(_("geen gegevens"), medium=medium)
    figure = go.Figure(layout=_layout(medium))
    frame = mix.assign(financiering=mix["financiering"].fillna(UNKNOWN))
    methods = list(domain.METHODS)
    # The bars are labelled in the reader's language; each method keeps its place in the contract.
    shown_methods = [category(METHOD, m) for m in methods]
    for stream, (colour, shape) in FUNDING_STYLE.items():
        part = (
            frame[frame["financiering"] == stream]
            .groupby("methode")["gestart"]
            .sum()
            .reindex(methods, fill_value=0)
        )
        if part.sum() == 0:
            continue
        name = funding_label(stream)
        figure.add_trace(
            go.Bar(
                y=shown_methods,
                x=part.values,
                name=name,
                orientation="h",
                marker={"color": colour, "pattern": {"shape": shape, "fgcolor": "#ffffff"}},
                hovertemplate="%{y}, "
                + _("financiering {stream}").format(stream=name)
                + ": %{x:,.0f}<extra></extra>",
            )
        )
    table = method_table(mix)
    top = float(table["gestart"].max()) or 1.0
    for row in table.itertuples():
        figure.add_annotation(
            x=row.gestart,
            y=category(METHOD, row.methode),
            # Two short lines rather than one long one: it fits beside the longest bar on a phone.
            text=_("{started} gestart<br>{share} duurzaam").format(
                started=fmt.number(row.gestart), share=fmt.percentage(row.duurzaam_pct)
            ),
            align="left",
            xanchor="left",
            xshift=6,
            showarrow=False,
        )
    figure.update_xaxes(range=[0, top * 1.8])
    return figure


def mix_summary(mix: pd.DataFrame, cohort: int) -> str:
    """One sentence with the largest method and its outflow."""
    table = method_table(mix)
    total = int(table["gestart"].sum())
    if total == 0:
        return _("Geen gestarte trajecten in startcohort {cohort}.").format(cohort=cohort)
    top = table.sort_values(["gestart", "methode"], ascending=[False, True]).iloc[0]
    return ngettext(
        "Startcohort {cohort}: {total} traject, waarvan {count} met {method} "
        "({share} duurzaam aan het werk).",
        "Startcohort {cohort}: {total} trajecten, waarvan {count} met {method} "
        "({share} duurzaam aan het werk).",
        total,
    ).format(
        cohort=cohort,
        total=fmt.number(total),
        count=fmt.number(top["gestart"]),
        method=category(METHOD, top["methode"]),
        share=fmt.percentage(top["duurzaam_pct"]),
    )


def _layout(medium: Medium) -> dict[str, object]:
    return base_layout(
        medium,
        height=360,
        barmode="stack",
        margin={"l": 10, "r": 10, "t": 10, "b": medium.size(40)},
        yaxis={"autorange": "reversed", "automargin": True},
        xaxis={"gridcolor": "#e9ecef", "title": {"text": _("Trajecten gestart")}},
        # Above the bars: below them a legend that wraps on a narrow screen grows into the axis title.
        legend={
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1.02,
            "x": 0,
            "title": {"text": _("Financiering") + ": "},
        },
    )
