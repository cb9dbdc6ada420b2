"""End-to-end forwarding: candidate → consent → email (real SMTP server) → recruiter's link → answer relayed.

The real PTB Application runs against the fake Bot API server, mail goes to an aiosmtpd server, both on
127.0.0.1. Faults: SMTP down then up, the bot killed and restarted, a refused recipient, bad links.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.config import Settings
from bot.conversation import token_hash
from bot.mail import MailSettings
from bot.storage import process_owner
from conftest import PROJECT, stored
from fake_bot_api import Call, FakeBotApi, User
from smtp_server import SmtpServer
from test_bot_e2e import TOKEN, button_data, knowledge_folder, press, running, say

CANDIDATE = User(id=4001, first_name="Camille", language_code="fr")
SECOND = User(id=4002, first_name="Noa", language_code="fr")
RECRUITER = User(id=5001, first_name="Rita", language_code="fr")
OTHER_RECRUITER = User(id=5002, first_name="Rémi", language_code="fr")
ALPHA = "2024-01-10-alpha-dev"
CONTACT = "recrutement@alpha.example"
LINK = re.compile(r"https://t\.me/test_recruteur_bot\?start=(ans_[A-Za-z0-9_-]+)")




@pytest.fixture
def settings(tmp_path: Path, api: FakeBotApi, smtp: SmtpServer, database: dict[str, Any]) -> Settings:
    mail = MailSettings(host="127.0.0.1", port=smtp.port, tls="none", mail_from="Recrutement <bot@example.org>",
                        timeout=2.0)
    return Settings(telegram_token=TOKEN, telegram_api_url=api.base_url, knowledge_dir=knowledge_folder(tmp_path),
                    database_path=tmp_path / "bot.sqlite3", mail=mail, outbox_interval=0.1, outbox_first_retry=0.2,
                    **database)


async def forward_question(api: FakeBotApi, user: User, question: str, *, signed: bool = False) -> list[Call]:
    """Open the Alpha posting, ask, and agree to forward: returns the messages of the exchange."""
    await say(api, user, f"/start {ALPHA}")
    [abstention] = await say(api, user, question)
    [consent] = await press(api, user, abstention, next(d for d in button_data(abstention) if d.startswith("f:")))
    choice = next(d for d in button_data(consent) if d.startswith("fn:" if signed else "fa:"))
    [queued] = await press(api, user, consent, choice)
    return [abstention, consent, queued]


async def wait_for_mail(smtp: SmtpServer, count: int = 1, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while len(smtp.received) < count:
        assert time.monotonic() < deadline, f"{len(smtp.received)} mails received, {count} expected"
        await asyncio.sleep(0.05)


async def wait_for_text(api: FakeBotApi, user: User, fragment: str, timeout: float = 15.0) -> Call:
    """The first message to the user holding fragment, waiting for it if need be."""
    deadline = time.monotonic() + timeout
    while True:
        found = [m for m in api.messages_to(user.id) if fragment in (m.text or "")]
        if found:
            return found[0]
        assert time.monotonic() < deadline, f"no message with {fragment!r} to {user.id}"
        await asyncio.sleep(0.05)


async def forwards(settings: Settings) -> list[tuple[str, int, str]]:
    """Each forward's status, attempts and last error, oldest first."""
    async with stored(settings) as storage:
        return [(f.status, f.attempts, f.last_error) for f in await storage.forwards()]


# --- the whole loop ---------------------------------------------------------------------------------------

@pytest.mark.asyncio
async def test_a_forwarded_question_is_mailed_answered_in_telegram_and_relayed(
        api: FakeBotApi, settings: Settings, smtp: SmtpServer) -> None:
    async with running(settings):
        await forward_question(api, CANDIDATE, "C'est payé combien ?", signed=True)
        [sent] = await api.wait_for_messages(CANDIDATE.id)
        await wait_for_mail(smtp)
        mail = smtp.received[0]
        token = LINK.search(mail.text)
        assert token is not None
        [prompt] = await say(api, RECRUITER, f"/start {token.group(1)}")
        relayed_candidate = api.wait_for_messages(CANDIDATE.id)
        [thanks] = await say(api, RECRUITER, "Entre 500 et 600 € par jour selon l'expérience.")
        [relayed] = await relayed_candidate
    assert "transmise" in (sent.text or "")
    assert mail.rcpt_tos == [CONTACT]
    assert "Développeur·se backend" in str(mail.message["Subject"])
    assert "C'est payé combien ?" in mail.text and "Camille" in mail.text
    assert str(CANDIDATE.id) not in mail.content.decode("utf-8", "replace")  # no Telegram id in the mail
    assert "C'est payé combien ?" in (prompt.text or "")
    assert "Réponse du recruteur" in (relayed.text or "") and "Entre 500 et 600 €" in (relayed.text or "")
    assert "FAQ" in (thanks.text or "")
    assert await forwards(settings) == [("answered", 1, "")]


@pytest.mark.asyncio
async def test_an_answer_added_to_the_faq_answers_the_next_candidate_at_once(
        api: FakeBotApi, settings: Settings, smtp: SmtpServer) -> None:
    async with running(settings):
        await forward_question(api, CANDIDATE, "Y a-t-il des tickets restaurant ?")
        await api.wait_for_messages(CANDIDATE.id)
        await wait_for_mail(smtp)
        token = LINK.search(smtp.received[0].text)
        assert token is not None
        await say(api, RECRUITER, f"/start {token.group(1)}")
        relayed = api.wait_for_messages(CANDIDATE.id)
        [thanks] = await say(api, RECRUITER, "Oui, des titres-restaurant de 9 € par jour travaillé.")
        await relayed
        [added] = await press(api, RECRUITER, thanks, next(d for d in button_data(thanks) if d.startswith("faq:")))
        await say(api, SECOND, f"/start {ALPHA}")
        [faq_answer] = await say(api, SECOND, "Il y a des tickets resto ?")
    assert "ajouté à la FAQ" in (added.text or "")
    assert "FAQ" in (faq_answer.text or "") and "titres-restaurant de 9 €" in (faq_answer.text or "")
    assert any(d.startswith("f:") for d in button_data(faq_answer))  # "not my question": can still forward
    assert len(await forwards(settings)) == 1  # no second forward
    assert len(smtp.received) == 1


# --- faults -------------------------------------------------------------------------------------------------

@pytest.mark.asyncio
async def test_smtp_down_then_up_delivers_exactly_once(api: FakeBotApi, settings: Settings, smtp: SmtpServer) -> None:
    smtp.stop()
    async with running(settings):
        await forward_question(api, CANDIDATE, "C'est payé combien ?")
        await asyncio.sleep(1.0)  # several attempts fail meanwhile
        failed = await forwards(settings)
        smtp.start()
        sent = await wait_for_text(api, CANDIDATE, "transmise")
        await wait_for_mail(smtp)
        await asyncio.sleep(1.0)  # time enough for a duplicate to show up, if there were one
    assert failed[0][0] == "pending" and failed[0][1] >= 2 and failed[0][2]
    assert len(smtp.received) == 1
    assert "transmise" in (sent.text or "")
    assert (await forwards(settings))[0][0] == "sent"


@pytest.mark.asyncio
async def test_a_long_outage_tells_the_candidate_once_that_it_is_delayed(
        api: FakeBotApi, settings: Settings, smtp: SmtpServer) -> None:
    smtp.stop()
    async with running(replace(settings, outbox_first_retry=0.05)):
        await forward_question(api, CANDIDATE, "C'est payé combien ?")
        [delayed] = await api.wait_for_messages(CANDIDATE.id, timeout=15)
        await api.expect_no_messages(CANDIDATE.id, wait=1.0)
    assert "prend du retard" in (delayed.text or "")


@pytest.mark.asyncio
async def test_a_refused_recipient_keeps_the_forward_marked_failed_and_tells_the_candidate(
        api: FakeBotApi, settings: Settings, smtp: SmtpServer) -> None:
    smtp.recorder.rcpt_replies[CONTACT] = "550 5.1.1 No such user"
    async with running(settings):
        await forward_question(api, CANDIDATE, "C'est payé combien ?")
        [told] = await api.wait_for_messages(CANDIDATE.id, timeout=10)
    [(status, attempts, error)] = await forwards(settings)
    assert status == "failed" and attempts == 1 and "550" in error
    assert "n'a pas pu être transmise" in (told.text or "")
    assert smtp.received == []


@pytest.mark.asyncio
async def test_a_forward_interrupted_mid_delivery_is_sent_once_after_a_restart(
        api: FakeBotApi, settings: Settings, smtp: SmtpServer) -> None:
    smtp.stop()
    async with running(settings):
        await forward_question(api, CANDIDATE, "C'est payé combien ?")
    async with stored(settings) as storage:  # as if this process had died while sending it
        await storage.claim_due_forwards(owner=process_owner(), now=datetime.now(UTC) + timedelta(hours=1))
    smtp.start()
    async with running(settings):
        await wait_for_mail(smtp)
        await api.wait_for_messages(CANDIDATE.id, timeout=10)
        await asyncio.sleep(0.5)
    assert len(smtp.received) == 1
    assert (await forwards(settings))[0][0] == "sent"


@pytest.mark.asyncio
async def test_the_bot_killed_before_sending_delivers_once_after_a_restart(
        api: FakeBotApi, settings: Settings, smtp: SmtpServer) -> None:
    """`python -m bot run` is killed (SIGKILL) while the forward waits; a new process delivers it, once."""
    smtp.stop()
    env = {**os.environ, "TELEGRAM_TOKEN": TOKEN, "TELEGRAM_API_URL": api.base_url,
           "KNOWLEDGE_DIR": str(settings.knowledge_dir), "DATABASE_PATH": str(settings.database_path),
           "DATABASE_URL": settings.database_url,
           "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(smtp.port), "SMTP_TLS": "none",
           "MAIL_FROM": "bot@example.org"}

    async def start() -> asyncio.subprocess.Process:
        process = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "run", cwd=PROJECT, env=env,
                                                       stdout=asyncio.subprocess.DEVNULL,
                                                       stderr=asyncio.subprocess.PIPE)
        await api.wait_for_calls("setMyCommands", count=3 * (1 + len(api.calls("setMyCommands")) // 3), timeout=20)
        return process

    first = await start()
    try:
        await forward_question(api, CANDIDATE, "C'est payé combien ?")
    finally:
        first.send_signal(signal.SIGKILL)
        await asyncio.wait_for(first.wait(), timeout=10)
    assert (await forwards(settings))[0][0] in {"pending", "sending"}
    smtp.start()
    second = await start()
    try:
        await wait_for_mail(smtp, timeout=20)
        [sent] = await api.wait_for_messages(CANDIDATE.id, timeout=10)
        await asyncio.sleep(1.0)
    finally:
        second.send_signal(signal.SIGINT)
        await asyncio.wait_for(second.communicate(), timeout=20)
    assert len(smtp.received) == 1
    assert "transmise" in (sent.text or "")
    assert (await forwards(settings))[0][0] == "sent"


# --- answer links -------------------------------------------------------------------------------------------

async def mailed_token(api: FakeBotApi, smtp: SmtpServer) -> str:
    await forward_question(api, CANDIDATE, "C'est payé combien ?")
    await api.wait_for_messages(CANDIDATE.id)
    await wait_for_mail(smtp)
    found = LINK.search(smtp.received[-1].text)
    assert found is not None
    return found.group(1)


@pytest.mark.asyncio
async def test_a_used_link_is_refused_and_the_candidate_gets_one_answer(
        api: FakeBotApi, settings: Settings, smtp: SmtpServer) -> None:
    async with running(settings):
        token = await mailed_token(api, smtp)
        await say(api, RECRUITER, f"/start {token}")
        await say(api, OTHER_RECRUITER, f"/start {token}")  # a colleague opens the same mail
        relayed = api.wait_for_messages(CANDIDATE.id)
        await say(api, RECRUITER, "Première réponse.")
        await relayed
        [late] = await say(api, OTHER_RECRUITER, "Seconde réponse.")
        [reopened] = await say(api, RECRUITER, f"/start {token}")
        await api.expect_no_messages(CANDIDATE.id, wait=0.5)
    assert "déjà reçu une réponse" in (late.text or "")
    assert "déjà reçu une réponse" in (reopened.text or "")
    candidate_texts = [m.text or "" for m in api.messages_to(CANDIDATE.id)]
    assert sum("Réponse du recruteur" in text for text in candidate_texts) == 1


@pytest.mark.asyncio
async def test_an_expired_link_is_refused(api: FakeBotApi, settings: Settings, smtp: SmtpServer) -> None:
    async with running(replace(settings, answer_token_days=0)):  # links expire as soon as they are made
        token = await mailed_token(api, smtp)
        [refused] = await say(api, RECRUITER, f"/start {token}")
    assert "a expiré" in (refused.text or "")


@pytest.mark.asyncio
async def test_the_database_keeps_no_usable_token_once_the_mail_is_sent(
        api: FakeBotApi, settings: Settings, smtp: SmtpServer) -> None:
    async with running(settings):
        token = await mailed_token(api, smtp)
    async with stored(settings) as storage:
        [forward] = await storage.forwards()
        by_hash = await storage.forward_by_token(token_hash(token))
        by_token = await storage.forward_by_token(token)
    assert forward.token is None  # the token itself is gone...
    assert by_hash is not None and by_hash.id == forward.id and by_token is None  # ...only its hash is kept
    assert len(token) <= 64 and re.fullmatch(r"[A-Za-z0-9_-]+", token)


# --- recruiters who link their Telegram account --------------------------------------------------------------

CODE = re.compile(r"code au bot : (\d{6})")


@pytest.mark.asyncio
async def test_a_linked_recruiter_gets_forwards_in_telegram_and_answers_with_a_button(
        api: FakeBotApi, settings: Settings, smtp: SmtpServer) -> None:
    async with running(settings):
        await say(api, RECRUITER, "/recruteur")
        [sent] = await say(api, RECRUITER, CONTACT)
        await wait_for_mail(smtp)
        code = CODE.search(smtp.received[0].text)
        assert code is not None and smtp.received[0].rcpt_tos == [CONTACT]
        [wrong] = await say(api, RECRUITER, "000000" if code.group(1) != "000000" else "111111")
        [linked] = await say(api, RECRUITER, code.group(1))
        await forward_question(api, CANDIDATE, "C'est payé combien ?")
        [question] = await api.wait_for_messages(RECRUITER.id, timeout=10)
        [prompt] = await press(api, RECRUITER, question, next(d for d in button_data(question) if d.startswith("ans:")))
        relayed = wait_for_text(api, CANDIDATE, "Réponse du recruteur")
        await say(api, RECRUITER, "TJM entre 450 et 550 €.")
        answer = await relayed
    assert "code à 6 chiffres" in (sent.text or "")
    assert "pas le bon" in (wrong.text or "")
    assert CONTACT in (linked.text or "")
    assert "C'est payé combien ?" in (question.text or "")
    assert "Écrivez votre réponse" in (prompt.text or "")
    assert "TJM entre 450 et 550 €" in (answer.text or "")
    assert len(smtp.received) == 1  # the code only: the forward went by Telegram
    assert (await forwards(settings))[0][0] == "answered"


@pytest.mark.asyncio
async def test_an_address_that_is_no_contact_gets_the_same_reply_and_no_mail(
        api: FakeBotApi, settings: Settings, smtp: SmtpServer) -> None:
    async with running(settings):
        await say(api, RECRUITER, "/recruteur")
        [reply] = await say(api, RECRUITER, "someone@else.example")
        await asyncio.sleep(0.3)
    assert "code à 6 chiffres" in (reply.text or "")  # who is a contact is not disclosed
    assert smtp.received == []


@pytest.mark.asyncio
async def test_the_answer_button_only_works_for_the_recruiter_of_that_posting(
        api: FakeBotApi, settings: Settings, smtp: SmtpServer) -> None:
    async with running(settings):
        await forward_question(api, CANDIDATE, "C'est payé combien ?")
        await wait_for_mail(smtp)
        [stranger] = await say(api, OTHER_RECRUITER, "/aide")
        api.press_button(OTHER_RECRUITER, stranger, "ans:1", strict=False)
        [refused] = await api.wait_for_messages(OTHER_RECRUITER.id)
    assert "pas adressée à votre compte" in (refused.text or "")
