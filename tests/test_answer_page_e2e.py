"""End-to-end: recruiters answer on the web answer page, in a real headless browser (Debian's Chromium).

The real bot runs against the fake Bot API and mails its forwards to aiosmtpd; in polling mode with
PUBLIC_URL set it serves the page on HOST:PORT (127.0.0.1 here). The browser opens the link from the
captured mail, with JavaScript turned off, and is driven with the keyboard.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
from dataclasses import replace
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web
from playwright.async_api import Browser

from bot.app import build_application
from bot.config import Settings
from bot.engine import Engine
from bot.mailer import MailSettings
from bot.webhook import serving
from conftest import PROJECT
from fake_bot_api import FakeBotApi, User
from smtp_server import SmtpServer, free_port
from test_bot_e2e import TODAY, TOKEN, knowledge_folder, running, say
from test_forwarding_e2e import ALPHA, forward_question, forwards, wait_for_mail

CANDIDATE = User(id=7001, first_name="Camille", language_code="fr")
SECOND = User(id=7002, first_name="Noa", language_code="fr")
PAGE_LINK = re.compile(r"http://127\.0\.0\.1:\d+/r/ans_[A-Za-z0-9_-]+")




@pytest.fixture
def settings(tmp_path: Path, api: FakeBotApi, smtp: SmtpServer) -> Settings:
    mail = MailSettings(host="127.0.0.1", port=smtp.port, tls="none", mail_from="Recrutement <bot@example.org>",
                        timeout=2.0)
    port = free_port()
    return Settings(telegram_token=TOKEN, telegram_api_url=api.base_url, knowledge_dir=knowledge_folder(tmp_path),
                    database_path=tmp_path / "bot.sqlite3", mail=mail, outbox_interval=0.1, outbox_first_retry=0.2,
                    host="127.0.0.1", port=port, public_url=f"http://127.0.0.1:{port}")


async def page_link(api: FakeBotApi, smtp: SmtpServer, user: User, question: str) -> str:
    """A question forwarded (signed with the candidate's first name) and mailed: the page's link in the mail."""
    count = len(smtp.received)
    await forward_question(api, user, question, signed=True)
    await api.wait_for_messages(user.id)
    await wait_for_mail(smtp, count + 1)
    found = PAGE_LINK.search(smtp.received[count].text)
    assert found is not None, smtp.received[count].text
    return found.group(0)


@pytest.mark.asyncio
async def test_a_recruiter_answers_on_the_page_without_javascript_by_keyboard_and_a_second_visit_sees_it_done(
        api: FakeBotApi, settings: Settings, smtp: SmtpServer, browser: Browser) -> None:
    async with running(settings):
        link = await page_link(api, smtp, CANDIDATE, "Y a-t-il des tickets restaurant ?")
        context = await browser.new_context(java_script_enabled=False, locale="fr-FR")
        tab = await context.new_page()
        opened = await tab.goto(link)
        assert opened is not None
        shown = await tab.inner_text("main")
        robots = await tab.get_attribute('meta[name="robots"]', "content")
        await tab.get_by_label("Votre réponse").focus()
        await tab.keyboard.type("Oui, des titres-restaurant de 9 € par jour travaillé.")
        await tab.keyboard.press("Tab")  # the FAQ checkbox, reached and ticked by keyboard
        await tab.keyboard.press("Space")
        ticked = await tab.get_by_label("Ajouter cette réponse à la FAQ de l'offre", exact=False).is_checked()
        await tab.keyboard.press("Tab")
        await tab.keyboard.press("Enter")  # the send button
        await tab.wait_for_selector("text=Merci")
        thanks = await tab.inner_text("main")
        [relayed] = await api.wait_for_messages(CANDIDATE.id)
        await tab.goto(link)
        second_visit = await tab.inner_text("main")
        await context.close()
        await say(api, SECOND, f"/start {ALPHA}")
        [faq_answer] = await say(api, SECOND, "Il y a des tickets resto ?")
    assert "Y a-t-il des tickets restaurant ?" in shown and "Développeur·se backend" in shown
    assert "Camille" not in shown  # never who asked, even when they signed
    assert opened.headers.get("x-robots-tag") == "noindex, nofollow" and robots == "noindex, nofollow"
    assert ticked
    assert "transmise" in thanks and "FAQ" in thanks
    assert "Réponse du recruteur" in (relayed.text or "") and "titres-restaurant de 9 €" in (relayed.text or "")
    assert "déjà reçu une réponse" in second_visit
    assert "titres-restaurant de 9 €" in (faq_answer.text or "")
    assert (await forwards(settings))[0][0] == "answered"


@pytest.mark.asyncio
async def test_the_page_speaks_english_when_the_browser_asks_for_it(
        api: FakeBotApi, settings: Settings, smtp: SmtpServer, browser: Browser) -> None:
    async with running(settings):
        link = await page_link(api, smtp, CANDIDATE, "C'est payé combien ?")
        context = await browser.new_context(locale="en-US")
        tab = await context.new_page()
        await tab.goto(link)
        title = await tab.title()
        language = await tab.get_attribute("html", "lang")
        label = await tab.get_by_label("Your answer").count()
        await context.close()
    assert title == "Answer a candidate" and language == "en" and label == 1


@pytest.mark.asyncio
async def test_a_forged_or_expired_link_shows_a_clear_page(
        api: FakeBotApi, settings: Settings, smtp: SmtpServer, browser: Browser) -> None:
    async with running(replace(settings, answer_token_days=0)):  # links expire as soon as they are made
        link = await page_link(api, smtp, CANDIDATE, "C'est payé combien ?")
        tab = await browser.new_page(locale="fr-FR")
        forged = await tab.goto(f"{settings.public_url}/r/ans_{'A' * 32}")
        forged_text = await tab.inner_text("main")
        expired = await tab.goto(link)
        expired_text = await tab.inner_text("main")
        forms = await tab.locator("form").count()
    assert forged is not None and forged.status == 404 and "n'est pas valable" in forged_text
    assert expired is not None and expired.status == 410 and "a expiré" in expired_text and forms == 0


@pytest.mark.asyncio
async def test_a_cross_site_post_is_refused_and_relays_nothing(
        api: FakeBotApi, settings: Settings, smtp: SmtpServer, browser: Browser) -> None:
    target: list[str] = []

    async def evil(request: web.Request) -> web.Response:
        return web.Response(content_type="text/html", text=(
            f'<!DOCTYPE html><form method="post" action="{target[0]}">'
            '<input name="answer" value="Réponse forgée"><input name="csrf" value="guess">'
            '<button>Gagner un prix</button></form>'))

    async with running(settings):
        link = await page_link(api, smtp, CANDIDATE, "C'est payé combien ?")
        attacker = web.Application()
        target.append(link)
        attacker.router.add_get("/", evil)
        runner = web.AppRunner(attacker)
        await runner.setup()
        port = free_port()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        try:
            context = await browser.new_context(locale="fr-FR")
            tab = await context.new_page()
            await tab.goto(link)  # the recruiter has the page open: its cookie is in the browser
            await tab.goto(f"http://127.0.0.1:{port}/")
            async with tab.expect_navigation():
                await tab.click("button")
            refused = await tab.inner_text("main")
            await context.close()
        finally:
            await runner.cleanup()
        async with aiohttp.ClientSession() as http:  # the page's own value, but sent from another origin
            page = await http.get(link)
            csrf = re.search(r'name="csrf" value="([^"]+)"', await page.text())
            assert csrf is not None
            other = await http.post(link, data={"csrf": csrf.group(1), "answer": "Réponse forgée"},
                                    headers={"Origin": "http://evil.example"})
        await api.expect_no_messages(CANDIDATE.id, wait=0.5)
    assert "n'a pas été acceptée" in refused
    assert other.status == 403
    assert (await forwards(settings))[0][0] == "sent"


@pytest.mark.asyncio
async def test_failed_look_ups_are_rate_limited(api: FakeBotApi, settings: Settings) -> None:
    async with running(settings), aiohttp.ClientSession() as http:
        statuses = [(await http.get(f"{settings.public_url}/r/ans_{n:032d}")).status for n in range(22)]
    assert statuses[:20] == [404] * 20 and statuses[-1] == 429


@pytest.mark.asyncio
async def test_the_webhook_server_serves_the_page_too(api: FakeBotApi, settings: Settings) -> None:
    url = f"{settings.public_url}/hook"
    hooked = replace(settings, webhook_url=url, webhook_secret="s3cret")
    engine = Engine.load(settings.knowledge_dir, today=TODAY)
    async with serving(build_application(hooked, engine=engine, updater=False), hooked), \
            aiohttp.ClientSession() as http:
        forged = await http.get(f"{settings.public_url}/r/ans_{'B' * 32}", headers={"Accept-Language": "en"})
        text = await forged.text()
    assert forged.status == 404 and "This link is not valid" in text


@pytest.mark.asyncio
async def test_run_in_polling_mode_serves_the_page_on_host_and_port_when_public_url_is_set(
        api: FakeBotApi, settings: Settings) -> None:
    env = {**os.environ, "TELEGRAM_TOKEN": TOKEN, "TELEGRAM_API_URL": api.base_url,
           "KNOWLEDGE_DIR": str(settings.knowledge_dir), "DATABASE_PATH": str(settings.database_path),
           "PUBLIC_URL": settings.public_url, "HOST": "127.0.0.1", "PORT": str(settings.port)}
    process = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "run", cwd=PROJECT, env=env,
                                                   stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)
    try:
        await api.wait_for_calls("setMyCommands", count=3, timeout=30)
        async with aiohttp.ClientSession() as http:
            for _ in range(100):  # the page's server starts right after the commands are registered
                try:
                    forged = await http.get(f"{settings.public_url}/r/ans_{'C' * 32}")
                    break
                except aiohttp.ClientConnectorError:
                    await asyncio.sleep(0.1)
            text = await forged.text()
        await api.wait_until_polled()
        await asyncio.sleep(1.0)  # application.start() follows the first poll
    finally:
        process.send_signal(signal.SIGINT)
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    assert forged.status == 404 and "pas valable" in text
    assert process.returncode == 0, stderr.decode()[-2000:]
    assert b"GET /r/" in stderr  # the access log has the request
    assert b"ans_CCCC" not in stderr  # the token never reaches the log
