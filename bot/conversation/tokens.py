"""Answer tokens: what a recruiter's answer link carries (only its hash is kept)."""

from __future__ import annotations

import hashlib
import secrets

ANSWER_PREFIX = "ans_"


def new_answer_token() -> tuple[str, str]:
    """An unguessable answer token for a deep link (36 characters of [A-Za-z0-9_-]) and its hash."""
    token = ANSWER_PREFIX + secrets.token_urlsafe(24)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    """What the database keeps to recognise a token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
