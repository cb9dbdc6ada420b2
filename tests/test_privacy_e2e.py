"""Privacy and abuse limits, end to end: what is kept, erasing it, the retention purge, the rate limit."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.config import Settings
from bot.storage.sqlite import Store
from conftest import stored
from fake_bot_api import FakeBotApi, User
from test_bot_e2e import api, button_data, press, running, say, settings  # noqa: F401 (fixtures)

ERIN = User(id=6001, first_name="Erin", language_code="fr")
FELIX = User(id=6002, first_name="Félix", language_code="fr")
TABLES = ("candidates", "questions", "forwards", "chat_states", "recruiters")


async def rows_of(database: Path, chat_id: int) -> dict[str, int]:
    """How many rows of each kind the storage keeps about a chat."""
    async with stored(database) as storage:
        return {"candidates": int(await storage.get_candidate(chat_id) is not None),
                "questions": len(await storage.questions(chat_id=chat_id)),
                "forwards": len(await storage.forwards(chat_id=chat_id)),
                "chat_states": int(await storage.chat_state(chat_id) is not None),
                "recruiters": int(await storage.recruiter_email(chat_id) is not None)}


@pytest.mark.asyncio
async def test_privacy_says_what_is_kept_why_for_how_long_and_how_to_erase(
        api: FakeBotApi, settings: Settings) -> None:  # noqa: F811
    async with running(replace(settings, retention_days=90)):
        [text] = await say(api, ERIN, "/confidentialite")
        [english] = await say(api, User(id=6003, first_name="Ann", language_code="en"), "/privacy")
    assert "90 jours" in (text.text or "") and "/oubli" in (text.text or "")
    assert "nom" in (text.text or "")
    assert "/forget" in (english.text or "")


@pytest.mark.asyncio
async def test_forget_erases_every_row_of_that_candidate_and_keeps_the_others(
        api: FakeBotApi, settings: Settings) -> None:  # noqa: F811
    async with running(settings):
        for user in (ERIN, FELIX):
            await say(api, user, "/start 2024-01-10-alpha-dev")
            [abstention] = await say(api, user, "C'est payé combien ?")
            [consent] = await press(api, user, abstention, next(d for d in button_data(abstention) if d[:2] == "f:"))
            await press(api, user, consent, next(d for d in button_data(consent) if d.startswith("fn:")))
            await say(api, user, "Le poste est-il en télétravail ?")
        await asyncio.sleep(1.2)  # answered questions are written in batches, at least once a second
        before = await rows_of(settings.database_path, ERIN.id)
        [confirm] = await say(api, ERIN, "/oubli")
        [done] = await press(api, ERIN, confirm, "forget:yes")
    assert before["questions"] == 2 and before["forwards"] == 1 and before["candidates"] == 1
    assert "2 question(s), 1 transmission(s)" in (done.text or "")
    assert (await rows_of(settings.database_path, ERIN.id)) == dict.fromkeys(TABLES, 0)
    assert (await rows_of(settings.database_path, FELIX.id))["questions"] == 2  # the others' data stays
    async with stored(settings) as storage:
        names = [f.candidate_name for f in await storage.forwards()]
    assert names == ["Félix"]


@pytest.mark.asyncio
async def test_forget_can_be_cancelled(api: FakeBotApi, settings: Settings) -> None:  # noqa: F811
    async with running(settings):
        await say(api, ERIN, "/start 2024-01-10-alpha-dev")
        await say(api, ERIN, "télétravail ?")
        [confirm] = await say(api, ERIN, "/oubli")
        [cancelled] = await press(api, ERIN, confirm, "forget:no")
    assert "rien n'a été envoyé" in (cancelled.text or "") or "D'accord" in (cancelled.text or "")
    assert (await rows_of(settings.database_path, ERIN.id))["questions"] == 1


@pytest.mark.asyncio
async def test_a_candidate_asking_too_fast_is_slowed_down_kindly(
        api: FakeBotApi, settings: Settings) -> None:  # noqa: F811
    async with running(replace(settings, questions_per_minute=3)):
        await say(api, ERIN, "/start 2024-01-10-alpha-dev")
        answers = [await say(api, ERIN, "télétravail ?") for _ in range(3)]
        [slowed] = await say(api, ERIN, "et la durée ?")
        [other] = await say(api, FELIX, "/start 2024-01-10-alpha-dev")  # others are not affected
    assert all("Télétravail complet" in (a[0].text or "") for a in answers)
    assert "Doucement" in (slowed.text or "")
    assert "Offre choisie" in (other.text or "")
    assert (await rows_of(settings.database_path, ERIN.id))["questions"] == 3  # the refused one is not even stored


@pytest.mark.asyncio
async def test_the_retention_purge_deletes_old_questions_forwards_and_idle_candidates(tmp_path: Path) -> None:
    now = datetime(2026, 11, 23, 12, tzinfo=UTC)
    old, recent = now - timedelta(days=200), now - timedelta(days=10)
    async with await Store.open(tmp_path / "bot.sqlite3") as store:
        await store.touch_candidate(1, now=old)
        await store.touch_candidate(2, now=recent)
        q_old = await store.record_question(chat_id=1, text="ancienne", posting="p", answered=False, now=old)
        await store.create_forward(question_id=q_old, chat_id=1, posting="p", contact="a@b.fr", candidate_name=None,
                                   token="t1", token_hash="h1", token_expires_at=now, now=old)
        await store.record_question(chat_id=2, text="récente", posting="p", answered=True, now=recent)
        counts = await store.purge_older_than(now - timedelta(days=180))
        remaining = await store.questions()
        assert await store.get_candidate(1) is None
        assert await store.get_candidate(2) is not None
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
