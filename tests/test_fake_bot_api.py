"""Tests of the fake Bot API server (tests/fake_bot_api.py), driven by PTB's real Bot and Application."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

import aiohttp
import pytest
import pytest_asyncio
from aiohttp import web
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllPrivateChats,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
)
from telegram import Update as TgUpdate
from telegram.error import (
    BadRequest,
    Conflict,
    EndPointNotFound,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
)
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from fake_bot_api import FakeBotApi, User, free_port

TOKEN = "123456:TEST-token"
ALICE = User(id=1001, first_name="Alice")
BOB = User(id=1002, first_name="Bob", language_code="en", username="bob")
KEYBOARD = InlineKeyboardMarkup([[InlineKeyboardButton("Voir l'offre", callback_data="job:42")]])
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"



@pytest_asyncio.fixture
async def bot(api: FakeBotApi) -> AsyncIterator[Bot]:
    async with Bot(TOKEN, base_url=api.base_url, base_file_url=api.base_file_url) as client:
        yield client


def build_app(api: FakeBotApi) -> Application:  # type: ignore[type-arg]
    app = ApplicationBuilder().token(TOKEN).base_url(api.base_url).base_file_url(api.base_file_url).build()
    app.add_handler(CommandHandler("start", on_start))
    app.add_handler(MessageHandler(filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND, on_text))
    app.add_handler(CallbackQueryHandler(on_button))
    return app


async def on_start(update: TgUpdate, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text(f"start payload={context.args}", reply_markup=KEYBOARD)


async def on_text(update: TgUpdate, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text(f"echo: {update.effective_message.text}")


async def on_button(update: TgUpdate, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer("C'est noté")
    await query.edit_message_text(f"chosen {query.data}")


@contextlib.asynccontextmanager
async def running(app: Application, **webhook: Any) -> AsyncIterator[list[BaseException]]:  # type: ignore[type-arg]
    """Runs ``app`` (polling, or webhook with these start_webhook arguments); yields its handler errors."""
    errors: list[BaseException] = []

    async def collect(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert context.error is not None
        errors.append(context.error)

    app.add_error_handler(collect)
    await app.initialize()
    try:
        if webhook:
            await app.updater.start_webhook(**webhook)  # type: ignore[union-attr]
        else:
            await app.updater.start_polling(timeout=1, poll_interval=0)  # type: ignore[union-attr]
        await app.start()
        try:
            yield errors
        finally:
            await app.updater.stop()  # type: ignore[union-attr]
            await app.stop()
    finally:
        await app.shutdown()
    assert errors == []


async def eventually(condition: Callable[[], object], timeout: float = 3.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.01)


@pytest.mark.asyncio
async def test_get_me_and_wrong_token(api: FakeBotApi, bot: Bot) -> None:
    me = await bot.get_me()
    assert (me.username, me.is_bot, me.id) == ("test_recruteur_bot", True, 123456)
    with pytest.raises(InvalidToken):
        async with Bot("999:WRONG", base_url=api.base_url, base_file_url=api.base_file_url):
            pass


@pytest.mark.asyncio
async def test_polling_application_echo_and_start_payload(api: FakeBotApi) -> None:
    async with running(build_app(api)):
        api.send_text(ALICE, "Bonjour, le poste est-il en télétravail ?")
        [reply] = await api.wait_for_messages(ALICE.id)
        assert reply.text == "echo: Bonjour, le poste est-il en télétravail ?"
        assert reply.result["chat"] == ALICE.private_chat()
        api.send_text(ALICE, "/start job-42")
        [reply] = await api.wait_for_messages(ALICE.id)
        assert reply.text == "start payload=['job-42']"
        assert reply.buttons == [("Voir l'offre", "job:42")]
        assert reply.result["reply_markup"] == KEYBOARD.to_dict()
        assert reply.message_id is not None and reply.message_id > 1
    assert api.pending_updates == []  # the Updater confirmed the offset when it stopped
    assert api.unknown_methods == []


@pytest.mark.asyncio
async def test_button_press_is_answered_and_edits_the_message(api: FakeBotApi) -> None:
    async with running(build_app(api)):
        api.send_text(BOB, "/start")
        [menu] = await api.wait_for_messages(BOB.id)
        update = api.press_button(BOB, menu, "job:42")
        [edited] = await api.wait_for_messages(BOB.id)
        [answer] = await api.wait_for_calls("answerCallbackQuery")
    assert (edited.method, edited.text) == ("editMessageText", "chosen job:42")
    assert edited.message_id == menu.message_id
    assert "reply_markup" not in edited.result  # edited without reply_markup: the keyboard is gone
    assert answer.params["callback_query_id"] == update["callback_query"]["id"]
    assert api.callback_answers[update["callback_query"]["id"]]["text"] == "C'est noté"
    with pytest.raises(ValueError, match="no button"):
        api.press_button(BOB, menu, "job:42")  # the keyboard was removed by the edit


@pytest.mark.asyncio
async def test_message_errors_like_telegram(api: FakeBotApi, bot: Bot) -> None:
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message(ALICE.id, "nobody wrote to the bot yet")
    api.send_text(ALICE, "hi")
    message = await bot.send_message(ALICE.id, "Question ?", reply_markup=KEYBOARD)
    assert message.reply_markup == KEYBOARD
    mid = message.message_id
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_text("Question ?", reply_markup=KEYBOARD, chat_id=ALICE.id, message_id=mid)
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await bot.edit_message_text("x", chat_id=ALICE.id, message_id=99_999)
    query_id = api.press_button(ALICE, api.calls("sendMessage")[-1], "job:42")["callback_query"]["id"]
    assert await bot.answer_callback_query(query_id, text="ok")
    for bad_id in (query_id, "123"):  # already answered, unknown
        with pytest.raises(BadRequest, match=r"(?i)query ID is invalid"):
            await bot.answer_callback_query(bad_id)
    edited = await bot.edit_message_reply_markup(reply_markup=None, chat_id=ALICE.id, message_id=mid)
    assert isinstance(edited, type(message)) and edited.reply_markup is None
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_reply_markup(reply_markup=None, chat_id=ALICE.id, message_id=mid)
    assert await bot.send_chat_action(ALICE.id, "typing")
    assert await bot.delete_message(chat_id=ALICE.id, message_id=mid)
    with pytest.raises(BadRequest, match=r"(?i)message to delete not found"):
        await bot.delete_message(chat_id=ALICE.id, message_id=mid)
    html = await bot.send_message(ALICE.id, "<b>Salaire</b> : 3 000 € &amp; primes", parse_mode="HTML")
    assert html.text == "Salaire : 3 000 € & primes"
    for broken in ("<b>non fermé", "a <br> b", "<i>x</b>"):
        with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
            await bot.send_message(ALICE.id, broken, parse_mode="HTML")
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await bot.send_message(ALICE.id, "x" * 4097)
    with pytest.raises(BadRequest, match=r"(?i)BUTTON_DATA_INVALID"):
        too_long = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="d" * 65)]])
        await bot.send_message(ALICE.id, "x", reply_markup=too_long)


@pytest.mark.asyncio
@pytest.mark.filterwarnings("ignore:.*retry_after.*:telegram.warnings.PTBDeprecationWarning")
async def test_blocked_chat_gives_forbidden_and_faults_are_injected(api: FakeBotApi, bot: Bot) -> None:
    api.block_chat(ALICE.id)
    async with running(build_app(api)) as errors:
        api.send_text(ALICE, "hello")
        await eventually(lambda: errors)
        assert isinstance(errors[0], Forbidden) and "bot was blocked by the user" in str(errors[0])
        errors.clear()
    assert api.messages_to(ALICE.id) == []
    api.unblock_chat(ALICE.id)
    api.fail_next("sendMessage", 429, retry_after=3)
    with pytest.raises(RetryAfter, match=r"Retry in (3 seconds|0:00:03)"):
        await bot.send_message(ALICE.id, "x")
    api.fail_next("SENDMESSAGE", 500, "Internal Server Error")
    with pytest.raises(NetworkError, match="Internal Server Error"):
        await bot.send_message(ALICE.id, "x")
    await bot.send_message(ALICE.id, "x")
    assert [c.error_code for c in api.calls("sendMessage")] == [403, 429, 500, None]


@pytest.mark.asyncio
async def test_unknown_method_is_recorded(api: FakeBotApi, bot: Bot) -> None:
    api.send_text(ALICE, "hi")
    with pytest.raises(InvalidToken):  # what PTB makes of a 404: the bot calls a method the fake lacks
        await bot.send_dice(ALICE.id)
    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("notAMethod", api_kwargs={"chat_id": ALICE.id})
    assert api.unknown_methods == ["sendDice", "notAMethod"]


@pytest.mark.asyncio
async def test_get_updates_long_poll_offset_and_limit(api: FakeBotApi, bot: Bot) -> None:
    started = time.monotonic()
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.2)
    api.send_text(ALICE, "first")
    [update] = await asyncio.wait_for(poll, 2)
    assert time.monotonic() - started < 1.5  # answered at injection, not at the end of the long poll
    assert update.message is not None and update.message.text == "first"
    assert [u.update_id for u in await bot.get_updates()] == [update.update_id]  # not confirmed yet
    for i in range(150):
        api.send_text(ALICE, f"m{i}")
    batch = await bot.get_updates(offset=update.update_id + 1, limit=500)
    assert len(batch) == 100 and batch[0].message is not None and batch[0].message.text == "m0"
    rest = await bot.get_updates(offset=batch[-1].update_id + 1)
    assert len(rest) == 50
    [last] = await bot.get_updates(offset=-1)
    assert last.message is not None and last.message.text == "m149"
    assert await bot.get_updates(offset=last.update_id + 1) == ()


@pytest.mark.asyncio
async def test_a_second_poll_terminates_the_first(api: FakeBotApi, bot: Bot) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.2)
    async with Bot(TOKEN, base_url=api.base_url) as second_bot:  # a second bot instance
        second = asyncio.create_task(second_bot.get_updates(timeout=2))
        with pytest.raises(Conflict, match="terminated by other getUpdates"):
            await asyncio.wait_for(first, 2)
        api.send_text(ALICE, "x")
        assert len(await asyncio.wait_for(second, 2)) == 1


@pytest.mark.asyncio
async def test_webhook_mode_with_ptb_updater(api: FakeBotApi) -> None:
    pytest.importorskip("tornado", reason="Updater.start_webhook needs python-telegram-bot[webhooks]")
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram/hook"
    webhook = {"listen": "127.0.0.1", "port": port, "url_path": "telegram/hook", "webhook_url": url,
               "secret_token": "s3cret_Token-1"}
    app = build_app(api)
    async with running(app, **webhook):
        assert (api.webhook_url, api.webhook_secret) == (url, "s3cret_Token-1")
        api.send_text(ALICE, "/start via-webhook")
        [reply] = await api.wait_for_messages(ALICE.id)
        assert reply.text == "start payload=['via-webhook']"
        [delivery] = await api.wait_for_deliveries()
        assert delivery.status == 200
        forged = {"update_id": 1, "message": {"message_id": 1, "date": 0, "chat": BOB.private_chat(),
                                              "from": BOB.to_dict(), "text": "forged"}}
        async with aiohttp.ClientSession() as http:
            for headers in ({SECRET_HEADER: "wrong"}, {}):
                async with http.post(url, json=forged, headers=headers) as response:
                    assert response.status == 403
        with pytest.raises(Conflict, match="webhook is active"):
            await app.bot.get_updates()
    await api.expect_no_messages(BOB.id, wait=0.1)


@pytest.mark.asyncio
async def test_webhook_delivery_retries_until_the_bot_listens(api: FakeBotApi, bot: Bot) -> None:
    port = free_port()
    received: list[tuple[str | None, dict[str, Any]]] = []

    async def hook(request: web.Request) -> web.Response:
        received.append((request.headers.get(SECRET_HEADER), await request.json()))
        return web.Response(status=200 if request.headers.get(SECRET_HEADER) == "abc" else 403)

    await bot.set_webhook(f"http://127.0.0.1:{port}/hook", secret_token="abc")
    update = api.send_text(ALICE, "hello")
    await asyncio.sleep(0.3)  # nothing listens yet: the fake keeps retrying
    runner = web.AppRunner(web.Application())
    runner.app.router.add_post("/hook", hook)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        [delivery] = await api.wait_for_deliveries()
        assert (delivery.status, delivery.update_id) == (200, update["update_id"]) and delivery.attempts > 1
        assert received == [("abc", update)]
        with pytest.raises(Conflict):
            await bot.get_updates()
        await bot.set_webhook(f"http://127.0.0.1:{port}/hook", secret_token="changed")
        api.send_text(ALICE, "second")
        [_, rejected] = await api.wait_for_deliveries(2)
        assert rejected.status == 403
        info = await bot.get_webhook_info()
        assert info.url.endswith("/hook") and info.pending_update_count == 0 and info.last_error_message
    finally:
        await runner.cleanup()
    undelivered = api.send_text(ALICE, "undelivered")  # nobody listens any more
    await bot.set_webhook("")  # an empty url removes the webhook, as deleteWebhook does
    [pending] = await bot.get_updates(timeout=3)  # the undelivered update is still pending
    assert pending.update_id == undelivered["update_id"]
    assert await bot.delete_webhook(drop_pending_updates=True)
    assert await bot.get_updates() == ()


@pytest.mark.asyncio
async def test_commands_are_stored_per_scope_and_language(api: FakeBotApi, bot: Bot) -> None:
    await bot.set_my_commands([BotCommand("start", "Démarrer"), BotCommand("offres", "Les offres")])
    await bot.set_my_commands([BotCommand("start", "Start")], language_code="en")
    await bot.set_my_commands([BotCommand("aide", "Aide")], scope=BotCommandScopeAllPrivateChats())
    assert [c.command for c in await bot.get_my_commands()] == ["start", "offres"]
    assert [c.description for c in await bot.get_my_commands(language_code="en")] == ["Start"]
    private = api.get_commands(scope={"type": "all_private_chats"})
    assert private == [{"command": "aide", "description": "Aide"}]
    with pytest.raises(BadRequest, match=r"(?i)BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand("Start-Now", "x")])


@pytest.mark.asyncio
async def test_raw_http_bodies_and_case_insensitive_methods(api: FakeBotApi) -> None:
    api.send_text(ALICE, "hi")
    base = f"{api.base_url}{TOKEN}"
    markup = json.dumps(KEYBOARD.to_dict())
    async with aiohttp.ClientSession() as http:
        form = {"chat_id": str(ALICE.id), "text": "123", "reply_markup": markup}
        async with http.post(f"{base}/SENDMESSAGE", data=form) as response:
            body = await response.json()
            assert body["ok"] and body["result"]["text"] == "123"
        async with http.post(f"{base}/sendmessage", json={"chat_id": ALICE.id, "text": "true"}) as response:
            assert (await response.json())["result"]["text"] == "true"
        multipart = aiohttp.FormData({"chat_id": str(ALICE.id), "text": "[1]"})
        multipart.add_field("thumbnail", b"\x89PNG", filename="t.png", content_type="image/png")
        async with http.post(f"{base}/sendMessage", data=multipart) as response:
            assert response.status == 200
        async with http.get(f"{base}/getMe") as response:
            assert (await response.json())["result"]["username"] == "test_recruteur_bot"
        async with http.get(f"{api.base_url}1:nope/getMe") as response:
            assert response.status == 401 and (await response.json())["error_code"] == 401
    calls = api.calls("sendMessage")
    assert [c.params["text"] for c in calls] == ["123", "true", "[1]"]
    assert calls[0].params["chat_id"] == ALICE.id and calls[0].params["reply_markup"] == KEYBOARD.to_dict()
    assert calls[2].params["thumbnail"] == {"filename": "t.png", "content_type": "image/png", "size": 4,
                                            "data": b"\x89PNG"}


@pytest.mark.asyncio
async def test_unusual_updates_reach_the_application(api: FakeBotApi) -> None:
    app = build_app(api)
    seen: list[int] = []

    async def record(update: TgUpdate, context: ContextTypes.DEFAULT_TYPE) -> None:
        seen.append(update.update_id)

    app.add_handler(TypeHandler(TgUpdate, record), group=-1)
    channel = {"id": -1001234567890, "type": "channel", "title": "Offres"}
    async with running(app):
        injected = [
            api.send(ALICE, sticker={"file_id": "s1", "file_unique_id": "u1", "type": "regular", "width": 512,
                                     "height": 512, "is_animated": False, "is_video": False}),
            api.send(ALICE, photo=[{"file_id": "p1", "file_unique_id": "u2", "width": 90, "height": 90}]),
            api.send(ALICE, voice={"file_id": "v1", "file_unique_id": "u3", "duration": 2}),
            api.send(ALICE, location={"latitude": 48.85, "longitude": 2.35}),
            api.send(ALICE, kind="edited_message", text="corrigé"),
            api.inject({"channel_post": {"message_id": 7, "chat": channel, "date": 0, "text": "news"}}),
            api.inject({"some_future_update": {"x": 1}}),
        ]
        await eventually(lambda: len(seen) == len(injected))
        await api.expect_no_messages(ALICE.id, wait=0.2)
        with pytest.raises(AssertionError, match=r"expected 1 new message\(s\) to chat 1001"):
            await api.wait_for_messages(ALICE.id, timeout=0.1)
    assert seen == [u["update_id"] for u in injected]


@pytest.mark.asyncio
async def test_send_photo_takes_an_uploaded_png_and_refuses_what_is_not_an_image(api: FakeBotApi, bot: Bot) -> None:
    api.send_text(ALICE, "hello")  # the chat becomes known
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
    sent = await bot.send_photo(ALICE.id, png, caption="<b>Chart</b>", parse_mode="HTML")
    assert sent.photo and sent.caption == "Chart"
    [photo] = api.photos_to(ALICE.id)
    assert photo.params["photo"]["data"] == png and api.messages_to(ALICE.id) == []
    with pytest.raises(BadRequest, match=r"(?i)image_process_failed"):
        await bot.send_photo(ALICE.id, b"not an image")
