"""The mailer: settings, the forward email, and delivery to a real SMTP server (aiosmtpd on 127.0.0.1)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import socket
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, replace
from email.message import EmailMessage
from typing import Any

import pytest
import pytest_asyncio
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from bot.mail import (
    ANONYMOUS,
    DeliveryError,
    ForwardMail,
    MailConfigError,
    MailSettings,
    PermanentDeliveryError,
    TemporaryDeliveryError,
    build_message,
    make_message_id,
)
from bot.mailer import Mailer
from smtp_server import Recorder

MAIL_FROM = "Recrutement <bot@example.org>"
CHAT_ID = 987654321  # the candidate's Telegram id: known to the bot, never in an email
QUESTION = "Le poste est-il ouvert au télétravail ?\nEt à temps partiel ?"
ANSWER_LINK = "https://t.me/recruteur_bot?start=fwd_Zq3xK9"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def forward(**changes: Any) -> ForwardMail:
    """A forward email about a posting, with a named candidate, changed by keyword."""
    mail = ForwardMail(
        forward_id=42,
        to="rh@example.org",
        posting_title="Développeur·se Python",
        posting_url="https://example.org/jobs/dev-python",
        question=QUESTION,
        candidate_name="Camille",
        answer_link=ANSWER_LINK,
        message_id="<forward-42.0123456789abcdef@example.org>",
    )
    return replace(mail, **changes)


def parts(message: EmailMessage) -> tuple[str, str]:
    """The plain text and the HTML of a message."""
    plain, rich = message.get_body(("plain",)), message.get_body(("html",))
    assert plain is not None and rich is not None, message.as_string()
    return plain.get_content().replace("\r\n", "\n"), rich.get_content().replace("\r\n", "\n")


# --- a real SMTP server ----------------------------------------------------------------------------------


@dataclass
class SmtpServer:
    recorder: Recorder
    port: int

    def settings(self, **changes: Any) -> MailSettings:
        """Settings that reach this server in clear (tls="none"), with a short timeout."""
        return replace(MailSettings(host="127.0.0.1", port=self.port, tls="none", mail_from=MAIL_FROM,
                                    timeout=2.0), **changes)


@contextlib.contextmanager
def serving(**smtp_options: Any) -> Iterator[SmtpServer]:
    """Run an aiosmtpd server on 127.0.0.1 in its own thread, stopped on the way out whatever happens."""
    recorder = Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=free_port(), server_hostname="mx.test",
                            ready_timeout=5.0, **smtp_options)
    controller.start()
    try:
        yield SmtpServer(recorder, controller.port)
    finally:
        controller.stop()


@pytest.fixture
def server() -> Iterator[SmtpServer]:
    with serving() as running:
        yield running


@pytest_asyncio.fixture
async def silent_port() -> AsyncIterator[int]:
    """A port where a server accepts connections and never says a word."""
    writers: list[asyncio.StreamWriter] = []

    async def accept(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writers.append(writer)

    listener = await asyncio.start_server(accept, "127.0.0.1", 0)
    try:
        yield int(listener.sockets[0].getsockname()[1])
    finally:
        listener.close()
        for writer in writers:
            writer.close()
        await listener.wait_closed()


# --- delivery ---------------------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_a_forward_reaches_the_server_with_its_envelope_and_headers(server: SmtpServer) -> None:
    await Mailer(server.settings()).send(forward())

    [got] = server.recorder.received
    assert got.mail_from == "bot@example.org"
    assert got.rcpt_tos == ["rh@example.org"]
    message = got.message
    assert message["Message-ID"] == "<forward-42.0123456789abcdef@example.org>"
    assert message["Subject"] == "Question d'un·e candidat·e · Développeur·se Python"
    assert message["From"] == MAIL_FROM
    assert message["To"] == "rh@example.org"
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["Date"].datetime is not None
    plain, rich = parts(message)
    assert "> Le poste est-il ouvert au télétravail ?\n> Et à temps partiel ?" in plain
    assert "Le poste est-il ouvert au télétravail ?<br>" in rich
    for text in (plain, rich):
        assert ANSWER_LINK in text
        assert "Développeur·se Python" in text
        assert "https://example.org/jobs/dev-python" in text
        assert "Telegram" in text and "prochain message" in text
        assert "identité Telegram" in text and "pas communiquée" in text
    assert f'href="{ANSWER_LINK}"' in rich
    raw = got.content.decode("utf-8", "replace")
    assert str(CHAT_ID) not in raw and "tg://" not in raw and "user?id=" not in raw


@pytest.mark.asyncio
async def test_delivery_logs_the_forward_id_and_domain_but_not_the_question_or_the_name(
        server: SmtpServer, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="bot.mailer")
    await Mailer(server.settings()).send(forward(candidate_name="Zéphyrine"))

    logged = "\n".join(r.getMessage() for r in caplog.records if r.name == "bot.mailer")
    assert "forward 42" in logged and "example.org" in logged
    assert "Zéphyrine" not in logged and "télétravail" not in logged and "rh@" not in logged


@pytest.mark.asyncio
async def test_a_server_down_is_a_temporary_error() -> None:
    settings = MailSettings(host="127.0.0.1", port=free_port(), tls="none", mail_from=MAIL_FROM, timeout=2.0)
    with pytest.raises(TemporaryDeliveryError, match=r"cannot connect.*SMTP_HOST") as caught:
        await Mailer(settings).send(forward())
    assert not caught.value.permanent
    assert "forward 42" in str(caught.value)


@pytest.mark.asyncio
async def test_a_silent_server_is_a_temporary_error_after_the_timeout(silent_port: int) -> None:
    settings = MailSettings(host="127.0.0.1", port=silent_port, tls="none", mail_from=MAIL_FROM, timeout=0.3)
    with pytest.raises(TemporaryDeliveryError, match=r"no answer within 0\.3s"):
        await Mailer(settings).send(forward())


@pytest.mark.asyncio
async def test_a_recipient_refused_for_now_451_is_a_temporary_error(server: SmtpServer) -> None:
    server.recorder.rcpt_replies["rh@example.org"] = "451 4.3.0 Try again later"
    with pytest.raises(TemporaryDeliveryError, match=r"451 4\.3\.0 Try again later") as caught:
        await Mailer(server.settings()).send(forward())
    assert caught.value.code == 451
    assert server.recorder.received == []


@pytest.mark.asyncio
async def test_a_recipient_refused_550_is_a_permanent_error(server: SmtpServer) -> None:
    server.recorder.rcpt_replies["rh@example.org"] = "550 5.1.1 No such user"
    with pytest.raises(PermanentDeliveryError, match=r"550 5\.1\.1 No such user.*contact address") as caught:
        await Mailer(server.settings()).send(forward())
    assert caught.value.permanent and caught.value.code == 550
    assert isinstance(caught.value, DeliveryError)
    assert server.recorder.received == []


@pytest.mark.asyncio
@pytest.mark.parametrize(("stage", "reply", "error"), [
    ("mail_reply", "553 5.7.1 Sender not allowed", TemporaryDeliveryError),  # our MAIL_FROM: wait for a fix
    ("mail_reply", "451 4.7.1 Greylisted", TemporaryDeliveryError),
    ("data_reply", "554 5.6.0 Message rejected", PermanentDeliveryError),
    ("data_reply", "452 4.3.1 Insufficient storage", TemporaryDeliveryError),
])
async def test_sender_and_message_refusals_are_permanent_on_5xx_only(
        server: SmtpServer, stage: str, reply: str, error: type[DeliveryError]) -> None:
    setattr(server.recorder, stage, reply)
    with pytest.raises(error, match=re.escape(reply)) as caught:
        await Mailer(server.settings()).send(forward())
    assert caught.value.code == int(reply[:3])


@pytest.mark.asyncio
async def test_a_failed_login_is_temporary_and_names_the_variables_to_check() -> None:
    def authenticate(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        good = isinstance(data, LoginPassword) and (data.login, data.password) == (b"bot", b"right")
        return AuthResult(success=good, handled=False)  # handled=False: aiosmtpd answers 535 itself

    with serving(authenticator=authenticate, auth_require_tls=False) as running:
        with pytest.raises(TemporaryDeliveryError, match="SMTP_USER and SMTP_PASSWORD"):
            await Mailer(running.settings(user="bot", password="wrong")).send(forward())
        assert running.recorder.received == []

        await Mailer(running.settings(user="bot", password="right")).send(forward())
        assert len(running.recorder.received) == 1


@pytest.mark.asyncio
async def test_starttls_against_a_server_without_it_is_temporary_and_names_smtp_tls(server: SmtpServer) -> None:
    with pytest.raises(TemporaryDeliveryError, match=r"STARTTLS.*SMTP_TLS=starttls"):
        await Mailer(server.settings(tls="starttls")).send(forward())


@pytest.mark.asyncio
@pytest.mark.parametrize("to", ["not an address", "rh@example.org, boss@example.org", "rh@example.org\nBcc: x@y.z"])
async def test_an_invalid_recipient_is_permanent_without_connecting(to: str) -> None:
    settings = MailSettings(host="127.0.0.1", port=free_port(), tls="none", mail_from=MAIL_FROM)  # nothing there
    with pytest.raises(PermanentDeliveryError, match=r"not an email address.*posting's contact"):
        await Mailer(settings).send(forward(to=to))


@pytest.mark.asyncio
async def test_sending_without_smtp_configured_is_temporary() -> None:
    with pytest.raises(TemporaryDeliveryError, match="SMTP_HOST"):
        await Mailer(MailSettings()).send(forward())


# --- the message ------------------------------------------------------------------------------------------


def test_html_escapes_the_question_and_the_title() -> None:
    mail = forward(question='<script>alert("x")</script> & <b>gras</b>', posting_title="Dev <i>senior</i>",
                   candidate_name="<img src=x>")
    plain, rich = parts(build_message(mail, mail_from=MAIL_FROM))
    assert "<script>" not in rich and "<b>" not in rich and "<i>" not in rich and "<img" not in rich
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;gras&lt;/b&gt;" in rich
    assert "Dev &lt;i&gt;senior&lt;/i&gt;" in rich
    assert "img" not in rich and ANONYMOUS in rich  # a "name" made of markup is no name: dropped, not just escaped
    assert '> <script>alert("x")</script> & <b>gras</b>' in plain  # plain text keeps it as written


@pytest.mark.parametrize(("name", "shown"), [("Camille", "Camille"), ("", ANONYMOUS), ("  ", ANONYMOUS)])
def test_the_email_says_who_asks_or_that_the_candidate_is_anonymous(name: str, shown: str) -> None:
    plain, rich = parts(build_message(forward(candidate_name=name), mail_from=MAIL_FROM))
    assert f"Posée par : {shown}" in plain
    assert f"Posée par : <em>{shown}</em>" in rich if not name.strip() else f"Posée par : {shown}</p>" in rich
    assert ("anonyme" in plain) is (not name.strip())


def test_the_posting_link_appears_only_when_given_and_only_as_a_web_link() -> None:
    plain, rich = parts(build_message(forward(posting_url=""), mail_from=MAIL_FROM))
    assert "Offre :" not in plain and "<a href=\"https://example.org" not in rich
    plain, rich = parts(build_message(forward(posting_url="javascript:alert(1)"), mail_from=MAIL_FROM))
    assert 'href="javascript' not in rich


def test_headers_stay_on_one_line_whatever_the_title() -> None:
    message = build_message(forward(posting_title="Chef·fe de projet\nBcc: victim@example.org"), mail_from=MAIL_FROM)
    assert message["Subject"] == "Question d'un·e candidat·e · Chef·fe de projet Bcc: victim@example.org"
    assert message["Bcc"] is None


def test_make_message_id_is_unique_and_uses_the_domain_of_mail_from() -> None:
    ids = {make_message_id(42, MAIL_FROM) for _ in range(500)}
    assert len(ids) == 500
    assert all(re.fullmatch(r"<forward-42\.[0-9a-f]{16}@example\.org>", i) for i in ids)
    assert make_message_id(7, "Bot <Bot@Mail.Example.ORG>").endswith("@mail.example.org>")
    assert make_message_id(7, "").endswith("@localhost>")
    assert make_message_id(7, "not an address").endswith("@localhost>")


# --- settings ---------------------------------------------------------------------------------------------


def test_settings_default_to_no_smtp() -> None:
    settings = MailSettings.from_env({})
    assert settings == MailSettings()
    assert not settings.enabled
    assert settings.tls == "starttls" and settings.effective_port == 587
    assert "none" in settings.describe()


@pytest.mark.parametrize(("tls", "port"), [("", 587), ("starttls", 587), ("TLS", 465), ("none", 25)])
def test_each_tls_mode_has_its_default_port(tls: str, port: int) -> None:
    settings = MailSettings.from_env({"SMTP_HOST": "smtp.example.org", "SMTP_TLS": tls, "MAIL_FROM": MAIL_FROM})
    assert settings.enabled
    assert settings.port == 0 and settings.effective_port == port
    assert settings.tls == (tls.lower() or "starttls")
    explicit = MailSettings.from_env({"SMTP_HOST": "smtp.example.org", "SMTP_TLS": tls, "SMTP_PORT": "2525",
                                      "MAIL_FROM": MAIL_FROM})
    assert explicit.port == explicit.effective_port == 2525


def test_settings_read_every_variable() -> None:
    settings = MailSettings.from_env({"SMTP_HOST": " smtp.example.org ", "SMTP_PORT": "465", "SMTP_TLS": "tls",
                                      "SMTP_USER": "bot", "SMTP_PASSWORD": "s3cr3t", "MAIL_FROM": MAIL_FROM})
    assert settings == MailSettings(host="smtp.example.org", port=465, user="bot", password="s3cr3t", tls="tls",
                                    mail_from=MAIL_FROM)


@pytest.mark.parametrize(("env", "named"), [
    ({"SMTP_PORT": "abc"}, "SMTP_PORT=abc"),
    ({"SMTP_PORT": "0"}, "SMTP_PORT=0"),
    ({"SMTP_PORT": "70000"}, "SMTP_PORT=70000"),
    ({"SMTP_TLS": "ssl"}, "SMTP_TLS=ssl"),
    ({"SMTP_HOST": "smtp.example.org"}, "MAIL_FROM is missing"),
    ({"SMTP_HOST": "smtp.example.org", "MAIL_FROM": "Recrutement"}, "MAIL_FROM=Recrutement"),
    ({"MAIL_FROM": "a@example.org, b@example.org"}, "MAIL_FROM="),
    ({"SMTP_PASSWORD": "s3cr3t"}, "SMTP_USER is empty"),
    ({"SMTP_USER": "bot"}, "SMTP_PASSWORD is empty"),
])
def test_invalid_settings_name_the_variable(env: dict[str, str], named: str) -> None:
    with pytest.raises(MailConfigError, match=re.escape(named)) as caught:
        MailSettings.from_env(env)
    assert isinstance(caught.value, ValueError)
    assert "s3cr3t" not in str(caught.value)


def test_describe_masks_the_password() -> None:
    settings = MailSettings(host="smtp.example.org", user="bot", password="s3cr3t-pa55", mail_from=MAIL_FROM)
    described = settings.describe()
    assert "s3cr3t" not in described
    assert "password=set" in described
    assert "smtp.example.org:587" in described and "tls=starttls" in described and "user=bot" in described
