"""Sliding-window rate limits."""

from __future__ import annotations

from datetime import timedelta

from bot.limits import RateLimit


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_key_gets_its_events_then_is_refused_until_the_window_passes() -> None:
    clock = Clock()
    limit = RateLimit(2, timedelta(hours=1), clock=clock)
    assert limit.allow("a") and limit.allow("a")
    assert not limit.allow("a") and limit.exhausted("a")
    assert limit.allow("b")  # keys are counted apart
    clock.now += 3600
    assert not limit.exhausted("a") and limit.allow("a")


def test_a_refused_event_is_not_counted() -> None:
    clock = Clock()
    limit = RateLimit(1, timedelta(minutes=1), clock=clock)
    assert limit.allow(1)
    for _ in range(10):
        clock.now += 5
        assert not limit.allow(1)
    clock.now += 10  # 60 s after the only counted event
    assert limit.allow(1)
