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

import aiohttp
import pytest

from bot.terminal import chat
from conftest import KNOWLEDGE, PROJECT
from fake_bot_api import FakeBotApi, User, free_port

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


@pytest.mark.asyncio
@pytest.mark.parametrize("command", ["run", "webhook"])
@pytest.mark.parametrize("held", ["setMyCommands", "deleteWebhook"])
async def test_a_sigint_during_start_up_stops_the_bot_cleanly(tmp_path: Path, command: str, held: str) -> None:
    """Ctrl-C while the bot is still starting (registering its commands, or making sure no webhook is set before
    it polls; `webhook` without WEBHOOK_URL polls) stops it with exit status 0 and no traceback, as it does once
    it runs."""
    async with FakeBotApi(token=TOKEN) as api:
        api.hold(held)
        env = {**os.environ, "TELEGRAM_TOKEN": TOKEN, "TELEGRAM_API_URL": api.base_url, "HOST": "127.0.0.1",
               "PORT": str(free_port()), "KNOWLEDGE_DIR": str(KNOWLEDGE),
               "DATABASE_PATH": str(tmp_path / "bot.sqlite3")}
        env.pop("WEBHOOK_URL", None)
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", command, cwd=PROJECT, env=env,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
        try:
            await api.wait_for_calls(held, timeout=30)
            process.send_signal(signal.SIGINT)
            await asyncio.sleep(0.5)  # the signal lands while the call is held
        finally:
            api.release(held)
            _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    assert process.returncode == 0, stderr.decode()
    assert "Traceback" not in stderr.decode()
    if held == "setMyCommands":  # it stopped before polling: no update was fetched and lost
        assert api.poll_count == 0


@pytest.mark.asyncio
async def test_python_m_bot_webhook_answers_with_the_secret_and_refuses_without(tmp_path: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram"
    async with FakeBotApi(token=TOKEN) as api:
        env = {**os.environ, "TELEGRAM_TOKEN": TOKEN, "TELEGRAM_API_URL": api.base_url, "HOST": "127.0.0.1",
               "PORT": str(port), "WEBHOOK_URL": url, "WEBHOOK_SECRET": "s3cret",
               "KNOWLEDGE_DIR": str(KNOWLEDGE), "DATABASE_PATH": str(tmp_path / "bot.sqlite3")}
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "webhook", cwd=PROJECT, env=env,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
        try:
            await api.wait_for_calls("setWebhook", timeout=20)
            user = User(id=3002, first_name="Sacha")
            api.send_text(user, "/aide")
            [reply] = await api.wait_for_messages(user.id, timeout=15)
            async with aiohttp.ClientSession() as http:
                update = {"update_id": 5, "message": {"message_id": 1, "date": 1_700_000_000, "text": "/aide",
                                                       "chat": {"id": 1, "type": "private"}}}
                wrong = await http.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "nope"})
                missing = await http.post(url, json=update)
                health = await http.get(f"http://127.0.0.1:{port}/healthz")
                health_body = await health.json()
        finally:
            process.send_signal(signal.SIGINT)
            _, stderr = await asyncio.wait_for(process.communicate(), timeout=20)
    assert api.webhook_url == url and api.webhook_secret == "s3cret"
    assert "Exemples" in (reply.text or "")
    assert wrong.status == 403 and missing.status == 403
    assert health.status == 200 and health_body == {"ok": True, "postings": 2, "problems": 0}
    assert process.returncode == 0, stderr.decode()


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


@pytest.mark.asyncio
async def test_python_m_bot_webhook_without_webhook_url_polls_and_answers_health_checks_on_port(
        tmp_path: Path) -> None:
    """The platforms start the `web` process by default: before WEBHOOK_URL is set it must still work."""
    port = free_port()
    async with FakeBotApi(token=TOKEN) as api:
        env = {**os.environ, "TELEGRAM_TOKEN": TOKEN, "TELEGRAM_API_URL": api.base_url, "HOST": "127.0.0.1",
               "PORT": str(port), "KNOWLEDGE_DIR": str(KNOWLEDGE), "DATABASE_PATH": str(tmp_path / "bot.sqlite3")}
        env.pop("WEBHOOK_URL", None)
        env.pop("WEBHOOK_SECRET", None)
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "webhook", cwd=PROJECT, env=env,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
        try:
            user = User(id=3003, first_name="Lou")
            api.send_text(user, "/aide")
            [reply] = await api.wait_for_messages(user.id, timeout=30)
            async with aiohttp.ClientSession() as http:
                health = await http.get(f"http://127.0.0.1:{port}/healthz")
                health_body = await health.json()
        finally:
            process.send_signal(signal.SIGINT)
            _, stderr = await asyncio.wait_for(process.communicate(), timeout=20)
    assert "Exemples" in (reply.text or "")
    assert health.status == 200 and health_body == {"ok": True, "postings": 2, "problems": 0}
    assert "WEBHOOK_URL is not set: polling Telegram" in stderr.decode()
    assert process.returncode == 0, stderr.decode()
