"""Moving an SQLite database into PostgreSQL (`python -m bot db copy --to "$DATABASE_URL"`), idempotently.

Both databases are brought to the same schema first (their migrations), then every row of every table is
copied with its ids, parents before children; a row already there (same key) is left as it is, so a
second run copies nothing and a run cut short can be run again. The id sequences of PostgreSQL are then
moved past the copied ids. Times are the same text in both schemas: rows go over unchanged.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from .postgres import PostgresStore
from .records import StoreError
from .sqlite import Store

logger = logging.getLogger(__name__)

# Parents before children (foreign keys); tables not named here are copied after these, by name.
TABLE_ORDER = ("candidates", "questions", "forwards", "faq", "chat_states", "recruiters", "held_replies",
               "mailbox_folders", "mailbox_mails")
SKIPPED = frozenset({"_migrations", "sqlite_sequence"})


@dataclass(frozen=True)
class TableCopy:
    """What the copy did to one table: rows in the SQLite file, rows added to PostgreSQL."""

    table: str
    read: int
    added: int


async def copy_sqlite_to_postgres(source: Path, url: str) -> list[TableCopy]:
    """Copy every row of the SQLite database at `source` into the PostgreSQL database at `url`."""
    if not source.is_file():
        raise StoreError(f"no SQLite database at {source}: give --from FILE or set DATABASE_PATH")
    report: list[TableCopy] = []
    async with await Store.open(source) as sqlite, await PostgresStore.open(url) as postgres:
        tables = await sqlite.table_names()
        ordered = [t for t in TABLE_ORDER if t in tables] + sorted(set(tables) - set(TABLE_ORDER) - SKIPPED)
        for table in ordered:
            columns, rows = await sqlite.table_rows(table)
            added = await postgres.add_rows(table, columns, rows)
            report.append(TableCopy(table, len(rows), added))
            logger.info("copied %s: %d rows read, %d added", table, len(rows), added)
        await postgres.move_sequences_past_ids(ordered)
    return report
