"""A reply Telegram fails to take for a moment is sent again, end to end (real PTB app, fake Bot API).

A 5xx answer or a network error on sendMessage is retried with a growing delay; a 429 beyond the rate
limiter's own three retries is retried when Telegram says. Either way the candidate gets the reply once.
"""

from __future__ import annotations

import pytest

from bot.config import Settings
from fake_bot_api import FakeBotApi, User
from test_bot_e2e import running, settings  # noqa: F401 (fixtures)

GAEL = User(id=7501, first_name="Gaël", language_code="fr")


@pytest.mark.asyncio
@pytest.mark.parametrize("status", [500, 502, 503])
async def test_a_send_failing_once_with_a_server_error_is_retried_and_the_reply_arrives(
        api: FakeBotApi, settings: Settings, status: int) -> None:  # noqa: F811
    async with running(settings):
        api.fail_next("sendMessage", status)
        api.send_text(GAEL, "/aide")
        [reply] = await api.wait_for_messages(GAEL.id, timeout=30)
    assert [c.error_code for c in api.calls("sendMessage")] == [status, None]
    assert "Exemples" in (reply.text or "")


@pytest.mark.asyncio
async def test_four_429_in_a_row_are_retried_and_the_reply_arrives(
        api: FakeBotApi, settings: Settings) -> None:  # noqa: F811
    async with running(settings):  # the default settings use PTB's AIORateLimiter: 3 retries of its own
        api.fail_next("sendMessage", 429, retry_after=1, times=4)
        api.send_text(GAEL, "/aide")
        [reply] = await api.wait_for_messages(GAEL.id, timeout=60)
    assert [c.error_code for c in api.calls("sendMessage")] == [429, 429, 429, 429, None]
    assert "Exemples" in (reply.text or "")



@pytest.fixture
def database() -> dict[str, object]:
    """These tests need not run on every backend (conftest.database): SQLite only."""
    return {}
