"""The email jobs of the cloud's job queue (a mixin of PassUpdateQueue, cloud/wallet/updates.py, whose
`_queue`, `_job` and `ctx` they use). An email the SMTP server could not take yet (no connection, a
dropped one, a 4xx answer) is tried again after an exponential backoff with jitter, up to
`mail_backoff.attempts` tries in all. The task name is the queue's contract with jobs queued by an
earlier run: keep it."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field

from cloud.join import members
from cloud.join.mail import Mail, MailNotSent, SmtpConfig, card_link_mail, send
from cloud.join.texts import Language
from cloud.models import Business
from cloud.wallet.apns import Backoff

log = logging.getLogger("cloud.join.mail")


@dataclass
class MailTotals:
    """What this process's email jobs did so far (for tests and the log)."""

    sent: int = 0
    retried: int = 0
    failed: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def count(self, what: str) -> None:
        with self._lock:
            setattr(self, what, getattr(self, what) + 1)


class MailJobs:
    smtp: SmtpConfig | None = None

    def _mail_tasks(self, huey, smtp: SmtpConfig | None) -> None:
        self.smtp = smtp
        self.mail_backoff = Backoff()
        self.mails = MailTotals()
        self._mail_task = huey.task(context=True, name="mail.send")(self._send_mail)
        self._links_task = huey.task(context=True, name="mail.card_links")(self._card_links)

    @property
    def sends_mail(self) -> bool:
        return self.smtp is not None

    def send_mail(self, mail: Mail) -> bool:
        """Queue one email; False when the cloud has no SMTP server (nothing is queued)."""
        if self.smtp is None:
            return False
        self._queue(self._mail_task.s(mail.to, mail.subject, mail.text, mail.html, 0))
        return True

    def send_card_links(self, business_id: int, email: str, lang: Language, base_url: str) -> bool:
        """Someone asked for the card link of this email: a job makes the links and their emails.
        The asking page does the same, and takes the same time, whether or not anyone has the email."""
        if self.smtp is None:
            return False
        self._queue(self._links_task.s(business_id, email, lang.value, base_url))
        return True

    def _card_links(self, business_id: int, email: str, lang: str, base_url: str, task=None) -> None:
        with self._job(task):
            with self.ctx.db.writing() as session:  # the links exist before any email names them
                business = session.get(Business, business_id)
                fresh = members.fresh_links_for_email(session, business_id, email, self.ctx.clock())
            name = business.name if business is not None else ""
            for sent in fresh:
                url = f"{base_url}/c/{sent.secret}"
                self.send_mail(card_link_mail(Language(lang), sent.email, name, sent.name, url))

    def _send_mail(self, to: str, subject: str, text: str, html: str, attempt: int, task=None) -> None:
        with self._job(task):
            if self.smtp is None:  # queued by a run that had SMTP set up; this one has none
                log.warning("an email job found no SMTP server set up; it is dropped")
                self.mails.count("failed")
                return
            try:
                send(self.smtp, Mail(to, subject, text, html))
            except MailNotSent as exc:
                log.warning("an email was refused: %s", exc)
                self.mails.count("failed")
            except OSError as exc:  # smtplib's errors are OSErrors too: connection, drop, 4xx
                if attempt + 1 >= self.mail_backoff.attempts:
                    log.warning("the SMTP server took no email after the last try: %s", exc)
                    self.mails.count("failed")
                    return
                self.mails.count("retried")
                delay = self.mail_backoff.delay(attempt)
                self._queue(self._mail_task.s(to, subject, text, html, attempt + 1, delay=delay))
            else:
                self.mails.count("sent")
