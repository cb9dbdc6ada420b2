"""Recruiters linking their Telegram account with /recruteur, under attack (security review, issue 8,
findings 4 and 7).

A chat must not be able to mail codes without limit nor guess at them without limit, an address that is no
posting's contact can never be linked, and a slow SMTP server never holds up the bot's replies.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.config import Settings
from bot.conversation import token_hash
from bot.identity import TELEGRAM, chat_key
from bot.mail import MailSettings
from conftest import stored
from fake_bot_api import FakeBotApi, User, free_port
from smtp_server import SmtpServer
from test_bot_e2e import TOKEN, knowledge_folder, running, say
from test_forwarding_e2e import wait_for_mail

ATTACKER = User(id=9666, first_name="Mallory", language_code="fr")
CONTACT = "recrutement@alpha.example"  # the contact of the Alpha posting
NOT_A_CONTACT = "future@else.example"
LINK_CODES_PER_CHAT = 3  # as in bot.conversation: codes a chat may have mailed in 24 h
LINK_CODES_PER_ADDRESS = 3  # as in bot.conversation: codes an address may be mailed in 24 h




def mail_settings(port: int, *, timeout: float = 2.0) -> MailSettings:
    return MailSettings(host="127.0.0.1", port=port, tls="none", mail_from="Recrutement <bot@example.org>",
                        timeout=timeout)


@pytest.fixture
def settings(tmp_path: Path, api: FakeBotApi, smtp: SmtpServer) -> Settings:
    return Settings(telegram_token=TOKEN, telegram_api_url=api.base_url, knowledge_dir=knowledge_folder(tmp_path),
                    database_path=tmp_path / "bot.sqlite3", mail=mail_settings(smtp.port))


async def ask_code(api: FakeBotApi, user: User, address: str) -> str:
    """/recruteur, then the address: the bot's last reply."""
    [asked] = await say(api, user, "/recruteur")
    if "Trop de codes" in (asked.text or ""):
        return asked.text or ""
    [reply] = await say(api, user, address)
    return reply.text or ""


async def linked_address(settings: Settings, chat_id: int) -> str | None:
    """The address a chat is linked to, if any."""
    async with stored(settings) as storage:
        return await storage.recruiter_email(chat_key(TELEGRAM, chat_id))


# --- finding 4: codes and guesses are limited --------------------------------------------------------------

@pytest.mark.asyncio
async def test_one_chat_cannot_have_codes_mailed_without_limit(
        api: FakeBotApi, settings: Settings, smtp: SmtpServer) -> None:
    rounds = LINK_CODES_PER_CHAT + 3
    async with running(settings):
        replies = [await ask_code(api, ATTACKER, CONTACT) for _ in range(rounds)]
        await wait_for_mail(smtp, count=LINK_CODES_PER_CHAT)
        await asyncio.sleep(0.5)  # time enough for a mail too many to arrive, if there were one
    assert len(smtp.received) == LINK_CODES_PER_CHAT
    assert all("code à 6 chiffres" in reply for reply in replies[:LINK_CODES_PER_CHAT])
    assert all("Trop de codes" in reply for reply in replies[LINK_CODES_PER_CHAT:])


@pytest.mark.asyncio
async def test_many_chats_cannot_have_codes_mailed_to_one_address_without_limit(
        api: FakeBotApi, settings: Settings, smtp: SmtpServer) -> None:
    chats = [User(id=9700 + n, first_name="Bot", language_code="fr") for n in range(LINK_CODES_PER_ADDRESS + 2)]
    async with running(settings):
        replies = [await ask_code(api, chat, CONTACT) for chat in chats]
        await wait_for_mail(smtp, count=LINK_CODES_PER_ADDRESS)
        await asyncio.sleep(0.5)
    assert len(smtp.received) == LINK_CODES_PER_ADDRESS
    assert all("Trop de codes" in reply for reply in replies[LINK_CODES_PER_ADDRESS:])


@pytest.mark.asyncio
async def test_an_address_that_is_no_contact_is_never_linked_even_with_the_right_code(
        api: FakeBotApi, settings: Settings, smtp: SmtpServer) -> None:
    """As if the attacker had guessed the code the bot drew for an address that is not a contact (yet): the
    address is checked again when the code is typed, so that its future forwards never reach the attacker."""
    async with running(settings):
        same = await ask_code(api, ATTACKER, NOT_A_CONTACT)
        async with stored(settings) as storage:  # as if the attacker had guessed the code of a non-contact
            await storage.set_chat_state(chat_key(TELEGRAM, ATTACKER.id), "link-code",
                                         f"{NOT_A_CONTACT}|{token_hash('123456')}|3",
                                         expires_at=datetime.now(UTC) + timedelta(minutes=15))
        [reply] = await say(api, ATTACKER, "123456")
    assert "code à 6 chiffres" in same  # the same reply as for a contact: who is a contact is not disclosed
    assert "C'est fait" not in (reply.text or "")
    assert await linked_address(settings, ATTACKER.id) is None
    assert smtp.received == []


# --- finding 7 (part): the code mail never holds up the update ---------------------------------------------

@contextlib.asynccontextmanager
async def silent_smtp_server() -> AsyncIterator[int]:
    """A server that accepts SMTP connections and never says a word: its port."""
    held: list[asyncio.StreamWriter] = []

    async def hold(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        held.append(writer)

    port = free_port()
    server = await asyncio.start_server(hold, "127.0.0.1", port)
    try:
        yield port
    finally:
        for writer in held:
            writer.close()
        server.close()
        await server.wait_closed()


@pytest.mark.asyncio
async def test_a_silent_smtp_server_does_not_hold_up_the_reply(api: FakeBotApi, settings: Settings) -> None:
    async with silent_smtp_server() as port, running(replace(settings, mail=mail_settings(port, timeout=60.0))):
        await say(api, ATTACKER, "/recruteur")
        api.send_text(ATTACKER, CONTACT)
        [reply] = await api.wait_for_messages(ATTACKER.id, timeout=15)  # far less than the mail's 60 s
    assert "code à 6 chiffres" in (reply.text or "")
