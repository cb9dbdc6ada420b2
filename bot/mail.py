"""Mail, whatever carries it: the settings (SMTP's, and the IMAP mailbox's where recruiters' replies come), the
forward email and how it is written, the delivery errors, and MailSender, what the outbox, the conversation and
the replies by email need of a mailer (bot.mailer sends over SMTP, bot.mailbox reads over IMAP).

    settings = MailSettings.from_env(os.environ)
    mail = ForwardMail(forward_id=42, to="rh@example.org", ..., message_id=make_message_id(42, settings.mail_from))
    message = build_message(mail, mail_from=settings.mail_from)

A forward is never lost on a server or configuration problem: those raise TemporaryDeliveryError and the forward
waits in the database. Only a refusal of the recipient or of the message itself is permanent.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import html
import logging
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, replace
from email.message import EmailMessage
from typing import Protocol

from .errors import BotError
from .inputs import clean_name, clean_text

logger = logging.getLogger(__name__)

TLS_MODES = ("none", "starttls", "tls")
DEFAULT_PORTS = {"none": 25, "starttls": 587, "tls": 465}
ANONYMOUS = "une personne candidate (anonyme)"
SUBJECT = "Question d'un·e candidat·e · {title}"
MAX_SUBJECT_CHARS = 120  # the posting's title is cut to fit

# A bare address: something@domain, without spaces, brackets, commas or quotes (one address, nothing to inject).
_ADDRESS = re.compile(r"[^@\s<>()\[\],;:\\\"]+@[^@\s<>()\[\],;:\\\"]+")
_DOMAIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?")


class MailConfigError(BotError, ValueError):
    """A mail variable is invalid; the message names it and says what to do."""


@dataclass(frozen=True)
class MailSettings:
    """How to reach the SMTP server that sends forward emails."""

    host: str = ""  # SMTP_HOST; empty = no SMTP configured (forwards wait in the database)
    port: int = 0  # SMTP_PORT; 0 = default for the TLS mode (25 none, 587 starttls, 465 tls)
    user: str = ""  # SMTP_USER
    password: str = ""  # SMTP_PASSWORD
    tls: str = "starttls"  # SMTP_TLS: "none" | "starttls" | "tls"
    mail_from: str = ""  # MAIL_FROM, e.g. "Recrutement <bot@example.org>"
    timeout: float = 20.0  # seconds, for each step of the SMTP conversation

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> MailSettings:
        """Read the settings from an environment mapping (os.environ, or a dict in tests)."""
        host = env.get("SMTP_HOST", "").strip()
        tls = env.get("SMTP_TLS", "").strip().lower() or "starttls"
        if tls not in TLS_MODES:
            raise MailConfigError(f"SMTP_TLS={env.get('SMTP_TLS', '')} is unknown: use 'starttls' (port 587), "
                                  f"'tls' (implicit TLS, port 465) or 'none' (port 25, unencrypted)")
        port_text = env.get("SMTP_PORT", "").strip()
        port = 0
        if port_text:
            try:
                port = int(port_text)
            except ValueError:
                raise MailConfigError(f"SMTP_PORT={port_text} is not a whole number: give the SMTP server's port "
                                      f"(587 for starttls, 465 for tls) or leave it empty") from None
            if not 0 < port < 65536:
                raise MailConfigError(f"SMTP_PORT={port_text} is not a TCP port: give a number from 1 to 65535 "
                                      f"or leave it empty for the default of SMTP_TLS")
        user = env.get("SMTP_USER", "").strip()
        password = env.get("SMTP_PASSWORD", "")
        if password and not user:
            raise MailConfigError("SMTP_PASSWORD is set but SMTP_USER is empty: give the SMTP login in SMTP_USER, "
                                  "or unset SMTP_PASSWORD for a server without authentication")
        if user and not password:
            raise MailConfigError(f"SMTP_USER={user} is set but SMTP_PASSWORD is empty: give the SMTP password, "
                                  f"or unset SMTP_USER for a server without authentication")
        mail_from = " ".join(env.get("MAIL_FROM", "").split())
        if host and not mail_from:
            raise MailConfigError(f"MAIL_FROM is missing while SMTP_HOST={host} is set: give the sender of forward "
                                  f"emails, e.g. MAIL_FROM='Recrutement <bot@example.org>'")
        if mail_from and not _bare_address(mail_from):
            raise MailConfigError(f"MAIL_FROM={mail_from} is not an email address: give e.g. "
                                  f"'Recrutement <bot@example.org>' or 'bot@example.org'")
        return cls(host=host, port=port, user=user, password=password, tls=tls, mail_from=mail_from)

    @property
    def enabled(self) -> bool:
        """Whether an SMTP server is configured (otherwise forwards wait in the database)."""
        return bool(self.host)

    @property
    def effective_port(self) -> int:
        """The port to connect to: SMTP_PORT, or the default of the TLS mode."""
        return self.port or DEFAULT_PORTS.get(self.tls, 587)

    def describe(self) -> str:
        """The settings for the start-up log, the password masked."""
        if not self.enabled:
            return "smtp=(none: forwards wait in the database)"
        password = f"set ({len(self.password)} chars)" if self.password else "(none)"
        return (f"smtp={self.host}:{self.effective_port} tls={self.tls} user={self.user or '(none)'} "
                f"password={password} from={self.mail_from or '(none)'} timeout={self.timeout:g}s")


# --- the mailbox the recruiters' replies come to (read by bot.mailbox, over IMAP) --------------------------

IMAP_TLS_MODES = ("tls", "none")
IMAP_DEFAULT_PORTS = {"tls": 993, "none": 143}


class ImapConfigError(BotError, ValueError):
    """An IMAP variable is invalid; the message names it and says what to do."""


@dataclass(frozen=True)
class ImapSettings:
    """How to reach the mailbox that receives the recruiters' replies."""

    host: str = ""  # IMAP_HOST; empty = recruiters cannot answer by email
    port: int = 0  # IMAP_PORT; 0 = 993 with tls, 143 without
    user: str = ""  # IMAP_USER
    password: str = ""  # IMAP_PASSWORD
    tls: str = "tls"  # IMAP_TLS: "tls" (implicit TLS) or "none"
    folder: str = "INBOX"  # IMAP_FOLDER
    timeout: float = 30.0  # seconds for each command
    poll_interval: float = 60.0  # seconds between two looks (with IDLE too, in case an announcement was missed)
    idle_seconds: float = 600.0  # an IDLE is renewed this often (servers drop it after 30 min)
    first_retry: float = 2.0  # seconds before reconnecting after a failure, doubled up to max_retry
    max_retry: float = 300.0

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> ImapSettings:
        """Read the settings from an environment mapping (os.environ, or a dict in tests)."""
        host = env.get("IMAP_HOST", "").strip()
        tls = env.get("IMAP_TLS", "").strip().lower() or "tls"
        if tls not in IMAP_TLS_MODES:
            raise ImapConfigError(f"IMAP_TLS={env.get('IMAP_TLS', '')} is unknown: use 'tls' (implicit TLS, port "
                                  f"993) or 'none' (port 143, unencrypted: only on a trusted network)")
        port_text = env.get("IMAP_PORT", "").strip()
        port = 0
        if port_text:
            if not port_text.isdigit() or not 0 < int(port_text) < 65536:
                raise ImapConfigError(f"IMAP_PORT={port_text} is not a TCP port: give a number from 1 to 65535, "
                                      f"or leave it empty for the default of IMAP_TLS")
            port = int(port_text)
        user = env.get("IMAP_USER", "").strip()
        password = env.get("IMAP_PASSWORD", "")
        if host and not (user and password):
            raise ImapConfigError(f"IMAP_HOST={host} is set but IMAP_USER or IMAP_PASSWORD is empty: give the "
                                  f"mailbox's login and password, or unset IMAP_HOST")
        folder = env.get("IMAP_FOLDER", "").strip() or "INBOX"
        if any(c in folder for c in '"\\\r\n'):
            raise ImapConfigError(f"IMAP_FOLDER={folder} holds a quote, a backslash or a line break: give the "
                                  f"folder's plain name, e.g. INBOX")
        return cls(host=host, port=port, user=user, password=password, tls=tls, folder=folder)

    @property
    def enabled(self) -> bool:
        """Whether a mailbox is configured (otherwise replies by email are not read)."""
        return bool(self.host)

    @property
    def effective_port(self) -> int:
        return self.port or IMAP_DEFAULT_PORTS[self.tls]

    def describe(self) -> str:
        """The settings for the start-up log, the password masked."""
        if not self.enabled:
            return "imap=(none: replies by email are not read)"
        return (f"imap={self.host}:{self.effective_port} tls={self.tls} user={self.user} "
                f"password=set ({len(self.password)} chars) folder={self.folder}")


@dataclass(frozen=True)
class ForwardMail:
    """What a forward email says: a candidate's question the posting does not answer, and how to answer it."""

    forward_id: int
    to: str  # the recipient address
    posting_title: str
    posting_url: str  # may be ""
    question: str
    candidate_name: str  # "" when the candidate stays anonymous
    answer_link: str  # https://t.me/<bot>?start=<token>, opens the bot to answer
    message_id: str  # "<forward-42.abc123@domain>" made by make_message_id (stored, so a retry keeps it)
    web_link: str = ""  # PUBLIC_URL/r/<token>, the web answer page ("" when PUBLIC_URL is not set)
    reply_by_mail: bool = False  # the bot reads its mailbox (IMAP): replying to the mail answers


class DeliveryError(BotError):
    """A forward email was not sent; .permanent says whether retrying is pointless."""

    permanent: bool = False

    def __init__(self, message: str, *, code: int | None = None) -> None:
        super().__init__(message)
        self.code = code  # the SMTP reply code, when the server gave one


class TemporaryDeliveryError(DeliveryError):
    """The server is down, slow, busy (4xx) or misconfigured: keep the forward and retry later."""

    permanent = False


class PermanentDeliveryError(DeliveryError):
    """The recipient or the message was refused for good (5xx), or the address is invalid: do not retry."""

    permanent = True


class MailSender(Protocol):
    """Sends mails (bot.mailer.Mailer over SMTP); raises TemporaryDeliveryError or PermanentDeliveryError."""

    async def send(self, mail: ForwardMail) -> None:
        """Send one forward email."""
        ...

    async def send_code(self, to: str, code: str) -> None:
        """Send a recruiter the one-time code that links their chat to this address."""
        ...

    async def send_notice(self, to: str, subject: str, body: str, in_reply_to: str = "") -> None:
        """Send a recruiter a short plain-text notice (what became of their reply by email), in reply to
        `in_reply_to` (their mail's Message-ID) when given."""
        ...


def make_message_id(forward_id: int, mail_from: str, *, token: str = "") -> str:
    """Make a Message-ID unique to one forward, on MAIL_FROM's domain (or localhost). With the forward's answer
    token, the reply's In-Reply-To carries the token back (the same for every attempt: the token is kept
    until the mail is sent)."""
    return f"<forward-{forward_id}.{token or secrets.token_hex(8)}@{_domain_of(mail_from)}>"


def without_token(message_id: str) -> str:
    """A Message-ID as the database may keep it: without the answer token minted into it."""
    return re.sub(r"\.ans_[A-Za-z0-9_-]+@", ".sent@", message_id)


def _domain_of(mail_from: str) -> str:
    address = _bare_address(mail_from)
    domain = address.rpartition("@")[2].lower() if address else ""
    return domain if _DOMAIN.fullmatch(domain) else "localhost"


def build_message(mail: ForwardMail, *, mail_from: str) -> EmailMessage:
    """Build the French forward email, plain text with an HTML alternative.

    What the candidate typed is quoted and cleaned of bidi overrides and hidden characters, and their
    first name is reduced to what a name holds (never a link)."""
    title = _one_line(mail.posting_title) or "(offre sans titre)"
    name = clean_name(mail.candidate_name)
    mail = replace(mail, question=clean_text(mail.question))
    url = mail.posting_url.strip()
    subject = _subject(title)
    message = EmailMessage()
    message["From"] = mail_from
    message["To"] = mail.to
    message["Subject"] = subject
    message["Date"] = email.utils.format_datetime(dt.datetime.now(dt.UTC))
    message["Message-ID"] = mail.message_id
    message["Auto-Submitted"] = "auto-generated"
    message["Content-Language"] = "fr"
    message.set_content(_plain_body(mail, title=title, name=name, url=url))
    message.add_alternative(_html_body(mail, title=title, name=name, url=url, subject=subject), subtype="html")
    return message


def _bare_address(text: str) -> str:
    """The address in 'Name <a@b>' or 'a@b', or "" when it is not exactly one plausible address."""
    if any(c in text for c in "\r\n\0"):
        return ""
    parsed = email.utils.getaddresses([text])
    if len(parsed) != 1:
        return ""
    address = parsed[0][1]
    return address if _ADDRESS.fullmatch(address) else ""


def _subject(title: str) -> str:
    """The subject, at most MAX_SUBJECT_CHARS characters: the title is cut (with "…") to fit."""
    room = MAX_SUBJECT_CHARS - len(SUBJECT.format(title=""))
    if len(title) > room:
        title = title[:room - 1].rstrip() + "…"
    return SUBJECT.format(title=title)


def _one_line(text: str) -> str:
    """Collapse whitespace and line breaks, so that a value is safe in a header or a sentence."""
    return " ".join(text.split())


def _is_web_link(url: str) -> bool:
    return url.startswith(("https://", "http://")) and not any(c.isspace() for c in url)


def _plain_body(mail: ForwardMail, *, title: str, name: str, url: str) -> str:
    quoted = "\n".join(f"> {line}".rstrip() for line in mail.question.strip().splitlines()) or ">"
    posting = f"Offre : {url}\n" if url else ""
    return (
        "Bonjour,\n"
        "\n"
        f"Une personne candidate a posé une question sur l'offre « {title} », et l'offre n'y répond pas.\n"
        f"{posting}"
        "\n"
        "Sa question :\n"
        "\n"
        f"{quoted}\n"
        "\n"
        f"Posée par : {name or ANONYMOUS}\n"
        "\n"
        f"{_plain_ways(mail)}"
        "\n"
        "-- \n"
        f"Message automatique du bot de recrutement · transfert n° {mail.forward_id}\n"
    )


def _answers_elsewhere(mail: ForwardMail) -> bool:
    return mail.reply_by_mail or bool(mail.web_link)


def _plain_ways(mail: ForwardMail) -> str:
    """How to answer: by replying to the mail when the bot reads its mailbox, on the web page when PUBLIC_URL
    is set, and in Telegram."""
    telegram = ("Il ouvre le bot dans Telegram : le prochain message que vous lui enverrez sera la réponse, "
                "transmise à la personne candidate.\n\n")
    if not _answers_elsewhere(mail):
        return ("Pour répondre, ouvrez ce lien :\n"
                f"{mail.answer_link}\n\n{telegram}"
                "L'identité Telegram de la personne candidate ne vous est pas communiquée. Répondre à cet email "
                "ne lui transmet rien : passez par le lien ci-dessus.\n")
    ways = ""
    if mail.reply_by_mail:
        ways += ("Pour répondre, répondez simplement à cet email : seul votre nouveau texte est transmis, sans la "
                 "citation ni votre signature. Ajoutez une ligne #FAQ pour que la réponse rejoigne aussi la FAQ "
                 "de l'offre.\n\n")
    if mail.web_link:
        ways += f"Vous pouvez {'aussi ' if ways else ''}répondre sur cette page :\n{mail.web_link}\n\n"
    return (ways + f"Ou dans Telegram, avec ce lien :\n{mail.answer_link}\n\n{telegram}"
            "La première réponse envoyée est transmise ; les suivantes ne le sont pas. L'identité Telegram de la "
            "personne candidate ne vous est pas communiquée.\n")


def _html_ways(mail: ForwardMail, answer: str) -> str:
    """_plain_ways, in HTML (links made clickable)."""
    e = html.escape
    telegram = ("<p>Il ouvre le bot dans Telegram : le prochain message que vous lui enverrez sera la réponse, "
                "transmise à la personne candidate.</p>\n")
    if not _answers_elsewhere(mail):
        return (f"<p>Pour répondre, ouvrez ce lien : {answer}</p>\n{telegram}"
                "<p>L'identité Telegram de la personne candidate ne vous est pas communiquée. Répondre à cet email "
                "ne lui transmet rien : passez par le lien ci-dessus.</p>\n")
    ways = ""
    if mail.reply_by_mail:
        ways += ("<p><strong>Pour répondre, répondez simplement à cet email</strong> : seul votre nouveau texte est "
                 "transmis, sans la citation ni votre signature. Ajoutez une ligne #FAQ pour que la réponse "
                 "rejoigne aussi la FAQ de l'offre.</p>\n")
    if mail.web_link and _is_web_link(mail.web_link):
        link = e(mail.web_link)
        ways += f'<p>Vous pouvez {"aussi " if ways else ""}répondre sur cette page : <a href="{link}">{link}</a></p>\n'
    return (ways + f"<p>Ou dans Telegram, avec ce lien : {answer}</p>\n{telegram}"
            "<p>La première réponse envoyée est transmise ; les suivantes ne le sont pas. L'identité Telegram de la "
            "personne candidate ne vous est pas communiquée.</p>\n")


def _html_body(mail: ForwardMail, *, title: str, name: str, url: str, subject: str) -> str:
    e = html.escape
    quoted = "<br>\n".join(e(line) for line in mail.question.strip().splitlines())
    posting = f"« {e(title)} »"
    if _is_web_link(url):
        posting = f'<a href="{e(url)}">{posting}</a>'
    elif url:
        posting = f"{posting} ({e(url)})"
    who = e(name) if name else f"<em>{e(ANONYMOUS)}</em>"
    link = e(mail.answer_link)
    answer = f'<a href="{link}">{link}</a>' if _is_web_link(mail.answer_link) else link
    return (
        '<!DOCTYPE html>\n<html lang="fr">\n<head><meta charset="utf-8">'
        f"<title>{e(subject)}</title></head>\n"
        '<body style="font-family: sans-serif; line-height: 1.5;">\n'
        "<p>Bonjour,</p>\n"
        f"<p>Une personne candidate a posé une question sur l'offre {posting}, et l'offre n'y répond pas.</p>\n"
        "<p>Sa question :</p>\n"
        '<blockquote style="margin: 0 0 1em; padding-left: 1em; border-left: 3px solid #ccc;">'
        f"{quoted}</blockquote>\n"
        f"<p>Posée par : {who}</p>\n"
        f"{_html_ways(mail, answer)}"
        '<p style="color: #666; font-size: smaller;">Message automatique du bot de recrutement · '
        f"transfert n° {mail.forward_id}</p>\n"
        "</body>\n</html>\n"
    )
