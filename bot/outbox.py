"""Deliver forwarded questions: the outbox worker.

A forward is written to the storage before any delivery is tried (bot.conversation does that); this worker
claims the forwards that are due, sends each one by email (or in Telegram to a recruiter who linked
their account, by email when that chat refuses the bot), and retries with exponential backoff. A crash,
a restart, an SMTP or Telegram outage or a refused recipient loses nothing: a forward is only marked
sent after its delivery succeeded, and a refused one is kept, marked failed. Any other error reschedules
the forward too.

Several processes may share the database (a rolling deploy): a claim belongs to one process (its owner,
host and process id) for a lease, renewed before each delivery. Another process takes a forward over
only once the lease ran out; at start-up a process releases only its own earlier claims and those of
processes gone from this host, never a live one's.

Candidates are told when their question has gone, and once when it is delayed.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

from .buttons import AnswerForward, encode
from .conversation import Button, Reply, posting_link
from .engine import Engine
from .errors import BotError
from .identity import ChatId
from .mail import DeliveryError, ForwardMail, MailSender, PermanentDeliveryError, make_message_id, without_token
from .messages import t
from .storage import DEFAULT_LEASE, ForwardRecord, Storage, process_owner

logger = logging.getLogger(__name__)


class ChatDeliveryError(BotError):
    """A message did not reach a chat: what a Notifier raises (the Telegram layer translates its errors)."""


class ChatUnreachableError(ChatDeliveryError):
    """The chat refuses the bot's messages (the user blocked the bot, no such chat, message refused):
    trying the same chat again will not help."""


class TemporaryChatError(ChatDeliveryError):
    """The messaging service failed for now (a server error, a timeout, flood control): try again later."""


class Notifier(Protocol):
    """Sends a reply to a chat (the Telegram layer provides it); returns only once the message was accepted,
    else raises ChatUnreachableError or TemporaryChatError."""

    async def __call__(self, chat_id: ChatId, reply: Reply) -> None: ...


class _NoChannel(Exception):
    """No way to deliver a forward yet (no SMTP server, no contact)."""


@dataclass(frozen=True)
class OutboxSettings:
    """How deliveries are retried."""

    first_delay: timedelta = timedelta(seconds=30)
    max_delay: timedelta = timedelta(hours=1)
    warn_after: int = 3  # failed attempts before the candidate is told of the delay
    batch: int = 20
    lease: timedelta = DEFAULT_LEASE  # a claim's life, renewed before each delivery: longer than one delivery


class Outbox:
    """Takes due forwards from the store and delivers them."""

    def __init__(self, store: Storage, notify: Notifier, engine: Callable[[], Engine], *,
                 mailer: MailSender | None, mail_from: str = "", answer_link: Callable[[str], str],
                 settings: OutboxSettings | None = None, posting_url: str = "", owner: str = "",
                 public_url: str = "", reply_by_mail: bool = False) -> None:
        """`mailer` is None when no SMTP server is configured: forwards then wait in the database. `owner`
        names this worker in its claims (this process, host and process id, when empty). With `public_url`,
        the mail links the web answer page; with `reply_by_mail` (the bot reads its mailbox), it invites a
        reply and mints the answer token into its Message-ID."""
        self._store = store
        self._notify = notify
        self._engine = engine
        self._mailer = mailer
        self._mail_from = mail_from
        self._answer_link = answer_link
        self._settings = settings or OutboxSettings()
        self._posting_url = posting_url
        self._owner = owner or process_owner()
        self._wake = asyncio.Event()
        self._public_url = public_url.rstrip("/")
        self._reply_by_mail = reply_by_mail

    def wake(self) -> None:
        """Deliver now rather than at the next tick (a forward was just created)."""
        self._wake.set()

    async def run(self, stop: asyncio.Event, *, interval: float = 5.0) -> None:
        """Deliver due forwards until `stop` is set; forwards interrupted by a crash are taken up again."""
        try:
            gone = {owner for owner in await self._store.forward_claimers() if owner_is_gone(owner)}
            released = await self._store.release_forward_claims(owners={self._owner} | gone)
        except Exception:  # they are taken over anyway once their leases run out
            logger.exception("could not release the forwards interrupted mid-delivery")
            released = 0
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
            due = await self._store.claim_due_forwards(owner=self._owner, lease=self._settings.lease,
                                                       limit=self._settings.batch, now=now)
            if not due:
                return delivered
            for forward in due:
                moment = now or datetime.now(UTC)
                if not await self._store.renew_forward_claim(forward.id, owner=self._owner,
                                                             lease=self._settings.lease, now=moment):
                    logger.warning("forward %d was taken over by another process: left to it", forward.id)
                    continue
                delivered += await self._deliver(forward, moment)

    async def _deliver(self, forward: ForwardRecord, now: datetime) -> int:
        """Deliver one claimed forward; it ends sent, failed or rescheduled, whatever goes wrong."""
        try:
            channel, message_id = await self._send(forward)
        except _NoChannel:  # no way to deliver yet (no SMTP, no contact): it waits, visible to the admins
            await self._store.retry_forward(forward.id, error="no delivery channel configured",
                                            at=now + self._settings.max_delay, owner=self._owner)
            return 0
        except PermanentDeliveryError as exc:
            logger.warning("forward %d refused by the recipient's server: %s", forward.id, exc)
            await self._store.fail_forward(forward.id, error=str(exc), owner=self._owner)
            await self._tell_candidate(forward, "forward_failed")
            return 0
        except (DeliveryError, ChatDeliveryError, OSError) as exc:
            await self._retry(forward, now, str(exc))
            return 0
        except Exception as exc:  # a bug or an unforeseen error must not leave the forward claimed
            logger.exception("forward %d: unexpected error while delivering it", forward.id)
            await self._retry(forward, now, f"unexpected error: {type(exc).__name__} (see the log)")
            return 0
        if not await self._store.mark_forward_sent(forward.id, channel=channel, message_id=message_id,
                                                   owner=self._owner, now=now):
            logger.warning("forward %d delivered, but another process had taken it over", forward.id)
            return 0
        logger.info("forward %d delivered by %s", forward.id, channel)
        await self._tell_candidate(forward, "forward_sent")
        return 1

    async def _send(self, forward: ForwardRecord) -> tuple[str, str]:
        """Send the forward to its recruiter: in Telegram when they linked a chat that takes the bot's
        messages, else by email; returns the channel and the mail's Message-ID."""
        recruiter = await self._store.recruiter_chat(forward.contact) if forward.contact else None
        if recruiter is not None:
            try:
                await self._notify(recruiter, self._recruiter_message(forward))
                return "telegram", ""
            except ChatUnreachableError as exc:
                if self._mailer is None:
                    raise ChatUnreachableError(f"{exc}; no SMTP server to send it by email instead") from exc
                logger.info("forward %d: the recruiter's chat refuses the bot (%s), sending it by email",
                            forward.id, exc)
        if self._mailer is None or not forward.contact:
            raise _NoChannel
        mail = self._mail(forward)
        if not forward.message_id and not mail.reply_by_mail:  # with a token, it is made again the same way
            await self._store.set_forward_message_id(forward.id, mail.message_id)
        await self._mailer.send(mail)
        return "email", without_token(mail.message_id)

    async def _retry(self, forward: ForwardRecord, now: datetime, error: str) -> None:
        """Reschedule with exponential backoff; tell the candidate, once, when it has taken a while."""
        delay = min(self._settings.first_delay * 2 ** (forward.attempts - 1), self._settings.max_delay)
        logger.info("forward %d not delivered (attempt %d), retry in %s: %s", forward.id, forward.attempts,
                    delay, error)
        await self._store.retry_forward(forward.id, error=error, at=now + delay, owner=self._owner)
        if forward.attempts >= self._settings.warn_after and not forward.delay_notified:
            await self._tell_candidate(forward, "forward_delayed")
            await self._store.note_delay_notified(forward.id)

    def _posting_title(self, forward: ForwardRecord) -> tuple[str, str]:
        posting = self._engine().find(forward.posting) if forward.posting else None
        if posting is None:
            return forward.posting or "", ""
        return posting.display_name, posting_link(posting, self._posting_url)

    def _mail(self, forward: ForwardRecord) -> ForwardMail:
        assert self._mailer is not None
        title, url = self._posting_title(forward)
        token = forward.token or ""
        by_mail = self._reply_by_mail and bool(token) and not forward.message_id  # an older mail keeps its id
        return ForwardMail(
            forward_id=forward.id, to=forward.contact, posting_title=title, posting_url=url,
            question=forward.question, candidate_name=forward.candidate_name or "",
            answer_link=self._answer_link(token),
            message_id=make_message_id(forward.id, self._mail_from, token=token) if by_mail
            else forward.message_id or make_message_id(forward.id, self._mail_from),
            web_link=f"{self._public_url}/r/{token}" if self._public_url and token else "", reply_by_mail=by_mail)

    def _recruiter_message(self, forward: ForwardRecord) -> Reply:
        title, _ = self._posting_title(forward)
        who = forward.candidate_name or t("fr", "anonymous_candidate")
        text = t("fr", "recruiter_question", posting=_esc(title), who=_esc(who), question=_esc(forward.question))
        return Reply(text, ((Button(t("fr", "answer_button"), encode(AnswerForward(forward.id))),),))

    async def _tell_candidate(self, forward: ForwardRecord, key: str) -> None:
        title, _ = self._posting_title(forward)
        try:
            await self._notify(forward.chat_id, Reply(t(await self._language(forward.chat_id), key,
                                                        posting=_esc(title))))
        except Exception:  # the candidate may have blocked the bot: the forward itself is fine
            logger.info("could not tell chat of forward %d about its delivery", forward.id)

    async def _language(self, chat_id: ChatId) -> str:
        candidate = await self._store.get_candidate(chat_id)
        return candidate.language if candidate else "fr"


def owner_is_gone(owner: str) -> bool:
    """Whether a claim's owner ("host:pid") was a process of this host that no longer runs (never this one)."""
    host, _, pid_text = owner.rpartition(":")
    if os.name != "posix" or host != socket.gethostname() or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return True
    except OSError:  # it exists, under another user
        return False
    return False


async def _first_of(*events: asyncio.Event) -> None:
    waiters = [asyncio.ensure_future(e.wait()) for e in events]
    try:
        await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()


def _esc(text: str) -> str:
    return html.escape(text, quote=False)
