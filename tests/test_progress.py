"""Long commands show their progress on a terminal (stderr a TTY), and nothing at all to scripts."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path

import pexpect

from conftest import KNOWLEDGE, PROJECT

SICOVAL = "2021-08-30-sicoval-pm"


def _questions(tmp_path: Path) -> Path:
    path = tmp_path / "questions.jsonl"
    path.write_text(json.dumps({"id": "a", "posting": SICOVAL, "question": "télétravail ?", "answerable": True,
                                "expect": ["Poste en télétravail"]}) + "\n", encoding="utf-8")
    return path


def _on_a_terminal(*args: str) -> str:
    """What a person sees in a terminal while the command runs (stdout and stderr both on the TTY)."""
    output = pexpect.run(shlex.join([sys.executable, "-m", "bot", *args]), cwd=str(PROJECT), encoding="utf-8",
                         timeout=120, withexitstatus=True)
    text, status = output
    assert status == 0, text
    return str(text)


def test_check_on_a_terminal_shows_the_loading_and_the_coverage_progress() -> None:
    seen = _on_a_terminal("check", "--knowledge", str(KNOWLEDGE))
    assert f"loading {KNOWLEDGE}…" in seen
    assert "coverage:" in seen and "/2" in seen  # tqdm's bar: n/total
    assert "2 postings loaded" in seen


def test_eval_on_a_terminal_shows_the_questions_progress(tmp_path: Path) -> None:
    seen = _on_a_terminal("eval", str(_questions(tmp_path)), "--knowledge", str(KNOWLEDGE))
    assert "questions:" in seen and "/1 " in seen  # tqdm's bar: n/total


def test_scripts_get_no_progress_on_stderr(tmp_path: Path) -> None:
    for args in (["check"], ["eval", str(_questions(tmp_path))], ["bench", "--limit", "20"]):
        result = subprocess.run([sys.executable, "-m", "bot", *args, "--knowledge", str(KNOWLEDGE)], cwd=PROJECT,
                                capture_output=True, text=True, timeout=120, check=False)
        assert result.returncode == 0, result.stderr
        assert result.stderr == "", args
