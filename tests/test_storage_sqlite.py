"""The SQLite backend, over a real file: migrations, the connection's settings, the file, several connections.

What every backend does is tested in test_storage_contract.py.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import aiosqlite
import pytest
import pytest_asyncio

from bot.storage.sqlite import (
    MAX_QUESTION_CHARS,
    MIGRATIONS,
    Migration,
    Store,
    StoreError,
    check_migrations,
)

UTC = dt.UTC
T0 = dt.datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def minutes(n: int) -> dt.datetime:
    return T0 + dt.timedelta(minutes=n)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "bot.sqlite3"


@pytest_asyncio.fixture
async def store(db_path: Path) -> AsyncIterator[Store]:
    async with await Store.open(db_path) as opened:
        yield opened


def raw(path: Path, sql: str, parameters: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Read the file with plain sqlite3, as another program would."""
    with sqlite3.connect(path) as db:
        return db.execute(sql, parameters).fetchall()


# --- migrations ------------------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_migrations_create_the_schema_and_record_themselves(store: Store, db_path: Path) -> None:
    assert await store.schema_version() == len(MIGRATIONS) >= 1
    names = [row[0] for row in raw(db_path, "SELECT name FROM _migrations ORDER BY rowid")]
    assert names == [m.name for m in MIGRATIONS]
    assert names[0] == "0001-candidates-and-questions"
    objects = {(kind, name) for kind, name in raw(db_path, "SELECT type, name FROM sqlite_master")}
    assert {("table", "candidates"), ("table", "questions"), ("table", "_migrations")} <= objects
    indexed = {tuple(raw(db_path, f"PRAGMA index_info({name})")) for kind, name in objects if kind == "index"
               and not str(name).startswith("sqlite_autoindex")}
    columns = {tuple(str(column[2]) for column in index) for index in indexed}
    assert {("chat_id",), ("posting", "created_at"), ("created_at",)} <= columns


@pytest.mark.asyncio
async def test_questions_go_with_their_candidate(store: Store, db_path: Path) -> None:
    await store.record_question(chat_id="t:42", text="?", posting=None, answered=False)
    with sqlite3.connect(db_path) as db:
        db.execute("PRAGMA foreign_keys=ON")
        db.execute("DELETE FROM candidates WHERE chat_id = 't:42'")
    assert raw(db_path, "SELECT COUNT(*) FROM questions") == [(0,)]


@pytest.mark.asyncio
async def test_the_connection_enforces_foreign_keys_and_waits_when_busy(db_path: Path) -> None:
    seen: dict[str, object] = {}

    async def read_pragmas(db: aiosqlite.Connection) -> None:
        for pragma in ("foreign_keys", "busy_timeout", "synchronous"):
            async with db.execute(f"PRAGMA {pragma}") as cursor:
                row = await cursor.fetchone()
            seen[pragma] = row[0] if row else None

    async with await Store.open(db_path, migrations=(*MIGRATIONS, Migration("0002-look", read_pragmas))):
        pass
    assert seen["foreign_keys"] == 1
    assert isinstance(seen["busy_timeout"], int) and seen["busy_timeout"] >= 1000
    assert seen["synchronous"] == 1  # NORMAL


@pytest.mark.asyncio
async def test_reopening_applies_no_migration_twice(db_path: Path) -> None:
    async with await Store.open(db_path):
        pass
    before = raw(db_path, "SELECT name, applied_at FROM _migrations ORDER BY name")
    async with await Store.open(db_path) as reopened:
        assert await reopened.schema_version() == len(MIGRATIONS)
    assert raw(db_path, "SELECT name, applied_at FROM _migrations ORDER BY name") == before


@pytest.mark.asyncio
async def test_a_migration_appended_to_the_list_is_applied_on_the_next_open_and_only_it(db_path: Path) -> None:
    async with await Store.open(db_path) as first:
        await first.touch_candidate("t:1")
    later = (*MIGRATIONS, Migration("9999-notes", "CREATE TABLE notes(id INTEGER PRIMARY KEY, note TEXT);"))
    async with await Store.open(db_path, migrations=later) as second:
        assert await second.schema_version() == len(MIGRATIONS) + 1
        assert await second.get_candidate("t:1") is not None
    assert raw(db_path, "SELECT name FROM _migrations WHERE name = '9999-notes'") == [("9999-notes",)]
    assert raw(db_path, "SELECT COUNT(*) FROM notes") == [(0,)]


@pytest.mark.asyncio
async def test_an_async_function_can_be_a_migration_step(db_path: Path) -> None:
    async def add_tokens(db: aiosqlite.Connection) -> None:
        await db.execute("CREATE TABLE tokens(token TEXT PRIMARY KEY)")
        await db.execute("INSERT INTO tokens VALUES ('seed')")

    async with await Store.open(db_path, migrations=(*MIGRATIONS, Migration("0002-tokens", add_tokens))) as store:
        assert await store.schema_version() == len(MIGRATIONS) + 1
    assert raw(db_path, "SELECT token FROM tokens") == [("seed",)]


@pytest.mark.asyncio
async def test_a_failing_migration_is_rolled_back_and_not_recorded(db_path: Path) -> None:
    broken = Migration("0002-broken", "CREATE TABLE half(id INTEGER);\nINSERT INTO nowhere VALUES (1);")
    with pytest.raises(StoreError, match="0002-broken"):
        await Store.open(db_path, migrations=(*MIGRATIONS, broken))
    assert raw(db_path, "SELECT name FROM sqlite_master WHERE name = 'half'") == []
    assert raw(db_path, "SELECT COUNT(*) FROM _migrations WHERE name = '0002-broken'") == [(0,)]
    async with await Store.open(db_path) as store:  # the good migrations stay and the file still opens
        assert await store.schema_version() == len(MIGRATIONS)


@pytest.mark.asyncio
async def test_a_script_with_semicolons_in_strings_comments_and_triggers_runs_whole(db_path: Path) -> None:
    script = """
        CREATE TABLE notes(text TEXT); -- a comment; with a semicolon
        CREATE TRIGGER stamp AFTER INSERT ON notes BEGIN UPDATE notes SET text = text || ';x'; END;
        INSERT INTO notes VALUES ('a;b')
    """
    async with await Store.open(db_path, migrations=(*MIGRATIONS, Migration("0002-notes", script))):
        pass
    assert raw(db_path, "SELECT text FROM notes") == [("a;b;x",)]


def test_a_duplicate_migration_name_is_refused() -> None:
    steps = [Migration("0001-a", "SELECT 1;"), Migration("0002-b", "SELECT 1;"), Migration("0001-a", "SELECT 2;")]
    with pytest.raises(StoreError, match="duplicate migration name: '0001-a'"):
        check_migrations(steps)


def test_the_shipped_migration_list_is_valid() -> None:
    check_migrations(MIGRATIONS)


@pytest.mark.asyncio
async def test_open_refuses_a_migration_list_with_a_duplicate_name(db_path: Path) -> None:
    with pytest.raises(StoreError, match="0001-candidates-and-questions"):
        await Store.open(db_path, migrations=(*MIGRATIONS, MIGRATIONS[0]))


@pytest.mark.asyncio
async def test_chats_of_a_database_from_before_channels_become_telegram_chats_with_their_rows(
        db_path: Path) -> None:
    before = MIGRATIONS[:4]  # the schema whose chats were Telegram integers
    assert before[-1].name == "0004-forward-leases"
    async with await Store.open(db_path, migrations=before) as old:
        question = await old.record_question(chat_id=2001, text="Salaire ?", posting="p", answered=False)  # type: ignore
        forward = await old.create_forward(question_id=question, chat_id=2001, posting="p", contact="rh@example.org",
                                           candidate_name=None, token="t", token_hash="h",
                                           token_expires_at=dt.datetime(2099, 1, 1, tzinfo=UTC))
        assert forward is not None
        await old.answer_forward(forward, "45 k€", by=5101)  # type: ignore[arg-type]
        await old.link_recruiter(5101, "rh@example.org")  # type: ignore[arg-type]
        await old.set_chat_state(5101, "answer", str(forward), expires_at=dt.datetime(2099, 1, 1, tzinfo=UTC))  # type: ignore[arg-type]
    # a FAQ row as that schema held it (today's add_faq also writes the intent, a later column)
    raw(db_path, "INSERT INTO faq(posting, question, answer, forward_id, created_at) VALUES (?, ?, ?, ?, ?)",
        ("p", "Salaire ?", "45 k€", forward, "2026-11-23T09:00:00.000000+00:00"))
    async with await Store.open(db_path) as store:
        candidate = await store.get_candidate("telegram:2001")
        [moved] = await store.forwards(chat_id="telegram:2001")
        kept = (await store.questions(chat_id="telegram:2001"), await store.faq("p"),
                await store.recruiter_chat("rh@example.org"), await store.chat_state("telegram:5101"),
                await store.forward_answered_by(forward))
        erased = await store.erase_candidate("telegram:2001")  # the keys hold together: erasure reaches every row
    assert candidate is not None and moved.id == forward and moved.question == "Salaire ?"
    questions, faq, recruiter, state, answered_by = kept
    assert [q.id for q in questions] == [question] and [e.question for e in faq] == ["Salaire ?"]
    assert (recruiter, state, answered_by) == ("telegram:5101", ("answer", str(forward)), "telegram:5101")
    assert erased["questions"] == erased["forwards"] == erased["faq"] == erased["candidates"] == 1
    assert raw(db_path, "PRAGMA foreign_key_check") == []


@pytest.mark.asyncio
async def test_a_faq_entry_kept_before_entries_were_filed_by_intent_is_filed_under_none(db_path: Path) -> None:
    before = MIGRATIONS[:7]
    assert before[-1].name == "0007-mailbox"
    async with await Store.open(db_path, migrations=before):
        pass
    raw(db_path, "INSERT INTO faq(posting, question, answer, created_at) VALUES (?, ?, ?, ?)",
        ("p", "TJM ?", "600 €", "2026-11-23T09:00:00.000000+00:00"))
    async with await Store.open(db_path) as store:
        [entry] = await store.faq("p")
    assert (entry.question, entry.intent) == ("TJM ?", "")


# --- the file --------------------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_wal_mode_is_on(store: Store, db_path: Path) -> None:
    assert raw(db_path, "PRAGMA journal_mode") == [("wal",)]


@pytest.mark.asyncio
async def test_the_parent_folder_is_created(tmp_path: Path) -> None:
    path = tmp_path / "var" / "deep" / "bot.sqlite3"
    async with await Store.open(str(path)) as store:
        await store.touch_candidate("t:1")
    assert path.is_file()


@pytest.mark.asyncio
async def test_an_in_memory_database_works() -> None:
    async with await Store.open(":memory:") as store:
        question_id = await store.record_question(chat_id="t:1", text="?", posting=None, answered=False)
        assert await store.get_question(question_id) is not None
        assert await store.schema_version() == len(MIGRATIONS)


@pytest.mark.asyncio
async def test_a_file_that_is_not_a_database_raises_store_error(db_path: Path) -> None:
    db_path.write_bytes(b"this is not a database, just text" * 100)
    with pytest.raises(StoreError, match="not a database"):
        await Store.open(db_path)


# --- rows as the file holds them ----------------------------------------------------------------------


@pytest.mark.asyncio
async def test_question_text_is_stored_as_given_and_cut_to_4096_characters(store: Store, db_path: Path) -> None:
    text = "é" * (MAX_QUESTION_CHARS + 100)
    question_id = await store.record_question(chat_id="t:42", text=text, posting=None, answered=False)
    record = await store.get_question(question_id)
    assert record is not None and record.text == text[:MAX_QUESTION_CHARS] and MAX_QUESTION_CHARS == 4096
    assert raw(db_path, "SELECT length(text) FROM questions") == [(4096,)]


# --- several connections -------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_two_stores_on_one_file_write_at_once(db_path: Path) -> None:
    async with await Store.open(db_path) as one, await Store.open(db_path) as two:
        writers = [(one, two)[n % 2].record_question(chat_id=f"t:{n}", text=f"q{n}", posting=None, answered=True)
                   for n in range(40)]
        await asyncio.gather(*writers)
        assert len(await one.questions()) == 40


@pytest.mark.asyncio
@pytest.mark.parametrize(("before", "name"), [(4, "0005-mailbox"), (5, "0006-mailbox")])
async def test_a_database_of_the_issue_12_branch_opens_with_its_mailbox_migration_renamed(
        tmp_path: Path, before: int, name: str) -> None:
    """Before its merges, the mailbox tables came from a migration named "0005-mailbox" (applied before the
    chats became channel-neutral), then "0006-mailbox" (before the rate events): such a database takes the
    migrations it misses, then "0007-mailbox" finds its tables there and keeps what they hold."""
    db_path = tmp_path / "bot.sqlite3"
    by_name = {m.name: m for m in MIGRATIONS}
    branch = (*MIGRATIONS[:before], Migration(name, by_name["0007-mailbox"].step))
    async with await Store.open(db_path, migrations=branch) as old:
        await old.note_mail_handled(folder="INBOX", uidvalidity=7, uid=3, message_key="k3", outcome="answered")
    async with await Store.open(db_path) as store:
        position = await store.mailbox_position("INBOX")
        await store.touch_candidate("telegram:1")
        assert await store.allow_event("question:telegram:1", limit=1, period=dt.timedelta(minutes=1))
    assert position == (7, 3)
