"""What the bot says, in French and English. Templates are HTML; values are escaped by the caller."""

from __future__ import annotations

from typing import Any

LANGUAGES = ("fr", "en")

_TEXTS: dict[str, dict[str, str]] = {
    "welcome": {
        "fr": "Bonjour ! Je réponds à vos questions sur les offres d'emploi, avec les lignes exactes de "
              "l'annonce. Choisissez une offre, puis posez votre question (télétravail, durée, salaire, "
              "compétences, candidature…).",
        "en": "Hello! I answer your questions about job postings, quoting the posting itself. Pick a "
              "posting, then ask your question (remote work, duration, pay, skills, how to apply…).",
    },
    "list_title": {"fr": "<b>Offres ouvertes</b> ({count}) :", "en": "<b>Open postings</b> ({count}):"},
    "list_title_all": {"fr": "<b>Toutes les offres</b> ({count}), 🔒 = fermée :",
                       "en": "<b>All postings</b> ({count}), 🔒 = closed:"},
    "list_empty": {"fr": "Aucune offre n'est ouverte en ce moment.",
                   "en": "No posting is open at the moment."},
    "show_closed": {"fr": "Voir les offres fermées", "en": "Show closed postings"},
    "previous": {"fr": "◀ Précédentes", "en": "◀ Previous"},
    "next": {"fr": "Suivantes ▶", "en": "Next ▶"},
    "selected": {"fr": "Offre choisie : <b>{name}</b>\nPosez votre question, par exemple : « {example} »",
                 "en": "Posting selected: <b>{name}</b>\nAsk your question, for example: “{example}”"},
    "selected_closed": {"fr": "🔒 Attention : cette offre est fermée, elle n'accepte plus de candidatures.",
                        "en": "🔒 Note: this posting is closed and no longer accepts applications."},
    "unknown_posting": {"fr": "Je ne trouve pas l'offre « {ref} » : elle a peut-être été retirée. "
                              "Voici les offres disponibles.",
                        "en": "I cannot find the posting “{ref}”: it may have been removed. "
                              "Here are the available postings."},
    "help": {
        "fr": "<b>Comment ça marche</b>\n"
              "1. Choisissez une offre avec /postes (ou ouvrez le lien de l'annonce).\n"
              "2. Posez votre question en quelques mots, en français ou en anglais.\n"
              "Je réponds avec les lignes de l'annonce. Si l'annonce ne dit rien, je vous propose de "
              "transmettre votre question à l'équipe de recrutement.\n\n"
              "<b>Exemples</b>\n"
              "• Le poste est-il en télétravail ?\n• Combien de temps dure la mission ?\n"
              "• C'est payé combien ?\n• Faut-il connaître Python ?\n• Comment candidater ?\n\n"
              "/postes : la liste des offres · /aide : ce message",
        "en": "<b>How it works</b>\n"
              "1. Pick a posting with /jobs (or open the posting's link).\n"
              "2. Ask your question in a few words, in English or French.\n"
              "I answer with the lines of the posting. When the posting does not say, I offer to forward "
              "your question to the hiring team.\n\n"
              "<b>Examples</b>\n"
              "• Is remote work possible?\n• How long is the mission?\n• What's the pay?\n"
              "• Do I need to know Python?\n• How do I apply?\n\n"
              "/jobs: the list of postings · /help: this message",
    },
    "example_question": {"fr": "Le poste est-il en télétravail ?", "en": "Is remote work possible?"},
    "answer_from": {"fr": "D'après l'annonce <b>{name}</b>, rubrique « {section} » :",
                    "en": "From the posting <b>{name}</b>, section “{section}”:"},
    "answer_closed": {"fr": "🔒 Cette offre est fermée.", "en": "🔒 This posting is closed."},
    "full_posting": {"fr": "Annonce complète", "en": "Full posting"},
    "guessed": {"fr": "Je pense que vous parlez de l'offre <b>{name}</b>.",
                "en": "I take it you mean the posting <b>{name}</b>."},
    "other_posting": {"fr": "Une autre offre ?", "en": "Another posting?"},
    "which_posting": {"fr": "Plusieurs offres correspondent à votre question. Laquelle ?",
                      "en": "Several postings match your question. Which one?"},
    "no_posting": {"fr": "Je ne sais pas de quelle offre vous parlez. Choisissez-en une, puis reposez "
                         "votre question.",
                   "en": "I don't know which posting you mean. Pick one, then ask again."},
    "not_said": {"fr": "L'annonce <b>{name}</b> ne le précise pas{topic}.",
                 "en": "The posting <b>{name}</b> does not say{topic}."},
    "not_said_topic": {"fr": " (sujet : {topic})", "en": " (topic: {topic})"},
    "not_mentioned": {"fr": "L'annonce <b>{name}</b> ne mentionne pas : {things}.",
                      "en": "The posting <b>{name}</b> does not mention: {things}."},
    "offer_forward": {"fr": "Voulez-vous que je transmette votre question à l'équipe de recrutement ?",
                      "en": "Shall I forward your question to the hiring team?"},
    "forward_button": {"fr": "📨 Transmettre ma question", "en": "📨 Forward my question"},
    "forward_soon": {"fr": "Votre question est enregistrée. La transmission à l'équipe de recrutement "
                           "arrive bientôt dans ce bot ; en attendant, vous pouvez écrire à : {contact}",
                     "en": "Your question is saved. Forwarding to the hiring team is coming soon to this "
                           "bot; meanwhile you can write to: {contact}"},
    "forward_soon_nocontact": {"fr": "Votre question est enregistrée. La transmission à l'équipe de "
                                     "recrutement arrive bientôt dans ce bot.",
                               "en": "Your question is saved. Forwarding to the hiring team is coming soon "
                                     "to this bot."},
    "expired_button": {"fr": "Ce bouton n'est plus valable. Voici les offres à jour.",
                       "en": "This button has expired. Here are the current postings."},
    "not_text": {"fr": "Je ne lis que les messages écrits. Posez votre question en quelques mots.",
                 "en": "I only read text messages. Please type your question."},
    "too_long": {"fr": "Votre message est très long : je n'en lis que le début.",
                 "en": "Your message is very long: I only read its beginning."},
    "unknown_command": {"fr": "Je ne connais pas cette commande. /aide explique ce que je sais faire.",
                        "en": "I don't know that command. /help explains what I can do."},
    "cmd_start": {"fr": "Commencer et voir les offres", "en": "Start and see the postings"},
    "cmd_postings": {"fr": "La liste des offres", "en": "The list of postings"},
    "cmd_help": {"fr": "Comment poser une question", "en": "How to ask a question"},
}


def t(lang: str, key: str, **values: Any) -> str:
    """The text `key` in `lang` (French when the language is unknown), with values filled in."""
    texts = _TEXTS[key]
    template = texts.get(lang) or texts["fr"]
    return template.format(**values) if values else template


def language_of(code: str | None) -> str:
    """The bot's language for a Telegram language_code: English for en*, else French."""
    return "en" if code and code.lower().startswith("en") else "fr"
