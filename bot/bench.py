"""Benchmark of the answering engine: index build time, questions per second, peak memory.

A benchmark, not a test: it prints figures and asserts nothing. Run it on the corpus:

    python -m bot bench --knowledge ../shared/corpus
"""

from __future__ import annotations

import gc
import itertools
import resource
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from .engine import Engine

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
    with_posting_qps: float
    with_posting_count: int
    without_posting_qps: float
    without_posting_count: int
    peak_rss_mb: float

    def report(self) -> str:
        """The figures as a person reads them."""
        return "\n".join([
            f"postings indexed:           {self.postings}",
            f"index build (load + index): {self.build_seconds:.3f} s",
            f"questions/s, posting given: {self.with_posting_qps:,.0f} ({self.with_posting_count} questions)",
            f"questions/s, no posting:    {self.without_posting_qps:,.0f} ({self.without_posting_count} questions)",
            f"peak memory (max RSS):      {self.peak_rss_mb:.1f} MB",
        ])


def run(folder: Path, *, seconds: float = 3.0) -> BenchResult:
    """Build the engine over a folder, then answer questions for about `seconds` in each mode."""
    gc.collect()
    start = time.perf_counter()
    engine = Engine.load(folder)
    build = time.perf_counter() - start
    slugs = [p.slug for p in engine.postings]
    if not slugs:
        raise SystemExit(f"{folder}: no posting loaded, nothing to benchmark")
    pairs = itertools.cycle(zip(itertools.cycle(QUESTIONS), slugs * len(QUESTIONS), strict=False))
    with_count, with_time = _timed(lambda: engine.answer(*next(pairs)), seconds)
    questions = itertools.cycle(QUESTIONS)
    without_count, without_time = _timed(lambda: engine.answer(next(questions)), seconds)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rss_mb = rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024
    return BenchResult(len(slugs), build, with_count / with_time, with_count,
                       without_count / without_time, without_count, rss_mb)


def _timed(call: object, seconds: float) -> tuple[int, float]:
    """Call repeatedly, in batches, for about `seconds`; return the count and the time taken."""
    assert callable(call)
    count = 0
    start = time.perf_counter()
    deadline = start + seconds
    while True:
        for _ in range(100):
            call()
        count += 100
        now = time.perf_counter()
        if now >= deadline or count >= 1_000_000:
            return count, now - start
