"""The SQLite backend of bot.storage: everything in one file, with versioned migrations.

This is the only module that talks to SQLite. One connection per Store; every operation holds a lock, so
that the statements of concurrent tasks never mix inside one transaction. Writes run in BEGIN IMMEDIATE
transactions, and the busy timeout lets another process on the same file wait its turn.

    async with await Store.open("var/bot.sqlite3") as store:
        await store.touch_candidate(42, language="fr")
        question_id = await store.record_question(chat_id=42, text="Télétravail ?", posting=None, answered=False)

The schema's migrations (bot.storage.schema, the same for every backend) are applied once each, in order,
when a store opens. Question text is personal data: only the text the candidate typed is kept, cut to
MAX_QUESTION_CHARS, never their name or username.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sqlite3
from collections.abc import AsyncIterator, Collection, Iterable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any

import aiosqlite

from ..identity import ChatId
from .rates import RecentEvents
from .records import (
    DEFAULT_LANGUAGE,
    DEFAULT_LEASE,
    MAX_ERROR_CHARS,
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
    utc,
)
from .schema import MIGRATIONS, SQLITE, Migration, check_migrations, sql_for
from .schema import from_text as _from_text
from .schema import to_text as _to_text

logger = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000  # how long a write waits for another connection's transaction to end
MEMORY = ":memory:"


SEEN_PRECISION = timedelta(seconds=60)
FLUSH_EVERY = 64  # answered questions kept in memory before a batch write
MAX_UNWRITTEN = 10_000  # answered questions kept for a later write while the database refuses them
RECENT_CANDIDATES = 10_000


def split_sql(script: str) -> list[str]:
    """The statements of an SQL script, split where SQLite itself sees a statement end."""
    statements: list[str] = []
    buffer = ""
    for piece in script.split(";"):
        buffer += piece + ";"
        if sqlite3.complete_statement(buffer):
            if buffer.strip(" \t\r\n;"):
                statements.append(buffer.strip())
            buffer = ""
    rest = buffer[:-1]  # the last piece got a ";" it did not have
    if rest.strip():
        statements.append(rest.strip())
    return statements


# --- rows ----------------------------------------------------------------------------------------------


_FORWARD_COLUMNS = ("f.id, f.question_id, f.chat_id, f.posting, f.contact, f.candidate_name, f.status, f.attempts, "
                    "f.next_attempt_at, f.last_error, f.channel, f.message_id, f.token_expires_at, f.delay_notified, "
                    "f.created_at, f.sent_at, f.answer, f.answered_at, q.text, f.token")
_FORWARD_SELECT = f"SELECT {_FORWARD_COLUMNS} FROM forwards f JOIN questions q ON q.id = f.question_id"


def _forward(row: aiosqlite.Row) -> ForwardRecord:
    return ForwardRecord(
        id=row[0], question_id=row[1], chat_id=row[2], posting=row[3], contact=row[4], candidate_name=row[5],
        status=ForwardStatus(row[6]), attempts=row[7], next_attempt_at=_from_text(row[8]), last_error=row[9],
        channel=row[10], message_id=row[11], token_expires_at=_from_text(row[12]), delay_notified=bool(row[13]),
        created_at=_from_text(row[14]), sent_at=_from_text(row[15]) if row[15] else None, answer=row[16],
        answered_at=_from_text(row[17]) if row[17] else None, question=row[18], token=row[19])


_CLAIMED_BY = " AND claimed_by = ?"  # a forward's state is changed only by the process that claimed it
_CANDIDATE_COLUMNS = "chat_id, posting, language, first_seen, last_seen"
_QUESTION_COLUMNS = "id, chat_id, text, posting, section, score, answered, intent, reason, status, created_at"


def _candidate(row: aiosqlite.Row) -> Candidate:
    return Candidate(chat_id=str(row["chat_id"]), posting=row["posting"], language=str(row["language"]),
                     first_seen=_from_text(row["first_seen"]), last_seen=_from_text(row["last_seen"]))


def _question(row: aiosqlite.Row) -> QuestionRecord:
    return QuestionRecord(id=int(row["id"]), chat_id=str(row["chat_id"]), text=str(row["text"]),
                          posting=row["posting"], section=str(row["section"]), score=float(row["score"]),
                          answered=bool(row["answered"]), intent=str(row["intent"]), reason=str(row["reason"]),
                          status=str(row["status"]), created_at=_from_text(row["created_at"]))




def _database_at_fault(exc: StoreError) -> bool:
    """Whether a failed write is the database's fault (locked, full, I/O error), not that of the rows."""
    return isinstance(exc.__cause__, sqlite3.OperationalError)


def _log_dropped(count: int) -> None:
    if count:
        logger.warning("dropped %d answered questions the database refused while it took the others", count)


def _file_identity(location: str) -> tuple[int, int] | None:
    """The device and inode of the database file (None in memory, or when it is not there)."""
    if location == MEMORY:
        return None
    try:
        status = os.stat(location)
    except OSError:
        return None
    return status.st_dev, status.st_ino




# --- the store -------------------------------------------------------------------------------------------


_INSERT_QUESTION = """INSERT INTO questions(chat_id, text, posting, section, score, answered, intent, reason,
                                         status, created_at)
                      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"""
_INSERT_QUESTION_IF_CANDIDATE = """INSERT INTO questions(chat_id, text, posting, section, score, answered, intent,
                                                      reason, status, created_at)
                                   SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10
                                   WHERE EXISTS (SELECT 1 FROM candidates WHERE chat_id = ?1) RETURNING id"""


class Store:
    """Candidates and their questions in SQLite. Build it with `await Store.open(path)`."""

    def __init__(self, connection: aiosqlite.Connection, location: str, *,
                 busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
        self._busy_timeout_ms = busy_timeout_ms
        self._db: aiosqlite.Connection | None = connection
        self._location = location
        self._identity = _file_identity(location)  # to notice the file deleted or replaced under us
        self._lock = asyncio.Lock()
        # Candidates seen lately, so that a question does not cost a database round trip just to say
        # "still here": last_seen is written at most once a SEEN_PRECISION per candidate.
        self._recent: dict[ChatId, Candidate] = {}
        # Per-chat states, known to this process (the only one writing them): most messages have none,
        # and checking costs no round trip. Bounded like _recent.
        self._states: dict[ChatId, tuple[str, str, str] | None] = {}
        # Answered questions are written in batches (see note_answered_question): no round trip per question.
        self._unwritten: list[tuple[Any, ...]] = []
        # Rate limits: one process serves an SQLite database, its counts are in its memory.
        self._rates = RecentEvents()

    @classmethod
    async def open(cls, path: str | Path, *, migrations: Sequence[Migration] = MIGRATIONS,
                   busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Store:
        """Open (or create) the database at path, or ":memory:", and apply the pending migrations. A write waits
        `busy_timeout_ms` for another connection's transaction to end before giving up (StoreError)."""
        check_migrations(migrations)
        location = str(path)
        if location != MEMORY:
            try:
                Path(location).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the folder of the database {location}: {exc}") from exc
        try:
            connection = await aiosqlite.connect(location, isolation_level=None)  # transactions are explicit
        except aiosqlite.Error as exc:
            raise StoreError(f"cannot open the database {location}: {exc}") from exc
        connection.row_factory = aiosqlite.Row
        store = cls(connection, location, busy_timeout_ms=busy_timeout_ms)
        try:
            await store._configure()
            await store._migrate(migrations)
        except BaseException:
            await store.close()
            raise
        return store

    async def close(self) -> None:
        """Write what is pending, then close the connection; closing again does nothing."""
        if self._db is not None:
            try:
                await self.flush()
            except StoreError as exc:
                logger.error("closing the database %s: %d answered questions could not be written: %s",
                             self._location, len(self._unwritten), exc)
        async with self._lock:
            db, self._db = self._db, None
            if db is not None:
                await db.close()
                logger.debug("closed the database %s", self._location)

    async def __aenter__(self) -> Store:
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        traceback: TracebackType | None) -> None:
        await self.close()

    def __repr__(self) -> str:
        state = "open" if self._db is not None else "closed"
        return f"<Store {self._location} ({state})>"

    # --- plumbing ---------------------------------------------------------------------------------------

    def _connection(self) -> aiosqlite.Connection:
        if self._db is None:
            raise StoreError(f"the store {self._location} is closed")
        return self._db

    @contextlib.asynccontextmanager
    async def _reading(self, what: str) -> AsyncIterator[aiosqlite.Connection]:
        """The connection, alone, for one statement (a read, or a write atomic by itself in autocommit mode);
        SQLite errors become StoreError."""
        async with self._lock:
            db = self._connection()
            try:
                yield db
            except (aiosqlite.Error, UnicodeError) as exc:
                raise StoreError(f"could not {what} in {self._location}: {exc}") from exc

    @contextlib.asynccontextmanager
    async def _writing(self, what: str) -> AsyncIterator[aiosqlite.Connection]:
        """The connection inside a BEGIN IMMEDIATE transaction, committed at the end, rolled back on error."""
        async with self._lock:
            db = self._connection()
            try:
                await db.execute("BEGIN IMMEDIATE")  # inside the try: a cancelled BEGIN still gets its ROLLBACK
                yield db
                await db.execute("COMMIT")
            except BaseException as exc:
                await self._rollback(db)
                if isinstance(exc, aiosqlite.Error | UnicodeError):
                    raise StoreError(f"could not {what} in {self._location}: {exc}") from exc
                raise

    @staticmethod
    async def _rollback(db: aiosqlite.Connection) -> None:
        # Queued after whatever statement was in flight, so it runs after it even when the task is cancelled.
        with contextlib.suppress(aiosqlite.Error):  # no transaction was open (BEGIN failed, or COMMIT went through)
            await asyncio.shield(db.execute("ROLLBACK"))

    async def _configure(self) -> None:
        async with self._reading("configure the connection") as db:
            async with db.execute("PRAGMA journal_mode=WAL") as cursor:
                row = await cursor.fetchone()
            mode = str(row[0]) if row else "?"
            if mode.lower() != "wal" and self._location != MEMORY:
                logger.warning("the database %s is not in WAL mode (journal_mode=%s)", self._location, mode)
            await db.execute("PRAGMA foreign_keys=ON")
            await db.execute("PRAGMA secure_delete=ON")  # deleted rows are overwritten, not just unlinked
            await db.execute(f"PRAGMA busy_timeout={self._busy_timeout_ms:d}")
            await db.execute("PRAGMA synchronous=NORMAL")

    async def _migrate(self, migrations: Sequence[Migration]) -> None:
        async with self._reading("read the applied migrations") as db:
            await db.execute("CREATE TABLE IF NOT EXISTS _migrations(name TEXT PRIMARY KEY, applied_at TEXT)")
            applied = {str(row[0]) for row in await db.execute_fetchall("SELECT name FROM _migrations")}
        unknown = applied - {m.name for m in migrations}
        if unknown:
            logger.warning("the database %s has migrations this version does not know: %s", self._location,
                           ", ".join(sorted(unknown)))
        for migration in migrations:
            if migration.name not in applied:
                await self._apply(migration)

    async def _apply(self, migration: Migration) -> None:
        async with self._writing(f"apply the migration {migration.name!r}") as db:
            rows = await db.execute_fetchall("SELECT 1 FROM _migrations WHERE name = ?", (migration.name,))
            if list(rows):
                return  # another process applied it between our look and our transaction
            step = sql_for(migration, SQLITE)
            if isinstance(step, str):
                for statement in split_sql(step):
                    await db.execute(statement)
            else:
                await step(db)
            await db.execute("INSERT INTO _migrations(name, applied_at) VALUES (?, ?)",
                             (migration.name, _to_text(None)))
        logger.info("applied the migration %s to %s", migration.name, self._location)

    async def _fetch(self, what: str, sql: str, parameters: Iterable[Any] = ()) -> list[aiosqlite.Row]:
        async with self._reading(what) as db:
            return list(await db.execute_fetchall(sql, parameters))

    # --- schema -----------------------------------------------------------------------------------------

    async def schema_version(self) -> int:
        """The number of migrations applied to this database."""
        rows = await self._fetch("count the migrations", "SELECT COUNT(*) FROM _migrations")
        return int(rows[0][0])

    async def check_health(self) -> None:
        """Raise StoreError saying what is wrong when the database cannot answer, or when its file was
        deleted or replaced since it was opened (writes would then go to a file nobody will read)."""
        if self._identity is not None and _file_identity(self._location) != self._identity:
            raise StoreError(f"the database file {self._location} was deleted or replaced while in use: restore "
                             "it from a backup, or restart the bot to start a new one")
        await self._fetch("check the database", "SELECT COUNT(*) FROM _migrations")

    async def table_names(self) -> list[str]:
        """The names of the tables of the database (for `db copy`)."""
        rows = await self._fetch("list the tables", "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        return [str(r[0]) for r in rows]

    async def table_rows(self, table: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        """A table's column names and every row of it (for `db copy`; the table is one of table_names())."""
        if table not in await self.table_names():
            raise StoreError(f"there is no table {table!r} in {self._location}")
        await self.flush()
        async with self._reading(f"read the table {table}") as db, db.execute(f'SELECT * FROM "{table}"') as cursor:
            rows = [tuple(row) for row in await cursor.fetchall()]
            columns = [str(d[0]) for d in cursor.description]
        return columns, rows

    # --- candidates -------------------------------------------------------------------------------------

    async def touch_candidate(self, chat_id: ChatId, *, language: str | None = None,
                              now: datetime | None = None) -> Candidate:
        """Note that the candidate is here (created if new), set their language if given; return them."""
        cached = self._recent.get(chat_id)
        if cached is not None and (language is None or language == cached.language) and self._db is not None \
                and (now or datetime.now(UTC)) - cached.last_seen < SEEN_PRECISION:
            return cached
        moment = _to_text(now)
        async with self._reading(f"record the candidate {chat_id}") as db:  # one statement: atomic alone
            rows = await db.execute_fetchall(
                f"""INSERT INTO candidates(chat_id, language, first_seen, last_seen)
                    VALUES (:chat_id, COALESCE(:language, :default), :now, :now)
                    ON CONFLICT(chat_id) DO UPDATE SET
                        last_seen = MAX(candidates.last_seen, excluded.last_seen),
                        language = COALESCE(:language, candidates.language)
                    RETURNING {_CANDIDATE_COLUMNS}""",
                {"chat_id": chat_id, "language": language, "default": DEFAULT_LANGUAGE, "now": moment})
            [row] = rows
        candidate = _candidate(row)
        self._remember(candidate)
        return candidate

    def _remember(self, candidate: Candidate) -> None:
        self._recent.pop(candidate.chat_id, None)
        self._recent[candidate.chat_id] = candidate
        if len(self._recent) > RECENT_CANDIDATES:
            del self._recent[next(iter(self._recent))]  # the least recently written

    async def get_candidate(self, chat_id: ChatId) -> Candidate | None:
        """The candidate with this chat id, or None."""
        rows = await self._fetch(f"read the candidate {chat_id}",
                                 f"SELECT {_CANDIDATE_COLUMNS} FROM candidates WHERE chat_id = ?", (chat_id,))
        return _candidate(rows[0]) if rows else None

    async def select_posting(self, chat_id: ChatId, posting: str | None) -> None:
        """Remember the posting the candidate is asking about (None forgets it); creates the candidate."""
        self._recent.pop(chat_id, None)
        async with self._reading(f"select a posting for the candidate {chat_id}") as db:  # one statement
            await db.execute(
                """INSERT INTO candidates(chat_id, posting, language, first_seen, last_seen)
                   VALUES (:chat_id, :posting, :default, :now, :now)
                   ON CONFLICT(chat_id) DO UPDATE SET posting = excluded.posting""",
                {"chat_id": chat_id, "posting": posting, "default": DEFAULT_LANGUAGE, "now": _to_text(None)})

    async def set_language(self, chat_id: ChatId, language: str) -> None:
        """Set the candidate's language; creates the candidate."""
        if not language.strip():
            raise StoreError(f"an empty language cannot be set for the candidate {chat_id}")
        self._recent.pop(chat_id, None)
        async with self._writing(f"set the language of the candidate {chat_id}") as db:
            await db.execute(
                """INSERT INTO candidates(chat_id, language, first_seen, last_seen)
                   VALUES (:chat_id, :language, :now, :now)
                   ON CONFLICT(chat_id) DO UPDATE SET language = excluded.language""",
                {"chat_id": chat_id, "language": language, "now": _to_text(None)})

    # --- questions --------------------------------------------------------------------------------------

    async def record_question(self, *, chat_id: ChatId, text: str, posting: str | None, section: str = "",
                              score: float = 0.0, answered: bool, intent: str = "", reason: str = "",
                              now: datetime | None = None) -> int:
        """Store a question (text cut to MAX_QUESTION_CHARS) and what the engine made of it; return its id."""
        moment = _to_text(now)
        status = QuestionStatus.ANSWERED if answered else QuestionStatus.UNANSWERED
        values = (chat_id, encodable(text[:MAX_QUESTION_CHARS]), posting, section, float(score), int(answered),
                  intent, reason, status, moment)
        async with self._reading(f"record a question of the candidate {chat_id}") as db:
            # One statement, atomic alone, when the candidate is known (the usual case: one round trip)...
            rows = list(await db.execute_fetchall(_INSERT_QUESTION_IF_CANDIDATE, values))
        if rows:
            return int(rows[0][0])
        async with self._writing(f"record a question of the candidate {chat_id}") as db:
            # ...else create the candidate first, in one transaction with the question.
            await db.execute(
                """INSERT INTO candidates(chat_id, language, first_seen, last_seen) VALUES (?, ?, ?, ?)
                   ON CONFLICT(chat_id) DO NOTHING""", (chat_id, DEFAULT_LANGUAGE, moment, moment))
            [row] = await db.execute_fetchall(_INSERT_QUESTION, values)
        return int(row[0])

    async def note_answered_question(self, *, chat_id: ChatId, text: str, posting: str | None, section: str = "",
                                     score: float = 0.0, intent: str = "", now: datetime | None = None) -> None:
        """Record a question the engine answered, in the next batch write (within FLUSH_EVERY questions or a
        flush()); its id is not needed, unlike an unanswered question's, which may be forwarded."""
        self._unwritten.append((chat_id, encodable(text[:MAX_QUESTION_CHARS]), posting, section, float(score), 1,
                                intent, "", "answered", _to_text(now)))
        if len(self._unwritten) % FLUSH_EVERY == 0:  # while writes fail, one try per FLUSH_EVERY questions
            try:
                await self.flush()
            except StoreError as exc:  # the candidate still gets their answer; the rows wait for the next try
                logger.warning("%d answered questions kept for a later write: %s", len(self._unwritten), exc)

    async def flush(self) -> None:
        """Write the answered questions noted but not written yet (of candidates still known).

        When the database fails (locked, full disk, I/O error) they are kept for the next flush (at most
        MAX_UNWRITTEN, the oldest dropped first) and StoreError says why. When it refuses the batch for
        what is in it, the rows are written one by one, and a row refused while the others go in is
        dropped: one bad row never holds back the rest."""
        if not self._unwritten:
            return
        rows, self._unwritten = self._unwritten, []
        try:
            await self._insert_answered(rows)
            return
        except StoreError as exc:
            if len(rows) == 1 or _database_at_fault(exc):
                self._keep_unwritten(rows)
                raise
            logger.warning("could not write %d answered questions at once, writing them one by one: %s",
                           len(rows), exc)
        await self._insert_answered_one_by_one(rows)

    async def _insert_answered(self, rows: Sequence[tuple[Any, ...]]) -> None:
        async with self._writing(f"record {len(rows)} answered questions") as db:
            await db.executemany(_INSERT_QUESTION_IF_CANDIDATE.replace(" RETURNING id", ""), rows)

    async def _insert_answered_one_by_one(self, rows: Sequence[tuple[Any, ...]]) -> None:
        """Write rows one at a time and drop those refused while others go in. When the database is at
        fault (it fails, or refuses the first two rows), keep the rows not written, and raise."""
        dropped = 0
        for n, row in enumerate(rows):
            try:
                await self._insert_answered([row])
            except StoreError as exc:
                none_went_in = dropped == n
                if _database_at_fault(exc) or (none_went_in and n >= 1):
                    self._keep_unwritten(rows if none_went_in else rows[n:])
                    _log_dropped(0 if none_went_in else dropped)
                    raise
                dropped += 1
        _log_dropped(dropped)

    def _keep_unwritten(self, rows: Sequence[tuple[Any, ...]]) -> None:
        """Put rows whose write failed back in front of those noted since, for the next flush (bounded)."""
        self._unwritten = [*rows, *self._unwritten]
        excess = len(self._unwritten) - MAX_UNWRITTEN
        if excess > 0:
            del self._unwritten[:excess]
            logger.error("dropped the %d oldest answered questions: the database has refused writes for too long",
                         excess)

    async def get_question(self, question_id: int) -> QuestionRecord | None:
        """The question with this id, or None."""
        rows = await self._fetch(f"read the question {question_id}",
                                 f"SELECT {_QUESTION_COLUMNS} FROM questions WHERE id = ?", (question_id,))
        return _question(rows[0]) if rows else None

    async def set_question_status(self, question_id: int, status: QuestionStatus) -> None:
        """Set a question's status; StoreError when there is no such question."""
        if not status.strip():
            raise StoreError(f"an empty status cannot be set on the question {question_id}")
        async with self._writing(f"set the status of the question {question_id}") as db:
            async with db.execute("UPDATE questions SET status = ? WHERE id = ?", (status, question_id)) as cursor:
                changed = cursor.rowcount
            if changed == 0:
                raise StoreError(f"there is no question with the id {question_id}")

    async def questions(self, *, chat_id: ChatId | None = None, since: datetime | None = None,
                        limit: int | None = None) -> list[QuestionRecord]:
        """Questions, newest first: of one candidate, asked at or after since, at most limit of them."""
        await self.flush()
        clauses: list[str] = []
        parameters: list[Any] = []
        if chat_id is not None:
            clauses.append("chat_id = ?")
            parameters.append(chat_id)
        if since is not None:
            clauses.append("created_at >= ?")
            parameters.append(_to_text(since))
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        sql = f"SELECT {_QUESTION_COLUMNS} FROM questions {where} ORDER BY created_at DESC, id DESC"
        if limit is not None:
            if limit < 0:
                raise StoreError(f"a negative limit makes no sense: {limit}")
            sql += " LIMIT ?"
            parameters.append(limit)
        return [_question(row) for row in await self._fetch("list the questions", sql, parameters)]

    # --- forwards (the outbox) -----------------------------------------------------------------------

    async def create_forward(self, *, question_id: int, chat_id: ChatId, posting: str | None, contact: str,
                             candidate_name: str | None, token: str, token_hash: str, token_expires_at: datetime,
                             now: datetime | None = None) -> int | None:
        """Store a forward, pending delivery, before any delivery is tried; None when that question was
        already forwarded (a forward is made once)."""
        moment = _to_text(now)
        async with self._writing(f"forward the question {question_id}") as db:
            rows = list(await db.execute_fetchall(
                """INSERT INTO forwards(question_id, chat_id, posting, contact, candidate_name, status,
                                        next_attempt_at, token, token_hash, token_expires_at, created_at)
                   VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?)
                   ON CONFLICT(question_id) DO NOTHING RETURNING id""",
                (question_id, chat_id, posting, contact, None if candidate_name is None else encodable(candidate_name),
                 moment, token, token_hash, _to_text(token_expires_at), moment)))
            if rows:
                await db.execute("UPDATE questions SET status = 'forwarded' WHERE id = ?", (question_id,))
        return int(rows[0][0]) if rows else None

    async def get_forward(self, forward_id: int) -> ForwardRecord | None:
        """The forward with this id, or None."""
        rows = await self._fetch(f"read the forward {forward_id}", f"{_FORWARD_SELECT} WHERE f.id = ?", (forward_id,))
        return _forward(rows[0]) if rows else None

    async def forward_for_question(self, question_id: int) -> ForwardRecord | None:
        """The forward of a question, or None."""
        rows = await self._fetch(f"read the forward of the question {question_id}",
                                 f"{_FORWARD_SELECT} WHERE f.question_id = ?", (question_id,))
        return _forward(rows[0]) if rows else None

    async def forward_by_token(self, token_hash: str) -> ForwardRecord | None:
        """The forward an answer link opens (by the hash of its token), or None."""
        rows = await self._fetch("read a forward by its answer link", f"{_FORWARD_SELECT} WHERE f.token_hash = ?",
                                 (token_hash,))
        return _forward(rows[0]) if rows else None

    async def forwards(self, *, statuses: Sequence[ForwardStatus] = (),
                       chat_id: ChatId | None = None) -> list[ForwardRecord]:
        """Forwards, oldest first, with one of these statuses (all when none given), of one chat if given."""
        clauses: list[str] = []
        parameters: list[Any] = []
        if statuses:
            clauses.append(f"f.status IN ({', '.join('?' for _ in statuses)})")
            parameters.extend(statuses)
        if chat_id is not None:
            clauses.append("f.chat_id = ?")
            parameters.append(chat_id)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        return [_forward(r) for r in await self._fetch("list the forwards", f"{_FORWARD_SELECT}{where} ORDER BY f.id",
                                                       parameters)]

    async def claim_due_forwards(self, *, owner: str | None = None, lease: timedelta = DEFAULT_LEASE,
                                 limit: int = 20, now: datetime | None = None) -> list[ForwardRecord]:
        """Claim the forwards due for delivery for `owner` (this process when None) until `lease` has passed:
        the pending ones whose time has come, and those whose claimer's lease ran out (it died, or hangs).
        They are marked 'sending', attempts counted, in one transaction, so that no other worker takes them."""
        moment = now or datetime.now(UTC)
        async with self._writing("claim the forwards due for delivery") as db:
            rows = list(await db.execute_fetchall(
                """UPDATE forwards SET status = 'sending', attempts = attempts + 1, claimed_by = :owner,
                                       lease_expires_at = :until
                   WHERE id IN (SELECT id FROM forwards
                                WHERE (status = 'pending' AND next_attempt_at <= :now)
                                   OR (status = 'sending' AND lease_expires_at <= :now)
                                ORDER BY next_attempt_at, id LIMIT :limit)
                   RETURNING id""",
                {"owner": owner or process_owner(), "until": _to_text(moment + lease), "now": _to_text(moment),
                 "limit": limit}))
        claimed = [int(r[0]) for r in rows]
        return [f for f in [await self.get_forward(i) for i in sorted(claimed)] if f is not None]

    async def renew_forward_claim(self, forward_id: int, *, owner: str | None = None,
                                  lease: timedelta = DEFAULT_LEASE, now: datetime | None = None) -> bool:
        """Extend the owner's claim on a forward until `lease` from now; False when it is no longer theirs
        (their lease ran out and another process took the forward over)."""
        until = _to_text((now or datetime.now(UTC)) + lease)
        async with self._writing(f"renew the claim on the forward {forward_id}") as db, db.execute(
                """UPDATE forwards SET lease_expires_at = ? WHERE id = ? AND status = 'sending' AND claimed_by = ?""",
                (until, forward_id, owner or process_owner())) as cursor:
            return cursor.rowcount == 1

    async def forward_claimers(self) -> set[str]:
        """The owners of the forwards being delivered now (their leases may have run out)."""
        rows = await self._fetch("list the claimers of forwards",
                                 "SELECT DISTINCT claimed_by FROM forwards WHERE status = 'sending'")
        return {str(r[0]) for r in rows if r[0]}

    async def release_forward_claims(self, *, owners: Collection[str], now: datetime | None = None) -> int:
        """Put back to pending the forwards left 'sending' by these owners (this process in an earlier life,
        or dead ones), by no owner (claimed before leases existed), or whose lease ran out; never the live
        claims of others. Returns how many."""
        names = sorted(set(owners))
        marks = ", ".join("?" for _ in names) or "NULL"
        async with self._writing("release the interrupted forwards") as db, db.execute(
                f"""UPDATE forwards SET status = 'pending', claimed_by = '', lease_expires_at = ''
                    WHERE status = 'sending' AND (claimed_by IN ({marks}) OR claimed_by = ''
                                                  OR lease_expires_at <= ?)""",
                (*names, _to_text(now))) as cursor:
            return max(cursor.rowcount, 0)

    async def mark_forward_sent(self, forward_id: int, *, channel: str, message_id: str = "",
                                owner: str | None = None, now: datetime | None = None) -> bool:
        """The forward reached the recruiter; False when it was not claimed (by `owner`, when given)."""
        async with self._writing(f"mark the forward {forward_id} sent") as db, db.execute(
                # the link's token is no longer kept once delivered: the database cannot answer for a recruiter
                f"""UPDATE forwards SET status = 'sent', channel = ?, message_id = ?, sent_at = ?, last_error = '',
                    token = NULL, claimed_by = '', lease_expires_at = ''
                    WHERE id = ? AND status = 'sending'{_CLAIMED_BY if owner else ''}""",
                (channel, message_id, _to_text(now), forward_id, *([owner] if owner else []))) as cursor:
            return cursor.rowcount == 1

    async def set_forward_message_id(self, forward_id: int, message_id: str) -> None:
        """Keep the email Message-ID of a forward, the same for every attempt, so that a resent mail is
        recognisable as the same one."""
        async with self._reading(f"set the Message-ID of the forward {forward_id}") as db:
            await db.execute("UPDATE forwards SET message_id = ? WHERE id = ?", (message_id, forward_id))

    async def retry_forward(self, forward_id: int, *, error: str, at: datetime, owner: str | None = None) -> None:
        """Delivery failed for now: try again at `at` (only while claimed, by `owner` when given)."""
        async with self._writing(f"reschedule the forward {forward_id}") as db:
            await db.execute(f"""UPDATE forwards SET status = 'pending', last_error = ?, next_attempt_at = ?,
                                 claimed_by = '', lease_expires_at = ''
                                 WHERE id = ? AND status = 'sending'{_CLAIMED_BY if owner else ''}""",
                             (error[:MAX_ERROR_CHARS], _to_text(at), forward_id, *([owner] if owner else [])))

    async def fail_forward(self, forward_id: int, *, error: str, owner: str | None = None) -> None:
        """Delivery cannot succeed (recipient refused): keep the forward, marked failed, for the admins (when
        `owner` is given, only while it holds the claim)."""
        claimed = f" AND status = 'sending'{_CLAIMED_BY}" if owner else ""
        async with self._writing(f"mark the forward {forward_id} failed") as db:
            await db.execute(f"""UPDATE forwards SET status = 'failed', last_error = ?, claimed_by = '',
                                 lease_expires_at = '' WHERE id = ?{claimed}""",
                             (error[:MAX_ERROR_CHARS], forward_id, *([owner] if owner else [])))

    async def note_delay_notified(self, forward_id: int) -> None:
        """The candidate was told their forward is delayed (told once)."""
        async with self._writing(f"note the delay of the forward {forward_id}") as db:
            await db.execute("UPDATE forwards SET delay_notified = 1 WHERE id = ?", (forward_id,))

    async def answer_forward(self, forward_id: int, answer: str, *, now: datetime | None = None,
                             by: ChatId | None = None) -> bool:
        """Record the recruiter's answer, and the chat that answered (`by`, the only one that may then put it
        in the FAQ); False when the forward already had one (answered once)."""
        async with self._writing(f"answer the forward {forward_id}") as db:
            async with db.execute(
                    """UPDATE forwards SET status = 'answered', answer = ?, answered_at = ?, answered_by = ?
                       WHERE id = ? AND answer IS NULL""",
                    (encodable(answer[:MAX_QUESTION_CHARS]), _to_text(now), by, forward_id),
            ) as cursor:
                changed = cursor.rowcount
            if changed:
                await db.execute("""UPDATE questions SET status = 'answered-by-recruiter'
                                    WHERE id = (SELECT question_id FROM forwards WHERE id = ?)""", (forward_id,))
        return bool(changed)

    async def forward_answered_by(self, forward_id: int) -> ChatId | None:
        """The chat that answered this forward, or None (not answered, unknown, or answered before this was kept)."""
        rows = await self._fetch(f"read who answered the forward {forward_id}",
                                 "SELECT answered_by FROM forwards WHERE id = ?", (forward_id,))
        return str(rows[0][0]) if rows and rows[0][0] is not None else None

    # --- per-chat states (a recruiter about to answer, linking an account) ---------------------------

    async def set_chat_state(self, chat_id: ChatId, state: str, data: str = "", *, expires_at: datetime) -> None:
        """Remember what the chat's next message means, until expires_at."""
        self._states.pop(chat_id, None)
        async with self._reading(f"set the state of the chat {chat_id}") as db:
            await db.execute("""INSERT INTO chat_states(chat_id, state, data, expires_at) VALUES (?, ?, ?, ?)
                                ON CONFLICT(chat_id) DO UPDATE SET state = excluded.state, data = excluded.data,
                                expires_at = excluded.expires_at""",
                             (chat_id, state, encodable(data), _to_text(expires_at)))

    async def chat_state(self, chat_id: ChatId, *, now: datetime | None = None) -> tuple[str, str] | None:
        """The chat's current state and data, or None (none set, or expired)."""
        moment = _to_text(now)
        if chat_id in self._states:
            known = self._states[chat_id]
            return (known[0], known[1]) if known is not None and known[2] > moment else None
        rows = await self._fetch(f"read the state of the chat {chat_id}",
                                 "SELECT state, data, expires_at FROM chat_states WHERE chat_id = ?", (chat_id,))
        if len(self._states) > RECENT_CANDIDATES:
            self._states.clear()
        self._states[chat_id] = (str(rows[0][0]), str(rows[0][1]), str(rows[0][2])) if rows else None
        return (str(rows[0][0]), str(rows[0][1])) if rows and str(rows[0][2]) > moment else None

    async def clear_chat_state(self, chat_id: ChatId) -> None:
        """Forget the chat's state."""
        self._states[chat_id] = None
        async with self._reading(f"clear the state of the chat {chat_id}") as db:
            await db.execute("DELETE FROM chat_states WHERE chat_id = ?", (chat_id,))

    # --- recruiters linked to Telegram ---------------------------------------------------------------

    async def link_recruiter(self, chat_id: ChatId, email: str, *, now: datetime | None = None) -> None:
        """Link a recruiter's Telegram chat to their email address (one chat per address)."""
        async with self._writing(f"link a recruiter to the chat {chat_id}") as db:
            await db.execute("DELETE FROM recruiters WHERE email = ? OR chat_id = ?", (email.lower(), chat_id))
            await db.execute("INSERT INTO recruiters(chat_id, email, linked_at) VALUES (?, ?, ?)",
                             (chat_id, email.lower(), _to_text(now)))

    async def recruiter_chat(self, email: str) -> ChatId | None:
        """The Telegram chat linked to this address, or None."""
        rows = await self._fetch("find a recruiter", "SELECT chat_id FROM recruiters WHERE email = ?", (email.lower(),))
        return str(rows[0][0]) if rows else None

    async def recruiter_email(self, chat_id: ChatId) -> str | None:
        """The address linked to this chat, or None."""
        rows = await self._fetch("find a recruiter", "SELECT email FROM recruiters WHERE chat_id = ?", (chat_id,))
        return str(rows[0][0]) if rows else None

    # --- FAQ from recruiters' answers ----------------------------------------------------------------

    async def add_faq(self, *, posting: str, question: str, answer: str, forward_id: int | None = None,
                      intent: str = "", now: datetime | None = None) -> int | None:
        """Keep a recruiter's answer for the posting's next candidates, filed under the intent of the question it
        answered; None when that forward is already in."""
        async with self._reading(f"add a FAQ entry to {posting}") as db:
            rows = list(await db.execute_fetchall(
                """INSERT INTO faq(posting, question, answer, forward_id, intent, created_at) VALUES (?, ?, ?, ?, ?, ?)
                   ON CONFLICT(forward_id) DO NOTHING RETURNING id""",
                (posting, encodable(question), encodable(answer), forward_id, intent, _to_text(now))))
        return int(rows[0][0]) if rows else None

    async def faq(self, posting: str | None = None) -> list[FaqRecord]:
        """FAQ entries, oldest first, of one posting when given."""
        where, parameters = ("WHERE posting = ?", (posting,)) if posting else ("", ())
        rows = await self._fetch("read the FAQ", "SELECT id, posting, question, answer, created_at, intent FROM faq "
                                 f"{where} ORDER BY id", parameters)
        return [FaqRecord(int(r[0]), str(r[1]), str(r[2]), str(r[3]), _from_text(r[4]), str(r[5])) for r in rows]

    # --- replies by email (bot.mailbox, bot.mail_answers) ---------------------------------------------

    async def mailbox_position(self, folder: str) -> tuple[int, int] | None:
        """The folder's UIDVALIDITY and the last UID handled in it, or None before its first mail."""
        rows = await self._fetch("read the mailbox position",
                                 "SELECT uidvalidity, last_uid FROM mailbox_folders WHERE folder = ?", (folder,))
        return (int(rows[0][0]), int(rows[0][1])) if rows else None

    async def mail_handled(self, message_key: str) -> bool:
        """Whether a mail with this key (a hash of its Message-ID) was handled already."""
        rows = await self._fetch("look for a handled mail", "SELECT 1 FROM mailbox_mails WHERE message_key = ?",
                                 (message_key,))
        return bool(rows)

    async def note_mail_handled(self, *, folder: str, uidvalidity: int, uid: int, message_key: str, outcome: str,
                                now: datetime | None = None) -> None:
        """Remember a mail as handled, and move the folder's position past its UID (in one transaction)."""
        async with self._writing("note a handled mail") as db:
            await db.execute("""INSERT INTO mailbox_mails(message_key, folder, uidvalidity, uid, outcome, handled_at)
                                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                             (message_key, folder, uidvalidity, uid, outcome[:100], _to_text(now)))
            await db.execute("""INSERT INTO mailbox_folders(folder, uidvalidity, last_uid) VALUES (?, ?, ?)
                                ON CONFLICT(folder) DO UPDATE SET last_uid = CASE
                                    WHEN mailbox_folders.uidvalidity = excluded.uidvalidity
                                    THEN MAX(mailbox_folders.last_uid, excluded.last_uid) ELSE excluded.last_uid END,
                                    uidvalidity = excluded.uidvalidity""", (folder, uidvalidity, uid))

    async def hold_reply(self, *, forward_id: int, sender: str, answer: str, faq: bool,
                         now: datetime | None = None) -> int:
        """Keep a reply from an unexpected address for an admin to relay or drop."""
        async with self._reading("hold a reply by email") as db:
            rows = list(await db.execute_fetchall(
                """INSERT INTO held_replies(forward_id, sender, answer, faq, created_at) VALUES (?, ?, ?, ?, ?)
                   RETURNING id""", (forward_id, sender.lower(), encodable(answer[:MAX_QUESTION_CHARS]), int(faq),
                                     _to_text(now))))
        return int(rows[0][0])

    async def held_replies(self) -> list[HeldReply]:
        """The replies waiting for an admin, oldest first."""
        rows = await self._fetch("read the held replies", "SELECT id, forward_id, sender, answer, faq, created_at "
                                 "FROM held_replies ORDER BY id")
        return [HeldReply(int(r[0]), int(r[1]), str(r[2]), str(r[3]), bool(r[4]), _from_text(r[5])) for r in rows]

    async def take_held_reply(self, held_id: int) -> HeldReply | None:
        """Remove a held reply and return it (None when there is no such reply, or it was taken already)."""
        async with self._writing(f"take the held reply {held_id}") as db:
            rows = list(await db.execute_fetchall(
                "DELETE FROM held_replies WHERE id = ? RETURNING id, forward_id, sender, answer, faq, created_at",
                (held_id,)))
        return HeldReply(int(rows[0][0]), int(rows[0][1]), str(rows[0][2]), str(rows[0][3]), bool(rows[0][4]),
                         _from_text(rows[0][5])) if rows else None
    # --- rate limits ---------------------------------------------------------------------------------

    async def allow_event(self, key: str, *, limit: int, period: timedelta, now: datetime | None = None,
                          count: bool = True) -> bool:
        """Count one event for key and say yes, or no when `limit` were counted within `period` (in this
        process's memory: one process serves an SQLite database)."""
        self._connection()  # StoreError once closed, as every call
        return self._rates.allow(key, limit=limit, period=period, now=utc(now), count=count)

    # --- privacy: erasure and retention ---------------------------------------------------------------

    async def erase_candidate(self, chat_id: ChatId) -> dict[str, int]:
        """Erase everything kept about a chat (questions, forwards and their links, states, recruiter link,
        the candidate row, and the FAQ entries made from their questions, which hold their words); return
        how many rows of each kind went."""
        await self.flush()
        self._recent.pop(chat_id, None)
        self._states.pop(chat_id, None)
        self._rates.forget_chat(chat_id)
        counts: dict[str, int] = {}
        async with self._writing(f"erase the data of the chat {chat_id}") as db:
            async with db.execute("DELETE FROM faq WHERE forward_id IN (SELECT id FROM forwards WHERE chat_id = ?)",
                                  (chat_id,)) as cursor:
                counts["faq"] = max(cursor.rowcount, 0)
            for table, column in (("forwards", "chat_id"), ("questions", "chat_id"), ("chat_states", "chat_id"),
                                  ("recruiters", "chat_id"), ("candidates", "chat_id")):
                async with db.execute(f"DELETE FROM {table} WHERE {column} = ?", (chat_id,)) as cursor:
                    counts[table] = max(cursor.rowcount, 0)
        await self._checkpoint()
        return counts

    async def purge_older_than(self, cutoff: datetime) -> dict[str, int]:
        """Delete the questions (with their forwards) asked before cutoff, expired chat states, and the
        candidates not seen since cutoff; return how many rows of each kind went."""
        await self.flush()
        moment = _to_text(cutoff)
        counts: dict[str, int] = {}
        statements = (
            ("forwards", "DELETE FROM forwards WHERE created_at < ?"),
            ("questions", "DELETE FROM questions WHERE created_at < ?"),
            ("chat_states", f"DELETE FROM chat_states WHERE expires_at < '{_to_text(None)}' OR expires_at < ?"),
            ("mailbox_mails", "DELETE FROM mailbox_mails WHERE handled_at < ?"),  # the folders' positions stay
            ("candidates", "DELETE FROM candidates WHERE last_seen < ? AND chat_id NOT IN "
                           "(SELECT chat_id FROM questions) AND chat_id NOT IN (SELECT chat_id FROM recruiters)"),
        )
        async with self._writing("purge the data past the retention period") as db:
            for name, sql in statements:
                async with db.execute(sql, (moment,)) as cursor:
                    counts[name] = max(cursor.rowcount, 0)
        self._recent.clear()
        self._states.clear()
        await self._checkpoint()
        return counts

    async def _checkpoint(self) -> None:
        """Copy the write-ahead log into the database file and empty it, so that deleted rows leave the disk:
        secure_delete overwrote them in the pages, and the log's older copies of those pages go."""
        if self._location == MEMORY:
            return
        async with self._reading("write the log into the database file") as db:
            rows = list(await db.execute_fetchall("PRAGMA wal_checkpoint(TRUNCATE)"))
        if rows and rows[0][0]:  # another connection was reading: the log could not be emptied
            logger.warning("the database %s was busy: erased data stays in its log until the next checkpoint",
                           self._location)
