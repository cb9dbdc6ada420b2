"""Dialogue tests: the bot's conversation as users live it, without Telegram, over the in-memory storage.

    async def test_help(dialogue: Dialogue) -> None:
        [reply] = await dialogue.say(CAMILLE, "/aide")
        assert "Exemples" in reply.text

The service is the real one (bot.service: engine, conversation, outbox, admin), started without its
background tasks; replies read as on Telegram (their text as displayed, buttons as (label, data)), so that
a test reads like its end-to-end sibling, in milliseconds. What only Telegram shows (sending, editing,
flood control, webhooks, restarts) stays in the end-to-end tests over tests/fake_bot_api.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bot.admin import admin_command, admin_language
from bot.config import Settings
from bot.conversation import Incoming, Reply
from bot.engine import Engine
from bot.identity import TELEGRAM, ChatId, chat_key
from bot.service import Service
from bot.storage import Storage
from bot.storage.memory import MemoryStorage
from conftest import TODAY
from fake_bot_api import User, _display_text


def chat_of(user: User) -> ChatId:
    """A user's chat, as the Telegram adapter names it (so that ids read as in the end-to-end tests)."""
    return chat_key(TELEGRAM, user.id)


@dataclass(frozen=True)
class Said:
    """One reply as its user sees it."""

    chat_id: ChatId
    html: str
    buttons: list[tuple[str, str | None]]  # (label, callback data; None for a link), row by row
    urls: list[str]  # the links of its link buttons

    @property
    def text(self) -> str:
        """The text as displayed: HTML tags gone, entities read."""
        return _display_text(self.html, "html")


def _said(chat_id: ChatId, reply: Reply) -> Said:
    buttons = [b for row in reply.buttons for b in row]
    return Said(chat_id, reply.text, [(b.text, b.data or None) for b in buttons], [b.url for b in buttons if b.url])


@dataclass
class Dialogue:
    """Users talking to the service's conversation; every reply is kept per chat."""

    service: Service
    inbox: dict[ChatId, list[Said]] = field(default_factory=dict)

    @property
    def storage(self) -> Storage:
        """What the bot keeps, to check it through the storage API."""
        return self.service.storage

    async def say(self, user: User, text: str) -> list[Said]:
        """The user sends a text (a command or a question); the replies to them. Admin commands go to the
        admins' side, as the Telegram adapter sends them."""
        if (admin := admin_command(text)) is not None:
            command, args = admin
            replies = await self.service.admin.handle(chat_of(user), command, args,
                                                     admin_language(user.language_code))
            return self._deliver(user, replies)
        incoming = Incoming(chat_of(user), user.language_code, text=text, first_name=user.first_name)
        return self._deliver(user, await self.service.conversation.handle(incoming))

    async def press(self, user: User, data: str | None) -> list[Said]:
        """The user presses a button of theirs with this data; the replies to them."""
        assert data, "a link button is opened in a browser, not pressed"
        incoming = Incoming(chat_of(user), user.language_code, callback=data, first_name=user.first_name)
        return self._deliver(user, await self.service.conversation.handle(incoming))

    def messages_to(self, user: User) -> list[Said]:
        """Everything the bot said to a user so far, in order."""
        return list(self.inbox.get(chat_of(user), []))

    def _deliver(self, user: User, replies: list[Reply]) -> list[Said]:
        mine: list[Said] = []
        for reply in replies:
            said = _said(reply.chat_id or chat_of(user), reply)
            self.inbox.setdefault(said.chat_id, []).append(said)
            if said.chat_id == chat_of(user):
                mine.append(said)
        return mine


def _answer_link(token: str) -> str:
    return f"https://t.me/test_recruteur_bot?start={token}"


async def _nowhere(chat_id: int, reply: Reply) -> None:
    """The outbox's messages: not under test in dialogues (no background tasks run)."""


async def open_dialogue(knowledge: Path, **settings: object) -> Dialogue:
    """A dialogue over the postings of a knowledge folder (read as on TODAY), with these settings."""
    engine = Engine.load(knowledge, today=TODAY)
    config = Settings(knowledge_dir=knowledge, **settings)  # type: ignore[arg-type]
    service = await Service.start(config, notify=_nowhere, answer_link=_answer_link, engine=engine,
                                  storage=MemoryStorage(), background=False, quiet=True)
    return Dialogue(service)


def button_data(said: Said) -> list[str]:
    """The callback data of a reply's buttons."""
    return [data for _, data in said.buttons if data]
