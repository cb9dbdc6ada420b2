"""Rate limits kept in one process's memory, for the backends that serve one process (SQLite, in memory).

PostgreSQL keeps them in the database instead (the rate_events table), shared by every process.
"""

from __future__ import annotations

import collections
from dataclasses import dataclass, field
from datetime import datetime, timedelta

MAX_KEYS = 50_000  # keys held before the quiet ones are forgotten
QUIET = timedelta(days=1)  # a key with no event for this long is forgotten when too many are held


@dataclass
class RecentEvents:
    """The times of recent events per key (a chat's questions...), within a sliding period."""

    events: dict[str, collections.deque[datetime]] = field(default_factory=dict)

    def allow(self, key: str, *, limit: int, period: timedelta, now: datetime, count: bool = True) -> bool:
        """Count one event for key and say yes, or say no (counting nothing) when `limit` were counted within
        `period` before now (count=False: only say whether it would be allowed)."""
        recent = self.events.setdefault(key, collections.deque())
        while recent and recent[0] <= now - period:
            recent.popleft()
        if len(recent) >= limit or not count:
            return len(recent) < limit
        recent.append(now)
        if len(self.events) > MAX_KEYS:
            for quiet in [k for k, times in self.events.items() if not times or times[-1] <= now - QUIET]:
                del self.events[quiet]
        return True

    def forget_chat(self, chat_id: str) -> None:
        """Forget the counts of a chat (keys ending with ":<chat id>")."""
        for key in [k for k in self.events if k.endswith(f":{chat_id}")]:
            del self.events[key]
