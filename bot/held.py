"""Replies by email from another domain than the forward's recipient: they wait for an admin, who relays
or drops each one (`/relay N` or `/transmettre N`, `/drop N` or `/rejeter N`); `/pending` lists them.

A reply from an unexpected domain carried a valid token, so it came from someone who saw the forward email
(a colleague's private address, a forwarding rule, or a leak): an admin decides.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from .answers import AnswerDesk
from .inputs import parse_number
from .storage import HeldReply, HeldStore

logger = logging.getLogger(__name__)

RELAY = frozenset({"relay", "transmettre"})
DROP = frozenset({"drop", "rejeter"})
HELD_COMMANDS = RELAY | DROP


def render_held(held: Sequence[HeldReply], *, lang: str) -> str:
    """The held replies as plain text lines (empty when there are none), to append to /pending."""
    if not held:
        return ""
    title = ("Réponses par email d'un autre domaine, en attente (/transmettre N ou /rejeter N) :" if lang == "fr"
             else "Replies by email from another domain, waiting (/relay N or /drop N):")
    lines = [f"\n\n{title}"]
    for reply in held:
        text = " ".join(reply.answer.split())
        text = text if len(text) <= 80 else text[:79] + "…"
        lines.append(f"N={reply.id} · #{reply.forward_id} · {reply.sender}{' · FAQ' if reply.faq else ''} · « {text} »")
    return "\n".join(lines)


class HeldDesk:
    """Relays or drops a held reply for an admin."""

    def __init__(self, store: HeldStore, answers: Callable[[], AnswerDesk | None]) -> None:
        self._store = store
        self._answers = answers

    async def decide(self, command: str, args: str, lang: str) -> str:
        """Relay (/relay N) or drop (/drop N) the held reply N; the answer to show the admin."""
        fr = lang == "fr"
        held_id = parse_number(args.strip(), lower=1)
        desk = self._answers()
        if held_id is None or desk is None:
            return "Donnez le numéro N vu dans /pending." if fr else "Give the number N shown by /pending."
        held = await self._store.take_held_reply(held_id)
        if held is None:
            return "Aucune réponse en attente sous ce numéro." if fr else "No waiting reply has that number."
        if command in DROP:
            logger.info("an admin dropped a held reply to forward %d", held.forward_id)
            return "Réponse rejetée." if fr else "Reply dropped."
        forward = await desk.forward(held.forward_id)
        if forward is None:
            return "Cette question n'existe plus." if fr else "That question no longer exists."
        outcome = await desk.answer(forward, held.answer, faq=held.faq, channel="email, relayed by an admin")
        logger.info("an admin relayed a held reply to forward %d: %s", held.forward_id, outcome.status)
        if outcome.status == "answered":
            return "Réponse transmise à la personne candidate." if fr else "Reply relayed to the candidate."
        return (f"Non transmise : {outcome.status}." if fr else f"Not relayed: {outcome.status}.")
