"""Two bot processes in webhook mode on one PostgreSQL database, behind a router that spreads the updates
over both, as a platform does with `web` scaled to 2 (or during a rolling deploy).

Real processes (`python -m bot webhook`), the fake Bot API delivering to the router's URL, a real aiosmtpd
server counting the mails, a throwaway PostgreSQL server. 200 candidates: each opens a posting and asks a
question the posting answers; 100 of them also ask one it cannot answer and forward it. Every question is
answered once, every forward mailed exactly once, and neither process logs an error.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
import signal
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from bot.config import Settings
from bot.storage import ForwardStatus
from conftest import PROJECT, stored
from fake_bot_api import Call, FakeBotApi, User
from smtp_server import SmtpServer, free_port
from test_bot_e2e import TOKEN, button_data, knowledge_folder
from test_forwarding_e2e import ALPHA

pytestmark = pytest.mark.asyncio
CANDIDATES = 200
FORWARDS = 100
SECRET = "router-s3cret"
TIMEOUT = 240.0  # seconds for the whole exchange, on a loaded 2-core machine


@contextlib.asynccontextmanager
async def router(backends: list[int], spread: Counter[int]) -> AsyncIterator[str]:
    """An HTTP router on 127.0.0.1 sending each request to the next backend in turn (counted in spread): its
    URL."""
    turns = itertools.cycle(backends)
    session = aiohttp.ClientSession()

    async def forward(request: web.Request) -> web.Response:
        port = next(turns)
        spread[port] += 1
        headers = {k: v for k, v in request.headers.items() if k.lower().startswith(("x-telegram", "content-type"))}
        async with session.post(f"http://127.0.0.1:{port}{request.path}", data=await request.read(),
                                headers=headers) as answer:
            return web.Response(status=answer.status, body=await answer.read())

    app = web.Application()
    app.router.add_post("/{tail:.*}", forward)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        yield f"http://127.0.0.1:{port}/telegram"
    finally:
        await runner.cleanup()
        await session.close()


async def healthy(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    async with aiohttp.ClientSession() as http:
        while True:
            with contextlib.suppress(aiohttp.ClientError):
                async with http.get(f"http://127.0.0.1:{port}/healthz") as answer:
                    if answer.status == 200:
                        return
            assert time.monotonic() < deadline, f"the bot on port {port} did not become healthy"
            await asyncio.sleep(0.2)


async def wait_until(condition: object, what: str, timeout: float = TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.2)


async def test_two_webhook_processes_on_one_database_answer_every_question_once_and_mail_every_forward_once(
        tmp_path: Path, api: FakeBotApi, smtp: SmtpServer, pg_url: str) -> None:
    ports = [free_port(), free_port()]
    users = [User(id=70_000 + n, first_name=f"C{n}", language_code="fr") for n in range(CANDIDATES)]
    forwarders = users[:FORWARDS]
    spread: Counter[int] = Counter()
    async with router(ports, spread) as url:
        env = {**os.environ, "TELEGRAM_TOKEN": TOKEN, "TELEGRAM_API_URL": api.base_url,
               "KNOWLEDGE_DIR": str(knowledge_folder(tmp_path)), "DATABASE_URL": pg_url,
               "DATABASE_PATH": str(tmp_path / "unused.sqlite3"), "WEBHOOK_URL": url, "WEBHOOK_SECRET": SECRET,
               "HOST": "127.0.0.1", "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(smtp.port), "SMTP_TLS": "none",
               "MAIL_FROM": "bot@example.org", "RATE_LIMIT_PER_MINUTE": "0"}
        processes = [await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "webhook", cwd=PROJECT, env={**env, "PORT": str(port)},
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE) for port in ports]
        logs: list[bytes] = []
        try:
            for port in ports:
                await healthy(port)
            for user in users:
                api.send_text(user, f"/start {ALPHA}")
            await wait_until(lambda: all(len(api.messages_to(u.id)) >= 1 for u in users), "the welcomes")
            for user in users:
                api.send_text(user, "télétravail ?")
            for user in forwarders:
                api.send_text(user, "Y a des tickets resto ?")
            await wait_until(lambda: all(len(api.messages_to(u.id)) >= (3 if u in forwarders else 2) for u in users),
                             "the answers")
            for user in forwarders:
                abstention, data = with_button(api, user, "f:")
                api.press_button(user, abstention, data)
            await wait_until(lambda: all(len(api.messages_to(u.id)) >= 4 for u in forwarders), "the consents")
            for user in forwarders:
                consent, data = with_button(api, user, "fa:")
                api.press_button(user, consent, data)
            await wait_until(lambda: len(smtp.received) >= FORWARDS, "the mails")
            await wait_until(lambda: all(len(api.messages_to(u.id)) >= 6 for u in forwarders), "the notices")
            await asyncio.sleep(2.0)  # time for a duplicate to show, if there were one
        finally:
            for process in processes:
                if process.returncode is None:
                    process.send_signal(signal.SIGINT)
            for process in processes:
                _, err = await asyncio.wait_for(process.communicate(), timeout=60)
                logs.append(err)
    per_user = {u.id: len(api.messages_to(u.id)) for u in users}  # no question answered twice, none left out
    assert all(per_user[u.id] == (6 if u in forwarders else 2) for u in users), per_user
    assert all(sum("Télétravail" in (m.text or "") for m in api.messages_to(u.id)) == 1 for u in users)
    assert min(spread.values()) > len(users)  # both processes took a good share of the updates
    mailed = Counter(m.message["Message-ID"] for m in smtp.received)
    assert len(mailed) == FORWARDS and set(mailed.values()) == {1}  # every forward mailed exactly once
    settings = Settings(database_url=pg_url)
    async with stored(settings) as storage:
        questions = await storage.questions()
        sent = await storage.forwards(statuses=[ForwardStatus.SENT])
    assert len(questions) == CANDIDATES + FORWARDS and len(sent) == FORWARDS
    for err in logs:
        text = err.decode(errors="replace")
        assert " ERROR " not in text and "Traceback" not in text, text[-3000:]


def with_button(fake: FakeBotApi, user: User, prefix: str) -> tuple[Call, str]:
    """The latest message to the user with a button whose data starts with prefix, and that data."""
    for message in reversed(fake.messages_to(user.id)):
        found = [d for d in button_data(message) if d.startswith(prefix)]
        if found:
            return message, found[0]
    raise AssertionError(f"no button {prefix}... sent to {user.id}")


@contextlib.asynccontextmanager
async def black_hole() -> AsyncIterator[int]:
    """A TCP server on 127.0.0.1 that accepts connections and never says a word (an SMTP server hanging): its
    port."""
    held: list[asyncio.StreamWriter] = []

    async def hold(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        held.append(writer)

    server = await asyncio.start_server(hold, "127.0.0.1", 0)
    try:
        yield int(server.sockets[0].getsockname()[1])
    finally:
        for writer in held:
            writer.close()
        server.close()
        await server.wait_closed()


async def test_a_forward_claimed_by_a_process_killed_with_sigkill_is_mailed_once_by_the_other_after_its_lease(
        tmp_path: Path, api: FakeBotApi, smtp: SmtpServer, pg_url: str) -> None:
    """The first process claims the forward and hangs on its SMTP server; it is killed (SIGKILL) holding the
    claim. The second process, running all along, takes the forward over once the lease ran out, and mails
    it once."""
    lease = 4
    candidate = User(id=71_001, first_name="Kim", language_code="fr")
    ports = [free_port(), free_port()]
    async with black_hole() as hanging_smtp:
        base = {**os.environ, "TELEGRAM_TOKEN": TOKEN, "TELEGRAM_API_URL": api.base_url,
                "KNOWLEDGE_DIR": str(knowledge_folder(tmp_path)), "DATABASE_URL": pg_url, "WEBHOOK_SECRET": SECRET,
                "HOST": "127.0.0.1", "SMTP_TLS": "none", "MAIL_FROM": "bot@example.org",
                "FORWARD_LEASE_SECONDS": str(lease)}
        survivor_env = {**base, "PORT": str(ports[1]), "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(smtp.port),
                        "WEBHOOK_URL": f"http://127.0.0.1:{ports[1]}/telegram"}
        doomed_env = {**base, "PORT": str(ports[0]), "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(hanging_smtp),
                      "WEBHOOK_URL": f"http://127.0.0.1:{ports[0]}/telegram"}
        survivor = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "webhook", cwd=PROJECT,
                                                        env=survivor_env, stderr=asyncio.subprocess.PIPE,
                                                        stdout=asyncio.subprocess.DEVNULL)
        doomed: asyncio.subprocess.Process | None = None
        try:
            await healthy(ports[1])
            doomed = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "webhook", cwd=PROJECT,
                                                          env=doomed_env, stdout=asyncio.subprocess.DEVNULL,
                                                          stderr=asyncio.subprocess.DEVNULL)
            await healthy(ports[0])
            await wait_until(lambda: api.webhook_url.startswith(f"http://127.0.0.1:{ports[0]}/"), "the webhook")
            await forward_to_the_doomed(api, candidate)
            owner = f":{doomed.pid}"
            await wait_until_claimed(pg_url, owner)
            doomed.send_signal(signal.SIGKILL)
            await asyncio.wait_for(doomed.wait(), timeout=10)
            killed_at = time.monotonic()
            await wait_until(lambda: len(smtp.received) >= 1, "the mail from the other process", timeout=60)
            taken_over_after = time.monotonic() - killed_at
            await asyncio.sleep(2.0)
        finally:
            if doomed is not None and doomed.returncode is None:
                doomed.send_signal(signal.SIGKILL)
                await doomed.wait()
            survivor.send_signal(signal.SIGINT)
            _, err = await asyncio.wait_for(survivor.communicate(), timeout=60)
    async with stored(Settings(database_url=pg_url)) as storage:
        [forward] = await storage.forwards()
    assert len(smtp.received) == 1 and forward.status == ForwardStatus.SENT
    assert forward.attempts == 2  # the killed process's attempt, then the survivor's
    assert taken_over_after > lease - 2  # not before the lease ran out (the claim was taken a moment before the kill)
    assert "Traceback" not in err.decode(errors="replace")


async def forward_to_the_doomed(fake: FakeBotApi, user: User) -> None:
    """The candidate opens Alpha, asks what it does not say, and forwards it (the updates go to the doomed one)."""
    fake.send_text(user, f"/start {ALPHA}")
    await wait_until(lambda: len(fake.messages_to(user.id)) >= 1, "the welcome", timeout=30)
    fake.send_text(user, "Y a des tickets resto ?")
    await wait_until(lambda: len(fake.messages_to(user.id)) >= 2, "the abstention", timeout=30)
    message, data = with_button(fake, user, "f:")
    fake.press_button(user, message, data)
    await wait_until(lambda: len(fake.messages_to(user.id)) >= 3, "the consent", timeout=30)
    message, data = with_button(fake, user, "fa:")
    fake.press_button(user, message, data)


async def wait_until_claimed(url: str, owner: str) -> None:
    """Until a forward is being delivered by the owner whose name ends so (host:pid)."""
    deadline = time.monotonic() + 30
    async with stored(Settings(database_url=url)) as storage:
        while not any(f.status == ForwardStatus.SENDING for f in await storage.forwards()) \
                or not any(c.endswith(owner) for c in await storage.forward_claimers()):
            assert time.monotonic() < deadline, "the first process did not claim the forward"
            await asyncio.sleep(0.05)
