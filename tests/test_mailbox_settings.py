"""Replies by email: what identifies a mail across copies, and the IMAP and PUBLIC_URL settings. (What the
storage keeps of the mailbox, its position, the mails handled and the held replies, is in the storage
contract, tests/test_storage_contract.py, run on every backend.)"""

from __future__ import annotations

import pytest

from bot.config import ConfigError, Settings
from bot.mailbox import ImapSettings, message_key


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
