"""Accuracy of the engine on labelled questions, with the definitions of the project's scorer.

A question set is JSON Lines: {"id", "posting" (file stem or null), "question", "answerable",
"expect": [phrases or markers], "gold_posting" (when "posting" is null)}. An answerable question is
correct when answered with one expected phrase in the first 600 characters of the answer (and, with
no posting given, from the right posting); an unanswerable one is correct when the engine abstains.
Markers: "@closed", "@open", "@date:YYYY-MM-DD" (any usual rendering of the date).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

SCORED_CHARS = 600
_CLOSED = re.compile(r"ferme|clos|closed|n'est plus|plus ouvert|plus d'actualite|pourvu|no longer|not open|"
                     r"expired|expire|termine")
_OPEN = re.compile(r"ouvert|\bopen\b|en cours|toujours d'actualite|still")
_MONTHS_FR = ("janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre",
              "novembre", "decembre")
_MONTHS_EN = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december")


def simplify(text: str) -> str:
    """Lower case, no accents, no Markdown emphasis, whitespace folded (the scorer's comparison form)."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("\u2019", "'").replace("`", "'")
    text = re.sub(r"[*_#>]+", " ", text)
    return re.sub(r"\s+", " ", text).strip().lower()


def date_forms(iso: str) -> list[str]:
    """The usual renderings of an ISO date, in French and English."""
    year, month, day = (int(x) for x in iso.split("-"))
    fr, en = _MONTHS_FR[month - 1], _MONTHS_EN[month - 1]
    return [f"{year:04d}-{month:02d}-{day:02d}", f"{day:02d}/{month:02d}/{year:04d}", f"{day}/{month}/{year}",
            f"{day} {fr} {year}", f"{day} {en} {year}", f"{en} {day}, {year}", f"{day:02d}.{month:02d}.{year:04d}"]


def holds(expected: str, answer: str) -> bool:
    """Does a simplified answer hold the expected phrase or marker?"""
    if expected == "@closed":
        return bool(_CLOSED.search(answer))
    if expected == "@open":
        return bool(_OPEN.search(answer)) and not _CLOSED.search(answer)
    if expected.startswith("@date:"):
        return any(form in answer for form in date_forms(expected[6:]))
    return simplify(expected) in answer


@dataclass
class Report:
    """Counts, rates and the questions the engine got wrong or missed."""

    answerable: int = 0
    unanswerable: int = 0
    correct_answers: int = 0
    wrong_answers: int = 0
    abstained_answerable: int = 0
    correct_abstentions: int = 0
    answered_unanswerable: int = 0
    missing: int = 0
    errors: list[tuple[str, Mapping[str, Any], Mapping[str, Any]]] = field(default_factory=list)

    @property
    def total(self) -> int:
        """Questions scored."""
        return self.answerable + self.unanswerable

    @property
    def answer_accuracy(self) -> float:
        """Share of answerable questions answered correctly."""
        return self.correct_answers / max(1, self.answerable)

    @property
    def abstention_accuracy(self) -> float:
        """Share of unanswerable questions on which the engine abstained."""
        return self.correct_abstentions / max(1, self.unanswerable)

    @property
    def overall_accuracy(self) -> float:
        """Share of all questions handled correctly."""
        return (self.correct_answers + self.correct_abstentions) / max(1, self.total)

    @property
    def wrong_answer_rate(self) -> float:
        """Share of all questions given a wrong answer (the worst outcome)."""
        return (self.wrong_answers + self.answered_unanswerable) / max(1, self.total)

    def summary(self) -> str:
        """The figures, one per line."""
        lines = [f"total: {self.total}", f"answerable: {self.answerable}", f"unanswerable: {self.unanswerable}",
                 f"missing: {self.missing}"]
        lines += [f"{name}: {getattr(self, name):.3f}" for name in
                  ("answer_accuracy", "abstention_accuracy", "overall_accuracy", "wrong_answer_rate")]
        return "\n".join(lines)

    def error_lines(self) -> Iterable[str]:
        """One block per error: what was asked, expected and answered."""
        for kind, question, answer in self.errors:
            yield f"[{kind}] {question.get('id')} ({question.get('posting')}): {question.get('question')}"
            yield f"    expect: {question.get('expect')}  section: {question.get('section')}"
            if not answer.get("answered"):  # why the engine abstained, as `answer --jsonl` says it
                yield (f"    got: abstained, reason={answer.get('reason') or 'unknown'!r} "
                       f"posting={answer.get('posting')} score={answer.get('score')}")
                continue
            text = (answer.get("answer") or "").replace("\n", " / ")[:200]
            yield (f"    got: answered={answer.get('answered')} posting={answer.get('posting')} "
                   f"section={answer.get('section')!r} score={answer.get('score')} answer={text!r}")


def score(questions: Iterable[Mapping[str, Any]], answers: Iterable[Mapping[str, Any]]) -> Report:
    """Score answers (batch-mode records) against labelled questions."""
    by_id = {a.get("id"): a for a in answers}
    report = Report()
    for question in questions:
        answer = by_id.get(question["id"])
        if answer is None:
            report.missing += 1
            answer = {"answered": False, "answer": ""}
        answered = bool(answer.get("answered"))
        text = simplify((answer.get("answer") or "")[:SCORED_CHARS])
        gold = question.get("gold_posting")
        right_posting = gold is None or question.get("posting") is not None or answer.get("posting") == gold
        if question["answerable"]:
            report.answerable += 1
            if not answered:
                report.abstained_answerable += 1
                report.errors.append(("abstained", question, answer))
            elif right_posting and any(holds(e, text) for e in question.get("expect") or []):
                report.correct_answers += 1
            else:
                report.wrong_answers += 1
                report.errors.append(("wrong", question, answer))
        else:
            report.unanswerable += 1
            if answered:
                report.answered_unanswerable += 1
                report.errors.append(("answered-unanswerable", question, answer))
            else:
                report.correct_abstentions += 1
    return report


def read_jsonl(lines: Iterable[str], *, source: str) -> list[dict[str, Any]]:
    """Parse JSON Lines; a bad line raises ValueError naming the source and the line."""
    rows = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise ValueError(f"{source}:{number}: not JSON: {exc}") from None
    return rows
