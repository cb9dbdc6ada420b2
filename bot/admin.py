"""The admins' side, independent of any transport: reload the knowledge, statistics, pending forwards.

The knowledge in service is held by a Knowledge object: a reload builds a whole new engine in a worker
thread, then swaps one reference, so that a conversation in flight (which took the engine once at its
start) never sees half a knowledge base.
"""

from __future__ import annotations

import asyncio
import html
import logging
from collections.abc import Awaitable, Callable, Collection

from .conversation import Reply
from .engine import Engine
from .held import HELD_COMMANDS, HeldDesk, render_held
from .identity import ChatId
from .inputs import parse_number
from .reload import ReloadReport, failed_reload, reload_engine
from .stats import Stats, collect, pending_forwards, render_pending
from .storage import Storage

logger = logging.getLogger(__name__)

ADMIN_COMMANDS = frozenset({"reload", "recharger", "stats", "statistiques", "pending", "attente",
                            *HELD_COMMANDS})
DEFAULT_STATS_DAYS = 30
MAX_STATS_DAYS = 3660  # /stats N: N days back, at most ten years; anything else gives the default


def admin_command(text: str) -> tuple[str, str] | None:
    """The admin command a text is ("/stats 7" -> ("stats", "7")), or None for anything else."""
    command, _, args = text[1:].partition(" ") if text.startswith("/") else ("", "", "")
    command = command.split("@", 1)[0].lower()
    return (command, args) if command in ADMIN_COMMANDS else None


def admin_language(language_code: str | None) -> str:
    """The language of the admins' replies: English for an English-speaking user, else French."""
    return "en" if (language_code or "").startswith("en") else "fr"


Reloader = Callable[[Engine], tuple[Engine, ReloadReport]]


class Knowledge:
    """The engine in service, swapped whole by reloads (one at a time)."""

    def __init__(self, engine: Engine, *, reloader: Reloader = reload_engine) -> None:
        self._engine = engine
        self._lock = asyncio.Lock()
        self._reloader = reloader
        # Told after each reload made here (not one asked by `announce=False`): the service tells the other
        # processes on the same database, which then reload too.
        self.on_reload: Callable[[], Awaitable[None]] | None = None

    def current(self) -> Engine:
        """The knowledge base to answer with."""
        return self._engine

    async def reload(self, *, announce: bool = True) -> ReloadReport:
        """Re-read the knowledge folder and swap it in, keeping the previous version of broken files; then,
        when `announce`, tell on_reload (the other processes)."""
        report = await self._reload()
        if announce and self.on_reload is not None:
            try:
                await self.on_reload()
            except Exception:  # this process reloaded: the others keep their knowledge until their next reload
                logger.exception("reloaded here, but the other processes could not be told")
        return report

    async def _reload(self) -> ReloadReport:
        async with self._lock:
            try:
                engine, report = await asyncio.to_thread(self._reloader, self._engine)
            except Exception as exc:  # a bug or a resource error: report it, keep the knowledge in service
                logger.exception("the reload failed; the previous knowledge stays in service")
                return failed_reload(self._engine, f"the reload failed ({type(exc).__name__}: {str(exc)[:200]})")
            self._engine = engine  # one reference: in-flight conversations keep the engine they took
        logger.info("knowledge reloaded: %d postings, %d problems", len(engine.postings), len(report.problems))
        return report


class Admin:
    """Admin commands: who may use them, and what they answer."""

    def __init__(self, knowledge: Knowledge, store: Storage, admin_ids: Collection[ChatId],
                 held: HeldDesk | None = None) -> None:
        """`admin_ids`: the chats ("telegram:1234") whose users are admins; `held`: the replies by email
        waiting for an admin (/relay N, /drop N)."""
        self._knowledge = knowledge
        self._store = store
        self._admins = frozenset(admin_ids)
        self._held = held  # replies by email from another domain, waiting for an admin

    def is_admin(self, user_id: ChatId) -> bool:
        """Is this user (their chat key) one of the admins (ADMIN_IDS on Telegram)?"""
        return user_id in self._admins

    async def handle(self, user_id: ChatId, command: str, args: str, lang: str) -> list[Reply]:
        """Run an admin command for a user, or refuse politely (and log the attempt)."""
        if not self.is_admin(user_id):
            logger.warning("admin command /%s refused to a user who is not in ADMIN_IDS", command)
            return [Reply("Cette commande est réservée aux administrateurs du bot." if lang == "fr"
                          else "This command is for the bot's administrators.")]
        if command in {"reload", "recharger"}:
            report = await self._knowledge.reload()
            return [Reply(html.escape(report.summary(lang), quote=False))]
        names = {p.slug: p.display_name for p in self._knowledge.current().postings}
        if command in {"stats", "statistiques"}:
            days = parse_number(args, lower=1, upper=MAX_STATS_DAYS) or DEFAULT_STATS_DAYS
            stats = await collect(self._store, days=days, matcher=self._knowledge.current().matcher)
            text = Reply(f"<pre>{html.escape(stats.render(lang=lang, names=names), quote=False)}</pre>")
            return [text, *await _chart(stats, lang, self._knowledge.current())]
        if command in HELD_COMMANDS:
            decided = await self._held.decide(command, args, lang) if self._held else "?"
            return [Reply(html.escape(decided, quote=False))]
        forwards = await pending_forwards(self._store)
        pending = render_pending(forwards, lang=lang, names=names) + render_held(await self._store.held_replies(),
                                                                                lang=lang)
        return [Reply(f"<pre>{html.escape(pending, quote=False)}</pre>")]


async def _chart(stats: Stats, lang: str, engine: Engine) -> list[Reply]:
    """The statistics as a picture (a photo), or nothing when the chart extra is not installed."""
    from .chart import ChartUnavailable, draw_chart

    topics = {intent.name: intent.label_in(lang) for intent in engine.lexicon.intents}
    try:
        png = await asyncio.to_thread(draw_chart, stats, lang=lang, topics=topics)
    except ChartUnavailable as exc:
        logger.info("/stats sent without its chart: %s", exc)
        return []
    caption = ("Questions par semaine et sujets sans réponse" if lang == "fr"
               else "Questions per week and unanswered topics")
    return [Reply(caption, image=png)]
