"""ARIA attributes for Dash components, whose Python signatures cannot name hyphenated props."""

from __future__ import annotations

from typing import Any


def aria(**attributes: str) -> dict[str, Any]:
    """``aria(hidden="true", live="polite")`` → ``{"aria-hidden": "true", "aria-live": "polite"}``."""
    return {f"aria-{name}": value for name, value in attributes.items()}


def data(**attributes: str) -> dict[str, Any]:
    """``data(total="5")`` → ``{"data-total": "5"}``: values for scripts in assets/."""
    return {f"data-{name}": value for name, value in attributes.items()}
