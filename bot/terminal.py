"""`python -m bot chat`: the candidate's conversation in a terminal, with no Telegram token.

Type a question or a command (/start, /postes, /aide); buttons are numbered, type [n] (or n) to press one.
Each line is answered as soon as it is typed. On a terminal, the line can be edited and earlier lines
recalled with the arrow keys (the standard readline module); piped input is read line by line, with no
prompt, so that scripts can drive it. The language follows the same rules as on Telegram: French by default,
English for an English question, or `--lang en` as a Telegram user's language would.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from .config import Settings
from .conversation import Button, Conversation, Incoming, Reply
from .engine import Engine
from .identity import TERMINAL, ChatId, chat_key
from .service import Service

_TAG = re.compile(r"<[^>]+>")
_QUOTE = re.compile(r"<blockquote>(.*?)</blockquote>", re.DOTALL)
_PRESS = re.compile(r"\[?(\d+)\]?")
CHAT_ID = chat_key(TERMINAL, 1)
PROMPT = "> "


async def _no_chat(chat_id: ChatId, reply: Reply) -> None:
    """The terminal reaches no other chat (no outbox runs here)."""


def render(reply: Reply, first_number: int) -> tuple[str, list[Button]]:
    """A reply as plain text, every quoted line marked with '>', its buttons numbered from first_number."""

    def quote(match: re.Match[str]) -> str:
        before = "" if match.start() == 0 or reply.text[match.start() - 1] == "\n" else "\n"
        return before + "\n".join(f"  > {line}" for line in match.group(1).split("\n"))

    text = html.unescape(_TAG.sub("", _QUOTE.sub(quote, reply.text)))
    buttons = [b for row in reply.buttons for b in row]
    lines = [text]
    for n, button in enumerate(buttons, first_number):
        lines.append(f"  [{n}] {button.text}" + (f" <{button.url}>" if button.url else ""))
    return "\n".join(lines), buttons


def line_reader(source: TextIO, out: TextIO) -> Callable[[], str | None]:
    """A function returning the next line typed (None at the end of input): on a terminal with a prompt,
    line editing and history; else read as it comes, line by line."""
    if source is sys.stdin and _is_tty(source) and _is_tty(out):
        with contextlib.suppress(ImportError):  # not on every platform; input() still works without it
            import readline  # noqa: F401  (importing it gives input() line editing and history)

        def typed() -> str | None:
            try:
                return input(PROMPT)
            except (EOFError, KeyboardInterrupt):  # Ctrl-D or Ctrl-C: the end of the chat
                out.write("\n")
                return None

        return typed

    def piped() -> str | None:
        line = source.readline()
        return line if line else None

    return piped


async def chat(knowledge: Path, *, database: Path | None = None, source: TextIO | None = None,
               out: TextIO | None = None, language: str | None = None, first_name: str = "",
               engine: Engine | None = None) -> int:
    """Run the conversation on standard input and output until end of input; each line answered at once.

    language: the user's language as Telegram would give it (None: French unless the question is English);
    first_name: offered to sign a forwarded question, as Telegram's profile name is;
    engine: the knowledge already loaded from that folder, if it was.
    """
    source = source or sys.stdin
    out = out or sys.stdout
    loaded: Engine = engine if engine is not None else await asyncio.to_thread(Engine.load, knowledge)
    read = line_reader(source, out)
    settings = Settings(knowledge_dir=knowledge, database_path=database or Path(":memory:"))
    service = await Service.start(settings, notify=_no_chat, answer_link=lambda token: "", engine=loaded,
                                  background=False, quiet=True)
    conversation = service.conversation
    try:
        out.write(f"{len(loaded.postings)} postings loaded from {knowledge}. Type /start, a question, or [n] "
                  "to press a button; Ctrl-D to quit.\n")
        buttons = await _exchange(conversation, Incoming(CHAT_ID, language, text="/start", first_name=first_name),
                                  out)
        while (line := read()) is not None:  # one line at a time: never waits for the end of input
            text = line.strip()
            if not text:
                continue
            pressed = _PRESS.fullmatch(text)
            if pressed and buttons and 1 <= int(pressed.group(1)) <= len(buttons):
                button = buttons[int(pressed.group(1)) - 1]
                if button.url:
                    out.write(f"(open {button.url} in a browser)\n")
                    out.flush()
                    continue
                incoming = Incoming(CHAT_ID, language, callback=button.data, first_name=first_name)
            else:
                incoming = Incoming(CHAT_ID, language, text=text, first_name=first_name)
            buttons = await _exchange(conversation, incoming, out)
    finally:
        await service.stop()
    return 0


async def _exchange(conversation: Conversation, incoming: Incoming, out: TextIO) -> list[Button]:
    """Hand one line to the conversation, print its replies at once; return their buttons, numbered."""
    buttons: list[Button] = []
    for reply in await conversation.handle(incoming):
        rendered, shown = render(reply, len(buttons) + 1)
        buttons.extend(shown)
        out.write(rendered + "\n")
    out.flush()
    return buttons


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
