"""Recruiters' answers as a FAQ: matching close questions and other wordings of a topic, export to YAML, loading
from the knowledge."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import yaml

from bot.cli import main
from bot.conversation import Conversation, Incoming
from bot.engine import Engine
from bot.storage.memory import MemoryStorage
from bot.storage.sqlite import Store
from conftest import TODAY

POSTING = """---
title: Développeur·se
startup: delta
contact: jobs@delta.example
open: true
---

## Modalités

- Mission de 6 mois
"""


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    folder = tmp_path / "knowledge"
    (folder / "postings").mkdir(parents=True)
    (folder / "postings" / "2024-05-01-delta-dev.md").write_text(POSTING, encoding="utf-8")
    return folder


@pytest.mark.parametrize("asked,known,matches", [
    ("Il y a des tickets resto ?", "Y a-t-il des tickets restaurant ?", True),
    ("do you provide meal vouchers?", "Y a-t-il des tickets restaurant ?", False),
    ("Les déplacements sont-ils remboursés ?", "Y a-t-il des tickets restaurant ?", False),
    ("C'est payé combien ?", "Quel est le salaire ?", False),  # filed under no intent: too different in words
    ("Quel est le salaire proposé ?", "Quel est le salaire ?", True),
])
def test_a_faq_entry_answers_only_a_close_question_on_the_same_topic(
        bundled: Engine, asked: str, known: str, matches: bool) -> None:
    found = bundled.matcher.match_faq(asked, ["Faut-il un visa ?", known])
    assert (found == 1) is matches


def test_no_faq_means_no_match(bundled: Engine) -> None:
    assert bundled.matcher.match_faq("Quel est le salaire ?", []) is None


def test_faq_export_writes_yaml_in_the_knowledge_once(knowledge: Path, tmp_path: Path) -> None:
    database = tmp_path / "bot.sqlite3"

    async def record() -> None:
        async with await Store.open(database) as store:
            await store.add_faq(posting="2024-05-01-delta-dev", question="Y a-t-il des tickets restaurant ?",
                                answer="Oui, 9 € par jour travaillé.")

    asyncio.run(record())
    args = ["faq", "export", "--knowledge", str(knowledge), "--database", str(database)]
    assert main(args) == 0
    assert main(args) == 0  # a second export adds nothing twice
    data = yaml.safe_load((knowledge / "faq" / "2024-05-01-delta-dev.yaml").read_text(encoding="utf-8"))
    assert data["posting"] == "2024-05-01-delta-dev"
    assert [(e["question"], e["answer"]) for e in data["entries"]] == [
        ("Y a-t-il des tickets restaurant ?", "Oui, 9 € par jour travaillé.")]


@pytest.mark.asyncio
async def test_faq_files_in_the_knowledge_answer_candidates(knowledge: Path) -> None:
    (knowledge / "faq").mkdir()
    (knowledge / "faq" / "delta.yaml").write_text(yaml.safe_dump({"posting": "2024-05-01-delta-dev", "entries": [
        {"question": "Y a-t-il des tickets restaurant ?", "answer": "Oui, 9 € par jour travaillé."}]},
        allow_unicode=True), encoding="utf-8")
    engine = Engine.load(knowledge, today=TODAY)
    assert [e.answer for e in engine.faq_for("2024-05-01-delta-dev")] == ["Oui, 9 € par jour travaillé."]
    async with await Store.open(":memory:") as store:
        conversation = Conversation(lambda: engine, store)
        await conversation.handle(Incoming("test:1", "fr", text="/start 2024-05-01-delta-dev"))
        [reply] = await conversation.handle(Incoming("test:1", "fr", text="Il y a des tickets resto ?"))
    assert "FAQ" in reply.text and "9 € par jour travaillé" in reply.text


def test_a_broken_faq_file_is_reported_and_the_rest_loads(knowledge: Path) -> None:
    (knowledge / "faq").mkdir()
    (knowledge / "faq" / "broken.yaml").write_text("posting: [", encoding="utf-8")
    (knowledge / "faq" / "shapeless.yaml").write_text("- just a list\n", encoding="utf-8")
    engine = Engine.load(knowledge, today=TODAY)
    files = {p.file for p in engine.problems}
    assert {"faq/broken.yaml", "faq/shapeless.yaml"} <= files
    assert len(engine.postings) == 1


# --- reuse by topic: an entry filed under the intent of the question it answered serves other wordings of it ---

DELTA = "2024-05-01-delta-dev"
EPSILON = "2024-06-01-epsilon-data"
EPSILON_POSTING = """---
title: Data scientist
startup: epsilon
contact: jobs@epsilon.example
open: true
---

## Modalités

- Mission de 12 mois
"""
DAILY_RATE = "Entre 500 et 600 € par jour."
Entry = tuple[str, str, str, str]  # posting, question, answer, intent


@pytest.fixture
def two_postings(knowledge: Path) -> Engine:
    """Delta and Epsilon, neither of which says anything of pay or remote work."""
    (knowledge / "postings" / f"{EPSILON}.md").write_text(EPSILON_POSTING, encoding="utf-8")
    return Engine.load(knowledge, today=TODAY)


async def reply_to(engine: Engine, entries: list[Entry], posting: str, question: str, lang: str = "fr") -> str:
    """The bot's reply to a candidate asking about a posting, with these FAQ entries kept in the storage."""
    storage = MemoryStorage()
    for slug, known, answer, intent in entries:
        await storage.add_faq(posting=slug, question=known, answer=answer, intent=intent)
    conversation = Conversation(lambda: engine, storage)
    await conversation.handle(Incoming("test:1", lang, text=f"/start {posting}"))
    [reply] = await conversation.handle(Incoming("test:1", lang, text=question))
    return reply.text


@pytest.mark.parametrize("question", ["TJM ?", "C'est payé combien ?", "What's the daily rate?",
                                      "Quel est le salaire ?", "How much does the job pay?"])
def test_the_lexicon_reads_every_wording_of_pay_as_one_clear_intent(bundled: Engine, question: str) -> None:
    assert bundled.matcher.faq_intent(question) == "pay"


@pytest.mark.parametrize("question", ["Quel est le salaire pour un junior ?", "C'est quoi Delta ?", "Bonjour"])
def test_a_question_asking_two_things_or_no_topic_is_filed_under_no_intent(bundled: Engine, question: str) -> None:
    assert bundled.matcher.faq_intent(question) == ""


@pytest.mark.asyncio
@pytest.mark.parametrize(("question", "lang"), [("C'est payé combien ?", "fr"), ("Quel est le salaire ?", "fr"),
                                                ("What's the daily rate?", "en")])
async def test_an_answer_to_tjm_answers_other_wordings_of_pay_on_its_posting(
        two_postings: Engine, question: str, lang: str) -> None:
    text = await reply_to(two_postings, [(DELTA, "TJM ?", DAILY_RATE, "pay")], DELTA, question, lang)
    assert "FAQ" in text and DAILY_RATE in text


@pytest.mark.asyncio
async def test_an_answer_to_tjm_does_not_answer_on_another_posting(two_postings: Engine) -> None:
    text = await reply_to(two_postings, [(DELTA, "TJM ?", DAILY_RATE, "pay")], EPSILON, "C'est payé combien ?")
    assert DAILY_RATE not in text and "transmette" in text


@pytest.mark.asyncio
@pytest.mark.parametrize(("question", "lang"), [("C'est payé combien ?", "fr"), ("What's the daily rate?", "en")])
async def test_an_answer_about_remote_work_does_not_answer_a_pay_question(
        two_postings: Engine, question: str, lang: str) -> None:
    remote = (DELTA, "Le télétravail est-il possible ?", "Oui, deux jours par semaine.", "remote")
    text = await reply_to(two_postings, [remote], DELTA, question, lang)
    assert "deux jours par semaine" not in text and "FAQ" not in text


@pytest.mark.asyncio
async def test_an_answer_about_meal_vouchers_does_not_answer_a_question_about_health_insurance(
        two_postings: Engine) -> None:
    """Benefits gather several things: the lexicon does not let one answer serve every wording of them."""
    vouchers = (DELTA, "Y a-t-il des tickets restaurant ?", "Oui, 9 € par jour travaillé.", "benefits")
    text = await reply_to(two_postings, [vouchers], DELTA, "Y a-t-il une mutuelle ?")
    assert "9 € par jour" not in text


@pytest.mark.asyncio
@pytest.mark.parametrize("intent", ["pay", ""])  # filed by topic, or matched by its words only
@pytest.mark.parametrize(("known", "question"), [
    ("TJM ?", "Le TJM est-il négociable ?"),
    ("TJM ?", "Quel est le TJM pour un stage ?"),
    ("Le TJM est-il négociable ?", "TJM ?"),
])
async def test_an_answer_does_not_serve_a_question_that_asks_more_or_less_than_it_answered(
        two_postings: Engine, known: str, question: str, intent: str) -> None:
    text = await reply_to(two_postings, [(DELTA, known, "Oui.", intent)], DELTA, question)
    assert "FAQ" not in text and "transmette" in text


@pytest.mark.asyncio
@pytest.mark.parametrize("intent", ["pay", ""])
async def test_what_a_question_says_of_who_asks_does_not_keep_the_answer_from_it(
        two_postings: Engine, intent: str) -> None:
    text = await reply_to(two_postings, [(DELTA, "TJM ?", DAILY_RATE, intent)], DELTA,
                          "J'ai vu l'annonce sur LinkedIn : quel est le TJM ?")
    assert DAILY_RATE in text


@pytest.mark.asyncio
@pytest.mark.parametrize(("question", "served"), [("Le salaire, c'est combien ?", True),
                                                  ("C'est payé combien ?", False)])
async def test_an_entry_filed_under_no_intent_is_served_by_close_wording_only(
        two_postings: Engine, question: str, served: bool) -> None:
    """Entries kept before they were filed by intent (or whose question asked no one thing)."""
    text = await reply_to(two_postings, [(DELTA, "Quel est le salaire ?", DAILY_RATE, "")], DELTA, question)
    assert (DAILY_RATE in text) is served


@pytest.mark.asyncio
async def test_of_several_entries_on_the_topic_the_closest_in_words_answers(two_postings: Engine) -> None:
    entries = [(DELTA, "TJM ?", DAILY_RATE, "pay"), (DELTA, "Quel est le salaire ?", "45 k€ brut par an.", "pay")]
    text = await reply_to(two_postings, entries, DELTA, "Le salaire, c'est combien ?")
    assert "45 k€ brut par an" in text and DAILY_RATE not in text


def write_faq(knowledge: Path, *entries: dict[str, str]) -> None:
    (knowledge / "faq").mkdir(exist_ok=True)
    (knowledge / "faq" / "delta.yaml").write_text(yaml.safe_dump({"posting": DELTA, "entries": list(entries)},
                                                                 allow_unicode=True), encoding="utf-8")


@pytest.mark.asyncio
async def test_a_faq_file_in_the_knowledge_is_filed_by_its_question_and_serves_the_topic(knowledge: Path) -> None:
    write_faq(knowledge, {"question": "TJM ?", "answer": DAILY_RATE})
    engine = Engine.load(knowledge, today=TODAY)
    text = await reply_to(engine, [], DELTA, "C'est payé combien ?")
    assert [e.intent for e in engine.faq_for(DELTA)] == ["pay"]
    assert "FAQ" in text and DAILY_RATE in text


@pytest.mark.asyncio
async def test_a_faq_file_entry_may_name_the_intent_it_is_filed_under(knowledge: Path) -> None:
    write_faq(knowledge, {"question": "Combien ?", "answer": DAILY_RATE, "intent": "pay"})
    engine = Engine.load(knowledge, today=TODAY)
    text = await reply_to(engine, [], DELTA, "What's the daily rate?", "en")
    assert DAILY_RATE in text


def test_a_faq_file_entry_naming_no_intent_of_the_lexicon_is_reported_and_filed_by_its_question(
        knowledge: Path) -> None:
    write_faq(knowledge, {"question": "TJM ?", "answer": DAILY_RATE, "intent": "salary"})
    engine = Engine.load(knowledge, today=TODAY)
    [problem] = [p for p in engine.problems if p.file == "faq/delta.yaml"]
    assert problem.severity == "warning" and "unknown intent 'salary'" in problem.reason
    assert [e.intent for e in engine.faq_for(DELTA)] == ["pay"]
