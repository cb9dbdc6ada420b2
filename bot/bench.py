"""Benchmark of the answering engine: start-up from scratch and from the index cache, a reload with one file
changed, questions per CPU-second on a fresh engine, and the same on a collection ten times larger.

A benchmark, not a test: it prints figures and asserts nothing. Run it on the corpus:

    python -m bot bench --knowledge ../shared/corpus

The larger collection is made in a temporary folder: copies of every posting under other file names, each
with an invented startup name, added to its title too, so that each copy is a posting of its own.
"""

from __future__ import annotations

import gc
import hashlib
import itertools
import multiprocessing
import os
import re
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .engine import Engine
from .models import Posting
from .progress import status
from .reload import reload_engine

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
class Scale:
    """The figures of one collection."""

    postings: int
    scratch_seconds: float  # built from the files, no cache (median)
    cache_write_seconds: float  # built from the files and written to the cache (the first start)
    cache_seconds: float  # read from the cache (median)
    engine_mb: float  # resident memory an engine read from the cache adds to a new process
    engine_peak_mb: float  # that process's peak resident memory while reading it
    without_posting_qps: float  # questions per CPU-second, no posting given (found first), fresh engine
    without_posting_count: int


@dataclass(frozen=True)
class BenchResult:
    """The measured figures."""

    one: Scale
    reload_one_seconds: float  # /reload with one posting file changed (median)
    fresh_qps: float  # posting given, questions per CPU-second on an engine fresh from the cache
    again_qps: float  # the same questions again (per-posting caches warm)
    given_count: int
    tenfold: Scale | None
    peak_rss_mb: float
    scale: int = 10

    def report(self) -> str:
        """The figures as a person reads them."""
        one = self.one
        lines = [
            f"postings indexed:                          {one.postings}",
            f"index build from scratch (no cache):       {one.scratch_seconds:.3f} s (median)",
            f"index build and cache write (first start): {one.cache_write_seconds:.3f} s",
            f"index build from the cache:                {one.cache_seconds:.3f} s (median)",
            f"reload, one posting file changed:          {self.reload_one_seconds:.3f} s (median)",
            f"questions/CPU-s, posting given, fresh:     {self.fresh_qps:,.0f} ({self.given_count} questions)",
            f"questions/CPU-s, posting given, again:     {self.again_qps:,.0f} ({self.given_count} questions)",
            f"questions/CPU-s, no posting (found first): {one.without_posting_qps:,.0f} "
            f"({one.without_posting_count} questions, fresh engine)",
            f"engine memory (RSS added, new process):    {one.engine_mb:.1f} MB (peak {one.engine_peak_mb:.1f} MB)",
        ]
        ten = self.tenfold
        if ten is not None:
            ratio = one.without_posting_qps / ten.without_posting_qps if ten.without_posting_qps else 0.0
            lines += [
                f"{self.scale}x collection: postings indexed:         {ten.postings}",
                f"  index build from scratch (no cache):     {ten.scratch_seconds:.3f} s",
                f"  start-up from the cache:                 {ten.cache_seconds:.3f} s (median)",
                f"  engine memory (RSS added, new process):  {ten.engine_mb:.1f} MB (peak {ten.engine_peak_mb:.1f} MB)",
                f"  questions/CPU-s, no posting given:       {ten.without_posting_qps:,.0f} "
                f"({ten.without_posting_count} questions, fresh engine, medians measured in turn with 1x; "
                f"1x/{self.scale}x = {ratio:.2f})",
            ]
        lines.append(f"peak memory (max RSS):                     {self.peak_rss_mb:.1f} MB")
        return "\n".join(lines)


def run(folder: Path, *, limit: int = 3000, repeat: int = 3, scale: int = 10) -> BenchResult:
    """Measure the engine over a folder, then over a collection `scale` times as large (0: not)."""
    with tempfile.TemporaryDirectory(prefix="bot-bench-") as temp:
        work = Path(temp)
        one, engine = _scale(folder, work / "cache", repeat)  # no status line: its thread would stop the workers
        postings = list(engine.postings)
        if not postings:
            raise ValueError(f"knowledge folder {folder} holds no posting that loads, nothing to benchmark "
                             f"(python -m bot check --knowledge {folder} says why)")
        # question-major: the first questions reach every posting, each asked about for the first time
        pairs = list(itertools.islice(((q, p.slug) for q in QUESTIONS for p in postings), limit))
        # With no posting given, questions name the posting as candidates do ("Chez X, ...").
        named = [(f"{_name_of(p)} : {q}", None) for p, q in zip(postings * len(QUESTIONS),
                                                                  itertools.cycle(QUESTIONS), strict=False)]
        named = named[: max(1, limit // 3)]
        engine = _fresh(folder, work / "cache")
        with status(f"answering {len(pairs)} questions twice"):
            fresh = _cpu(engine, pairs)
            again = _cpu(engine, pairs)
        del engine
        gc.unfreeze()
        with status("reloading with one file changed"):
            reload_one = _reload_one(folder, work / "copy", repeat)
        tenfold = None
        if scale > 1:
            with status(f"writing a collection {scale}x as large"):
                large = _multiply(folder, work / f"x{scale}", scale)
            tenfold, engine = _scale(large, work / "cache", repeat, scratch_builds=1)
            del engine
            with status(f"answering {len(named)} questions with no posting, over 1x and {scale}x the postings"):
                qps_one, qps_large = _side_by_side(folder, large, work / "cache", named, repeat)
            one, tenfold = _with_qps(one, qps_one, len(named)), _with_qps(tenfold, qps_large, len(named))
        else:
            with status(f"answering {len(named)} questions with no posting"):
                one = _with_qps(one, _no_posting_qps(folder, work / "cache", named), len(named))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rss_mb = rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024
    return BenchResult(one, reload_one, len(pairs) / fresh, len(pairs) / again, len(pairs), tenfold, rss_mb, scale)


def _scale(folder: Path, cache: Path, repeat: int, *, scratch_builds: int | None = None) -> tuple[Scale, Engine]:
    """Build from scratch, then with the cache written, then from the cache; the engine read from the cache."""
    scratch = [_timed_load(lambda: Engine.load(folder)) for _ in range(scratch_builds or max(1, repeat))]
    write = _timed_load(lambda: Engine.load(folder, cache_dir=cache))
    reads = [_timed_load(lambda: Engine.load(folder, cache_dir=cache)) for _ in range(max(1, repeat))]
    engine = Engine.load(folder, cache_dir=cache)
    added, peak = _memory_in_new_process(folder, cache)
    return Scale(len(engine.postings), statistics.median(scratch), write, statistics.median(reads), added, peak,
                 0.0, 0), engine


def _memory_in_new_process(folder: Path, cache: Path) -> tuple[float, float]:
    """The resident memory an engine read from the cache adds to a new process, and that process's peak (MB).

    Measured in a spawned interpreter: in this one, memory freed by the previous loads is reused and the
    figure would come out far too low."""
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(_load_and_measure, folder, cache).result()


def _load_and_measure(folder: Path, cache: Path) -> tuple[float, float]:
    before = _rss_mb()
    engine = Engine.load(folder, cache_dir=cache)
    added = _rss_mb() - before
    del engine
    return added, _peak_mb()


def _peak_mb() -> float:
    """This process's peak resident memory (MB): VmHWM, which starts afresh with the new program, where
    getrusage's maxrss on Linux keeps the figure of the process that started it."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def _with_qps(scale: Scale, qps: float, count: int) -> Scale:
    return Scale(scale.postings, scale.scratch_seconds, scale.cache_write_seconds, scale.cache_seconds,
                 scale.engine_mb, scale.engine_peak_mb, qps, count)


def _no_posting_qps(folder: Path, cache: Path, named: Sequence[tuple[str, str | None]]) -> float:
    """Questions per CPU-second with no posting given, on a fresh engine."""
    engine = _fresh(folder, cache)
    try:
        return len(named) / _cpu(engine, named)
    finally:
        del engine
        gc.unfreeze()


def _side_by_side(small: Path, large: Path, cache: Path, named: Sequence[tuple[str, str | None]],
                  repeat: int) -> tuple[float, float]:
    """The no-posting figures of both collections, measured in turn `repeat` times (medians): a shared machine
    that slows down between two measurements minutes apart would otherwise make up their ratio."""
    small_qps: list[float] = []
    large_qps: list[float] = []
    for _ in range(repeat):
        small_qps.append(_no_posting_qps(small, cache, named))
        large_qps.append(_no_posting_qps(large, cache, named))
    return statistics.median(small_qps), statistics.median(large_qps)


def _fresh(folder: Path, cache: Path) -> Engine:
    """An engine as a new process has it: read from the cache, never asked anything, set aside from the
    garbage collector as the command line does (gc.freeze)."""
    gc.collect()
    engine = Engine.load(folder, cache_dir=cache)
    gc.freeze()
    return engine


def _timed_load(load: Callable[[], Engine]) -> float:
    """Seconds to load an engine (the previous one freed first, and the regular expressions compiled by the
    previous load forgotten, as a restart would)."""
    gc.collect()
    re.purge()
    start = time.perf_counter()
    load()
    return time.perf_counter() - start


def _rss_mb() -> float:
    """The process's resident memory now, in MB (0 where /proc is not there)."""
    gc.collect()
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)


def _reload_one(folder: Path, copy: Path, repeat: int) -> float:
    """Seconds for a reload after one posting file changed, over a copy of the folder (median)."""
    shutil.copytree(folder, copy)
    postings = copy / "postings" if (copy / "postings").is_dir() else copy
    engine = Engine.load(copy)
    target = next((path for path in sorted(postings.glob("*.md"))
                   if engine.find(path.stem) is not None), None)
    if target is None:
        return 0.0
    times = []
    for n in range(max(1, repeat)):
        with target.open("a", encoding="utf-8") as file:
            file.write(f"\nUne ligne ajoutée pour le banc d'essai ({n}).\n")
        gc.collect()
        start = time.perf_counter()
        engine, _ = reload_engine(engine)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


_FRONT_VALUE = re.compile(r"^(title|startup):[ \t]*(\S.*?)[ \t]*$", re.MULTILINE)
_SYLLABLES = ("ka", "lo", "mi", "ru", "ze", "ta", "vo", "ni", "pa", "shi", "do", "ve", "ba", "xo", "fi", "gu")


def _multiply(folder: Path, target: Path, times: int) -> Path:
    """A knowledge folder with `times` versions of each posting: the original, and copies under other file
    names whose startup is an invented word, added to their title too (lexicon and contacts copied as they are)."""
    source = folder / "postings" if (folder / "postings").is_dir() else folder
    postings = target / "postings"
    postings.mkdir(parents=True)
    for extra in ("lexicon.yaml", "contacts.yaml"):
        if (folder / extra).is_file():
            shutil.copy(folder / extra, target / extra)
    for path in sorted(source.glob("*.md")):
        text = path.read_bytes().decode("utf-8", "replace")
        shutil.copy(path, postings / path.name)
        for n in range(1, times):
            word = _invented_word(f"{path.stem}/{n}")
            copy = _FRONT_VALUE.sub(_renamer(word), text, count=2)
            (postings / f"{path.stem}-copie-{word.lower()}.md").write_text(copy, encoding="utf-8")
    return target


def _renamer(word: str) -> Callable[[re.Match[str]], str]:
    """A substitution adding a word to a front-matter line's value."""

    def rename(match: re.Match[str]) -> str:
        if match.group(1) == "startup":  # another team's posting
            return f"startup: {word}"
        return f"{match.group(1)}: {_with_word(match.group(2), word)}"

    return rename


def _invented_word(seed: str) -> str:
    """A pronounceable word no posting uses, the same for the same seed."""
    digest = hashlib.sha256(seed.encode("utf-8")).digest()
    return "".join(_SYLLABLES[b % len(_SYLLABLES)] for b in digest[:4]).capitalize()


def _with_word(value: str, word: str) -> str:
    """A front-matter value with a word added, inside its quotes when it is quoted."""
    if len(value) > 1 and value[0] in "\"'" and value.endswith(value[0]):
        return f"{value[:-1]} {word}{value[0]}"
    if value[0] in "[{|>&*!":  # a list, a block or a tag: left as it is
        return value
    return f"{value} {word}"


def _name_of(posting: Posting) -> str:
    return posting.startup or posting.team or posting.title


def _cpu(engine: Engine, questions: Sequence[tuple[str, str | None]]) -> float:
    """CPU seconds taken to answer every (question, posting) pair."""
    start = time.process_time()
    for question, slug in questions:
        engine.answer(question, slug)
    return max(time.process_time() - start, 1e-9)
