"""Candidate-controlled text on its way to recruiters and candidates (security review, issue 8, findings 13
and 15): a first name cannot carry a link, bidi overrides and hidden characters are removed from whatever a
candidate types, and a mail's subject is capped."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.conversation import Conversation, Incoming
from bot.mail import ForwardMail, build_message
from bot.storage.sqlite import Store
from conftest import WritePosting, engine_of

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: shows "fdp.exe" as "exe.pdf"
HIDDEN = ("\u202e", "\u202d", "\u2066", "\u2069", "\u200b", "\u2060", "\ufeff", "\U000e0041")
MAIL_FROM = "Recrutement <bot@example.org>"


def mail(**changes: str) -> ForwardMail:
    fields = {"posting_title": "Développeur·se Python", "posting_url": "https://example.org/jobs/dev",
              "question": "Le poste est-il ouvert au télétravail ?", "candidate_name": "Camille"} | changes
    return ForwardMail(forward_id=7, to="rh@example.org", answer_link="https://t.me/bot?start=ans_x",
                       message_id="<forward-7.1@example.org>", **fields)


def whole(message_fields: ForwardMail) -> str:
    """Every part of the mail, decoded: subject, plain text and HTML."""
    message = build_message(message_fields, mail_from=MAIL_FROM)
    texts = [str(message["Subject"])]
    for part in message.walk():
        if not part.is_multipart():
            texts.append(str(part.get_content()))
    return "\n".join(texts)


@pytest.mark.parametrize("name", ["https://evil.example/login", "Camille https://evil.example/login",
                                  "Camille evil.example", "Camille <a href=x>", "Camille rh@evil.example"])
def test_a_first_name_cannot_carry_a_link_or_an_address_into_the_mail(name: str) -> None:
    text = whole(mail(candidate_name=name))
    assert "evil" not in text and "href=x" not in text
    if name.startswith("Camille"):
        assert "Posée par : Camille\n" in text  # the name itself still signs the question


def test_bidi_overrides_and_hidden_characters_never_reach_the_mail() -> None:
    text = whole(mail(question="".join(f"mot{c} " for c in HIDDEN) + "fin ?", candidate_name=f"Cam{RLO}ille"))
    assert not [c for c in HIDDEN if c in text]
    assert "> mot mot mot" in text  # the question is still there, quoted


@pytest.mark.asyncio
async def test_bidi_overrides_typed_by_a_candidate_reach_neither_telegram_nor_the_database(
        write_posting: WritePosting, tmp_path: Path) -> None:
    posting = write_posting("2024-07-01-ux.md", "roles: Designer UX\nstartup: zeta\ncontact: rh@zeta.example\n"
                            "open: true", "## Modalités\n\nTélétravail possible deux jours par semaine.\n")
    engine = engine_of(posting)
    name = f"Camille{RLO} https://evil.example"
    async with await Store.open(tmp_path / "bot.sqlite3") as store:
        conversation = Conversation(lambda: engine, store)
        await conversation.handle(Incoming("test:1", "fr", text="/start 2024-07-01-ux"))
        [abstention] = await conversation.handle(Incoming("test:1", "fr", text=f"Quel salaire{RLO} ? gpj.exe"))
        forward = next(b.data for row in abstention.buttons for b in row if b.data.startswith("f:"))
        [consent] = await conversation.handle(Incoming("test:1", "fr", callback=forward, first_name=name))
        signed = next(b for row in consent.buttons for b in row if b.data.startswith("fn:"))
        await conversation.handle(Incoming("test:1", "fr", callback=signed.data, first_name=name))
        [stored] = await store.forwards()
    shown = consent.text + "".join(b.text for row in consent.buttons for b in row)
    assert RLO not in shown and "evil" not in shown
    assert "Quel salaire ? gpj.exe" in consent.text
    assert signed.text == "📨 Envoyer en signant « Camille »"
    assert stored.candidate_name == "Camille" and stored.question == "Quel salaire ? gpj.exe"


def test_the_subject_of_a_mail_is_capped() -> None:
    message = build_message(mail(posting_title="Développeur·se " * 200), mail_from=MAIL_FROM)
    subject = str(message["Subject"])
    assert len(subject) <= 120 and subject.endswith("…")
    assert subject.startswith("Question d'un·e candidat·e · Développeur·se")
