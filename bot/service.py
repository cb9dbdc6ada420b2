"""The bot without its channel: built once from Settings, started and stopped explicitly.

    service = await Service.start(settings, notify=send_to_chat, answer_link=link_to_answer)
    replies = await service.conversation.handle(Incoming(chat_id=42, text="/start"))
    await service.stop()

It holds the knowledge in service, the storage, the mailer, the outbox, the conversation, the admin
commands, the answers that come without a chat (bot.answers: replies to the forward email, the web answer
page) and the background tasks (deliveries, the retention purge, the writes of answered questions, the
knowledge watcher, the reader of the recruiters' mailbox when IMAP_HOST is set). With `answer_page` and
PUBLIC_URL, it also serves the web answer page on HOST:PORT (polling mode: the webhook server serves it
itself, bot.webhook). A channel (Telegram by polling or webhook, the terminal) is a thin adapter: it
turns what its users send into Incoming, sends the replies, and gives the service a Notifier to reach a
chat on its own (the outbox's messages) and the link that opens it to answer a forward (answer_link: token ->
URL, a Telegram deep link for the Telegram adapter). Nothing here imports a channel's library or a database
driver (IMAP's and the web page's are loaded, inside functions, only when they are configured).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from .admin import Admin, Knowledge
from .answers import AnswerDesk
from .config import Settings
from .conversation import Conversation
from .engine import Engine
from .held import HeldDesk
from .identity import TELEGRAM, chat_key
from .mail import MailSender
from .outbox import Notifier, Outbox, OutboxSettings
from .storage import Storage, open_storage
from .storage.base import ReloadBroadcast

logger = logging.getLogger(__name__)

STOP_TIMEOUT = 10.0  # seconds a background task is given to end at stop()


class Server(Protocol):
    """A web server the service started (the answer page's, an aiohttp AppRunner): stopped by cleanup()."""

    async def cleanup(self) -> None: ...


@dataclass
class Service:
    """What the running bot holds; build it with `await Service.start(settings, ...)`."""

    settings: Settings
    knowledge: Knowledge
    storage: Storage
    mailer: MailSender | None
    outbox: Outbox
    conversation: Conversation
    admin: Admin
    answers: AnswerDesk  # recruiters' answers by email and on the web answer page
    tasks: list[asyncio.Task[None]] = field(default_factory=list)
    answer_page: Server | None = None  # the web answer page's own server (polling mode with PUBLIC_URL)
    stopping: asyncio.Event = field(default_factory=asyncio.Event)

    @classmethod
    async def start(cls, settings: Settings, *, notify: Notifier, answer_link: Callable[[str], str],
                    engine: Engine | None = None, storage: Storage | None = None,
                    background: bool = True, quiet: bool = False, answer_page: bool = False) -> Service:
        """Load the knowledge (unless `engine` is given), open the storage (unless given: it is then closed
        at stop too), assemble the parts and, when `background`, start the background tasks. `quiet`: do not
        log the knowledge's problems (the terminal chat, which prints its own summary). `answer_page`: serve
        the web answer page on HOST:PORT when PUBLIC_URL is set (the channel has no web server of its own)."""
        if engine is None:
            engine = await asyncio.to_thread(Engine.load, settings.knowledge_dir,
                                             default_contact=settings.default_contact,
                                             cache_dir=settings.index_cache_dir)
        if not quiet:
            _log_knowledge(engine)
        knowledge = Knowledge(engine)

        def current() -> Engine:  # the service's knowledge at the time of asking: it may be swapped whole
            return service.knowledge.current()

        storage = storage if storage is not None else await open_storage(settings.database_location)
        mailer = _smtp_mailer(settings)
        outbox = Outbox(storage, notify, current, mailer=mailer, mail_from=settings.mail.mail_from,
                        answer_link=answer_link, posting_url=settings.posting_url,
                        settings=OutboxSettings(first_delay=timedelta(seconds=settings.outbox_first_retry),
                                                lease=timedelta(seconds=settings.forward_lease)),
                        public_url=settings.public_url, reply_by_mail=settings.imap.enabled)
        conversation = Conversation(current, storage, posting_url=settings.posting_url,
                                    on_forward=outbox.wake, answer_token_days=settings.answer_token_days,
                                    send_code=mailer.send_code if mailer else None,
                                    retention_days=settings.retention_days,
                                    questions_per_minute=settings.questions_per_minute)
        answers = AnswerDesk(storage, conversation.recruiter, notify, current)
        admin = Admin(knowledge, storage, {chat_key(TELEGRAM, user) for user in settings.admin_ids},
                      held=HeldDesk(storage, lambda: answers))
        service = cls(settings, knowledge, storage, mailer, outbox, conversation, admin, answers)
        if background:
            service.run_background()
        if answer_page and settings.public_url:
            try:
                service.answer_page = await _serve_answer_page(service)
            except BaseException:
                await service.stop()
                raise
        return service

    @property
    def engine(self) -> Engine:
        """The knowledge base in service."""
        return self.knowledge.current()

    def run_background(self) -> None:
        """Start delivering forwards, purging what is past retention, writing answered questions, and
        watching the knowledge (`run --watch`), until stop()."""
        if self.mailer is None:
            logger.warning("no SMTP server configured (SMTP_HOST): forwarded questions wait in the database")
        if self.tasks:
            raise RuntimeError("the background tasks are already running: run_background() is called once")
        settings, stop = self.settings, self.stopping
        jobs: list[Coroutine[Any, Any, None]] = [
            self.outbox.run(stop, interval=settings.outbox_interval),
            purge_daily(self.storage, settings.retention_days, stop),
            flush_every_second(self.storage, stop),
        ]
        if settings.watch:
            jobs.append(watch_knowledge(self.knowledge, settings, stop))
        if settings.imap.enabled:
            jobs.append(self._read_mailbox(stop))
        if isinstance(self.storage, ReloadBroadcast):  # several processes on one database: reload them all
            self.knowledge.on_reload = self.storage.announce_reload
            jobs.append(self.storage.follow_reloads(lambda: self.knowledge.reload(announce=False), stop))
        self.stopping.clear()
        self.tasks = [asyncio.create_task(job) for job in jobs]

    async def stop(self) -> None:
        """Stop the background tasks, let the linking codes being mailed finish, close the storage."""
        self.stopping.set()
        for task in self.tasks:
            try:
                await asyncio.wait_for(task, timeout=STOP_TIMEOUT)
            except TimeoutError:
                logger.warning("a background task did not stop in time (forwards resume at the next start)")
        self.tasks = []
        if self.answer_page is not None:
            await self.answer_page.cleanup()
            self.answer_page = None
        await self.conversation.close()
        await self.storage.close()


    async def _read_mailbox(self, stop: asyncio.Event) -> None:
        """Turn the recruiters' replies to forward emails into answers, until stop (IMAP_HOST set; the IMAP
        library is loaded only then)."""
        from .mail_answers import MailAnswers
        from .mailbox import MailboxReader

        replies = MailAnswers(self.answers, self.storage, self.mailer.send_notice if self.mailer else None)
        await MailboxReader(self.settings.imap, ledger=self.storage, handle=replies.handle).run(stop)


async def _serve_answer_page(service: Service) -> Server:
    """The web answer page on its own server, on HOST:PORT (aiohttp is loaded only then)."""
    from .web import serve_answer_page

    settings = service.settings
    return await serve_answer_page(lambda: service.answers, host=settings.host, port=settings.port,
                                   public_url=settings.public_url, posting_url=settings.posting_url)


def _smtp_mailer(settings: Settings) -> MailSender | None:
    """The SMTP mailer the settings describe, or None without SMTP_HOST (its library is loaded only then)."""
    if not settings.mail.enabled:
        return None
    from .mailer import Mailer

    return Mailer(settings.mail)


def _log_knowledge(engine: Engine) -> None:
    errors = sum(p.severity == "error" for p in engine.problems)
    logger.info("knowledge: %d postings, %d problems (%d errors)", len(engine.postings), len(engine.problems), errors)
    for problem in engine.problems:
        logger.warning("knowledge problem: %s", problem)


async def watch_knowledge(knowledge: Knowledge, settings: Settings, stop: asyncio.Event) -> None:
    """`run --watch`: reload the knowledge when its files change, the same safe way as /reload."""
    from watchfiles import awatch

    logger.info("watching %s for changes", settings.knowledge_dir)
    async for _changes in awatch(settings.knowledge_dir, stop_event=stop, debounce=500, recursive=True):
        try:
            report = await knowledge.reload()
        except Exception:  # the next change is reloaded again: the watch goes on
            logger.exception("files changed, but the reload failed; still watching %s", settings.knowledge_dir)
            continue
        logger.info("files changed: %s", report.summary("en"))


async def flush_every_second(store: Storage, stop: asyncio.Event) -> None:
    """Write the answered questions noted in memory at least once a second (and at the end)."""
    while not stop.is_set():
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=1.0)
        try:
            await store.flush()
        except Exception:
            logger.exception("could not write the answered questions; they will be tried again")


PURGE_EVERY = timedelta(hours=23)  # at most one retention purge per this period, whatever the processes


async def purge_daily(store: Storage, days: int, stop: asyncio.Event) -> None:
    """Purge what is older than the retention period now, then once a day, until stop is set. Processes
    sharing a database (and a process restarted by a deploy) purge once a day between them: the storage
    counts the purges as a rate-limited event."""
    while not stop.is_set():
        try:
            if await store.allow_event("retention-purge", limit=1, period=PURGE_EVERY):
                counts = await store.purge_older_than(datetime.now(UTC) - timedelta(days=days))
                logger.info("retention purge (%d days): %s", days, ", ".join(f"{k}={v}" for k, v in counts.items()))
            else:
                logger.info("retention purge: already done today by this or another process")
        except Exception:
            logger.exception("the retention purge failed; it will run again tomorrow")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=24 * 3600)
