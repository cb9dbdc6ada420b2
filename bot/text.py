"""Text normalisation shared by the index and the questions: one function, used on both sides.

>>> normalise("Télétravail : l’équipe d'Etalab, 4/5 !")
'teletravail equipe etalab 4 5'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'", "´": "'"})
_LIGATURES = {"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "đ": "d", "ł": "l"}
# French elisions: l'équipe, d'expérience, qu'il, j'ai, jusqu'à, n'est, s'il, c'est, m'occupe, t'es
_ELISION = re.compile(r"\b(?:l|d|qu|j|n|s|c|m|t|lorsqu|puisqu|quoiqu)'")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_SLUG_BAD = re.compile(r"[^A-Za-z0-9_-]+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case and strip accents, keeping punctuation (for display-insensitive comparisons)."""
    text = text.translate(_APOSTROPHES).lower()
    if text.isascii():
        return text
    text = text.replace("€", "\x00eur\x00").replace("\x00", " ")
    for char, repl in _LIGATURES.items():
        if char in text:
            text = text.replace(char, repl)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalise(text: str) -> str:
    """Fold case and accents, drop French elisions, Markdown and punctuation; one space between words.

    "%" and "€" are kept as the words "pct" and "eur": "80 %" and "500€" say something.
    """
    text = _ELISION.sub(" ", fold(text))
    if "%" in text or "€" in text:
        text = text.replace("%", " pct ").replace("€", " eur ")
    return _NON_WORD.sub(" ", text).strip()


def tokens(text: str) -> list[str]:
    """Split normalised text into words."""
    return normalise(text).split()


@lru_cache(maxsize=131072)
def stem(word: str) -> str:
    """Reduce a normalised word to a crude, language-neutral key: singular, at most 7 letters.

    Truncation conflates the French and English families candidates mix
    (développeur/développement, candidat/candidature, expérience/experienced)
    without a language-specific stemmer.
    """
    if len(word) > 3 and word[-1] in "sx" and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word[:7]


def slugify(stem_name: str, *, max_length: int = 64) -> str:
    """Turn a file stem into a stable identifier of [A-Za-z0-9_-], at most max_length characters.

    Telegram deep links (t.me/bot?start=...) accept exactly that alphabet and length.
    A name that must be cut keeps a short hash of the full name so two long names never collide.
    """
    ascii_name = fold(stem_name)
    slug = _SLUG_BAD.sub("-", ascii_name).strip("-")
    slug = re.sub(r"-{2,}", "-", slug) or "posting"
    if len(slug) <= max_length:
        return slug
    digest = hashlib.sha1(stem_name.encode("utf-8")).hexdigest()[:8]
    return slug[: max_length - 9].rstrip("-") + "-" + digest
