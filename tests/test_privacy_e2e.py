"""Privacy and abuse limits, end to end: what is kept, erasing it, the retention purge, the rate limit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.config import Settings
from bot.identity import TELEGRAM, chat_key
from bot.storage.sqlite import Store
from conftest import stored
from fake_bot_api import FakeBotApi, User
from test_bot_e2e import button_data, press, running, say, settings  # noqa: F401 (fixtures)

ERIN = User(id=6001, first_name="Erin", language_code="fr")
FELIX = User(id=6002, first_name="Félix", language_code="fr")
TABLES = ("candidates", "questions", "forwards", "chat_states", "recruiters")


async def rows_of(database: Path, user_id: int) -> dict[str, int]:
    """How many rows of each kind the storage keeps about a Telegram user's chat."""
    chat_id = chat_key(TELEGRAM, user_id)
    async with stored(database) as storage:
        return {"candidates": int(await storage.get_candidate(chat_id) is not None),
                "questions": len(await storage.questions(chat_id=chat_id)),
                "forwards": len(await storage.forwards(chat_id=chat_id)),
                "chat_states": int(await storage.chat_state(chat_id) is not None),
                "recruiters": int(await storage.recruiter_email(chat_id) is not None)}


@pytest.mark.asyncio
async def test_the_retention_purge_deletes_old_questions_forwards_and_idle_candidates(tmp_path: Path) -> None:
    now = datetime(2026, 11, 23, 12, tzinfo=UTC)
    old, recent = now - timedelta(days=200), now - timedelta(days=10)
    async with await Store.open(tmp_path / "bot.sqlite3") as store:
        await store.touch_candidate("test:1", now=old)
        await store.touch_candidate("test:2", now=recent)
        q_old = await store.record_question(chat_id="test:1", text="ancienne", posting="p", answered=False, now=old)
        await store.create_forward(question_id=q_old, chat_id="test:1", posting="p", contact="a@b.fr",
                                   candidate_name=None, token="t1", token_hash="h1", token_expires_at=now, now=old)
        await store.record_question(chat_id="test:2", text="récente", posting="p", answered=True, now=recent)
        counts = await store.purge_older_than(now - timedelta(days=180))
        remaining = await store.questions()
        assert await store.get_candidate("test:1") is None
        assert await store.get_candidate("test:2") is not None
        assert await store.forwards() == []
    assert counts["questions"] == 1 and counts["forwards"] == 1 and counts["candidates"] == 1
    assert [q.text for q in remaining] == ["récente"]


@pytest.mark.asyncio
async def test_telegram_flood_control_is_respected_and_the_reply_still_arrives(
        api: FakeBotApi, settings: Settings) -> None:  # noqa: F811
    async with running(settings):  # the default settings use PTB's AIORateLimiter
        api.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
        [reply] = await say(api, ERIN, "/aide")
    failed = [c for c in api.calls("sendMessage") if c.error_code == 429]
    assert len(failed) == 1
    assert "Exemples" in (reply.text or "")


@pytest.mark.asyncio
async def test_logs_carry_no_message_text_nor_names(
        api: FakeBotApi, settings: Settings, caplog: pytest.LogCaptureFixture) -> None:  # noqa: F811
    caplog.set_level("INFO")
    async with running(settings):
        await say(api, ERIN, "/start 2024-01-10-alpha-dev")
        await say(api, ERIN, "Zanzibar télétravail ?")
        [abstention] = await say(api, ERIN, "Quel salaire pour Zanzibar ?")
        [consent] = await press(api, ERIN, abstention, next(d for d in button_data(abstention) if d[:2] == "f:"))
        await press(api, ERIN, consent, next(d for d in button_data(consent) if d.startswith("fn:")))
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "forward 1 created" in logged  # events are logged...
    assert "Zanzibar" not in logged and "Erin" not in logged  # ...without what candidates wrote or their names
    assert str(ERIN.id) not in logged
