"""Recruiters' answers as a FAQ: matching close questions, export to YAML, loading from the knowledge."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import yaml

from bot.cli import main
from bot.conversation import Conversation, Incoming
from bot.engine import Engine
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
    ("C'est payé combien ?", "Quel est le salaire ?", False),  # same topic, too different in words: forward
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
