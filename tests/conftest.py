"""Shared fixtures: the bundled knowledge, the shared corpus, small knowledge folders, storage backends, the IMAP
server and the browser."""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import pytest_asyncio
from playwright.async_api import Browser, async_playwright

from bot.config import Settings
from bot.engine import Engine
from bot.storage import Storage, open_storage, opened_storage
from bot.storage.memory import MemoryData, MemoryStorage
from browser import chromium_args, chromium_path
from fake_bot_api import FakeBotApi
from imap_server import ImapServer
from pg_server import PgCluster, PgUnavailable
from smtp_server import SmtpServer

if TYPE_CHECKING:
    from dialogue import Dialogue

PROJECT = Path(__file__).resolve().parents[1]
KNOWLEDGE = PROJECT / "knowledge"
CORPUS = PROJECT.parent / "shared" / "corpus"
# A fixed "today" so that open/closed never depends on the day the tests run.
TODAY = dt.date(2026, 11, 23)


# --- running in parallel (pytest-xdist; pyproject's addopts: -n auto) ----------------------------------------

WORKERS_PER_CPU = 2  # the tests spend about half their time waiting (servers, subprocesses, timers)


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """How many workers `-n auto` starts: two per CPU for the whole suite or a folder; none (the tests run in
    this process, with no workers to start) when the command names test files or tests. `-n N` or
    PYTEST_XDIST_AUTO_NUM_WORKERS=N choose otherwise, `-n 0` runs everything in this process."""
    given = os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS", "").strip()
    if given.isdigit():
        return int(given)
    if config.args and all(Path(arg.split("::", 1)[0]).is_file() for arg in config.args):
        return 0
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return WORKERS_PER_CPU * cpus


# The modules whose tests share the shared corpus, parsed or indexed (the `corpus` fixtures, some 6 CPU-seconds
# each time a worker sets one up): their tests run on one worker, the others are handed out one by one.
CORPUS_MODULES = frozenset({"test_contacts.py", "test_corpus.py", "test_finding.py", "test_knowledge.py"})


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """pytest-xdist's default distribution (--dist load), except for CORPUS_MODULES, kept together. (Its own
    `--dist loadgroup` would do, but finds no group under pytest 9.2: pytest-xdist issue #1386.)"""
    if config.getvalue("dist") != "load":
        return None  # a --dist given on the command line
    from xdist.scheduler import LoadScopeScheduling

    class CorpusTogether(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return "corpus" if Path(nodeid.split("::", 1)[0]).name in CORPUS_MODULES else nodeid

    return CorpusTogether(config, log)


@pytest.fixture(scope="session")
def bundled() -> Engine:
    """The engine over the bundled knowledge (the two seed postings)."""
    return Engine.load(KNOWLEDGE, today=TODAY)


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """The engine over the shared corpus of real postings (skipped when the corpus is not there).

    Its index is kept in the run's temporary folder (the bot's index cache, bot/cache.py): the first worker
    process of pytest-xdist that needs it builds it, the others, waiting for it meanwhile, read it there (a
    third of a CPU-second) instead of parsing the 526 postings again (some 6 CPU-seconds each)."""
    if not CORPUS.is_dir():
        pytest.skip("the shared corpus (../shared/corpus) is not available")
    run = run_folder(tmp_path_factory)
    with locked(run / "corpus.lock"):
        return Engine.load(CORPUS, today=TODAY, cache_dir=run / "corpus-cache")


def run_folder(factory: pytest.TempPathFactory) -> Path:
    """The temporary folder of this run, shared by its pytest-xdist workers (each has its own below it)."""
    base = factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on this file (created when missing), for processes that share a folder."""
    with path.open("a") as file:
        fcntl.flock(file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(file, fcntl.LOCK_UN)


WritePosting = Callable[..., Path]


@pytest.fixture
def write_posting(tmp_path: Path) -> WritePosting:
    """Write a posting file into a fresh knowledge folder: write_posting("name.md", front_matter, body)."""
    folder = tmp_path / "knowledge"
    folder.mkdir()

    def write(name: str, front_matter: str, body: str) -> Path:
        path = folder / name
        path.write_text(f"---\n{front_matter.strip()}\n---\n\n{body.strip()}\n", encoding="utf-8")
        return path

    return write


def write_other_postings(write_posting: WritePosting, count: int,
                         body: str = "## Le produit\n\nLe service aide les usagers.\n") -> None:
    """Postings of other teams beside the one a test reads, so that the words they share weigh little and a word
    of one posting only is rare, as in a real collection."""
    for n in range(count):
        write_posting(f"2021-01-{n + 1:02d}-dev-{n}.md", f"roles: Développeur·se\nstartup: equipe{n}", body)


def engine_of(posting: Path) -> Engine:
    """An engine over the knowledge folder that holds this posting (and any written before it)."""
    return Engine.load(posting.parent, today=TODAY)


# --- storage backends --------------------------------------------------------------------------------------

STORAGE_BACKENDS = ("sqlite", "memory", "postgres")
SQL_BACKENDS = ("sqlite", "postgres")  # the databases the bot is deployed on: end-to-end tests run on both


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    """A throwaway PostgreSQL server on 127.0.0.1 for the whole run (tests/pg_server.py), stopped and deleted
    at the end. Skipped where PostgreSQL is not installed, except in CI (CI=true), where that fails the run:
    .ci/run installs it."""
    try:
        cluster = PgCluster.create()
    except PgUnavailable as exc:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"CI must run the PostgreSQL tests: {exc}")
        pytest.skip(str(exc))
    try:
        cluster.run_server("start")
        yield cluster
    finally:
        cluster.destroy()


@pytest.fixture
def pg_url(pg_cluster: PgCluster) -> Iterator[str]:
    """The URL of an empty PostgreSQL database of this test's own, deleted after the test (the cluster is in
    memory: a run leaves no database behind)."""
    url = pg_cluster.new_database()
    yield url
    with contextlib.suppress(RuntimeError):  # the server stopped by the test: the cluster goes at the end
        pg_cluster.drop_database(url)


@dataclass
class Backend:
    """A storage backend under test, which can be opened again over the same data (a restart)."""

    name: str
    path: Path
    data: MemoryData = field(default_factory=MemoryData)
    url: str = ""  # postgres: the test's database

    async def open(self) -> Storage:
        """A new connection to the same data, as a restarted process would open it."""
        if self.name == "memory":
            return MemoryStorage(self.data)
        return await open_storage(self.url or self.path)


@pytest.fixture(params=STORAGE_BACKENDS)
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Backend:
    """Each storage backend in turn: the contract tests run on every one."""
    name = str(request.param)
    url = request.getfixturevalue("pg_url") if name == "postgres" else ""
    return Backend(name, tmp_path / "bot.sqlite3", url=url)


@pytest.fixture(params=SQL_BACKENDS)
def database(request: pytest.FixtureRequest) -> dict[str, Any]:
    """Where an end-to-end test's bot keeps its data, on each deployed backend in turn, as Settings fields to
    add: none for SQLite (the test's database_path), database_url for PostgreSQL (which then wins)."""
    return {"database_url": request.getfixturevalue("pg_url")} if request.param == "postgres" else {}


@pytest_asyncio.fixture
async def storage(backend: Backend) -> AsyncIterator[Storage]:
    """An open storage of each backend in turn, closed after the test."""
    opened = await backend.open()
    try:
        yield opened
    finally:
        await opened.close()


@contextlib.asynccontextmanager
async def stored(database: Path | Settings) -> AsyncIterator[Storage]:
    """What the bot keeps, opened beside it (a connection of its own), to check or prepare it through the storage
    API: end-to-end tests never read the database with SQL (its file, or its DATABASE_URL)."""
    path = database.database_location if isinstance(database, Settings) else database
    async with opened_storage(path) as storage:
        yield storage


@pytest_asyncio.fixture
async def dialogue(tmp_path: Path) -> AsyncIterator[Dialogue]:
    """Candidates and recruiters talking to the service over the in-memory storage (tests/dialogue.py), about
    the end-to-end tests' postings (Alpha, Beta, a closed Gamma...)."""
    from dialogue import open_dialogue
    from test_bot_e2e import knowledge_folder

    opened = await open_dialogue(knowledge_folder(tmp_path))
    try:
        yield opened
    finally:
        await opened.service.stop()


# --- real servers started by the tests: IMAP (Dovecot) and a headless browser (Chromium) ---------------------

@pytest.fixture
def imap_server() -> Iterator[ImapServer]:
    """A real IMAP server (Dovecot) on 127.0.0.1 with one mailbox, removed after the test."""
    server = ImapServer()
    try:
        server.start()
        yield server
    finally:
        server.remove()


@pytest_asyncio.fixture
async def browser() -> AsyncIterator[Browser]:
    """Debian's Chromium, headless, driven by Playwright, closed after the test."""
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=chromium_path(), args=chromium_args(),
                                                    headless=True)
        try:
            yield launched
        finally:
            await launched.close()


BOT_TOKEN = "123456:TEST-token"  # the token of the bot under test (TOKEN in the e2e modules)


@pytest_asyncio.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    """The fake Bot API server on 127.0.0.1, for the real PTB application under test."""
    async with FakeBotApi(token=BOT_TOKEN) as fake:
        yield fake


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    """A real SMTP server (aiosmtpd) on 127.0.0.1 that records the mails it receives."""
    server = SmtpServer()
    server.start()
    try:
        yield server
    finally:
        server.stop(for_good=True)
