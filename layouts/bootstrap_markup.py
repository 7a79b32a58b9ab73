"""The plain element a dash-bootstrap-components layout component draws, for ``collapse``.

Columns, rows, containers, card bodies, labels and nav items are markup with Bootstrap's classes:
as components of their own they cost the renderer what any component costs, on every page. A
collapsed page (layouts/static_html.py) draws the ones without an id as the same element with the
same classes, so they fold into the plain markup around them. Only the props listed here are
understood; a component with any other set prop, or with an id, stays the component it is.

The classes are those dash-bootstrap-components 2 (through react-bootstrap) gives:
``tests/browser/test_bootstrap_markup.py`` draws both on one page and holds them equal.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import dash_bootstrap_components as dbc
from dash import html
from dash.development.base_component import Component

# react-bootstrap's breakpoints, widest first; dbc's ``width`` is ``xs``, the narrowest, which
# needs no infix.
_BREAKPOINTS = ("xxl", "xl", "lg", "md", "sm", "xs")
_COMMON = frozenset({"children", "className", "class_name", "style"})


def _classes(*names: str | None) -> str:
    return " ".join(name for name in names if name)


def _own(props: dict[str, Any]) -> str | None:
    return props.get("class_name") or props.get("className")


def _col(props: dict[str, Any]) -> html.Div | None:
    sizes = {point: props.get(point) for point in _BREAKPOINTS}
    if props.get("width") is not None:
        if sizes["xs"] is not None:
            return None
        sizes["xs"] = props["width"]
    spans = []
    for point in _BREAKPOINTS:
        size = sizes[point]
        if size is None or size is False:
            continue
        if isinstance(size, dict):
            return None  # order and offset: left to dbc
        infix = "" if point == "xs" else f"-{point}"
        spans.append(f"col{infix}" if size is True else f"col{infix}-{size}")
    return html.Div(className=_classes(_own(props), *(spans or ["col"])))


def _table(props: dict[str, Any]) -> html.Table:
    flags = [f"table-{name}" for name in ("striped", "bordered", "borderless", "hover") if props.get(name)]
    size = f"table-{props['size']}" if props.get("size") else None
    return html.Table(className=_classes(_own(props), "table", size, *flags))


def _container(props: dict[str, Any]) -> html.Div:
    fluid = props.get("fluid")
    kind = "container-fluid" if fluid is True else f"container-{fluid}" if fluid else "container"
    return html.Div(className=_classes(_own(props), kind))


# Per component: the props it may have set, and the element (without children) it draws.
_DRAWN: dict[type[Component], tuple[frozenset[str], Callable[[dict[str, Any]], Component | None]]] = {
    dbc.Col: (_COMMON | {"width", *_BREAKPOINTS}, _col),
    dbc.Row: (_COMMON, lambda props: html.Div(className=_classes(_own(props), "row"))),
    dbc.Container: (_COMMON | {"fluid"}, _container),
    dbc.CardBody: (_COMMON, lambda props: html.Div(className=_classes(_own(props), "card-body"))),
    dbc.NavItem: (_COMMON, lambda props: html.Div(className=_classes(_own(props), "nav-item"))),
    dbc.Label: (
        _COMMON | {"html_for"},
        lambda props: html.Label(
            className=_classes(_own(props), "form-label"),
            **({"htmlFor": props["html_for"]} if props.get("html_for") else {}),
        ),
    ),
    dbc.Table: (_COMMON | {"size", "striped", "bordered", "borderless", "hover"}, _table),
}


def as_element(node: Any) -> Component | None:
    """The ``dash.html`` element ``node`` draws, holding its children; None when it is no such one."""
    drawn = _DRAWN.get(type(node))
    if drawn is None or getattr(node, "id", None) is not None:
        return None
    allowed, make = drawn
    props = {name: value for name, value in node.to_plotly_json()["props"].items() if value is not None}
    if not set(props) <= allowed:
        return None
    element = make(props)
    if element is None:
        return None
    if props.get("style"):
        setattr(element, "style", props["style"])  # noqa: B010 - any element takes a style
    element.children = props.get("children")
    return element
