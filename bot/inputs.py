"""Untrusted input from users, made safe once: numbers in button data and commands, typed text, first names.

Telegram clients can send any callback data and any text, so nothing a user sends is trusted to be a
number, a name or plain visible text:

>>> parse_number("12", upper=100), parse_number("²", upper=100), parse_number("9" * 30, upper=100)
(12, None, None)
>>> clean_text("prix\u202e ?")
'prix ?'
>>> clean_name("Camille https://evil.example")
'Camille'
"""

from __future__ import annotations

import re
import unicodedata

MAX_ID = 2**63 - 1  # the largest SQLite INTEGER: row ids in button data are bounded by it
MAX_NAME_CHARS = 32
_MAX_DIGITS = 20  # no bounded number we parse is longer (MAX_ID has 19 digits)
_KEPT_FORMAT = {"\u200c", "\u200d"}  # zero-width (non-)joiners: needed by some scripts and emoji sequences
_LINE_BREAKS = {"\u2028": "\n", "\u2029": "\n", "\r\n": "\n", "\r": "\n"}
# A word of a name: letters (any script) and their marks, joined by hyphens or apostrophes, an initial's
# final period allowed ("J."): no digits, slashes, colons, @ or inner periods, so never a link or an address.
_NAME_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*\.?")


def parse_number(text: str, *, lower: int = 0, upper: int = MAX_ID) -> int | None:
    """The whole number written in ASCII digits in `text`, if it lies in [lower, upper]; else None.

    "²", "٣", "-1", "1e3", "", over-long numbers and numbers out of bounds all give None, never an error.
    """
    text = text.strip()
    if not text or len(text) > _MAX_DIGITS or not (text.isascii() and text.isdigit()):
        return None
    try:
        number = int(text)
    except ValueError:
        return None
    return number if lower <= number <= upper else None


def clean_text(text: str) -> str:
    """Text a user typed, without the characters that change how other text is shown or hide text:
    bidirectional overrides and isolates, zero-width spaces, invisible tags, control characters.
    Line breaks and tabs stay; Unicode line separators become line breaks."""
    for separator, newline in _LINE_BREAKS.items():
        if separator in text:
            text = text.replace(separator, newline)
    if text.isascii() and text.isprintable():
        return text
    return "".join(c for c in text if _visible(c))


def _visible(char: str) -> bool:
    if char in "\n\t" or char in _KEPT_FORMAT:
        return True
    return unicodedata.category(char) not in {"Cc", "Cf", "Cs", "Co"}


def clean_name(name: str, *, limit: int = MAX_NAME_CHARS) -> str:
    """What a first name holds: the words made of letters (hyphens, apostrophes, an initial's period),
    at most `limit` characters; "" when nothing is left. Anything that could be a link, an address or
    markup is dropped with its word."""
    kept: list[str] = []
    for word in clean_text(name).split():
        if not _NAME_WORD.fullmatch(word):
            continue
        if len(" ".join([*kept, word])) > limit:
            break
        kept.append(word)
    return " ".join(kept)
