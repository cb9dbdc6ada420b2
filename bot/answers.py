"""A recruiter's answer given outside a chat (a reply to the forward email, the web answer page): the same
single-use path as in Telegram (bot.conversation.recruiter: RecruiterJourney.give_answer), then the answer
relayed to the candidate's chat through the service's Notifier.

    desk = AnswerDesk(storage, conversation.recruiter, notify, engine)
    forward = await desk.find(token)          # None: forged or unknown
    outcome = await desk.answer(forward, "Oui, deux jours par semaine.", faq=True, channel="web")

The first answer wins, whichever way (Telegram, email, web page) it comes. The token is the one of the
forward's links, checked against its hash in the storage: the storage never holds a usable token once the
forward was mailed.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable

from .conversation import ANSWER_PREFIX, Answered, AnswerStatus, RecruiterJourney, Reply, answer_state, token_hash
from .engine import Engine
from .models import Posting
from .outbox import ChatDeliveryError, ChatUnreachableError, Notifier
from .storage import AnswerStore, ForwardRecord

logger = logging.getLogger(__name__)

RELAY_ATTEMPTS = 4  # tries to hand the answer to the candidate's chat, waiting 0.5 s, 1 s, 2 s between them
_TOKEN = re.compile(re.escape(ANSWER_PREFIX) + r"[A-Za-z0-9_-]{16,64}")

Outcome = Answered  # what became of an answer: its status ("answered", "already", "expired", "empty")


def state_of(forward: ForwardRecord) -> str:
    """"open", "already" (answered) or "expired": whether a forward still takes an answer."""
    return answer_state(forward) or "open"


class AnswerDesk:
    """Takes recruiters' answers that come by email or from the web page."""

    def __init__(self, store: AnswerStore, journey: RecruiterJourney, notify: Notifier,
                 engine: Callable[[], Engine]) -> None:
        self._store = store
        self._journey = journey
        self._notify = notify
        self._engine = engine

    async def find(self, token: str) -> ForwardRecord | None:
        """The forward a token opens, or None when the token is forged, malformed or unknown."""
        if not _TOKEN.fullmatch(token):
            return None
        return await self._store.forward_by_token(token_hash(token))

    async def forward(self, forward_id: int) -> ForwardRecord | None:
        """A forward by its id (for an admin relaying a held reply)."""
        return await self._store.get_forward(forward_id)

    def posting(self, forward: ForwardRecord) -> Posting | None:
        """The forward's posting, when the knowledge still has it."""
        return self._engine().find(forward.posting) if forward.posting else None

    def posting_name(self, forward: ForwardRecord) -> str:
        """The posting's name as people read it."""
        posting = self.posting(forward)
        return posting.display_name if posting else forward.posting or ""

    async def answer(self, forward: ForwardRecord, text: str, *, faq: bool, channel: str) -> Outcome:
        """Record the answer if the forward still takes one and it is the first, relay it to the candidate, and
        add it to the FAQ if asked."""
        state = answer_state(forward)
        if state is not None:
            return Answered(state, forward)
        answered = await self._journey.give_answer(self._engine(), forward, text, by=None, channel=channel, faq=faq)
        if answered.status == AnswerStatus.ANSWERED and answered.relayed is not None:
            await self._relay(forward, answered.relayed)
        return answered

    async def _relay(self, forward: ForwardRecord, message: Reply) -> None:
        """Hand the answer to the candidate's chat; a temporary failure is tried again a few times (the answer
        itself is recorded whatever happens)."""
        delay = 0.5
        for attempt in range(1, RELAY_ATTEMPTS + 1):
            try:
                await self._notify(forward.chat_id, message)
                return
            except ChatUnreachableError as exc:  # the candidate blocked the bot: the answer is kept all the same
                logger.warning("forward %d: the candidate's chat refuses the answer: %s", forward.id, exc)
                return
            except ChatDeliveryError as exc:  # the chat's service failed for now: again, a few times
                if attempt == RELAY_ATTEMPTS:
                    logger.warning("forward %d: the answer could not be relayed to the candidate (%d attempts): "
                                   "%s", forward.id, attempt, exc)
                    return
                logger.info("forward %d: relaying the answer failed for now, trying again in %.1f s", forward.id,
                            delay)
                await asyncio.sleep(delay)
                delay *= 2
