"""What the bot does with each mail found in its mailbox: a recruiter's reply to a forward becomes the answer.

    replies = MailAnswers(desk, store, send_notice)
    outcome = await replies.handle(raw_bytes)   # what became of the mail, for the log

A reply is matched to its forward by the token minted into the forward's Message-ID, carried back by the
reply's In-Reply-To or References, and verified against the database: never by its subject. Ignored, not
relayed: auto-replies, out-of-office messages and bounces (never answered, so that two robots do not talk
forever), mails without a valid token. The sender is told, by a short mail, when their reply was relayed,
when the question had already been answered, when the link expired, or when nothing was left once the quote
and signature were removed. A reply from another address than the forward's recipient is taken only from
the same domain; from another domain it waits for an admin in /pending.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from .answers import AnswerDesk, state_of
from .replies import IncomingReply, read_reply
from .storage import ForwardRecord, HeldReplies

logger = logging.getLogger(__name__)

# send_notice(to, subject, body, in_reply_to): a short plain-text mail to the recruiter
NoticeSender = Callable[[str, str, str, str], Awaitable[None]]


NOTICES = {
    "answered": ("Votre réponse a été transmise",
                 "Bonjour,\n\nVotre réponse à la question posée sur l'offre « {posting} » a été transmise à la "
                 "personne candidate, dans Telegram.{faq}\n\nMerci !\n"),
    "already": ("Cette question avait déjà reçu une réponse",
                "Bonjour,\n\nLa question posée sur l'offre « {posting} » avait déjà reçu une réponse : la vôtre "
                "n'a pas été transmise. Une seule réponse est transmise par question.\n"),
    "expired": ("Le délai pour répondre est passé",
                "Bonjour,\n\nLe délai pour répondre à la question posée sur l'offre « {posting} » est passé : "
                "votre réponse n'a pas été transmise. La question reste visible des administrateurs du bot.\n"),
    "empty": ("Votre réponse semble vide",
              "Bonjour,\n\nUne fois retirés la citation du message d'origine et votre signature, votre réponse à la "
              "question posée sur l'offre « {posting} » ne contenait plus de texte : rien n'a été transmis. "
              "Répondez de nouveau en écrivant votre réponse au-dessus de la citation.\n"),
    "held": ("Votre réponse attend une vérification",
             "Bonjour,\n\nVotre réponse à la question posée sur l'offre « {posting} » vient d'une autre adresse que "
             "celle à qui la question a été envoyée : un administrateur du bot la vérifiera avant de la "
             "transmettre.\n"),
}
FAQ_ADDED = " Elle a aussi été ajoutée à la FAQ de l'offre, pour les prochaines personnes candidates."
SIGNATURE = "\n-- \nMessage automatique du bot de recrutement\n"


def same_domain(sender: str, recipient: str) -> bool:
    """Whether two addresses share their domain (case-insensitive)."""
    domain = sender.rpartition("@")[2].lower()
    return bool(domain) and domain == recipient.rpartition("@")[2].lower()


class MailAnswers:
    """Turns recruiters' replies into answers."""

    def __init__(self, desk: AnswerDesk, held: HeldReplies, send_notice: NoticeSender | None) -> None:
        self._desk = desk
        self._held = held
        self._send_notice = send_notice

    async def handle(self, raw: bytes) -> str:
        """Handle one mail from the mailbox; return what became of it (for the log, no personal data)."""
        reply = read_reply(raw)
        if reply.automatic:
            return f"ignored: {reply.automatic}"
        forward = await self._verified_forward(reply)
        if forward is None:
            return "ignored: no valid token"
        state = state_of(forward)
        if state != "open":
            await self._notify(reply, forward, state)
            return f"refused: {state}"
        if not reply.text:
            await self._notify(reply, forward, "empty")
            return "refused: empty once quotes were removed"
        if reply.sender != forward.contact.lower() and not same_domain(reply.sender, forward.contact):
            await self._held.hold_reply(forward_id=forward.id, sender=reply.sender, answer=reply.text, faq=reply.faq)
            await self._notify(reply, forward, "held")
            logger.info("forward %d: a reply from another domain waits for an admin", forward.id)
            return "held: another domain"
        outcome = await self._desk.answer(forward, reply.text, faq=reply.faq, channel="email")
        await self._notify(reply, forward, outcome.status, faq_added=outcome.faq_added)
        return outcome.status

    async def _verified_forward(self, reply: IncomingReply) -> ForwardRecord | None:
        """The forward whose minted Message-ID the reply refers to, its token checked against the database."""
        for forward_id, token in reply.claims:
            forward = await self._desk.find(token)
            if forward is not None and forward.id == forward_id:
                return forward
        if reply.claims:
            logger.info("a reply by email carried a forged or unknown token")
        return None

    async def _notify(self, reply: IncomingReply, forward: ForwardRecord, status: str, *,
                      faq_added: bool = False) -> None:
        """Tell the sender, in one short mail, what became of their reply."""
        if self._send_notice is None or status not in NOTICES or not reply.sender:
            return
        subject, body = NOTICES[status]
        text = body.format(posting=self._desk.posting_name(forward), faq=FAQ_ADDED if faq_added else "") + SIGNATURE
        try:
            await self._send_notice(reply.sender, subject, text, reply.message_id)
        except Exception as exc:  # a comfort: the answer itself is recorded
            logger.warning("forward %d: the notice '%s' could not be mailed: %s", forward.id, status,
                           type(exc).__name__)
