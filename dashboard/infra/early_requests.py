"""Callbacks the browser may ask for the moment a select changes (assets/page_request.js).

Dash's renderer sends a callback's request 20 to 30 ms after a select changed: it first renders
the select, lets the browser draw a frame and runs a timer. For a callback declared here, the
page's script sends the very same request as the select changes and hands its answer to the
renderer when the renderer asks for exactly that (the same callback, inputs, state, trigger and
language); for anything else the renderer's own request goes out.

Only a callback without side effects may be declared: when the renderer asks in another form,
both requests reach the server.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from dash import Dash

# Where the declarations are kept: on the app's Flask server, beside its other extensions.
EXTENSION = "hzw-early-requests"
ELEMENT_ID = "hzw-early-requests"


def early(app: Dash, register: Callable[[], None]) -> None:
    """Run ``register`` (which adds one callback to ``app``) and declare that callback early."""
    before = set(app.callback_map)
    register()
    added = [name for name in app.callback_map if name not in before]
    if len(added) != 1:
        raise ValueError(f"one callback expected, {len(added)} added")
    spec = app.callback_map[added[0]]
    ids = [item["id"] for item in (*spec["inputs"], *spec["state"])]
    # A pattern-matching id (Dash writes it as JSON) is worked out by the renderer, as are the
    # outputs it matches: such a request cannot be known beforehand.
    if '{"' in added[0] or any(not isinstance(item, str) or item.startswith("{") for item in ids):
        raise ValueError("only callbacks with plain ids can be asked for early")
    # Only the name: inputs and state are the callback's own, read from Dash when the page asks.
    app.server.extensions.setdefault(EXTENSION, []).append(added[0])


def _name(item: Mapping[str, Any]) -> str:
    return f"{item['id']}.{item['property']}"


def _outputs(spec: Mapping[str, Any]) -> set[str]:
    found = spec.get("output")
    # One Output, a list of them, or none (a callback without outputs).
    outputs = found if isinstance(found, list) else [found] if found is not None else []
    return {f"{output.component_id}.{output.component_property}" for output in outputs}


def asked_on(app: Dash, output: str) -> list[str]:
    """The inputs of callback ``output`` whose change the page may send it for at once.

    Not an input that another callback also listens to and answers with a value this callback
    reads (the publication, which sets the peildatum and year): the renderer waits for that answer
    and then asks with the new values, so a request sent at once would never be used.
    """
    spec = app.callback_map[output]
    reads = {_name(item) for item in (*spec["inputs"], *spec["state"])}
    feeding = {
        _name(item)
        for name, other in app.callback_map.items()
        if name != output and _outputs(other) & reads
        for item in other["inputs"]
    }
    return [_name(item) for item in spec["inputs"] if _name(item) not in feeding]


def declaration(app: Dash) -> str:
    """The page's ``<script type="application/json">`` with every early callback (may be none).

    Worked out from the callbacks as registered: the app asks once, after registering them all.
    """
    declared = [
        {
            "output": output,
            "inputs": app.callback_map[output]["inputs"],
            "state": app.callback_map[output]["state"],
            "asks": asked_on(app, output),
        }
        for output in app.server.extensions.get(EXTENSION, [])
    ]
    # "</" cannot end the script early: json.dumps leaves "/" alone, so it is escaped here.
    text = json.dumps(declared, separators=(",", ":")).replace("</", "<\\/")
    return f'<script type="application/json" id="{ELEMENT_ID}">{text}</script>'
