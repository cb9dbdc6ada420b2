"""The conversation, independent of any channel: candidates and recruiters, as journeys.

Given who speaks and what they sent (a text, a command or a button), return the replies and their
buttons. The channels (bot/app.py for Telegram, `python -m bot chat` in a terminal) only adapt to this.

    conversation = Conversation(lambda: engine, storage)
    replies = await conversation.handle(Incoming(chat_id="telegram:42", language_code="fr", text="télétravail ?"))

- replies.py: Incoming, Reply, Button, what goes in and out;
- candidate.py: the candidate's journey (browse, choose, ask, forward consent, erasure);
- recruiter.py: the recruiter's journey (answer links, answers relayed once, FAQ, linking an account);
- render.py: how it writes for people (escaping, labels, links, topics, the language of a question);
- tokens.py: answer tokens; this module routes commands, buttons and chat states to the journeys.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from ..buttons import (
    Action,
    AnswerForward,
    AskForward,
    CancelAnswer,
    CancelForward,
    FaqChoice,
    Forget,
    ListPage,
    PickPosting,
    PickPostingFor,
    SendForward,
    decode,
    encode,
    posting_key,
)
from ..engine import Engine
from ..identity import ChatId
from ..inputs import clean_name, clean_text
from ..messages import language_of, t
from ..models import Posting
from ..states import Answering, LinkingCode, LinkingEmail, decode_state
from ..storage import Storage
from .candidate import MAX_QUESTION_CHARS, PAGE_SIZE, CandidateJourney
from .recruiter import LINK_ATTEMPTS, Answered, AnswerStatus, RecruiterJourney, answer_state
from .render import posting_link
from .replies import Button, Incoming, Reply
from .tokens import ANSWER_PREFIX, new_answer_token, token_hash

__all__ = [
    "ANSWER_PREFIX",
    "MAX_QUESTION_CHARS",
    "PAGE_SIZE",
    "AnswerStatus",
    "Answered",
    "Button",
    "CandidateJourney",
    "Conversation",
    "Incoming",
    "RecruiterJourney",
    "Reply",
    "answer_state",
    "new_answer_token",
    "posting_key",
    "posting_link",
    "token_hash",
]

logger = logging.getLogger(__name__)


class Conversation:
    """The bot's side of every chat: routes what a chat sends to the candidate's or the recruiter's journey."""

    def __init__(self, engine: Callable[[], Engine], store: Storage, *, posting_url: str = "",
                 on_forward: Callable[[], None] = lambda: None, answer_token_days: int = 30,
                 faq_threshold: float = 80.0, send_code: Callable[[str, str], Awaitable[None]] | None = None,
                 retention_days: int = 180, questions_per_minute: int = 20) -> None:
        self._engine = engine
        self._store = store
        self._retention_days = retention_days
        self.candidate = CandidateJourney(store, posting_url=posting_url, on_forward=on_forward,
                                          answer_token_days=answer_token_days, faq_threshold=faq_threshold,
                                          questions_per_minute=questions_per_minute)
        self.recruiter = RecruiterJourney(store, send_code=send_code)

    async def close(self) -> None:
        """Let the linking codes being mailed finish for a few seconds, then stop them (asked again if lost)."""
        await self.recruiter.close()

    async def handle(self, incoming: Incoming) -> list[Reply]:
        """Answer one incoming text or button press."""
        engine = self._engine()  # one knowledge base for the whole exchange, even if a reload swaps it
        code_lang = language_of(incoming.language_code) if incoming.language_code else None
        candidate = await self._store.touch_candidate(incoming.chat_id, language=code_lang)
        lang = code_lang or candidate.language or "fr"
        if incoming.callback:
            return await self._on_button(engine, incoming, lang)
        text = clean_text(incoming.text).strip()  # no bidi overrides nor hidden text goes on to anyone
        if text.startswith("/"):
            return await self._on_command(engine, incoming.chat_id, text, lang)
        state = decode_state(await self._store.chat_state(incoming.chat_id), max_attempts=LINK_ATTEMPTS)
        if isinstance(state, Answering) and text:
            return await self.recruiter.relay_answer(engine, incoming.chat_id, state.forward_id, text, lang)
        if isinstance(state, LinkingEmail):
            return await self.recruiter.link_email(engine, incoming.chat_id, text, lang)
        if isinstance(state, LinkingCode):
            return await self.recruiter.link_code(engine, incoming.chat_id, text, state, lang)
        return await self.candidate.on_question(engine, incoming.chat_id, text, lang, candidate.posting)

    def posting_list(self, engine: Engine, lang: str, *, page: int = 0, closed_too: bool = False) -> Reply:
        """A page of postings as buttons (open ones only unless asked), newest first."""
        return self.candidate.posting_list(engine, lang, page=page, closed_too=closed_too)

    def posting_link(self, posting: Posting) -> str:
        """The full posting online."""
        return self.candidate.posting_link(posting)

    # --- commands -------------------------------------------------------------------------------

    async def _on_command(self, engine: Engine, chat_id: ChatId, text: str, lang: str) -> list[Reply]:
        command, _, payload = text[1:].partition(" ")
        command = command.split("@", 1)[0].lower()
        payload = payload.strip()
        if command == "start":
            if payload.startswith(ANSWER_PREFIX):
                return await self.recruiter.open_answer_link(engine, chat_id, payload, lang)
            if payload:
                return await self.candidate.open_link(engine, chat_id, payload, lang)
            return [Reply(t(lang, "welcome")), self.posting_list(engine, lang)]
        if command in {"postes", "jobs", "offres", "postings"}:
            return [self.posting_list(engine, lang)]
        if command in {"aide", "help"}:
            return [Reply(t(lang, "help"))]
        if command in {"recruteur", "recruiter"}:
            return await self.recruiter.start_link(chat_id, lang)
        if command in {"oubli", "forget"}:
            return [Reply(t(lang, "forget_confirm"), ((Button(t(lang, "forget_yes"), encode(Forget(True))),
                                                       Button(t(lang, "cancel"), encode(Forget(False)))),))]
        if command in {"confidentialite", "privacy", "confidentialité"}:
            return [Reply(t(lang, "privacy", days=self._retention_days))]
        return [Reply(t(lang, "unknown_command"))]

    # --- buttons ----------------------------------------------------------------------------------

    async def _on_button(self, engine: Engine, incoming: Incoming, lang: str) -> list[Reply]:
        """Every button checks that what its data names belongs to the chat pressing it: data can be forged."""
        action = decode(incoming.callback)
        replies = await self._on_action(engine, incoming, action, lang) if action is not None else None
        if replies is None:
            logger.info("stale or unknown button pressed")
            return [Reply(t(lang, "expired_button")), self.posting_list(engine, lang)]
        return replies

    async def _on_action(self, engine: Engine, incoming: Incoming, action: Action, lang: str) -> list[Reply] | None:
        """The replies to a pressed button, or None when what it names is unknown (a stale or forged button)."""
        chat_id = incoming.chat_id
        match action:
            case ListPage(page, closed_too):  # a page of the public list
                return [self.posting_list(engine, lang, page=page, closed_too=closed_too)]
            case PickPosting(key):  # a public posting, selected for this chat only
                return await self.candidate.pick_posting(engine, chat_id, key, lang)
            case PickPostingFor(key, question_id):  # the chat's own question, about a posting
                return await self.candidate.pick_posting_for(engine, chat_id, key, question_id, lang)
            case AskForward(question_id):  # the chat's own question: consent() checks
                return await self.candidate.consent(engine, chat_id, question_id, lang, incoming.first_name)
            case SendForward(question_id, signed):  # the chat's own question: forward() checks
                name = clean_name(incoming.first_name) if signed else ""
                return await self.candidate.forward(engine, chat_id, question_id, lang, name or None)
            case CancelForward():  # cancelling changes nothing
                return [Reply(t(lang, "cancelled"))]
            case Forget(confirmed):  # the chat's own data
                return await self.candidate.forget(chat_id, lang) if confirmed else [Reply(t(lang, "cancelled"))]
            case CancelAnswer():  # the chat's own state
                return await self.recruiter.cancel_answer(chat_id, lang)
            case AnswerForward(forward_id):  # a forward to the chat's linked address: answer_button() checks
                return await self.recruiter.answer_button(engine, chat_id, forward_id, lang)
            case FaqChoice(forward_id, add):  # a forward this chat answered: faq_choice() checks
                return await self.recruiter.faq_choice(engine, chat_id, forward_id, lang, add=add)
        return None
