"""Privacy and hostile input as dialogues (tests/dialogue.py, no Telegram): what candidates are told and can
erase, how fast they may ask, and forged or malformed data answered without an error."""

from __future__ import annotations

import pytest

from bot.conversation import posting_key
from dialogue import Dialogue, button_data, chat_of, open_dialogue
from fake_bot_api import User
from test_bot_e2e import knowledge_folder

ERIN = User(id=6001, first_name="Erin", language_code="fr")
FELIX = User(id=6002, first_name="Félix", language_code="fr")
STRANGER = User(id=8666, first_name="Mallory", language_code="fr")
ADMIN = User(id=8200, first_name="Ada", language_code="fr")
RECRUITER = User(id=4101, first_name="Rita", language_code="fr")
ALPHA = "2024-01-10-alpha-dev"
pytestmark = pytest.mark.asyncio


async def rows_of(dialogue: Dialogue, user: User) -> dict[str, int]:
    """How many rows of each kind the storage keeps about a user's chat."""
    storage, chat = dialogue.storage, chat_of(user)
    return {"candidates": int(await storage.get_candidate(chat) is not None),
            "questions": len(await storage.questions(chat_id=chat)),
            "forwards": len(await storage.forwards(chat_id=chat)),
            "chat_states": int(await storage.chat_state(chat) is not None),
            "recruiters": int(await storage.recruiter_email(chat) is not None)}


# --- privacy -------------------------------------------------------------------------------------------------

async def test_privacy_says_what_is_kept_why_for_how_long_and_how_to_erase(tmp_path: object) -> None:
    dialogue = await open_dialogue(knowledge_folder(tmp_path), retention_days=90)  # type: ignore[arg-type]
    try:
        [text] = await dialogue.say(ERIN, "/confidentialite")
        [english] = await dialogue.say(User(id=6003, first_name="Ann", language_code="en"), "/privacy")
    finally:
        await dialogue.service.stop()
    assert "90 jours" in text.text and "/oubli" in text.text
    assert "nom" in text.text
    assert "/forget" in english.text


async def test_forget_erases_every_row_of_that_candidate_and_keeps_the_others(dialogue: Dialogue) -> None:
    for user in (ERIN, FELIX):
        await dialogue.say(user, f"/start {ALPHA}")
        [abstention] = await dialogue.say(user, "C'est payé combien ?")
        [consent] = await dialogue.press(user, next(d for d in button_data(abstention) if d[:2] == "f:"))
        await dialogue.press(user, next(d for d in button_data(consent) if d.startswith("fn:")))
        await dialogue.say(user, "Le poste est-il en télétravail ?")
    before = await rows_of(dialogue, ERIN)
    [confirm] = await dialogue.say(ERIN, "/oubli")
    [done] = await dialogue.press(ERIN, "forget:yes")
    assert "forget:yes" in button_data(confirm)
    assert before["questions"] == 2 and before["forwards"] == 1 and before["candidates"] == 1
    assert "2 question(s), 1 transmission(s)" in done.text
    assert await rows_of(dialogue, ERIN) == dict.fromkeys(before, 0)
    assert (await rows_of(dialogue, FELIX))["questions"] == 2  # the others' data stays
    assert [f.candidate_name for f in await dialogue.storage.forwards()] == ["Félix"]


async def test_forget_can_be_cancelled(dialogue: Dialogue) -> None:
    await dialogue.say(ERIN, f"/start {ALPHA}")
    await dialogue.say(ERIN, "télétravail ?")
    await dialogue.say(ERIN, "/oubli")
    [cancelled] = await dialogue.press(ERIN, "forget:no")
    assert "rien n'a été envoyé" in cancelled.text or "D'accord" in cancelled.text
    assert (await rows_of(dialogue, ERIN))["questions"] == 1


async def test_a_candidate_asking_too_fast_is_slowed_down_kindly(tmp_path: object) -> None:
    dialogue = await open_dialogue(knowledge_folder(tmp_path), questions_per_minute=3)  # type: ignore[arg-type]
    try:
        await dialogue.say(ERIN, f"/start {ALPHA}")
        answers = [await dialogue.say(ERIN, "télétravail ?") for _ in range(3)]
        [slowed] = await dialogue.say(ERIN, "et la durée ?")
        [other] = await dialogue.say(FELIX, f"/start {ALPHA}")  # others are not affected
        kept = (await rows_of(dialogue, ERIN))["questions"]
    finally:
        await dialogue.service.stop()
    assert all("Télétravail complet" in a[0].text for a in answers)
    assert "Doucement" in slowed.text
    assert "Offre choisie" in other.text
    assert kept == 3  # the refused one is not even stored


# --- forged and malformed data (issue 8, finding 12) ----------------------------------------------------------

@pytest.mark.parametrize("data", ["l:o:²", "l:a:99999999999999999999", "f:²", "f:99999999999999999999",
                                  "fa:²", "fn:-1", "ans:²", "ans:99999999999999999999", "faq:²",
                                  "nofaq:99999999999999999999", f"q:{posting_key(ALPHA)}:²",
                                  f"q:{posting_key(ALPHA)}:99999999999999999999"])
async def test_malformed_numbers_in_button_data_are_answered(dialogue: Dialogue, data: str) -> None:
    await dialogue.say(STRANGER, "/aide")
    replies = await dialogue.press(STRANGER, data)  # raises on any error in the conversation
    assert replies and all(reply.text for reply in replies)  # and each reply is valid Telegram HTML


@pytest.mark.parametrize("argument", ["²", "99999999999999999999", "-3", "0", "٣"])
async def test_stats_with_a_malformed_number_of_days_is_answered(tmp_path: object, argument: str) -> None:
    dialogue = await open_dialogue(knowledge_folder(tmp_path), admin_ids=frozenset({ADMIN.id}))  # type: ignore[arg-type]
    try:
        [report, *_chart] = await dialogue.say(ADMIN, f"/stats {argument}")
    finally:
        await dialogue.service.stop()
    assert "30 jours" in report.text


@pytest.mark.parametrize("link", ["ans_" + "A" * 32, "ans_", "ans_not-a-real-token"])
async def test_a_forged_answer_link_is_refused(dialogue: Dialogue, link: str) -> None:
    [refused] = await dialogue.say(RECRUITER, f"/start {link}")
    assert "n'est pas valable" in refused.text
