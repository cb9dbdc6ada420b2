"""The storage of replies by email: the mailbox position, the mails handled, the replies held for admins;
and the IMAP and PUBLIC_URL settings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.config import ConfigError, Settings
from bot.mailbox import ImapSettings, message_key
from bot.store import Store


@pytest.mark.asyncio
async def test_the_position_moves_forward_only_and_starts_again_when_the_folder_is_renumbered(tmp_path: Path) -> None:
    async with await Store.open(tmp_path / "bot.sqlite3") as store:
        assert await store.mailbox_position("INBOX") is None
        await store.note_mail_handled(folder="INBOX", uidvalidity=7, uid=3, message_key="k3", outcome="answered")
        await store.note_mail_handled(folder="INBOX", uidvalidity=7, uid=2, message_key="k2", outcome="ignored")
        assert await store.mailbox_position("INBOX") == (7, 3)
        await store.note_mail_handled(folder="INBOX", uidvalidity=9, uid=1, message_key="k9", outcome="duplicate")
        assert await store.mailbox_position("INBOX") == (9, 1)
        assert await store.mail_handled("k3") and not await store.mail_handled("unknown")


@pytest.mark.asyncio
async def test_the_position_survives_a_restart(tmp_path: Path) -> None:
    async with await Store.open(tmp_path / "bot.sqlite3") as store:
        await store.note_mail_handled(folder="INBOX", uidvalidity=7, uid=5, message_key="k", outcome="answered")
    async with await Store.open(tmp_path / "bot.sqlite3") as store:
        assert await store.mailbox_position("INBOX") == (7, 5) and await store.mail_handled("k")


@pytest.mark.asyncio
async def test_a_held_reply_is_taken_once_and_goes_with_its_forward(tmp_path: Path) -> None:
    now = datetime.now(UTC)
    async with await Store.open(tmp_path / "bot.sqlite3") as store:
        await store.touch_candidate(1)
        question = await store.record_question(chat_id=1, text="Salaire ?", posting="p", answered=False)
        forward = await store.create_forward(question_id=question, chat_id=1, posting="p", contact="rh@a.fr",
                                             candidate_name=None, token="t", token_hash="h",
                                             token_expires_at=now + timedelta(days=1))
        assert forward is not None
        first = await store.hold_reply(forward_id=forward, sender="Eve@Other.example", answer="Oui.", faq=True)
        second = await store.hold_reply(forward_id=forward, sender="eve@other.example", answer="Non.", faq=False)
        [taken_first, still] = await store.held_replies()
        assert taken_first.sender == "eve@other.example" and taken_first.faq
        assert (await store.take_held_reply(first)) is not None and await store.take_held_reply(first) is None
        await store.erase_candidate(1)
        assert await store.held_replies() == [] and still.id == second


def test_the_message_key_is_the_message_id_whatever_the_copy() -> None:
    one = b"Message-ID: <a@b>\r\nSubject: x\r\n\r\nbody"
    two = b"Received: from mx\r\nMessage-ID: <a@b>\r\nSubject: x\r\n\r\nbody again"
    assert message_key(one) == message_key(two) != message_key(b"Subject: none\r\n\r\nbody")


def test_imap_settings_are_read_with_their_defaults() -> None:
    imap = ImapSettings.from_env({"IMAP_HOST": "imap.example.org", "IMAP_USER": "bot@example.org",
                                  "IMAP_PASSWORD": "secret"})
    assert (imap.effective_port, imap.tls, imap.folder, imap.enabled) == (993, "tls", "INBOX", True)
    assert "secret" not in imap.describe()
    assert ImapSettings.from_env({"IMAP_TLS": "none"}).effective_port == 143
    assert not ImapSettings.from_env({}).enabled


@pytest.mark.parametrize(("env", "named"), [
    ({"IMAP_HOST": "imap.example.org"}, "IMAP_USER"),
    ({"IMAP_TLS": "starttls"}, "IMAP_TLS"),
    ({"IMAP_PORT": "99999"}, "IMAP_PORT"),
    ({"IMAP_FOLDER": 'IN"BOX'}, "IMAP_FOLDER"),
    ({"PUBLIC_URL": "ftp://bot.example.org"}, "PUBLIC_URL"),
    ({"PUBLIC_URL": "http://bot.example.org"}, "PUBLIC_URL"),
])
def test_an_invalid_imap_or_public_url_setting_is_named(env: dict[str, str], named: str) -> None:
    with pytest.raises(ConfigError, match=named):
        Settings.from_env(env)


def test_public_url_loses_its_trailing_slash() -> None:
    assert Settings.from_env({"PUBLIC_URL": "https://bot.example.org/"}).public_url == "https://bot.example.org"
