"""End-to-end: the real PTB Application over real HTTP against a fake Bot API server on 127.0.0.1.

Each test is a small dialogue: the fake server injects what a candidate sends, the bot answers through
the whole stack (PTB, conversation, engine, SQLite store), and the test reads what the bot sent.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from telegram.ext import Application, ContextTypes

from bot.app import build_application
from bot.config import Settings
from bot.engine import Engine
from bot.webhook import serving
from fake_bot_api import Call, FakeBotApi, User, free_port

TOKEN = "123456:TEST-token"
CAMILLE = User(id=2001, first_name="Camille", language_code="fr")
ALEX = User(id=2002, first_name="Alex", language_code="en")
TODAY = dt.date(2026, 11, 23)

ALPHA = """---
roles: Développeur·se backend
startup: alpha-impots
contact: recrutement@alpha.example
externalURL: https://alpha.example/jobs/dev
open: true
---

Alpha Impôts simplifie la déclaration des revenus.

## Modalités

- Télétravail complet possible, avec un séminaire par trimestre à Lyon
- Mission de 6 mois renouvelable
- Démarrage dès que possible

## Candidater

Envoyez votre CV à recrutement@alpha.example
"""

BETA = """---
roles: Designer UX
startup: beta-sante
open: true
---

## Modalités

- Deux jours par semaine dans nos locaux à Paris
- Mission de 3 mois
"""

BETA_DEV = """---
roles: Développeur·se
startup: beta-sante
open: true
---

## Modalités

- Mission de 1 an, télétravail partiel
"""

GAMMA = """---
roles: Chargé·e de déploiement
startup: gamma
open: false
---

## Modalités

- Mission de 1 an à Marseille
"""


def knowledge_folder(root: Path, extra_open: int = 0) -> Path:
    folder = root / "knowledge"
    folder.mkdir(parents=True)
    (folder / "2024-01-10-alpha-dev.md").write_text(ALPHA, encoding="utf-8")
    (folder / "2024-02-01-beta-design.md").write_text(BETA, encoding="utf-8")
    (folder / "2024-03-01-beta-dev.md").write_text(BETA_DEV, encoding="utf-8")
    (folder / "2023-05-01-gamma-deploiement.md").write_text(GAMMA, encoding="utf-8")
    for n in range(extra_open):
        (folder / f"2022-01-{n + 1:02d}-extra-{n}.md").write_text(
            f"---\nroles: Poste numéro {n}\nstartup: extra-{n}\nopen: true\n---\n\n## Modalités\n\n- Télétravail\n",
            encoding="utf-8")
    return folder



@pytest.fixture
def settings(tmp_path: Path, api: FakeBotApi, database: dict[str, Any]) -> Settings:
    """The bot's settings, on SQLite and then on PostgreSQL (conftest.database)."""
    return Settings(telegram_token=TOKEN, telegram_api_url=api.base_url, knowledge_dir=knowledge_folder(tmp_path),
                    database_path=tmp_path / "var" / "bot.sqlite3", **database)


@contextlib.asynccontextmanager
async def running(settings: Settings) -> AsyncIterator[Application]:  # type: ignore[type-arg]
    """The real application, polling the fake server, with its handler errors failing the test."""
    engine = Engine.load(settings.knowledge_dir, today=TODAY)
    app = build_application(settings, engine=engine)
    errors: list[BaseException] = []

    async def collect(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert context.error is not None
        errors.append(context.error)

    app.add_error_handler(collect)
    await app.initialize()
    assert app.post_init is not None
    await app.post_init(app)
    try:
        await app.updater.start_polling(timeout=1, poll_interval=0)  # type: ignore[union-attr]
        await app.start()
        try:
            yield app
        finally:
            await app.updater.stop()  # type: ignore[union-attr]
            await app.stop()
    finally:
        assert app.post_shutdown is not None
        await app.post_shutdown(app)
        await app.shutdown()
    assert [e for e in errors if not isinstance(e, AssertionError)] == [], errors


async def say(api: FakeBotApi, user: User, text: str, count: int = 1, *, timeout: float = 5.0) -> list[Call]:
    api.send_text(user, text)
    return await api.wait_for_messages(user.id, count=count, timeout=timeout)


async def press(api: FakeBotApi, user: User, message: Call, data: str, count: int = 1, *,
                strict: bool = True) -> list[Call]:
    api.press_button(user, message, data, strict=strict)
    return await api.wait_for_messages(user.id, count=count)


def button_data(message: Call) -> list[str]:
    return [data for _, data in message.buttons if data]


# --- the candidate's journey ---------------------------------------------------------------------

@pytest.mark.asyncio
async def test_start_welcomes_and_lists_the_open_postings_as_buttons(api: FakeBotApi, settings: Settings) -> None:
    async with running(settings):
        welcome, listing = await say(api, CAMILLE, "/start", count=2)
    assert "Bonjour" in (welcome.text or "")
    labels = [label for label, _ in listing.buttons]
    assert any("Développeur·se backend" in label for label in labels)
    assert any("Designer UX" in label for label in labels)
    assert not any("Chargé·e de déploiement" in label for label in labels)  # closed: not offered
    assert "l:a:0" in button_data(listing)  # ...but can be shown on request
    assert api.unknown_methods == []


@pytest.mark.asyncio
async def test_commands_are_registered_in_french_and_english(api: FakeBotApi, settings: Settings) -> None:
    async with running(settings):
        pass
    french = [c["command"] for c in api.get_commands(language_code="fr")]
    english = [c["command"] for c in api.get_commands(language_code="en")]
    assert french == ["start", "postes", "aide", "confidentialite", "oubli", "recruteur"]
    assert english == ["start", "jobs", "help", "privacy", "forget", "recruiter"]


@pytest.mark.asyncio
async def test_a_long_list_is_paginated_and_turning_a_page_edits_it(
        api: FakeBotApi, settings: Settings, tmp_path: Path) -> None:
    many = replace(settings, knowledge_dir=knowledge_folder(tmp_path / "many", extra_open=10))
    async with running(many):
        [listing] = await say(api, CAMILLE, "/postes")
        assert len([d for d in button_data(listing) if d.startswith("p:")]) == 8
        assert "l:o:1" in button_data(listing)
        [page_two] = await press(api, CAMILLE, listing, "l:o:1")
    assert page_two.method == "editMessageText"
    assert "2/2" in (page_two.text or "")
    assert len([d for d in button_data(page_two) if d.startswith("p:")]) == 5  # 13 open postings


# --- whatever a user sends, the bot keeps working ------------------------------------------------

@pytest.mark.asyncio
@pytest.mark.parametrize("kind,payload", [
    ("sticker", {"file_id": "s1", "file_unique_id": "u1", "type": "regular", "width": 512, "height": 512,
                 "is_animated": False, "is_video": False}),
    ("photo", [{"file_id": "p1", "file_unique_id": "u2", "width": 90, "height": 90}]),
    ("voice", {"file_id": "v1", "file_unique_id": "u3", "duration": 2}),
    ("location", {"latitude": 48.85, "longitude": 2.35}),
])
async def test_a_message_without_text_gets_a_helpful_reply(
        api: FakeBotApi, settings: Settings, kind: str, payload: Any) -> None:
    async with running(settings):
        api.send(CAMILLE, **{kind: payload})
        [reply] = await api.wait_for_messages(CAMILLE.id)
    assert "Je ne lis que les messages écrits" in (reply.text or "")


@pytest.mark.asyncio
async def test_edited_messages_and_channel_posts_are_ignored(api: FakeBotApi, settings: Settings) -> None:
    async with running(settings):
        api.send(CAMILLE, kind="edited_message", text="télétravail ?", edit_date=1_700_000_100)
        api.inject({"channel_post": {"message_id": 5, "date": 1_700_000_000, "text": "hello",
                                     "chat": {"id": -100123, "type": "channel", "title": "Chan"}}})
        await api.expect_no_messages(CAMILLE.id, wait=0.5)
        [reply] = await say(api, CAMILLE, "/aide")  # still alive
    assert "Exemples" in (reply.text or "")


@pytest.mark.asyncio
async def test_a_4096_character_message_is_answered(api: FakeBotApi, settings: Settings) -> None:
    async with running(settings):
        await say(api, CAMILLE, "/start 2024-01-10-alpha-dev")
        note, answer = await say(api, CAMILLE, "télétravail ? " + "x" * 4082, count=2)
    assert "très long" in (note.text or "")
    assert "Télétravail complet" in (answer.text or "")


@pytest.mark.asyncio
async def test_unknown_button_data_and_stale_buttons_get_the_current_list(
        api: FakeBotApi, settings: Settings) -> None:
    async with running(settings):
        _, listing = await say(api, CAMILLE, "/start", count=2)
        expired, fresh = await press(api, CAMILLE, listing, "p:0000000000", count=2, strict=False)
        expired2, _ = await press(api, CAMILLE, listing, "zz:garbage", count=2, strict=False)
        expired3, _ = await press(api, CAMILLE, listing, "f:999999", count=2, strict=False)
    for reply in (expired, expired2, expired3):
        assert "n'est plus valable" in (reply.text or "")
    assert fresh.buttons


@pytest.mark.asyncio
async def test_a_user_who_blocked_the_bot_does_not_stop_it(api: FakeBotApi, settings: Settings) -> None:
    async with running(settings):
        api.block_chat(CAMILLE.id)
        api.send_text(CAMILLE, "/start")
        await asyncio.sleep(0.5)
        api.unblock_chat(CAMILLE.id)
        [reply] = await say(api, ALEX, "/help")
    assert "Examples" in (reply.text or "")


# --- state survives a restart -----------------------------------------------------------------------

@pytest.mark.asyncio
async def test_the_selected_posting_and_language_survive_a_restart(api: FakeBotApi, settings: Settings) -> None:
    async with running(settings):
        await say(api, ALEX, "/start 2024-02-01-beta-design")
    async with running(settings):  # a new process would see the same database file
        api.send_text(User(id=ALEX.id, first_name="Alex", language_code=None), "combien de temps dure la mission ?")
        [answer] = await api.wait_for_messages(ALEX.id)
    assert "3 mois" in (answer.text or "")
    assert "From the posting" in (answer.text or "")  # English kept from the first visit


# --- webhook mode -----------------------------------------------------------------------------------

@pytest.mark.asyncio
async def test_webhook_mode_answers_updates_sent_with_the_secret(api: FakeBotApi, settings: Settings) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/hook"
    hooked = replace(settings, webhook_url=url, webhook_secret="s3cret", host="127.0.0.1", port=port)
    engine = Engine.load(settings.knowledge_dir, today=TODAY)
    async with serving(build_application(hooked, engine=engine, updater=False), hooked):
        welcome, _ = await say(api, CAMILLE, "/start", count=2)
        async with aiohttp.ClientSession() as http:
            update = {"update_id": 999, "message": {"message_id": 1, "date": 1_700_000_000, "text": "/start",
                                                     "chat": {"id": 1, "type": "private"}}}
            wrong = await http.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "nope"})
            missing = await http.post(url, json=update)
            junk = await http.post(url, data=b"{not json", headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret"})
            health = await http.get(f"http://127.0.0.1:{port}/healthz")
            body = await health.json()
    assert "Bonjour" in (welcome.text or "")
    assert api.webhook_url == url and api.webhook_secret == "s3cret"
    assert wrong.status == 403 and missing.status == 403
    assert junk.status == 400  # a malformed update is refused, the bot carries on
    assert health.status == 200 and body["ok"] and body["postings"] == 4
