"""Near-duplicate postings: the same job published again (a re-publication, "saison 2"), by the same team,
with a close title or a close text.

    copies(a, b)                 # is b a copy of a?
    groups = near_duplicates(postings)   # the groups of copies, for `python -m bot check`

A candidate who names such a job without choosing a posting is asked about the open copy rather than a
closed one; recruiters see the groups in `check`, to close or remove the older copies.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import fuzz

from .models import Posting
from .text import normalise

TITLE_SIMILARITY = 90.0  # rapidfuzz token_set_ratio of the normalised titles (0-100)
BODY_SIMILARITY = 90.0  # rapidfuzz ratio of the normalised texts (0-100)
CLOSE_TITLE = 75.0  # below this, titles name different jobs whatever the text
CLOSE_BODY = 70.0  # with close titles, texts at least this close
SAME_BODY = 95.0  # texts this close are one job, retitled ("beta.gouv recrute : ... pour X", "X recrute ...")
RETITLED = 50.0  # but not titles this far apart (one text written for two roles)
MAX_BODY_CHARS = 3000  # texts compared on their beginning: enough to tell a copy, bounded in cost


@dataclass(frozen=True)
class DuplicateGroup:
    """Postings that are copies of one another, newest first."""

    postings: tuple[Posting, ...]

    def __str__(self) -> str:
        first, *others = self.postings
        names = ", ".join(p.path.name + ("" if p.is_open else " (closed)") for p in others)
        state = "" if first.is_open else " (closed)"
        return (f"{first.path.name}: note: near-duplicate postings (same team, close title or text): "
                f"{first.path.name}{state}, {names}; close or remove the copies no longer in use")


def team_of(posting: Posting) -> str:
    """The team a posting recruits for, normalised ("" when it names none)."""
    return normalise(posting.startup or posting.team or posting.organisation)


@dataclass(frozen=True)
class CopyKey:
    """What two postings are compared on, computed once per posting (keep it): the team and the title at once,
    the text (about 0.3 ms) only when two postings of one team have close titles."""

    posting: Posting
    team: str
    title: str  # the normalised title without the team's words nor "recrute"

    @classmethod
    def of(cls, posting: Posting) -> CopyKey:
        team = team_of(posting)
        noise = set(team.split()) | _NOISE
        title = " ".join(w for w in normalise(posting.title).split() if w not in noise)
        return cls(posting, team, title)

    @cached_property
    def text(self) -> str:
        """The whole text of the posting, normalised."""
        return normalise(" ".join(p.text for s in self.posting.sections for p in s.passages))

    @cached_property
    def body(self) -> str:
        """The beginning of the posting's text, normalised."""
        return normalise(" ".join(p.text for s in self.posting.sections for p in s.passages)[:MAX_BODY_CHARS])


def copies(a: Posting, b: Posting) -> bool:
    """Are two postings the same job published twice: same team, and close titles or close texts?"""
    return a.path != b.path and copies_of(CopyKey.of(a), CopyKey.of(b))


def copies_of(a: CopyKey, b: CopyKey) -> bool:
    """Are the postings of two keys the same job published twice?"""
    if not a.team or a.team != b.team:
        return False
    title = fuzz.ratio(a.title, b.title)
    if title < CLOSE_TITLE:  # titles naming different jobs, unless the texts are the same one retitled
        return title >= RETITLED and fuzz.ratio(a.body, b.body) >= SAME_BODY \
            and fuzz.ratio(a.text, b.text) >= SAME_BODY  # the whole text: teams reuse their introduction
    body = fuzz.ratio(a.body, b.body)  # a role changed in a title of the same team ("dev front"/"dev back")
    return (title >= TITLE_SIMILARITY and body >= CLOSE_BODY) or body >= BODY_SIMILARITY  # changes the text too


def near_duplicates(postings: Iterable[Posting]) -> list[DuplicateGroup]:
    """The groups of near-duplicate postings (compared within each team only), newest first in each group."""
    by_team: dict[str, list[CopyKey]] = {}
    for posting in postings:
        key = CopyKey.of(posting)
        if key.team:
            by_team.setdefault(key.team, []).append(key)
    groups: list[DuplicateGroup] = []
    for team in sorted(by_team):
        for group in _connected(by_team[team]):
            if len(group) > 1:
                ordered = sorted((k.posting for k in group),
                                 key=lambda p: (p.published_on or p.opened_on or _NEVER, p.stem), reverse=True)
                groups.append(DuplicateGroup(tuple(ordered)))
    return groups


def prefer_open(keys: Sequence[CopyKey]) -> list[Posting]:
    """The postings (by their keys) without the closed copies of an open one among them (order kept)."""
    return [k.posting for k in keys
            if k.posting.is_open or not any(o.posting.is_open and copies_of(o, k) for o in keys if o is not k)]


def _connected(keys: list[CopyKey]) -> list[list[CopyKey]]:
    """The keys grouped by copy, a copy of a copy joining the group."""
    groups: list[list[CopyKey]] = []
    for key in keys:
        joined = [g for g in groups if any(copies_of(key, other) for other in g)]
        merged = [key] + [k for g in joined for k in g]
        groups = [g for g in groups if not any(g is j for j in joined)] + [merged]
    return groups


_NEVER = dt.date.min
_NOISE = frozenset({"recrute", "recrutons", "offre", "poste", "un", "une", "des", "de", "du", "la", "le", "les", "f",
                    "h", "et"})
