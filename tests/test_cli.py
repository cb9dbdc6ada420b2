"""The command line: ask, answer --jsonl, check, eval and bench, without Telegram."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from conftest import KNOWLEDGE, PROJECT

SICOVAL = "2021-08-30-sicoval-pm"


def run_cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, text=True,
                          cwd=PROJECT, timeout=60, check=False)


def test_ask_prints_the_section_the_excerpt_and_the_score(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "--knowledge", str(KNOWLEDGE), "--posting", SICOVAL, "Le poste est-il en télétravail ?"]) == 0
    out = capsys.readouterr().out
    assert "Section: Modalités" in out
    assert "Poste en télétravail" in out
    assert "Score:" in out


def test_ask_says_why_it_abstains_and_who_would_be_asked(capsys: pytest.CaptureFixture[str]) -> None:
    main(["ask", "--knowledge", str(KNOWLEDGE), "--posting", SICOVAL, "c'est payé combien ?"])
    out = capsys.readouterr().out
    assert "No answer: the posting does not say" in out
    assert "marie.bernard@anct.gouv.fr" in out


def test_ask_refuses_an_unknown_posting(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "--knowledge", str(KNOWLEDGE), "--posting", "nope", "durée ?"]) == 2
    assert "No posting 'nope'" in capsys.readouterr().err


def test_answer_jsonl_writes_one_line_per_question_and_an_error_line_for_a_bad_one(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [
        json.dumps({"id": "q1", "posting": SICOVAL, "question": "télétravail ?"}),
        "this is not json",
        json.dumps({"id": "q2", "posting": None, "question": "Sosie virtuel projectif : la mission dure combien ?"}),
        json.dumps({"id": "q3", "posting": SICOVAL, "question": "c'est payé combien ?"}),
        json.dumps({"id": "q4", "posting": "unknown-posting", "question": "durée ?"}),
    ]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(lines) + "\n"))
    assert main(["answer", "--jsonl", "--knowledge", str(KNOWLEDGE)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 5
    first, bad, found, abstained, unknown = rows
    assert first["answered"] and first["posting"] == SICOVAL and first["section"] == "Modalités"
    assert set(first) >= {"id", "answered", "answer", "posting", "section", "score", "forward_to"}
    assert "error" in bad and bad["line"] == 2
    assert found["answered"] and found["posting"] == SICOVAL and "4 mois" in found["answer"]
    assert not abstained["answered"] and abstained["forward_to"] == "marie.bernard@anct.gouv.fr"
    assert not unknown["answered"] and "unknown posting" in unknown["error"]


def test_check_passes_on_the_bundled_knowledge(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--knowledge", str(KNOWLEDGE)]) == 0
    out = capsys.readouterr().out
    assert "2 postings loaded, 0 file(s) not loaded" in out
    assert "does not say: Pay" in out  # the seed says nothing of pay: recruiters are told


def test_check_reports_a_broken_file_and_exits_non_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "good.md").write_text("---\ntitle: Dev\ncontact: a@b.fr\n---\n\nTélétravail possible.\n",
                                      encoding="utf-8")
    (tmp_path / "broken.md").write_text("---\ntitle: [oops\n---\n\nText\n", encoding="utf-8")
    (tmp_path / "forgotten").write_text("---\ntitle: Dev\n---\n\nText\n", encoding="utf-8")
    assert main(["check", "--knowledge", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "broken.md:" in out and "invalid YAML front matter" in out
    assert "forgotten: error: looks like a posting but lacks the .md extension" in out
    assert "1 postings loaded, 2 file(s) not loaded" in out


def test_eval_scores_labelled_questions_with_the_scorer_definitions(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    questions = tmp_path / "questions.jsonl"
    rows = [
        {"id": "a", "posting": SICOVAL, "question": "télétravail ?", "answerable": True,
         "expect": ["Poste en télétravail"]},
        {"id": "b", "posting": SICOVAL, "question": "c'est fermé ?", "answerable": True, "expect": ["@closed"]},
        {"id": "c", "posting": SICOVAL, "question": "date limite ?", "answerable": True,
         "expect": ["@date:2021-09-30"]},
        {"id": "d", "posting": SICOVAL, "question": "TJM ?", "answerable": False, "expect": []},
    ]
    questions.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    assert main(["eval", str(questions), "--knowledge", str(KNOWLEDGE)]) == 0
    out = capsys.readouterr().out
    assert "overall_accuracy: 1.000" in out
    assert "wrong_answer_rate: 0.000" in out


def test_bench_prints_its_figures() -> None:
    result = run_cli("bench", "--knowledge", str(KNOWLEDGE), "--limit", "40")
    assert result.returncode == 0, result.stderr
    for figure in ("index build from scratch", "index build from the cache", "reload, one posting file changed",
                   "questions/CPU-s, posting given, fresh", "10x collection", "peak memory"):
        assert figure in result.stdout


def test_commands_that_do_not_talk_to_telegram_never_import_it() -> None:
    code = (f"import sys, bot.cli; bot.cli.main(['ask', '--knowledge', {str(KNOWLEDGE)!r}, 'durée ?']); "
            "sys.exit(1 if any(m == 'telegram' or m.startswith('telegram.') for m in sys.modules) else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PROJECT,
                            timeout=60, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("command", [["ask", "durée ?"], ["answer", "--jsonl"], ["check"], ["postings"]])
def test_commands_that_need_neither_asyncio_nor_the_mailer_do_not_import_them(command: list[str],
                                                                              tmp_path: Path) -> None:
    """Nor the mail settings, the process pool that parses large folders, or the progress bars of a terminal:
    each costs a command's start time, and a batch run starts for every file of questions."""
    code = (f"import sys, bot.cli; bot.cli.main({[*command, '--knowledge', str(KNOWLEDGE), '--no-cache']!r}); "
            "found = [m for m in ('asyncio', 'bot.mailer', 'aiosmtplib', 'bot.mail', 'multiprocessing', 'tqdm') "
            "if m in sys.modules]; "
            "print(found); sys.exit(1 if found else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PROJECT, input="",
                            timeout=60, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_stats_prints_the_report_and_the_pending_forwards(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import asyncio
    from datetime import UTC, datetime, timedelta

    from bot.storage.sqlite import Store

    database = tmp_path / "bot.sqlite3"

    async def history() -> None:
        async with await Store.open(database) as store:
            await store.record_question(chat_id="test:1", text="télétravail ?", posting=SICOVAL, answered=True)
            qid = await store.record_question(chat_id="test:1", text="TJM ?", posting=SICOVAL, answered=False)
            await store.create_forward(question_id=qid, chat_id="test:1", posting=SICOVAL, contact="a@b.fr",
                                       candidate_name=None, token="t", token_hash="h",
                                       token_expires_at=datetime.now(UTC) + timedelta(days=1))

    asyncio.run(history())
    assert main(["stats", "--knowledge", str(KNOWLEDGE), "--database", str(database)]) == 0
    report = capsys.readouterr().out
    assert main(["stats", "--pending", "--knowledge", str(KNOWLEDGE), "--database", str(database)]) == 0
    pending = capsys.readouterr().out
    assert "Toutes offres : 2 questions" in report
    assert "transmises aux recruteurs : 1" in report
    assert "« TJM ? »" in pending and "un.e chef·fe de projet" in pending
    assert main(["stats", "--database", str(tmp_path / "none.sqlite3")]) == 2
    assert "no database" in capsys.readouterr().err


@pytest.mark.parametrize("line", ["Temps de travail : à définir en fonction de l'expérience (idéalement à 80 %)",
                                  "Working pattern: ideally 4 days a week"])
def test_check_counts_a_working_time_line_as_covering_working_time(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str) -> None:
    (tmp_path / "dev.md").write_text(f"---\ntitle: Dev\ncontact: a@b.fr\n---\n\n## Modalités\n\n- {line}\n",
                                     encoding="utf-8")
    main(["check", "--knowledge", str(tmp_path)])
    out = capsys.readouterr().out
    assert "dev.md: note: does not say:" in out  # other common questions are still reported
    assert "Working time" not in out
