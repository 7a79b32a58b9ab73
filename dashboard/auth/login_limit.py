"""The limit on failed logins: per address, and per account at one address, never per account alone.

Flask-Limiter keeps the counts (in Redis when configured, in the process while Redis is away).
Only real password failures count: the login view marks them; a form without its token does not.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask, Response, g, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from dashboard.infra.cache_redis import redis_options
from dashboard.infra.config import Settings

_FAILED = "hzw_password_failed"


def password_failed() -> None:
    """Mark this request as a real password failure (a valid form token, a wrong password or name)."""
    setattr(g, _FAILED, True)


def _counts(_response: Response) -> bool:
    # Only marked failures use up the allowance: someone who types the password right is never
    # blocked, and a form without its token costs the account nothing.
    return bool(g.get(_FAILED))


def submitted_name() -> str:
    """The typed account name, compared as accounts are matched: stripped, case kept.

    Lower-casing would let "Anna" use up the allowance of "anna".
    """
    return request.form.get("gebruikersnaam", "").strip()[:120]


def _name_at_address() -> str:
    # One address guessing one account's password: it cannot slow the account down elsewhere.
    return f"naam:{submitted_name()}|{get_remote_address()}"


def configure(server: Flask, settings: Settings) -> None:
    """Where the counts live; call before the limiter is bound."""
    server.config.update(
        RATELIMIT_STORAGE_URI=settings.redis_url or "memory://",
        RATELIMIT_HEADERS_ENABLED=False,
        # Logins must work while Redis is away: the counts move to this process's memory until it
        # answers again, and a failure to count one failed attempt is logged, not a 500.
        RATELIMIT_IN_MEMORY_FALLBACK_ENABLED=True,
        RATELIMIT_SWALLOW_ERRORS=True,
    )
    if settings.redis_url:
        server.config["RATELIMIT_STORAGE_OPTIONS"] = redis_options()


def limited(server: Flask, settings: Settings, view: Callable[..., Any]) -> Callable[..., Any]:
    """``view`` behind the two limits of failed password attempts.

    Each setting may chain limits ("5 per minute; 10 per hour; 20 per day"), so the wait grows.
    """
    limiter = Limiter(get_remote_address, app=server, key_prefix="hzw-login")
    # Per address (someone trying many names) and per account at one address (someone trying one
    # account's passwords). No limit per account alone: that would let anyone lock it out.
    for limit, key in (
        (settings.login_rate_limit_address, get_remote_address),
        (settings.login_rate_limit, _name_at_address),
    ):
        view = limiter.limit(limit, key_func=key, methods=["POST"], deduct_when=_counts)(view)
    return view
