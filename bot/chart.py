"""The statistics as a picture, for admins who would rather look than read.

    png = draw_chart(stats, lang="fr", topics={"remote": "Télétravail"})   # PNG bytes

Two panels: the questions of each week (answered from the posting, from the FAQ, forwarded, answered by a
recruiter, left unanswered), and the topics most asked that the bot could not answer. Drawn with matplotlib, an optional
extra (`pip install -e ".[chart]"`); without it, ChartUnavailable says how to install it. The Agg backend
draws to memory: no display is needed, and nothing global is changed (a Figure, not pyplot).
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from .stats import Stats

INSTALL_HINT = 'pip install -e ".[chart]" (or pip install "matplotlib>=3.8")'
_LABEL_WIDTH = 32  # characters of a topic's name on the chart

_WORDS = {
    "fr": {"weekly": "Questions par semaine", "answered": "répondues par l'annonce", "faq": "répondues par la FAQ",
           "forwarded": "transmises", "recruiter": "répondues par un recruteur",
           "unanswered": "sans réponse, non transmises", "week": "semaine du",
           "topics": "Sujets sans réponse les plus demandés", "none": "aucune question sans réponse",
           "no_topic": "(sujet non reconnu)", "questions": "questions"},
    "en": {"weekly": "Questions per week", "answered": "answered from the posting", "faq": "answered from the FAQ",
           "forwarded": "forwarded", "recruiter": "answered by a recruiter",
           "unanswered": "unanswered, not forwarded", "week": "week of",
           "topics": "Most asked unanswered topics", "none": "no unanswered question",
           "no_topic": "(no topic recognised)", "questions": "questions"},
}


class ChartUnavailable(RuntimeError):
    """The plotting library is not installed; the message says how to install it."""


def draw_chart(stats: Stats, *, lang: str = "fr", topics: Mapping[str, str] | None = None) -> bytes:
    """A PNG of the weekly figures and of the most asked unanswered topics (names from `topics`)."""
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError:
        raise ChartUnavailable(f"charts need matplotlib, which is not installed: {INSTALL_HINT}") from None
    words = _WORDS.get(lang, _WORDS["fr"])
    figure = Figure(figsize=(10, 8), dpi=100, layout="constrained")
    FigureCanvasAgg(figure)
    weekly, unanswered = figure.subplots(2, 1, height_ratios=(3, 2))
    _draw_weeks(weekly, stats, words)
    _draw_topics(unanswered, stats, words, topics or {})
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _draw_weeks(axes: Any, stats: Stats, words: Mapping[str, str]) -> None:
    """Grouped bars: for each week, the outcomes side by side (a recruiter's answers are among the forwards)."""
    weeks = stats.weeks
    series = [
        (words["answered"], [w.answered for _, w in weeks], "#2e7d32"),
        (words["faq"], [w.from_faq for _, w in weeks], "#81c784"),
        (words["forwarded"], [w.forwarded for _, w in weeks], "#f9a825"),
        (words["recruiter"], [w.answered_by_recruiter for _, w in weeks], "#1565c0"),
        (words["unanswered"], [w.unanswered for _, w in weeks], "#9e9e9e"),
    ]
    width = 0.8 / len(series)
    for n, (label, values, colour) in enumerate(series):
        positions = [i + (n - (len(series) - 1) / 2) * width for i in range(len(weeks))]
        axes.bar(positions, values, width, label=label, color=colour)
    axes.set_xticks(range(len(weeks)), [monday.strftime("%d/%m") for monday, _ in weeks])
    axes.set_xlabel(words["week"])
    axes.set_ylabel(words["questions"])
    axes.set_title(words["weekly"])
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.legend(loc="upper left", fontsize="small")


def _draw_topics(axes: Any, stats: Stats, words: Mapping[str, str], topics: Mapping[str, str]) -> None:
    """Horizontal bars: the unanswered topics, the most asked on top."""
    axes.set_title(words["topics"])
    items = list(stats.unanswered_topics)
    if not items:
        axes.text(0.5, 0.5, words["none"], ha="center", va="center", transform=axes.transAxes)
        axes.set_axis_off()
        return
    labels = [_shorten(topics.get(name, name) if name else words["no_topic"]) for name, _ in items]
    axes.barh(range(len(items)), [count for _, count in items], color="#c62828")
    axes.set_yticks(range(len(items)), labels)
    axes.invert_yaxis()
    axes.set_xlabel(words["questions"])
    axes.xaxis.get_major_locator().set_params(integer=True)


def _shorten(text: str) -> str:
    return text if len(text) <= _LABEL_WIDTH else text[:_LABEL_WIDTH - 1] + "…"
