"""Deliver forwarded questions: the outbox worker.

A forward is written to SQLite before any delivery is tried (bot.conversation does that); this worker
takes the forwards that are due, sends each one by email (or in Telegram to a recruiter who linked
their account), and retries with exponential backoff. A crash, a restart, an SMTP outage or a refused
recipient loses nothing: a forward is only marked sent after its delivery succeeded, one left
'sending' by a dead process goes back to pending at start-up, and a refused one is kept, marked failed.
Candidates are told when their question has gone, and once when it is delayed.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

from .conversation import Button, Reply, answer_link, posting_link
from .engine import Engine
from .mailer import DeliveryError, ForwardMail, Mailer, PermanentDeliveryError, make_message_id
from .messages import t
from .store import ForwardRecord, Store

logger = logging.getLogger(__name__)


class Notifier(Protocol):
    """Sends a reply to a chat (the Telegram layer provides it)."""

    async def __call__(self, chat_id: int, reply: Reply) -> None: ...


@dataclass(frozen=True)
class OutboxSettings:
    """How deliveries are retried."""

    first_delay: timedelta = timedelta(seconds=30)
    max_delay: timedelta = timedelta(hours=1)
    warn_after: int = 3  # failed attempts before the candidate is told of the delay
    batch: int = 20


class Outbox:
    """Takes due forwards from the store and delivers them."""

    def __init__(self, store: Store, notify: Notifier, engine: Callable[[], Engine], *,
                 mailer: Mailer | None, mail_from: str = "", bot_username: Callable[[], str],
                 settings: OutboxSettings | None = None, posting_url: str = "") -> None:
        """`mailer` is None when no SMTP server is configured: forwards then wait in the database."""
        self._store = store
        self._notify = notify
        self._engine = engine
        self._mailer = mailer
        self._mail_from = mail_from
        self._bot_username = bot_username
        self._settings = settings or OutboxSettings()
        self._posting_url = posting_url
        self._wake = asyncio.Event()

    def wake(self) -> None:
        """Deliver now rather than at the next tick (a forward was just created)."""
        self._wake.set()

    async def run(self, stop: asyncio.Event, *, interval: float = 5.0) -> None:
        """Deliver due forwards until `stop` is set; forwards interrupted by a crash are taken up again."""
        released = await self._store.release_interrupted_forwards()
        if released:
            logger.warning("%d forwards were interrupted mid-delivery: they will be sent again", released)
        while not stop.is_set():
            try:
                await self.deliver_due()
            except Exception:  # the worker must survive anything, or forwards would wait forever
                logger.exception("the outbox failed a round; it will try again")
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(_first_of(stop, self._wake), timeout=interval)

    async def deliver_due(self, *, now: datetime | None = None) -> int:
        """Deliver every forward that is due; return how many were delivered."""
        delivered = 0
        while True:
            due = await self._store.claim_due_forwards(limit=self._settings.batch, now=now)
            if not due:
                return delivered
            for forward in due:
                delivered += await self._deliver(forward, now or datetime.now(UTC))

    async def _deliver(self, forward: ForwardRecord, now: datetime) -> int:
        recruiter = await self._store.recruiter_chat(forward.contact) if forward.contact else None
        try:
            if recruiter is not None:
                await self._notify(recruiter, self._recruiter_message(forward))
                await self._store.mark_forward_sent(forward.id, channel="telegram", now=now)
            elif self._mailer is not None and forward.contact:
                mail = self._mail(forward)
                if not forward.message_id:
                    await self._store.set_forward_message_id(forward.id, mail.message_id)
                await self._mailer.send(mail)
                await self._store.mark_forward_sent(forward.id, channel="email", message_id=mail.message_id, now=now)
            else:  # no way to deliver yet (no SMTP, no contact): it waits, visible to the admins
                await self._store.retry_forward(forward.id, error="no delivery channel configured",
                                                at=now + self._settings.max_delay)
                return 0
        except PermanentDeliveryError as exc:
            logger.warning("forward %d refused by the recipient's server: %s", forward.id, exc)
            await self._store.fail_forward(forward.id, error=str(exc))
            await self._tell_candidate(forward, "forward_failed")
            return 0
        except (DeliveryError, OSError) as exc:
            delay = min(self._settings.first_delay * 2 ** (forward.attempts - 1), self._settings.max_delay)
            logger.info("forward %d not delivered (attempt %d), retry in %s: %s", forward.id, forward.attempts,
                        delay, exc)
            await self._store.retry_forward(forward.id, error=str(exc), at=now + delay)
            if forward.attempts >= self._settings.warn_after and not forward.delay_notified:
                await self._tell_candidate(forward, "forward_delayed")
                await self._store.note_delay_notified(forward.id)
            return 0
        logger.info("forward %d delivered by %s", forward.id, "telegram" if recruiter else "email")
        await self._tell_candidate(forward, "forward_sent")
        return 1

    def _posting_title(self, forward: ForwardRecord) -> tuple[str, str]:
        posting = self._engine().find(forward.posting) if forward.posting else None
        if posting is None:
            return forward.posting or "", ""
        return posting.display_name, posting_link(posting, self._posting_url)

    def _mail(self, forward: ForwardRecord) -> ForwardMail:
        assert self._mailer is not None
        title, url = self._posting_title(forward)
        return ForwardMail(
            forward_id=forward.id, to=forward.contact, posting_title=title, posting_url=url,
            question=forward.question, candidate_name=forward.candidate_name or "",
            answer_link=answer_link(self._bot_username(), forward.token or ""),
            message_id=forward.message_id or make_message_id(forward.id, self._mail_from))

    def _recruiter_message(self, forward: ForwardRecord) -> Reply:
        title, _ = self._posting_title(forward)
        who = forward.candidate_name or t("fr", "anonymous_candidate")
        text = t("fr", "recruiter_question", posting=_esc(title), who=_esc(who), question=_esc(forward.question))
        return Reply(text, ((Button(t("fr", "answer_button"), f"ans:{forward.id}"),),))

    async def _tell_candidate(self, forward: ForwardRecord, key: str) -> None:
        title, _ = self._posting_title(forward)
        try:
            await self._notify(forward.chat_id, Reply(t(await self._language(forward.chat_id), key,
                                                        posting=_esc(title))))
        except Exception:  # the candidate may have blocked the bot: the forward itself is fine
            logger.info("could not tell chat of forward %d about its delivery", forward.id)

    async def _language(self, chat_id: int) -> str:
        candidate = await self._store.get_candidate(chat_id)
        return candidate.language if candidate else "fr"


async def _first_of(*events: asyncio.Event) -> None:
    waiters = [asyncio.ensure_future(e.wait()) for e in events]
    try:
        await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()


def _esc(text: str) -> str:
    return html.escape(text, quote=False)
