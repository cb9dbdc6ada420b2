"""`python -m bot chat` as a person uses it: in a real (pseudo-)terminal, each line answered as it is typed,
with line editing and history; and as a script uses it: piped, line by line."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pexpect
import pytest
from pexpect.popen_spawn import PopenSpawn

from bot.conversation import Button, Reply
from bot.terminal import chat, render
from conftest import KNOWLEDGE, PROJECT

TIMEOUT = 30  # seconds for one reply: generous, the machine is shared


@pytest.fixture
def terminal() -> Iterator[pexpect.spawn]:
    """`python -m bot chat` in a pseudo-terminal, French by default, signing as Alice."""
    env = {**os.environ, "TERM": "dumb", "KNOWLEDGE_DIR": str(KNOWLEDGE), "PYTHONUNBUFFERED": "1"}
    child = pexpect.spawn(sys.executable, ["-m", "bot", "chat", "--name", "Alice"], cwd=str(PROJECT), env=env,
                          encoding="utf-8", timeout=TIMEOUT, dimensions=(40, 200))
    try:
        child.expect("postings loaded")
        child.expect("\r\n> ")  # the prompt, after the welcome and the list
        yield child
    finally:
        child.close(force=True)


def test_each_line_typed_is_answered_before_the_next_is_typed(terminal: pexpect.spawn) -> None:
    terminal.sendline("/postes")
    terminal.expect("Toutes les offres \\(2\\)")
    terminal.expect("\r\n> ")
    terminal.sendline("2")
    terminal.expect("Offre choisie : un.e chef·fe de projet")
    terminal.expect("\r\n> ")
    terminal.sendline("Le poste est-il en télétravail ?")
    terminal.expect("  > Poste en télétravail")
    terminal.expect("\r\n> ")
    terminal.sendeof()
    terminal.expect(pexpect.EOF)
    terminal.wait()
    assert terminal.exitstatus == 0


def test_the_line_can_be_edited_and_an_earlier_line_recalled(terminal: pexpect.spawn) -> None:
    terminal.sendline("/postes")
    terminal.expect("\r\n> ")
    terminal.sendline("2")
    terminal.expect("Offre choisie")
    terminal.expect("\r\n> ")
    terminal.send("Le poste est-il en télétrzz\x7f\x7favail ?\r")  # two typos erased with backspace
    terminal.expect("  > Poste en télétravail")
    terminal.expect("\r\n> ")
    terminal.send("/aide\r")
    terminal.expect("Comment ça marche")
    terminal.expect("\r\n> ")
    terminal.send("\x1b[A\x1b[A\r")  # up arrow twice: the question again
    terminal.expect("  > Poste en télétravail")


def test_the_forward_dialogue_stays_in_english_and_offers_to_sign(terminal: pexpect.spawn) -> None:
    terminal.sendline("/postes")
    terminal.expect("\r\n> ")
    terminal.sendline("2")
    terminal.expect("\r\n> ")
    terminal.sendline("What is the salary?")
    terminal.expect("does not say")
    terminal.expect(r"\[1\] 📨 Forward my question")
    terminal.expect("\r\n> ")
    terminal.sendline("1")
    terminal.expect("I will forward to")
    terminal.expect("  > What is the salary\\?")
    terminal.expect("Send signed “Alice”")
    terminal.expect("\r\n> ")
    terminal.sendline("2")
    terminal.expect("your question is on its way")


def test_small_talk_in_the_terminal_gets_a_kind_reply_and_no_forward(terminal: pexpect.spawn) -> None:
    terminal.sendline("merci !")
    terminal.expect("Avec plaisir")
    terminal.expect("/postes")
    terminal.expect("\r\n> ")
    terminal.sendline("hello")
    terminal.expect("Hello!")
    terminal.expect("\r\n> ")
    assert "Transmettre" not in (terminal.before or "") and "Forward" not in (terminal.before or "")


def test_piped_input_is_answered_line_by_line_for_scripts() -> None:
    child = PopenSpawn([sys.executable, "-m", "bot", "chat", "--knowledge", str(KNOWLEDGE)], cwd=str(PROJECT),
                       encoding="utf-8", timeout=TIMEOUT)
    child.logfile_read = seen = io.StringIO()
    try:
        child.expect("postings loaded")
        child.sendline("/aide")  # the input stays open: the answer must come before the end of input
        child.expect("Comment ça marche")
        child.sendeof()
        child.expect(pexpect.EOF)
        assert child.wait() == 0
    finally:
        if child.proc.poll() is None:
            child.kill(9)
    assert not any(line.startswith("> ") for line in seen.getvalue().splitlines())  # no prompt for scripts


def test_every_quoted_line_is_marked() -> None:
    reply = Reply("From the posting:\n<blockquote>first line\nsecond line</blockquote>\nafter",
                  ((Button("Full posting", url="https://example.org/p"),),))
    text, buttons = render(reply, 1)
    assert text.splitlines() == ["From the posting:", "  > first line", "  > second line", "after",
                                 "  [1] Full posting <https://example.org/p>"]
    assert buttons == [Button("Full posting", url="https://example.org/p")]


@pytest.mark.asyncio
async def test_a_question_in_english_gets_the_forward_dialogue_in_english() -> None:
    out = io.StringIO()
    lines = io.StringIO("/start 2021-08-30-sicoval-pm\nWhat is the salary?\n1\n")
    assert await chat(KNOWLEDGE, source=lines, out=out, first_name="Alice") == 0
    text = out.getvalue()
    assert "I will forward to" in text and "Send anonymously" in text and "Send signed “Alice”" in text
    assert "Je vais transmettre" not in text


def test_chat_without_a_first_name_offers_anonymous_only(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "bot", "chat", "--name", "", "--knowledge", str(KNOWLEDGE)],
                            input="/start 2021-08-30-sicoval-pm\nc'est payé combien ?\n1\n", cwd=PROJECT,
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert "Envoyer anonymement" in result.stdout and "Envoyer en signant" not in result.stdout
