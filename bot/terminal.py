"""`python -m bot chat`: the candidate's conversation in a terminal, with no Telegram token.

Type a question or a command (/start, /postes, /aide); buttons are numbered, type [n] to press one.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path
from typing import TextIO

from .config import Settings
from .conversation import Button, Incoming, Reply
from .service import Service

_TAG = re.compile(r"<[^>]+>")
CHAT_ID = 1


async def _no_chat(chat_id: int, reply: Reply) -> None:
    """The terminal reaches no other chat (no outbox runs here)."""


def render(reply: Reply, first_number: int) -> tuple[str, list[Button]]:
    """A reply as plain text, its buttons numbered from first_number."""
    text = html.unescape(_TAG.sub("", reply.text.replace("<blockquote>", "\n  > ").replace("</blockquote>", "")))
    buttons = [b for row in reply.buttons for b in row]
    lines = [text]
    for n, button in enumerate(buttons, first_number):
        lines.append(f"  [{n}] {button.text}" + (f" <{button.url}>" if button.url else ""))
    return "\n".join(lines), buttons


async def chat(knowledge: Path, *, database: Path | None = None, source: TextIO | None = None,
               out: TextIO | None = None, language: str = "fr") -> int:
    """Run the conversation on standard input and output until end of input."""
    source = source or sys.stdin
    out = out or sys.stdout
    settings = Settings(knowledge_dir=knowledge, database_path=database or Path(":memory:"))
    service = await Service.start(settings, notify=_no_chat, bot_username=lambda: "", background=False,
                                  quiet=True)
    engine, conversation = service.engine, service.conversation
    try:
        buttons: list[Button] = []
        out.write(f"{len(engine.postings)} postings loaded from {knowledge}. Type /start, a question, or [n] "
                  "to press a button; Ctrl-D to quit.\n")
        for line in [*(["/start"]), *source]:
            text = line.strip()
            if not text:
                continue
            pressed = re.fullmatch(r"\[?(\d+)\]?", text)
            if pressed and buttons and 1 <= int(pressed.group(1)) <= len(buttons):
                button = buttons[int(pressed.group(1)) - 1]
                if button.url:
                    out.write(f"(open {button.url} in a browser)\n")
                    continue
                incoming = Incoming(CHAT_ID, language, callback=button.data)
            else:
                incoming = Incoming(CHAT_ID, language, text=text)
            buttons = []
            for reply in await conversation.handle(incoming):
                rendered, shown = render(reply, len(buttons) + 1)
                buttons.extend(shown)
                out.write(rendered + "\n")
            out.write("> " if source is sys.stdin else "")
            out.flush()
    finally:
        await service.stop()
    return 0
