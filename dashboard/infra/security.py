"""Security headers on every response, with a Content-Security-Policy that Dash runs under."""

from __future__ import annotations

from dash import Dash
from flask import Response, request


def content_security_policy(app: Dash) -> str:
    """Only this host's scripts and styles, plus Dash's own inline scripts by their hashes.

    Plotly and Dash set style attributes and inject <style> elements at run time, so styles need
    'unsafe-inline'; scripts do not: Dash names the hashes of the few inline scripts it writes.
    """
    hashes = " ".join(app.csp_hashes())  # Dash quotes them already: 'sha256-…'
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' {hashes}",
            "style-src 'self' 'unsafe-inline'",
            # Plotly and the upload component start web workers from blob: URLs they create themselves.
            "worker-src 'self' blob:",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def init_security_headers(app: Dash, https_only: bool) -> None:
    """Add the headers after every response (the policy is fixed once the callbacks exist)."""
    policy: list[str] = []
    assets = app.config.requests_pathname_prefix + "assets/"
    vendor = "/vendor/"

    def add_headers(response: Response) -> Response:
        if not policy:
            # Computed at the first response: by then every clientside callback is registered.
            policy.append(content_security_policy(app))
        headers = response.headers
        headers.setdefault("Content-Security-Policy", policy[0])
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if https_only:
            headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        if response.status_code == 200 and (
            (request.path.startswith(assets) and "m" in request.args)
            or (request.path.startswith(vendor) and request.query_string)
        ):
            # Dash names each asset with its modification time (``?m=…``), the page names the
            # vendored stylesheets with their package's version and they name their fonts with a
            # hash: a changed file gets a new address, so the browser may keep this one instead of
            # asking again on every page (before the first draw: stylesheets hold up the scripts).
            headers["Cache-Control"] = "public, max-age=31536000, immutable"
        # Figures about people are not for shared caches or the browser's back-forward disk cache.
        elif response.mimetype in ("application/json", "text/html", "text/csv") or response.headers.get(
            "Content-Disposition"
        ):
            headers.setdefault("Cache-Control", "no-store")
        return response

    app.server.after_request(add_headers)
