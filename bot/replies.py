"""Reading a recruiter's reply to a forward email: which forward it answers, whether a person wrote it, and
the new text once quotes and signatures are removed. Pure functions: no network, no database.

    reply = read_reply(raw_bytes)
    reply.automatic      # "auto-reply" or "bounce" when no person wrote it, else ""
    reply.claims         # (forward id, token) pairs found in In-Reply-To / References, to verify
    reply.text           # the new text only (French and English quote headers, signatures removed)
    reply.faq            # the recruiter asked, with the keyword #FAQ, to add the answer to the posting's FAQ

The token is the one the bot minted into the forward's Message-ID (`<forward-42.ans_…@domain>`): the
reply's In-Reply-To and References carry it back. It is only a claim here: the caller verifies it against
the database (its hash), never trusting the subject.
"""

from __future__ import annotations

import email.utils
import re
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesParser
from html.parser import HTMLParser

from mailparser_reply import EmailReplyParser

from .inputs import clean_text

MAX_REPLY_CHARS = 4000  # an answer longer than this is cut (Telegram shows 4,096 characters per message)
FAQ_KEYWORD = re.compile(r"^\s*#\s*faq\s*$", re.IGNORECASE | re.MULTILINE)
_CLAIM = re.compile(r"<forward-(\d{1,18})\.(ans_[A-Za-z0-9_-]{16,64})@[^<>\s]+>")
_LANGUAGES = ["fr", "en"]
# Closing lines mail-parser-reply does not know (it expects "Cordialement" or "Envoyé depuis" at a line's
# start): from the first of them on, the rest is a signature.
_CLOSING = re.compile(
    r"^\s*(?:(?:bien|très|tres)\s+cordialement|bien\s+à\s+vous|bien\s+a\s+vous|belle\s+journée|"
    r"bonne\s+(?:journée|soirée|fin de journée)|envoyé\s+de\s+mon\s|envoyé\s+depuis\s|sent\s+from\s+my\s|"
    r"kind\s+regards|best\s+regards|regards,?\s*$|--\s*$)", re.IGNORECASE)

# Headers and subjects of messages no person wrote (RFC 3834 and the habits of common servers).
_AUTO_SUBJECT = re.compile(
    r"^\s*(réponse automatique|reponse automatique|absence|absent|out of (the )?office|automatic reply|"
    r"auto(matic)?[- ]?reply|autoreply|auto:|undeliver|undelivered|delivery status notification|"
    r"non remis|mail delivery failed|returned mail|message non délivré)", re.IGNORECASE)
# The line that introduces the quoted original, when the parser left it (a reply with nothing above it).
_QUOTE_HEADER = re.compile(r"^\s*(?:le\s.+\sa\s+écrit|on\s.+\swrote|-+\s*(?:original message|message d'origine)"
                           r"\s*-+)\s*:?\s*$", re.IGNORECASE)
_BOUNCE_SENDERS = re.compile(r"^(mailer-daemon|postmaster)@", re.IGNORECASE)


@dataclass(frozen=True)
class IncomingReply:
    """What the bot needs of one mail found in the mailbox."""

    message_id: str  # its Message-ID header ("" when it has none)
    sender: str  # the bare From address, lower-cased ("" when unreadable)
    subject: str
    automatic: str  # "auto-reply" or "bounce" when no person wrote it, else ""
    claims: tuple[tuple[int, str], ...]  # (forward id, token) pairs found in In-Reply-To / References
    text: str  # the new text, quotes and signature removed, the FAQ keyword taken out
    faq: bool  # the keyword #FAQ was on a line of its own


def read_reply(raw: bytes) -> IncomingReply:
    """Parse a mail as it came from the mailbox."""
    message = BytesParser(policy=policy.default).parsebytes(raw)
    sender = _sender(message)
    subject = " ".join(str(message.get("Subject", "")).split())
    automatic = _automatic(message, sender, subject)
    claims = _claims(message)
    body = "" if automatic else _body_text(message)
    new_text = new_text_of(body)
    faq = bool(FAQ_KEYWORD.search(new_text))
    text = FAQ_KEYWORD.sub("", new_text).strip()
    return IncomingReply(message_id=str(message.get("Message-ID", "")).strip()[:500], sender=sender,
                         subject=subject, automatic=automatic, claims=claims, text=text[:MAX_REPLY_CHARS], faq=faq)


def new_text_of(body: str) -> str:
    """The text the recruiter wrote: without the quoted original, its "Le … a écrit :" / "On … wrote:"
    header, the signature and "Envoyé de mon iPhone" (mail-parser-reply, French and English)."""
    body = body.replace("\r\n", "\n")
    above = []  # what is above the quote's header line, when it is one of the usual forms
    for line in body.splitlines():
        if _QUOTE_HEADER.match(line):
            break
        above.append(line)
    body = "\n".join(above).strip()
    if not body:
        return ""
    parsed = EmailReplyParser(languages=_LANGUAGES).read(body)
    text = parsed.replies[0].body if parsed.replies else body
    lines: list[str] = []
    for n, line in enumerate(text.splitlines()):
        if (n > 0 and _CLOSING.match(line)) or _QUOTE_HEADER.match(line):
            break
        if not line.lstrip().startswith(">"):  # stray quoted lines
            lines.append(line)
    return clean_text("\n".join(lines)).strip()


def _sender(message: Message) -> str:
    parsed = email.utils.getaddresses([str(message.get("From", ""))])
    address = parsed[0][1].strip().lower() if len(parsed) == 1 else ""
    return address if re.fullmatch(r"[^@\s<>]+@[^@\s<>]+", address) else ""


def _automatic(message: Message, sender: str, subject: str) -> str:
    """Why no person wrote this mail ("bounce", "auto-reply"), or ""."""
    if message.get_content_type() == "multipart/report" or _BOUNCE_SENDERS.match(sender) or not sender:
        return "bounce"
    if str(message.get("Return-Path", "")).strip() == "<>":
        return "bounce"
    submitted = str(message.get("Auto-Submitted", "no")).strip().lower()
    if submitted and submitted != "no":
        return "auto-reply"
    if any(message.get(h) for h in ("X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress-Origin")):
        return "auto-reply"
    if str(message.get("Precedence", "")).strip().lower() in {"auto_reply", "bulk", "junk", "list"}:
        return "auto-reply"
    if _AUTO_SUBJECT.match(subject):
        return "auto-reply"
    return ""


def _claims(message: Message) -> tuple[tuple[int, str], ...]:
    """The (forward id, token) pairs in In-Reply-To and References, in that order, without repeats."""
    found: list[tuple[int, str]] = []
    for header in ("In-Reply-To", "References"):
        for forward_id, token in _CLAIM.findall(str(message.get(header, ""))):
            claim = (int(forward_id), token)
            if claim not in found:
                found.append(claim)
    return tuple(found[:5])


def _body_text(message: Message) -> str:
    """The plain-text body, or the HTML body turned into text when there is no plain one."""
    if not isinstance(message, EmailMessage):
        return ""
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, ValueError):  # an unknown charset or a broken encoding
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    if not isinstance(content, str):
        return ""
    return html_to_text(content) if part.get_content_type() == "text/html" else content


class _TextOfHtml(HTMLParser):
    """Text of an HTML mail: paragraphs and line breaks kept, quoted originals (blockquote, Gmail's and
    Outlook's quote blocks), scripts and styles left out."""

    BLOCKS = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "hr"})
    SKIPPED = frozenset({"script", "style", "head", "title", "blockquote"})
    VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "col", "area", "base", "wbr", "source"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping: list[str] = []  # the open tags whose content is left out
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = " ".join(value or "" for name, value in attrs if name in {"class", "id"})
        if self._skipping and tag not in self.VOID:
            self._skipping.append(tag)
            return
        if tag in self.SKIPPED or any(q in classes for q in ("gmail_quote", "divRplyFwdMsg", "moz-cite-prefix",
                                                                 "yahoo_quoted", "OutlookMessageHeader")):
            if tag not in self.VOID:
                self._skipping.append(tag)
            return
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self._skipping:
            self._skipping.pop()
            return
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(markup: str) -> str:
    """The readable text of an HTML mail body, quoted originals left out."""
    parser = _TextOfHtml()
    parser.feed(markup)
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).splitlines()]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
