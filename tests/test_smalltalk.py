"""Small talk (greetings, thanks, goodbyes, "ok", emoji) gets a kind reply with a hint of what to ask; it is
never taken for a question, recorded as unanswered, nor offered for forwarding."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.conversation import Conversation, Incoming
from bot.engine import Engine
from bot.smalltalk import SmallTalk, small_talk
from bot.storage.sqlite import Store
from conftest import KNOWLEDGE, TODAY

SICOVAL = "2021-08-30-sicoval-pm"


@pytest.mark.parametrize(("text", "kind", "lang"), [
    ("Bonjour", "greeting", "fr"),
    ("Salut ça va ?", "greeting", "fr"),
    ("bonjour 👋", "greeting", "fr"),
    ("hello", "greeting", "en"),
    ("Hi there!", "greeting", "en"),
    ("Good morning", "greeting", "en"),
    ("merci", "thanks", "fr"),
    ("Merci beaucoup !!", "thanks", "fr"),
    ("merciii", "thanks", "fr"),
    ("ok merci", "thanks", "fr"),
    ("Thanks!", "thanks", "en"),
    ("thank you so much", "thanks", "en"),
    ("au revoir", "goodbye", "fr"),
    ("bye", "goodbye", "en"),
    ("ok", "ack", ""),
    ("OK", "ack", ""),
    ("d'accord", "ack", "fr"),
    ("got it", "ack", "en"),
    ("🙂", "ack", ""),
    ("👍👍", "ack", ""),
    (":)", "ack", ""),
])
def test_small_talk_is_recognised_in_french_and_english(text: str, kind: str, lang: str) -> None:
    assert small_talk(text) == SmallTalk(kind, lang)


@pytest.mark.parametrize("text", [
    "Bonjour, le poste est-il en télétravail ?",
    "Hello, is remote work possible?",
    "merci de me dire le salaire",
    "TJM ?",
    "télétravail ?",
    "ok pour le télétravail ?",
    "?",
    "2",
])
def test_a_question_is_not_small_talk(text: str) -> None:
    assert small_talk(text) is None


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.load(KNOWLEDGE, today=TODAY)


async def _say(engine: Engine, database: Path, *lines: str, language: str | None = "fr") -> list[str]:
    """What the bot replied to the last line."""
    async with await Store.open(database) as store:
        conversation = Conversation(lambda: engine, store)
        replies = []
        for line in lines:
            replies = await conversation.handle(Incoming("test:7", language, text=line))
        assert not await store.questions(chat_id="test:7")  # small talk leaves no question behind
    return [r.text for r in replies] + [b.data for r in replies for row in r.buttons for b in row]


@pytest.mark.asyncio
async def test_thanks_in_french_get_a_kind_reply_and_a_hint(engine: Engine, tmp_path: Path) -> None:
    [text] = await _say(engine, tmp_path / "bot.sqlite3", "Merci !")
    assert "Avec plaisir" in text and "/postes" in text and "télétravail" in text


@pytest.mark.asyncio
async def test_a_greeting_in_english_is_answered_in_english(engine: Engine, tmp_path: Path) -> None:
    [text] = await _say(engine, tmp_path / "bot.sqlite3", "hello", language=None)
    assert text.startswith("Hello!") and "/jobs" in text


@pytest.mark.asyncio
async def test_an_emoji_with_a_posting_chosen_hints_at_a_question_about_it(engine: Engine, tmp_path: Path) -> None:
    [text] = await _say(engine, tmp_path / "bot.sqlite3", f"/start {SICOVAL}", "🙂")
    assert "Sosie Virtuel Projectif" in text and "Posez-moi une question" in text


@pytest.mark.asyncio
@pytest.mark.parametrize("text", ["ok", "hello", "merci", "🙂", "bye"])
async def test_small_talk_is_never_offered_for_forwarding(engine: Engine, tmp_path: Path, text: str) -> None:
    replies = await _say(engine, tmp_path / "bot.sqlite3", f"/start {SICOVAL}", text)
    assert not any(r.startswith("f:") for r in replies)
    assert not any("transmettre" in r or "forward" in r for r in replies)
