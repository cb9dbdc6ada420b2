"""Mail over SMTP: the only module that talks SMTP (aiosmtplib).

    await Mailer(settings).send(mail)  # raises TemporaryDeliveryError (retry later) or PermanentDeliveryError

What a mail says and the errors are bot.mail's; this module only delivers, and turns SMTP failures into
those errors.
"""

from __future__ import annotations

import email.utils
import logging
import re
from email.message import EmailMessage

import aiosmtplib

from .mail import (
    MAX_SUBJECT_CHARS,
    DeliveryError,
    ForwardMail,
    MailSettings,
    PermanentDeliveryError,
    TemporaryDeliveryError,
    _bare_address,
    _domain_of,
    _one_line,
    build_message,
)

logger = logging.getLogger(__name__)


class Mailer:
    """Send forward emails through the configured SMTP server, one connection per email."""

    def __init__(self, settings: MailSettings) -> None:
        self._settings = settings

    async def send(self, mail: ForwardMail) -> None:
        """Send one forward email, or raise TemporaryDeliveryError / PermanentDeliveryError saying why."""
        recipient = _bare_address(mail.to)
        domain = recipient.rpartition("@")[2] or "(no domain)"
        where = f"forward {mail.forward_id} to a recipient at {domain}"
        self._check(where, mail.to, recipient)
        await self._deliver(build_message(mail, mail_from=self._settings.mail_from), recipient, where)
        logger.info("forward %d sent to a recipient at %s", mail.forward_id, domain)

    async def send_code(self, to: str, code: str) -> None:
        """Send a recruiter the one-time code that links their Telegram account to this address."""
        recipient = _bare_address(to)
        where = f"linking code to a recipient at {recipient.rpartition('@')[2] or '(no domain)'}"
        self._check(where, to, recipient)
        message = EmailMessage()
        message["From"] = self._settings.mail_from
        message["To"] = recipient
        message["Subject"] = "Code pour recevoir les questions des candidat·e·s dans Telegram"
        message["Date"] = email.utils.formatdate(localtime=False)
        message["Message-ID"] = email.utils.make_msgid(domain=_domain_of(self._settings.mail_from))
        message["Auto-Submitted"] = "auto-generated"
        message.set_content(
            f"Bonjour,\n\nQuelqu'un a demandé, dans le bot de recrutement sur Telegram, à recevoir là les questions "
            f"des personnes candidates adressées à {recipient}.\n\nSi c'est vous, envoyez ce code au bot : {code}\n"
            f"Il est valable 15 minutes. Si ce n'est pas vous, ignorez ce message : rien ne change.\n")
        await self._deliver(message, recipient, where)

    async def send_notice(self, to: str, subject: str, body: str, in_reply_to: str = "") -> None:
        """Send a recruiter a short plain-text notice (what became of their reply by email)."""
        recipient = _bare_address(to)
        where = f"notice to a recipient at {recipient.rpartition('@')[2] or '(no domain)'}"
        self._check(where, to, recipient)
        message = EmailMessage()
        message["From"] = self._settings.mail_from
        message["To"] = recipient
        message["Subject"] = _one_line(subject)[:MAX_SUBJECT_CHARS]
        message["Date"] = email.utils.formatdate(localtime=False)
        message["Message-ID"] = email.utils.make_msgid(domain=_domain_of(self._settings.mail_from))
        message["Auto-Submitted"] = "auto-replied"  # RFC 3834: no robot answers it
        if re.fullmatch(r"<[^<>\s]{1,250}>", in_reply_to.strip()):
            message["In-Reply-To"] = in_reply_to.strip()
            message["References"] = in_reply_to.strip()
        message.set_content(body)
        await self._deliver(message, recipient, where)

    def _check(self, where: str, given: str, recipient: str) -> None:
        settings = self._settings
        if not settings.enabled:
            raise TemporaryDeliveryError(f"{where}: SMTP is not configured: set SMTP_HOST and MAIL_FROM "
                                         f"(the forward waits in the database)")
        sender = _bare_address(settings.mail_from)
        if not sender:
            raise TemporaryDeliveryError(f"{where}: MAIL_FROM={settings.mail_from} is not an email address: "
                                         f"fix MAIL_FROM (the forward waits in the database)")
        if not recipient:
            raise PermanentDeliveryError(f"{where}: the recipient {given!r} is not an email address: fix the "
                                         f"posting's contact; this forward will not be retried")

    async def _deliver(self, message: EmailMessage, recipient: str, where: str) -> None:
        settings = self._settings
        sender = _bare_address(settings.mail_from)
        server = f"{settings.host}:{settings.effective_port}"
        try:
            await aiosmtplib.send(
                message,
                sender=sender,
                recipients=[recipient],
                hostname=settings.host,
                port=settings.effective_port,
                username=settings.user or None,
                password=settings.password or None,
                use_tls=settings.tls == "tls",
                start_tls=settings.tls == "starttls",
                timeout=settings.timeout,
            )
        except (aiosmtplib.SMTPException, OSError, ValueError) as exc:
            error = _delivery_error(exc, where=f"{where} via {server}", settings=settings)
            logger.warning("%s", error)
            raise error from exc


def _delivery_error(exc: Exception, *, where: str, settings: MailSettings) -> DeliveryError:
    """Translate an aiosmtplib (or socket) exception into a temporary or permanent delivery error."""
    retry = "the forward waits and will be retried"
    if isinstance(exc, aiosmtplib.SMTPRecipientsRefused):
        refusals = exc.recipients
        detail = "; ".join(f"{r.code} {r.message}" for r in refusals)
        code = refusals[0].code if refusals else None
        if refusals and all(r.code >= 500 for r in refusals):
            return PermanentDeliveryError(f"{where}: the server refused the recipient ({detail}): check the "
                                          f"posting's contact address; this forward will not be retried", code=code)
        return TemporaryDeliveryError(f"{where}: the server refused the recipient for now ({detail}): {retry}",
                                      code=code)
    if isinstance(exc, aiosmtplib.SMTPAuthenticationError):
        return TemporaryDeliveryError(f"{where}: authentication failed ({exc.code} {exc.message}): check SMTP_USER "
                                      f"and SMTP_PASSWORD; {retry}", code=exc.code)
    if isinstance(exc, aiosmtplib.SMTPSenderRefused):
        # Refusing the sender is our configuration's fault, not the recipient's: the forward waits for an
        # admin to fix MAIL_FROM rather than being given up.
        if exc.code >= 500:
            return TemporaryDeliveryError(f"{where}: the server refused the sender {exc.sender} ({exc.code} "
                                          f"{exc.message}): check MAIL_FROM; {retry}", code=exc.code)
        return TemporaryDeliveryError(f"{where}: the server refused the sender for now ({exc.code} {exc.message}): "
                                      f"{retry}", code=exc.code)
    if isinstance(exc, aiosmtplib.SMTPDataError):
        if exc.code >= 500:
            return PermanentDeliveryError(f"{where}: the server refused the message ({exc.code} {exc.message}); "
                                          f"this forward will not be retried", code=exc.code)
        return TemporaryDeliveryError(f"{where}: the server refused the message for now ({exc.code} "
                                      f"{exc.message}): {retry}", code=exc.code)
    if isinstance(exc, aiosmtplib.SMTPResponseException):
        return TemporaryDeliveryError(f"{where}: the server answered {exc.code} {exc.message}: check SMTP_HOST and "
                                      f"SMTP_PORT, or wait for the server; {retry}", code=exc.code)
    if isinstance(exc, TimeoutError):
        return TemporaryDeliveryError(f"{where}: no answer within {settings.timeout:g}s ({exc}): check that the "
                                      f"server is up and that SMTP_PORT and SMTP_TLS={settings.tls} match it; {retry}")
    if isinstance(exc, aiosmtplib.SMTPServerDisconnected):
        return TemporaryDeliveryError(f"{where}: the server closed the connection ({exc}): check that "
                                      f"SMTP_TLS={settings.tls} matches SMTP_PORT; {retry}")
    if isinstance(exc, OSError):  # SMTPConnectError: refused, unreachable, TLS handshake
        return TemporaryDeliveryError(f"{where}: cannot connect ({exc}): check SMTP_HOST, SMTP_PORT and SMTP_TLS, "
                                      f"and that the server is up; {retry}")
    if isinstance(exc, aiosmtplib.SMTPException):
        return TemporaryDeliveryError(f"{where}: {exc}: check SMTP_TLS={settings.tls} and SMTP_USER against what "
                                      f"the server offers; {retry}")
    return PermanentDeliveryError(f"{where}: an address cannot be sent over SMTP ({exc}): fix the posting's "
                                  f"contact or MAIL_FROM; this forward will not be retried")
