"""Hostile knowledge files: each one fails alone, costs little, and the bot keeps answering.

A front matter nested 600 deep, a YAML alias bomb, an oversized posting, a symbolic link to a file outside
the folder: each becomes a problem naming the file (and the line), and the other files load. A reload that
meets them, or fails outright, still answers the admin; `run --watch` survives a failing reload; and a slow
answer about one posting does not hold up another candidate's.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from bot.admin import Knowledge
from bot.bounded import MAX_ALIAS_VALUES, MAX_DEPTH, MAX_POSTING_BYTES
from bot.config import Settings
from bot.engine import Engine
from bot.models import Problem
from bot.reload import ReloadReport
from conftest import TODAY, WritePosting, engine_of
from fake_bot_api import FakeBotApi, User
from test_bot_e2e import running, say, settings  # noqa: F401 (fixtures)

ADMIN = User(id=7101, first_name="Ada", language_code="fr")
CAMILLE = User(id=7102, first_name="Camille", language_code="fr")
ALEX = User(id=7103, first_name="Alex", language_code="fr")
GOOD = ("title: Designer\nstartup: beta\nopen: true", "## Modalités\n\nTélétravail possible le vendredi.")
BODY = "## Modalités\n\nTélétravail possible deux jours par semaine."
NESTED_600 = "title: Développeur·se\ntechno: " + "[" * 600 + "Python" + "]" * 600
# "Billion laughs": 9 levels of 9 aliases, a few hundred bytes that stand for 9^9 (387 million) values.
BILLION_LAUGHS = "\n".join(
    ["title: Développeur·se", 'l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    + [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, 9)]
    + ["techno: *l8"])


@contextlib.contextmanager
def at_most(seconds: int) -> Iterator[None]:
    """Fail (rather than hang) when the block takes longer than seconds: a bound for code that may never end."""
    def expire(signum: int, frame: Any) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def errors_of(problems: tuple[Problem, ...], name: str) -> list[Problem]:
    return [p for p in problems if p.file == name and p.severity == "error"]


# --- one file, one problem; the others load -------------------------------------------------------

def test_a_front_matter_nested_600_deep_is_a_problem_and_the_other_postings_load(
        write_posting: WritePosting) -> None:
    write_posting("good.md", *GOOD)
    folder = write_posting("deep.md", NESTED_600, BODY).parent
    engine = Engine.load(folder, today=TODAY)
    assert [p.slug for p in engine.postings] == ["good"]
    [problem] = errors_of(engine.problems, "deep.md")
    assert problem.line == 3 and f"nested more than {MAX_DEPTH} levels" in problem.reason


@pytest.mark.parametrize("body", [
    "> " * 60_000 + "quoted",  # quotes in quotes
    "- " * 60_000 + "item",  # lists in lists, on one line
    "*a " * 60_000 + "a*" * 60_000,  # emphasis in emphasis
    "![" * 60_000 + "alt" + "](u)" * 60_000,  # images in images
], ids=["quotes", "lists", "emphasis", "images"])
def test_markdown_nested_tens_of_thousands_deep_is_a_problem_and_the_other_postings_load(
        write_posting: WritePosting, body: str) -> None:
    """The Markdown parser recurses on nesting: parsed, such a file would overflow the stack and kill the bot."""
    write_posting("good.md", *GOOD)
    folder = write_posting("deep.md", "title: Profond\nopen: true", body).parent
    engine = Engine.load(folder, today=TODAY)
    assert [p.slug for p in engine.postings] == ["good"]
    [problem] = errors_of(engine.problems, "deep.md")
    assert "could nest" in problem.reason and "flatten it" in problem.reason


def test_a_yaml_alias_bomb_is_refused_at_its_line_at_once(write_posting: WritePosting) -> None:
    write_posting("good.md", *GOOD)
    folder = write_posting("bomb.md", BILLION_LAUGHS, BODY).parent
    with at_most(20):  # before the fix, loading it never ended
        engine = Engine.load(folder, today=TODAY)
    assert [p.slug for p in engine.postings] == ["good"]
    [problem] = errors_of(engine.problems, "bomb.md")
    assert f"aliases stand for more than {MAX_ALIAS_VALUES:,} values" in problem.reason
    assert problem.line == 7  # l4, where the aliases first stand for more than 10,000 values


def test_a_few_aliases_still_load(write_posting: WritePosting) -> None:
    front = "title: Développeur·se\nstack: &stack [Python, Django]\ntechno: *stack"
    engine = Engine.load(write_posting("dev.md", front, BODY).parent, today=TODAY)
    [posting] = engine.postings
    assert posting.techno == ("Python", "Django")


def test_a_posting_over_the_size_limit_is_refused_before_it_is_read(write_posting: WritePosting) -> None:
    write_posting("good.md", *GOOD)
    big = write_posting("big.md", "title: Développeur·se", BODY)
    with big.open("a", encoding="utf-8") as file:
        padding = MAX_POSTING_BYTES + 1 - big.stat().st_size
        file.write(("\nLongue description. " * (padding // 21 + 1))[:padding])
    assert big.stat().st_size == MAX_POSTING_BYTES + 1
    engine = Engine.load(big.parent, today=TODAY)
    assert [p.slug for p in engine.postings] == ["good"]
    [problem] = errors_of(engine.problems, "big.md")
    assert "file too large" in problem.reason and f"{MAX_POSTING_BYTES:,} bytes" in problem.reason


def test_a_posting_at_the_size_limit_loads(write_posting: WritePosting) -> None:
    posting = write_posting("long.md", "title: Développeur·se", BODY)
    with posting.open("a", encoding="utf-8") as file:
        file.write("\nLongue description. " * ((MAX_POSTING_BYTES - posting.stat().st_size) // 21))
    assert [p.slug for p in Engine.load(posting.parent, today=TODAY).postings] == ["long"]


def test_a_posting_with_one_huge_word_loads_and_answers_at_once(write_posting: WritePosting) -> None:
    word = "x" * 200_000  # no colon, no '@': regular expressions that backtrack took hours on it
    posting = write_posting("word.md", "title: Développeur·se", f"{BODY}\n\n{word}\n\n{word}@")
    with at_most(20):
        engine = engine_of(posting)
        answer = engine.answer("Comment postuler ?", "word")
    assert engine.problems == () and [p.slug for p in engine.postings] == ["word"]
    assert not answer.answered


def test_a_symbolic_link_to_a_file_outside_the_folder_is_not_published(write_posting: WritePosting,
                                                                       tmp_path: Path) -> None:
    folder = write_posting("good.md", *GOOD).parent
    secret = tmp_path / "secret.md"
    secret.write_text("---\ntitle: Secret\n---\n\nLe mot de passe est hunter2.\n", encoding="utf-8")
    (folder / "leak.md").symlink_to(secret)
    (folder / "alias.md").symlink_to(folder / "good.md")  # a link within the folder is fine
    engine = Engine.load(folder, today=TODAY)
    assert sorted(p.slug for p in engine.postings) == ["alias", "good"]
    [problem] = errors_of(engine.problems, "leak.md")
    assert "outside the knowledge folder" in problem.reason


def test_a_faq_file_linked_from_outside_the_folder_is_not_published(write_posting: WritePosting,
                                                                    tmp_path: Path) -> None:
    folder = write_posting("good.md", *GOOD).parent
    outside = tmp_path / "outside.yaml"
    outside.write_text("posting: good\nentries:\n- question: Salaire ?\n  answer: secret\n", encoding="utf-8")
    (folder / "faq").mkdir()
    (folder / "faq" / "good.yaml").symlink_to(outside)
    engine = Engine.load(folder, today=TODAY)
    assert engine.faq_for("good") == ()
    assert errors_of(engine.problems, "faq/good.yaml")


@pytest.mark.parametrize("name", ["lexicon.yaml", "contacts.yaml", "faq/x.yaml"])
def test_the_other_yaml_files_are_bounded_too(write_posting: WritePosting, name: str) -> None:
    folder = write_posting("good.md", *GOOD).parent
    (folder / "faq").mkdir()
    (folder / name).write_text("members:\n  " + BILLION_LAUGHS.replace("\n", "\n  ") + "\n", encoding="utf-8")
    with at_most(20):
        engine = Engine.load(folder, today=TODAY)
    assert [p.slug for p in engine.postings] == ["good"]
    [problem] = [p for p in engine.problems if p.file in {name, Path(name).name}]
    assert "aliases stand for more than" in problem.reason and ":7:" in str(problem)  # l4


# --- reloads ----------------------------------------------------------------------------------------

def test_a_reload_that_fails_outright_keeps_the_knowledge_in_service(write_posting: WritePosting) -> None:
    engine = Engine.load(write_posting("good.md", *GOOD).parent, today=TODAY)

    def broken(previous: Engine) -> tuple[Engine, ReloadReport]:
        raise MemoryError("no memory left")

    knowledge = Knowledge(engine, reloader=broken)
    report = asyncio.run(knowledge.reload())
    assert knowledge.current() is engine
    assert not report.ok and report.total == 1
    assert "the reload failed (MemoryError: no memory left)" in report.summary("fr")


@pytest.fixture
def admin_settings(settings: Settings) -> Settings:  # noqa: F811
    return replace(settings, admin_ids=frozenset({ADMIN.id}))


@pytest.mark.asyncio
async def test_reload_with_a_hostile_file_answers_the_admin_and_names_the_file(
        api: FakeBotApi, admin_settings: Settings) -> None:
    async with running(admin_settings):
        (admin_settings.knowledge_dir / "2024-06-01-deep.md").write_text(f"---\n{NESTED_600}\n---\n\n{BODY}\n",
                                                                         encoding="utf-8")
        api.send_text(ADMIN, "/reload")
        [summary] = await api.wait_for_messages(ADMIN.id, timeout=30)
        await say(api, CAMILLE, "/start 2024-01-10-alpha-dev")
        [answer] = await say(api, CAMILLE, "télétravail ?")
    assert "2024-06-01-deep.md:3" in (summary.text or "")  # the file, and the line of techno:
    assert "nested more than" in (summary.text or "")
    assert "Télétravail complet possible" in (answer.text or "")  # the others still answer


class FailsOnce(Knowledge):
    """Knowledge whose first reload raises, as a bug would."""

    def __init__(self, engine: Engine) -> None:
        super().__init__(engine)
        self.calls = 0

    async def reload(self) -> ReloadReport:
        self.calls += 1
        if self.calls == 1:
            raise RuntimeError("a bug in the reload")
        return await super().reload()


@pytest.mark.asyncio
async def test_run_watch_survives_a_reload_that_raises(admin_settings: Settings) -> None:
    from bot.service import watch_knowledge

    folder = admin_settings.knowledge_dir
    knowledge = FailsOnce(Engine.load(folder))
    stop = asyncio.Event()
    watcher = asyncio.create_task(watch_knowledge(knowledge, admin_settings, stop))
    try:
        await asyncio.sleep(0.5)  # the watcher is set up
        (folder / "2024-06-01-first.md").write_text(f"---\ntitle: Premier\n---\n\n{BODY}\n", encoding="utf-8")
        deadline = time.monotonic() + 20
        while knowledge.calls < 1:
            assert time.monotonic() < deadline, "the first change was not picked up"
            await asyncio.sleep(0.1)
        await asyncio.sleep(0.2)
        (folder / "2024-06-02-second.md").write_text(f"---\ntitle: Second\n---\n\n{BODY}\n", encoding="utf-8")
        while knowledge.current().find("2024-06-02-second") is None:
            assert not watcher.done(), "the watch stopped after a failing reload"
            assert time.monotonic() < deadline + 20, "the change after a failing reload was not picked up"
            await asyncio.sleep(0.1)
    finally:
        stop.set()
        with contextlib.suppress(RuntimeError):
            await asyncio.wait_for(watcher, timeout=10)


# --- a slow answer blocks nobody else ----------------------------------------------------------------

class Gated:
    """The matcher in service, but its answers about one posting wait until the test opens the gate
    (as a very large posting's answer would take long): a slowness with no timing in the test."""

    def __init__(self, matcher: Any, slug: str) -> None:
        self._matcher = matcher
        self._slug = slug
        self.entered = threading.Event()
        self.gate = threading.Event()

    def answer(self, question: str, posting: Any = None) -> Any:
        if posting == self._slug:
            self.entered.set()
            self.gate.wait(timeout=20)  # before the fix, this blocked the whole bot for 20 s
        return self._matcher.answer(question, posting)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._matcher, name)


@pytest.mark.asyncio
async def test_a_candidate_is_answered_while_another_answer_is_slow(api: FakeBotApi,
                                                                    settings: Settings) -> None:  # noqa: F811
    async with running(settings) as app:
        runtime = app.bot_data["runtime"]
        engine = runtime.knowledge.current()
        gated = Gated(engine.matcher, "2024-01-10-alpha-dev")
        runtime.knowledge = Knowledge(replace(engine, matcher=gated))
        await say(api, CAMILLE, "/start 2024-01-10-alpha-dev")
        await say(api, ALEX, "/start 2024-02-01-beta-design")
        api.send_text(CAMILLE, "télétravail ?")  # her answer waits at the gate
        deadline = time.monotonic() + 20
        while not gated.entered.is_set():
            assert time.monotonic() < deadline, "Camille's question did not reach the engine"
            await asyncio.sleep(0.05)
        try:
            [alex_answer] = await say(api, ALEX, "télétravail ?")
            camille_before = len(api.messages_to(CAMILLE.id))
        finally:
            gated.gate.set()
        [camille_answer] = await api.wait_for_messages(CAMILLE.id, timeout=30)
    assert "Deux jours par semaine" in (alex_answer.text or "")
    assert camille_before == 1  # the /start reply only: Alex was answered while Camille's answer was slow
    assert "Télétravail complet possible" in (camille_answer.text or "")


@pytest.fixture
def database() -> dict[str, object]:
    """These tests need not run on every backend (conftest.database): SQLite only."""
    return {}
