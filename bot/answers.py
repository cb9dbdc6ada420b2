"""A recruiter's answer given outside Telegram (a reply to the forward email, the web answer page): the same
single-use path as in Telegram, then the answer relayed to the candidate in Telegram.

    desk = AnswerDesk(store, notify, engine)
    forward = await desk.find(token)          # None: forged or unknown
    outcome = await desk.answer(forward, "Oui, deux jours par semaine.", faq=True, channel="web")

The first answer wins: `Store.answer_forward` records an answer only when the forward has none, whichever
way (Telegram, email, web page) it comes. The token is the one of the forward's links, checked against its
hash in the database: the database never holds a usable token once the forward was mailed.
"""

from __future__ import annotations

import asyncio
import html
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from .conversation import ANSWER_PREFIX, CandidateState, ForwardState, Reply, token_hash
from .engine import Engine
from .messages import t
from .models import Posting
from .outbox import ChatDeliveryError, ChatUnreachableError, Notifier

logger = logging.getLogger(__name__)

RELAY_ATTEMPTS = 4  # tries to hand the answer to Telegram, waiting 0.5 s, 1 s, 2 s between them
_TOKEN = re.compile(re.escape(ANSWER_PREFIX) + r"[A-Za-z0-9_-]{16,64}")


class AnswerStore(Protocol):
    """The storage an answer needs (bot.store.Store provides it)."""

    async def forward_by_token(self, token_hash: str) -> ForwardState | None: ...
    async def get_forward(self, forward_id: int) -> ForwardState | None: ...
    async def answer_forward(self, forward_id: int, answer: str, *, now: datetime | None = None,
                             by: int | None = None) -> bool: ...
    async def add_faq(self, *, posting: str, question: str, answer: str, forward_id: int | None = None,
                      now: datetime | None = None) -> int | None: ...
    async def touch_candidate(self, chat_id: int, *, language: str | None = None) -> CandidateState: ...


@dataclass(frozen=True)
class Outcome:
    """What became of an answer: "answered", "already" (another answer came first), "expired" or "empty"."""

    status: str
    forward: ForwardState
    faq_added: bool = False


def state_of(forward: ForwardState, *, now: datetime | None = None) -> str:
    """"open", "already" (answered) or "expired": whether a forward still takes an answer."""
    if forward.answer is not None:
        return "already"
    if forward.token_expires_at < (now or datetime.now(UTC)):
        return "expired"
    return "open"


class AnswerDesk:
    """Takes recruiters' answers that come by email or from the web page."""

    def __init__(self, store: AnswerStore, notify: Notifier, engine: Callable[[], Engine]) -> None:
        self._store = store
        self._notify = notify
        self._engine = engine

    async def find(self, token: str) -> ForwardState | None:
        """The forward a token opens, or None when the token is forged, malformed or unknown."""
        if not _TOKEN.fullmatch(token):
            return None
        return await self._store.forward_by_token(token_hash(token))

    async def forward(self, forward_id: int) -> ForwardState | None:
        """A forward by its id (for an admin relaying a held reply)."""
        return await self._store.get_forward(forward_id)

    def posting(self, forward: ForwardState) -> Posting | None:
        """The forward's posting, when the knowledge still has it."""
        return self._engine().find(forward.posting) if forward.posting else None

    def posting_name(self, forward: ForwardState) -> str:
        """The posting's name as people read it."""
        posting = self.posting(forward)
        return posting.display_name if posting else forward.posting or ""

    async def answer(self, forward: ForwardState, text: str, *, faq: bool, channel: str) -> Outcome:
        """Record the answer if it is the first, relay it to the candidate, and add it to the FAQ if asked."""
        text = text.strip()
        state = state_of(forward)
        if state != "open":
            return Outcome(state, forward)
        if not text:
            return Outcome("empty", forward)
        if not await self._store.answer_forward(forward.id, text):
            logger.info("forward %d: an answer by %s came after another one", forward.id, channel)
            return Outcome("already", await self._store.get_forward(forward.id) or forward)
        logger.info("forward %d answered by its recruiter by %s", forward.id, channel)
        added = False
        if faq and forward.posting:
            added = await self._store.add_faq(posting=forward.posting, question=forward.question, answer=text,
                                              forward_id=forward.id) is not None
            if added:
                logger.info("forward %d added to the FAQ of a posting", forward.id)
        await self._relay(forward, text)
        return Outcome("answered", forward, faq_added=added)

    async def _relay(self, forward: ForwardState, text: str) -> None:
        candidate = await self._store.touch_candidate(forward.chat_id)
        message = t(candidate.language, "relayed_answer", posting=_esc(self.posting_name(forward)),
                    answer=_esc(text))
        delay = 0.5
        for attempt in range(1, RELAY_ATTEMPTS + 1):
            try:
                await self._notify(forward.chat_id, Reply(message))
                return
            except ChatUnreachableError as exc:  # the candidate blocked the bot: the answer is kept all the same
                logger.warning("forward %d: the candidate's chat refuses the answer: %s", forward.id, exc)
                return
            except ChatDeliveryError as exc:  # Telegram failed for now: again, a few times
                if attempt == RELAY_ATTEMPTS:
                    logger.warning("forward %d: the answer could not be relayed to the candidate (%d attempts): "
                                   "%s", forward.id, attempt, exc)
                    return
                logger.info("forward %d: relaying the answer failed for now, trying again in %.1f s", forward.id,
                            delay)
                await asyncio.sleep(delay)
                delay *= 2


def _esc(text: str) -> str:
    return html.escape(text, quote=False)
