"""What a chat's next message means, typed: the conversation's states and the data each one keeps.

The storage keeps a state as two strings (its mode and its data, see ChatStateStore); this module is the
only one that reads or writes them.

    ANSWERING, data "12": the chat's next text is the recruiter's answer to the forward 12;
    LINKING_EMAIL: the next text is the address a recruiter wants to link;
    LINKING_CODE, data "email|code hash|attempts left": the next text is the code mailed to that address.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .inputs import parse_number

NO_CODE = "-"  # the code hash kept for an address that is no contact: it matches no code, so it never links


class ChatMode(StrEnum):
    """What the chat is in the middle of (no state: candidates asking questions)."""

    ANSWERING = "answer"
    LINKING_EMAIL = "link-email"
    LINKING_CODE = "link-code"


@dataclass(frozen=True)
class Answering:
    """A recruiter about to type the answer to a forward."""

    forward_id: int

    def encode(self) -> tuple[ChatMode, str]:
        return ChatMode.ANSWERING, str(self.forward_id)


@dataclass(frozen=True)
class LinkingEmail:
    """A recruiter about to type the address to link."""

    def encode(self) -> tuple[ChatMode, str]:
        return ChatMode.LINKING_EMAIL, ""


@dataclass(frozen=True)
class LinkingCode:
    """A recruiter about to type the code mailed to `email` (code_hash is NO_CODE for a non-contact)."""

    email: str
    code_hash: str
    attempts_left: int

    def encode(self) -> tuple[ChatMode, str]:
        return ChatMode.LINKING_CODE, f"{self.email}|{self.code_hash}|{self.attempts_left}"


ChatState = Answering | LinkingEmail | LinkingCode


def decode_state(stored: tuple[str, str] | None, *, max_attempts: int) -> ChatState | None:
    """The state a chat is in, from what the storage kept (None: no state, or one that makes no sense)."""
    if stored is None:
        return None
    mode, data = stored
    if mode == ChatMode.ANSWERING:
        forward_id = parse_number(data, lower=1)
        return Answering(forward_id) if forward_id is not None else None
    if mode == ChatMode.LINKING_EMAIL:
        return LinkingEmail()
    if mode == ChatMode.LINKING_CODE:
        email, code_hash, attempts = [*data.split("|"), "", "", ""][:3]
        return LinkingCode(email, code_hash, parse_number(attempts, upper=max_attempts) or 0)
    return None
