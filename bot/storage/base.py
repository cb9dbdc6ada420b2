"""What every storage backend provides: one Protocol per role, and Storage, all of them together.

The conversation, the outbox, the admins and the reports are written against these Protocols only; a
backend (bot.storage.sqlite, bot.storage.postgres, bot.storage.memory) implements them all and is proven by the
contract tests (tests/test_storage_contract.py), run on every backend.

Rules every backend keeps:
- times in and out are timezone-aware (UTC out); a naive datetime is refused with StoreError;
- texts are cut to MAX_QUESTION_CHARS and lone surrogates replaced (records.encodable) before they are kept;
- a forward being delivered is claimed for a lease by one owner (a process: records.process_owner); its
  state is changed only by its owner while the claim holds, and another owner takes it over only once the
  lease ran out. So several processes may share one database (a rolling deploy), as PostgreSQL's
  `FOR UPDATE SKIP LOCKED` or SQLite's single writer allow;
- every failure is a StoreError saying what could not be done, and where.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Collection, Sequence
from datetime import datetime, timedelta
from typing import Protocol, runtime_checkable

from ..identity import ChatId
from .records import (
    DEFAULT_LEASE,
    Candidate,
    FaqRecord,
    ForwardRecord,
    ForwardStatus,
    HeldReply,
    QuestionRecord,
    QuestionStatus,
)


class CandidateStore(Protocol):
    """The people talking to the bot: their selected posting and their language."""

    async def touch_candidate(self, chat_id: ChatId, *, language: str | None = None,
                              now: datetime | None = None) -> Candidate:
        """Note that the candidate is here (created if new), set their language if given; return them."""
        ...

    async def get_candidate(self, chat_id: ChatId) -> Candidate | None:
        """The candidate with this chat id, or None."""
        ...

    async def select_posting(self, chat_id: ChatId, posting: str | None) -> None:
        """Remember the posting the candidate is asking about (None forgets it); creates the candidate."""
        ...

    async def set_language(self, chat_id: ChatId, language: str) -> None:
        """Set the candidate's language (StoreError when empty); creates the candidate."""
        ...


class QuestionStore(Protocol):
    """The questions candidates asked and what the engine made of them."""

    async def record_question(self, *, chat_id: ChatId, text: str, posting: str | None, section: str = "",
                              score: float = 0.0, answered: bool, intent: str = "", reason: str = "",
                              now: datetime | None = None) -> int:
        """Store a question (creating its candidate when new); return its id."""
        ...

    async def note_answered_question(self, *, chat_id: ChatId, text: str, posting: str | None, section: str = "",
                                     score: float = 0.0, intent: str = "", now: datetime | None = None) -> None:
        """Record a question the engine answered, written by the next flush() at the latest (its id is not
        needed); dropped if its candidate was erased meanwhile."""
        ...

    async def flush(self) -> None:
        """Write the answered questions noted but not written yet (StoreError when the backend fails; they
        are then kept for the next try)."""
        ...

    async def get_question(self, question_id: int) -> QuestionRecord | None:
        """The question with this id, or None."""
        ...

    async def set_question_status(self, question_id: int, status: QuestionStatus) -> None:
        """Set a question's status; StoreError when empty or when there is no such question."""
        ...

    async def questions(self, *, chat_id: ChatId | None = None, since: datetime | None = None,
                        limit: int | None = None) -> list[QuestionRecord]:
        """Questions, newest first: of one candidate, asked at or after since, at most limit of them."""
        ...


class ForwardStore(Protocol):
    """The outbox: questions candidates agreed to forward, their delivery and the recruiters' answers."""

    async def create_forward(self, *, question_id: int, chat_id: ChatId, posting: str | None, contact: str,
                             candidate_name: str | None, token: str, token_hash: str, token_expires_at: datetime,
                             now: datetime | None = None) -> int | None:
        """Store a forward, pending and due now, and mark its question forwarded; None when that question
        was already forwarded (a forward is made once)."""
        ...

    async def get_forward(self, forward_id: int) -> ForwardRecord | None:
        """The forward with this id, or None."""
        ...

    async def forward_for_question(self, question_id: int) -> ForwardRecord | None:
        """The forward of a question, or None."""
        ...

    async def forward_by_token(self, token_hash: str) -> ForwardRecord | None:
        """The forward an answer link opens (by the hash of its token), or None."""
        ...

    async def forwards(self, *, statuses: Sequence[ForwardStatus] = (),
                       chat_id: ChatId | None = None) -> list[ForwardRecord]:
        """Forwards, oldest first, with one of these statuses (all when none given), of one chat if given."""
        ...

    async def claim_due_forwards(self, *, owner: str | None = None, lease: timedelta = DEFAULT_LEASE,
                                 limit: int = 20, now: datetime | None = None) -> list[ForwardRecord]:
        """Claim for `owner` (this process when None), until `lease` has passed, the pending forwards whose
        time has come and the claimed ones whose lease ran out: they are marked sending, their attempts
        counted, atomically (no two owners get the same forward). Returned by id."""
        ...

    async def renew_forward_claim(self, forward_id: int, *, owner: str | None = None,
                                  lease: timedelta = DEFAULT_LEASE, now: datetime | None = None) -> bool:
        """Extend the owner's claim until `lease` from now; False when the forward is no longer theirs."""
        ...

    async def forward_claimers(self) -> set[str]:
        """The owners of the forwards being delivered now (their leases may have run out)."""
        ...

    async def release_forward_claims(self, *, owners: Collection[str], now: datetime | None = None) -> int:
        """Put back to pending the forwards being delivered by these owners, by no owner, or whose lease ran
        out; never the live claims of others. Returns how many."""
        ...

    async def mark_forward_sent(self, forward_id: int, *, channel: str, message_id: str = "",
                                owner: str | None = None, now: datetime | None = None) -> bool:
        """The forward reached the recruiter (its token is then forgotten); False when it was not claimed
        (by `owner`, when given)."""
        ...

    async def set_forward_message_id(self, forward_id: int, message_id: str) -> None:
        """Keep the email Message-ID of a forward, the same for every attempt."""
        ...

    async def retry_forward(self, forward_id: int, *, error: str, at: datetime, owner: str | None = None) -> None:
        """Delivery failed for now: pending again, due at `at` (only while claimed, by `owner` when given)."""
        ...

    async def fail_forward(self, forward_id: int, *, error: str, owner: str | None = None) -> None:
        """Delivery cannot succeed: keep the forward, marked failed (when `owner` is given, only while it
        holds the claim)."""
        ...

    async def note_delay_notified(self, forward_id: int) -> None:
        """The candidate was told their forward is delayed (told once)."""
        ...

    async def answer_forward(self, forward_id: int, answer: str, *, now: datetime | None = None,
                             by: ChatId | None = None) -> bool:
        """Record the recruiter's answer and the chat that gave it; False when it already had one."""
        ...

    async def forward_answered_by(self, forward_id: int) -> ChatId | None:
        """The chat that answered this forward, or None."""
        ...


class ChatStateStore(Protocol):
    """What a chat's next message means (a recruiter about to answer, an account being linked)."""

    async def set_chat_state(self, chat_id: ChatId, state: str, data: str = "", *, expires_at: datetime) -> None:
        """Remember the chat's state and its data until expires_at."""
        ...

    async def chat_state(self, chat_id: ChatId, *, now: datetime | None = None) -> tuple[str, str] | None:
        """The chat's current state and data, or None (none set, or expired)."""
        ...

    async def clear_chat_state(self, chat_id: ChatId) -> None:
        """Forget the chat's state."""
        ...


class RecruiterStore(Protocol):
    """Recruiters who linked a chat to their email address (one chat per address)."""

    async def link_recruiter(self, chat_id: ChatId, email: str, *, now: datetime | None = None) -> None:
        """Link the chat to the address (case-insensitive), replacing earlier links of either."""
        ...

    async def recruiter_chat(self, email: str) -> ChatId | None:
        """The chat linked to this address, or None."""
        ...

    async def recruiter_email(self, chat_id: ChatId) -> str | None:
        """The address linked to this chat, or None."""
        ...


class FaqStore(Protocol):
    """Recruiters' answers kept for the next candidates of a posting."""

    async def add_faq(self, *, posting: str, question: str, answer: str, forward_id: int | None = None,
                      intent: str = "", now: datetime | None = None) -> int | None:
        """Keep an answer, filed under the intent of the question it answered ("" for none); None when that
        forward is already in."""
        ...

    async def faq(self, posting: str | None = None) -> list[FaqRecord]:
        """FAQ entries, oldest first, of one posting when given."""
        ...


class AnswerStore(CandidateStore, ForwardStore, FaqStore, Protocol):
    """What answering a forward takes, whichever way the answer comes (Telegram, a reply by email, the web
    answer page): the forward by its token or id, its single-use answer (ForwardStore.answer_forward), the
    FAQ, and the candidate's language for the relayed answer."""


class MailboxLedger(Protocol):
    """Where the reader of the recruiters' mailbox (bot.mailbox) is: each folder's UIDVALIDITY and last UID
    handled, and the mails handled, by a key (a hash of their Message-ID) that recognises a copy."""

    async def mailbox_position(self, folder: str) -> tuple[int, int] | None:
        """The folder's UIDVALIDITY and the last UID handled in it, or None before its first mail."""
        ...

    async def mail_handled(self, message_key: str) -> bool:
        """Whether a mail with this key was handled already (in any folder, under any UIDVALIDITY)."""
        ...

    async def note_mail_handled(self, *, folder: str, uidvalidity: int, uid: int, message_key: str, outcome: str,
                                now: datetime | None = None) -> None:
        """Remember a mail as handled and move the folder's position to its UID, atomically: the position
        only moves forward under one UIDVALIDITY, and starts again from this UID under a new one (the
        server renumbered the folder). Noting the same (folder, uidvalidity, uid) again changes nothing."""
        ...


class HeldReplies(Protocol):
    """Where replies by email from an unexpected domain wait for an admin (bot.mail_answers keeps them)."""

    async def hold_reply(self, *, forward_id: int, sender: str, answer: str, faq: bool,
                         now: datetime | None = None) -> int:
        """Keep a reply (its sender lower-cased, its text cut and made encodable); return its id. StoreError
        when there is no such forward."""
        ...


class HeldStore(Protocol):
    """The held replies, as the admins see and decide them (bot.held)."""

    async def held_replies(self) -> list[HeldReply]:
        """The replies waiting for an admin, oldest first."""
        ...

    async def take_held_reply(self, held_id: int) -> HeldReply | None:
        """Remove a held reply and return it; None when there is none with this id (or it was taken already:
        of two admins deciding at once, one gets it)."""
        ...


class PrivacyStore(Protocol):
    """Erasure on request and retention."""

    async def erase_candidate(self, chat_id: ChatId) -> dict[str, int]:
        """Erase everything kept about a chat (its FAQ entries included, and the replies held for its forwards);
        how many rows of each kind went: keys faq, forwards, questions, chat_states, recruiters, candidates."""
        ...

    async def purge_older_than(self, cutoff: datetime) -> dict[str, int]:
        """Delete the questions and forwards older than cutoff (and the replies held for those forwards),
        expired chat states, the mails handled before cutoff (their position in the folder stays), and the
        candidates not seen since cutoff who keep no question nor recruiter link; how many rows of each kind
        went: keys forwards, questions, chat_states, mailbox_mails, candidates."""
        ...


class RateStore(Protocol):
    """Rate limits that hold for every process on the database (a chat's questions per minute)."""

    async def allow_event(self, key: str, *, limit: int, period: timedelta, now: datetime | None = None,
                          count: bool = True) -> bool:
        """Count one event for key ("question:<chat id>") and say yes, or say no (counting nothing) when
        `limit` were counted within `period` before now; with count=False, only say whether one would be
        allowed. A chat's counts (keys ending with ":<chat id>") go with its erasure."""
        ...


class Storage(QuestionStore, ChatStateStore, RecruiterStore, AnswerStore, MailboxLedger, HeldReplies, HeldStore,
              PrivacyStore, RateStore, Protocol):
    """A whole backend: every role (AnswerStore holds CandidateStore, ForwardStore and FaqStore), plus its
    health and its end."""

    async def check_health(self) -> None:
        """Raise StoreError saying what is wrong when the backend cannot answer."""
        ...

    async def close(self) -> None:
        """Write what is pending and let go of the backend; closing again does nothing, and any other
        call afterwards raises StoreError."""
        ...


@runtime_checkable
class ReloadBroadcast(Protocol):
    """A backend shared by several processes (PostgreSQL) that carries "the knowledge was reloaded" from one
    process to the others, so that a /reload on one reloads them all. A backend of one process has none."""

    async def announce_reload(self) -> None:
        """Tell the other processes on this database that the knowledge was reloaded here."""
        ...

    async def follow_reloads(self, on_reload: Callable[[], Awaitable[object]], stop: asyncio.Event) -> None:
        """Until stop is set, call on_reload each time another process announces a reload (and once after a
        lost connection came back, for the announcements missed meanwhile)."""
        ...
