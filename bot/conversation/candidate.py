"""The candidate's journey: browse the postings, choose one, ask, be answered (from the posting or the FAQ),
and agree to forward what the posting does not say; erase their data."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from ..buttons import AskForward, CancelForward, ListPage, PickPosting, PickPostingFor, SendForward, encode, posting_key
from ..engine import Engine
from ..identity import ChatId
from ..inputs import clean_name
from ..messages import t
from ..models import Abstention, Answer, FaqEntry, Posting
from ..smalltalk import small_talk
from ..storage import QuestionStatus, Storage
from .render import esc, label, link_row, posting_link, question_language, topic_name
from .replies import Button, Reply
from .tokens import new_answer_token

logger = logging.getLogger(__name__)

PAGE_SIZE = 8
MAX_QUESTION_CHARS = 1000  # longer messages are cut before matching
QUESTION_PERIOD = timedelta(minutes=1)  # questions_per_minute counts over this sliding period
MAX_CHOICES = 3  # postings offered as buttons when a question could be about several


class CandidateJourney:
    """What a candidate can do; every method checks that what it is given belongs to the chat asking."""

    def __init__(self, store: Storage, *, posting_url: str = "", on_forward: Callable[[], None] = lambda: None,
                 answer_token_days: int = 30, faq_threshold: float = 80.0, questions_per_minute: int = 20) -> None:
        self._store = store
        self._posting_url = posting_url
        self._on_forward = on_forward
        self._token_days = answer_token_days
        self._faq_threshold = faq_threshold
        self._limit = questions_per_minute
        self._keys: tuple[int, dict[str, Posting]] = (0, {})

    async def pick_posting(self, engine: Engine, chat_id: ChatId, key: str, lang: str) -> list[Reply] | None:
        """A public posting, selected for this chat only; None when the key names none."""
        posting = self.by_key(engine, key)
        if posting is None:
            return None
        await self._store.select_posting(chat_id, posting.slug)
        return [self.selected(posting, lang)]

    async def pick_posting_for(self, engine: Engine, chat_id: ChatId, key: str, question_id: int,
                               lang: str) -> list[Reply] | None:
        """The posting the chat's own question was about, and its answer; None when either is not theirs."""
        posting = self.by_key(engine, key)
        question = await self._store.get_question(question_id)
        if posting is None or question is None or question.chat_id != chat_id:
            return None
        await self._store.select_posting(chat_id, posting.slug)
        answer = await engine.answer_in_thread(question.text, posting.slug)
        return [self.selected(posting, lang), *await self.answer_replies(engine, chat_id, answer, lang)]

    async def forget(self, chat_id: ChatId, lang: str) -> list[Reply]:
        """Erase everything kept about the chat, and say what went."""
        erased = await self._store.erase_candidate(chat_id)
        logger.info("a candidate erased their data")
        return [Reply(t(lang, "forget_done", questions=erased.get("questions", 0),
                        forwards=erased.get("forwards", 0), faq=erased.get("faq", 0)))]

    async def open_link(self, engine: Engine, chat_id: ChatId, ref: str, lang: str) -> list[Reply]:
        posting = engine.find(ref)
        if posting is None:
            return [Reply(t(lang, "unknown_posting", ref=esc(ref[:64]))), self.posting_list(engine, lang)]
        await self._store.select_posting(chat_id, posting.slug)
        return [self.selected(posting, lang)]

    def selected(self, posting: Posting, lang: str) -> Reply:
        text = t(lang, "selected", name=esc(posting.display_name), example=t(lang, "example_question"))
        rows = self._link_row(posting, lang)
        if not posting.is_open:  # closed: say so plainly, and offer the open ones
            text += "\n" + t(lang, "selected_closed")
            rows = (*rows, (Button(t(lang, "other_posting"), encode(ListPage(0))),))
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
        rows: list[tuple[Button, ...]] = [(Button(label(p), encode(PickPosting(posting_key(p.slug)))),)
                                          for p in shown]
        nav = []
        if page > 0:
            nav.append(Button(t(lang, "previous"), encode(ListPage(page - 1, closed_too))))
        if page < pages - 1:
            nav.append(Button(t(lang, "next"), encode(ListPage(page + 1, closed_too))))
        if nav:
            rows.append(tuple(nav))
        if not closed_too and len(postings) < len(engine.postings):
            rows.append((Button(t(lang, "show_closed"), encode(ListPage(0, closed_too=True))),))
        title = t(lang, "list_title_all" if closed_too else "list_title", count=len(postings))
        if pages > 1:
            title += f" {page + 1}/{pages}"
        return Reply(title, tuple(rows))

    def by_key(self, engine: Engine, key: str) -> Posting | None:
        if self._keys[0] != id(engine):
            self._keys = (id(engine), {posting_key(p.slug): p for p in engine.postings})
        return self._keys[1].get(key)

    async def consent(self, engine: Engine, chat_id: ChatId, question_id: int, lang: str,
                       first_name: str) -> list[Reply]:
        """Show what would be sent and to whom, and let the candidate choose how to sign, or cancel."""
        question = await self._store.get_question(question_id)
        if question is None or question.chat_id != chat_id:
            return [Reply(t(lang, "expired_button")), self.posting_list(engine, lang)]
        lang = question_language(engine, question.text, lang)
        if await self._store.forward_for_question(question_id) is not None:
            return [Reply(t(lang, "forward_already"))]
        posting = engine.find(question.posting) if question.posting else None
        contact = engine.contact_for(posting) if posting else None
        to = esc(contact.label) if contact is not None and contact.email else t(lang, "hiring_team")
        text = t(lang, "consent", to=to, posting=esc(posting.display_name if posting else question.posting or ""),
                 question=esc(question.text))
        rows: list[tuple[Button, ...]] = [(Button(t(lang, "send_anonymous"), encode(SendForward(question_id))),)]
        name = clean_name(first_name)  # what a name holds: never a link; the same as _forward sends
        if name:
            rows.append((Button(t(lang, "send_named", name=name), encode(SendForward(question_id, signed=True))),))
        rows.append((Button(t(lang, "cancel"), encode(CancelForward(question_id))),))
        return [Reply(text, tuple(rows))]

    async def forward(self, engine: Engine, chat_id: ChatId, question_id: int, lang: str,
                       name: str | None) -> list[Reply]:
        """The candidate agreed: store the forward (delivery is the outbox's job) and say so."""
        question = await self._store.get_question(question_id)
        if question is None or question.chat_id != chat_id:
            return [Reply(t(lang, "expired_button")), self.posting_list(engine, lang)]
        lang = question_language(engine, question.text, lang)
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

    async def on_question(self, engine: Engine, chat_id: ChatId, text: str, lang: str,
                           selected: str | None) -> list[Reply]:
        if await self._too_many(chat_id):
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
            return notes + await self.answer_replies(engine, chat_id, answer, lang)
        if answer.abstention == Abstention.AMBIGUOUS:
            qid = await self._record(chat_id, text, answer)
            rows = tuple((Button(label(p), encode(PickPostingFor(posting_key(p.slug), qid))),)
                         for p in answer.alternatives[:MAX_CHOICES])
            return [*notes, Reply(t(lang, "which_posting"), rows)]
        if answer.posting is None:
            await self._record(chat_id, text, answer)
            return [*notes, Reply(t(lang, "no_posting")), self.posting_list(engine, lang)]
        await self._store.select_posting(chat_id, answer.posting.slug)
        guess = Reply(t(lang, "guessed", name=esc(answer.posting.display_name)),
                      ((Button(t(lang, "other_posting"), encode(ListPage(0))),),))
        return [*notes, guess, *await self.answer_replies(engine, chat_id, answer, lang)]

    async def _too_many(self, chat_id: ChatId) -> bool:
        """Has the chat asked more than its share of questions in the last minute? Counted by the storage,
        so that the limit holds across the processes sharing a database."""
        if self._limit <= 0:
            return False
        if await self._store.allow_event(f"question:{chat_id}", limit=self._limit, period=QUESTION_PERIOD):
            return False
        logger.info("a chat is over the question rate limit")
        return True

    async def _record(self, chat_id: ChatId, text: str, answer: Answer) -> int:
        return await self._store.record_question(
            chat_id=chat_id, text=text, posting=answer.posting.slug if answer.posting else None,
            section=answer.section, score=answer.score, answered=answer.answered, intent=answer.intent,
            reason=answer.reason)

    async def answer_replies(self, engine: Engine, chat_id: ChatId, answer: Answer, lang: str) -> list[Reply]:
        posting = answer.posting
        assert posting is not None
        name = esc(posting.display_name)
        if answer.answered:
            await self._store.note_answered_question(chat_id=chat_id, text=answer.question, posting=posting.slug,
                                                     section=answer.section, score=answer.score, intent=answer.intent)
            lines = [t(lang, "answer_from", name=name, section=esc(answer.section))]
            for section, passages in itertools.groupby(answer.passages, key=lambda p: p.section):
                if len(lines) > 1:  # lines from another section say which one
                    lines.append(f"<i>{esc(section)}</i>")
                lines.append("<blockquote>{}</blockquote>".format("\n".join(esc(p.text) for p in passages)))
            if not posting.is_open:
                lines.append(t(lang, "answer_closed"))
            return [Reply("\n".join(lines), self._link_row(posting, lang))]
        qid = await self._record(chat_id, answer.question, answer)
        faq = await self._faq_answer(engine, answer, qid, lang)
        if faq is not None:
            return [faq]
        if answer.abstention == Abstention.NOT_MENTIONED and answer.reason_detail:
            said = t(lang, "not_mentioned", name=name, things=esc(answer.reason_detail))
        else:
            intent = topic_name(engine, answer, lang)
            topic = t(lang, "not_said_topic", topic=esc(intent)) if intent else ""
            said = t(lang, "not_said", name=name, topic=topic)
        rows = ((Button(t(lang, "forward_button"), encode(AskForward(qid))),), *self._link_row(posting, lang))
        return [Reply(f"{said}\n{t(lang, 'offer_forward')}", rows)]

    async def _faq_answer(self, engine: Engine, answer: Answer, qid: int, lang: str) -> Reply | None:
        """A recruiter's earlier answer to a close question, or to another wording of the same topic, when the
        posting itself does not say."""
        posting = answer.posting
        assert posting is not None
        entries = [FaqEntry(e.posting, e.question, e.answer, e.intent) for e in await self._store.faq(posting.slug)]
        entries += engine.faq_for(posting.slug)
        found = engine.matcher.match_faq(answer.question, [e.question for e in entries],
                                         intents=[e.intent for e in entries], posting=posting.slug,
                                         threshold=self._faq_threshold)
        if found is None:
            return None
        question, text = entries[found].question, entries[found].answer
        logger.info("question %d answered from the FAQ", qid)
        await self._store.set_question_status(qid, QuestionStatus.ANSWERED_FROM_FAQ)
        rows = ((Button(t(lang, "faq_not_it"), encode(AskForward(qid))),), *self._link_row(posting, lang))
        return Reply(t(lang, "faq_answer", posting=esc(posting.display_name), question=esc(question),
                       answer=esc(text)), rows)

    def _link_row(self, posting: Posting, lang: str) -> tuple[tuple[Button, ...], ...]:
        return link_row(posting, lang, self._posting_url)

    def posting_link(self, posting: Posting) -> str:
        """The full posting online."""
        return posting_link(posting, self._posting_url)
