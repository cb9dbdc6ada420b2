"""Answer a candidate's question from a posting's own lines, or abstain.

The question is normalised like the passages, its informal words and typos mended (rapidfuzz against
the corpus vocabulary), its intents read from the lexicon. Passages are scored on three signals:
the intent's cues (does this line speak of pay, of remote work...), the heading it stands under, and
the question's own subject words weighted by rarity. The engine abstains when an intent is recognised
but no line of the posting covers it, when the question names things the posting never mentions,
and when the best line scores below the threshold: a forward is better than a wrong answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from rapidfuzz import fuzz, process

from .index import Index, IndexedPassage, PostingIndex
from .lexicon import Intent, Lexicon
from .models import Answer, PassageKind, Posting
from .text import normalise, stem

MAX_ANSWER_CHARS = 500
THRESHOLD = 0.5
FREE_THRESHOLD = 0.62
_WORD_CASED = re.compile(r"[\w][\w.+#-]*[\w+#]|\w")
_DEFINITIONAL = re.compile(r"\b(?:est une?|sont des|a pour (?:objectif|mission|but)|vise a|permet\w*|consiste|"
                           r"is an?|aims? to|helps?|plateforme|service|outil|startup)\b")
_ENGLISH = re.compile(r"\b(?:the|is|are|what|how|do|does|can|which|where|who|when|job|you|i|my|there)\b")


@dataclass(frozen=True)
class Query:
    """A question, analysed once."""

    text: str
    norm: str
    words: tuple[str, ...]
    intents: tuple[Intent, ...]  # recognised, leading intent first
    terms: tuple[str, ...]  # subject words: not stopwords, not the leading intent's triggers
    specific: tuple[str, ...]  # terms naming specific things (tools, degrees, proper names)
    lang: str

    @property
    def intent(self) -> Intent | None:
        """The leading intent, if any."""
        return self.intents[0] if self.intents else None


class Matcher:
    """Answers questions over an index; pure and synchronous, safe to share."""

    def __init__(self, index: Index, lexicon: Lexicon) -> None:
        self.index = index
        self.lexicon = lexicon
        self._correct = lru_cache(maxsize=16384)(self._correct_word)

    # --- question analysis --------------------------------------------------------------------

    def analyse(self, question: str) -> Query:
        """Normalise a question, mend its words, find its intents and subject words."""
        lex = self.lexicon
        raw_words = normalise(question).split()
        words: list[str] = []
        for word in raw_words:
            word = lex.abbreviations.get(word, word)
            if " " in word:
                words.extend(word.split())
            else:
                words.append(self._correct(word))
        norm = " ".join(words)
        found: list[tuple[Intent, list[tuple[int, int]]]] = []
        for intent in lex.intents:
            if intent.triggers is None:
                continue
            spans = [m.span() for m in intent.triggers.finditer(norm)]
            if spans:
                found.append((intent, spans))
        found.sort(key=lambda f: (-f[0].priority, -max(e - s for s, e in f[1])))
        lead_spans = found[0][1] if found else []
        all_spans = [span for _, spans in found for span in spans]
        terms: list[str] = []
        position = 0
        covered_any: list[bool] = []
        for word in words:
            start = norm.index(word, position)
            position = start + len(word)
            in_lead = any(s <= start < e for s, e in lead_spans)
            covered_any.append(any(s <= start < e for s, e in all_spans))
            if not in_lead and word not in lex.stopwords and word not in lex.generic and len(word) > 1:
                terms.append(word)
        specific = self._specific(question, terms)
        free_terms = tuple(dict.fromkeys(
            t for t, covered in zip(words, covered_any, strict=True)
            if t in terms and not covered))
        lang = "en" if len(_ENGLISH.findall(norm)) >= 1 and not re.search(
            r"\b(?:est|le|la|les|des|du|une|quel|quelle|comment|combien|pour|faut)\b", norm) else "fr"
        return Query(question, norm, tuple(words), tuple(i for i, _ in found),
                     free_terms if found else tuple(dict.fromkeys(terms)), specific, lang)

    def _correct_word(self, word: str) -> str:
        """Mend a typo: an unknown word becomes the closest known word, when it is close enough."""
        if word in self.index.known_words or len(word) < 4 or not word.isalpha():
            return word
        choices = self.index.vocabulary.get(word[0], [])
        best = process.extractOne(word, choices, scorer=fuzz.ratio, processor=None,
                                  score_cutoff=86 if len(word) < 7 else 82)
        return best[0] if best else word

    def _specific(self, question: str, terms: Sequence[str]) -> tuple[str, ...]:
        """Terms that name specific things: known tools and degrees, capitalised names, acronyms."""
        cased = {normalise(w): w for w in _WORD_CASED.findall(question)}
        first = normalise(question.split()[0]) if question.split() else ""
        out = []
        for term in terms:
            original = cased.get(term, "")
            if term in self.lexicon.specific:
                out.append(term)
            elif original and term != first and (any(c.isupper() for c in original[1:])
                                                 or original[0].isupper()) and len(term) > 1:
                out.append(term)
            elif original and any(c in original for c in ".+#") and len(term) > 1:
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
        return self.answer_in(query, pindex)

    def answer_in(self, query: Query, pindex: PostingIndex) -> Answer:
        """Answer an analysed question from one posting."""
        posting = pindex.posting
        intent = query.intent
        if query.specific and intent is not None and intent.name in _SUBJECT_INTENTS \
                and not any(self._term_in(t, pindex.stems, pindex.passages) for t in query.specific):
            return self._abstain(query, posting, "not-mentioned", intent,
                                 detail=", ".join(query.specific))
        if query.specific and intent is None \
                and not any(self._term_in(t, pindex.stems, pindex.passages) for t in query.specific):
            return self._abstain(query, posting, "not-mentioned", None, detail=", ".join(query.specific))
        if intent is None or intent.name == "definition":
            return self._answer_by_terms(query, pindex, intent)
        return self._answer_by_intent(query, pindex, intent)

    def _answer_by_intent(self, query: Query, pindex: PostingIndex, intent: Intent) -> Answer:
        cues = pindex.cue_matches(intent.name, intent.cues, intent.facts, intent.email_cue)
        sections = pindex.section_matches(intent.name, intent.sections)
        others = [pindex.cue_matches(i.name, i.cues, i.facts, i.email_cue) for i in query.intents[1:3]]
        weights = self._term_weights(query.terms)
        total_weight = sum(weights.values())
        scored: list[tuple[float, IndexedPassage]] = []
        for ip in pindex.passages:
            cue = cues[ip.position]
            section = sections[ip.position]
            if not cue and not (intent.is_list and section):
                continue
            coverage = self._coverage(weights, ip) / total_weight if total_weight else 0.0
            score = 0.55 * cue + 0.2 * section + 0.05 * sum(o[ip.position] for o in others)
            score += 0.25 * coverage if total_weight else 0.1
            if ip.passage.kind is PassageKind.FACT:
                score += 0.05
            scored.append((score, ip))
        if not scored:
            return self._abstain(query, pindex.posting, "not-covered", intent)
        scored.sort(key=lambda s: (-s[0], s[1].position))
        best_score, best = scored[0]
        if total_weight and intent.name in _SUBJECT_INTENTS and intent.is_list:
            covering = [s for s in scored if self._coverage(weights, s[1]) > 0]
            if covering:
                scored = covering + [s for s in scored if s not in covering]
                best_score, best = scored[0]
        if best_score < THRESHOLD:
            return self._abstain(query, pindex.posting, "low-score", intent, score=best_score)
        chosen = self._gather(scored, intent, best, bool(total_weight), pindex)
        return self._make_answer(query, pindex.posting, chosen, min(1.0, best_score), intent)

    def _answer_by_terms(self, query: Query, pindex: PostingIndex, intent: Intent | None) -> Answer:
        weights = self._term_weights(query.terms)
        total = sum(weights.values())
        if not total:
            return self._abstain(query, pindex.posting, "no-subject", intent)
        scored: list[tuple[float, IndexedPassage]] = []
        for ip in pindex.passages:
            coverage = self._coverage(weights, ip) / total
            if coverage <= 0:
                continue
            score = coverage
            if intent is not None:  # a definition: prefer lines that define, early in the posting
                score += 0.1 * bool(_DEFINITIONAL.search(ip.norm)) + 0.05 * (ip.position < 6)
            scored.append((score, ip))
        if not scored:
            return self._abstain(query, pindex.posting, "not-covered", intent)
        scored.sort(key=lambda s: (-s[0], s[1].position))
        best_score, best = scored[0]
        threshold = THRESHOLD if intent is not None else FREE_THRESHOLD
        if best_score < threshold:
            return self._abstain(query, pindex.posting, "low-score", intent, score=best_score)
        return self._make_answer(query, pindex.posting, [best], min(1.0, best_score), intent)

    def _gather(self, scored: list[tuple[float, IndexedPassage]], intent: Intent, best: IndexedPassage,
                has_terms: bool, pindex: PostingIndex) -> list[IndexedPassage]:
        """The best passage, with its list when the question asks for a list, or a close runner-up."""
        chosen = [best]
        p = best.passage
        if intent.is_list and not has_terms and p.group >= 0:
            chosen = [ip for ip in pindex.passages if ip.passage.group == p.group]
        elif intent.is_list and not has_terms and p.kind is PassageKind.PARAGRAPH and p.text.endswith(":"):
            chosen = [best] + [ip for ip in pindex.passages[best.position + 1:]
                               if ip.passage.section == p.section and ip.passage.kind is PassageKind.ITEM]
        else:
            best_score = scored[0][0]
            for score, ip in scored[1:3]:
                if score >= best_score * 0.9 and ip is not best:
                    chosen.append(ip)
        return _fit(chosen)

    def _term_weights(self, terms: Sequence[str]) -> dict[str, float]:
        return {t: self.index.weight(stem(t)) for t in terms}

    def _coverage(self, weights: dict[str, float], ip: IndexedPassage) -> float:
        return sum(w for t, w in weights.items() if self._term_in(t, ip.stems, (ip,)))

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

    # --- finding the posting --------------------------------------------------------------------

    def _answer_anywhere(self, query: Query) -> Answer:
        candidates = self.rank_postings(query)
        if not candidates:
            return Answer(query.text, False, None, reason="no-posting", intent=_name(query.intent))
        results: list[tuple[float, Answer]] = []
        for score, pindex in candidates:
            answer = self.answer_in(query, pindex)
            results.append((score + (0.5 if answer.answered else 0.0) + 0.1 * answer.score, answer))
        results.sort(key=lambda r: -r[0])
        top_score, top = results[0]
        if len(results) > 1 and results[1][0] >= top_score * 0.97 and results[1][1].answered and top.answered \
                and results[1][1].text != top.text:
            alternatives = (top.posting, results[1][1].posting)
            return replace(top, answered=False, reason="ambiguous",
                           alternatives=tuple(p for p in alternatives if p is not None))
        return top

    def rank_postings(self, query: Query, *, limit: int = 4) -> list[tuple[float, PostingIndex]]:
        """Postings the question is about: names (title, roles, startup, team) first, then body words."""
        keys = {stem(w) for w in query.words if w not in self.lexicon.stopwords and len(w) > 1}
        scores: dict[int, float] = {}
        for key in keys:
            weight = self.index.weight(key)
            for n in self.index.name_postings.get(key, ()):
                scores[n] = scores.get(n, 0.0) + 2.0 * weight
            if weight > 2.0:
                for n in self.index.body_postings.get(key, ()):
                    scores[n] = scores.get(n, 0.0) + 0.5 * weight
        if not scores:
            return []
        ranked = sorted(scores.items(), key=lambda s: -s[1])[:limit]
        top = ranked[0][1]
        return [(s / top, self.index.postings[n]) for n, s in ranked if s >= top * 0.6]

    # --- results ----------------------------------------------------------------------------------

    def _make_answer(self, query: Query, posting: Posting, chosen: list[IndexedPassage], score: float,
                     intent: Intent | None) -> Answer:
        text = "\n".join(ip.passage.text for ip in chosen)
        return Answer(query.text, True, posting, tuple(ip.passage for ip in chosen), text,
                      chosen[0].passage.section, round(score, 3), _name(intent), "",
                      forward_to=contact_for(posting))

    def _abstain(self, query: Query, posting: Posting, reason: str, intent: Intent | None, *,
                 score: float = 0.0, detail: str = "") -> Answer:
        why = f"{reason}: {detail}" if detail else reason
        return Answer(query.text, False, posting, score=round(score, 3), intent=_name(intent), reason=why,
                      forward_to=contact_for(posting))


_SUBJECT_INTENTS = frozenset({"stack", "skills", "experience", "diploma", "definition", "product", "org",
                              "missions", "language", "umbrella", "contract", "apply", "team", "junior"})


def _fit(chosen: list[IndexedPassage]) -> list[IndexedPassage]:
    """Keep passages in posting order, within the answer's length."""
    kept: list[IndexedPassage] = []
    length = 0
    for ip in chosen:
        size = len(ip.passage.text) + 1
        if kept and length + size > MAX_ANSWER_CHARS:
            continue
        kept.append(ip)
        length += size
    return kept


def _name(intent: Intent | None) -> str:
    return intent.name if intent is not None else ""


def contact_for(posting: Posting) -> str:
    """Who a forwarded question goes to: the posting's contact email, or one found in its text."""
    from .knowledge import emails_in

    for contact in posting.contacts:
        if "@" in contact:
            return contact
    for section in reversed(posting.sections):
        for passage in section.passages:
            emails = emails_in(passage.text)
            if emails:
                return emails[0]
    return posting.contacts[0] if posting.contacts else ""
