"""Sliding-window rate limits, keyed by whatever must be limited (a chat, an email address).

    codes = RateLimit(limit=3, period=timedelta(hours=24))
    if codes.allow("rh@example.org"):
        ...  # the 1st, 2nd or 3rd time in 24 h

Counts live in memory (one process serves the bot); memory stays bounded by forgetting keys whose
window has passed once too many keys are held.
"""

from __future__ import annotations

import collections
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import timedelta

MAX_KEYS = 50_000


@dataclass
class RateLimit:
    """At most `limit` events per key within any `period`."""

    limit: int
    period: timedelta
    clock: Callable[[], float] = time.monotonic
    _events: dict[Hashable, collections.deque[float]] = field(default_factory=dict, init=False, repr=False)

    def allow(self, key: Hashable) -> bool:
        """Count one event for key and say yes, or say no (and count nothing) when key is at its limit."""
        if self.exhausted(key):
            return False
        self._events.setdefault(key, collections.deque()).append(self.clock())
        if len(self._events) > MAX_KEYS:
            self._forget_quiet()
        return True

    def exhausted(self, key: Hashable) -> bool:
        """Has key used up its events for now?"""
        events = self._events.get(key)
        if events is None:
            return False
        horizon = self.clock() - self.period.total_seconds()
        while events and events[0] <= horizon:
            events.popleft()
        if not events:
            del self._events[key]
            return False
        return len(events) >= self.limit

    def _forget_quiet(self) -> None:
        horizon = self.clock() - self.period.total_seconds()
        for key in [k for k, events in self._events.items() if not events or events[-1] <= horizon]:
            del self._events[key]
