"""Evidence before an answer: a line answers only when it holds the kind of fact asked.

Each intent of the lexicon says what kind of fact answers it (a date for a start, a length of time for a
duration, a level or years for experience...); formulae that state nothing never count; words that name
the posting choose the posting, not the topic; a rare word the posting never mentions means it does not say.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest

from bot.engine import Engine
from bot.matcher import _in_some_form_among, _in_some_form_of
from bot.text import stem
from conftest import WritePosting, engine_of, write_other_postings


def _in_some_form(term: str, words: Iterable[str]) -> bool:
    """The reference reading, word by word: is the term among the words in a longer or a shorter form (docker,
    dockerisée; React, ReactJS; Vue, VueJS; CMSs, CMS)? The matcher's faster readings must agree with it."""
    core = stem(term)
    with_js = term + "js"
    return any((len(core) >= 4 and w.startswith(core)) or w == with_js
               or (len(w) >= 3 and term.startswith(w) and len(term) - len(w) <= max(2, len(w) // 2)) for w in words)


def posting_with(write_posting: WritePosting, body: str, *, roles: str = "Développeur·se",
                 stem: str = "2023-05-01-dev") -> tuple[Engine, str]:
    path: Path = write_posting(f"{stem}.md", f"roles: {roles}\nstartup: delta\nopen: true", body)
    return engine_of(path), stem


# --- a line without the kind of fact asked is no answer ------------------------------------------

@pytest.mark.parametrize("question", ["la date de démarrage c'est quand ?", "When does it start?"])
def test_a_start_question_is_not_answered_by_a_line_with_no_date(write_posting: WritePosting,
                                                                 question: str) -> None:
    engine, stem = posting_with(write_posting, "## Contexte\n\nLes travaux d'expérimentation commenceront "
                                               "sur les données des vélos en libre service.\n")
    assert not engine.answer(question, stem).answered


@pytest.mark.parametrize("question", ["la date de démarrage c'est quand ?", "When does it start?"])
def test_a_start_question_is_answered_by_a_line_with_a_date(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Contexte\n\nLes travaux commenceront sur les vélos.\n\n"
                                               "## Modalités\n\nDémarrage en avril 2021.\n", stem="2021-03-01-dev")
    answer = engine.answer(question, stem)
    assert answer.answered and "Démarrage en avril 2021." in answer.text
    assert "vélos" not in answer.text


@pytest.mark.parametrize("question", ["How many years of experience do I need?",
                                      "il faut combien d'années d'expérience ?"])
def test_years_of_experience_are_experience_asked_not_the_missions_length(write_posting: WritePosting,
                                                                          question: str) -> None:
    engine, stem = posting_with(write_posting, "## Modalités\n\nMission de 6 mois renouvelable.\n\n"
                                               "## Profil\n\n- Au moins 5 ans d'expérience en développement web\n"
                                               "- Goût du travail en équipe\n")
    answer = engine.answer(question, stem)
    assert answer.answered and answer.intent == "experience"
    assert "5 ans d'expérience" in answer.text and "6 mois" not in answer.text


@pytest.mark.parametrize("question", ["How many years of experience do you want?", "faut cb d'annees d'xp ?"])
def test_a_faq_saying_no_number_of_years_is_asked_answers_how_many_years(write_posting: WritePosting,
                                                                         question: str) -> None:
    engine, stem = posting_with(write_posting, "## FAQ\n\n**Quelle est l'expérience recherchée ?**\n\n"
                                               "Nous n'avons pas mis d'années d'expérience ni de niveau car cela ne "
                                               "veut pas dire grand chose.\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "pas mis d'années d'expérience ni de niveau" in answer.text, answer.reason


@pytest.mark.parametrize("question", ["How many years of experience are you looking for?",
                                      "combien d'années d'xp il faut ?"])
def test_a_posting_that_gives_no_number_of_years_does_not_answer_how_many_years(write_posting: WritePosting,
                                                                                question: str) -> None:
    engine, stem = posting_with(write_posting, "## Modalités\n\nDurée : 3 mois renouvelables.\n\n"
                                               "## Profil\n\n- Expérience du développement web\n- Autonomie\n")
    assert not engine.answer(question, stem).answered


@pytest.mark.parametrize("question", ["Faut-il de l'expérience en accessibilité ?",
                                      "Do I need experience with accessibility?"])
def test_experience_of_a_named_subject_is_answered_by_the_line_naming_it(write_posting: WritePosting,
                                                                        question: str) -> None:
    engine, stem = posting_with(write_posting, "## Profil\n\n- Une bonne connaissance de l'accessibilité numérique\n"
                                               "- Autonomie\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "accessibilité numérique" in answer.text


@pytest.mark.parametrize("question", ["le recrutement c'est combien d'entretiens ?",
                                      "how many interviews are there?"])
def test_how_many_interviews_is_answered_by_a_line_that_counts_them(write_posting: WritePosting,
                                                                    question: str) -> None:
    engine, stem = posting_with(write_posting, "## Contexte\n\nLe dispositif concerne 134 000 personnes et repose "
                                               "sur une mise en situation de travail.\n\n"
                                               "## Conditions\n\n2 entretiens sont prévus à distance.\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "2 entretiens sont prévus à distance." in answer.text
    assert "134 000" not in answer.text


# --- boilerplate is never evidence ------------------------------------------------------------------

@pytest.mark.parametrize("question", ["Comment se passe le recrutement ?", "What's the hiring process?"])
def test_an_invitation_to_ask_questions_is_not_a_hiring_process(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Candidater\n\nN'hésitez pas à nous poser vos questions "
                                               "lors de l'entretien.\n")
    assert not engine.answer(question, stem).answered


def test_an_invitation_that_gives_an_address_still_answers_who_to_contact(write_posting: WritePosting) -> None:
    engine, stem = posting_with(write_posting, "## Contact\n\nN'hésitez pas à écrire à jeanne@example.org\n")
    answer = engine.answer("Who should I contact?", stem)
    assert answer.answered and "jeanne@example.org" in answer.text


# --- words that name the posting choose it; they do not ask about a topic ---------------------------

@pytest.mark.parametrize("question", ["Pour le poste de dev full stack, c'est quel temps de travail ?",
                                      "For the full stack developer job, how many days a week?"])
def test_the_postings_name_in_a_question_does_not_ask_about_the_stack(write_posting: WritePosting,
                                                                     question: str) -> None:
    engine, stem = posting_with(write_posting, "## Technique\n\nStack : Python, Django, PostgreSQL.\n\n"
                                               "## Modalités\n\nCharge : 4 jours par semaine.\n",
                                roles="Développeur·se full stack")
    answer = engine.answer(question, stem)
    assert answer.answered and "4 jours par semaine" in answer.text
    assert "Django" not in answer.text


def test_the_stack_is_still_asked_by_name_on_a_full_stack_posting(write_posting: WritePosting) -> None:
    engine, stem = posting_with(write_posting, "## Technique\n\nStack : Python, Django, PostgreSQL.\n\n"
                                               "## Modalités\n\nCharge : 4 jours par semaine.\n",
                                roles="Développeur·se full stack")
    answer = engine.answer("c'est quoi la stack ?", stem)
    assert answer.answered and "Django" in answer.text


def test_a_proper_name_is_not_read_as_an_informal_word(write_posting: WritePosting) -> None:
    engine, stem = posting_with(write_posting, "## Qui sommes-nous ?\n\nLa Bonne Boite est un service qui aide "
                                               "les candidatures spontanées.\n\n## Entreprise\n\nUne entreprise "
                                               "partenaire héberge le service.\n")
    answer = engine.answer("c'est quoi La Bonne Boite ?", stem)
    assert answer.answered and "candidatures spontanées" in answer.text


# --- a word never mentioned, in any form ------------------------------------------------------------

@pytest.mark.parametrize("question", ["Is there a training budget?", "il y a un budget formation ?"])
def test_a_rare_word_the_posting_never_mentions_means_it_does_not_say(write_posting: WritePosting,
                                                                      question: str) -> None:
    write_posting("2023-04-01-ops.md", "roles: Chargé·e de déploiement\nopen: true",
                  "## Profil\n\nUne formation en sciences sociales.\n")
    engine, stem = posting_with(write_posting, "## Profil\n\nVous portez un intérêt au domaine de la formation "
                                               "professionnelle.\n")
    answer = engine.answer(question, stem)
    assert not answer.answered and answer.reason == "not-mentioned: budget"


@pytest.mark.parametrize(("question", "line"), [
    ("Is React required?", "ReactJS pour le frontend"),
    ("Vous utilisez Docker ?", "Une application dockerisée, déployée chez Scalingo"),
    ("Do you use several CMSs?", "Le site repose sur un CMS maison"),
])
def test_a_named_tool_is_found_in_its_derived_forms(write_posting: WritePosting, question: str, line: str) -> None:
    engine, stem = posting_with(write_posting, f"## Compétences et environnement technique\n\n- {line}\n- PostgreSQL\n")
    answer = engine.answer(question, stem)
    assert answer.answered and line in answer.text


def test_jusqu_au_without_a_time_is_no_length(write_posting: WritePosting) -> None:
    engine, stem = posting_with(write_posting, "## L'agence\n\nNous aidons les projets, de la recherche jusqu'au "
                                               "partage des solutions.\n")
    assert not engine.answer("How long is the mission?", stem).answered


def test_le_plus_tot_possible_is_a_start_date(write_posting: WritePosting) -> None:
    engine, stem = posting_with(write_posting, "## Détails\n\nDate de début — Le plus tôt possible.\n")
    answer = engine.answer("when would I start?", stem)
    assert answer.answered and "Le plus tôt possible" in answer.text


@pytest.mark.parametrize("question", ["c quoi la stack ?", "What's the tech stack?"])
def test_a_line_under_a_technical_heading_that_names_no_technology_is_no_stack(write_posting: WritePosting,
                                                                              question: str) -> None:
    engine, stem = posting_with(write_posting, "## Détails techniques\n\nStatut — CDD d'une durée de 3 ans.\n\n"
                                               "## Profil\n\n- Vous êtes à l'aise en Python et JavaScript\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "Python" in answer.text and "CDD" not in answer.text


@pytest.mark.parametrize("question", ["c quoi la stack ?", "What tech stack does the API run on?",
                                      "vous utilisez quelle base de données ?"])
def test_a_line_speaking_of_languages_apis_or_databases_in_general_is_no_stack(write_posting: WritePosting,
                                                                               question: str) -> None:
    engine, stem = posting_with(write_posting, "## Profil\n\nBonne compréhension des langages déjà utilisés sur "
                                               "nos outils.\n\nCapable de nettoyer une base de données.\n\n"
                                               "## Mission\n\nConstruire les API avec les partenaires.\n")
    assert not engine.answer(question, stem).answered


def test_celle_ci_is_no_continuous_integration(write_posting: WritePosting) -> None:
    engine, stem = posting_with(write_posting, "## Qui sommes-nous ?\n\nLe lab est intégré à la DNUM. Celle-ci "
                                               "conduit la stratégie numérique du ministère.\n")
    assert not engine.answer("Who takes care of CI/CD and deployments?", stem).answered


@pytest.mark.parametrize("question", ["c porté par quel ministère ?", "Which ministry is behind this?"])
def test_the_organisation_is_a_body_named_not_ministries_spoken_of(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Contexte : beta.gouv.fr\n\nbeta.gouv.fr aide les ministères et "
                                               "autres partenaires publics à construire des services numériques."
                                               "\n\n## Le projet\n\nCe dispositif est mis en place au sein du "
                                               "Ministère de la Culture.\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "Ministère de la Culture" in answer.text and "aide les" not in answer.text


@pytest.mark.parametrize("question", ["c financé par quel ministère ?", "Which government department is this?"])
def test_the_body_that_carries_the_product_comes_before_one_named_in_passing(write_posting: WritePosting,
                                                                              question: str) -> None:
    engine, stem = posting_with(write_posting, "## Le problème\n\nLe délégué interministériel est placé auprès du "
                                               "Ministère de l'Intérieur pour coordonner les préfectures.\n\n"
                                               "## Perspectives\n\nL'équipe est financée par le Ministère chargé "
                                               "des transports.\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "financée par le Ministère" in answer.text.splitlines()[1], answer.text


@pytest.mark.parametrize("question", ["c quoi la stack ?", "What's the tech stack?"])
def test_what_the_product_is_built_with_comes_before_what_the_candidate_should_know(write_posting: WritePosting,
                                                                                     question: str) -> None:
    engine, stem = posting_with(write_posting, "## Compétences\n\n- Développement web avec une bonne expérience "
                                               "dans un framework web moderne (NodeJS, Rails, Django, Laravel).\n\n"
                                               "## Le produit\n\n- Un frontend en React\n- Un backend en NodeJS qui "
                                               "expose une API GraphQL\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "frontend en React" in answer.text.splitlines()[1], answer.text


@pytest.mark.parametrize("question", ["le stage est rémunéré ?", "Is the internship paid at all?"])
def test_an_interns_stipend_set_by_law_answers_pay(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Modalités\n\n- Stage de 4 à 6 mois.\n- Gratification légale.\n",
                                roles="chargé·e de déploiement (stage)")
    answer = engine.answer(question, stem)
    assert answer.answered and "Gratification légale." in answer.text, answer.reason


@pytest.mark.parametrize("question", ["c quoi la stack ?", "Which tools do you use?"])
def test_a_line_naming_tools_beyond_the_best_known_answers_the_stack(write_posting: WritePosting,
                                                                    question: str) -> None:
    engine, stem = posting_with(write_posting, "## Le produit\n\nLe service aide les collectivités.\n\n"
                                               "## Au quotidien\n\nNous utilisons Svelte, FastAPI et Grafana.\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "Svelte, FastAPI et Grafana" in answer.text, answer.reason


@pytest.mark.parametrize("question", ["combien d'étudiants utilisent le service aujourd'hui ?",
                                      "les agents utilisent déjà l'outil ?"])
def test_the_people_who_use_a_service_are_no_question_about_the_stack(bundled: Engine, question: str) -> None:
    """"utilisent" says who uses the service, not which tools the team uses ("vous utilisez quoi ?")."""
    assert "stack" not in [intent.name for intent in bundled.matcher.analyse(question).intents]


@pytest.mark.parametrize("question", ["Is it full-time or part-time?", "c'est à temps plein ?"])
def test_days_spent_in_the_office_are_no_working_time(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Modalités\n\nLe travail à distance est possible. Il est préférable "
                                               "de venir travailler régulièrement (1 ou 2 jour par semaine) dans "
                                               "l'espace partagé que nous mettons à disposition.\n")
    assert not engine.answer(question, stem).answered


@pytest.mark.parametrize("question", ["vous bossez sur Figma ou Sketch ?", "Do you use Sketch or Figma?"])
def test_a_line_naming_one_of_two_things_asked_as_alternatives_answers(write_posting: WritePosting,
                                                                        question: str) -> None:
    write_other_postings(write_posting, 8)  # the tools are rare words
    engine, stem = posting_with(write_posting, "## Profil\n\nMaîtrise de Figma : composants, styles, auto-layout.\n",
                                roles="Designer UI")
    answer = engine.answer(question, stem)
    assert answer.answered and "Maîtrise de Figma" in answer.text, answer.reason


@pytest.mark.parametrize("question", ["le salaire c'est combien ?", "what's the salary range?"])
def test_a_salary_of_several_digits_after_its_word_answers_pay(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Contrat\n\n- CDI\n- Salaire : 45-55k€\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "Salaire : 45-55k€" in answer.text, answer.reason


def test_a_public_service_carrying_an_ambition_is_no_organisation(write_posting: WritePosting) -> None:
    engine, stem = posting_with(write_posting, "## Contexte\n\nLe service public de l'insertion et de l'emploi "
                                               "porte l'ambition d'améliorer l'accompagnement des personnes.\n")
    answer = engine.answer("qui porte le projet, quelle direction ?", stem)
    assert "ambition" not in answer.text, answer.text


@pytest.mark.parametrize("question", ["Delta designer freelance mission (2021): do I need a background in sécurité?",
                                      "Mission freelance de designer chez Delta (2021) : faut-il une expérience en "
                                      "sécurité ?"])
def test_a_topic_in_the_words_naming_the_posting_before_a_colon_is_not_asked(write_posting: WritePosting,
                                                                            question: str) -> None:
    """The question asks about experience in security, which the posting does not state; "freelance", in the
    words naming the posting before the colon, asks nothing: the contract line is no answer."""
    engine, stem = posting_with(write_posting, "## Modalités\n\nContrat : freelance, 15 jours au total.\n\n"
                                               "## Profil\n\nExpérience en design d'interfaces.\n\n## Contexte\n\n"
                                               "La sécurité des services publics est notre affaire.\n")
    answer = engine.answer(question, stem)
    assert not answer.answered, answer.text


@pytest.mark.parametrize(("question", "context", "asked"), [
    ("Chez Delta, pour le poste de dev : le TJM c'est combien ?", {"delta", "developpeur"}, {"tjm"}),
    ("Delta product role (animating the community): when does it start?", {"delta", "community"}, {"start"}),
])
def test_the_clauses_that_name_the_posting_are_told_from_the_one_that_asks(
        write_posting: WritePosting, question: str, context: set[str], asked: set[str]) -> None:
    engine, _ = posting_with(write_posting, "## Modalités\n\nTJM : 500 €\n")
    query = engine.matcher.analyse(question)
    assert context <= query.context_words
    assert not asked & query.context_words


# --- question families: end of the mission, "does the job involve X?", who one reports to, the product ----

@pytest.mark.parametrize("question", ["la mission se termine quand ?", "When does the mission end?"])
def test_the_end_of_the_mission_is_answered_by_its_length_not_by_the_missions(write_posting: WritePosting,
                                                                             question: str) -> None:
    engine, stem = posting_with(write_posting, "## Ta mission\n\n- Trouver de nouveaux partenaires\n- Déployer "
                                               "la plateforme\n\n## Conditions\n\nContrat : 6 mois renouvelable\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "6 mois renouvelable" in answer.text and "partenaires" not in answer.text


@pytest.mark.parametrize("question", ["est-ce que le poste implique de faire de la recherche utilisateur ?",
                                      "Does the job involve any user research?"])
def test_does_the_job_involve_x_is_answered_by_the_line_naming_x(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Missions\n\n- Mener la recherche utilisateur avec le designer\n"
                                               "- Développer les fonctionnalités\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "Mener la recherche utilisateur" in answer.text


def test_does_the_job_involve_x_abstains_when_x_is_never_mentioned(write_posting: WritePosting) -> None:
    engine, stem = posting_with(write_posting, "## Missions\n\n- Développer les fonctionnalités\n")
    assert not engine.answer("Does the job involve any user research?", stem).answered


@pytest.mark.parametrize("question", ["who would I report to?", "je serai sous la responsabilité de qui ?"])
def test_a_customer_success_manager_is_not_who_one_reports_to(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Mission\n\nNous renforçons l'équipe Business Developer / "
                                               "Customer success manager.\n")
    assert not engine.answer(question, stem).answered


@pytest.mark.parametrize("question", ["Le process de recrutement ?", "What's the hiring process like?"])
def test_user_interviews_are_not_a_hiring_process(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Missions\n\n- Organiser des entretiens utilisateurs pour "
                                               "recueillir les besoins\n")
    assert not engine.answer(question, stem).answered


@pytest.mark.parametrize("question", ["how does the hiring process work, interviews?", "y a combien d'entretiens ?"])
@pytest.mark.parametrize("line", ["Vous aurez à conduire des entretiens avec les équipes des ministères.",
                                  "Animer des sessions de recherche usager (entretiens individuels, tests)."])
def test_interviews_the_job_holds_are_not_the_candidates(write_posting: WritePosting, question: str,
                                                         line: str) -> None:
    engine, stem = posting_with(write_posting, f"## Le rôle\n\n{line}\n")
    assert not engine.answer(question, stem).answered


@pytest.mark.parametrize("question", ["what's the product exactly?", "c'est quoi le produit ?"])
def test_the_product_is_told_by_a_line_that_says_what_it_is_not_by_a_task(write_posting: WritePosting,
                                                                         question: str) -> None:
    engine, stem = posting_with(write_posting, "## Participer à l'amélioration du produit\n\n- Organiser des "
                                               "ateliers pour recueillir les besoins d'évolution du produit\n\n"
                                               "## Contexte\n\nTrackdéchets est l'outil qui permet de suivre les "
                                               "déchets dangereux.\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "l'outil qui permet de suivre" in answer.text.splitlines()[1]


@pytest.mark.parametrize("question", ["la plateforme sert à quoi ?", "What does the product do?",
                                      "À quoi sert la plateforme ?", "à quoi ça sert, le service ?"])
def test_what_a_product_is_for_comes_before_who_carries_it(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Le produit\n\nLa plateforme est portée par l'ADEME et incubée "
                                               "à la DINUM depuis 2020, avec une équipe de six personnes.\n\n"
                                               "Le service a pour objectif d'aider les collectivités à prioriser "
                                               "leurs actions.\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "a pour objectif d'aider les collectivités" in answer.text.splitlines()[1]


@pytest.mark.parametrize("question", ["c'est quoi le Tableau de bord ?", "What is the Tableau de bord?"])
def test_the_line_defining_the_thing_asked_comes_before_one_that_only_names_it(write_posting: WritePosting,
                                                                               question: str) -> None:
    engine, stem = posting_with(write_posting, "## Le produit\n\nL'équipe du Tableau de bord travaille à collecter "
                                               "les données pour permettre aux acteurs de décider.\n\n"
                                               "Le Tableau de bord est un outil de pilotage de la politique de "
                                               "l'apprentissage.\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "est un outil de pilotage" in answer.text.splitlines()[1]


@pytest.mark.parametrize("question", ["What does FUN actually do?", "À quoi sert FUN ?"])
def test_a_line_writing_out_the_acronym_asked_defines_it(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Introduction\n\nPour atteindre cette ambition, FUN doit assurer "
                                               "la production d'une plateforme qui accueille un million d'usagers.\n\n"
                                               "France Université Numérique développe et héberge des plateformes "
                                               "d'apprentissage numérique.\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "développe et héberge des plateformes" in answer.text


@pytest.mark.parametrize("question", ["What is JeVeuxAider, what does the site do?",
                                      "JeVeuxAider, le site sert à quoi ?"])
def test_a_line_opening_on_the_thing_asked_defines_it_after_an_aside(write_posting: WritePosting,
                                                                      question: str) -> None:
    engine, stem = posting_with(write_posting, "## Qui sommes-nous ?\n\nTrois produits ont été imaginés : la "
                                               "plateforme du SNU et la plateforme JeVeuxAider.gouv.fr.\n\n"
                                               "JeVeuxAider.gouv.fr par la Réserve Civique met en relation des "
                                               "bénévoles avec des associations.\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "met en relation des bénévoles" in answer.text.splitlines()[1]


@pytest.mark.parametrize("question", ["le service c'est pour qui ?", "Who is the service for?"])
def test_the_use_of_a_framework_says_nothing_of_the_users(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Ton profil\n\nTu as une solide expérience dans l'utilisation "
                                               "d'un framework Web moderne.\n")
    assert not engine.answer(question, stem).answered


@pytest.mark.parametrize("question", ["le service c'est pour qui ?", "Who is the service for?"])
def test_who_benefits_from_a_service_says_its_users(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Ton profil\n\nTu as une solide expérience dans l'utilisation "
                                               "d'un framework Web moderne.\n\n## Le projet\n\nGrâce à la "
                                               "plateforme, les élus locaux bénéficient enfin d'un espace unique.\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "les élus locaux bénéficient" in answer.text


def test_does_the_job_involve_x_is_not_answered_by_the_words_of_x_apart(write_posting: WritePosting) -> None:
    engine, stem = posting_with(write_posting, "## Qui sommes-nous ?\n\nNous recherchons une personne proche de nos "
                                               "utilisateurs.\n")
    assert not engine.answer("est-ce que le poste implique de faire de la recherche utilisateur ?", stem).answered


def test_either_thing_asked_together_is_a_subject_of_its_own(write_posting: WritePosting) -> None:
    engine, stem = posting_with(write_posting, "## Méthodes\n\n- Développement orienté par les tests (TDD)\n"
                                               "- Intégration continue\n")
    answer = engine.answer("Est-ce qu'on fait du TDD et des revues de code ?", stem)
    assert answer.answered and "TDD" in answer.text


# --- the question's own subject, whole --------------------------------------------------------------

TEAM = "## L'équipe\n\n- Marie : responsable du déploiement\n- Anthonny : lead développeur\n- Olivier : intrapreneur\n"


@pytest.mark.parametrize("question", ["le product owner de l'équipe c'est qui ?", "Who is the product owner?"])
def test_who_is_a_role_the_team_does_not_name_is_not_answered_by_the_team(write_posting: WritePosting,
                                                                          question: str) -> None:
    engine, stem = posting_with(write_posting, TEAM)
    assert not engine.answer(question, stem).answered


def test_who_is_a_role_the_team_names_is_answered_by_its_line(write_posting: WritePosting) -> None:
    engine, stem = posting_with(write_posting, TEAM)
    answer = engine.answer("qui est l'intrapreneur de l'équipe ?", stem)
    assert answer.answered and answer.text.splitlines()[1] == "Olivier : intrapreneur"


def test_a_question_read_by_its_words_needs_a_line_naming_all_of_them(write_posting: WritePosting) -> None:
    engine, stem = posting_with(write_posting, "## Profil\n\nUn intérêt pour la formation professionnelle.\n\n"
                                               "## Projet\n\nLe budget du projet est financé par le ministère.\n")
    assert not engine.answer("Is there a training budget?", stem).answered


@pytest.mark.parametrize("question", ["can it be extended?", "la mission peut-elle être prolongée ?"])
def test_the_pursuit_of_development_work_is_no_renewal(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Missions\n\n- Reprise du code et poursuite du développement des "
                                               "plateformes web\n")
    assert not engine.answer(question, stem).answered


# --- competing intents, open source ---------------------------------------------------------------------

@pytest.mark.parametrize("question", ["Le télétravail est possible, et les horaires sont flexibles ?",
                                      "Is remote work possible, and are the working hours flexible?"])
def test_two_things_asked_alike_show_the_best_line_of_each(write_posting: WritePosting,
                                                                            question: str) -> None:
    engine, stem = posting_with(write_posting, "## Modalités\n\nTélétravail deux jours par semaine.\n\n"
                                               "## Organisation\n\nHoraires flexibles, réunion d'équipe le lundi.\n")
    answer = engine.answer(question, stem)
    assert answer.answered
    lines = answer.text.splitlines()
    assert sorted(lines) == sorted(["« Modalités »", "Télétravail deux jours par semaine.",
                                    "« Organisation »", "Horaires flexibles, réunion d'équipe le lundi."])
    assert lines[1] == answer.passages[0].text  # the leading intent's line first


@pytest.mark.parametrize("question", ["is the code open source?", "le code est-il en open source ?",
                                      "y a un repo github ?"])
def test_open_source_is_answered_by_a_line_about_the_code(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Profil\n\nAisance à travailler sur un produit Open Source "
                                               "([dépôt](https://github.com/example/delta)).\n\n"
                                               "## Missions\n\n- Écrire du code de qualité\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "Open Source" in answer.text


def test_open_source_is_not_answered_by_a_posting_that_never_says(write_posting: WritePosting) -> None:
    engine, stem = posting_with(write_posting, "## Missions\n\n- Écrire du code de qualité\n")
    assert not engine.answer("is the code open source?", stem).answered


@pytest.mark.parametrize("question", ["le code produit sera publié en open source ?", "is the code open source?"])
def test_open_source_as_the_candidates_culture_or_github_as_a_tool_says_nothing_of_the_code(
        write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Profil\n\nVous vous intéressez aux pratiques de contribution en "
                                               "vigueur dans le monde du logiciel libre : pull-requests, code "
                                               "reviews.\n\n## Comment nous travaillons\n\nLes outils que nous "
                                               "utilisons sont GitHub, Slack et Trello.\n")
    assert not engine.answer(question, stem).answered


@pytest.mark.parametrize("question", ["le code du projet est dispo sur github ?", "is the code open source?"])
@pytest.mark.parametrize("line", ["Vous avez déjà participé et contribué à des outils open source.",
                                  "Vous avez l'habitude de contribuer à des logiciels libres (issues, PR).",
                                  "Contributeur de projets open source"])
def test_the_candidates_own_contributions_to_open_source_say_nothing_of_the_code(
        write_posting: WritePosting, question: str, line: str) -> None:
    engine, stem = posting_with(write_posting, f"## Votre profil\n\n- {line}\n")
    assert not engine.answer(question, stem).answered


def test_managing_source_code_with_git_says_nothing_of_an_open_licence(write_posting: WritePosting) -> None:
    engine, stem = posting_with(write_posting, "## Votre profil\n\nVous êtes habitué à gérer du code source via "
                                               "GIT.\n")
    assert not engine.answer("le code est open source ? il est sur github ?", stem).answered


def test_knowing_open_source_is_a_skill_asked(write_posting: WritePosting) -> None:
    engine, stem = posting_with(write_posting, "## Compétences\n\nVous avez l'habitude des modalités de "
                                               "contribution du logiciel libre (issues, PR).\n")
    answer = engine.answer("faut connaître le logiciel libre ?", stem)
    assert answer.answered and "modalités de contribution" in answer.text


@pytest.mark.parametrize("question", ["c en freelance ou en contrat ?",
                                      "Is this a freelance or an employment contract?"])
def test_providers_or_entrepreneurs_in_the_products_world_are_no_contract(write_posting: WritePosting,
                                                                          question: str) -> None:
    engine, stem = posting_with(write_posting, "## Le produit\n\nLe registre permet de vérifier les prestataires "
                                               "actuels ou potentiels, et offre un simulateur pour les "
                                               "auto-entrepreneurs.\n")
    assert not engine.answer(question, stem).answered


def test_working_as_a_provider_is_a_contract(write_posting: WritePosting) -> None:
    engine, stem = posting_with(write_posting, "## Modalités\n\nMission ouverte en tant que prestataire.\n")
    answer = engine.answer("c en freelance ou en contrat ?", stem)
    assert answer.answered and "en tant que prestataire" in answer.text


@pytest.mark.parametrize("question", ["how many ppl on the team?", "l'équipe fait combien de personnes ?"])
def test_the_staff_of_an_administration_is_no_team_size(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Qui sommes-nous ?\n\nMoins de 3 000 agents de la DGCCRF "
                                               "contrôlent 10 millions d'établissements.\n")
    assert not engine.answer(question, stem).answered


@pytest.mark.parametrize("question", ["how many ppl on the team?", "l'équipe fait combien de personnes ?"])
def test_a_team_listed_under_its_heading_gives_its_size(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Qui sommes-nous ?\n\nMoins de 3 000 agents de la DGCCRF "
                                               "contrôlent 10 millions d'établissements.\n\n## L'équipe\n\n"
                                               "- 1 intrapreneur\n- 3 bizdev\n- 2 développeurs\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "3 bizdev" in answer.text and "DGCCRF" not in answer.text


@pytest.mark.parametrize("question", ["How big is the current team?", "l'équipe fait combien de personnes ?"])
def test_the_people_hired_are_no_team_size(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "La Startup d'État Aidants Connect recherche deux développeurs full "
                                               "stack pour accompagner sa phase d'accélération.\n")
    assert not engine.answer(question, stem).answered


@pytest.mark.parametrize("question", ["y a des astreintes le weekend ?", "Are the working hours flexible?"])
def test_the_time_a_product_organises_is_no_working_hours(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "RDV-Solidarités est un outil de prise de RDV en ligne et "
                                               "d'organisation du temps des agents lancé en 2019.\n")
    assert not engine.answer(question, stem).answered


def test_years_of_experience_wished_are_no_length_of_the_mission(write_posting: WritePosting) -> None:
    engine, stem = posting_with(write_posting, "## Profil\n\nExpérience souhaitée de 4 à 5 ans minimum ;\n")
    assert not engine.answer("how long would I be hired for?", stem).answered


# --- "how many?" needs a figure -------------------------------------------------------------------

@pytest.mark.parametrize("question", ["How many candidates?", "combien de candidats ?"])
def test_how_many_is_not_answered_by_a_line_without_a_figure(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Profil\n\nTu as envie de changer la vie des candidats à la "
                                               "VAE.\n\n## Candidater\n\nEnvoie ton CV à jo@beta.gouv.fr\n")
    assert not engine.answer(question, stem).answered


@pytest.mark.parametrize("question", ["y a combien d'utilisateurs sur la plateforme aujourd'hui ?",
                                      "combien d'utilisateurs utilisent la plateforme ?"])
def test_how_many_of_a_topic_with_its_own_evidence_still_needs_a_figure(write_posting: WritePosting,
                                                                      question: str) -> None:
    """Lines saying what the product is answer "what is it?", not "how many use it?"."""
    engine, stem = posting_with(write_posting, "## Notre produit\n\n**Delta**, c’est une plateforme qui **met en "
                                               "relation des aidants** avec des agents publics.\n\nC'est le "
                                               "travailleur social qui utilise la plateforme pour répondre au "
                                               "problème de l'utilisateur.\n")
    assert not engine.answer(question, stem).answered


@pytest.mark.parametrize("question", ["How many remote days per week are allowed?",
                                      "combien de jours de télétravail ?"])
def test_how_many_remote_days_needs_a_count_of_days_not_a_district(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Conditions d'exercice\n\nVous travaillez en présentiel (Paris 12°) "
                                               "et en télétravail.\n")
    assert not engine.answer(question, stem).answered


def test_how_many_remote_days_is_answered_by_a_count_of_days(write_posting: WritePosting) -> None:
    engine, stem = posting_with(write_posting, "## Modalités\n\nTélétravail possible 2 jours par semaine.\n")
    answer = engine.answer("How many remote days per week are allowed?", stem)
    assert answer.answered and "2 jours par semaine" in answer.text


def test_how_much_is_answered_by_how_pay_is_set_without_a_figure(write_posting: WritePosting) -> None:
    engine, stem = posting_with(write_posting, "## Modalités\n\nRémunération : à discuter selon profil.\n")
    answer = engine.answer("c payé combien ?", stem)
    assert answer.answered and "à discuter" in answer.text


def test_how_many_is_answered_by_a_line_with_a_figure(write_posting: WritePosting) -> None:
    engine, stem = posting_with(write_posting, "## Le projet\n\nNous attendons 3000 candidats d'ici 1 an.\n\n"
                                               "## Profil\n\nTu as envie de changer la vie des candidats.\n")
    answer = engine.answer("vous attendez combien de candidats ?", stem)
    assert answer.answered and "3000 candidats" in answer.text


# --- a line as good but for its heading is shown too ---------------------------------------------

@pytest.mark.parametrize("question", ["remote possible ?", "le télétravail est possible ?"])
def test_a_line_as_good_but_for_its_heading_is_shown_beside_the_best(write_posting: WritePosting,
                                                                     question: str) -> None:
    engine, stem = posting_with(write_posting, "## Environnement de travail\n\nL'équipe est à Paris et Lyon ; "
                                               "nous travaillons le plus souvent en remote.\n\n## Quand / comment ?\n\n"
                                               "Remote friendly (réunion à Paris plusieurs fois par an).\n")
    answer = engine.answer(question, stem)
    assert answer.answered
    assert "plus souvent en remote" in answer.text and "Remote friendly" in answer.text


# --- the thing asked about picks the line ------------------------------------------------------------

@pytest.mark.parametrize("question", ["faut une expérience dans le numérique ?", "do I need experience in digital?"])
def test_a_line_naming_what_the_question_asks_about_wins_over_a_closer_heading(write_posting: WritePosting,
                                                                               question: str) -> None:
    engine, stem = posting_with(write_posting, "## Profil recherché\n\nExpérience : 3 ans d'expérience "
                                               "professionnelle minimum, junior ou senior.\n\n## Contexte\n\nAucune "
                                               "expérience requise dans le numérique (digital) : une expérience du "
                                               "terrain suffit.\n")
    answer = engine.answer(question, stem)
    assert answer.answered and answer.text.split("\n")[1].startswith("Aucune expérience requise")


# --- a broad topic answered only by a line naming what the question asks about ------------------------

SKILLS = ("## Profil recherché\n\n- Expérience de l'animation d'ateliers\n- Aisance à l'oral\n\n## Missions\n\n"
          "- Accompagner les collectivités avec les méthodes de design thinking\n")


@pytest.mark.parametrize("question", ["faut connaître le design thinking ?", "Do I need to know design thinking?"])
def test_a_skill_named_by_the_question_is_answered_by_the_line_naming_it(write_posting: WritePosting,
                                                                         question: str) -> None:
    engine, stem = posting_with(write_posting, SKILLS)
    answer = engine.answer(question, stem)
    assert answer.answered and "design thinking" in answer.text


@pytest.mark.parametrize("question", ["faut savoir coder un peu ?", "Do I need to know how to code?"])
def test_a_skill_named_by_the_question_and_no_line_is_not_answered_by_other_skills(write_posting: WritePosting,
                                                                                   question: str) -> None:
    engine, stem = posting_with(write_posting, SKILLS)
    assert not engine.answer(question, stem).answered


def test_a_tool_is_named_by_a_longer_form_of_its_name(write_posting: WritePosting) -> None:
    engine, stem = posting_with(write_posting, "## Compétences\n\n- ReactJS pour le frontend\n- Goût du travail en "
                                               "équipe\n")
    answer = engine.answer("Is React required?", stem)
    assert answer.answered and "ReactJS pour le frontend" in answer.text


def test_words_of_the_topic_itself_are_not_a_subject_the_line_must_name(write_posting: WritePosting) -> None:
    engine, stem = posting_with(write_posting, "## Processus\n\n- Un premier entretien en visio\n"
                                               "- Un second entretien avec l'équipe\n")
    assert engine.answer("le recrutement c'est combien d'entretiens ?", stem).answered


@pytest.mark.parametrize("question", [
    "Pour le poste de dev (quand le site était encore expérimenté dans 3 régions) : la mission dure combien ?",
    "Dev job (the one asking for experienced people): how long is the mission?"])
def test_a_topic_named_in_parentheses_is_context_not_the_question(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Modalités\n\nMission de 3 mois.\n\n## Profil\n\n"
                                               "- Expérience de 5 ans en développement\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "Mission de 3 mois." in answer.text


def test_years_the_product_has_run_are_no_length_of_the_mission(write_posting: WritePosting) -> None:
    engine, stem = posting_with(write_posting, "## La mission\n\nAprès 4 années de fonctionnement du registre, "
                                               "l'entrée en vigueur de l'obligation marque un tournant.\n")
    assert not engine.answer("la mission dure combien de temps ?", stem).answered


@pytest.mark.parametrize("question", ["ca dure combien ?", "How long does the mission last?"])
@pytest.mark.parametrize("line", ["DataPass permet de passer d'un délai de 6 mois à quelques jours pour ouvrir.",
                                  "Tu es conscient·e du coût à long terme de tes choix technologiques.",
                                  "Le service leur donne une vision sur le long terme de leur formation."])
def test_a_delay_or_a_term_that_qualifies_another_thing_is_no_length_of_the_mission(
        write_posting: WritePosting, question: str, line: str) -> None:
    engine, stem = posting_with(write_posting, f"## Contexte\n\n{line}\n")
    assert not engine.answer(question, stem).answered


@pytest.mark.parametrize("question", ["la mission dure combien de temps ?", "How long is the contract?"])
@pytest.mark.parametrize("line", ["L'application d'éducation à la santé pour les jeunes de moins de 25 ans.",
                                  "Le service est passé de 10 000 dossiers à 100 000 dossiers 18 mois plus tard.",
                                  "L'équipe existe depuis 3 ans et a été lancée il y a 3 ans par deux agents."])
def test_an_age_or_a_time_elapsed_is_no_length_of_the_mission(write_posting: WritePosting, question: str,
                                                              line: str) -> None:
    engine, stem = posting_with(write_posting, f"## Le produit\n\n{line}\n")
    assert not engine.answer(question, stem).answered


@pytest.mark.parametrize("question", ["ca dure combien ?", "How long does the mission last?"])
def test_working_together_over_the_long_term_is_a_length(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Profil\n\n- Volonté pour travailler ensemble sur le long terme\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "sur le long terme" in answer.text


@pytest.mark.parametrize(("question", "line"), [
    ("Is it freelance?", "Nous recrutons des freelances, disponibles entre 1 à 4 jours par semaine."),
    ("How long is the mission?", "Vous serez disponible pendant les 6 prochains mois."),
    ("ca commence quand ?", "La date de début de mission est à discuter."),
    ("c combien de jours par semaine ?", "Nombre de jours travaillés par semaine à discuter"),
])
def test_terms_said_in_passing_or_left_open_answer(write_posting: WritePosting, question: str, line: str) -> None:
    """A line that says the term is open ("à discuter") answers as well as one that fixes it."""
    engine, stem = posting_with(write_posting, f"## Pour postuler\n\n{line}\n\n## Produit\n\nUn service public.\n")
    answer = engine.answer(question, stem)
    assert answer.answered and line in answer.text, (answer.reason, answer.text)


def test_a_term_left_open_answers_only_what_it_is_about(write_posting: WritePosting) -> None:
    engine, stem = posting_with(write_posting, "## Rémunération\n\nLe TJM est à discuter.\n")
    assert not engine.answer("ca commence quand ?", stem).answered


@pytest.mark.parametrize("question", ["l'equipe c combien de personnes ?", "How big is the team?"])
@pytest.mark.parametrize("line", ["Intégrer l'équipe API, constituée d'une dizaine de personnes à Etalab",
                                  "La mission pour l'apprentissage compte une 20e de membres, spécialistes et devs."])
def test_a_rough_count_of_people_answers_the_size_of_the_team(write_posting: WritePosting, question: str,
                                                              line: str) -> None:
    engine, stem = posting_with(write_posting, f"## Qui sommes-nous ?\n\n{line}\n")
    answer = engine.answer(question, stem)
    assert answer.answered and line in answer.text, (answer.reason, answer.text)


@pytest.mark.parametrize("question", ["is there a set end date for the mission?", "la mission est renouvelable ?",
                                      "ca dure combien ?"])
def test_renewable_energy_says_nothing_of_the_contract(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## L'équipe\n\nCette petite équipe veut améliorer le suivi des projets "
                                               "d'énergies renouvelables électriques.\n")
    assert not engine.answer(question, stem).answered


@pytest.mark.parametrize("question", ["how soon do you need people?", "vous avez besoin de qqn pour quand ?"])
def test_available_from_this_summer_is_a_start(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## L'équipe\n\nL'équipe compte trois développeurs.\n\n## Besoins\n\n"
                                               "Nous avons besoin de trois développeurs disponibles dès cet été.\n",
                                stem="2018-06-18-dev")
    answer = engine.answer(question, stem)
    assert answer.answered and "dès cet été" in answer.text, (answer.reason, answer.text)


APPRENTICESHIP_WORLD = ("## Qui sommes-nous ?\n\nL'apprentissage est en plein essor : nous développons des outils "
                        "facilitant les entrées en apprentissage, avec les entreprises qui recrutent des apprentis.\n\n"
                        "## L'équipe\n\nL'équipe est composée de 4 développeurs (dont un apprenti) et une designer.\n")


@pytest.mark.parametrize("question", ["c ouvert aux alternants ?", "Is it freelance or a public-service contract?",
                                      "Could I do it as an apprenticeship?"])
def test_apprentices_of_the_products_world_or_of_the_team_say_nothing_of_ones_contract(write_posting: WritePosting,
                                                                                       question: str) -> None:
    engine, stem = posting_with(write_posting, APPRENTICESHIP_WORLD)
    assert not engine.answer(question, stem).answered


def test_a_job_open_to_apprentices_says_so(write_posting: WritePosting) -> None:
    engine, stem = posting_with(write_posting, APPRENTICESHIP_WORLD + "\n## Contrat\n\nPoste ouvert en alternance.\n")
    answer = engine.answer("c ouvert aux alternants ?", stem)
    assert answer.answered and "Poste ouvert en alternance." in answer.text, (answer.reason, answer.text)


@pytest.mark.parametrize("question", ["c'est ou les bureaux ?", "Where is the job based?"])
def test_the_defence_of_rights_is_no_la_defense(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Compétences\n\n- La défense des droits des consommateurs vous tient "
                                               "à coeur\n")
    assert not engine.answer(question, stem).answered


@pytest.mark.parametrize("question", ["c'est ou les bureaux ?", "Where is the job based?"])
def test_la_defense_the_business_district_is_a_place(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Modalités\n\n- Poste basé à La Défense (Grande Arche)\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "La Défense" in answer.text, (answer.reason, answer.text)


@pytest.mark.parametrize("question", ["il y a combien de tuteurs dans le référentiel ?",
                                      "How many tutors are in the directory?"])
def test_how_many_read_by_its_words_needs_a_figure_not_an_article(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Présentation\n\nLe référentiel recense les tuteurs (tutors) de "
                                               "chaque département dans une base (directory) partagée.\n")
    assert not engine.answer(question, stem).answered


@pytest.mark.parametrize("question", ["le TJM c combien ?", "What's the salary?"])
def test_a_budget_or_a_cost_is_no_pay(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Contexte\n\nDans le cadre d'une enveloppe de 30 millions d'euros "
                                               "du plan France Relance, le programme finance des projets.\n\n"
                                               "## Problème\n\nCalculer un impact coûte de quelques milliers à "
                                               "plusieurs dizaines de milliers d'euros par produit.\n")
    assert not engine.answer(question, stem).answered


@pytest.mark.parametrize(("question", "line"), [("le TJM c combien ?", "TJM : 600 € HT"),
                                                ("What's the salary?", "entre 45 et 55 k€ brut annuel")])
def test_a_rate_or_a_salary_is_pay(write_posting: WritePosting, question: str, line: str) -> None:
    engine, stem = posting_with(write_posting, "## Rémunération\n\n- TJM : 600 € HT\n- Pour un contrat : entre "
                                               "45 et 55 k€ brut annuel\n")
    answer = engine.answer(question, stem)
    assert answer.answered and line in answer.text


def test_a_month_before_the_posting_is_history_not_a_start_date(write_posting: WritePosting) -> None:
    engine, stem = posting_with(write_posting, "## Équipe\n\nUn comité d'orientation a été installé en mars 2018.\n",
                                stem="2018-08-14-charge-territorial")
    assert not engine.answer("la prise de poste c'est pour quand ?", stem).answered


@pytest.mark.parametrize("question", ["ca demarre quand ?", "When does the job start?"])
def test_the_project_that_has_started_is_history_and_a_compter_du_is_the_start(write_posting: WritePosting,
                                                                               question: str) -> None:
    engine, stem = posting_with(write_posting, "## Le projet\n\nA-JUST est une start-up d'Etat qui a démarré en "
                                               "septembre sa première phase de construction.\n\n## Modalités\n\n"
                                               "- Quand ? A compter du 1er décembre 2021\n",
                                stem="2021-11-25-designer")
    answer = engine.answer(question, stem)
    assert answer.answered and "A compter du 1er décembre 2021" in answer.text and "a démarré" not in answer.text


@pytest.mark.parametrize("question", ["Démarrage prévu à quelle date ?", "When does it start?"])
def test_a_day_written_in_figures_before_the_posting_is_no_start_date(write_posting: WritePosting,
                                                                      question: str) -> None:
    engine, stem = posting_with(write_posting, "# Data scientist\n\nPoste ouvert le 3/05/2019\n",
                                stem="2019-05-07-data-scientist")
    assert not engine.answer(question, stem).answered


def test_a_day_written_in_figures_after_the_posting_is_a_start_date(write_posting: WritePosting) -> None:
    engine, stem = posting_with(write_posting, "## Modalités\n\nPoste ouvert à partir du 3/06/2019\n",
                                stem="2019-05-07-data-scientist")
    answer = engine.answer("Démarrage prévu à quelle date ?", stem)
    assert answer.answered and "3/06/2019" in answer.text


def test_a_month_after_the_posting_is_a_start_date(write_posting: WritePosting) -> None:
    engine, stem = posting_with(write_posting, "## Modalités\n\nDémarrage en septembre 2018.\n",
                                stem="2018-08-14-charge-territorial")
    answer = engine.answer("la prise de poste c'est pour quand ?", stem)
    assert answer.answered and "septembre 2018" in answer.text


# --- days of presence and timetables are no working time ------------------------------------------------

@pytest.mark.parametrize("question", ["c'est un temps plein ou un temps partiel ?", "Is it a full-time job?"])
@pytest.mark.parametrize("line", ["Nous avons besoin de vous croiser quelques jours par semaine dans nos bureaux.",
                                  "Télétravail possible, avec deux jours par semaine sur site.",
                                  "Remote friendly: we meet two days a week in the office.",
                                  "Poste basé à Paris, télétravail possible avec présence nécessaire plusieurs jours "
                                  "par semaine.",
                                  "Télétravail jusqu'à trois jours par semaine."])
def test_days_of_presence_do_not_say_how_much_one_works(write_posting: WritePosting, question: str,
                                                        line: str) -> None:
    engine, stem = posting_with(write_posting, f"## Travail à distance\n\n{line}\n")
    assert not engine.answer(question, stem).answered


@pytest.mark.parametrize("question", ["c'est un temps plein ou un temps partiel ?", "how many days a week?"])
@pytest.mark.parametrize("line", ["Mission de 3 jours par semaine.",
                                  "Disponibilité : 4 jours par semaine en télétravail.", "Part time, 3 days a week."])
def test_days_a_week_of_work_answer_the_working_time(write_posting: WritePosting, question: str, line: str) -> None:
    engine, stem = posting_with(write_posting, f"## Contexte\n\nLe service aide les usagers.\n\n"
                                               f"## Conditions\n\n{line}\n")
    answer = engine.answer(question, stem)
    assert answer.answered and line in answer.text


@pytest.mark.parametrize("question", ["c'est 5 jours par semaine ?", "Is it five days a week?"])
def test_a_timetable_the_product_shows_is_no_working_hours(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Le produit\n\nLa plateforme publie les horaires des lignes de bus "
                                               "et les données horaires des trains.\n")
    assert not engine.answer(question, stem).answered


# --- a decimal figure is no fraction of the week ----------------------------------------------------------

@pytest.mark.parametrize("question", ["Can I do it part-time, like 4 days a week?", "c'est à 4/5 possible ?"])
@pytest.mark.parametrize("line", ["Un produit qui fête ses 4 ans et permet 1,5 millions de connexions par mois.",
                                  "Le budget du programme est de 2,5 M€ sur trois ans."])
def test_a_decimal_figure_is_no_share_of_the_week(write_posting: WritePosting, question: str, line: str) -> None:
    """"1,5 millions" reads "1 5 millions", as "4/5" reads "4 5": the unit after it tells them apart."""
    engine, stem = posting_with(write_posting, f"## Le poste\n\n{line}\n")
    assert not engine.answer(question, stem).answered


@pytest.mark.parametrize("question", ["Can I do it part-time, like 4 days a week?", "c'est à 4/5 possible ?"])
def test_four_fifths_is_a_share_of_the_week(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Modalités\n\nPoste à 4/5 possible.\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "4/5" in answer.text


# --- a candidate's own GitHub is no open-source code --------------------------------------------------

@pytest.mark.parametrize("question", ["le code sera open source ?", "Is the code open source?"])
@pytest.mark.parametrize("line", ["Ajoutez votre CV ou le lien vers votre compte LinkedIn ou GitHub.",
                                  "Send us your resume and your GitHub or LinkedIn profile."])
def test_the_candidates_github_profile_does_not_say_the_code_is_open(write_posting: WritePosting, question: str,
                                                                     line: str) -> None:
    engine, stem = posting_with(write_posting, f"## Candidater\n\n{line}\n")
    assert not engine.answer(question, stem).answered


@pytest.mark.parametrize("question", ["le code sera open source ?", "Is the code open source?"])
def test_the_products_code_on_github_says_it_is_open(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Le produit\n\nTout notre code est sur GitHub.\n\n"
                                               "## Candidater\n\nEnvoyez votre CV ou votre profil LinkedIn.\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "Tout notre code est sur GitHub." in answer.text


# --- the last day to apply is no start date ----------------------------------------------------------

@pytest.mark.parametrize("question", ["ça commence quand ?", "When does the job start?"])
@pytest.mark.parametrize("line", ["Adressez votre candidature à recrutement@example.org avant le 31 mai 2020.",
                                  "Candidatures ouvertes jusqu’au 15 juin 2020."])
def test_the_last_day_to_apply_is_no_start_date(write_posting: WritePosting, question: str, line: str) -> None:
    engine, stem = posting_with(write_posting, f"## Informations complémentaires\n\n{line}\n", stem="2020-05-01-dev")
    assert not engine.answer(question, stem).answered


@pytest.mark.parametrize("question", ["ça commence quand ?", "When does the job start?"])
def test_a_month_to_come_beside_the_last_day_to_apply_is_the_start(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Informations complémentaires\n\nCandidatures avant le 31 mai 2020, "
                                               "pour un démarrage en septembre 2020.\n", stem="2020-05-01-dev")
    answer = engine.answer(question, stem)
    assert answer.answered and "septembre 2020" in answer.text


# --- a mission's terms say nothing of what one does ---------------------------------------------------

@pytest.mark.parametrize("question", ["je ferai quoi au quotidien ?", "What will I be working on?"])
def test_the_terms_of_a_mission_are_not_its_tasks(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Contexte\n\nLe service aide les usagers.\n\n## Conditions\n\n"
                                               "- Mission de 6 mois, renouvelable.\n- Mission 3 jours par semaine.\n"
                                               "- Mission proposée pour un indépendant.\n")
    assert not engine.answer(question, stem).answered


@pytest.mark.parametrize("question", ["je ferai quoi au quotidien ?", "What will I be working on?"])
def test_a_mission_to_carry_out_is_a_task(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Contexte\n\nLe service aide les usagers.\n\n## Conditions\n\n"
                                               "- Mission de 6 mois, renouvelable.\n\n## Profil\n\n"
                                               "Votre mission : concevoir les parcours des usagers.\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "concevoir les parcours" in answer.text


# --- the title answers how many are hired, when it says so -----------------------------------------

@pytest.mark.parametrize("question", ["Vous recrutez combien de personnes ?", "How many people are you hiring?"])
def test_a_title_with_a_figure_answers_how_many_are_hired(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Missions\n\nAccompagner les équipes.\n",
                                roles="\"L'incubateur recherche : trois chargé·e·s de déploiement\"")
    answer = engine.answer(question, stem)
    assert answer.answered and "trois chargé·e·s de déploiement" in answer.text


@pytest.mark.parametrize("question", ["y a combien de postes ?", "How many positions are open?"])
def test_a_title_opening_with_a_figure_and_a_role_answers_how_many_are_hired(write_posting: WritePosting,
                                                                             question: str) -> None:
    engine, stem = posting_with(write_posting, "## Modalités\n\nPostes en CDD pour une durée de 4 à 6 mois avant "
                                               "un éventuel recrutement en CDI.\n",
                                roles="5 chargé·e·s de développement territorial")
    answer = engine.answer(question, stem)
    assert answer.answered and "5 chargé·e·s" in answer.text
    assert "4 à 6 mois" not in answer.text  # a length of time says nothing of how many are hired


@pytest.mark.parametrize("question", ["y a combien de postes ?", "How many people are you hiring?"])
def test_a_title_without_a_figure_does_not_say_how_many_are_hired(write_posting: WritePosting,
                                                                  question: str) -> None:
    engine, stem = posting_with(write_posting, "## Missions\n\nAccompagner les équipes.\n",
                                roles="Chargé·e de déploiement pour 6 mois")
    assert not engine.answer(question, stem).answered


# --- an English word a French posting never writes: the guard looks for the French word too ------------

def test_an_english_word_is_found_in_the_posting_by_its_french_word(write_posting: WritePosting) -> None:
    engine, stem = posting_with(write_posting, "## Missions\n\nMonter en qualité les données existantes "
                                               "(nettoyage des données, dédoublonnage).\n")
    answer = engine.answer("What kind of data cleaning is involved?", stem)
    assert answer.answered and "nettoyage des données" in answer.text


def test_an_english_word_whose_french_word_the_posting_never_writes_still_means_it_does_not_say(
        write_posting: WritePosting) -> None:
    engine, stem = posting_with(write_posting, "## Missions\n\nMonter en qualité les données existantes "
                                               "(dédoublonnage, encodage).\n")
    assert not engine.answer("What kind of data cleaning is involved?", stem).answered


@pytest.mark.parametrize("question", ["vous hébergez où actuellement ?", "Which hosting provider do you use?"])
def test_hosting_named_as_a_task_says_nothing_of_where_the_service_is_hosted(write_posting: WritePosting,
                                                                            question: str) -> None:
    engine, stem = posting_with(write_posting, "## Ta mission\n\n- Assurer la disponibilité du site : l'hébergement, "
                                               "le déploiement ou la sécurité\n- Changement d'hébergement\n\n"
                                               "## Exigées\n\nNodeJS avec un serveur http (express)\n")
    assert not engine.answer(question, stem).answered


@pytest.mark.parametrize("question", ["vous hébergez où actuellement ?", "Which hosting provider do you use?"])
def test_a_host_named_says_where_the_service_is_hosted(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Ta mission\n\n- Gérer l'hébergement et le déploiement\n\n"
                                               "## Stack\n\n- Le backend est en Django, hébergé chez Scalingo\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "hébergé chez Scalingo" in answer.text


APPLY_WITH_RATE = ("## Candidater\n\nEnvoyez-nous votre CV, un lien vers vos projets passés, ainsi que votre TJM à "
                   "equipe@example.org\n")


@pytest.mark.parametrize("question", ["c payé combien ? TJM max ?", "How much is the daily rate?", "TJM ?",
                                      "Quel TJM est proposé ?", "What daily rate do you offer?"])
def test_the_candidates_own_rate_asked_for_says_nothing_of_how_much_the_job_pays(write_posting: WritePosting,
                                                                   question: str) -> None:
    engine, stem = posting_with(write_posting, APPLY_WITH_RATE)
    assert not engine.answer(question, stem).answered


@pytest.mark.parametrize("question", ["je dois indiquer mon TJM dans la candidature ?",
                                      "Do I need to state my daily rate when I apply?"])
def test_stating_ones_own_rate_is_answered_by_the_line_asking_for_it(write_posting: WritePosting,
                                                                     question: str) -> None:
    engine, stem = posting_with(write_posting, APPLY_WITH_RATE)
    answer = engine.answer(question, stem)
    assert answer.answered and "votre TJM" in answer.text


PITCH = ("Vous voulez mettre vos compétences au profit du service public ? Vous souhaitez travailler dans une "
         "petite équipe autonome, agile, et proche de ses utilisateurs ? Delta recherche un·e UX designer senior !")


@pytest.mark.parametrize("question", ["vous bossez en agile ?", "Do you work in an agile way?"])
def test_a_line_of_questions_to_the_reader_gives_way_to_a_line_that_states_the_fact(write_posting: WritePosting,
                                                                                  question: str) -> None:
    engine, stem = posting_with(write_posting, f"{PITCH}\n\n## Conditions\n\n- Pour partie à la DINUM, 20 avenue "
                                               "de Ségur à Paris. Le/La stagiaire intègrera une équipe autonome de "
                                               "5 personnes et évoluera dans un fonctionnement Agile (Lean "
                                               "Startup).\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "fonctionnement Agile (Lean Startup)" in answer.text.splitlines()[1]


@pytest.mark.parametrize("question", ["c'est un poste plutôt senior ou junior ?", "Is this a senior role?"])
def test_what_follows_the_questions_to_the_reader_is_read_as_a_fact(write_posting: WritePosting,
                                                                    question: str) -> None:
    engine, stem = posting_with(write_posting, f"{PITCH}\n\n## Environnement de travail\n\nL'équipe suit un "
                                               "fonctionnement agile.\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "UX designer senior" in answer.text


@pytest.mark.parametrize("question", ["le produit sert à quoi concrètement ?", "What is the product for?"])
def test_the_teams_stated_mission_says_what_the_product_is_for(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Qui sommes-nous ?\n\nLa Startup d'État a démarré en juin 2018. "
                                               "Un premier travail de terrain a été réalisé auprès des agents de "
                                               "la plateforme.\n\nDelta est une Startup d'État du ministère des "
                                               "Armées.\n\nNotre mission : simplifier le recrutement de "
                                               "contractuels pour soutenir les métiers du ministère.\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "simplifier le recrutement" in answer.text.splitlines()[1]


@pytest.mark.parametrize("question", ["la plateforme c'est pour qui ?", "Who uses the platform?"])
def test_an_agent_public_who_started_the_project_is_no_user(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Le projet\n\nLe projet est né fin 2019 sous l'impulsion d'un "
                                               "intrapreneur agent public, dans le but d'établir une plateforme "
                                               "nationale de traçabilité.\n")
    assert not engine.answer(question, stem).answered


@pytest.mark.parametrize("question", ["qui sont les utilisateurs ?", "who are the users of the platform?"])
def test_users_spoken_of_in_passing_do_not_say_who_they_are(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## L'équipe\n\nNous faisons des itérations courtes et rencontrons "
                                               "régulièrement les utilisateurs pour intégrer leurs retours.\n\n"
                                               "## Missions\n\n- Mener la recherche utilisateurs\n")
    assert not engine.answer(question, stem).answered


@pytest.mark.parametrize("question", ["qui sont les utilisateurs ?", "who are the users of the platform?"])
def test_users_said_to_be_some_people_say_who_they_are(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## L'équipe\n\nNous rencontrons régulièrement les utilisateurs.\n\n"
                                               "## Le produit\n\nNos utilisateurs sont les prescripteurs et les "
                                               "structures d'insertion.\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "Nos utilisateurs sont les prescripteurs" in answer.text.splitlines()[1], answer.text


@pytest.mark.parametrize("question", ["qui utilise le logiciel aujourd'hui ?", "Who uses the software?"])
def test_a_software_used_by_a_group_says_its_users(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Le projet\n\nCe logiciel libre est utilisé par des chercheurs "
                                               "en économie et d'autres acteurs publics.\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "utilisé par des chercheurs" in answer.text


@pytest.mark.parametrize("question", ["à qui j'envoie ma candidature ?", "Who do I send my application to?"])
def test_the_line_giving_the_address_to_apply_to_comes_before_a_call_for_applications(write_posting: WritePosting,
                                                                                      question: str) -> None:
    engine, stem = posting_with(write_posting, "## Qui sommes-nous ?\n\nEn novembre 2020, l'Atelier a lancé son "
                                               "premier appel à candidatures, ouvert à tous les agents du "
                                               "ministère.\n\n## Modalités\n\n- Stage de 4 à 6 mois\n- Personne à "
                                               "qui adresser les candidatures (mail) : camille@example.org\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "camille@example.org" in answer.text.splitlines()[1]


FIT = ("## Profil\n\n- Vous maîtrisez Python\n- Vous ne cochez pas toutes les cases ci-dessus, mais vous avez envie "
       "d'apprendre ? Postulez !\n\n## Candidater\n\nEnvoyez votre CV à equipe@example.org\n")


@pytest.mark.parametrize("question", ["j'ai pas tout le profil, je peux quand même postuler ?",
                                      "I don't tick all the boxes, should I still apply?"])
def test_whether_to_apply_without_every_requirement_is_answered_by_the_word_to_those_who_hesitate(
        write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, FIT)
    answer = engine.answer(question, stem)
    assert answer.answered and answer.intent == "fit" and "toutes les cases" in answer.text


@pytest.mark.parametrize(("question", "intent"), [("I'm fairly junior, can I still apply?", "junior"),
                                                  ("je suis fonctionnaire, je peux quand même postuler ?", "contract")])
def test_a_requirement_named_in_can_i_still_apply_is_what_is_asked(write_posting: WritePosting, question: str,
                                                                   intent: str) -> None:
    engine, _ = posting_with(write_posting, FIT)
    assert engine.matcher.analyse(question).intents[0].name == intent


@pytest.mark.parametrize("question", ["c'est ouvert en alternance aussi ?", "Could I do it as an apprenticeship?"])
def test_an_internship_says_nothing_of_work_study(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Modalités\n\n- Stage de 4 à 6 mois\n- Contrat : stage\n")
    assert not engine.answer(question, stem).answered


@pytest.mark.parametrize("question", ["c'est ouvert en alternance aussi ?", "Could I do it as an apprenticeship?"])
def test_work_study_is_answered_by_a_line_naming_it(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Modalités\n\n- Stage de 4 à 6 mois, ou alternance sur un an\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "ou alternance" in answer.text


@pytest.mark.parametrize("question", ["Faut-il donner un TJM ?", "Do I need to give a day rate?"])
def test_a_rate_the_candidate_proposes_answers_whether_to_give_one(write_posting: WritePosting,
                                                                             question: str) -> None:
    engine, stem = posting_with(write_posting, APPLY_WITH_RATE)
    answer = engine.answer(question, stem)
    assert answer.answered and "votre TJM" in answer.text


@pytest.mark.parametrize(("question", "intent"), [
    ("je peux candidater avec 2 ans d'expérience ?", "experience"),
    ("Can I apply with two years of experience?", "experience"),
    ("Comment faut-il postuler à cette offre ?", "apply"),
])
def test_what_one_needs_to_apply_is_asked_not_how_to_apply(write_posting: WritePosting, question: str,
                                                           intent: str) -> None:
    engine, _ = posting_with(write_posting, APPLY_WITH_RATE)
    assert engine.matcher.analyse(question).intents[0].name == intent


@pytest.mark.parametrize("question", ["y a une date limite ?", "Is there an application deadline?"])
def test_jusqu_au_without_a_date_is_no_deadline(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## L'ADEME\n\nNous aidons au financement de nombreux projets, de la "
                                               "recherche jusqu'au partage des solutions.\n")
    assert not engine.answer(question, stem).answered


@pytest.mark.parametrize("question", ["y a une date limite ?", "Is there an application deadline?"])
def test_jusqu_au_with_a_date_is_a_deadline(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Candidater\n\nCandidatures jusqu'au 15 septembre 2099.\n",
                                stem="2099-05-01-dev")
    answer = engine.answer(question, stem)
    assert answer.answered and "15 septembre 2099" in answer.text


# --- the internship a question speaks of is the job, not its contract -------------------------------------

@pytest.mark.parametrize("question", ["y a possibilité d'embauche après le stage ?",
                                      "concretement je ferai quoi pendant le stage ?",
                                      "Is there a chance of being hired once the internship ends?",
                                      "Do I need a signed internship agreement from my school?"])
def test_the_internship_spoken_of_is_the_job_not_its_contract(write_posting: WritePosting, question: str) -> None:
    """"pendant le stage", "the internship": the job itself, as "le poste"; "c'est un stage ?" asks the contract."""
    engine, stem = posting_with(write_posting, "## Conditions pratiques\n\nDurée : Stage de 3 à 6 mois\n\n"
                                               "Lieu de stage : Région parisienne\n")
    answer = engine.answer(question, stem)
    assert not answer.answered or answer.intent != "contract", answer.text


@pytest.mark.parametrize("question", ["c'est un stage ?", "Is it an internship?", "stage ou CDD ?"])
def test_whether_it_is_an_internship_asks_the_contract(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Conditions pratiques\n\nDurée : Stage de 3 à 6 mois\n")
    answer = engine.answer(question, stem)
    assert answer.answered and answer.intent == "contract" and "Stage de 3 à 6 mois" in answer.text


@pytest.mark.parametrize("question", ["Who will be my tutor during the internship?", "qui sera mon tuteur ?",
                                      "qui m'encadrera pendant le stage ?", "Who will mentor me?"])
def test_who_supervises_an_intern_is_asked_of_the_line_saying_who(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Conditions pratiques\n\nDurée : Stage de 3 à 6 mois\n\n"
                                               "## L'équipe\n\nVous serez encadré·e par le responsable de "
                                               "portefeuille.\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "encadré·e par le responsable" in answer.text, answer.reason


@pytest.mark.parametrize("question", ["How many years of experience do you need?", "faut combien d'années d'xp ?"])
def test_how_many_years_is_not_answered_by_the_junior_flag(write_posting: WritePosting, question: str) -> None:
    """"junior: false" says juniors are not sought; it gives no number of years."""
    path = write_posting("2023-05-01-dev.md", "roles: Développeur·se\nstartup: delta\nopen: true\njunior: false",
                         "## Profil\n\nVous aimez le travail en équipe.\n")
    assert not engine_of(path).answer(question, "2023-05-01-dev").answered


# --- a tool given as an example of what is asked --------------------------------------------------------

STACK = "## Notre stack\n\nFront : Typescript, SCSS, Angular, Bootstrap.\n\n## Modalités\n\nTélétravail possible.\n"


@pytest.mark.parametrize("question", ["Is there a front-end framework like React?", "un framework front genre React ?",
                                      "vous utilisez un framework comme React ?"])
def test_a_tool_given_as_an_example_does_not_silence_the_stack(write_posting: WritePosting, question: str) -> None:
    """The candidate asks for a kind of tool, giving one as an example: the posting's answers, React or not."""
    engine, stem = posting_with(write_posting, STACK)
    answer = engine.answer(question, stem)
    assert answer.answered and "Angular" in answer.text, answer.reason


@pytest.mark.parametrize("question", ["vous utilisez React ?", "Do you use React?", "faut connaître React ?",
                                      "c quoi la base de données, postgres ?"])
def test_a_tool_asked_about_alone_and_never_mentioned_is_not_answered(write_posting: WritePosting,
                                                                     question: str) -> None:
    engine, stem = posting_with(write_posting, STACK)
    assert not engine.answer(question, stem).answered


def test_a_tool_is_mentioned_by_its_name_with_js(write_posting: WritePosting) -> None:
    """"du vue ?" when the posting writes "VueJS"."""
    engine, stem = posting_with(write_posting, "## Profil\n\nVous connaissez le framework VueJS.\n")
    answer = engine.answer("c quoi les technos ? du vue ?", stem)
    assert answer.answered and "VueJS" in answer.text, answer.reason


# --- a contract's length is no kind of contract ---------------------------------------------------------

@pytest.mark.parametrize("question", ["c en freelance ou en CDD ?", "Is it a freelance contract or a CDD?"])
def test_a_contracts_length_does_not_say_which_contract(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Modalités de travail\n\nContrat de 4 mois\n\n"
                                               "Télétravail possible.\n")
    assert not engine.answer(question, stem).answered


@pytest.mark.parametrize("line", ["Contrat de 4 mois en CDD.", "Contrat : freelance, 4 mois.",
                                  "Poste ouvert aux contractuels et aux fonctionnaires (détachement)."])
def test_a_line_naming_the_kind_of_contract_answers_which(write_posting: WritePosting, line: str) -> None:
    engine, stem = posting_with(write_posting, f"## Modalités de travail\n\n{line}\n")
    answer = engine.answer("c en freelance ou en CDD ?", stem)
    assert answer.answered and line in answer.text


@pytest.mark.parametrize("line", ["Contrat : interne", "Contrat : mission de 6 mois, probablement renouvelable !"])
def test_a_line_labelled_contract_says_which(write_posting: WritePosting, line: str) -> None:
    engine, stem = posting_with(write_posting, f"## Conditions\n\n{line}\n")
    answer = engine.answer("c'est quoi le type de contrat ?", stem)
    assert answer.answered and line in answer.text


# --- a list under themes' headings inside the intent's section -------------------------------------------

@pytest.mark.parametrize("question", ["concretement les missions c quoi ?", "What would my main tasks be?"])
def test_items_under_a_themes_heading_inside_the_missions_section_are_missions(write_posting: WritePosting,
                                                                               question: str) -> None:
    """"# Ta mission" > "### Identifier les usagers" > "- Proposer des formats...": the items are missions."""
    engine, stem = posting_with(write_posting, "# Ta mission\n\n### Identifier les usagers (acquisition)\n\n"
                                               "- Proposer des formats de communication ciblés\n\n"
                                               "### Améliorer la plateforme (produit)\n\n"
                                               "- Remonter les retours des usagers\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "Proposer des formats de communication ciblés" in answer.text, answer.reason


@pytest.mark.parametrize("question", ["Quelle stack pour construire le tableau de bord ?",
                                      "What stack does the team use to build the dashboard?"])
def test_a_tableau_de_bord_is_a_dashboard_not_the_tableau_software(write_posting: WritePosting,
                                                                   question: str) -> None:
    engine, stem = posting_with(write_posting, "## Le produit\n\nUn tableau de bord pour piloter les politiques de "
                                "covoiturage des collectivités.\n")
    assert not engine.answer(question, stem).answered


def test_the_tableau_software_is_a_tool_of_the_stack(write_posting: WritePosting) -> None:
    engine, stem = posting_with(write_posting, "## Le produit\n\nLes indicateurs sont publiés avec Tableau et "
                                "Metabase.\n")
    answer = engine.answer("Quelle stack pour les indicateurs ?", stem)
    assert answer.answered and "Tableau" in answer.text


@pytest.mark.parametrize("question", ["Who would be my main contacts day to day?",
                                      "Qui seront mes principaux contacts ?",
                                      "Mes contacts au quotidien, ce sera qui ?"])
def test_the_people_one_deals_with_are_not_whom_to_write_to(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Candidater\n\nEnvoyez votre candidature à equipe@example.org\n")
    assert not engine.answer(question, stem).answered


@pytest.mark.parametrize("question", ["Who is the contact for this job?", "Qui est le contact pour ce poste ?"])
def test_the_contact_for_the_job_is_whom_to_write_to(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Candidater\n\nEnvoyez votre candidature à equipe@example.org\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "equipe@example.org" in answer.text


@pytest.mark.parametrize("question", ["Est-ce que le poste peut passer à temps plein plus tard ?",
                                      "Could this turn into a full-time job later on?"])
def test_the_present_terms_do_not_answer_a_change_to_come(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Modalités\n\nTemps partiel : 2 jours par semaine.\n")
    answer = engine.answer(question, stem)
    assert not answer.answered and answer.reason.startswith("not-covered")


@pytest.mark.parametrize("question", ["La mission peut durer plus longtemps par la suite ?",
                                      "Can the contract be extended later on?"])
def test_a_line_about_what_may_change_answers_a_change_to_come(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Modalités\n\nMission de 6 mois, renouvelable.\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "renouvelable" in answer.text


@pytest.mark.parametrize("question", ["La mission dure combien de temps ?", "How long is the mission?"])
def test_a_length_set_by_the_need_answers_how_long(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Modalités\n\nDurée variable en fonction du besoin et des "
                                "compétences\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "Durée variable" in answer.text


@pytest.mark.parametrize("question", ["How often would I need to come to Paris?",
                                      "Il faut venir à Paris à quelle fréquence ?"])
def test_a_place_does_not_say_how_often(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Modalités\n\nPoste basé à Paris, télétravail possible.\n")
    answer = engine.answer(question, stem)
    assert not answer.answered and answer.reason.startswith("not-covered")


@pytest.mark.parametrize("question", ["How often would I need to come to Paris?",
                                      "Il faut venir à Paris à quelle fréquence ?"])
def test_a_frequency_says_how_often(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Modalités\n\nTélétravail possible, avec une présence à Paris "
                                "deux jours par semaine.\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "deux jours par semaine" in answer.text


@pytest.mark.parametrize("question", ["Y a t il une possibilite d'embauche en CDI a la fin ?",
                                      "Could this turn into a permanent position later on?"])
def test_a_renewal_does_not_say_whether_the_job_becomes_permanent(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Environnement de travail\n\nDurée : 6 mois renouvelables\n")
    assert not engine.answer(question, stem).answered


def test_a_line_on_a_permanent_contract_says_whether_the_job_becomes_permanent(write_posting: WritePosting) -> None:
    engine, stem = posting_with(write_posting, "## Contrat\n\nCDD de 12 mois, avec une possibilité de CDI à "
                                "l'issue.\n")
    answer = engine.answer("Y a t il une possibilite d'embauche en CDI a la fin ?", stem)
    assert answer.answered and "possibilité de CDI" in answer.text


@pytest.mark.parametrize("question", ["Chez Datasubvention, j'envoie mon CV où ?",
                                      "Datasubvention: where do I send my CV?"])
def test_a_name_written_in_one_word_is_mentioned_by_its_two_words(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Qui sommes-nous ?\n\nLa startup Data.subvention aide les services "
                                "de l'État.\n\n## Candidater\n\nEnvoyez votre CV à recrutement@example.org\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "recrutement@example.org" in answer.text


# --- "which ministry?" is answered by a line naming one ----------------------------------------------------

@pytest.mark.parametrize("question", ["C'est porté par quel ministère ?", "Which ministry is behind it?"])
def test_a_line_naming_no_ministry_does_not_say_which_ministry(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Qui sommes-nous ?\n\nNous sommes une Startup d'État de la "
                                "Fabrique numérique.\n")
    answer = engine.answer(question, stem)
    assert not answer.answered and answer.reason.startswith("not-covered"), answer.text


@pytest.mark.parametrize("question", ["C'est porté par quel ministère ?", "Which ministry is behind it?"])
def test_a_line_naming_the_ministries_says_which_ministry(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Qui sommes-nous ?\n\nLa Fabrique numérique est l'incubateur "
                                "des ministères de la Transition écologique et de la Cohésion des territoires.\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "ministères de la Transition écologique" in answer.text


# --- "where exactly?" is answered by a line naming a place -------------------------------------------------

ON_SITE = ("## Environnement de travail\n\nVous travaillerez au sein d’une équipe composée de: 1 PO et 1 UX. "
           "Ces derniers travaillant principalement en présentiel.\n")


@pytest.mark.parametrize("question", ["les bureaux c'est où exactement ?", "Where exactly is the office?"])
def test_working_on_site_does_not_say_where_the_office_is(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, ON_SITE)
    answer = engine.answer(question, stem)
    assert not answer.answered and answer.reason.startswith("not-covered"), answer.text


@pytest.mark.parametrize("question", ["les bureaux c'est où exactement ?", "Where exactly is the office?"])
def test_a_line_naming_the_city_says_where_the_office_is(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, ON_SITE + "\nPoste basé à Paris 15e, présence au bureau 3 jours.\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "Paris 15e" in answer.text, answer.reason


# --- trips away from the office are answered by a line about trips -----------------------------------------

AT_THE_OFFICE = "## Modalités\n\nPoste basé à Paris 15e, télétravail possible 1 jour par semaine maximum\n"


@pytest.mark.parametrize("question", ["Will I have to travel outside Paris to meet the partners?",
                                      "Faudra-t-il se déplacer en dehors de Paris pour rencontrer les partenaires ?"])
def test_days_at_the_office_say_nothing_of_trips_away(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, AT_THE_OFFICE)
    answer = engine.answer(question, stem)
    assert not answer.answered and answer.reason.startswith("not-covered"), answer.text


@pytest.mark.parametrize("question", ["Will I have to travel outside Paris to meet the partners?",
                                      "Faudra-t-il se déplacer en dehors de Paris pour rencontrer les partenaires ?"])
def test_a_line_about_trips_answers_trips_away(write_posting: WritePosting, question: str) -> None:
    trips = "\nDes déplacements ponctuels en région sont à prévoir.\n"
    engine, stem = posting_with(write_posting, AT_THE_OFFICE + trips)
    answer = engine.answer(question, stem)
    assert answer.answered and "déplacements ponctuels" in answer.text, answer.reason


@pytest.mark.parametrize("question", ["vous utilisez quelle bdd ?", "Which database do you use?"])
def test_a_techno_field_naming_no_database_does_not_say_which(write_posting: WritePosting, question: str) -> None:
    path = write_posting("2020-01-13-api.md", "roles: développeur.se full stack\nstartup: delta\n"
                         "techno: React 16, NextJS, NodeJS 12", "## Rôle\n\nImplémenter les maquettes.\n")
    answer = engine_of(path).answer(question, "2020-01-13-api")
    assert not answer.answered, answer.text


@pytest.mark.parametrize("question", ["vous utilisez quelle bdd ?", "Which database do you use?"])
def test_a_techno_field_naming_a_database_says_which(write_posting: WritePosting, question: str) -> None:
    path = write_posting("2020-01-13-api.md", "roles: développeur.se full stack\nstartup: delta\n"
                         "techno: React 16, NodeJS 12, PostgreSQL", "## Rôle\n\nImplémenter les maquettes.\n")
    answer = engine_of(path).answer(question, "2020-01-13-api")
    assert answer.answered and "PostgreSQL" in answer.text, answer.reason


# --- "which other teams?" is answered by a line about working with others -----------------------------------

TEAM_MADE_OF = "## Environnement de travail\n\nVous travaillerez au sein d’une équipe composée de : 1 PO et 1 UX.\n"


@pytest.mark.parametrize("question", ["which other teams would I be working with?",
                                      "je serai en lien avec quelles autres équipes ?"])
def test_the_teams_own_make_up_does_not_say_which_other_teams(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, TEAM_MADE_OF)
    answer = engine.answer(question, stem)
    assert not answer.answered, answer.text


def test_a_line_about_working_with_other_teams_says_which(write_posting: WritePosting) -> None:
    others = "\nVous serez en relation directe avec les équipes API Entreprise et API Particulier.\n"
    engine, stem = posting_with(write_posting, TEAM_MADE_OF + others)
    answer = engine.answer("which other teams would I be working with?", stem)
    assert answer.answered and "API Entreprise" in answer.text, answer.reason


@pytest.mark.parametrize("question", ["Date limite pour candidater ?", "Until when can I apply?"])
def test_the_day_the_posting_goes_offline_answers_until_when_one_may_apply(write_posting: WritePosting,
                                                                           question: str) -> None:
    path = write_posting("2022-06-28-data-engineer.md", "roles: Data engineer\nstartup: delta\n"
                         "depublication_date: 2022-07-24T07:27:43.380Z", "## Modalités\n\nMission de 6 mois.\n")
    answer = engine_of(path).answer(question, "2022-06-28-data-engineer")
    assert answer.answered and "en ligne jusqu'au 24/07/2022" in answer.text, (answer.reason, answer.text)


# --- "how many designers?" counts designers ------------------------------------------------------------------

TEAM_OF_15 = ("## L'équipe\n\nLa Brigade est une équipe produit de 15 personnes (développeur, chargé de déploiement, "
              "coach produit, designer UX/UI).\n")


@pytest.mark.parametrize("question", ["How many designers are already on the team?",
                                      "Combien de designers dans l'équipe ?"])
def test_a_number_of_people_is_no_number_of_designers(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, TEAM_OF_15)
    answer = engine.answer(question, stem)
    assert not answer.answered and answer.reason.startswith("not-covered"), answer.text


def test_a_number_of_designers_says_how_many_designers(write_posting: WritePosting) -> None:
    engine, stem = posting_with(write_posting, TEAM_OF_15 + "\nL'équipe compte déjà 2 designers.\n")
    answer = engine.answer("How many designers are already on the team?", stem)
    assert answer.answered and "2 designers" in answer.text


@pytest.mark.parametrize("question", ["How many people are on the team?", "Combien de personnes dans l'équipe ?"])
def test_a_number_of_people_says_how_big_the_team_is(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, TEAM_OF_15)
    answer = engine.answer(question, stem)
    assert answer.answered and "15 personnes" in answer.text


@pytest.mark.parametrize("question", ["How many projects does the incubator support?",
                                      "L'incubateur accompagne combien de projets ?"])
def test_a_number_in_words_says_how_many(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Qui sommes-nous ?\n\nL'Incubateur des Territoires accompagne une "
                                "soixantaine de projets de services numériques.\n\n## Le produit\n\nUn outil pour "
                                "les projets des collectivités.\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "une soixantaine de projets" in answer.text, (answer.reason, answer.text)


@pytest.mark.parametrize("question", ["Le CDD se termine quand ?", "When does the contract end?"])
def test_a_day_of_two_figures_after_until_is_the_end(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Rejoindre l'équipe\n\n- Un CDD au sein de la Direction "
                                "interministérielle du numérique jusqu'au 31 décembre 2024.\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "jusqu'au 31 décembre 2024" in answer.text, (answer.reason, answer.text)


@pytest.mark.parametrize("question", ["Is OpenFisca open source?", "C'est du logiciel libre ?"])
def test_free_as_in_freedom_and_free_of_charge_says_the_code_is_open(write_posting: WritePosting,
                                                                     question: str) -> None:
    engine, stem = posting_with(write_posting, "## Qui sommes-nous ?\n\nEntièrement libre et gratuit, modulable et "
                                "réutilisable, OpenFisca est un moteur de microsimulation.\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "libre et gratuit" in answer.text, (answer.reason, answer.text)


@pytest.mark.parametrize("question", ["On peut poser des questions avant de candidater ?",
                                      "Can I ask questions before applying?"])
def test_an_invitation_to_write_says_whom_to_ask(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Candidater\n\nEnvoyez votre CV par la plateforme.\n\nSi vous avez "
                                "des questions avant de postuler, n’hésitez pas à nous écrire !\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "n’hésitez pas à nous écrire" in answer.text, (answer.reason, answer.text)


def test_an_invitation_to_ask_at_the_interview_is_still_boilerplate(write_posting: WritePosting) -> None:
    engine, stem = posting_with(write_posting, "## Candidater\n\nSi vous avez des questions, n'hésitez pas à les "
                                "poser lors de l'entretien.\n")
    assert not engine.answer("Comment se passe l'entretien ?", stem).answered


def test_ministries_in_english_is_no_slip_for_ministres(write_posting: WritePosting) -> None:
    engine, stem = posting_with(write_posting, "## Qui sommes-nous ?\n\nPeps est une Startup d’État créée en "
                                "partenariat entre le ministère de l’agriculture et le ministère de la transition "
                                "écologique.\n\n## Équipe\n\nLes ministres ont visité l'équipe.\n")
    answer = engine.answer("Which ministries are behind Peps?", stem)
    assert answer.answered and "ministère de l’agriculture" in answer.text, (answer.reason, answer.text)


@pytest.mark.parametrize("term", ["docker", "react", "vue", "cms", "cmss", "kubernetes", "postgres", "developpeurs",
                                  "ux", "api", "apis", "design", "designers", "numerique", "js", "typescript"])
def test_finding_a_form_among_sorted_words_agrees_with_reading_them_all(term: str) -> None:
    words = frozenset(["dockerisee", "reactjs", "vuejs", "cms", "kubernete", "postgresql", "developpeur", "design",
                       "api", "numeriques", "javascript", "type", "uxui"])
    assert _in_some_form_among(term, words, tuple(sorted(words))) == _in_some_form(term, words)


@pytest.mark.parametrize("term", ["docker", "react", "vue", "cms", "cmss", "kubernetes", "postgres", "developpeurs",
                                  "ux", "api", "apis", "design", "designers", "numerique", "js", "typescript"])
def test_finding_a_form_in_a_line_by_substrings_agrees_with_reading_its_words(term: str) -> None:
    line = "une app dockerisee en reactjs et vuejs un cms kubernete postgresql developpeur design api numeriques uxui"
    assert _in_some_form_of(term, f" {line} ") == _in_some_form(term, line.split())


@pytest.mark.parametrize("question", ["y a une date limite pour candidater ?", "Is there an application deadline?"])
def test_the_end_of_the_contract_is_no_application_deadline(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Rejoindre la Brigade\n\nUn CDD au sein de la Direction "
                                               "Interministérielle du Numérique jusqu'au 31 décembre 2026.\n")
    assert not engine.answer(question, stem).answered


@pytest.mark.parametrize("question", ["What's the tech stack?", "c'est quoi la stack ?"])
def test_a_list_of_tools_introduced_as_the_technologies_used_is_the_stack(write_posting: WritePosting,
                                                                          question: str) -> None:
    """Each item names one tool; the lead-in says what they are, as a heading would. The skills line naming four
    languages says what the candidate should know."""
    engine, stem = posting_with(write_posting, "## Responsabilités\n\nLes technologies mises en œuvre au sein du Lab "
                                               "sont :\n\n- Vue.js pour la partie front ;\n- Node.js pour la partie "
                                               "back ;\n- MongoDB pour la partie base de données.\n\n## Compétences\n\n"
                                               "- Expérience sur au moins deux langages parmi Python, Javascript "
                                               "(NodeJS, VueJS), Java, PHP.\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "Vue.js pour la partie front" in answer.text.splitlines()[2]


@pytest.mark.parametrize("question", ["Could I do it part-time, say 4 days a week?", "c'est à temps plein ?"])
def test_days_of_remote_work_say_where_one_works_not_how_much(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, "## Rejoindre la Brigade\n\nLe droit de télétravailler à raison de 2 "
                                               "jours par semaine et 3 jours dans nos bureaux de Lyon ou Paris.\n")
    assert not engine.answer(question, stem).answered


def test_days_of_work_a_week_still_say_how_much_one_works(write_posting: WritePosting) -> None:
    engine, stem = posting_with(write_posting, "## Modalités\n\nMission de 3 jours par semaine, dont un jour en "
                                               "télétravail.\n")
    answer = engine.answer("Could I do it part-time, say 4 days a week?", stem)
    assert answer.answered and "3 jours par semaine" in answer.text


# --- "how many years?" is answered by a line that counts years ----------------------------------------------

A_LEVEL = "## Profil recherché\n\nexpert·e growth marketing\n"


@pytest.mark.parametrize("question", ["How many years of growth marketing experience are you asking for?",
                                      "Il faut combien d'années d'expérience en growth marketing ?"])
def test_a_level_alone_does_not_say_how_many_years(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, A_LEVEL)
    answer = engine.answer(question, stem)
    assert not answer.answered and answer.reason.startswith("not-covered"), answer.text


@pytest.mark.parametrize("question", ["How many years of growth marketing experience are you asking for?",
                                      "Il faut combien d'années d'expérience en growth marketing ?"])
def test_a_line_counting_years_says_how_many(write_posting: WritePosting, question: str) -> None:
    engine, stem = posting_with(write_posting, A_LEVEL + "\n3 ans d'expérience minimum en growth marketing\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "3 ans d'expérience" in answer.text, answer.reason


@pytest.mark.parametrize("question", ["Quel PaaS / hébergeur vous utilisez ?", "Where is the app hosted?"])
def test_a_product_that_is_a_cloud_platform_says_not_where_it_is_hosted(write_posting: WritePosting,
                                                                         question: str) -> None:
    body = "## Contexte\n\nIl s'agit de créer une plateforme cloud qui permette de publier des données scientifiques.\n"
    engine, stem = posting_with(write_posting, body)
    answer = engine.answer(question, stem)
    assert not answer.answered, answer.text


def test_a_line_saying_where_the_product_runs_in_the_cloud_says_where_it_is_hosted(write_posting: WritePosting) -> None:
    engine, stem = posting_with(write_posting, "## Technique\n\nL'application tourne dans le cloud chez Scalingo.\n")
    answer = engine.answer("Quel PaaS / hébergeur vous utilisez ?", stem)
    assert answer.answered and "Scalingo" in answer.text, answer.reason


def test_a_line_naming_the_body_asked_about_says_not_who_carries_it(write_posting: WritePosting) -> None:
    """"l'Incubateur des Territoires, ça dépend de qui ?": the line that only names the incubator again is no
    answer; the line saying whose agency it belongs to is."""
    body = ("## Missions et rôle\n\nLes technologies mises en œuvre au sein de l'Incubateur des Territoires sont :\n\n"
            "- VueJS pour le site internet ;\n\n"
            "## Qui sommes nous\n\nNous sommes l'Incubateur des Territoires de l'Agence Nationale de la Cohésion des "
            "Territoires (ANCT).\n")
    engine, stem = posting_with(write_posting, body)
    answer = engine.answer("C'est quoi exactement l'Incubateur des Territoires, ça dépend de qui ?", stem)
    assert answer.answered and "Agence Nationale de la Cohésion des Territoires" in answer.text, answer.text


def test_a_value_asked_is_answered_by_the_line_that_says_it(write_posting: WritePosting) -> None:
    engine, stem = posting_with(write_posting, "## Modalités\n\nPoste ouvert aux freelances.\n")
    answer = engine.answer("c'est du freelance ?", stem)
    assert answer.answered and "freelances" in answer.text, answer.reason
