"""The conversation layer, without Telegram: how an answer is framed for the candidate."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.conversation import Conversation, Incoming
from bot.storage.sqlite import Store
from conftest import WritePosting, engine_of


@pytest.mark.asyncio
async def test_an_answer_drawn_from_two_sections_names_both(write_posting: WritePosting, tmp_path: Path) -> None:
    posting = write_posting("2024-07-01-ux.md", "roles: Designer UX\nstartup: zeta\nopen: true",
                            "## Modalités\n\nTélétravail possible deux jours par semaine.\n\n"
                            "## Lieu\n\nTélétravail le vendredi, bureaux à Lyon.\n")
    engine = engine_of(posting)
    async with await Store.open(tmp_path / "bot.sqlite3") as store:
        conversation = Conversation(lambda: engine, store)
        await conversation.handle(Incoming("test:1", "fr", text="/start 2024-07-01-ux"))
        [reply] = await conversation.handle(Incoming("test:1", "fr", text="Le télétravail est-il possible ?"))
    assert "Modalités" in reply.text.split("<blockquote>")[0]
    assert "<i>Lieu</i>\n<blockquote>Télétravail le vendredi, bureaux à Lyon.</blockquote>" in reply.text
