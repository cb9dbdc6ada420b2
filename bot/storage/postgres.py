"""The PostgreSQL backend of bot.storage (asyncpg), for DATABASE_URL: several processes on one database.

This is the only module that talks to PostgreSQL. A pool of connections per store; every statement that
must be atomic with another runs in one transaction. The schema and its migrations are those of SQLite
(bot.storage.schema), applied under an advisory lock so that processes starting together apply each once.

    async with await PostgresStore.open("postgresql://user:password@host:5432/db?sslmode=require") as store:
        await store.touch_candidate("telegram:42", language="fr")

Nothing is cached in the process: another process may change any row at any time (a webhook behind a
router with several processes, or a rolling deploy). Forwards are claimed with `FOR UPDATE SKIP LOCKED`
and a lease, so that no two processes deliver the same one and a dead process's claims are taken over
once their lease ran out. The purge takes an advisory lock: when processes start it together, one does
the work. The password is never written in a log line nor an error message: the database is named by
`safe_url(url)`, and every message from the driver has the password taken out.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable, Collection, Sequence
from datetime import UTC, datetime, timedelta
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from ..identity import ChatId
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
from .schema import MIGRATIONS, POSTGRES, Migration, check_migrations, from_text, sql_for, to_text

logger = logging.getLogger(__name__)

SCHEMES = ("postgres://", "postgresql://")
RELOAD_CHANNEL = "bot_knowledge_reloaded"  # NOTIFY channel: a process reloaded; its payload names it
LISTEN_CHECK = 15.0  # seconds of quiet after which the listening connection is checked
LISTEN_RETRY = 5.0  # seconds between attempts to listen again
MIGRATION_LOCK = 0x626F745F6D6967  # advisory lock ids: "bot_mig", "bot_prg"
PURGE_LOCK = 0x626F745F707267
POOL_MIN, POOL_MAX = 1, 10
RATE_MEMORY = timedelta(days=1)  # rate events older than this go with the daily purge
CONNECT_TIMEOUT = 10.0  # seconds to open one connection
RETRIES = 8  # attempts of one operation while the server cannot be reached (a restart): about 11 s
# What the driver raises when the connection, not the statement, failed: the operation is tried again.
_CONNECTION_ERRORS: tuple[type[BaseException], ...] = (
    OSError, ConnectionError, asyncpg.exceptions.ConnectionDoesNotExistError,
    asyncpg.exceptions.CannotConnectNowError, asyncpg.exceptions.AdminShutdownError,
    asyncpg.exceptions.ConnectionFailureError, asyncpg.exceptions.InterfaceError)
_CLOSING_ERRORS: tuple[type[BaseException], ...] = (TimeoutError, *_CONNECTION_ERRORS)
_DRIVER_ERRORS: tuple[type[BaseException], ...] = (asyncpg.PostgresError, UnicodeError, TimeoutError,
                                                   *_CONNECTION_ERRORS)
Connection = asyncpg.pool.PoolConnectionProxy  # a connection of the pool


def is_postgres_url(location: object) -> bool:
    """Whether a storage location names a PostgreSQL database (postgres:// or postgresql://)."""
    return str(location).startswith(SCHEMES)


def safe_url(url: str) -> str:
    """The URL with its password replaced by ***, to name the database in logs and errors."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)[1]
    user = parts.username or ""
    return urlunsplit((parts.scheme, f"{user}:***@{netloc}", parts.path, parts.query, parts.fragment))


def _password(url: str) -> str:
    try:
        return urlsplit(url).password or ""
    except ValueError:
        return ""


_FORWARD_COLUMNS = ("f.id, f.question_id, f.chat_id, f.posting, f.contact, f.candidate_name, f.status, f.attempts, "
                    "f.next_attempt_at, f.last_error, f.channel, f.message_id, f.token_expires_at, f.delay_notified, "
                    "f.created_at, f.sent_at, f.answer, f.answered_at, q.text, f.token")
_FORWARD_SELECT = f"SELECT {_FORWARD_COLUMNS} FROM forwards f JOIN questions q ON q.id = f.question_id"
_CANDIDATE_COLUMNS = "chat_id, posting, language, first_seen, last_seen"
_QUESTION_COLUMNS = "id, chat_id, text, posting, section, score, answered, intent, reason, status, created_at"
_INSERT_QUESTION_IF_CANDIDATE = """INSERT INTO questions(chat_id, text, posting, section, score, answered, intent,
                                                      reason, status, created_at)
                                   SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10
                                   WHERE EXISTS (SELECT 1 FROM candidates WHERE chat_id = $1) RETURNING id"""


def _forward(row: asyncpg.Record) -> ForwardRecord:
    return ForwardRecord(
        id=int(row[0]), question_id=int(row[1]), chat_id=str(row[2]), posting=row[3], contact=row[4],
        candidate_name=row[5], status=ForwardStatus(row[6]), attempts=int(row[7]), next_attempt_at=from_text(row[8]),
        last_error=row[9], channel=row[10], message_id=row[11], token_expires_at=from_text(row[12]),
        delay_notified=bool(row[13]), created_at=from_text(row[14]), sent_at=from_text(row[15]) if row[15] else None,
        answer=row[16], answered_at=from_text(row[17]) if row[17] else None, question=row[18], token=row[19])


def _candidate(row: asyncpg.Record) -> Candidate:
    return Candidate(chat_id=str(row["chat_id"]), posting=row["posting"], language=str(row["language"]),
                     first_seen=from_text(row["first_seen"]), last_seen=from_text(row["last_seen"]))


def _question(row: asyncpg.Record) -> QuestionRecord:
    return QuestionRecord(id=int(row["id"]), chat_id=str(row["chat_id"]), text=str(row["text"]),
                          posting=row["posting"], section=str(row["section"]), score=float(row["score"]),
                          answered=bool(row["answered"]), intent=str(row["intent"]), reason=str(row["reason"]),
                          status=str(row["status"]), created_at=from_text(row["created_at"]))


def _queue_notice(queue: asyncio.Queue[str], connection: object, pid: int, channel: str, payload: object) -> None:
    """A LISTEN callback: keep the notice's payload (who sent it) for the listening task."""
    queue.put_nowait(str(payload))


def _held_reply(row: asyncpg.Record) -> HeldReply:
    """A held_replies row (id, forward_id, sender, answer, faq, created_at) as a record."""
    return HeldReply(int(row[0]), int(row[1]), str(row[2]), str(row[3]), bool(row[4]), from_text(row[5]))


def _count(status: str) -> int:
    """The number of rows a command reported ("UPDATE 3" -> 3)."""
    last = status.rsplit(" ", 1)[-1]
    return int(last) if last.isdigit() else 0


class PostgresStore:
    """What the bot keeps, in PostgreSQL. Build it with `await PostgresStore.open(url)`."""

    def __init__(self, pool: asyncpg.Pool, url: str) -> None:
        self._pool: asyncpg.Pool | None = pool
        self._url = url  # never logged: self._where names the database
        self._where = safe_url(url)
        self._password = _password(url)
        self._me = f"{process_owner()}/{secrets.token_hex(4)}"  # this store, in the reload notices it sends

    @classmethod
    async def open(cls, url: str, *, migrations: Sequence[Migration] = MIGRATIONS, migrate: bool = True,
                   min_size: int = POOL_MIN, max_size: int = POOL_MAX) -> PostgresStore:
        """Connect to the database at url (sslmode honoured) and apply the pending migrations (unless
        `migrate` is False)."""
        check_migrations(migrations)
        if not is_postgres_url(url):
            raise StoreError(f"{safe_url(url)} is not a PostgreSQL URL: it starts with postgres:// or postgresql://")
        password = _password(url)
        try:
            pool = await asyncpg.create_pool(url, min_size=min_size, max_size=max_size, timeout=CONNECT_TIMEOUT,
                                             command_timeout=60)
        except Exception as exc:
            message = str(exc).replace(password, "***") if password else str(exc)
            raise StoreError(f"cannot connect to the database {safe_url(url)}: {type(exc).__name__}: {message} "
                             "(check DATABASE_URL, and that the server runs and accepts this user)") from None
        store = cls(pool, url)
        try:
            if migrate:
                await store.migrate(migrations)
        except BaseException:
            await store.close()
            raise
        return store

    async def close(self) -> None:
        """Close the pool; closing again does nothing."""
        pool, self._pool = self._pool, None
        if pool is not None:
            try:
                await asyncio.wait_for(pool.close(), timeout=10)
            except _CLOSING_ERRORS:
                pool.terminate()
            logger.debug("closed the database %s", self._where)

    async def __aenter__(self) -> PostgresStore:
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        traceback: TracebackType | None) -> None:
        await self.close()

    def __repr__(self) -> str:
        return f"<PostgresStore {self._where} ({'open' if self._pool is not None else 'closed'})>"

    # --- plumbing ---------------------------------------------------------------------------------------

    def _error(self, what: str, exc: BaseException) -> StoreError:
        message = f"{type(exc).__name__}: {exc}"
        if self._password:
            message = message.replace(self._password, "***")
        return StoreError(f"could not {what} in {self._where}: {message}")

    @contextlib.asynccontextmanager
    async def _connection(self, what: str, *, transaction: bool) -> AsyncIterator[Connection]:
        """A connection of the pool (in a transaction when asked); driver errors become StoreError."""
        if self._pool is None:
            raise StoreError(f"the store {self._where} is closed")
        try:
            async with self._pool.acquire() as connection:
                if transaction:
                    async with connection.transaction():
                        yield connection
                else:
                    yield connection
        except _DRIVER_ERRORS as exc:
            raise self._error(what, exc) from exc

    async def _retrying(self, what: str, operation: Any, *, transaction: bool = False) -> Any:
        """Run `operation(connection)`, again when the connection failed (the server restarted: the pool
        opens new connections), RETRIES times at most."""
        for attempt in range(1, RETRIES + 1):
            try:
                async with self._connection(what, transaction=transaction) as connection:
                    return await operation(connection)
            except StoreError as exc:
                if attempt == RETRIES or not isinstance(exc.__cause__, _CONNECTION_ERRORS) or self._pool is None:
                    raise
                logger.warning("the database %s could not be reached (attempt %d of %d), trying again",
                               self._where, attempt, RETRIES)
                await asyncio.sleep(min(0.2 * 2 ** attempt, 2.0))
        raise AssertionError("unreachable")

    async def _fetch(self, what: str, sql: str, *args: Any) -> list[asyncpg.Record]:
        async def run(connection: Connection) -> list[asyncpg.Record]:
            return list(await connection.fetch(sql, *args))

        rows: list[asyncpg.Record] = await self._retrying(what, run)
        return rows

    async def _execute(self, what: str, sql: str, *args: Any) -> int:
        """Run one statement (atomic alone); how many rows it changed."""
        async def run(connection: Connection) -> int:
            return _count(await connection.execute(sql, *args))

        count: int = await self._retrying(what, run)
        return count

    # --- schema -----------------------------------------------------------------------------------------

    async def migrate(self, migrations: Sequence[Migration] = MIGRATIONS) -> list[str]:
        """Apply the pending migrations, each in its transaction, under an advisory lock (another process
        migrating at the same time waits, then finds them applied); the names of those applied."""
        done: list[str] = []
        async with self._connection("apply the migrations", transaction=False) as connection:
            await connection.execute("SELECT pg_advisory_lock($1)", MIGRATION_LOCK)
            try:
                await connection.execute("CREATE TABLE IF NOT EXISTS _migrations(name TEXT PRIMARY KEY, "
                                         "applied_at TEXT)")
                applied = {str(r[0]) for r in await connection.fetch("SELECT name FROM _migrations")}
                unknown = applied - {m.name for m in migrations}
                if unknown:
                    logger.warning("the database %s has migrations this version does not know: %s", self._where,
                                   ", ".join(sorted(unknown)))
                for migration in migrations:
                    if migration.name in applied:
                        continue
                    try:
                        async with connection.transaction():
                            step = sql_for(migration, POSTGRES)
                            if isinstance(step, str):
                                await connection.execute(step)
                            else:
                                await step(connection)
                            await connection.execute("INSERT INTO _migrations(name, applied_at) VALUES ($1, $2)",
                                                     migration.name, to_text(None))
                    except asyncpg.PostgresError as exc:
                        raise self._error(f"apply the migration {migration.name!r}", exc) from exc
                    logger.info("applied the migration %s to %s", migration.name, self._where)
                    done.append(migration.name)
            finally:
                await connection.execute("SELECT pg_advisory_unlock($1)", MIGRATION_LOCK)
        return done

    async def schema_version(self) -> int:
        """The number of migrations applied to this database."""
        rows = await self._fetch("count the migrations", "SELECT COUNT(*) FROM _migrations")
        return int(rows[0][0])

    async def check_health(self) -> None:
        """Raise StoreError saying what is wrong when the database cannot answer."""
        await self._fetch("check the database", "SELECT COUNT(*) FROM _migrations")

    async def add_rows(self, table: str, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> int:
        """Insert rows into a table, leaving those whose key is already there (for `db copy`); how many went in."""
        if not all(c.replace("_", "").isalnum() for c in (table, *columns)):
            raise StoreError(f"refusing an odd table or column name in {table}({', '.join(columns)})")
        names = ", ".join(columns)
        marks = ", ".join(f"${n}" for n in range(1, len(columns) + 1))

        async def run(connection: Connection) -> int:
            before = int(await connection.fetchval(f"SELECT COUNT(*) FROM {table}"))
            await connection.executemany(
                f"INSERT INTO {table}({names}) VALUES ({marks}) ON CONFLICT DO NOTHING", rows)
            return int(await connection.fetchval(f"SELECT COUNT(*) FROM {table}")) - before

        added: int = await self._retrying(f"copy the rows of {table}", run, transaction=True)
        return added

    async def move_sequences_past_ids(self, tables: Sequence[str]) -> None:
        """Set the id sequence of each table (that has one) past its greatest id, after rows came with theirs."""
        async def run(connection: Connection) -> None:
            for table in tables:
                sequence = await connection.fetchval(
                    """SELECT pg_get_serial_sequence($1, 'id') FROM information_schema.columns
                       WHERE table_schema = current_schema() AND table_name = $1 AND column_name = 'id'""", table)
                if sequence is not None:
                    await connection.execute(
                        f"SELECT setval($1, COALESCE((SELECT MAX(id) FROM {table}), 1), "
                        f"(SELECT MAX(id) FROM {table}) IS NOT NULL)", sequence)

        await self._retrying("move the id sequences", run, transaction=True)

    # --- reloads, across processes (LISTEN/NOTIFY) -------------------------------------------------------

    async def announce_reload(self) -> None:
        """Tell the other processes on this database that the knowledge was reloaded here."""
        await self._execute("announce a reload", "SELECT pg_notify($1, $2)", RELOAD_CHANNEL, self._me)

    async def follow_reloads(self, on_reload: Callable[[], Awaitable[object]], stop: asyncio.Event) -> None:
        """Until stop is set, call on_reload when another process announces a reload, on a connection of its
        own that LISTENs; when that connection is lost, connect again and reload once (a notice sent while
        it was away is not kept by the server)."""
        missed = False
        while not stop.is_set():
            notices: asyncio.Queue[str] = asyncio.Queue()
            try:
                connection = await asyncpg.connect(self._url, timeout=CONNECT_TIMEOUT)
                await connection.add_listener(RELOAD_CHANNEL, functools.partial(_queue_notice, notices))
            except _DRIVER_ERRORS as exc:
                logger.warning("cannot listen for reloads on %s (%s); trying again", self._where, type(exc).__name__)
                missed = True
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), timeout=LISTEN_RETRY)
                continue
            try:
                if missed:
                    await on_reload()
                    missed = False
                await self._listen(connection, notices, on_reload, stop)
            finally:
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(connection.close(), timeout=5)
            missed = True

    async def _listen(self, connection: asyncpg.Connection, notices: asyncio.Queue[str],
                      on_reload: Callable[[], Awaitable[object]], stop: asyncio.Event) -> None:
        """Reload on each notice from another process, until stop or the connection is lost."""
        while not stop.is_set():
            waiting = asyncio.ensure_future(notices.get())
            stopping = asyncio.ensure_future(stop.wait())
            done, _ = await asyncio.wait({waiting, stopping}, timeout=LISTEN_CHECK,
                                         return_when=asyncio.FIRST_COMPLETED)
            for future in (waiting, stopping):
                if future not in done:
                    future.cancel()
            if waiting in done and waiting.result() != self._me:
                logger.info("another process reloaded the knowledge: reloading it here too")
                await on_reload()
            elif not done:
                try:  # a quiet connection may be a dead one: ask
                    await connection.fetchval("SELECT 1", timeout=CONNECT_TIMEOUT)
                except _DRIVER_ERRORS:
                    logger.warning("lost the connection that listens for reloads on %s; reconnecting", self._where)
                    return
            if connection.is_closed():
                return

    # --- candidates -------------------------------------------------------------------------------------

    async def touch_candidate(self, chat_id: ChatId, *, language: str | None = None,
                              now: datetime | None = None) -> Candidate:
        """Note that the candidate is here (created if new), set their language if given; return them."""
        rows = await self._fetch(
            f"record the candidate {chat_id}",
            f"""INSERT INTO candidates(chat_id, language, first_seen, last_seen)
                VALUES ($1, COALESCE($2, $3), $4, $4)
                ON CONFLICT(chat_id) DO UPDATE SET
                    last_seen = GREATEST(candidates.last_seen, excluded.last_seen),
                    language = COALESCE($2, candidates.language)
                RETURNING {_CANDIDATE_COLUMNS}""",
            chat_id, language, DEFAULT_LANGUAGE, to_text(now))
        return _candidate(rows[0])

    async def get_candidate(self, chat_id: ChatId) -> Candidate | None:
        """The candidate with this chat id, or None."""
        rows = await self._fetch(f"read the candidate {chat_id}",
                                 f"SELECT {_CANDIDATE_COLUMNS} FROM candidates WHERE chat_id = $1", chat_id)
        return _candidate(rows[0]) if rows else None

    async def select_posting(self, chat_id: ChatId, posting: str | None) -> None:
        """Remember the posting the candidate is asking about (None forgets it); creates the candidate."""
        now = to_text(None)
        await self._execute(f"select a posting for the candidate {chat_id}",
                            """INSERT INTO candidates(chat_id, posting, language, first_seen, last_seen)
                               VALUES ($1, $2, $3, $4, $4)
                               ON CONFLICT(chat_id) DO UPDATE SET posting = excluded.posting""",
                            chat_id, posting, DEFAULT_LANGUAGE, now)

    async def set_language(self, chat_id: ChatId, language: str) -> None:
        """Set the candidate's language; creates the candidate."""
        if not language.strip():
            raise StoreError(f"an empty language cannot be set for the candidate {chat_id}")
        await self._execute(f"set the language of the candidate {chat_id}",
                            """INSERT INTO candidates(chat_id, language, first_seen, last_seen) VALUES ($1, $2, $3, $3)
                               ON CONFLICT(chat_id) DO UPDATE SET language = excluded.language""",
                            chat_id, language, to_text(None))

    # --- questions --------------------------------------------------------------------------------------

    async def record_question(self, *, chat_id: ChatId, text: str, posting: str | None, section: str = "",
                              score: float = 0.0, answered: bool, intent: str = "", reason: str = "",
                              now: datetime | None = None) -> int:
        """Store a question (creating its candidate when new), in one transaction; return its id."""
        moment = to_text(now)
        status = QuestionStatus.ANSWERED if answered else QuestionStatus.UNANSWERED
        values = (chat_id, encodable(text[:MAX_QUESTION_CHARS]), posting, section, float(score), int(answered),
                  intent, reason, str(status), moment)

        async def run(connection: Connection) -> int:
            await connection.execute("""INSERT INTO candidates(chat_id, language, first_seen, last_seen)
                                        VALUES ($1, $2, $3, $3) ON CONFLICT(chat_id) DO NOTHING""",
                                     chat_id, DEFAULT_LANGUAGE, moment)
            return int(await connection.fetchval(_INSERT_QUESTION_IF_CANDIDATE, *values))

        question_id: int = await self._retrying(f"record a question of the candidate {chat_id}", run,
                                                transaction=True)
        return question_id

    async def note_answered_question(self, *, chat_id: ChatId, text: str, posting: str | None, section: str = "",
                                     score: float = 0.0, intent: str = "", now: datetime | None = None) -> None:
        """Record a question the engine answered, at once: a batch kept in one process's memory would be lost
        with it, and another process's erasure could not reach it. Dropped if its candidate was erased."""
        await self._execute(f"record an answered question of the candidate {chat_id}",
                            _INSERT_QUESTION_IF_CANDIDATE.replace(" RETURNING id", ""),
                            chat_id, encodable(text[:MAX_QUESTION_CHARS]), posting, section, float(score), 1, intent,
                            "", str(QuestionStatus.ANSWERED), to_text(now))

    async def flush(self) -> None:
        """Nothing waits to be written: every question is written when noted."""
        if self._pool is None:
            return

    async def get_question(self, question_id: int) -> QuestionRecord | None:
        """The question with this id, or None."""
        rows = await self._fetch(f"read the question {question_id}",
                                 f"SELECT {_QUESTION_COLUMNS} FROM questions WHERE id = $1", question_id)
        return _question(rows[0]) if rows else None

    async def set_question_status(self, question_id: int, status: QuestionStatus) -> None:
        """Set a question's status; StoreError when there is no such question."""
        if not status.strip():
            raise StoreError(f"an empty status cannot be set on the question {question_id}")
        changed = await self._execute(f"set the status of the question {question_id}",
                                      "UPDATE questions SET status = $1 WHERE id = $2", str(status), question_id)
        if changed == 0:
            raise StoreError(f"there is no question with the id {question_id}")

    async def questions(self, *, chat_id: ChatId | None = None, since: datetime | None = None,
                        limit: int | None = None) -> list[QuestionRecord]:
        """Questions, newest first: of one candidate, asked at or after since, at most limit of them."""
        clauses: list[str] = []
        parameters: list[Any] = []
        if chat_id is not None:
            parameters.append(chat_id)
            clauses.append(f"chat_id = ${len(parameters)}")
        if since is not None:
            parameters.append(to_text(since))
            clauses.append(f"created_at >= ${len(parameters)}")
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        sql = f"SELECT {_QUESTION_COLUMNS} FROM questions {where} ORDER BY created_at DESC, id DESC"
        if limit is not None:
            if limit < 0:
                raise StoreError(f"a negative limit makes no sense: {limit}")
            parameters.append(limit)
            sql += f" LIMIT ${len(parameters)}"
        return [_question(row) for row in await self._fetch("list the questions", sql, *parameters)]

    # --- forwards (the outbox) -----------------------------------------------------------------------

    async def create_forward(self, *, question_id: int, chat_id: ChatId, posting: str | None, contact: str,
                             candidate_name: str | None, token: str, token_hash: str, token_expires_at: datetime,
                             now: datetime | None = None) -> int | None:
        """Store a forward, pending and due now, and mark its question forwarded; None when that question
        was already forwarded."""
        moment = to_text(now)

        async def run(connection: Connection) -> int | None:
            forward_id = await connection.fetchval(
                """INSERT INTO forwards(question_id, chat_id, posting, contact, candidate_name, status,
                                        next_attempt_at, token, token_hash, token_expires_at, created_at)
                   VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7, $8, $9, $6)
                   ON CONFLICT(question_id) DO NOTHING RETURNING id""",
                question_id, chat_id, posting, contact, None if candidate_name is None else encodable(candidate_name),
                moment, token, token_hash, to_text(token_expires_at))
            if forward_id is not None:
                await connection.execute("UPDATE questions SET status = 'forwarded' WHERE id = $1", question_id)
            return None if forward_id is None else int(forward_id)

        created: int | None = await self._retrying(f"forward the question {question_id}", run, transaction=True)
        return created

    async def get_forward(self, forward_id: int) -> ForwardRecord | None:
        """The forward with this id, or None."""
        rows = await self._fetch(f"read the forward {forward_id}", f"{_FORWARD_SELECT} WHERE f.id = $1", forward_id)
        return _forward(rows[0]) if rows else None

    async def forward_for_question(self, question_id: int) -> ForwardRecord | None:
        """The forward of a question, or None."""
        rows = await self._fetch(f"read the forward of the question {question_id}",
                                 f"{_FORWARD_SELECT} WHERE f.question_id = $1", question_id)
        return _forward(rows[0]) if rows else None

    async def forward_by_token(self, token_hash: str) -> ForwardRecord | None:
        """The forward an answer link opens (by the hash of its token), or None."""
        rows = await self._fetch("read a forward by its answer link", f"{_FORWARD_SELECT} WHERE f.token_hash = $1",
                                 token_hash)
        return _forward(rows[0]) if rows else None

    async def forwards(self, *, statuses: Sequence[ForwardStatus] = (),
                       chat_id: ChatId | None = None) -> list[ForwardRecord]:
        """Forwards, oldest first, with one of these statuses (all when none given), of one chat if given."""
        clauses: list[str] = []
        parameters: list[Any] = []
        if statuses:
            parameters.append([str(s) for s in statuses])
            clauses.append(f"f.status = ANY(${len(parameters)}::text[])")
        if chat_id is not None:
            parameters.append(chat_id)
            clauses.append(f"f.chat_id = ${len(parameters)}")
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = await self._fetch("list the forwards", f"{_FORWARD_SELECT}{where} ORDER BY f.id", *parameters)
        return [_forward(r) for r in rows]

    async def claim_due_forwards(self, *, owner: str | None = None, lease: timedelta = DEFAULT_LEASE,
                                 limit: int = 20, now: datetime | None = None) -> list[ForwardRecord]:
        """Claim the due forwards (pending ones whose time has come, claimed ones whose lease ran out) for
        `owner` until `lease` has passed. The rows are locked with FOR UPDATE SKIP LOCKED: two processes
        claiming at once get different forwards, and neither waits for the other."""
        moment = now or datetime.now(UTC)
        rows = await self._fetch(
            "claim the forwards due for delivery",
            """UPDATE forwards SET status = 'sending', attempts = attempts + 1, claimed_by = $1, lease_expires_at = $2
               WHERE id IN (SELECT id FROM forwards
                            WHERE (status = 'pending' AND next_attempt_at <= $3)
                               OR (status = 'sending' AND lease_expires_at <= $3)
                            ORDER BY next_attempt_at, id LIMIT $4 FOR UPDATE SKIP LOCKED)
               RETURNING id""",
            owner or process_owner(), to_text(moment + lease), to_text(moment), limit)
        claimed = sorted(int(r[0]) for r in rows)
        return [f for f in [await self.get_forward(i) for i in claimed] if f is not None]

    async def renew_forward_claim(self, forward_id: int, *, owner: str | None = None,
                                  lease: timedelta = DEFAULT_LEASE, now: datetime | None = None) -> bool:
        """Extend the owner's claim until `lease` from now; False when the forward is no longer theirs."""
        changed = await self._execute(
            f"renew the claim on the forward {forward_id}",
            "UPDATE forwards SET lease_expires_at = $1 WHERE id = $2 AND status = 'sending' AND claimed_by = $3",
            to_text((now or datetime.now(UTC)) + lease), forward_id, owner or process_owner())
        return changed == 1

    async def forward_claimers(self) -> set[str]:
        """The owners of the forwards being delivered now (their leases may have run out)."""
        rows = await self._fetch("list the claimers of forwards",
                                 "SELECT DISTINCT claimed_by FROM forwards WHERE status = 'sending'")
        return {str(r[0]) for r in rows if r[0]}

    async def release_forward_claims(self, *, owners: Collection[str], now: datetime | None = None) -> int:
        """Put back to pending the forwards being delivered by these owners, by no owner, or whose lease ran
        out; never the live claims of others. Returns how many."""
        return await self._execute(
            "release the interrupted forwards",
            """UPDATE forwards SET status = 'pending', claimed_by = '', lease_expires_at = ''
               WHERE status = 'sending'
                 AND (claimed_by = ANY($1::text[]) OR claimed_by = '' OR lease_expires_at <= $2)""",
            sorted(set(owners)), to_text(now))

    async def mark_forward_sent(self, forward_id: int, *, channel: str, message_id: str = "",
                                owner: str | None = None, now: datetime | None = None) -> bool:
        """The forward reached the recruiter (its token is forgotten); False when it was not claimed (by
        `owner`, when given)."""
        changed = await self._execute(
            f"mark the forward {forward_id} sent",
            """UPDATE forwards SET status = 'sent', channel = $1, message_id = $2, sent_at = $3, last_error = '',
                   token = NULL, claimed_by = '', lease_expires_at = ''
               WHERE id = $4 AND status = 'sending' AND ($5::text IS NULL OR claimed_by = $5)""",
            channel, message_id, to_text(now), forward_id, owner)
        return changed == 1

    async def set_forward_message_id(self, forward_id: int, message_id: str) -> None:
        """Keep the email Message-ID of a forward, the same for every attempt."""
        await self._execute(f"set the Message-ID of the forward {forward_id}",
                            "UPDATE forwards SET message_id = $1 WHERE id = $2", message_id, forward_id)

    async def retry_forward(self, forward_id: int, *, error: str, at: datetime, owner: str | None = None) -> None:
        """Delivery failed for now: pending again, due at `at` (only while claimed, by `owner` when given)."""
        await self._execute(f"reschedule the forward {forward_id}",
                            """UPDATE forwards SET status = 'pending', last_error = $1, next_attempt_at = $2,
                                   claimed_by = '', lease_expires_at = ''
                               WHERE id = $3 AND status = 'sending' AND ($4::text IS NULL OR claimed_by = $4)""",
                            error[:MAX_ERROR_CHARS], to_text(at), forward_id, owner)

    async def fail_forward(self, forward_id: int, *, error: str, owner: str | None = None) -> None:
        """Delivery cannot succeed: keep the forward, marked failed (when `owner` is given, only while it
        holds the claim)."""
        await self._execute(f"mark the forward {forward_id} failed",
                            """UPDATE forwards SET status = 'failed', last_error = $1, claimed_by = '',
                                   lease_expires_at = ''
                               WHERE id = $2 AND ($3::text IS NULL OR (status = 'sending' AND claimed_by = $3))""",
                            error[:MAX_ERROR_CHARS], forward_id, owner)

    async def note_delay_notified(self, forward_id: int) -> None:
        """The candidate was told their forward is delayed (told once)."""
        await self._execute(f"note the delay of the forward {forward_id}",
                            "UPDATE forwards SET delay_notified = 1 WHERE id = $1", forward_id)

    async def answer_forward(self, forward_id: int, answer: str, *, now: datetime | None = None,
                             by: ChatId | None = None) -> bool:
        """Record the recruiter's answer and the chat that gave it; False when it already had one."""
        async def run(connection: Connection) -> bool:
            changed = _count(await connection.execute(
                """UPDATE forwards SET status = 'answered', answer = $1, answered_at = $2, answered_by = $3
                   WHERE id = $4 AND answer IS NULL""",
                encodable(answer[:MAX_QUESTION_CHARS]), to_text(now), by, forward_id))
            if changed:
                await connection.execute("""UPDATE questions SET status = 'answered-by-recruiter'
                                            WHERE id = (SELECT question_id FROM forwards WHERE id = $1)""", forward_id)
            return bool(changed)

        answered: bool = await self._retrying(f"answer the forward {forward_id}", run, transaction=True)
        return answered

    async def forward_answered_by(self, forward_id: int) -> ChatId | None:
        """The chat that answered this forward, or None."""
        rows = await self._fetch(f"read who answered the forward {forward_id}",
                                 "SELECT answered_by FROM forwards WHERE id = $1", forward_id)
        return str(rows[0][0]) if rows and rows[0][0] is not None else None

    # --- per-chat states ------------------------------------------------------------------------------

    async def set_chat_state(self, chat_id: ChatId, state: str, data: str = "", *, expires_at: datetime) -> None:
        """Remember what the chat's next message means, until expires_at."""
        await self._execute(f"set the state of the chat {chat_id}",
                            """INSERT INTO chat_states(chat_id, state, data, expires_at) VALUES ($1, $2, $3, $4)
                               ON CONFLICT(chat_id) DO UPDATE SET state = excluded.state, data = excluded.data,
                               expires_at = excluded.expires_at""",
                            chat_id, state, encodable(data), to_text(expires_at))

    async def chat_state(self, chat_id: ChatId, *, now: datetime | None = None) -> tuple[str, str] | None:
        """The chat's current state and data, or None (none set, or expired)."""
        rows = await self._fetch(f"read the state of the chat {chat_id}",
                                 "SELECT state, data FROM chat_states WHERE chat_id = $1 AND expires_at > $2",
                                 chat_id, to_text(now))
        return (str(rows[0][0]), str(rows[0][1])) if rows else None

    async def clear_chat_state(self, chat_id: ChatId) -> None:
        """Forget the chat's state."""
        await self._execute(f"clear the state of the chat {chat_id}", "DELETE FROM chat_states WHERE chat_id = $1",
                            chat_id)

    # --- recruiters -----------------------------------------------------------------------------------

    async def link_recruiter(self, chat_id: ChatId, email: str, *, now: datetime | None = None) -> None:
        """Link the chat to the address (case-insensitive), replacing earlier links of either."""
        async def run(connection: Connection) -> None:
            await connection.execute("DELETE FROM recruiters WHERE email = $1 OR chat_id = $2", email.lower(), chat_id)
            await connection.execute("INSERT INTO recruiters(chat_id, email, linked_at) VALUES ($1, $2, $3)",
                                     chat_id, email.lower(), to_text(now))

        await self._retrying(f"link a recruiter to the chat {chat_id}", run, transaction=True)

    async def recruiter_chat(self, email: str) -> ChatId | None:
        """The chat linked to this address, or None."""
        rows = await self._fetch("find a recruiter", "SELECT chat_id FROM recruiters WHERE email = $1", email.lower())
        return str(rows[0][0]) if rows else None

    async def recruiter_email(self, chat_id: ChatId) -> str | None:
        """The address linked to this chat, or None."""
        rows = await self._fetch("find a recruiter", "SELECT email FROM recruiters WHERE chat_id = $1", chat_id)
        return str(rows[0][0]) if rows else None

    # --- FAQ ------------------------------------------------------------------------------------------

    async def add_faq(self, *, posting: str, question: str, answer: str, forward_id: int | None = None,
                      intent: str = "", now: datetime | None = None) -> int | None:
        """Keep an answer, filed under the intent of the question it answered; None when that forward is already in."""
        rows = await self._fetch(f"add a FAQ entry to {posting}",
                                 """INSERT INTO faq(posting, question, answer, forward_id, intent, created_at)
                                    VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT(forward_id) DO NOTHING RETURNING id""",
                                 posting, encodable(question), encodable(answer), forward_id, intent, to_text(now))
        return int(rows[0][0]) if rows else None

    async def faq(self, posting: str | None = None) -> list[FaqRecord]:
        """FAQ entries, oldest first, of one posting when given."""
        where, parameters = ("WHERE posting = $1", (posting,)) if posting else ("", ())
        rows = await self._fetch("read the FAQ", "SELECT id, posting, question, answer, created_at, intent FROM faq "
                                 f"{where} ORDER BY id", *parameters)
        return [FaqRecord(int(r[0]), str(r[1]), str(r[2]), str(r[3]), from_text(r[4]), str(r[5])) for r in rows]

    # --- rate limits, shared by the processes ----------------------------------------------------------

    async def allow_event(self, key: str, *, limit: int, period: timedelta, now: datetime | None = None,
                          count: bool = True) -> bool:
        """Count one event for key and say yes, or no when `limit` were counted within `period`: in the
        database, under a lock on the key, so that every process counts the same events."""
        moment = utc(now)

        async def run(connection: Connection) -> bool:
            await connection.execute("SELECT pg_advisory_xact_lock(hashtext($1))", key)
            await connection.execute("DELETE FROM rate_events WHERE key = $1 AND at <= $2", key,
                                     to_text(moment - period))
            if int(await connection.fetchval("SELECT COUNT(*) FROM rate_events WHERE key = $1", key)) >= limit:
                return False
            if not count:
                return True
            await connection.execute("INSERT INTO rate_events(key, at) VALUES ($1, $2)", key, to_text(moment))
            return True

        allowed: bool = await self._retrying("count an event", run, transaction=True)
        return allowed

    # --- replies by email (bot.mailbox, bot.mail_answers) ---------------------------------------------

    async def mailbox_position(self, folder: str) -> tuple[int, int] | None:
        """The folder's UIDVALIDITY and the last UID handled in it, or None before its first mail."""
        rows = await self._fetch("read the mailbox position",
                                 "SELECT uidvalidity, last_uid FROM mailbox_folders WHERE folder = $1", folder)
        return (int(rows[0][0]), int(rows[0][1])) if rows else None

    async def mail_handled(self, message_key: str) -> bool:
        """Whether a mail with this key (a hash of its Message-ID) was handled already."""
        rows = await self._fetch("look for a handled mail", "SELECT 1 FROM mailbox_mails WHERE message_key = $1",
                                 message_key)
        return bool(rows)

    async def note_mail_handled(self, *, folder: str, uidvalidity: int, uid: int, message_key: str, outcome: str,
                                now: datetime | None = None) -> None:
        """Remember a mail as handled, and move the folder's position past its UID (in one transaction)."""
        async def run(connection: Connection) -> None:
            await connection.execute(
                """INSERT INTO mailbox_mails(message_key, folder, uidvalidity, uid, outcome, handled_at)
                   VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING""",
                message_key, folder, uidvalidity, uid, encodable(outcome[:100]), to_text(now))
            await connection.execute(
                """INSERT INTO mailbox_folders(folder, uidvalidity, last_uid) VALUES ($1, $2, $3)
                   ON CONFLICT(folder) DO UPDATE SET last_uid = CASE
                       WHEN mailbox_folders.uidvalidity = excluded.uidvalidity
                       THEN GREATEST(mailbox_folders.last_uid, excluded.last_uid) ELSE excluded.last_uid END,
                       uidvalidity = excluded.uidvalidity""", folder, uidvalidity, uid)

        await self._retrying("note a handled mail", run, transaction=True)

    async def hold_reply(self, *, forward_id: int, sender: str, answer: str, faq: bool,
                         now: datetime | None = None) -> int:
        """Keep a reply from an unexpected address for an admin to relay or drop."""
        rows = await self._fetch("hold a reply by email",
                                 """INSERT INTO held_replies(forward_id, sender, answer, faq, created_at)
                                    VALUES ($1, $2, $3, $4, $5) RETURNING id""",
                                 forward_id, sender.lower(), encodable(answer[:MAX_QUESTION_CHARS]), int(faq),
                                 to_text(now))
        return int(rows[0][0])

    async def held_replies(self) -> list[HeldReply]:
        """The replies waiting for an admin, oldest first."""
        rows = await self._fetch("read the held replies", "SELECT id, forward_id, sender, answer, faq, created_at "
                                 "FROM held_replies ORDER BY id")
        return [_held_reply(r) for r in rows]

    async def take_held_reply(self, held_id: int) -> HeldReply | None:
        """Remove a held reply and return it (None when there is no such reply, or it was taken already)."""
        rows = await self._fetch(f"take the held reply {held_id}",
                                 "DELETE FROM held_replies WHERE id = $1 "
                                 "RETURNING id, forward_id, sender, answer, faq, created_at", held_id)
        return _held_reply(rows[0]) if rows else None

    # --- privacy --------------------------------------------------------------------------------------

    async def erase_candidate(self, chat_id: ChatId) -> dict[str, int]:
        """Erase everything kept about a chat, in one transaction; how many rows of each kind went."""
        async def run(connection: Connection) -> dict[str, int]:
            counts = {"faq": _count(await connection.execute(
                "DELETE FROM faq WHERE forward_id IN (SELECT id FROM forwards WHERE chat_id = $1)", chat_id))}
            for table in ("forwards", "questions", "chat_states", "recruiters", "candidates"):
                counts[table] = _count(await connection.execute(f"DELETE FROM {table} WHERE chat_id = $1", chat_id))
            await connection.execute("DELETE FROM rate_events WHERE right(key, length($1) + 1) = ':' || $1", chat_id)
            return counts

        counts: dict[str, int] = await self._retrying(f"erase the data of the chat {chat_id}", run, transaction=True)
        return counts

    async def purge_older_than(self, cutoff: datetime) -> dict[str, int]:
        """Delete what is past retention, in one transaction under an advisory lock: processes purging at
        once do it one after the other, and the later ones find nothing left."""
        moment = to_text(cutoff)
        statements = (
            ("forwards", "DELETE FROM forwards WHERE created_at < $1"),
            ("questions", "DELETE FROM questions WHERE created_at < $1"),
            ("chat_states", "DELETE FROM chat_states WHERE expires_at < $2 OR expires_at < $1"),
            ("mailbox_mails", "DELETE FROM mailbox_mails WHERE handled_at < $1"),  # the folders' positions stay
            ("candidates", "DELETE FROM candidates WHERE last_seen < $1 AND chat_id NOT IN "
                           "(SELECT chat_id FROM questions) AND chat_id NOT IN (SELECT chat_id FROM recruiters)"),
        )

        async def run(connection: Connection) -> dict[str, int]:
            await connection.execute("SELECT pg_advisory_xact_lock($1)", PURGE_LOCK)
            counts: dict[str, int] = {}
            for name, sql in statements:
                args = (moment, to_text(None)) if "$2" in sql else (moment,)
                counts[name] = _count(await connection.execute(sql, *args))
            await connection.execute("DELETE FROM rate_events WHERE at < $1", to_text(utc(None) - RATE_MEMORY))
            return counts

        counts: dict[str, int] = await self._retrying("purge the data past the retention period", run,
                                                      transaction=True)
        return counts
