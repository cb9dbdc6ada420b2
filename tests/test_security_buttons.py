"""Forged button data, end to end (security review, issue 8, findings 1 and 12).

Telegram clients can send any callback data on any message of their own chat: the bot must check, for
every button, that the person pressing it owns what the data names, and must answer malformed numbers
instead of crashing. The real application runs against the fake Bot API and a real SMTP server.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Settings
from bot.identity import TELEGRAM, chat_key
from bot.mail import MailSettings
from conftest import stored
from fake_bot_api import Call, FakeBotApi, User
from smtp_server import SmtpServer
from test_bot_e2e import TOKEN, knowledge_folder, press, running, say
from test_forwarding_e2e import LINK, forward_question, wait_for_mail

CANDIDATE = User(id=8001, first_name="Camille", language_code="fr")
NEXT = User(id=8002, first_name="Noa", language_code="fr")
RECRUITER = User(id=8101, first_name="Rita", language_code="fr")
STRANGER = User(id=8666, first_name="Mallory", language_code="fr")
ADMIN = User(id=8200, first_name="Ada", language_code="fr")
ALPHA = "2024-01-10-alpha-dev"
PRIVATE = "Je suis enceinte de 5 mois : y a-t-il des tickets restaurant ?"
ANSWER = "Oui, sans souci. Appelez-moi au 06 12 34 56 78."




@pytest.fixture
def settings(tmp_path: Path, api: FakeBotApi, smtp: SmtpServer) -> Settings:
    mail = MailSettings(host="127.0.0.1", port=smtp.port, tls="none", mail_from="Recrutement <bot@example.org>",
                        timeout=2.0)
    return Settings(telegram_token=TOKEN, telegram_api_url=api.base_url, knowledge_dir=knowledge_folder(tmp_path),
                    database_path=tmp_path / "bot.sqlite3", mail=mail, outbox_interval=0.1, outbox_first_retry=0.2,
                    admin_ids=frozenset({ADMIN.id}))


async def answered_by_recruiter(api: FakeBotApi, smtp: SmtpServer) -> Call:
    """A candidate forwards a private question, the recruiter answers it by the mailed link: returns the
    recruiter's "thank you, add it to the FAQ?" message."""
    await forward_question(api, CANDIDATE, PRIVATE)
    await wait_for_mail(smtp)
    token = LINK.search(smtp.received[-1].text)
    assert token is not None
    await say(api, RECRUITER, f"/start {token.group(1)}")
    [thanks] = await say(api, RECRUITER, ANSWER)
    told = " ".join(m.text or "" for m in await api.wait_for_messages(CANDIDATE.id, count=2))
    assert "transmise" in told and "Réponse du recruteur" in told  # "your question has gone", then the answer
    return thanks


async def faq_rows(settings: Settings) -> list[tuple[str, str]]:
    """The FAQ entries kept: question and answer."""
    async with stored(settings) as storage:
        return [(e.question, e.answer) for e in await storage.faq()]


# --- finding 1: the FAQ button belongs to the recruiter who answered ---------------------------------------

@pytest.mark.asyncio
@pytest.mark.parametrize("forged", ["faq:1", "nofaq:1"])
async def test_a_stranger_cannot_publish_or_dismiss_an_answer_with_forged_faq_data(
        api: FakeBotApi, settings: Settings, smtp: SmtpServer, forged: str) -> None:
    async with running(settings):
        thanks = await answered_by_recruiter(api, smtp)
        [own] = await say(api, STRANGER, "/aide")  # any message of the stranger's own chat will carry the data
        [refused] = await press(api, STRANGER, own, forged, strict=False)
        await say(api, NEXT, f"/start {ALPHA}")
        [next_reply] = await say(api, NEXT, "Il y a des tickets resto ?")
        [added] = await press(api, RECRUITER, thanks, "faq:1")  # the recruiter who answered still can
    assert "pas adressée à votre compte" in (refused.text or "")
    assert "06 12 34 56 78" not in (next_reply.text or "") and "enceinte" not in (next_reply.text or "").lower()
    assert "ajouté à la FAQ" in (added.text or "")
    assert await faq_rows(settings) == [(PRIVATE, ANSWER)]


@pytest.mark.asyncio
async def test_forget_erases_the_faq_entries_made_from_the_candidates_questions(
        api: FakeBotApi, settings: Settings, smtp: SmtpServer) -> None:
    async with running(settings):
        thanks = await answered_by_recruiter(api, smtp)
        await press(api, RECRUITER, thanks, "faq:1")
        await say(api, NEXT, f"/start {ALPHA}")
        [before] = await say(api, NEXT, "Il y a des tickets resto ?")
        [confirm] = await say(api, CANDIDATE, "/oubli")
        [done] = await press(api, CANDIDATE, confirm, "forget:yes")
        [after] = await say(api, NEXT, "Il y a des tickets resto ?")
        [privacy] = await say(api, NEXT, "/confidentialite")
    assert "06 12 34 56 78" in (before.text or "")  # the FAQ answered the next candidate...
    assert await faq_rows(settings) == []  # ...until the candidate whose question it was asked to be forgotten
    assert "06 12 34 56 78" not in (after.text or "")
    assert "FAQ" in (done.text or "")
    assert "FAQ" in (privacy.text or "") and "reste" not in (privacy.text or "")


# --- a press on another chat's message (malformed data and numbers: test_dialogue_safety.py) -----------

@pytest.mark.asyncio
async def test_a_button_pressed_by_someone_else_than_the_chat_it_was_sent_to_is_ignored(
        api: FakeBotApi, settings: Settings) -> None:
    async with running(settings):
        await say(api, CANDIDATE, f"/start {ALPHA}")
        [confirm] = await say(api, CANDIDATE, "/oubli")
        api.press_button(STRANGER, confirm, "forget:yes")  # the candidate's message, someone else's press
        await api.expect_no_messages(CANDIDATE.id, wait=0.5)
        [help_text] = await say(api, CANDIDATE, "/aide")  # the bot is fine, and the candidate still known
    assert "Exemples" in (help_text.text or "")
    async with stored(settings) as storage:
        candidate = await storage.get_candidate(chat_key(TELEGRAM, CANDIDATE.id))
    assert candidate is not None and candidate.posting == ALPHA
