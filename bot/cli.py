"""Command line: `python -m bot COMMAND --knowledge DIR ...`.

Commands that do not talk to Telegram never import it, so they start fast.
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from .cache import cache_folder
from .engine import Engine
from .errors import ConfigError
from .models import Abstention, Answer

if TYPE_CHECKING:
    from .config import Settings

logger = logging.getLogger(__name__)


class UsageError(Exception):
    """The command cannot run as given (a missing folder, an unknown posting...): exit status 2."""


SECRET_VARIABLES = ("TELEGRAM_TOKEN", "SMTP_PASSWORD", "WEBHOOK_SECRET")


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line and run one command; return the exit status: 0 done, 1 a runtime failure,
    2 a usage or configuration error (each error is one line on stderr: what, where, what to do)."""
    parser = _parser()
    args = parser.parse_args(argv)
    verbose = bool(getattr(args, "verbose", False))
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, format=LOG_FORMAT)
    for log_handler in logging.getLogger().handlers:  # PTB logs its URLs, with the token, at DEBUG
        log_handler.setFormatter(RedactingFormatter(LOG_FORMAT))
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        print("\nchoose a COMMAND, e.g. 'python -m bot chat' to talk to the bot in the terminal", file=sys.stderr)
        return 2
    if hasattr(args, "knowledge") and args.knowledge is None:
        args.knowledge = Path(os.environ.get("KNOWLEDGE_DIR", "").strip() or "knowledge")
    try:
        status: int = handler(args)
    except ConfigError as exc:
        return _fail(f"configuration error: {exc}", 2)
    except UsageError as exc:
        return _fail(f"error: {exc}", 2)
    except _Exit as exc:
        return _fail(f"error: {exc}", exc.status)
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
    except Exception as exc:  # one line, not a traceback; -v logs it in full
        logger.debug("the command failed", exc_info=True)
        hint = "" if verbose else " (run again with -v for the details)"
        return _fail(f"error: {type(exc).__name__}: {exc}{hint}", 1)
    return status


LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


_URL_PASSWORD = re.compile(r"(postgres(?:ql)?://[^:/@\s]*:)[^@\s]+@")


def redact(text: str) -> str:
    """The text with the values of the secret variables (token, passwords) replaced by their names, and the
    password of any database URL (DATABASE_URL's, or one given on the command line) by ***."""
    for name in SECRET_VARIABLES:
        secret = os.environ.get(name, "").strip()
        if len(secret) >= 4:
            text = text.replace(secret, f"<{name}>")
    database_password = _url_password(os.environ.get("DATABASE_URL", ""))
    if len(database_password) >= 4:
        text = text.replace(database_password, "<DATABASE_URL password>")
    return _URL_PASSWORD.sub(r"\1***@", text)


def _url_password(url: str) -> str:
    from urllib.parse import unquote, urlsplit

    try:
        password = urlsplit(url.strip()).password or ""
    except ValueError:
        return ""
    return unquote(password)


class RedactingFormatter(logging.Formatter):
    """Log lines (and tracebacks) with no secret in them, whatever the level."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def _fail(message: str, status: int) -> int:
    """Print one error line on stderr, secrets masked, and return the exit status."""
    print(" ".join(redact(message).split()), file=sys.stderr)
    return status


def _needs_action(parser: argparse.ArgumentParser, actions: str) -> Callable[[argparse.Namespace], int]:
    """The handler of a command given without its action: say which actions there are (exit 2)."""

    def handler(args: argparse.Namespace) -> int:
        parser.print_usage(sys.stderr)
        print(f"{parser.prog}: choose an action: {actions}", file=sys.stderr)
        return 2

    return handler


def load_engine(args: argparse.Namespace, *, empty_ok: bool = False) -> Engine:
    """The engine over --knowledge; a UsageError when the folder is missing or holds no posting."""
    folder = knowledge_folder(args)
    # A command holds one engine until it exits: its millions of objects are set aside from the garbage
    # collector (frozen before it runs again), whose full collections would otherwise go through all of them
    # again and again, the first one as soon as the load is over.
    gc.disable()
    try:
        engine = _load_with_progress(folder, cache_dir(args))
    finally:
        gc.freeze()
        gc.enable()
    if not engine.postings and not empty_ok:
        failed = sum(p.severity == "error" for p in engine.problems)
        if failed:
            raise UsageError(f"knowledge folder {folder}: none of its {failed} posting file(s) could be loaded; "
                             f"run 'python -m bot check --knowledge {folder}' to see why")
        raise UsageError(f"knowledge folder {folder} holds no posting (*.md file with YAML front matter, in "
                         f"{folder}/postings or {folder} itself): give --knowledge DIR or set KNOWLEDGE_DIR")
    return engine


def knowledge_folder(args: argparse.Namespace) -> Path:
    """The --knowledge folder; a UsageError when it is not a folder."""
    folder: Path = args.knowledge
    if not folder.is_dir():
        where = "it is a file" if folder.exists() else "it does not exist"
        raise UsageError(f"knowledge folder {folder}: {where}; give --knowledge DIR or set KNOWLEDGE_DIR "
                         "(a folder of postings: Markdown files with YAML front matter)")
    return folder


def cache_dir(args: argparse.Namespace) -> Path | None:
    """The folder of the index cache: --cache-dir, else $CACHE_DIR, else beside the database; None with
    --no-cache."""
    if getattr(args, "no_cache", False):
        return None
    given: Path | None = getattr(args, "cache_dir", None)
    return given if given is not None else cache_folder(os.environ)


def _load_with_progress(folder: Path, cache: Path | None) -> Engine:
    from .progress import status

    with status(f"loading {folder}"):
        return Engine.load(folder, default_contact=_default_contact(), cache_dir=cache)


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--knowledge", type=Path, default=None, metavar="DIR",
                        help="knowledge folder: postings (DIR/postings or DIR itself), lexicon.yaml "
                             "(default: $KNOWLEDGE_DIR, else ./knowledge)")
    common.add_argument("--cache-dir", type=Path, default=None, metavar="DIR",
                        help="where the built index is cached (default: $CACHE_DIR, else 'cache' beside the "
                             "database: ./var/cache)")
    common.add_argument("--no-cache", action="store_true", help="build the index from the files, cache nothing")
    common.add_argument("-v", "--verbose", action="store_true", help="log debug messages to stderr")
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    ask = sub.add_parser("ask", parents=[common], help="answer one question, as a person reads it")
    ask.add_argument("question")
    ask.add_argument("--posting", metavar="SLUG", help="posting slug or file stem (default: find it)")
    ask.set_defaults(handler=cmd_ask)

    answer = sub.add_parser("answer", parents=[common], help="answer questions in batch (JSON Lines)")
    answer.add_argument("--jsonl", action="store_true", required=True,
                        help='read {"id", "posting", "question"} lines on stdin, write answers on stdout')
    answer.set_defaults(handler=cmd_answer)

    check = sub.add_parser("check", parents=[common],
                           help="lint the knowledge folder: a line per problem, exit 1 when a file cannot be loaded")
    check.add_argument("--no-coverage", action="store_true",
                       help="do not list the common questions each posting cannot answer")
    check.set_defaults(handler=cmd_check)

    evaluate = sub.add_parser("eval", parents=[common], help="accuracy on labelled questions, with the errors")
    evaluate.add_argument("questions", type=Path, help="JSON Lines file of labelled questions")
    evaluate.add_argument("--quiet", action="store_true", help="print the figures only, not the errors")
    evaluate.set_defaults(handler=cmd_eval)

    postings = sub.add_parser("postings", parents=[common],
                              help="list postings with slug, title, file, status and Telegram deep link")
    postings.add_argument("--json", action="store_true", help="a JSON list of objects instead of a table")
    postings.add_argument("--bot", metavar="USERNAME", default=os.environ.get("BOT_USERNAME", ""),
                          help="the bot's username, for the deep links (default: $BOT_USERNAME)")
    postings.set_defaults(handler=cmd_postings)

    run = sub.add_parser("run", parents=[common], help="run the Telegram bot by long polling (needs TELEGRAM_TOKEN)")
    run.add_argument("--watch", action="store_true", help="reload the knowledge when its files change")
    run.add_argument("--retries", type=int, default=5, metavar="N",
                     help="attempts to reach Telegram at start-up before giving up (default: 5)")
    run.set_defaults(handler=cmd_run)
    stats = sub.add_parser("stats", parents=[common], help="what candidates ask and what goes unanswered")
    stats.add_argument("--days", type=int, default=30, help="the period, in days (default: 30)")
    stats.add_argument("--database", type=Path, default=None,
                       help="the SQLite file (default: $DATABASE_PATH, else ./var/bot.sqlite3)")
    stats.add_argument("--pending", action="store_true", help="list the forwards not delivered or not answered")
    stats.add_argument("--chart", type=Path, default=None, metavar="FILE.png",
                       help="also draw the questions per week and the most asked unanswered topics as a PNG "
                            "(needs the chart extra: pip install -e '.[chart]')")
    stats.set_defaults(handler=cmd_stats)
    webhook = sub.add_parser("webhook", parents=[common],
                             help="run the Telegram bot behind a webhook on $PORT (needs WEBHOOK_URL, WEBHOOK_SECRET)")
    webhook.add_argument("--retries", type=int, default=5, metavar="N",
                         help="attempts to reach Telegram at start-up before giving up (default: 5)")
    webhook.set_defaults(handler=cmd_webhook)
    chat = sub.add_parser("chat", parents=[common], help="talk to the bot in the terminal, no token needed")
    chat.add_argument("--database", type=Path, default=None,
                      help="SQLite file for the conversation state (default: in memory)")
    chat.add_argument("--lang", choices=("fr", "en"), default=None,
                      help="your language, as Telegram would tell the bot (default: French, English for an "
                           "English question)")
    chat.add_argument("--name", default=_login_name(), metavar="FIRST_NAME",
                      help="the first name offered to sign a forwarded question, as Telegram's profile name "
                           "(default: your login name; --name '' for none)")
    chat.set_defaults(handler=cmd_chat)

    faq = sub.add_parser("faq", parents=[common], help="recruiters' FAQ answers: export them as YAML in the knowledge")
    faq.set_defaults(handler=_needs_action(faq, "export"))
    faq_sub = faq.add_subparsers(title="faq commands", metavar="ACTION")
    export = faq_sub.add_parser("export", parents=[common],
                                help="write the FAQ entries of the database to DIR/faq/<posting>.yaml")
    export.add_argument("--database", type=Path, default=None,
                        help="the SQLite file (default: $DATABASE_PATH, else ./var/bot.sqlite3)")
    export.set_defaults(handler=cmd_faq_export)

    db = sub.add_parser("db", parents=[common], help="the database: apply its migrations, copy SQLite into PostgreSQL")
    db.set_defaults(handler=_needs_action(db, "migrate, copy"))
    db_sub = db.add_subparsers(title="db commands", metavar="ACTION")
    migrate = db_sub.add_parser("migrate", parents=[common],
                                help="apply the pending migrations to $DATABASE_URL, else $DATABASE_PATH (the "
                                     "Procfile's release phase; safe when two processes run it at once)")
    migrate.set_defaults(handler=cmd_db_migrate)
    copy = db_sub.add_parser("copy", parents=[common],
                             help="copy an SQLite database into PostgreSQL, idempotently (run it again: nothing "
                                  "is copied twice)")
    copy.add_argument("--to", required=True, metavar="URL", help='the PostgreSQL database, e.g. "$DATABASE_URL"')
    copy.add_argument("--from", dest="source", type=Path, default=None, metavar="FILE",
                      help="the SQLite file (default: $DATABASE_PATH, else ./var/bot.sqlite3)")
    copy.set_defaults(handler=cmd_db_copy)

    bench = sub.add_parser("bench", parents=[common], help="benchmark: build time, questions/s, memory")
    bench.add_argument("--limit", type=int, default=3000, help="questions per mode at most (default: 3000)")
    bench.add_argument("--scale", type=int, default=10, metavar="N",
                       help="also measure a collection N times as large, made of renamed copies (default: 10; "
                            "0: not)")
    bench.set_defaults(handler=cmd_bench)
    return parser


def cmd_ask(args: argparse.Namespace) -> int:
    """Answer one question and print it for a person."""
    engine = load_engine(args)
    if args.posting and engine.find(args.posting) is None:
        raise UsageError(unknown_posting(engine, args.posting))
    answer = engine.answer(args.question, args.posting)
    print(format_answer(answer))
    return 0


def unknown_posting(engine: Engine, ref: str) -> str:
    """Why a posting reference finds nothing: its file failed to load, or there is no such posting."""
    folder = engine.folder
    failed = [p for p in engine.problems if p.severity == "error" and Path(p.file).stem == ref]
    if failed:
        return (f"posting '{ref}' was not loaded: {failed[0]}; fix the file "
                f"(python -m bot check --knowledge {folder} lists every problem)")
    return (f"No posting '{ref}' in {folder}: run 'python -m bot postings --knowledge {folder}' to list them")


def format_answer(answer: Answer) -> str:
    """An answer as plain text for the terminal."""
    lines: list[str] = []
    posting = answer.posting
    if posting is not None:
        lines.append(f"Posting: {posting.display_name} [{posting.slug}]"
                     + ("" if posting.is_open else " (closed)"))
    if answer.answered:
        lines.append(f"Section: {answer.section}")
        lines.extend(f"  {passage.text}" for passage in answer.passages)
        lines.append(f"Score: {answer.score:.2f} (intent: {answer.intent or 'none'})")
    else:
        lines.append(f"No answer: {describe_abstention(answer)}")
        if answer.alternatives:
            lines.append("Which posting? " + " | ".join(f"{p.display_name} [{p.slug}]"
                                                        for p in answer.alternatives))
        if answer.forward_to:
            lines.append(f"The question would be forwarded to: {answer.forward_to}")
    return "\n".join(lines)


def describe_abstention(answer: Answer) -> str:
    """Why the engine did not answer, in plain words."""
    detail = answer.reason_detail
    said = {
        Abstention.NOT_COVERED: f"the posting does not say ({answer.intent or 'this topic'})",
        Abstention.NOT_MENTIONED: f"the posting does not mention {detail}",
        Abstention.LOW_SCORE: "no line of the posting answers this closely enough",
        Abstention.NO_SUBJECT: "the question is too vague to answer from the posting",
        Abstention.NO_POSTING: "no posting matches this question: choose a posting",
        Abstention.AMBIGUOUS: "several postings match: choose one",
    }
    return said.get(answer.abstention, answer.reason) if answer.abstention else answer.reason


def cmd_answer(args: argparse.Namespace) -> int:
    """Answer JSON Lines questions from stdin."""
    engine = load_engine(args)
    answer_stream(engine, sys.stdin, sys.stdout)
    return 0


def answer_stream(engine: Engine, source: TextIO, out: TextIO) -> None:
    """Read question lines, write one answer line each; a bad line gives an error line."""
    for number, line in enumerate(source, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            if not isinstance(item, dict) or not isinstance(item.get("question"), str):
                raise ValueError("expected an object with a 'question' string")
        except ValueError as exc:
            out.write(json.dumps({"line": number, "error": f"unreadable line: {exc}"}) + "\n")
            continue
        ref = item.get("posting")
        if ref is not None and engine.find(str(ref)) is None:
            out.write(json.dumps({"id": item.get("id"), "answered": False, "answer": "", "posting": None,
                                  "section": "", "score": 0.0, "forward_to": "",
                                  "error": f"unknown posting: {ref}"}, ensure_ascii=False) + "\n")
            continue
        answer = engine.answer(item["question"], None if ref is None else str(ref))
        out.write(json.dumps(answer_record(item.get("id"), answer), ensure_ascii=False) + "\n")


def answer_record(qid: Any, answer: Answer) -> dict[str, Any]:
    """The batch-mode line for an answer."""
    posting = answer.posting
    return {
        "id": qid,
        "answered": answer.answered,
        "answer": answer.text,
        "posting": posting.stem if posting else None,
        "section": answer.section,
        "score": answer.score,
        "forward_to": answer.forward_to,
        "reason": answer.reason,
        "alternatives": [p.stem for p in answer.alternatives],
    }


def cmd_bench(args: argparse.Namespace) -> int:
    """Measure the engine over a knowledge folder and print the figures."""
    from .bench import run

    try:
        result = run(knowledge_folder(args), limit=args.limit, scale=args.scale)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    print(result.report())
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Print every problem of the knowledge folder, run the lexicon's self-test and list the near-duplicate
    postings; exit 1 when a file could not be loaded or an example question of the lexicon is not recognised."""
    from .duplicates import near_duplicates
    from .lexicon import LexiconError
    from .lint import coverage_gaps, has_errors, self_test
    from .progress import progress

    try:
        engine = load_engine(args, empty_ok=True)
    except LexiconError as exc:  # the bundled lexicon itself is broken: nothing to fall back on
        for problem in exc.problems:
            print(problem)
        print(f"the lexicon cannot be loaded: {len(exc.problems)} problem(s)")
        return 1
    if not engine.postings and not engine.problems:
        load_engine(args)  # says that the folder holds no posting
    for problem in engine.problems:
        print(problem)
    tested = self_test(engine)
    for problem in tested.problems:
        print(problem)
    print(tested.summary())
    copies = near_duplicates(engine.postings)
    for group in copies:
        print(group)
    errors = sum(p.severity == "error" for p in engine.problems)
    summary = (f"{len(engine.postings)} postings loaded, {errors} file(s) not loaded, "
               f"{len(engine.problems) - errors} warning(s), {len(copies)} group(s) of near-duplicate postings")
    if args.no_coverage:
        print(f"{summary} (coverage not checked: --no-coverage)")
    else:
        gaps = list(progress(coverage_gaps(engine), total=len(engine.postings), desc="coverage"))
        for gap in gaps:
            print(gap)
        print(f"{summary}, {len(gaps)} postings leave common questions unanswered")
    return 1 if has_errors(engine.problems) or tested.failed else 0


def cmd_eval(args: argparse.Namespace) -> int:
    """Answer labelled questions and print the scorer's figures and the errors."""
    from .evaluation import read_jsonl, score
    from .progress import progress

    try:
        questions = read_jsonl(args.questions.read_text(encoding="utf-8").splitlines(), source=str(args.questions))
    except (OSError, ValueError) as exc:
        raise UsageError(f"cannot read the questions: {exc}") from None
    engine = load_engine(args)
    answers = []
    for item in progress(questions, desc="questions"):
        ref = item.get("posting")
        answers.append(answer_record(item.get("id"), engine.answer(item["question"], ref)))
    report = score(questions, answers)
    if not args.quiet:
        for line in report.error_lines():
            print(line)
    print(report.summary())
    return 0


def cmd_postings(args: argparse.Namespace) -> int:
    """List every posting: slug, title, file, open or closed, deep link."""
    engine = load_engine(args)
    bot = args.bot.lstrip("@") or "YOUR_BOT"
    rows = [{"slug": p.slug, "title": p.title, "file": p.path.name, "open": p.is_open,
             "link": f"https://t.me/{bot}?start={p.slug}", "startup": p.startup or p.team or p.organisation,
             "closed_reason": p.closed_reason or None} for p in engine.postings]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for row in rows:
        status = "open" if row["open"] else "closed"
        print(f"{row['slug']}\t{status}\t{row['title']}\t{row['file']}\t{row['link']}")
    if not args.bot:
        print("(give --bot USERNAME or set BOT_USERNAME for real links)", file=sys.stderr)
    return 0


def _settings(args: argparse.Namespace) -> Settings:
    from .config import Settings

    settings = Settings.from_env(os.environ)
    if args.knowledge is not None:
        from dataclasses import replace

        settings = replace(settings, knowledge_dir=args.knowledge)
    if getattr(args, "cache_dir", None) is not None:
        from dataclasses import replace

        settings = replace(settings, cache_dir=args.cache_dir)
    return settings


def cmd_run(args: argparse.Namespace) -> int:
    """Run the Telegram bot by long polling."""
    settings = _telegram_settings(args)
    if args.watch:
        from dataclasses import replace

        settings = replace(settings, watch=True)
    from .app import run_polling

    run_polling(settings)
    return 0


def cmd_webhook(args: argparse.Namespace) -> int:
    """Run the Telegram bot behind a webhook."""
    settings = _telegram_settings(args, webhook=bool(os.environ.get("WEBHOOK_URL", "").strip()))
    from .app import run_webhook

    run_webhook(settings)
    return 0


def _telegram_settings(args: argparse.Namespace, *, webhook: bool = False) -> Settings:
    """Settings checked before the bot starts: logging at INFO (DEBUG with -v), a knowledge folder with
    postings, and Telegram reached with the token (network failures retried, --retries times at most)."""
    logging.getLogger().setLevel(logging.DEBUG if args.verbose else logging.INFO)
    # httpx and httpcore: their request lines carry the bot token, even at DEBUG; aioimaplib: it logs whole mails
    for noisy in ("httpx", "httpcore", "aioimaplib"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    settings = _settings(args)
    settings.require_token()
    if webhook:
        settings.require_webhook()
    _require_posting_files(settings.knowledge_dir)
    import asyncio

    from .startup import StartupError, reach_telegram

    try:
        username = asyncio.run(reach_telegram(settings, attempts=args.retries))
    except StartupError as exc:
        raise _Exit(str(exc), exc.status) from None
    logger.info("Telegram reached: the bot is @%s", username)
    return settings


def _require_posting_files(folder: Path) -> None:
    """A UsageError unless the knowledge folder holds posting files (the bot loads them when it starts)."""
    from .knowledge import posting_files

    knowledge_folder(argparse.Namespace(knowledge=folder))
    if not posting_files(folder / "postings" if (folder / "postings").is_dir() else folder)[0]:
        raise UsageError(f"knowledge folder {folder} holds no posting (*.md file with YAML front matter): "
                         "give --knowledge DIR or set KNOWLEDGE_DIR")


class _Exit(Exception):
    """Stop the command with this message and exit status."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


def cmd_chat(args: argparse.Namespace) -> int:
    """Talk to the conversation in the terminal: type a question, a /command, or a button's number."""
    import asyncio

    from .terminal import chat

    engine = load_engine(args)
    return asyncio.run(chat(args.knowledge, database=args.database, engine=engine, language=args.lang,
                            first_name=args.name))


def _login_name() -> str:
    """The user's login name, capitalised, as a stand-in for a Telegram profile's first name."""
    import getpass

    try:
        return getpass.getuser().capitalize()[:32]
    except (OSError, KeyError):  # no login name (a container without a passwd entry)
        return ""


def _default_contact() -> str:
    """DEFAULT_CONTACT, when it is an email address (the bot itself refuses to start otherwise)."""
    value = os.environ.get("DEFAULT_CONTACT", "").strip()
    return value if "@" in value else ""


def _database(args: argparse.Namespace) -> Path | str | None:
    """The database a reading command opens: --database, else $DATABASE_URL (PostgreSQL), else the SQLite file
    $DATABASE_PATH; None (after saying so) when that file is not there."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if args.database is None and url:
        return url
    database: Path = args.database or Path(os.environ.get("DATABASE_PATH", "").strip() or "var/bot.sqlite3")
    if not database.is_file():
        print(f"no database at {database}: give --database, or set DATABASE_URL or DATABASE_PATH", file=sys.stderr)
        return None
    return database


def cmd_faq_export(args: argparse.Namespace) -> int:
    """Write the recruiters' FAQ answers kept in the database as YAML files of the knowledge folder."""
    import asyncio

    from .faq_export import export_faq

    database = _database(args)
    if database is None:
        return 2
    written = asyncio.run(export_faq(database, args.knowledge))
    for path, count in written:
        print(f"{path}: {count} entries")
    if not written:
        print("no FAQ entries in the database")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    """Print the statistics (or the pending forwards) from the database."""
    import asyncio

    from .stats import Stats, collect, pending_forwards, render_pending
    from .storage import opened_storage

    database = _database(args)
    if database is None:
        return 2
    if args.days < 1:
        print("--days must be at least 1", file=sys.stderr)
        return 2
    if args.chart is not None:
        _check_chart_target(args.chart)
    engine = load_engine(args, empty_ok=True)  # the postings' names only: the report stands without them
    names = {p.slug: p.display_name for p in engine.postings}

    async def report() -> tuple[str, Stats | None]:
        async with opened_storage(database) as store:
            if args.pending:
                return render_pending(await pending_forwards(store), names=names), None
            stats = await collect(store, days=args.days, matcher=engine.matcher)
            return stats.render(names=names), stats

    text, stats = asyncio.run(report())
    print(text)
    if args.chart is not None and stats is not None:
        from .chart import draw_chart

        args.chart.write_bytes(draw_chart(stats, lang="fr", topics=topic_names(engine, "fr")))
        print(f"chart written to {args.chart}", file=sys.stderr)
    return 0


def cmd_db_migrate(args: argparse.Namespace) -> int:
    """Apply the pending migrations to the database the environment names, and say which."""
    import asyncio

    from .config import Settings

    settings = Settings.from_env(os.environ)

    async def migrate() -> tuple[list[str], int]:
        if settings.database_url:
            from .storage.postgres import PostgresStore

            async with await PostgresStore.open(settings.database_url, migrate=False) as postgres:
                applied = await postgres.migrate()
                return applied, await postgres.schema_version()
        from .storage.sqlite import Store

        async with await Store.open(settings.database_path) as sqlite:
            return [], await sqlite.schema_version()

    applied, version = asyncio.run(migrate())
    where = settings.describe_database()
    print(f"{where}: {len(applied)} migrations applied ({', '.join(applied) or 'none pending'}), {version} in all")
    return 0


def cmd_db_copy(args: argparse.Namespace) -> int:
    """Copy the SQLite database into PostgreSQL, idempotently."""
    import asyncio

    from .config import safe_database_url
    from .storage import is_database_url
    from .storage.copy import copy_sqlite_to_postgres

    if not is_database_url(args.to):
        raise UsageError("--to must be a PostgreSQL URL (postgres://user:password@host:port/name), "
                         'e.g. --to "$DATABASE_URL"')
    source = args.source or Path(os.environ.get("DATABASE_PATH", "").strip() or "var/bot.sqlite3")
    if not source.is_file():
        raise UsageError(f"no SQLite database at {source}: give --from FILE or set DATABASE_PATH")
    report = asyncio.run(copy_sqlite_to_postgres(source, args.to))
    for table in report:
        print(f"{table.table}: {table.read} rows read, {table.added} added")
    print(f"copied {source} into {safe_database_url(args.to)}: {sum(t.added for t in report)} rows added")
    return 0


def topic_names(engine: Engine, lang: str) -> dict[str, str]:
    """The lexicon's intents by name, as people read them."""
    return {intent.name: intent.label_in(lang) for intent in engine.lexicon.intents}


def _check_chart_target(path: Path) -> None:
    """Before any work: the chart extra is installed, and the file can be written where asked."""
    try:
        import matplotlib  # noqa: F401  (the chart extra)
    except ImportError:
        from .chart import INSTALL_HINT

        raise UsageError(f"--chart needs matplotlib, which is not installed: {INSTALL_HINT}") from None
    if path.suffix.lower() != ".png":
        raise UsageError(f"--chart {path}: the chart is a PNG image, give a file name ending in .png")
    if not path.parent.is_dir():
        raise UsageError(f"--chart {path}: the folder {path.parent} does not exist")
