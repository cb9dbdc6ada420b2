"""The real entry points: `python -m bot run` against the fake Bot API, `python -m bot chat`, `postings`."""

from __future__ import annotations

import asyncio
import io
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bot.terminal import chat
from conftest import KNOWLEDGE, PROJECT
from fake_bot_api import FakeBotApi, User

TOKEN = "123456:TEST-token"


@pytest.mark.asyncio
async def test_python_m_bot_run_answers_over_polling_and_stops_cleanly_on_sigint(tmp_path: Path) -> None:
    async with FakeBotApi(token=TOKEN) as api:
        env = {**os.environ, "TELEGRAM_TOKEN": TOKEN, "TELEGRAM_API_URL": api.base_url,
               "KNOWLEDGE_DIR": str(KNOWLEDGE), "DATABASE_PATH": str(tmp_path / "bot.sqlite3")}
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", cwd=PROJECT, env=env,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
        try:
            user = User(id=3001, first_name="Dominique")
            await api.wait_for_calls("setMyCommands", count=3, timeout=20)
            api.send_text(user, "/start 2021-08-30-sicoval-pm")
            [selected] = await api.wait_for_messages(user.id, timeout=10)
            api.send_text(user, "Le poste est-il en télétravail ?")
            [answer] = await api.wait_for_messages(user.id, timeout=10)
        finally:
            process.send_signal(signal.SIGINT)
            _, stderr = await asyncio.wait_for(process.communicate(), timeout=20)
    assert "Offre choisie" in (selected.text or "")
    assert "Poste en télétravail" in (answer.text or "")
    assert process.returncode == 0, stderr.decode()
    assert TOKEN not in stderr.decode()  # the token never reaches the logs


def test_python_m_bot_run_without_a_token_says_what_to_do() -> None:
    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_TOKEN"}
    result = subprocess.run([sys.executable, "-m", "bot", "run"], cwd=PROJECT, env=env, capture_output=True,
                            text=True, timeout=60, check=False)
    assert result.returncode == 2
    assert "TELEGRAM_TOKEN is missing" in result.stderr


@pytest.mark.asyncio
async def test_chat_runs_the_conversation_in_the_terminal() -> None:
    out = io.StringIO()
    lines = io.StringIO("/postes\n[2]\nLe poste est-il en télétravail ?\n")
    assert await chat(KNOWLEDGE, source=lines, out=out) == 0
    text = out.getvalue()
    assert "Toutes les offres (2)" in text
    assert "Offre choisie" in text
    assert "Poste en télétravail" in text


def test_postings_lists_slugs_titles_files_status_and_deep_links() -> None:
    result = subprocess.run([sys.executable, "-m", "bot", "postings", "--json", "--bot", "recruteur_bot",
                             "--knowledge", str(KNOWLEDGE)], cwd=PROJECT, capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    sicoval = next(r for r in rows if r["file"] == "2021-08-30-sicoval-pm.md")
    assert sicoval["slug"] == "2021-08-30-sicoval-pm"
    assert sicoval["open"] is False
    assert sicoval["link"] == "https://t.me/recruteur_bot?start=2021-08-30-sicoval-pm"
    assert "chef·fe de projet" in sicoval["title"]
