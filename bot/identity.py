"""Who talks to the bot: a chat on some channel, named by one string, "channel:id".

    chat = chat_key(TELEGRAM, 2001)        # "telegram:2001"
    split_chat(chat)                       # ("telegram", "2001")

The id is the channel's own, opaque to the rest of the bot (a Telegram chat id, a Matrix room id, a web
session id...): only the channel's adapter makes or reads it. Storage, conversation and outbox keep and
compare the whole key.
"""

from __future__ import annotations

ChatId = str  # "channel:opaque id"
TELEGRAM = "telegram"
TERMINAL = "terminal"


def chat_key(channel: str, local_id: str | int) -> ChatId:
    """The key of a chat: its channel and its id on that channel."""
    if not channel or ":" in channel:
        raise ValueError(f"a channel name is a non-empty word without ':', not {channel!r}")
    return f"{channel}:{local_id}"


def split_chat(chat: ChatId) -> tuple[str, str]:
    """The channel of a chat key and its id on that channel ("" and the key for a key without a channel)."""
    channel, sep, local_id = chat.partition(":")
    return (channel, local_id) if sep else ("", chat)
