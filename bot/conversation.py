"""The candidate's conversation, independent of any transport.

Given who speaks and what they sent (a text, a command or a button), return the replies and their
buttons. The Telegram layer (bot/app.py) and the terminal (`python -m bot chat`) only adapt to this.

    conversation = Conversation(lambda: engine, store)
    replies = await conversation.handle(Incoming(chat_id=42, language_code="fr", text="télétravail ?"))
"""

from __future__ import annotations

import asyncio
import collections
import hashlib
import html
import itertools
import logging
import re
import secrets
import time
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from .engine import Engine
from .inputs import clean_name, clean_text, parse_number
from .limits import RateLimit
from .messages import language_of, t
from .models import Answer, Posting
from .smalltalk import small_talk

logger = logging.getLogger(__name__)

PAGE_SIZE = 8
MAX_QUESTION_CHARS = 1000  # longer messages are cut before matching
MAX_BUTTON_LABEL = 60
MAX_PAGE = 10_000  # list pages a button may name
MAX_ENTITY_CHARS = 10  # the longest HTML entity split_message keeps whole (&#x1F600; and shorter)


@dataclass(frozen=True)
class Button:
    """An inline button: callback data, or a URL to open."""

    text: str
    data: str = ""
    url: str = ""


@dataclass(frozen=True)
class Reply:
    """One message to send: HTML text and rows of buttons, to the chat spoken to unless chat_id says; with
    an image (PNG bytes), a photo whose caption is the text."""

    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    chat_id: int | None = None
    image: bytes | None = None


@dataclass(frozen=True)
class Incoming:
    """What a candidate sent: free text (commands included) or the data of a pressed button."""

    chat_id: int
    language_code: str | None = None
    text: str = ""
    callback: str = ""
    first_name: str = ""  # offered to the candidate as a signature; stored only if they choose it


class CandidateState(Protocol):
    """What the conversation reads of a stored candidate."""

    @property
    def posting(self) -> str | None: ...
    @property
    def language(self) -> str: ...


class QuestionState(Protocol):
    """What the conversation reads of a stored question."""

    @property
    def chat_id(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def posting(self) -> str | None: ...


class ForwardState(Protocol):
    """What the conversation reads of a stored forward."""

    @property
    def id(self) -> int: ...
    @property
    def chat_id(self) -> int: ...
    @property
    def posting(self) -> str | None: ...
    @property
    def contact(self) -> str: ...
    @property
    def question(self) -> str: ...
    @property
    def answer(self) -> str | None: ...
    @property
    def answered_at(self) -> datetime | None: ...
    @property
    def token_expires_at(self) -> datetime: ...
    @property
    def question_id(self) -> int: ...


class FaqState(Protocol):
    """What the conversation reads of a FAQ entry."""

    @property
    def question(self) -> str: ...
    @property
    def answer(self) -> str: ...


class StateStore(Protocol):
    """The storage the conversation needs (bot.store.Store provides it)."""

    async def touch_candidate(self, chat_id: int, *, language: str | None = None) -> CandidateState: ...
    async def select_posting(self, chat_id: int, posting: str | None) -> None: ...
    async def record_question(self, *, chat_id: int, text: str, posting: str | None, section: str = "",
                              score: float = 0.0, answered: bool, intent: str = "", reason: str = "") -> int: ...
    async def get_question(self, question_id: int) -> QuestionState | None: ...
    async def set_question_status(self, question_id: int, status: str) -> None: ...
    async def create_forward(self, *, question_id: int, chat_id: int, posting: str | None, contact: str,
                             candidate_name: str | None, token: str, token_hash: str, token_expires_at: datetime,
                             now: datetime | None = None) -> int | None: ...
    async def get_forward(self, forward_id: int) -> ForwardState | None: ...
    async def forward_for_question(self, question_id: int) -> ForwardState | None: ...
    async def forward_by_token(self, token_hash: str) -> ForwardState | None: ...
    async def answer_forward(self, forward_id: int, answer: str, *, now: datetime | None = None,
                             by: int | None = None) -> bool: ...
    async def forward_answered_by(self, forward_id: int) -> int | None: ...
    async def set_chat_state(self, chat_id: int, state: str, data: str = "", *, expires_at: datetime) -> None: ...
    async def chat_state(self, chat_id: int, *, now: datetime | None = None) -> tuple[str, str] | None: ...
    async def clear_chat_state(self, chat_id: int) -> None: ...
    async def recruiter_email(self, chat_id: int) -> str | None: ...
    async def link_recruiter(self, chat_id: int, email: str, *, now: datetime | None = None) -> None: ...
    async def erase_candidate(self, chat_id: int) -> dict[str, int]: ...
    async def note_answered_question(self, *, chat_id: int, text: str, posting: str | None, section: str = "",
                                     score: float = 0.0, intent: str = "", now: datetime | None = None) -> None: ...
    async def add_faq(self, *, posting: str, question: str, answer: str, forward_id: int | None = None,
                      now: datetime | None = None) -> int | None: ...
    async def faq(self, posting: str | None = None) -> Sequence[FaqState]: ...


ANSWER_PREFIX = "ans_"
ANSWER_STATE_TTL = timedelta(hours=2)
LINK_TTL = timedelta(minutes=15)
LINK_ATTEMPTS = 3  # guesses per code
LINK_WINDOW = timedelta(hours=24)
LINK_CODES_PER_CHAT = 3  # codes a chat may ask for per LINK_WINDOW, whatever the addresses
LINK_CODES_PER_ADDRESS = 3  # codes an address may be sent per LINK_WINDOW, whoever asks
# So an address gets at most 9 guesses a day at its 6-digit code, and a chat at most 9 guesses a day.
NO_CODE = "-"  # the code hash kept for an address that is no contact: it matches no code, so it never links
MAX_CODE_MAILS_IN_FLIGHT = 32
_EMAIL = re.compile(r"[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}")


def new_answer_token() -> tuple[str, str]:
    """An unguessable answer token for a deep link (36 characters of [A-Za-z0-9_-]) and its hash."""
    token = ANSWER_PREFIX + secrets.token_urlsafe(24)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    """What the database keeps to recognise a token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def answer_link(bot_username: str, token: str) -> str:
    """The link a recruiter opens to answer: the bot, started with the token."""
    return f"https://t.me/{bot_username or 'YOUR_BOT'}?start={token}"


def posting_key(slug: str) -> str:
    """A short, stable key for a posting in button data (Telegram allows 64 bytes)."""
    return hashlib.sha1(slug.encode("utf-8")).hexdigest()[:10]


class Conversation:
    """The candidate's side of the bot: browse postings, choose one, ask questions."""

    def __init__(self, engine: Callable[[], Engine], store: StateStore, *, posting_url: str = "",
                 on_forward: Callable[[], None] = lambda: None, answer_token_days: int = 30,
                 faq_threshold: float = 80.0, send_code: Callable[[str, str], Awaitable[None]] | None = None,
                 retention_days: int = 180, questions_per_minute: int = 20) -> None:
        self._engine = engine
        self._store = store
        self._posting_url = posting_url
        self._on_forward = on_forward
        self._token_days = answer_token_days
        self._faq_threshold = faq_threshold
        self._send_code = send_code
        self._retention_days = retention_days
        self._limit = questions_per_minute
        self._recent_questions: dict[int, collections.deque[float]] = {}
        self._keys: tuple[int, dict[str, Posting]] = (0, {})
        self._contact_cache: tuple[int, frozenset[str]] = (0, frozenset())
        self._codes_per_chat = RateLimit(LINK_CODES_PER_CHAT, LINK_WINDOW)
        self._codes_per_address = RateLimit(LINK_CODES_PER_ADDRESS, LINK_WINDOW)
        self._code_mails: set[asyncio.Task[None]] = set()

    async def close(self) -> None:
        """Let the linking codes being mailed finish for a few seconds, then stop them (asked again if lost)."""
        pending = set(self._code_mails)
        if pending:
            _, late = await asyncio.wait(pending, timeout=5)
            for task in late:
                task.cancel()
            await asyncio.gather(*late, return_exceptions=True)

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
        state = await self._store.chat_state(incoming.chat_id)
        answering = parse_number(state[1], lower=1) if state is not None and state[0] == "answer" else None
        if answering is not None and text:
            return await self._relay_answer(engine, incoming.chat_id, answering, text, lang)
        if state is not None and state[0] == "link-email":
            return await self._link_email(engine, incoming.chat_id, text, lang)
        if state is not None and state[0] == "link-code":
            return await self._link_code(engine, incoming.chat_id, text, state[1], lang)
        return await self._on_question(engine, incoming.chat_id, text, lang, candidate.posting)

    # --- commands -------------------------------------------------------------------------------

    async def _on_command(self, engine: Engine, chat_id: int, text: str, lang: str) -> list[Reply]:
        command, _, payload = text[1:].partition(" ")
        command = command.split("@", 1)[0].lower()
        payload = payload.strip()
        if command == "start":
            if payload.startswith(ANSWER_PREFIX):
                return await self._open_answer_link(engine, chat_id, payload, lang)
            if payload:
                return await self._open_link(engine, chat_id, payload, lang)
            return [Reply(t(lang, "welcome")), self.posting_list(engine, lang)]
        if command in {"postes", "jobs", "offres", "postings"}:
            return [self.posting_list(engine, lang)]
        if command in {"aide", "help"}:
            return [Reply(t(lang, "help"))]
        if command in {"recruteur", "recruiter"}:
            return await self._start_link(chat_id, lang)
        if command in {"oubli", "forget"}:
            return [Reply(t(lang, "forget_confirm"), ((Button(t(lang, "forget_yes"), "forget:yes"),
                                                       Button(t(lang, "cancel"), "forget:no")),))]
        if command in {"confidentialite", "privacy", "confidentialité"}:
            return [Reply(t(lang, "privacy", days=self._retention_days))]
        return [Reply(t(lang, "unknown_command"))]

    async def _open_link(self, engine: Engine, chat_id: int, ref: str, lang: str) -> list[Reply]:
        posting = engine.find(ref)
        if posting is None:
            return [Reply(t(lang, "unknown_posting", ref=_esc(ref[:64]))), self.posting_list(engine, lang)]
        await self._store.select_posting(chat_id, posting.slug)
        return [self._selected(posting, lang)]

    def _selected(self, posting: Posting, lang: str) -> Reply:
        text = t(lang, "selected", name=_esc(posting.display_name), example=t(lang, "example_question"))
        rows = self._link_row(posting, lang)
        if not posting.is_open:  # closed: say so plainly, and offer the open ones
            text += "\n" + t(lang, "selected_closed")
            rows = (*rows, (Button(t(lang, "other_posting"), "l:o:0"),))
        return Reply(text, rows)

    def posting_list(self, engine: Engine, lang: str, *, page: int = 0, closed_too: bool = False) -> Reply:
        """A page of postings as buttons (open ones only unless asked), newest first."""
        postings = sorted(engine.postings, key=lambda p: p.stem, reverse=True)
        if not closed_too:
            postings = [p for p in postings if p.is_open]
        if not postings:
            if closed_too or not engine.postings:
                return Reply(t(lang, "list_empty"))
            closed = self.posting_list(engine, lang, page=page, closed_too=True)
            return Reply(t(lang, "list_empty") + "\n" + closed.text, closed.buttons)
        pages = max(1, -(-len(postings) // PAGE_SIZE))
        page = min(max(page, 0), pages - 1)
        shown = postings[page * PAGE_SIZE:(page + 1) * PAGE_SIZE]
        rows: list[tuple[Button, ...]] = [(Button(_label(p), f"p:{posting_key(p.slug)}"),) for p in shown]
        mode = "a" if closed_too else "o"
        nav = []
        if page > 0:
            nav.append(Button(t(lang, "previous"), f"l:{mode}:{page - 1}"))
        if page < pages - 1:
            nav.append(Button(t(lang, "next"), f"l:{mode}:{page + 1}"))
        if nav:
            rows.append(tuple(nav))
        if not closed_too and len(postings) < len(engine.postings):
            rows.append((Button(t(lang, "show_closed"), "l:a:0"),))
        title = t(lang, "list_title_all" if closed_too else "list_title", count=len(postings))
        if pages > 1:
            title += f" {page + 1}/{pages}"
        return Reply(title, tuple(rows))

    # --- buttons ----------------------------------------------------------------------------------

    async def _on_button(self, engine: Engine, incoming: Incoming, lang: str) -> list[Reply]:
        """Every button checks that what its data names belongs to the chat pressing it: data can be forged."""
        kind, _, rest = incoming.callback.partition(":")
        chat_id = incoming.chat_id
        row_id = parse_number(rest, lower=1)  # the question or forward most buttons name
        if kind == "l":  # a page of the public list
            mode, _, page = rest.partition(":")
            number = parse_number(page, upper=MAX_PAGE)
            if mode in {"o", "a"} and number is not None:
                return [self.posting_list(engine, lang, page=number, closed_too=mode == "a")]
        elif kind == "p":  # a public posting, selected for this chat only
            posting = self._by_key(engine, rest)
            if posting is not None:
                await self._store.select_posting(chat_id, posting.slug)
                return [self._selected(posting, lang)]
        elif kind == "q":  # the chat's own question, about a posting
            key, _, qid = rest.partition(":")
            posting = self._by_key(engine, key)
            question_id = parse_number(qid, lower=1)
            question = await self._store.get_question(question_id) if question_id is not None else None
            if posting is not None and question is not None and question.chat_id == chat_id:
                await self._store.select_posting(chat_id, posting.slug)
                answer = await engine.answer_in_thread(question.text, posting.slug)
                return [self._selected(posting, lang), *await self._answer_replies(engine, chat_id, answer, lang)]
        elif kind == "f" and row_id is not None:  # the chat's own question: _consent checks
            return await self._consent(engine, chat_id, row_id, lang, incoming.first_name)
        elif kind in {"fa", "fn"} and row_id is not None:  # the chat's own question: _forward checks
            name = clean_name(incoming.first_name) if kind == "fn" else ""
            return await self._forward(engine, chat_id, row_id, lang, name or None)
        elif kind == "fx":  # names nothing: cancelling changes nothing
            return [Reply(t(lang, "cancelled"))]
        elif kind == "forget":  # the chat's own data
            if rest != "yes":
                return [Reply(t(lang, "cancelled"))]
            erased = await self._store.erase_candidate(chat_id)
            self._recent_questions.pop(chat_id, None)
            logger.info("a candidate erased their data")
            return [Reply(t(lang, "forget_done", questions=erased.get("questions", 0),
                            forwards=erased.get("forwards", 0), faq=erased.get("faq", 0)))]
        elif kind == "x" and rest == "answer":  # the chat's own state
            await self._store.clear_chat_state(chat_id)
            return [Reply(t(lang, "cancelled"))]
        elif kind == "ans" and row_id is not None:  # a forward to the chat's linked address: _answer_button checks
            return await self._answer_button(engine, chat_id, row_id, lang)
        elif kind in {"faq", "nofaq"} and row_id is not None:  # a forward this chat answered: _faq_choice checks
            return await self._faq_choice(chat_id, row_id, lang, add=kind == "faq")
        logger.info("stale or unknown button pressed")
        return [Reply(t(lang, "expired_button")), self.posting_list(engine, lang)]

    async def _consent(self, engine: Engine, chat_id: int, question_id: int, lang: str,
                       first_name: str) -> list[Reply]:
        """Show what would be sent and to whom, and let the candidate choose how to sign, or cancel."""
        question = await self._store.get_question(question_id)
        if question is None or question.chat_id != chat_id:
            return [Reply(t(lang, "expired_button")), self.posting_list(engine, lang)]
        lang = _question_language(engine, question.text, lang)
        if await self._store.forward_for_question(question_id) is not None:
            return [Reply(t(lang, "forward_already"))]
        posting = engine.find(question.posting) if question.posting else None
        contact = engine.contact_for(posting) if posting else None
        to = _esc(contact.label) if contact is not None and contact.email else t(lang, "hiring_team")
        text = t(lang, "consent", to=to, posting=_esc(posting.display_name if posting else question.posting or ""),
                 question=_esc(question.text))
        rows: list[tuple[Button, ...]] = [(Button(t(lang, "send_anonymous"), f"fa:{question_id}"),)]
        name = clean_name(first_name)  # what a name holds: never a link; the same as _forward sends
        if name:
            rows.append((Button(t(lang, "send_named", name=name), f"fn:{question_id}"),))
        rows.append((Button(t(lang, "cancel"), f"fx:{question_id}"),))
        return [Reply(text, tuple(rows))]

    async def _forward(self, engine: Engine, chat_id: int, question_id: int, lang: str,
                       name: str | None) -> list[Reply]:
        """The candidate agreed: store the forward (delivery is the outbox's job) and say so."""
        question = await self._store.get_question(question_id)
        if question is None or question.chat_id != chat_id:
            return [Reply(t(lang, "expired_button")), self.posting_list(engine, lang)]
        lang = _question_language(engine, question.text, lang)
        posting = engine.find(question.posting) if question.posting else None
        contact = engine.contact_for(posting) if posting else None
        token, hashed = new_answer_token()
        forward_id = await self._store.create_forward(
            question_id=question_id, chat_id=chat_id, posting=posting.slug if posting else question.posting,
            contact=contact.email if contact else "", candidate_name=name, token=token, token_hash=hashed,
            token_expires_at=datetime.now(UTC) + timedelta(days=self._token_days))
        if forward_id is None:
            return [Reply(t(lang, "forward_already"))]
        logger.info("forward %d created", forward_id)
        self._on_forward()
        return [Reply(t(lang, "forward_queued"))]

    # --- recruiters answering --------------------------------------------------------------------

    async def _open_answer_link(self, engine: Engine, chat_id: int, token: str, lang: str) -> list[Reply]:
        forward = await self._store.forward_by_token(token_hash(token))
        if forward is None:
            logger.info("an unknown answer link was opened")
            return [Reply(t(lang, "token_unknown"))]
        return await self._start_answer(engine, chat_id, forward, lang)

    async def _answer_button(self, engine: Engine, chat_id: int, forward_id: int, lang: str) -> list[Reply]:
        forward = await self._store.get_forward(forward_id)
        email = await self._store.recruiter_email(chat_id)
        if forward is None or email is None or email != forward.contact.lower():
            return [Reply(t(lang, "not_your_question"))]
        return await self._start_answer(engine, chat_id, forward, lang)

    async def _start_answer(self, engine: Engine, chat_id: int, forward: ForwardState, lang: str) -> list[Reply]:
        if forward.answer is not None:
            when = forward.answered_at.strftime("%d/%m/%Y") if forward.answered_at else "?"
            return [Reply(t(lang, "token_used", date=when))]
        if forward.token_expires_at < datetime.now(UTC):
            return [Reply(t(lang, "token_expired"))]
        await self._store.set_chat_state(chat_id, "answer", str(forward.id),
                                         expires_at=datetime.now(UTC) + ANSWER_STATE_TTL)
        posting = engine.find(forward.posting) if forward.posting else None
        name = posting.display_name if posting else forward.posting or ""
        return [Reply(t(lang, "answer_prompt", posting=_esc(name), question=_esc(forward.question)),
                      ((Button(t(lang, "cancel"), "x:answer"),),))]

    async def _relay_answer(self, engine: Engine, chat_id: int, forward_id: int, text: str,
                            lang: str) -> list[Reply]:
        """The recruiter's message is the answer: relay it to the candidate, once."""
        await self._store.clear_chat_state(chat_id)
        forward = await self._store.get_forward(forward_id)
        if forward is None:
            return [Reply(t(lang, "token_unknown"))]
        if not await self._store.answer_forward(forward_id, text, by=chat_id):
            when = forward.answered_at.strftime("%d/%m/%Y") if forward.answered_at else "?"
            return [Reply(t(lang, "token_used", date=when))]
        logger.info("forward %d answered by its recruiter", forward_id)
        posting = engine.find(forward.posting) if forward.posting else None
        name = _esc(posting.display_name if posting else forward.posting or "")
        candidate = await self._store.touch_candidate(forward.chat_id)
        relayed = Reply(t(candidate.language, "relayed_answer", posting=name, answer=_esc(text)),
                        chat_id=forward.chat_id)
        rows = ((Button(t(lang, "faq_add"), f"faq:{forward_id}"), Button(t(lang, "faq_no"), f"nofaq:{forward_id}")),)
        return [relayed, Reply(t(lang, "answer_relayed"), rows)]

    async def _faq_choice(self, chat_id: int, forward_id: int, lang: str, *, add: bool) -> list[Reply]:
        """Only the chat that answered a forward may publish it: the question is a candidate's own words."""
        if await self._store.forward_answered_by(forward_id) != chat_id:
            logger.info("a FAQ button was pressed by a chat that did not answer that forward")
            return [Reply(t(lang, "not_your_question"))]
        forward = await self._store.get_forward(forward_id)
        if forward is None or forward.answer is None or not forward.posting:
            return [Reply(t(lang, "token_unknown"))]
        if not add:
            return [Reply(t(lang, "faq_not_added"))]
        await self._store.add_faq(posting=forward.posting, question=forward.question, answer=forward.answer,
                                  forward_id=forward_id)
        logger.info("forward %d added to the FAQ of a posting", forward_id)
        return [Reply(t(lang, "faq_added"))]

    # --- recruiters linking their Telegram account ------------------------------------------------------

    async def _start_link(self, chat_id: int, lang: str) -> list[Reply]:
        email = await self._store.recruiter_email(chat_id)
        if email is not None:
            return [Reply(t(lang, "link_already", email=_esc(email)))]
        if self._codes_per_chat.exhausted(chat_id):
            logger.info("a chat is over the linking code limit")
            return [Reply(t(lang, "link_too_many"))]
        await self._store.set_chat_state(chat_id, "link-email", expires_at=datetime.now(UTC) + LINK_TTL)
        return [Reply(t(lang, "link_ask_email"))]

    async def _link_email(self, engine: Engine, chat_id: int, text: str, lang: str) -> list[Reply]:
        """Mail a code to the address if it is a contact, in the background; the same reply either way."""
        email = text.strip().lower().removeprefix("mailto:")
        if not _EMAIL.fullmatch(email):
            await self._store.clear_chat_state(chat_id)
            return [Reply(t(lang, "link_not_email"))]
        if self._send_code is None:
            await self._store.clear_chat_state(chat_id)
            return [Reply(t(lang, "link_no_mail"))]
        if self._codes_per_address.exhausted(email) or not self._codes_per_chat.allow(chat_id):
            await self._store.clear_chat_state(chat_id)
            logger.info("a linking code was refused: over the limit of the chat or of the address")
            return [Reply(t(lang, "link_too_many"))]
        self._codes_per_address.allow(email)  # counted for any address: the limit does not tell contacts apart
        code = f"{secrets.randbelow(1_000_000):06d}"
        contact = email in self._contacts(engine)
        await self._store.set_chat_state(chat_id, "link-code",
                                         f"{email}|{token_hash(code) if contact else NO_CODE}|{LINK_ATTEMPTS}",
                                         expires_at=datetime.now(UTC) + LINK_TTL)
        if contact:
            self._mail_in_background(self._mail_code(email, code))
        return [Reply(t(lang, "link_code_sent"))]

    async def _link_code(self, engine: Engine, chat_id: int, text: str, data: str, lang: str) -> list[Reply]:
        email, hashed, attempts = [*data.split("|"), "", "", ""][:3]
        right = hashed != NO_CODE and secrets.compare_digest(token_hash(text.strip()), hashed)
        if right and email in self._contacts(engine):  # still a contact now: a reload may have removed it
            await self._store.clear_chat_state(chat_id)
            await self._store.link_recruiter(chat_id, email)
            logger.info("a recruiter linked their Telegram account")
            return [Reply(t(lang, "link_done", email=_esc(email)))]
        left = (parse_number(attempts, upper=LINK_ATTEMPTS) or 0) - 1
        if left <= 0:
            await self._store.clear_chat_state(chat_id)
            return [Reply(t(lang, "link_failed"))]
        await self._store.set_chat_state(chat_id, "link-code", f"{email}|{hashed}|{left}",
                                         expires_at=datetime.now(UTC) + LINK_TTL)
        return [Reply(t(lang, "link_bad_code", left=left))]

    async def _mail_code(self, email: str, code: str) -> None:
        assert self._send_code is not None
        try:
            await self._send_code(email, code)
        except Exception:  # the recruiter gets no code and asks again: nothing else to do
            logger.warning("the linking code could not be mailed", exc_info=True)

    def _mail_in_background(self, job: Coroutine[Any, Any, None]) -> None:
        """Run a mail without making the update wait for the SMTP server (which may hang)."""
        if len(self._code_mails) >= MAX_CODE_MAILS_IN_FLIGHT:
            job.close()
            logger.warning("%d linking codes are already being mailed: one more is dropped", len(self._code_mails))
            return
        task = asyncio.create_task(job)
        self._code_mails.add(task)
        task.add_done_callback(self._code_mails.discard)

    def _contacts(self, engine: Engine) -> frozenset[str]:
        if self._contact_cache[0] != id(engine):
            emails = frozenset(engine.contact_for(p).email for p in engine.postings) - {""}
            self._contact_cache = (id(engine), emails)
        return self._contact_cache[1]

    def _by_key(self, engine: Engine, key: str) -> Posting | None:
        if self._keys[0] != id(engine):
            self._keys = (id(engine), {posting_key(p.slug): p for p in engine.postings})
        return self._keys[1].get(key)

    # --- questions --------------------------------------------------------------------------------

    async def _on_question(self, engine: Engine, chat_id: int, text: str, lang: str,
                           selected: str | None) -> list[Reply]:
        if self._too_many(chat_id):
            return [Reply(t(lang, "slow_down"))]
        if (talk := small_talk(text)) is not None:  # not a question: never recorded, never forwarded
            chosen = engine.find(selected) if selected else None
            return [Reply(talk.reply(lang, chosen.display_name if chosen else None))]
        notes: list[Reply] = []
        if len(text) > MAX_QUESTION_CHARS:
            text = text[:MAX_QUESTION_CHARS]
            notes.append(Reply(t(lang, "too_long")))
        if not text:
            return [Reply(t(lang, "not_text"))]
        posting = engine.find(selected) if selected else None
        answer = await engine.answer_in_thread(text, posting.slug if posting else None)
        lang = "en" if answer.lang == "en" else lang
        if posting is not None:
            return notes + await self._answer_replies(engine, chat_id, answer, lang)
        if answer.reason == "ambiguous":
            qid = await self._record(chat_id, text, answer)
            rows = tuple((Button(_label(p), f"q:{posting_key(p.slug)}:{qid}"),) for p in answer.alternatives[:6])
            return [*notes, Reply(t(lang, "which_posting"), rows)]
        if answer.posting is None:
            await self._record(chat_id, text, answer)
            return [*notes, Reply(t(lang, "no_posting")), self.posting_list(engine, lang)]
        await self._store.select_posting(chat_id, answer.posting.slug)
        guess = Reply(t(lang, "guessed", name=_esc(answer.posting.display_name)),
                      ((Button(t(lang, "other_posting"), "l:o:0"),),))
        return [*notes, guess, *await self._answer_replies(engine, chat_id, answer, lang)]

    def _too_many(self, chat_id: int) -> bool:
        """Has the chat asked more than its share of questions in the last minute?"""
        if self._limit <= 0:
            return False
        now = time.monotonic()
        recent = self._recent_questions.setdefault(chat_id, collections.deque())
        while recent and now - recent[0] > 60:
            recent.popleft()
        if len(recent) >= self._limit:
            logger.info("a chat is over the question rate limit")
            return True
        recent.append(now)
        if len(self._recent_questions) > 50_000:  # forget the quiet ones, bounded memory
            for quiet in [c for c, q in self._recent_questions.items() if not q or now - q[-1] > 60]:
                del self._recent_questions[quiet]
        return False

    async def _record(self, chat_id: int, text: str, answer: Answer) -> int:
        return await self._store.record_question(
            chat_id=chat_id, text=text, posting=answer.posting.slug if answer.posting else None,
            section=answer.section, score=answer.score, answered=answer.answered, intent=answer.intent,
            reason=answer.reason)

    async def _answer_replies(self, engine: Engine, chat_id: int, answer: Answer, lang: str) -> list[Reply]:
        posting = answer.posting
        assert posting is not None
        name = _esc(posting.display_name)
        if answer.answered:
            await self._store.note_answered_question(chat_id=chat_id, text=answer.question, posting=posting.slug,
                                                     section=answer.section, score=answer.score, intent=answer.intent)
            lines = [t(lang, "answer_from", name=name, section=_esc(answer.section))]
            for section, passages in itertools.groupby(answer.passages, key=lambda p: p.section):
                if len(lines) > 1:  # lines from another section say which one
                    lines.append(f"<i>{_esc(section)}</i>")
                lines.append("<blockquote>{}</blockquote>".format("\n".join(_esc(p.text) for p in passages)))
            if not posting.is_open:
                lines.append(t(lang, "answer_closed"))
            return [Reply("\n".join(lines), self._link_row(posting, lang))]
        qid = await self._record(chat_id, answer.question, answer)
        faq = await self._faq_answer(engine, answer, qid, lang)
        if faq is not None:
            return [faq]
        reason, _, detail = answer.reason.partition(": ")
        if reason == "not-mentioned" and detail:
            said = t(lang, "not_mentioned", name=name, things=_esc(detail))
        else:
            intent = _topic(engine, answer, lang)
            topic = t(lang, "not_said_topic", topic=_esc(intent)) if intent else ""
            said = t(lang, "not_said", name=name, topic=topic)
        rows = ((Button(t(lang, "forward_button"), f"f:{qid}"),), *self._link_row(posting, lang))
        return [Reply(f"{said}\n{t(lang, 'offer_forward')}", rows)]

    async def _faq_answer(self, engine: Engine, answer: Answer, qid: int, lang: str) -> Reply | None:
        """A recruiter's earlier answer to a close question, when the posting itself does not say."""
        posting = answer.posting
        assert posting is not None
        entries = [(e.question, e.answer) for e in await self._store.faq(posting.slug)]
        entries += [(e.question, e.answer) for e in engine.faq_for(posting.slug)]
        found = engine.matcher.match_faq(answer.question, [q for q, _ in entries], threshold=self._faq_threshold)
        if found is None:
            return None
        question, text = entries[found]
        logger.info("question %d answered from the FAQ", qid)
        await self._store.set_question_status(qid, "answered-from-faq")
        rows = ((Button(t(lang, "faq_not_it"), f"f:{qid}"),), *self._link_row(posting, lang))
        return Reply(t(lang, "faq_answer", posting=_esc(posting.display_name), question=_esc(question),
                       answer=_esc(text)), rows)

    def _link_row(self, posting: Posting, lang: str) -> tuple[tuple[Button, ...], ...]:
        url = self.posting_link(posting)
        return ((Button(t(lang, "full_posting"), url=url),),) if url else ()

    def posting_link(self, posting: Posting) -> str:
        """The full posting online."""
        return posting_link(posting, self._posting_url)


def posting_link(posting: Posting, template: str) -> str:
    """The full posting online: its external URL, else the POSTING_URL template filled in, else ""."""
    if posting.external_url.startswith(("http://", "https://")):
        return posting.external_url
    if template:
        return template.replace("{stem}", posting.stem).replace("{slug}", posting.slug)
    return ""


def _question_language(engine: Engine, question: str, lang: str) -> str:
    """The language to speak about a question: English when it was asked in English (as its answer was)."""
    return "en" if engine.matcher.analyse(question).lang == "en" else lang


def _topic(engine: Engine, answer: Answer, lang: str) -> str:
    """The name of the topic the engine recognised, for people ("" when none)."""
    try:
        return engine.lexicon.intent(answer.intent).label_in(lang) if answer.intent else ""
    except KeyError:
        return ""


def _label(posting: Posting) -> str:
    name = posting.display_name
    if len(name) > MAX_BUTTON_LABEL:
        name = name[:MAX_BUTTON_LABEL - 1].rstrip() + "…"
    return name if posting.is_open else f"🔒 {name}"


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def split_message(text: str, limit: int = 4096) -> Sequence[str]:
    """Cut a message into parts Telegram accepts (4,096 characters), at line ends, else at spaces, never
    inside an HTML entity (&amp;) or tag, and with the tags a cut leaves open closed in each part."""
    if len(text) <= limit:
        return [text]
    room = limit - 40  # tags closed by _balance must still fit
    parts: list[str] = []
    current = ""
    for line in text.split("\n"):
        pieces = [line]
        while len(pieces[-1]) > room:  # a line longer than a message: cut it at a space
            long = pieces.pop()
            cut = long.rfind(" ", 0, room)
            cut = _safe_cut(long, cut if cut > room // 2 else room)
            pieces += [long[:cut], long[cut:].lstrip()]
        for piece in pieces:
            joined = f"{current}\n{piece}" if current else piece
            if len(joined) > room and current:
                parts.append(current)
                current = piece
            else:
                current = joined
    if current:
        parts.append(current)
    return [_balance(part) for part in parts]


def _safe_cut(text: str, cut: int) -> int:
    """Move a cut back to the start of an entity (&amp;) or a tag (<b>) it would fall inside."""
    for opener, closer, longest in (("&", ";", MAX_ENTITY_CHARS), ("<", ">", cut)):
        start = text.rfind(opener, max(cut - longest, 0), cut)
        if start > 0 and text.find(closer, start, cut) == -1:
            cut = start
    return cut


def _balance(part: str) -> str:
    """Close a <blockquote> or <b> left open by a cut, and reopen nothing: each part stands alone."""
    for tag in ("blockquote", "pre", "code", "b", "i"):
        opened = part.count(f"<{tag}>") - part.count(f"</{tag}>")
        if opened > 0:
            part += f"</{tag}>" * opened
        elif opened < 0:
            part = f"<{tag}>" * -opened + part
    return part
