"""Before `run` or `webhook` hands over to python-telegram-bot: is Telegram reachable, is the token accepted?

    await reach_telegram(settings, attempts=5)   # raises StartupError with one clear line, never the token

A network failure is retried with a growing delay and a warning per attempt; a rejected token is not
retried. Imports Telegram: only the commands that talk to it load this module.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from telegram import Bot
from telegram.error import InvalidToken, NetworkError, TelegramError

from .config import Settings

logger = logging.getLogger(__name__)

FIRST_DELAY = 1.0  # seconds before the second attempt, doubled each time
MAX_DELAY = 30.0


class StartupError(Exception):
    """The bot cannot start; the message says what, where and what to do. status: the exit status."""

    def __init__(self, message: str, *, status: int) -> None:
        super().__init__(message)
        self.status = status


async def reach_telegram(settings: Settings, *, attempts: int = 5, first_delay: float = FIRST_DELAY,
                         sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> str:
    """Ask Telegram who the bot is (getMe), retrying network failures; return the bot's username."""
    token = settings.require_token()
    host = urlsplit(settings.telegram_api_url).netloc or settings.telegram_api_url
    delay = first_delay
    for attempt in range(1, max(1, attempts) + 1):
        try:
            async with Bot(token, base_url=settings.telegram_api_url) as bot:
                return bot.username
        except InvalidToken:
            raise StartupError(f"Telegram ({host}) rejected TELEGRAM_TOKEN: copy the token again from "
                               "@BotFather (/mybots, API Token)", status=2) from None
        except NetworkError as exc:  # includes time-outs; PTB puts no token in these messages
            reason = _clean(str(exc), token)
            if attempt >= attempts:
                raise StartupError(f"cannot reach Telegram at {host} after {attempts} attempt(s) ({reason}): "
                                   "check the network (or TELEGRAM_API_URL) and start again", status=1) from None
            logger.warning("cannot reach Telegram at %s (attempt %d of %d: %s); retrying in %.0f s",
                           host, attempt, attempts, reason, delay)
            await sleep(delay)
            delay = min(delay * 2, MAX_DELAY)
        except TelegramError as exc:
            raise StartupError(f"Telegram ({host}) refused to start the bot: {_clean(str(exc), token)}",
                               status=1) from None
    raise AssertionError("unreachable")  # pragma: no cover


def _clean(text: str, token: str) -> str:
    """A message without the token in it, on one line."""
    return " ".join(text.replace(token, "<TELEGRAM_TOKEN>").split()) if token else " ".join(text.split())
