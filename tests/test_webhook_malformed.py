"""Webhook mode, end to end: a body with the right secret that is not a Telegram update gets 400, never a 500.

The real application behind bot.webhook's server, over real HTTP, against the fake Bot API. Only Telegram
knows the secret, but a bug there, a proxy or a leaked secret must not make the bot answer 500 with a
traceback: each malformed body is refused with 400, and the bot keeps answering.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import replace

import aiohttp
import pytest
import pytest_asyncio

from bot.app import build_application
from bot.config import Settings
from bot.engine import Engine
from bot.webhook import serving
from fake_bot_api import FakeBotApi, free_port
from test_bot_e2e import CAMILLE, TODAY, say, settings  # noqa: F401 (fixtures)

SECRET = "s3cret"


def _message(**fields: object) -> dict[str, object]:
    message: dict[str, object] = {"message_id": 1, "date": 1_700_000_000, "text": "/aide",
                                  "chat": {"id": 1, "type": "private"},
                                  "from": {"id": 1, "is_bot": False, "first_name": "X"}}
    message.update(fields)
    return message


MALFORMED: dict[str, bytes] = {
    "message is a string": json.dumps({"update_id": 1, "message": "hello"}).encode(),
    "a JSON array": b"[1, 2, 3]",
    "a JSON string": b'"update"',
    "null": b"null",
    "an empty object": b"{}",
    "update_id is not a number": json.dumps({"update_id": "one"}).encode(),
    "date=1e20": json.dumps({"update_id": 1, "message": _message(date=1e20)}).encode(),
    "date=10**20": json.dumps({"update_id": 1, "message": _message(date=10**20)}).encode(),
    "very deep nesting": b'{"update_id": 1, "message": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    "chat id of 2**70": json.dumps({"update_id": 1, "message": _message(chat={
        "id": 2**70, "type": "private"})}).encode(),
    "user id of 2**70": json.dumps({"update_id": 1, "message": _message(**{"from": {
        "id": 2**70, "is_bot": False, "first_name": "X"}})}).encode(),
    "update_id of 2**70": json.dumps({"update_id": 2**70, "message": _message()}).encode(),
    "from is a string": json.dumps({"update_id": 1, "message": _message(**{"from": "X"})}).encode(),
    "not UTF-8": b'{"update_id": 1, "message": "\xff\xfe"}',
}


@pytest_asyncio.fixture
async def hook(api: FakeBotApi, settings: Settings) -> AsyncIterator[str]:  # noqa: F811
    """The webhook URL of the real application, served by bot.webhook on a free port."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/hook"
    hooked = replace(settings, webhook_url=url, webhook_secret=SECRET, host="127.0.0.1", port=port)
    engine = Engine.load(settings.knowledge_dir, today=TODAY)
    async with serving(build_application(hooked, engine=engine, updater=False), hooked):
        yield url


@pytest.mark.asyncio
@pytest.mark.parametrize("name", list(MALFORMED))
async def test_a_malformed_update_with_the_secret_gets_400_and_the_bot_carries_on(
        api: FakeBotApi, hook: str, name: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("INFO", logger="bot.webhook")
    async with aiohttp.ClientSession() as http:
        response = await http.post(hook, data=MALFORMED[name], headers={
            "X-Telegram-Bot-Api-Secret-Token": SECRET, "Content-Type": "application/json"})
        body = await response.text()
    [welcome, _] = await say(api, CAMILLE, "/start", count=2)  # still answering
    assert response.status == 400, body
    assert "Traceback" not in body
    refused = [r for r in caplog.records if r.name == "bot.webhook" and "unreadable update" in r.getMessage()]
    assert len(refused) == 1 and refused[0].exc_info is None  # one line, no traceback
    assert "Bonjour" in (welcome.text or "")


@pytest.fixture
def database() -> dict[str, object]:
    """These tests need not run on every backend (conftest.database): SQLite only."""
    return {}
