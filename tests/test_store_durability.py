"""The database under faults: erased data leaves the files, failed batch writes are kept for later, a
deleted database file shows in /healthz.

Real SQLite files throughout; a failing write is simulated by a trigger that refuses the insert, as a full
disk would.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import replace
from pathlib import Path

import aiohttp
import pytest

from bot.app import build_application
from bot.config import Settings
from bot.engine import Engine
from bot.storage.sqlite import Store, StoreError
from bot.webhook import serving
from fake_bot_api import FakeBotApi, User, free_port
from test_bot_e2e import TODAY, button_data, press, running, say, settings  # noqa: F401 (fixtures)

ZOE = User(id=7001, first_name="Zéphyrine", language_code="fr")
QUESTION = "C'est payé combien ?"


def database_files(database: Path) -> dict[str, bytes]:
    """The bytes of the database file and of its write-ahead log, as they are on disk."""
    files = {"main": database, "wal": database.with_name(database.name + "-wal")}
    return {name: path.read_bytes() if path.exists() else b"" for name, path in files.items()}


# --- erasure (/oubli) -------------------------------------------------------------------------------------

@pytest.mark.asyncio
async def test_forget_leaves_neither_the_question_nor_the_first_name_in_the_database_files(
        api: FakeBotApi, settings: Settings) -> None:  # noqa: F811
    async with running(settings):
        await say(api, ZOE, "/start 2024-01-10-alpha-dev")
        [abstention] = await say(api, ZOE, QUESTION)
        [consent] = await press(api, ZOE, abstention, next(d for d in button_data(abstention) if d[:2] == "f:"))
        await press(api, ZOE, consent, next(d for d in button_data(consent) if d.startswith("fn:")))
        before = database_files(settings.database_path)
        [confirm] = await say(api, ZOE, "/oubli")
        [done] = await press(api, ZOE, confirm, "forget:yes")
        after = database_files(settings.database_path)  # while the bot runs, its log still open
    assert "1 question(s), 1 transmission(s)" in (done.text or "")
    assert any(QUESTION.encode() in data for data in before.values())  # the search would find it
    for name, data in after.items():
        assert QUESTION.encode() not in data, f"the question is still in the {name} file"
        assert ZOE.first_name.encode() not in data, f"the first name is still in the {name} file"


# --- answered questions written in batches ----------------------------------------------------------------

async def answered_texts(store: Store) -> list[str]:
    return sorted(q.text for q in await store.questions())


@pytest.mark.asyncio
async def test_a_lone_surrogate_in_one_question_does_not_lose_the_batch(tmp_path: Path) -> None:
    async with await Store.open(tmp_path / "bot.sqlite3") as store:
        await store.touch_candidate("test:1")
        for text in ("Télétravail ?", "Salaire \ud800 ?", "Durée ?"):  # a lone surrogate, as JSON may carry
            await store.note_answered_question(chat_id="test:1", text=text, posting=None)
        await store.flush()
        assert await answered_texts(store) == ["Durée ?", "Salaire \ufffd ?", "Télétravail ?"]


@pytest.mark.asyncio
async def test_an_unanswered_question_with_a_lone_surrogate_is_recorded(tmp_path: Path) -> None:
    async with await Store.open(tmp_path / "bot.sqlite3") as store:
        question = await store.record_question(chat_id="test:1", text="Visa \udc00 ?", posting=None, answered=False)
        stored = await store.get_question(question)
    assert stored is not None and stored.text == "Visa \ufffd ?"


def refuse_inserts(database: Path, when: str = "1") -> None:
    """Make every insert of a question fail (when the condition holds), as a full disk would."""
    with contextlib.closing(sqlite3.connect(database)) as db:
        db.execute(f"""CREATE TRIGGER refuse BEFORE INSERT ON questions WHEN {when}
                       BEGIN SELECT RAISE(FAIL, 'database or disk is full (simulated)'); END""")


def accept_inserts(database: Path) -> None:
    with contextlib.closing(sqlite3.connect(database)) as db:
        db.execute("DROP TRIGGER refuse")


@pytest.mark.asyncio
async def test_answered_questions_whose_write_failed_are_written_at_the_next_flush(tmp_path: Path) -> None:
    database = tmp_path / "bot.sqlite3"
    async with await Store.open(database) as store:
        await store.touch_candidate("test:1")
        for text in ("Télétravail ?", "Durée ?"):
            await store.note_answered_question(chat_id="test:1", text=text, posting=None)
        refuse_inserts(database)
        with pytest.raises(StoreError, match="disk is full"):
            await store.flush()
        accept_inserts(database)
        await store.flush()
        assert await answered_texts(store) == ["Durée ?", "Télétravail ?"]


@pytest.mark.asyncio
async def test_answered_questions_are_kept_while_another_process_holds_the_database_locked(tmp_path: Path) -> None:
    database = tmp_path / "bot.sqlite3"
    async with await Store.open(database, busy_timeout_ms=200) as store:  # waits 0.2 s, not 5, before giving up
        await store.touch_candidate("test:1")
        for text in ("Télétravail ?", "Durée ?"):
            await store.note_answered_question(chat_id="test:1", text=text, posting=None)
        with contextlib.closing(sqlite3.connect(database, isolation_level=None)) as other:
            other.execute("BEGIN IMMEDIATE")  # held longer than the store waits (its busy timeout)
            with pytest.raises(StoreError, match="locked"):
                await store.flush()
            other.execute("ROLLBACK")
        await store.flush()
        assert await answered_texts(store) == ["Durée ?", "Télétravail ?"]


@pytest.mark.asyncio
async def test_one_row_the_database_refuses_does_not_hold_back_the_others(tmp_path: Path) -> None:
    database = tmp_path / "bot.sqlite3"
    async with await Store.open(database) as store:
        await store.touch_candidate("test:1")
        refuse_inserts(database, when="NEW.text = 'Refusée ?'")
        for text in ("Télétravail ?", "Refusée ?", "Durée ?"):
            await store.note_answered_question(chat_id="test:1", text=text, posting=None)
        await store.flush()
        assert await answered_texts(store) == ["Durée ?", "Télétravail ?"]


# --- health ---------------------------------------------------------------------------------------------------

@pytest.mark.asyncio
async def test_healthz_answers_503_once_the_database_file_is_deleted(
        api: FakeBotApi, settings: Settings) -> None:  # noqa: F811
    port = free_port()
    hooked = replace(settings, webhook_url=f"http://127.0.0.1:{port}/hook", webhook_secret="s3cret",
                     host="127.0.0.1", port=port)
    engine = Engine.load(settings.knowledge_dir, today=TODAY)
    async with serving(build_application(hooked, engine=engine, updater=False), hooked), \
            aiohttp.ClientSession() as http:
        healthy = await http.get(f"http://127.0.0.1:{port}/healthz")
        settings.database_path.unlink()
        deleted = await http.get(f"http://127.0.0.1:{port}/healthz")
        body = await deleted.json()
    assert healthy.status == 200
    assert deleted.status == 503 and body["ok"] is False and body["database"] == "unavailable"


@pytest.fixture
def database() -> dict[str, object]:
    """These tests need not run on every backend (conftest.database): SQLite only."""
    return {}
