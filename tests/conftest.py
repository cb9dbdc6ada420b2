"""Shared fixtures: the bundled knowledge, the shared corpus, small knowledge folders, the IMAP server and
the browser."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import pytest
import pytest_asyncio
from playwright.async_api import Browser, async_playwright

from bot.engine import Engine
from browser import chromium_args, chromium_path
from imap_server import ImapServer

PROJECT = Path(__file__).resolve().parents[1]
KNOWLEDGE = PROJECT / "knowledge"
CORPUS = PROJECT.parent / "shared" / "corpus"
# A fixed "today" so that open/closed never depends on the day the tests run.
TODAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="session")
def bundled() -> Engine:
    """The engine over the bundled knowledge (the two seed postings)."""
    return Engine.load(KNOWLEDGE, today=TODAY)


@pytest.fixture(scope="session")
def corpus() -> Engine:
    """The engine over the shared corpus of real postings (skipped when the corpus is not there)."""
    if not CORPUS.is_dir():
        pytest.skip("the shared corpus (../shared/corpus) is not available")
    return Engine.load(CORPUS, today=TODAY)


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


def engine_of(posting: Path) -> Engine:
    """An engine over the knowledge folder that holds this posting (and any written before it)."""
    return Engine.load(posting.parent, today=TODAY)


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
