"""Reading recruiters' replies: the forward they answer, who wrote them, the new text only."""

from __future__ import annotations

from email.message import EmailMessage

from bot.replies import html_to_text, new_text_of, read_reply

TOKEN = "ans_" + "Ab3_-x" * 5
FORWARD_ID = f"<forward-7.{TOKEN}@example.org>"

FRENCH_REPLY = """Bonjour,

Oui, deux jours de télétravail par semaine sont possibles.

Bien cordialement,
Marie Dupont
Cheffe de projet, Alpha Impôts

Envoyé de mon iPhone

Le lun. 24 nov. 2026 à 10:12, Recrutement <bot@example.org> a écrit :
> Bonjour,
>
> Une personne candidate a posé une question sur l'offre « Développeur·se backend ».
"""

ENGLISH_REPLY = """Yes, the team meets in Lyon once a quarter.

Best regards,
John

On Mon, Nov 24, 2026 at 10:12 AM Recrutement <bot@example.org> wrote:
> Hello
"""


def mail(body: str, *, subtype: str = "plain", **headers: str) -> bytes:
    message = EmailMessage()
    message["From"] = headers.pop("From", "Marie Dupont <marie.dupont@alpha.example>")
    message["To"] = "bot@example.org"
    message["Subject"] = headers.pop("Subject", "RE: Question d'un·e candidat·e · Développeur·se backend")
    message["Message-ID"] = "<reply-1@alpha.example>"
    message["In-Reply-To"] = headers.pop("In_Reply_To", FORWARD_ID)
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(body, subtype=subtype)
    return message.as_bytes()


def test_a_french_reply_keeps_only_the_new_text_without_quote_signature_or_iphone_line() -> None:
    reply = read_reply(mail(FRENCH_REPLY))
    assert reply.text == "Bonjour,\n\nOui, deux jours de télétravail par semaine sont possibles."
    assert reply.claims == ((7, TOKEN),)
    assert reply.sender == "marie.dupont@alpha.example" and reply.automatic == ""


def test_an_english_reply_loses_its_on_wrote_header_and_signature() -> None:
    assert new_text_of(ENGLISH_REPLY) == "Yes, the team meets in Lyon once a quarter."


def test_the_faq_keyword_on_its_own_line_asks_for_the_faq_and_is_taken_out() -> None:
    reply = read_reply(mail("Oui, 500 € par jour.\n#FAQ\n\nLe lun. 24 nov. 2026, Bot a écrit :\n> question\n"))
    assert reply.faq and reply.text == "Oui, 500 € par jour."


def test_an_html_only_reply_becomes_text_without_its_quoted_original() -> None:
    html = ('<html><body><div dir="ltr">Oui, <b>télétravail</b> possible.<br>Marie</div>'
            '<div class="gmail_quote"><div>Le lun. 24 nov. 2026, Bot a écrit :</div>'
            '<blockquote>Une personne candidate a posé une question</blockquote></div></body></html>')
    reply = read_reply(mail(html, subtype="html"))
    assert reply.text.startswith("Oui, télétravail possible.")
    assert "candidate" not in reply.text


def test_html_to_text_keeps_paragraphs_and_drops_scripts() -> None:
    assert html_to_text("<p>Un</p><script>alert(1)</script><p>Deux &amp; trois</p>") == "Un\n\nDeux & trois"


def test_auto_replies_and_out_of_office_messages_are_recognised() -> None:
    assert read_reply(mail("Je suis absente.", Auto_Submitted="auto-replied")).automatic == "auto-reply"
    assert read_reply(mail("Je suis absente.", X_Autoreply="yes")).automatic == "auto-reply"
    assert read_reply(mail("Je suis absente.", Subject="Réponse automatique : Question")).automatic == "auto-reply"
    assert read_reply(mail("I am away.", Subject="Out of Office: Question")).automatic == "auto-reply"


def test_bounces_are_recognised() -> None:
    assert read_reply(mail("Delivery failed", From="MAILER-DAEMON@mx.alpha.example")).automatic == "bounce"


def test_no_claim_without_the_minted_message_id_whatever_the_subject() -> None:
    reply = read_reply(mail("Oui.", In_Reply_To="<other@alpha.example>"))
    assert reply.claims == ()


def test_an_outlook_reply_in_french_loses_its_de_envoye_a_objet_block() -> None:
    body = ("Bonjour,\n\nLe poste est ouvert aux contractuels.\n\nCordialement\n\n"
            "De : Recrutement <bot@example.org>\nEnvoyé : lundi 24 novembre 2026 10:12\n"
            "À : Marie Dupont <marie.dupont@alpha.example>\nObjet : Question d'un·e candidat·e\n\n"
            "Bonjour,\nUne personne candidate a posé une question\n")
    assert new_text_of(body) == "Bonjour,\n\nLe poste est ouvert aux contractuels."


def test_a_reply_written_below_nothing_but_the_quote_is_empty() -> None:
    assert new_text_of("\n\nLe lun. 24 nov. 2026 à 10:12, Bot <bot@example.org> a écrit :\n> Bonjour\n") == ""
