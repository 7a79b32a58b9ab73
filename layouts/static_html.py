"""Plain HTML drawn as one Dash component: for large tables that only show and link.

Dash's renderer keeps a store subscription, hooks and a path for every component it renders, and
wakes them all on each change anywhere on the page. The national matrix alone was 757 of the
page's 1,014 components and cost a quarter second on every load. ``StaticHtml`` takes a tree of
``dash.html`` components, built by the same layout code as before, and the browser draws it as
plain elements (``assets/static-html.js``): the same markup, one component.

What it cannot do: inner elements have no callbacks of their own. A ``<button data-value="…">``
inside reports its click through the component's ``clicked`` property (``{"value", "count"}``),
which a callback can listen to. Only ``dash.html`` elements are drawn; anything else is left out.
"""

from __future__ import annotations

from typing import Any

from dash import html
from dash.development.base_component import Component

NAMESPACE = "hzw_static"


class StaticHtml(Component):
    """One component drawing ``tree`` (``dash.html`` components) as plain HTML."""

    # The renderer wraps only ``children`` and the listed children props in components of its
    # own; ``tree`` reaches the browser as the JSON of its elements. Python still checks and
    # serialises it as a node.
    _children_props: list[str] = []
    _base_nodes = ["tree"]
    _namespace = NAMESPACE
    _type = "StaticHtml"

    def __init__(self, id: Any = None, tree: Any = None, clicked: Any = None) -> None:  # noqa: A002
        self._prop_names = ["id", "tree", "clicked"]
        self._valid_wildcard_attributes: list[str] = []
        self.available_properties = ["id", "tree", "clicked"]
        self.available_wildcard_properties: list[str] = []
        args: dict[str, Any] = {"tree": tree}
        if id is not None:
            args["id"] = id
        if clicked is not None:
            args["clicked"] = clicked
        super().__init__(**args)

    @property
    def children(self) -> Any:
        """The tree, for Python code that walks a layout by its children (tests, text checks).

        Not a Dash property: only ``tree`` is sent, so the renderer adds no components for it.
        """
        return getattr(self, "tree", None)


def _check(node: Any) -> None:
    if isinstance(node, Component):
        if node._namespace != html.Div._namespace:
            raise TypeError(f"StaticHtml draws dash.html elements only, not {node._namespace}.{node._type}")
        _check(getattr(node, "children", None))
    elif isinstance(node, list | tuple):
        for item in node:
            _check(item)


def static_html(node: Any, component_id: Any = None) -> StaticHtml:
    """``node`` (``dash.html`` components and text) as one ``StaticHtml``."""
    _check(node)
    return StaticHtml(id=component_id, tree=node)
