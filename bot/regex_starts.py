"""What every match of a regular expression starts with, worked out from the regex itself: a cheap test that
tells, before the regex is tried, that it cannot match where a text's words do not fit.

A phrase index (bot/lexicon.py) tries a lexicon regex only at the words it can start with ("un", "des",
"pour"...). Many start with such common words and go on with a rare one ("un independant", "le grand public"):
read from the regex, the words that may come next let the index skip most of the tries, with the same matches.

The regex is read with Python's own parser (`re._parser`); whatever it holds that this module does not follow
(a class of letters, a repeat, a back-reference...) ends what is known of a match there, so the test stays
true for every regex: it may let a try through that fails, never skip one that would match.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

# Python's own regex parser: private, but the same from 3.11 on; without it, no regex is ever skipped
try:
    sre: Any = importlib.import_module("re._constants")
    sre_parse: Any = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover
    sre = sre_parse = None

MAX_STARTS = 512  # the ways a regex may start, at most: past that, nothing is known of it
CLASS_CHARS = 12  # a character class of at most that many characters ("[sx]", "\d") is read as its characters
_DIGITS = frozenset("0123456789")


@dataclass(frozen=True)
class Start:
    """A way a match may start: its first characters; whether the match may go on with more that is known
    (open) or not; and, when it is not, the characters that may come next, when known (None: any)."""

    text: str
    open: bool = True
    next_chars: frozenset[str] | None = None


def match_starts(pattern: re.Pattern[str]) -> tuple[Start, ...] | None:
    """The ways every match of a compiled regex starts; None when there are too many to tell or the regex
    cannot be read."""
    if sre_parse is None:  # pragma: no cover
        return None
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
        starts = _expand(parsed, [Start("")])
    except Exception:  # a regex this module cannot read is simply never skipped
        return None
    return tuple(dict.fromkeys(starts)) if starts is not None else None


def next_words(starts: Iterable[Start] | None, word: str) -> tuple[str, ...] | None:
    """What the word after `word` must start with for the regex to match where `word` stands (its
    starts read by match_starts); None when the regex says nothing about it."""
    if starts is None:
        return None
    lead = word + " "
    found: set[str] = set()
    for start in starts:
        text = start.text
        if len(text) < len(lead):
            if not lead.startswith(text):
                continue  # cannot start at this word
            if start.open:
                return None  # the match may end inside the word: nothing follows
            if start.next_chars is not None and lead[len(text)] not in start.next_chars:
                continue
            return None
        if not text.startswith(lead):
            continue
        rest = text[len(lead):]
        if not rest:
            if start.open or start.next_chars is None:
                return None
            found.update(start.next_chars)
            continue
        found.add(rest.split(" ")[0] if " " in rest else rest)
    return tuple(sorted(found))


def _expand(items: Iterable[tuple[Any, Any]], starts: list[Start]) -> list[Start] | None:
    """The starts after a sequence of parsed items, from the starts before it."""
    for op, av in items:
        done = [start for start in starts if not start.open]
        going = [start for start in starts if start.open]
        if not going:
            return done
        after = _step(op, av, going)
        if after is None:
            return None
        starts = done + after
        if len(starts) > MAX_STARTS:
            return None
    return starts


def _step(op: Any, av: Any, going: list[Start]) -> list[Start] | None:
    """The open starts after one parsed item."""
    if op is sre.LITERAL:
        return [Start(start.text + chr(av)) for start in going]
    if op is sre.AT:
        zero_width = av in (sre.AT_BOUNDARY, sre.AT_BEGINNING, sre.AT_BEGINNING_LINE, sre.AT_BEGINNING_STRING)
        return going if zero_width else _stop(going)
    if op in (sre.ASSERT, sre.ASSERT_NOT):  # a lookaround reads without moving on: it only rules matches out
        return going
    if op is sre.SUBPATTERN:
        return _expand(av[3], going)
    if op is sre.BRANCH:
        return _union(_expand(alternative, going) for alternative in av[1])
    if op is sre.IN:
        chars = _class_chars(av)
        if chars is None or len(chars) > CLASS_CHARS:
            return _stop(going, chars)
        return [Start(start.text + char) for start in going for char in sorted(chars)]
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
        low, high, item = av
        if low == 0 and high == 1:  # optional: with it or without it
            with_it = _expand(item, going)
            return None if with_it is None else going + with_it
        if low >= 1:  # once at least, then maybe more: known up to the first time
            once = _expand(item, going)
            return None if once is None else _stop(once) if high != 1 else once
        return _stop(going)
    return _stop(going)


def _stop(going: list[Start], next_chars: frozenset[str] | None = None) -> list[Start]:
    """The starts, with nothing more known of what follows them (but, when known, its first character)."""
    return [Start(start.text, False, next_chars if start.open else start.next_chars) for start in going]


def _union(alternatives: Iterable[list[Start] | None]) -> list[Start] | None:
    found: list[Start] = []
    for starts in alternatives:
        if starts is None:
            return None
        found.extend(starts)
    return found


def _class_chars(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    """The characters a class stands for, when it is a small set of letters or the digits; else None."""
    chars: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            chars.add(chr(av))
        elif op is sre.RANGE and av[1] - av[0] < CLASS_CHARS:
            chars.update(chr(code) for code in range(av[0], av[1] + 1))
        elif op is sre.CATEGORY and av is sre.CATEGORY_DIGIT:
            chars.update(_DIGITS)
        else:
            return None  # a negated class, \w, \s...
    return frozenset(chars)
