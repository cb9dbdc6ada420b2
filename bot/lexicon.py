"""The intent lexicon: how candidates ask (triggers) and which lines answer (cues), from YAML.

The YAML format is documented at the top of knowledge/lexicon.yaml. Phrases are normalised with
bot.text.normalise and compiled once into one regular expression per intent and role.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from .bounded import MAX_LEXICON_BYTES, load_yaml_nodes, read_limited
from .lexicon_schema import CODE_MARK, DEMANDS, EMAIL_MARK, INTENT, LINK_MARK, TOP_LEVEL, Entry, check
from .models import Problem
from .regex import LazyRegex
from .text import ELIDED, normalise, stem

EMAIL_CUE = EMAIL_MARK
# evidence read on a line's raw text: an address, a web link, a link to code
MARKS = frozenset({EMAIL_MARK, LINK_MARK, CODE_MARK})


@dataclass(frozen=True)
class Example:
    """A question an intent must recognise (`python -m bot check` asks it), with its line in the lexicon."""

    text: str
    lang: str
    line: int = 0


@dataclass(frozen=True)
class Demand:
    """A kind of question and what its answer's lines must hold: a question matching `asks` is answered only by
    a line matching `says` ("... plus tard ?": "renouvelable"); `detail` says why when none does."""

    asks: LazyRegex
    says: LazyRegex
    detail: str


@dataclass(frozen=True)
class Intent:
    """One thing candidates ask about, with the phrases that reveal and answer it."""

    name: str
    label: Mapping[str, str]
    priority: int
    sections: LazyRegex | None
    facts: frozenset[str] = frozenset()
    email_cue: bool = False
    is_list: bool = False
    by_section: bool = False  # lines under a typical heading answer even without a cue
    min_cues: int = 1  # distinct cues a line needs outside a typical heading
    check: bool = False
    faq_topic: bool = False  # one answer serves every wording of it: a FAQ answer is reused by topic (pay, remote...)
    words: frozenset[str] = frozenset()  # every plain word of its phrases, for typo correction
    topic_stems: frozenset[str] = frozenset()  # stems of the words of its triggers, cues and evidence: its own topic
    evidence: LazyRegex | None = None  # the kind of fact that answers it: a line without one is no answer
    evidence_marks: frozenset[str] = frozenset()  # "@email", "@link": evidence read on the raw line
    not_evidence: LazyRegex | None = None  # a line holding one is no answer, whatever else it holds
    evidence_in_heading: bool = False  # the line's own heading may hold the evidence ("L'équipe" over "3 bizdev")
    facts_need_evidence: bool = False  # a front-matter fact it lists answers only when it holds the evidence
    evidence_count: LazyRegex | None = None  # what answers "how many?" ("combien d'années ?": years)
    evidence_counts: bool = False  # its evidence is itself a quantity that answers "how much?" (pay, a length)
    count_answers: bool = False  # a line of its `evidence_count` answers "how many?" without its evidence (users)
    counts_named: bool = False  # "how many designers?" counts designers: only a number of them answers (team size)
    subject_answers: bool = False  # a line naming the question's own subject ("de l'expérience en UX ?") answers too
    names_subject: bool = False  # a subject the question names ("le design thinking"): only a line naming it answers
    future_dates: bool = False  # answered by dates to come: a line dated only before the posting is history
    by_words: bool = False  # answered by the question's own words ("c'est quoi X ?", "y a-t-il du X ?")
    whole_subject: bool = False  # answered only by a line naming every word of the question's own subject
    defining: bool = False  # lines that define what the question names ("X est une plateforme...") answer better
    prefer: LazyRegex | None = None  # lines that answer best ("a pour objectif de ..."): they rank first
    prefer_marks: frozenset[str] = frozenset()  # "@email", "@link": lines giving an address or a link rank first
    subject: bool = False  # it asks about named things (tools, degrees...): the posting must mention one of them
    # with some: the words of its triggers that ask for the whole topic ("avantages"); its other trigger words in a
    # question name the things asked ("une prime ?", "tickets resto ?"), and only a line naming one of them answers
    broad: frozenset[str] = frozenset()
    defers_to: frozenset[str] = frozenset()  # intents that lead when asked together ("years of experience")
    examples: tuple[Example, ...] = ()  # questions it must recognise: the self-test of `python -m bot check`
    line: int = 0  # where it is written in the lexicon file

    def label_in(self, lang: str) -> str:
        """The intent's name for people, in their language."""
        return self.label.get(lang) or self.label.get("fr") or self.name


@dataclass(frozen=True)
class Lexicon:
    """Stopwords, abbreviations, synonyms, specific words and intents."""

    intents: tuple[Intent, ...]
    stopwords: frozenset[str] = frozenset()
    generic: frozenset[str] = frozenset()
    abbreviations: Mapping[str, str] = field(default_factory=dict)
    # two words read as two others, an abbreviation in its context: "tt ça" reads "tout ça", while "tt" alone is
    # "télétravail"
    pair_abbreviations: Mapping[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    synonyms: Mapping[str, frozenset[str]] = field(default_factory=dict)
    specific: frozenset[str] = frozenset()
    fillers: LazyRegex | None = None
    trigger_index: PhraseIndex | None = None
    cue_index: PhraseIndex | None = None
    compounds: Mapping[str, str] = field(default_factory=dict)
    prefixes: tuple[str, ...] = ()  # word beginnings of the phrases written "word*"
    acronyms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # "anct" -> its names written out
    boilerplate: LazyRegex | None = None  # formulae that state no fact ("n'hésitez pas à ...")
    # what a kind of question demands of its answer's lines: a change to come ("... plus tard ?") a line about what
    # may change ("renouvelable"), how often ("à quelle fréquence ?") a frequency ("deux jours par semaine")
    demands: tuple[Demand, ...] = ()
    version: int = 1
    source: str = ""  # the file it was read from
    roles: Mapping[str, int] = field(default_factory=dict)  # a word naming a job (compounds joined) -> its role

    def join_compounds(self, norm: str) -> str:
        """Rewrite multi-word names as one word ("business developer" -> "bizdev") in normalised text."""
        for phrase, word in self.compounds.items():
            if phrase in norm:
                norm = re.sub(rf"\b{re.escape(phrase)}\b", word, norm)
        return norm

    def acronyms_in(self, norm: str) -> set[str]:
        """The acronyms whose written-out names stand in a normalised text ("incubateur des territoires": anct)."""
        padded = f" {norm} "
        words = set(norm.split())
        return {acronym for first, names in self._acronym_names.items() if first in words
                for acronym, name in names if f" {name} " in padded}

    @cached_property
    def _acronym_names(self) -> dict[str, list[tuple[str, str]]]:
        """The acronyms' written-out names by their first word."""
        by_first: dict[str, list[tuple[str, str]]] = {}
        for acronym, names in self.acronyms.items():
            for name in names:
                by_first.setdefault(name.split()[0], []).append((acronym, name))
        return by_first

    def intent(self, name: str) -> Intent:
        """The intent called name (KeyError when there is none)."""
        return self.intents[self.number(name)]

    def precompile(self) -> None:
        """Compile every regex the lexicon holds, so that the index cache keeps them all compiled (bot/regex.py)
        and no start from it compiles one again."""
        for value in _regexes_in([self, *self.intents, *self.demands]):
            if isinstance(value, PhraseIndex):
                value.precompile()
            else:
                value.compiled  # noqa: B018

    def number(self, name: str) -> int:
        """The position of the intent called name in `intents` (KeyError when there is none)."""
        return self._numbers[name]

    @cached_property
    def _numbers(self) -> dict[str, int]:
        """Each intent's position in `intents`, by name."""
        return {intent.name: number for number, intent in enumerate(self.intents)}

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """Every word the lexicon knows, for typo correction."""
        words: set[str] = set(self.stopwords) | set(self.generic) | set(self.specific)
        words.update(self.abbreviations.values())
        for group in self.synonyms.values():
            words.update(w for phrase in group for w in phrase.split())
        for intent in self.intents:
            words.update(intent.words)
        return frozenset(w for w in words if w)


class LexiconError(ValueError):
    """The lexicon file is unusable; the message names the file, the line and the reason of each problem."""

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.problems = tuple(problems)


def default_lexicon_path() -> Path:
    """The lexicon bundled with the project (knowledge/lexicon.yaml next to the package)."""
    return Path(__file__).resolve().parent.parent / "knowledge" / "lexicon.yaml"


def load_lexicon(path: Path) -> Lexicon:
    """Read, check against the schema (bot/lexicon_schema.py) and compile a lexicon file; raise LexiconError
    listing every problem with its line."""
    try:
        data, root = load_yaml_nodes(read_limited(path, MAX_LEXICON_BYTES, "the lexicon").decode("utf-8"))
    except (OSError, ValueError) as exc:  # ValueError: too large, or not UTF-8
        raise LexiconError(f"{path}: cannot read the lexicon: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = f"invalid YAML: {getattr(exc, 'problem', exc)}"
        where = f"{path}:{line}" if line else str(path)
        raise LexiconError(f"{where}: {reason}", [Problem(path.name, reason, line=line)]) from None
    checked = check(root, path.name)
    if checked.problems:
        raise LexiconError("\n".join(f"{path}:{p.line}: {p.reason}" for p in checked.problems), checked.problems)
    return parse_lexicon(data, source=str(path), lines=checked.lines, compiled=checked.compiled)


def parse_lexicon(data: Mapping[str, Any], *, source: str = "lexicon",
                  lines: Mapping[tuple[str | int, ...], int] | None = None,
                  compiled: Mapping[str, LazyRegex] | None = None) -> Lexicon:
    """Compile a lexicon from its YAML data (checked by load_lexicon, which hands over the regex phrases it
    compiled); every key is read through `Entry`, so that the loader reads only the keys the schema declares."""
    return _parse(Entry(data, TOP_LEVEL), source, lines or {}, compiled or {})


def loader_keys() -> tuple[frozenset[str], frozenset[str]]:
    """The top-level keys and the intent keys the loader reads (for the test that keeps the schema true)."""
    top = Entry({"intents": {"any": {}}}, TOP_LEVEL)
    intent = Entry({}, INTENT)
    _parse(top, "lexicon", {}, {})
    _intent("any", intent, {}, {})
    return frozenset(top.read), frozenset(intent.read)


def _parse(data: Entry, source: str, lines: Mapping[tuple[str | int, ...], int],
           checked: Mapping[str, LazyRegex]) -> Lexicon:
    intents = []
    specs: dict[str, Entry] = {}
    compiled = dict(checked)  # the regexes of the phrases, compiled once (by the check, or here) for the indexes
    raw_intents = data.get("intents")
    if not isinstance(raw_intents, Mapping):
        raise LexiconError(f"{source}: the lexicon must be a mapping with an 'intents' mapping")
    for name, spec in raw_intents.items():
        if not isinstance(spec, Mapping):
            raise LexiconError(f"{source}: intent '{name}' must be a mapping")
        specs[str(name)] = Entry(spec, INTENT)
        try:
            intents.append(_intent(str(name), specs[str(name)], lines, compiled))
        except re.error as exc:
            raise LexiconError(f"{source}: intent '{name}': bad regular expression: {exc}") from None
    intents.sort(key=lambda i: -i.priority)
    ordered = [specs[i.name] for i in intents]
    trigger_index = PhraseIndex.build([(n, spec.get("triggers", [])) for n, spec in enumerate(ordered)], compiled)
    cue_index = PhraseIndex.build([(n, [c for c in spec.get("cues", []) if c != EMAIL_CUE])
                                   for n, spec in enumerate(ordered)], compiled)
    synonyms: dict[str, frozenset[str]] = {}
    for group in data.get("synonyms", []):
        words = frozenset(normalise(str(w)) for w in group if normalise(str(w)))
        for word in words:
            synonyms[word] = synonyms.get(word, frozenset()) | words
    abbreviations, pairs = _abbreviations(data.get("abbreviations", {}))
    return Lexicon(
        intents=tuple(intents),
        stopwords=_words(data.get("stopwords")),
        generic=_words(data.get("generic")),
        abbreviations=abbreviations,
        pair_abbreviations=pairs,
        synonyms=synonyms,
        specific=_words(data.get("specific")),
        fillers=lazy_phrases(data.get("fillers", [])),
        trigger_index=trigger_index,
        cue_index=cue_index,
        compounds={normalise(str(k)): normalise(str(v)) for k, v in data.get("compounds", {}).items()},
        boilerplate=lazy_phrases(data.get("boilerplate", [])),
        demands=_demands(data),
        acronyms={normalise(str(k)): tuple(n for n in map(normalise, map(str, v if isinstance(v, list) else [v])) if n)
                  for k, v in data.get("acronyms", {}).items() if normalise(str(k))},
        prefixes=tuple(sorted({normalise(w.rstrip("*")) for spec in specs.values()
                               for phrase in [*spec.get("triggers", []), *spec.get("cues", [])]
                               if not str(phrase).startswith("re:")
                               for w in str(phrase).split() if w.endswith("*") and len(w) > 4})),
        version=int(data.get("version", 1)),
        source=source,
        roles={word: number for number, group in enumerate(data.get("roles", []))
               for word in (normalise(str(w)) for w in group) if word},
    )


def _intent(name: str, spec: Entry, lines: Mapping[tuple[str | int, ...], int],
            compiled: dict[str, LazyRegex]) -> Intent:
    cues = [str(c) for c in spec.get("cues", [])]
    for phrase in [*map(str, spec.get("triggers", [])), *cues]:  # matched through the PhraseIndexes:
        if phrase.startswith("re:") and phrase not in compiled:  # a bad one is the lexicon's error, not a question's
            compiled[phrase] = LazyRegex(phrase[3:], re.MULTILINE)
            compiled[phrase].compiled  # noqa: B018  (compiled now: a bad one fails the load)
    label = spec.get("label", {})
    examples = spec.get("examples", {})
    return Intent(
        name=name,
        label={str(k): str(v) for k, v in label.items()} if isinstance(label, Mapping) else {"fr": str(label)},
        priority=int(spec.get("priority", 1)),
        sections=lazy_phrases(spec.get("sections", []), prefix=True),
        facts=frozenset(str(f) for f in spec.get("facts", [])),
        email_cue=EMAIL_CUE in cues,
        is_list=bool(spec.get("list", False)),
        by_section=bool(spec.get("by_section", spec.get("list", False))),
        min_cues=int(spec.get("min_cues", 1)),
        check=bool(spec.get("check", False)),
        faq_topic=bool(spec.get("faq_topic", False)),
        evidence=lazy_phrases(_without_marks(spec.get("evidence", []))),
        evidence_marks=_marks(spec.get("evidence", [])),
        not_evidence=lazy_phrases(spec.get("not_evidence", [])),
        evidence_count=lazy_phrases(spec.get("evidence_count", [])),
        evidence_counts=bool(spec.get("evidence_counts", False)),
        count_answers=bool(spec.get("count_answers", False)),
        counts_named=bool(spec.get("counts_named", False)),
        evidence_in_heading=bool(spec.get("evidence_in_heading", False)),
        facts_need_evidence=bool(spec.get("facts_need_evidence", False)),
        subject_answers=bool(spec.get("subject_answers", False)),
        names_subject=bool(spec.get("names_subject", False)),
        future_dates=bool(spec.get("future_dates", False)),
        defers_to=frozenset(str(d) for d in spec.get("defers_to", [])),
        by_words=bool(spec.get("by_words", False)),
        defining=bool(spec.get("defining", False)),
        prefer=lazy_phrases(_without_marks(spec.get("prefer", []))),
        prefer_marks=_marks(spec.get("prefer", [])),
        whole_subject=bool(spec.get("whole_subject", False)),
        subject=bool(spec.get("subject", False)),
        broad=_words(spec.get("broad")),
        words=frozenset(w for phrase in [*spec.get("triggers", []), *cues]
                        if not str(phrase).startswith("re:")
                        for w in normalise(str(phrase).replace("*", " ")).split()),
        topic_stems=frozenset(stem(w) for phrase in [*spec.get("triggers", []), *cues, *spec.get("evidence", [])]
                              if not str(phrase).startswith(("re:", "@"))
                              for w in normalise(str(phrase).replace("*", " ")).split() if len(w) > 2),
        examples=tuple(Example(str(text), lang, lines.get(("intents", name, "examples", lang, number), 0))
                       for lang, texts in (examples.items() if isinstance(examples, Mapping) else ())
                       for number, text in enumerate(texts or [])),
        line=lines.get(("intents", name), 0),
    )


def _without_marks(phrases: Iterable[Any]) -> list[Any]:
    """The phrases of a list, less its marks ("@email", "@link")."""
    return [p for p in phrases if str(p) not in MARKS]


def _marks(phrases: Iterable[Any]) -> frozenset[str]:
    """The marks of a list of phrases ("@email": a line giving an address, "@link": a web link)."""
    return frozenset(str(p) for p in phrases if str(p) in MARKS)


def _abbreviations(entries: Mapping[Any, Any]
                   ) -> tuple[dict[str, str], dict[tuple[str, str], tuple[str, str]]]:
    """The abbreviations of one word ("tjrs: toujours"), and those of two words read as two ("tt ca: tout ca")."""
    words: dict[str, str] = {}
    pairs: dict[tuple[str, str], tuple[str, str]] = {}
    for key, value in entries.items():
        written, read = normalise(str(key)).split(), normalise(str(value))
        if len(written) == 1:
            words[written[0]] = read
        elif len(written) == 2 and len(read.split()) == 2:
            first, second = read.split()
            pairs[(written[0], written[1])] = (first, second)
    return words, pairs


def _regexes_in(holders: Iterable[Any]) -> Iterator[LazyRegex | PhraseIndex]:
    """The regexes and phrase indexes the fields of some dataclasses hold."""
    for holder in holders:
        for value in vars(holder).values():
            if isinstance(value, LazyRegex | PhraseIndex):
                yield value


def compile_phrases(phrases: Iterable[Any], *, prefix: bool = False) -> re.Pattern[str] | None:
    """One regex matching any phrase on word boundaries (word* = prefix, re:... = raw regex)."""
    regex = phrases_regex(phrases, prefix=prefix)
    return re.compile(regex) if regex is not None else None


def lazy_phrases(phrases: Iterable[Any], *, prefix: bool = False) -> LazyRegex | None:
    """compile_phrases(), compiled the first time it is used."""
    regex = phrases_regex(phrases, prefix=prefix)
    return LazyRegex(regex) if regex is not None else None


def phrases_regex(phrases: Iterable[Any], *, prefix: bool = False) -> str | None:
    """The text of the regex of compile_phrases()."""
    parts = []
    for phrase in phrases:
        text = str(phrase)
        if text.startswith("re:"):
            parts.append(f"(?:{text[3:]})")
            continue
        regex = ""
        glue = False
        words = text.split()
        for number, word in enumerate(words):
            if word == "*":  # any few words
                regex += r" (?:\w+ ){0,4}" if regex else ""
                glue = bool(regex)
                continue
            star = word.endswith("*") or prefix
            core = normalise(word.rstrip("*"))
            if not core:
                continue
            sep = "" if not regex or glue else " "
            glue = False
            if regex and not glue and number < len(words) - 1 and core in ELIDED and not star:
                # "titulaire d un" is written for "titulaire d'un", which texts and questions read "titulaire un"
                regex += f"(?: {core})?"
                continue
            # "encadré·e par" reads "encadre e par": a word's inclusive ending stands apart, after a prefix
            inclusive = INCLUSIVE if star and number < len(words) - 1 else ""
            regex += sep + re.escape(core).replace(r"\ ", " ") + (r"\w*" + inclusive if star else "")
        if regex:
            parts.append(regex.rstrip())
    if not parts:
        return None
    parts.sort(key=len, reverse=True)
    return r"\b(?:" + "|".join(parts) + r")(?!\w)" if not prefix else r"\b(?:" + "|".join(parts) + ")"


def plain_words(phrase: str) -> list[str] | None:
    """The normalised words a phrase of plain words stands for, in turn (what compile_phrases matches, word for
    word); None for a phrase that a regex must read: a regex, a star, or an elided word that may be missing."""
    if phrase.startswith("re:") or "*" in phrase:
        return None
    words = phrase.split()
    cores = [normalise(word) for word in words]
    if any(core in ELIDED for core in cores[1:-1]):
        return None
    found = " ".join(cores).split()
    return found or None


# a phrase that may start at a word: its group, the word that must follow it ("" when its regex alone tells), its
# regex, and its words as a normalised text writes them (a phrase of plain words is compared, no regex needed); neither
# for a phrase of that one word, which the word itself is
Candidate = tuple[int, str, "re.Pattern[str] | None", str]

INCLUSIVE = "(?: e| es)?"  # the ending of inclusive writing ("chargé·e", "recruté·es"), read as a word of its own

MAX_WORDS_KEPT = 100_000  # distinct words whose phrases a PhraseIndex keeps at hand (the corpus has about 30,000)


class PhraseIndex:
    """Many phrases indexed by their first word: a text is read word by word, and only the phrases
    that can start at a word are tried there, instead of every phrase at every position.
    Phrases are compiled the first time a text offers their first word."""

    def __init__(self) -> None:
        self.exact: dict[str, list[tuple[int, str]]] = {}
        self.prefixes: list[tuple[str, int, str]] = []
        self.raw: list[tuple[int, LazyRegex]] = []
        self.figures: list[tuple[int, str]] = []  # regexes starting with a figure, tried where a word starts with one
        self._prefix_starts: tuple[str, ...] = ()
        self._by_start: dict[str, list[tuple[str, int, str]]] = {}
        self._next: dict[str, str | None] = {}  # a plain phrase's second word, None for one word: see _candidates
        self._plain: dict[str, str] = {}  # a phrase of plain words as a normalised text writes it: see _candidates
        self._compiled: dict[str, LazyRegex] = {}  # pickled with their compiled codes (bot/regex.py)
        self._by_word: dict[str, tuple[Candidate, ...]] = {}  # see _candidates

    @classmethod
    def build(cls, groups: Iterable[tuple[int, Iterable[Any]]],
              compiled: Mapping[str, LazyRegex] | None = None) -> PhraseIndex:
        """Index phrases of numbered groups (one group per intent), with the regexes of "re:" phrases already
        compiled (with re.MULTILINE) when given: processes forked to read postings then inherit them."""
        index = cls()
        for number, phrases in groups:
            texts = [str(p) for p in phrases]
            index._compiled.update((text, compiled[text]) for text in texts if compiled and text in compiled)
            raw = []
            for text in texts:
                if not text.startswith("re:"):
                    continue
                anchors = _anchors(text[3:])
                if anchors is None:
                    raw.append(text[3:])
                for word, prefix in anchors or ():
                    if word == DIGIT:
                        index.figures.append((number, text))
                    elif prefix:
                        index.prefixes.append((word, number, text))
                    else:
                        index.exact.setdefault(word, []).append((number, text))
            if raw:
                index.raw.append((number, LazyRegex("(?:" + "|".join(map(_at_word, raw)) + ")", re.MULTILINE)))
            for text in texts:
                if text.startswith("re:") or not text.split():
                    continue
                first = text.split()[0]
                core = normalise(first.rstrip("*")).split()
                if not core:
                    continue
                if first.endswith("*") and len(core) == 1:
                    index.prefixes.append((core[0], number, text))
                else:
                    index.exact.setdefault(core[0], []).append((number, text))
                    words = plain_words(text)
                    if words is not None:
                        index._next[text] = words[1] if len(words) > 1 else None
                        index._plain[text] = " ".join(words)
        index._prefix_starts = tuple({prefix for prefix, _, _ in index.prefixes})
        for entry in index.prefixes:
            index._by_start.setdefault(entry[0][:2], []).append(entry)
        return index

    def _pattern(self, phrase: str) -> re.Pattern[str]:
        lazy = self._compiled.get(phrase)
        if lazy is None:
            # MULTILINE: texts are read joined by line ends, and "^" / "$" stand for a passage's start and end
            lazy = LazyRegex(phrase[3:], re.MULTILINE) if phrase.startswith("re:") else lazy_phrases([phrase])
            assert lazy is not None
            self._compiled[phrase] = lazy
        return lazy.compiled

    def spans(self, norm: str, words: Sequence[str], starts: Sequence[int]) -> dict[int, list[tuple[int, int]]]:
        """For each group, the spans of its phrases found in the normalised text."""
        found = self._word_spans(norm, words, starts)
        for number, pattern in self.raw:
            for match in pattern.finditer(norm):
                found.setdefault(number, []).append(match.span())
        return {number: list(dict.fromkeys(spans)) for number, spans in found.items()}  # two phrases, one span

    def _word_spans(self, norm: str, words: Sequence[str], starts: Sequence[int]) -> dict[int, list[tuple[int, int]]]:
        """The spans of the phrases indexed by first word (not the raw regexes)."""
        found: dict[int, list[tuple[int, int]]] = {}
        by_word = self._by_word
        last = len(words) - 1
        for at, (word, start) in enumerate(zip(words, starts, strict=True)):
            candidates = by_word.get(word)
            if candidates is None:
                candidates = self._candidates(word)
            for number, following, pattern, plain in candidates:
                if following and (at == last or words[at + 1] != following):
                    continue
                if pattern is not None:
                    match = pattern.match(norm, start)
                    if match:
                        found.setdefault(number, []).append(match.span())
                elif not plain:  # a phrase of this one word
                    found.setdefault(number, []).append((start, start + len(word)))
                else:  # plain words: the text holds them there, as whole words (what their regex would match)
                    end = start + len(plain)
                    after = norm[end:end + 1]
                    if norm.startswith(plain, start) and not (after.isalnum() or after == "_"):
                        found.setdefault(number, []).append((start, end))
        return found

    def _candidates(self, word: str) -> tuple[Candidate, ...]:
        """The phrases that may start at a word (its own, a figure's, those of its prefixes), each with the word
        that must follow it ("" when its regex alone tells) and compiled; a phrase of plain words needs no regex
        (its words are compared), nor one of that one word (None); kept for the next time the word is read (a
        text repeats its words, and a corpus its vocabulary)."""
        phrases = list(self.exact.get(word, ()))
        if self.figures and word[:1].isdigit():
            phrases += self.figures
        if word.startswith(self._prefix_starts):
            phrases += [(number, phrase) for prefix, number, phrase in self._by_start.get(word[:2], ())
                        if word.startswith(prefix)]
        kept = tuple(self._candidate(number, phrase) for number, phrase in phrases)
        if len(self._by_word) < MAX_WORDS_KEPT:
            self._by_word[word] = kept
        return kept

    def _candidate(self, number: int, phrase: str) -> Candidate:
        following = self._next.get(phrase, "")
        if following is None:  # a phrase of this one word: found where the word is, with no regex
            return number, "", None, ""
        if following:  # plain words: compared with the text's (what their regex would match, without compiling it)
            return number, following, None, self._plain[phrase]
        return number, following, self._pattern(phrase), ""

    def precompile(self) -> None:
        """Compile every phrase's regex (kept compiled in the index cache)."""
        phrases = [phrase for entries in self.exact.values() for _, phrase in entries]
        phrases += [phrase for _, _, phrase in self.prefixes] + [phrase for _, phrase in self.figures]
        for phrase in dict.fromkeys(phrases):
            if self._next.get(phrase, "") == "":  # what _candidate compiles: neither one word nor plain words
                self._pattern(phrase)
        for _, raw in self.raw:
            raw.compiled  # noqa: B018

    def __getstate__(self) -> dict[str, Any]:
        """Pickled without what it compiles and keeps on the way (the index cache stays small and quick to read)."""
        return {**self.__dict__, "_by_word": {}}

    def counts(self, norm: str) -> dict[int, int]:
        """For each group, how many distinct phrases of it a normalised text holds."""
        return self.counts_many([norm])[0]

    def counts_many(self, norms: Sequence[str]) -> list[dict[int, int]]:
        """counts() for many texts, reading them as one: each raw regex scans once, not once per text."""
        joined = "\n".join(norms)
        offsets: list[int] = []
        found: list[dict[int, list[tuple[int, int]]]] = []
        position = 0
        for norm in norms:
            offsets.append(position)
            words = norm.split(" ") if norm else []
            starts = []
            for word in words:
                starts.append(position)
                position += len(word) + 1
            position = offsets[-1] + len(norm) + 1
            found.append(self._word_spans(joined, words, starts))
        for number, pattern in self.raw:
            for match in pattern.finditer(joined):
                text = bisect.bisect_right(offsets, match.start()) - 1
                found[text].setdefault(number, []).append(match.span())
        return [{number: _distinct(joined, spans) for number, spans in groups.items()} for groups in found]


_LOOKBEHIND = re.compile(r"\(\?<[!=](?:[^()\\]|\\.)*\)")
_LITERAL = re.compile(r"[a-z0-9]+")
_FIGURE_START = re.compile(r"\\d|\[\d-\d\]")  # \d+, \d{4}, [1-5]...


DIGIT = "\\d"  # the anchor of a regex that starts with a figure ("\\d+ mois"): tried where a word starts with one

Anchor = tuple[str, bool]  # a word a match starts with, and whether it may be the start of a longer word


def _anchors(regex: str) -> tuple[Anchor, ...] | None:
    """The words every match of a raw regex starts with, each with whether it is only the start of a longer
    word; DIGIT for a figure.

    "(?<!en )\\bsavoir\\w*" starts with the word "savoir" (a prefix); "\\ba partir (?:du|de)" with the whole
    word "a"; "\\b(?:\\d+|deux|trois) mois" with a figure, "deux" or "trois". Such a regex is tried only where one
    of its words stands, not at every position of every text. None when there is no such word (a leading
    class of letters, an alternation at the top level)."""
    if _top_level_alternation(regex):
        return None
    rest = _after_lookbehinds(regex)
    if rest.startswith("(?:"):
        close = _closing(rest)
        if close is None:
            return None
        following = rest[close + 1:]
        if following[:1] in ("?", "*", "{"):  # an optional group: the match may start after it
            return None
        anchors = []
        for alternative in _alternatives(rest[3:close]):
            anchor = _anchor(alternative, following)
            if anchor is None:
                return None
            anchors.append(anchor)
        return _covering(anchors) or None
    anchor = _anchor(rest, "")
    return None if anchor is None else (anchor,)


def _at_word(regex: str) -> str:
    """A raw regex, tried where a word starts. One that starts a line ("^(?:ou )?chez vous") reads "^\\b...",
    the same as "\\b^...": Python's re then tries it at line starts only (three times as fast over a posting)."""
    if regex.startswith("^") and not _top_level_alternation(regex):
        return f"^\\b(?:{regex[1:]})"
    return f"\\b(?:{regex})"


def _covering(anchors: list[Anchor]) -> tuple[Anchor, ...]:
    """The anchors without those another one covers ("combien" under the prefix "combi"): a regex is tried
    once at a word, however many of its anchors the word fits."""
    prefixes = [word for word, prefix in anchors if prefix]
    kept = [(word, prefix) for word, prefix in dict.fromkeys(anchors)
            if not any(word.startswith(other) and (other, True) != (word, prefix) for other in prefixes)]
    return tuple(kept)


def _after_lookbehinds(regex: str) -> str:
    rest = regex
    while True:
        if rest.startswith(("\\b", "^")):  # a passage's start: tried at its first word, which starts the line
            rest = rest[2:] if rest.startswith("\\b") else rest[1:]
            continue
        lookbehind = _LOOKBEHIND.match(rest)
        if lookbehind is None:
            return rest
        rest = rest[lookbehind.end():]


def _anchor(rest: str, following: str) -> Anchor | None:
    """The anchor of a regex (or of one alternative of a leading group, `following` being what comes after the
    group): the word or figure it starts with."""
    if _FIGURE_START.match(rest):
        return DIGIT, False
    literal = _LITERAL.match(rest)
    if literal is None:
        return None
    if literal.group()[0].isdigit():  # "(?:4|3|2) jours"
        return DIGIT, False
    word, after = literal.group(), rest[literal.end():] or following
    optional_end = after[:1] in ("?", "*", "{")  # "experiences?": the last letter is optional
    if optional_end:
        word = word[:-1]
    exact = not optional_end and (after in ("", "$") or after.startswith((" ", "\\b", "(?!\\w)")))
    if not exact and len(word) < 2:
        return None
    return (word, not exact) if word else None


def _top_level(regex: str) -> Iterator[tuple[int, str, int]]:
    """Each character of a regex outside escapes and character classes, with its position and the depth of the
    groups it stands in once read (a closing parenthesis comes with the depth it closes back to)."""
    depth, escaped, in_class = 0, False, False
    for position, char in enumerate(regex):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        else:
            in_class = char == "["
            depth += (char == "(") - (char == ")")
            yield position, char, depth


def _closing(regex: str) -> int | None:
    """The position of the parenthesis closing the group that opens the regex."""
    return next((position for position, char, depth in _top_level(regex) if char == ")" and depth == 0), None)


def _alternatives(group: str) -> list[str]:
    """The alternatives of a group's content, split on its top-level bars."""
    bars = [position for position, char, depth in _top_level(group) if char == "|" and depth == 0]
    return [group[start + 1:end] for start, end in zip([-1, *bars], [*bars, len(group)], strict=True)]


def _top_level_alternation(regex: str) -> bool:
    return any(char == "|" and depth == 0 for _, char, depth in _top_level(regex))


def _distinct(text: str, spans: list[tuple[int, int]]) -> int:
    """How many different phrases the spans hold, a phrase inside a longer one not counting."""
    kept: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda span: (span[0], -span[1])):
        if not kept or start >= kept[-1][1]:
            kept.append((start, end))
    return len({text[start:end] for start, end in kept})


def _demands(data: Any) -> tuple[Demand, ...]:
    """The demands the lexicon writes (NAME_asks and NAME_says, both given), in the order of DEMANDS."""
    found = []
    for name, detail in DEMANDS.items():
        asks, says = lazy_phrases(data.get(f"{name}_asks", [])), lazy_phrases(data.get(f"{name}_says", []))
        if asks is not None and says is not None:
            found.append(Demand(asks, says, detail))
    return tuple(found)


def _words(values: Any) -> frozenset[str]:
    for value in values or []:
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise LexiconError(f"word list entry {value!r} is not a word: YAML reads on/off/yes/no "
                               "as booleans, write them in quotes")
    return frozenset(w for v in values or [] for w in normalise(str(v)).split())


def lexicon_problems(path: Path, exc: Exception) -> list[Problem]:
    """A lexicon failure as knowledge Problems, one per mistake, each with its line when known."""
    if isinstance(exc, LexiconError) and exc.problems:
        return list(exc.problems)
    return [Problem(path.name, str(exc).removeprefix(f"{path}: "))]
