"""The search index: postings' passages normalised once, word statistics, posting names.

Built once per knowledge load; questions are then matched against pre-normalised strings only.
"""

from __future__ import annotations

import math
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from .lexicon import Intent, Lexicon
from .models import Passage, PassageKind, Posting
from .regex import LazyRegex
from .text import fold, normalise, normalise_many, stem

_EMAIL = re.compile(r"@[A-Za-z0-9-]+\.")
_URL = re.compile(r"https?://\S+")
# what answers "how many?" when the intent names nothing more precise: a figure, written or in words
FIGURE = re.compile(r"\d|\b(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|trente|"
                    r"quarante|cinquante|soixante|cent|mille|two|three|four|five|six|seven|eight|nine|ten|twelve|"
                    r"twenty|thirty|forty|fifty|sixty|hundred|thousand|(?:dizaine|douzaine|quinzaine|vingtaine|"
                    r"trentaine|quarantaine|cinquantaine|soixantaine|centaine)s?|millier\w*|"
                    r"millions?|quelques|plusieurs|several|few|moitie|half|tiers|quart)\b|\bpct\b")
"""What answers "how many?" when the intent names nothing more precise: a figure, in digits or words ("un" and
"une" are articles as often as figures, so they do not count)."""
TEXT_FACTS = frozenset({"title"})
"""Front-matter facts written as free text (the title): they answer an intent that lists them only when they say
what a line would have to say (its cues and evidence: "L'incubateur recherche deux responsables" answers "how
many openings?", a title without a figure does not)."""
_CODE_LINK = re.compile(r"\b(?:github\.com|gitlab\.[\w.-]+|framagit\.org|codeberg\.org|bitbucket\.org|"
                        r"sourcehut\.org|code\.gouv\.fr|(?:git|forge|gitea)\.[\w-]+\.[\w.]+)/", re.IGNORECASE)
_LINK = re.compile(r"https?://|\bwww\.|(?<![@.\w-])[a-z0-9-]+\.(?:fr|com|org|io|gouv\.fr)\b", re.IGNORECASE)
_DATE_STEM = re.compile(r"^\d{4}$|^\d{1,2}$")
# words of a posting's title that say it recruits, how many, or a gendered ending ("chef·fe"): not its name
NAME_NOISE = frozenset({"recrute", "recrutons", "recrutent", "recrutement", "recherche", "recherchons", "cherche",
                        "cherchons", "equipe", "team", "startup", "startups", "deux", "trois", "quatre", "recruiting",
                        "recruits", "hiring", "seeks", "fe", "se", "es", "euse", "trice"})
_TRAILING = " \t*_)]»\"'’…"  # what may close a sentence after its mark: emphasis, brackets, quotes
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-ZÀ-Ý0-9«\"(])")
LONG_PASSAGE = 420
# a line opening on questions to the reader is a pitch ("Vous voulez mettre vos compétences au profit du service
# public ? Vous souhaitez travailler dans une équipe agile ?"), a fact about this job only when no other line says it
_PITCH = re.compile(r"[\W_]*(?:vous|tu|t'|envie|êtes[- ]vous|es[- ]tu|aimez|aimes|souhaitez|cherchez|you|are you|"
                    r"do you|want|looking)\b[^?.!\n]*\?", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class IndexedPassage:
    """A passage with its normalised text and word keys."""

    passage: Passage
    norm: str
    section_norm: str
    has_email: bool
    position: int  # index in PostingIndex.passages
    # when it opens on questions to the reader ("Vous voulez ... ? Vous souhaitez ... ? X recherche un·e dev
    # senior !"), what follows them, normalised ("" when nothing does); None when it does not
    after_pitch: str | None = None
    asks: bool = False  # it only asks questions ("Pourquoi tant de projets n'ont pas l'impact attendu ?"): no fact
    _stems: frozenset[str] | None = field(default=None, compare=False, repr=False)

    @property
    def stems(self) -> frozenset[str]:
        """Its words' keys, worked out the first time a question reads them: most lines of a posting never are
        (only those holding an intent's cues, or under its heading)."""
        stems = self._stems
        if stems is None:
            stems = frozenset(map(stem, self.norm.split()))
            object.__setattr__(self, "_stems", stems)  # set once, here: frozen for everyone else
        return stems


@dataclass
class PostingIndex:
    """One posting's passages, ready to score.

    Passages are normalised when the posting is indexed; their word keys are computed the first
    time the posting is asked about, since most postings of a large folder are never asked about.
    """

    posting: Posting
    texts: list[Passage]
    norms: list[str]
    section_norms: dict[str, str]
    stems: frozenset[str]
    name_stems: frozenset[str]
    name_norm: str
    title_keys: frozenset[str]  # the distinctive word keys of its title and roles, less its team's name
    words: frozenset[str]  # every normalised word of its passages
    _passages: list[IndexedPassage] | None = None
    contact: str | None = None  # who a forwarded question goes to, worked out on first use
    _cue_counts: list[dict[int, int]] | None = None
    _cue_cache: dict[str, tuple[int, ...]] = field(default_factory=dict)
    _section_cache: dict[str, tuple[float, ...]] = field(default_factory=dict)
    _evidence_cache: dict[tuple[str, int], bool] = field(default_factory=dict)
    _boilerplate: tuple[bool, ...] | None = None
    _pool_cache: dict[str, tuple[IndexedPassage, ...]] = field(default_factory=dict)

    @property
    def passages(self) -> list[IndexedPassage]:
        """The passages with their word keys, built on first use."""
        if self._passages is None:
            self._passages = [
                IndexedPassage(passage=passage, norm=norm, section_norm=self.section_norms[passage.section],
                               has_email="@" in passage.text and bool(_EMAIL.search(passage.text)),
                               position=n, after_pitch=_after_pitch(passage.text), asks=_asks(passage.text))
                for n, (passage, norm) in enumerate(zip(self.texts, self.norms, strict=True))]
        return self._passages

    def cue_matches(self, intent: Intent, lexicon: Lexicon) -> tuple[int, ...]:
        """How many of an intent's cues each passage holds, 0 when it does not answer (cached per intent).

        The first call reads every passage once for the cues of all intents."""
        cached = self._cue_cache.get(intent.name)
        if cached is None:
            if self._cue_counts is None:
                self._cue_counts = cue_counts(self.norms, lexicon)
            number = lexicon.number(intent.name)
            if intent.email_cue:
                cached = tuple(_cue_count(p, counts.get(number, 0), intent)
                               for p, counts in zip(self.passages, self._cue_counts, strict=True))
            else:  # the lines' counts as they are, the front matter's facts read apart: no call per line
                found = [counts.get(number, 0) for counts in self._cue_counts]
                for n, passage in enumerate(self.texts):
                    if passage.kind is PassageKind.FACT:
                        found[n] = _fact_count(passage, found[n], intent)
                cached = tuple(found)
            self._cue_cache[intent.name] = cached
        return cached

    @cached_property
    def name_words(self) -> frozenset[str]:
        """The words of its name (title, roles, team, startup), compounds joined."""
        return frozenset(self.name_norm.split())

    @cached_property
    def all_words(self) -> frozenset[str]:
        """Every normalised word of its passages and headings."""
        return self.words | self.heading_words

    @cached_property
    def ordered_words(self) -> tuple[str, ...]:
        """Every normalised word of its passages and headings, sorted (to find those starting with a stem)."""
        return tuple(sorted(self.all_words))

    @cached_property
    def heading_words(self) -> frozenset[str]:
        """The words of its section headings."""
        return frozenset(" ".join(self.section_norms.values()).replace("›", " ").split())

    @cached_property
    def heading_stems(self) -> frozenset[str]:
        """The word keys of its section headings."""
        return frozenset(map(stem, self.heading_words))

    def evidence(self, intent: Intent, ip: IndexedPassage) -> bool:
        """Does the passage hold the kind of fact that answers the intent (True when the intent names none)?

        A front-matter fact answers the intents that list it; a line needs one of the intent's `evidence`
        phrases, or an address or a web link when the intent accepts them. Read only for the lines that
        could answer, once per intent and line."""
        if intent.evidence is None and not intent.evidence_marks and intent.not_evidence is None:
            return True
        key = (intent.name, ip.position)
        held = self._evidence_cache.get(key)
        if held is None:
            held = self._evidence_cache[key] = _holds_evidence(ip, intent)
        return held

    def says_after_pitch(self, intent: Intent, ip: IndexedPassage, lexicon: Lexicon) -> bool:
        """Does a line opening on questions to the reader say what the intent asks after them ("... ? L'e-inspé
        recherche un·e UX designer senior !" gives the level), not only in them (its evidence, else a cue)? Read once
        per intent and line."""
        rest = ip.after_pitch
        if not rest:
            return False
        key = (f"{intent.name}#after-pitch", ip.position)
        held = self._evidence_cache.get(key)
        if held is None:
            held = self._evidence_cache[key] = bool(intent.evidence.search(rest)) if intent.evidence is not None \
                else cue_counts([rest], lexicon)[0].get(lexicon.number(intent.name), 0) > 0
        return held

    def preferred(self, intent: Intent, ip: IndexedPassage) -> bool:
        """Does the passage hold one of the intent's `prefer` phrases (the lines that answer it best)? Read once per
        intent and line."""
        if intent.prefer is None and not intent.prefer_marks:
            return False
        key = (f"{intent.name}#prefer", ip.position)
        held = self._evidence_cache.get(key)
        if held is None:
            held = self._evidence_cache[key] = (intent.prefer is not None and bool(intent.prefer.search(ip.norm))) \
                or _marked(ip, intent.prefer_marks)
        return held

    def counts(self, intent: Intent, ip: IndexedPassage) -> bool:
        """Does the passage hold what answers "how many?" for the intent: its `evidence_count`, its evidence
        when that is itself a quantity (an amount, a length), else a figure ("combien d'utilisateurs sur la
        plateforme ?" is not answered by "c'est une plateforme qui met en relation...")."""
        pattern: LazyRegex | re.Pattern[str] | None = intent.evidence_count
        if pattern is None and not intent.evidence_counts:
            pattern = FIGURE
        if pattern is None or (ip.passage.kind is PassageKind.FACT and intent.evidence_count is None):
            return True  # a fact says how many when the intent says what a count is ("junior : non" gives no years)
        key = (f"{intent.name}#count", ip.position)
        held = self._evidence_cache.get(key)
        if held is None:
            held = self._evidence_cache[key] = bool(pattern.search(ip.norm))
        return held

    def boilerplate(self, lexicon: Lexicon) -> tuple[bool, ...]:
        """Whether each passage is a formula that states no fact ("n'hésitez pas à nous poser vos questions"),
        which never counts as evidence; a line that also gives an address or a link is not one."""
        if self._boilerplate is None:
            pattern = lexicon.boilerplate
            self._boilerplate = tuple(
                pattern is not None and ip.passage.kind is not PassageKind.FACT and bool(pattern.search(ip.norm))
                and not ip.has_email and "://" not in ip.passage.text
                for ip in self.passages)
        return self._boilerplate

    def cued_or_under_heading(self, intent: Intent, lexicon: Lexicon) -> tuple[IndexedPassage, ...]:
        """The passages holding a cue of the intent or under one of its headings: the only ones that may answer it
        by its cues and headings (cached per intent)."""
        cached = self._pool_cache.get(intent.name)
        if cached is None:
            cues = self.cue_matches(intent, lexicon)
            sections = self.section_matches(intent.name, intent.sections)
            cached = self._pool_cache[intent.name] = tuple(ip for ip in self.passages
                                                          if cues[ip.position] or sections[ip.position])
        return cached

    def section_matches(self, name: str, pattern: LazyRegex | None) -> tuple[float, ...]:
        """How well each passage's heading fits an intent: 1 for its own heading, 0.5 for a parent's."""
        cached = self._section_cache.get(name)
        if cached is None:
            fits: dict[str, float] = {}
            for p in self.passages:
                if p.section_norm not in fits:
                    fits[p.section_norm] = _heading_fit(pattern, p.section_norm)
            cached = tuple(0.0 if p.passage.kind is PassageKind.FACT else fits[p.section_norm]
                           for p in self.passages)
            self._section_cache[name] = cached
        return cached


def cue_counts(norms: list[str], lexicon: Lexicon) -> list[dict[int, int]]:
    """How many cues of each intent (by number) each passage holds, from the passages' normalised texts (read
    without their web addresses): worked out once per posting, at load time (kept in the index cache), so
    that the first question on a posting reads them."""
    index = lexicon.cue_index
    return index.counts_many(norms) if index is not None else [{} for _ in norms]


def _cue_count(ip: IndexedPassage, count: int, intent: Intent) -> int:
    passage = ip.passage
    if passage.kind is PassageKind.FACT:
        return _fact_count(passage, count, intent)
    return count + (1 if intent.email_cue and ip.has_email else 0)


def _fact_count(passage: Passage, count: int, intent: Intent) -> int:
    """A front-matter fact answers the intents that name it, no other; the title by what it says, read as a
    line ("recherche deux ...")."""
    if passage.fact in TEXT_FACTS:
        return count if passage.fact in intent.facts else 0
    return 1 if passage.fact in intent.facts else 0


def _holds_evidence(ip: IndexedPassage, intent: Intent) -> bool:
    if ip.passage.kind is PassageKind.FACT and ip.passage.fact not in TEXT_FACTS and not intent.facts_need_evidence:
        return ip.passage.fact in intent.facts
    if ip.passage.kind is PassageKind.FACT and ip.passage.fact not in intent.facts:
        return False
    if intent.not_evidence is not None and intent.not_evidence.search(ip.norm):
        return False  # "La Startup d'État X recherche un·e chargé·e de déploiement": the job, not the product
    if intent.evidence is None and not intent.evidence_marks:
        return True
    if intent.evidence is not None and (intent.evidence.search(ip.norm) or (
            intent.evidence_in_heading and intent.evidence.search(ip.section_norm.rsplit(" › ", 1)[-1]))):
        return True
    return _marked(ip, intent.evidence_marks)


def _marked(ip: IndexedPassage, marks: frozenset[str]) -> bool:
    """Does the passage give what the marks ask for ("@email": an address, "@link": a web link, "@code": a link to
    a code host)?"""
    return (("@email" in marks and ip.has_email) or ("@link" in marks and bool(_LINK.search(ip.passage.text)))
            or ("@code" in marks and bool(_CODE_LINK.search(ip.passage.text))))


@lru_cache(maxsize=65536)  # postings share their headings ("Profil recherché"): each is read once per intent
def _heading_fit(pattern: LazyRegex | None, section_norm: str) -> float:
    if pattern is None:
        return 0.0
    *parents, own = section_norm.split(" › ")
    if pattern.found_in(own):
        return 1.0
    return 0.5 if any(pattern.found_in(p) for p in parents if p) else 0.0


@dataclass
class Index:
    """All postings' indexes plus corpus statistics for weighting words and finding postings."""

    postings: list[PostingIndex]
    idf: dict[str, float]
    default_idf: float
    name_postings: dict[str, list[int]]
    body_postings: dict[str, list[int]]
    vocabulary: dict[str, list[str]]  # by first letter, for typo correction
    known_words: frozenset[str]
    by_key: dict[str, int]
    _name_weights: dict[str, float] = field(default_factory=dict)  # worked out on first use
    _title_weights: dict[int, float] = field(default_factory=dict)

    def name_weight(self, key: str) -> float:
        """How telling a word is among postings' names (title, roles, startup, team)."""
        weight = self._name_weights.get(key)
        if weight is None:
            total = len(self.postings)
            weight = self._name_weights[key] = math.log((total + 1) / (len(self.name_postings.get(key, ())) + 0.5))
        return weight

    def title_weight(self, n: int) -> float:
        """The summed name weights of posting n's title keys (summed exactly: a set's order changes from one
        process to the next, and a sum in that order would rank two postings of equal weight either way)."""
        weight = self._title_weights.get(n)
        if weight is None:
            weight = self._title_weights[n] = math.fsum(self.name_weight(k) for k in self.postings[n].title_keys)
        return weight

    def weight(self, key: str) -> float:
        """How telling a word key is across the corpus (inverse document frequency)."""
        return self.idf.get(key, self.default_idf)

    def find(self, ref: str) -> PostingIndex | None:
        """The posting with this slug or file stem (or file name), if any."""
        ref = ref.strip()
        pos = self.by_key.get(ref)
        if pos is None and ref.endswith(".md"):
            pos = self.by_key.get(ref[:-3])
        if pos is None:
            pos = self.by_key.get(ref.lower())
        return self.postings[pos] if pos is not None else None


def assemble_index(indexes: list[PostingIndex], lexicon: Lexicon) -> Index:
    """Gather the corpus statistics over postings indexed one by one (possibly in other processes)."""
    df: dict[str, int] = defaultdict(int)
    words: set[str] = set()
    name_postings: dict[str, list[int]] = defaultdict(list)
    body_postings: dict[str, list[int]] = defaultdict(list)
    by_key: dict[str, int] = {}
    for n, pindex in enumerate(indexes):
        for key in pindex.stems:
            df[key] += 1
            body_postings[key].append(n)
        for key in pindex.name_stems:
            name_postings[key].append(n)
        words |= pindex.words
        posting = pindex.posting
        for key in (posting.slug, posting.stem, posting.slug.lower(), posting.stem.lower()):
            by_key.setdefault(key, n)
    total = max(1, len(indexes))
    idf = {key: math.log((total + 1) / (count + 0.5)) for key, count in df.items()}
    words |= lexicon.vocabulary
    vocabulary: dict[str, list[str]] = defaultdict(list)
    for word in sorted(words):
        if len(word) >= 3 and word.isalpha():
            vocabulary[word[0]].append(word)
    return Index(indexes, idf, math.log(total + 1), dict(name_postings), dict(body_postings),
                 dict(vocabulary), frozenset(words), by_key)


PreparedText = tuple[list[Passage], list[str], dict[str, str]]


def prepare_texts(posting: Posting) -> PreparedText:
    """A posting's passages (long ones cut into sentences), their normalised texts and section titles.

    Pure and picklable: worker processes prepare it while the main process assembles the index."""
    split = _split_long(posting.passages)
    # a web address shown with a link says nothing of the line's topic, nor of which posting it is
    norms = normalise_many([_URL.sub(" ", p.text) if "://" in p.text else p.text for p in split])
    sections = {title: " › ".join(normalise_many(title.split(" › "))) for title in {p.section for p in split}}
    return split, norms, sections


def index_posting(posting: Posting, lexicon: Lexicon, prepared: PreparedText | None = None) -> PostingIndex:
    """Normalise one posting's passages and name once."""
    split, norms, sections = prepared or prepare_texts(posting)
    words = frozenset(map(sys.intern, " ".join(norms).split()))  # one string per word across postings: the index
    # of 5,000 postings is half as large in memory and in the cache
    stems = frozenset(map(stem, words))
    # a product's name of one common word ("Administration+") would name it in every question using the word
    products = [p for p in posting.products if len(normalise(p).split()) > 1 or normalise(p) not in lexicon.vocabulary]
    name_text = " ".join([posting.title, *posting.roles, posting.startup, *products, posting.team,
                          posting.organisation,
                          re.sub(r"^\d{4}-\d{2}-\d{2}-", "", posting.stem)])
    name_norm = lexicon.join_compounds(normalise(name_text))
    skip = lexicon.stopwords | lexicon.generic | NAME_NOISE
    name_words = [w for w in name_norm.split() if not _DATE_STEM.match(w) and w not in skip and len(w) > 1]
    # whole long words too, so that "aidants connect" in a question finds a file named "aidantsconnect"
    joined = [re.sub(r"[^a-z0-9]", "", fold(name)) for name in (posting.startup, *products, posting.team)]
    name_stems = (frozenset(stem(w) for w in name_words) | frozenset(w for w in name_words if len(w) > 7)
                  | frozenset(j for j in joined if len(j) > 4) | lexicon.acronyms_in(name_norm))
    # the job, not the team: "dev pour REVA" and "Développeur·se" (at REVA) name the same job
    title_norm = lexicon.join_compounds(normalise(" ".join([posting.title, *posting.roles])))
    team = normalise(" ".join([posting.startup, *products, posting.team])).split() + [j for j in joined if j]
    title_keys = frozenset(stem(w) for w in title_norm.split() if w not in skip and len(w) > 1
                           and not any(w == t or (len(w) >= 4 and w in t) for t in team))
    return PostingIndex(posting, split, norms, sections, stems, name_stems, name_norm, title_keys, words)


def _split_long(passages: Iterable[Passage]) -> list[Passage]:
    """Cut paragraphs longer than LONG_PASSAGE into sentences, so that an answer quotes the right lines."""
    out: list[Passage] = []
    for passage in passages:
        if len(passage.text) <= LONG_PASSAGE or passage.kind is PassageKind.FACT:
            out.append(passage)
            continue
        chunk = ""
        for sentence in _SENTENCE_END.split(passage.text):
            if chunk and len(chunk) + len(sentence) > LONG_PASSAGE // 1.5:
                out.append(_with_text(passage, chunk))
                chunk = ""
            chunk = f"{chunk} {sentence}".strip()
        if chunk:
            out.append(_with_text(passage, chunk))
    return out


def _with_text(passage: Passage, text: str) -> Passage:
    return Passage(text=text, section=passage.section, kind=passage.kind, group=passage.group,
                   order=passage.order, fact=passage.fact)


def _asks(text: str) -> bool:
    """Is every sentence of the text a question ("Comment diminuer le coût ? Pourquoi ... ?")?"""
    return "?" in text and all(sentence.rstrip(_TRAILING).endswith("?") for sentence in _SENTENCE_END.split(text))


def _after_pitch(text: str) -> str | None:
    """What follows the questions to the reader a line opens on, normalised; None when it opens on none."""
    if "?" not in text or not _PITCH.match(text):  # most lines ask nothing: no regex read for them
        return None
    return normalise(text[text.rindex("?") + 1:])
