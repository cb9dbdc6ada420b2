"""The per-user token buckets of the scheduler (bot.app.UserBuckets): a burst, then a steady rate."""

from __future__ import annotations

from bot.app import UserBuckets


def test_a_user_gets_a_burst_then_one_update_per_interval() -> None:
    buckets = UserBuckets(burst=3, per_second=1.0)
    assert [buckets.take(1, now=0.0) for _ in range(4)] == [True, True, True, False]
    assert buckets.take(1, now=0.5) is False
    assert buckets.take(1, now=1.1) is True  # one more token after a second
    assert buckets.take(2, now=1.1) is True  # another user has their own bucket


def test_a_flooding_user_is_told_once_until_their_bucket_is_full_again() -> None:
    buckets = UserBuckets(burst=2, per_second=1.0)
    buckets.take(1, now=0.0), buckets.take(1, now=0.0)
    assert [buckets.first_refusal(1, now=t) for t in (0.0, 0.1, 0.5)] == [True, False, False]
    assert buckets.first_refusal(1, now=10.0) is True  # a new flood, after a quiet spell


def test_idle_users_are_forgotten_so_memory_stays_bounded() -> None:
    buckets = UserBuckets(burst=5, per_second=1.0)
    for user in range(UserBuckets.PRUNE_AT):
        buckets.take(user, now=0.0)
    assert len(buckets) == UserBuckets.PRUNE_AT
    buckets.take(-1, now=60.0)  # a minute later every bucket is full again: forgotten
    assert len(buckets) == 1
