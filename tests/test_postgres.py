"""PostgreSQL as the platforms provide it (DATABASE_URL): what SQLite's tests cannot show.

The server is a throwaway cluster on 127.0.0.1 (tests/pg_server.py). What every backend does is in
test_storage_contract.py; the journeys run on both in the end-to-end tests. Here: DATABASE_URL winning,
`db migrate` and `db copy` as the platform runs them, the server restarting under the bot, erasure
checked by querying the server itself, and the password kept out of every message.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.buttons import Forget, encode
from bot.config import Settings
from bot.service import Service
from bot.storage import ForwardStatus, StoreError, open_storage
from bot.storage.postgres import PostgresStore
from bot.storage.schema import MIGRATIONS
from bot.storage.sqlite import Store
from conftest import PROJECT, stored
from fake_bot_api import FakeBotApi, User
from pg_server import PgCluster
from smtp_server import SmtpServer
from test_bot_e2e import button_data, press, running, say
from test_forwarding_e2e import ALPHA, forward_question, settings, wait_for_mail  # noqa: F401 (fixtures)

pytestmark = pytest.mark.asyncio
T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
ERIN = User(id=6001, first_name="Erin", language_code="fr")


@pytest.fixture
def database(pg_url: str) -> dict[str, Any]:
    """The end-to-end fixtures of this module run on PostgreSQL only."""
    return {"database_url": pg_url}


async def bot_command(*args: str, env: dict[str, str], timeout: float = 60) -> tuple[int, str, str]:
    """Run `python -m bot ARGS` in its own process: exit status, stdout, stderr."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args, cwd=PROJECT, env={**os.environ, **env},
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(process.communicate(), timeout=timeout)
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


def database_name(url: str) -> str:
    return url.split("?")[0].rsplit("/", 1)[1]


# --- DATABASE_URL --------------------------------------------------------------------------------------


async def test_database_url_wins_over_database_path_and_no_sqlite_file_is_written(
        tmp_path: Path, pg_url: str) -> None:
    config = Settings.from_env({"DATABASE_URL": pg_url, "DATABASE_PATH": str(tmp_path / "var" / "bot.sqlite3"),
                                  "KNOWLEDGE_DIR": str(PROJECT / "knowledge")})

    async def nowhere(chat: str, reply: object) -> None:
        raise AssertionError("nothing is sent")

    service = await Service.start(config, notify=nowhere, answer_link=lambda token: token, background=False,
                                  quiet=True)
    try:
        await service.storage.touch_candidate("telegram:1")
        assert isinstance(service.storage, PostgresStore)
    finally:
        await service.stop()
    assert not (tmp_path / "var" / "bot.sqlite3").exists()
    assert not [p for p in tmp_path.rglob("*") if p.is_file() and p.read_bytes().startswith(b"SQLite format 3")]


async def test_a_database_url_that_is_not_postgresql_is_refused_naming_the_variable() -> None:
    from bot.config import ConfigError

    with pytest.raises(ConfigError, match="DATABASE_URL"):
        Settings.from_env({"DATABASE_URL": "mysql://u:p@h/db"})


async def test_sslmode_in_the_url_is_honoured(pg_cluster: PgCluster, pg_url: str) -> None:
    """The throwaway server has no TLS: sslmode=require must fail, not fall back to a clear connection."""
    with pytest.raises(StoreError, match=r"(?i)ssl"):
        await PostgresStore.open(pg_url.replace("sslmode=disable", "sslmode=require"))
    async with await PostgresStore.open(pg_url) as store:  # sslmode=disable: the same server answers
        await store.check_health()


# --- db migrate, db copy ---------------------------------------------------------------------------------


async def test_db_migrate_run_by_two_processes_at_once_applies_each_migration_once(
        pg_cluster: PgCluster, pg_url: str) -> None:
    env = {"DATABASE_URL": pg_url}
    results = await asyncio.gather(bot_command("db", "migrate", env=env), bot_command("db", "migrate", env=env))
    assert [status for status, _, _ in results] == [0, 0], results
    applied = pg_cluster.psql("SELECT name FROM _migrations ORDER BY name", database_name(pg_url)).split()
    assert applied == sorted(m.name for m in MIGRATIONS)  # each once: the name is the primary key
    outputs = " ".join(out for _, out, _ in results)
    assert f"{len(MIGRATIONS)} migrations applied" in outputs and "0 migrations applied" in outputs


async def test_a_faq_entry_kept_before_entries_were_filed_by_intent_is_filed_under_none(
        pg_cluster: PgCluster, pg_url: str) -> None:
    before = MIGRATIONS[:7]
    assert before[-1].name == "0007-mailbox"
    async with await PostgresStore.open(pg_url, migrations=before):
        pass
    pg_cluster.psql("INSERT INTO faq(posting, question, answer, created_at) "
                    "VALUES ('p', 'TJM ?', '600 €', '2026-11-23T09:00:00.000000+00:00')", database_name(pg_url))
    async with await PostgresStore.open(pg_url) as store:
        [entry] = await store.faq("p")
    assert (entry.question, entry.intent) == ("TJM ?", "")

async def test_db_copy_moves_an_sqlite_database_into_postgresql_and_twice_copies_nothing_more(
        tmp_path: Path, pg_url: str) -> None:
    source = tmp_path / "bot.sqlite3"
    async with await Store.open(source) as sqlite:
        await sqlite.select_posting("telegram:7", "2024-01-10-alpha-dev")
        question = await sqlite.record_question(chat_id="telegram:7", text="Salaire ?", posting="p", answered=False,
                                                now=T0)
        forward = await sqlite.create_forward(question_id=question, chat_id="telegram:7", posting="p",
                                              contact="rh@example.org", candidate_name="Léa", token="ans_x",
                                              token_hash="hash-x", token_expires_at=T0 + timedelta(days=30), now=T0)
        assert forward is not None
        await sqlite.answer_forward(forward, "45 k€", by="telegram:9")
        await sqlite.add_faq(posting="p", question="Salaire ?", answer="45 k€", forward_id=forward, intent="pay",
                             now=T0)
        await sqlite.link_recruiter("telegram:9", "rh@example.org", now=T0)
        await sqlite.set_chat_state("telegram:9", "answer", str(forward), expires_at=T0 + timedelta(days=999))
    env = {"DATABASE_URL": ""}
    first = await bot_command("db", "copy", "--to", pg_url, "--from", str(source), env=env)
    second = await bot_command("db", "copy", "--to", pg_url, "--from", str(source), env=env)
    assert first[0] == 0 and second[0] == 0, (first, second)
    assert "rows added" in first[1] and "0 rows added" not in first[1].splitlines()[-1]
    assert second[1].splitlines()[-1].endswith(": 0 rows added")
    async with await PostgresStore.open(pg_url) as postgres:
        candidate = await postgres.get_candidate("telegram:7")
        [moved] = await postgres.forwards(statuses=[ForwardStatus.ANSWERED])
        kept = (await postgres.faq("p"), await postgres.recruiter_chat("rh@example.org"),
                await postgres.chat_state("telegram:9"), await postgres.forward_answered_by(forward))
        later = await postgres.record_question(chat_id="telegram:7", text="Et le télétravail ?", posting="p",
                                               answered=False)
    assert candidate is not None and candidate.posting == "2024-01-10-alpha-dev"
    assert (moved.id, moved.question, moved.answer) == (forward, "Salaire ?", "45 k€")
    faq, recruiter, state, answered_by = kept
    assert [(e.answer, e.intent) for e in faq] == [("45 k€", "pay")] and recruiter == "telegram:9"
    assert state == ("answer", str(forward)) and answered_by == "telegram:9"
    assert later > question  # the id sequences were moved past the copied ids


# --- faults ------------------------------------------------------------------------------------------------


async def test_the_pool_reconnects_after_the_server_restarts_and_nothing_is_lost() -> None:
    with PgCluster.start() as cluster:
        url = cluster.new_database()
        async with await PostgresStore.open(url) as store:
            before = await store.record_question(chat_id="telegram:1", text="Avant", posting="p", answered=False)
            await asyncio.to_thread(cluster.run_server, "restart")  # every pooled connection is cut
            after = await store.record_question(chat_id="telegram:1", text="Après", posting="p", answered=False)
            await asyncio.to_thread(cluster.run_server, "stop")
            during = asyncio.create_task(store.record_question(chat_id="telegram:1", text="Pendant", posting="p",
                                                               answered=False))  # tried while the server is down
            await asyncio.sleep(0.5)
            await asyncio.to_thread(cluster.run_server, "start")
            await during
            texts = sorted(q.text for q in await store.questions(chat_id="telegram:1"))
    assert after > before and texts == ["Après", "Avant", "Pendant"]


async def test_the_running_bot_carries_on_when_postgresql_restarts_and_loses_nothing(
        api: FakeBotApi, settings: Settings, smtp: SmtpServer, pg_cluster: PgCluster) -> None:  # noqa: F811
    felix = User(id=6002, first_name="Félix", language_code="fr")
    async with running(settings):
        await say(api, ERIN, f"/start {ALPHA}")
        [before] = await say(api, ERIN, "télétravail ?")
        await asyncio.to_thread(pg_cluster.run_server, "restart")  # every connection of the bot's pool is cut
        [after] = await say(api, ERIN, "la mission dure combien ?")
        await forward_question(api, felix, "Y a des tickets resto ?")
        await wait_for_mail(smtp, timeout=30)
        [notice] = await api.wait_for_messages(felix.id, timeout=30)
    async with stored(settings) as storage:
        questions = await storage.questions()
        [forward] = await storage.forwards()
    assert before.text and after.text and "transmise" in (notice.text or "")
    assert len(questions) == 3 and forward.status == ForwardStatus.SENT and len(smtp.received) == 1


# --- privacy: erasure, as the server sees it ---------------------------------------------------------------


async def test_forget_leaves_no_row_of_the_candidate_in_any_postgresql_table(
        api: FakeBotApi, settings: Settings, smtp: SmtpServer, pg_cluster: PgCluster) -> None:  # noqa: F811
    question = "Y a des tickets resto ?"
    async with running(settings):
        await forward_question(api, ERIN, question)  # a candidate row, questions, a forward
        await wait_for_mail(smtp, timeout=30)
        [notice] = await api.wait_for_messages(ERIN.id, timeout=30)  # "transmise", sent once the mail has gone
        assert "transmise" in (notice.text or "")
        await say(api, ERIN, "télétravail ?")
        [confirm] = await say(api, ERIN, "/oubli")
        await press(api, ERIN, confirm, next(d for d in button_data(confirm) if d == encode(Forget(True))))
    name = database_name(settings.database_url)
    tables = pg_cluster.psql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
                             name).split()
    assert {"candidates", "questions", "forwards", "faq", "chat_states", "recruiters"} <= set(tables)
    left = {table: pg_cluster.psql(f"SELECT COUNT(*) FROM {table} t WHERE t::text LIKE '%telegram:{ERIN.id}%' "
                                   f"OR t::text LIKE '%tickets resto%' OR t::text LIKE '%télétravail%'", name)
            for table in tables}
    assert all(count.strip() == "0" for count in left.values()), left


# --- secrets -------------------------------------------------------------------------------------------------


async def test_the_database_password_appears_in_no_error_message(pg_cluster: PgCluster, pg_url: str) -> None:
    wrong = pg_url.replace(pg_cluster.password, "Wr0ngPassw0rdXYZ")
    closed = pg_url.replace(f":{pg_cluster.port}/", ":9/")  # nothing listens there
    for url, secret in ((wrong, "Wr0ngPassw0rdXYZ"), (closed, pg_cluster.password)):
        with pytest.raises(StoreError) as caught:
            await PostgresStore.open(url)
        assert secret not in str(caught.value) and "***" in str(caught.value)
        status, out, err = await bot_command("db", "migrate", env={"DATABASE_URL": url})
        assert status == 1 and err.strip()
        assert secret not in out + err, err


async def test_the_database_password_appears_in_no_log_line(
        pg_cluster: PgCluster, pg_url: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    config = Settings.from_env({"DATABASE_URL": pg_url, "KNOWLEDGE_DIR": str(PROJECT / "knowledge")})
    logging.getLogger("test").info("settings: %s", config.describe())
    store = await open_storage(config.database_location)
    await store.touch_candidate("telegram:1")
    await asyncio.to_thread(pg_cluster.run_server, "restart")  # the reconnection logs a warning
    await store.touch_candidate("telegram:1")
    await store.close()
    assert caplog.records and pg_cluster.password not in caplog.text
    assert "***" in caplog.text


# --- several processes ---------------------------------------------------------------------------------------


async def test_a_reload_in_one_process_reloads_the_others_on_the_same_database(tmp_path: Path, pg_url: str) -> None:
    from test_bot_e2e import knowledge_folder

    folder = knowledge_folder(tmp_path)
    config = Settings(database_url=pg_url, knowledge_dir=folder)

    async def nowhere(chat: str, reply: object) -> None:
        raise AssertionError("nothing is sent")

    first, second = [await Service.start(config, notify=nowhere, answer_link=str, quiet=True) for _ in range(2)]
    try:
        before = len(second.engine.postings)
        await asyncio.sleep(0.5)  # both listen
        (folder / "2025-02-02-delta-data.md").write_text(
            "---\nroles: Data scientist\nstartup: delta\nopen: true\n---\n\n## Modalités\n\n- Télétravail\n",
            encoding="utf-8")
        await first.knowledge.reload()  # what /reload does, in the first process
        deadline = asyncio.get_running_loop().time() + 30
        while len(second.engine.postings) == before:
            assert asyncio.get_running_loop().time() < deadline, "the other process did not reload"
            await asyncio.sleep(0.1)
    finally:
        await first.stop()
        await second.stop()
    assert len(second.engine.postings) == before + 1 == len(first.engine.postings)


async def test_the_question_rate_limit_holds_across_processes_on_the_same_database(pg_url: str) -> None:
    first, second = await PostgresStore.open(pg_url), await PostgresStore.open(pg_url)
    try:
        answers = [await (first if n % 2 else second).allow_event("question:telegram:1", limit=4,
                                                                  period=timedelta(minutes=1), now=T0)
                   for n in range(6)]
    finally:
        await first.close()
        await second.close()
    assert answers == [True] * 4 + [False] * 2  # four in all, not four in each process


async def test_the_daily_purge_runs_once_for_the_processes_sharing_the_database(
        tmp_path: Path, pg_url: str, caplog: pytest.LogCaptureFixture) -> None:
    from test_bot_e2e import knowledge_folder

    caplog.set_level(logging.INFO, logger="bot.service")
    config = Settings(database_url=pg_url, knowledge_dir=knowledge_folder(tmp_path))

    async def nowhere(chat: str, reply: object) -> None:
        raise AssertionError("nothing is sent")

    services = [await Service.start(config, notify=nowhere, answer_link=str, quiet=True) for _ in range(3)]
    try:
        deadline = asyncio.get_running_loop().time() + 30
        while sum("retention purge" in r.getMessage() for r in caplog.records) < 3:
            assert asyncio.get_running_loop().time() < deadline, caplog.text
            await asyncio.sleep(0.1)
    finally:
        for service in services:
            await service.stop()
    purges = [r.getMessage() for r in caplog.records if r.getMessage().startswith("retention purge (")]
    assert len(purges) == 1, caplog.text


async def test_stats_and_faq_export_read_the_database_url(tmp_path: Path, pg_url: str) -> None:
    async with await PostgresStore.open(pg_url) as store:
        await store.record_question(chat_id="telegram:1", text="Salaire ?", posting="p", answered=False)
        await store.add_faq(posting="p", question="Salaire ?", answer="45 k€")
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    env = {"DATABASE_URL": pg_url, "DATABASE_PATH": str(tmp_path / "absent.sqlite3")}
    stats = await bot_command("stats", "--knowledge", str(knowledge), env=env)
    export = await bot_command("faq", "export", "--knowledge", str(knowledge), env=env)
    assert stats[0] == 0 and "1" in stats[1], stats
    assert export[0] == 0 and (knowledge / "faq" / "p.yaml").is_file(), export


async def test_the_linking_code_limits_hold_across_processes(tmp_path: Path, pg_url: str) -> None:
    """Three codes a day per chat: asked of two processes in turn, the fourth is refused."""
    from bot.conversation.recruiter import LINK_CODES_PER_CHAT, RecruiterJourney

    sent: list[str] = []

    async def send_code(email: str, code: str) -> None:
        sent.append(email)

    first, second = await PostgresStore.open(pg_url), await PostgresStore.open(pg_url)
    try:
        journeys = [RecruiterJourney(first, send_code=send_code), RecruiterJourney(second, send_code=send_code)]
        allowed = [await journeys[n % 2]._codes_allowed("chat", "telegram:5") for n in range(LINK_CODES_PER_CHAT + 1)]
    finally:
        await first.close()
        await second.close()
    assert allowed == [True] * LINK_CODES_PER_CHAT + [False]
