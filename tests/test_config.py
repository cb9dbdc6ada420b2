"""Settings come from the environment, in one place, and name what is missing or wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import DEFAULT_API_URL, ConfigError, Settings


def test_defaults_need_nothing_but_a_token_to_run() -> None:
    settings = Settings.from_env({})
    assert settings.telegram_api_url == DEFAULT_API_URL
    assert settings.knowledge_dir == Path("knowledge")
    assert settings.database_path == Path("var/bot.sqlite3")
    assert settings.admin_ids == frozenset()
    with pytest.raises(ConfigError, match="TELEGRAM_TOKEN is missing"):
        settings.require_token()


def test_every_documented_variable_is_read() -> None:
    settings = Settings.from_env({
        "TELEGRAM_TOKEN": "1:abc", "TELEGRAM_API_URL": "http://127.0.0.1:9000/bot/", "KNOWLEDGE_DIR": "k",
        "DATABASE_PATH": "db.sqlite3", "ADMIN_IDS": "12, 34", "WEBHOOK_URL": "https://bot.example/hook",
        "WEBHOOK_SECRET": "s3cret_-", "PORT": "8443", "POSTING_URL": "https://jobs.example/{stem}",
    })
    assert settings.require_token() == "1:abc"
    assert settings.telegram_api_url == "http://127.0.0.1:9000/bot"
    assert settings.knowledge_dir == Path("k") and settings.database_path == Path("db.sqlite3")
    assert settings.admin_ids == frozenset({12, 34})
    assert settings.require_webhook() == ("https://bot.example/hook", "s3cret_-")
    assert settings.port == 8443 and settings.posting_url == "https://jobs.example/{stem}"


@pytest.mark.parametrize("env,message", [
    ({"ADMIN_IDS": "12,bob"}, "ADMIN_IDS=12,bob is invalid: 'bob' is not a whole number"),
    ({"PORT": "http"}, "PORT=http is invalid"),
    ({"PORT": "70000"}, "PORT=70000 is not a TCP port"),
    ({"TELEGRAM_API_URL": "api.telegram.org"}, "TELEGRAM_API_URL=api.telegram.org is not an http"),
    ({"WEBHOOK_URL": "http://bot.example/hook"}, "WEBHOOK_URL=http://bot.example/hook must be an https"),
])
def test_an_invalid_variable_is_named_with_what_to_do(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        Settings.from_env(env)


def test_webhook_mode_needs_a_url_and_a_safe_secret() -> None:
    with pytest.raises(ConfigError, match="WEBHOOK_URL is missing"):
        Settings.from_env({}).require_webhook()
    with pytest.raises(ConfigError, match="WEBHOOK_SECRET is missing"):
        Settings.from_env({"WEBHOOK_URL": "https://x.example/h"}).require_webhook()
    with pytest.raises(ConfigError, match="WEBHOOK_SECRET must be"):
        Settings.from_env({"WEBHOOK_URL": "https://x.example/h", "WEBHOOK_SECRET": "with space"}).require_webhook()


def test_the_description_for_logs_masks_the_token() -> None:
    described = Settings.from_env({"TELEGRAM_TOKEN": "123456:SECRET-PART", "WEBHOOK_SECRET": "xyz"}).describe()
    assert "SECRET-PART" not in described and "xyz" not in described
    assert "1234…" in described
