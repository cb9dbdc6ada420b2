"""Usage statistics and the list of waiting forwards, over a real SQLite file with a scripted history."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from bot.engine import Engine
from bot.stats import PostingStats, QuestionGroup, collect, group_questions, pending_forwards, render_pending
from bot.storage.sqlite import Store

UTC = dt.UTC
NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
NAMES = {"alpha": "Développeur·se Alpha", "beta": "Data Beta", "gamma": "Designer Gamma"}
CANDIDATE = "Jeanne Dupont"
LONG = ("Is the job open to juniors who graduated this year from a two-year bootcamp in web development, "
        "or only to seniors?")


def ago(*, days: float = 0, hours: float = 0) -> dt.datetime:
    return NOW - dt.timedelta(days=days, hours=hours)


async def ask(store: Store, chat_id: int, text: str, posting: str | None, at: dt.datetime, *,
              answered: bool = False) -> int:
    return await store.record_question(chat_id=f"test:{chat_id}", text=text, posting=posting, answered=answered,
                                       now=at)


async def forward(store: Store, question_id: int, chat_id: int, posting: str | None, at: dt.datetime) -> int:
    """Create a forward at `at` and claim it for delivery at once (it is the only one due)."""
    forward_id = await store.create_forward(
        question_id=question_id, chat_id=f"test:{chat_id}", posting=posting, contact="jobs@example.org",
        candidate_name=CANDIDATE, token=f"secret-token-{question_id}", token_hash=f"hash-{question_id}",
        token_expires_at=NOW + dt.timedelta(days=60), now=at)
    assert forward_id is not None
    return forward_id


async def deliver(store: Store, forward_id: int, at: dt.datetime) -> None:
    claimed = await store.claim_due_forwards(now=at)
    assert [f.id for f in claimed] == [forward_id]
    await store.mark_forward_sent(forward_id, channel="email", now=at)


async def answer(store: Store, forward_id: int, at: dt.datetime, *, after_hours: float) -> None:
    await deliver(store, forward_id, at)
    assert await store.answer_forward(forward_id, "Oui.", now=at + dt.timedelta(hours=after_hours))


async def build_history(path: Path) -> dict[str, int]:
    """Three postings and one question without posting, 14 questions over 40 days, 12 of them in the last 30:

    | q   | posting | asked     | what became of it                                           |
    | q1  | alpha   | 35 d ago  | answered automatically (too old)                            |
    | q2  | beta    | 40 d ago  | forwarded, answered after 100 h (too old)                   |
    | q3  | alpha   | 20 d ago  | answered automatically                                      |
    | q4  | alpha   | 19 d ago  | answered automatically                                      |
    | q5  | alpha   | 18 d ago  | "Y a des tickets resto ?" forwarded, answered after 2 h     |
    | q7  | beta    | 15 d ago  | "Il y a des tickets restaurant ?" forwarded, answered 4 h   |
    | q8  | beta    | 12 d ago  | "Do you sponsor visas?" forwarded, answered after 10 h      |
    | q6  | alpha   | 10 d ago  | answered from the FAQ                                       |
    | q14 | alpha   | 8 d ago   | "Peut-on venir avec son chien ?" unanswered                 |
    | q9  | beta    | 5 d ago   | "Y a des tickets resto ?" forwarded, pending                |
    | q10 | gamma   | 3 d ago   | answered automatically                                      |
    | q11 | gamma   | 2 d ago   | "Des tickets resto ?" forwarded, failed after 2 attempts    |
    | q12 | (none)  | 1 d ago   | "Do you sponsor visas?" forward-requested, not forwarded    |
    | q13 | gamma   | 6 h ago   | LONG, forwarded, sent, not answered                         |
    """
    ids: dict[str, int] = {}
    async with await Store.open(path) as store:
        ids["q1"] = await ask(store, 1, "Le poste est-il en télétravail ?", "alpha", ago(days=35), answered=True)
        ids["q2"] = await ask(store, 2, "Y a des tickets resto ?", "beta", ago(days=40))
        ids["q3"] = await ask(store, 3, "Quelle est la durée de la mission ?", "alpha", ago(days=20), answered=True)
        ids["q4"] = await ask(store, 4, "Quel est le salaire ?", "alpha", ago(days=19), answered=True)
        ids["q5"] = await ask(store, 5, "Y a des tickets resto ?", "alpha", ago(days=18))
        ids["q7"] = await ask(store, 7, "Il y a des tickets restaurant ?", "beta", ago(days=15))
        ids["q8"] = await ask(store, 8, "Do you sponsor visas?", "beta", ago(days=12))
        ids["q6"] = await ask(store, 6, "Les horaires sont-ils flexibles ?", "alpha", ago(days=10))
        await store.set_question_status(ids["q6"], "answered-from-faq")
        ids["q14"] = await ask(store, 14, "Peut-on venir avec son chien ?", "alpha", ago(days=8))
        ids["q9"] = await ask(store, 9, "Y a des tickets resto ?", "beta", ago(days=5))
        ids["q10"] = await ask(store, 10, "Où est le bureau ?", "gamma", ago(days=3), answered=True)
        ids["q11"] = await ask(store, 11, "Des tickets resto ?", "gamma", ago(days=2))
        ids["q12"] = await ask(store, 12, "Do you sponsor visas?", None, ago(days=1))
        await store.set_question_status(ids["q12"], "forward-requested")
        ids["q13"] = await ask(store, 13, LONG, "gamma", ago(hours=6))

        ids["f2"] = await forward(store, ids["q2"], 2, "beta", ago(days=40))
        await answer(store, ids["f2"], ago(days=40), after_hours=100)
        ids["f5"] = await forward(store, ids["q5"], 5, "alpha", ago(days=18))
        await answer(store, ids["f5"], ago(days=18), after_hours=2)
        ids["f7"] = await forward(store, ids["q7"], 7, "beta", ago(days=15))
        await answer(store, ids["f7"], ago(days=15), after_hours=4)
        ids["f8"] = await forward(store, ids["q8"], 8, "beta", ago(days=12))
        await answer(store, ids["f8"], ago(days=12), after_hours=10)
        ids["f11"] = await forward(store, ids["q11"], 11, "gamma", ago(days=2))
        assert [f.id for f in await store.claim_due_forwards(now=ago(days=2))] == [ids["f11"]]
        await store.retry_forward(ids["f11"], error="timeout", at=ago(days=2, hours=-1))
        assert [f.id for f in await store.claim_due_forwards(now=ago(days=2, hours=-1))] == [ids["f11"]]
        await store.fail_forward(ids["f11"], error="550 5.1.1 <jobs@example.org>:\nrecipient refused")
        ids["f13"] = await forward(store, ids["q13"], 13, "gamma", ago(hours=6))
        await deliver(store, ids["f13"], ago(hours=6))
        # created last (the highest id) but asked before q11 and q13: the oldest of the waiting forwards
        ids["f9"] = await forward(store, ids["q9"], 9, "beta", ago(days=5))
    return ids


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "bot.sqlite3"


@pytest_asyncio.fixture
async def history(db_path: Path) -> AsyncIterator[tuple[Store, dict[str, int]]]:
    """The scripted history, written then read back from the file by a new connection."""
    ids = await build_history(db_path)
    async with await Store.open(db_path) as store:
        yield store, ids


# --- figures ------------------------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_the_totals_count_the_questions_of_the_period_and_their_forwards(
        history: tuple[Store, dict[str, int]]) -> None:
    store, _ = history
    stats = await collect(store, now=NOW)
    assert stats.since == NOW - dt.timedelta(days=30)
    assert stats.until == NOW
    assert stats.total == PostingStats(
        posting="", questions=12, answered=3, from_faq=1, forwarded=6, pending=2, failed=1,
        answered_by_recruiter=3, median_answer_hours=4.0, awaiting_answer=1, unanswered=2)
    assert stats.total.answered_share == pytest.approx(4 / 12)


@pytest.mark.asyncio
async def test_each_posting_has_its_figures_most_questions_first(history: tuple[Store, dict[str, int]]) -> None:
    store, _ = history
    stats = await collect(store, now=NOW)
    assert stats.by_posting == (
        PostingStats(posting="alpha", questions=5, answered=2, from_faq=1, forwarded=1, pending=0, failed=0,
                     answered_by_recruiter=1, median_answer_hours=2.0, awaiting_answer=0, unanswered=1),
        PostingStats(posting="beta", questions=3, answered=0, from_faq=0, forwarded=3, pending=1, failed=0,
                     answered_by_recruiter=2, median_answer_hours=7.0, awaiting_answer=0, unanswered=0),
        PostingStats(posting="gamma", questions=3, answered=1, from_faq=0, forwarded=2, pending=1, failed=1,
                     answered_by_recruiter=0, median_answer_hours=None, awaiting_answer=1, unanswered=0),
        PostingStats(posting="", questions=1, answered=0, from_faq=0, forwarded=0, pending=0, failed=0,
                     answered_by_recruiter=0, median_answer_hours=None, awaiting_answer=0, unanswered=1),
    )
    for field in ("questions", "answered", "from_faq", "forwarded", "pending", "failed", "answered_by_recruiter",
                  "awaiting_answer", "unanswered"):
        assert sum(getattr(p, field) for p in stats.by_posting) == getattr(stats.total, field), field
    for item in (stats.total, *stats.by_posting):  # every question lands in exactly one place
        assert item.answered + item.from_faq + item.forwarded + item.unanswered == item.questions
        assert item.pending + item.awaiting_answer + item.answered_by_recruiter == item.forwarded


@pytest.mark.asyncio
async def test_the_period_starts_days_before_now_inclusive_and_ends_now(
        history: tuple[Store, dict[str, int]]) -> None:
    store, _ = history
    assert (await collect(store, days=20, now=NOW)).total.questions == 12  # q3, asked 20 days ago to the second
    assert (await collect(store, days=19, now=NOW)).total.questions == 11
    assert (await collect(store, days=60, now=NOW)).total.questions == 14
    earlier = await collect(store, days=30, now=NOW - dt.timedelta(days=10))
    assert earlier.total.questions == 8  # q2 (40 days ago) to q6 (10 days ago); nothing after `now`
    assert earlier.total.median_answer_hours == 7.0  # 2, 4, 10 and q2's 100 hours
    assert [(p.posting, p.questions) for p in earlier.by_posting] == [("alpha", 5), ("beta", 3)]


@pytest.mark.asyncio
async def test_an_empty_database_gives_zeros(db_path: Path) -> None:
    async with await Store.open(db_path) as store:
        stats = await collect(store, now=NOW)
        assert stats.total == PostingStats("", 0, 0, 0, 0, 0, 0, 0, None)
        assert stats.by_posting == ()
        assert stats.unanswered == ()
        assert "Aucune question sur la période." in stats.render()
        assert "No questions in this period." in stats.render(lang="en")
        assert await pending_forwards(store) == []
        assert render_pending([]) == "Aucune question transmise en attente."


@pytest.mark.asyncio
async def test_bad_options_are_refused(db_path: Path) -> None:
    async with await Store.open(db_path) as store:
        with pytest.raises(ValueError, match="at least one day"):
            await collect(store, days=0)
        with pytest.raises(ValueError, match="negative"):
            await collect(store, top=-1)
        with pytest.raises(ValueError, match="timezone"):
            await collect(store, now=dt.datetime(2026, 11, 23, 12, 0))


# --- unanswered questions -------------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_the_most_frequent_unanswered_questions_are_grouped(history: tuple[Store, dict[str, int]]) -> None:
    store, _ = history
    stats = await collect(store, now=NOW)
    # abstained questions of the period, whatever became of them but a FAQ answer; q2 is too old
    assert stats.unanswered == (
        QuestionGroup("Y a des tickets resto ?", 4, ("beta", "alpha", "gamma")),
        QuestionGroup("Do you sponsor visas?", 2, ("beta",)),  # q12 has no posting
        QuestionGroup(LONG, 1, ("gamma",)),  # ties: the most recent first
        QuestionGroup("Peut-on venir avec son chien ?", 1, ("alpha",)),
    )
    assert [g.count for g in (await collect(store, now=NOW, top=2)).unanswered] == [4, 2]
    assert (await collect(store, now=NOW, top=0)).unanswered == ()


def test_close_questions_are_grouped_and_others_kept_apart() -> None:
    groups = group_questions([("Y a des tickets resto ?", "alpha"), ("Do you sponsor visas?", "beta"),
                              ("Il y a des tickets restaurant ?", "beta"), ("Y a des tickets resto ?", "gamma")])
    assert groups == [QuestionGroup("Y a des tickets resto ?", 3, ("alpha", "beta", "gamma")),
                      QuestionGroup("Do you sponsor visas?", 1, ("beta",))]
    assert group_questions([]) == []
    apart = group_questions([("Y a des tickets resto ?", "a"), ("Il y a des tickets restaurant ?", "a")],
                            threshold=95.0)
    assert [g.count for g in apart] == [1, 1]


def test_the_matcher_reads_questions_like_the_engine_and_keeps_intents_apart(bundled: Engine) -> None:
    texts = [("Le poste est-il en télétravail ?", "alpha"), ("tt possible ?", "beta"),
             ("Combien de jours par semaine ?", "alpha"), ("Do you sponsor visas?", "alpha"),
             ("Y a des tickets resto ?", "alpha"), ("Il y a des tickets restaurant ?", "beta")]
    groups = group_questions(texts, matcher=bundled.matcher)
    assert [(g.example, g.count) for g in groups] == [
        ("Le poste est-il en télétravail ?", 2),  # "tt" is spelled out as "télétravail"
        ("Y a des tickets resto ?", 2),
        ("Combien de jours par semaine ?", 1),  # working time, not remote work
        ("Do you sponsor visas?", 1),
    ]
    assert groups[0].postings == ("alpha", "beta")
    plain = group_questions(texts)  # without the matcher, "tt" means nothing
    assert [g.count for g in plain if g.example == "tt possible ?"] == [1]


# --- rendering ----------------------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_the_french_report_holds_the_figures(history: tuple[Store, dict[str, int]]) -> None:
    store, _ = history
    text = (await collect(store, now=NOW)).render(names=NAMES)
    assert text.splitlines() == [
        "Statistiques du 24/10/2026 au 23/11/2026 (30 jours)",
        "",
        "Toutes offres : 12 questions",
        "- répondues automatiquement : 3 (25 %)",
        "- répondues par la FAQ : 1 (8 %)",
        "- transmises aux recruteurs : 6",
        "  - pas encore envoyées : 2 (dont en échec : 1)",
        "  - envoyées, en attente de réponse : 1",
        "  - répondues par un recruteur : 3",
        "  - délai médian de réponse : 4,0 h",
        "- restées sans réponse : 2 (17 %)",
        "",
        "Par offre :",
        "- Développeur·se Alpha : 5 questions · auto : 2 · FAQ : 1 · transmises : 1 (non envoyées : 0, en échec : 0, "
        "en attente de réponse : 0, répondues : 1, délai médian : 2,0 h) · sans réponse : 1",
        "- Data Beta : 3 questions · auto : 0 · FAQ : 0 · transmises : 3 (non envoyées : 1, en échec : 0, "
        "en attente de réponse : 0, répondues : 2, délai médian : 7,0 h) · sans réponse : 0",
        "- Designer Gamma : 3 questions · auto : 1 · FAQ : 0 · transmises : 2 (non envoyées : 1, en échec : 1, "
        "en attente de réponse : 1, répondues : 0) · sans réponse : 0",
        "- (sans offre) : 1 question · auto : 0 · FAQ : 0 · transmises : 0 · sans réponse : 1",
        "",
        "Questions sans réponse les plus fréquentes :",
        "- 4 × « Y a des tickets resto ? » (Data Beta, Développeur·se Alpha, Designer Gamma)",
        "- 2 × « Do you sponsor visas? » (Data Beta)",
        f"- 1 × « {LONG[:79].rstrip()}… » (Designer Gamma)",
        "- 1 × « Peut-on venir avec son chien ? » (Développeur·se Alpha)",
    ]
    assert CANDIDATE not in text


@pytest.mark.asyncio
async def test_the_english_report_holds_the_figures(history: tuple[Store, dict[str, int]]) -> None:
    store, _ = history
    lines = (await collect(store, now=NOW)).render(lang="en").splitlines()
    assert lines[0] == "Statistics from 2026-10-24 to 2026-11-23 (30 days)"
    for line in ("All postings: 12 questions", "- answered automatically: 3 (25%)", "- answered from the FAQ: 1 (8%)",
                 "- forwarded to recruiters: 6", "  - not sent yet: 2 (failed: 1)",
                 "  - sent, waiting for an answer: 1", "  - answered by a recruiter: 3",
                 "  - median answer time: 4.0 h", "- left unanswered: 2 (17%)", "By posting:",
                 "- beta: 3 questions · automatic: 0 · FAQ: 0 · forwarded: 3 (not sent: 1, failed: 0, waiting for an "
                 "answer: 0, answered: 2, median: 7.0 h) · unanswered: 0",
                 "- gamma: 3 questions · automatic: 1 · FAQ: 0 · forwarded: 2 (not sent: 1, failed: 1, waiting for an "
                 "answer: 1, answered: 0) · unanswered: 0",
                 "- (no posting): 1 question · automatic: 0 · FAQ: 0 · forwarded: 0 · unanswered: 1",
                 "Most frequent unanswered questions:", "- 4 × “Y a des tickets resto ?” (beta, alpha, gamma)",
                 "- 2 × “Do you sponsor visas?” (beta)"):
        assert line in lines, line
    assert not any("more" in line for line in lines)  # nothing left out under the default limit


@pytest.mark.asyncio
async def test_the_report_lists_at_most_limit_postings_and_questions(history: tuple[Store, dict[str, int]]) -> None:
    store, _ = history
    stats = await collect(store, now=NOW)
    text = stats.render(limit=1)
    assert text.count("… et 3 de plus") == 2  # 4 postings, 4 groups of questions
    assert "- alpha : 5 questions" in text
    assert "beta :" not in text
    assert "Do you sponsor visas?" not in text
    assert stats.render(lang="de") == stats.render(lang="fr")  # unknown languages get French


# --- waiting forwards ---------------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_pending_forwards_are_those_without_an_answer_oldest_first(
        history: tuple[Store, dict[str, int]]) -> None:
    store, ids = history
    waiting = await pending_forwards(store)
    assert [(f.id, f.status) for f in waiting] == [(ids["f9"], "pending"), (ids["f11"], "failed"),
                                                   (ids["f13"], "sent")]
    assert [f.attempts for f in waiting] == [0, 2, 1]


@pytest.mark.asyncio
async def test_the_pending_list_shows_one_line_each_without_the_candidate(
        history: tuple[Store, dict[str, int]]) -> None:
    store, ids = history
    waiting = await pending_forwards(store)
    text = render_pending(waiting, names=NAMES, now=NOW)
    lines = text.splitlines()
    assert lines[0] == "Questions transmises sans réponse (3), les plus anciennes d'abord :"
    assert lines[1] == (f"#{ids['f9']} · Data Beta · en attente d'envoi · depuis 5 j 0 h · 0 tentatives · "
                        "« Y a des tickets resto ? »")
    assert lines[2] == (f"#{ids['f11']} · Designer Gamma · échec de l'envoi · depuis 2 j 0 h · 2 tentatives · "
                        "erreur : 550 5.1.1 <jobs@example.org>: recipient refused · « Des tickets resto ? »")
    shortened = LONG[:79].rstrip() + "…"
    assert len(shortened) <= 80
    assert lines[3] == (f"#{ids['f13']} · Designer Gamma · envoyée, sans réponse · depuis 6 h · 1 tentative · "
                        f"« {shortened} »")
    assert len(lines) == 4
    assert CANDIDATE not in text
    assert "secret-token" not in text and "hash-" not in text

    english = render_pending(waiting, lang="en", limit=2, now=NOW).splitlines()
    assert english[0] == "Forwarded questions without an answer (3), oldest first:"
    assert english[1] == (f"#{ids['f9']} · beta · waiting to be sent · 5 d 0 h old · 0 attempts · "
                          "“Y a des tickets resto ?”")
    assert english[2].startswith(f"#{ids['f11']} · gamma · delivery failed · 2 d 0 h old · 2 attempts · error: 550")
    assert english[3:] == ["… and 1 more"]


def test_ages_read_in_minutes_hours_then_days() -> None:
    from bot.stats import _age

    assert _age(dt.timedelta(minutes=5), "fr") == "5 min"
    assert _age(dt.timedelta(hours=47, minutes=59), "en") == "47 h"
    assert _age(dt.timedelta(days=3, hours=4), "fr") == "3 j 4 h"
    assert _age(dt.timedelta(seconds=-30), "en") == "0 min"  # clocks a little apart
