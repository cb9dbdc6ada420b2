"""Button data and chat states: one typed action per button, one typed state per chat, read back with bounds."""

from __future__ import annotations

import pytest

from bot.buttons import (
    MAX_DATA_BYTES,
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
from bot.errors import BotError
from bot.models import Abstention, Answer
from bot.states import Answering, ChatMode, LinkingCode, LinkingEmail, decode_state
from bot.storage import StoreError

BIG = 2**63 - 1
ACTIONS: list[Action] = [
    ListPage(0), ListPage(3, closed_too=True), PickPosting(posting_key("2024-01-10-alpha-dev")),
    PickPostingFor(posting_key("2024-01-10-alpha-dev"), BIG), AskForward(12), SendForward(12),
    SendForward(12, signed=True), CancelForward(12), Forget(True), Forget(False), CancelAnswer(),
    AnswerForward(BIG), FaqChoice(7, add=True), FaqChoice(7, add=False),
]


@pytest.mark.parametrize("action", ACTIONS, ids=repr)
def test_every_action_reads_back_as_itself_within_telegrams_64_bytes(action: Action) -> None:
    data = encode(action)
    assert len(data.encode("utf-8")) <= MAX_DATA_BYTES
    assert decode(data) == action


def test_the_text_form_is_the_one_buttons_already_sent_carry() -> None:
    """Buttons sent before an upgrade keep working: the data of each action did not change."""
    assert [encode(a) for a in ACTIONS[:2] + ACTIONS[4:]] == [
        "l:o:0", "l:a:3", "f:12", "fa:12", "fn:12", "fx:12", "forget:yes", "forget:no", "x:answer",
        f"ans:{BIG}", "faq:7", "nofaq:7"]


@pytest.mark.parametrize("data", ["", "nonsense", "l:x:0", "l:o:²", "l:a:99999999999999999999", "f:0", "f:²",
                                  "f:-1", "fa:", "ans:99999999999999999999", "faq:1e3", "q:abc:", "q:abc:٣",
                                  "x:other", "zz:1"])
def test_unknown_malformed_or_out_of_bounds_data_gives_no_action(data: str) -> None:
    assert decode(data) is None


def test_chat_states_read_back_and_nonsense_gives_none() -> None:
    for state in (Answering(12), LinkingEmail(), LinkingCode("rh@example.org", "abc", 2)):
        assert decode_state(state.encode(), max_attempts=3) == state
    assert decode_state(None, max_attempts=3) is None
    assert decode_state((ChatMode.ANSWERING, "x"), max_attempts=3) is None
    assert decode_state(("other", ""), max_attempts=3) is None
    assert decode_state((ChatMode.LINKING_CODE, "a|b|99"), max_attempts=3) == LinkingCode("a", "b", 0)


def test_an_abstention_is_typed_with_its_detail_apart() -> None:
    answer = Answer("?", False, None, reason="not-mentioned: remote, pay")
    assert (answer.abstention, answer.reason_detail) == (Abstention.NOT_MENTIONED, "remote, pay")
    assert Answer("?", True, None).abstention is None
    assert Answer("?", False, None, reason="something new").abstention is None


def test_the_projects_errors_share_one_base() -> None:
    from bot.config import ConfigError
    from bot.mail import DeliveryError
    from bot.outbox import ChatDeliveryError

    for error in (ConfigError, DeliveryError, ChatDeliveryError, StoreError):
        assert issubclass(error, BotError)
