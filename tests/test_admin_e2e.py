"""Admins, end to end: statistics, pending forwards, the load test (200 simulated candidates asking questions
while the knowledge is reloaded 20 times) and `run --watch`. Reloads and refusals as dialogues:
test_dialogue_admin.py."""

from __future__ import annotations

import asyncio
import time
from dataclasses import replace
from pathlib import Path

import pytest

from bot.config import Settings
from conftest import stored
from fake_bot_api import Call, FakeBotApi, User
from test_bot_e2e import button_data, press, running, say, settings  # noqa: F401 (fixtures)

ADMIN = User(id=7001, first_name="Ada", language_code="fr")
CANDIDATE = User(id=7002, first_name="Camille", language_code="fr")
STRANGER = User(id=7003, first_name="Sam", language_code="fr")
NEW_POSTING = """---
roles: Data scientist
startup: epsilon
open: true
---

## Modalités

- Télétravail deux jours par semaine
- Mission de 9 mois
"""


@pytest.fixture
def admin_settings(settings: Settings) -> Settings:  # noqa: F811
    return replace(settings, admin_ids=frozenset({ADMIN.id}))


def posting_file(config: Settings, name: str) -> Path:
    return config.knowledge_dir / name


@pytest.mark.asyncio
async def test_stats_and_pending_report_the_history(api: FakeBotApi, admin_settings: Settings) -> None:
    async with running(admin_settings):
        await say(api, CANDIDATE, "/start 2024-01-10-alpha-dev")
        await say(api, CANDIDATE, "télétravail ?")  # answered
        await say(api, CANDIDATE, "la mission dure combien ?")  # answered
        [abstention] = await say(api, CANDIDATE, "Y a des tickets resto ?")  # unanswered, then forwarded
        [consent] = await press(api, CANDIDATE, abstention, next(d for d in button_data(abstention) if d[:2] == "f:"))
        await press(api, CANDIDATE, consent, next(d for d in button_data(consent) if d.startswith("fa:")))
        await say(api, STRANGER, "/start 2024-01-10-alpha-dev")
        await say(api, STRANGER, "il y a des tickets restaurant ?")  # unanswered, not forwarded
        [stats] = await say(api, ADMIN, "/stats", timeout=30)  # the chart is drawn first
        [pending] = await say(api, ADMIN, "/pending")
    text = stats.text or ""
    assert "Toutes offres : 4 questions" in text
    assert "répondues automatiquement : 2 (50 %)" in text
    assert "transmises aux recruteurs : 1" in text
    assert "restées sans réponse : 1 (25 %)" in text
    assert "2 × « " in text  # the two close "tickets resto" questions are grouped
    assert "#1 · Développeur·se backend (alpha-impots)" in (pending.text or "")
    assert "en attente d'envoi" in (pending.text or "")  # no SMTP configured in this test: it waits


# --- load --------------------------------------------------------------------------------------------------------

def knowledge_version(folder: Path, version: int) -> None:
    """Alternate between two complete versions of the knowledge: both keep Alpha, its wording changes."""
    path = folder / "2024-01-10-alpha-dev.md"
    text = path.read_text(encoding="utf-8")
    wording = ("Télétravail complet possible", "Télétravail total accepté")
    path.write_text(text.replace(wording[1 - version % 2], wording[version % 2]), encoding="utf-8")
    extra = folder / "2024-07-01-zeta.md"
    if version % 2:
        extra.write_text(NEW_POSTING.replace("epsilon", "zeta"), encoding="utf-8")
    elif extra.exists():
        extra.unlink()


@pytest.mark.asyncio
async def test_200_candidates_ask_while_the_knowledge_is_reloaded_20_times(
        api: FakeBotApi, admin_settings: Settings) -> None:
    candidates = [User(id=800_000 + n, first_name=f"C{n}", language_code="fr") for n in range(200)]
    rounds = 3
    loaded = replace(admin_settings, telegram_rate_limit=False, questions_per_minute=0)
    started = time.monotonic()
    async with running(loaded) as app:
        for user in candidates:
            api.send_text(user, "/start 2024-01-10-alpha-dev")
        for user in candidates:
            await api.wait_for_messages(user.id, timeout=60)

        async def reloads() -> None:
            for version in range(1, 21):
                knowledge_version(loaded.knowledge_dir, version)
                api.send_text(ADMIN, "/reload")
                [summary] = await api.wait_for_messages(ADMIN.id, timeout=60)
                assert "Rechargé" in (summary.text or "")

        async def questions() -> None:
            for _ in range(rounds):
                for user in candidates:
                    api.send_text(user, "télétravail ?")
                await asyncio.sleep(0.05)

        await asyncio.gather(reloads(), questions())
        replies: list[Call] = []
        for user in candidates:
            replies.extend(await api.wait_for_messages(user.id, count=rounds, timeout=60))
        runtime = app.bot_data["runtime"]
        final_postings = len(runtime.engine.postings)
    assert time.monotonic() - started < 120
    assert len(replies) == 200 * rounds  # no question lost: one reply each
    # every answer came from a complete knowledge base: Alpha found, with one of its two wordings
    assert all(("Télétravail complet possible" in (r.text or "")) != ("Télétravail total accepté" in (r.text or ""))
               for r in replies)
    async with stored(loaded) as storage:
        kept = len(await storage.questions())
    assert kept == 200 * rounds
    assert final_postings == 4  # version 20: the extra posting removed again


@pytest.mark.asyncio
async def test_run_watch_reloads_when_a_file_changes(admin_settings: Settings) -> None:
    from bot.admin import Knowledge
    from bot.engine import Engine
    from bot.service import watch_knowledge

    knowledge = Knowledge(Engine.load(admin_settings.knowledge_dir))
    stop = asyncio.Event()
    watcher = asyncio.create_task(watch_knowledge(knowledge, admin_settings, stop))
    try:
        await asyncio.sleep(0.5)  # the watcher is set up
        posting_file(admin_settings, "2024-06-01-epsilon-data.md").write_text(NEW_POSTING, encoding="utf-8")
        deadline = time.monotonic() + 15
        while knowledge.current().find("2024-06-01-epsilon-data") is None:
            assert time.monotonic() < deadline, "the change was not picked up"
            await asyncio.sleep(0.1)
    finally:
        stop.set()
        await asyncio.wait_for(watcher, timeout=10)
