"""The recruiter's journey: open an answer link (or press Answer on a forward sent to their linked chat), type
the answer, which goes to the candidate once, keep it for the FAQ or not; link their chat to their address
with a code mailed to it.

`RecruiterJourney.give_answer` is the one single-use answer path: an answer typed in Telegram, a reply to the
forward email (bot.mail_answers) and the web answer page (bot.web, through bot.answers) all go through it, so
that the first answer, whichever way it comes, is the only one relayed."""

from __future__ import annotations

import asyncio
import logging
import re
import secrets
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

from ..buttons import CancelAnswer, FaqChoice, encode
from ..engine import Engine
from ..identity import ChatId
from ..messages import t
from ..states import NO_CODE, Answering, LinkingCode, LinkingEmail
from ..storage import ForwardRecord, Storage
from .render import esc
from .replies import Button, Reply
from .tokens import token_hash

logger = logging.getLogger(__name__)

ANSWER_STATE_TTL = timedelta(hours=2)
LINK_TTL = timedelta(minutes=15)
LINK_ATTEMPTS = 3  # guesses per code
LINK_WINDOW = timedelta(hours=24)
LINK_CODES_PER_CHAT = 3  # codes a chat may ask for per LINK_WINDOW, whatever the addresses
LINK_CODES_PER_ADDRESS = 3  # codes an address may be sent per LINK_WINDOW, whoever asks
# So an address gets at most 9 guesses a day at its 6-digit code, and a chat at most 9 guesses a day.
MAX_CODE_MAILS_IN_FLIGHT = 32
_EMAIL = re.compile(r"[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}")


class AnswerStatus(StrEnum):
    """What became of an answer to a forward."""

    ANSWERED = "answered"  # recorded, to be relayed to the candidate
    ALREADY = "already"  # another answer came first: only one is relayed
    EXPIRED = "expired"  # the forward's link expired
    EMPTY = "empty"  # nothing was left to relay


@dataclass(frozen=True)
class Answered:
    """The outcome of give_answer: its status, the forward, and, when the answer was recorded, the message that
    relays it to the candidate (its chat_id is the candidate's) and whether it joined the posting's FAQ."""

    status: AnswerStatus
    forward: ForwardRecord
    relayed: Reply | None = None
    faq_added: bool = False


def answer_state(forward: ForwardRecord, *, now: datetime | None = None) -> AnswerStatus | None:
    """Whether a forward still takes an answer: None when it does, else ALREADY (answered) or EXPIRED."""
    if forward.answer is not None:
        return AnswerStatus.ALREADY
    if forward.token_expires_at < (now or datetime.now(UTC)):
        return AnswerStatus.EXPIRED
    return None


class RecruiterJourney:
    """What a recruiter can do; every method checks that the forward it names is theirs to answer."""

    def __init__(self, store: Storage, *, send_code: Callable[[str, str], Awaitable[None]] | None = None) -> None:
        self._store = store
        self._send_code = send_code
        self._contact_cache: tuple[int, frozenset[str]] = (0, frozenset())
        self._code_mails: set[asyncio.Task[None]] = set()

    async def cancel_answer(self, chat_id: ChatId, lang: str) -> list[Reply]:
        """The recruiter gives up answering: forget what their next message would have meant."""
        await self._store.clear_chat_state(chat_id)
        return [Reply(t(lang, "cancelled"))]

    async def close(self) -> None:
        """Let the linking codes being mailed finish for a few seconds, then stop them (asked again if lost)."""
        pending = set(self._code_mails)
        if pending:
            _, late = await asyncio.wait(pending, timeout=5)
            for task in late:
                task.cancel()
            await asyncio.gather(*late, return_exceptions=True)

    async def open_answer_link(self, engine: Engine, chat_id: ChatId, token: str, lang: str) -> list[Reply]:
        forward = await self._store.forward_by_token(token_hash(token))
        if forward is None:
            logger.info("an unknown answer link was opened")
            return [Reply(t(lang, "token_unknown"))]
        return await self._start_answer(engine, chat_id, forward, lang)

    async def answer_button(self, engine: Engine, chat_id: ChatId, forward_id: int, lang: str) -> list[Reply]:
        forward = await self._store.get_forward(forward_id)
        email = await self._store.recruiter_email(chat_id)
        if forward is None or email is None or email != forward.contact.lower():
            return [Reply(t(lang, "not_your_question"))]
        return await self._start_answer(engine, chat_id, forward, lang)

    async def _start_answer(self, engine: Engine, chat_id: ChatId, forward: ForwardRecord, lang: str) -> list[Reply]:
        if forward.answer is not None:
            when = forward.answered_at.strftime("%d/%m/%Y") if forward.answered_at else "?"
            return [Reply(t(lang, "token_used", date=when))]
        if forward.token_expires_at < datetime.now(UTC):
            return [Reply(t(lang, "token_expired"))]
        await self._store.set_chat_state(chat_id, *Answering(forward.id).encode(),
                                         expires_at=datetime.now(UTC) + ANSWER_STATE_TTL)
        posting = engine.find(forward.posting) if forward.posting else None
        name = posting.display_name if posting else forward.posting or ""
        return [Reply(t(lang, "answer_prompt", posting=esc(name), question=esc(forward.question)),
                      ((Button(t(lang, "cancel"), encode(CancelAnswer())),),))]

    async def relay_answer(self, engine: Engine, chat_id: ChatId, forward_id: int, text: str,
                            lang: str) -> list[Reply]:
        """The recruiter's message is the answer: relay it to the candidate, once."""
        await self._store.clear_chat_state(chat_id)
        forward = await self._store.get_forward(forward_id)
        if forward is None:
            return [Reply(t(lang, "token_unknown"))]
        answered = await self.give_answer(engine, forward, text, by=chat_id, channel="telegram")
        if answered.relayed is None:
            when = answered.forward.answered_at.strftime("%d/%m/%Y") if answered.forward.answered_at else "?"
            return [Reply(t(lang, "token_used", date=when))]
        rows = ((Button(t(lang, "faq_add"), encode(FaqChoice(forward_id, add=True))),
                 Button(t(lang, "faq_no"), encode(FaqChoice(forward_id, add=False)))),)
        return [answered.relayed, Reply(t(lang, "answer_relayed"), rows)]

    async def give_answer(self, engine: Engine, forward: ForwardRecord, text: str, *, by: ChatId | None,
                          channel: str, faq: bool = False) -> Answered:
        """Record a recruiter's answer to a forward if it is the first (storage's answer_forward decides, once,
        whichever way the answer came: `channel`, for the log), add it to the posting's FAQ when `faq`, and
        return the message that relays it to the candidate. `by`: the chat that answered (None by email or on
        the web page), the only one allowed to choose the FAQ later. Whether the link expired is the caller's
        to check: in Telegram when the link is opened, by email and on the web page when the answer comes."""
        text = text.strip()
        if not text:
            return Answered(AnswerStatus.EMPTY, forward)
        if not await self._store.answer_forward(forward.id, text, by=by):
            logger.info("forward %d: an answer by %s came after another one", forward.id, channel)
            return Answered(AnswerStatus.ALREADY, await self._store.get_forward(forward.id) or forward)
        logger.info("forward %d answered by its recruiter by %s", forward.id, channel)
        added = False
        if faq and forward.posting:
            added = await self._store.add_faq(posting=forward.posting, question=forward.question, answer=text,
                                              forward_id=forward.id,
                                              intent=engine.matcher.faq_intent(forward.question)) is not None
            if added:
                logger.info("forward %d added to the FAQ of a posting", forward.id)
        posting = engine.find(forward.posting) if forward.posting else None
        name = esc(posting.display_name if posting else forward.posting or "")
        candidate = await self._store.touch_candidate(forward.chat_id)
        relayed = Reply(t(candidate.language, "relayed_answer", posting=name, answer=esc(text)),
                        chat_id=forward.chat_id)
        return Answered(AnswerStatus.ANSWERED, forward, relayed, faq_added=added)

    async def faq_choice(self, engine: Engine, chat_id: ChatId, forward_id: int, lang: str, *,
                         add: bool) -> list[Reply]:
        """Only the chat that answered a forward may publish it: the question is a candidate's own words. The entry
        is filed under the question's intent, so that it serves the other wordings of that topic."""
        if await self._store.forward_answered_by(forward_id) != chat_id:
            logger.info("a FAQ button was pressed by a chat that did not answer that forward")
            return [Reply(t(lang, "not_your_question"))]
        forward = await self._store.get_forward(forward_id)
        if forward is None or forward.answer is None or not forward.posting:
            return [Reply(t(lang, "token_unknown"))]
        if not add:
            return [Reply(t(lang, "faq_not_added"))]
        await self._store.add_faq(posting=forward.posting, question=forward.question, answer=forward.answer,
                                  forward_id=forward_id, intent=engine.matcher.faq_intent(forward.question))
        logger.info("forward %d added to the FAQ of a posting", forward_id)
        return [Reply(t(lang, "faq_added"))]

    async def _codes_allowed(self, per: str, who: str, *, count: bool = True) -> bool:
        """Whether a linking code may go for this chat or address (counted in the storage, so that the limits
        hold across the processes sharing it); count=False only looks."""
        limit = LINK_CODES_PER_CHAT if per == "chat" else LINK_CODES_PER_ADDRESS
        return await self._store.allow_event(f"link-code-{per}:{who}", limit=limit, period=LINK_WINDOW, count=count)

    async def start_link(self, chat_id: ChatId, lang: str) -> list[Reply]:
        email = await self._store.recruiter_email(chat_id)
        if email is not None:
            return [Reply(t(lang, "link_already", email=esc(email)))]
        if not await self._codes_allowed("chat", chat_id, count=False):
            logger.info("a chat is over the linking code limit")
            return [Reply(t(lang, "link_too_many"))]
        await self._store.set_chat_state(chat_id, *LinkingEmail().encode(), expires_at=datetime.now(UTC) + LINK_TTL)
        return [Reply(t(lang, "link_ask_email"))]

    async def link_email(self, engine: Engine, chat_id: ChatId, text: str, lang: str) -> list[Reply]:
        """Mail a code to the address if it is a contact, in the background; the same reply either way."""
        email = text.strip().lower().removeprefix("mailto:")
        if not _EMAIL.fullmatch(email):
            await self._store.clear_chat_state(chat_id)
            return [Reply(t(lang, "link_not_email"))]
        if self._send_code is None:
            await self._store.clear_chat_state(chat_id)
            return [Reply(t(lang, "link_no_mail"))]
        if not await self._codes_allowed("address", email, count=False) \
                or not await self._codes_allowed("chat", chat_id):
            await self._store.clear_chat_state(chat_id)
            logger.info("a linking code was refused: over the limit of the chat or of the address")
            return [Reply(t(lang, "link_too_many"))]
        await self._codes_allowed("address", email)  # counted for any address: the limit does not tell contacts apart
        code = f"{secrets.randbelow(1_000_000):06d}"
        contact = email in self._contacts(engine)
        state = LinkingCode(email, token_hash(code) if contact else NO_CODE, LINK_ATTEMPTS)
        await self._store.set_chat_state(chat_id, *state.encode(), expires_at=datetime.now(UTC) + LINK_TTL)
        if contact:
            self._mail_in_background(self._mail_code(email, code))
        return [Reply(t(lang, "link_code_sent"))]

    async def link_code(self, engine: Engine, chat_id: ChatId, text: str, state: LinkingCode,
                         lang: str) -> list[Reply]:
        email, hashed = state.email, state.code_hash
        right = hashed != NO_CODE and secrets.compare_digest(token_hash(text.strip()), hashed)
        if right and email in self._contacts(engine):  # still a contact now: a reload may have removed it
            await self._store.clear_chat_state(chat_id)
            await self._store.link_recruiter(chat_id, email)
            logger.info("a recruiter linked their Telegram account")
            return [Reply(t(lang, "link_done", email=esc(email)))]
        left = state.attempts_left - 1
        if left <= 0:
            await self._store.clear_chat_state(chat_id)
            return [Reply(t(lang, "link_failed"))]
        await self._store.set_chat_state(chat_id, *LinkingCode(email, hashed, left).encode(),
                                         expires_at=datetime.now(UTC) + LINK_TTL)
        return [Reply(t(lang, "link_bad_code", left=left))]

    async def _mail_code(self, email: str, code: str) -> None:
        assert self._send_code is not None
        try:
            await self._send_code(email, code)
        except Exception:  # the recruiter gets no code and asks again: nothing else to do
            logger.warning("the linking code could not be mailed", exc_info=True)

    def _mail_in_background(self, job: Coroutine[Any, Any, None]) -> None:
        """Run a mail without making the update wait for the SMTP server (which may hang)."""
        if len(self._code_mails) >= MAX_CODE_MAILS_IN_FLIGHT:
            job.close()
            logger.warning("%d linking codes are already being mailed: one more is dropped", len(self._code_mails))
            return
        task = asyncio.create_task(job)
        self._code_mails.add(task)
        task.add_done_callback(self._code_mails.discard)

    def _contacts(self, engine: Engine) -> frozenset[str]:
        if self._contact_cache[0] != id(engine):
            emails = frozenset(engine.contact_for(p).email for p in engine.postings) - {""}
            self._contact_cache = (id(engine), emails)
        return self._contact_cache[1]
