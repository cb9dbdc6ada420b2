"""Untrusted input made safe: bounded numbers, visible text, first names."""

from __future__ import annotations

import pytest

from bot.inputs import MAX_ID, clean_name, clean_text, parse_number


@pytest.mark.parametrize("text,expected", [("0", 0), ("42", 42), (" 7 ", 7), (str(MAX_ID), MAX_ID)])
def test_a_number_in_ascii_digits_within_bounds_is_read(text: str, expected: int) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["", "²", "٣", "-1", "+1", "1e3", "1.0", "0x10", "1_000", str(MAX_ID + 1),
                                  "9" * 5000, "12a"])
def test_anything_else_is_no_number(text: str) -> None:
    assert parse_number(text) is None


def test_bounds_are_inclusive() -> None:
    assert parse_number("1", lower=1, upper=3) == 1 and parse_number("3", lower=1, upper=3) == 3
    assert parse_number("0", lower=1) is None and parse_number("4", upper=3) is None


def test_clean_text_keeps_what_is_seen_and_drops_what_hides_or_reorders() -> None:
    assert clean_text("Salaire\u202e ?\u200b\x07") == "Salaire ?"
    assert clean_text("ligne 1\r\nligne 2\u2028ligne 3\tfin") == "ligne 1\nligne 2\nligne 3\tfin"
    assert clean_text("👨\u200d👩\u200d👧 مي\u200cخواهم é") == "👨\u200d👩\u200d👧 مي\u200cخواهم é"  # joiners stay
    assert clean_text("a\ud800b") == "ab"  # a lone surrogate could not even be sent back


@pytest.mark.parametrize("name,expected", [
    ("Camille", "Camille"), ("Jean-Pierre", "Jean-Pierre"), ("O'Brien", "O'Brien"), ("J. R.", "J. R."),
    ("Zoë Ångström", "Zoë Ångström"), ("Наташа", "Наташа"), ("李小龍", "李小龍"),
    ("Camille https://evil.example", "Camille"), ("evil.example", ""), ("rh@evil.example", ""),
    ("<b>Camille</b>", ""), ("Camille 2", "Camille"), ("Cam\u202eille", "Camille"), ("   ", ""),
    ("Anne " * 20, "Anne Anne Anne Anne Anne Anne"),
])
def test_a_first_name_keeps_only_name_words(name: str, expected: str) -> None:
    assert clean_name(name) == expected
