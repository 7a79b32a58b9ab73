"""Plain HTML drawn as one Dash component: for large tables that only show and link.

Dash's renderer keeps a store subscription, hooks and a path for every component it renders, and
wakes them all on each change anywhere on the page. The national matrix alone was 757 of the
page's 1,014 components and cost a quarter second on every load. ``StaticHtml`` takes a tree of
``dash.html`` components, built by the same layout code as before, and the browser draws it as
plain elements (``assets/static-html.js``): the same markup, one component.

What it cannot do: inner elements have no callbacks of their own. A ``<button data-value="…">``
inside reports its click through the component's ``clicked`` property (``{"value", "count"}``),
which a callback can listen to. Only ``dash.html`` elements are drawn; anything else is left out.

``collapse`` does the same for every page as it is sent: each run of ``dash.html`` elements that
no callback can reach (no ``id`` in them) becomes one ``bare`` StaticHtml, drawn without an element
of its own, so the page's markup stays exactly as it was.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable, Iterable
from typing import Any, ParamSpec, TypeVar

from dash import html
from dash.development.base_component import Component

NAMESPACE = "hzw_static"
P = ParamSpec("P")
R = TypeVar("R")


class StaticHtml(Component):
    """One component drawing ``tree`` (``dash.html`` components) as plain HTML."""

    # The renderer wraps only ``children`` and the listed children props in components of its
    # own; ``tree`` reaches the browser as the JSON of its elements. Python still checks and
    # serialises it as a node.
    _children_props: list[str] = []
    _base_nodes = ["tree"]
    _namespace = NAMESPACE
    _type = "StaticHtml"

    def __init__(
        self,
        id: Any = None,  # noqa: A002
        tree: Any = None,
        clicked: Any = None,
        bare: bool = False,
    ) -> None:
        self._prop_names = ["id", "tree", "clicked", "bare"]
        self._valid_wildcard_attributes: list[str] = []
        self.available_properties = ["id", "tree", "clicked", "bare"]
        self.available_wildcard_properties: list[str] = []
        args: dict[str, Any] = {"tree": tree}
        if id is not None:
            args["id"] = id
        if clicked is not None:
            args["clicked"] = clicked
        if bare:
            # Drawn as its elements alone, without the <div> that holds the id and hears clicks.
            args["bare"] = True
        # Not Component.__init__: for a namespace that is no Python package it tries to import
        # one, for every argument, to word a possible error; those failed imports were a fifth
        # of a region page's layout time. The arguments are the four above, checked by Python.
        if "id" in args and not isinstance(args["id"], str | dict):
            raise TypeError(f"`id` prop must be a string or dict, not {args['id']!r}")
        for name, value in args.items():
            setattr(self, name, value)

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


def _static(node: Any) -> bool:
    # Text, or dash.html elements without an id anywhere in them: nothing a callback can reach.
    # A StaticHtml without an id is such elements already (``_inlined`` opens it up).
    if node is None or isinstance(node, str | int | float):
        return True
    if isinstance(node, list | tuple):
        return all(_static(item) for item in node)
    if isinstance(node, StaticHtml):
        return getattr(node, "id", None) is None and _static(getattr(node, "tree", None))
    return (
        isinstance(node, Component)
        and node._namespace == html.Div._namespace
        and getattr(node, "id", None) is None
        and _static(getattr(node, "children", None))
    )


def _size(node: Any) -> int:
    # How many components the renderer keeps for ``node``.
    if isinstance(node, list | tuple):
        return sum(_size(item) for item in node)
    if isinstance(node, StaticHtml):
        return 1
    return 1 + _size(getattr(node, "children", None)) if isinstance(node, Component) else 0


def _inlined(node: Any) -> Any:
    """Static ``node`` as plain dash.html: every StaticHtml in it replaced by what it draws.

    A bare one is its elements; one with an element of its own (and no id, so no callback hears
    its clicks) is the ``<div>`` it draws around them. Components are copied, never changed.
    """
    if isinstance(node, list | tuple):
        out: list[Any] = []
        for item in node:
            opened = _inlined(item)
            bare = isinstance(item, StaticHtml) and getattr(item, "bare", False)
            out.extend(opened if bare and isinstance(opened, list) else [opened])
        return out
    if isinstance(node, StaticHtml):
        tree = _inlined(getattr(node, "tree", None))
        return tree if getattr(node, "bare", False) else html.Div(tree)
    if isinstance(node, Component) and getattr(node, "children", None) is not None:
        node = copy.copy(node)
        node.children = _inlined(node.children)
    return node


def _runs(children: Iterable[Any]) -> list[Any]:
    # Consecutive static items as one bare StaticHtml when that spares the renderer a component.
    out: list[Any] = []
    run: list[Any] = []

    def close() -> None:
        if _size(run) > 1:
            out.append(StaticHtml(tree=_inlined(run), bare=True))
        else:
            out.extend(collapse(item) for item in run)
        run.clear()

    for item in children:
        if _static(item):
            run.append(item)
        else:
            close()
            out.append(collapse(item))
    close()
    return out


def collapse(node: Any) -> Any:
    """``node`` with each run of unreachable ``dash.html`` elements drawn as one bare StaticHtml.

    The renderer keeps a store subscription, hooks and a path for every component, and a page
    was about a third headings, paragraphs, icons and captions that only show. The markup is the
    same; ids, callbacks and every other component stay as they were. Children lists are replaced,
    never changed in place, and a collapsed tree collapses to itself.
    """
    if isinstance(node, list | tuple):
        return _runs(node)
    if not isinstance(node, Component) or isinstance(node, StaticHtml):
        return node
    children = getattr(node, "children", None)
    if isinstance(children, list | tuple):
        node.children = _runs(children)
    elif isinstance(children, Component) and _static(children) and _size(children) > 1:
        node.children = StaticHtml(tree=_inlined(children), bare=True)
    elif isinstance(children, Component):
        node.children = collapse(children)
    return node


def collapsed(fn: Callable[P, R]) -> Callable[P, R]:
    """``fn`` with its answer collapsed, each part of a tuple on its own.

    For page layouts and for callback answers, before they are cached and sent; ``fn`` itself
    stays as it was, for tests and packs.
    """

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        value = fn(*args, **kwargs)
        if isinstance(value, tuple):
            return tuple(collapse(part) for part in value)  # type: ignore[return-value]
        return collapse(value)

    return wrapper
