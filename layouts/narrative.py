"""The region's narrative on its page: explanations by the gauges, the story, the form and its history."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Sequence
from html.parser import HTMLParser
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.i18n import _
from dashboard.reports.narrative import ACTION_STATUSES, GOALS, Action, Narrative
from dashboard.reports.narrative_compare import EXPLANATION_TITLES, FieldChange
from dashboard.text.format import date as format_date
from dashboard.text.format import moment
from dashboard.text.markup import MAX_LENGTH, to_html
from layouts import ids
from layouts.a11y import aria, scroll_region
from layouts.static_html import StaticHtml, static_html

_KEY = re.compile(r"(na-sg-|sg-|)([0-9]{4}-T[1-3]|[0-9]{4}-[0-9]{2}-[0-9]{2})")
# Empty rows the form offers beyond what is already written.
SPARE_ROWS = 2


# The sanitiser's elements (dashboard.text.markup) as the page's own components.
_ELEMENTS: dict[str, Callable[..., Component]] = {
    "p": html.P,
    "strong": html.Strong,
    "em": html.Em,
    "ul": html.Ul,
    "ol": html.Ol,
    "li": html.Li,
    "a": html.A,
    "br": html.Br,
}
_VOID = {"br"}


class _Tree(HTMLParser):
    """The sanitised HTML as a tree of ``dash.html`` components.

    The page draws them as it draws everything else. dcc.Markdown would need its own 325 kB script,
    fetched when the first text mounts, and redraw the section once it has arrived.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str], list[Any]]] = [("", {}, [])]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _ELEMENTS:
            return  # not in the sanitiser's output; its text still shows
        props = {name: value or "" for name, value in attrs if tag == "a" and name in ("href", "rel")}
        if tag in _VOID:
            self.stack[-1][2].append(_ELEMENTS[tag](**props))
        else:
            self.stack.append((tag, props, []))

    def handle_endtag(self, tag: str) -> None:
        if tag not in _ELEMENTS or tag in _VOID:
            return
        # Close up to the matching element (the sanitiser leaves none open, but never trust it).
        while len(self.stack) > 1:
            name, props, children = self.stack.pop()
            self.stack[-1][2].append(_ELEMENTS[name](children, **props))
            if name == tag:
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1][2].append(data)

    def tree(self) -> list[Any]:
        self.close()
        while len(self.stack) > 1:
            self.handle_endtag(self.stack[-1][0])
        return self.stack[0][2]


def components(source: str) -> list[Any]:
    """Narrative markup as components, through the sanitiser."""
    parser = _Tree()
    parser.feed(to_html(source))
    return parser.tree()


def markup(source: str, className: str = "") -> StaticHtml:
    """Narrative text rendered through the sanitiser.

    Marked as Dutch: a region writes its story in the monitor's working language, and an English
    page says so, so that a screen reader reads it with Dutch pronunciation (WCAG 3.1.2).
    """
    # One component for the whole text: it only shows and links (layouts/static_html.py).
    return static_html(html.Div(components(source), className=className, lang="nl"))


def explanations(narrative: Narrative | None) -> list[dbc.Col]:
    """Each goal's explanation in a column under its gauge (same widths as the gauges)."""
    cols = []
    for goal in GOALS:
        text = narrative.explanations.get(goal, "") if narrative else ""
        body = (
            [html.H3(_(EXPLANATION_TITLES[goal]), className="h6 mb-1"), markup(text, "small")] if text else []
        )
        cols.append(dbc.Col(body, xs=12, md=6, xl=3))
    return cols


def period_name(key: str) -> str:
    """A period key as a reader says it: ``sg-2026-06-19`` is the stuurgroep of 19 juni 2026."""
    found = _KEY.fullmatch(key)
    if found is None:
        return key
    kind, rest = found[1], found[2]
    if kind == "":
        return _("tertiaal {number} van {year}").format(number=rest[-1], year=rest[:4])
    day = format_date(dt.date.fromisoformat(rest))
    if kind == "sg-":
        return _("stuurgroep van {date}").format(date=day)
    return _("na de stuurgroep van {date}").format(date=day)


def _action_row(action: Action, day: dt.date) -> html.Tr:
    late = action.overdue(day)
    status = _(action.status) + (" · " + _("over de deadline") if late else "")
    return html.Tr(
        [
            html.Td(markup(action.text)),
            html.Td(action.owner),
            html.Td(format_date(action.due)),
            html.Td(status, className="text-danger fw-semibold" if late else ""),
            html.Td(period_name(action.since)),
        ]
    )


def story(narrative: Narrative | None, day: dt.date) -> list[Any]:
    """Bottlenecks, actions, success factors and points for development of the current narrative."""
    if narrative is None:
        return [
            html.P(_("Voor deze periode is nog geen verhaal geschreven."), className="text-body-secondary")
        ]
    saved = (
        _("Versie {version}, opgeslagen door {name} op {date}.").format(
            version=narrative.version, name=narrative.saved_by, date=format_date(narrative.saved_at.date())
        )
        if narrative.version
        else _("Nog niet geschreven voor deze periode; de open acties lopen door uit eerdere perioden.")
    )
    parts: list[Any] = [html.P(saved, className="small text-body-secondary")]
    if narrative.bottlenecks:
        items = [
            html.Li(
                [
                    markup(b.text),
                    html.Span(", ".join(_(t) for t in b.themes), className="badge text-bg-light"),
                ]
            )
            for b in narrative.bottlenecks
        ]
        parts += [html.H3(_("Knelpunten"), className="h5"), html.Ul(items)]
    if narrative.actions:
        head = [_("Actie"), _("Eigenaar"), _("Deadline"), _("Status"), _("Sinds")]
        parts += [
            html.H3(_("Acties"), className="h5"),
            scroll_region(
                dbc.Table(
                    [
                        html.Thead(html.Tr([html.Th(h, scope="col") for h in head])),
                        html.Tbody([_action_row(a, day) for a in narrative.actions]),
                    ],
                    size="sm",
                    className="narrative-actions",
                ),
                _("Acties"),
            ),
        ]
    for title, text in (
        (_("Succesfactoren"), narrative.success_factors),
        (_("Ontwikkelpunten"), narrative.development_points),
    ):
        if text:
            parts += [html.H3(title, className="h5"), markup(text)]
    return parts


def _area(component_id: Any, label: str, value: str, rows: int = 3) -> html.Div:
    return html.Div(
        [
            dbc.Label(label, html_for=_html_id(component_id)),
            dbc.Textarea(id=component_id, value=value, rows=rows, maxLength=MAX_LENGTH),
        ],
        className="mb-2",
    )


def _html_id(component_id: Any) -> str:
    # Dash writes a dict id into the DOM as sorted compact JSON; a label must name exactly that.
    if isinstance(component_id, dict):
        return json.dumps(component_id, sort_keys=True, separators=(",", ":"))
    return str(component_id)


def _bottleneck_fields(index: int, text: str, chosen: tuple[str, ...], themes: list[str]) -> html.Fieldset:
    options = [{"label": _(t), "value": t} for t in dict.fromkeys([*themes, *chosen])]
    return html.Fieldset(
        [
            html.Legend(_("Knelpunt {nummer}").format(nummer=index + 1), className="h6"),
            _area(ids.narrative_row("bottleneck-text", index), _("Omschrijving"), text, 2),
            html.Div(
                dbc.Checklist(
                    id=ids.narrative_row("bottleneck-themes", index),
                    options=options,
                    value=list(chosen),
                    inline=True,
                ),
                role="group",
                **aria(label=_("Thema's van knelpunt {nummer}").format(nummer=index + 1)),
            ),
        ],
        className="border rounded p-2 mb-2",
    )


def _action_fields(index: int, action: Action | None) -> html.Fieldset:
    number = index + 1
    status_id = ids.narrative_row("action-status", index)
    due_id = ids.narrative_row("action-due", index)
    owner_id = ids.narrative_row("action-owner", index)
    return html.Fieldset(
        [
            html.Legend(_("Actie {nummer}").format(nummer=number), className="h6"),
            dcc.Store(id=ids.narrative_row("action-uid", index), data=action.uid if action else ""),
            _area(
                ids.narrative_row("action-text", index), _("Wat er gebeurt"), action.text if action else "", 2
            ),
            dbc.Row(
                [
                    dbc.Col(
                        [
                            dbc.Label(_("Eigenaar (organisatie of rol)"), html_for=_html_id(owner_id)),
                            dbc.Input(id=owner_id, value=action.owner if action else "", maxLength=200),
                        ],
                        md=5,
                    ),
                    dbc.Col(
                        [
                            dbc.Label(_("Deadline"), html_for=_html_id(due_id)),
                            dbc.Input(id=due_id, type="date", value=action.due.isoformat() if action else ""),
                        ],
                        md=4,
                    ),
                    dbc.Col(
                        [
                            dbc.Label(_("Status"), html_for=_html_id(status_id)),
                            dbc.Select(
                                id=status_id,
                                options=[{"label": _(s), "value": s} for s in ACTION_STATUSES],
                                value=action.status if action else ACTION_STATUSES[0],
                            ),
                        ],
                        md=3,
                    ),
                ]
            ),
        ],
        className="border rounded p-2 mb-2",
    )


def form(narrative: Narrative | None, themes: list[str], period_label: str) -> html.Details:
    """The edit form, filled with the current narrative (carried-over actions included)."""
    explanations = narrative.explanations if narrative else {}
    bottlenecks = list(narrative.bottlenecks) if narrative else []
    actions: list[Action | None] = [*(narrative.actions if narrative else ())]
    # Folded away until asked for: the page is read far more often than written.
    return html.Details(
        [
            html.Summary(_("Verhaal bewerken: {periode}").format(periode=period_label), className="h5"),
            html.P(
                _(
                    "Opmaak: **vet**, *schuin*, lijstjes met - en links als [tekst](https://…). "
                    "Geen persoonsgegevens."
                ),
                className="small text-body-secondary",
            ),
            *(
                _area(ids.narrative_explanation(g), _(EXPLANATION_TITLES[g]), explanations.get(g, ""))
                for g in GOALS
            ),
            *(_bottleneck_fields(i, b.text, b.themes, themes) for i, b in enumerate(bottlenecks)),
            *(_bottleneck_fields(len(bottlenecks) + i, "", (), themes) for i in range(SPARE_ROWS)),
            *(_action_fields(i, a) for i, a in enumerate([*actions, *([None] * SPARE_ROWS)])),
            _area(ids.NARRATIVE_SUCCESS, _("Succesfactoren"), narrative.success_factors if narrative else ""),
            _area(
                ids.NARRATIVE_DEVELOPMENT,
                _("Ontwikkelpunten"),
                narrative.development_points if narrative else "",
            ),
            dbc.Checkbox(
                id=ids.NARRATIVE_PUBLIC,
                label=_("Openbaar (ook zichtbaar zonder account)"),
                value=bool(narrative and narrative.public),
            ),
            dbc.Button(_("Opslaan"), id=ids.NARRATIVE_SAVE, color="primary", className="mt-2"),
        ]
    )


def history_options(history: list[Narrative]) -> list[dict[str, str]]:
    """One choice per saved version, newest last."""
    return [
        {
            "label": _("Versie {version}: {name}, {date}").format(
                version=n.version, name=n.saved_by, date=moment(n.saved_at)
            ),
            "value": str(n.version),
        }
        for n in history
    ]


def comparison(changes: list[FieldChange]) -> list[Any]:
    """The changed fields, each with its lines marked removed (−) or added (+)."""
    if not changes:
        return [html.P(_("Geen verschillen."))]
    parts: list[Any] = []
    for change in changes:
        lines = []
        for line in change.lines:
            mark, text = line[:1], line[2:]
            shown = {"-": "− ", "+": "+ "}.get(mark, "  ")
            tag = html.Del if mark == "-" else html.Ins if mark == "+" else html.Span
            lines.append(html.Div(tag(shown + (_(text) if change.title == "Openbaar" else text))))
        parts.append(
            html.Div(
                [html.H4(_(change.title), className="h6"), html.Div(lines, className="font-monospace small")],
                className="mb-2",
            )
        )
    return parts


def section(shown: Sequence[Any] | None = None, compared: Any = None) -> html.Section:
    """The narrative part of the region page (the form only for who may write).

    ``shown`` is ``layouts.narrative_view.shown`` for the page's view and ``compared`` the comparison
    of its two latest versions: the first response holds them, callbacks redraw them afterwards.
    Without them the parts start empty.
    """
    story, form, hidden, count, options, picks = None, None, True, None, [], (None, None)
    if shown is not None:
        _explanations, story, form, hidden, count, options, _same, *rest = shown
        picks = (rest[0], rest[1])
    version_select = [
        dbc.Col(
            [
                dbc.Label(_("Oudere versie"), html_for=ids.NARRATIVE_OLDER),
                dbc.Select(id=ids.NARRATIVE_OLDER, options=options, value=picks[0]),
            ],
            md=6,
        ),
        dbc.Col(
            [
                dbc.Label(_("Nieuwere versie"), html_for=ids.NARRATIVE_NEWER),
                dbc.Select(id=ids.NARRATIVE_NEWER, options=options, value=picks[1]),
            ],
            md=6,
        ),
    ]
    return html.Section(
        [
            html.H2(_("Het verhaal achter de cijfers"), className="h4 mt-4"),
            dcc.Store(id=ids.NARRATIVE_SAVED, data=0),
            html.Div(story, id=ids.NARRATIVE_VIEW, **aria(live="polite")),
            html.Div(form, id=ids.NARRATIVE_FORM, hidden=hidden),
            html.Div(id=ids.NARRATIVE_MESSAGE, **aria(live="polite")),
            html.Details(
                [
                    html.Summary(_("Geschiedenis en vergelijken")),
                    html.Div(count, id=ids.NARRATIVE_HISTORY),
                    dbc.Row(version_select),
                    html.Div(compared, id=ids.NARRATIVE_COMPARE, **aria(live="polite")),
                ],
                className="mt-3",
            ),
        ],
        className="mb-4",
    )
