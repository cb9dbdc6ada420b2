"""How the conversation writes for people: escaping, button labels, links to postings, topic names, the
language of a question. Plain functions over the engine's objects."""

from __future__ import annotations

import html

from ..engine import Engine
from ..messages import t
from ..models import Answer, Posting
from .replies import Button

MAX_BUTTON_LABEL = 60


def posting_link(posting: Posting, template: str) -> str:
    """The full posting online: its external URL, else the POSTING_URL template filled in, else ""."""
    if posting.external_url.startswith(("http://", "https://")):
        return posting.external_url
    if template:
        return template.replace("{stem}", posting.stem).replace("{slug}", posting.slug)
    return ""


def question_language(engine: Engine, question: str, lang: str) -> str:
    """The language to speak about a question: English when it was asked in English (as its answer was)."""
    return "en" if engine.matcher.analyse(question).lang == "en" else lang


def topic_name(engine: Engine, answer: Answer, lang: str) -> str:
    """The name of the topic the engine recognised, for people ("" when none)."""
    try:
        return engine.lexicon.intent(answer.intent).label_in(lang) if answer.intent else ""
    except KeyError:
        return ""


def label(posting: Posting) -> str:
    name = posting.display_name
    if len(name) > MAX_BUTTON_LABEL:
        name = name[:MAX_BUTTON_LABEL - 1].rstrip() + "…"
    return name if posting.is_open else f"🔒 {name}"


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def link_row(posting: Posting, lang: str, template: str) -> tuple[tuple[Button, ...], ...]:
    """A row with the button to the full posting online, when there is a page to link to."""
    url = posting_link(posting, template)
    return ((Button(t(lang, "full_posting"), url=url),),) if url else ()
