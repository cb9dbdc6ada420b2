"""A newcomer's mistakes on the command line: one clear line (what, where, what to do), never a traceback;
exit status 2 for a usage or configuration error, 1 for a runtime failure; secrets never printed.

Most run `python -m bot` as a child process; the mistakes about the knowledge folder and the questions file
call what it runs (bot.cli.main) in this process, which shows the same: its exit status, stdout and stderr,
and what it logs, which the process would print on stderr too (run_main)."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import KNOWLEDGE, PROJECT
from fake_bot_api import FakeBotApi, free_port

TOKEN = "123456:SECRET-token-never-printed"
SICOVAL = "2021-08-30-sicoval-pm"


def run_cli(*args: str, env: dict[str, str] | None = None, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, text=True,
                          cwd=PROJECT, env={**os.environ, **(env or {})}, timeout=90, check=False)


def run_main(capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture,
             *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m bot ARGS` run in this process: bot.cli.main, whose return value `python -m bot` exits with.
    What it logs at WARNING or above is added to stderr, where the process would print it."""
    from bot.cli import main

    caplog.set_level(logging.WARNING)
    status = main(list(args))
    out, err = capsys.readouterr()
    logged = "".join(f"{r.levelname} {r.name}: {r.getMessage()}\n" for r in caplog.records
                     if r.levelno >= logging.WARNING)
    return subprocess.CompletedProcess(["python", "-m", "bot", *args], status, out, err + logged)


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    """The error printed: exactly one line on stderr, no traceback."""
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_no_command_lists_the_commands_and_exits_2() -> None:
    result = run_cli()
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "chat" in result.stderr and "choose a COMMAND" in result.stderr


def test_faq_without_an_action_names_its_actions_and_exits_2() -> None:
    result = run_cli("faq")
    assert result.returncode == 2
    assert "choose an action: export" in result.stderr
    assert "Command line:" not in result.stdout + result.stderr  # not the top-level help


@pytest.mark.parametrize("command", [["ask", "durée ?"], ["postings"], ["check"], ["chat"], ["answer", "--jsonl"]])
def test_a_missing_knowledge_folder_is_named_with_what_to_do(
        tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str],
        caplog: pytest.LogCaptureFixture) -> None:
    missing = tmp_path / "nowhere"
    result = run_main(capsys, caplog, *command, "--knowledge", str(missing))
    assert result.returncode == 2
    line = one_error_line(result)
    assert f"knowledge folder {missing}: it does not exist" in line and "--knowledge DIR" in line


@pytest.mark.parametrize("command", [["ask", "durée ?"], ["postings"], ["check"], ["chat"], ["bench"]])
def test_an_empty_knowledge_folder_is_an_error_not_silence(
        tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str],
        caplog: pytest.LogCaptureFixture) -> None:
    result = run_main(capsys, caplog, *command, "--knowledge", str(tmp_path))
    assert result.returncode == 2
    assert "holds no posting" in one_error_line(result)
    assert result.stdout == ""


def test_ask_about_a_posting_whose_file_failed_to_load_says_why(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "good.md").write_text("---\ntitle: Dev\n---\n\nTélétravail possible.\n", encoding="utf-8")
    (tmp_path / "broken.md").write_text("---\ntitle: [oops\n---\n\nText\n", encoding="utf-8")
    result = run_main(capsys, caplog, "ask", "--knowledge", str(tmp_path), "--posting", "broken", "télétravail ?")
    assert result.returncode == 2
    line = one_error_line(result)
    assert "posting 'broken' was not loaded: broken.md" in line and "invalid YAML front matter" in line
    assert "python -m bot check" in line


def test_check_with_no_coverage_does_not_claim_zero_gaps(capsys: pytest.CaptureFixture[str]) -> None:
    from bot.cli import main

    assert main(["check", "--no-coverage", "--knowledge", str(KNOWLEDGE)]) == 0
    out = capsys.readouterr().out
    assert "leave common questions unanswered" not in out
    assert "coverage not checked" in out


def test_eval_says_why_the_engine_abstained(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           caplog: pytest.LogCaptureFixture) -> None:
    questions = tmp_path / "questions.jsonl"
    questions.write_text(json.dumps({"id": "a", "posting": SICOVAL, "question": "c'est payé combien ?",
                                     "answerable": True, "expect": ["600 €"]}) + "\n", encoding="utf-8")
    result = run_main(capsys, caplog, "eval", str(questions), "--knowledge", str(KNOWLEDGE))
    assert result.returncode == 0, result.stderr
    assert "[abstained] a" in result.stdout
    assert "got: abstained, reason='not-covered" in result.stdout


def test_a_runtime_failure_is_one_line_with_exit_status_1(tmp_path: Path) -> None:
    database = tmp_path / "bot.sqlite3"
    database.write_bytes(b"this is not a SQLite database, but a file someone put there" * 20)
    result = run_cli("stats", "--knowledge", str(KNOWLEDGE), "--database", str(database))
    assert result.returncode == 1
    line = one_error_line(result)
    assert line.startswith("error: ") and "not a database" in line and "-v" in line


def test_a_bad_questions_file_for_eval_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                        caplog: pytest.LogCaptureFixture) -> None:
    result = run_main(capsys, caplog, "eval", str(tmp_path / "none.jsonl"), "--knowledge", str(KNOWLEDGE))
    assert result.returncode == 2
    assert "cannot read the questions" in one_error_line(result)


# --- run: the token and the network ------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_run_with_a_rejected_token_says_so_in_one_line_without_the_token(tmp_path: Path) -> None:
    async with FakeBotApi(token="999:the-right-token") as api:
        result = await asyncio.to_thread(run_cli, "run", env={
            "TELEGRAM_TOKEN": TOKEN, "TELEGRAM_API_URL": api.base_url, "KNOWLEDGE_DIR": str(KNOWLEDGE),
            "DATABASE_PATH": str(tmp_path / "bot.sqlite3")})
    assert result.returncode == 2
    line = one_error_line(result)
    assert "rejected TELEGRAM_TOKEN" in line and "@BotFather" in line
    assert TOKEN not in result.stderr + result.stdout


def test_run_retries_an_unreachable_telegram_then_says_what_to_check(tmp_path: Path) -> None:
    closed = f"http://127.0.0.1:{free_port()}/bot"  # nothing listens there
    result = run_cli("run", "--retries", "2", env={
        "TELEGRAM_TOKEN": TOKEN, "TELEGRAM_API_URL": closed, "KNOWLEDGE_DIR": str(KNOWLEDGE),
        "DATABASE_PATH": str(tmp_path / "bot.sqlite3")})
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2, result.stderr
    assert "cannot reach Telegram at 127.0.0.1" in lines[0] and "attempt 1 of 2" in lines[0]
    assert "after 2 attempt(s)" in lines[1] and "check the network" in lines[1]
    assert TOKEN not in result.stderr


async def _run_bot(api: FakeBotApi, tmp_path: Path, *args: str) -> tuple[int | None, str]:
    """Start `python -m bot run ARGS` against the fake, wait until it polls, stop it with SIGINT."""
    env = {**os.environ, "TELEGRAM_TOKEN": TOKEN, "TELEGRAM_API_URL": api.base_url,
           "KNOWLEDGE_DIR": str(KNOWLEDGE), "DATABASE_PATH": str(tmp_path / "bot.sqlite3")}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", *args, cwd=PROJECT, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    try:
        await api.wait_for_calls("setMyCommands", count=3, timeout=60)
        await api.wait_until_polled()  # a SIGINT during start-up is another story
        await asyncio.sleep(1.0)  # application.start() follows the first poll
    finally:
        process.send_signal(signal.SIGINT)
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    return process.returncode, stderr.decode()


@pytest.mark.asyncio
async def test_run_starts_once_telegram_answers_after_network_failures(tmp_path: Path) -> None:
    async with FakeBotApi(token=TOKEN) as api:
        api.fail_next("getMe", 502, times=2)  # Telegram's front end down for a moment
        status, stderr = await _run_bot(api, tmp_path)
    assert status == 0, stderr
    assert stderr.count("cannot reach Telegram") == 2
    assert "attempt 1 of 5" in stderr and "attempt 2 of 5" in stderr
    assert TOKEN not in stderr


@pytest.mark.asyncio
async def test_run_verbose_turns_on_debug_logging_without_showing_the_token(tmp_path: Path) -> None:
    async with FakeBotApi(token=TOKEN) as api:
        status, stderr = await _run_bot(api, tmp_path, "-v")
    assert status == 0, stderr
    assert " DEBUG " in stderr
    assert TOKEN not in stderr
