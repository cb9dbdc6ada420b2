"""Answer a candidate's question from a posting's own lines, or abstain.

The question is normalised like the passages, its informal words and typos mended (rapidfuzz against
the corpus vocabulary), its intents read from the lexicon. Passages are scored on three signals:
the intent's cues (does this line speak of pay, of remote work...), the heading it stands under, and
the question's own subject words weighted by rarity. The engine abstains when an intent is recognised
but no line of the posting covers it, when the question names things the posting never mentions,
and when the best line scores below the threshold: a forward is better than a wrong answer.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import math
import re
from bisect import bisect_left
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from .contacts import Directory, resolve_contact
from .duplicates import CopyKey, copies_of, prefer_open
from .index import FIGURE, Index, IndexedPassage, PostingIndex
from .knowledge import INTRO
from .lexicon import Intent, Lexicon
from .models import Answer, PassageKind, Posting
from .people import names_someone, person_asked
from .regex import LazyRegex
from .text import normalise, root, spells, spelt_end, stem

MAX_ANSWER_CHARS = 500
MAX_LEAD_IN_CHARS = 160  # a list's lead-in line shown above the item an answer starts with, when no longer
MAX_HEADING_CHARS = 80  # a longer heading is shown up to its colon, or cut (see _short_heading)
THRESHOLD = 0.5
FREE_THRESHOLD = 0.62
ASIDE_NAME_WEIGHT = 0.5  # a word in parentheses names a posting half as much as a word of the name itself
MAX_JOINED_WORDS = 4  # "elles font la culture": a name of four words that a posting's name writes as one
DISTINCTIVE_NAME = 3.5  # a word in fewer than ~3 % of postings' names names a team or a product
COMMON_IN_BODIES = 0.4  # a word in this share of postings' texts or more is common to them ("État", "ministère")
ASKING_NAME_WEIGHT = 0.3  # how much a word of the asking clause names a posting when another clause names it
PREFERRED_WEIGHT = 0.15  # a line holding one of the intent's preferred phrases ("a pour objectif de")
DEFINES_WEIGHT = 0.2  # a line that defines what the question names ("X est une plateforme..."): more than a preferred
# phrase ("... pour permettre aux acteurs") in a line that only names X
PITCH_PENALTY = 0.15  # a line opening on a question to the reader: a pitch, kept for when no other line answers
RUNNER_UP = 0.8  # a line scoring within 20 % of the best one is shown after it when the answer has room
AMBIGUITY = 0.9  # postings scoring within 10 % of the best one are too close to call
CANDIDATES = 4  # the postings a question naming none may be about, best first
DATED_POOL = 12  # the postings searched for one of the date a question names, when the best is of another
OTHER_ROLE = 0.25  # a posting whose name gives other jobs than the one the question names ("bizdev", not "dev")
OTHER_YEAR = 0.8  # a posting dated another year than the one the question names ("l'offre de 2021")
OTHER_SEASON = 0.6  # a posting that names not the season the question names ("la saison 2"), when another does
MIN_WEIGHT = 2.0  # a question of common words only cannot point at one line
UNMENTIONED_WEIGHT = 3.0  # a question word rarer than this (in < ~5 % of postings) must be in the posting
CONTEXT_WEIGHT = 0.25  # how much a word of a clause that does not ask counts, next to one of the asking clause
COVERAGE_WEIGHT = 0.35  # how much the question's own words count, next to the intent's cue (0.55)
ENGLISH_TYPO = 90  # how close (rapidfuzz ratio) a short unknown word of an English question must be to be mended
SECTION_WEIGHT = 0.2  # a line under a heading typical of the intent ("Modalités" for remote work)
_WORD_CASED = re.compile(r"[\w][\w.+#-]*[\w+#]|\w")
_DEFINITIONAL = re.compile(r"\b(?:est une?|sont des|a pour (?:objectif|mission|but)|vise a|permet\w*|consiste|"
                           r"is an?|aims? to|helps?|plateforme|service|outil|startup)\b")
# what a line says its subject is or does, right after naming it ("X est une plateforme", "X met en relation"),
# not what it adds to a definition given elsewhere ("X est également en charge de...") nor who carries it ("X est
# portée par l'ADEME", "is run by")
_DEFINING_VERB = re.compile(
    r"(?:(?:est|sont|is|are)(?! (?:porte|incube|pilote|finance|rattache|lance|cree|soutenu|ne|nee|carried|run|led|"
    r"incubated|funded|backed|supported|hosted|based)\w*\b)|a pour|ont pour|vise|visent|permet|permettent|"
    r"fait partie|coordonne|rend|aide|aident|accompagne|propose|offre|recense|centralise|simplifie|facilite|"
    r"developpe|heberge|gere|met en relation|consiste|consistent|consists|sert a|servent a|"
    r"dont la mission|dont l objectif|helps|makes|provides|offers|lets|develops|hosts|connects|runs)\b"
    r"(?! (?:egalement|aussi|also)\b)")
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{2,7}\b")
_ENGLISH_ADVERBS = frozenset({"instead", "otherwise", "whether", "although", "anything", "everything",
                              "something", "whatever", "wherever", "whenever", "somewhere", "anywhere", "nowadays"})
# English writes languages, nationalities, days and months with a capital: they are words, not names
_CAPITALISED_IN_ENGLISH = frozenset({
    "english", "french", "german", "spanish", "italian", "portuguese", "dutch", "arabic", "chinese", "european",
    "american", "british", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    # abbreviated months ("the opening of Oct 2022"), and French months and days some write with a capital
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "janv", "fev", "fevr", "avr",
    "juil", "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre",
    "novembre", "decembre", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"})
_INTERROGATIVES = frozenset({"ou", "quand", "combien", "qui", "quoi", "comment", "where", "when", "who", "how", "what",
                             "which"})
_CLAUSE = re.compile(r"[:;()\[\]?!]|,\s|\.\s")
# words only one of the two languages writes: a question is read as English when it holds more English ones
_ENGLISH_WORDS = frozenset({
    "the", "is", "are", "what", "how", "do", "does", "can", "which", "where", "who", "when", "job", "you", "i", "my",
    "there", "would", "will", "or", "and", "of", "for", "with", "this", "any", "still", "need", "should", "could",
    "have", "has", "be", "it", "to", "whats", "whos", "in", "at", "they", "we", "your", "our", "am", "was", "did"})
_FRENCH_WORDS = frozenset({
    "est", "le", "la", "les", "des", "du", "une", "un", "quel", "quelle", "quels", "quelles", "comment", "combien",
    "pour", "faut", "je", "vous", "ca", "c", "et", "ou", "de", "il", "y", "sur", "avec", "qui", "quoi", "dans", "pas",
    "tu", "nous", "mon", "ma", "mes", "ce", "cette", "au", "aux", "sont", "peut", "ya", "quand", "fait"})
# how many, how much; or how much at least or at most ("faut cmb d'années d'xp minimum ?": a number answers; not
# "plusieurs": "vous utilisez plusieurs CMS ?" is answered by "un CMS maison")
_QUANTITY = re.compile(r"\b(?:combien|how many|how much|how big|nombre|quelle taille|taille|size|count|minimum|maximum|"
                       r"minimal|minimale)\b")
# asking what an acronym's letters stand for, not what the thing is
_SPELLING_OUT = re.compile(r"\b(?:veut dire|veulent dire|signifi\w*|stands? for|short for|acronymes?|acronyms?|"
                           r"abbreviations?|abreviations?|meaning|means|mean|sigle)\b")
_FIGURE = re.compile(r"\b(?:\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze|quinze|vingt|"
                     r"dizaine|quinzaine|vingtaine|centaine|millier\w*|millions?)\b")


@dataclass(frozen=True)
class Query:
    """A question, analysed once."""

    text: str
    norm: str
    words: tuple[str, ...]
    intents: tuple[Intent, ...]  # recognised, leading intent first
    terms: dict[str, float]  # subject words and their weights (trigger words count less)
    specific: tuple[str, ...]  # words naming specific things (tools, degrees, proper names)
    lang: str
    quantity: bool  # "combien", "how many": lines with figures answer better
    person: bool = False  # "il s'appelle comment ?": only a line naming a person answers
    person_role: str = ""  # the role of the person asked for ("coach" in "le coach, il s'appelle comment ?")
    lead_words: frozenset[str] = frozenset()  # words of the leading intent's triggers
    free_words: frozenset[str] = frozenset()  # subject words outside every intent's triggers
    trigger_keys: frozenset[str] = frozenset()  # word keys of any intent's triggers
    intent_words: tuple[tuple[tuple[int, ...], ...], ...] = ()  # per intent, the word positions of each trigger found
    context_words: frozenset[str] = frozenset()  # words only in clauses other than the asking one ("Chez X, ...")
    naming_words: frozenset[str] = frozenset()  # of those, words only in clauses that ask nothing ("Pour le poste
    # de X (CDD, 2020), ...": no "?" ends them), which name the posting or tell about the candidate
    forms: tuple[tuple[str, ...], ...] = ()  # each word as written (normalised), then as read (abbreviations, typos)
    clauses: tuple[int, ...] = ()  # each word's clause ("je ne peux pas monter à Paris, | c'est en remote ?")
    asides: tuple[bool, ...] = ()  # whether each word stands inside parentheses ("(Scala/Angular, en 2019)")
    demanded: LazyRegex | None = None  # what an answer's line must hold (a demand its first answer missed)

    @property
    def intent(self) -> Intent | None:
        """The leading intent, if any."""
        return self.intents[0] if self.intents else None


MAX_SLIP = 2  # letters a slip changes in a tool's name, at most ("typescrpt", "kubernets")
_VERB_TENSES = ("eraient", "erions", "eriez", "erais", "erait", "erons", "eront", "aient", "ions", "iez", "ais", "ait",
                "ant", "ez", "ent", "ons")  # the longest first
_VERB_BASES = ("er", "e", "re", "ir", "")  # the forms a text writes: compter, compte; prendre; finir; ...
_INFLECTIONS = ("es", "e", "s")  # after a known word: "demandee", "demandees", "demandes" are forms of "demande"


class Matcher:
    """Answers questions over an index; pure and synchronous, safe to share."""

    def __init__(self, index: Index, lexicon: Lexicon, *, contact: Callable[[Posting], str] | None = None) -> None:
        self.index = index
        self.lexicon = lexicon
        self._contact = contact or (lambda posting: resolve_contact(posting, Directory.empty()).email)
        self._correct = lru_cache(maxsize=16384)(self._correct_word)
        self._group_scores = lru_cache(maxsize=4096)(self._scores_of_group)
        self._posting_roles: dict[int, frozenset[int]] = {}  # per posting, the jobs its name gives
        self._posting_seasons: dict[int, frozenset[int]] = {}  # per posting, the seasons it names
        self._posting_distinctive: dict[str, frozenset[str]] = {}  # per posting (slug), its rare name keys
        self._copy_keys: dict[Path, CopyKey] = {}  # per posting file, worked out when it is first ranked
        self._name_phrases = _name_phrases(lexicon)
        self._phrases_of = _phrases_by_word(lexicon)

    # --- question analysis --------------------------------------------------------------------

    def analyse(self, question: str) -> Query:
        """Normalise a question, mend its words, find its intents and subject words."""
        lex = self.lexicon
        names = self._proper_names(question)
        shaped = _dash_as_colon(question)  # its clauses: "The api.gouv.fr job - what background?" names, then asks
        text = normalise(question)
        if lex.fillers is not None:
            text = lex.fillers.sub(" ", text)
        words: list[str] = []
        forms: list[tuple[str, ...]] = []
        clauses = self._clauses(shaped, len(text.split()))
        asides = self._asides(question, len(text.split()))
        word_clauses: list[int] = []
        word_asides: list[bool] = []
        lang = _language(text.split(), names)
        # "La Bonne Boite": a name, not "une entreprise"; "RDV-Solidarités ça sert à quoi ?": a name in capitals, not
        # "rendez-vous", even where a sentence starts
        kept = names | _capitals(question, len(text.split()))
        for raw, clause, aside in zip(_in_context(text.split(), lex.pair_abbreviations), clauses, asides, strict=True):
            if raw in kept and raw in self.index.known_words:
                read = [raw]
            else:
                word = lex.abbreviations.get(raw, raw)
                read = word.split() if " " in word else [self._correct(word, lang == "en")]
            words.extend(read)
            word_clauses.extend([clause] * len(read))
            word_asides.extend([aside] * len(read))
            forms.append((raw, *read))
        norm = " ".join(words)
        starts: list[int] = []
        position = 0
        for word in words:
            starts.append(norm.index(word, position))
            position = starts[-1] + len(word)
        name_positions = {starts[i] for i, w in enumerate(words) if w in names}
        found: list[tuple[Intent, list[tuple[int, int]]]] = []
        by_intent = lex.trigger_index.spans(norm, words, starts) if lex.trigger_index is not None else {}
        for number, all_spans in by_intent.items():
            # a phrase made of names only ("Connect" in "SNCF Connect") is no trigger; "monter à Paris" is one
            spans = [(s, e) for s, e in all_spans if not _names_only(s, e, words, starts, name_positions, lex)]
            if spans:
                found.append((lex.intents[number], spans))
        named = _before_colon(shaped, forms)
        if 0 < named < len(words):  # "Fabrique numérique senior developers posting (2019): who should I send my
            cut = starts[named]  # application to?": the words before the colon name the posting, they ask nothing
            # even when nothing after it is an intent ("... freelance role from 2022: do you expose a public API?")
            found = [f for f in found if any(s >= cut for s, _ in f[1])]
        aside_starts = {starts[i] for i, aside in enumerate(word_asides) if aside}
        # an intent asked only in parentheses ("(quand le site était expérimenté...) : la mission dure combien ?")
        # is context, not the question: it comes after those asked outside them
        found.sort(key=lambda f: (all(s in aside_starts for s, _ in f[1]), -f[0].priority,
                                  -max(e - s for s, e in f[1])))
        found = _deferred(found, aside_starts)
        lead_spans = found[0][1] if found else []
        all_spans = [span for _, spans in found for span in spans]
        terms: dict[str, float] = {}
        free: list[str] = []
        capitals = _capitals(question, len(words))  # "c'est quoi A-JUST ?": "JUST" is a name, not "just"
        for word, start in zip(words, starts, strict=True):
            # "y a du Go ?": a stopword written as a name is the technology of that name, when the lexicon knows one
            named = (word in lex.specific and word in names) or word in capitals
            if (word in lex.stopwords and not named) or word in lex.generic or len(word) < 2 or word in terms:
                continue
            key = stem(word)
            known = word in self.index.known_words or key in self.index.idf or word in lex.synonyms
            weight = self.index.weight(key) if known else 0.0
            if any(s <= start < e for s, e in all_spans):
                weight *= 0.3
            terms[word] = weight
            if not any(s <= start < e for s, e in lead_spans):
                free.append(word)
        specific = self._specific(question, free, names)
        # a long word the corpus has never seen ("clearance") names something no posting covers; not a word
        # that asks about something ("involved" in "would I be involved in hiring?")
        asked_by = {w for w, st in zip(words, starts, strict=True) if any(s <= st < e for s, e in all_spans)}
        # nor a word of a name the lexicon knows ("art director": postings write "directeur artistique")
        asked_by |= {w for phrase in lex.compounds if f" {phrase} " in f" {norm} " for w in phrase.split()}
        # in English, not a verb's form nor an adverb ("managing", "planned", "instead"): the postings are French,
        # and such words of a question are in none of them without naming anything ("clearance" does)
        specific += tuple(w for w in free if terms.get(w) == 0.0 and len(w) >= 7 and w.isalpha()
                          and w not in lex.vocabulary and w not in specific and w not in asked_by
                          and not (lang == "en" and _english_function(w)))
        person, person_role = person_asked(question, norm)
        quantity = bool(_QUANTITY.search(norm))
        lead_words = frozenset(w for w, st in zip(words, starts, strict=True)
                               if any(s <= st < e for s, e in lead_spans))
        trigger_keys = frozenset(stem(w) for w, st in zip(words, starts, strict=True)
                                 if any(s <= st < e for s, e in all_spans))
        free_words = frozenset(w for w, st in zip(words, starts, strict=True)
                               if w in terms and not any(s <= st < e for s, e in all_spans))
        intent_words = tuple(tuple(tuple(range(bisect_left(starts, s), bisect_left(starts, e))) for s, e in spans)
                             for _, spans in found)  # the words each trigger found covers (starts ascend)
        asking = {word_clauses[n] for n, st in enumerate(starts) if any(s <= st < e for s, e in lead_spans)}
        if named and asking & set(word_clauses[:named]):  # "DataPass full-stack JS developer (2022): do I need to
            asking = set(word_clauses[named:])  # know Ansible?": what stands before the colon names the posting
        context_words = frozenset(words) - frozenset(w for w, c in zip(words, word_clauses, strict=True)
                                                     if c in asking) if asking else frozenset()
        questions = _question_clauses(shaped)
        naming_words = context_words - frozenset(w for w, c in zip(words, word_clauses, strict=True)
                                                 if c in questions)
        return Query(question, norm, tuple(words), tuple(i for i, _ in found), terms, specific, lang, quantity,
                     person=person, person_role=person_role, lead_words=lead_words, free_words=free_words,
                     trigger_keys=trigger_keys,
                     intent_words=intent_words, context_words=context_words, naming_words=naming_words,
                     forms=tuple(forms),
                     clauses=tuple(word_clauses), asides=tuple(word_asides))

    def _clauses(self, question: str, count: int) -> list[int]:
        """The clause each normalised word of the question stands in ("Chez REVA, | le TJM c'est combien ?"):
        the clause that asks is told from those that name the posting or give context."""
        clauses = _CLAUSE.split(question)
        if len(clauses) == 1 or (len(clauses) == 2 and not clauses[1].strip()):  # one clause ("... ?")
            return [0] * count
        numbers: list[int] = []
        for n, clause in enumerate(clauses):
            text = normalise(clause)
            if self.lexicon.fillers is not None:
                text = self.lexicon.fillers.sub(" ", text)
            numbers.extend([n] * len(text.split()))
        return numbers if len(numbers) == count else [0] * count

    def _asides(self, question: str, count: int) -> list[bool]:
        """Whether each normalised word of the question stands inside parentheses (a remark, not the question)."""
        if "(" not in question:
            return [False] * count
        flags: list[bool] = []
        for n, part in enumerate(re.split(r"[()]", question)):
            text = normalise(part)
            if self.lexicon.fillers is not None:
                text = self.lexicon.fillers.sub(" ", text)
            flags.extend([n % 2 == 1] * len(text.split()))
        return flags if len(flags) == count else [False] * count

    @staticmethod
    def _proper_names(question: str) -> set[str]:
        """Normalised words written with a capital inside the question: names, not topic words."""
        return {word for run in _capitalised_runs(question) for word in run} - _CAPITALISED_IN_ENGLISH

    def _correct_word(self, word: str, english: bool = False) -> str:
        """Mend a typo: an unknown word becomes the closest known word, when it is close enough. A short unknown
        word of an English question is more often a real English word the postings (French) do not use than a
        typo: it must be closer to be mended ("core" is not "corse", "spend" not "send"; "mision" is "mission")."""
        if word in self.index.known_words or len(word) < 4 or not word.isalpha() \
                or word.startswith(self.lexicon.prefixes):
            return word
        base = "" if english else self._known_base(word)  # "press" is no form of "pres" ("près")
        if base:
            return base
        choices = self.index.vocabulary.get(word[0], [])
        cutoff = 82 if len(word) >= 7 else ENGLISH_TYPO if english else 86
        best = process.extractOne(word, choices, scorer=fuzz.ratio, processor=None, score_cutoff=cutoff)
        if best and best[0] in self.lexicon.specific \
                and Levenshtein.distance(word, best[0], score_cutoff=MAX_SLIP) > MAX_SLIP:
            return word  # a tool's name is mended from a slip of a letter or two ("typescrpt"), not from another
            # word ("supervise" is no slip for "superset"): a tool named wrongly is then "not mentioned"
        if best and english and word.startswith(best[0]) and word[len(best[0]):] not in ("s", "es"):
            return word  # "internal" is no slip for "intern": English derives words by adding endings
        if best and english and best[0].startswith(word):
            return word  # nor "opened" one for "openedx": a whole English word, which a name extends
        return best[0] if best else word

    def _known_base(self, word: str) -> str:
        """The known word an unknown one is with a French ending, feminine or plural ("demandees" is "demande"
        with one: a form of it, not a slip for "demandeurs", the nearest word); "" when there is none."""
        known = self.index.known_words
        found = next((word[:-len(ending)] for ending in _INFLECTIONS
                      if word.endswith(ending) and word[:-len(ending)] in known), "")
        if found:
            return found
        # a verb's tense: "comptait" is "compte" conjugated, not a slip for "comptalib"; "recrutaient", "recrute"
        for ending in _VERB_TENSES:
            if word.endswith(ending) and len(word) - len(ending) >= 4:
                base = word[:-len(ending)]
                found = next((base + end for end in _VERB_BASES if base + end in known), "")
                if found:
                    return found
        return ""

    def _specific(self, question: str, terms: Sequence[str], names: set[str]) -> tuple[str, ...]:
        """Terms that name specific things: known tools and degrees, capitalised names, acronyms."""
        cased = {normalise(w): w for w in _WORD_CASED.findall(question)}
        out = []
        for term in terms:
            original = cased.get(term, "")
            looks_specific = len(term) > 1 and bool(original) and (
                original.isupper() or any(c in original for c in ".+#") or any(c.isupper() for c in original[1:]))
            if term in self.lexicon.specific or term in names or looks_specific:
                out.append(term)
        return tuple(dict.fromkeys(out))

    # --- answering ----------------------------------------------------------------------------

    def answer(self, question: str, posting: str | Posting | None = None) -> Answer:
        """Answer from one posting, or find the posting first when none is given."""
        query = self.analyse(question)
        if posting is None:
            return self._answer_anywhere(query)
        pindex = self.index.find(posting if isinstance(posting, str) else posting.slug)
        if pindex is None:
            return Answer(question, False, None, reason=f"unknown posting: {posting}")
        return self.answer_in(self._without_asides(query, [pindex]), pindex)

    def answer_in(self, query: Query, pindex: PostingIndex) -> Answer:
        """Answer an analysed question from one posting. Some kinds of question demand a kind of line: a change to
        come ("ça peut passer à temps plein plus tard ?") a line about what may change, not the present terms;
        "how often?" a frequency, not "Poste basé à Paris" (the lexicon's demands)."""
        answer = self._answer_in(query, pindex)
        if not answer.answered:
            return answer
        # what the question asks, without the clauses that name the posting ("Dora designer role (labour ministry,
        # insertion) – what's the day rate?" asks no ministry)
        asked = " ".join(w for w in query.words if w not in query.naming_words) if query.naming_words else query.norm
        for demand in self.lexicon.demands:
            if demand.asks.search(asked) and not any(demand.says.search(normalise(p.text)) for p in answer.passages):
                # the best of the intent's lines that hold what is demanded ("which other teams?": "en relation
                # directe avec les équipes API Entreprise", not "une équipe composée de : 1 PO et 1 UX"), or none
                again = self._answer_in(replace(query, demanded=demand.says), pindex) if query.intent else answer
                if again.answered and demand.says.search(normalise(again.passages[0].text)):
                    return again
                return self._abstain(query, pindex.posting, "not-covered", query.intent, detail=demand.detail)
        return answer

    def _answer_in(self, query: Query, pindex: PostingIndex) -> Answer:
        posting = pindex.posting
        query = self._without_naming_intents(query, pindex)
        intent = query.intent
        subject = intent is None or intent.subject
        specific = [t for t in query.specific if not self._names_posting_word(t, pindex)]
        guessed = _guessed(query) & self.lexicon.specific if intent is not None and intent.is_list else set()
        if guessed:  # "un framework comme React ?": the posting's framework answers, React or not
            specific = [t for t in specific if t not in guessed]
            query = replace(query, free_words=query.free_words - guessed)  # nor a subject a line must name
        if subject and specific and not any(self._named_in_some_form(t, pindex) for t in specific):
            return self._abstain(query, posting, "not-mentioned", intent, detail=", ".join(specific))
        for name in _name_runs(query.text):  # "Google Analytics" is one name: its words stand together
            words = [t for t in name if t in specific]
            if subject and len(words) > 1 and not self._name_mentioned(words, pindex):
                return self._abstain(query, posting, "not-mentioned", intent, detail=" ".join(words))
        known = [t for t in specific if t in self.lexicon.specific]
        if subject and intent is not None and known:  # "un CDI à l'ANCT ?": each known thing named; in a list,
            # one at least ("faut une habilitation vu que c'est aux Armées ?": the Armées are no answer)
            missing = [t for t in known if not self._mentioned(t, pindex)]
            if missing and (not intent.is_list or len(missing) == len(known)):
                return self._abstain(query, posting, "not-mentioned", intent, detail=", ".join(missing))
        unmentioned = self._unmentioned(query, pindex) if intent is None or intent.by_words else []
        if unmentioned:
            return self._abstain(query, posting, "not-mentioned", intent, detail=", ".join(unmentioned))
        weights = dict(query.terms)
        if intent is None or not intent.by_words:
            for term in weights:  # the posting's own name tells which posting, not which line, and so do the
                # clauses that ask nothing ("Pour le poste de Y (CDD, 2020), ...")
                if term in query.naming_words or (self._names_posting_word(term, pindex)
                                                  and not _names_one_part(term, pindex, self._distinctive(pindex))
                                                  and term not in self.lexicon.specific):
                    weights[term] = 0.0  # but a tool asked of a posting named after it ("React ou Vue ?") is asked
                elif term in query.context_words:  # "quel profil ? | faut être commercial ?": asks, less
                    weights[term] *= CONTEXT_WEIGHT
        if intent is None or intent.by_words:
            return self._answer_by_terms(query, pindex, intent, weights)
        counted = _counted(query) if query.quantity else ""
        if counted in query.free_words and counted not in query.naming_words and counted not in query.specific \
                and stem(counted) not in intent.topic_stems:
            # "Combien de départements sont partenaires du projet ?": departments counted, whatever the project's
            # intent; the line giving their number answers ("12 départements ont formé un consortium")
            return self._answer_by_terms(replace(query, intents=()), pindex, None, weights)
        answer = self._answer_by_intent(query, pindex, intent, weights, specific)
        rival = self._rival(query)
        if not answer.answered and answer.reason == "not-covered":  # two things asked alike ("monter à Paris
            second = self._second(query)  # régulièrement, c'est en remote ?"), one not covered: the other
            if second is not None:
                other = self._answer_by_intent(query, pindex, second, weights, specific)
                return other if other.answered else answer
        if answer.answered and rival is not None:  # two things asked alike: show the best line of each
            other = self._answer_by_intent(query, pindex, rival, weights, specific)
            if other.answered and other.passages[0] not in answer.passages:
                # the leading intent's first line (with the line it leads into, "Vous avez :" and its first item)
                lead = answer.passages[:2] if _leads_in(answer.passages[0].text) else answer.passages[:1]
                chosen = [ip for line in (*lead, other.passages[0]) for ip in pindex.passages if ip.passage is line]
                return self._make_answer(query, pindex, _fit(chosen), min(answer.score, other.score), intent)
        return answer

    @staticmethod
    def _second(query: Query) -> Intent | None:
        """An intent as high in priority as the leading one, asked by the same words or others."""
        second = _as_high(query)
        if second is None or query.intents[0].name in second.defers_to:  # "years of experience": no duration
            return None
        lead = [set(span) for span in query.intent_words[0]]
        if all(any(set(span) <= words for words in lead) for span in query.intent_words[1]):
            return None  # "daily" inside "daily rate": the rituals are not asked
        # asked in a clause of its own, or by a question word ("l'équipe est basée où ?"); "experience in
        # product teams" asks about experience, not about the team
        own = [n for span in query.intent_words[1] for n in span]
        if own and max(own) < _named_before_colon(query):  # "Designer freelance mission (ANSSI): do I need...?"
            return None  # the words before the colon name the posting; they ask nothing
        if query.clauses and not any(query.words[n] in _INTERROGATIVES for n in own) \
                and not _either_or(query, [n for span in query.intent_words[0] for n in span], own):
            lead_clauses = {query.clauses[n] for span in query.intent_words[0] for n in span}
            if all(query.clauses[n] in lead_clauses for n in own):
                return None
        return second

    @staticmethod
    def _rival(query: Query) -> Intent | None:
        """An intent as high in priority as the leading one, asked by other words of the question, unless it
        defers to the leading one ("j'envoie ma candidature à qui ?" asks where to apply, not who is hiring)."""
        second = _as_high(query)
        if second is None or query.intents[0].name in second.defers_to:
            return None
        lead = {n for span in query.intent_words[0] for n in span}
        other = {n for span in query.intent_words[1] for n in span}
        return second if not lead & other else None

    def _without_naming_intents(self, query: Query, pindex: PostingIndex) -> Query:
        """The question's intents, less those whose every trigger is part of the posting's name.

        "dev full stack" names a posting; it does not ask about the stack ("le poste de dev full stack,
        c'est quel temps de travail ?")."""
        if not query.intents:
            return query
        kept = [(intent, spans) for intent, spans in zip(query.intents, query.intent_words, strict=True)
                if not all(self._names_posting(query, span, pindex) for span in spans)]
        if len(kept) == len(query.intents):
            return query
        return replace(query, intents=tuple(i for i, _ in kept), intent_words=tuple(s for _, s in kept))

    def _names_posting(self, query: Query, span: Sequence[int], pindex: PostingIndex) -> bool:
        """Do the span's words stand, with a neighbour, in the posting's name ("full stack", "designer junior")?"""
        words = query.words
        content = {n for n in span if words[n] not in self.lexicon.stopwords}
        if not span or not content:
            return False
        if _ASKING_BEFORE & set(words[max(0, span[0] - 2):span[0] + 1]):  # "combien de jours par semaine ?" asks
            return False  # what the title says ("Designer - 3 jours par semaine"); it does not name the job
        name = f" {pindex.name_norm} "
        name_words = pindex.name_words
        covered: set[int] = set()
        for a in range(max(0, span[0] - 1), min(span[-1], len(words) - 2) + 1):
            pair = f"{words[a]} {words[a + 1]}"
            in_name = all(w in name_words or stem(w) in pindex.name_stems  # "junior UI designer", any order; "base
                          for w in (words[a], words[a + 1]))  # adresse" in "Bases Adresses Locales"
            if in_name and words[a] in self.lexicon.stopwords and words[a + 1] in self.lexicon.stopwords:
                in_name = False
            if in_name or f" {pair} " in name or self.lexicon.compounds.get(pair, " ") in name_words:
                covered.update((a, a + 1))
        # "ce poste de coach", "the job as coach": what follows the job's own noun names it, word by word
        before = words[max(0, span[0] - 2):span[0]]
        if len(before) == 2 and before[0] in _JOB_NOUNS and before[1] in _OF:
            covered.update(n for n in content if words[n] in name_words or stem(words[n]) in pindex.name_stems)
        return content <= covered

    def _unmentioned(self, query: Query, pindex: PostingIndex) -> list[str]:
        """Rare words of a question read by its words alone (no intent, or "what is..."), that the posting never
        mentions in any form ("un budget formation ?" when it says nothing of a budget): the posting does not say."""
        threshold = min(UNMENTIONED_WEIGHT, self.index.default_idf)
        rare = [w for w in _in_question_order(query.free_words, query.words)
                if len(w) > 2 and stem(w) not in pindex.name_stems
                and ((query.terms.get(w, 0.0) > 0 and self._rarity(w) >= threshold)  # rare in the collection
                     or (w not in self.index.known_words and len(w) > 3 and w.isalpha()))]  # or in no posting
        if query.lang == "en":  # an English word the glossary cannot put in French says nothing by its absence
            rare = [w for w in rare if w in query.specific or w in self.lexicon.specific or w in self.lexicon.synonyms]
        unmentioned = [w for w in rare if not self._mentioned(w, pindex)
                       and not any(self._phrase_synonym_in(query, w, ip) for ip in pindex.passages)]
        if not unmentioned:
            return []
        # "Figma ou Sketch ?", "du TDD et des revues de code ?": one of the things named is enough to answer
        parts = _parts(query.words, [w for w in query.free_words if query.terms.get(w, 0.0) > 0])
        if len(parts) > 1 and any(all(self._mentioned(w, pindex) for w in part) for part in parts):
            return []
        return unmentioned if len(parts) > 1 or len(unmentioned) == len(rare) else []

    def _name_mentioned(self, words: Sequence[str], pindex: PostingIndex) -> bool:
        """Does the posting name a thing of several words ("google analytics"), its words side by side or joined
        ("GoogleAnalytics")? "Google Drive" and "esprit analytique" do not."""
        phrase = " ".join(words)
        return "".join(words) in pindex.all_words or any(phrase in ip.norm for ip in pindex.passages)

    def _distinctive(self, pindex: PostingIndex) -> frozenset[str]:
        """The word keys of a posting's name that name few postings: its products, its team (worked out once per
        posting)."""
        found = self._posting_distinctive.get(pindex.posting.slug)
        if found is None:
            found = self._posting_distinctive[pindex.posting.slug] = frozenset(
                k for k in pindex.name_stems if self.index.name_weight(k) >= DISTINCTIVE_NAME)
        return found

    def _rarity(self, word: str) -> float:
        """How rare the thing a word names is in the collection: "training" is as common as "formation", and a verb
        as its other forms ("les services portent sur quels sujets ?": "porter", "porte" are everywhere)."""
        keys = {stem(word), stem(root(word))} | {stem(s) for s in self.lexicon.synonyms.get(word, ()) if " " not in s}
        return min(self.index.weight(k) for k in keys)

    def _without_asides(self, query: Query, pindexes: Sequence[PostingIndex]) -> Query:
        """The question without the things it names only in parentheses that none of the postings mentions: such
        a remark describes the posting in the candidate's words ("(the 2017 one, work permits for foreigners)" of a
        posting about "autorisations de travail"); it asks nothing. One that a posting mentions ("(celui qui
        remplace Henri)") still tells the postings apart."""
        dropped = [t for t in query.specific if _aside_only(query, t)
                   and not any(self._mentions(pindex, t) for pindex in pindexes)]
        return replace(query, specific=tuple(t for t in query.specific if t not in dropped)) if dropped else query

    def _names_posting_word(self, term: str, pindex: PostingIndex) -> bool:
        """Is the word one of the posting's name, or an acronym its name writes out ("as PO" of a product owner's
        posting)? It tells which posting, not which line."""
        if stem(term) in pindex.name_stems:
            return True
        name = f" {pindex.name_norm} "
        written_out = self.lexicon.acronyms.get(term, ())
        return any(f" {self.lexicon.join_compounds(written)} " in name for written in written_out)

    def _mentions(self, pindex: PostingIndex, term: str) -> bool:
        """Does the posting mention the word, in its name or its text, in any form?"""
        return stem(term) in pindex.name_stems or self._mentioned(term, pindex)

    def _mentioned(self, term: str, pindex: PostingIndex) -> bool:
        """Does the posting mention the term in some form: a synonym, a derived form (docker, dockerisée),
        a longer or shorter form (React, ReactJS; CMSs, CMS), or a heading's word?"""
        if self._term_in(term, pindex.stems, pindex.passages):
            return True
        words = pindex.all_words
        if term in words or stem(term) in pindex.heading_stems \
                or _in_some_form_among(term, words, pindex.ordered_words):
            return True
        if self._after_a_tool(term, words):
            return True
        for name in self.lexicon.acronyms.get(term, ()):  # "PM" when the posting says "product manager"
            compound = self.lexicon.compounds.get(name, "")
            if any(name in ip.norm or (compound and compound in ip.norm) for ip in pindex.passages):
                return True
        base = root(term)  # "attendez" when the posting says "attendons"
        return base != term and len(base) >= 5 and any(w.startswith(base) for w in words)

    def _named_in_some_form(self, term: str, pindex: PostingIndex) -> bool:
        """Does the posting mention the term, or write it in two words ("datasubvention" when the posting writes
        "Data.subvention", "Trackdechets" for "Track Déchets")? For the one posting a question is answered from."""
        if self._mentioned(term, pindex):
            return True
        head = term[:3]
        return len(term) >= 6 and any(a + b == term for ip in pindex.passages if head in ip.norm
                                      for a, b in itertools.pairwise(ip.norm.split()))

    def _answer_by_intent(self, query: Query, pindex: PostingIndex, intent: Intent,
                          weights: dict[str, float], specific: Sequence[str]) -> Answer:
        cues = pindex.cue_matches(intent, self.lexicon)
        sections = pindex.section_matches(intent.name, intent.sections)
        others = [pindex.cue_matches(i, self.lexicon) for i in query.intents[1:3]]
        total_weight = max(sum(weights.values()), MIN_WEIGHT) if any(weights.values()) else 0.0
        free = {t: w for t, w in weights.items() if t in query.free_words and w}
        parts = _parts(query.words, [t for t in free if t not in query.context_words]) if intent.whole_subject else []
        boilerplate = pindex.boilerplate(self.lexicon)
        asked_by = [w for w in query.lead_words if w not in self.lexicon.stopwords and len(w) > 2]
        posting_date = _posting_day(pindex.posting) if intent.future_dates else None
        asked_specific = [t for t in specific if t not in query.naming_words]  # not "(CDD à la DINUM, 2020)"
        # "combien d'agriculteurs utilisent le site ?": a line giving a number of farmers answers a count of users
        counted = _counted(query) if query.quantity and intent.count_answers else ""
        counted_keys = self._keys(counted) if counted and counted not in self.lexicon.generic else set()
        # "une prime ou un 13e mois ?": the things asked, among the words of an intent that gathers several
        things = [w for w in [*query.lead_words, *(query.free_words - query.naming_words)]
                  if w not in intent.broad and w not in self.lexicon.stopwords
                  and w not in self.lexicon.generic and len(w) > 1] if intent.broad else []
        group_cues: dict[int, int] = {}  # the cues of each list whose items mostly hold one, its items together
        if intent.min_cues > 1:
            items: dict[int, int] = {}
            for ip in pindex.passages:
                if ip.passage.group >= 0:
                    items[ip.passage.group] = items.get(ip.passage.group, 0) + 1
                    if cues[ip.position]:
                        group_cues[ip.passage.group] = group_cues.get(ip.passage.group, 0) + 1
            group_cues = {g: n for g, n in group_cues.items() if 2 * n >= items[g]}
        scored: list[tuple[float, IndexedPassage]] = []
        # a line with neither a cue of the intent nor one of its headings answers only when it names the thing
        # listed, defines what is asked or counts what is counted: otherwise those lines need not be read
        # "faudra bosser sur les questions de licences open data ?": a line of the list naming every word asked
        named_words = [t for t in free if t not in query.context_words] if intent.is_list else []
        named_words = named_words if len(named_words) >= 2 else []
        wide = intent.defining or bool(counted_keys) or (intent.is_list and bool(asked_specific or named_words))
        for ip in pindex.passages if wide else pindex.cued_or_under_heading(intent, self.lexicon):
            if query.demanded is not None and not query.demanded.search(ip.norm):
                continue
            if things and not any(self._line_names(w, ip) or self._phrase_synonym_in(query, w, ip) for w in things):
                continue  # "Y a des tickets resto ?": the line on health insurance says nothing of them
            cue = cues[ip.position] or int(bool(counted_keys) and _counts_of(counted_keys, ip.norm))
            section = sections[ip.position]
            if intent.min_cues > 1 and cue and not section and self._introduced_by_cue(ip, pindex, cues):
                section = 1.0  # "Les technologies mises en œuvre sont : › - Vue.js pour la partie front": the
                # line introducing the list speaks of the topic as a heading would
            names_it = intent.is_list and (any(self._line_names(t, ip) for t in asked_specific)
                                           or (bool(named_words)
                                               and all(self._line_names(t, ip) for t in named_words)))
            # "# Ta mission › ### Identifier les usagers › - Proposer des formats...": a list item under one of the
            # intent's headings, a theme's heading between them, is listed under it too
            listed = intent.by_section and (section >= 1.0 or (section >= 0.5 and ip.passage.kind is PassageKind.ITEM))
            # "qui est le lead dev ?": "Anthonny : lead développeur" under "L'équipe" names the person asked
            listed = listed or (query.person and section >= 1.0 and self._names_person(query, ip))
            if 0 < cue < intent.min_cues and not section and ip.passage.kind is not PassageKind.FACT \
                    and not (free and self._coverage(free, ip)) \
                    and not (ip.passage.group >= 0 and group_cues.get(ip.passage.group, 0) >= intent.min_cues):
                cue = 0  # one passing mention ("... à notre API") does not answer "which stack?"; a list of tools
                # named one an item does ("- NodeJs", "- PostgreSQL", "- Git")
            # "JeVeuxAider, c'est quoi ?": "JeVeuxAider.gouv.fr met en relation des bénévoles..." defines it
            defines = intent.defining and self._defines(query, ip)
            if not cue and not listed and not names_it and not defines:
                continue
            # "Pourquoi tant de projets n'ont pas l'impact attendu ?": a question the team asks itself, no fact
            if boilerplate[ip.position] or ip.asks or (query.quantity and not pindex.counts(intent, ip)):
                continue
            if query.person and not self._names_person(query, ip):
                continue  # "le coach, il s'appelle comment ?": a line naming no coach is no answer
            if ip.passage.kind is PassageKind.FACT and _restates(query, ip):
                continue  # "Which administration runs Signaux Faibles?": not "Startup d'État : signaux-faibles"
            if intent.future_dates and _dated_before(ip.norm, posting_date):
                continue  # "un comité installé en mars 2018" in a posting of August 2018 says no start date
            if not pindex.evidence(intent, ip) and not (intent.subject_answers and free and self._coverage(free, ip)) \
                    and not (query.quantity and intent.count_answers and pindex.counts(intent, ip)):
                continue  # a line without the kind of fact asked is no answer, however close its words; a count
                # answers how many ("plus de 350 utilisateurs"), not who
            if query.specific and _restates_asked(intent, ip, query.specific, self.lexicon.stopwords):
                continue  # "l'Incubateur des Territoires, ça dépend de qui ?": a line naming the incubator asked
                # ("Les technologies mises en œuvre au sein de l'Incubateur des Territoires") says not who carries it
            if parts and not self._names_a_part(query, parts, ip):
                continue  # "le product owner, c'est qui ?": a line that names no product owner is no answer
            covered = self._coverage(weights, ip, _own_heading(ip) if section >= 1.0 else frozenset())
            coverage = covered / total_weight if total_weight else 0.0
            score = 0.55 * bool(cue or names_it or listed or defines) + SECTION_WEIGHT * section + 0.3 * names_it
            if not cue and not names_it and section < 1.0:
                score -= 0.1  # listed under a heading of the intent only through its parent, with no cue of it
            score += 0.05 * sum(bool(o[ip.position]) for o in others)
            score += COVERAGE_WEIGHT * coverage if total_weight else 0.1
            if query.quantity and _FIGURE.search(ip.norm):
                score += 0.1
            if asked_by and all(self._line_names(w, ip) for w in asked_by):
                score += 0.1  # "c'est porté par quel ministère ?": "... est portée par le ministère de la Culture"
            if defines:
                score += DEFINES_WEIGHT
            if pindex.preferred(intent, ip):
                score += PREFERRED_WEIGHT  # "... a pour objectif de ...": what a product does, not who carries it
            if ip.after_pitch is not None and not pindex.says_after_pitch(intent, ip, self.lexicon):
                score -= PITCH_PENALTY  # "Vous souhaitez travailler dans une équipe agile ?": a pitch, not a fact
            if cue > 1:  # a line naming several places, technologies, skills...
                score += min(0.1, 0.03 * (cue - 1))
            if ip.passage.kind is PassageKind.FACT:
                score += 0.02
            elif ip.passage.kind is PassageKind.ITEM and intent.is_list:
                score += 0.03
            scored.append((score, ip))
        # what the question asks about beyond the topic's own words ("combien d'entretiens pour le recrutement ?")
        asked = {t: w for t, w in free.items() if t not in query.context_words
                 and (stem(t) not in intent.topic_stems or t in self.lexicon.specific)}
        if not scored and not (asked and intent.names_subject):
            return self._abstain(query, pindex.posting, "not-covered", intent)
        counted = _counted(query) if query.quantity else ""
        # a thing counted of its own ("how many support requests per week?"), or named where the topic counts
        # things ("how many designers on the team?", not "how many people?")
        counts_other = counted in asked or (intent.counts_named and bool(counted) and counted not in query.naming_words
                                            and stem(counted) not in intent.topic_stems)
        if counts_other:
            at = query.words.index(counted)
            thing = [w for w in query.words[at:at + 2] if w not in self.lexicon.stopwords]  # "VAE candidates"
            # "how many support requests per week?": a line of days per week counts no requests
            if counted in asked and not any(self._line_names(w, ip) for w in thing for _, ip in scored):
                return self._abstain(query, pindex.posting, "not-covered", intent)
            # "une équipe de 15 personnes (dev, designer...)" gives no number of designers; "3 designers" does
            keys = {key for word in thing for key in self._keys(word)}
            scored = [(score, ip) for score, ip in scored if _counts_of(keys, ip.norm)]
            if not scored:
                return self._abstain(query, pindex.posting, "not-covered", intent)
        if asked:  # "l'investigation dure combien ?": a line naming the investigation, when one does
            focused = [(s, ip) for s, ip in scored  # or its own heading ("## Les missions data pour Kelrisks"), or
                       if any(self._line_names(t, ip) or stem(t) in _own_heading(ip)  # writing it out ("France
                              or self._written_out(query, t, ip) for t in asked)]  # Université Numérique")
            if not focused and intent.names_subject:  # "faut connaître le design thinking ?": the lines naming it
                precise = len(asked) > 1 or any(t in self.lexicon.specific for t in asked)  # not one loose word
                parts = _parts(query.words, list(asked))  # "l'admin sys / ops": either names the subject
                naming = [ip for ip in pindex.passages if precise and not boilerplate[ip.position]
                          and ip.passage.kind is not PassageKind.FACT and pindex.evidence(intent, ip)
                          and any(all(self._line_names(t, ip) for t in part) for part in parts)]
                if not naming:
                    return self._abstain(query, pindex.posting, "not-covered", intent)
                return self._make_answer(query, pindex, _fit(naming[:2]), THRESHOLD, intent)
            scored = focused or scored
        if intent.is_list:  # "what's the backend stack?": the lines under the posting's heading "Back", when it has
            scored = self._under_side_asked(query, scored) or scored  # one for the side asked
        scored.sort(key=lambda s: (-s[0], s[1].position))
        best_score, best = scored[0]
        if best_score < THRESHOLD:
            return self._abstain(query, pindex.posting, "low-score", intent, score=best_score)
        with_terms = bool(free) and self._coverage(free, best) > 0
        chosen = self._gather(query, scored, intent, best, with_terms, pindex)
        return self._make_answer(query, pindex, chosen, min(1.0, best_score), intent)

    def _answer_by_terms(self, query: Query, pindex: PostingIndex, intent: Intent | None,
                         weights: dict[str, float]) -> Answer:
        total = max(sum(weights.values()), MIN_WEIGHT) if any(weights.values()) else 0.0
        if not total:
            return self._abstain(query, pindex.posting, "no-subject", intent)
        boilerplate = pindex.boilerplate(self.lexicon)
        subject = [t for t, w in weights.items() if w and t in query.free_words]
        whole = (intent is None or intent.whole_subject) and bool(subject)  # read by words: all of them count
        acronyms = [t for t in query.specific if t in subject and 3 <= len(t) <= 8 and t.isalpha()]
        spelling_out = bool(acronyms) and bool(_SPELLING_OUT.search(query.norm))  # what the letters stand for
        parts = _parts(query.words, subject)  # "TDD and code reviews": either is a subject of its own
        listed = _listed(query.text, parts[0]) if len(parts) == 1 else []
        parts = listed or parts  # "nettoyage de données, dédoublonnage, ça fait partie du job ?": item by item
        # asked one or the other, not both ("Figma ou Sketch ?"), or any item of a list ("CI/CD ?")
        either = len(parts) > 1 and (bool(listed) or bool({"ou", "or"} & set(query.words)))
        counted = _counted(query) if query.quantity and intent is None else ""
        # "vous avez aidé combien de locataires ?": tenants counted, whatever the verb; "combien d'aides ?" counts
        # aids, even in a posting named after them ("aides-jeunes")
        by_count = counted in subject or (bool(counted) and counted in query.free_words)
        if by_count:
            parts = [[counted]]
        scored: list[tuple[float, IndexedPassage]] = []
        for ip in pindex.passages:
            if boilerplate[ip.position] or ip.asks or (query.person and not self._names_person(query, ip)):
                continue
            if intent is not None and intent.defining and ip.passage.kind is PassageKind.FACT:
                continue  # "Poste : responsable produit pour le tableau de bord" names the thing, says not what it is
            if query.quantity and not FIGURE.search(ip.norm):
                continue  # "il y a combien de tuteurs ?": a line without a figure says not how many
            if by_count and not _counts_of(self._keys(counted), ip.norm):
                continue  # "une vingtaine de projets", not "un ou plusieurs projets" for "combien de projets ?"
            if whole and not self._names_a_part(query, parts, ip):
                continue  # "does the job involve user research?": a line about users only is no answer
            # "Ce programme consiste à aider..." under "Lancement du Programme national d'investigation": a line
            # defining what its own heading names covers the words of the heading too
            defines = intent is not None and intent.defining and self._defines(query, ip)
            coverage = 1.0 if whole and intent is not None else \
                self._coverage(weights, ip, _own_heading(ip) if defines else frozenset()) / total
            if either:  # "Figma ou Sketch ?": the line naming one of the things asked covers the question
                coverage = max(coverage, *(self._part_coverage(part, weights, ip) for part in parts))
            # "c'est quoi la DGALN ?": the line that writes it out ("Direction générale de l'aménagement...")
            # or that names it in parentheses after what it stands for ("... données, algorithmes et codes (AMDAC)")
            glossed = intent is not None and any(_in_parentheses(a, ip.passage.text) for a in acronyms)
            expands = glossed or (intent is not None and any(spells(a, ip.norm.split()) for a in acronyms))
            coverage = max(coverage, float(expands), float(by_count))  # a number of the thing counted
            own_heading = _own_heading(ip)
            heading = sum(w for t, w in weights.items() if stem(t) in own_heading) / total
            if coverage <= 0 and heading <= 0:
                continue
            score = coverage + 0.3 * heading
            if intent is not None:  # a definition: prefer lines that define, early in the posting
                score += 0.1 * bool(_DEFINITIONAL.search(ip.norm)) + 0.05 * (ip.position < 8)
                score += DEFINES_WEIGHT * defines + 0.3 * expands
                score += 0.4 * (glossed and spelling_out)  # "PCRS ça veut dire quoi ?": "PCRS (Plan Corps de...)"
                score += PREFERRED_WEIGHT * pindex.preferred(intent, ip)  # "a pour mission de...": what it is for
            if query.quantity and _FIGURE.search(ip.norm):
                score += 0.1
            if ip.passage.kind is PassageKind.FACT:
                score -= 0.1
            score += 0.15 * self._phrase_match(query, weights, ip)
            scored.append((score, ip))
        if not scored:
            return self._abstain(query, pindex.posting, "not-covered", intent)
        scored.sort(key=lambda s: (-s[0], s[1].position))
        best_score, best = scored[0]
        threshold = THRESHOLD if intent is not None and (intent.defining or whole) else FREE_THRESHOLD
        if best_score < threshold:
            return self._abstain(query, pindex.posting, "low-score", intent, score=best_score)
        following = self._following_items(best, pindex)
        runners = [ip for score, ip in scored[1:3] if score >= best_score * 0.9]
        close = [ip for score, ip in scored[1:3] if best_score * RUNNER_UP <= score < best_score * 0.9]
        # a runner-up that leads into a list ("... sur chacune des phases de l'investigation :") comes with it
        chosen = _fit(list(dict.fromkeys([best, *following, *runners, *close])), pindex)
        return self._make_answer(query, pindex, chosen, min(1.0, best_score), intent)

    def _part_coverage(self, part: Sequence[str], weights: dict[str, float], ip: IndexedPassage) -> float:
        """How much of one part of the question's subject ("Figma" in "Figma ou Sketch ?") the line names."""
        total = sum(weights.get(t, 0.0) for t in part)
        return self._coverage({t: weights.get(t, 0.0) for t in part}, ip) / total if total else 0.0

    def _names_person(self, query: Query, ip: IndexedPassage) -> bool:
        """Does the line name a person, in the role asked when the question names one?"""
        if not names_someone(ip.passage.text):
            return False
        role = query.person_role
        if not role or role in ip.norm.split() or self._term_in(role, ip.stems, (ip,)):
            return True
        return any(name in ip.norm for name in self.lexicon.acronyms.get(role, ()))  # "PM": "product manager"

    def _defines(self, query: Query, ip: IndexedPassage) -> bool:
        """Does the passage define something the question names: "X est une plateforme...", "X développe...",
        "JeVeuxAider.gouv.fr par la Réserve civique met en relation..." (X opening the line, a few words before its
        verb), or X written out ("France Université Numérique développe..." for "FUN")?"""
        words = ip.norm.split()
        for subject in query.words:
            if subject in self.lexicon.stopwords or subject in self.lexicon.generic or len(subject) < 2:
                continue
            anchors = [n for n, word in enumerate(words) if word.startswith(subject)]
            written_out = spelt_end(subject, words) if len(subject) <= 6 else None
            if written_out is not None:
                anchors.append(written_out)
            for at in anchors:
                gap = 6 if at < 3 else 0  # the line is about X: its verb may come after an aside
                if any(_DEFINING_VERB.match(" ".join(words[at + 1 + skip:at + 4 + skip])) for skip in range(gap + 1)):
                    return True
        return False

    def _names_a_part(self, query: Query, parts: Sequence[Sequence[str]], ip: IndexedPassage) -> bool:
        """Does the line name every word of one part of the question's subject, side by side when asked so?"""
        return any(all(self._term_in(t, ip.stems, (ip,)) or self._phrase_synonym_in(query, t, ip)
                       or self._spelt_out(t, ip) or self._written_out(query, t, ip) for t in part)
                   and self._side_by_side(query, part, ip) for part in parts)

    def _spelt_out(self, term: str, ip: IndexedPassage) -> bool:
        """Does the line write the acronym out ("DINUM": "direction interministérielle du numérique")?"""
        return any(name in ip.norm for name in self.lexicon.acronyms.get(term, ()))

    @staticmethod
    def _introduced_by_cue(ip: IndexedPassage, pindex: PostingIndex, cues: Sequence[int]) -> bool:
        """Is the line an item of a list whose lead-in line holds a cue of the intent?"""
        lead = _lead_in_of(ip, pindex)
        return lead is not None and bool(cues[lead.position])

    @staticmethod
    def _written_out(query: Query, term: str, ip: IndexedPassage) -> bool:
        """Does the line write out an acronym the question writes in capitals ("France Université Numérique"
        for "FUN"), one the lexicon does not know?"""
        return 3 <= len(term) <= 8 and term in _acronyms_in(query.text) and spells(term, ip.norm.split())

    def _phrase_synonym_in(self, query: Query, term: str, ip: IndexedPassage) -> bool:
        """Is the word part of a phrase the question writes ("réseaux sociaux") whose synonym the line holds
        ("Faire une veille sur les social media")?"""
        phrases = self._phrases_of.get(term)
        if not phrases:  # most words belong to no phrase: nothing to build for them, on this hot path
            return False
        line, asked = f" {ip.norm} ", f" {query.norm} "
        return any(f" {phrase} " in asked and any(f" {s} " in line for s in synonyms if s != phrase)
                   for phrase, synonyms in phrases)

    def _side_by_side(self, query: Query, subject: Sequence[str], ip: IndexedPassage) -> bool:
        """Do the subject words the question writes side by side ("recherche utilisateur", "user research")
        stand side by side in the line too, in either order (not "nous recherchons ... nos utilisateurs")?"""
        # written side by side in the question: not a verb and its object ("modérer le forum"); nor the words of a
        # phrase the line says in other words ("réseaux sociaux": "social media")
        pairs = [(a, b) for a, b in itertools.pairwise(query.words) if a in subject and b in subject
                 and not (self._phrase_synonym_in(query, a, ip) or self._phrase_synonym_in(query, b, ip))]
        if not pairs:
            return True
        line = [stem(w) for w in ip.norm.split() if w not in self.lexicon.stopwords]
        near = {frozenset(p) for p in itertools.pairwise(line)}
        return all(any(frozenset((x, y)) in near for x in self._keys(a) for y in self._keys(b)) for a, b in pairs)

    def _keys(self, word: str) -> set[str]:
        """A word's key and those of its one-word synonyms."""
        return {stem(word)} | {stem(s) for s in self.lexicon.synonyms.get(word, ()) if " " not in s}

    @staticmethod
    def _phrase_match(query: Query, weights: dict[str, float], ip: IndexedPassage) -> bool:
        """Do two subject words of the question stand side by side in the passage too ("open data")?"""
        words = [w for w in query.words if weights.get(w)]
        return any(f"{a} {b}" in ip.norm for a, b in itertools.pairwise(words))

    def _gather(self, query: Query, scored: list[tuple[float, IndexedPassage]], intent: Intent,
                best: IndexedPassage, with_terms: bool, pindex: PostingIndex) -> list[IndexedPassage]:
        """The best passage, with its list when the question asks for a list, or a close runner-up."""
        p = best.passage
        if intent.is_list and not with_terms and p.group >= 0:
            chosen = [ip for ip in pindex.passages if ip.passage.group == p.group]
            lead = pindex.passages[chosen[0].position - 1] if chosen[0].position else None
            if lead is not None and _leads_in(lead.passage.text) and lead.passage.section == p.section:
                chosen.insert(0, lead)
            if sum(len(ip.passage.text) + 1 for ip in chosen) > MAX_ANSWER_CHARS:  # too long to show whole:
                at = chosen.index(best)  # the best item first, then the items after it, then those before
                chosen = [best, *chosen[at + 1:], *chosen[:at]]
            return _fit(chosen)
        following = self._following_items(best, pindex)
        if following:
            return _fit([best, *self._asked_first(query, best, following)])
        if intent.is_list:  # the asked-about lines, then their neighbours in the list, then close runners-up
            best_score = scored[0][0]
            naming = [ip for _, ip in scored[1:] if with_terms and self._coverage_of_specific(query, ip)]
            siblings = sorted((ip for ip in pindex.passages if p.group >= 0 and ip.passage.group == p.group
                               and ip is not best), key=lambda ip: (ip.position < best.position, ip.position))
            runners = [ip for score, ip in scored[1:4] if score >= THRESHOLD + 0.05]
            return _fit(list(dict.fromkeys([best, *naming, *siblings, *runners])), pindex)
        chosen = [best]
        best_score = scored[0][0]
        close = []
        for score, ip in scored[1:3]:
            if score >= best_score * 0.9:
                chosen.append(ip)
            elif score >= best_score - SECTION_WEIGHT - 0.01 and ip.passage.section != p.section:
                # as good but for its heading ("Remote friendly" under "Quand / comment ?" when "Environnement
                # de travail" reads as a conditions heading): show both, the candidate tells
                chosen.append(ip)
            elif score >= best_score * RUNNER_UP:
                close.append(ip)  # nearly as good: shown after them when the answer has room
        # a runner-up that leads into a list ("Ne vous censurez pas si :") comes with its items
        return _fit([*chosen, *close], pindex)

    def _asked_first(self, query: Query, lead: IndexedPassage, items: list[IndexedPassage]) -> list[IndexedPassage]:
        """A lead-in's items, too many to show whole: the one naming most of the question's own words first, then
        those after it, then those before ("je ferais quoi ? de la prospection ?": "Identifier les contacts clés
        ... (prospection, prise de rendez-vous ...)", the list's second item, after "vous aurez pour mission :")."""
        if sum(len(ip.passage.text) + 1 for ip in [lead, *items]) <= MAX_ANSWER_CHARS:
            return items
        weights = {t: query.terms.get(t, 0.0) for t in query.free_words - query.naming_words}  # not the posting's name
        covered = [self._coverage(weights, ip) for ip in items]
        at = max(range(len(items)), key=covered.__getitem__)
        return [items[at], *items[at + 1:], *items[:at]] if covered[at] else items

    @staticmethod
    def _following_items(best: IndexedPassage, pindex: PostingIndex) -> list[IndexedPassage]:
        """What a lead-in line introduces (see _leads_in): the list that follows ("... composée de :"), or the
        next line of its section ("Candidatez via ce lien :" and the link)."""
        if best.passage.kind is PassageKind.FACT or not _leads_in(best.passage.text):
            return []
        items: list[IndexedPassage] = []
        for ip in pindex.passages[best.position + 1:]:
            if ip.passage.section != best.passage.section or ip.passage.kind is PassageKind.FACT:
                break
            if ip.passage.kind is not PassageKind.ITEM or (best.passage.kind is PassageKind.ITEM
                                                           and ip.passage.group == best.passage.group):
                if not items:  # not a list: the one line the lead-in announces, and what that line leads into
                    items.append(ip)  # ("Vos missions seront :", "Support auprès des professionnels :", its list)
                    items.extend(Matcher._following_items(ip, pindex))
                break
            items.append(ip)
        return items

    def _coverage_of_specific(self, query: Query, ip: IndexedPassage) -> bool:
        return any(self._term_in(t, ip.stems, (ip,)) for t in query.specific)

    def _coverage(self, weights: dict[str, float], ip: IndexedPassage,
                  heading: frozenset[str] = frozenset()) -> float:
        """The weight of the question's words the line names; with its own heading's word keys, those the heading
        names count too (under "L'équipe", every member's line speaks of the team)."""
        return sum(w for t, w in weights.items()
                   if w and (self._term_in(t, ip.stems, (ip,)) or (heading and self._term_in(t, heading, ()))))

    def _line_names(self, term: str, ip: IndexedPassage) -> bool:
        """Does the line name the term in some form (a synonym, React for ReactJS, docker for dockerisée, CI in
        HerokuCI)?"""
        if self._term_in(term, ip.stems, (ip,)):
            return True
        padded = f" {ip.norm} "
        return _in_some_form_of(term, padded) or (f"{term} " in padded and self._after_a_tool(term, ip.norm.split()))

    def _after_a_tool(self, term: str, words: Iterable[str]) -> bool:
        """Is the term written after a known tool's name, in one word ("CI" in "HerokuCI", "GitLabCI"), or does a
        known tool's name end with it ("CircleCI")?"""
        specific = self.lexicon.specific
        return len(term) >= 2 and any(w.endswith(term) and w != term and (w[:-len(term)] in specific or w in specific)
                                      for w in words)

    def _term_in(self, term: str, stems: frozenset[str], passages: Sequence[IndexedPassage]) -> bool:
        if stem(term) in stems:
            return True
        for synonym in self.lexicon.synonyms.get(term, ()):
            if " " in synonym:
                if any(synonym in p.norm for p in passages):
                    return True
            elif stem(synonym) in stems:
                return True
        return False

    # --- recruiters' FAQ ---------------------------------------------------------------------------

    def faq_intent(self, question: str) -> str:
        """The intent a recruiter's answer to this question is filed under in the FAQ: the question's leading
        intent when it is clear (see _clear_intent), else ""."""
        return _name(self._clear_intent(self.analyse(question)))

    def match_faq(self, question: str, known: Sequence[str], *, intents: Sequence[str] = (),
                  posting: str | None = None, threshold: float = 80.0) -> int | None:
        """The position of the known question whose answer serves this one, else None.

        A known question serves when neither question asks something the other does not ("Le TJM est-il
        négociable ?" is not "TJM ?", nor "le salaire d'un stagiaire" "le salaire"), and either it is close in
        words (token_set_ratio >= threshold) and about the same thing (same leading intent), or, whatever its
        words, it is filed under the intent this question clearly asks (intents[i]; "" when filed under none)
        and that intent lets one answer serve every wording of it (the lexicon's faq_topic). Of several, the
        closest in words, then the first. `posting`: the slug of the posting asked about, whose own name
        qualifies nothing."""
        if not known:
            return None
        query = self.analyse(question)
        others = [self.analyse(q) for q in known]
        choices = {n: self._faq_key(other) for n, other in enumerate(others)}
        scores = {int(n): score for _, score, n in process.extract(
            self._faq_key(query), choices, scorer=fuzz.token_set_ratio, processor=None, limit=None)}
        topic = self._clear_intent(query)
        pindex = self.index.find(posting) if posting else None
        names = pindex.name_stems if pindex is not None else frozenset()
        filed = [*intents[:len(known)], *[""] * (len(known) - len(intents))]
        fitting = [n for n, other in enumerate(others)
                   if self._serves(query, topic, other, filed[n], scores[n] >= threshold, names)]
        return max(fitting, key=lambda n: (scores[n], -n)) if fitting else None

    def _serves(self, query: Query, topic: Intent | None, other: Query, filed: str, close: bool,
                names: frozenset[str]) -> bool:
        """Does the answer to `other` (filed under the intent `filed`, close in words to `query` or not) serve
        `query`, whose clear intent is `topic`?"""
        if topic is not None and topic.faq_topic and filed == topic.name:  # the same topic, whatever the words
            return self._asks_the_same(query, topic.name, other, topic.name, names)
        same_intent = query.intent is None or other.intent is None or query.intent.name == other.intent.name
        return close and same_intent \
            and self._asks_the_same(query, _name(query.intent), other, _name(other.intent), names)

    @staticmethod
    def _clear_intent(query: Query) -> Intent | None:
        """The question's leading intent when it asks that one thing: recognised, not a way of asking read by the
        question's own words ("c'est quoi X ?", "y a-t-il du X ?"), and no other intent as strong asked by other
        words ("le salaire pour un junior ?" asks of pay and of juniors)."""
        lead = query.intent
        if lead is None or lead.by_words:
            return None
        lead_words = {n for span in query.intent_words[0] for n in span}
        for intent, spans in zip(query.intents[1:], query.intent_words[1:], strict=True):
            if not intent.by_words and intent.priority >= lead.priority \
                    and not lead_words & {n for span in spans for n in span}:
                return None
        return lead

    def _asks_the_same(self, query: Query, intent: str, other: Query, other_intent: str,
                       names: frozenset[str]) -> bool:
        """Does each question, beyond its intent, ask nothing the other does not ask too?"""
        asked = {k for word in query.words for k in self._keys(word)}
        known = {k for word in other.words for k in self._keys(word)}
        return all(self._keys(word) & known for word in self._qualifiers(query, intent, names)) \
            and all(self._keys(word) & asked for word in self._qualifiers(other, other_intent, names))

    def _qualifiers(self, query: Query, intent: str, names: frozenset[str]) -> list[str]:
        """What a question asks beyond an intent: the words of its other intents, asked by other words ("le TJM
        pour un stage ?"), and the rare subject words of the clause that asks ("négociable", "le vendredi"; not
        "Je suis enceinte : y a-t-il des titres-restaurant ?", which says who asks); never stopwords, words of
        the job itself or of the posting's name (`names`, word keys)."""
        lex = self.lexicon
        own: set[int] = set()
        other: set[int] = set()
        for found, spans in zip(query.intents, query.intent_words, strict=True):
            if found.name == intent:
                own.update(n for span in spans for n in span)
            elif not found.by_words:
                other.update(n for span in spans for n in span)
        threshold = min(UNMENTIONED_WEIGHT, self.index.default_idf)
        qualifiers = []
        for n, word in enumerate(query.words):
            if n in own or word in lex.stopwords or word in lex.generic or len(word) < 2 or stem(word) in names:
                continue
            rare = word not in query.context_words and (
                (query.terms.get(word, 0.0) > 0 and self._rarity(word) >= threshold)
                or (word not in self.index.known_words and len(word) > 3 and word.isalpha()))
            if n in other or rare:
                qualifiers.append(word)
        return qualifiers

    def _faq_key(self, query: Query) -> str:
        lex = self.lexicon
        return " ".join(w for w in query.words if w not in lex.stopwords and w not in lex.generic)

    # --- finding the posting --------------------------------------------------------------------

    def _answer_anywhere(self, query: Query) -> Answer:
        ranked = self.rank_postings(query, limit=DATED_POOL)
        candidates = ranked[:CANDIDATES]
        if not candidates:
            return Answer(query.text, False, None, reason="no-posting", intent=_name(query.intent), lang=query.lang)
        # a name in the question that the best posting never mentions ("Chez SNCF Connect, ...") means the
        # question is about a posting we do not have, not about the one that shares a word with it
        asking = query.trigger_keys  # "CV", "TJM" are how candidates ask, not names of a posting
        cased = {w for word in _WORD_CASED.findall(query.text) if any(c.isupper() for c in word)
                 for w in normalise(word).split()}  # a name is written with a capital; "measurement" is a word
        names = [t for t in query.specific if t in cased and t not in self.lexicon.specific
                 and stem(t) not in asking and t not in self.lexicon.abbreviations]
        # a team or product the collection names in few postings, written with a capital even where a sentence
        # starts ("Trackdéchets senior data engineer role (2022): ...")
        names += [w for w in dict.fromkeys(query.words) if w in cased and w not in names and len(w) > 3
                  and self.index.name_weight(stem(w)) >= DISTINCTIVE_NAME and stem(w) in self.index.name_postings
                  and w not in self.lexicon.specific and stem(w) not in asking and w not in self.lexicon.abbreviations
                  and w not in self.lexicon.generic and w not in self.lexicon.stopwords]
        # the first candidate that mentions every name the question gives ("le poste qui prend la suite d'Henri"):
        # those ranked above it lack one; none does, the question is about a posting we do not have
        fitting = next((rank for rank, (_, pindex) in enumerate(candidates)
                        if not self._names_unmentioned(names, pindex)), None)
        if fitting is None:
            unknown = self._names_unmentioned(names, candidates[0][1])
            # "Civilians of Defence startup (Ministry of Armed Forces)": an English rendering of a French name
            # ("Civils de la défense", "ministère des Armées"); the best match, when it writes most of the names
            # given in a form of its own ("civils", "armées"), is the one
            unrendered = [t for t in unknown if not _rendered_in(t, candidates[0][1].words)]
            if query.lang != "en" or 2 * len(unrendered) >= len(names):
                return Answer(query.text, False, None, reason=f"no-posting: {', '.join(unknown)}",
                              intent=_name(query.intent), lang=query.lang)
            fitting = 0
        candidates = candidates[fitting:]
        candidates = self._without_closed_copies(candidates)
        query = self._without_asides(query, [pindex for _, pindex in candidates])
        years = _years_named(query)
        months = _months_named(query) if years else set()
        days = _days_named(query) if years else set()
        # "publié le 17 décembre 2020": the one posting of that day among those the question's words fit, however
        # close another of the same team and month ("17 Dec 2020", not the one of the 18th)
        that_day = [pindex for _, pindex in ranked if days and days & _posting_days(pindex.posting)
                    and not self._names_unmentioned(names, pindex)]
        if len(that_day) == 1:
            return self.answer_in(query, that_day[0])
        if years and not _dated_in(candidates[0][1].posting, years, months):
            # the postings of that date among all those the question's words fit, each mentioning the names it gives
            # ("dev Django chez Itou (fin 2019)": the four Django postings of 2021 rank first, that of 2019 fifth)
            dated = [pindex for _, pindex in self._without_closed_copies(ranked)
                     if _dated_in(pindex.posting, years, months) and not self._names_unmentioned(names, pindex)]
            if len(dated) == 1:  # "SNU support role (Jan 2022)": the best match is of 2021, the one of 2022
                return self.answer_in(query, dated[0])  # ranks below it: the date tells which
            if dated:  # several of that date: the candidate tells
                top = self.answer_in(query, candidates[0][1])
                return replace(top, answered=False, reason="ambiguous",
                               alternatives=tuple(p.posting for p in [*dated, candidates[0][1]][:3]))
            if not _dated_in(candidates[0][1].posting, years):  # another year, and none of the year named
                return Answer(query.text, False, None, reason=f"no-posting: {', '.join(sorted(years))}",
                              intent=_name(query.intent), lang=query.lang)
        top_score, first = candidates[0]
        # a re-publication of the best match is as close, whatever its title's wording, unless the question
        # tells them apart: by a date ("Trackdéchets bizdev (2019)": the offers of May and of December), by a
        # word only the best match's name holds ("support des référents")
        asked = {stem(w) for w in query.words}
        close = [self.answer_in(query, pindex) for score, pindex in candidates if score >= AMBIGUITY * top_score
                 or (self._copies(first, pindex) and asked & first.name_stems <= pindex.name_stems
                     and (not years or _dated_in(pindex.posting, years, months)))]
        answered = [answer for answer in close if answer.answered]
        top = (answered or close)[0]
        # several answers that differ, none, or only from a posting ranked below one that does not say: ask
        if (len(answered) > 1 and len({a.text for a in answered}) > 1) or (not answered and len(close) > 1) \
                or (answered and not close[0].answered):
            postings = [a.posting for a in close if a.posting is not None]
            return replace(top, answered=False, reason="ambiguous",  # open postings offered first
                           alternatives=tuple(sorted(postings, key=lambda p: not p.is_open)))
        return top

    def _names_unmentioned(self, names: Sequence[str], pindex: PostingIndex) -> list[str]:
        """The names of the question a posting never mentions, in its name or its text ("lebontuteur" counts)."""
        return [t for t in names if not self._mentions(pindex, t)
                and not any(len(t) >= 5 and t in w for w in pindex.name_words)]

    def _without_closed_copies(self, ranked: list[tuple[float, PostingIndex]]) -> list[tuple[float, PostingIndex]]:
        """The ranked postings without the closed copies of an open one among them (a re-publication answers)."""
        kept = {id(p) for p in prefer_open([self._copy_key(pindex) for _, pindex in ranked])}
        return [(score, pindex) for score, pindex in ranked if id(pindex.posting) in kept]

    def _copies(self, a: PostingIndex, b: PostingIndex) -> bool:
        """Are two postings the same job published twice?"""
        return a is not b and copies_of(self._copy_key(a), self._copy_key(b))

    def _copy_key(self, pindex: PostingIndex) -> CopyKey:
        """A posting's copy key, worked out when it is first ranked and kept until the posting changes."""
        key = self._copy_keys.get(pindex.posting.path)
        if key is None or key.posting is not pindex.posting:
            key = self._copy_keys[pindex.posting.path] = CopyKey.of(pindex.posting)
        return key

    def rank_postings(self, query: Query, *, limit: int = 4) -> list[tuple[float, PostingIndex]]:
        """Postings the question is about: names (title, roles, startup, team) first, then body words."""
        index = self.index
        phrases = _phrases_in(query.words, self._name_phrases)  # "incubateur des territoires": read as "anct"
        groups, extra = self._name_key_groups(query, phrases)
        joined = self._joined_names(query, phrases[1])
        joined_parts = {part for _, parts, rare in joined.values() if rare for part in parts}
        keys = frozenset(k for group, (_, naming, _) in groups if naming for k in group) | frozenset(joined) | extra
        keys |= frozenset(map(stem, keys))  # "aidantsconnect" covers a title's "aidants" (its key)
        scores: dict[int, float] = {}
        distinctive: list[Collection[int]] = []  # per word naming few postings (a team, a product), those it names
        by_key: dict[str, dict[int, float]] = {}  # what each word's group gave, by the word's keys
        for group, (in_body, naming, required) in groups:  # each word counts once, by its best key (a word and its
            best, rare = self._group_scores(group, in_body, group & query.trigger_keys)  # synonyms are one)
            if not naming:  # "Pour le poste de X, | on suit combien de projets ?": it asks, it hardly names
                best = {n: weight * ASKING_NAME_WEIGHT for n, weight in best.items()}
            elif not required:  # "(Nov 2021, the one with ~60 open-source projects)": a remark adds to the name
                best = {n: weight * ASIDE_NAME_WEIGHT for n, weight in best.items()}  # it does not outweigh it
            for n, weight in best.items():
                scores[n] = scores.get(n, 0.0) + weight
            for key in group:
                by_key.setdefault(key, best)
            # a word few names hold but most bodies do ("État" of "startup d'État") tells no team apart
            # a word of a name of two words found ("Engagement Civique"): the name is required, as one (below)
            if rare and naming and required and not self._common_in_bodies(group) and not group & joined_parts:
                distinctive.append(best)
        for key, (weight, stems, rare) in joined.items():  # a name counts once, written apart or together: a posting
            parts = [by_key[k] for k in dict.fromkeys(stems) if k in by_key]  # its words found gets the rest
            for n in index.name_postings[key]:
                scores[n] = scores.get(n, 0.0) + max(0.0, 2.0 * weight - sum(part.get(n, 0.0) for part in parts))
            if rare:  # "aidants connect", "infoparquet", not "dev fullstack"; "le.taxi" in a body too
                every = set.intersection(*(set(index.body_postings.get(k, ())) for k in stems))
                distinctive.append(set(index.name_postings[key]) | every)
        if distinctive:  # a posting that never mentions a team or product the question names is not the one
            present = _counts(distinctive)  # the sets are small: counted once, not tried for every posting
            for n in scores:
                missing = len(distinctive) - present.get(n, 0)
                if missing:
                    scores[n] *= 0.6 ** missing
        named_roles = [(self.lexicon.roles[k], required) for group, (_, naming, required) in groups if naming
                       for k in group if k in self.lexicon.roles]
        # not a role in a remark ("(team with a data scientist)" of a developer's posting), when another is named
        asked_roles = {role for role, required in named_roles if required} or {role for role, _ in named_roles}
        if asked_roles:  # "le poste de développeur à la Brigade": not the bizdev's posting of the Brigade
            for n in scores:
                held = self._roles_of(n)
                if held and not held & asked_roles:
                    scores[n] *= OTHER_ROLE
        if not scores:
            return []
        # the factors below lie between 0.6 * OTHER_YEAR (* OTHER_SEASON with a season named) and 1.3 (twice), and only
        # scores within 60 % of the best are kept: a posting below this floor can never be kept (the same ranking,
        # far fewer postings to weigh)
        seasons = _seasons_in(query.norm) if _SEASON_WORD.search(query.norm) else frozenset()
        lowest = (OTHER_YEAR if _years_named(query) else 1.0) * (OTHER_SEASON if seasons else 1.0)  # _prefer_dates
        floor = max(scores.values()) * 0.6 * lowest * 0.6 / (1.3 * (1.3 if seasons else 1.0)) * 0.999
        scores = {n: score for n, score in scores.items() if score >= floor}
        for n, score in scores.items():  # prefer postings whose title the question covers (not only names)
            title = index.postings[n].title_keys
            if title:
                covered = math.fsum(index.name_weight(k) for k in title & keys)  # in any order: see title_weight
                scores[n] = score * (0.6 + 0.4 * covered / index.title_weight(n))
        _prefer_dates(scores, query, index)
        if seasons:  # "la saison 2 des startups d'État de l'écologie": the posting of that season, when one says so
            named = {n: self._seasons_of(n) for n in scores}
            if any(found & seasons for found in named.values()):
                for n in scores:
                    scores[n] *= 1.3 if named[n] & seasons else OTHER_SEASON
        # equal scores rank postings in the order of their files' names (their numbers), whatever order the sets
        # above were read in: the same question gets the same answer from one start of the bot to the next
        ranked = sorted(scores.items(), key=lambda s: (-s[1], s[0]))[:limit]
        top = ranked[0][1]
        return [(s / top, index.postings[n]) for n, s in ranked if s >= top * 0.6]

    def _under_side_asked(self, query: Query, scored: list[tuple[float, IndexedPassage]]
                          ) -> list[tuple[float, IndexedPassage]]:
        """The lines under a heading of one word that a word asking the question names, in a form or by a synonym
        ("backend": "### Back", "côté front": "### Front"); none when no such heading holds an answer."""
        keys = {stem(s) for w in query.lead_words if w not in self.lexicon.stopwords and len(w) > 2
                for s in (w, *self.lexicon.synonyms.get(w, ())) if " " not in s}
        return [(s, ip) for s, ip in scored if len(own := _own_heading(ip)) == 1 and own <= keys]

    def _seasons_of(self, n: int) -> frozenset[int]:
        """The seasons (editions) a posting names, in its name or its text ("saison2", "la deuxième saison"),
        worked out once per posting."""
        found = self._posting_seasons.get(n)
        if found is None:
            pindex = self.index.postings[n]
            found = self._posting_seasons[n] = _seasons_in(" ".join([pindex.name_norm, *pindex.norms]))
        return found

    def _roles_of(self, n: int) -> frozenset[int]:
        """The jobs a posting's name gives (title, roles), worked out once per posting."""
        roles = self._posting_roles.get(n)
        if roles is None:
            words = self.index.postings[n].name_words
            roles = self._posting_roles[n] = frozenset(self.lexicon.roles[w] for w in words if w in self.lexicon.roles)
        return roles

    def _common_in_bodies(self, group: frozenset[str]) -> bool:
        """Is one of the word's keys in a large share of the postings' texts?"""
        index = self.index
        return max(len(index.body_postings.get(key, ())) for key in group) >= COMMON_IN_BODIES * len(index.postings)

    def _scores_of_group(self, group: frozenset[str], in_body: bool,
                         asking: frozenset[str]) -> tuple[dict[int, float], bool]:
        """The postings a word (a group of keys) names or mentions, each with the weight of its best key,
        and whether it names few postings (a team, a product). Cached: the index does not change."""
        index = self.index
        best: dict[int, float] = {}
        rare = False
        for key in group:
            named = index.name_postings.get(key, ())
            if named:
                weight = 2.0 * index.name_weight(key)
                rare = rare or index.name_weight(key) >= DISTINCTIVE_NAME
                for n in named:
                    best[n] = max(best.get(n, 0.0), weight)
            weight = index.weight(key)
            if in_body and weight > 2.0 and key not in asking:
                for n in index.body_postings.get(key, ()):
                    best[n] = max(best.get(n, 0.0), 0.3 * weight)
        return best, rare

    def _name_key_groups(self, query: Query, found: tuple[list[tuple[frozenset[str], range]], set[int]]
                         ) -> tuple[list[tuple[frozenset[str], tuple[bool, bool, bool]]], frozenset[str]]:
        """The word keys that may name a posting, one group per word of the question: its key, its whole form,
        its synonyms' keys, and the form it was written in ("dev" as well as "developpeur"). A name of several
        words is one group, as postings' names read it: a compound ("product manager" -> "productmanager", with
        its acronym "pm"), an acronym's name written out ("incubateur des territoires": "anct"). Each group says
        whether it may also be found in a posting's body (the words asking the question, "télétravail", name
        postings only), and whether it stands where the question names its posting: when one clause does
        ("Pour le poste de chargé de portefeuille, | on suit combien de projets ?"), the words of the clause
        that asks hardly name one. Also returned: the keys a posting's title may share with the question (an acronym
        covers the words of its names)."""
        lex = self.lexicon

        def wanted(word: str) -> bool:
            return len(word) > 1 and word not in lex.stopwords and word not in lex.generic

        words = query.words
        phrases, covered = found  # the names of several words in the question (_phrases_in)
        asking = _asking_clause(query)
        last = query.clauses[-1] if len(set(query.clauses)) > 1 else -1
        groups: dict[frozenset[str], tuple[bool, bool, bool]] = {}
        position = 0
        suffixes = _domain_suffixes(query)
        for number, forms in enumerate(query.forms):
            read = range(position, position + len(forms) - 1)
            position = read.stop
            if read and all(n in covered for n in read):  # part of a name of several words, read as one
                continue
            if number in suffixes:  # "transport.data.gouv.fr" is named by "transport.data", not by ".gouv.fr"
                continue
            group: set[str] = set()
            for word in dict.fromkeys(forms):
                if wanted(word):
                    group |= {stem(word)} | ({word} if len(word) > 7 else set())
                    group |= {stem(s) for s in lex.synonyms.get(word, ()) if " " not in s}
            if group:
                in_body = not any(word in query.lead_words for word in forms)
                # a word of the asking intent names no posting in the clause that asks ("Chargé de portefeuille
                # à l'ANCT : la mission dure combien ?"), it may elsewhere ("Pour le poste d'UI designer junior, ...")
                naming = (in_body or last not in (-1, *(query.clauses[n] for n in read))) \
                    and (not read or any(query.clauses[n] != asking for n in read))
                # a remark in parentheses ("(mission interministérielle, mars 2022)") may describe what only
                # the posting's text says: its words add to a posting's name, none is required of it
                required = not query.asides or not all(query.asides[n] for n in read) \
                    or (len(read) == 1 and self._gloss(query, read.start, forms[0]))
                # a key counts once: "designer UX" gives "design" by the first word, not again by the synonym of
                # the second, or a posting titled "UI design" would be named twice
                group -= {key for earlier in groups for key in earlier}
                if not group:
                    continue
                was = groups.get(frozenset(group), (False, False, False))
                groups[frozenset(group)] = (was[0] or in_body, was[1] or naming, was[2] or required)
        for keys, at in phrases:  # a name in a remark ("(team with a data scientist)") is not required either
            groups[keys] = (True, True, not query.asides or not all(query.asides[n] for n in at))
        spelt = {stem(w) for acronym in set(words) & set(lex.acronyms)  # "anct": "incubateur des territoires"
                 for name in lex.acronyms[acronym] for w in name.split() if wanted(w)}
        spelt |= {stem(words[n]) for n in covered if wanted(words[n])}  # and "incubateur des territoires" too
        return list(groups.items()), frozenset(spelt)  # in the question's order: deterministic

    @staticmethod
    def _gloss(query: Query, at: int, written: str) -> bool:
        """Is the word an acronym alone in parentheses, glossing the name before it ("Simplified Street Plan
        (PCRS)")? It names the posting as much as the words it stands for."""
        asides = query.asides
        alone = (at == 0 or not asides[at - 1]) and (at + 1 >= len(asides) or not asides[at + 1])
        return alone and written in _capitals(query.text, len(query.words))

    def _joined_names(self, query: Query, covered: set[int]) -> dict[str, tuple[float, tuple[str, ...], bool]]:
        """Words written apart that a posting's name writes together ("Aidants Connect", "aidantsconnect"; "Elles
        font la culture", "ellesfontlaculture"), weighted as their words, so that the name counts as much written
        together as apart ("le.taxi", with a stopword, weighs as the joined name)."""
        index = self.index
        joined = self.lexicon.join_compounds(" ".join(query.words)).split()
        compounds = set(joined) - set(query.words)  # "full stack" -> "fullstack": a group of its own already
        pairs: dict[str, tuple[float, tuple[str, ...], bool]] = {}
        stopwords = self.lexicon.stopwords
        named = {query.words[n] for n in covered}  # words of a name of several words, read as its acronym
        capitals = _capitals(query.text, len(query.words))
        spans: list[range] = []  # the positions in query.words of each word as written
        for forms in query.forms:
            at = spans[-1].stop if spans else 0
            spans.append(range(at, at + len(forms) - 1))
        written = [forms[0] for forms in query.forms]
        for text in (joined, written) if written != joined else (written,):  # most questions: one text, read once
            for size in range(2, MAX_JOINED_WORDS + 1):
                for start in range(len(text) - size + 1):
                    words = text[start:start + size]
                    name = "".join(words)
                    if len(name) <= 4 or name not in index.name_postings or name in compounds:
                        continue
                    if text is written and _splits_a_name(spans[start:start + size], covered):
                        continue  # "dev full stack": "full" is of the name "full stack", not of "devfull"
                    content = [w for w in words if w not in stopwords or w in capitals]  # "A-JUST": "just"
                    # two words, or more with stopwords ("Place des Entreprises": "placedesentreprises"; not "dev
                    # full stack"), not the words of a name already read as its acronym
                    if not content or (size > 2 and (len(content) == size or set(content) <= named)):
                        continue
                    # its words' weights where names write them apart ("aidants connect"); else the joined
                    # name's own ("full stack": names always write "fullstack"; "elles font la culture")
                    parts = [index.name_weight(stem(w)) for w in content if stem(w) in index.name_postings]
                    weight = sum(parts) if len(parts) == len(content) > 1 else index.name_weight(name)
                    if weight > pairs.get(name, (0.0,))[0]:
                        pairs[name] = (weight, tuple(stem(w) for w in words),
                                       weight >= DISTINCTIVE_NAME * max(1, len(parts)))
        return pairs

    # --- results ----------------------------------------------------------------------------------

    def _make_answer(self, query: Query, pindex: PostingIndex, chosen: list[IndexedPassage], score: float,
                     intent: Intent | None) -> Answer:
        posting = pindex.posting
        lead = _lead_in_of(chosen[0], pindex)
        if lead is not None and lead not in chosen:  # "backlog" alone says nothing: "... un lien vers le dépôt
            chosen = _fit([lead, *chosen])  # privé qui contient :" first, then the item
        section = chosen[0].passage.section
        lines: list[str] = []
        shown = ""
        for ip in chosen:  # each line under its own heading: a runner-up may come from another section
            heading = ip.passage.section.rsplit(" › ", 1)[-1]
            if ip.passage.kind is not PassageKind.FACT and heading != INTRO and ip.passage.section != shown:
                lines.append(f"« {_short_heading(heading)} »")
                shown = ip.passage.section
            lines.append(ip.passage.text)
        return Answer(query.text, True, posting, tuple(ip.passage for ip in chosen), "\n".join(lines),
                      section, round(score, 3), _name(intent), "", forward_to=self.contact_of(posting), lang=query.lang)

    def contact_of(self, posting: Posting) -> str:
        """Who a forwarded question about this posting goes to ("" when nobody)."""
        pindex = self.index.find(posting.slug)
        if pindex is None:
            return self._contact(posting)
        if pindex.contact is None:
            pindex.contact = self._contact(posting)
        return pindex.contact

    def _abstain(self, query: Query, posting: Posting, reason: str, intent: Intent | None, *,
                 score: float = 0.0, detail: str = "") -> Answer:
        why = f"{reason}: {detail}" if detail else reason
        return Answer(query.text, False, posting, score=round(score, 3), intent=_name(intent), reason=why,
                      forward_to=self.contact_of(posting), lang=query.lang)


def _phrases_by_word(lexicon: Lexicon) -> dict[str, list[tuple[str, frozenset[str]]]]:
    """Each word of a synonym written in several words ("reseaux sociaux"), with that phrase and its synonyms."""
    by_word: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for phrase, synonyms in lexicon.synonyms.items():
        if " " in phrase:
            for word in dict.fromkeys(phrase.split()):
                by_word.setdefault(word, []).append((phrase, synonyms))
    return by_word


def _in_context(words: list[str], pairs: Mapping[tuple[str, str], tuple[str, str]]) -> list[str]:
    """The words with each pair of an abbreviation in context read as the lexicon says ("tt ça" -> "tout ça")."""
    if not pairs:
        return words
    read = list(words)
    for n in range(len(read) - 1):
        pair = pairs.get((read[n], read[n + 1]))
        if pair is not None:
            read[n], read[n + 1] = pair
    return read


@lru_cache(maxsize=4096)
def _stems_of(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in text.split())


def _either_or(query: Query, lead: Sequence[int], other: Sequence[int]) -> bool:
    """Are the words of two intents the two sides of an "ou"/"or" ("c'est en full remote ou faut passer au
    bureau ?"): either is asked?"""
    if not lead or not other:
        return False
    low, high = (lead, other) if max(lead) < min(other) else (other, lead)
    return max(low) < min(high) and any(w in ("ou", "or") for w in query.words[max(low) + 1:min(high)])


def _splits_a_name(spans: Sequence[range], covered: set[int]) -> bool:
    """Do the words (by their positions) take part of a name of several words (a run of covered positions), not
    all of it?"""
    held = {n for span in spans for n in span}
    return any(n + step in covered and n + step not in held for n in held & covered for step in (-1, 1))


def _own_heading(ip: IndexedPassage) -> frozenset[str]:
    """The word keys of the passage's own heading (not its parents')."""
    return _stems_of(ip.section_norm.rsplit(" › ", 1)[-1])


_Found = tuple[Intent, list[tuple[int, int]]]


def _language(words: Sequence[str], names: Collection[str]) -> str:
    """"en" when the question holds more words only English writes than words only French writes, names aside
    ("La Bonne Boite job: which framework?"); "on" is French before a verb ("on peut ?"), English before
    an article or at the end ("are on the team", "what will I be working on?"); else "fr" (the chat's language
    then decides)."""
    english = french = 0
    for n, word in enumerate(words):
        if word in names:
            continue
        if word == "on":
            after = words[n + 1] if n + 1 < len(words) else ""
            french += bool(after) and after not in _ENGLISH_WORDS and after not in ("a", "an")
        else:
            english += word in _ENGLISH_WORDS
            french += word in _FRENCH_WORDS
    return "en" if english > french else "fr"


_YEAR = re.compile(r"^20[0-3]\d$")
_MONTHS = ("janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre",
           "novembre", "decembre")
_MONTHS_EN = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december")


_Phrases = dict[str, list[tuple[tuple[str, ...], frozenset[str]]]]
# words that say a clause names the posting ("pour le poste de dev chez REVA, ...", "REVA developer job: ...")
_NAMING_CUES = frozenset({"poste", "postes", "offre", "offres", "annonce", "job", "jobs", "role", "position", "opening",
                          "posting", "vacancy", "chez", "recrute", "recrutent"})


@lru_cache(maxsize=64)  # asked once when the question is read, once when its posting is looked for
def _capitals(question: str, words: int) -> frozenset[str]:
    """The words a question writes in capitals, as names are ("A-JUST"), unless it writes most of them so."""
    capitals = _acronyms_in(question)
    return capitals if 2 * len(capitals) <= words else frozenset()


@lru_cache(maxsize=64)  # asked of each line an answer reads
def _acronyms_in(text: str) -> frozenset[str]:
    """The words a question writes in capitals, as acronyms are ("FUN", "DGALN"), normalised."""
    return frozenset(normalise(word) for word in _ACRONYM.findall(text))


def _named_before_colon(query: Query) -> int:
    """How many of the question's words stand before a colon that introduces what it asks ("Poste de dev chez X
    (2021) : c'est quel contrat ?"): those words name the posting. 0 when there is no such colon."""
    return _before_colon(query.text, query.forms)


def _rendered_in(term: str, words: Collection[str]) -> bool:
    """Does a posting write a word of an English name in a French form of its own, sharing its first letters
    ("civilians": "civils", "armed": "armees", "institute": "institut")?"""
    size = max(4, min(len(term) - 4, 6))
    head = term[:size]
    return len(term) >= 5 and any(word.startswith(head) for word in words)


def _in_parentheses(acronym: str, text: str) -> bool:
    """Does the text give the acronym in parentheses after some words ("... codes sources (AMDAC)"), or what it
    stands for in parentheses after it ("PCRS (Plan Corps de Rue Simplifié)")?"""
    found = re.search(rf"\(\s*{re.escape(acronym)}\s*\)", text, re.IGNORECASE)
    if found is not None and len(re.findall(r"\w+", text[:found.start()][-80:])) >= 2:
        return True
    glossed = re.search(rf"\b{re.escape(acronym)}\s*\(([^()]{{3,120}})\)", text, re.IGNORECASE)
    return glossed is not None and spells(acronym.lower(), normalise(glossed.group(1)).split())


def _question_clauses(question: str) -> frozenset[int]:
    """The clauses (numbered as Matcher._clauses numbers them) that a question mark ends."""
    ends = _CLAUSE.findall(question)
    return frozenset(n for n, end in enumerate(ends) if end == "?")


def _before_colon(text: str, forms: Sequence[Sequence[str]]) -> int:
    head, colon, tail = text.partition(":")
    if not colon or "?" in head or "?" not in tail or "//" in tail[:2]:
        return 0
    raw = len(normalise(head).split())
    return sum(len(word_forms) - 1 for word_forms in forms[:raw])


def _dash_as_colon(question: str) -> str:
    """The question with a dash that ends a naming prefix read as a colon ("The api.gouv.fr job about APIs - what
    background are they looking for?"); a dash after a question ("What format - workshops, trainings?") stays."""
    found = _DASH.search(question)
    if found is None or _QUESTION_WORD.search(normalise(question[:found.start()])):
        return question
    return f"{question[:found.start()]}: {question[found.end():]}"


_DASH = re.compile(r"\s[-–—]\s")
_QUESTION_WORD = re.compile(r"\b(?:what|how|which|who|where|when|why|is|are|do|does|can|will|would|should|quel|quels|"
                            r"quelle|quelles|comment|combien|quand|pourquoi|qui|ou|est ce|c est|y a)\b")


def _asking_clause(query: Query) -> int:
    """The clause that asks (the last one) when another clause names the posting, else -1."""
    if not query.clauses or len(set(query.clauses)) == 1:
        return -1
    last = query.clauses[-1]
    cued = {clause for word, clause in zip(query.words, query.clauses, strict=True) if word in _NAMING_CUES}
    return last if cued and last not in cued else -1  # "Chez X, | c'est possible pour le poste de dev ?" names



def _name_phrases(lexicon: Lexicon) -> _Phrases:
    """The names of several words postings are named by, by their first word: each one's words and the keys it
    stands for ("product manager": productmanager and its acronym pm; "incubateur des territoires": anct)."""
    by_first: _Phrases = {}
    for phrase, word in lexicon.compounds.items():
        acronyms = {acronym for acronym, names in lexicon.acronyms.items()
                    if any(lexicon.join_compounds(name) == word for name in names)}
        keys = frozenset({stem(word), *acronyms} | ({word} if len(word) > 7 else set()))
        by_first.setdefault(phrase.split()[0], []).append((tuple(phrase.split()), keys))
    for acronym, names in lexicon.acronyms.items():
        for name in names:
            if len(name.split()) > 1 and name not in lexicon.compounds:
                by_first.setdefault(name.split()[0], []).append((tuple(name.split()), frozenset({acronym})))
    for phrases in by_first.values():
        phrases.sort(key=lambda phrase: -len(phrase[0]))  # the longest name first
    return by_first


def _phrases_in(words: Sequence[str], phrases: _Phrases) -> tuple[list[tuple[frozenset[str], range]], set[int]]:
    """The names of several words standing in the words (left to right, the longest first), each with the
    positions of its words, and the positions of the words they cover."""
    found: list[tuple[frozenset[str], range]] = []
    covered: set[int] = set()
    n = 0
    while n < len(words):
        for phrase, keys in phrases.get(words[n], ()):
            if tuple(words[n:n + len(phrase)]) == phrase:
                found.append((keys, range(n, n + len(phrase))))
                covered.update(range(n, n + len(phrase)))
                n += len(phrase)
                break
        else:
            n += 1
    return found, covered


def _counts(groups: Sequence[Collection[int]]) -> dict[int, int]:
    """In how many of the groups each posting stands."""
    counts: dict[int, int] = {}
    for group in groups:
        for n in group:
            counts[n] = counts.get(n, 0) + 1
    return counts


def _dated_in(posting: Posting, years: Collection[str], months: Collection[int] = ()) -> bool:
    """Is the posting dated in one of the years ("l'offre de 2021"), within two months of one of the months when the
    question names some ("posted in November 2021")? One with no date may be, and one of November or December is
    still read the year after ("début 2019" for a posting of December 2018)."""
    dates = _posting_dates(posting)
    if not dates:
        return True
    if months:  # "posted in November 2021" is the posting of October or December too, not of April
        named = [int(year) * 12 + month for year in years for month in months]
        return any(abs(year * 12 + month - when) <= 2 for year, month in dates for when in named)
    return any(str(year) in years or (month >= 11 and str(year + 1) in years) for year, month in dates)


def _months_named(query: Query) -> set[int]:
    """The months a question names ("Nov 2022", "l'offre de février"), and those a season before a year covers
    ("autumn 2021", "début 2019", "l'été de 2022", "mi-2021")."""
    words = query.words
    months = {_MONTH_NUMBERS[w] for w in words if w in _MONTH_NUMBERS}
    for n, word in enumerate(words):
        if word in _SEASONS and any(_YEAR.match(w) for w in words[n + 1:n + 3]):
            months |= _SEASONS[word]
    return months


def _counts_of(keys: Collection[str], norm: str) -> bool:
    """Does the text give a number of the thing (its word keys: "60 000 taxis", "une vingtaine de projets", "plus de
    5000 comptes")? "un ou plusieurs projets" does not."""
    words = norm.split()
    return any(stem(word) in keys and any(_COUNT.fullmatch(w) for w in words[max(0, n - 4):n])
               for n, word in enumerate(words))


_COUNT = re.compile(r"\d[\d.,]*|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze|quinze|vingt|trente|cent|mille|"
                    r"dizaines?|douzaines?|quinzaines?|vingtaines?|trentaines?|quarantaines?|cinquantaines?|"
                    r"soixantaines?|centaines?|milliers?|millions?|milliards?|two|three|four|five|ten|hundreds?|"
                    r"thousands?")


def _counted(query: Query) -> str:
    """The thing a "how many?" question counts: the word after "combien de", "how many" ("" when none)."""
    words = query.words
    elided = bool(_COMBIEN_D.search(query.text))  # "combien d'aides ?" reads "combien aides"
    for n, word in enumerate(words[:-1]):
        if word == "combien" and words[n + 1] in ("de", "d") and n + 2 < len(words):
            return words[n + 2]
        if word == "combien" and elided:
            return words[n + 1]
        if word == "how" and words[n + 1] == "many" and n + 2 < len(words):
            return words[n + 2]
    return ""


_COMBIEN_D = re.compile(r"\bcombien d['’]", re.IGNORECASE)


_SEASON_WORD = re.compile(r"\b(?:saison|season|edition)")
_ORDINALS = {"un": 1, "une": 1, "premiere": 1, "first": 1, "one": 1, "deux": 2, "deuxieme": 2, "seconde": 2,
             "second": 2, "two": 2, "trois": 3, "troisieme": 3, "third": 3, "three": 3, "quatre": 4, "quatrieme": 4,
             "fourth": 4, "four": 4, "cinq": 5, "cinquieme": 5, "fifth": 5, "five": 5}
_NUMBER = r"\d{1,2}|" + "|".join(_ORDINALS)
_SEASON = re.compile(rf"\b(?:saison|season|edition) ?({_NUMBER})\b|\b(\d{{1,2}})(?:e|eme|er|ere|nd|rd|th|st)? "
                     rf"(?:saison|season|edition)\b|\b({'|'.join(_ORDINALS)}) (?:saison|season|edition)\b")


def _seasons_in(norm: str) -> frozenset[int]:
    """The seasons (editions) a normalised text names: "saison 2", "saison2", "season two", "2e saison",
    "la deuxième saison"."""
    found = set()
    for match in _SEASON.finditer(norm):
        word = next(group for group in match.groups() if group)
        found.add(int(word) if word.isdigit() else _ORDINALS[word])
    return frozenset(found)


def _years_named(query: Query) -> set[str]:
    """The years a question names ("l'offre de 2021"); of several, those that tell the posting ("celui de 2019,
    avant le lancement officiel de janvier 2020": 2019)."""
    years = [(n, w) for n, w in enumerate(query.words) if _YEAR.match(w)]
    if len({w for _, w in years}) > 1:
        telling = {w for n, w in years if _tells_posting(query.words[max(0, n - 3):n])}
        if telling:
            return telling
    return {w for _, w in years}


_DATE_LINKS = frozenset({"en", "in", "from", "du", "le", "la", "l"})  # "l'offre publiée en", "the one from"


def _tells_posting(before: Sequence[str]) -> bool:
    """Do the words before a year name the posting's own date ("celui de", "l'offre publiée en", "the one from
    early")? Months, seasons and "de" may stand between."""
    for word in reversed(before):
        if word in _POSTING_WORDS:
            return True
        if word not in _OF and word not in _MONTH_NUMBERS and word not in _SEASONS and word not in _DATE_LINKS:
            return False
    return False


def _prefer_dates(scores: dict[int, float], query: Query, index: Index) -> None:
    """A year or a month in the question ("l'offre de 2017", "Nov 2022") prefers the postings published then:
    re-publications of one posting differ mostly by their date."""
    years = _years_named(query)
    months = _months_named(query)
    if not years:
        return
    for n in scores:
        dates = _posting_dates(index.postings[n].posting)
        if any(str(year) in years for year, _ in dates):
            scores[n] *= 1.3 if not months or any(str(y) in years and m in months for y, m in dates) else 1.15
        elif dates:  # dated another year: "le poste de février 2022" is not the one of October 2020
            scores[n] *= OTHER_YEAR


_SPRING, _SUMMER, _AUTUMN, _WINTER = frozenset({3, 4, 5}), frozenset({6, 7, 8}), frozenset({9, 10, 11}), \
    frozenset({12, 1, 2})
# words naming a part of a year, read only just before a year ("automne 2021", "early 2019"), with their months
_SEASONS = {"printemps": _SPRING, "spring": _SPRING, "ete": _SUMMER, "summer": _SUMMER, "automne": _AUTUMN,
            "autumn": _AUTUMN, "fall": _AUTUMN, "rentree": frozenset({8, 9, 10}), "hiver": _WINTER, "winter": _WINTER,
            "debut": frozenset({1, 2, 3, 4}), "early": frozenset({1, 2, 3, 4}), "fin": frozenset({9, 10, 11, 12}),
            "late": frozenset({9, 10, 11, 12}), "mi": frozenset({5, 6, 7}), "mid": frozenset({5, 6, 7})}

_AND_OR = frozenset({"et", "ou", "and", "or", "ni", "nor"})
_JOB_NOUNS = frozenset({"poste", "job", "role", "offre", "annonce", "position", "emploi", "posting", "opening"})
_OF = frozenset({"de", "d", "as", "of", "for", "pour"})
# words that name a posting's own date before a year ("celui de 2019", "l'offre publiée en mai 2021")
_POSTING_WORDS = _JOB_NOUNS | {"celui", "celle", "one", "version", "publie", "publiee", "published", "posted",
                               "publication", "edition", "saison", "season"}
# the words that start a clause after a comma, not an item of a list: "Les données, elles sont publiées où ?"
_CLAUSE_STARTS = frozenset({"il", "elle", "ils", "elles", "c", "ca", "cela", "on", "vous", "tu", "je", "j", "est",
                            "sont", "y", "it", "they", "is", "are", "do", "does", "can", "will", "would", "i", "we",
                            "you"})


def _capitalised_runs(question: str) -> list[list[str]]:
    """The words written with a capital inside the question's sentences (not the first of one, not acronyms), by
    runs of words that follow each other ("Do you use Google Analytics?": ["google", "analytics"]), normalised."""
    runs: list[list[str]] = []
    for sentence in re.split(r"(?<=[.?!:])\s+|\n", question):
        current: list[str] = []
        for i, word in enumerate(_WORD_CASED.findall(sentence)):
            if i > 0 and word[:1].isupper() and not word.isupper():
                current += normalise(word).split()
            elif current:
                runs.append(current)
                current = []
        if current:
            runs.append(current)
    return runs


@lru_cache(maxsize=64)  # read again for each posting a question may be about
def _name_runs(question: str) -> tuple[list[str], ...]:
    """The names of several words written with capitals inside the question, each as its normalised words."""
    return tuple(run for run in _capitalised_runs(question) if len(run) > 1)


def _listed(question: str, subject: Sequence[str]) -> list[list[str]]:
    """The subject words in the items of a list the question gives between commas, semicolons or slashes; none
    unless the items hold every subject word, in more than one item."""
    items: list[list[str]] = []
    for chunk in re.split(r"[,;/]", re.sub(r"\([^()]*\)", " ", question)):  # not the commas of an aside
        words = normalise(chunk).split()
        found = [w for w in dict.fromkeys(words) if w in subject]
        if items and words and words[0] in _CLAUSE_STARTS:  # "Les données, elles sont publiées où ?": one subject
            items[-1] += [w for w in found if w not in items[-1]]
        elif found:
            items.append(found)
    if len(items) < 2 or sorted(w for item in items for w in item) != sorted(subject):
        return []
    return items


def _restates_asked(intent: Intent, ip: IndexedPassage, words: Sequence[str], stopwords: frozenset[str]) -> bool:
    """Is every piece of evidence the line holds made of names the question itself writes (the thing it asks
    about, named again: "l'Incubateur des Territoires, ça dépend de qui ?"), with no other kind of fact? A
    value asked ("c'est du freelance ?") is answered by the line that says it: these are names only."""
    if intent.evidence is None or intent.evidence_marks or ip.passage.kind is PassageKind.FACT:
        return False
    asked = set(words)
    found = [match.group() for match in intent.evidence.compiled.finditer(ip.norm)]
    named = [set(text.split()) - stopwords for text in found]
    return bool(named) and all(kept and kept <= asked for kept in named)


def _parts(words: Sequence[str], subject: Sequence[str]) -> list[list[str]]:
    """The subject words of a question, in the groups its 'and' and 'or' separate."""
    parts: list[list[str]] = [[]]
    for word in words:
        if word in _AND_OR and parts[-1]:
            parts.append([])
        elif word in subject and word not in parts[-1]:
            parts[-1].append(word)
    return [part for part in parts if part]


def _domain_suffixes(query: Query) -> set[int]:
    """The positions (in query.forms) of the words that end a web address written in the question without naming
    anything: "gouv" and "fr" of "transport.data.gouv.fr", which every beta.gouv.fr posting holds."""
    written = [forms[0] for forms in query.forms]
    found: set[int] = set()
    for name in _DOTTED.findall(query.text):
        parts = normalise(name).split()
        keep = len(parts)
        while keep > 1 and parts[keep - 1] in _DOMAIN_LABELS:
            keep -= 1
        for start in range(len(written) - len(parts) + 1):
            if written[start:start + len(parts)] == parts:
                found.update(range(start + keep, start + len(parts)))
    return found


_DOTTED = re.compile(r"\w+(?:\.\w+)+")
_DOMAIN_LABELS = frozenset({"www", "gouv", "fr", "com", "org", "net", "io", "eu", "info"})


def _names_only(start: int, end: int, words: Sequence[str], starts: Sequence[int], names: set[int],
                lexicon: Lexicon) -> bool:
    """Are the meaningful words of the phrase at start:end all written as names? A name after a preposition of
    place is a place asked about ("faut être sur Paris ?"), not the name of the posting."""
    inside = [n for n in range(len(words)) if start <= starts[n] < end]
    for n in inside:  # "sur Paris", "à la Défense": the name after the preposition (and its article)
        after = n + 2 if n + 2 in inside and words[n + 1] in _ARTICLES else n + 1
        if words[n] in _PLACE_PREPOSITIONS and after in inside and starts[after] in names:
            return False
    content = [starts[n] in names for n in inside if words[n] not in lexicon.stopwords]
    return bool(content) and all(content)


_PLACE_PREPOSITIONS = frozenset({"sur", "a", "en", "in", "near", "at", "to"})
_ARTICLES = frozenset({"la", "le", "les", "the"})


def _deferred(found: list[_Found], asides: Collection[int] = ()) -> list[_Found]:
    """Put first an intent the leading one defers to ("how many years of experience": experience, not duration),
    unless it is asked only in parentheses."""
    if not found:
        return found
    names = found[0][0].defers_to
    for n, (intent, spans) in enumerate(found[1:], 1):
        if intent.name in names and not all(s in asides for s, _ in spans):
            return [found[n], *found[:n], *found[n + 1:]]
    return found




def _as_high(query: Query) -> Intent | None:
    """The second intent of the question when it is as high in priority as the leading one and read by cues."""
    if len(query.intents) < 2 or query.intents[1].priority < query.intents[0].priority:
        return None
    return None if query.intents[1].by_words else query.intents[1]


def _english_function(word: str) -> bool:
    """Is an English word a verb's form or an adverb ("managing", "planned", "ideally", "instead"), naming no thing?
    ("besides", "else" ask for another thing: they stay)"""
    return word.endswith(("ing", "ed", "ly")) or word in _ENGLISH_ADVERBS


def _aside_only(query: Query, term: str) -> bool:
    """Does the question name a word only inside parentheses ("(2019, work permits for foreigners)")?"""
    at = [n for n, word in enumerate(query.words) if word == term]
    return bool(at) and len(query.asides) == len(query.words) and all(query.asides[n] for n in at)


def _in_some_form_among(term: str, words: Collection[str], ordered: Sequence[str]) -> bool:
    """Is the term among a posting's words (a set, and the same sorted) in a longer or a shorter form (docker,
    dockerisée; React, ReactJS; Vue, VueJS; CMSs, CMS)? A longer form starts with the term's stem: found by
    bisection; a shorter one is one of the term's prefixes."""
    core = stem(term)
    if term + "js" in words:
        return True
    if len(core) >= 4:
        at = bisect_left(ordered, core)
        if at < len(ordered) and ordered[at].startswith(core):
            return True
    return any(term[:n] in words for n in range(3, len(term) + 1) if len(term) - n <= max(2, n // 2))


def _in_some_form_of(term: str, padded: str) -> bool:
    """The same question over a normalised line between spaces (" text "): substrings found, not words compared one
    by one, for the lines an answer reads."""
    core = stem(term)
    if len(core) >= 4 and f" {core}" in padded:
        return True
    if f" {term}js " in padded:
        return True
    return any(f" {term[:n]} " in padded for n in range(3, len(term) + 1) if len(term) - n <= max(2, n // 2))


_ASKING_BEFORE = frozenset({"combien", "quel", "quelle", "quels", "quelles", "how", "what", "which"})


def _names_one_part(term: str, pindex: PostingIndex, distinctive: Collection[str]) -> bool:
    """Does a product's name in the posting's name head one part of it, beside a part headed by another product
    of the name ("Les missions data pour Kelrisks", "Les missions data pour Trackdéchets")? Then it tells which
    lines too. `distinctive`: the word keys of the posting's name that name few postings (products, teams)."""
    key = stem(term)
    if key not in distinctive:
        return False
    others = set(distinctive) - {key}
    heads = [frozenset(map(stem, norm.rsplit("›", 1)[-1].split())) for norm in pindex.section_norms.values()]
    return any(key in head and not head & others for head in heads) \
        and any(key not in head and head & others for head in heads)


def _lead_in_of(item: IndexedPassage, pindex: PostingIndex) -> IndexedPassage | None:
    """The line that introduces the list an item belongs to ("Le dépôt privé contient :"), when there is one."""
    if item.passage.kind is not PassageKind.ITEM or item.passage.group < 0:
        return None
    first = next(ip for ip in pindex.passages if ip.passage.group == item.passage.group)
    before = pindex.passages[first.position - 1] if first.position else None
    if before is None or before.passage.section != item.passage.section or before.passage.kind is PassageKind.FACT \
            or not _leads_in(before.passage.text) or len(before.passage.text) > MAX_LEAD_IN_CHARS:
        return None  # a paragraph ending on ":" would leave no room for the item asked about
    return before


def _leads_in(text: str) -> bool:
    """Does a line announce what follows it: ending with ':' ("... composée de :"), or left hanging on a word that
    calls for more ("Notre équipe est actuellement constituée de", "... les personnes suivantes")?"""
    return bool(_LEAD_IN.search(text.rstrip()[-40:]))  # it ends the line: its end is all there is to read


_LEAD_IN = re.compile(r"(?::|\b(?:de|des|du|d['’]|of|suivante?s?|following|comme suit|notamment|including))\s*$",
                      re.IGNORECASE)


def _guessed(query: Query) -> set[str]:
    """The things a question gives as examples of what it asks for ("a front-end framework like React?",
    "un framework genre Vue ?"): named after "like", "comme", "genre", never alone."""
    occurrences: dict[str, list[bool]] = {}
    for n, word in enumerate(query.words):
        occurrences.setdefault(word, []).append(n > 0 and query.words[n - 1] in _LIKE)
    return {word for word, guesses in occurrences.items() if all(guesses)}


_LIKE = frozenset({"like", "comme", "genre", "type", "style", "ex", "exemple"})


_MONTH_NUMBERS = {month: n for months in (_MONTHS, _MONTHS_EN) for n, month in enumerate(months, 1)}
_MONTH_YEAR = re.compile(r"\b(" + "|".join(_MONTH_NUMBERS) + r") (20\d\d)\b")
# a month the posting announces as the start or the last day ("Démarrage janvier 2021"), however late it was published
_ANNOUNCED = re.compile(r"\b(?:demarrage|demarre\w*|prise de poste|debut de (?:la )?mission|start|starts|starting|"
                        r"date limite|deadline)\b(?: \w+){0,2} (?:(?:" + "|".join(_MONTH_NUMBERS)
                        + r")|\d{1,2} \d{1,2}) 20\d\d\b")
# a date written in figures, "3/05/2019" (normalised "3 05 2019"): day, month, year
_NUMERIC_DATE = re.compile(r"\b([1-9]|0[1-9]|[12]\d|3[01]) (0?[1-9]|1[0-2]) (20\d\d)\b")
_STEM_DATE = re.compile(r"^(20\d\d)-(\d\d)-(\d\d)")


def _posting_day(posting: Posting) -> tuple[int, int, int] | None:
    """The (year, month, day) a posting was first published: the earliest of its file name's date and its front
    matter's (a front-matter date is often that of a later edit)."""
    days = _posting_days(posting)
    first = min(days) if days else None
    return (first.year, first.month, first.day) if first else None


def _posting_days(posting: Posting) -> set[dt.date]:
    """Every day a posting gives for its publication: its file name's, its front matter's."""
    days = set(_front_matter_days(posting))
    named = _stem_day(posting)
    with contextlib.suppress(ValueError):  # "2021-02-30-..." names no day
        days |= {dt.date(*named)} if named else set()
    return days


def _front_matter_days(posting: Posting) -> list[dt.date]:
    return [day for day in (posting.published_on, posting.opened_on) if day is not None]


def _stem_day(posting: Posting) -> tuple[int, int, int] | None:
    """The year, month and day a posting's file name starts with ("2021-02-08-..."), or None."""
    found = _STEM_DATE.match(posting.stem)
    return (int(found.group(1)), int(found.group(2)), int(found.group(3))) if found else None


def _days_named(query: Query) -> set[dt.date]:
    """The days a question names: "17 décembre 2020", "Dec 17, 2020" (read "decembre 17 2020"), "17/12/2020"."""
    words = query.words
    days: set[dt.date] = set()
    for n, word in enumerate(words):
        month = _MONTH_NUMBERS.get(word, 0)
        before, after = words[n - 1] if n else "", words[n + 1] if n + 1 < len(words) else ""
        if month:
            day = before if _DAY.match(before) else after if _DAY.match(after) else ""
            year = next((w for w in words[n + 1:n + 3] if _YEAR.match(w)), "")
        elif _DAY.match(word) and _DAY.match(after) and n + 2 < len(words) and _YEAR.match(words[n + 2]):
            day, month, year = word, int(after), words[n + 2]
        else:
            continue
        if day and year:
            with contextlib.suppress(ValueError):  # "31 février"
                days.add(dt.date(int(year), month, int(day)))
    return days


_DAY = re.compile(r"^(?:0?[1-9]|[12]\d|3[01])$")


def _posting_dates(posting: Posting) -> set[tuple[int, int]]:
    """Every (year, month) a posting gives for its publication: its file name's, its front matter's."""
    named = _stem_day(posting)
    return {(day.year, day.month) for day in _front_matter_days(posting)} | ({named[:2]} if named else set())


def _restates(query: Query, ip: IndexedPassage) -> bool:
    """Does a front-matter fact ("Startup d'État : signaux-faibles") only give back a name the question itself
    writes? Its value (after the label) says nothing the candidate does not know."""
    value = normalise(ip.passage.text.partition(":")[2]).split()
    return bool(value) and all(word in query.words for word in value)


def _dated_before(norm: str, posting_date: tuple[int, int, int] | None) -> bool:
    """Are all the months a line names ("mars 2018") and its days ("3/05/2019") before the posting's own: history,
    not to come? Not when the line announces one as the start or the last day ("Démarrage janvier 2021" in a posting
    of February)."""
    if posting_date is None or _ANNOUNCED.search(norm):
        return False
    months = [(int(year), _MONTH_NUMBERS[month]) for month, year in _MONTH_YEAR.findall(norm)]
    days = [(int(year), int(month), int(day)) for day, month, year in _NUMERIC_DATE.findall(norm)]
    return bool(months or days) and all(month < posting_date[:2] for month in months) \
        and all(day < posting_date for day in days)  # "Poste ouvert le 3/05/2019" in a posting of 7 May 2019


def _fit(chosen: list[IndexedPassage], pindex: PostingIndex | None = None) -> list[IndexedPassage]:
    """Keep passages in the order given (a lead-in line followed by its list), within the answer's length, each
    text once (a posting that repeats "Postuler ici" at its top and its end shows it once)."""
    if pindex is not None:
        expanded: list[IndexedPassage] = []
        for ip in chosen:
            expanded.append(ip)
            expanded.extend(Matcher._following_items(ip, pindex))
        chosen = list(dict.fromkeys(expanded))
    kept: list[IndexedPassage] = []
    texts: set[str] = set()
    length = 0
    for ip in chosen:
        size = len(ip.passage.text) + 1
        if (kept and length + size > MAX_ANSWER_CHARS) or ip.passage.text in texts:
            continue
        texts.add(ip.passage.text)
        kept.append(ip)
        length += size
    return kept


def _short_heading(heading: str) -> str:
    """A heading short enough to stand above the lines it names: a long one ("Mission de la startup : Accélérer la
    transition alimentaire de qualité...") up to its colon or dash, or its first words."""
    if len(heading) <= MAX_HEADING_CHARS:
        return heading
    head = re.split(r"\s+[:–—-]\s+|\s*:\s+", heading, maxsplit=1)[0]
    if 0 < len(head) <= MAX_HEADING_CHARS:
        return head
    return heading[:MAX_HEADING_CHARS].rsplit(" ", 1)[0].rstrip(" ,;:–—-") + "…"


def _name(intent: Intent | None) -> str:
    return intent.name if intent is not None else ""


def _in_question_order(words: frozenset[str], order: Sequence[str]) -> list[str]:
    """The words in the order the question gives them (a set's order changes from run to run)."""
    position = {w: n for n, w in reversed(list(enumerate(order)))}
    return sorted(words, key=lambda w: (position.get(w, len(order)), w))
