"""Button data: what a pressed button asks for, as one typed action, and its short text form.

Telegram gives a button at most 64 bytes of data, and gives it back as it was sent, or forged: every
action here is decoded with bounds, and what it names (a question, a forward) must still be checked
against the chat that pressed it. This module is the only one that knows the text form.

    data = encode(AskForward(question_id=12))      # "f:12"
    decode(data)                                    # AskForward(question_id=12)
    decode("nonsense")                              # None: an expired or forged button
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from .inputs import parse_number

MAX_PAGE = 10_000  # list pages a button may name
MAX_DATA_BYTES = 64  # Telegram's limit on a button's data


@dataclass(frozen=True)
class ListPage:
    """A page of the public list of postings: the open ones, or all of them."""

    page: int
    closed_too: bool = False


@dataclass(frozen=True)
class PickPosting:
    """A posting of the public list (by its key, see posting_key)."""

    key: str


@dataclass(frozen=True)
class PickPostingFor:
    """The posting a question of the chat was about, when several were close."""

    key: str
    question_id: int


@dataclass(frozen=True)
class AskForward:
    """Offer to forward a question of the chat to the recruiters."""

    question_id: int


@dataclass(frozen=True)
class SendForward:
    """Forward a question of the chat, anonymously or signed with the first name."""

    question_id: int
    signed: bool = False


@dataclass(frozen=True)
class CancelForward:
    """Do not forward the question (cancelling changes nothing, whatever it names)."""

    question_id: int = 0


@dataclass(frozen=True)
class Forget:
    """Erase the chat's data (confirmed), or not."""

    confirmed: bool


@dataclass(frozen=True)
class CancelAnswer:
    """A recruiter gives up answering."""


@dataclass(frozen=True)
class AnswerForward:
    """A linked recruiter answers a forward sent to them."""

    forward_id: int


@dataclass(frozen=True)
class FaqChoice:
    """The recruiter who answered a forward keeps the answer for the posting's FAQ, or not."""

    forward_id: int
    add: bool


Action = (ListPage | PickPosting | PickPostingFor | AskForward | SendForward | CancelForward | Forget | CancelAnswer
          | AnswerForward | FaqChoice)


def posting_key(slug: str) -> str:
    """A short, stable key for a posting in button data."""
    return hashlib.sha1(slug.encode("utf-8")).hexdigest()[:10]


def encode(action: Action) -> str:
    """The button data of an action (at most MAX_DATA_BYTES bytes)."""
    match action:
        case ListPage(page, closed_too):
            data = f"l:{'a' if closed_too else 'o'}:{page}"
        case PickPosting(key):
            data = f"p:{key}"
        case PickPostingFor(key, question_id):
            data = f"q:{key}:{question_id}"
        case AskForward(question_id):
            data = f"f:{question_id}"
        case SendForward(question_id, signed):
            data = f"{'fn' if signed else 'fa'}:{question_id}"
        case CancelForward(question_id):
            data = f"fx:{question_id}"
        case Forget(confirmed):
            data = f"forget:{'yes' if confirmed else 'no'}"
        case CancelAnswer():
            data = "x:answer"
        case AnswerForward(forward_id):
            data = f"ans:{forward_id}"
        case FaqChoice(forward_id, add):
            data = f"{'faq' if add else 'nofaq'}:{forward_id}"
    if len(data.encode("utf-8")) > MAX_DATA_BYTES:
        raise ValueError(f"button data over {MAX_DATA_BYTES} bytes: {data!r}")
    return data


def decode(data: str) -> Action | None:
    """The action of some button data, or None when it is unknown, malformed or out of bounds."""
    kind, _, rest = data.partition(":")
    row_id = parse_number(rest, lower=1)  # the question or forward most buttons name
    if kind == "l":
        mode, _, page = rest.partition(":")
        number = parse_number(page, upper=MAX_PAGE)
        return ListPage(number, mode == "a") if mode in {"o", "a"} and number is not None else None
    if kind == "p":
        return PickPosting(rest)
    if kind == "q":
        key, _, qid = rest.partition(":")
        question_id = parse_number(qid, lower=1)
        return PickPostingFor(key, question_id) if question_id is not None else None
    if kind == "fx":
        return CancelForward(row_id or 0)
    if kind == "forget":
        return Forget(rest == "yes")
    if kind == "x":
        return CancelAnswer() if rest == "answer" else None
    if row_id is None:
        return None
    return _ROW_ACTIONS[kind](row_id) if kind in _ROW_ACTIONS else None


_ROW_ACTIONS: dict[str, Callable[[int], Action]] = {  # kinds whose data is one row id
    "f": AskForward,
    "fa": lambda n: SendForward(n, signed=False),
    "fn": lambda n: SendForward(n, signed=True),
    "ans": AnswerForward,
    "faq": lambda n: FaqChoice(n, add=True),
    "nofaq": lambda n: FaqChoice(n, add=False),
}
