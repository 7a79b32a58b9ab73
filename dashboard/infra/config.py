"""Settings: defaults, then ``HZW_``-prefixed environment variables, then explicit overrides."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from dashboard.i18n import N_, UserError

PROJECT_ROOT = Path(__file__).resolve().parents[2]
ENV_PREFIX = "HZW_"
MODES = ("login", "openbaar")
# STARTTLS: used whenever the mail server offers it (``auto``), or demanded (``verplicht``).
STARTTLS_MODES = ("auto", "verplicht")


class ConfigError(UserError, ValueError):
    """A setting has a value the monitor cannot use; the message is for the user."""


@dataclasses.dataclass(frozen=True)
class Settings:
    """Everything the monitor can be configured with.

    Attributes:
        data_dir: folder for the embedded database and cached downloads.
        database_url: SQLAlchemy URL; empty means SQLite in ``data_dir``.
        redis_url: Redis for the shared cache; empty means an in-process cache.
        cache_timeout: seconds a cached data result lives (a new import invalidates it earlier).
        peildatum: fixed reference date; empty means today or the last import, whichever is earlier.
        geodata_file: GeoJSON/TopoJSON file with the region boundaries.
        geodata_year: year of the CBS region division (for the cache and the PDOK download).
        secret_key: Flask secret for signed cookies.
        log_level: Python logging level name.
        max_import_bytes: files larger than this are refused before they are read.
        import_parse_seconds: a workbook (XLSX) that takes longer to read is refused.
        suppression_minimum: organisation-level counts below this (and above 0) show as *<N*;
            percentages need twice as many trajectories.
        host: address ``hzw serve`` binds to.
        port: port ``hzw serve`` listens on.
        mode: ``login`` (everyone signs in; roles decide what they see) or ``openbaar`` (no login,
            national and region level only).
        secure_cookies: send the session cookie over HTTPS only. On by default; only a
            development server on plain HTTP away from localhost needs it off.
        session_hours: how long a login lasts at most, however busy (a hard end).
        session_idle_minutes: a session unused this long ends.
        login_rate_limit: failed password attempts allowed for one account from one address
            (Flask-Limiter notation; several limits with ";" make the wait grow).
        login_rate_limit_address: failed password attempts allowed from one address, whatever
            the names tried.
        oidc_issuer: OpenID Connect issuer URL of the government identity provider; empty means
            login with the built-in user store only.
        oidc_client_id: client id registered with that provider.
        oidc_client_secret: its client secret.
        oidc_name: how the login page names the provider.
        proxy_hops: how many reverse proxies stand in front of the monitor; with more than 0 the
            client address, scheme and host are read from their ``X-Forwarded-*`` headers
            (Werkzeug's ProxyFix), so the login limit counts per real address. 0 trusts no header:
            set it only when every request passes through those proxies.
        delivery_deadline_days: days after a quarter's end that its delivery may still come in;
            after that an organisation without one raises a signal.
        smtp_host: mail server the digests go through; empty means no mail is sent.
        smtp_port: its port (587 is mail submission).
        smtp_user: account on the mail server; empty sends without logging in.
        smtp_password: its password (only ever sent over an encrypted connection).
        smtp_from: the sender address of the digests.
        smtp_starttls: ``auto`` encrypts whenever the server offers STARTTLS; ``verplicht`` refuses
            to send over a server that does not.
        base_url: the address the monitor is reached at (``https://monitor.example.nl``): a
            digest's links are absolute.
        celery_broker: broker of the background jobs (meeting packs, imports); empty means the
            Redis of ``redis_url``, and with neither (or ``lokaal``) jobs run in the web process.
        celery_queue: the queue on that broker (monitors sharing one Redis each take their own).
        job_threads: jobs the embedded pool runs at once (without a broker).
        job_stale_seconds: a running job whose worker is silent this long counts as failed.
        job_cpu_percent: the part of the time a worker's job computes; below 100 it rests between
            steps (a worker on a machine that also serves pages).
        pack_days_before: ``hzw vergaderstuk gepland`` builds a region's pack this many days
            before each of its stuurgroep meetings.
    """

    data_dir: Path = PROJECT_ROOT / "data"
    database_url: str = ""
    redis_url: str = ""
    cache_timeout: int = 300
    peildatum: dt.date | None = None
    geodata_file: Path | None = None
    geodata_year: int = 2025
    secret_key: str = ""
    log_level: str = "INFO"
    max_import_bytes: int = 25_000_000
    import_parse_seconds: int = 60
    suppression_minimum: int = 5
    host: str = "127.0.0.1"
    port: int = 8050
    mode: str = "login"
    secure_cookies: int = 1
    session_hours: int = 8
    session_idle_minutes: int = 60
    # Each further limit makes the wait longer: a minute, then the hour, then the day.
    login_rate_limit: str = "5 per minute; 10 per hour; 20 per day"
    login_rate_limit_address: str = "20 per minute; 60 per hour; 200 per day"
    oidc_issuer: str = ""
    oidc_client_id: str = ""
    oidc_client_secret: str = ""
    oidc_name: str = "Inloggen via de identiteitsprovider"
    proxy_hops: int = 0
    delivery_deadline_days: int = 42
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_from: str = ""
    smtp_starttls: str = "auto"
    base_url: str = ""
    celery_broker: str = ""
    celery_queue: str = "hzw"
    job_threads: int = 1
    job_stale_seconds: int = 30
    job_cpu_percent: int = 100
    pack_days_before: int = 7

    @property
    def effective_database_url(self) -> str:
        """The database URL in force: the configured one, or the embedded SQLite file."""
        return self.database_url or f"sqlite:///{self.data_dir / 'hzw.sqlite3'}"


def _parse(field: dataclasses.Field[Any], raw: str) -> Any:
    name = ENV_PREFIX + field.name.upper()
    kind = str(field.type)
    if raw.strip() == "":
        return field.default
    if "int" in kind:
        try:
            return int(raw)
        except ValueError:
            raise ConfigError(
                N_("{name} moet een geheel getal zijn, niet '{raw}'."), name=name, raw=raw
            ) from None
    if "date" in kind:
        try:
            return dt.date.fromisoformat(raw.strip())
        except ValueError:
            raise ConfigError(
                N_("{name} moet een datum zijn als JJJJ-MM-DD (bijv. 2026-03-01), niet '{raw}'."),
                name=name,
                raw=raw,
            ) from None
    if "Path" in kind:
        return Path(raw).expanduser()
    return raw


def load_settings(
    overrides: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None
) -> Settings:
    """Build the settings from defaults, the environment and ``overrides`` (in that order).

    Args:
        overrides: field values that win over everything (tests use this).
        environ: the environment to read; ``os.environ`` when omitted.

    Raises:
        ConfigError: when a variable cannot be read or an override names no setting.
    """
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    fields = {f.name: f for f in dataclasses.fields(Settings)}
    for name, field in fields.items():
        raw = env.get(ENV_PREFIX + name.upper())
        if raw is not None:
            values[name] = _parse(field, raw)
    for name, value in (overrides or {}).items():
        if name not in fields:
            raise ConfigError(N_("Onbekende instelling '{name}'."), name=name)
        values[name] = value
    settings = Settings(**values)
    if settings.cache_timeout < 0:
        raise ConfigError(N_("HZW_CACHE_TIMEOUT mag niet negatief zijn."))
    if settings.mode not in MODES:
        raise ConfigError(N_("HZW_MODE moet 'login' of 'openbaar' zijn, niet '{mode}'."), mode=settings.mode)
    if settings.proxy_hops < 0:
        raise ConfigError(N_("HZW_PROXY_HOPS mag niet negatief zijn."))
    if settings.session_hours < 1:
        raise ConfigError(N_("HZW_SESSION_HOURS moet minstens 1 zijn."))
    if settings.session_idle_minutes < 1:
        raise ConfigError(N_("HZW_SESSION_IDLE_MINUTES moet minstens 1 zijn."))
    if settings.smtp_starttls not in STARTTLS_MODES:
        raise ConfigError(
            N_("HZW_SMTP_STARTTLS moet 'auto' of 'verplicht' zijn, niet '{value}'."),
            value=settings.smtp_starttls,
        )
    if not 0 < settings.smtp_port < 65536:
        raise ConfigError(N_("HZW_SMTP_PORT moet een poortnummer tussen 1 en 65535 zijn."))
    if not 1 <= settings.job_cpu_percent <= 100:
        raise ConfigError(N_("HZW_JOB_CPU_PERCENT moet tussen 1 en 100 liggen."))
    if settings.job_threads < 1 or settings.job_stale_seconds < 1 or settings.pack_days_before < 0:
        raise ConfigError(
            N_(
                "HZW_JOB_THREADS en HZW_JOB_STALE_SECONDS moeten minstens 1 zijn, "
                "HZW_PACK_DAYS_BEFORE mag niet negatief zijn."
            )
        )
    if settings.oidc_issuer and not settings.oidc_client_id:
        raise ConfigError(N_("HZW_OIDC_CLIENT_ID is nodig wanneer HZW_OIDC_ISSUER gezet is."))
    return settings
