"""Fairness, end to end: one account flooding the bot, or handlers that hang, do not stall the other chats.

The real PTB application polls the fake Bot API over HTTP. The scheduler (bot.app.PerChatUpdateProcessor)
limits each user's updates and never lets a chat's waiting updates, or a slow handler, hold a running
place the other chats need.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from bot.config import Settings
from bot.conversation import Conversation, Incoming, Reply
from bot.identity import TELEGRAM, chat_key
from fake_bot_api import Call, FakeBotApi, User
from test_bot_e2e import CAMILLE, running, say, settings  # noqa: F401 (fixtures)

FLOODER = User(id=7001, first_name="Flo", language_code="fr")
FLOOD = 300


def sent_to(fake: FakeBotApi, user: User) -> list[Call]:
    return [c for c in fake.calls("sendMessage") if c.ok and c.chat_id == user.id]


async def settled(fake: FakeBotApi, user: User, quiet: float = 1.0, timeout: float = 60.0) -> list[Call]:
    """The messages sent to the user once nothing new has come for `quiet` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    seen = -1
    while loop.time() < deadline:
        count = len(sent_to(fake, user))
        if count == seen:
            return sent_to(fake, user)
        seen = count
        await asyncio.sleep(quiet)
    raise AssertionError(f"messages to {user.id} still coming after {timeout}s")


@pytest.mark.asyncio
async def test_a_flood_of_help_from_one_account_does_not_delay_another_candidate(
        api: FakeBotApi, settings: Settings, caplog: pytest.LogCaptureFixture) -> None:  # noqa: F811
    caplog.set_level("INFO")
    async with running(settings) as app:
        await say(api, CAMILLE, "/start 2024-01-10-alpha-dev")
        for _ in range(FLOOD):
            api.send_text(FLOODER, "/aide")
        api.send_text(CAMILLE, "Le poste est-il en télétravail ?")
        [answer] = await api.wait_for_messages(CAMILLE.id, timeout=60)
        before_answer = [c for c in sent_to(api, FLOODER) if c.time <= answer.time]
        to_flooder = await settled(api, FLOODER)
        held = app.update_processor.chats_held
    helps = [c for c in to_flooder if "Exemples" in (c.text or "")]
    notices = [c for c in to_flooder if "Doucement" in (c.text or "")]
    assert "Télétravail complet possible" in (answer.text or "")
    assert len(before_answer) <= 40  # the candidate did not wait for the 300 help messages
    assert 1 <= len(helps) <= 40  # most of the flood was dropped...
    assert len(notices) == 1  # ...and the flooder was told once to slow down
    assert held == 0  # nothing of the flood is kept once it is over
    warnings = [r.getMessage() for r in caplog.records if "dropped until they slow down" in r.getMessage()]
    assert len(warnings) == 1 and str(FLOODER.id) not in warnings[0]  # one log line, no id


class HangingConversation:
    """The real conversation, except that handling a message from one of `hung` waits for `release`
    (as a handler awaiting an SMTP server that never answers would)."""

    def __init__(self, inner: Conversation, hung: set[str], release: asyncio.Event) -> None:
        self.inner, self.hung, self.release = inner, hung, release
        self.entered: set[str] = set()

    async def handle(self, incoming: Incoming) -> list[Reply]:
        if incoming.chat_id in self.hung:
            self.entered.add(incoming.chat_id)
            await self.release.wait()
        return await self.inner.handle(incoming)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


async def eventually(condition: Any, timeout: float = 30.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, "condition not met in time"
        await asyncio.sleep(0.05)


@pytest.mark.asyncio
async def test_handlers_hanging_in_20_chats_do_not_stop_the_other_chats(
        api: FakeBotApi, settings: Settings) -> None:  # noqa: F811
    stuck = [User(id=7100 + n, first_name=f"S{n}", language_code="fr") for n in range(20)]  # > 16 running places
    release = asyncio.Event()
    async with running(settings) as app:
        runtime = app.bot_data["runtime"]
        hanging = HangingConversation(runtime.conversation, {chat_key(TELEGRAM, u.id) for u in stuck}, release)
        runtime.conversation = hanging
        try:
            for user in stuck:
                api.send_text(user, "/aide")
            await eventually(lambda: len(hanging.entered) >= 16)
            api.send_text(CAMILLE, "/aide")
            [reply] = await api.wait_for_messages(CAMILLE.id, timeout=30)
            await eventually(lambda: len(hanging.entered) == 20)  # no hung chat waits behind another
        finally:
            release.set()
        for user in stuck:  # once the handlers go on, each stuck candidate gets the answer
            [late] = await api.wait_for_messages(user.id, timeout=30)
            assert "Exemples" in (late.text or "")
    assert "Exemples" in (reply.text or "")


@pytest.fixture
def database() -> dict[str, object]:
    """These tests need not run on every backend (conftest.database): SQLite only."""
    return {}
