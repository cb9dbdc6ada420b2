"""Storage: what the bot keeps (candidates, questions, forwards, chat states, recruiters, FAQ, the mailbox's
position and the replies held for admins), behind Protocols.

    async with opened_storage("var/bot.sqlite3") as storage:    # or ":memory:", or "memory"
        await storage.touch_candidate(42, language="fr")

- records.py: the record types every backend returns, StoreError, the shared limits;
- base.py: the Protocols (one per role, and Storage for all of them): what the rest of the bot is written
  against;
- schema.py: the migrations, the same for every SQL backend, and their dialects;
- sqlite.py: the SQLite backend (the only module that imports aiosqlite or sqlite3);
- postgres.py: the PostgreSQL backend (the only module that imports asyncpg), for DATABASE_URL;
- memory.py: an in-memory backend, for tests and the terminal chat.

A new backend is one module here implementing Storage, added to open_storage, and run through the contract
tests (tests/test_storage_contract.py). Importing this package loads no database driver: a backend's
module is imported when it is opened.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

from .base import (
    AnswerStore,
    CandidateStore,
    ChatStateStore,
    FaqStore,
    ForwardStore,
    HeldReplies,
    HeldStore,
    MailboxLedger,
    PrivacyStore,
    QuestionStore,
    RecruiterStore,
    Storage,
)
from .records import (
    DEFAULT_LANGUAGE,
    DEFAULT_LEASE,
    MAX_QUESTION_CHARS,
    Candidate,
    FaqRecord,
    ForwardRecord,
    ForwardStatus,
    HeldReply,
    QuestionRecord,
    QuestionStatus,
    StoreError,
    encodable,
    process_owner,
)

__all__ = [
    "DEFAULT_LANGUAGE",
    "DEFAULT_LEASE",
    "MAX_QUESTION_CHARS",
    "AnswerStore",
    "Candidate",
    "CandidateStore",
    "ChatStateStore",
    "FaqRecord",
    "FaqStore",
    "ForwardRecord",
    "ForwardStatus",
    "ForwardStore",
    "HeldReplies",
    "HeldReply",
    "HeldStore",
    "MailboxLedger",
    "PrivacyStore",
    "QuestionRecord",
    "QuestionStatus",
    "QuestionStore",
    "RecruiterStore",
    "Storage",
    "StoreError",
    "encodable",
    "is_database_url",
    "open_storage",
    "opened_storage",
    "process_owner",
]

MEMORY = "memory"  # open_storage(MEMORY): the in-memory backend, nothing kept after close


POSTGRES_SCHEMES = ("postgres://", "postgresql://")


def is_database_url(location: str | Path) -> bool:
    """Whether a location names a PostgreSQL database (a postgres:// or postgresql:// URL)."""
    return isinstance(location, str) and location.startswith(POSTGRES_SCHEMES)


async def open_storage(location: str | Path) -> Storage:
    """Open the backend a location names: a postgres:// or postgresql:// URL for PostgreSQL, "memory" for the
    in-memory one, else an SQLite file (or ":memory:")."""
    if str(location) == MEMORY:
        from .memory import MemoryStorage

        return MemoryStorage()
    if is_database_url(location):
        from .postgres import PostgresStore

        return await PostgresStore.open(str(location))
    from .sqlite import Store

    return await Store.open(location)


@contextlib.asynccontextmanager
async def opened_storage(location: str | Path) -> AsyncIterator[Storage]:
    """open_storage as a context: the backend is closed at the end, whatever happens."""
    storage = await open_storage(location)
    try:
        yield storage
    finally:
        await storage.close()
