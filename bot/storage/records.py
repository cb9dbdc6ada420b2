"""The records the bot keeps, whatever the backend: frozen dataclasses, no I/O.

Every backend of bot.storage returns these; times are timezone-aware, in UTC.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from ..errors import BotError
from ..identity import ChatId

MAX_QUESTION_CHARS = 4096  # longer question texts are cut before they are stored
DEFAULT_LANGUAGE = "fr"
DEFAULT_LEASE = timedelta(minutes=5)  # how long a claimed forward stays its claimer's
MAX_ERROR_CHARS = 500  # a delivery error is kept cut to this


class StoreError(BotError):
    """A database operation failed: bad input, unknown row, unreadable file or SQLite error."""



class ForwardStatus(StrEnum):
    """Where a forward stands: pending -> sending (claimed) -> sent -> answered, or failed; sending goes back to
    pending when a delivery fails for now or its claimer is gone."""

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    ANSWERED = "answered"


class QuestionStatus(StrEnum):
    """What became of a question (a record read back may hold a status written by an older version)."""

    ANSWERED = "answered"  # by the engine, from the posting's lines
    UNANSWERED = "unanswered"
    ANSWERED_FROM_FAQ = "answered-from-faq"
    FORWARDED = "forwarded"
    ANSWERED_BY_RECRUITER = "answered-by-recruiter"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A person talking to the bot, known only by their chat id."""

    chat_id: ChatId
    posting: str | None
    language: str
    first_seen: datetime
    last_seen: datetime


@dataclass(frozen=True, slots=True)
class QuestionRecord:
    """A question a candidate asked and what the engine made of it."""

    id: int
    chat_id: ChatId
    text: str
    posting: str | None
    section: str
    score: float
    answered: bool
    intent: str
    reason: str
    status: str  # a QuestionStatus
    created_at: datetime


@dataclass(frozen=True, slots=True)
class ForwardRecord:
    """A question a candidate agreed to forward, and where it stands (the outbox)."""

    id: int
    question_id: int
    chat_id: ChatId
    posting: str | None
    contact: str
    candidate_name: str | None
    status: ForwardStatus
    attempts: int
    next_attempt_at: datetime
    last_error: str
    channel: str
    message_id: str
    token_expires_at: datetime
    delay_notified: bool
    created_at: datetime
    sent_at: datetime | None
    answer: str | None
    answered_at: datetime | None
    question: str  # the question's text, joined from questions
    token: str | None  # the answer link's token, kept only until the forward is delivered


@dataclass(frozen=True, slots=True)
class HeldReply:
    """A reply by email from another domain than the forward's recipient, waiting for an admin."""

    id: int
    forward_id: int
    sender: str  # the address it came from, lower-cased
    answer: str
    faq: bool  # the sender asked for the answer to join the posting's FAQ
    created_at: datetime


@dataclass(frozen=True, slots=True)
class FaqRecord:
    """A recruiter's answer kept for the next candidates of a posting."""

    id: int
    posting: str
    question: str
    answer: str
    created_at: datetime
    intent: str = ""  # the intent of the question it answered (Matcher.faq_intent), "" for none


def encodable(text: str) -> str:
    """The text with every lone surrogate (JSON can carry one, UTF-8 cannot) replaced by U+FFFD."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text



def process_owner() -> str:
    """This process's id as the owner of the forwards it claims: host name and process id."""
    return f"{socket.gethostname()}:{os.getpid()}"



def utc(moment: datetime | None) -> datetime:
    """A timezone-aware datetime (now when None) in UTC; StoreError for a naive one, which would compare wrongly."""
    moment = datetime.now(UTC) if moment is None else moment
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise StoreError(f"a naive datetime cannot be stored, give it a timezone: {moment.isoformat()}")
    return moment.astimezone(UTC)
