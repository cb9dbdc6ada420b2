"""One answer per forward, whichever way it comes: Telegram, a reply to the forward email or the web answer page
go through the same single-use path (RecruiterJourney.give_answer), as dialogues over the service."""

from __future__ import annotations

import pytest

from bot.storage import ForwardRecord
from dialogue import Dialogue, button_data
from fake_bot_api import User

CAMILLE = User(id=6101, first_name="Camille", language_code="fr")
RITA = User(id=4201, first_name="Rita", language_code="fr")
ALPHA = "2024-01-10-alpha-dev"
pytestmark = pytest.mark.asyncio


async def forwarded(dialogue: Dialogue) -> tuple[ForwardRecord, str]:
    """Camille's question forwarded (not delivered yet: its token is still kept): the forward and its token."""
    await dialogue.say(CAMILLE, f"/start {ALPHA}")
    [abstention] = await dialogue.say(CAMILLE, "C'est payé combien ?")
    [consent] = await dialogue.press(CAMILLE, next(d for d in button_data(abstention) if d[:2] == "f:"))
    await dialogue.press(CAMILLE, next(d for d in button_data(consent) if d.startswith("fn:")))
    [forward] = await dialogue.storage.forwards()
    assert forward.token is not None
    return forward, forward.token


async def test_an_answer_on_the_web_page_first_makes_the_telegram_link_say_it_was_answered(
        dialogue: Dialogue) -> None:
    forward, token = await forwarded(dialogue)
    desk = dialogue.service.answers
    found = await desk.find(token)
    assert found is not None
    outcome = await desk.answer(found, "Entre 500 et 600 € par jour.", faq=False, channel="web")
    [opened] = await dialogue.say(RITA, f"/start {token}")
    assert outcome.status == "answered"
    assert "déjà reçu une réponse" in opened.text
    kept = await dialogue.storage.get_forward(forward.id)
    assert kept is not None and kept.answer == "Entre 500 et 600 € par jour."


async def test_an_answer_by_email_while_a_recruiter_types_in_telegram_leaves_one_answer(dialogue: Dialogue) -> None:
    forward, token = await forwarded(dialogue)
    await dialogue.say(RITA, f"/start {token}")  # Rita opens the link: her next message would be the answer
    desk = dialogue.service.answers
    by_mail = await desk.answer(forward, "Par email : 550 € par jour.", faq=False, channel="email")
    late = await dialogue.say(RITA, "Dans Telegram : 600 € par jour.")
    kept = await dialogue.storage.get_forward(forward.id)
    assert by_mail.status == "answered"
    assert [s.text for s in late if "déjà reçu une réponse" in s.text] and len(late) == 1
    assert not [s for s in dialogue.messages_to(CAMILLE) if "600 € par jour" in s.text]  # never relayed
    assert kept is not None and kept.answer == "Par email : 550 € par jour."


async def test_an_answer_typed_in_telegram_first_refuses_the_web_page_and_email(dialogue: Dialogue) -> None:
    forward, token = await forwarded(dialogue)
    await dialogue.say(RITA, f"/start {token}")
    await dialogue.say(RITA, "Dans Telegram : 600 € par jour.")
    desk = dialogue.service.answers
    found = await desk.find(token)
    assert found is not None
    on_the_page = await desk.answer(found, "Sur la page.", faq=True, channel="web")
    by_mail = await desk.answer(forward, "Par email.", faq=False, channel="email")  # the forward read before
    assert (on_the_page.status, by_mail.status) == ("already", "already")
    assert [s for s in dialogue.messages_to(CAMILLE) if "Réponse du recruteur" in s.text]
    assert await dialogue.storage.faq() == []  # a refused answer adds nothing to the FAQ
