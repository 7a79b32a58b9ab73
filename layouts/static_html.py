"""Plain HTML drawn as one Dash component: for large tables that only show and link.

Dash's renderer keeps a store subscription, hooks and a path for every component it renders, and
wakes them all on each change anywhere on the page. The national matrix alone was 757 of the
page's 1,014 components and cost a quarter second on every load. ``StaticHtml`` takes a tree of
``dash.html`` components, built by the same layout code as before, and the browser draws it as
plain elements (``assets/static-html.js``): the same markup, one component.

What it cannot do: inner elements have no callbacks of their own. A ``<button data-value="…">``
inside reports its click through the component's ``clicked`` property (``{"value", "count"}``),
which a callback can listen to. Only ``dash.html`` elements are drawn; anything else is left out.

``collapse`` does the same for every page as it is sent: the ``dash.html`` elements that no
callback can reach (no ``id``) become ``bare`` StaticHtml components, drawn without an element of
their own, so the page's markup stays exactly as it was. What sits inside such elements and must
stay a component (a graph, a control, an element with an id) goes along as one of the StaticHtml's
``slots``: the renderer draws each as the component it is, at its place in the plain elements.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable, Iterable
from typing import Any, ParamSpec, TypeVar

from dash import html
from dash.development.base_component import Component

from layouts.bootstrap_markup import as_element

NAMESPACE = "hzw_static"
P = ParamSpec("P")
R = TypeVar("R")


class StaticHtml(Component):
    """One component drawing ``tree`` (``dash.html`` components) as plain HTML."""

    # The renderer wraps only ``children`` and the listed children props in components of its
    # own: ``tree`` reaches the browser as the JSON of its elements, ``slots`` (made as the
    # component is sent, from the components in its tree) as components. Python still checks and
    # serialises the tree as a node, and walks the components in it by ``children``.
    _children_props: list[str] = ["slots"]
    _base_nodes = ["tree"]
    _namespace = NAMESPACE
    _type = "StaticHtml"
    # Set by ``collapse``: elements with an id in the tree stay components (slots). Not sent.
    _keeps_ids = False

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

    def to_plotly_json(self) -> dict[str, Any]:
        """The component as sent: the tree's elements as JSON, the components in it as slots.

        Only ``collapse`` puts components in a tree, and there an element with an id is a
        component too (a callback may change it); ``static_html`` takes elements alone, and draws
        their ids as attributes.
        """
        as_json = super().to_plotly_json()
        slots: list[Component] = []
        reachable = self._keeps_ids
        as_json["props"]["tree"] = _marked(as_json["props"].get("tree"), slots, reachable)
        if slots:
            as_json["props"]["slots"] = slots
        return as_json

    @property
    def children(self) -> Any:
        """The tree, for Python code that walks a layout by its children (tests, text checks).

        Not a Dash property: only ``tree`` is sent, so the renderer adds no components for it.
        """
        return getattr(self, "tree", None)


def _element(node: Any) -> bool:
    # A dash.html element drawn as plain markup in a tree.
    return isinstance(node, Component) and node._namespace == html.Div._namespace


def _kept(node: Any, reachable: bool) -> bool:
    # A component that stays one inside a tree: anything but an element, and with ``reachable``
    # an element with an id. With ``reachable`` (collapse), Bootstrap's layout components without
    # an id are elements too (layouts/bootstrap_markup.py).
    if not isinstance(node, Component):
        return False
    if reachable and as_element(node) is not None:
        return False
    return not _element(node) or (reachable and getattr(node, "id", None) is not None)


def _marked(node: Any, slots: list[Component], reachable: bool) -> Any:
    # The tree as JSON; each kept component (collapse puts those in) becomes a marker of its place
    # in ``slots``, which the browser fills with that component.
    if isinstance(node, list | tuple):
        return [_marked(item, slots, reachable) for item in node]
    if not isinstance(node, Component):
        return node
    if _kept(node, reachable):
        slots.append(node)
        return {"type": "Slot", "namespace": NAMESPACE, "props": {"index": len(slots) - 1}}
    as_json = node.to_plotly_json()
    props = as_json["props"]
    if "children" in props:
        as_json["props"] = {**props, "children": _marked(props["children"], slots, reachable)}
    return as_json


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


def _plain(node: Any) -> bool:
    # Text, or an element no callback can reach (no id): drawn as markup. A StaticHtml without an
    # id is such markup already (``_folded`` opens it up).
    if isinstance(node, StaticHtml):
        return getattr(node, "id", None) is None
    return not _kept(node, reachable=True)


def _spared(node: Any) -> int:
    # How many components drawing ``node`` as markup spares the renderer: its elements, down to
    # the components that stay components (a StaticHtml without an id is one, its tree markup
    # already). Folding costs one StaticHtml, so it is worth it above one.
    if isinstance(node, list | tuple):
        return sum(_spared(item) for item in node)
    if isinstance(node, StaticHtml):
        return int(getattr(node, "id", None) is None)
    if not isinstance(node, Component) or _kept(node, reachable=True):
        return 0
    return 1 + _spared(getattr(node, "children", None))


def _folded(node: Any) -> Any:
    """Collapsed ``node`` as one tree: every StaticHtml without an id opened up to what it draws.

    A bare one is its elements; one with an element of its own (and no id, so no callback hears
    its clicks) is the ``<div>`` it draws around them. Components that stay components (anything
    but an element, or an element with an id) stay in the tree as they are. Elements are copied,
    never changed.
    """
    if isinstance(node, list | tuple):
        out: list[Any] = []
        for item in node:
            opened = _folded(item)
            bare = isinstance(item, StaticHtml) and getattr(item, "bare", False)
            out.extend(opened if bare and isinstance(opened, list) else [opened])
        return out
    if isinstance(node, StaticHtml):
        if getattr(node, "id", None) is not None:
            return node
        # Its tree is markup already (made by collapse, or elements alone by static_html).
        tree = getattr(node, "tree", None)
        return tree if getattr(node, "bare", False) else html.Div(tree)
    if _kept(node, reachable=True):
        return node
    element = as_element(node)
    if element is None and getattr(node, "children", None) is None:
        return node
    node = element if element is not None else copy.copy(node)
    node.children = _folded(node.children)
    return node


def _inside(node: Component) -> Component:
    # ``node`` with what it holds collapsed; the node itself stays.
    children = getattr(node, "children", None)
    if isinstance(children, list | tuple):
        node.children = _runs(children)
    elif isinstance(children, Component):
        node.children = _runs([children])[0]  # one item in, one out
    return node


def _runs(children: Iterable[Any]) -> list[Any]:
    # The children collapsed each on its own, or, when that spares the renderer components, all of
    # them as one bare StaticHtml with the components among and inside them as its slots.
    items = [
        _inside(item) if isinstance(item, Component) and not isinstance(item, StaticHtml) else item
        for item in children
    ]
    if _spared(items) > 1:
        folded = StaticHtml(tree=_folded(items), bare=True)
        folded._keeps_ids = True
        return [folded]
    return items


def collapse(node: Any) -> Any:
    """``node`` with the ``dash.html`` elements no callback can reach drawn as bare StaticHtml.

    The renderer keeps a store subscription, hooks and a path for every component, and wakes them
    all on each change anywhere on the page; most of a page was headings, paragraphs, icons,
    captions and the boxes around graphs and controls, which only show. The markup is the same;
    ids, callbacks and every other component stay as they were, drawn in the StaticHtml's slots.
    Children lists are replaced, never changed in place, and a collapsed tree collapses to itself.
    """
    if isinstance(node, list | tuple):
        return _runs(node)
    if not isinstance(node, Component) or isinstance(node, StaticHtml):
        return node
    if _plain(node):
        return _runs([node])[0]
    return _inside(node)


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
