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
    "consent": {"fr": "Je vais transmettre à {to}, pour l'offre <b>{posting}</b> :\n"
                      "<blockquote>{question}</blockquote>\n"
                      "Votre compte Telegram n'est pas communiqué : la réponse vous parviendra ici. "
                      "Voulez-vous signer de votre prénom ?",
                "en": "I will forward to {to}, about the posting <b>{posting}</b>:\n"
                      "<blockquote>{question}</blockquote>\n"
                      "Your Telegram account is not shared: the answer will come back here. "
                      "Do you want to sign with your first name?"},
    "hiring_team": {"fr": "l'équipe de recrutement", "en": "the hiring team"},
    "send_anonymous": {"fr": "📨 Envoyer anonymement", "en": "📨 Send anonymously"},
    "send_named": {"fr": "📨 Envoyer en signant « {name} »", "en": "📨 Send signed “{name}”"},
    "cancel": {"fr": "Annuler", "en": "Cancel"},
    "cancelled": {"fr": "D'accord, rien n'a été envoyé.", "en": "All right, nothing was sent."},
    "forward_queued": {"fr": "C'est noté : votre question part vers l'équipe de recrutement. Je vous préviens "
                             "quand elle est transmise, et la réponse arrivera ici.",
                       "en": "Noted: your question is on its way to the hiring team. I'll tell you when it has "
                             "gone, and the answer will come here."},
    "forward_already": {"fr": "Cette question a déjà été transmise.", "en": "This question was already forwarded."},
    "forward_sent": {"fr": "✅ Votre question sur l'offre <b>{posting}</b> a été transmise à l'équipe de "
                           "recrutement. La réponse arrivera ici.",
                     "en": "✅ Your question about the posting <b>{posting}</b> has gone to the hiring team. "
                           "The answer will come here."},
    "forward_delayed": {"fr": "⏳ La transmission de votre question sur l'offre <b>{posting}</b> prend du retard ; "
                              "je réessaie automatiquement.",
                        "en": "⏳ Forwarding your question about the posting <b>{posting}</b> is delayed; "
                              "I keep trying."},
    "forward_failed": {"fr": "⚠️ Votre question sur l'offre <b>{posting}</b> n'a pas pu être transmise : l'adresse "
                             "du contact est refusée. L'équipe du bot en est informée.",
                       "en": "⚠️ Your question about the posting <b>{posting}</b> could not be delivered: the "
                             "contact's address is refused. The bot's team has been told."},
    "anonymous_candidate": {"fr": "une personne candidate (anonyme)", "en": "a candidate (anonymous)"},
    "recruiter_question": {"fr": "❓ Question de {who} sur l'offre <b>{posting}</b> :\n<blockquote>{question}"
                                 "</blockquote>",
                           "en": "❓ Question from {who} about the posting <b>{posting}</b>:\n<blockquote>{question}"
                                 "</blockquote>"},
    "answer_button": {"fr": "✍️ Répondre", "en": "✍️ Answer"},
    "answer_prompt": {"fr": "Question sur l'offre <b>{posting}</b> :\n<blockquote>{question}</blockquote>\n"
                            "Écrivez votre réponse : votre prochain message sera transmis tel quel à la personne "
                            "candidate (sans votre compte Telegram).",
                      "en": "Question about the posting <b>{posting}</b>:\n<blockquote>{question}</blockquote>\n"
                            "Write your answer: your next message goes as it is to the candidate (without your "
                            "Telegram account)."},
    "token_unknown": {"fr": "Ce lien de réponse n'est pas valable. Utilisez le lien reçu par e-mail, sans le "
                            "modifier.",
                      "en": "This answer link is not valid. Use the link from the email, unchanged."},
    "token_expired": {"fr": "Ce lien de réponse a expiré. La question reste visible des administrateurs du "
                            "bot.",
                      "en": "This answer link has expired. The question stays visible to the bot's admins."},
    "token_used": {"fr": "Cette question a déjà reçu une réponse, le {date}. La personne candidate l'a reçue.",
                   "en": "This question was already answered, on {date}. The candidate received it."},
    "not_your_question": {"fr": "Cette question n'est pas adressée à votre compte.",
                          "en": "This question is not addressed to your account."},
    "relayed_answer": {"fr": "💬 Réponse du recruteur · <b>{posting}</b> :\n<blockquote>{answer}</blockquote>",
                       "en": "💬 Recruiter's answer · <b>{posting}</b>:\n<blockquote>{answer}</blockquote>"},
    "answer_relayed": {"fr": "Merci ! Votre réponse a été transmise. L'ajouter à la FAQ de l'offre, pour répondre "
                             "aussitôt aux prochaines personnes qui poseront une question proche ?",
                       "en": "Thank you! Your answer has been passed on. Add it to the posting's FAQ, so that the "
                             "next candidates asking something close get it at once?"},
    "faq_add": {"fr": "➕ Ajouter à la FAQ", "en": "➕ Add to the FAQ"},
    "faq_no": {"fr": "Non merci", "en": "No thanks"},
    "faq_added": {"fr": "C'est ajouté à la FAQ de l'offre.", "en": "Added to the posting's FAQ."},
    "faq_not_added": {"fr": "D'accord, la réponse reste entre vous et la personne candidate.",
                      "en": "All right, the answer stays between you and the candidate."},
    "faq_answer": {"fr": "💬 Réponse de l'équipe de recrutement (FAQ de l'offre <b>{posting}</b>) à une question "
                         "proche :\n<blockquote>{question}</blockquote>\n<blockquote>{answer}</blockquote>",
                   "en": "💬 The hiring team's answer (FAQ of the posting <b>{posting}</b>) to a close question:\n"
                         "<blockquote>{question}</blockquote>\n<blockquote>{answer}</blockquote>"},
    "faq_not_it": {"fr": "Ce n'est pas ma question : transmettre", "en": "Not my question: forward it"},
    "link_ask_email": {"fr": "Vous recrutez ? Donnez l'adresse e-mail qui reçoit les questions des candidats pour "
                             "vos offres : je vous y envoie un code, et les questions vous arriveront ensuite ici, "
                             "avec un bouton pour répondre.",
                       "en": "Hiring? Give the email address that receives candidates' questions for your postings: "
                             "I'll send a code there, and the questions will then come here, with a button to "
                             "answer."},
    "link_not_email": {"fr": "Ce n'est pas une adresse e-mail. Réessayez avec /recruteur.",
                       "en": "That is not an email address. Try again with /recruiter."},
    "link_code_sent": {"fr": "Si cette adresse est le contact d'une offre, un code à 6 chiffres vient de lui être "
                             "envoyé. Écrivez-le ici (valable 15 minutes).",
                       "en": "If this address is a posting's contact, a 6-digit code has just been sent to it. Type "
                             "it here (valid for 15 minutes)."},
    "link_no_mail": {"fr": "L'envoi d'e-mails n'est pas configuré sur ce bot : demandez à un administrateur.",
                     "en": "Email is not configured on this bot: ask an administrator."},
    "link_too_many": {"fr": "Trop de codes demandés pour l'instant : réessayez demain avec /recruteur.",
                      "en": "Too many codes asked for now: try again tomorrow with /recruiter."},
    "link_bad_code": {"fr": "Ce code n'est pas le bon. Il vous reste {left} essai(s).",
                      "en": "That code is wrong. {left} attempt(s) left."},
    "link_failed": {"fr": "Trop d'essais : recommencez avec /recruteur.", "en": "Too many attempts: start again with "
                                                                             "/recruiter."},
    "link_done": {"fr": "C'est fait : les questions adressées à {email} vous arriveront ici, avec un bouton pour "
                        "répondre.",
                  "en": "Done: questions addressed to {email} will come here, with a button to answer."},
    "link_already": {"fr": "Ce compte reçoit déjà les questions adressées à {email}.",
                     "en": "This account already receives the questions addressed to {email}."},
    "forget_confirm": {"fr": "Effacer toutes vos données ? Cela efface vos questions (y compris celles qu'un "
                             "recruteur a ajoutées à la FAQ d'une offre), les transmissions en cours et leurs liens "
                             "de réponse, l'offre choisie et votre langue. C'est définitif.",
                       "en": "Erase all your data? This erases your questions (including those a recruiter added to "
                             "a posting's FAQ), forwards in progress and their answer links, the posting you chose "
                             "and your language. It cannot be undone."},
    "forget_yes": {"fr": "🗑 Oui, tout effacer", "en": "🗑 Yes, erase everything"},
    "forget_done": {"fr": "C'est effacé : {questions} question(s), {forwards} transmission(s), {faq} entrée(s) de "
                          "FAQ, votre offre choisie et votre langue. Il ne reste rien de vous dans ce bot.",
                    "en": "Erased: {questions} question(s), {forwards} forward(s), {faq} FAQ entry(ies), your chosen "
                          "posting and your language. Nothing about you remains in this bot."},
    "privacy": {
        "fr": "<b>Vos données</b>\n"
              "Ce bot garde : le numéro technique de votre conversation Telegram (pour vous répondre), l'offre "
              "choisie, votre langue, et vos questions avec la réponse donnée (pour vous relayer la réponse d'un "
              "recruteur et améliorer les annonces). Il ne garde ni votre nom ni votre pseudo. Votre prénom n'est "
              "transmis au recruteur que si vous choisissez de signer ; votre compte Telegram ne l'est jamais.\n"
              "Durée : vos questions sont effacées après {days} jours.\n"
              "Effacer tout, maintenant : /oubli. Si un recruteur a ajouté l'une de vos questions à la FAQ d'une "
              "offre, /oubli l'en efface aussi, avec sa réponse.",
        "en": "<b>Your data</b>\n"
              "This bot keeps: the technical number of your Telegram chat (to answer you), the posting you chose, "
              "your language, and your questions with the answer given (to relay a recruiter's answer and improve "
              "the postings). It keeps neither your name nor your username. Your first name goes to a recruiter "
              "only if you choose to sign; your Telegram account never does.\n"
              "How long: your questions are erased after {days} days.\n"
              "Erase everything now: /forget. If a recruiter added one of your questions to a posting's FAQ, "
              "/forget erases it from there too, with its answer.",
    },
    "slow_down": {"fr": "Doucement 🙂 : vous avez posé beaucoup de questions d'un coup. Réessayez dans une minute.",
                  "en": "Easy 🙂: you asked many questions at once. Try again in a minute."},
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
    "cmd_privacy": {"fr": "Vos données et comment les effacer", "en": "Your data and how to erase it"},
    "cmd_forget": {"fr": "Effacer toutes vos données", "en": "Erase all your data"},
    "cmd_recruiter": {"fr": "Recruteurs : recevoir les questions ici", "en": "Recruiters: get the questions here"},
    "smalltalk_greeting": {"fr": "Bonjour ! 👋", "en": "Hello! 👋"},
    "smalltalk_thanks": {"fr": "Avec plaisir !", "en": "You're welcome!"},
    "smalltalk_goodbye": {"fr": "Au revoir, et bonne chance pour votre candidature !",
                          "en": "Goodbye, and good luck with your application!"},
    "smalltalk_ack": {"fr": "👍", "en": "👍"},
    "smalltalk_hint": {"fr": "Choisissez une offre avec /postes, puis posez-moi une question, par exemple : "
                             "« {example} »",
                       "en": "Pick a posting with /jobs, then ask me a question, for example: “{example}”"},
    "smalltalk_hint_posting": {"fr": "Posez-moi une question sur l'offre <b>{name}</b>, par exemple : « {example} »",
                               "en": "Ask me a question about the posting <b>{name}</b>, for example: “{example}”"},
}


def t(lang: str, key: str, **values: Any) -> str:
    """The text `key` in `lang` (French when the language is unknown), with values filled in."""
    texts = _TEXTS[key]
    template = texts.get(lang) or texts["fr"]
    return template.format(**values) if values else template


def language_of(code: str | None) -> str:
    """The bot's language for a Telegram language_code: English for en*, else French."""
    return "en" if code and code.lower().startswith("en") else "fr"
