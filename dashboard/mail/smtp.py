"""Hand a mail to the configured SMTP server: STARTTLS where offered (or required), login if set."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage

from dashboard.i18n import N_, UserError
from dashboard.infra.config import Settings

# A mail server that does not answer within this stops the run instead of hanging cron.
TIMEOUT_SECONDS = 30.0


class MailError(UserError, RuntimeError):
    """Mail cannot be sent as configured; the message is for the user and never holds an address."""


def check_mail_settings(settings: Settings) -> None:
    """Stop before anything is claimed when the settings cannot send a digest.

    Raises:
        MailError: when the server, the sender or the monitor's own address is missing.
    """
    missing = [
        name
        for name, value in (
            ("HZW_SMTP_HOST", settings.smtp_host),
            ("HZW_SMTP_FROM", settings.smtp_from),
            ("HZW_BASE_URL", settings.base_url),
        )
        if not value.strip()
    ]
    if missing:
        raise MailError(
            N_("Mail is niet ingesteld: zet {names}. Er is niets verzonden."), names=", ".join(missing)
        )
    if not settings.base_url.startswith(("https://", "http://")):
        raise MailError(N_("HZW_BASE_URL moet met https:// (of http://) beginnen. Er is niets verzonden."))


def send(settings: Settings, message: EmailMessage) -> None:
    """Deliver ``message`` through the configured server.

    Raises:
        MailError: when STARTTLS is required but not offered, or a password would go unencrypted.
        smtplib.SMTPException, OSError: when the server refuses or cannot be reached.
    """
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=TIMEOUT_SECONDS) as server:
        server.ehlo()
        encrypted = False
        if server.has_extn("starttls"):
            server.starttls(context=ssl.create_default_context())
            server.ehlo()
            encrypted = True
        elif settings.smtp_starttls == "verplicht":
            raise MailError(
                N_(
                    "De mailserver biedt geen STARTTLS aan en HZW_SMTP_STARTTLS is 'verplicht'. "
                    "Er is niets verzonden."
                )
            )
        if settings.smtp_user:
            if not encrypted:
                raise MailError(
                    N_(
                        "De mailserver biedt geen STARTTLS aan: het wachtwoord gaat niet onversleuteld "
                        "over het net. Er is niets verzonden."
                    )
                )
            server.login(settings.smtp_user, settings.smtp_password)
        server.send_message(message)
