"""The requests Dash's renderer sends for a page or a control change, built from the app's own metadata.

The benchmark measures real ``/_dash-update-component`` round trips, so it needs the same bodies
a browser would post: which callbacks fire, with which input values. This reads the callback
graph from ``/_dash-dependencies`` and the component values from the layouts the server returns,
the way the renderer does, without a browser.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import urlsplit

UPDATE = "/_dash-update-component"
PAGES_CONTENT = "_pages_content"


class Response(Protocol):
    """What the benchmark reads from a response (Flask's test response or an HTTP response)."""

    status_code: int
    data: bytes


class Transport(Protocol):
    """Sends one request to the app and returns the response."""

    def get(self, path: str) -> Response:
        """GET ``path``."""
        ...

    def post(self, path: str, body: dict[str, Any], gzip_ok: bool) -> Response:
        """POST ``body`` as JSON to ``path``, accepting gzip when ``gzip_ok``."""
        ...


@dataclass(frozen=True)
class Call:
    """One callback request: its body and a short name for reports."""

    name: str
    body: dict[str, Any]


@dataclass
class Page:
    """The values of every component with an id on the current screen (``id.prop`` → value)."""

    values: dict[str, Any] = field(default_factory=dict)
    ids: set[str] = field(default_factory=set)


def _split_outputs(output: str) -> list[dict[str, str]]:
    parts = output[2:-2].split("...") if output.startswith("..") else [output]
    result = []
    for part in parts:
        ident, prop = part.rsplit(".", 1)
        result.append({"id": ident, "property": prop})
    return result


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, list):
        for item in node:
            yield from _walk(item)
    elif isinstance(node, dict):
        if "props" in node and "type" in node:
            yield node
            for value in node["props"].values():
                yield from _walk(value)
        else:
            for value in node.values():
                yield from _walk(value)


def decode(response: Response) -> Any:
    """The JSON body of a response, gunzipped when it came compressed."""
    data = response.data
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return json.loads(data) if data else None


class DashClient:
    """Builds and sends callback requests the way the renderer would."""

    def __init__(self, transport: Transport) -> None:
        """Read the callback graph of the app behind ``transport``."""
        self.transport = transport
        self.dependencies: list[dict[str, Any]] = [
            d for d in decode(transport.get("/_dash-dependencies")) if not d.get("clientside_function")
        ]
        self.shell = Page()
        self._add(self.shell, decode(transport.get("/_dash-layout")))

    @staticmethod
    def _add(page: Page, layout: Any) -> set[str]:
        added = set()
        for node in _walk(layout):
            ident = node["props"].get("id")
            if not isinstance(ident, str):
                continue
            added.add(ident)
            page.ids.add(ident)
            for prop, value in node["props"].items():
                if prop != "children":
                    page.values[f"{ident}.{prop}"] = value
        return added

    def _body(self, dep: dict[str, Any], page: Page, changed: list[str]) -> dict[str, Any]:
        def item(spec: dict[str, Any]) -> dict[str, Any]:
            key = f"{spec['id']}.{spec['property']}"
            return {"id": spec["id"], "property": spec["property"], "value": page.values.get(key)}

        outputs = _split_outputs(dep["output"])
        return {
            "output": dep["output"],
            "outputs": outputs if dep["output"].startswith("..") else outputs[0],
            "inputs": [item(i) for i in dep["inputs"]],
            "state": [item(s) for s in dep["state"]],
            "changedPropIds": changed,
        }

    @staticmethod
    def _name(dep: dict[str, Any]) -> str:
        first = _split_outputs(dep["output"])[0]
        return f"{first['id']}.{first['property'].split('@')[0]}"

    def send(self, call: Call, gzip_ok: bool = False) -> Response:
        """POST one callback request."""
        return self.transport.post(UPDATE, call.body, gzip_ok)

    def initial_calls(self, page: Page, new_ids: set[str]) -> list[Call]:
        """The callbacks that fire when the components ``new_ids`` appear on ``page``."""
        calls = []
        for dep in self.dependencies:
            inputs = {i["id"] for i in dep["inputs"]}
            if dep.get("prevent_initial_call") or not inputs & new_ids or not inputs <= page.ids:
                continue
            calls.append(Call(self._name(dep), self._body(dep, page, [])))
        return calls

    def change(self, page: Page, key: str, value: Any) -> list[Call]:
        """The callbacks that fire when the user sets ``key`` (``id.prop``) to ``value``."""
        page.values[key] = value
        ident, prop = key.rsplit(".", 1)
        calls = []
        for dep in self.dependencies:
            if any(i["id"] == ident and i["property"] == prop for i in dep["inputs"]):
                calls.append(Call(self._name(dep), self._body(dep, page, [key])))
        return calls

    def open(self, url: str) -> tuple[Page, list[Call]]:
        """Load ``url`` as a fresh browser tab: the shell, the page route, then the page's callbacks.

        Returns the page (for later changes) and every callback request in the order the renderer
        sends them; the route request is sent here, because the page's callbacks depend on it.
        """
        parts = urlsplit(url)
        search = f"?{parts.query}" if parts.query else ""
        page = Page(dict(self.shell.values), set(self.shell.ids))
        for ident in page.ids:
            if page.values.get(f"{ident}.refresh") is not None or ident in ("url", "_pages_location"):
                page.values[f"{ident}.pathname"] = parts.path
                page.values[f"{ident}.search"] = search
        route = next(d for d in self.dependencies if d["output"].startswith(f"..{PAGES_CONTENT}."))
        route_call = Call("_pages_content.children", self._body(route, page, ["_pages_location.pathname"]))
        response = self.send(route_call)
        if response.status_code != 200:
            raise RuntimeError(f"pagina {url} gaf status {response.status_code}")
        layout = decode(response)["response"][PAGES_CONTENT]["children"]
        new_ids = self._add(page, layout)
        shell_calls = [
            c for c in self.initial_calls(page, self.shell.ids) if c.name != "_pages_content.children"
        ]
        page_calls = [c for c in self.initial_calls(page, new_ids) if c not in shell_calls]
        return page, [route_call, *shell_calls, *page_calls]
