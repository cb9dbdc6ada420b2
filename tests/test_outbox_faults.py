"""Outbox faults: every failed delivery ends retried or reported, never stuck in 'sending'.

End to end (the real PTB Application against the fake Bot API, mail to aiosmtpd): Telegram answering 500 for
a linked recruiter, a recruiter who blocked the bot. Then two outboxes on one SQLite file (a rolling deploy)
with a slow SMTP server: the mail goes once.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import subprocess
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.config import Settings
from bot.conversation import Reply
from bot.engine import Engine
from bot.identity import TELEGRAM, chat_key
from bot.mail import MailSettings
from bot.mailer import Mailer
from bot.outbox import Outbox, OutboxSettings, owner_is_gone
from bot.storage.sqlite import Store
from conftest import stored
from fake_bot_api import FakeBotApi, User
from smtp_server import Recorder, SmtpServer
from test_bot_e2e import button_data, say
from test_bot_e2e import running as running_bot
from test_forwarding_e2e import (  # noqa: F401 (fixtures)
    CANDIDATE,
    CONTACT,
    LINK,
    forward_question,
    settings,
    wait_for_mail,
    wait_for_text,
)

RECRUITER = User(id=5101, first_name="Rita", language_code="fr")


async def link_recruiter(settings: Settings, chat_id: int, email: str) -> None:  # noqa: F811
    """The recruiter linked their Telegram account to the posting's contact address (done before the run)."""
    async with await Store.open(settings.database_path) as store:
        await store.link_recruiter(chat_key(TELEGRAM, chat_id), email)


async def forward_rows(settings: Settings) -> list[tuple[str, str, str]]:  # noqa: F811
    """Each forward's status, channel and last error, oldest first."""
    async with stored(settings) as storage:
        return [(f.status, f.channel, f.last_error) for f in await storage.forwards()]


async def wait_for_status(settings: Settings, status: str, timeout: float = 15.0) -> None:  # noqa: F811
    deadline = time.monotonic() + timeout
    while [row[0] for row in await forward_rows(settings)] != [status]:
        assert time.monotonic() < deadline, f"forwards: {await forward_rows(settings)}, expected one {status!r}"
        await asyncio.sleep(0.05)


# --- Telegram delivery to a linked recruiter ----------------------------------------------------------------

@pytest.mark.asyncio
async def test_a_telegram_500_for_the_recruiter_is_retried_and_the_forward_delivered(
        api: FakeBotApi, settings: Settings, smtp: SmtpServer) -> None:  # noqa: F811
    await link_recruiter(settings, RECRUITER.id, CONTACT)
    async with running_bot(settings):
        await say(api, RECRUITER, "/aide")
        api.fail_next("sendMessage", 500, "Internal Server Error", chat_id=RECRUITER.id)
        await forward_question(api, CANDIDATE, "C'est payé combien ?")
        await wait_for_status(settings, "sent")
        sent = await wait_for_text(api, CANDIDATE, "transmise")
    failed = [c for c in api.calls("sendMessage") if c.chat_id == RECRUITER.id and not c.ok]
    assert [c.error_code for c in failed] == [500]  # the first try failed, the retry went through
    [question] = [m for m in api.messages_to(RECRUITER.id) if any(d.startswith("ans:") for d in button_data(m))]
    assert "C'est payé combien ?" in (question.text or "")
    assert "transmise" in (sent.text or "")
    assert await forward_rows(settings) == [("sent", "telegram", "")]
    assert smtp.received == []  # a passing Telegram error is retried in Telegram, not mailed


@pytest.mark.asyncio
async def test_a_recruiter_who_blocked_the_bot_gets_the_forward_by_email(
        api: FakeBotApi, settings: Settings, smtp: SmtpServer) -> None:  # noqa: F811
    await link_recruiter(settings, RECRUITER.id, CONTACT)
    async with running_bot(settings):
        await say(api, RECRUITER, "/aide")
        api.block_chat(RECRUITER.id)
        await forward_question(api, CANDIDATE, "C'est payé combien ?")
        await wait_for_mail(smtp)
        sent = await wait_for_text(api, CANDIDATE, "transmise")
        await wait_for_status(settings, "sent")
    [mail] = smtp.received
    assert mail.rcpt_tos == [CONTACT]
    assert "C'est payé combien ?" in mail.text and LINK.search(mail.text)  # with a link to answer
    assert "transmise" in (sent.text or "")
    assert (await forward_rows(settings))[0][:2] == ("sent", "email")
    refused = [c for c in api.calls("sendMessage") if c.chat_id == RECRUITER.id and not c.ok]
    assert [c.error_code for c in refused] == [403]  # tried in Telegram once, then by email


# --- two processes on one database (a rolling deploy) --------------------------------------------------------

class SlowRecorder(Recorder):
    """An SMTP server that takes its time to accept a message."""

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        await asyncio.sleep(1.5)
        return await super().handle_DATA(server, session, envelope)


async def _no_chat(chat_id: int, reply: Reply) -> None:
    """The candidates' chats (not under test here)."""


@contextlib.asynccontextmanager
async def outbox_process(path: Path, owner: str, engine: Engine, port: int) -> AsyncIterator[Outbox]:
    """An outbox with its own connection to the database file, as another process would have."""
    mailer = Mailer(MailSettings(host="127.0.0.1", port=port, tls="none", mail_from="bot@example.org", timeout=10.0))
    async with await Store.open(path) as store:
        yield Outbox(store, _no_chat, lambda: engine, mailer=mailer, mail_from="bot@example.org",
                     answer_link=lambda token: f"https://t.me/test_recruteur_bot?start={token}", owner=owner,
                     settings=OutboxSettings(first_delay=timedelta(seconds=0.2), lease=timedelta(minutes=5)))


async def status_of(path: Path) -> str:
    """The status of the only forward."""
    async with stored(path) as storage:
        [forward] = await storage.forwards()
    return forward.status


async def pending_forward(path: Path) -> int:
    async with await Store.open(path) as store:
        question = await store.record_question(chat_id="telegram:4001", text="C'est payé combien ?", posting=None,
                                               answered=False)
        forward = await store.create_forward(question_id=question, chat_id="telegram:4001", posting=None,
                                             contact=CONTACT, candidate_name=None, token="t" * 32, token_hash="h" * 64,
                                             token_expires_at=datetime.now(UTC) + timedelta(days=30))
    assert forward is not None
    return forward


@pytest.mark.asyncio
async def test_a_second_process_starting_mid_delivery_does_not_send_the_mail_again(
        tmp_path: Path, bundled: Engine) -> None:
    server = SmtpServer()
    server.recorder = SlowRecorder()
    server.start()
    path = tmp_path / "bot.sqlite3"
    try:
        await pending_forward(path)
        async with outbox_process(path, "host-a:1", bundled, server.port) as first, \
                outbox_process(path, "host-b:2", bundled, server.port) as second:
            delivering = asyncio.create_task(first.deliver_due())
            deadline = time.monotonic() + 10
            while await status_of(path) != "sending":
                assert time.monotonic() < deadline, "the first process never claimed the forward"
                await asyncio.sleep(0.02)
            stop = asyncio.Event()
            started = asyncio.create_task(second.run(stop, interval=0.1))  # starts while the first one sends
            assert await asyncio.wait_for(delivering, timeout=20) == 1
            await asyncio.sleep(1.0)  # time enough for the second one to send it too, were it taken
            stop.set()
            await asyncio.wait_for(started, timeout=20)
        await wait_for_mail(server)
    finally:
        server.stop(for_good=True)
    assert len(server.received) == 1
    async with stored(path) as storage:
        assert [(f.status, f.attempts) for f in await storage.forwards()] == [("sent", 1)]


# --- the leases, in the store -------------------------------------------------------------------------------

LEASE = timedelta(minutes=5)


def soon() -> datetime:
    """A moment when a forward created now is due."""
    return datetime.now(UTC) + timedelta(minutes=1)


@pytest.mark.asyncio
async def test_a_live_claim_of_another_process_is_not_released_at_start(tmp_path: Path) -> None:
    forward = await pending_forward(tmp_path / "bot.sqlite3")
    async with await Store.open(tmp_path / "bot.sqlite3") as store:
        later = soon()
        await store.claim_due_forwards(owner="host-a:1", lease=LEASE, now=later)
        released = await store.release_forward_claims(owners={"host-b:2"}, now=later + LEASE / 2)
        claimed = await store.get_forward(forward)
    assert released == 0 and claimed is not None and claimed.status == "sending"


@pytest.mark.asyncio
async def test_a_process_releases_its_own_earlier_claims_at_start(tmp_path: Path) -> None:
    forward = await pending_forward(tmp_path / "bot.sqlite3")
    async with await Store.open(tmp_path / "bot.sqlite3") as store:
        later = soon()
        await store.claim_due_forwards(owner="host-a:1", lease=LEASE, now=later)
        released = await store.release_forward_claims(owners={"host-a:1"}, now=later + LEASE / 2)
        again = await store.get_forward(forward)
    assert released == 1 and again is not None and again.status == "pending"


@pytest.mark.asyncio
async def test_a_claim_whose_lease_ran_out_is_taken_over_and_the_late_claimer_cannot_mark_it(tmp_path: Path) -> None:
    forward = await pending_forward(tmp_path / "bot.sqlite3")
    later = soon()
    async with await Store.open(tmp_path / "bot.sqlite3") as store:
        await store.claim_due_forwards(owner="host-a:1", lease=LEASE, now=later)
        assert await store.claim_due_forwards(owner="host-b:2", lease=LEASE, now=later + LEASE / 2) == []
        [taken] = await store.claim_due_forwards(owner="host-b:2", lease=LEASE, now=later + LEASE * 2)
        assert not await store.renew_forward_claim(forward, owner="host-a:1", lease=LEASE, now=later + LEASE * 2)
        assert not await store.mark_forward_sent(forward, channel="email", owner="host-a:1")
        assert await store.mark_forward_sent(forward, channel="email", owner="host-b:2")
    assert taken.id == forward and taken.attempts == 2


def test_a_claimer_is_gone_only_when_it_was_a_process_of_this_host_that_ended() -> None:
    here = socket.gethostname()
    assert owner_is_gone(f"{here}:{_ended_pid()}")
    assert not owner_is_gone(f"{here}:{os.getpid()}")  # this very process
    assert not owner_is_gone(f"another-{here}:{_ended_pid()}")  # another host: its lease decides
    assert not owner_is_gone("")


def _ended_pid() -> int:
    """The pid of a process that has ended (free, until the system hands it out again)."""
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


@pytest.fixture
def database() -> dict[str, object]:
    """These tests need not run on every backend (conftest.database): SQLite only."""
    return {}
