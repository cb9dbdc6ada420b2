"""End-to-end: recruiters answer without Telegram, by replying to the forward email.

The real bot runs against the fake Bot API; forward emails go to a real SMTP server (aiosmtpd), and the
recruiter's replies are delivered into a real IMAP server (Dovecot) that the bot reads, all on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import logging
import re
import sqlite3
import time
from dataclasses import replace
from email.message import EmailMessage
from pathlib import Path

import pytest

from bot.config import Settings
from bot.mailbox import ImapSettings
from bot.mailer import MailSettings
from fake_bot_api import FakeBotApi, User
from imap_server import ImapServer
from smtp_server import Mail, SmtpServer, free_port
from test_bot_e2e import TOKEN, knowledge_folder, running, say
from test_forwarding_e2e import ALPHA, CONTACT, forward_question, forwards, wait_for_mail

CANDIDATE = User(id=6001, first_name="Camille", language_code="fr")
SECOND = User(id=6002, first_name="Noa", language_code="fr")
ADMIN = User(id=6900, first_name="Ada", language_code="fr")

ORIGINAL_QUOTED = """Le lun. 24 nov. 2026 à 10:12, Recrutement <bot@example.org> a écrit :
> Bonjour,
>
> Une personne candidate a posé une question sur l'offre « Développeur·se backend », et l'offre n'y répond pas.
>
> Sa question :
>
> > {question}
"""




@pytest.fixture
def settings(tmp_path: Path, api: FakeBotApi, smtp: SmtpServer, imap_server: ImapServer) -> Settings:
    mail = MailSettings(host="127.0.0.1", port=smtp.port, tls="none", mail_from="Recrutement <bot@example.org>",
                        timeout=2.0)
    imap = ImapSettings(host="127.0.0.1", port=imap_server.port, tls="none", user=imap_server.user,
                        password=imap_server.password, timeout=5.0, poll_interval=0.5, idle_seconds=30.0,
                        first_retry=0.2, max_retry=1.0)
    port = free_port()
    return Settings(telegram_token=TOKEN, telegram_api_url=api.base_url, knowledge_dir=knowledge_folder(tmp_path),
                    database_path=tmp_path / "bot.sqlite3", mail=mail, outbox_interval=0.1, outbox_first_retry=0.2,
                    imap=imap, host="127.0.0.1", port=port, public_url=f"http://127.0.0.1:{port}",
                    admin_ids=frozenset({ADMIN.id}))


# --- helpers ---------------------------------------------------------------------------------------------

def reply_to(forward: Mail, body: str, *, sender: str = f"Marie Dupont <{CONTACT}>", html: bool = False,
             message_id: str = "", **headers: str) -> bytes:
    """The recruiter's reply to a forward email, as their mail client writes it."""
    original = forward.message
    reply = EmailMessage()
    reply["From"] = sender
    reply["To"] = str(original["From"])
    reply["Subject"] = headers.pop("Subject", f"RE: {original['Subject']}")
    reply["Message-ID"] = message_id or f"<reply-{time.monotonic_ns()}@alpha.example>"
    reply["In-Reply-To"] = str(original["Message-ID"])
    reply["References"] = str(original["Message-ID"])
    for name, value in headers.items():
        reply[name.replace("_", "-")] = value
    reply.set_content(body, subtype="html" if html else "plain")
    return reply.as_bytes()


def french_reply(answer: str, question: str) -> str:
    """A reply as a French client writes it: the answer, a signature, the iPhone line, the quoted original."""
    return (f"Bonjour,\n\n{answer}\n\nBien cordialement,\nMarie Dupont\nCheffe de projet · Alpha Impôts\n\n"
            f"Envoyé de mon iPhone\n\n{ORIGINAL_QUOTED.format(question=question)}")


async def forwarded(api: FakeBotApi, smtp: SmtpServer, user: User, question: str) -> Mail:
    """A candidate's question forwarded and mailed: the forward email."""
    count = len(smtp.received)
    await forward_question(api, user, question)
    await api.wait_for_messages(user.id)  # "your question has gone"
    await wait_for_mail(smtp, count + 1)
    return smtp.received[count]


async def wait_for_handled(settings: Settings, count: int, timeout: float = 20.0) -> list[str]:
    """The outcomes of the mails the bot has handled, once there are `count` of them."""
    deadline = time.monotonic() + timeout
    while True:
        with sqlite3.connect(settings.database_path) as db:
            outcomes = [str(r[0]) for r in db.execute("SELECT outcome FROM mailbox_mails ORDER BY uid")]
        if len(outcomes) >= count:
            return outcomes
        assert time.monotonic() < deadline, f"{len(outcomes)} mails handled, {count} expected"
        await asyncio.sleep(0.1)


def relayed_to(api: FakeBotApi, user: User) -> list[str]:
    return [m.text or "" for m in api.messages_to(user.id) if "Réponse du recruteur" in (m.text or "")]


async def wait_for_relayed(api: FakeBotApi, user: User, count: int = 1, timeout: float = 20.0) -> list[str]:
    """The next `count` answers relayed to the user (the messages read on the way are consumed)."""
    found: list[str] = []
    deadline = time.monotonic() + timeout
    while len(found) < count:
        [message] = await api.wait_for_messages(user.id, timeout=max(deadline - time.monotonic(), 0.1))
        if "Réponse du recruteur" in (message.text or ""):
            found.append(message.text or "")
    return found


# --- the whole loop ----------------------------------------------------------------------------------------

@pytest.mark.asyncio
async def test_a_reply_to_the_forward_email_reaches_the_candidate_without_quote_or_signature(
        api: FakeBotApi, settings: Settings, smtp: SmtpServer, imap_server: ImapServer) -> None:
    question = "Faut-il parler anglais ?"
    async with running(settings):
        forward = await forwarded(api, smtp, CANDIDATE, question)
        answer = "Non, le français suffit, l'anglais technique aide."
        imap_server.deliver(reply_to(forward, french_reply(answer, question)))
        [relayed] = await wait_for_relayed(api, CANDIDATE)
        await wait_for_mail(smtp, 2)
    invitation, confirmation = forward.text, smtp.received[1]
    assert "répondez simplement à cet email" in invitation and "#FAQ" in invitation
    assert answer in relayed
    for leftover in ("Cordialement", "Marie Dupont", "iPhone", "a écrit", "Une personne candidate", ">"):
        assert leftover not in relayed.split(":", 1)[1], leftover
    assert confirmation.rcpt_tos == [CONTACT]
    assert "transmise" in str(confirmation.message["Subject"])
    assert confirmation.message["In-Reply-To"] is not None
    assert (await forwards(settings))[0][0] == "answered"


@pytest.mark.asyncio
async def test_the_faq_keyword_adds_the_answer_to_the_posting_faq_for_the_next_candidate(
        api: FakeBotApi, settings: Settings, smtp: SmtpServer, imap_server: ImapServer) -> None:
    question = "Y a-t-il des tickets restaurant ?"
    async with running(settings):
        forward = await forwarded(api, smtp, CANDIDATE, question)
        imap_server.deliver(reply_to(forward, f"Oui, des titres-restaurant de 9 € par jour travaillé.\n#FAQ\n\n"
                                              f"{ORIGINAL_QUOTED.format(question=question)}"))
        await wait_for_relayed(api, CANDIDATE)
        await wait_for_mail(smtp, 2)
        await say(api, SECOND, f"/start {ALPHA}")
        [faq_answer] = await say(api, SECOND, "Il y a des tickets resto ?")
    assert "#FAQ" not in relayed_to(api, CANDIDATE)[0]
    assert "FAQ" in smtp.received[1].text
    assert "titres-restaurant de 9 €" in (faq_answer.text or "")


@pytest.mark.asyncio
async def test_an_html_only_reply_is_relayed_as_text(
        api: FakeBotApi, settings: Settings, smtp: SmtpServer, imap_server: ImapServer) -> None:
    async with running(settings):
        forward = await forwarded(api, smtp, CANDIDATE, "C'est payé combien ?")
        imap_server.deliver(reply_to(forward, '<div dir="ltr">Entre <b>500 et 600 €</b> par jour.</div>'
                                              '<div class="gmail_quote">Le lun. 24 nov. 2026, Bot a écrit :'
                                              '<blockquote>Une personne candidate…</blockquote></div>', html=True))
        [relayed] = await wait_for_relayed(api, CANDIDATE)
    assert "Entre 500 et 600 € par jour." in relayed
    assert "<b>" not in relayed and "candidate" not in relayed


@pytest.mark.asyncio
async def test_telegram_failing_when_the_answer_is_relayed_still_delivers_it(
        api: FakeBotApi, settings: Settings, smtp: SmtpServer, imap_server: ImapServer) -> None:
    async with running(settings):
        forward = await forwarded(api, smtp, CANDIDATE, "C'est payé combien ?")
        api.fail_next("sendMessage", 502, "Bad Gateway")
        imap_server.deliver(reply_to(forward, "Entre 500 et 600 € par jour."))
        [relayed] = await wait_for_relayed(api, CANDIDATE)
    assert "Entre 500 et 600 €" in relayed
    assert [c.error_code for c in api.calls("sendMessage") if c.error_code] == [502]


# --- what is not relayed -----------------------------------------------------------------------------------

@pytest.mark.asyncio
@pytest.mark.parametrize("headers", [{"Auto_Submitted": "auto-replied"}, {"X_Autoreply": "yes"},
                                     {"Subject": "Réponse automatique : absente jusqu'au 2 décembre"}])
async def test_an_auto_reply_is_ignored_and_not_answered(
        api: FakeBotApi, settings: Settings, smtp: SmtpServer, imap_server: ImapServer,
        headers: dict[str, str]) -> None:
    async with running(settings):
        forward = await forwarded(api, smtp, CANDIDATE, "C'est payé combien ?")
        message = reply_to(forward, "Je suis absente jusqu'au 2 décembre.", **headers)
        imap_server.deliver(message)
        outcomes = await wait_for_handled(settings, 1)
        await api.expect_no_messages(CANDIDATE.id, wait=0.5)
    assert outcomes == ["ignored: auto-reply"]
    assert len(smtp.received) == 1  # no notice to a robot
    assert (await forwards(settings))[0][0] == "sent"


@pytest.mark.asyncio
async def test_a_bounce_is_ignored(api: FakeBotApi, settings: Settings, smtp: SmtpServer,
                                   imap_server: ImapServer) -> None:
    async with running(settings):
        forward = await forwarded(api, smtp, CANDIDATE, "C'est payé combien ?")
        imap_server.deliver(reply_to(forward, "Delivery to the following recipient failed permanently.",
                                     sender="Mail Delivery Subsystem <MAILER-DAEMON@alpha.example>"))
        outcomes = await wait_for_handled(settings, 1)
    assert outcomes == ["ignored: bounce"] and len(smtp.received) == 1 and relayed_to(api, CANDIDATE) == []


@pytest.mark.asyncio
@pytest.mark.parametrize("forged", ["ans_" + "A" * 32, "ans_not-a-real-token-at-all", "no-token"])
async def test_a_reply_with_a_forged_token_is_ignored_whatever_its_subject(
        api: FakeBotApi, settings: Settings, smtp: SmtpServer, imap_server: ImapServer, forged: str) -> None:
    async with running(settings):
        forward = await forwarded(api, smtp, CANDIDATE, "C'est payé combien ?")
        real = str(forward.message["Message-ID"])
        fake = re.sub(r"ans_[A-Za-z0-9_-]+", forged, real)
        message = reply_to(forward, "500 € par jour.").replace(real.encode(), fake.encode())
        imap_server.deliver(message)  # the subject is the real one: it proves nothing
        outcomes = await wait_for_handled(settings, 1)
        await api.expect_no_messages(CANDIDATE.id, wait=0.3)
    assert outcomes == ["ignored: no valid token"] and len(smtp.received) == 1


@pytest.mark.asyncio
async def test_a_reply_after_the_link_expired_is_refused_and_the_sender_told(
        api: FakeBotApi, settings: Settings, smtp: SmtpServer, imap_server: ImapServer) -> None:
    async with running(replace(settings, answer_token_days=0)):  # links expire as soon as they are made
        forward = await forwarded(api, smtp, CANDIDATE, "C'est payé combien ?")
        imap_server.deliver(reply_to(forward, "500 € par jour."))
        await wait_for_mail(smtp, 2)
    assert "délai" in str(smtp.received[1].message["Subject"]) and relayed_to(api, CANDIDATE) == []


@pytest.mark.asyncio
async def test_a_second_reply_is_refused_the_sender_told_and_the_candidate_gets_one_answer(
        api: FakeBotApi, settings: Settings, smtp: SmtpServer, imap_server: ImapServer) -> None:
    async with running(settings):
        forward = await forwarded(api, smtp, CANDIDATE, "C'est payé combien ?")
        imap_server.deliver(reply_to(forward, "Première réponse."))
        await wait_for_mail(smtp, 2)
        await api.wait_for_messages(CANDIDATE.id)  # the first answer
        imap_server.deliver(reply_to(forward, "Seconde réponse, d'un collègue.", sender="Rémi <remi@alpha.example>"))
        await wait_for_mail(smtp, 3)
        await api.expect_no_messages(CANDIDATE.id, wait=0.5)
    assert len(relayed_to(api, CANDIDATE)) == 1 and "Première réponse." in relayed_to(api, CANDIDATE)[0]
    late = smtp.received[2]
    assert late.rcpt_tos == ["remi@alpha.example"] and "déjà reçu une réponse" in str(late.message["Subject"])


@pytest.mark.asyncio
async def test_an_empty_reply_once_quotes_are_removed_is_refused_and_the_sender_told(
        api: FakeBotApi, settings: Settings, smtp: SmtpServer, imap_server: ImapServer) -> None:
    question = "C'est payé combien ?"
    async with running(settings):
        forward = await forwarded(api, smtp, CANDIDATE, question)
        imap_server.deliver(reply_to(forward, f"\n\n{ORIGINAL_QUOTED.format(question=question)}"))
        await wait_for_mail(smtp, 2)
    assert "vide" in str(smtp.received[1].message["Subject"]) and relayed_to(api, CANDIDATE) == []
    assert (await forwards(settings))[0][0] == "sent"


@pytest.mark.asyncio
async def test_a_reply_from_the_same_domain_is_taken_and_from_another_domain_waits_for_an_admin(
        api: FakeBotApi, settings: Settings, smtp: SmtpServer, imap_server: ImapServer) -> None:
    async with running(settings):
        first = await forwarded(api, smtp, CANDIDATE, "C'est payé combien ?")
        second = await forwarded(api, smtp, SECOND, "Y a-t-il des tickets restaurant ?")
        imap_server.deliver(reply_to(first, "Réponse d'une collègue.", sender="Léa <lea@alpha.example>"))
        imap_server.deliver(reply_to(second, "Réponse venue d'ailleurs.", sender="Eve <eve@elsewhere.example>"))
        outcomes = await wait_for_handled(settings, 2)
        await wait_for_relayed(api, CANDIDATE)
        [pending] = await say(api, ADMIN, "/pending")
        await api.expect_no_messages(SECOND.id, wait=0.3)
        held = re.search(r"N=(\d+)", pending.text or "")
        assert held is not None
        [relayed_by_admin] = await say(api, ADMIN, f"/transmettre {held.group(1)}")
        [answer] = await wait_for_relayed(api, SECOND)
    assert outcomes == ["answered", "held: another domain"]
    assert "eve@elsewhere.example" in (pending.text or "") and "Réponse venue d'ailleurs." in (pending.text or "")
    assert "transmise" in (relayed_by_admin.text or "") and "Réponse venue d'ailleurs." in answer
    held_notice = next(m for m in smtp.received if m.rcpt_tos == ["eve@elsewhere.example"])
    assert "vérification" in str(held_notice.message["Subject"])


# --- faults: the mailbox down, the same mail twice, restarts -----------------------------------------------

@pytest.mark.asyncio
async def test_the_same_mail_seen_twice_is_relayed_once_and_confirmed_once(
        api: FakeBotApi, settings: Settings, smtp: SmtpServer, imap_server: ImapServer) -> None:
    async with running(settings):
        forward = await forwarded(api, smtp, CANDIDATE, "C'est payé combien ?")
        message = reply_to(forward, "500 € par jour.", message_id="<same-reply@alpha.example>")
        imap_server.deliver(message)
        imap_server.deliver(message)  # a second copy (a forwarding rule, a retried delivery)
        outcomes = await wait_for_handled(settings, 2)
        await api.wait_for_messages(CANDIDATE.id)  # the answer, once
        await api.expect_no_messages(CANDIDATE.id, wait=0.5)
    assert outcomes == ["answered", "duplicate"]
    assert len(relayed_to(api, CANDIDATE)) == 1 and len(smtp.received) == 2  # the forward, one confirmation


@pytest.mark.asyncio
async def test_imap_down_then_up_loses_nothing_and_handles_nothing_twice_across_a_restart(
        api: FakeBotApi, settings: Settings, smtp: SmtpServer, imap_server: ImapServer) -> None:
    async with running(settings):
        first = await forwarded(api, smtp, CANDIDATE, "C'est payé combien ?")
        second = await forwarded(api, smtp, SECOND, "Y a-t-il des tickets restaurant ?")
        imap_server.deliver(reply_to(first, "Réponse avant la panne."))
        await wait_for_relayed(api, CANDIDATE)
        imap_server.stop()
        imap_server.deliver_offline(reply_to(second, "Réponse arrivée pendant la panne."))
        await asyncio.sleep(1.0)  # the reader fails to reconnect, and tries again
        imap_server.start()
        await wait_for_relayed(api, SECOND)
        await wait_for_mail(smtp, 4)
    async with running(settings):  # a restart reads the mailbox again from where it was
        third = await forwarded(api, smtp, CANDIDATE, "Combien de jours de congés ?")
        imap_server.deliver(reply_to(third, "25 jours de congés par an."))
        await wait_for_relayed(api, CANDIDATE)
        await wait_for_mail(smtp, 6)
        await api.expect_no_messages(SECOND.id, wait=0.5)
    assert len(relayed_to(api, CANDIDATE)) == 2 and len(relayed_to(api, SECOND)) == 1
    assert await wait_for_handled(settings, 3) == ["answered", "answered", "answered"]
    assert len(smtp.received) == 6  # three forwards, three confirmations: none twice


@pytest.mark.asyncio
async def test_a_server_without_idle_is_polled(api: FakeBotApi, settings: Settings, smtp: SmtpServer,
                                               caplog: pytest.LogCaptureFixture) -> None:
    server = ImapServer(idle=False)
    try:
        server.start()
        polled = replace(settings, imap=replace(settings.imap, port=server.port))
        with caplog.at_level(logging.INFO, logger="bot.mailbox"):
            async with running(polled):
                forward = await forwarded(api, smtp, CANDIDATE, "C'est payé combien ?")
                server.deliver(reply_to(forward, "500 € par jour."))
                [relayed] = await wait_for_relayed(api, CANDIDATE)
    finally:
        server.remove()
    assert "500 € par jour." in relayed
    assert any("(polling)" in r.getMessage() for r in caplog.records)


@pytest.mark.asyncio
async def test_a_refused_imap_login_is_logged_and_retried_while_the_bot_keeps_answering(
        api: FakeBotApi, settings: Settings, caplog: pytest.LogCaptureFixture) -> None:
    # Dovecot answers a wrong password after a delay that doubles each time (up to 15 s)
    wrong = replace(settings, imap=replace(settings.imap, password="not-the-password", timeout=20.0))
    with caplog.at_level(logging.WARNING, logger="bot.mailbox"):
        async with running(wrong):
            [welcome, _] = await say(api, CANDIDATE, "/start", count=2)
            deadline = time.monotonic() + 45
            while sum("IMAP_PASSWORD" in r.getMessage() for r in caplog.records) < 2:
                assert time.monotonic() < deadline, "the refused login was not retried"
                await asyncio.sleep(0.1)
    assert "Bonjour" in (welcome.text or "")
    assert not any("not-the-password" in r.getMessage() for r in caplog.records)


@pytest.mark.asyncio
async def test_the_database_keeps_no_usable_token_though_it_is_minted_into_the_message_id(
        api: FakeBotApi, settings: Settings, smtp: SmtpServer) -> None:
    async with running(settings):
        forward = await forwarded(api, smtp, CANDIDATE, "C'est payé combien ?")
    token = re.search(r"ans_[A-Za-z0-9_-]+", str(forward.message["Message-ID"]))
    assert token is not None
    dump = "\n".join(sqlite3.connect(settings.database_path).iterdump())
    assert token.group(0) not in dump
