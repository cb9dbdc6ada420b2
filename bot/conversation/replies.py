"""What the conversation takes and gives, whatever the channel: an Incoming message, Replies with Buttons."""

from __future__ import annotations

from dataclasses import dataclass

from ..identity import ChatId


@dataclass(frozen=True)
class Button:
    """An inline button: callback data, or a URL to open."""

    text: str
    data: str = ""
    url: str = ""


@dataclass(frozen=True)
class Reply:
    """One message to send, whatever the channel: text in a small HTML subset (b, i, blockquote, escaped
    entities) that each channel renders its own way, and rows of buttons (choices, or links); to the chat
    spoken to unless chat_id says; with an image (PNG bytes), a photo whose caption is the text. Cutting to
    a channel's size limit is the channel's job (bot.telegram_text for Telegram)."""

    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    chat_id: ChatId | None = None
    image: bytes | None = None


@dataclass(frozen=True)
class Incoming:
    """What a candidate sent: free text (commands included) or the data of a pressed button."""

    chat_id: ChatId  # the chat's channel and its id there, "telegram:2001" (bot.identity)
    language_code: str | None = None
    text: str = ""
    callback: str = ""
    first_name: str = ""  # offered to the candidate as a signature; stored only if they choose it
