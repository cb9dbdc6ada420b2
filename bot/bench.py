"""Benchmark of the answering engine: index build time, questions per second, peak memory.

A benchmark, not a test: it prints figures and asserts nothing. Run it on the corpus:

    python -m bot bench --knowledge ../shared/corpus
"""

from __future__ import annotations

import gc
import itertools
import resource
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .engine import Engine
from .models import Posting
from .progress import progress, status

# Typical candidate questions, written for the benchmark (French and English, with typos and slang).
QUESTIONS = (
    "Le poste est-il en télétravail ?",
    "c'est payé combien ?",
    "quelle est la durée de la mission ?",
    "Quand commence la mission ?",
    "C'est un CDI ou du freelance ?",
    "Faut-il connaître Python ?",
    "quelles technos vous utilisez ?",
    "comment je postule ?",
    "date limite de candidature ?",
    "l'offre est toujours d'actualité ?",
    "c'est à temps plein ?",
    "il faut combien d'années d'expérience ?",
    "qui contacter pour en savoir plus ?",
    "l'équipe fait quelle taille ?",
    "Les missions concrètement ?",
    "y a des tickets resto ?",
    "Is remote work possible?",
    "What's the salary?",
    "How long is the contract?",
    "When does it start?",
    "Which skills are required?",
    "what's the tech stack?",
    "How do I apply?",
    "Is the position still open?",
    "Is it open to junior profiles?",
    "Where is the office?",
    "Do you sponsor visas?",
    "teletravail possibl ?",
    "faut il conaitre react ?",
    "TJM ?",
)


@dataclass(frozen=True)
class BenchResult:
    """The measured figures."""

    postings: int
    build_seconds: float
    first_qps: float  # posting given, each (posting, question) pair asked for the first time
    again_qps: float  # posting given, the same pairs asked again (per-posting caches warm)
    given_count: int
    without_posting_qps: float
    without_posting_count: int
    peak_rss_mb: float

    def report(self) -> str:
        """The figures as a person reads them."""
        return "\n".join([
            f"postings indexed:                      {self.postings}",
            f"index build (lexicon + load + index):  {self.build_seconds:.3f} s (median of builds)",
            f"questions/s, posting given, 1st time:  {self.first_qps:,.0f} ({self.given_count} questions)",
            f"questions/s, posting given, again:     {self.again_qps:,.0f} ({self.given_count} questions)",
            f"questions/s, no posting (found first): {self.without_posting_qps:,.0f} "
            f"({self.without_posting_count} questions)",
            f"peak memory (max RSS):                 {self.peak_rss_mb:.1f} MB",
        ])


def run(folder: Path, *, limit: int = 20000, repeat: int = 5) -> BenchResult:
    """Build the engine over a folder `repeat` times (median kept), then answer questions in each mode
    (at most `limit` per mode)."""
    builds = []
    engine: Engine | None = None
    for _ in progress(range(max(1, repeat)), desc="index builds"):  # the bar moves between the timings
        engine = None  # free the previous build first, as a restart would
        gc.collect()
        start = time.perf_counter()
        engine = Engine.load(folder)
        builds.append(time.perf_counter() - start)
    assert engine is not None
    build = statistics.median(builds)
    postings = list(engine.postings)
    if not postings:
        raise ValueError(f"knowledge folder {folder} holds no posting that loads, nothing to benchmark "
                         f"(python -m bot check --knowledge {folder} says why)")
    pairs = list(itertools.islice(((q, p.slug) for p in postings for q in QUESTIONS), limit))
    # With no posting given, questions name the posting as candidates do ("Chez X, ...").
    named = [(f"{_name_of(p)} : {q}", None) for p, q in zip(postings * len(QUESTIONS),
                                                              itertools.cycle(QUESTIONS), strict=False)]
    named = named[: max(1, limit // 4)]
    with status(f"answering {len(pairs)} questions twice, then {len(named)} with no posting"):
        first = _timed(engine, pairs)
        again = _timed(engine, pairs)
        without = _timed(engine, named)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rss_mb = rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024
    return BenchResult(len(postings), build, len(pairs) / first, len(pairs) / again, len(pairs),
                       len(named) / without, len(named), rss_mb)


def _name_of(posting: Posting) -> str:
    return posting.startup or posting.team or posting.title


def _timed(engine: Engine, questions: Sequence[tuple[str, str | None]]) -> float:
    """Seconds taken to answer every (question, posting) pair."""
    start = time.perf_counter()
    for question, slug in questions:
        engine.answer(question, slug)
    return time.perf_counter() - start
