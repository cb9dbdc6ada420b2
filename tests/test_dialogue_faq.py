"""FAQ reuse by topic, as dialogues over the service: a recruiter's answer kept as FAQ is filed under the intent of
the question it answered, and the next candidates of the posting get it whatever their words ("TJM ?" answers
"C'est payé combien ?" and "What's the daily rate?")."""

from __future__ import annotations

import pytest

from dialogue import Dialogue, Said, button_data
from fake_bot_api import User

CAMILLE = User(id=6101, first_name="Camille", language_code="fr")
LEA = User(id=6102, first_name="Léa", language_code="fr")
ALEX = User(id=6103, first_name="Alex", language_code="en")
RITA = User(id=4201, first_name="Rita", language_code="fr")
ALPHA = "2024-01-10-alpha-dev"  # its posting says nothing of pay
pytestmark = pytest.mark.asyncio


async def forward_of(dialogue: Dialogue, user: User, question: str) -> str:
    """The user asks about Alpha what it does not say and agrees to forward it: the answer link's token."""
    await dialogue.say(user, f"/start {ALPHA}")
    [abstention] = await dialogue.say(user, question)
    [consent] = await dialogue.press(user, next(d for d in button_data(abstention) if d.startswith("f:")))
    await dialogue.press(user, next(d for d in button_data(consent) if d.startswith("fn:")))
    [forward] = [f for f in await dialogue.storage.forwards() if f.question == question]
    assert forward.token is not None
    return forward.token


async def keep_as_faq(dialogue: Dialogue, token: str, answer: str) -> Said:
    """Rita opens the answer link, answers, and adds her answer to the posting's FAQ: the confirmation."""
    await dialogue.say(RITA, f"/start {token}")
    [thanks] = await dialogue.say(RITA, answer)
    [added] = await dialogue.press(RITA, next(d for d in button_data(thanks) if d.startswith("faq:")))
    return added


async def test_an_answer_kept_as_faq_is_filed_under_the_intent_of_the_question_it_answered(
        dialogue: Dialogue) -> None:
    token = await forward_of(dialogue, CAMILLE, "TJM ?")
    added = await keep_as_faq(dialogue, token, "Entre 500 et 600 € par jour selon l'expérience.")
    [entry] = await dialogue.storage.faq(ALPHA)
    assert "ajouté à la FAQ" in added.text
    assert (entry.question, entry.intent) == ("TJM ?", "pay")


async def test_an_answer_kept_as_faq_on_the_web_answer_page_is_filed_under_its_intent_too(
        dialogue: Dialogue) -> None:
    token = await forward_of(dialogue, CAMILLE, "Y a-t-il une période d'essai ?")
    desk = dialogue.service.answers
    found = await desk.find(token)
    assert found is not None
    await desk.answer(found, "Oui, de trois mois.", faq=True, channel="web")
    [entry] = await dialogue.storage.faq(ALPHA)
    assert entry.intent == "probation"


@pytest.mark.parametrize(("candidate", "question", "team"), [
    (LEA, "C'est payé combien ?", "Réponse de l'équipe de recrutement"),
    (ALEX, "What's the daily rate?", "The hiring team's answer"),
])
async def test_the_next_candidate_asking_the_same_topic_in_other_words_gets_the_faq_answer(
        dialogue: Dialogue, candidate: User, question: str, team: str) -> None:
    token = await forward_of(dialogue, CAMILLE, "TJM ?")
    await keep_as_faq(dialogue, token, "Entre 500 et 600 € par jour selon l'expérience.")
    await dialogue.say(candidate, f"/start {ALPHA}")
    [reply] = await dialogue.say(candidate, question)
    assert team in reply.text and "TJM ?" in reply.text and "Entre 500 et 600 € par jour" in reply.text
    assert any(d.startswith("f:") for d in button_data(reply))  # "not my question": they can still forward theirs
    assert len(await dialogue.storage.forwards()) == 1  # nothing more went to the recruiter
