"""The storage contract: every behaviour the bot relies on, run on every backend (SQLite, in memory).

A new backend (PostgreSQL) is added to conftest.STORAGE_BACKENDS and must pass all of these unchanged.
"""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest

from bot.storage import MAX_QUESTION_CHARS, QuestionRecord, Storage, StoreError
from conftest import Backend

UTC = dt.UTC
T0 = dt.datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
LEASE = dt.timedelta(minutes=5)
pytestmark = pytest.mark.asyncio


def minutes(n: float) -> dt.datetime:
    return T0 + dt.timedelta(minutes=n)


async def a_forward(storage: Storage, *, chat_id: str = "t:42", question: str = "C'est payé combien ?",
                    token_hash: str = "hash-1", now: dt.datetime = T0, posting: str | None = "p1",
                    contact: str = "rh@example.org") -> int:
    """A question of chat_id, forwarded: the forward's id (due at `now`)."""
    question_id = await storage.record_question(chat_id=chat_id, text=question, posting=posting, answered=False,
                                                now=now)
    forward_id = await storage.create_forward(
        question_id=question_id, chat_id=chat_id, posting=posting, contact=contact, candidate_name="Léa",
        token="ans_token", token_hash=token_hash, token_expires_at=now + dt.timedelta(days=30), now=now)
    assert forward_id is not None
    return forward_id


# --- lifecycle -----------------------------------------------------------------------------------------------


async def test_state_survives_a_restart(backend: Backend) -> None:
    first = await backend.open()
    await first.select_posting("t:7", "2024-01-10-alpha-dev")
    await first.set_language("t:7", "en")
    question_id = await first.record_question(chat_id="t:7", text="Remote?", posting="2024-01-10-alpha-dev",
                                              answered=True)
    await first.note_answered_question(chat_id="t:7", text="Salary?", posting="2024-01-10-alpha-dev")
    await first.close()
    second = await backend.open()
    candidate = await second.get_candidate("t:7")
    question = await second.get_question(question_id)
    texts = sorted(q.text for q in await second.questions())
    await second.close()
    assert candidate is not None and (candidate.posting, candidate.language) == ("2024-01-10-alpha-dev", "en")
    assert question is not None and question.text == "Remote?"
    assert texts == ["Remote?", "Salary?"]  # noted answered questions are written at close


async def test_close_is_idempotent_and_a_closed_storage_raises_store_error(backend: Backend) -> None:
    storage = await backend.open()
    await storage.check_health()
    await storage.close()
    await storage.close()
    with pytest.raises(StoreError, match="closed"):
        await storage.get_candidate("t:1")
    with pytest.raises(StoreError):
        await storage.check_health()


# --- candidates ------------------------------------------------------------------------------------------


async def test_touch_candidate_sets_first_seen_once_and_moves_last_seen(storage: Storage) -> None:
    created = await storage.touch_candidate("t:42", now=minutes(0))
    touched = await storage.touch_candidate("t:42", now=minutes(5))
    assert (created.first_seen, created.last_seen) == (minutes(0), minutes(0))
    assert (touched.first_seen, touched.last_seen) == (minutes(0), minutes(5))
    assert await storage.get_candidate("t:42") == touched


async def test_a_new_candidate_speaks_french_and_has_no_posting(storage: Storage) -> None:
    candidate = await storage.touch_candidate("t:42")
    assert (candidate.chat_id, candidate.language, candidate.posting) == ("t:42", "fr", None)
    assert candidate.first_seen.tzinfo == UTC


async def test_touch_candidate_changes_the_language_only_when_given(storage: Storage) -> None:
    await storage.touch_candidate("t:42", language="en")
    assert (await storage.touch_candidate("t:42")).language == "en"
    assert (await storage.touch_candidate("t:42", language="fr")).language == "fr"


async def test_get_candidate_returns_none_for_a_stranger(storage: Storage) -> None:
    assert await storage.get_candidate("t:404") is None


async def test_select_posting_creates_the_candidate_and_none_forgets_it(storage: Storage) -> None:
    await storage.select_posting("t:42", "2021-08-30-sicoval-pm")
    candidate = await storage.get_candidate("t:42")
    assert candidate is not None and (candidate.posting, candidate.language) == ("2021-08-30-sicoval-pm", "fr")
    await storage.select_posting("t:42", None)
    candidate = await storage.get_candidate("t:42")
    assert candidate is not None and candidate.posting is None


async def test_set_language_keeps_the_posting_and_refuses_an_empty_one(storage: Storage) -> None:
    await storage.select_posting("t:42", "2021-08-30-sicoval-pm")
    await storage.set_language("t:42", "en")
    candidate = await storage.get_candidate("t:42")
    assert candidate is not None and (candidate.language, candidate.posting) == ("en", "2021-08-30-sicoval-pm")
    with pytest.raises(StoreError, match="empty language"):
        await storage.set_language("t:42", " ")


# --- questions -------------------------------------------------------------------------------------------


async def test_a_recorded_question_reads_back_with_every_field_in_utc(storage: Storage) -> None:
    paris = dt.timezone(dt.timedelta(hours=1))
    asked = dt.datetime(2026, 11, 23, 10, 30, 15, 123456, tzinfo=paris)
    question_id = await storage.record_question(
        chat_id="t:42", text="Le poste est-il en télétravail ?", posting="2021-08-30-sicoval-pm", section="Modalités",
        score=0.875, answered=True, intent="remote", reason="", now=asked)
    assert await storage.get_question(question_id) == QuestionRecord(
        id=question_id, chat_id="t:42", text="Le poste est-il en télétravail ?", posting="2021-08-30-sicoval-pm",
        section="Modalités", score=0.875, answered=True, intent="remote", reason="", status="answered",
        created_at=dt.datetime(2026, 11, 23, 9, 30, 15, 123456, tzinfo=UTC))


async def test_an_unanswered_question_is_stored_with_its_reason(storage: Storage) -> None:
    question_id = await storage.record_question(chat_id="t:42", text="C'est payé combien ?", posting=None,
                                                answered=False, intent="pay", reason="not-said")
    record = await storage.get_question(question_id)
    assert record is not None
    assert (record.answered, record.status, record.posting, record.reason) == (False, "unanswered", None, "not-said")


async def test_record_question_creates_the_candidate(storage: Storage) -> None:
    await storage.record_question(chat_id="t:42", text="?", posting=None, answered=False, now=minutes(3))
    candidate = await storage.get_candidate("t:42")
    assert candidate is not None and candidate.first_seen == minutes(3)


async def test_question_text_is_cut_to_4096_characters_and_lone_surrogates_replaced(storage: Storage) -> None:
    text = "é" * (MAX_QUESTION_CHARS + 100)
    question_id = await storage.record_question(chat_id="t:42", text=text, posting=None, answered=False)
    record = await storage.get_question(question_id)
    assert record is not None and record.text == text[:MAX_QUESTION_CHARS] and MAX_QUESTION_CHARS == 4096
    odd = await storage.record_question(chat_id="t:42", text="a\ud800b", posting=None, answered=False)
    assert (await storage.get_question(odd)) is not None
    assert (await storage.get_question(odd)).text == "a\ufffdb"  # type: ignore[union-attr]


async def test_get_question_returns_none_for_an_unknown_id(storage: Storage) -> None:
    assert await storage.get_question(999) is None


async def test_set_question_status_changes_it_and_refuses_an_unknown_question_or_an_empty_status(
        storage: Storage) -> None:
    question_id = await storage.record_question(chat_id="t:42", text="?", posting=None, answered=False)
    await storage.set_question_status(question_id, "answered-from-faq")
    record = await storage.get_question(question_id)
    assert record is not None and record.status == "answered-from-faq"
    with pytest.raises(StoreError, match="no question with the id 999"):
        await storage.set_question_status(999, "answered-from-faq")
    with pytest.raises(StoreError, match="empty status"):
        await storage.set_question_status(question_id, "")


async def test_questions_are_listed_newest_first_filtered_by_chat_and_since_and_limited(storage: Storage) -> None:
    for n, chat_id in enumerate(["t:1", "t:2", "t:1", "t:2", "t:1"]):
        await storage.record_question(chat_id=chat_id, text=f"q{n}", posting=None, answered=False, now=minutes(n))
    assert [q.text for q in await storage.questions()] == ["q4", "q3", "q2", "q1", "q0"]
    assert [q.text for q in await storage.questions(chat_id="t:1")] == ["q4", "q2", "q0"]
    assert [q.text for q in await storage.questions(since=minutes(2))] == ["q4", "q3", "q2"]
    assert [q.text for q in await storage.questions(chat_id="t:2", since=minutes(2))] == ["q3"]
    assert [q.text for q in await storage.questions(limit=2)] == ["q4", "q3"]
    with pytest.raises(StoreError, match="negative limit"):
        await storage.questions(limit=-1)


async def test_a_naive_datetime_is_refused(storage: Storage) -> None:
    with pytest.raises(StoreError, match="naive datetime"):
        await storage.record_question(chat_id="t:1", text="?", posting=None, answered=False,
                                      now=dt.datetime(2026, 11, 23, 9, 0))


async def test_noted_answered_questions_are_listed_once_written(storage: Storage) -> None:
    await storage.touch_candidate("t:42")
    await storage.note_answered_question(chat_id="t:42", text="Télétravail ?", posting="p1", section="Modalités",
                                         score=0.9, intent="remote", now=minutes(1))
    [question] = await storage.questions()  # listing writes what was noted
    assert (question.text, question.answered, question.status, question.section, question.intent) == (
        "Télétravail ?", True, "answered", "Modalités", "remote")
    await storage.flush()
    assert len(await storage.questions()) == 1  # written once


async def test_a_noted_question_of_a_candidate_erased_meanwhile_is_dropped(storage: Storage) -> None:
    await storage.touch_candidate("t:42")
    await storage.note_answered_question(chat_id="t:42", text="Télétravail ?", posting="p1")
    await storage.erase_candidate("t:42")
    await storage.flush()
    assert await storage.questions() == []


async def test_fifty_tasks_recording_questions_at_once_all_land(storage: Storage) -> None:
    async def ask(n: int) -> int:
        await storage.touch_candidate(f"t:{n % 7}")
        return await storage.record_question(chat_id=f"t:{n % 7}", text=f"question {n}", posting=None,
                                             answered=n % 2 == 0)

    ids = await asyncio.gather(*(ask(n) for n in range(50)))
    assert len(set(ids)) == 50
    assert sorted(q.text for q in await storage.questions()) == sorted(f"question {n}" for n in range(50))


# --- forwards and their claims ---------------------------------------------------------------------------


async def test_a_forward_is_pending_due_at_once_and_its_question_marked_forwarded(storage: Storage) -> None:
    forward_id = await a_forward(storage)
    forward = await storage.get_forward(forward_id)
    assert forward is not None
    assert (forward.status, forward.attempts, forward.next_attempt_at, forward.created_at) == ("pending", 0, T0, T0)
    assert (forward.question, forward.contact, forward.candidate_name, forward.chat_id) == (
        "C'est payé combien ?", "rh@example.org", "Léa", "t:42")
    assert (forward.token, forward.token_expires_at, forward.answer, forward.sent_at) == (
        "ans_token", T0 + dt.timedelta(days=30), None, None)
    question = await storage.get_question(forward.question_id)
    assert question is not None and question.status == "forwarded"


async def test_a_question_is_forwarded_once(storage: Storage) -> None:
    forward_id = await a_forward(storage)
    forward = await storage.get_forward(forward_id)
    assert forward is not None
    again = await storage.create_forward(question_id=forward.question_id, chat_id="t:42", posting="p1", contact="",
                                         candidate_name=None, token="t2", token_hash="hash-2",
                                         token_expires_at=T0 + dt.timedelta(days=1))
    assert again is None
    assert [f.id for f in await storage.forwards()] == [forward_id]


async def test_a_forward_is_found_by_its_question_and_by_the_hash_of_its_token(storage: Storage) -> None:
    forward_id = await a_forward(storage, token_hash="abc")
    forward = await storage.get_forward(forward_id)
    assert forward is not None
    assert (await storage.forward_for_question(forward.question_id)) == forward
    assert (await storage.forward_by_token("abc")) == forward
    assert await storage.forward_by_token("nope") is None
    assert await storage.get_forward(999) is None and await storage.forward_for_question(999) is None


async def test_forwards_are_listed_oldest_first_by_status_and_chat(storage: Storage) -> None:
    one = await a_forward(storage, chat_id="t:1", token_hash="h1")
    two = await a_forward(storage, chat_id="t:2", token_hash="h2")
    three = await a_forward(storage, chat_id="t:1", token_hash="h3")
    await storage.claim_due_forwards(owner="a", limit=1, now=T0)
    assert [f.id for f in await storage.forwards()] == [one, two, three]
    assert [f.id for f in await storage.forwards(chat_id="t:1")] == [one, three]
    assert [f.id for f in await storage.forwards(statuses=["pending"])] == [two, three]
    assert [f.id for f in await storage.forwards(statuses=["sending", "sent"], chat_id="t:1")] == [one]


async def test_claiming_takes_the_due_forwards_once_counting_the_attempt(storage: Storage) -> None:
    due = await a_forward(storage, token_hash="h1", now=minutes(0))
    later = await a_forward(storage, token_hash="h2", now=minutes(5))
    [claimed] = await storage.claim_due_forwards(owner="host-a:1", lease=LEASE, now=minutes(1))
    assert (claimed.id, claimed.status, claimed.attempts) == (due, "sending", 1)
    assert await storage.claim_due_forwards(owner="host-b:2", lease=LEASE, now=minutes(2)) == []
    assert await storage.forward_claimers() == {"host-a:1"}
    [other] = await storage.claim_due_forwards(owner="host-b:2", lease=LEASE, now=minutes(5))
    assert other.id == later


async def test_claiming_takes_at_most_limit_forwards_the_earliest_due_first(storage: Storage) -> None:
    ids = [await a_forward(storage, chat_id=f"t:{n}", token_hash=f"h{n}", now=minutes(5 - n)) for n in range(4)]
    claimed = await storage.claim_due_forwards(owner="a", limit=2, now=minutes(10))
    assert [f.id for f in claimed] == sorted(ids[2:])


async def test_a_claim_whose_lease_ran_out_is_taken_over_and_the_late_claimer_cannot_mark_it(
        storage: Storage) -> None:
    forward = await a_forward(storage)
    await storage.claim_due_forwards(owner="host-a:1", lease=LEASE, now=minutes(1))
    assert await storage.renew_forward_claim(forward, owner="host-a:1", lease=LEASE, now=minutes(4))
    assert await storage.claim_due_forwards(owner="host-b:2", lease=LEASE, now=minutes(8)) == []  # renewed
    [taken] = await storage.claim_due_forwards(owner="host-b:2", lease=LEASE, now=minutes(10))
    assert taken.id == forward and taken.attempts == 2
    assert not await storage.renew_forward_claim(forward, owner="host-a:1", lease=LEASE, now=minutes(10))
    assert not await storage.mark_forward_sent(forward, channel="email", owner="host-a:1")
    await storage.retry_forward(forward, error="late", at=minutes(20), owner="host-a:1")  # not theirs: nothing
    await storage.fail_forward(forward, error="late", owner="host-a:1")
    still = await storage.get_forward(forward)
    assert still is not None and still.status == "sending"
    assert await storage.mark_forward_sent(forward, channel="email", owner="host-b:2")


async def test_release_frees_the_given_owners_the_ownerless_and_the_expired_never_a_live_claim(
        storage: Storage) -> None:
    mine = await a_forward(storage, chat_id="t:1", token_hash="h1")
    live = await a_forward(storage, chat_id="t:2", token_hash="h2")
    expired = await a_forward(storage, chat_id="t:3", token_hash="h3")
    for forward_id, owner, lease in ((mine, "me:1", LEASE), (live, "other:2", LEASE * 10),
                                     (expired, "gone:3", LEASE)):
        claimed = await storage.claim_due_forwards(owner=owner, lease=lease, limit=1, now=T0)
        assert [f.id for f in claimed] == [forward_id]
    assert await storage.forward_claimers() == {"me:1", "other:2", "gone:3"}
    assert await storage.release_forward_claims(owners={"me:1"}, now=minutes(6)) == 2
    statuses = {f.id: f.status for f in await storage.forwards()}
    assert statuses == {mine: "pending", live: "sending", expired: "pending"}
    assert await storage.forward_claimers() == {"other:2"}


async def test_a_sent_forward_forgets_its_token_and_error(storage: Storage) -> None:
    forward_id = await a_forward(storage)
    await storage.claim_due_forwards(owner="a", now=T0)
    await storage.retry_forward(forward_id, error="x" * 600, at=minutes(1), owner="a")
    retried = await storage.get_forward(forward_id)
    assert retried is not None and (retried.status, retried.next_attempt_at, len(retried.last_error)) == (
        "pending", minutes(1), 500)
    await storage.claim_due_forwards(owner="a", now=minutes(1))
    await storage.set_forward_message_id(forward_id, "<1@example.org>")
    assert await storage.mark_forward_sent(forward_id, channel="email", message_id="<1@example.org>", owner="a",
                                           now=minutes(2))
    sent = await storage.get_forward(forward_id)
    assert sent is not None
    assert (sent.status, sent.channel, sent.message_id, sent.sent_at, sent.last_error, sent.token, sent.attempts) == (
        "sent", "email", "<1@example.org>", minutes(2), "", None, 2)
    assert not await storage.mark_forward_sent(forward_id, channel="email", owner="a")  # not claimed any more


async def test_a_failed_forward_is_kept_marked_failed(storage: Storage) -> None:
    claimed = await a_forward(storage, chat_id="t:1", token_hash="h1")
    unclaimed = await a_forward(storage, chat_id="t:2", token_hash="h2")
    await storage.claim_due_forwards(owner="a", limit=1, now=T0)
    await storage.fail_forward(claimed, error="550 no such user", owner="a")
    await storage.fail_forward(unclaimed, error="no contact")  # no owner: whatever its state
    failed = await storage.forwards(statuses=["failed"])
    assert [(f.id, f.last_error) for f in failed] == [(claimed, "550 no such user"), (unclaimed, "no contact")]
    assert await storage.forward_claimers() == set()


async def test_a_delay_is_noted_once(storage: Storage) -> None:
    forward_id = await a_forward(storage)
    await storage.note_delay_notified(forward_id)
    forward = await storage.get_forward(forward_id)
    assert forward is not None and forward.delay_notified


async def test_a_forward_is_answered_once_and_remembers_who_answered(storage: Storage) -> None:
    forward_id = await a_forward(storage)
    assert await storage.forward_answered_by(forward_id) is None
    assert await storage.answer_forward(forward_id, "Oui, 45 k€.", by="t:5101", now=minutes(30))
    assert not await storage.answer_forward(forward_id, "Autre réponse", by="t:5102")
    forward = await storage.get_forward(forward_id)
    assert forward is not None
    assert (forward.status, forward.answer, forward.answered_at) == ("answered", "Oui, 45 k€.", minutes(30))
    assert await storage.forward_answered_by(forward_id) == "t:5101"
    question = await storage.get_question(forward.question_id)
    assert question is not None and question.status == "answered-by-recruiter"
    assert not await storage.answer_forward(999, "?")


# --- chat states, recruiters, FAQ ------------------------------------------------------------------------


async def test_a_chat_state_holds_until_it_expires_or_is_cleared(storage: Storage) -> None:
    assert await storage.chat_state("t:7") is None
    await storage.set_chat_state("t:7", "answer", "12", expires_at=minutes(10))
    assert await storage.chat_state("t:7", now=minutes(9)) == ("answer", "12")
    assert await storage.chat_state("t:7", now=minutes(10)) is None
    await storage.set_chat_state("t:7", "link-code", "a|b|3", expires_at=minutes(20))
    assert await storage.chat_state("t:7", now=minutes(11)) == ("link-code", "a|b|3")
    await storage.clear_chat_state("t:7")
    assert await storage.chat_state("t:7", now=minutes(11)) is None


async def test_a_recruiter_links_one_chat_per_address_case_insensitively(storage: Storage) -> None:
    await storage.link_recruiter("t:1", "RH@Example.org")
    assert await storage.recruiter_chat("rh@example.org") == "t:1"
    assert await storage.recruiter_email("t:1") == "rh@example.org"
    await storage.link_recruiter("t:2", "rh@example.org")  # the address moves to another chat
    assert await storage.recruiter_chat("rh@example.org") == "t:2"
    assert await storage.recruiter_email("t:1") is None
    await storage.link_recruiter("t:2", "other@example.org")  # the chat moves to another address
    assert await storage.recruiter_chat("rh@example.org") is None
    assert await storage.recruiter_email("t:2") == "other@example.org"


async def test_faq_entries_are_kept_once_per_forward_and_listed_oldest_first_by_posting(storage: Storage) -> None:
    forward_id = await a_forward(storage)
    first = await storage.add_faq(posting="p1", question="Salaire ?", answer="45 k€", forward_id=forward_id,
                                  now=minutes(1))
    assert first is not None
    assert await storage.add_faq(posting="p1", question="Salaire ?", answer="45 k€", forward_id=forward_id) is None
    await storage.add_faq(posting="p2", question="Lieu ?", answer="Lyon", now=minutes(2))
    await storage.add_faq(posting="p1", question="Durée ?", answer="3 ans", now=minutes(3))
    assert [(e.posting, e.question) for e in await storage.faq()] == [
        ("p1", "Salaire ?"), ("p2", "Lieu ?"), ("p1", "Durée ?")]
    [entry, _] = await storage.faq("p1")
    assert (entry.id, entry.answer, entry.created_at) == (first, "45 k€", minutes(1))


async def test_a_faq_entry_keeps_the_intent_it_is_filed_under(storage: Storage) -> None:
    await storage.add_faq(posting="p1", question="TJM ?", answer="600 € par jour", intent="pay")
    await storage.add_faq(posting="p1", question="Bonjour", answer="Bonjour !")
    assert [(e.question, e.intent) for e in await storage.faq("p1")] == [("TJM ?", "pay"), ("Bonjour", "")]



# --- replies by email: the mailbox's position, the mails handled, the replies held for admins -----------------


async def test_the_mailbox_position_moves_forward_only_and_starts_again_when_the_folder_is_renumbered(
        storage: Storage) -> None:
    assert await storage.mailbox_position("INBOX") is None
    await storage.note_mail_handled(folder="INBOX", uidvalidity=7, uid=3, message_key="k3", outcome="answered")
    await storage.note_mail_handled(folder="INBOX", uidvalidity=7, uid=2, message_key="k2", outcome="ignored")
    assert await storage.mailbox_position("INBOX") == (7, 3)
    await storage.note_mail_handled(folder="INBOX", uidvalidity=9, uid=1, message_key="k9", outcome="duplicate")
    assert await storage.mailbox_position("INBOX") == (9, 1)
    assert await storage.mailbox_position("Archives") is None


async def test_a_handled_mail_is_known_by_its_key_in_any_folder_and_noting_it_again_changes_nothing(
        storage: Storage) -> None:
    await storage.note_mail_handled(folder="INBOX", uidvalidity=7, uid=5, message_key="k", outcome="answered")
    await storage.note_mail_handled(folder="INBOX", uidvalidity=7, uid=5, message_key="k", outcome="answered")
    assert await storage.mail_handled("k") and not await storage.mail_handled("unknown")
    assert await storage.mailbox_position("INBOX") == (7, 5)


async def test_the_mailbox_position_survives_a_restart(backend: Backend) -> None:
    first = await backend.open()
    await first.note_mail_handled(folder="INBOX", uidvalidity=7, uid=5, message_key="k", outcome="answered")
    await first.close()
    second = await backend.open()
    position, handled = await second.mailbox_position("INBOX"), await second.mail_handled("k")
    await second.close()
    assert position == (7, 5) and handled


async def test_the_mails_handled_are_purged_with_the_retention_period_and_the_position_stays(
        storage: Storage) -> None:
    old = dt.datetime(2020, 1, 1, tzinfo=UTC)
    await storage.note_mail_handled(folder="INBOX", uidvalidity=7, uid=1, message_key="old", outcome="x", now=old)
    await storage.note_mail_handled(folder="INBOX", uidvalidity=7, uid=2, message_key="new", outcome="x", now=T0)
    counts = await storage.purge_older_than(dt.datetime(2021, 1, 1, tzinfo=UTC))
    assert counts["mailbox_mails"] == 1
    assert not await storage.mail_handled("old") and await storage.mail_handled("new")
    assert await storage.mailbox_position("INBOX") == (7, 2)


async def test_a_held_reply_is_kept_lower_cased_listed_oldest_first_and_taken_once(storage: Storage) -> None:
    forward_id = await a_forward(storage)
    first = await storage.hold_reply(forward_id=forward_id, sender="Eve@Other.example", answer="Oui.", faq=True,
                                     now=T0)
    second = await storage.hold_reply(forward_id=forward_id, sender="eve@other.example", answer="Non.", faq=False)
    listed = await storage.held_replies()
    taken = await storage.take_held_reply(first)
    assert [(h.id, h.sender, h.answer, h.faq) for h in listed] == [
        (first, "eve@other.example", "Oui.", True), (second, "eve@other.example", "Non.", False)]
    assert listed[0].created_at == T0 and listed[0].forward_id == forward_id
    assert taken is not None and taken.answer == "Oui."
    assert await storage.take_held_reply(first) is None  # of two admins deciding at once, one gets it
    assert [h.id for h in await storage.held_replies()] == [second]


async def test_a_held_reply_is_cut_and_made_encodable(storage: Storage) -> None:
    forward_id = await a_forward(storage)
    await storage.hold_reply(forward_id=forward_id, sender="a@b.example", answer="x\ud800" + "y" * 10_000,
                             faq=False)
    [held] = await storage.held_replies()
    assert len(held.answer) == MAX_QUESTION_CHARS and held.answer.startswith("x\ufffd")


async def test_a_reply_cannot_be_held_for_a_forward_that_does_not_exist(storage: Storage) -> None:
    with pytest.raises(StoreError):
        await storage.hold_reply(forward_id=999, sender="a@b.example", answer="Oui.", faq=False)


async def test_held_replies_go_with_their_forward_when_it_is_erased_or_purged(storage: Storage) -> None:
    old = dt.datetime(2020, 1, 1, tzinfo=UTC)
    erased = await a_forward(storage, chat_id="t:42", token_hash="h1")
    purged = await a_forward(storage, chat_id="t:7", token_hash="h2", now=old)
    kept = await a_forward(storage, chat_id="t:8", token_hash="h3")
    for forward_id in (erased, purged, kept):
        await storage.hold_reply(forward_id=forward_id, sender="eve@other.example", answer="Oui.", faq=False)
    await storage.erase_candidate("t:42")
    await storage.purge_older_than(dt.datetime(2021, 1, 1, tzinfo=UTC))
    assert [h.forward_id for h in await storage.held_replies()] == [kept]


async def test_an_answer_is_recorded_once_whichever_way_it_comes(storage: Storage) -> None:
    """The single-use answer path of Telegram, email and the web page rests on this."""
    forward_id = await a_forward(storage)
    first = await storage.answer_forward(forward_id, "Par email.", by=None)
    second = await storage.answer_forward(forward_id, "Dans Telegram.", by="t:9")
    forward = await storage.get_forward(forward_id)
    assert first and not second
    assert forward is not None and forward.answer == "Par email."
    assert await storage.forward_answered_by(forward_id) is None


# --- erasure and retention -------------------------------------------------------------------------------


async def test_erasing_a_candidate_removes_all_their_rows_and_their_faq_entries_only(storage: Storage) -> None:
    theirs = await a_forward(storage, chat_id="t:42", token_hash="h1")
    others = await a_forward(storage, chat_id="t:7", token_hash="h2")
    await storage.record_question(chat_id="t:42", text="Encore ?", posting=None, answered=False)
    await storage.add_faq(posting="p1", question="Salaire ?", answer="45 k€", forward_id=theirs)
    await storage.add_faq(posting="p1", question="Lieu ?", answer="Lyon", forward_id=others)
    await storage.set_chat_state("t:42", "link-email", expires_at=T0 + dt.timedelta(days=3650))
    await storage.link_recruiter("t:42", "rh@example.org")
    counts = await storage.erase_candidate("t:42")
    assert counts == {"faq": 1, "forwards": 1, "questions": 2, "chat_states": 1, "recruiters": 1, "candidates": 1}
    assert await storage.get_candidate("t:42") is None and await storage.questions(chat_id="t:42") == []
    assert await storage.forwards(chat_id="t:42") == [] and await storage.chat_state("t:42") is None
    assert await storage.recruiter_email("t:42") is None
    assert [e.question for e in await storage.faq()] == ["Lieu ?"]
    assert [f.id for f in await storage.forwards()] == [others] and await storage.get_candidate("t:7") is not None
    assert (await storage.erase_candidate("t:42"))["candidates"] == 0


async def test_purging_removes_what_is_older_than_the_cutoff_and_keeps_the_rest(storage: Storage) -> None:
    old = dt.datetime(2020, 1, 1, tzinfo=UTC)
    cutoff = dt.datetime(2021, 1, 1, tzinfo=UTC)
    await a_forward(storage, chat_id="t:1", token_hash="h1", now=old)  # an old question and its forward
    await storage.touch_candidate("t:1", now=old)
    recent = await a_forward(storage, chat_id="t:2", token_hash="h2", now=T0)
    await storage.touch_candidate("t:3", now=old)  # idle since long, nothing kept: goes
    await storage.touch_candidate("t:4", now=old)  # idle, but a linked recruiter: stays
    await storage.link_recruiter("t:4", "rh@example.org")
    await storage.set_chat_state("t:4", "answer", "1", expires_at=old)  # expired: goes
    await storage.set_chat_state("t:2", "answer", "2", expires_at=dt.datetime.now(UTC) + dt.timedelta(hours=1))
    counts = await storage.purge_older_than(cutoff)
    assert counts == {"forwards": 1, "questions": 1, "chat_states": 1, "mailbox_mails": 0, "candidates": 2}
    assert [f.id for f in await storage.forwards()] == [recent]
    assert [q.chat_id for q in await storage.questions()] == ["t:2"]
    assert {c for c in ("t:1", "t:2", "t:3", "t:4") if await storage.get_candidate(c) is not None} == {"t:2", "t:4"}
    assert await storage.chat_state("t:2") == ("answer", "2")


async def test_a_faq_entry_outlives_the_purge_of_its_forward(storage: Storage) -> None:
    old = dt.datetime(2020, 1, 1, tzinfo=UTC)
    forward_id = await a_forward(storage, now=old)
    await storage.add_faq(posting="p1", question="Salaire ?", answer="45 k€", forward_id=forward_id)
    await storage.purge_older_than(dt.datetime(2021, 1, 1, tzinfo=UTC))
    assert [e.question for e in await storage.faq("p1")] == ["Salaire ?"]


# --- rate limits ------------------------------------------------------------------------------------------


async def test_allow_event_counts_up_to_the_limit_within_the_period_then_allows_again(storage: Storage) -> None:
    period = dt.timedelta(minutes=1)
    first = [await storage.allow_event("question:t:42", limit=3, period=period, now=minutes(n / 10))
             for n in range(4)]
    other_key = await storage.allow_event("question:t:43", limit=3, period=period, now=minutes(0.4))
    later = await storage.allow_event("question:t:42", limit=3, period=period, now=minutes(1.05))
    assert first == [True, True, True, False] and other_key and later  # the refused one was not counted


async def test_erasure_forgets_the_rate_counts_of_the_chat(storage: Storage) -> None:
    period = dt.timedelta(minutes=1)
    assert await storage.allow_event("question:t:42", limit=1, period=period, now=T0)
    await storage.erase_candidate("t:42")
    assert await storage.allow_event("question:t:42", limit=1, period=period, now=T0)


async def test_allow_event_without_counting_only_looks(storage: Storage) -> None:
    period = dt.timedelta(hours=24)
    looks = [await storage.allow_event("link-code-chat:t:42", limit=1, period=period, now=T0, count=False)
             for _ in range(3)]
    counted = await storage.allow_event("link-code-chat:t:42", limit=1, period=period, now=T0)
    after = await storage.allow_event("link-code-chat:t:42", limit=1, period=period, now=T0, count=False)
    assert looks == [True] * 3 and counted and not after
