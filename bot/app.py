"""The Telegram layer: python-telegram-bot callbacks that adapt updates to the conversation.

    run_polling(Settings.from_env(os.environ))  # until SIGINT or SIGTERM (bot.webhook.poll_until_signal)

The service (bot.service: knowledge, storage, outbox, conversation...) starts in post_init and stops in
post_shutdown. Nothing here decides what to answer: bot.conversation does; this module only turns
updates into Incoming, replies into Bot API calls (HTML, Telegram's 4,096-character split), and gives the
service a way to reach a chat (send_strictly).
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import logging
import time
import warnings
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Any

from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeDefault,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Message,
    Update,
)
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    BaseUpdateProcessor,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBDeprecationWarning

from .admin import Admin, Knowledge, admin_command, admin_language
from .buttons import ListPage, decode
from .config import Settings
from .conversation import Conversation, Incoming, Reply
from .engine import Engine
from .identity import TELEGRAM, ChatId, chat_key, split_chat
from .messages import LANGUAGES, t
from .outbox import ChatUnreachableError, Outbox, TemporaryChatError
from .service import Service
from .storage import Storage
from .telegram_text import answer_link, split_message

logger = logging.getLogger(__name__)

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
COMMANDS = (("start", "cmd_start"), ("postes", "cmd_postings"), ("aide", "cmd_help"),
            ("confidentialite", "cmd_privacy"), ("oubli", "cmd_forget"), ("recruteur", "cmd_recruiter"))
COMMANDS_EN = (("start", "cmd_start"), ("jobs", "cmd_postings"), ("help", "cmd_help"),
               ("privacy", "cmd_privacy"), ("forget", "cmd_forget"), ("recruiter", "cmd_recruiter"))


CONCURRENT_UPDATES = 16  # handlers running at once (CPU, and the HTTP connections below)
CONNECTIONS = 8  # HTTP connections to the Bot API: more only adds pool bookkeeping


@dataclass(frozen=True)
class UpdateLimits:
    """How the updates of many users share the bot, so that one user cannot stall the others.

    Each user has a token bucket: `burst` updates at once, then `per_second`; each chat at most `per_chat`
    updates waiting or running. Updates over a limit are dropped (the user is told once to slow down).
    `admitted` bounds the updates held at once, waiting or running (memory); `running` the handlers
    running at once; a handler still running after `slow_after` seconds is waiting for something (an SMTP
    server, Telegram) and gives its running place to another chat. Admins (`exempt`) are never limited."""

    running: int = CONCURRENT_UPDATES
    admitted: int = 1024
    slow_after: float = 1.0
    per_chat: int = 10
    burst: int = 20
    per_second: float = 1.0
    exempt: frozenset[int] = frozenset()

    def __post_init__(self) -> None:
        for name in ("running", "admitted", "slow_after", "per_chat", "burst", "per_second"):
            if not getattr(self, name) > 0:
                raise ValueError(f"UpdateLimits.{name} must be positive, not {getattr(self, name)!r}")

    @classmethod
    def unlimited(cls) -> UpdateLimits:
        """No per-user or per-chat limit (benchmarks that inject thousands of updates at once)."""
        return cls(admitted=100_000, per_chat=100_000, burst=100_000, per_second=100_000.0)


@dataclass
class _Bucket:
    tokens: float
    stamp: float
    warned: bool = False  # told to slow down since the bucket was last full


class UserBuckets:
    """A token bucket per user: `burst` updates at once, then `per_second`. Full buckets are forgotten, so
    the memory held is that of the users active in the last burst / per_second seconds."""

    PRUNE_AT = 4096

    def __init__(self, burst: int, per_second: float) -> None:
        self.burst, self.per_second = burst, per_second
        self._buckets: dict[int, _Bucket] = {}
        self._prune_at = self.PRUNE_AT

    def take(self, user: int, now: float) -> bool:
        """Whether this user may send one more update now (and count it)."""
        bucket = self._refilled(user, now)
        if bucket.tokens < 1:
            return False
        bucket.tokens -= 1
        return True

    def first_refusal(self, user: int, now: float) -> bool:
        """True once per flood: the first time a refused user is asked about since their bucket was full."""
        bucket = self._refilled(user, now)
        first, bucket.warned = not bucket.warned, True
        return first

    def __len__(self) -> int:
        return len(self._buckets)

    def _refilled(self, user: int, now: float) -> _Bucket:
        bucket = self._buckets.get(user)
        if bucket is None:
            if len(self._buckets) >= self._prune_at:
                self._prune(now)
            bucket = self._buckets[user] = _Bucket(float(self.burst), now)
            return bucket
        bucket.tokens = min(float(self.burst), bucket.tokens + (now - bucket.stamp) * self.per_second)
        bucket.stamp = now
        if bucket.tokens >= self.burst:
            bucket.warned = False
        return bucket

    def _prune(self, now: float) -> None:
        full = [user for user, b in self._buckets.items()
                if b.tokens + (now - b.stamp) * self.per_second >= self.burst]
        for user in full:
            del self._buckets[user]
        self._prune_at = max(self.PRUNE_AT, 2 * len(self._buckets))


@dataclass
class _Chat:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    held: int = 0  # updates of the chat waiting or running


@dataclass
class _RunningSlot:
    """A running place, given back once: when the handler ends or when it turns out to be slow."""

    slots: asyncio.Semaphore
    given_back: bool = False

    def give_back(self) -> None:
        if not self.given_back:
            self.given_back = True
            self.slots.release()


LimitedCallback = Callable[[Update], Awaitable[None]]


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """A fair scheduler: chats concurrently, the updates of one chat in order, no user able to stall others.

    PTB's semaphore only bounds the updates admitted (`UpdateLimits.admitted`). An update first passes its
    user's limit, then waits for its chat's earlier updates *without* a running place, then takes one of
    the `running` places, given back early if the handler is slow. So a flood from one account queues in
    its own chat (and is mostly dropped), and a handler that hangs holds its own chat only."""

    def __init__(self, limits: UpdateLimits | None = None, *, on_limited: LimitedCallback | None = None) -> None:
        self.limits = limits = limits or UpdateLimits()
        super().__init__(limits.admitted)
        self.on_limited = on_limited  # tells a user who was over a limit to slow down (once per flood)
        self._slots = asyncio.Semaphore(limits.running)
        self._chats: dict[int, _Chat] = {}
        self._buckets = UserBuckets(limits.burst, limits.per_second)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Run the update's handlers in their turn, or drop the update if its user or chat is over a limit."""
        try:
            if not isinstance(update, Update):
                await self._run(coroutine)
                return
            chat, limited = update.effective_chat, self._limited_sender(update)
            if limited is not None and not self._buckets.take(limited, time.monotonic()):
                await self._drop(update, limited, "sends updates faster than allowed")
                return
            if chat is None:
                await self._run(coroutine)
                return
            state = self._chats.setdefault(chat.id, _Chat())
            if limited is not None and state.held >= self.limits.per_chat:
                await self._drop(update, limited, "has too many updates waiting")
                return
            await self._in_turn(chat.id, state, coroutine)
        finally:
            _discard(coroutine)

    def _limited_sender(self, update: Update) -> int | None:
        """The user (else the chat) whose limits apply to the update; None for admins and anonymous updates."""
        user, chat = update.effective_user, update.effective_chat
        sender = user.id if user is not None else chat.id if chat is not None else None
        return None if sender is None or sender in self.limits.exempt else sender

    async def _in_turn(self, chat_id: int, state: _Chat, coroutine: Awaitable[Any]) -> None:
        state.held += 1
        try:
            async with state.lock:  # the chat's earlier updates first; no running place is held meanwhile
                await self._run(coroutine)
        finally:
            state.held -= 1
            if state.held == 0 and self._chats.get(chat_id) is state:
                del self._chats[chat_id]

    async def _run(self, coroutine: Awaitable[Any]) -> None:
        await self._slots.acquire()
        slot = _RunningSlot(self._slots)
        timer = asyncio.get_running_loop().call_later(self.limits.slow_after, slot.give_back)
        try:
            await coroutine
        finally:
            timer.cancel()
            slot.give_back()

    async def _drop(self, update: Update, sender: int, why: str) -> None:
        if not self._buckets.first_refusal(sender, time.monotonic()):
            logger.debug("update dropped: its user %s", why)
            return
        logger.warning("a user %s (limits: %d at once, %g/s, %d waiting per chat): their updates are dropped "
                       "until they slow down", why, self.limits.burst, self.limits.per_second, self.limits.per_chat)
        if self.on_limited is not None:
            await self.on_limited(update)

    @property
    def chats_held(self) -> int:
        """How many chats have updates waiting or running (bounded by `admitted`)."""
        return len(self._chats)

    @property
    def users_tracked(self) -> int:
        """How many users' buckets are in memory (those active lately)."""
        return len(self._buckets)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""


def _discard(coroutine: Awaitable[Any]) -> None:
    """Close a handler coroutine that was never started (a dropped update), so that it is not left pending."""
    if inspect.iscoroutine(coroutine) and inspect.getcoroutinestate(coroutine) == inspect.CORO_CREATED:
        coroutine.close()


@dataclass
class Runtime:
    """What the Telegram adapter holds: the settings, and the service once started (in post_init)."""

    settings: Settings
    preloaded: Engine | None = None  # an engine given by the caller (tests, benchmarks), else loaded at start
    service: Service | None = None
    conversation: Conversation | None = None  # the service's, unless a test wraps it

    def attach(self, service: Service) -> None:
        """Serve updates with this service."""
        self.service, self.conversation = service, service.conversation

    @property
    def knowledge(self) -> Knowledge | None:
        """The knowledge in service, once started."""
        return self.service.knowledge if self.service is not None else None

    @knowledge.setter
    def knowledge(self, knowledge: Knowledge | None) -> None:
        """Swap the knowledge in service (tests that slow the engine down)."""
        assert self.service is not None and knowledge is not None, "the service starts in post_init"
        self.service.knowledge = knowledge

    @property
    def store(self) -> Storage | None:
        """The storage, while the service runs."""
        return self.service.storage if self.service is not None else None

    @property
    def admin(self) -> Admin | None:
        """The admin commands, once started."""
        return self.service.admin if self.service is not None else None

    @property
    def outbox(self) -> Outbox | None:
        """The outbox, once started."""
        return self.service.outbox if self.service is not None else None

    @property
    def engine(self) -> Engine | None:
        """The knowledge base in service, once loaded."""
        return self.service.engine if self.service is not None else None


def build_application(settings: Settings, *, engine: Engine | None = None, updater: bool = True,
                      limits: UpdateLimits | None = None) -> Application:  # type: ignore[type-arg]
    """The bot: builder, handlers, error handler, post_init/post_shutdown (no Updater for the webhook mode,
    whose server is bot.webhook's). `limits`: how users share the bot (the admins are never limited)."""
    token = settings.require_token()
    limits = limits or UpdateLimits()
    processor = PerChatUpdateProcessor(replace(limits, exempt=limits.exempt | settings.admin_ids))
    api = settings.telegram_api_url
    file_api = api[: -len("/bot")] + "/file/bot" if api.endswith("/bot") else api + "/file"
    builder: Any = (  # the rate limiter changes the builder's generic type
        ApplicationBuilder()
        .token(token)
        .base_url(api)
        .base_file_url(file_api)
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
        .concurrent_updates(processor).connection_pool_size(CONNECTIONS)
    )
    if not updater:
        builder = builder.updater(None)
    if settings.telegram_rate_limit:  # Telegram's send limits, and up to 3 retries after a 429
        builder = builder.rate_limiter(AIORateLimiter(max_retries=3))
    application: Application = builder.build()  # type: ignore[type-arg]
    application.bot_data["runtime"] = Runtime(settings, preloaded=engine)

    async def slow_down(update: Update) -> None:
        await tell_to_slow_down(application.bot, update)

    processor.on_limited = slow_down
    private = filters.ChatType.PRIVATE
    application.add_handler(MessageHandler(filters.UpdateType.MESSAGE & private & filters.TEXT, on_text))
    application.add_handler(CallbackQueryHandler(on_button))
    application.add_handler(MessageHandler(filters.UpdateType.MESSAGE & private & ~filters.TEXT, on_other))
    application.add_error_handler(on_error)
    return application


async def _post_init(application: Application) -> None:  # type: ignore[type-arg]
    """Start the service (knowledge, storage, outbox...), register the commands, then run its background tasks."""
    runtime: Runtime = application.bot_data["runtime"]
    settings = runtime.settings
    logger.info("starting with %s", settings.describe())

    async def notify(chat_id: ChatId, reply: Reply) -> None:
        await send_strictly(application.bot.send_message, telegram_chat(chat_id), reply)

    service = await Service.start(settings, notify=notify,
                                  answer_link=lambda token: answer_link(application.bot.username, token),
                                  engine=runtime.preloaded, background=False,
                                  answer_page=application.updater is not None)  # polling: the page's own server
    runtime.attach(service)
    await _set_commands(application)
    service.run_background()


async def _set_commands(application: Application) -> None:  # type: ignore[type-arg]
    bot = application.bot
    try:
        for lang in LANGUAGES:
            pairs = COMMANDS_EN if lang == "en" else COMMANDS
            commands = [BotCommand(name, t(lang, key)) for name, key in pairs]
            await bot.set_my_commands(commands, scope=BotCommandScopeDefault(), language_code=lang)
        await bot.set_my_commands([BotCommand(name, t("fr", key)) for name, key in COMMANDS])
    except TelegramError as exc:  # commands are a comfort: the bot works without them
        logger.warning("could not register the bot commands: %s", exc)


async def _post_shutdown(application: Application) -> None:  # type: ignore[type-arg]
    """Stop the service: its background tasks, then the storage."""
    runtime: Runtime = application.bot_data["runtime"]
    service, runtime.service = runtime.service, None
    if service is not None:
        await service.stop()



def _conversation(context: ContextTypes.DEFAULT_TYPE) -> Conversation:
    runtime: Runtime = context.application.bot_data["runtime"]
    assert runtime.conversation is not None, "the conversation is built in post_init"
    return runtime.conversation


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A text message (question or command): the admins' or the conversation's replies."""
    message = update.message
    if message is None or message.text is None or update.effective_user is None:
        return
    user = update.effective_user
    if (admin := admin_command(message.text)) is not None:
        runtime: Runtime = context.application.bot_data["runtime"]
        assert runtime.admin is not None
        command, args = admin
        await send_replies(message, await runtime.admin.handle(chat_key(TELEGRAM, user.id), command, args,
                                                             admin_language(user.language_code)))
        return
    incoming = Incoming(chat_id=chat_key(TELEGRAM, message.chat_id), language_code=user.language_code,
                        text=message.text, first_name=user.first_name or "")
    await send_replies(message, await _conversation(context).handle(incoming))


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A pressed inline button: acknowledge it, then the conversation's replies."""
    query = update.callback_query
    if query is None:
        return
    try:
        await query.answer()
    except BadRequest as exc:  # too old or already answered: the press still counts
        logger.info("could not acknowledge a button: %s", exc)
    message = query.message
    if not isinstance(message, Message):  # the message is too old to be known: start afresh
        chat = update.effective_chat
        if chat is None:
            return
        stale = Incoming(chat_key(TELEGRAM, chat.id), query.from_user.language_code, text="/postes")
        replies = await _conversation(context).handle(stale)
        for reply in replies:
            await _send(context.bot.send_message, chat.id, reply)
        return
    if message.chat_id != query.from_user.id:  # the bot's buttons live in private chats: the presser's own
        logger.info("a button was pressed on a message of another chat: ignored")
        return
    incoming = Incoming(chat_id=chat_key(TELEGRAM, message.chat_id), language_code=query.from_user.language_code,
                        callback=query.data or "", first_name=query.from_user.first_name or "")
    replies = await _conversation(context).handle(incoming)
    if isinstance(decode(query.data or ""), ListPage) and len(replies) == 1:  # turning a page of the list: edit it
        reply = replies[0]
        try:
            await message.edit_text(reply.text, parse_mode=ParseMode.HTML, reply_markup=_markup(reply))
            return
        except BadRequest as exc:
            logger.info("could not edit the list, sending it anew: %s", exc)
    await send_replies(message, replies)


async def on_other(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A sticker, photo, voice note, location...: say that only text is read."""
    message = update.message
    if message is None:
        return
    code = update.effective_user.language_code if update.effective_user else None
    await send_replies(message, [Reply(t("en" if (code or "").startswith("en") else "fr", "not_text"))])


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log every error raised by a callback; a user who blocked the bot is not an error of ours."""
    if isinstance(context.error, Forbidden):
        logger.info("a user blocked the bot or left the chat: %s", context.error)
        return
    logger.error("error while handling an update", exc_info=context.error)


async def tell_to_slow_down(bot: Bot, update: Update) -> None:
    """Tell a user in a private chat, once per flood, that their messages are coming too fast."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or chat.type != ChatType.PRIVATE:
        return
    code = (user.language_code if user is not None else None) or ""
    lang = "en" if code.startswith("en") else "fr"
    try:
        await _send(bot.send_message, chat.id, Reply(t(lang, "slow_down")), retry=NO_RETRY)
    except TelegramError as exc:  # a comfort: the user will see their replies stop anyway
        logger.info("could not tell a user to slow down: %s", type(exc).__name__)


async def send_replies(message: Message, replies: list[Reply]) -> None:
    """Send replies in the message's chat, each cut to Telegram's size."""
    for reply in replies:
        if reply.image is not None:  # a chart: a photo, its text the caption
            await message.get_bot().send_photo(_recipient(reply, message), reply.image,
                                               caption=reply.text[:1024] or None, parse_mode=ParseMode.HTML)
            continue
        await _send(message.get_bot().send_message, _recipient(reply, message), reply)


def telegram_chat(chat: ChatId) -> int:
    """The Telegram chat id of a chat key; ChatUnreachableError for a chat of another channel."""
    channel, local_id = split_chat(chat)
    if channel != TELEGRAM or not local_id.lstrip("-").isdigit():
        raise ChatUnreachableError(f"{chat!r} is not a Telegram chat: this bot cannot write to it")
    return int(local_id)


def _recipient(reply: Reply, message: Message) -> int:
    """The Telegram chat a reply goes to: the one it names, else the one spoken to."""
    return telegram_chat(reply.chat_id) if reply.chat_id else message.chat_id


@dataclass(frozen=True)
class SendRetry:
    """How a message Telegram did not take is sent again: after a 5xx, a network error or a time-out, with a
    doubling delay; after a 429 beyond the rate limiter's own retries, when Telegram says. The wait holds
    the chat's turn only (the scheduler gives the running place to other chats)."""

    attempts: int = 5  # in all, the first one included
    first_delay: float = 0.5
    max_delay: float = 8.0
    after_429: int = 2  # attempts again after a 429 (each one with the rate limiter's own 3 retries)
    max_retry_after: float = 30.0  # Telegram asking to wait longer: give up, the reply is lost


SEND_RETRY = SendRetry()
NO_RETRY = SendRetry(attempts=1, after_429=0)


async def _send(send: Any, chat_id: int, reply: Reply, *, retry: SendRetry = SEND_RETRY) -> None:
    parts = split_message(reply.text)
    for n, part in enumerate(parts):
        markup = _markup(reply) if n == len(parts) - 1 else None
        try:
            await with_retries(functools.partial(send, chat_id, part, parse_mode=ParseMode.HTML, reply_markup=markup,
                                                 link_preview_options=NO_PREVIEW), retry)
        except Forbidden:
            logger.info("cannot write to a chat: the user blocked the bot")
            return


async def send_strictly(send: Any, chat_id: int, reply: Reply) -> None:
    """Send a reply and return only once Telegram accepted every part (the outbox's notifier): raise
    ChatUnreachableError when the chat refuses it (blocked, no such chat, message refused), else
    TemporaryChatError for an error that may pass (server error, timeout, flood control)."""
    parts = split_message(reply.text)
    try:
        for n, part in enumerate(parts):
            await send(chat_id, part, parse_mode=ParseMode.HTML, reply_markup=_markup(reply) if n == len(parts) - 1
                       else None, link_preview_options=NO_PREVIEW)
    except (Forbidden, BadRequest) as exc:
        raise ChatUnreachableError(f"Telegram refused the message: {exc.message}") from exc
    except TelegramError as exc:
        raise TemporaryChatError(f"Telegram did not take the message: {exc.message}") from exc


async def with_retries(call: Callable[[], Awaitable[object]], retry: SendRetry = SEND_RETRY) -> None:
    """Make a Bot API call, again after a transient failure (5xx, network, time-out, 429), a bounded number
    of times; other errors (400, 403...) and the last failure are raised."""
    delay, failures, flood_waits = retry.first_delay, 0, 0
    while True:
        try:
            await call()
            return
        except RetryAfter as exc:
            wait, flood_waits, reason = _retry_after_seconds(exc), flood_waits + 1, "flood control"
            if flood_waits > retry.after_429 or wait > retry.max_retry_after:
                raise
        except NetworkError as exc:  # TimedOut and the 5xx answers are NetworkErrors; BadRequest is one too
            failures += 1
            if isinstance(exc, BadRequest) or failures >= retry.attempts:
                raise
            wait, delay, reason = delay, min(delay * 2, retry.max_delay), type(exc).__name__
        logger.info("a Bot API call failed for now (%s), trying again in %.1f s", reason, wait)
        await asyncio.sleep(wait)


def _retry_after_seconds(exc: RetryAfter) -> float:
    with warnings.catch_warnings():  # an int until PTB 23, a timedelta after: either is fine here
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def _markup(reply: Reply) -> InlineKeyboardMarkup | None:
    if not reply.buttons:
        return None
    return InlineKeyboardMarkup([
        [InlineKeyboardButton(b.text, url=b.url) if b.url else InlineKeyboardButton(b.text, callback_data=b.data)
         for b in row]
        for row in reply.buttons
    ])


def run_polling(settings: Settings) -> None:
    """Run the bot by long polling (the worker process) until SIGINT or SIGTERM."""
    from .webhook import poll_until_signal

    asyncio.run(poll_until_signal(build_application(settings), settings, health=False))


def run_webhook(settings: Settings) -> None:
    """Run the bot behind a webhook on $PORT (the web process), with GET /healthz; requests without the
    secret are refused. Without WEBHOOK_URL, poll Telegram and answer GET /healthz on $PORT."""
    from .webhook import serve_until_signal

    if not settings.webhook_url:  # the platform's default process, before WEBHOOK_URL is set: poll instead
        from .webhook import poll_until_signal

        asyncio.run(poll_until_signal(build_application(settings), settings))
        return
    settings.require_webhook()
    application = build_application(settings, updater=False)
    asyncio.run(serve_until_signal(application, settings))
