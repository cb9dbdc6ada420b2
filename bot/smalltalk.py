"""Small talk: greetings, thanks, goodbyes, "ok" and emoji, in French and English.

A message made only of such words is not a question about a posting: it gets a kind reply with a hint of
what to ask, and is neither recorded as an unanswered question nor offered for forwarding.

    talk = small_talk("Merci beaucoup !")    # SmallTalk(kind="thanks", lang="fr")
    small_talk("bonjour, c'est payé combien ?") is None   # a question: the engine answers it

The phrases are data (PHRASES below), matched on normalised words (case, accents and repeated letters
ignored: "Merciii", "HELLO", "bjr"), so that adding a phrase is one line.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

from .messages import t

# kind -> language -> phrases (normalised: lower case, no accents, one space between words).
# "" is a phrase said the same way in both languages: the conversation's language is kept.
PHRASES: dict[str, dict[str, tuple[str, ...]]] = {
    "greeting": {
        "fr": ("bonjour", "bonsoir", "salut", "coucou", "bjr", "slt", "bonjour a tous", "re bonjour", "rebonjour",
               "bonne journee", "bonne soiree", "allo", "bonjour madame", "bonjour monsieur", "ca va",
               "comment ca va", "comment allez vous", "vous allez bien"),
        "en": ("hello", "hi", "hey", "hiya", "howdy", "good morning", "good afternoon", "good evening",
               "hello there", "hi there", "hey there", "how are you", "how are you doing", "whats up", "sup"),
        "": ("yo", "hola"),
    },
    "thanks": {
        "fr": ("merci", "merci beaucoup", "merci bien", "mille merci", "mille mercis", "merci infiniment",
               "je vous remercie", "merci pour votre reponse", "merci pour la reponse", "merci pour tout",
               "c est gentil", "tres gentil", "mrc", "mci"),
        "en": ("thanks", "thank you", "thank you very much", "thank you so much", "thanks so much", "thanks a lot",
               "many thanks", "thx", "ty", "tysm",
               "cheers", "thanks for your help", "thank you for your help", "much appreciated"),
        "": (),
    },
    "goodbye": {
        "fr": ("au revoir", "a bientot", "a plus", "a plus tard", "bonne continuation", "a la prochaine", "ciao",
               "bye bye", "tchao", "adieu"),
        "en": ("bye", "goodbye", "good bye", "see you", "see you later", "see ya", "take care", "have a nice day",
               "have a good day"),
        "": (),
    },
    "ack": {
        "fr": ("d accord", "dac", "entendu", "compris", "parfait", "super", "genial", "tres bien",
               "bien recu", "ca marche", "oui", "non", "ah", "oh", "ah d accord", "je vois", "bien", "nickel",
               "impeccable", "ouais", "ah ok", "d acc", "tres bien merci"),
        "en": ("okay", "got it", "great", "cool", "nice", "perfect", "alright", "all right", "sure", "i see",
               "understood", "yes", "no", "fine", "awesome", "good", "sounds good", "yep", "nope"),
        "": ("ok", "oki", "okok", "kk", "k", "lol", "mdr", "haha", "hihi", "top", "bravo"),
    },
}
KIND_ORDER = ("thanks", "goodbye", "greeting", "ack")  # what a mixed message is taken as ("ok merci": thanks)
MAX_WORDS = 8  # longer messages are questions, even when polite

_WORD = re.compile(r"[a-z0-9]+")
_REPEATED = re.compile(r"([a-z])\1{2,}")  # "merciii", "hellooo": three or more of a letter count once


@dataclass(frozen=True)
class SmallTalk:
    """What kind of small talk a message is, and its language ("" when the words are the same in both)."""

    kind: str  # greeting, thanks, goodbye, ack (emoji alone are an ack)
    lang: str = ""

    def reply(self, lang: str, posting: str | None = None) -> str:
        """A kind reply (HTML) with a hint of what to ask: about the posting chosen, or how to choose one."""
        lang = self.lang or lang
        hint = (t(lang, "smalltalk_hint_posting", name=html.escape(posting, quote=False),
                  example=t(lang, "example_question")) if posting
                else t(lang, "smalltalk_hint", example=t(lang, "example_question")))
        return f"{t(lang, 'smalltalk_' + self.kind)}\n{hint}"


def _index() -> dict[tuple[str, ...], tuple[str, str]]:
    """Every phrase as a tuple of words -> (kind, language)."""
    found: dict[tuple[str, ...], tuple[str, str]] = {}
    for kind in reversed(KIND_ORDER):  # earlier kinds win a phrase listed twice
        for lang, phrases in PHRASES[kind].items():
            for phrase in phrases:
                found[tuple(phrase.split())] = (kind, lang)
    return found


_PHRASES = _index()
_LONGEST = max(len(words) for words in _PHRASES)


def small_talk(text: str) -> SmallTalk | None:
    """The small talk this message is, or None when it says anything else (a question)."""
    words = _words(text)
    if not words:
        return SmallTalk("ack") if _only_symbols(text) else None
    if len(words) > MAX_WORDS:
        return None
    kinds: list[str] = []
    langs: set[str] = set()
    position = 0
    while position < len(words):  # the longest phrase first, word after word; any other word: not small talk
        for size in range(min(_LONGEST, len(words) - position), 0, -1):
            found = _PHRASES.get(tuple(words[position:position + size]))
            if found is not None:
                kinds.append(found[0])
                langs.add(found[1])
                position += size
                break
        else:
            return None
    kind = min(kinds, key=KIND_ORDER.index)
    langs.discard("")
    return SmallTalk(kind, langs.pop() if len(langs) == 1 else "")


def _words(text: str) -> list[str]:
    """Lower case, accents and apostrophes removed, letters repeated three times or more counted once."""
    plain = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return [_REPEATED.sub(r"\1", w) for w in _WORD.findall(plain)]


def _only_symbols(text: str) -> bool:
    """Emoji and punctuation only, with at least one emoji or symbol ("🙂", "👍👍", ":)", "<3")."""
    stripped = "".join(text.split())
    if not stripped:
        return False
    categories = {unicodedata.category(c)[0] for c in stripped}
    has_symbol = any(unicodedata.category(c).startswith("S") for c in stripped) or _EMOTICON.fullmatch(stripped)
    return bool(has_symbol) and categories <= {"S", "P", "M", "C"}


_EMOTICON = re.compile(r"(?:[:;=xX8][-']?[()\[\]DPp/\\|*3]+|<3+|\^\^|\^_\^)+[!.]*")
