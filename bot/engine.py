"""The answering engine: a knowledge folder loaded, indexed and ready to answer.

    engine = Engine.load(Path("knowledge"))
    answer = engine.answer("Le poste est-il en télétravail ?", posting="2021-08-30-sicoval-pm")
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
import logging
import os
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from .bounded import MAX_FAQ_BYTES, MAX_POSTING_BYTES, load_yaml, read_limited
from .cache import IndexCache, knowledge_key
from .contacts import Contact, ContactsError, Directory, load_directory, resolve_contact
from .index import Index, PostingIndex, PreparedText, assemble_index, cue_counts, index_posting, prepare_texts
from .knowledge import KnowledgeError, assign_slugs, inside, load_posting, posting_files, unexpected_problem
from .lexicon import Lexicon, LexiconError, default_lexicon_path, lexicon_problems, load_lexicon
from .matcher import Matcher
from .models import Answer, FaqEntry, Posting, Problem

if TYPE_CHECKING:
    from concurrent.futures import Future

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Engine:
    """Postings, lexicon, index and matcher of one knowledge folder; immutable once built."""

    folder: Path
    postings: tuple[Posting, ...]
    lexicon: Lexicon
    index: Index
    matcher: Matcher
    problems: tuple[Problem, ...]
    directory: Directory = field(default_factory=Directory.empty)
    default_contact: str = ""
    faq: Mapping[str, tuple[FaqEntry, ...]] = field(default_factory=dict)
    hashes: Mapping[str, str] = field(default_factory=dict)  # slug -> SHA-256 of the file in service
    loaded_on: dt.date | None = None  # the date the postings' open or closed status was worked out for
    lexicon_digest: str = ""  # SHA-256 of the lexicon's files when it loaded without a problem, else ""
    warnings: Mapping[str, tuple[Problem, ...]] = field(default_factory=dict)  # file name -> its load warnings

    @classmethod
    def load(cls, folder: Path, *, today: dt.date | None = None, default_contact: str = "",
             cache_dir: Path | None = None) -> Engine:
        """Load a knowledge folder: postings from FOLDER/postings (or FOLDER itself), FOLDER/lexicon.yaml,
        FOLDER/contacts.yaml (member ids to emails) and FOLDER/faq/*.yaml (recruiters' answers).

        With a cache folder, the built index is read from there when nothing it was built from changed
        (files, lexicon, date, code), else built and saved there (see bot/cache.py)."""
        cache = IndexCache(cache_dir) if cache_dir is not None else None
        with _gc_paused():
            return cls._assemble(folder, today or dt.date.today(), default_contact, None, cache)[0]

    @classmethod
    def _assemble(cls, folder: Path, today: dt.date, default_contact: str,
                  previous: Engine | None, cache: IndexCache | None = None) -> tuple[Engine, Kept]:
        """Load a knowledge folder; with a previous engine, a file that now fails keeps what it gave before,
        and a file unchanged since (same bytes, slug, lexicon and date) keeps its index without a parse."""
        problems: list[Problem] = []
        kept_files: list[str] = []
        kept_postings: list[Posting] = []
        lexicon_digest = _lexicon_digest(folder)
        postings_dir = folder / "postings" if (folder / "postings").is_dir() else folder
        paths, file_problems = posting_files(postings_dir)
        slug_problems: list[Problem] = []
        slugs = assign_slugs(paths, slug_problems)
        digests = {path: _digest(path) for path in paths}  # read before parsing: a later edit shows as a change
        jobs = [(path, slugs[path]) for path in paths]
        # The cache holds the lexicon it was built with: read from there, it is not parsed again.
        key = _cache_key(today, lexicon_digest, jobs, digests) if cache is not None and previous is None else ""
        cached = _cached(cache, folder, key) if cache is not None and key else None
        if cached is not None:
            lexicon = cached[4]
        elif previous is not None and previous.lexicon_digest and previous.lexicon_digest == lexicon_digest:
            lexicon = previous.lexicon  # unchanged, and it loaded cleanly
        else:
            lexicon = _lexicon_for(folder, problems, previous.lexicon if previous else None)
            lexicon_digest = "" if problems else lexicon_digest
            key = key if lexicon_digest else ""  # a lexicon that did not load cleanly is never cached
            if previous is not None and lexicon is previous.lexicon:  # the new file failed: the old one kept
                kept_files.append("lexicon.yaml")
        directory = _directory_for(folder, problems, previous.directory if previous else None)
        if previous is not None and directory is previous.directory:  # only when the new file fails
            kept_files.append("contacts.yaml")
        problems.extend(file_problems)
        problems.extend(slug_problems)
        if cached is not None:
            index, found_problems, hashes, warnings, _ = cached
            problems.extend(found_problems)
            logger.info("index of %d postings read from the cache", len(index.postings))
        else:
            start = len(problems)
            reusable = _reusable(previous, lexicon, today, jobs, digests)
            fresh = [job for job in jobs if job[0] not in reusable]
            ready = _load_and_index(fresh, today, lexicon)
            earlier = {p.path.name: p for p in previous.postings} if previous else {}
            indexes = []
            hashes = {}
            warnings = {}
            for path, slug in jobs:
                if path in reusable:
                    indexes.append(reusable[path])
                    hashes[slug] = digests[path]
                    warnings[path.name] = previous.warnings.get(path.name, ()) if previous else ()
                    problems.extend(warnings[path.name])
                    continue
                found, failed, indexed = ready[path]
                problems.extend(found)
                problems.extend(failed)
                if indexed is not None:
                    indexes.append(indexed)
                    hashes[slug] = digests[path]
                    warnings[path.name] = tuple(found)
                elif previous is not None and path.name in earlier:
                    old = earlier[path.name]
                    kept = old if old.slug == slug else replace(old, slug=slug)
                    indexes.append(index_posting(kept, lexicon))
                    hashes[slug] = previous.hashes.get(old.slug, "")
                    kept_postings.append(kept)
                    kept_files.append(path.name)
            index = assemble_index(indexes, lexicon)
            if cache is not None and key:
                lexicon.precompile()  # kept compiled in the cache: no start from it compiles a regex again
                cache.save(folder, key, (index, tuple(problems[start:]), hashes, warnings, lexicon))
        postings = tuple(p.posting for p in index.postings)
        faq = load_faq(folder / "faq", {p.slug for p in postings} | {p.stem for p in postings}, problems,
                       intents=frozenset(i.name for i in lexicon.intents))
        logger.info("loaded %d postings from %s (%d problems)", len(postings), postings_dir, len(problems))

        def contact_email(posting: Posting) -> str:
            return resolve_contact(posting, directory, default=default_contact).email

        matcher = Matcher(index, lexicon, contact=contact_email)
        by_stem = {p.stem: p.slug for p in postings}
        faq_by_slug = {by_stem.get(key, key): _filed(entries, matcher) for key, entries in faq.items()}
        engine = cls(folder, postings, lexicon, index, matcher, tuple(problems), directory, default_contact,
                     faq_by_slug, hashes, today, lexicon_digest, warnings)
        return engine, Kept(tuple(kept_postings), tuple(kept_files))

    def answer(self, question: str, posting: str | Posting | None = None) -> Answer:
        """Answer a question from a posting (slug or file stem), or from the posting it is about."""
        return self.matcher.answer(question, posting)

    async def answer_in_thread(self, question: str, posting: str | Posting | None = None) -> Answer:
        """answer() in a worker thread, for async callers: a slow answer (a large posting) blocks no other chat."""
        import asyncio  # only the bot's async callers need it: the command line starts without it

        return await asyncio.to_thread(self.answer, question, posting)

    def find(self, ref: str) -> Posting | None:
        """The posting with this slug or file stem."""
        found = self.index.find(ref)
        return found.posting if found else None

    def contact_for(self, posting: Posting) -> Contact:
        """Who questions about a posting go to, and how that was found."""
        return resolve_contact(posting, self.directory, default=self.default_contact)

    def faq_for(self, slug: str) -> tuple[FaqEntry, ...]:
        """The FAQ entries of a posting kept in knowledge files."""
        return tuple(self.faq.get(slug, ()))


@dataclass(frozen=True)
class Kept:
    """What a reload kept from the engine in service because the new version of a file failed to load."""

    postings: tuple[Posting, ...] = ()  # previous postings still in service, their file now failing
    files: tuple[str, ...] = ()  # the files kept in their previous version (postings, lexicon.yaml, contacts.yaml)


def reload_over(previous: Engine, *, today: dt.date | None = None) -> tuple[Engine, Kept]:
    """Load previous.folder again into a new engine (previous is left as it is); a posting file, lexicon.yaml or
    contacts.yaml that now fails keeps the version previous has, a new file that fails is left out."""
    with _gc_paused():
        return Engine._assemble(previous.folder, today or dt.date.today(), previous.default_contact, previous)


def _cache_key(today: dt.date, lexicon_digest: str, jobs: list[tuple[Path, str]], digests: dict[Path, str]) -> str:
    """The cache key of a folder's index, "" when it must not be cached (a lexicon or file that did not read)."""
    if not lexicon_digest or not all(digests.values()):
        return ""
    return knowledge_key([today.isoformat(), lexicon_digest, *(f"{path.name}\0{slug}\0{digests[path]}"
                                                                for path, slug in jobs)])


Cached = tuple[Index, tuple[Problem, ...], dict[str, str], dict[str, tuple[Problem, ...]], Lexicon]


def _cached(cache: IndexCache, folder: Path, key: str) -> Cached | None:
    """The cached index of a folder, its problems, hashes, warnings and lexicon, when current; else None."""
    payload = cache.load(folder, key)
    if (isinstance(payload, tuple) and len(payload) == 5 and isinstance(payload[0], Index)
            and isinstance(payload[4], Lexicon)):
        return payload  # written by Engine._assemble only, under this key
    return None


def _reusable(previous: Engine | None, lexicon: Lexicon, today: dt.date, jobs: list[tuple[Path, str]],
              digests: dict[Path, str]) -> dict[Path, PostingIndex]:
    """The previous engine's posting indexes that a reload keeps as they are: same file bytes, slug, lexicon
    and date. Each is a copy (its contact is worked out again: contacts.yaml may have changed)."""
    if previous is None or previous.lexicon is not lexicon or previous.loaded_on != today:
        return {}
    by_name = {p.posting.path.name: p for p in previous.index.postings}
    reusable = {}
    for path, slug in jobs:
        old = by_name.get(path.name)
        if old is not None and old.posting.slug == slug and previous.hashes.get(slug) == digests[path] != "":
            reusable[path] = replace(old, contact=None)
    return reusable


def _lexicon_digest(folder: Path) -> str:
    """The SHA-256 of the lexicon files a folder is read with (its own lexicon.yaml, and the bundled one)."""
    digest = hashlib.sha256()
    for path in (folder / "lexicon.yaml", default_lexicon_path()):
        try:
            data = path.read_bytes() if path.is_file() else b""
        except OSError:
            return ""
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def _index(path: Path, posting: Posting, lexicon: Lexicon, prepared: PreparedText | None,
           problems: list[Problem]) -> PostingIndex | None:
    """Index one loaded posting; a failure is that file's problem, not the whole folder's."""
    try:
        return index_posting(posting, lexicon, prepared)
    except Exception as exc:
        problems.append(unexpected_problem(path, exc))
        return None


def _digest(path: Path) -> str:
    """The SHA-256 of a file's bytes, "" when it cannot be read or is too large to be a posting."""
    try:
        return hashlib.sha256(read_limited(path, MAX_POSTING_BYTES, "a posting")).hexdigest()
    except (OSError, ValueError):
        return ""


def _directory_for(folder: Path, problems: list[Problem], fallback: Directory | None = None) -> Directory:
    """FOLDER/contacts.yaml when there is one and it is valid, else the fallback (or an empty directory)."""
    try:
        return load_directory(folder / "contacts.yaml")
    except ContactsError as exc:
        problems.append(Problem("contacts.yaml", str(exc)))
    except Exception as exc:  # whatever its fault, the file alone fails
        problems.append(Problem("contacts.yaml", f"unusable contacts directory ({type(exc).__name__}: "
                                f"{str(exc)[:200]})"))
    return Directory.empty() if fallback is None else fallback


def load_faq(folder: Path, postings: set[str], problems: list[Problem], *,
             intents: frozenset[str] = frozenset()) -> dict[str, tuple[FaqEntry, ...]]:
    """Read FOLDER/*.yaml FAQ files ({posting, entries: [{question, answer, intent?}]}); report bad ones, keep the
    rest. An entry's `intent` must be one of `intents` (the lexicon's); without one, the engine files it under its
    question's intent (_filed)."""
    faq: dict[str, tuple[FaqEntry, ...]] = {}
    if not folder.is_dir():
        return faq
    root = folder.resolve()
    for path in sorted(folder.glob("*.y*ml")):
        name = f"faq/{path.name}"
        try:
            found = _faq_file(path, name, root, postings, problems, intents)
        except Exception as exc:  # one file's fault, whatever it is, stops that file only
            problems.append(Problem(name, f"unreadable FAQ file ({type(exc).__name__}: {str(exc)[:200]})"))
            continue
        if found is not None:
            posting, entries = found
            faq[posting] = tuple(faq.get(posting, ())) + entries
    return faq


def _faq_file(path: Path, name: str, root: Path, postings: set[str], problems: list[Problem],
              intents: frozenset[str]) -> tuple[str, tuple[FaqEntry, ...]] | None:
    """One FAQ file's posting and entries, or None when it is unusable (its problems added to problems)."""
    if not inside(path, root):
        problems.append(Problem(name, "symbolic link to a file outside the faq folder: not published; "
                                "copy the file into the folder instead"))
        return None
    try:
        data = load_yaml(read_limited(path, MAX_FAQ_BYTES, "a FAQ file").decode("utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        problems.append(Problem(name, f"unreadable FAQ file: {reason}", line=mark.line + 1 if mark else None))
        return None
    except (OSError, ValueError) as exc:  # ValueError: too large, or not UTF-8
        problems.append(Problem(name, f"unreadable FAQ file: {str(exc).splitlines()[0]}"))
        return None
    if not isinstance(data, dict) or not isinstance(data.get("posting"), str) \
            or not isinstance(data.get("entries"), list):
        problems.append(Problem(name, "a FAQ file needs 'posting: <slug>' and 'entries:' (a list of question and "
                                "answer pairs)"))
        return None
    posting = data["posting"]
    if posting not in postings:
        problems.append(Problem(name, f"no posting '{posting}' in the knowledge folder", severity="warning"))
    entries = [FaqEntry(posting, str(e["question"]).strip(), str(e["answer"]).strip(),
                        _faq_intent(e.get("intent"), name, intents, problems)) for e in data["entries"]
               if isinstance(e, dict) and str(e.get("question", "")).strip() and str(e.get("answer", "")).strip()]
    if len(entries) != len(data["entries"]):
        problems.append(Problem(name, "entries without both a question and an answer were left out",
                                severity="warning"))
    return posting, tuple(entries)


def _faq_intent(value: object, name: str, intents: frozenset[str], problems: list[Problem]) -> str:
    """A FAQ entry's explicit `intent`, when it names one of the lexicon's intents; else "" (filed by its question),
    with a warning when it names none."""
    if value is None or value == "":
        return ""
    if isinstance(value, str) and value in intents:
        return value
    problems.append(Problem(name, f"unknown intent {str(value)[:64]!r} in an entry: filed by its question instead; "
                            "write one of the lexicon's intents (pay, remote...) or leave 'intent' out",
                            severity="warning"))
    return ""


def _filed(entries: tuple[FaqEntry, ...], matcher: Matcher) -> tuple[FaqEntry, ...]:
    """FAQ entries, each filed under its explicit intent, else its question's clear intent (Matcher.faq_intent)."""
    return tuple(entry if entry.intent else replace(entry, intent=matcher.faq_intent(entry.question))
                 for entry in entries)


def _lexicon_for(folder: Path, problems: list[Problem], fallback: Lexicon | None = None) -> Lexicon:
    """FOLDER/lexicon.yaml when there is one and it is valid, else the fallback (or the bundled lexicon)."""
    path = folder / "lexicon.yaml"
    if not path.is_file():
        return load_lexicon(default_lexicon_path())
    try:
        return load_lexicon(path)
    except LexiconError as exc:
        problems.extend(lexicon_problems(path, exc))
    except Exception as exc:  # whatever its fault, the file alone fails
        problems.append(Problem(path.name, f"unusable lexicon ({type(exc).__name__}: {str(exc)[:200]})"))
    return load_lexicon(default_lexicon_path()) if fallback is None else fallback


Loaded = tuple[Posting | None, list[Problem], PreparedText | None, list[dict[int, int]] | None]


Ready = tuple[list[Problem], list[Problem], PostingIndex | None]  # loading warnings, indexing failure, index


def _load_and_index(jobs: list[tuple[Path, str]], today: dt.date, lexicon: Lexicon) -> dict[Path, Ready]:
    """Load and index posting files: each file's loading warnings, the problem that stopped its indexing, and
    its index (None when it failed). Files loaded in workers are indexed here as they arrive, while the workers
    go on with the next ones."""
    loaded = (_load_parallel(jobs, today, lexicon) if _parallel_ok(len(jobs))
              else zip(jobs, _load(jobs, today, lexicon), strict=True))
    ready: dict[Path, Ready] = {}
    for (path, _), (posting, found, prepared, counts) in loaded:
        failed: list[Problem] = []
        indexed = _index(path, posting, lexicon, prepared, failed) if posting is not None else None
        if indexed is not None:
            indexed._cue_counts = counts
        ready[path] = (found, failed, indexed)
    return ready


def _load(jobs: list[tuple[Path, str]], today: dt.date, lexicon: Lexicon) -> list[Loaded]:
    """Load posting files, one by one: a posting, its prepared texts and cue counts, or the problem that
    stops it."""
    results: list[Loaded] = []
    for path, slug in jobs:
        try:
            posting, warnings = load_posting(path, today=today, slug=slug)
            prepared = prepare_texts(posting)
            counts = cue_counts(prepared[1], lexicon)
        except KnowledgeError as exc:
            results.append((None, [exc.problem], None, None))
        except Exception as exc:  # one file's fault, whatever it is (RecursionError...), stops that file only
            results.append((None, [unexpected_problem(path, exc)], None, None))
        else:
            results.append((posting, warnings, prepared, counts))
    return results


@dataclass
class _Worker:
    """What a forked loading worker holds: the lexicon, inherited from the parent when the worker forks
    (never pickled), set once by the pool's initializer in each worker process only."""

    lexicon: Lexicon | None = None


_WORKER = _Worker()


def _start_worker(lexicon: Lexicon) -> None:
    _WORKER.lexicon = lexicon


def _load_in_worker(jobs: list[tuple[Path, str]], today: dt.date) -> list[Loaded]:
    assert _WORKER.lexicon is not None, "the pool's initializer sets the lexicon"
    return _load(jobs, today, _WORKER.lexicon)


PARALLEL_FROM = 150  # files; below that, starting worker processes costs more than it saves


def _parallel_ok(count: int) -> bool:
    """Parse in forked workers only where forking is safe: one thread, several cores, many files."""
    if count < PARALLEL_FROM or (os.cpu_count() or 1) < 2 or threading.active_count() > 1:
        return False
    import multiprocessing  # imported only to parse many files: a start from the cache never needs it

    return "fork" in multiprocessing.get_all_start_methods()


CHUNK = 24  # files a worker loads in one go: small enough for this process to index while the workers go on


def _load_parallel(jobs: list[tuple[Path, str]], today: dt.date,
                   lexicon: Lexicon) -> Iterator[tuple[tuple[Path, str], Loaded]]:
    """Load posting files in forked worker processes (nothing to re-import), each with what it gave, as the
    workers finish them.

    Workers send back Posting objects only (a few MB); indexing stays in this process, since an
    index pickles several times larger than it takes to build.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    count = min(4, os.cpu_count() or 1, len(jobs))
    # files sorted by name are sorted by date, and recent postings are longer: every n-th file to each chunk
    spread = max(count, len(jobs) // CHUNK)
    chunks = [jobs[i::spread] for i in range(spread)]
    with ProcessPoolExecutor(max_workers=count, mp_context=multiprocessing.get_context("fork"),
                             initializer=_start_worker, initargs=(lexicon,)) as pool:
        futures = {pool.submit(_load_in_worker, chunk, today): chunk for chunk in chunks}
        for future in as_completed(futures):
            chunk = futures[future]
            yield from zip(chunk, _chunk_result(future, chunk, today, lexicon), strict=True)


def _chunk_result(future: Future[list[Loaded]], chunk: list[tuple[Path, str]], today: dt.date,
                  lexicon: Lexicon) -> list[Loaded]:
    """A worker's results; when the worker failed (killed, or a result that would not pickle), load its files
    again here, one by one, so that the file at fault becomes a problem and the others still load."""
    try:
        return future.result()
    except Exception as exc:
        logger.warning("a worker loading %d posting files failed (%s); loading them in this process",
                       len(chunk), type(exc).__name__)
        return _load(chunk, today, lexicon)


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many long-lived objects (they hold no cycles
    to collect; collections during the build would only scan them again and again)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
