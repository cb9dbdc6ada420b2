"""The candidate's journey as dialogues (tests/dialogue.py, no Telegram): browse, choose, ask, be understood,
forward."""

from __future__ import annotations

import pytest

from bot.conversation import posting_key
from dialogue import Dialogue, button_data, chat_of
from test_bot_e2e import ALEX, CAMILLE


@pytest.mark.asyncio
async def test_a_deep_link_selects_the_posting_at_once(dialogue: Dialogue) -> None:
    [selected] = await dialogue.say(CAMILLE, "/start 2024-01-10-alpha-dev")
    [answer] = await dialogue.say(CAMILLE, "Le poste est-il en télétravail ?")
    assert "Offre choisie" in selected.text and "Développeur·se backend" in selected.text
    assert "Télétravail complet possible" in answer.text
    assert "Modalités" in answer.text
    assert ("Annonce complète", None) in answer.buttons
    assert answer.urls == ["https://alpha.example/jobs/dev"]


@pytest.mark.asyncio
async def test_an_unknown_link_gets_a_helpful_reply_and_the_list(dialogue: Dialogue) -> None:
    sorry, listing = await dialogue.say(CAMILLE, "/start no-such-posting")
    assert "Je ne trouve pas l'offre" in sorry.text
    assert listing.buttons


@pytest.mark.asyncio
async def test_a_closed_posting_opened_by_link_is_clearly_marked(dialogue: Dialogue) -> None:
    [selected] = await dialogue.say(CAMILLE, "/start 2023-05-01-gamma-deploiement")
    [answer] = await dialogue.say(CAMILLE, "La mission dure combien de temps ?")
    assert "cette offre est fermée" in selected.text
    assert "l:o:0" in button_data(selected)  # the open postings are one press away
    assert "1 an" in answer.text and "Cette offre est fermée" in answer.text


@pytest.mark.asyncio
async def test_a_posting_is_chosen_by_button(dialogue: Dialogue) -> None:
    _, listing = await dialogue.say(CAMILLE, "/start")
    assert listing.buttons
    [selected] = await dialogue.press(CAMILLE, f"p:{posting_key('2024-02-01-beta-design')}")
    [answer] = await dialogue.say(CAMILLE, "c'est combien de temps la mission ?")
    assert "Designer UX" in selected.text
    assert "3 mois" in answer.text


@pytest.mark.asyncio
async def test_a_question_the_posting_does_not_answer_offers_a_forward(dialogue: Dialogue) -> None:
    await dialogue.say(CAMILLE, "/start 2024-01-10-alpha-dev")
    [abstention] = await dialogue.say(CAMILLE, "C'est payé combien ?")
    forward = next(data for data in button_data(abstention) if data.startswith("f:"))
    [consent] = await dialogue.press(CAMILLE, forward)
    anonymous = next(data for data in button_data(consent) if data.startswith("fa:"))
    [queued] = await dialogue.press(CAMILLE, anonymous)
    assert "ne le précise pas" in abstention.text
    assert "recrutement@alpha.example" in consent.text  # to whom, before anything is sent
    assert "C'est payé combien ?" in consent.text  # what
    assert any(d.startswith("fn:") for d in button_data(consent))  # sign with the first name, or not
    assert "part vers l'équipe de recrutement" in queued.text
    [forward] = await dialogue.storage.forwards(chat_id=chat_of(CAMILLE))
    question = await dialogue.storage.get_question(forward.question_id)
    assert question is not None and (question.text, question.answered, question.intent) == (
        "C'est payé combien ?", False, "pay")
    assert (forward.status, forward.contact, forward.candidate_name) == ("pending", "recrutement@alpha.example", None)


@pytest.mark.asyncio
async def test_an_english_speaker_gets_english(dialogue: Dialogue) -> None:
    welcome, _ = await dialogue.say(ALEX, "/start")
    await dialogue.say(ALEX, "/start 2024-01-10-alpha-dev")
    [answer] = await dialogue.say(ALEX, "How long is the mission?")
    assert "Hello" in welcome.text
    assert "From the posting" in answer.text and "6 mois" in answer.text


@pytest.mark.asyncio
async def test_an_english_question_is_framed_in_english_for_a_french_account(dialogue: Dialogue) -> None:
    await dialogue.say(CAMILLE, "/start 2024-01-10-alpha-dev")
    [answer] = await dialogue.say(CAMILLE, "Is remote work possible?")
    assert "From the posting" in answer.text


@pytest.mark.asyncio
async def test_with_no_posting_selected_the_question_names_it(dialogue: Dialogue) -> None:
    guess, answer = await dialogue.say(CAMILLE, "Chez Alpha Impôts, c'est en télétravail ?")
    [next_answer] = await dialogue.say(CAMILLE, "et ça dure combien de temps ?")
    assert "Développeur·se backend" in guess.text
    assert "l:o:0" in button_data(guess)  # offers to switch
    assert "Télétravail complet" in answer.text
    assert "6 mois" in next_answer.text  # the guessed posting stays selected


@pytest.mark.asyncio
async def test_two_close_postings_are_offered_as_buttons(dialogue: Dialogue) -> None:
    [which] = await dialogue.say(CAMILLE, "Chez Beta Santé, la mission dure combien de temps ?")
    choices = [d for d in button_data(which) if d.startswith("q:")]
    design = next(d for d in choices if d.startswith(f"q:{posting_key('2024-02-01-beta-design')}:"))
    selected, answer = await dialogue.press(CAMILLE, design)
    assert "Plusieurs offres" in which.text
    assert len(choices) == 2
    assert "Designer UX" in selected.text and "3 mois" in answer.text


@pytest.mark.asyncio
async def test_help_explains_with_examples(dialogue: Dialogue) -> None:
    [help_fr] = await dialogue.say(CAMILLE, "/aide")
    [help_en] = await dialogue.say(ALEX, "/help")
    assert "Exemples" in help_fr.text and "Examples" in help_en.text

