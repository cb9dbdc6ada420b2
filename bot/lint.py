"""Lint a knowledge folder: files that cannot be loaded, the lexicon's self-test, and what each posting
leaves unsaid.

Recruiters improve their postings when they see which common candidate questions a posting cannot
answer (no remote-work policy, no duration, no pay, no contact...). Admins who edit the lexicon see at once
when an intent no longer recognises the example questions it carries.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .engine import Engine
from .lexicon import Example, Intent
from .models import Problem


@dataclass(frozen=True)
class Gap:
    """Topics candidates commonly ask about that a posting does not cover."""

    file: str
    topics: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.file}: note: does not say: {', '.join(self.topics)}"


def coverage_gaps(engine: Engine, *, lang: str = "en") -> Iterator[Gap]:
    """For each posting, the checked intents no passage covers, and a missing contact."""
    checked = [i for i in engine.lexicon.intents if i.check]
    for pindex in engine.index.postings:
        topics = [intent.label_in(lang) for intent in checked
                  if not any(pindex.cue_matches(intent, engine.lexicon))]
        if not engine.matcher.contact_of(pindex.posting):
            topics.append("contact (no email address to forward questions to)")
        if topics:
            yield Gap(pindex.posting.path.name, tuple(topics))


def has_errors(problems: tuple[Problem, ...]) -> bool:
    """Did any file fail to load?"""
    return any(p.severity == "error" for p in problems)


@dataclass(frozen=True)
class SelfTest:
    """The lexicon's example questions asked one by one: those read as another intent, by intent."""

    examples: int
    intents: int
    problems: tuple[Problem, ...]  # errors (examples not recognised) and warnings (intents without examples)
    failures: tuple[tuple[str, int], ...] = ()  # intents and how many of their examples were not recognised

    @property
    def failed(self) -> int:
        return sum(count for _, count in self.failures)

    def summary(self) -> str:
        if not self.failed:
            return f"lexicon self-test: the {self.examples} example questions of {self.intents} intents are recognised"
        failures = ", ".join(f"{name}: {count}" for name, count in self.failures)
        return (f"lexicon self-test: {self.failed} of {self.examples} example questions not recognised ({failures}); "
                "add triggers to the intent or reword the example")


def self_test(engine: Engine) -> SelfTest:
    """Ask every example question of the lexicon; each must be read as its own intent."""
    lexicon = engine.lexicon
    source = _shown(lexicon.source)
    problems: list[Problem] = []
    failures: dict[str, int] = {}
    count = 0
    for intent in sorted(lexicon.intents, key=lambda i: i.line):
        if not intent.examples:
            problems.append(Problem(source, f"intent '{intent.name}' has no example questions: add a few "
                                    "(examples: {fr: [...], en: [...]}) so that check can test it",
                                    line=intent.line or None, severity="warning"))
        for example in intent.examples:
            count += 1
            read = engine.matcher.analyse(example.text).intent
            if read is None or read.name != intent.name:
                problems.append(_misread(source, intent, example, read))
                failures[intent.name] = failures.get(intent.name, 0) + 1
    return SelfTest(count, len(lexicon.intents), tuple(problems), tuple(failures.items()))


def _misread(source: str, intent: Intent, example: Example, read: Intent | None) -> Problem:
    read_as = f"as '{read.name}' ({read.label_in('en')})" if read is not None else "as no intent"
    return Problem(source, f"intent '{intent.name}' ({intent.label_in('en')}): the example \"{example.text}\" "
                   f"is read {read_as}", line=example.line or None)


def _shown(source: str) -> str:
    """A lexicon's path as people read it: relative to the current folder when it is inside it."""
    path = Path(source)
    try:
        return os.path.relpath(path) if path.is_absolute() and path.is_relative_to(Path.cwd()) else source
    except ValueError:
        return source
