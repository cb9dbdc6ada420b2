"""The schema, the same for every database backend: one list of named migrations, and the dialects.

Schema changes are named steps in MIGRATIONS, applied once each, in order, when a database opens (or by
`python -m bot db migrate`). To change the schema, append one `Migration("000N-what-it-does", "SQL script")`
line; never edit or reorder an applied one. Scripts are written in SQLite's SQL; `sql_for(migration,
POSTGRES)` is the one place where they become PostgreSQL's (ids from BIGSERIAL, BIGINT integers, DOUBLE
PRECISION reals); a step that translation cannot express gives its PostgreSQL script itself (`postgres=`).

Times are stored as fixed-width ISO-8601 UTC text in both (`to_text`), which sorts and compares by time:
the backends share their queries' logic and `db copy` moves rows unchanged. No database driver is imported here.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from .records import StoreError, utc

SQLITE = "sqlite"
POSTGRES = "postgres"

MigrationFunction = Callable[[Any], Awaitable[None]]  # given the backend's connection, inside the transaction


@dataclass(frozen=True, slots=True)
class Migration:
    """One named schema change: an SQL script (SQLite's dialect, translated for PostgreSQL), or an async
    function given the connection (one backend's: for tests and data moves).

    Both run inside the migration's transaction: a script must not hold BEGIN or COMMIT, and a function
    must neither commit nor call executescript (which would commit). `postgres`: the PostgreSQL script, when
    the translation of `step` would not do.
    """

    name: str
    step: str | MigrationFunction
    postgres: str | None = None


_CANDIDATES_AND_QUESTIONS = """
CREATE TABLE candidates (
    chat_id INTEGER PRIMARY KEY,
    posting TEXT,
    language TEXT NOT NULL DEFAULT 'fr',
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL
);
CREATE TABLE questions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id INTEGER NOT NULL REFERENCES candidates(chat_id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    posting TEXT,
    section TEXT NOT NULL DEFAULT '',
    score REAL NOT NULL DEFAULT 0,
    answered INTEGER NOT NULL,
    intent TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX questions_chat_id ON questions(chat_id);
CREATE INDEX questions_posting_created_at ON questions(posting, created_at);
CREATE INDEX questions_created_at ON questions(created_at);
"""

_FORWARDS = """
CREATE TABLE forwards (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    question_id INTEGER NOT NULL UNIQUE REFERENCES questions(id) ON DELETE CASCADE,
    chat_id INTEGER NOT NULL REFERENCES candidates(chat_id) ON DELETE CASCADE,
    posting TEXT,
    contact TEXT NOT NULL DEFAULT '',
    candidate_name TEXT,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error TEXT NOT NULL DEFAULT '',
    channel TEXT NOT NULL DEFAULT '',
    message_id TEXT NOT NULL DEFAULT '',
    token TEXT,
    token_hash TEXT NOT NULL UNIQUE,
    token_expires_at TEXT NOT NULL,
    delay_notified INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    sent_at TEXT,
    answer TEXT,
    answered_at TEXT
);
CREATE INDEX forwards_due ON forwards(status, next_attempt_at);
CREATE INDEX forwards_chat_id ON forwards(chat_id);
CREATE TABLE chat_states (
    chat_id INTEGER PRIMARY KEY,
    state TEXT NOT NULL,
    data TEXT NOT NULL DEFAULT '',
    expires_at TEXT NOT NULL
);
CREATE TABLE recruiters (
    chat_id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    linked_at TEXT NOT NULL
);
CREATE TABLE faq (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    posting TEXT NOT NULL,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    forward_id INTEGER UNIQUE REFERENCES forwards(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX faq_posting ON faq(posting);
"""

# A forward being delivered is claimed by one process (claimed_by, a process id) until its lease ends
# (lease_expires_at): another process takes it over only after that.
_FORWARD_LEASES = """
ALTER TABLE forwards ADD COLUMN claimed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE forwards ADD COLUMN lease_expires_at TEXT NOT NULL DEFAULT '';
"""

# Chats are named by a channel and an opaque id ("telegram:2001", see bot.identity), no longer by a Telegram
# integer: the tables keyed by chat are rebuilt with TEXT keys, every existing chat becoming a Telegram one.
# New tables are built under new_* names and referenced by those names, then the old ones are dropped
# children first (so that no ON DELETE action reaches the new rows), then the new ones renamed (SQLite
# rewrites the references).
_CHANNEL_NEUTRAL_CHATS = """
CREATE TABLE new_candidates (
    chat_id TEXT PRIMARY KEY,
    posting TEXT,
    language TEXT NOT NULL DEFAULT 'fr',
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL
);
INSERT INTO new_candidates(chat_id, posting, language, first_seen, last_seen)
    SELECT 'telegram:' || chat_id, posting, language, first_seen, last_seen FROM candidates;
CREATE TABLE new_questions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id TEXT NOT NULL REFERENCES new_candidates(chat_id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    posting TEXT,
    section TEXT NOT NULL DEFAULT '',
    score REAL NOT NULL DEFAULT 0,
    answered INTEGER NOT NULL,
    intent TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    created_at TEXT NOT NULL
);
INSERT INTO new_questions(id, chat_id, text, posting, section, score, answered, intent, reason, status, created_at)
    SELECT id, 'telegram:' || chat_id, text, posting, section, score, answered, intent, reason, status, created_at
    FROM questions;
CREATE TABLE new_forwards (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    question_id INTEGER NOT NULL UNIQUE REFERENCES new_questions(id) ON DELETE CASCADE,
    chat_id TEXT NOT NULL REFERENCES new_candidates(chat_id) ON DELETE CASCADE,
    posting TEXT,
    contact TEXT NOT NULL DEFAULT '',
    candidate_name TEXT,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error TEXT NOT NULL DEFAULT '',
    channel TEXT NOT NULL DEFAULT '',
    message_id TEXT NOT NULL DEFAULT '',
    token TEXT,
    token_hash TEXT NOT NULL UNIQUE,
    token_expires_at TEXT NOT NULL,
    delay_notified INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    sent_at TEXT,
    answer TEXT,
    answered_at TEXT,
    answered_by TEXT,
    claimed_by TEXT NOT NULL DEFAULT '',
    lease_expires_at TEXT NOT NULL DEFAULT ''
);
INSERT INTO new_forwards(id, question_id, chat_id, posting, contact, candidate_name, status, attempts, next_attempt_at,
                         last_error, channel, message_id, token, token_hash, token_expires_at, delay_notified,
                         created_at, sent_at, answer, answered_at, answered_by, claimed_by, lease_expires_at)
    SELECT id, question_id, 'telegram:' || chat_id, posting, contact, candidate_name, status, attempts,
           next_attempt_at, last_error, channel, message_id, token, token_hash, token_expires_at, delay_notified,
           created_at, sent_at, answer, answered_at,
           CASE WHEN answered_by IS NULL THEN NULL ELSE 'telegram:' || answered_by END, claimed_by, lease_expires_at
    FROM forwards;
CREATE TABLE new_faq (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    posting TEXT NOT NULL,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    forward_id INTEGER UNIQUE REFERENCES new_forwards(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL
);
INSERT INTO new_faq(id, posting, question, answer, forward_id, created_at)
    SELECT id, posting, question, answer, forward_id, created_at FROM faq;
CREATE TABLE new_chat_states (
    chat_id TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    data TEXT NOT NULL DEFAULT '',
    expires_at TEXT NOT NULL
);
INSERT INTO new_chat_states(chat_id, state, data, expires_at)
    SELECT 'telegram:' || chat_id, state, data, expires_at FROM chat_states;
CREATE TABLE new_recruiters (
    chat_id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    linked_at TEXT NOT NULL
);
INSERT INTO new_recruiters(chat_id, email, linked_at) SELECT 'telegram:' || chat_id, email, linked_at FROM recruiters;
DROP TABLE faq;
DROP TABLE forwards;
DROP TABLE questions;
DROP TABLE chat_states;
DROP TABLE recruiters;
DROP TABLE candidates;
ALTER TABLE new_candidates RENAME TO candidates;
ALTER TABLE new_questions RENAME TO questions;
ALTER TABLE new_forwards RENAME TO forwards;
ALTER TABLE new_faq RENAME TO faq;
ALTER TABLE new_chat_states RENAME TO chat_states;
ALTER TABLE new_recruiters RENAME TO recruiters;
CREATE INDEX questions_chat_id ON questions(chat_id);
CREATE INDEX questions_posting_created_at ON questions(posting, created_at);
CREATE INDEX questions_created_at ON questions(created_at);
CREATE INDEX forwards_due ON forwards(status, next_attempt_at);
CREATE INDEX forwards_chat_id ON forwards(chat_id);
CREATE INDEX faq_posting ON faq(posting);
"""

# Rate limits shared by the processes on one database (PostgreSQL; SQLite's one process counts in memory): the
# time of each counted event, by key ("question:<chat id>").
_RATE_EVENTS = """
CREATE TABLE rate_events (
    key TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX rate_events_key_at ON rate_events(key, at);
"""

# Recruiters' replies by email (bot.mailbox): where the reader is in each folder (UIDVALIDITY, last UID
# handled), the mails handled (by a hash of their Message-ID, so a copy is recognised), and the replies from
# another domain than the forward's, held for an admin. None of them names a chat. (IF NOT EXISTS: a database
# made by the issue-12 branch before it was merged had these tables from a migration then named "0005-mailbox"
# or "0006-mailbox".)
_MAILBOX = """
CREATE TABLE IF NOT EXISTS mailbox_folders (
    folder TEXT PRIMARY KEY,
    uidvalidity INTEGER NOT NULL,
    last_uid INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS mailbox_mails (
    folder TEXT NOT NULL,
    uidvalidity INTEGER NOT NULL,
    uid INTEGER NOT NULL,
    message_key TEXT NOT NULL,
    outcome TEXT NOT NULL,
    handled_at TEXT NOT NULL,
    PRIMARY KEY (folder, uidvalidity, uid)
);
CREATE INDEX IF NOT EXISTS mailbox_mails_message_key ON mailbox_mails(message_key);
CREATE TABLE IF NOT EXISTS held_replies (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    forward_id INTEGER NOT NULL REFERENCES forwards(id) ON DELETE CASCADE,
    sender TEXT NOT NULL,
    answer TEXT NOT NULL,
    faq INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
"""

# A FAQ entry is filed under the intent of the question it answered (bot.matcher: Matcher.faq_intent), "" for none:
# it then serves the other wordings of that topic on its posting. Entries kept before have none (matched by words).
_FAQ_INTENT = """
ALTER TABLE faq ADD COLUMN intent TEXT NOT NULL DEFAULT '';
"""

# Applied in this order, once each. Add a migration by appending one line; never edit an applied one.
MIGRATIONS: tuple[Migration, ...] = (
    Migration("0001-candidates-and-questions", _CANDIDATES_AND_QUESTIONS),
    Migration("0002-forwards-states-recruiters-faq", _FORWARDS),
    Migration("0003-forward-answered-by", "ALTER TABLE forwards ADD COLUMN answered_by INTEGER;"),
    Migration("0004-forward-leases", _FORWARD_LEASES),
    Migration("0005-channel-neutral-chats", _CHANNEL_NEUTRAL_CHATS),
    Migration("0006-rate-events", _RATE_EVENTS),
    Migration("0007-mailbox", _MAILBOX),
    Migration("0008-faq-intent", _FAQ_INTENT),
)


def check_migrations(migrations: Sequence[Migration]) -> None:
    """Refuse a migration list with an empty or duplicate name (StoreError naming it)."""
    seen: set[str] = set()
    for migration in migrations:
        if not migration.name.strip():
            raise StoreError("a migration has an empty name")
        if migration.name in seen:
            raise StoreError(f"duplicate migration name: {migration.name!r}")
        seen.add(migration.name)


# SQLite's words that PostgreSQL spells otherwise, in the order they are replaced.
_POSTGRES_WORDS: tuple[tuple[str, str], ...] = (
    (r"\bINTEGER PRIMARY KEY AUTOINCREMENT\b", "BIGSERIAL PRIMARY KEY"),
    (r"\bINTEGER\b", "BIGINT"),
    (r"\bREAL\b", "DOUBLE PRECISION"),
)


def sql_for(migration: Migration, dialect: str) -> str | MigrationFunction:
    """The migration's step in the dialect's SQL (a function step is given as it is)."""
    if dialect == POSTGRES and migration.postgres is not None:
        return migration.postgres
    if dialect == SQLITE or not isinstance(migration.step, str):
        return migration.step
    if dialect != POSTGRES:
        raise StoreError(f"unknown SQL dialect {dialect!r}: use {SQLITE!r} or {POSTGRES!r}")
    script = migration.step
    for pattern, replacement in _POSTGRES_WORDS:
        script = re.sub(pattern, replacement, script)
    return script


def to_text(moment: datetime | None) -> str:
    """A timezone-aware datetime (now when None) as fixed-width ISO-8601 UTC text, which sorts by time."""
    return utc(moment).isoformat(timespec="microseconds")


def from_text(text: str) -> datetime:
    """A time stored by to_text, timezone-aware in UTC."""
    moment = datetime.fromisoformat(text)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
