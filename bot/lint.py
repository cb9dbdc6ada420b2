"""Lint a knowledge folder: files that cannot be loaded, and what each posting leaves unsaid.

Recruiters improve their postings when they see which common candidate questions a posting cannot
answer (no remote-work policy, no duration, no pay, no contact...).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .engine import Engine
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
