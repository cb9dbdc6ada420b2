"""The Telegram layer: python-telegram-bot callbacks that adapt updates to the conversation.

    app = build_application(Settings.from_env(os.environ))
    app.run_polling()

Resources open in post_init (the database, the knowledge) and close in post_shutdown. Nothing here
decides what to answer: bot.conversation does.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from telegram import (
    BotCommand,
    BotCommandScopeDefault,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Message,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, TelegramError
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

from .admin import ADMIN_COMMANDS, Admin, Knowledge
from .config import Settings
from .conversation import Conversation, Incoming, Reply, split_message
from .engine import Engine
from .mailer import Mailer
from .messages import LANGUAGES, t
from .outbox import Outbox, OutboxSettings
from .store import Store

logger = logging.getLogger(__name__)

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
COMMANDS = (("start", "cmd_start"), ("postes", "cmd_postings"), ("aide", "cmd_help"),
            ("confidentialite", "cmd_privacy"), ("oubli", "cmd_forget"), ("recruteur", "cmd_recruiter"))
COMMANDS_EN = (("start", "cmd_start"), ("jobs", "cmd_postings"), ("help", "cmd_help"),
               ("privacy", "cmd_privacy"), ("forget", "cmd_forget"), ("recruiter", "cmd_recruiter"))


CONCURRENT_UPDATES = 16
CONNECTIONS = 8  # HTTP connections to the Bot API: more only adds pool bookkeeping


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Updates of different chats are handled concurrently, those of one chat one after the other.

    Candidates do not wait for each other's database writes and replies, and a candidate's own
    messages (a question right after choosing a posting) keep their order."""

    def __init__(self, max_concurrent_updates: int) -> None:
        super().__init__(max_concurrent_updates)
        self._chats: dict[int, tuple[asyncio.Lock, int]] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Run the update's handlers after the earlier updates of the same chat."""
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:
            await coroutine
            return
        lock, users = self._chats.get(chat.id) or (asyncio.Lock(), 0)
        self._chats[chat.id] = (lock, users + 1)
        try:
            async with lock:
                await coroutine
        finally:
            lock, users = self._chats[chat.id]
            if users <= 1:
                del self._chats[chat.id]
            else:
                self._chats[chat.id] = (lock, users - 1)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""


@dataclass
class Runtime:
    """What the running bot holds: settings, knowledge, storage and the conversation."""

    settings: Settings
    preloaded: Engine | None = None  # an engine given by the caller (tests, benchmarks), else loaded at start
    knowledge: Knowledge | None = None
    store: Store | None = None
    conversation: Conversation | None = None
    admin: Admin | None = None
    outbox: Outbox | None = None
    tasks: list[asyncio.Task[None]] = field(default_factory=list)
    stopping: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def engine(self) -> Engine | None:
        """The knowledge base in service, once loaded."""
        return self.knowledge.current() if self.knowledge is not None else None

    def current_engine(self) -> Engine:
        """The knowledge base in service."""
        assert self.knowledge is not None, "the knowledge is loaded in post_init"
        return self.knowledge.current()


def build_application(settings: Settings, *, engine: Engine | None = None,
                      updater: bool = True) -> Application:  # type: ignore[type-arg]
    """The bot: builder, handlers, error handler, post_init/post_shutdown (no Updater for the webhook mode,
    whose server is bot.webhook's)."""
    token = settings.require_token()
    api = settings.telegram_api_url
    file_api = api[: -len("/bot")] + "/file/bot" if api.endswith("/bot") else api + "/file"
    builder: Any = (  # the rate limiter changes the builder's generic type
        ApplicationBuilder()
        .token(token)
        .base_url(api)
        .base_file_url(file_api)
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
        .concurrent_updates(PerChatUpdateProcessor(CONCURRENT_UPDATES)).connection_pool_size(CONNECTIONS)
    )
    if not updater:
        builder = builder.updater(None)
    if settings.telegram_rate_limit:  # Telegram's send limits, and up to 3 retries after a 429
        builder = builder.rate_limiter(AIORateLimiter(max_retries=3))
    application: Application = builder.build()  # type: ignore[type-arg]
    application.bot_data["runtime"] = Runtime(settings, preloaded=engine)
    private = filters.ChatType.PRIVATE
    application.add_handler(MessageHandler(filters.UpdateType.MESSAGE & private & filters.TEXT, on_text))
    application.add_handler(CallbackQueryHandler(on_button))
    application.add_handler(MessageHandler(filters.UpdateType.MESSAGE & private & ~filters.TEXT, on_other))
    application.add_error_handler(on_error)
    return application


async def _post_init(application: Application) -> None:  # type: ignore[type-arg]
    """Open the database, load the knowledge, register the commands."""
    runtime: Runtime = application.bot_data["runtime"]
    settings = runtime.settings
    logger.info("starting with %s", settings.describe())
    engine: Engine
    if runtime.preloaded is not None:
        engine = runtime.preloaded
    else:
        engine = await asyncio.to_thread(Engine.load, settings.knowledge_dir, default_contact=settings.default_contact)
    runtime.knowledge = Knowledge(engine)
    errors = sum(p.severity == "error" for p in engine.problems)
    logger.info("knowledge: %d postings, %d problems (%d errors)", len(engine.postings), len(engine.problems), errors)
    for problem in engine.problems:
        logger.warning("knowledge problem: %s", problem)
    runtime.store = store = await Store.open(settings.database_path)

    async def notify(chat_id: int, reply: Reply) -> None:
        await _send(application.bot.send_message, chat_id, reply)

    mailer = Mailer(settings.mail) if settings.mail.enabled else None
    if mailer is None:
        logger.warning("no SMTP server configured (SMTP_HOST): forwarded questions wait in the database")
    runtime.outbox = outbox = Outbox(store, notify, runtime.current_engine, mailer=mailer,
                                     mail_from=settings.mail.mail_from, bot_username=lambda: application.bot.username,
                                     posting_url=settings.posting_url,
                                     settings=OutboxSettings(first_delay=timedelta(seconds=settings.outbox_first_retry)))
    runtime.conversation = Conversation(runtime.current_engine, store, posting_url=settings.posting_url,
                                        on_forward=outbox.wake, answer_token_days=settings.answer_token_days,
                                        send_code=mailer.send_code if mailer else None,
                                        retention_days=settings.retention_days,
                                        questions_per_minute=settings.questions_per_minute)
    await _set_commands(application)
    runtime.admin = Admin(runtime.knowledge, store, settings.admin_ids)
    runtime.stopping.clear()
    runtime.tasks = [asyncio.create_task(outbox.run(runtime.stopping, interval=settings.outbox_interval)),
                     asyncio.create_task(purge_daily(store, settings.retention_days, runtime.stopping)),
                     asyncio.create_task(flush_every_second(store, runtime.stopping))]
    if settings.watch:
        runtime.tasks.append(asyncio.create_task(watch_knowledge(runtime.knowledge, settings, runtime.stopping)))


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
    """Close the database."""
    runtime: Runtime = application.bot_data["runtime"]
    runtime.stopping.set()
    for task in runtime.tasks:
        try:
            await asyncio.wait_for(task, timeout=10)
        except TimeoutError:
            logger.warning("a background task did not stop in time (forwards resume at the next start)")
    runtime.tasks = []
    if runtime.store is not None:
        await runtime.store.close()
        runtime.store = None


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


async def flush_every_second(store: Store, stop: asyncio.Event) -> None:
    """Write the answered questions noted in memory at least once a second (and at the end)."""
    while not stop.is_set():
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=1.0)
        try:
            await store.flush()
        except Exception:
            logger.exception("could not write the answered questions; they will be tried again")


async def purge_daily(store: Store, days: int, stop: asyncio.Event) -> None:
    """Purge what is older than the retention period now, then once a day, until stop is set."""
    while not stop.is_set():
        try:
            counts = await store.purge_older_than(datetime.now(UTC) - timedelta(days=days))
            logger.info("retention purge (%d days): %s", days, ", ".join(f"{k}={v}" for k, v in counts.items()))
        except Exception:
            logger.exception("the retention purge failed; it will run again tomorrow")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=24 * 3600)


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
    command, _, args = message.text[1:].partition(" ") if message.text.startswith("/") else ("", "", "")
    command = command.split("@", 1)[0].lower()
    if command in ADMIN_COMMANDS:
        runtime: Runtime = context.application.bot_data["runtime"]
        assert runtime.admin is not None
        lang = "en" if (user.language_code or "").startswith("en") else "fr"
        await send_replies(message, await runtime.admin.handle(user.id, command, args, lang))
        return
    incoming = Incoming(chat_id=message.chat_id, language_code=user.language_code, text=message.text,
                        first_name=user.first_name or "")
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
        replies = await _conversation(context).handle(Incoming(chat.id, query.from_user.language_code, text="/postes"))
        for reply in replies:
            await _send(context.bot.send_message, chat.id, reply)
        return
    incoming = Incoming(chat_id=message.chat_id, language_code=query.from_user.language_code,
                        callback=query.data or "", first_name=query.from_user.first_name or "")
    replies = await _conversation(context).handle(incoming)
    if (query.data or "").startswith("l:") and len(replies) == 1:  # turning a page of the list: edit it
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


async def send_replies(message: Message, replies: list[Reply]) -> None:
    """Send replies in the message's chat, each cut to Telegram's size."""
    for reply in replies:
        await _send(message.get_bot().send_message, reply.chat_id or message.chat_id, reply)


async def _send(send: Any, chat_id: int, reply: Reply) -> None:
    parts = split_message(reply.text)
    for n, part in enumerate(parts):
        markup = _markup(reply) if n == len(parts) - 1 else None
        try:
            await send(chat_id, part, parse_mode=ParseMode.HTML, reply_markup=markup,
                       link_preview_options=NO_PREVIEW)
        except Forbidden:
            logger.info("cannot write to a chat: the user blocked the bot")
            return


def _markup(reply: Reply) -> InlineKeyboardMarkup | None:
    if not reply.buttons:
        return None
    return InlineKeyboardMarkup([
        [InlineKeyboardButton(b.text, url=b.url) if b.url else InlineKeyboardButton(b.text, callback_data=b.data)
         for b in row]
        for row in reply.buttons
    ])


def run_polling(settings: Settings) -> None:
    """Run the bot by long polling (the worker process)."""
    build_application(settings).run_polling(allowed_updates=Update.ALL_TYPES)


def run_webhook(settings: Settings) -> None:
    """Run the bot behind a webhook on $PORT (the web process), with GET /healthz; requests without the
    secret are refused."""
    from .webhook import serve_until_signal

    settings.require_webhook()
    application = build_application(settings, updater=False)
    asyncio.run(serve_until_signal(application, settings))
