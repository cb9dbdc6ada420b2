"""The real servers the tests start work, on loopback only: Dovecot for IMAP, Chromium for the web page."""

from __future__ import annotations

import socket

import pytest
from aiohttp import web
from playwright.async_api import Browser

from imap_server import ImapServer
from smtp_server import SmtpServer, free_port


def test_the_imap_server_takes_a_login_offers_idle_and_keeps_its_mailbox_across_a_restart(
        imap_server: ImapServer) -> None:
    imap_server.deliver(b"From: rh@alpha.example\r\nSubject: test\r\n\r\nBonjour\r\n")
    with imap_server.client() as client:
        capabilities = client.capabilities
        client.select("INBOX")
        _, [validity] = client.response("UIDVALIDITY")
    imap_server.stop()
    imap_server.start()
    with imap_server.client() as client:
        client.select("INBOX")
        _, [again] = client.response("UIDVALIDITY")
    assert "IDLE" in capabilities
    assert validity == again
    assert [uid for uid, _ in imap_server.flags()] == [1]


@pytest.mark.asyncio
async def test_the_browser_opens_a_page_on_loopback_and_nothing_else(browser: Browser) -> None:
    async def page(request: web.Request) -> web.Response:
        return web.Response(text="<!DOCTYPE html><title>ok</title><h1>Bonjour</h1>", content_type="text/html")

    app = web.Application()
    app.router.add_get("/", page)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        tab = await browser.new_page()
        await tab.goto(f"http://127.0.0.1:{port}/")
        heading = await tab.inner_text("h1")
        with pytest.raises(Exception, match="ERR_NAME_NOT_RESOLVED"):
            await tab.goto("https://example.org/", timeout=10_000)
    finally:
        await runner.cleanup()
    assert heading == "Bonjour"


def test_the_smtp_server_keeps_its_port_while_it_is_down(smtp: SmtpServer) -> None:
    """An outage refuses connections, and no other test worker can take the port before the server comes back."""
    smtp.stop()
    with socket.socket() as client:
        assert client.connect_ex(("127.0.0.1", smtp.port)) != 0
    with socket.socket() as other, pytest.raises(OSError):
        other.bind(("127.0.0.1", smtp.port))
    smtp.start()
    with socket.socket() as client:
        assert client.connect_ex(("127.0.0.1", smtp.port)) == 0
