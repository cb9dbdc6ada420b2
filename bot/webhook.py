"""Webhook mode: our own small aiohttp server in front of the PTB Application.

As in python-telegram-bot's customwebhookbot example: Telegram POSTs updates to WEBHOOK_URL's path, with
the secret token header, and they go to the application's update queue; `GET /healthz` tells a load
balancer or an uptime check that the bot is up and how much knowledge it serves (503 when the knowledge
is not loaded, or the database cannot answer or its file was deleted). A request without the right secret
gets 403; a body that is not an update Telegram could send (not a JSON object, not readable by PTB, an id
out of range) gets 400 and one log line.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import signal
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any
from urllib.parse import urlparse

from aiohttp import web
from telegram import Bot, Update
from telegram.ext import Application

from .config import Settings
from .storage import Storage, StoreError

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY = 1024 * 1024
MAX_ID = 2**63 - 1  # update, chat and user ids are 64-bit integers (at most 52 significant bits, says Telegram)


class UnreadableUpdate(ValueError):
    """A webhook body that is not a Telegram update: not JSON, not an object, or not what PTB can read."""


def read_update(body: bytes, bot: Bot) -> Update:
    """The update in a webhook body; UnreadableUpdate (a one-line reason, no content) when there is none.

    Whatever the body, PTB's parsing errors (AttributeError, TypeError, OverflowError for a date out of
    range, RecursionError for a deeply nested document...) become UnreadableUpdate: a 400, never a 500."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as exc:  # not UTF-8, not JSON, or nested too deep to decode
        raise UnreadableUpdate(f"not JSON ({type(exc).__name__})") from None
    if not isinstance(data, dict):
        raise UnreadableUpdate(f"a JSON {type(data).__name__}, not an object")
    if not _is_id(data.get("update_id")):
        raise UnreadableUpdate("no integer update_id")
    try:
        update = Update.de_json(data, bot)
    except Exception as exc:  # PTB reads untrusted input here: any failure means "not an update"
        raise UnreadableUpdate(f"not an update ({type(exc).__name__}: {str(exc)[:100]})") from None
    if update is None:
        raise UnreadableUpdate("not an update")
    for entity in (update.effective_chat, update.effective_user):
        if entity is not None and not _is_id(entity.id):
            raise UnreadableUpdate("a chat or user id out of Telegram's range")
    return update


def _is_id(value: object) -> bool:
    """An integer id as Telegram sends them: they fit in 64 bits, as SQLite stores them."""
    return isinstance(value, int) and not isinstance(value, bool) and -MAX_ID <= value <= MAX_ID


def make_web_app(application: Application, *, path: str, secret: str) -> web.Application:  # type: ignore[type-arg]
    """The aiohttp app: POST /<path> for Telegram's updates, GET /healthz for health checks."""

    async def telegram(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), secret.encode()):
            logger.info("webhook request refused: missing or wrong secret token")
            return web.Response(status=403, text="forbidden")
        try:
            update = read_update(await request.read(), application.bot)
        except UnreadableUpdate as exc:
            logger.info("webhook request with an unreadable update: %s", exc)
            return web.Response(status=400, text="bad update")
        await application.update_queue.put(update)
        return web.Response(text="ok")

    app = web.Application(client_max_size=MAX_BODY)
    app.router.add_post(f"/{path.strip('/')}", telegram)
    app.router.add_get("/healthz", health_handler(application))
    settings: Any = getattr(application.bot_data.get("runtime"), "settings", None)
    if settings is not None and settings.public_url:  # the web answer page (bot.web)
        from .web import add_answer_routes

        def answers() -> Any:  # the running service's AnswerDesk (None before post_init and after post_shutdown)
            service = getattr(application.bot_data.get("runtime"), "service", None)
            return service.answers if service is not None else None

        add_answer_routes(app, answers,
                          public_url=settings.public_url, posting_url=settings.posting_url)
    return app


def health_handler(application: Application) -> Callable[[web.Request], Awaitable[web.Response]]:  # type: ignore[type-arg]
    """GET /healthz: 200 with the postings and problems counts, 503 when no knowledge is loaded or the
    database does not answer."""

    async def healthz(request: web.Request) -> web.Response:
        runtime: Any = application.bot_data.get("runtime")
        engine = runtime.engine if runtime is not None else None
        body: dict[str, Any] = {"ok": engine is not None,
                                "postings": len(engine.postings) if engine is not None else 0,
                                "problems": len(engine.problems) if engine is not None else 0}
        if not await _database_answers(runtime):
            body.update(ok=False, database="unavailable")
        return web.json_response(body, status=200 if body["ok"] else 503)

    return healthz


async def _database_answers(runtime: Any) -> bool:
    """Whether the store answers and its file is still the one it opened (True before it is opened)."""
    store: Storage | None = runtime.store if runtime is not None else None
    if store is None:
        return True
    try:
        await store.check_health()
    except StoreError as exc:
        logger.error("health check: %s", exc)
        return False
    return True


@contextlib.asynccontextmanager
async def serving(application: Application, settings: Settings) -> AsyncIterator[web.AppRunner]:  # type: ignore[type-arg]
    """Run the application behind the webhook until the block exits: initialise, post_init, register the
    webhook with its secret, serve; then stop, post_shutdown, shut down."""
    url, secret = settings.require_webhook()
    path = urlparse(url).path
    await application.initialize()
    if application.post_init is not None:
        await application.post_init(application)
    from .web import RedactingAccessLogger  # the answer page's tokens never reach the access log

    runner = web.AppRunner(make_web_app(application, path=path, secret=secret), shutdown_timeout=2.0,
                           access_log_class=RedactingAccessLogger)
    try:
        await application.start()
        await runner.setup()
        await web.TCPSite(runner, settings.host, settings.port).start()
        await application.bot.set_webhook(url, secret_token=secret, allowed_updates=Update.ALL_TYPES)
        logger.info("webhook mode: listening on %s:%d, path %s", settings.host, settings.port, path or "/")
        yield runner
    finally:
        await runner.cleanup()
        if application.running:
            await application.stop()
        if application.post_shutdown is not None:
            await application.post_shutdown(application)
        await application.shutdown()


async def poll_until_signal(application: Application, settings: Settings, *,  # type: ignore[type-arg]
                            health: bool = True) -> None:
    """Poll Telegram for updates until SIGINT or SIGTERM: the worker (`python -m bot run`), and the web process
    without WEBHOOK_URL (a platform starts `web` by default), which also answers GET /healthz on $HOST:$PORT so
    that the platform sees the process up.

    The signals are ours from the first step: one that comes while the bot is still starting (loading its
    knowledge, registering its commands) lets the step finish, then the bot stops before it polls, exit status 0.
    PTB's run_polling exited 1 ("Event loop stopped before Future completed"), or hung, when it came then."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    runner = None
    if health:
        site = web.Application()
        site.router.add_get("/healthz", health_handler(application))
        runner = web.AppRunner(site, shutdown_timeout=2.0)
    await application.initialize()
    try:
        if application.post_init is not None:
            await application.post_init(application)
        if runner is not None and not stop.is_set():
            await runner.setup()
            await web.TCPSite(runner, settings.host, settings.port).start()
        assert application.updater is not None
        if not stop.is_set():
            await application.updater.start_polling(allowed_updates=Update.ALL_TYPES)  # deletes any webhook
            await application.start()
            if health:
                logger.warning("WEBHOOK_URL is not set: polling Telegram, /healthz on %s:%d; set WEBHOOK_URL and "
                               "WEBHOOK_SECRET to receive updates by webhook (and to run more than one web process)",
                               settings.host, settings.port)
            await stop.wait()
    finally:
        if runner is not None:
            await runner.cleanup()
        if application.updater is not None and application.updater.running:
            await application.updater.stop()
        if application.running:
            await application.stop()
        if application.post_shutdown is not None:
            await application.post_shutdown(application)
        await application.shutdown()
    logger.info("polling: stopped")


async def serve_until_signal(application: Application, settings: Settings) -> None:  # type: ignore[type-arg]
    """Serve the webhook until SIGINT or SIGTERM."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with serving(application, settings):
        await stop.wait()
    logger.info("webhook mode: stopped")
