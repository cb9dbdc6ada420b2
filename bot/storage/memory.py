"""The in-memory backend of bot.storage: the same behaviour as SQLite's, over dicts, gone at close.

For fast dialogue tests and the terminal chat without a database. One process only: its claims and
leases behave as the database's do, but no other process can see them.

    storage = MemoryStorage()
    await storage.touch_candidate(42, language="fr")
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TypeVar

from ..identity import ChatId
from .rates import RecentEvents
from .records import (
    DEFAULT_LANGUAGE,
    DEFAULT_LEASE,
    MAX_ERROR_CHARS,
    MAX_QUESTION_CHARS,
    Candidate,
    FaqRecord,
    ForwardRecord,
    ForwardStatus,
    HeldReply,
    QuestionRecord,
    QuestionStatus,
    StoreError,
    encodable,
    process_owner,
    utc,
)

_Key = TypeVar("_Key")
_Value = TypeVar("_Value")


@dataclass
class _Forward:
    """A forward as kept: the record without the question's text, plus its claim and who answered."""

    record: ForwardRecord
    token_hash: str
    claimed_by: str = ""
    lease_expires_at: datetime | None = None  # None: no lease (taken over at once if left sending)
    answered_by: ChatId | None = None


@dataclass
class _ChatState:
    state: str
    data: str
    expires_at: datetime


@dataclass
class MemoryData:
    """Everything a MemoryStorage keeps: give the same one to a new MemoryStorage to "restart" over it."""

    candidates: dict[ChatId, Candidate] = field(default_factory=dict)
    questions: dict[int, QuestionRecord] = field(default_factory=dict)
    forwards: dict[int, _Forward] = field(default_factory=dict)
    states: dict[ChatId, _ChatState] = field(default_factory=dict)
    recruiters: dict[ChatId, tuple[str, datetime]] = field(default_factory=dict)  # chat -> (email, linked at)
    faq: dict[int, tuple[FaqRecord, int | None]] = field(default_factory=dict)  # id -> (entry, forward id)
    mailbox_folders: dict[str, tuple[int, int]] = field(default_factory=dict)  # folder -> (uidvalidity, last uid)
    mailbox_mails: dict[tuple[str, int, int], tuple[str, datetime]] = field(default_factory=dict)  # -> (key, when)
    held: dict[int, HeldReply] = field(default_factory=dict)
    next_id: dict[str, int] = field(default_factory=dict)
    rates: RecentEvents = field(default_factory=RecentEvents)

    def new_id(self, table: str) -> int:
        self.next_id[table] = self.next_id.get(table, 0) + 1
        return self.next_id[table]


class MemoryStorage:
    """Storage in this process's memory (see bot.storage.base.Storage for what each method does)."""

    def __init__(self, data: MemoryData | None = None) -> None:
        self._data = data if data is not None else MemoryData()
        self._unwritten: list[QuestionRecord] = []
        self._closed = False

    def __repr__(self) -> str:
        return f"<MemoryStorage ({'closed' if self._closed else 'open'})>"

    async def __aenter__(self) -> MemoryStorage:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    def _open(self, what: str) -> MemoryData:
        if self._closed:
            raise StoreError(f"could not {what}: the in-memory store is closed")
        return self._data

    async def check_health(self) -> None:
        self._open("check the store")

    async def close(self) -> None:
        if not self._closed:
            await self.flush()
            self._closed = True

    # --- candidates -------------------------------------------------------------------------------------

    def _candidate(self, chat_id: ChatId, moment: datetime) -> Candidate:
        data = self._data
        if chat_id not in data.candidates:
            data.candidates[chat_id] = Candidate(chat_id, None, DEFAULT_LANGUAGE, moment, moment)
        return data.candidates[chat_id]

    async def touch_candidate(self, chat_id: ChatId, *, language: str | None = None,
                              now: datetime | None = None) -> Candidate:
        data, moment = self._open(f"record the candidate {chat_id}"), utc(now)
        known = self._candidate(chat_id, moment)
        touched = dataclasses.replace(known, last_seen=max(known.last_seen, moment),
                                      language=language if language is not None else known.language)
        data.candidates[chat_id] = touched
        return touched

    async def get_candidate(self, chat_id: ChatId) -> Candidate | None:
        return self._open(f"read the candidate {chat_id}").candidates.get(chat_id)

    async def select_posting(self, chat_id: ChatId, posting: str | None) -> None:
        data = self._open(f"select a posting for the candidate {chat_id}")
        data.candidates[chat_id] = dataclasses.replace(self._candidate(chat_id, utc(None)), posting=posting)

    async def set_language(self, chat_id: ChatId, language: str) -> None:
        data = self._open(f"set the language of the candidate {chat_id}")
        if not language.strip():
            raise StoreError(f"an empty language cannot be set for the candidate {chat_id}")
        data.candidates[chat_id] = dataclasses.replace(self._candidate(chat_id, utc(None)), language=language)

    # --- questions --------------------------------------------------------------------------------------

    async def record_question(self, *, chat_id: ChatId, text: str, posting: str | None, section: str = "",
                              score: float = 0.0, answered: bool, intent: str = "", reason: str = "",
                              now: datetime | None = None) -> int:
        data, moment = self._open(f"record a question of the candidate {chat_id}"), utc(now)
        self._candidate(chat_id, moment)
        question_id = data.new_id("questions")
        data.questions[question_id] = QuestionRecord(
            question_id, chat_id, encodable(text[:MAX_QUESTION_CHARS]), posting, section, float(score), answered,
            intent, reason, QuestionStatus.ANSWERED if answered else QuestionStatus.UNANSWERED, moment)
        return question_id

    async def note_answered_question(self, *, chat_id: ChatId, text: str, posting: str | None, section: str = "",
                                     score: float = 0.0, intent: str = "", now: datetime | None = None) -> None:
        self._open(f"record a question of the candidate {chat_id}")
        self._unwritten.append(QuestionRecord(0, chat_id, encodable(text[:MAX_QUESTION_CHARS]), posting, section,
                                              float(score), True, intent, "", QuestionStatus.ANSWERED, utc(now)))

    async def flush(self) -> None:
        data = self._open("record the answered questions")
        rows, self._unwritten = self._unwritten, []
        for row in rows:
            if row.chat_id in data.candidates:  # an erased candidate's answered questions go with them
                question_id = data.new_id("questions")
                data.questions[question_id] = dataclasses.replace(row, id=question_id)

    async def get_question(self, question_id: int) -> QuestionRecord | None:
        return self._open(f"read the question {question_id}").questions.get(question_id)

    async def set_question_status(self, question_id: int, status: QuestionStatus) -> None:
        data = self._open(f"set the status of the question {question_id}")
        if not status.strip():
            raise StoreError(f"an empty status cannot be set on the question {question_id}")
        if question_id not in data.questions:
            raise StoreError(f"there is no question with the id {question_id}")
        data.questions[question_id] = dataclasses.replace(data.questions[question_id], status=status)

    async def questions(self, *, chat_id: ChatId | None = None, since: datetime | None = None,
                        limit: int | None = None) -> list[QuestionRecord]:
        await self.flush()
        if limit is not None and limit < 0:
            raise StoreError(f"a negative limit makes no sense: {limit}")
        start = utc(since) if since is not None else None
        found = [q for q in self._data.questions.values()
                 if (chat_id is None or q.chat_id == chat_id) and (start is None or q.created_at >= start)]
        found.sort(key=lambda q: (q.created_at, q.id), reverse=True)
        return found if limit is None else found[:limit]

    # --- forwards -----------------------------------------------------------------------------------------

    def _record(self, kept: _Forward) -> ForwardRecord:
        question = self._data.questions[kept.record.question_id]
        return dataclasses.replace(kept.record, question=question.text)

    def _claimed(self, forward_id: int, owner: str | None, *, required: bool = True) -> _Forward | None:
        """The forward when it is being delivered (by `owner`, when given), else None."""
        kept = self._data.forwards.get(forward_id)
        if kept is None or (required and kept.record.status != ForwardStatus.SENDING):
            return None
        return kept if owner is None or kept.claimed_by == owner else None

    @staticmethod
    def _update(kept: _Forward, **changes: object) -> None:
        kept.record = dataclasses.replace(kept.record, **changes)  # type: ignore[arg-type]

    async def create_forward(self, *, question_id: int, chat_id: ChatId, posting: str | None, contact: str,
                             candidate_name: str | None, token: str, token_hash: str, token_expires_at: datetime,
                             now: datetime | None = None) -> int | None:
        data, moment = self._open(f"forward the question {question_id}"), utc(now)
        expires = utc(token_expires_at)
        if question_id not in data.questions or chat_id not in data.candidates:
            raise StoreError(f"could not forward the question {question_id}: no such question or candidate")
        if any(f.record.question_id == question_id for f in data.forwards.values()):
            return None
        if any(f.token_hash == token_hash for f in data.forwards.values()):
            raise StoreError(f"could not forward the question {question_id}: its token is already in use")
        forward_id = data.new_id("forwards")
        record = ForwardRecord(
            id=forward_id, question_id=question_id, chat_id=chat_id, posting=posting, contact=contact,
            candidate_name=None if candidate_name is None else encodable(candidate_name), status=ForwardStatus.PENDING,
            attempts=0, next_attempt_at=moment, last_error="", channel="", message_id="", token_expires_at=expires,
            delay_notified=False, created_at=moment, sent_at=None, answer=None, answered_at=None, question="",
            token=token)
        data.forwards[forward_id] = _Forward(record, token_hash)
        data.questions[question_id] = dataclasses.replace(data.questions[question_id], status=QuestionStatus.FORWARDED)
        return forward_id

    async def get_forward(self, forward_id: int) -> ForwardRecord | None:
        kept = self._open(f"read the forward {forward_id}").forwards.get(forward_id)
        return self._record(kept) if kept is not None else None

    async def forward_for_question(self, question_id: int) -> ForwardRecord | None:
        data = self._open(f"read the forward of the question {question_id}")
        return next((self._record(f) for f in data.forwards.values() if f.record.question_id == question_id), None)

    async def forward_by_token(self, token_hash: str) -> ForwardRecord | None:
        data = self._open("read a forward by its answer link")
        return next((self._record(f) for f in data.forwards.values() if f.token_hash == token_hash), None)

    async def forwards(self, *, statuses: Sequence[ForwardStatus] = (),
                       chat_id: ChatId | None = None) -> list[ForwardRecord]:
        data = self._open("list the forwards")
        return [self._record(f) for _, f in sorted(data.forwards.items())
                if (not statuses or f.record.status in statuses) and (chat_id is None or f.record.chat_id == chat_id)]

    async def claim_due_forwards(self, *, owner: str | None = None, lease: timedelta = DEFAULT_LEASE,
                                 limit: int = 20, now: datetime | None = None) -> list[ForwardRecord]:
        data, moment = self._open("claim the forwards due for delivery"), utc(now)

        def due(kept: _Forward) -> bool:
            if kept.record.status == ForwardStatus.PENDING:
                return kept.record.next_attempt_at <= moment
            return kept.record.status == ForwardStatus.SENDING and _lease_over(kept, moment)

        chosen = sorted((f for f in data.forwards.values() if due(f)),
                        key=lambda f: (f.record.next_attempt_at, f.record.id))[:max(limit, 0)]
        for kept in chosen:
            kept.claimed_by, kept.lease_expires_at = owner or process_owner(), moment + lease
            self._update(kept, status=ForwardStatus.SENDING, attempts=kept.record.attempts + 1)
        return [self._record(f) for f in sorted(chosen, key=lambda f: f.record.id)]

    async def renew_forward_claim(self, forward_id: int, *, owner: str | None = None,
                                  lease: timedelta = DEFAULT_LEASE, now: datetime | None = None) -> bool:
        self._open(f"renew the claim on the forward {forward_id}")
        kept = self._claimed(forward_id, owner or process_owner())
        if kept is None:
            return False
        kept.lease_expires_at = utc(now) + lease
        return True

    async def forward_claimers(self) -> set[str]:
        data = self._open("list the claimers of forwards")
        return {f.claimed_by for f in data.forwards.values()
                if f.record.status == ForwardStatus.SENDING and f.claimed_by}

    async def release_forward_claims(self, *, owners: Collection[str], now: datetime | None = None) -> int:
        data, moment = self._open("release the interrupted forwards"), utc(now)
        released = 0
        for kept in data.forwards.values():
            if kept.record.status == ForwardStatus.SENDING and (kept.claimed_by in owners or not kept.claimed_by
                                                    or _lease_over(kept, moment)):
                _unclaim(kept)
                self._update(kept, status=ForwardStatus.PENDING)
                released += 1
        return released

    async def mark_forward_sent(self, forward_id: int, *, channel: str, message_id: str = "",
                                owner: str | None = None, now: datetime | None = None) -> bool:
        self._open(f"mark the forward {forward_id} sent")
        kept = self._claimed(forward_id, owner)
        if kept is None:
            return False
        _unclaim(kept)
        self._update(kept, status=ForwardStatus.SENT, channel=channel, message_id=message_id, sent_at=utc(now),
                     last_error="", token=None)
        return True

    async def set_forward_message_id(self, forward_id: int, message_id: str) -> None:
        kept = self._open(f"set the Message-ID of the forward {forward_id}").forwards.get(forward_id)
        if kept is not None:
            self._update(kept, message_id=message_id)

    async def retry_forward(self, forward_id: int, *, error: str, at: datetime, owner: str | None = None) -> None:
        self._open(f"reschedule the forward {forward_id}")
        moment = utc(at)
        kept = self._claimed(forward_id, owner)
        if kept is not None:
            _unclaim(kept)
            self._update(kept, status=ForwardStatus.PENDING, last_error=error[:MAX_ERROR_CHARS], next_attempt_at=moment)

    async def fail_forward(self, forward_id: int, *, error: str, owner: str | None = None) -> None:
        self._open(f"mark the forward {forward_id} failed")
        kept = self._claimed(forward_id, owner, required=owner is not None)
        if kept is not None:
            _unclaim(kept)
            self._update(kept, status=ForwardStatus.FAILED, last_error=error[:MAX_ERROR_CHARS])

    async def note_delay_notified(self, forward_id: int) -> None:
        kept = self._open(f"note the delay of the forward {forward_id}").forwards.get(forward_id)
        if kept is not None:
            self._update(kept, delay_notified=True)

    async def answer_forward(self, forward_id: int, answer: str, *, now: datetime | None = None,
                             by: ChatId | None = None) -> bool:
        data, moment = self._open(f"answer the forward {forward_id}"), utc(now)
        kept = data.forwards.get(forward_id)
        if kept is None or kept.record.answer is not None:
            return False
        kept.answered_by = by
        self._update(kept, status=ForwardStatus.ANSWERED, answer=encodable(answer[:MAX_QUESTION_CHARS]),
                     answered_at=moment)
        question = data.questions[kept.record.question_id]
        data.questions[question.id] = dataclasses.replace(question, status=QuestionStatus.ANSWERED_BY_RECRUITER)
        return True

    async def forward_answered_by(self, forward_id: int) -> ChatId | None:
        kept = self._open(f"read who answered the forward {forward_id}").forwards.get(forward_id)
        return kept.answered_by if kept is not None else None

    # --- chat states ------------------------------------------------------------------------------------

    async def set_chat_state(self, chat_id: ChatId, state: str, data: str = "", *, expires_at: datetime) -> None:
        self._open(f"set the state of the chat {chat_id}").states[chat_id] = _ChatState(state, encodable(data),
                                                                                      utc(expires_at))

    async def chat_state(self, chat_id: ChatId, *, now: datetime | None = None) -> tuple[str, str] | None:
        kept = self._open(f"read the state of the chat {chat_id}").states.get(chat_id)
        return (kept.state, kept.data) if kept is not None and kept.expires_at > utc(now) else None

    async def clear_chat_state(self, chat_id: ChatId) -> None:
        self._open(f"clear the state of the chat {chat_id}").states.pop(chat_id, None)

    # --- recruiters -------------------------------------------------------------------------------------

    async def link_recruiter(self, chat_id: ChatId, email: str, *, now: datetime | None = None) -> None:
        data, address = self._open(f"link a recruiter to the chat {chat_id}"), email.lower()
        for chat in [c for c, (e, _) in data.recruiters.items() if e == address]:
            del data.recruiters[chat]
        data.recruiters[chat_id] = (address, utc(now))

    async def recruiter_chat(self, email: str) -> ChatId | None:
        data = self._open("find a recruiter")
        return next((c for c, (e, _) in data.recruiters.items() if e == email.lower()), None)

    async def recruiter_email(self, chat_id: ChatId) -> str | None:
        linked = self._open("find a recruiter").recruiters.get(chat_id)
        return linked[0] if linked is not None else None

    # --- FAQ --------------------------------------------------------------------------------------------

    async def add_faq(self, *, posting: str, question: str, answer: str, forward_id: int | None = None,
                      intent: str = "", now: datetime | None = None) -> int | None:
        data, moment = self._open(f"add a FAQ entry to {posting}"), utc(now)
        if forward_id is not None:
            if forward_id not in data.forwards:
                raise StoreError(f"could not add a FAQ entry to {posting}: there is no forward {forward_id}")
            if any(source == forward_id for _, source in data.faq.values()):
                return None
        entry_id = data.new_id("faq")
        data.faq[entry_id] = (FaqRecord(entry_id, posting, encodable(question), encodable(answer), moment, intent),
                              forward_id)
        return entry_id

    async def faq(self, posting: str | None = None) -> list[FaqRecord]:
        data = self._open("read the FAQ")
        return [entry for _, (entry, _) in sorted(data.faq.items()) if not posting or entry.posting == posting]

    # --- replies by email: the mailbox's position, held replies ----------------------------------------

    async def mailbox_position(self, folder: str) -> tuple[int, int] | None:
        return self._open("read the mailbox position").mailbox_folders.get(folder)

    async def mail_handled(self, message_key: str) -> bool:
        data = self._open("look for a handled mail")
        return any(key == message_key for key, _ in data.mailbox_mails.values())

    async def note_mail_handled(self, *, folder: str, uidvalidity: int, uid: int, message_key: str, outcome: str,
                                now: datetime | None = None) -> None:
        data, moment = self._open("note a handled mail"), utc(now)
        data.mailbox_mails.setdefault((folder, uidvalidity, uid), (message_key, moment))
        known = data.mailbox_folders.get(folder)
        last = max(known[1], uid) if known is not None and known[0] == uidvalidity else uid
        data.mailbox_folders[folder] = (uidvalidity, last)

    async def hold_reply(self, *, forward_id: int, sender: str, answer: str, faq: bool,
                         now: datetime | None = None) -> int:
        data, moment = self._open("hold a reply by email"), utc(now)
        if forward_id not in data.forwards:
            raise StoreError(f"could not hold a reply by email: there is no forward {forward_id}")
        held_id = data.new_id("held_replies")
        data.held[held_id] = HeldReply(held_id, forward_id, sender.lower(),
                                       encodable(answer[:MAX_QUESTION_CHARS]), faq, moment)
        return held_id

    async def held_replies(self) -> list[HeldReply]:
        return [reply for _, reply in sorted(self._open("read the held replies").held.items())]

    async def take_held_reply(self, held_id: int) -> HeldReply | None:
        return self._open(f"take the held reply {held_id}").held.pop(held_id, None)

    def _drop_orphan_held_replies(self) -> None:
        """A held reply goes with its forward."""
        data = self._data
        _drop(data.held, [i for i, reply in data.held.items() if reply.forward_id not in data.forwards])

    # --- privacy ----------------------------------------------------------------------------------------

    async def erase_candidate(self, chat_id: ChatId) -> dict[str, int]:
        await self.flush()
        data = self._data
        forwards = {i for i, f in data.forwards.items() if f.record.chat_id == chat_id}
        counts = {"faq": _drop(data.faq, [i for i, (_, source) in data.faq.items() if source in forwards])}
        counts["forwards"] = _drop(data.forwards, forwards)
        counts["questions"] = _drop(data.questions, [i for i, q in data.questions.items() if q.chat_id == chat_id])
        counts["chat_states"] = _drop(data.states, [chat_id] if chat_id in data.states else [])
        counts["recruiters"] = _drop(data.recruiters, [chat_id] if chat_id in data.recruiters else [])
        counts["candidates"] = _drop(data.candidates, [chat_id] if chat_id in data.candidates else [])
        self._drop_orphan_held_replies()
        data.rates.forget_chat(chat_id)
        return counts

    async def allow_event(self, key: str, *, limit: int, period: timedelta, now: datetime | None = None,
                          count: bool = True) -> bool:
        data = self._open("count an event")
        return data.rates.allow(key, limit=limit, period=period, now=utc(now), count=count)

    async def purge_older_than(self, cutoff: datetime) -> dict[str, int]:
        await self.flush()
        data, moment, now = self._data, utc(cutoff), utc(None)
        counts = {"forwards": _drop(data.forwards, [i for i, f in data.forwards.items()
                                                    if f.record.created_at < moment])}
        old = [i for i, q in data.questions.items() if q.created_at < moment]
        counts["questions"] = _drop(data.questions, old)
        _drop(data.forwards, [i for i, f in data.forwards.items() if f.record.question_id in set(old)])  # cascade
        counts["chat_states"] = _drop(data.states, [c for c, s in data.states.items()
                                                    if s.expires_at < now or s.expires_at < moment])
        counts["mailbox_mails"] = _drop(data.mailbox_mails, [k for k, (_, when) in data.mailbox_mails.items()
                                                             if when < moment])
        self._drop_orphan_held_replies()
        asking = {q.chat_id for q in data.questions.values()}
        counts["candidates"] = _drop(data.candidates, [c for c, k in data.candidates.items() if k.last_seen < moment
                                                       and c not in asking and c not in data.recruiters])
        for entry_id, (entry, source) in list(data.faq.items()):  # an entry outlives its forward
            if source is not None and source not in data.forwards:
                data.faq[entry_id] = (entry, None)
        return counts


def _lease_over(kept: _Forward, moment: datetime) -> bool:
    return kept.lease_expires_at is None or kept.lease_expires_at <= moment


def _unclaim(kept: _Forward) -> None:
    kept.claimed_by, kept.lease_expires_at = "", None


def _drop(table: dict[_Key, _Value], keys: Collection[_Key]) -> int:
    """Delete these keys from a table; how many went."""
    for key in keys:
        del table[key]
    return len(keys)
