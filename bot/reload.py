"""Reload the knowledge folder while candidates chat: a brand-new engine, and a report of what changed.

    engine, report = reload_engine(runtime.engine)
    runtime.engine = engine  # one reference swap: a conversation in flight keeps the engine it started with
    reply(report.summary("fr"))

A posting file, lexicon.yaml or contacts.yaml that no longer loads keeps its previous version in service;
a new file that does not load is left out; a deleted file is removed. Every problem is reported.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from .engine import Engine, Kept, reload_over
from .models import Posting, Problem

logger = logging.getLogger(__name__)

SHOWN_FILES = 5  # files listed by name in a summary; the others are counted


@dataclass(frozen=True)
class ReloadReport:
    """What a reload changed, what it kept from the previous knowledge, and the problems it found."""

    added: tuple[str, ...] = ()  # slugs of new postings
    removed: tuple[str, ...] = ()  # slugs no longer there (file deleted)
    changed: tuple[str, ...] = ()  # slugs whose file content changed
    closed: tuple[str, ...] = ()  # slugs open before, closed now
    reopened: tuple[str, ...] = ()  # slugs closed before, open now
    kept_previous: tuple[str, ...] = ()  # slugs whose new file fails: the previous version stays in service
    problems: tuple[Problem, ...] = ()  # every problem found (file name and reason), errors and warnings
    total: int = 0  # postings in service after the reload
    kept_files: tuple[str, ...] = ()  # files kept in their previous version: postings, lexicon.yaml, contacts.yaml

    @property
    def ok(self) -> bool:
        """Whether the reload found no error (warnings aside)."""
        return not any(p.severity == "error" for p in self.problems)

    @property
    def unchanged(self) -> bool:
        """Whether no posting was added, removed, changed, closed or reopened."""
        return not (self.added or self.removed or self.changed or self.closed or self.reopened)

    def summary(self, lang: str = "fr") -> str:
        """A short plain-text summary for the admin, in French or English (the caller escapes it)."""
        fr = lang != "en"
        counts = [(self.added, "ajoutée", "added"), (self.removed, "retirée", "removed"),
                  (self.changed, "modifiée", "changed"), (self.closed, "fermée", "closed"),
                  (self.reopened, "rouverte", "reopened")]
        parts = [f"{len(slugs)} {_plural(french, len(slugs)) if fr else english}"
                 for slugs, french, english in counts if slugs]
        if fr:
            head = f"Rechargé : {self.total} {_plural('offre', self.total)}"
            lines = [head + (f" ({', '.join(parts)})." if parts else ", aucun changement.")]
        else:
            head = f"Reloaded: {self.total} posting{'s' * (self.total != 1)}"
            lines = [head + (f" ({', '.join(parts)})." if parts else ", no changes.")]
        errors = _errors_by_file(self.problems)
        kept = [(name, errors.get(name)) for name in self.kept_files]
        left_out = [(name, problem) for name, problem in errors.items() if name not in self.kept_files]
        if kept:
            n = len(kept)
            lines.append(f"{n} {_plural('fichier', n)} en erreur {_plural('gardé', n)} dans "
                         f"{'sa' if n == 1 else 'leur'} version précédente : {_files(kept, fr)}." if fr else
                         f"{n} file{'s' * (n != 1)} with errors kept in {'its' if n == 1 else 'their'} previous "
                         f"version: {_files(kept, fr)}.")
        if left_out:
            n = len(left_out)
            lines.append(f"{n} {_plural('fichier', n)} en erreur {_plural('laissé', n)} de côté : "
                         f"{_files(left_out, fr)}." if fr else
                         f"{n} file{'s' * (n != 1)} with errors left out: {_files(left_out, fr)}.")
        warnings = sum(p.severity != "error" for p in self.problems)
        if warnings:
            lines.append(f"{warnings} {_plural('avertissement', warnings)}." if fr else
                         f"{warnings} warning{'s' * (warnings != 1)}.")
        return "\n".join(lines)


def reload_engine(previous: Engine, *, today: dt.date | None = None) -> tuple[Engine, ReloadReport]:
    """Load previous.folder again into a new engine and report what changed; previous is left as it is.

    A file that fails but loaded before keeps its previous version; a new file that fails is left out."""
    if not previous.folder.is_dir():
        report = failed_reload(previous, "knowledge folder not found")
        logger.warning("reload: %s", report.problems[0])
        return previous, report
    engine, kept = reload_over(previous, today=today)
    report = compare(previous, engine, kept)
    logger.info("reload of %s: %s", previous.folder, report.summary("en").replace("\n", " "))
    for problem in report.problems:
        if problem.severity == "error":
            logger.warning("knowledge problem: %s", problem)
    return engine, report


def failed_reload(previous: Engine, reason: str) -> ReloadReport:
    """The report of a reload that could not be done: nothing changed, the previous knowledge stays whole."""
    problem = Problem(str(previous.folder), f"{reason}: nothing was reloaded, the previous knowledge stays in service")
    return ReloadReport(problems=(problem,), total=len(previous.postings), kept_files=(problem.file,))


def compare(previous: Engine, engine: Engine, kept: Kept | None = None) -> ReloadReport:
    """What differs from the previous engine to a reloaded one, given what the reload kept from before."""
    kept = kept or Kept()
    before = {p.slug: p for p in previous.postings}
    after = {p.slug: p for p in engine.postings}
    kept_slugs = {p.slug for p in kept.postings}
    both = [slug for slug in after if slug in before]
    return ReloadReport(
        added=tuple(slug for slug in after if slug not in before),
        removed=tuple(slug for slug in before if slug not in after),
        changed=tuple(slug for slug in both if slug not in kept_slugs
                      and _changed(previous.hashes.get(slug, ""), engine.hashes.get(slug, ""),
                                   before[slug], after[slug])),
        closed=tuple(slug for slug in both if before[slug].is_open and not after[slug].is_open),
        reopened=tuple(slug for slug in both if not before[slug].is_open and after[slug].is_open),
        kept_previous=tuple(p.slug for p in kept.postings),
        problems=engine.problems,
        total=len(engine.postings),
        kept_files=kept.files,
    )


def _changed(old_hash: str, new_hash: str, old: Posting, new: Posting) -> bool:
    """Whether a posting's file changed: by the hash of its bytes, by its content when a hash is unknown."""
    if old_hash and new_hash:
        return old_hash != new_hash
    return old != new


def _errors_by_file(problems: tuple[Problem, ...]) -> dict[str, Problem]:
    """The first error of each file, in the order found."""
    errors: dict[str, Problem] = {}
    for problem in problems:
        if problem.severity == "error":
            errors.setdefault(problem.file, problem)
    return errors


def _files(items: Sequence[tuple[str, Problem | None]], fr: bool) -> str:
    """Files with the line and reason of their error, the first few only."""
    shown = [name if problem is None else
             f"{name}:{problem.line} ({problem.reason})" if problem.line else f"{name} ({problem.reason})"
             for name, problem in items[:SHOWN_FILES]]
    more = len(items) - len(shown)
    if more:
        shown.append(f"et {more} {_plural('autre', more)}" if fr else f"and {more} more")
    return (" ; " if fr else "; ").join(shown)


def _plural(word: str, count: int) -> str:
    """A French word in the plural from 2 on (0 and 1 are singular in French)."""
    return word + "s" if count > 1 else word
