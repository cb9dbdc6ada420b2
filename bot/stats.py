"""Usage statistics for recruiters and admins: what candidates asked, what the bot answered, what waits.

    stats = await collect(store, days=30, matcher=engine.matcher)
    print(stats.render(lang="fr", names={p.slug: p.display_name for p in engine.postings}))
    print(render_pending(await pending_forwards(store)))

Everything is read through the storage's Protocols; nothing here writes. Reports are plain text (no markup: escape them
before sending with a parse mode) and never show a candidate's name, only the text of their question.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Protocol

from rapidfuzz import fuzz, process

from .matcher import Matcher
from .storage import ForwardRecord, ForwardStatus, ForwardStore, QuestionRecord, QuestionStatus, QuestionStore
from .text import normalise

# forwards the recruiter has not received yet
NOT_DELIVERED = (ForwardStatus.PENDING, ForwardStatus.SENDING, ForwardStatus.FAILED)
WAITING = (*NOT_DELIVERED, ForwardStatus.SENT)  # forwards without a recruiter's answer
QUESTION_WIDTH = 80  # characters of a question's text shown in a report line
ERROR_WIDTH = 120  # characters of a delivery error shown in a report line
_SECONDS_PER_HOUR = 3600.0


class _Source(QuestionStore, ForwardStore, Protocol):
    """What the report reads: questions and forwards."""


@dataclass(frozen=True)
class PostingStats:
    """What happened to the questions of one posting ("" for questions without a posting, or all of them)."""

    posting: str
    questions: int
    answered: int  # answered automatically, from the posting's own lines
    from_faq: int  # answered with a recruiter's earlier answer
    forwarded: int  # forwards created for these questions
    pending: int  # forwards not delivered yet: pending, sending or failed
    failed: int  # forwards whose delivery failed for good (counted in pending too)
    answered_by_recruiter: int
    median_answer_hours: float | None  # from a forward's creation to the recruiter's answer
    awaiting_answer: int = 0  # forwards delivered, not answered yet
    unanswered: int = 0  # the engine abstained, no FAQ answer, not forwarded

    @property
    def answered_share(self) -> float:
        """The part of the questions answered automatically or from the FAQ, between 0 and 1."""
        return (self.answered + self.from_faq) / self.questions if self.questions else 0.0


@dataclass(frozen=True)
class QuestionGroup:
    """Close questions the bot could not answer, counted together."""

    example: str  # the group's most frequent wording
    count: int
    postings: tuple[str, ...]  # the postings they were asked about, most frequent first (none for no posting)


@dataclass(frozen=True)
class Stats:
    """Figures of one period: all postings together, each posting, the most frequent unanswered questions."""

    since: datetime
    until: datetime
    total: PostingStats  # posting "" stands for all of them
    by_posting: tuple[PostingStats, ...]  # most questions first
    unanswered: tuple[QuestionGroup, ...]  # abstained and not answered from the FAQ, most frequent first
    weeks: tuple[tuple[date, PostingStats], ...] = ()  # (Monday, figures of that week), oldest first
    unanswered_topics: tuple[tuple[str, int], ...] = ()  # (intent, "" for none; count), most frequent first

    def render(self, *, lang: str = "fr", names: Mapping[str, str] | None = None, limit: int = 10) -> str:
        """A plain text report, in French or English, with at most limit postings and question groups."""
        words = _words(lang)
        names = names or {}
        days = round((self.until - self.since) / timedelta(days=1))
        lines = [words["title"].format(since=_date(self.since, lang), until=_date(self.until, lang), days=days)]
        total = self.total
        if not total.questions:
            lines.append(words["no_questions"])
            return "\n".join(lines)
        lines += ["", words["total"].format(questions=_questions(total.questions)), *_breakdown(total, lang)]
        lines += ["", words["by_posting"]]
        for item in self.by_posting[:max(limit, 0)]:
            lines.append(words["line"].format(name=_posting_name(item.posting, names, lang),
                                              summary=_summary(item, lang)))
        lines += _more(len(self.by_posting), limit, lang)
        lines += ["", words["top_unanswered"]]
        if not self.unanswered:
            lines.append(words["none"])
        for group in self.unanswered[:max(limit, 0)]:
            where = ", ".join(_posting_name(p, names, lang) for p in group.postings)
            text = f"- {group.count} × {_quoted(_shorten(group.example, QUESTION_WIDTH), lang)}"
            lines.append(f"{text} ({where})" if where else text)
        lines += _more(len(self.unanswered), limit, lang)
        return "\n".join(lines)


async def collect(store: _Source, *, days: int = 30, now: datetime | None = None, top: int = 10,
                  matcher: Matcher | None = None) -> Stats:
    """The figures of the questions asked in the last `days` days, and their forwards; the `top` most
    frequent unanswered questions, close ones grouped (by the matcher's reading when given)."""
    if days < 1:
        raise ValueError(f"the period must last at least one day, not {days}")
    if top < 0:
        raise ValueError(f"a negative number of questions makes no sense: {top}")
    until = _aware(now)
    since = until - timedelta(days=days)
    questions = [q for q in await store.questions(since=since) if q.created_at <= until]  # newest first
    ids = {q.id for q in questions}
    forwards = {f.question_id: f for f in await store.forwards() if f.question_id in ids}
    by_posting: dict[str, list[QuestionRecord]] = {}
    for question in questions:
        by_posting.setdefault(question.posting or "", []).append(question)
    postings = sorted((_figures(slug, items, forwards) for slug, items in by_posting.items()),
                      key=lambda s: (-s.questions, s.posting))
    abstained = [(q.text, q.posting or "") for q in questions
                 if not q.answered and q.status != QuestionStatus.ANSWERED_FROM_FAQ]
    groups = group_questions(abstained, matcher=matcher)[:top]
    topics = Counter(q.intent for q in questions if not q.answered and q.status != QuestionStatus.ANSWERED_FROM_FAQ)
    return Stats(since, until, _figures("", questions, forwards), tuple(postings), tuple(groups),
                 _weeks(questions, forwards, since, until), tuple(topics.most_common(top)))


def _weeks(questions: Sequence[QuestionRecord], forwards: Mapping[int, ForwardRecord], since: datetime,
           until: datetime) -> tuple[tuple[date, PostingStats], ...]:
    """The figures of each week (Monday to Sunday, UTC) of the period, weeks without questions included."""
    by_week: dict[date, list[QuestionRecord]] = {}
    monday = _monday(since)
    while monday <= until.date():
        by_week[monday] = []
        monday += timedelta(days=7)
    for question in questions:
        by_week.setdefault(_monday(question.created_at), []).append(question)
    return tuple((week, _figures("", items, forwards)) for week, items in sorted(by_week.items()))


def _monday(moment: datetime) -> date:
    day = moment.astimezone(UTC).date()
    return day - timedelta(days=day.weekday())


def group_questions(texts: Sequence[tuple[str, str]], *, matcher: Matcher | None = None,
                    threshold: float = 75.0) -> list[QuestionGroup]:
    """Group close questions, given as (text, posting) pairs: most frequent groups first, ties in the given order.

    Questions are compared on their normalised words (token set ratio, at least threshold); with a matcher,
    on the matcher's reading of them (typos mended, abbreviations spelled out) without stopwords and generic
    words, and only with questions of the same leading intent. Each question joins the first group whose first
    question is close enough: groups do not chain from one neighbour to the next.
    """
    keys = _Keys(matcher)
    wordings: dict[tuple[str, str], list[int]] = {}  # (intent, key) -> positions of the texts reading so
    for position, (text, _) in enumerate(texts):
        wordings.setdefault(keys.of(text), []).append(position)
    # The most frequent readings lead their groups, so that a group gathers around its usual wording.
    readings = sorted(wordings.items(), key=lambda item: (-len(item[1]), item[1][0]))
    members: list[list[int]] = []
    seeds: dict[str, list[tuple[str, int]]] = {}  # intent -> (key of a group's first reading, group number)
    for (intent, key), positions in readings:
        same_intent = seeds.setdefault(intent, [])
        found = process.extractOne(key, [k for k, _ in same_intent], scorer=fuzz.token_set_ratio, processor=None,
                                   score_cutoff=threshold) if same_intent else None
        if found is None:
            same_intent.append((key, len(members)))
            members.append(list(positions))
        else:
            members[same_intent[int(found[2])][1]].extend(positions)
    groups = [(_group([texts[p] for p in sorted(positions)]), min(positions)) for positions in members]
    groups.sort(key=lambda g: (-g[0].count, g[1]))
    return [group for group, _ in groups]


async def pending_forwards(store: ForwardStore) -> list[ForwardRecord]:
    """Forwards without a recruiter's answer: not delivered yet (pending, sending, failed) or delivered (sent),
    oldest first."""
    return sorted(await store.forwards(statuses=WAITING), key=lambda f: (f.created_at, f.id))


def render_pending(forwards: Sequence[ForwardRecord], *, lang: str = "fr", names: Mapping[str, str] | None = None,
                   limit: int = 30, now: datetime | None = None) -> str:
    """One plain text line per forward: id, posting, status, age, attempts, last error and the question, cut
    short; never the candidate's name."""
    words = _words(lang)
    if not forwards:
        return words["no_pending"]
    names = names or {}
    moment = _aware(now)
    lines = [words["pending_title"].format(count=len(forwards))]
    for forward in forwards[:max(limit, 0)]:
        parts = [f"#{forward.id}", _posting_name(forward.posting or "", names, lang),
                 words.get(f"status_{forward.status}", forward.status),
                 words["age"].format(age=_age(moment - forward.created_at, lang)),
                 words["attempt" if forward.attempts == 1 else "attempts"].format(count=forward.attempts)]
        if forward.last_error.strip():
            parts.append(words["error"].format(error=_shorten(forward.last_error, ERROR_WIDTH)))
        parts.append(_quoted(_shorten(forward.question, QUESTION_WIDTH), lang))
        lines.append(" · ".join(parts))
    lines += _more(len(forwards), limit, lang)
    return "\n".join(lines)


# --- figures -----------------------------------------------------------------------------------------------


def _figures(posting: str, questions: Sequence[QuestionRecord], forwards: Mapping[int, ForwardRecord]) -> PostingStats:
    """The figures of these questions and of their forwards; each question counts once: forwarded, else
    answered, answered from the FAQ or left unanswered ("unanswered", "forward-requested" or unknown statuses)."""
    statuses = Counter(q.status for q in questions if q.id not in forwards)
    theirs = [forwards[q.id] for q in questions if q.id in forwards]
    by_status = Counter(f.status for f in theirs)
    delays = [(f.answered_at - f.created_at).total_seconds() / _SECONDS_PER_HOUR for f in theirs
              if f.status == ForwardStatus.ANSWERED and f.answered_at is not None]
    answered, from_faq = statuses[QuestionStatus.ANSWERED], statuses[QuestionStatus.ANSWERED_FROM_FAQ]
    return PostingStats(
        posting=posting, questions=len(questions), answered=answered, from_faq=from_faq, forwarded=len(theirs),
        pending=sum(by_status[s] for s in NOT_DELIVERED), failed=by_status[ForwardStatus.FAILED],
        answered_by_recruiter=by_status[ForwardStatus.ANSWERED],
        median_answer_hours=float(statistics.median(delays)) if delays else None,
        awaiting_answer=by_status[ForwardStatus.SENT], unanswered=len(questions) - len(theirs) - answered - from_faq)


class _Keys:
    """How group_questions reads a question: (leading intent, normalised words), each text read once."""

    def __init__(self, matcher: Matcher | None) -> None:
        self._matcher = matcher
        self._seen: dict[str, tuple[str, str]] = {}

    def of(self, text: str) -> tuple[str, str]:
        """The question's leading intent ("" without a matcher or an intent) and its comparable words."""
        found = self._seen.get(text)
        if found is None:
            found = self._seen[text] = self._read(text)
        return found

    def _read(self, text: str) -> tuple[str, str]:
        plain = normalise(text)
        if self._matcher is None:
            return "", plain
        query = self._matcher.analyse(text)
        lexicon = self._matcher.lexicon
        key = " ".join(w for w in query.words if w not in lexicon.stopwords and w not in lexicon.generic)
        return (query.intent.name if query.intent else ""), key or plain


def _group(questions: Sequence[tuple[str, str]]) -> QuestionGroup:
    """A group of questions, its example the most frequent wording (the first one among equals)."""
    wordings = Counter(" ".join(text.split()) for text, _ in questions)
    example = max(wordings, key=lambda w: wordings[w])  # max keeps the first of equals, in insertion order
    postings = Counter(posting for _, posting in questions if posting)
    return QuestionGroup(example, len(questions), tuple(sorted(postings, key=lambda p: (-postings[p], p))))


def _aware(moment: datetime | None) -> datetime:
    """Now when None; a naive datetime is refused (it would compare wrongly with stored times)."""
    if moment is None:
        return datetime.now(UTC)
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"give the time a timezone: {moment.isoformat()}")
    return moment.astimezone(UTC)


# --- rendering ---------------------------------------------------------------------------------------------

_WORDS: Mapping[str, Mapping[str, str]] = {
    "fr": {
        "title": "Statistiques du {since} au {until} ({days} jours)",
        "no_questions": "Aucune question sur la période.",
        "total": "Toutes offres : {questions}",
        "auto": "répondues automatiquement : {count}{share}",
        "faq": "répondues par la FAQ : {count}{share}",
        "forwarded": "transmises aux recruteurs : {count}",
        "not_delivered": "pas encore envoyées : {count} (dont en échec : {failed})",
        "awaiting": "envoyées, en attente de réponse : {count}",
        "by_recruiter": "répondues par un recruteur : {count}",
        "median": "délai médian de réponse : {hours}",
        "no_median": "délai médian de réponse : pas encore de réponse",
        "left": "restées sans réponse : {count}{share}",
        "summary": "{questions} · auto : {answered} · FAQ : {faq} · transmises : {forwarded}{detail} · "
                   "sans réponse : {left}",
        "summary_detail": " (non envoyées : {pending}, en échec : {failed}, en attente de réponse : {awaiting}, "
                          "répondues : {by_recruiter}{median})",
        "summary_median": ", délai médian : {hours}",
        "by_posting": "Par offre :",
        "line": "- {name} : {summary}",
        "top_unanswered": "Questions sans réponse les plus fréquentes :",
        "none": "- aucune",
        "more": "… et {count} de plus",
        "no_posting": "(sans offre)",
        "hours": "{value} h",
        "no_pending": "Aucune question transmise en attente.",
        "pending_title": "Questions transmises sans réponse ({count}), les plus anciennes d'abord :",
        "status_pending": "en attente d'envoi",
        "status_sending": "en cours d'envoi",
        "status_failed": "échec de l'envoi",
        "status_sent": "envoyée, sans réponse",
        "age": "depuis {age}",
        "attempt": "{count} tentative",
        "attempts": "{count} tentatives",
        "error": "erreur : {error}",
        "minutes": "{minutes} min",
        "hours_age": "{hours} h",
        "days_age": "{days} j {hours} h",
        "quote": "« {text} »",
    },
    "en": {
        "title": "Statistics from {since} to {until} ({days} days)",
        "no_questions": "No questions in this period.",
        "total": "All postings: {questions}",
        "auto": "answered automatically: {count}{share}",
        "faq": "answered from the FAQ: {count}{share}",
        "forwarded": "forwarded to recruiters: {count}",
        "not_delivered": "not sent yet: {count} (failed: {failed})",
        "awaiting": "sent, waiting for an answer: {count}",
        "by_recruiter": "answered by a recruiter: {count}",
        "median": "median answer time: {hours}",
        "no_median": "median answer time: no answer yet",
        "left": "left unanswered: {count}{share}",
        "summary": "{questions} · automatic: {answered} · FAQ: {faq} · forwarded: {forwarded}{detail} · "
                   "unanswered: {left}",
        "summary_detail": " (not sent: {pending}, failed: {failed}, waiting for an answer: {awaiting}, "
                          "answered: {by_recruiter}{median})",
        "summary_median": ", median: {hours}",
        "by_posting": "By posting:",
        "line": "- {name}: {summary}",
        "top_unanswered": "Most frequent unanswered questions:",
        "none": "- none",
        "more": "… and {count} more",
        "no_posting": "(no posting)",
        "hours": "{value} h",
        "no_pending": "No forwarded question is waiting.",
        "pending_title": "Forwarded questions without an answer ({count}), oldest first:",
        "status_pending": "waiting to be sent",
        "status_sending": "being sent",
        "status_failed": "delivery failed",
        "status_sent": "sent, no answer yet",
        "age": "{age} old",
        "attempt": "{count} attempt",
        "attempts": "{count} attempts",
        "error": "error: {error}",
        "minutes": "{minutes} min",
        "hours_age": "{hours} h",
        "days_age": "{days} d {hours} h",
        "quote": "“{text}”",
    },
}


def _words(lang: str) -> Mapping[str, str]:
    """The report's words in this language (French when it is not known)."""
    return _WORDS.get(lang) or _WORDS["fr"]


def _breakdown(item: PostingStats, lang: str) -> list[str]:
    """The detailed lines of the all-postings figures."""
    words = _words(lang)
    lines = [words["auto"].format(count=item.answered, share=_share(item.answered, item.questions, lang)),
             words["faq"].format(count=item.from_faq, share=_share(item.from_faq, item.questions, lang)),
             words["forwarded"].format(count=item.forwarded)]
    sub = [words["not_delivered"].format(count=item.pending, failed=item.failed),
           words["awaiting"].format(count=item.awaiting_answer),
           words["by_recruiter"].format(count=item.answered_by_recruiter),
           words["median"].format(hours=_hours(item.median_answer_hours, lang))
           if item.median_answer_hours is not None else words["no_median"]]
    left = words["left"].format(count=item.unanswered, share=_share(item.unanswered, item.questions, lang))
    return [*(f"- {line}" for line in lines), *(f"  - {line}" for line in sub), f"- {left}"]


def _summary(item: PostingStats, lang: str) -> str:
    """The figures of one posting, on one line."""
    words = _words(lang)
    median = "" if item.median_answer_hours is None else \
        words["summary_median"].format(hours=_hours(item.median_answer_hours, lang))
    detail = "" if not item.forwarded else words["summary_detail"].format(
        pending=item.pending, failed=item.failed, awaiting=item.awaiting_answer,
        by_recruiter=item.answered_by_recruiter, median=median)
    return words["summary"].format(questions=_questions(item.questions), answered=item.answered, faq=item.from_faq,
                                   forwarded=item.forwarded, detail=detail, left=item.unanswered)


def _more(count: int, limit: int, lang: str) -> list[str]:
    """The line saying how many items were left out, if any."""
    hidden = count - max(limit, 0)
    return [_words(lang)["more"].format(count=hidden)] if hidden > 0 else []


def _questions(count: int) -> str:
    """"1 question", "2 questions" (the same word in French and English)."""
    return f"{count} question" if count == 1 else f"{count} questions"


def _share(count: int, total: int, lang: str) -> str:
    """" (42 %)": the part of the total, in percent."""
    if not total:
        return ""
    percent = round(100 * count / total)
    return f" ({percent}%)" if lang == "en" else f" ({percent} %)"


def _hours(hours: float, lang: str) -> str:
    """Hours with one decimal, a decimal comma in French: "4,5 h"."""
    value = f"{hours:.1f}"
    return _words(lang)["hours"].format(value=value if lang == "en" else value.replace(".", ","))


def _age(age: timedelta, lang: str) -> str:
    """A duration for people: minutes under an hour, hours under two days, then days and hours."""
    words = _words(lang)
    minutes = max(int(age.total_seconds() // 60), 0)
    if minutes < 60:
        return words["minutes"].format(minutes=minutes)
    hours = minutes // 60
    if hours < 48:
        return words["hours_age"].format(hours=hours)
    return words["days_age"].format(days=hours // 24, hours=hours % 24)


def _date(moment: datetime, lang: str) -> str:
    """A day, written the way readers of the language expect (UTC)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d" if lang == "en" else "%d/%m/%Y")


def _posting_name(slug: str, names: Mapping[str, str], lang: str) -> str:
    """The posting's display name when known, else its slug; a placeholder for no posting."""
    return names.get(slug, slug) if slug else _words(lang)["no_posting"]


def _quoted(text: str, lang: str) -> str:
    """Text between the language's quotation marks."""
    return _words(lang)["quote"].format(text=text)


def _shorten(text: str, width: int) -> str:
    """Text on one line, at most width characters, an ellipsis marking a cut."""
    line = " ".join(text.split())
    return line if len(line) <= width else line[:width - 1].rstrip() + "…"
