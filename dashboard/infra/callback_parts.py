"""Callbacks made of parts: what one change of a control shows, in one request and one answer.

A change of year on the national page asked eight callbacks at once. Each answer was a round of
its own in the browser (the renderer's store, a React render, a Plotly draw), and the page was
drawn about three frames after the last answer arrived. ``register_parts`` wires parts
(outputs, dependencies, function) as one Dash callback: the function of every part that has a
changed input runs, and the outputs of the other parts stay as they are (``no_update``).

Each part's function stays a plain function of its own values, as tests and packs call it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from dash import Dash, Input, Output, State, ctx, no_update

from dashboard.infra.early_requests import early

Dependency = Input | State


@dataclass(frozen=True)
class Part:
    """Outputs, the values their function takes (in its order), and the function.

    Only an ``Input`` among the dependencies makes the part run; a ``State`` is read.
    """

    outputs: tuple[Output, ...]
    dependencies: tuple[Dependency, ...]
    answer: Callable[..., Any]

    @functools.cached_property
    def triggers(self) -> frozenset[str]:
        """The values whose change makes the part answer (worked out once, not per request)."""
        return frozenset(key(d) for d in self.dependencies if isinstance(d, Input))


def key(dependency: Output | Dependency) -> str:
    """``id.property``, as Dash names a changed input."""
    return f"{dependency.component_id}.{dependency.component_property}"


def answers(parts: Sequence[Part], values: dict[str, Any], changed: Iterable[str]) -> tuple[Any, ...]:
    """Every output of ``parts`` in order: a part with a changed input answers, the others do not."""
    changed = set(changed)
    out: list[Any] = []
    for part in parts:
        if part.triggers.isdisjoint(changed):
            out.extend([no_update] * len(part.outputs))
            continue
        result = part.answer(*(values[key(d)] for d in part.dependencies))
        out.extend(result if len(part.outputs) > 1 else [result])
    return tuple(out)


def register_parts(app: Dash, parts: Sequence[Part], ask_early: bool = False) -> None:
    """Wire ``parts`` to ``app`` as one callback that waits for a change (``prevent_initial_call``).

    With ``ask_early`` the page asks for it as a select among its inputs changes
    (``dashboard/infra/early_requests.py``): only for parts without side effects.
    """
    outputs = [output for part in parts for output in part.outputs]
    # A value several parts take is sent once; one that any part listens to is an Input.
    listened = frozenset().union(*(part.triggers for part in parts))
    dependencies: dict[str, Dependency] = {}
    for part in parts:
        for dependency in part.dependencies:
            name = key(dependency)
            kind = Input if name in listened else State
            dependencies.setdefault(name, kind(dependency.component_id, dependency.component_property))
    # Inputs before states, as Dash's own order of a callback's values.
    names = sorted(dependencies, key=lambda name: name not in listened)

    def answer(*args: Any) -> tuple[Any, ...]:
        return answers(parts, dict(zip(names, args, strict=True)), ctx.triggered_prop_ids)

    def wire() -> None:
        app.callback(*outputs, *(dependencies[name] for name in names), prevent_initial_call=True)(answer)

    if ask_early:
        early(app, wire)
    else:
        wire()
