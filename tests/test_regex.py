"""Regular expressions kept compiled in the index cache (bot/regex.py)."""

from __future__ import annotations

import pickle
import re
import sys

import pytest

from bot.cache import code_version
from bot.regex import LazyRegex


def _no_parsing(*args: object) -> None:
    raise AssertionError("compiled again from its text")


def test_a_regex_used_comes_back_from_the_cache_compiled(monkeypatch: pytest.MonkeyPatch) -> None:
    pattern = LazyRegex(r"\b(?:teletravail|remote)\b(?: \w+){0,2} (?P<days>\d+) jours?\b", re.MULTILINE)
    assert pattern.search("teletravail possible 2 jours")
    copy = pickle.loads(pickle.dumps(pattern))
    monkeypatch.setattr("bot.regex._parser.parse", _no_parsing)
    found = copy.search("remote 3 jours par semaine\nteletravail 1 jour")
    assert found is not None and found.group("days") == "3"
    assert copy.compiled.flags & re.MULTILINE


def test_a_regex_never_used_is_compiled_when_first_used() -> None:
    copy = pickle.loads(pickle.dumps(LazyRegex(r"\bcdi\b")))
    assert copy._code is None and copy.search("un poste en cdi") is not None


def test_codes_the_interpreter_refuses_are_compiled_again_from_the_text() -> None:
    """A cache written by another interpreter (or damaged) cannot make a regex wrong: its text is compiled."""
    copy = LazyRegex.__new__(LazyRegex)
    copy.__setstate__((r"\bcdd\b", 0, (32, [999, 1, 2], 0, {}, ())))
    assert copy.search("un cdd de 6 mois") is not None and copy.search("un cdi") is None


def test_the_cache_key_changes_with_the_python_version(monkeypatch: pytest.MonkeyPatch) -> None:
    """The compiled codes are the interpreter's own: another Python reads a cache of its own."""
    code_version.cache_clear()
    here = code_version()
    monkeypatch.setattr(sys, "version", "9.9.9 (another interpreter)")
    code_version.cache_clear()
    try:
        assert code_version() != here
    finally:
        code_version.cache_clear()
