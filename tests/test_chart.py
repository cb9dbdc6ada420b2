"""For admins who would rather look than read: the statistics as a chart, from the command line
(`stats --chart FILE.png`) and with `/stats` in Telegram (a photo)."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.chart import draw_chart
from bot.config import Settings
from bot.stats import collect
from bot.storage.sqlite import Store
from conftest import KNOWLEDGE, PROJECT
from fake_bot_api import FakeBotApi, User
from test_bot_e2e import running, say, settings  # noqa: F401 (fixtures)

SICOVAL = "2021-08-30-sicoval-pm"
PNG = b"\x89PNG\r\n\x1a\n"
NOW = datetime(2026, 11, 25, 12, tzinfo=UTC)  # a Wednesday
ADMIN = User(id=7101, first_name="Ada", language_code="fr")


async def _history(database: Path, *, now: datetime = NOW) -> None:
    """Questions over three weeks: answered, unanswered (pay, twice), forwarded and answered by a recruiter."""
    async with await Store.open(database) as store:
        for days, text, answered, intent in [(15, "télétravail ?", True, "remote"), (8, "TJM ?", False, "pay"),
                                             (8, "salaire ?", False, "pay"), (1, "durée ?", True, "duration"),
                                             (1, "tickets resto ?", False, "")]:
            qid = await store.record_question(chat_id="test:1", text=text, posting=SICOVAL, answered=answered,
                                              intent=intent, now=now - timedelta(days=days))
        forward = await store.create_forward(question_id=qid, chat_id="test:1", posting=SICOVAL, contact="a@b.fr",
                                             candidate_name=None, token="t", token_hash="h",
                                             token_expires_at=now + timedelta(days=1), now=now)
        assert forward is not None
        await store.answer_forward(forward, "Oui, des titres-restaurant.", now=now)


@pytest.mark.asyncio
async def test_the_statistics_count_each_week_and_the_unanswered_topics(tmp_path: Path) -> None:
    database = tmp_path / "bot.sqlite3"
    await _history(database)
    async with await Store.open(database) as store:
        stats = await collect(store, days=21, now=NOW)
    weeks = {monday.isoformat(): figures for monday, figures in stats.weeks}
    assert list(weeks) == ["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"]
    assert weeks["2026-11-09"].answered == 1 and weeks["2026-11-16"].unanswered == 2
    assert weeks["2026-11-23"].forwarded == 1 and weeks["2026-11-23"].answered_by_recruiter == 1
    assert stats.unanswered_topics[0] == ("pay", 2)


@pytest.mark.asyncio
async def test_the_chart_is_a_png_even_with_no_question(tmp_path: Path) -> None:
    async with await Store.open(tmp_path / "bot.sqlite3") as store:
        stats = await collect(store, days=30, now=NOW)
    png = draw_chart(stats, lang="en")
    assert png.startswith(PNG) and len(png) > 5_000


def test_stats_chart_writes_a_png_file(tmp_path: Path) -> None:
    database = tmp_path / "bot.sqlite3"
    asyncio.run(_history(database, now=datetime.now(UTC)))
    chart = tmp_path / "stats.png"
    result = subprocess.run([sys.executable, "-m", "bot", "stats", "--knowledge", str(KNOWLEDGE), "--database",
                             str(database), "--chart", str(chart)], cwd=PROJECT, capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert "Toutes offres : 5 questions" in result.stdout
    assert f"chart written to {chart}" in result.stderr
    assert chart.read_bytes().startswith(PNG) and chart.stat().st_size > 10_000


def test_stats_chart_without_matplotlib_says_how_to_install_it(tmp_path: Path) -> None:
    database = tmp_path / "bot.sqlite3"
    asyncio.run(_history(database))
    hide = ("import sys; sys.modules['matplotlib'] = None; from bot.cli import main; "  # as if not installed
            f"sys.exit(main(['stats', '--knowledge', {str(KNOWLEDGE)!r}, '--database', {str(database)!r}, "
            f"'--chart', {str(tmp_path / 'stats.png')!r}]))")
    result = subprocess.run([sys.executable, "-c", hide], cwd=PROJECT, capture_output=True, text=True, timeout=120,
                            check=False, env={**os.environ})
    assert result.returncode == 2
    assert result.stderr.strip() == ('error: --chart needs matplotlib, which is not installed: '
                                     'pip install -e ".[chart]" (or pip install "matplotlib>=3.8")')
    assert not (tmp_path / "stats.png").exists()


@pytest.mark.asyncio
async def test_stats_in_telegram_sends_the_chart_as_a_photo(api: FakeBotApi, settings: Settings) -> None:  # noqa: F811
    await _history(settings.database_path, now=datetime.now(UTC))
    async with running(replace(settings, admin_ids=frozenset({ADMIN.id}))):
        [report] = await say(api, ADMIN, "/stats", timeout=30)  # the chart is drawn first
        [photo] = await api.wait_for_calls("sendPhoto", timeout=30)
    assert "Toutes offres : 5 questions" in (report.text or "")
    assert photo.ok and photo.chat_id == ADMIN.id
    upload = photo.params["photo"]
    assert upload["data"].startswith(PNG) and upload["size"] > 10_000
    assert photo.result["caption"] == "Questions par semaine et sujets sans réponse"
    assert api.photos_to(ADMIN.id) == [photo]


@pytest.fixture
def database() -> dict[str, object]:
    """These tests need not run on every backend (conftest.database): SQLite only."""
    return {}
