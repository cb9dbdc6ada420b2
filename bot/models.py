"""Domain objects: postings, their sections and passages, answers. No I/O here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class PassageKind(StrEnum):
    """Where a passage comes from in the posting."""

    PARAGRAPH = "paragraph"
    ITEM = "item"
    FACT = "fact"


@dataclass(frozen=True, slots=True)
class Passage:
    """One paragraph, list item or front-matter fact, as plain text."""

    text: str
    section: str
    kind: PassageKind = PassageKind.PARAGRAPH
    group: int = -1  # list items of one list share a group number
    order: int = 0  # position in the posting
    fact: str = ""  # the fact's name for front-matter facts ("contract", "deadline"...)

    def __reduce__(self) -> tuple[type[Passage], tuple[str, str, PassageKind, int, int, str]]:
        """Pickled as its constructor's arguments: the index cache holds tens of thousands of passages, and
        the generic state of a frozen dataclass unpickles twice as slowly."""
        return Passage, (self.text, self.section, self.kind, self.group, self.order, self.fact)


@dataclass(frozen=True, slots=True)
class Section:
    """A heading (with its parents) and the passages under it."""

    title: str
    path: tuple[str, ...]
    passages: tuple[Passage, ...]

    def __reduce__(self) -> tuple[type[Section], tuple[str, tuple[str, ...], tuple[Passage, ...]]]:
        """Pickled as its constructor's arguments (see Passage.__reduce__)."""
        return Section, (self.title, self.path, self.passages)


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with a knowledge file: an error stops it loading, a warning does not."""

    file: str
    reason: str
    line: int | None = None
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.severity}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Posting:
    """A job posting loaded from a Markdown file with YAML front matter."""

    slug: str
    stem: str
    path: Path
    title: str
    roles: tuple[str, ...] = ()
    contract: str = ""
    is_open: bool = True
    closed_reason: str = ""
    opened_on: dt.date | None = None
    closes_on: dt.date | None = None
    published_on: dt.date | None = None
    contacts: tuple[str, ...] = ()
    external_url: str = ""
    startup: str = ""
    team: str = ""
    organisation: str = ""
    # the product's names the body gives: a heading ("## Le projet : Mon Psy Santé") when the front matter names no
    # startup, a link to the startup's page ("[Administration+](/startups/aplus)")
    products: tuple[str, ...] = ()
    techno: tuple[str, ...] = ()
    junior: bool | None = None
    domains: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    facts: tuple[Passage, ...] = ()

    @property
    def passages(self) -> tuple[Passage, ...]:
        """Every passage of the body, in order, then the front-matter facts."""
        body = tuple(p for s in self.sections for p in s.passages)
        return body + self.facts

    @property
    def display_name(self) -> str:
        """A short human name: title and the team behind it."""
        who = self.startup or self.team or self.organisation
        return f"{self.title} ({who})" if who and who.lower() not in self.title.lower() else self.title


class Abstention(StrEnum):
    """Why the engine did not answer: the first part of Answer.reason (the rest, after ": ", is a detail)."""

    NOT_COVERED = "not-covered"  # the posting does not say (about the recognised topic)
    NOT_MENTIONED = "not-mentioned"  # the posting does not mention the things asked about (the detail)
    LOW_SCORE = "low-score"  # no line answers closely enough
    NO_SUBJECT = "no-subject"  # too vague to answer from the posting
    NO_POSTING = "no-posting"  # no posting matches the question
    AMBIGUOUS = "ambiguous"  # several postings match
    UNKNOWN_POSTING = "unknown posting"  # the posting asked for does not exist


@dataclass(frozen=True, slots=True)
class Answer:
    """What the engine says about a question: the passages that answer it, or why it abstains."""

    question: str
    answered: bool
    posting: Posting | None
    passages: tuple[Passage, ...] = ()
    text: str = ""
    section: str = ""
    score: float = 0.0
    intent: str = ""
    reason: str = ""
    forward_to: str = ""
    alternatives: tuple[Posting, ...] = field(default=())
    lang: str = "fr"  # the language the question was asked in

    @property
    def abstention(self) -> Abstention | None:
        """Why the engine abstained, typed (None when it answered, or for a reason this version does not know)."""
        kind = self.reason.partition(": ")[0]
        return Abstention(kind) if kind in _ABSTENTIONS else None

    @property
    def reason_detail(self) -> str:
        """What the reason names, after its kind ("remote, pay" in "not-mentioned: remote, pay"), or ""."""
        return self.reason.partition(": ")[2]


_ABSTENTIONS = frozenset(a.value for a in Abstention)


@dataclass(frozen=True, slots=True)
class FaqEntry:
    """A question and a recruiter's answer, kept for a posting's next candidates."""

    posting: str  # the posting's slug
    question: str
    answer: str
    intent: str = ""  # the intent it is filed under (Matcher.faq_intent), "" for none: it serves that topic
