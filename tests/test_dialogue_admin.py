"""Admins as dialogues (tests/dialogue.py, no Telegram): reloading the knowledge safely while candidates chat,
and a polite refusal to everyone else. Statistics over real forwards, the load test and `run --watch` stay end
to end (test_admin_e2e.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from test_admin_e2e import NEW_POSTING

from dialogue import Dialogue, open_dialogue
from fake_bot_api import User
from test_bot_e2e import knowledge_folder

ADMIN = User(id=7001, first_name="Ada", language_code="fr")
CANDIDATE = User(id=7002, first_name="Camille", language_code="fr")
STRANGER = User(id=7003, first_name="Sam", language_code="fr")
pytestmark = pytest.mark.asyncio


@pytest_asyncio.fixture
async def admin_dialogue(tmp_path: Path) -> AsyncIterator[Dialogue]:
    """A dialogue where ADMIN is an admin, over a knowledge folder the test may change."""
    opened = await open_dialogue(knowledge_folder(tmp_path), admin_ids=frozenset({ADMIN.id}))
    try:
        yield opened
    finally:
        await opened.service.stop()


def posting_file(dialogue: Dialogue, name: str) -> Path:
    return dialogue.service.settings.knowledge_dir / name


async def test_a_reload_with_a_new_posting_answers_it_at_once(admin_dialogue: Dialogue) -> None:
    posting_file(admin_dialogue, "2024-06-01-epsilon-data.md").write_text(NEW_POSTING, encoding="utf-8")
    [summary] = await admin_dialogue.say(ADMIN, "/reload")
    await admin_dialogue.say(CANDIDATE, "/start 2024-06-01-epsilon-data")
    [answer] = await admin_dialogue.say(CANDIDATE, "combien de temps dure la mission ?")
    assert "1 ajoutée" in summary.text
    assert "9 mois" in answer.text


async def test_a_broken_file_keeps_its_previous_version_and_the_admin_is_told_why(admin_dialogue: Dialogue) -> None:
    await admin_dialogue.say(CANDIDATE, "/start 2024-01-10-alpha-dev")
    posting_file(admin_dialogue, "2024-01-10-alpha-dev.md").write_text("---\nroles: [oops\n---\n\nx\n",
                                                                      encoding="utf-8")
    [summary] = await admin_dialogue.say(ADMIN, "/reload")
    [answer] = await admin_dialogue.say(CANDIDATE, "télétravail ?")
    assert "2024-01-10-alpha-dev.md" in summary.text
    assert "invalid YAML" in summary.text
    assert "version précédente" in summary.text
    assert "Télétravail complet possible" in answer.text  # the previous version still answers


async def test_a_deleted_file_is_removed_and_its_link_gets_a_helpful_reply(admin_dialogue: Dialogue) -> None:
    posting_file(admin_dialogue, "2024-02-01-beta-design.md").unlink()
    [summary] = await admin_dialogue.say(ADMIN, "/reload")
    sorry, _ = await admin_dialogue.say(CANDIDATE, "/start 2024-02-01-beta-design")
    assert "1 retirée" in summary.text
    assert "Je ne trouve pas l'offre" in sorry.text


async def test_a_reload_during_a_conversation_answers_from_the_new_version(admin_dialogue: Dialogue) -> None:
    await admin_dialogue.say(CANDIDATE, "/start 2024-01-10-alpha-dev")
    [before] = await admin_dialogue.say(CANDIDATE, "télétravail ?")
    path = posting_file(admin_dialogue, "2024-01-10-alpha-dev.md")
    path.write_text(path.read_text(encoding="utf-8").replace("Télétravail complet possible",
                                                             "Télétravail trois jours par semaine"), encoding="utf-8")
    [summary] = await admin_dialogue.say(ADMIN, "/reload")
    [after] = await admin_dialogue.say(CANDIDATE, "télétravail ?")
    assert "Télétravail complet possible" in before.text
    assert "1 modifiée" in summary.text
    assert "Télétravail trois jours par semaine" in after.text


@pytest.mark.parametrize("command", ["/reload", "/stats", "/pending"])
async def test_admin_commands_are_refused_politely_to_others(
        admin_dialogue: Dialogue, command: str, caplog: pytest.LogCaptureFixture) -> None:
    [refusal] = await admin_dialogue.say(STRANGER, command)
    assert "réservée aux administrateurs" in refusal.text
    assert any("refused" in record.getMessage() for record in caplog.records)
