"""The outflow funnel of a start cohort, with running and ended trajectories set beside it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import plotly.graph_objects as go

from dashboard.i18n import N_, _
from dashboard.text import format as fmt
from layouts.figure_table import with_table
from layouts.figures.theme import SCREEN, Medium, base_layout

# Keys of the counts with the (Dutch) label a user reads, translated where the figure is drawn.
STEPS = (
    ("aangemeld", N_("Aangemeld")),
    ("gestart", N_("Gestart")),
    ("geplaatst", N_("Geplaatst (betaald werk)")),
    ("duurzaam", N_("Duurzaam aan het werk")),
)
BESIDE = (("lopend", N_("Nog lopend")), ("uitgevallen", N_("Gestopt zonder duurzaam werk")))
STEP_COLOUR = "#154273"
# Running and ended trajectories are a state, not a failed step: grey and hatched, never red.
BESIDE_COLOUR = "#6c757d"


@dataclass(frozen=True)
class Conversion:
    """One step of the funnel as a share of the step before it."""

    label: str  # in the current language
    count: int
    share: float | None  # percentage of the previous step; None for the first step or when it is zero
    marker: str = ""  # a suppressed small number ("<5", "x"): drawn as an empty bar with this label

    @property
    def text(self) -> str:
        """The label beside the bar: short, so it fits beside a long bar on a phone.

        The axis title says what the percentage in brackets is.
        """
        if self.marker or self.share is None:
            return self.description
        return f"{fmt.number(self.count)} ({fmt.percentage(self.share)})"

    @property
    def description(self) -> str:
        """The same in words, for the hover text."""
        if self.marker:
            return self.marker
        if self.share is None:
            return fmt.number(self.count)
        return _("{count} ({share} van vorige stap)").format(
            count=fmt.number(self.count), share=fmt.percentage(self.share)
        )


def _count(value: int | str | None) -> int:
    return value if isinstance(value, int) else 0


def conversions(counts: Mapping[str, int | str]) -> list[Conversion]:
    """The funnel steps with their conversion from the step before (started → placed → sustainable).

    Referred → started is not a conversion: a cohort's starts may lack a referral date and a
    referral may start next year, so the first two steps are shown side by side without a share.
    """
    result = []
    previous: int | None = None
    for key, label in STEPS:
        value = counts.get(key, 0)
        if isinstance(value, str):
            result.append(Conversion(_(label), 0, None, value))
            previous = None
            continue
        count = int(value)
        share = 100 * count / previous if previous and key in ("geplaatst", "duurzaam") else None
        result.append(Conversion(_(label), count, share))
        previous = count if key != "aangemeld" else None
    return result


def funnel_figure(
    counts: Mapping[str, int | str] | None, title: str, note: str | None = None, medium: Medium = SCREEN
) -> go.Figure:
    """Horizontal bars for the steps and, set apart below a gap, running and ended trajectories.

    A suppressed count (its marker instead of a number) is an empty bar labelled with the marker.
    Without counts the figure says ``note`` instead (by default *geen gegevens*). ``medium`` sizes
    the text for a screen, a projector or print.
    """
    figure = go.Figure(layout=_layout(title, medium))
    if counts is None or not any(counts.get(key) for key in ("gestart", "aangemeld")):
        figure.add_annotation(
            text=_("geen gegevens") if note is None else note,
            x=0.5,
            y=0.5,
            xref="paper",
            yref="paper",
            showarrow=False,
            font={"size": medium.size(16)},
        )
        figure.update_xaxes(visible=False)
        figure.update_yaxes(visible=False)
        return figure
    steps = conversions(counts)
    labels = [s.label for s in steps]
    texts = [s.text for s in steps]
    figure.add_trace(
        go.Bar(
            y=labels,
            x=[s.count for s in steps],
            orientation="h",
            name=_("Trechter"),
            marker={"color": STEP_COLOUR},
            text=texts,
            textposition="outside",
            cliponaxis=False,
            customdata=[s.description for s in steps],
            hovertemplate="%{y}: %{customdata}<extra></extra>",
        )
    )
    beside_values = [counts.get(key, 0) for key, _label in BESIDE]
    beside = [_count(value) for value in beside_values]
    figure.add_trace(
        go.Bar(
            y=[_(label) for _key, label in BESIDE],
            x=beside,
            orientation="h",
            name=_("Stand van de trajecten"),
            marker={"color": BESIDE_COLOUR, "pattern": {"shape": "/", "fgcolor": "#ffffff"}},
            text=[value if isinstance(value, str) else fmt.number(value) for value in beside_values],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    top = max([s.count for s in steps] + beside)
    figure.update_xaxes(range=[0, top * 1.75 if top else 1])
    rows = [[s.label, fmt.published(s.marker or s.count), fmt.percentage(s.share)] for s in steps]
    rows += [
        [_(label), fmt.published(value), "–"]
        for (_key, label), value in zip(BESIDE, beside_values, strict=True)
    ]
    return with_table(figure, title, [_("Stap"), _("Trajecten"), _("% van vorige stap")], rows)


def funnel_summary(name: str, counts: Mapping[str, int] | None, cohort: int) -> str:
    """One sentence that says what the funnel shows, for screen readers and the text view."""
    if counts is None or int(counts.get("gestart", 0)) == 0:
        return _("{name}: geen gestarte trajecten in startcohort {cohort}.").format(name=name, cohort=cohort)
    started = int(counts["gestart"])
    text = _(
        "{name}, startcohort {cohort}: {started} gestart, {placed} geplaatst en {sustainable} duurzaam "
        "aan het werk ({share}); {running} lopen nog, {stopped} zijn gestopt zonder duurzaam werk."
    ).format(
        name=name,
        cohort=cohort,
        started=fmt.number(started),
        placed=fmt.number(counts["geplaatst"]),
        sustainable=fmt.number(counts["duurzaam"]),
        share=fmt.percentage(100 * int(counts["duurzaam"]) / started),
        running=fmt.number(counts["lopend"]),
        stopped=fmt.number(counts["uitgevallen"]),
    )
    missing = int(counts.get("zonder_aanmelding", 0))
    if missing:
        text += " " + _("{count} gestarte trajecten hebben geen aanmelddatum.").format(
            count=fmt.number(missing)
        )
    return text


def _layout(title: str, medium: Medium) -> dict[str, object]:
    return base_layout(
        medium,
        height=300,
        # The subtitle says what the percentages beside the bars are: as an axis title it would run
        # off a phone, where the step names take half the width.
        title={
            "text": title,
            "x": 0,
            "xanchor": "left",
            "font": {"size": medium.size(15)},
            "subtitle": {"text": _("tussen haakjes: % van vorige stap"), "font": {"size": medium.size(13)}},
        },
        margin={"l": 10, "r": 10, "t": medium.size(56), "b": medium.size(30)},
        barmode="group",
        showlegend=False,
        bargap=0.25,
        # Steps top to bottom in funnel order.
        yaxis={"autorange": "reversed", "automargin": True},
        # Few ticks: on a phone the step names leave the bars a third of the width.
        xaxis={"gridcolor": "#e9ecef", "nticks": 3, "title": {"text": _("Trajecten")}},
    )
