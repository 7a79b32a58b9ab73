"""A callback request must have the shape of the callback it names, or it gets a 400 before Dash.

Dash trusts the body of ``/_dash-update-component``: an unknown output, a missing input or a
number where a list belongs ends in a ``KeyError`` or ``TypeError`` inside Dash, a 500 with a
traceback in the log. The browser never sends such a body, so it is refused with the plain Dutch
page. What the values mean stays for each callback (and :mod:`dashboard.infra.arguments`) to check.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from dash import Dash
from flask import request
from flask.typing import ResponseReturnValue

# Properties of ``dcc.Location`` (Dash's page router reads pathname and search): always text.
URL_PROPERTIES = {"pathname", "search", "hash", "href"}
MAX_URL = 2000
# Pattern-matching inputs (``ALL``) arrive as a list of matches; no page has more than this.
MAX_MATCHES = 100


def _is_pattern(ident: object) -> bool:
    # Dash keeps a pattern-matching id (``{"type": …, "column": ALL}``) as its JSON text.
    return isinstance(ident, dict) or (isinstance(ident, str) and ident.startswith("{"))


def _item_fits(item: object, declared: Mapping[str, Any]) -> bool:
    if _is_pattern(declared["id"]):  # a list of the matching components
        return (
            isinstance(item, list)
            and len(item) <= MAX_MATCHES
            and all(isinstance(match, dict) and isinstance(match.get("id"), dict) for match in item)
        )
    if not isinstance(item, dict) or item.get("id") != declared["id"]:
        return False
    if item.get("property") != declared["property"]:
        return False
    value = item.get("value")
    if declared["property"] == "pathname":  # the router strips the app's prefix off: "/…" always
        return isinstance(value, str) and value.startswith("/") and len(value) <= MAX_URL
    if declared["property"] in URL_PROPERTIES:
        return value is None or (isinstance(value, str) and len(value) <= MAX_URL)
    return True


def _items_fit(items: object, declared: list[Mapping[str, Any]]) -> bool:
    return (
        isinstance(items, list)
        and len(items) == len(declared)
        and all(_item_fits(item, spec) for item, spec in zip(items, declared, strict=True))
    )


def _output_fits(part: object, spec: str) -> bool:
    # ``spec`` is ``id.property`` with ``@hash`` for an output shared with other callbacks; the
    # renderer may send the property with or without that hash.
    ident, _, prop = spec.split("@")[0].rpartition(".")
    if _is_pattern(ident):  # a list of the matching components
        return isinstance(part, list) and len(part) <= MAX_MATCHES
    if not isinstance(part, dict) or part.get("id") != ident:
        return False
    sent = part.get("property")
    return isinstance(sent, str) and sent.split("@")[0] == prop


def _outputs_fit(outputs: object, output: str) -> bool:
    if not output.startswith(".."):
        return _output_fits(outputs, output)
    specs = output[2:-2].split("...")
    return (
        isinstance(outputs, list)
        and len(outputs) == len(specs)
        and all(_output_fits(part, spec) for part, spec in zip(outputs, specs, strict=True))
    )


def well_formed(body: object, callbacks: Mapping[str, Mapping[str, Any]]) -> bool:
    """Whether ``body`` names a callback of the app and matches its inputs, state and outputs."""
    if not isinstance(body, dict) or not isinstance(body.get("output"), str):
        return False
    spec = callbacks.get(body["output"])
    if spec is None:
        return False
    changed = body.get("changedPropIds", [])
    return (
        _items_fit(body.get("inputs"), spec["inputs"])
        and _items_fit(body.get("state", []), spec["state"])
        and _outputs_fit(body.get("outputs"), body["output"])
        and isinstance(changed, list)
        and all(isinstance(prop, str) for prop in changed)
    )


def init_callback_guard(app: Dash, refusal: Callable[[], ResponseReturnValue]) -> None:
    """Answer a malformed callback request with ``refusal()`` (a 400 page) instead of passing it on.

    Registered after Dash's own request hooks, so the page router's callback is known by then.
    """
    path = app.config.routes_pathname_prefix + "_dash-update-component"

    def guard() -> ResponseReturnValue | None:
        if request.path != path or request.method != "POST":
            return None
        body = request.get_json(silent=True)
        if well_formed(body, app.callback_map):
            return None
        return refusal()

    app.server.before_request(guard)
