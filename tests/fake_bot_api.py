"""A fake Telegram Bot API server for end-to-end tests of python-telegram-bot (PTB 22) bots.

It is a real HTTP server (aiohttp, 127.0.0.1, a port picked by the OS) that speaks enough of the Bot API
for a FAQ bot: PTB's real ``Bot``, ``Application`` and ``Updater`` (polling or webhook) talk to it over
HTTP, and the test injects user updates and inspects what the bot sent.

Usage::

    from fake_bot_api import FakeBotApi, User

    async with FakeBotApi(token=TOKEN) as api:
        app = (
            ApplicationBuilder().token(TOKEN)
            .base_url(api.base_url).base_file_url(api.base_file_url).build()
        )
        ...  # add handlers
        await app.initialize()
        await app.updater.start_polling(timeout=1, poll_interval=0)
        await app.start()
        try:
            alice = User(id=1001, first_name="Alice")
            api.send_text(alice, "/start job-42")
            [reply] = await api.wait_for_messages(alice.id)
            assert "job-42" in reply.text
        finally:  # stop the bot before the fake
            await app.updater.stop()
            await app.stop()
            await app.shutdown()
        assert api.unknown_methods == []

Behaviour worth knowing:

* Error answers are those of Telegram: 400 ``BadRequest``, 401 (wrong token), 403 ``Forbidden``
  (:meth:`FakeBotApi.block_chat`), 404 for un-faked methods (PTB raises ``InvalidToken`` or
  ``EndPointNotFound``; they are listed in :attr:`FakeBotApi.unknown_methods`), 409 ``Conflict``,
  429 ``RetryAfter`` (:meth:`FakeBotApi.fail_next`).
* ``sendMessage`` only reaches chats seen in an injected update (else 400 "chat not found"), unless
  ``known_chats_only=False``. ``parse_mode="HTML"`` is checked (allowed tags, nesting) and the returned
  text has the tags stripped; other parse modes are not checked and the text is kept as sent.
* ``editMessageText`` without ``reply_markup`` removes the inline keyboard, as Telegram does.
* ``sendPhoto`` takes an uploaded file (multipart; PNG or JPEG, else 400 ``IMAGE_PROCESS_FAILED``) or a
  file id; the upload's bytes stay in the call's ``params["photo"]["data"]``. Photos are listed by
  :meth:`FakeBotApi.photos_to`, not by ``messages_to`` (text messages).
* ``getUpdates`` calls are not recorded in :attr:`FakeBotApi.sent` (polling would flood it).
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import itertools
import json
import logging
import re
import socket
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from http import HTTPStatus
from typing import Any, Self, TypeVar

import aiohttp
from aiohttp import web

__all__ = ["Call", "FakeBotApi", "User", "WebhookDelivery", "free_port"]

logger = logging.getLogger(__name__)

JsonDict = dict[str, Any]
_T = TypeVar("_T")

# Form fields that are always plain strings (never JSON-decoded, so a text "123" stays a string).
_STRING_FIELDS = frozenset(
    {"text", "caption", "callback_query_id", "url", "secret_token", "parse_mode", "language_code", "action",
     "inline_message_id", "ip_address", "name", "title", "description", "short_description", "query"}
)
_JSON_LIKE = re.compile(r"-?\d+(\.\d+)?|true|false|null|[\[{].*", re.DOTALL)
_HTML_TAGS = frozenset(
    {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "code", "pre",
     "blockquote", "tg-emoji"}
)
_CHAT_ACTIONS = frozenset(
    {"typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
     "upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note"}
)
_NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are exactly "
    "the same as a content and reply markup of the current message"
)
_PHOTO_MAX_BYTES = 10 * 1024 * 1024
_QUERY_INVALID = "Bad Request: query is too old and response timeout expired or query ID is invalid"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now (for PTB's webhook server)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _buttons(markup: object) -> list[tuple[str, str | None]]:
    rows = (markup.get("inline_keyboard") or []) if isinstance(markup, dict) else []
    return [(b.get("text", ""), b.get("callback_data")) for row in rows for b in row]


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _chat_key(value: object) -> int | str:
    """A chat id as Telegram reads it: an int, or a string such as "@channel"."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = str(value)
    return int(text) if text.lstrip("-").isdigit() else text


def _int(value: object, default: int) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    try:
        return int(str(value))
    except ValueError:
        return default


class ApiError(Exception):
    """An error answer of the Bot API: ``{"ok": false, "error_code": ..., "description": ...}``."""

    def __init__(self, error_code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(f"{error_code} {description}")
        self.error_code = error_code
        self.description = description
        self.retry_after = retry_after

    def payload(self) -> JsonDict:
        body: JsonDict = {"ok": False, "error_code": self.error_code, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


@dataclass(frozen=True)
class User:
    """A Telegram user who writes to the bot."""

    id: int
    first_name: str = "Camille"
    language_code: str | None = "fr"
    username: str | None = None
    last_name: str | None = None

    def to_dict(self) -> JsonDict:
        data: JsonDict = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        for key in ("last_name", "username", "language_code"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        return data

    def private_chat(self) -> JsonDict:
        chat: JsonDict = {"id": self.id, "type": "private", "first_name": self.first_name}
        if self.username:
            chat["username"] = self.username
        return chat


@dataclass
class Call:
    """One Bot API call made by the bot: its parameters and the fake's answer."""

    method: str
    params: JsonDict
    time: float  # time.monotonic() when received
    result: Any = None
    error_code: int | None = None
    description: str | None = None

    @property
    def ok(self) -> bool:
        return self.error_code is None

    @property
    def chat_id(self) -> int | str | None:
        if isinstance(self.result, dict) and isinstance(self.result.get("chat"), dict):
            return _chat_key(self.result["chat"]["id"])
        return _chat_key(self.params["chat_id"]) if "chat_id" in self.params else None

    @property
    def text(self) -> str | None:
        """The text as displayed (HTML tags stripped) when the call succeeded, else the text sent."""
        if isinstance(self.result, dict) and "text" in self.result:
            return str(self.result["text"])
        return self.params.get("text")

    @property
    def message_id(self) -> int | None:
        if isinstance(self.result, dict) and "message_id" in self.result:
            return int(self.result["message_id"])
        return _int(self.params["message_id"], 0) if "message_id" in self.params else None

    @property
    def reply_markup(self) -> JsonDict | None:
        markup = self.params.get("reply_markup")
        return markup if isinstance(markup, dict) else None

    @property
    def buttons(self) -> list[tuple[str, str | None]]:
        """(text, callback_data) of each inline keyboard button, row by row."""
        return _buttons(self.reply_markup)


@dataclass
class WebhookDelivery:
    """One update POSTed to the webhook: the HTTP status (None if it never connected)."""

    update_id: int
    url: str
    status: int | None
    attempts: int
    error: str | None = None


class _Signal:
    """Wakes every waiter whenever something changes (an update, a call, a webhook change)."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def notify(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    async def wait(self, timeout: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._event.wait(), max(timeout, 0))


class _TelegramHtml(HTMLParser):
    """Telegram's HTML parse mode, approximately: supported tags, proper nesting; keeps the text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.open_tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _HTML_TAGS:
            raise ApiError(400, f'Bad Request: can\'t parse entities: Unsupported start tag "{tag}"')
        self.open_tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open_tags or self.open_tags[-1] != tag:
            raise ApiError(400, f'Bad Request: can\'t parse entities: Unmatched end tag "{tag}"')
        self.open_tags.pop()

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _display_text(text: str, parse_mode: object) -> str:
    if str(parse_mode).lower() != "html":
        return text
    parser = _TelegramHtml()
    parser.feed(text)
    parser.close()
    if parser.open_tags:
        raise ApiError(
            400, f'Bad Request: can\'t parse entities: Can\'t find end tag corresponding to start tag '
            f'"{parser.open_tags[-1]}"'
        )
    return "".join(parser.parts)


def _checked_markup(markup: object) -> JsonDict | None:
    """Validates an inline keyboard; returns it (the only markup echoed in a Message) or None."""
    if not isinstance(markup, dict) or "inline_keyboard" not in markup:
        return None
    for row in markup["inline_keyboard"]:
        for button in row:
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode()) <= 64:
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
    return markup


class FakeBotApi:
    """A fake Bot API server; see the module docstring. Use ``async with`` or ``start()``/``stop()``."""

    def __init__(
        self,
        token: str = "123:ABC",
        *,
        username: str = "test_recruteur_bot",
        first_name: str = "Recruteur (test)",
        known_chats_only: bool = True,
        webhook_retry_seconds: float = 5.0,
    ) -> None:
        self.token = token
        self.known_chats_only = known_chats_only
        self.webhook_retry_seconds = webhook_retry_seconds
        self.bot_user: JsonDict = {
            "id": _int(token.split(":")[0], 123), "is_bot": True, "first_name": first_name,
            "username": username, "can_join_groups": True, "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self.sent: list[Call] = []
        self.unknown_methods: list[str] = []
        self.webhook_deliveries: list[WebhookDelivery] = []
        self.callback_answers: dict[str, JsonDict] = {}
        self.my_commands: dict[tuple[str, str], list[JsonDict]] = {}
        self.webhook_url = ""
        self.webhook_secret: str | None = None
        self.blocked_chats: set[int | str] = set()
        self.poll_count = 0
        self._pending: list[JsonDict] = []
        self._allowed_updates: list[str] | None = None
        self._chats: dict[int | str, JsonDict] = {}
        self._messages: dict[tuple[int | str, int], JsonDict] = {}
        self._open_queries: set[str] = set()
        self._faults: dict[str, list[tuple[int | str | None, ApiError]]] = {}
        self._held: dict[str, asyncio.Event] = {}
        self._cursors: dict[int | str, int] = {}
        self._update_ids = itertools.count(100_001)
        self._message_ids = itertools.count(1)
        self._query_ids = itertools.count(4_000_000_000_000_001)
        self._poll_generation = 0
        self._last_webhook_error: tuple[int, str] | None = None
        self._closing = False
        self._changed = _Signal()
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None
        self._worker: asyncio.Task[None] | None = None
        self._port = 0
        handlers: list[tuple[str, Callable[[JsonDict], Awaitable[Any]]]] = [
            ("getMe", self._get_me), ("getUpdates", self._get_updates), ("sendMessage", self._send_message),
            ("editMessageText", self._edit_message_text),
            ("editMessageReplyMarkup", self._edit_message_reply_markup),
            ("deleteMessage", self._delete_message), ("answerCallbackQuery", self._answer_callback_query),
            ("setMyCommands", self._set_my_commands), ("getMyCommands", self._get_my_commands),
            ("deleteMyCommands", self._delete_my_commands), ("setWebhook", self._set_webhook),
            ("deleteWebhook", self._delete_webhook), ("getWebhookInfo", self._get_webhook_info),
            ("sendChatAction", self._send_chat_action), ("sendPhoto", self._send_photo),
        ]
        self._handlers = {name.lower(): (name, handler) for name, handler in handlers}

    # -- lifecycle -------------------------------------------------------------------------------------

    async def start(self) -> None:
        self._closing = False
        self._changed = _Signal()
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        # handler_cancellation + a short shutdown_timeout: a pending long poll never holds shutdown.
        self._runner = web.AppRunner(app, handler_cancellation=True, shutdown_timeout=0.5, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self._port = int(self._runner.addresses[0][1])
        self._session = aiohttp.ClientSession()
        self._worker = asyncio.create_task(self._webhook_worker(), name="FakeBotApi webhook delivery")
        logger.info("Fake Bot API listening on %s", self.base_url)

    async def stop(self) -> None:
        self._closing = True
        for gate in self._held.values():  # no call stays held: the server can close
            gate.set()
        self._held.clear()
        self._changed.notify()
        if self._worker is not None:
            self._worker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._worker
            self._worker = None
        if self._session is not None:
            await self._session.close()
            self._session = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @property
    def port(self) -> int:
        return self._port

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self._port}/file/bot"

    # -- faults ----------------------------------------------------------------------------------------

    def block_chat(self, chat_id: int | str) -> None:
        """sendMessage/sendChatAction to this chat answer 403 "Forbidden: bot was blocked by the user"."""
        self.blocked_chats.add(_chat_key(chat_id))

    def unblock_chat(self, chat_id: int | str) -> None:
        self.blocked_chats.discard(_chat_key(chat_id))

    def fail_next(
        self, method: str, error_code: int, description: str | None = None, retry_after: int | None = None,
        *, times: int = 1, chat_id: int | str | None = None,
    ) -> None:
        """The next ``times`` calls of ``method`` (to ``chat_id`` only, when given) fail with this error
        (e.g. 429 with retry_after, 500)."""
        if description is None:
            description = (f"Too Many Requests: retry after {retry_after}" if error_code == 429
                           else HTTPStatus(error_code).phrase)
        errors = self._faults.setdefault(method.lower(), [])
        chat = None if chat_id is None else _chat_key(chat_id)
        errors.extend((chat, ApiError(error_code, description, retry_after)) for _ in range(times))

    def hold(self, method: str) -> None:
        """Calls of ``method`` are recorded, then wait for ``release(method)`` before they are answered: the bot
        stands still inside that call (to send it a signal during its start-up, say)."""
        self._held.setdefault(method.lower(), asyncio.Event()).clear()

    def release(self, method: str) -> None:
        """Answer the held calls of ``method``, and the next ones at once."""
        gate = self._held.pop(method.lower(), None)
        if gate is not None:
            gate.set()

    # -- injecting updates -----------------------------------------------------------------------------

    def inject(self, update: Mapping[str, Any]) -> JsonDict:
        """Queues a raw update (any shape); assigns the next ``update_id`` when it has none."""
        update = dict(update)
        if "update_id" not in update:
            update["update_id"] = next(self._update_ids)
        elif isinstance(update["update_id"], int) and update["update_id"] >= 100_001:
            self._update_ids = itertools.count(max(next(self._update_ids), update["update_id"] + 1))
        kinds = [kind for kind in update if kind != "update_id"]
        for payload in update.values():
            holders = (payload, payload.get("message")) if isinstance(payload, dict) else ()
            for holder in holders:
                chat = holder.get("chat") if isinstance(holder, dict) else None
                if isinstance(chat, dict) and "id" in chat:
                    self._chats[_chat_key(chat["id"])] = chat
        if self._allowed_updates and kinds and kinds[0] not in self._allowed_updates:
            logger.debug("Update %s dropped: %r not in allowed_updates", update["update_id"], kinds[0])
            return update
        self._pending.append(update)
        self._changed.notify()
        return update

    def send(
        self, user: User, *, chat_id: int | None = None, kind: str = "message", **fields: Any
    ) -> JsonDict:
        """Injects a message from ``user`` with the given fields, e.g. ``sticker={...}``, ``location=...``."""
        if chat_id is None or chat_id == user.id:
            chat = user.private_chat()
        else:
            chat = self._chats.get(chat_id) or {
                "id": chat_id, "type": "supergroup" if str(chat_id).startswith("-100") else "group",
                "title": f"Group {chat_id}"}
        message: JsonDict = {"message_id": next(self._message_ids), "from": user.to_dict(), "chat": chat,
                             "date": int(time.time())}
        if kind.startswith("edited_"):
            message["edit_date"] = int(time.time())
        message.update(fields)
        return self.inject({kind: message})

    def send_text(
        self, user: User, text: str, *, chat_id: int | None = None, entities: list[JsonDict] | None = None
    ) -> JsonDict:
        """Injects a text message; a leading /command gets its ``bot_command`` entity unless given."""
        fields: JsonDict = {"text": text}
        if entities is None and text.startswith("/"):
            entities = [{"type": "bot_command", "offset": 0, "length": _utf16_len(text.split()[0])}]
        if entities:
            fields["entities"] = entities
        return self.send(user, chat_id=chat_id, **fields)

    def press_button(self, user: User, message: Call | Mapping[str, Any], data: str, *,
                     strict: bool = True) -> JsonDict:
        """Injects a callback_query for the bot's ``message`` (a Call or a Message dict).

        With ``strict`` the message must exist and show a button with this callback_data.
        The query id is in ``update["callback_query"]["id"]``.
        """
        given = message.result if isinstance(message, Call) else message
        if not isinstance(given, Mapping) or not isinstance(given.get("chat"), Mapping):
            raise ValueError(f"not a message: {given!r}")
        key = (_chat_key(given["chat"]["id"]), int(given["message_id"]))
        current = self._messages.get(key)
        if strict:
            if current is None:
                raise ValueError(f"message {key} does not exist (deleted or never sent by the bot)")
            buttons = _buttons(current.get("reply_markup"))
            if data not in [d for _, d in buttons]:
                raise ValueError(f"message {key} has no button with callback_data {data!r}: {buttons}")
        query_id = str(next(self._query_ids))
        self._open_queries.add(query_id)
        query = {"id": query_id, "from": user.to_dict(), "message": copy.deepcopy(current or dict(given)),
                 "chat_instance": f"instance{key[0]}", "data": data}
        return self.inject({"callback_query": query})

    @property
    def pending_updates(self) -> list[JsonDict]:
        """Updates neither confirmed by a getUpdates offset nor delivered to the webhook."""
        return list(self._pending)

    # -- inspecting and waiting ------------------------------------------------------------------------

    def calls(self, method: str) -> list[Call]:
        """Recorded calls of ``method`` (any case), successful or not."""
        return [c for c in self.sent if c.method.lower() == method.lower()]

    def messages_to(self, chat_id: int | str) -> list[Call]:
        """Successful sendMessage and editMessageText calls to this chat, in order."""
        key = _chat_key(chat_id)
        return [c for c in self.sent
                if c.ok and c.method in ("sendMessage", "editMessageText") and c.chat_id == key]

    def get_commands(self, language_code: str = "", scope: JsonDict | None = None) -> list[JsonDict]:
        return self.my_commands.get(self._commands_key(scope, language_code), [])

    async def wait_for_messages(self, chat_id: int | str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """The next ``count`` messages to the chat not returned by an earlier call (sent or edited)."""
        key = _chat_key(chat_id)
        start = self._cursors.get(key, 0)

        def ready() -> list[Call] | None:
            new = self.messages_to(key)[start:start + count]
            return new if len(new) == count else None

        def describe() -> str:
            got = [(c.method, c.text) for c in self.messages_to(key)[start:]]
            failed = [(c.method, c.error_code, c.description) for c in self.sent
                      if not c.ok and c.params.get("chat_id") is not None and c.chat_id == key]
            return (f"expected {count} new message(s) to chat {key} within {timeout}s, got {got}; "
                    f"failed calls to the chat: {failed}; unknown methods: {self.unknown_methods}")

        result = await self._wait_until(ready, timeout, describe)
        self._cursors[key] = start + count
        return result

    async def expect_no_messages(self, chat_id: int | str, wait: float = 0.3) -> None:
        """Asserts that nothing new is sent to the chat during ``wait`` seconds."""
        key = _chat_key(chat_id)
        await asyncio.sleep(wait)
        new = self.messages_to(key)[self._cursors.get(key, 0):]
        if new:
            got = [(c.method, c.text) for c in new]
            raise AssertionError(f"expected no message to chat {key}, got {got}")

    async def wait_until_polled(self, timeout: float = 60.0) -> None:
        """Wait for the bot's first getUpdates: its start-up is over (application.start() follows at once), so
        a SIGINT now tests the shutdown, not a signal during start-up."""
        await self._wait_until(lambda: self.poll_count >= 1 or None, timeout,
                               lambda: f"expected a getUpdates call within {timeout}s")

    async def wait_for_calls(self, method: str, count: int = 1, timeout: float = 5.0,
                             where: Callable[[Call], bool] | None = None) -> list[Call]:
        """The first ``count`` recorded calls of ``method`` (matching ``where``), waiting for them."""

        def ready() -> list[Call] | None:
            found = [c for c in self.calls(method) if where is None or where(c)][:count]
            return found if len(found) == count else None

        def describe() -> str:
            seen = [(c.method, c.error_code) for c in self.sent]
            return f"expected {count} {method} call(s) within {timeout}s; calls: {seen}"

        return await self._wait_until(ready, timeout, describe)

    async def wait_for_deliveries(self, count: int = 1, timeout: float = 8.0) -> list[WebhookDelivery]:
        """The first ``count`` webhook deliveries (each retried up to ``webhook_retry_seconds``)."""

        def ready() -> list[WebhookDelivery] | None:
            return self.webhook_deliveries[:count] if len(self.webhook_deliveries) >= count else None

        return await self._wait_until(
            ready, timeout, lambda: f"expected {count} webhook deliveries, got {self.webhook_deliveries}")

    async def _wait_until(self, ready: Callable[[], _T | None], timeout: float,
                          describe: Callable[[], str]) -> _T:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while (value := ready()) is None:
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise AssertionError(describe())
            await self._changed.wait(remaining)
        return value

    # -- HTTP ------------------------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            logger.warning("Fake Bot API: wrong token in %s", request.path)
            return web.json_response(ApiError(401, "Unauthorized").payload(), status=401)
        method = request.match_info["method"]
        try:
            params = await self._read_params(request)
        except ValueError as exc:
            return web.json_response(ApiError(400, f"Bad Request: {exc}").payload(), status=400)
        entry = self._handlers.get(method.lower())
        if entry is None:
            logger.warning("Fake Bot API: un-faked method %s(%s)", method, params)
            self.unknown_methods.append(method)
            self._changed.notify()
            return web.json_response(ApiError(404, "Not Found").payload(), status=404)
        name, handler = entry
        call = Call(name, params, time.monotonic())
        if name == "getUpdates":
            self.poll_count += 1
        else:
            self.sent.append(call)
        gate = self._held.get(name.lower())
        if gate is not None:
            self._changed.notify()
            await gate.wait()
        try:
            faults = self._faults.get(name.lower(), [])
            chat = _chat_key(params.get("chat_id")) if params.get("chat_id") not in (None, "") else None
            fault = next((n for n, (target, _) in enumerate(faults) if target is None or target == chat), None)
            if fault is not None:
                raise faults.pop(fault)[1]
            call.result = await handler(params)
        except ApiError as exc:
            call.error_code, call.description = exc.error_code, exc.description
            logger.debug("Fake Bot API: %s(%s) -> %s", name, params, exc)
            self._changed.notify()
            return web.json_response(exc.payload(), status=exc.error_code)
        logger.debug("Fake Bot API: %s(%s) -> ok", name, params)
        self._changed.notify()
        return web.json_response({"ok": True, "result": call.result})

    @staticmethod
    async def _read_params(request: web.Request) -> JsonDict:
        """Query string, JSON body, form-urlencoded or multipart body, as Telegram reads them."""

        def decode(key: str, value: str) -> Any:
            if key in _STRING_FIELDS or not _JSON_LIKE.fullmatch(value):
                return value
            try:
                return json.loads(value)
            except ValueError:
                return value

        params: JsonDict = {k: decode(k, v) for k, v in request.query.items()}
        if request.content_type == "application/json":
            body = await request.json()
            if not isinstance(body, dict):
                raise ValueError("the JSON body must be an object")
            params.update(body)
        elif request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            for key, value in (await request.post()).items():
                if isinstance(value, web.FileField):
                    content = value.file.read()
                    params[key] = {"filename": value.filename, "content_type": value.content_type,
                                   "size": len(content), "data": content}
                else:
                    params[key] = decode(key, value if isinstance(value, str) else bytes(value).decode())
        return params

    # -- chats and messages ----------------------------------------------------------------------------

    def _target_chat(self, params: JsonDict) -> tuple[int | str, JsonDict]:
        if params.get("chat_id") in (None, ""):
            raise ApiError(400, "Bad Request: chat_id is empty")
        key = _chat_key(params["chat_id"])
        chat = self._chats.get(key)
        if chat is None:
            if self.known_chats_only:
                raise ApiError(400, "Bad Request: chat not found")
            chat = {"id": key, "type": "private", "first_name": "User"}
        if key in self.blocked_chats:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        return key, chat

    def _stored_message(self, params: JsonDict, action: str) -> JsonDict:
        key = (_chat_key(params.get("chat_id")), _int(params.get("message_id"), 0))
        message = self._messages.get(key)
        if message is None:
            raise ApiError(400, f"Bad Request: message to {action} not found")
        return message

    def _message_text(self, params: JsonDict) -> str:
        text = params.get("text")
        if not isinstance(text, str) or not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        text = _display_text(text, params.get("parse_mode"))
        if _utf16_len(text) > 4096:
            raise ApiError(400, "Bad Request: message is too long")
        return text

    # -- methods ---------------------------------------------------------------------------------------

    async def _get_me(self, params: JsonDict) -> JsonDict:
        return dict(self.bot_user)

    async def _get_updates(self, params: JsonDict) -> list[JsonDict]:
        if self.webhook_url:
            raise ApiError(409, "Conflict: can't use getUpdates method while webhook is active; "
                                "use deleteWebhook to delete the webhook first")
        offset = _int(params.get("offset"), 0)
        limit = min(max(_int(params.get("limit"), 100), 1), 100)
        timeout = max(float(params.get("timeout") or 0), 0.0)
        if isinstance(params.get("allowed_updates"), list):
            self._allowed_updates = params["allowed_updates"] or None
        if offset > 0:
            self._pending = [u for u in self._pending if _int(u.get("update_id"), 0) >= offset]
        elif offset < 0:
            self._pending = self._pending[offset:]
        self._poll_generation += 1
        generation = self._poll_generation
        self._changed.notify()  # an older pending poll is terminated by this one
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not self._closing:
            if generation != self._poll_generation:
                raise ApiError(409, "Conflict: terminated by other getUpdates request; "
                                    "make sure that only one bot instance is running")
            if self.webhook_url:
                raise ApiError(409, "Conflict: webhook was set while getUpdates was waiting")
            remaining = deadline - loop.time()
            if self._pending or remaining <= 0:
                return copy.deepcopy(self._pending[:limit])
            await self._changed.wait(remaining)
        return []

    async def _send_message(self, params: JsonDict) -> JsonDict:
        key, chat = self._target_chat(params)
        text = self._message_text(params)
        markup = _checked_markup(params.get("reply_markup"))
        message: JsonDict = {"message_id": next(self._message_ids), "from": dict(self.bot_user), "chat": chat,
                             "date": int(time.time()), "text": text}
        if markup is not None:
            message["reply_markup"] = markup
        self._messages[(key, message["message_id"])] = message
        return copy.deepcopy(message)

    async def _edit_message_text(self, params: JsonDict) -> JsonDict:
        message = self._stored_message(params, "edit")
        text = self._message_text(params)
        markup = _checked_markup(params.get("reply_markup"))
        if text == message.get("text") and markup == message.get("reply_markup"):
            raise ApiError(400, _NOT_MODIFIED)
        message.update(text=text, edit_date=int(time.time()))
        message.pop("reply_markup", None)  # editing without reply_markup removes the keyboard
        if markup is not None:
            message["reply_markup"] = markup
        return copy.deepcopy(message)

    async def _edit_message_reply_markup(self, params: JsonDict) -> JsonDict:
        message = self._stored_message(params, "edit")
        markup = _checked_markup(params.get("reply_markup"))
        if markup == message.get("reply_markup"):
            raise ApiError(400, _NOT_MODIFIED)
        message.pop("reply_markup", None)
        if markup is not None:
            message["reply_markup"] = markup
        message["edit_date"] = int(time.time())
        return copy.deepcopy(message)

    async def _delete_message(self, params: JsonDict) -> bool:
        message = self._stored_message(params, "delete")
        del self._messages[(_chat_key(message["chat"]["id"]), message["message_id"])]
        return True

    async def _answer_callback_query(self, params: JsonDict) -> bool:
        query_id = str(params.get("callback_query_id", ""))
        if query_id not in self._open_queries:
            raise ApiError(400, _QUERY_INVALID)
        self._open_queries.discard(query_id)
        self.callback_answers[query_id] = params
        return True

    @staticmethod
    def _commands_key(scope: object, language_code: object) -> tuple[str, str]:
        return json.dumps(scope or {"type": "default"}, sort_keys=True), str(language_code or "")

    async def _set_my_commands(self, params: JsonDict) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise ApiError(400, "Bad Request: commands must be a list of at most 100 BotCommand")
        for command in commands:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", str(command.get("command", ""))):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", "")).strip()) <= 256:
                raise ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        self.my_commands[self._commands_key(params.get("scope"), params.get("language_code"))] = commands
        return True

    async def _get_my_commands(self, params: JsonDict) -> list[JsonDict]:
        return self.get_commands(str(params.get("language_code") or ""), params.get("scope"))

    async def _delete_my_commands(self, params: JsonDict) -> bool:
        self.my_commands.pop(self._commands_key(params.get("scope"), params.get("language_code")), None)
        return True

    async def _set_webhook(self, params: JsonDict) -> bool:
        url = str(params.get("url") or "")
        secret = params.get("secret_token")
        if url and not re.match(r"https?://[^/\s]+", url):
            raise ApiError(400, "Bad Request: bad webhook: invalid webhook URL specified")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", str(secret)):
            raise ApiError(400, "Bad Request: secret token contains unallowed characters")
        if params.get("drop_pending_updates"):
            self._pending.clear()
        if isinstance(params.get("allowed_updates"), list):
            self._allowed_updates = params["allowed_updates"] or None
        self.webhook_url, self.webhook_secret = url, (str(secret) if url and secret else None)
        self._last_webhook_error = None
        return True

    async def _delete_webhook(self, params: JsonDict) -> bool:
        if params.get("drop_pending_updates"):
            self._pending.clear()
        self.webhook_url, self.webhook_secret = "", None
        return True

    async def _get_webhook_info(self, params: JsonDict) -> JsonDict:
        info: JsonDict = {"url": self.webhook_url, "has_custom_certificate": False,
                          "pending_update_count": len(self._pending)}
        if self.webhook_url:
            info["max_connections"] = 40
            if self._allowed_updates:
                info["allowed_updates"] = self._allowed_updates
            if self._last_webhook_error:
                info["last_error_date"], info["last_error_message"] = self._last_webhook_error
        return info

    async def _send_photo(self, params: JsonDict) -> JsonDict:
        """A photo uploaded as a file (multipart; PNG or JPEG, at most 10 MB) or given by file_id or URL."""
        key, chat = self._target_chat(params)
        photo = params.get("photo")
        if isinstance(photo, dict):
            data = photo.get("data", b"")
            if not data:
                raise ApiError(400, "Bad Request: file must be non-empty")
            if len(data) > _PHOTO_MAX_BYTES:
                raise ApiError(400, "Bad Request: PHOTO_INVALID_DIMENSIONS")
            if not data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")):
                raise ApiError(400, "Bad Request: IMAGE_PROCESS_FAILED")
        elif not isinstance(photo, str) or not photo:
            raise ApiError(400, "Bad Request: there is no photo in the request")
        size = photo["size"] if isinstance(photo, dict) else 0
        message: JsonDict = {"message_id": next(self._message_ids), "from": dict(self.bot_user), "chat": chat,
                             "date": int(time.time()),
                             "photo": [{"file_id": f"photo-{next(self._message_ids)}", "file_unique_id": "u",
                                        "width": 1000, "height": 800, "file_size": size}]}
        caption = params.get("caption")
        if isinstance(caption, str) and caption:
            shown = _display_text(caption, params.get("parse_mode"))
            if _utf16_len(shown) > 1024:
                raise ApiError(400, "Bad Request: message caption is too long")
            message["caption"] = shown
        markup = _checked_markup(params.get("reply_markup"))
        if markup is not None:
            message["reply_markup"] = markup
        self._messages[(key, message["message_id"])] = message
        return copy.deepcopy(message)

    def photos_to(self, chat_id: int | str) -> list[Call]:
        """Successful sendPhoto calls to this chat, in order (messages_to lists the text messages)."""
        key = _chat_key(chat_id)
        return [c for c in self.sent if c.ok and c.method == "sendPhoto" and c.chat_id == key]

    async def _send_chat_action(self, params: JsonDict) -> bool:
        self._target_chat(params)
        if params.get("action") not in _CHAT_ACTIONS:
            raise ApiError(400, "Bad Request: wrong parameter action in request")
        return True

    # -- webhook delivery ------------------------------------------------------------------------------

    async def _webhook_worker(self) -> None:
        """POSTs pending updates to the webhook one at a time, in order, as Telegram does."""
        while not self._closing:
            if not self.webhook_url or not self._pending:
                await self._changed.wait(1.0)
                continue
            await self._deliver(self._pending.pop(0))

    async def _deliver(self, update: JsonDict) -> None:
        assert self._session is not None
        url, secret = self.webhook_url, self.webhook_secret
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret else {}
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.webhook_retry_seconds
        delay, attempts, status, error = 0.05, 0, None, None
        # PTB calls setWebhook before its server listens: retry refused connections for a few seconds.
        while True:
            attempts += 1
            try:
                async with self._session.post(url, json=update, headers=headers,
                                              timeout=aiohttp.ClientTimeout(total=10)) as response:
                    await response.read()
                    status, error = response.status, None
                    break
            except (aiohttp.ClientError, TimeoutError) as exc:
                error = f"{type(exc).__name__}: {exc}"
            if loop.time() + delay > deadline:
                break
            await asyncio.sleep(delay)
            delay = min(delay * 2, 0.5)
            if self._closing or url != self.webhook_url:  # webhook changed or removed: keep the update
                self._pending.insert(0, update)
                self._changed.notify()
                return
        delivery = WebhookDelivery(_int(update.get("update_id"), 0), url, status, attempts, error)
        self.webhook_deliveries.append(delivery)
        if status is None or not 200 <= status < 300:
            message = error or f"Wrong response from the webhook: {status}"
            self._last_webhook_error = (int(time.time()), message)
            logger.warning("Fake Bot API: webhook delivery failed: %s", delivery)
        self._changed.notify()
