"""Email to members: the card-page link, as plain text and simple HTML, sent with smtplib.

The cloud sends email only when an operator gave it an SMTP server (LOYALTY_CLOUD_SMTP_HOST and
LOYALTY_CLOUD_SMTP_FROM at least); without one the pages never promise an email. Sending runs as a
job of the cloud's job queue (cloud/join/mail_jobs.py), so a slow or absent mail server never holds
up a page; a connection that fails is tried again later.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from html import escape

from cloud.join.texts import Language
from cloud.settings import Settings

SMTP_TIMEOUT = 20.0  # seconds for connecting and each command: a stuck server ends the try


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    sender: str
    username: str = ""
    password: str = ""
    starttls: bool = False


def smtp_config(settings: Settings) -> SmtpConfig | None:
    """The SMTP server from the settings, or None: then the cloud sends no email at all."""
    if not settings.smtp_host or not settings.smtp_from:
        return None
    return SmtpConfig(
        settings.smtp_host,
        settings.smtp_port,
        settings.smtp_from,
        settings.smtp_username,
        settings.smtp_password,
        settings.smtp_starttls,
    )


@dataclass(frozen=True)
class Mail:
    """One email ready to send (plain values only: it waits in the job queue's storage)."""

    to: str
    subject: str
    text: str
    html: str


_CARD_LINK: dict[Language, dict[str, str]] = {
    Language.EN: {
        "subject": "Your loyalty card at {business}",
        "hello": "Hello {name},",
        "body": "here is the link to your loyalty card at {business}. Open it on your phone and show "
        "the code at the counter to collect your stamps.",
        "button": "Open my card",
        "keep": "Keep this email: the link is your way back to your card. Do not share it; anyone "
        "with the link sees your card.",
        "not_you": "If you did not ask for this, you can ignore this email.",
    },
    Language.DE: {
        "subject": "Ihre Treuekarte bei {business}",
        "hello": "Hallo {name},",
        "body": "hier ist der Link zu Ihrer Treuekarte bei {business}. Öffnen Sie ihn auf Ihrem Handy "
        "und zeigen Sie den Code an der Kasse, um Stempel zu sammeln.",
        "button": "Meine Karte öffnen",
        "keep": "Bewahren Sie diese E-Mail auf: der Link führt Sie zu Ihrer Karte. Geben Sie ihn nicht "
        "weiter; wer den Link hat, sieht Ihre Karte.",
        "not_you": "Falls Sie das nicht angefordert haben, können Sie diese E-Mail ignorieren.",
    },
}


def card_link_mail(lang: Language, to: str, business: str, name: str, url: str) -> Mail:
    """Her card page's link, in the business's language."""
    w = _CARD_LINK[lang]
    hello, body = w["hello"].format(name=name), w["body"].format(business=business)
    text = f"{hello}\n\n{body}\n\n{url}\n\n{w['keep']}\n\n{w['not_you']}\n\n-- \n{business}\n"
    h = escape
    html = (
        f'<!DOCTYPE html><html lang="{lang.value}"><body style="font-family:sans-serif;color:#111">'
        f"<p>{h(hello)}</p><p>{h(body)}</p>"
        f'<p><a href="{h(url)}" style="display:inline-block;padding:12px 20px;background:#1a4d8f;'
        f'color:#fff;text-decoration:none;border-radius:6px">{h(w["button"])}</a></p>'
        f'<p style="font-size:90%">{h(url)}</p><p>{h(w["keep"])}</p><p>{h(w["not_you"])}</p>'
        f"<p>{h(business)}</p></body></html>"
    )
    return Mail(to, w["subject"].format(business=business), text, html)


def message(config: SmtpConfig, mail: Mail) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = config.sender
    msg["To"] = mail.to
    msg["Subject"] = mail.subject
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = make_msgid()
    msg.set_content(mail.text)
    msg.add_alternative(mail.html, subtype="html")
    return msg


class MailNotSent(Exception):
    """The server refused this message for good (bad address, refused sender): no retry helps."""


def send(config: SmtpConfig, mail: Mail) -> None:
    """Hand one email to the SMTP server. A connection problem (OSError, a dropped connection, a 4xx
    answer) raises for the caller to try again; a permanent refusal raises MailNotSent."""
    try:
        with smtplib.SMTP(config.host, config.port, timeout=SMTP_TIMEOUT) as smtp:
            if config.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if config.username:
                smtp.login(config.username, config.password)
            smtp.send_message(message(config, mail))
    except smtplib.SMTPRecipientsRefused as exc:
        if all(code >= 500 for code, _ in exc.recipients.values()):
            raise MailNotSent("the recipient was refused") from exc
        raise
    except smtplib.SMTPResponseException as exc:
        if exc.smtp_code >= 500:
            raise MailNotSent(f"the server refused the message ({exc.smtp_code})") from exc
        raise
