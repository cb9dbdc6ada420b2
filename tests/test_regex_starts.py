"""What a regex's matches start with (bot/regex_starts.py): the phrase index skips a regex where the next word
cannot continue it, and finds exactly what it found by trying it there."""

from __future__ import annotations

import pickle
import re

import pytest

import bot.lexicon
from bot.engine import Engine
from bot.index import prepare_texts
from bot.lexicon import PhraseIndex
from bot.regex_starts import Start, match_starts, next_words


def _next(regex: str, word: str) -> tuple[str, ...] | None:
    return next_words(match_starts(re.compile(regex, re.MULTILINE)), word)


def test_the_starts_of_a_regex_of_words() -> None:
    starts = match_starts(re.compile(r"\b(?:un|une) (?:freelance|independant)s?\b"))
    assert starts is not None
    assert {start.text for start in starts} == {
        "un freelance", "un freelances", "un independant", "un independants",
        "une freelance", "une freelances", "une independant", "une independants"}


@pytest.mark.parametrize(("regex", "word", "following"), [
    (r"\b(?:statut|un|des) independant\w*", "un", ("independant",)),  # a common word, then a rare one
    (r"\b(?:le|du|grand) publics?\b", "le", ("public", "publics")),
    (r"\b(?:des|a partir de|pour) (?:cet|ce) ete\b", "a", ("partir",)),  # the word after "a" in "a partir de"
    (r"\b(?:\d+|un|une) (?:a \d+ )?(?:mois|ans?)\b", "un", ("a", "an", "ans", "mois")),  # \d+ cannot be "un"
    (r"(?<!tous les )(?<!every )\b(?:un|six) mois\b", "six", ("mois",)),  # a lookbehind reads nothing
    (r"\b(?:un|une) (?:\w+ )?independant", "un", None),  # any word may come next
    (r"\bun(?: \w+){0,2} mois", "un", None),
    (r"\bun\b", "un", None),  # the match may end with the word
    (r"\b(?:un|une) independant", "pour", ()),  # the regex cannot start at this word
])
def test_what_the_next_word_must_start_with(regex: str, word: str, following: tuple[str, ...] | None) -> None:
    assert _next(regex, word) == following


def test_a_regex_it_cannot_read_through_says_nothing_of_the_next_word() -> None:
    """A back-reference, a class of letters: what follows is unknown, so nothing is skipped."""
    assert _next(r"\b(un|une) \1", "un") is None
    assert _next(r"\bun [a-z]+ mois", "un") is None
    assert _next(r"\bun [^0-9]ois", "un") is None


def test_too_many_ways_to_start_are_not_followed() -> None:
    regex = r"\b" + "".join(f"(?:{c}|{c.upper()})?" for c in "abcdefghijkl")
    assert match_starts(re.compile(regex)) is None


def test_a_start_that_stops_at_a_class_of_figures_keeps_the_figure() -> None:
    starts = match_starts(re.compile(r"\b(?:\d+|deux) jours"))
    assert starts is not None and Start("deux jours") in starts
    assert "3" in {start.text for start in starts}  # the first figure is known, what follows it is not


def _texts(engine: Engine) -> list[list[str]]:
    return [prepare_texts(posting)[1] for posting in engine.postings]


def _counts(index: PhraseIndex, texts: list[list[str]]) -> list[list[dict[int, int]]]:
    fresh = pickle.loads(pickle.dumps(index))  # nothing compiled or kept from an earlier reading
    return [fresh.counts_many(norms) for norms in texts]


def test_skipping_by_the_next_word_finds_what_trying_everywhere_finds(
        bundled: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [*_texts(bundled), ["vous serez un independant chez vous", "pour six mois a partir de cet ete"]]
    skipping = _counts(bundled.lexicon.cue_index, texts)
    monkeypatch.setattr(bot.lexicon, "next_words", lambda starts, word: None)
    assert _counts(bundled.lexicon.cue_index, texts) == skipping
    assert any(counts for posting in skipping for counts in posting)


def test_a_regex_starting_a_line_is_read_at_line_starts_only() -> None:
    """"^" and "\\b" at one place read the same in either order; "^\\b" first lets Python's re skip to line
    starts. Mixed with a regex that may start anywhere, each keeps its own reading."""
    index = PhraseIndex.build([(0, [r"re:^(?:ou )?chez (?:toi|vous)\b", r"re:(?:\w+ ){0,2}chez soi\b"])])
    assert [pattern.pattern for _, pattern in index.raw] == [
        r"(?:^\b(?:(?:ou )?chez (?:toi|vous)\b)|\b(?:(?:\w+ ){0,2}chez soi\b))"]
    assert index.counts_many(["ou chez vous", "travail chez vous", "au travail chez soi"]) == [
        {0: 1}, {}, {0: 1}]
