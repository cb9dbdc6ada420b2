"""Telegram's text rules, apart from the conversation: the 4,096-character message limit (UTF-16) and the deep link
that opens the bot (no Telegram library here: the adapter, bot.app, uses these).

    split_message(reply.text)            # parts Telegram accepts, each with its HTML tags balanced
    answer_link("my_bot", token)         # https://t.me/my_bot?start=<token>
"""

from __future__ import annotations

from collections.abc import Sequence

MAX_MESSAGE_CHARS = 4096
MAX_ENTITY_CHARS = 10  # the longest HTML entity split_message keeps whole (&#x1F600; and shorter)


def answer_link(bot_username: str, token: str) -> str:
    """The link a recruiter opens to answer: the bot, started with the token."""
    return f"https://t.me/{bot_username or 'YOUR_BOT'}?start={token}"


def split_message(text: str, limit: int = MAX_MESSAGE_CHARS) -> Sequence[str]:
    """Cut a message into parts Telegram accepts (4,096 characters, counted as Telegram does: in UTF-16 code
    units, an emoji outside the BMP counting two), at line ends, else at spaces, never inside an HTML entity
    (&amp;) or tag, and with the tags a cut leaves open closed in each part."""
    if units(text) <= limit:
        return [text]
    room = limit - 40  # tags closed by _balance must still fit
    parts: list[str] = []
    current = ""
    for line in text.split("\n"):
        pieces = [line]
        while units(pieces[-1]) > room:  # a line longer than a message: cut it at a space
            long = pieces.pop()
            end = _within(long, room)
            cut = long.rfind(" ", 0, end)
            cut = _safe_cut(long, cut if cut > end // 2 else end)
            pieces += [long[:cut], long[cut:].lstrip()]
        for piece in pieces:
            joined = f"{current}\n{piece}" if current else piece
            if units(joined) > room and current:
                parts.append(current)
                current = piece
            else:
                current = joined
    if current:
        parts.append(current)
    return [_balance(part) for part in parts]


def units(text: str) -> int:
    """A text's length as Telegram counts it: UTF-16 code units."""
    return len(text) if text.isascii() else len(text.encode("utf-16-le")) // 2


def _within(text: str, room: int) -> int:
    """The longest beginning of a text (its length in characters) that is at most `room` UTF-16 code units."""
    if units(text) <= room:
        return len(text)
    count = 0
    for index, char in enumerate(text):
        count += 2 if ord(char) > 0xFFFF else 1
        if count > room:
            return index
    return len(text)


def _safe_cut(text: str, cut: int) -> int:
    """Move a cut back to the start of an entity (&amp;) or a tag (<b>) it would fall inside."""
    for opener, closer, longest in (("&", ";", MAX_ENTITY_CHARS), ("<", ">", cut)):
        start = text.rfind(opener, max(cut - longest, 0), cut)
        if start > 0 and text.find(closer, start, cut) == -1:
            cut = start
    return cut


def _balance(part: str) -> str:
    """Close a <blockquote> or <b> left open by a cut, and reopen nothing: each part stands alone."""
    for tag in ("blockquote", "pre", "code", "b", "i"):
        opened = part.count(f"<{tag}>") - part.count(f"</{tag}>")
        if opened > 0:
            part += f"</{tag}>" * opened
        elif opened < 0:
            part = f"<{tag}>" * -opened + part
    return part
