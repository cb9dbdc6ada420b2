"""Text normalisation shared by the index and the questions: one function, used on both sides.

>>> normalise("Télétravail : l’équipe d'Etalab, 4/5 !")
'teletravail equipe etalab 4 5'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

_LIGATURES = {"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "đ": "d", "ł": "l"}
# French elisions: l'équipe, d'expérience, qu'il, j'ai, jusqu'à, n'est, s'il, c'est, m'occupe, t'es
ELIDED = frozenset({"l", "d", "qu", "j", "n", "s", "c", "m", "t", "lorsqu", "puisqu", "quoiqu"})
_LAST_WORD = re.compile(r"\w*$")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_SLUG_BAD = re.compile(r"[^A-Za-z0-9_-]+")


class _FoldTable(dict[int, str]):
    """str.translate table that learns each non-ASCII character's folded form on first sight."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = _LIGATURES.get(char)
        if folded is None:
            folded = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        self[code] = folded
        return folded


_FOLD = _FoldTable({ord(k): v for k, v in {"\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'", "´": "'",
                                           "€": " eur "}.items()})


def fold(text: str) -> str:
    """Lower-case and strip accents, keeping punctuation (for display-insensitive comparisons)."""
    text = text.lower()
    return text if text.isascii() and "`" not in text else text.translate(_FOLD)


def normalise(text: str) -> str:
    """Fold case and accents, drop French elisions, Markdown and punctuation; one space between words.

    "%" and "€" are kept as the words "pct" and "eur": "80 %" and "500€" say something.
    """
    text = fold(text)
    if "'" in text:
        text = _elide(text)
    if "%" in text or "€" in text:
        text = text.replace("%", " pct ").replace("€", " eur ")
    return _NON_WORD.sub(" ", text).strip()


_NON_WORD_LINES = re.compile(r"[^a-z0-9\n]+")


def _elide(text: str) -> str:
    """Drop French elisions (a word of _ELIDED right before an apostrophe: "l'", "qu'"), read apostrophe by
    apostrophe: a regex starting with a word boundary is tried at every position, three times as slow."""
    parts = text.split("'")
    out = []
    for part in parts[:-1]:
        word = _LAST_WORD.search(part[-7:]).group()  # type: ignore[union-attr]  # \w*$ always matches
        out.append(f"{part[:len(part) - len(word)]} " if word in ELIDED and len(word) < 7 else f"{part}'")
    out.append(parts[-1])
    return "".join(out)


def normalise_many(texts: list[str]) -> list[str]:
    """normalise() over many texts at once (one pass over their joined text): same results, faster."""
    joined = fold("\n".join(t.replace("\n", " ") for t in texts))
    if "'" in joined:
        joined = _elide(joined)
    if "%" in joined or "€" in joined:
        joined = joined.replace("%", " pct ").replace("€", " eur ")
    return [line.strip() for line in _NON_WORD_LINES.sub(" ", joined).split("\n")]


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


_VERB_ENDINGS = ("erions", "eriez", "erons", "eront", "erais", "erait", "aient", "iez", "ions", "ons", "ez", "ent",
                 "ais", "ait", "ees", "ee", "es", "er", "e", "ing", "ed", "s")


def root(word: str) -> str:
    """A word less its verb or plural ending, kept at four letters at least (attendez, attendons: attend;
    dockerisée: docker...is; hosting, hosted: host): to tell whether a text mentions a word in some form."""
    for ending in _VERB_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: len(word) - len(ending)]
    return word


# small words an acronym skips: "Direction générale de l'aménagement, du logement et de la nature" is the DGALN
_LINKING = frozenset({"de", "du", "des", "la", "le", "les", "l", "d", "et", "a", "au", "aux", "en", "pour", "sur",
                      "of", "the", "and", "for", "on", "in"})


def spells(acronym: str, words: Sequence[str]) -> bool:
    """Do some words of a normalised text, small linking words aside, start with the acronym's letters in turn
    ("dgaln" in "direction generale de amenagement du logement et de la nature")?"""
    return spelt_end(acronym, words) is not None


def spelt_end(acronym: str, words: Sequence[str]) -> int | None:
    """The position of the last word of the acronym written out among the words ("france universite numerique"
    for "fun"), or None."""
    if len(acronym) < 3 or not acronym.isalpha():
        return None
    for start, word in enumerate(words):
        if word in _LINKING or not word.startswith(acronym[0]):
            continue
        matched, end = 1, start
        for offset, following in enumerate(words[start + 1:]):
            if matched == len(acronym):
                break
            if following in _LINKING:
                continue
            if not following.startswith(acronym[matched]):
                break
            matched += 1
            end = start + 1 + offset
        if matched == len(acronym):
            return end
    return None


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
