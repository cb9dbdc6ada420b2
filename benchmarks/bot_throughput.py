"""Benchmark: updates per second through the whole bot, against a bare echo bot on the same harness.

A benchmark, not a test: it prints figures and asserts nothing.

    python benchmarks/bot_throughput.py --knowledge ../shared/corpus

The fake Bot API server (tests/fake_bot_api.py) runs in a child process on 127.0.0.1, so that its CPU
does not share the bot's event loop. 50 candidates each open a posting (/start <slug>, not timed), then
send questions; every update gets one reply (the per-user limits are off: each candidate sends its questions
at once). The figure is replies received per second, from the first
injected question to the last reply: the whole stack (PTB polling over HTTP, conversation, engine,
SQLite, sendMessage). The echo run replaces the bot's handlers by one that echoes the text, with the same
update processing (per-chat order, chats concurrently); the sequential echo run uses PTB's default.
`--postgres` also runs the full bot on PostgreSQL (a throwaway server, tests/pg_server.py), "bot-postgres".
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp

PROJECT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(PROJECT), str(PROJECT / "tests")]

TOKEN = "123456:BENCH-token"
QUESTIONS = ("Le poste est-il en télétravail ?", "Combien de temps dure la mission ?", "c'est payé combien ?",
             "Is remote work possible?", "Quand commence la mission ?", "Comment postuler ?",
             "Faut-il connaître Python ?", "What's the tech stack?")


# --- the child process: the fake server plus a control endpoint --------------------------------------

async def serve() -> None:
    """Run the fake Bot API and a control server until stdin closes; print their URLs on stdout."""
    from aiohttp import web

    from fake_bot_api import FakeBotApi, User

    api = FakeBotApi(token=TOKEN, known_chats_only=False)
    await api.start()

    async def inject(request: web.Request) -> web.Response:
        for user_id, text in await request.json():
            api.send_text(User(id=user_id, first_name=f"C{user_id}"), text)
        return web.json_response({"ok": True})

    async def stats(request: web.Request) -> web.Response:
        sent = api.calls("sendMessage")
        return web.json_response({"sent": len(sent), "last": sent[-1].time if sent else 0.0, "now": time.monotonic()})

    async def reset(request: web.Request) -> web.Response:
        api.sent.clear()
        return web.json_response({"ok": True})

    control = web.Application()
    control.add_routes([web.post("/inject", inject), web.get("/stats", stats), web.post("/reset", reset)])
    runner = web.AppRunner(control)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    print(json.dumps({"base_url": api.base_url, "control": f"http://127.0.0.1:{port}"}), flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)  # until the parent closes stdin
    await runner.cleanup()
    await api.stop()


@contextlib.asynccontextmanager
async def fake_server() -> AsyncIterator[dict[str, str]]:
    process = await asyncio.create_subprocess_exec(sys.executable, __file__, "--serve", stdin=asyncio.subprocess.PIPE,
                                                   stdout=asyncio.subprocess.PIPE)
    assert process.stdout is not None and process.stdin is not None
    line = await asyncio.wait_for(process.stdout.readline(), timeout=30)
    try:
        yield json.loads(line)
    finally:
        process.stdin.close()
        try:
            await asyncio.wait_for(process.wait(), timeout=10)
        except TimeoutError:
            process.kill()


# --- the parent: the bot under test ----------------------------------------------------------------

def build(mode: str, base_url: str, knowledge: Path, database: Path, engine: Any, database_url: str = "") -> Any:
    from telegram import Update
    from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters

    from bot.app import UpdateLimits, build_application
    from bot.config import Settings

    if mode.startswith("bot"):
        # no send-rate limiter: Telegram's own 30 messages/s cap would hide the bot's throughput
        settings = Settings(telegram_token=TOKEN, telegram_api_url=base_url, knowledge_dir=knowledge,
                            database_path=database, database_url=database_url, telegram_rate_limit=False,
                            questions_per_minute=0)
        return build_application(settings, engine=engine, limits=UpdateLimits.unlimited())

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None and update.message.text is not None
        await update.message.reply_text(update.message.text)

    from bot.app import CONNECTIONS, PerChatUpdateProcessor

    builder = ApplicationBuilder().token(TOKEN).base_url(base_url)
    if mode == "echo":  # the same update processing as the bot's, so that only the handlers differ
        builder = builder.concurrent_updates(PerChatUpdateProcessor(UpdateLimits.unlimited()))
        builder = builder.connection_pool_size(CONNECTIONS)
    app = builder.build()  # "echo-sequential": PTB's default, one update at a time
    app.add_handler(MessageHandler(filters.TEXT, echo))
    return app


async def count_replies(http: aiohttp.ClientSession, control: str) -> dict[str, float]:
    async with http.get(f"{control}/stats") as response:
        result: dict[str, float] = await response.json()
        return result


async def wait_replies(http: aiohttp.ClientSession, control: str, count: int, timeout: float) -> dict[str, float]:
    deadline = time.monotonic() + timeout
    while True:
        stats = await count_replies(http, control)
        if stats["sent"] >= count or time.monotonic() > deadline:
            return stats
        await asyncio.sleep(0.02)


async def run_once(mode: str, knowledge: Path, engine: Any, slugs: list[str], *, candidates: int,
                   per_candidate: int, database_url: str = "") -> tuple[float, float]:
    """Updates per second for one mode, and the bot process's CPU milliseconds per update."""
    async with fake_server() as urls, aiohttp.ClientSession() as http:
        control = urls["control"]
        with tempfile.TemporaryDirectory() as tmp:
            app = build(mode, urls["base_url"], knowledge, Path(tmp) / "bot.sqlite3", engine,
                        database_url if mode == "bot-postgres" else "")
            await app.initialize()
            if app.post_init:
                await app.post_init(app)
            await app.updater.start_polling(timeout=1, poll_interval=0)
            await app.start()
            try:
                users = [900_000 + n for n in range(candidates)]
                await http.post(f"{control}/inject", json=[[u, f"/start {slugs[n % len(slugs)]}"]
                                                           for n, u in enumerate(users)])
                await wait_replies(http, control, candidates, timeout=60)
                await http.post(f"{control}/reset")
                questions = [[u, QUESTIONS[(n + k) % len(QUESTIONS)]]
                             for k in range(per_candidate) for n, u in enumerate(users)]
                start = time.monotonic()
                cpu = time.process_time()
                await http.post(f"{control}/inject", json=questions)
                stats = await wait_replies(http, control, len(questions), timeout=120)
                elapsed = time.monotonic() - start
                cpu_ms = (time.process_time() - cpu) * 1000 / len(questions)
                if stats["sent"] < len(questions):
                    raise SystemExit(f"{mode}: only {stats['sent']:.0f} of {len(questions)} replies in time")
                return len(questions) / elapsed, cpu_ms
            finally:
                await app.updater.stop()
                await app.stop()
                if app.post_shutdown:
                    await app.post_shutdown(app)
                await app.shutdown()


async def main(args: argparse.Namespace) -> None:
    from bot.engine import Engine

    engine = Engine.load(args.knowledge)
    slugs = [p.slug for p in engine.postings]
    figures: dict[str, list[float]] = {"echo": [], "bot": [], "echo-sequential": []}
    with contextlib.ExitStack() as stack:
        cluster = None
        if args.postgres:
            from pg_server import PgCluster

            figures["bot-postgres"] = []
            cluster = stack.enter_context(PgCluster.start())
        cpu: dict[str, list[float]] = {mode: [] for mode in figures}
        for _ in range(args.repeat):
            for mode in figures:
                url = cluster.new_database() if cluster is not None and mode == "bot-postgres" else ""
                rate, cpu_ms = await run_once(mode, args.knowledge, engine, slugs, candidates=args.candidates,
                                              per_candidate=args.questions, database_url=url)
                figures[mode].append(rate)
                cpu[mode].append(cpu_ms)
    echo, bot = statistics.median(figures["echo"]), statistics.median(figures["bot"])
    total = args.candidates * args.questions
    print(f"{len(slugs)} postings, {args.candidates} candidates, {total} questions per run, "
          f"median of {args.repeat} runs (cores: {os.cpu_count()})")
    print(f"echo bot: {echo:,.0f} updates/s   runs: {', '.join(f'{f:,.0f}' for f in figures['echo'])}")
    print(f"full bot: {bot:,.0f} updates/s   runs: {', '.join(f'{f:,.0f}' for f in figures['bot'])}")
    sequential = statistics.median(figures["echo-sequential"])
    print(f"echo bot, PTB's default sequential processing: {sequential:,.0f} updates/s   runs: "
          f"{', '.join(f'{f:,.0f}' for f in figures['echo-sequential'])}")
    if "bot-postgres" in figures:
        postgres = statistics.median(figures["bot-postgres"])
        print(f"full bot on PostgreSQL: {postgres:,.0f} updates/s   runs: "
              f"{', '.join(f'{f:,.0f}' for f in figures['bot-postgres'])}; / echo bot: {postgres / echo:.2f}")
    print(f"full bot / echo bot (same update processing): {bot / echo:.2f}; "
          f"full bot / sequential echo bot: {bot / sequential:.2f}")
    print("bot process CPU per update (median, ms): " + ", ".join(
        f"{mode} {statistics.median(values):.2f}" for mode, values in cpu.items()))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--knowledge", type=Path, default=PROJECT / "knowledge")
    parser.add_argument("--candidates", type=int, default=50)
    parser.add_argument("--questions", type=int, default=20, help="questions per candidate")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--postgres", action="store_true",
                        help="also run the full bot on PostgreSQL (a throwaway server; needs its binaries)")
    arguments = parser.parse_args()
    asyncio.run(serve() if arguments.serve else main(arguments))
