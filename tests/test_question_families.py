"""Question families with an intent of their own, each answered only by a line holding its kind of fact:
hosting, technical choices, disability, users of the service, travel; and a question asking two things
alike is answered on the one the posting covers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.engine import Engine
from bot.models import Answer
from bot.people import names_someone
from conftest import WritePosting, engine_of, write_other_postings

BODY = """## Modalités

Télétravail possible, avec une présence régulière à Paris pour les rituels d'équipe.

## Responsabilités

- Développement du frontend en React et du backend en Python
- Le service est déployé sur Scalingo en production.
- Vous êtes libre dans le choix de la stack technique, en concertation avec le tech lead.

## Le produit

Le service s'adresse aux employeurs et aux salariés des petites entreprises.
"""

SILENT = """## Modalités

Télétravail possible.

## Responsabilités

- Développement du frontend en React et du backend en Python
- Participer à la vie de l'équipe.
"""


def engine_of_dates(folder: Path, stem: str, dates: str, today: dt.date) -> Engine:
    """An engine over one posting whose front matter gives its dates (poste_ouvert, poste_ferme...), loaded on a
    given day (its open or closed status depends on it)."""
    postings = folder / "postings"
    postings.mkdir()
    (postings / f"{stem}.md").write_text(f"---\ntitle: Chargé·e de déploiement\n{dates}\n---\n\n"
                                         "## Missions\n\nAnimer des ateliers.\n", encoding="utf-8")
    return Engine.load(folder, today=today)


def engine_with(write_posting: WritePosting, body: str) -> tuple[Engine, str]:
    path: Path = write_posting("2023-05-01-dev.md", "roles: Développeur·se\nstartup: delta\nopen: true", body)
    return engine_of(path), "2023-05-01-dev"


def answer_from(write_posting: WritePosting, body: str, question: str) -> Answer:
    """The answer to the question of a posting with this body."""
    engine, stem = engine_with(write_posting, body)
    return engine.answer(question, stem)


def intents_of(question: str) -> list[str]:
    """The intents the bundled lexicon reads in the question, the leading one first."""
    return [i.name for i in Engine.load(Path(__file__).parent.parent / "knowledge").matcher.analyse(question).intents]


@pytest.mark.parametrize(("question", "line"), [
    ("where's the app hosted?", "déployé sur Scalingo"),
    ("vous hébergez où ?", "déployé sur Scalingo"),
    ("la stack est imposée ?", "libre dans le choix"),
    ("can I pick the tech stack myself?", "libre dans le choix"),
    ("les choix techniques je les valide avec qui ?", "en concertation avec le tech lead"),
    ("le service c'est pour qui ?", "employeurs et aux salariés"),
    ("who will use the service?", "employeurs et aux salariés"),
    ("faut venir à Paris souvent ?", "présence régulière à Paris"),
    ("How often would I need to come to Paris?", "présence régulière à Paris"),
])
def test_a_family_is_answered_by_the_line_holding_its_kind_of_fact(write_posting: WritePosting, question: str,
                                                                   line: str) -> None:
    engine, stem = engine_with(write_posting, BODY)
    answer = engine.answer(question, stem)
    assert answer.answered and line in answer.text


@pytest.mark.parametrize("question", [
    "where's the app hosted?", "vous hébergez où ?",  # a stack line is no hosting
    "la stack est imposée ?", "can I pick the tech stack myself?",  # a stack line says nothing of choosing it
    "le poste est ouvert aux personnes en situation de handicap ?", "is the job open to disabled people?",
    "y aura des déplacements en région ?", "Will I have to travel?",  # remote work is not travel
])
def test_a_family_is_not_answered_by_a_line_without_its_kind_of_fact(write_posting: WritePosting,
                                                                     question: str) -> None:
    engine, stem = engine_with(write_posting, SILENT)
    assert not engine.answer(question, stem).answered


def test_open_to_disabled_people_is_not_read_as_is_the_posting_still_open(write_posting: WritePosting) -> None:
    engine, stem = engine_with(write_posting, SILENT)
    answer = engine.answer("le poste est ouvert aux personnes en situation de handicap ?", stem)
    assert answer.intent == "disability"


def test_a_question_asking_two_things_alike_is_answered_on_the_one_covered(write_posting: WritePosting) -> None:
    engine, stem = engine_with(write_posting, SILENT)
    answer = engine.answer("je ne peux pas monter à Paris régulièrement, c'est en remote ou faut être sur place ?",
                           stem)
    assert answer.answered and "Télétravail possible." in answer.text


def test_which_ministry_is_not_answered_by_a_line_that_names_none(write_posting: WritePosting) -> None:
    engine, stem = engine_with(write_posting, "## Présentation\n\nLeBonTuteur veut améliorer les mesures de "
                                              "protection des personnes.\n\n## Responsabilités\n\nDe l'administration "
                                              "système au CSS.\n")
    assert not engine.answer("c'est porté par quel ministère ?", stem).answered


@pytest.mark.parametrize("question", ["c'est porté par quel ministère ?", "Which ministry is behind this?"])
def test_which_ministry_is_answered_by_the_line_that_names_it(write_posting: WritePosting, question: str) -> None:
    engine, stem = engine_with(write_posting, "## Présentation\n\nLe service est porté par le ministère de la "
                                              "Transition écologique.\n\n## Responsabilités\n\nDe l'administration "
                                              "système au CSS.\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "ministère de la Transition écologique" in answer.text


def test_where_is_not_answered_by_a_line_that_names_no_place(write_posting: WritePosting) -> None:
    engine, stem = engine_with(write_posting, "## Qui sommes-nous\n\nNous sommes situés au cœur des enjeux de la "
                                              "cohésion des territoires.\n")
    assert not engine.answer("c'est où les bureaux ?", stem).answered


TEAM = """## L'équipe

Vous rejoindrez une équipe composée de deux intrapreneurs et d'un coach beta.gouv.

- Aurélie : Product manager
- Anthonny : lead développeur
"""


@pytest.mark.parametrize(("question", "name"), [("c'est qui la PM ?", "Aurélie"), ("qui est le lead dev ?", "Anthonny"),
                                                ("Who's the lead developer?", "Anthonny")])
def test_a_question_asking_for_a_person_is_answered_by_the_line_naming_them(write_posting: WritePosting,
                                                                            question: str, name: str) -> None:
    path = write_posting("2023-05-01-coach.md", "roles: Coach\nstartup: delta\nopen: true", TEAM)
    engine, stem = engine_of(path), "2023-05-01-coach"
    answer = engine.answer(question, stem)
    assert answer.answered and name in answer.text


@pytest.mark.parametrize("question", ["c'est qui le coach ?", "Who's the coach on the project?"])
def test_a_first_name_with_its_role_in_parentheses_names_a_person(write_posting: WritePosting, question: str) -> None:
    engine, stem = engine_with(write_posting, "## Qui sommes-nous ?\n\nCoralie (intrapreneuse au Shom) et Raphaël "
                                              "(coach) recrutent le premier membre de l'équipe produit.\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "Raphaël (coach)" in answer.text, (answer.reason, answer.text)


@pytest.mark.parametrize("question", ["le coach c qui ? il s'appelle comment ?", "What's the name of the coach?"])
def test_a_question_asking_for_a_person_is_not_answered_by_a_line_naming_no_one(write_posting: WritePosting,
                                                                                question: str) -> None:
    engine, stem = engine_with(write_posting, TEAM)
    assert not engine.answer(question, stem).answered


def test_a_word_inside_the_leading_intents_words_asks_nothing_of_its_own(write_posting: WritePosting) -> None:
    engine, stem = engine_with(write_posting, "## Rituels\n\nDaily tous les matins et un séminaire par trimestre.\n")
    assert not engine.answer("What's the daily rate?", stem).answered  # "daily" of "daily rate" is no ritual


@pytest.mark.parametrize("question", ["c'est où les bureaux de l'incubateur ?", "Where are the incubator's offices?"])
def test_an_organisation_named_in_a_question_about_something_else_does_not_ask_about_it(
        write_posting: WritePosting, question: str) -> None:
    engine, stem = engine_with(write_posting, "## Qui sommes-nous\n\nNous sommes l'Incubateur des Territoires de "
                                              "l'ANCT, au service des collectivités.\n")
    answer = engine.answer(question, stem)
    assert answer.intent == "location" and not answer.answered


@pytest.mark.parametrize("question", ["quel incubateur recrute ?", "Which incubator is hiring?"])
def test_an_organisation_asked_about_is_answered(write_posting: WritePosting, question: str) -> None:
    engine, stem = engine_with(write_posting, "## Qui sommes-nous\n\nNous sommes l'Incubateur des Territoires de "
                                              "l'ANCT, au service des collectivités.\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "Incubateur des Territoires" in answer.text


@pytest.mark.parametrize(("question", "line"), [
    ("start date?", "Le plus tôt possible."), ("what's the duration?", "Mission de 20 jours"),
    ("what DB are you on?", "base de données PostgreSQL"), ("l'équipe est grande ?", "équipe de 4 personnes")])
def test_short_and_informal_wordings_are_read(write_posting: WritePosting, question: str, line: str) -> None:
    engine, stem = engine_with(write_posting, "## Quand ?\n\nLe plus tôt possible.\n\n## Combien de temps ?\n\n"
                                              "Mission de 20 jours renouvelable.\n\n## Stack\n\n- Une base de données "
                                              "PostgreSQL\n- Maîtrise de Figma\n\n## L'équipe\n\nUne équipe de 4 "
                                              "personnes.\n")
    answer = engine.answer(question, stem)
    assert answer.answered and line in answer.text


PROCESS = """## Modalités

Temps de travail : 1 jour par semaine. Le poste est à pourvoir dès que possible.

## Comment candidater

Nous commencerons nos entretiens dès la semaine du 11 avril.
"""


@pytest.mark.parametrize(("question", "line"), [
    ("ça représente combien de temps par semaine ?", "1 jour par semaine"),
    ("vous cherchez qqn pour quand ?", "dès que possible"),
    ("When do the interviews start?", "semaine du 11 avril")])
def test_the_kind_of_time_asked_picks_the_line(write_posting: WritePosting, question: str, line: str) -> None:
    engine, stem = engine_with(write_posting, PROCESS)
    answer = engine.answer(question, stem)
    assert answer.answered and line in answer.text


@pytest.mark.parametrize("question", ["y a un test technique dans le process ?", "Is there a coding test?",
                                      "y a un cas pratique ?"])
def test_a_hiring_test_is_not_answered_by_a_line_about_interviews(write_posting: WritePosting, question: str) -> None:
    engine, stem = engine_with(write_posting, PROCESS)
    assert not engine.answer(question, stem).answered


@pytest.mark.parametrize("question", ["y a un test / cas pratique ?", "Is there a take-home exercise?"])
def test_a_hiring_test_is_answered_by_the_line_announcing_it(write_posting: WritePosting, question: str) -> None:
    engine, stem = engine_with(write_posting, PROCESS + "\nUn petit test sera à présenter lors de l'entretien, "
                                                       "ou un exercice à la maison (take home).\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "Un petit test sera à présenter" in answer.text


@pytest.mark.parametrize("question", ["qui manage l'équipe ?", "Who manages the team?"])
def test_who_manages_is_not_answered_by_a_line_about_the_team(write_posting: WritePosting, question: str) -> None:
    engine, stem = engine_with(write_posting, "## L'équipe\n\nUne équipe de 4 personnes à Paris et Lyon.\n")
    assert not engine.answer(question, stem).answered


def test_a_line_holding_the_words_that_ask_is_preferred(write_posting: WritePosting) -> None:
    engine, stem = engine_with(write_posting, "## Le projet\n\nL'Atelier numérique est l'incubateur du ministère "
                                              "de la Culture, au sein de la direction générale.\n\n"
                                              "Le service est porté par la Mission Égalité-Diversité du ministère.\n")
    answer = engine.answer("c'est porté par qui ?", stem)
    assert answer.answered and answer.text.split("\n")[1].startswith("Le service est porté par")


@pytest.mark.parametrize("question", ["Who's on the team?", "l'équipe est composée comment ?"])
def test_a_team_composed_of_roles_answers_who_is_on_it(write_posting: WritePosting, question: str) -> None:
    engine, stem = engine_with(write_posting, "## Ta mission\n\nTu rejoindras une équipe composée d'un intrapreneur, "
                                              "d'un coach produit et d'une designeuse UX/UI.\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "coach produit" in answer.text


@pytest.mark.parametrize("question", ["Is the team working in English or French?", "Do you speak English in the team?"])
def test_languages_written_with_a_capital_in_english_are_words_not_names(write_posting: WritePosting,
                                                                        question: str) -> None:
    engine, stem = engine_with(write_posting, "## L'équipe\n\nUne équipe de 4 personnes, au service des citoyens "
                                              "français.\n")
    answer = engine.answer(question, stem)
    assert answer.intent == "language" and not answer.answered


def test_a_line_saying_what_the_named_thing_does_defines_it(corpus: Engine) -> None:
    answer = corpus.answer("What is OpenFisca exactly?", "2017-04-12-openfisca-dev")
    assert answer.answered and answer.text.startswith("OpenFisca rend le droit calculable")


def test_administrative_offices_are_no_place(write_posting: WritePosting) -> None:
    engine, stem = engine_with(write_posting, "## Missions\n\nVous accompagnez les bureaux (chefs et chargés de "
                                              "mission) de la direction.\n")
    assert not engine.answer("c'est basé où ?", stem).answered


def test_a_candidates_github_account_says_nothing_of_open_source(write_posting: WritePosting) -> None:
    engine, stem = engine_with(write_posting, "## Comment candidater ?\n\nAjoutez votre CV ou le lien vers votre "
                                              "compte GitHub.\n")
    assert not engine.answer("le code sera open source ?", stem).answered


def test_working_with_something_is_no_team_question(write_posting: WritePosting) -> None:
    engine, stem = engine_with(write_posting, "## L'équipe\n\nUne équipe de 4 personnes.\n\n## Les données\n\n"
                                              "Vous travaillerez sur les données d'Affelnet, Parcoursup et Onisep.\n")
    answer = engine.answer("Which platforms' data will I be working with?", stem)
    assert answer.intent != "team"


@pytest.mark.parametrize(("question", "line"), [("I'm a civil servant, can I still apply?", "agent public"),
                                                ("c un poste de catégorie A ?", "Catégorie : A1")])
def test_civil_service_status_is_a_contract_question(write_posting: WritePosting, question: str, line: str) -> None:
    engine, stem = engine_with(write_posting, "## Modalités\n\nDans le cas d'un agent public, mise à disposition "
                                              "contre remboursement.\n\n## Informations complémentaires\n\n"
                                              "Catégorie : A1\n")
    answer = engine.answer(question, stem)
    assert answer.answered and line in answer.text


def test_an_email_address_is_no_link_to_the_code(write_posting: WritePosting) -> None:
    engine, stem = engine_with(write_posting, "## Comment postuler ?\n\nEnvoie-nous ton CV et un lien vers ton profil "
                                              "github à camino@beta.gouv.fr.\n")
    assert not engine.answer("Is the code public on GitHub?", stem).answered


def test_a_start_date_due_at_the_latest_is_no_application_deadline(write_posting: WritePosting) -> None:
    engine, stem = engine_with(write_posting, "## Date de début\n\nDébut décembre 2023 ou janvier 2024 (au plus "
                                              "tard).\n")
    assert not engine.answer("When's the last day to apply?", stem).answered


def test_what_a_topic_is_about_is_no_second_question(write_posting: WritePosting) -> None:
    engine, stem = engine_with(write_posting, "## Contexte\n\nCette équipe de 4 personnes accompagne les équipes "
                                              "produits.\n\n## Profil\n\n- Une expérience démontrable en "
                                              "équipe produit\n")
    answer = engine.answer("Do I need prior experience in product teams?", stem)
    assert answer.intent != "team"


def test_a_question_word_asks_the_second_topic(write_posting: WritePosting) -> None:
    engine, stem = engine_with(write_posting, "## Modalités\n\nL'équipe est basée à Lyon.\n")
    answer = engine.answer("l'équipe est basée où ?", stem)
    assert answer.answered and "Lyon" in answer.text


@pytest.mark.parametrize(("question", "line"), [
    ("y a combien de postes ?", "5 chargé·e·s de développement"),
    ("How many people are you hiring?", "5 chargé·e·s de développement"),
    ("l'entretien c'est en visio ou sur place ?", "se fera sur Paris ou en visio"),
    ("c financé par quel ministère ?", "Le ministère de la Culture finance le service"),
])
def test_openings_interviews_and_funding_are_read(write_posting: WritePosting, question: str, line: str) -> None:
    engine, stem = engine_with(write_posting, "## Le poste\n\nNous recrutons 5 chargé·e·s de développement "
                                              "territorial.\n\n## Processus\n\nL'entretien se fera sur Paris ou en "
                                              "visio.\n\n## Contexte\n\nLe ministère de la Culture finance le "
                                              "service.\n")
    answer = engine.answer(question, stem)
    assert answer.answered and line in answer.text


@pytest.mark.parametrize("question", ["c ouvert encore ?", "ça recrute encore ?"])
def test_short_still_open_questions_ask_the_status(write_posting: WritePosting, question: str) -> None:
    engine, stem = engine_with(write_posting, "## Le poste\n\nCoder.\n")
    answer = engine.answer(question, stem)
    assert answer.answered and answer.intent == "status"


def test_how_the_selection_goes_is_not_answered_by_where_to_send(write_posting: WritePosting) -> None:
    engine, stem = engine_with(write_posting, "## Candidater\n\nEnvoyez votre CV à jo@beta.gouv.fr\n")
    assert not engine.answer("How does the selection go after I send my application?", stem).answered


# --- a candidate worried about a gap: what the posting says is not required ---------------------------

REASSURING = """## Profil

- Vous maîtrisez Python et SQL.
- Vous avez envie de travailler en équipe.

Ne vous censurez pas si :

- Vous ne connaissez pas très bien le monde de la santé.

Nous cherchons une équipe variée : pas besoin d'être expert de tous ces sujets.
"""


@pytest.mark.parametrize("question", ["je connais rien au monde de la santé, c'est grave ?",
                                      "I've never worked in health, is that a problem?"])
def test_a_gap_in_a_domain_is_answered_by_the_line_saying_it_is_no_obstacle(write_posting: WritePosting,
                                                                            question: str) -> None:
    engine, stem = engine_with(write_posting, REASSURING)
    answer = engine.answer(question, stem)
    assert answer.answered and answer.intent == "unneeded"
    assert "Vous ne connaissez pas très bien le monde de la santé." in answer.text


@pytest.mark.parametrize("question", ["faut-il être expert en tout ?", "Do I need to be an expert in all of it?"])
def test_being_expert_in_everything_is_answered_by_the_line_saying_it_is_not_needed(write_posting: WritePosting,
                                                                                    question: str) -> None:
    engine, stem = engine_with(write_posting, REASSURING)
    answer = engine.answer(question, stem)
    assert answer.answered and "pas besoin d'être expert de tous ces sujets" in answer.text


@pytest.mark.parametrize("question", ["je connais rien au monde de la santé, c'est grave ?",
                                      "Is it a problem if I'm not an expert in everything?"])
def test_a_posting_that_says_nothing_of_gaps_does_not_answer_a_worry(write_posting: WritePosting,
                                                                     question: str) -> None:
    engine, stem = engine_with(write_posting, SILENT)
    assert not engine.answer(question, stem).answered


@pytest.mark.parametrize("question", ["Do I need to be an expert in all of these topics?",
                                      "Are these skills required?"])
def test_the_english_these_is_no_thesis(write_posting: WritePosting, question: str) -> None:
    engine, _ = engine_with(write_posting, "## Profil\n\nUn doctorat ou une thèse en cours est un plus.\n")
    assert "diploma" not in [intent.name for intent in engine.matcher.analyse(question).intents]


@pytest.mark.parametrize("question", ["faut-il une thèse ?", "il faut avoir fait une thèse ?"])
def test_a_thesis_is_still_asked_about_in_french(write_posting: WritePosting, question: str) -> None:
    engine, stem = engine_with(write_posting, "## Profil\n\nUn doctorat ou une thèse en cours est un plus.\n")
    answer = engine.answer(question, stem)
    assert answer.answered and answer.intent == "diploma" and "thèse" in answer.text


# --- wordings postings use, and how the lexicon is read ----------------------------------------------------

TOOLS_AND_TERMS = """## Conditions

- Début de la mission : tout de suite !
- Durée : 6 mois

## Nos outils

- Trello
- Mattermost
- Google Drive / Nextcloud

## Profil

Vous êtes au moins titulaire d’un M2 en économie. Un esprit analytique est apprécié.

## Le contexte Start-up d'État

beta.gouv.fr aide les ministères à construire des services numériques.

## Notre façon de travailler

L'équipe est financée par le Ministère de la Culture.
"""


@pytest.mark.parametrize(("question", "line"), [
    ("la mission démarre à quelle date ?", "tout de suite"),  # "tout de suite", "sans attendre": a start
    ("when do I start?", "tout de suite"),
    ("vous utilisez quels outils au quotidien ?", "Trello"),  # the team's everyday tools are its stack too
    ("what tools do you use?", "Mattermost"),
    ("faut quel diplôme ?", "titulaire d’un M2"),  # "titulaire d un" in the lexicon reads "titulaire d'un"
    ("What degree do I need?", "titulaire d’un M2"),
    ("c financé par quel ministère ?", "Ministère de la Culture"),  # the programme "startup d'État" is no organisation
])
def test_a_posting_wording_answers_the_question(write_posting: WritePosting, question: str, line: str) -> None:
    engine, slug = engine_with(write_posting, TOOLS_AND_TERMS)
    answer = engine.answer(question, slug)
    assert answer.answered and line in answer.text, (answer.reason, answer.text)


@pytest.mark.parametrize("question", ["Do you use Google Analytics?", "Vous utilisez Google Analytics ?"])
def test_a_name_of_several_words_is_mentioned_only_when_all_its_words_are(write_posting: WritePosting,
                                                                          question: str) -> None:
    """"analytique" in the posting is not "Google Analytics": the list of tools does not answer."""
    engine, slug = engine_with(write_posting, TOOLS_AND_TERMS)
    answer = engine.answer(question, slug)
    assert not answer.answered and "google analytics" in answer.reason


def test_a_lexicon_phrase_written_with_an_elided_word_matches_the_text_read_without_it() -> None:
    from bot.lexicon import compile_phrases
    from bot.text import normalise

    pattern = compile_phrases(["titulaire d un", "don t hesitate"])
    assert pattern is not None
    assert pattern.search(normalise("Vous êtes titulaire d’un master"))  # read "titulaire un master"
    assert pattern.search(normalise("titulaire d un master"))  # typed without the apostrophe
    assert pattern.search(normalise("Don't hesitate to apply"))  # "don t": the t stands after the apostrophe


STACK = """## Stack

- Python, Django, PostgreSQL
- Déployé sur Scalingo

## Le produit

Une cartographie des lieux de médiation numérique, pour les collectivités.
"""


@pytest.mark.parametrize("question", ["quelles librairies de cartographie vous utilisez ?",
                                      "which mapping libraries do you use for the cartographie?"])
def test_a_stack_question_naming_a_subject_is_not_answered_by_a_list_that_does_not_name_it(
        write_posting: WritePosting, question: str) -> None:
    """The posting names its map, but none of its technologies is for maps: the posting does not say which."""
    engine, slug = engine_with(write_posting, STACK)
    answer = engine.answer(question, slug)
    assert not answer.answered, answer.text


def test_a_stack_question_naming_a_technology_of_the_posting_is_answered(write_posting: WritePosting) -> None:
    engine, slug = engine_with(write_posting, STACK)
    answer = engine.answer("vous utilisez Django ?", slug)
    assert answer.answered and "Django" in answer.text


HISTORY = """## Qui sommes-nous ?

Après 4 ans d'existence, le service aide des milliers d'usagers. Il facilite la mise en place de communs
au service des territoires.

## Modalités

Télétravail possible.
"""


@pytest.mark.parametrize("question", ["la mission dure combien de temps ?", "What's the length of the engagement?",
                                      "c'est basé où ?", "where is the office?"])
def test_a_service_history_and_a_phrase_of_prose_are_no_duration_nor_address(write_posting: WritePosting,
                                                                            question: str) -> None:
    """"4 ans d'existence" is how old the service is; "mise en place de" is no "place de la République"."""
    engine, slug = engine_with(write_posting, HISTORY)
    answer = engine.answer(question, slug)
    assert not answer.answered, answer.text


POSTING_STATUS = """## Statut

Statut : offre fermée, elle n'est plus ouverte aux candidatures.

## Modalités

Télétravail possible.
"""


@pytest.mark.parametrize("question", ["c'est quel type de contrat ?", "is it freelance or salaried?",
                                      "la stack est imposée ?", "can I choose the technologies?"])
def test_the_postings_own_status_line_says_nothing_of_the_contract_nor_of_technical_choices(
        write_posting: WritePosting, question: str) -> None:
    """"Statut : offre fermée" is the posting's status; "ouverte aux candidatures" opens no technical choice."""
    engine, slug = engine_with(write_posting, POSTING_STATUS)
    answer = engine.answer(question, slug)
    assert not answer.answered, answer.text


WORKPLACE = """## Informations complémentaires

Une partie du temps de travail est effectuée dans nos locaux, 20 avenue de Ségur, 75007 Paris.
Démarrage début novembre.

## Le projet

Le transport fluvial, sur la Seine pour commencer.
"""


@pytest.mark.parametrize("question", ["on peut le faire à 80% ?", "is it full time?"])
def test_where_part_of_the_work_is_done_says_nothing_of_how_much(write_posting: WritePosting, question: str) -> None:
    engine, slug = engine_with(write_posting, WORKPLACE)
    answer = engine.answer(question, slug)
    assert not answer.answered, answer.text


def test_a_share_of_the_week_answers_the_working_time(write_posting: WritePosting) -> None:
    engine, slug = engine_with(write_posting, "## Conditions\n\n- Charge : 4/5e\n- Lieu : Paris\n")
    answer = engine.answer("c'est à temps plein ?", slug)
    assert answer.answered and "4/5e" in answer.text


def test_what_a_project_starts_with_is_not_when(write_posting: WritePosting) -> None:
    engine, slug = engine_with(write_posting, WORKPLACE)
    answer = engine.answer("le projet il commence sur quel fleuve ?", slug)
    assert not (answer.answered and "novembre" in answer.text), answer.text
    assert "novembre" in engine.answer("ça commence quand ?", slug).text


@pytest.mark.parametrize("question", ["are they still looking for someone for this role?",
                                      "vous êtes toujours à la recherche de quelqu'un ?"])
def test_still_looking_for_someone_asks_whether_the_posting_is_open(write_posting: WritePosting,
                                                                    question: str) -> None:
    engine, slug = engine_with(write_posting, WORKPLACE)
    assert engine.answer(question, slug).intent == "status"


@pytest.mark.parametrize("question", ["can I still apply to this one?", "on peut encore postuler à cette offre ?",
                                      "is it still possible to apply for this?", "Is it too late to apply?"])
def test_can_i_still_apply_asks_whether_the_posting_is_open(write_posting: WritePosting, question: str) -> None:
    engine, slug = engine_with(write_posting, WORKPLACE)
    assert engine.answer(question, slug).intent == "status"


@pytest.mark.parametrize(("question", "intent"), [("I'm fairly junior, can I still apply?", "junior"),
                                                  ("je suis fonctionnaire, je peux encore postuler ?", "contract")])
def test_can_i_still_apply_after_saying_who_one_is_asks_whether_one_may(write_posting: WritePosting, question: str,
                                                                      intent: str) -> None:
    engine, _ = engine_with(write_posting, WORKPLACE)
    assert engine.matcher.analyse(question).intents[0].name == intent


@pytest.mark.parametrize(("question", "not_intent"), [
    ("Who launched the mission interministérielle pour l'apprentissage?", "contract"),
    ("Apprenticeship dashboard product manager job: how much experience do they ask for?", "contract"),
    ("Which design methods should I master?", "diploma"),
    ("Who exactly would I be onboarding onto the platform?", "start"),
    ("What would I actually do as coach?", "team"),
    ("Could I coach more than one project at once?", "team"),
])
def test_a_word_used_in_another_sense_does_not_ask_its_topic(write_posting: WritePosting, question: str,
                                                           not_intent: str) -> None:
    """An apprenticeship programme is no apprentice's contract, "to master" no master's degree, onboarding users
    no start date."""
    engine, _ = engine_with(write_posting, WORKPLACE)
    assert not_intent not in [i.name for i in engine.matcher.analyse(question).intents]


@pytest.mark.parametrize(("question", "intent"), [("c'est un contrat d'apprentissage ?", "contract"),
                                                  ("do I need a master's degree?", "diploma"),
                                                  ("faut un master ?", "diploma"),
                                                  ("when is the onboarding?", "start"),
                                                  ("qui est le coach de l'équipe ?", "team")])
def test_the_word_in_its_own_sense_still_asks_its_topic(write_posting: WritePosting, question: str,
                                                       intent: str) -> None:
    engine, _ = engine_with(write_posting, WORKPLACE)
    assert intent in [i.name for i in engine.matcher.analyse(question).intents]


@pytest.mark.parametrize("question", ["c quoi la DGALN ?", "what's the DGALN? never heard of it"])
def test_an_acronym_asked_is_answered_by_the_line_that_writes_it_out(write_posting: WritePosting,
                                                                    question: str) -> None:
    body = ("## Qui sommes-nous ?\n\nLa DGALN est organisée en deux directions métier.\n\n"
            "## Les missions du poste\n\nGarantir le succès des produits soutenus par la Direction générale de "
            "l'aménagement, du logement et de la nature (DGALN).\n")
    engine, slug = engine_with(write_posting, body)
    answer = engine.answer(question, slug)
    assert answer.answered and "Direction générale de l'aménagement" in answer.passages[0].text, answer.text


@pytest.mark.parametrize("question", ["l'échange de recrutement c'est en visio ou sur place ?",
                                      "is the hiring call remote or in person?"])
def test_where_the_interview_takes_place_asks_about_the_interview_not_remote_work(write_posting: WritePosting,
                                                                                  question: str) -> None:
    engine, _ = engine_with(write_posting, WORKPLACE)
    assert engine.matcher.analyse(question).intents[0].name == "interview"


APPLY = "## Candidater\n\nEnvoyez votre CV à recrutement@delta.gouv.fr.\n"


@pytest.mark.parametrize("question", ["faut joindre un portfolio à la candidature ?", "Do I need to send a portfolio?"])
def test_a_document_the_posting_never_asks_for_is_not_answered_by_the_address(write_posting: WritePosting,
                                                                            question: str) -> None:
    engine, slug = engine_with(write_posting, APPLY)
    assert not engine.answer(question, slug).answered


def test_a_document_the_posting_asks_for_is_answered_by_its_line(write_posting: WritePosting) -> None:
    engine, slug = engine_with(write_posting, APPLY + "\nJoignez un portfolio ou des exemples de réalisations.\n")
    answer = engine.answer("faut joindre un portfolio ?", slug)
    assert answer.answered and "Joignez un portfolio" in answer.text


def test_an_informal_cover_letter_is_found_under_its_abbreviation(write_posting: WritePosting) -> None:
    engine, slug = engine_with(write_posting, "## Mission\n\nFaire évoluer ces travaux en production.\n\n"
                                              "## Écrivez-nous\n\nAvec ton CV (et LM si possible) à jo@delta.gouv.fr\n")
    answer = engine.answer("faut une lettre de motiv ?", slug)
    assert answer.answered and "LM si possible" in answer.text, answer.text


def test_the_address_to_apply_to_is_an_email_not_an_encouragement(write_posting: WritePosting) -> None:
    body = ("## Postuler\n\nLe profil de poste est flexible : nous recrutons tous types de profils. Si vous "
            "hésitez à postuler, écrivez-nous quand même.\n\n## Modalités\n\nMission de 6 mois. Racontez-nous "
            "pourquoi vous voulez nous rejoindre à recrutement@delta.gouv.fr\n")
    engine, slug = engine_with(write_posting, body)
    answer = engine.answer("je postule à quelle adresse ?", slug)
    assert answer.answered and "recrutement@delta.gouv.fr" in answer.text, answer.text


@pytest.mark.parametrize("question", ["Where should I send my CV?", "Faut mettre qui en copie de la candidature ?"])
def test_where_or_to_whom_to_send_is_not_what_to_send(write_posting: WritePosting, question: str) -> None:
    engine, _ = engine_with(write_posting, APPLY)
    assert engine.matcher.analyse(question).intents[0].name in ("apply", "contact")


@pytest.mark.parametrize(("question", "intent"), [
    ("By what date do I need to apply?", "deadline"),
    ("avant quelle date faut-il candidater ?", "deadline"),
    ("tjs possible de postuler ou c fini ?", "status"),
    ("la gratification du stage c'est combien ?", "pay"),
    ("vous prenez combien de devs ?", "openings"),
    ("how many developers are you hiring?", "openings"),
    ("Which administration is this project for?", "org"),
    ("faut des certifs genre PSPO ou scrum master ?", "diploma"),
    ("vous envoyez la newsletter avec quel outil ?", "stack"),
    ("faut connaitre quels outils de support ?", "skills"),
])
def test_everyday_wordings_ask_their_topic(write_posting: WritePosting, question: str, intent: str) -> None:
    engine, _ = engine_with(write_posting, WORKPLACE)
    assert engine.matcher.analyse(question).intents[0].name == intent


def test_server_side_rendering_is_no_hosting(write_posting: WritePosting) -> None:
    engine, slug = engine_with(write_posting, "## Mission secondaire\n\nServeur side rendering\n")
    assert not engine.answer("vous hébergez où ? c'est du cloud souverain ?", slug).answered


def test_an_internship_line_without_an_amount_does_not_say_the_stipend(write_posting: WritePosting) -> None:
    engine, slug = engine_with(write_posting, "## Modalités\n\nStage de 4 à 6 mois, 35 heures hebdomadaires\n"
                                              "Contrat : stage\n")
    assert not engine.answer("la gratification du stage c'est combien ?", slug).answered


@pytest.mark.parametrize("question", ["les locaux sont à quelle adresse à Paris ?", "What's the exact address?",
                                      "Les locaux sont où exactement dans Paris ? l'adresse ?",
                                      "Where are the offices, what's the address?"])
def test_the_office_address_is_a_street_not_the_city(write_posting: WritePosting, question: str) -> None:
    body = "## Modalités\n\nUne présence régulière à Paris est demandée pour les ateliers.\n"
    engine, slug = engine_with(write_posting, body)
    assert not engine.answer(question, slug).answered
    engine, slug = engine_with(write_posting, body + "\nNos locaux : 20 avenue de Ségur, 75007 Paris.\n")
    answer = engine.answer(question, slug)
    assert answer.answered and "20 avenue de Ségur" in answer.text


@pytest.mark.parametrize("question", ["je postule à quelle adresse ?", "j'envoie ma candidature à quelle adresse ?",
                                      "which email address do applications go to?"])
def test_the_address_to_apply_to_is_no_office_address(write_posting: WritePosting, question: str) -> None:
    engine, _ = engine_with(write_posting, WORKPLACE)
    assert engine.matcher.analyse(question).intents[0].name != "address"


@pytest.mark.parametrize("question", ["j'envoie ma candidature a qui ?", "à qui j'adresse ma candidature ?"])
def test_to_whom_one_sends_an_application_asks_where_to_apply_not_who_is_hiring(write_posting: WritePosting,
                                                                                question: str) -> None:
    body = ("## Présentation\n\nL'Incubateur de services numériques crée de petites équipes autonomes.\n\n"
            "## Pour postuler\n\nÉcrivez-nous à recrutement@beta.gouv.fr en nous disant quel profil vous êtes.\n\n"
            "Vous pouvez également nous envoyer votre CV / LinkedIn / Portfolio.\n")
    engine = engine_of(write_posting("2020-02-26-designers.md", "roles: Designer\nstartup: betagouv", body))
    answer = engine.answer(question, "2020-02-26-designers")
    assert answer.answered and answer.intent == "apply", (answer.reason, answer.text)
    assert "recrutement@beta.gouv.fr" in answer.text and "Incubateur" not in answer.text


@pytest.mark.parametrize("question", ["je postule où ?", "on candidate par où ?", "Where do I apply?"])
def test_where_to_apply_is_the_address_or_the_link_not_the_office(write_posting: WritePosting, question: str) -> None:
    body = ("## Modalités\n\n- Une présence régulière à Paris est demandée.\n- Démarrage en septembre 2020.\n\n"
            "### [Candidatez sur le site de l'Incubateur](https://incubateur.example.org/recrutements/bizdev/)\n")
    engine = engine_of(write_posting("2020-07-29-bizdev.md", "roles: Bizdev\nstartup: anct", body))
    answer = engine.answer(question, "2020-07-29-bizdev")
    assert answer.answered and "https://incubateur.example.org/recrutements/bizdev/" in answer.text, answer.text
    assert "Paris" not in answer.text


def test_a_line_the_posting_repeats_is_shown_once(write_posting: WritePosting) -> None:
    link = '<a href="https://talents.example.org/ux">Postuler ici</a>'
    body = f"Le laboratoire recrute un designer.\n\n{link}\n\n## Modalités\n\nTélétravail partiel.\n\n{link}\n"
    engine = engine_of(write_posting("2022-01-19-ux.md", "roles: Designer\nstartup: lab", body))
    answer = engine.answer("on candidate par où ?", "2022-01-19-ux")
    assert answer.answered and answer.text.count("Postuler ici (https://talents.example.org/ux)") == 1, answer.text


@pytest.mark.parametrize("question", ["faut mettre quoi dans l'objet du mail ?",
                                      "je dois mettre un truc special dans l'objet du mail ?",
                                      "Anything special I should put in the email subject?"])
def test_the_subject_line_of_the_application_email_is_what_to_send(write_posting: WritePosting, question: str) -> None:
    body = ("## Candidater\n\nÉcris-nous à equipe@example.org.\n\n## Une dernière chose\n\nPour nous montrer que tu "
            "as bien lu cette annonce, insère l'emoji de ton choix dans l'objet du message de candidature.\n")
    engine = engine_of(write_posting("2021-05-25-dev.md", "roles: Dev\nstartup: monentreprise", body))
    answer = engine.answer(question, "2021-05-25-dev")
    assert answer.answered and "dans l'objet du message" in answer.text, (answer.reason, answer.text)


@pytest.mark.parametrize(("question", "line"), [
    ("who would be my line manager?", "Responsable hiérarchique : cheffe de la mission des systèmes d'information"),
    ("je serai sous la responsabilite de qui ?", "Vous serez la référente de l'équipe, sous le pilotage des "
                                                 "intrapreneurs."),
])
def test_the_line_manager_or_whoever_steers_the_job_answers_who_one_reports_to(write_posting: WritePosting,
                                                                              question: str, line: str) -> None:
    body = f"## Le produit\n\nLe service aide les communes.\n\n## La mission\n\n{line}\n"
    engine = engine_of(write_posting("2021-01-08-bizdev.md", "roles: Bizdev\nstartup: rb", body))
    answer = engine.answer(question, "2021-01-08-bizdev")
    assert answer.answered and line in answer.text, (answer.reason, answer.text)


@pytest.mark.parametrize("question", [
    "api.gouv.fr / DataPass full-stack JS developer opening (June 2022): do I need to know Ansible?",
    "Le poste de dev full stack JS de DataPass (juin 2022) : faut connaître Ansible ?"])
def test_words_before_the_colon_name_the_posting_even_when_they_would_ask(write_posting: WritePosting,
                                                                          question: str) -> None:
    """"full-stack" before the colon names the job; what is asked comes after it."""
    body = ("## Notre équipe\n\nUne équipe DataPass : un Product Owner, un développeur full stack JS sénior et une "
            "développeuse junior.\n\n## Ton profil\n\n- D'une bonne maîtrise d'Ansible\n- Curieux\n")
    engine = engine_of(write_posting("2022-06-30-dev-js.md", "title: Dev full stack JS\nstartup: datapass", body))
    answer = engine.answer(question, "2022-06-30-dev-js")
    assert answer.answered and "bonne maîtrise d'Ansible" in answer.text, (answer.reason, answer.text)
    assert "Product Owner" not in answer.text


@pytest.mark.parametrize("question", ["who's on the team?", "Who's on the team at the moment?",
                                      "l'equipe c qui en ce moment ?", "l'equipe est composee de qui pour l'instant ?"])
def test_who_is_on_the_team_now_is_answered_by_its_members(write_posting: WritePosting, question: str) -> None:
    write_other_postings(write_posting, 3, "## Le produit\n\nPour le moment, et à l'instant, le service aide.\n")
    body = ("## Le produit\n\nLe service aide les juridictions.\n\n## Notre équipe\n\nL'équipe est composée de "
            "5 personnes : une intrapreneuse (Aurélie), un coach et trois développeurs.\n")
    engine = engine_of(write_posting("2021-11-25-ux.md", "roles: Designer\nstartup: ajust", body))
    answer = engine.answer(question, "2021-11-25-ux")
    assert answer.answered and "une intrapreneuse (Aurélie)" in answer.text, (answer.reason, answer.text)


@pytest.mark.parametrize("question", ["comment je postule ? par mail ?", "how do I apply, by email?"])
def test_how_to_apply_by_mail_asks_how_to_apply(write_posting: WritePosting, question: str) -> None:
    """The mail is one way to apply: a posting that asks for a form answers with the form."""
    body = ("## Qui sommes-nous ?\n\nLa startup outille les collectivités. Contact presse : presse@example.org\n\n"
            "## Candidater\n\nCandidater en remplissant ce formulaire : https://example.org/candidature\n")
    engine = engine_of(write_posting("2022-02-16-ux.md", "roles: Designer\nstartup: infranum", body))
    answer = engine.answer(question, "2022-02-16-ux")
    assert answer.answered and "https://example.org/candidature" in answer.text, (answer.reason, answer.text)


@pytest.mark.parametrize("question", ["le code du produit est consultable qq part ?", "Where can I look at the code?"])
def test_where_to_see_the_code_is_answered_by_the_link_to_it(write_posting: WritePosting, question: str) -> None:
    body = ("## Ton profil\n\nTu es à l'aise avec les modalités de travail issues du logiciel libre (PR, code "
            "reviews).\n\n## Ta mission\n\nPour plus de détail sur la stack, [consulte le code du produit]"
            "(https://github.com/betagouv/produit).\n")
    write_other_postings(write_posting, 3)
    engine = engine_of(write_posting("2020-07-24-dev.md", "roles: Dev\nstartup: aides", body))
    answer = engine.answer(question, "2020-07-24-dev")
    assert answer.answered and "https://github.com/betagouv/produit" in answer.text, (answer.reason, answer.text)
    assert "issues du logiciel libre" not in answer.text


@pytest.mark.parametrize("question", ["faut envoyer un portfolio ?", "Do I need to send a portfolio?"])
def test_a_designers_book_is_a_portfolio(write_posting: WritePosting, question: str) -> None:
    body = "## Le produit\n\nLe service aide les employeurs.\n\n## Conditions\n\n- Book UX & UI\n- CV\n"
    engine = engine_of(write_posting("2020-10-01-ux.md", "roles: Designer\nstartup: itou", body))
    answer = engine.answer(question, "2020-10-01-ux")
    assert answer.answered and "Book UX & UI" in answer.text, (answer.reason, answer.text)


@pytest.mark.parametrize("question", [
    "Fabrique numérique senior developers posting from late 2019: who should I send my application to?",
    "L'offre de dev senior de la Fabrique numérique (2019) : j'envoie ma candidature à qui ?"])
def test_an_intent_named_before_the_colon_names_the_posting_and_asks_nothing(write_posting: WritePosting,
                                                                             question: str) -> None:
    """"senior" names the job; what is asked after the colon is where to apply, not the experience wanted."""
    body = ("## Présentation\n\nLa Fabrique numérique du ministère incube des startups.\n\n## Profil\n\n"
            "- Cinq ans d'expérience en dev web\n\n## Modalités\n\nEnvoyez-nous votre CV à samuel@example.org\n")
    engine = engine_of(write_posting("2019-11-26-dev.md", "roles: Développeur·se\nstartup: fabnum", body))
    answer = engine.answer(question, "2019-11-26-dev")
    assert answer.answered and "samuel@example.org" in answer.text, (answer.reason, answer.text)
    assert "Cinq ans" not in answer.text


@pytest.mark.parametrize("question", ["what education level do they want?", "what level of studies is required?"])
def test_the_level_of_education_asked_in_english_is_the_degree(write_posting: WritePosting, question: str) -> None:
    body = "## Le produit\n\nLe programme accélère les startups.\n\n## Conditions\n\n- Souhaité : niveau Master\n"
    engine = engine_of(write_posting("2022-04-29-stage.md", "roles: Stagiaire\nstartup: fast", body))
    answer = engine.answer(question, "2022-04-29-stage")
    assert answer.answered and "niveau Master" in answer.text, (answer.reason, answer.text)


WORDINGS_OF_PRESENCE_TIME_AND_CODE = """## Le produit

Un outil libre et ouvert pour les collectivités.

## Modalités

- Une présence régulière à Paris est demandée pour les sessions stratégiques.
- Temps de travail : environ 2 jours
"""


@pytest.mark.parametrize(("question", "line"), [
    ("Do I have to show up in Paris?", "présence régulière à Paris"),
    ("how often do I have to be in Paris?", "présence régulière à Paris"),
    ("ca represente quel volume de travail par semaine ?", "environ 2 jours"),
    ("le code est libre ?", "outil libre et ouvert"),
    ("vous publiez en libre ?", "outil libre et ouvert"),
])
def test_more_wordings_of_presence_working_time_and_open_code(write_posting: WritePosting, question: str,
                                                              line: str) -> None:
    engine, stem = engine_with(write_posting, WORDINGS_OF_PRESENCE_TIME_AND_CODE)
    answer = engine.answer(question, stem)
    assert answer.answered and line in answer.text, (answer.reason, answer.text)


@pytest.mark.parametrize(("question", "line"), [
    ("Which JS framework is used on the front?", "Vous maîtrisez Javascript, idéalement VueJS ou React."),
    ("where are your offices?", "Nos bureaux sont à Paris, avenue de Ségur, mais nous travaillons un peu partout."),
])
def test_js_is_javascript_and_a_street_without_its_number_is_an_address(write_posting: WritePosting, question: str,
                                                                       line: str) -> None:
    engine, stem = engine_with(write_posting, f"## Le produit\n\nUn outil public.\n\n## Vous\n\n{line}\n")
    answer = engine.answer(question, stem)
    assert answer.answered and line in answer.text, (answer.reason, answer.text)


@pytest.mark.parametrize("question", ["faut etre auto-entrepreneur ?", "Can I do it as a micro-entrepreneur?"])
def test_a_job_open_to_independents_answers_whether_one_must_be_an_entrepreneur(write_posting: WritePosting,
                                                                              question: str) -> None:
    engine, stem = engine_with(write_posting, "## Le produit\n\nUn outil public.\n\n## Conditions\n\n"
                                              "- Poste ouvert pour un(e) indépendant(e) ;\n- Télétravail possible\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "Poste ouvert pour un(e) indépendant(e)" in answer.text, (answer.reason, answer.text)


@pytest.mark.parametrize("question", ["l'annonce est encore valide ?", "is the posting still valid?"])
def test_still_valid_asks_whether_the_posting_is_open(write_posting: WritePosting, question: str) -> None:
    engine, stem = engine_with(write_posting, "## Le produit\n\nUn outil public.\n")
    answer = engine.answer(question, stem)
    assert answer.answered and answer.intent == "status", (answer.reason, answer.text)


@pytest.mark.parametrize("question", ["c quel ministere / direction ?", "which directorate runs it?"])
def test_which_directorate_asks_for_the_organisation(write_posting: WritePosting, question: str) -> None:
    engine, stem = engine_with(write_posting, "## Le produit\n\nUn outil public de suivi.\n\n## L'environnement\n\n"
                                              "La direction générale de l'énergie et du climat (DGEC) a porté le "
                                              "projet.\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "direction générale de l'énergie" in answer.text, (answer.reason, answer.text)


@pytest.mark.parametrize("question", ["what are the recruitment steps?", "how many hiring rounds are there?"])
def test_the_steps_of_hiring_are_the_interviews(write_posting: WritePosting, question: str) -> None:
    engine, stem = engine_with(write_posting, "## Le produit\n\nUn outil public.\n\n## Le processus de recrutement\n\n"
                                              "1/ Appel de découverte\n2/ Entretien avec les membres de l'équipe\n\n"
                                              "3/ Entretien technique\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "Entretien technique" in answer.text, (answer.reason, answer.text)


def test_the_role_named_by_its_acronym_names_the_posting_not_a_line(corpus: Engine) -> None:
    """"as PO" in the product owner's posting of Trackdéchets names the job: the profile line naming PO among agile
    roles is not the answer, the missions are."""
    answer = corpus.answer("What would my main responsibilities be as PO?",
                           "2022-01-26-un-e.gestionnaire.de.produit.product.owner")
    assert answer.answered and "prioriser le backlog" in answer.text.splitlines()[1], (answer.reason, answer.text)


TERMS = """## En pratique

- Un contrat de 3 ans, transformable en CDI.
- Une rémunération indexée sur ton salaire actuel.
- Des déplacements France entière sont à prévoir, et ponctuellement à vous rendre en province.
"""


@pytest.mark.parametrize(("question", "line"), [
    ("What's the salary like?", "indexée sur ton salaire actuel"),  # how the pay is set answers "how much"
    ("la rémunération c'est combien ?", "indexée sur ton salaire actuel"),
    ("faudra voyager ?", "déplacements France entière"),
    ("Will I have to travel outside Paris?", "vous rendre en province"),
    ("can it become a permanent contract?", "transformable en CDI"),
    ("le contrat peut être transformé en CDI ?", "transformable en CDI"),
])
def test_terms_written_as_postings_write_them_answer(write_posting: WritePosting, question: str, line: str) -> None:
    engine, slug = engine_with(write_posting, TERMS)
    answer = engine.answer(question, slug)
    assert answer.answered and line in answer.text, (answer.reason, answer.text)


@pytest.mark.parametrize("question", ["When did applications close?", "quand est-ce que les candidatures ferment ?",
                                      "les candidatures ferment à quelle date ?"])
def test_when_a_posting_closes_asks_for_its_date(tmp_path: Path, question: str) -> None:
    """"When did applications close?" is answered by the closing date, not by "offre fermée"."""
    engine = engine_of_dates(tmp_path, "2020-12-07-deploiement", "open: false\nposte_ferme: 2020-12-21",
                             dt.date(2026, 11, 30))
    answer = engine.answer(question, "2020-12-07-deploiement")
    assert answer.intent == "deadline" and "21/12/2020" in answer.text, answer.text


@pytest.mark.parametrize("question", ["il y a combien d'entretiens ?", "how many interview rounds are there?"])
def test_a_date_is_no_count_of_interviews(write_posting: WritePosting, question: str) -> None:
    body = ("## Comment candidater\n\nEnvoie ton CV par mail. Nous commencerons nos entretiens dès la semaine "
            "du 5 décembre 2022.\n")
    engine, slug = engine_with(write_posting, body)
    answer = engine.answer(question, slug)
    assert not answer.answered, answer.text


def test_a_count_of_interviews_answers_how_many(write_posting: WritePosting) -> None:
    engine, slug = engine_with(write_posting, "## Processus\n\nLe recrutement se fait en 2 entretiens, en visio.\n")
    answer = engine.answer("il y a combien d'entretiens ?", slug)
    assert answer.answered and "2 entretiens" in answer.text


def test_a_line_under_a_start_date_heading_answers_when_it_starts(write_posting: WritePosting) -> None:
    """Two lines name June; the one under "Date de début" says when the job starts."""
    body = ("## L'équipe\n\n- 1 développeur qui part en juin, il fera la passation début juin\n\n"
            "## Date de début\n\nLe plus vite possible avant le 17 juin.\n")
    engine, slug = engine_with(write_posting, body)
    answer = engine.answer("ça démarre quand ?", slug)
    assert answer.answered and answer.text.split("\n")[1].startswith("Le plus vite possible"), answer.text


@pytest.mark.parametrize("line", [
    "Nous travaillons en petites équipes assez indépendantes.",  # an adjective, not a status
    "Tu es une personne positive et indépendante.",
    "Le service aide les salariés des transports à déclarer leur temps de travail.",  # the users
    "Tchap permet aux agents publics de communiquer entre eux.",
    "Tu pilotes la prestation opérée par notre partenaire.",  # a contractor's work, not the job's contract
    "Un appel à candidatures ouvert à tous les agents du ministère.",
])
def test_prose_naming_workers_or_autonomy_says_nothing_of_the_contract(write_posting: WritePosting,
                                                                       line: str) -> None:
    engine, slug = engine_with(write_posting, f"## Le projet\n\n{line}\n")
    answer = engine.answer("c'est quel type de contrat ?", slug)
    assert not answer.answered, answer.text


@pytest.mark.parametrize("line", [
    "Nous sommes tous indépendants, rémunérés au même tarif.",
    "Possibilité de passer en salarié au bout d'un an.",
    "Mission ouverte aux agents publics titulaires, en détachement.",
    "Poste ouvert à des indépendant·e·s.",
])
def test_a_status_written_as_postings_write_it_answers_the_contract(write_posting: WritePosting, line: str) -> None:
    engine, slug = engine_with(write_posting, f"## Le projet\n\n{line}\n")
    answer = engine.answer("c'est quel type de contrat ?", slug)
    assert answer.answered and line[:20] in answer.text, (answer.reason, answer.text)


@pytest.mark.parametrize("line", [
    "Vous mobiliserez les acteurs locaux sur le territoire.",  # "locaux": local people, no office
    "Le service informe les voyageurs partout en France.",  # where the users are, not where one works
    "Vous animerez la réunion d'équipe hebdomadaire.",  # a meeting, not La Réunion
    "Dans nos locaux, vous participerez aux sessions communes de démonstration.",  # "communes": shared, not towns
    "Le bureau de l'Agence nationale du sport a pour mission de soutenir les clubs.",  # "a pour": has, not at
    "Vous ferez grandir la place de marché de l'inclusion.",  # a marketplace, not "place de la République"
    "Vous participerez à la mise en place de nouveaux services.",  # "mise en place de": to set up
])
def test_prose_with_a_word_of_places_is_no_address(write_posting: WritePosting, line: str) -> None:
    engine, slug = engine_with(write_posting, f"## Environnement de travail\n\n{line}\n")
    answer = engine.answer("c'est basé où ?", slug)
    assert not answer.answered, answer.text


@pytest.mark.parametrize("line", [
    "Le poste est basé à La Réunion, à Saint-Denis.",
    "Nos bureaux sont à la préfecture à Bobigny.",
    "Vous pouvez travailler depuis partout en France.",
    "Des déplacements dans plusieurs départements sont à prévoir.",
])
def test_a_place_written_as_postings_write_it_answers_where(write_posting: WritePosting, line: str) -> None:
    engine, slug = engine_with(write_posting, f"## Environnement de travail\n\n{line}\n")
    answer = engine.answer("c'est basé où ?", slug)
    assert answer.answered and line[:20] in answer.text, (answer.reason, answer.text)


@pytest.mark.parametrize("line", [
    "Un rappel est envoyé 48h avant le rendez-vous.",  # a delay, not hours of work
    "Le service fait gagner 2 heures par dossier aux agents.",
    "Vous participerez à la réunion d'équipe hebdomadaire.",  # a meeting every week, not a weekly workload
])
def test_hours_and_weeks_in_prose_say_nothing_of_the_working_time(write_posting: WritePosting, line: str) -> None:
    engine, slug = engine_with(write_posting, f"## Le projet\n\n{line}\n")
    answer = engine.answer("c'est combien d'heures par semaine ?", slug)
    assert not answer.answered, answer.text


@pytest.mark.parametrize("question", ["c'est à temps plein ou partiel ?",
                                      "Is it full-time or part-time for this role?"])
def test_how_the_team_s_members_work_is_not_the_job_s_working_time(write_posting: WritePosting,
                                                                   question: str) -> None:
    """"Nous sommes une équipe de 5 personnes à temps partiel" tells how the team works, not how much the job
    asks: the question goes to the recruiter."""
    engine, slug = engine_with(write_posting, "## L'équipe\n\nNous sommes aujourd'hui une équipe de 5 personnes à "
                                              "temps partiel : 1 intrapreneure, 2 chargés de déploiement.\n")
    assert not engine.answer(question, slug).answered


def test_an_internship_agreement_mended_to_the_french_word_is_still_no_contract(write_posting: WritePosting) -> None:
    """"agreement", unknown to French postings, is mended to the nearest word they use, "agrement" (agrément):
    "internship agreement" asks about a school's paperwork either way, not the kind of contract."""
    engine, slug = engine_with(write_posting, "## Conditions pratiques\n\nDurée : Stage de 3 à 6 mois\n\n"
                                              "## La structure\n\nL'association a reçu l'agrément ESUS.\n")
    answer = engine.answer("Do I need a signed internship agreement from my school?", slug)
    assert not answer.answered, answer.text


@pytest.mark.parametrize("question", ["faudra aller sur place chez les collectivites ?",
                                      "Will I have to go to the local authorities?"])
@pytest.mark.parametrize(("body", "answers"), [
    ("## Modalités\n\nEssentiellement en télétravail, bureaux possibles à l'incubateur, à Paris.\n", False),
    ("## Modalités\n\nTélétravail possible. Des déplacements ponctuels chez les collectivités sont à prévoir.\n", True),
])
def test_going_where_the_users_are_is_travel_not_the_office(write_posting: WritePosting, question: str, body: str,
                                                            answers: bool) -> None:
    """"aller chez les collectivités" asks about trips to the users, which the team's office does not answer."""
    engine, slug = engine_with(write_posting, body)
    answer = engine.answer(question, slug)
    assert answer.answered is answers, answer.text
    assert not answers or "déplacements ponctuels" in answer.text


START_AND_TRAINING = "## Modalités\n\nDémarrage dès que possible, pour 3 mois.\n"


@pytest.mark.parametrize("question", ["y a une formation au debut pour apprendre a valider ?",
                                      "At the beginning, will someone train me on the tools?"])
def test_at_the_beginning_qualifies_what_is_asked_it_asks_no_start_date(write_posting: WritePosting,
                                                                          question: str) -> None:
    """"une formation au début", "at the beginning": when something happens in the job, not when it starts."""
    engine, slug = engine_with(write_posting, START_AND_TRAINING)
    answer = engine.answer(question, slug)
    assert answer.intent != "start" and not answer.answered, answer.text


@pytest.mark.parametrize("question", ["c'est quand le début de la mission ?", "When does it begin?"])
def test_the_beginning_of_the_mission_is_its_start(write_posting: WritePosting, question: str) -> None:
    engine, slug = engine_with(write_posting, START_AND_TRAINING)
    answer = engine.answer(question, slug)
    assert answer.answered and answer.intent == "start" and "dès que possible" in answer.text


BONNE_ALTERNANCE = """## Environnement et modalités de travail

L'équipe travaille en proximité immédiate avec l'équipe qui développe La Bonne Alternance.

- Intégration de cette brique fonctionnelle à La Bonne Alternance ;
- Télétravail 100 %.
"""


@pytest.mark.parametrize("question", ["Is it a freelance contract or a CDD?", "c'est en alternance ?"])
def test_a_product_named_la_bonne_alternance_says_no_contract(write_posting: WritePosting, question: str) -> None:
    """"La Bonne Alternance" is a product (the work-study job board): a line naming it says nothing of the
    candidate's contract."""
    engine, slug = engine_with(write_posting, BONNE_ALTERNANCE)
    assert not engine.answer(question, slug).answered


def test_a_question_naming_la_bonne_alternance_asks_about_the_product(write_posting: WritePosting) -> None:
    engine, slug = engine_with(write_posting, BONNE_ALTERNANCE)
    answer = engine.answer("ça s'intègre à la bonne alternance ?", slug)
    assert answer.answered and answer.intent != "work_study" and "Intégration de cette brique" in answer.text


@pytest.mark.parametrize("line", ["Stage de 6 mois, 35 heures hebdomadaires.", "Temps de travail : 39h",
                                  "Environ 30 heures par semaine."])
def test_hours_of_work_answer_the_working_time(write_posting: WritePosting, line: str) -> None:
    engine, slug = engine_with(write_posting, f"## Le projet\n\n{line}\n")
    answer = engine.answer("c'est combien d'heures par semaine ?", slug)
    assert answer.answered and line[:12] in answer.text, (answer.reason, answer.text)


@pytest.mark.parametrize(("question", "line", "answers"), [
    ("c'est payé combien ?", "Nous proposons une grille nationale d'évaluation des logements.", False),
    ("c'est payé combien ?", "La grille de taux journaliers de l'incubateur s'applique.", True),
])
def test_a_grid_is_pay_only_when_it_is_a_pay_scale(write_posting: WritePosting, question: str, line: str,
                                                  answers: bool) -> None:
    engine, slug = engine_with(write_posting, f"## Le projet\n\n{line}\n")
    answer = engine.answer(question, slug)
    assert answer.answered is answers, (answer.reason, answer.text)


@pytest.mark.parametrize("question", ["Who would I report to?", "je serai sous la responsabilité de qui ?"])
def test_under_the_tutelage_of_someone_says_who_one_reports_to(write_posting: WritePosting, question: str) -> None:
    body = "## Le poste\n\nVous rejoindrez l'équipe sous la tutelle de la PM actuelle et du commanditaire.\n"
    engine, slug = engine_with(write_posting, body)
    answer = engine.answer(question, slug)
    assert answer.answered and "sous la tutelle" in answer.text, (answer.reason, answer.text)


def test_technical_in_english_is_technique_in_french(write_posting: WritePosting) -> None:
    body = ("## Profil\n\nVous avez un profil technique : vous savez manipuler et nettoyer des données.\n\n"
            "## Modalités\n\nTélétravail possible.\n")
    engine, slug = engine_with(write_posting, body)
    answer = engine.answer("what technical skills do you expect?", slug)
    assert answer.answered and "profil technique" in answer.text, (answer.reason, answer.text)


CASUAL = """## Modalités

- Rémunération : à discuter
- Ecrivez-nous avec ton CV (et LM si possible).

## Qui sommes-nous

Nous travaillons avec 12 développeurs Node.js.
"""


@pytest.mark.parametrize(("question", "line"), [
    ("faut une lettre de motiv ?", "LM si possible"),  # "motiv", "LM": the letter, shortened on both sides
    ("la rému c combien ?", "à discuter"),  # "rému": rémunération
    ("vous êtes combien de devs ?", "12 développeurs"),  # a count of people by their trade says the team's size
])
def test_shortened_words_and_counts_of_people_answer(write_posting: WritePosting, question: str, line: str) -> None:
    engine, slug = engine_with(write_posting, CASUAL)
    answer = engine.answer(question, slug)
    assert answer.answered and line in answer.text, (answer.reason, answer.text)


APPLICATION = """## Ta candidature

Pour postuler, envoie-nous un petit message à dora@beta.gouv.fr avec un lien vers ton profil.

On te recontactera rapidement par mail pour convenir d'un rdv avec l'équipe !
"""


@pytest.mark.parametrize("question", ["et après avoir postulé il se passe quoi ?", "What happens after I apply?"])
def test_what_follows_an_application_is_the_hiring_process_not_how_to_apply(write_posting: WritePosting,
                                                                           question: str) -> None:
    engine = engine_of(write_posting("2021-11-17-growth.md", "roles: Chargé de croissance\nstartup: dora",
                                     APPLICATION))
    answer = engine.answer(question, "2021-11-17-growth")
    assert answer.answered and answer.text.splitlines()[1].startswith("On te recontactera"), answer.text


TRIPS = """## Le produit

La plateforme regroupe les données ouvertes pour faciliter les déplacements des voyageurs partout en France.

## Modalités

Les déplacements sont relativement peu nombreux (1 tous les deux mois).
"""


@pytest.mark.parametrize("question", ["y a bcp de deplacements ?", "Will I have to travel a lot?"])
def test_how_often_one_travels_comes_before_the_trips_a_product_eases(write_posting: WritePosting,
                                                                      question: str) -> None:
    engine = engine_of(write_posting("2021-11-10-transport.md", "roles: Chargé·e d'accompagnement\nstartup: transport",
                                     TRIPS))
    answer = engine.answer(question, "2021-11-10-transport")
    assert answer.answered and answer.text.splitlines()[1].startswith("Les déplacements sont"), answer.text


@pytest.mark.parametrize(("question", "line"), [
    ("c'est basé où ?", "Poste à pourvoir à Angers ou à Montrouge, en CDD longue durée."),
    ("In which city would I be working?", "Poste à pourvoir à Angers ou à Montrouge, en CDD longue durée."),
    ("c'est basé où ?", "Lieu : Incubateur Fabrique Numérique (@La Défense)"),
    ("Where is the office?", "Localisation : Grande Arche et Tour Sequoia"),
])
def test_a_city_or_a_place_given_as_a_field_answers_where(write_posting: WritePosting, question: str,
                                                           line: str) -> None:
    """Not only the largest cities: a town where a public body works, or the place given as a field."""
    body = f"## Le produit\n\nLe service aide les collectivités.\n\n## Conditions\n\n{line}\n"
    engine = engine_of(write_posting("2021-10-28-po.md", "roles: Product Owner\nstartup: transitions", body))
    answer = engine.answer(question, "2021-10-28-po")
    assert answer.answered and line in answer.text, answer.reason


@pytest.mark.parametrize("question", ["je peux bosser 100% depuis chez moi ?", "Can I work from home?"])
def test_working_from_ones_home_answers_remote_work(write_posting: WritePosting, question: str) -> None:
    body = "## Le produit\n\nLe service aide les collectivités.\n\n## En bref\n\n- **Où ?** Chez toi ou à La Défense\n"
    engine = engine_of(write_posting("2020-07-24-dev.md", "roles: Développeur·se\nstartup: aides", body))
    answer = engine.answer(question, "2020-07-24-dev")
    assert answer.answered and "Chez toi ou à La Défense" in answer.text, answer.reason


@pytest.mark.parametrize("question", ["y a un dress code pour l'entretien ?",
                                      "Is there a dress code for the interview?"])
def test_a_line_naming_what_is_asked_about_a_topic_answers_without_the_topics_usual_words(
        write_posting: WritePosting, question: str) -> None:
    """No line reads as a hiring process (no "entretien", no "étapes"), but one names the dress code asked about,
    in a meeting ("l'on se rencontre"): it answers."""
    body = ("## Ce que vous pouvez lire pour vous préparer\n\nL'objectif est que l'on se rencontre, pas de stress ! "
            "Tutoiement bienvenu, dress code : comme vous viendriez si vous étiez déjà pris·e.\n")
    engine = engine_of(write_posting("2021-11-10-dev.md", "roles: Développeur·se\nstartup: transport", body))
    answer = engine.answer(question, "2021-11-10-dev")
    assert answer.answered and "dress code : comme vous viendriez" in answer.text, answer.reason


def test_a_thing_asked_about_a_topic_that_no_line_names_is_not_said(write_posting: WritePosting) -> None:
    body = "## Ce que vous pouvez lire pour vous préparer\n\nL'objectif est que l'on se rencontre, pas de stress !\n"
    engine = engine_of(write_posting("2021-11-10-dev.md", "roles: Développeur·se\nstartup: transport", body))
    assert not engine.answer("y a un dress code pour l'entretien ?", "2021-11-10-dev").answered


@pytest.mark.parametrize("question", ["le recrutement ça se passe comment ?", "How does the hiring process go?"])
def test_meeting_every_candidate_is_a_step_of_the_hiring_process(write_posting: WritePosting, question: str) -> None:
    body = ("## Procédure\n\nDans l'idéal, avant de prendre une décision, l'ensemble de l'équipe souhaiterait "
            "rencontrer l'ensemble des candidat·e·s.\n")
    engine = engine_of(write_posting("2021-11-10-dev.md", "roles: Développeur·se\nstartup: transport", body))
    answer = engine.answer(question, "2021-11-10-dev")
    assert answer.answered and "rencontrer l'ensemble des candidat·e·s" in answer.text, answer.reason


WORDINGS = """## Informations générales

- Début : 1er juillet 2021.
- Contrat : indépendant.
- Lieu : à Cahors - Lot (46).

## L'équipe

Le laboratoire est composé de 7 personnes (développeurs, designers, coach).

## Compétences

Vous justifiez d'au moins 5 ans d'expérience en développement.
"""


@pytest.mark.parametrize(("question", "line"), [
    ("prise de fonction à quelle date ?", "Début : 1er juillet 2021."),
    ("on est en indep sur ce poste ?", "Contrat : indépendant."),
    ("c pour des indeps ?", "Contrat : indépendant."),
    ("Which town would I be working in?", "à Cahors - Lot (46)"),
    ("vous etes combien au labo ?", "composé de 7 personnes"),
    ("faut justifier de cb d'années en dev ?", "au moins 5 ans d'expérience"),
])
def test_everyday_wordings_and_abbreviations_find_their_topic(write_posting: WritePosting, question: str,
                                                              line: str) -> None:
    """"cb" is "combien", "indep" "indépendant"; "prise de fonction" asks the start, "which town" the place,
    "vous êtes combien" the team's size, "justifier de X années en dev" the experience."""
    engine = engine_of(write_posting("2021-05-01-dev.md", "roles: Développeur·se\nstartup: labmi", WORDINGS))
    answer = engine.answer(question, "2021-05-01-dev")
    assert answer.answered and line in answer.text.splitlines()[1], (answer.reason, answer.text)


@pytest.mark.parametrize(("question", "line"), [
    ("c'est un 5j/semaine ou moins ?", "Temps de travail : 4 jours / semaine"),
    ("is it a 6-month thing or longer?", "Mission de 6 mois renouvelable."),
    ("le poste est tjs a pourvoir ?", "Statut : offre ouverte"),
])
def test_more_everyday_wordings_find_their_topic(write_posting: WritePosting, question: str, line: str) -> None:
    body = "## Conditions\n\n- Temps de travail : 4 jours / semaine\n- Mission de 6 mois renouvelable.\n"
    engine = engine_of(write_posting("2021-05-01-dev.md", "roles: Développeur·se\nstartup: labmi\nopen: true", body))
    answer = engine.answer(question, "2021-05-01-dev")
    assert answer.answered and line in answer.text, (answer.reason, answer.text)


@pytest.mark.parametrize(("question", "line"), [
    ("faut quelle expérience ?", "Expérience impérative dans le déploiement B2C de niche."),
    ("What kind of experience are you after?", "Vous avez une expérience en développement de startup."),
])
def test_the_kind_of_experience_wanted_answers_without_a_number_of_years(write_posting: WritePosting, question: str,
                                                                         line: str) -> None:
    body = f"## Le produit\n\nLe service aide les collectivités.\n\n## Expérience recherchée\n\n{line}\n"
    engine = engine_of(write_posting("2022-03-01-bizdev.md", "roles: Chargé·e de déploiement\nstartup: envergo", body))
    answer = engine.answer(question, "2022-03-01-bizdev")
    assert answer.answered and line in answer.text, (answer.reason, answer.text)


@pytest.mark.parametrize("question", ["c'est combien de jours par semaine ?", "How many days a week?"])
def test_days_a_week_written_short_and_plural_give_the_working_time(write_posting: WritePosting,
                                                                     question: str) -> None:
    body = "## Les conditions\n\nTemps : 4j/semaines pour les 6 prochains mois\n\nType de contrat : indépendant\n"
    engine = engine_of(write_posting("2021-08-30-pm.md", "roles: Chargé·e de produit\nstartup: dedale", body))
    answer = engine.answer(question, "2021-08-30-pm")
    assert answer.answered and "4j/semaines" in answer.text, (answer.reason, answer.text)


@pytest.mark.parametrize("question", ["c'est combien de jours par semaine ?", "how many days a week would it be?"])
def test_the_working_time_comes_before_a_timetable_the_product_shows(write_posting: WritePosting,
                                                                     question: str) -> None:
    body = ("transport.data.gouv.fr est la plateforme qui vise à référencer dans un seul endroit toute l'information "
            "voyageur en France (horaires de passage, localisation des arrêts de bus/train, équipements vélos).\n\n"
            "Nous cherchons quelqu'un pour nous appuyer sur notre mission d'accompagnement, de septembre 2019 à "
            "janvier 2020, sur un rythme de 2-3 jours par semaine.\n")
    engine = engine_of(write_posting("2019-07-23-bizdev.md", "roles: Chargé·e de déploiement\nstartup: transport",
                                     body))
    answer = engine.answer(question, "2019-07-23-bizdev")
    assert answer.answered and "2-3 jours par semaine" in answer.text.splitlines()[0], answer.text


@pytest.mark.parametrize("question", ["l'equipe c'est qui ?", "Who is on the team?"])
def test_the_team_is_told_by_its_members_not_by_what_it_does(write_posting: WritePosting, question: str) -> None:
    body = ("## Qui sommes-nous ?\n\nAu sein de l'équipe API, nous sommes chargés de la circulation des données entre "
            "les administrations.\n\n## L'équipe\n\nL'équipe est composée de :\n\n- 1 PO\n- 1 dev fullstack senior\n"
            "- 2 chargés de déploiement\n")
    engine = engine_of(write_posting("2022-02-21-dev.md", "roles: Développeur·se\nstartup: api", body))
    answer = engine.answer(question, "2022-02-21-dev")
    assert answer.answered and "1 dev fullstack senior" in answer.text and "circulation" not in answer.text, \
        answer.text


@pytest.mark.parametrize("question", ["concretement au quotidien je ferais quoi ?", "What would I do day to day?"])
def test_what_the_candidate_will_do_said_as_such_comes_first(write_posting: WritePosting, question: str) -> None:
    body = ("Parallèlement aux activités des startups, les membres de l'incubateur se portent volontaires pour "
            "contribuer à la prise de poste, notamment à travers la participation aux décisions collectives.\n\n"
            "Concrètement, les missions incluent :\n\n- Cibler et approcher les collectivités\n"
            "- Animer les partenariats noués\n")
    engine = engine_of(write_posting("2018-08-20-deploiement.md", "roles: Chargé·e de déploiement\nstartup: transport",
                                     body))
    answer = engine.answer(question, "2018-08-20-deploiement")
    assert answer.answered and answer.text.splitlines()[0] == "Concrètement, les missions incluent :", answer.text


PLACES = """## Modalités

- Télétravail avec possibilité de déplacements occasionnels.
- L'équipe est entre Lille, Paris et Montpellier, et se retrouve deux fois par an.
"""


@pytest.mark.parametrize(("question", "line"), [
    ("je peux bosser depuis Lyon ?", "Télétravail avec possibilité de déplacements occasionnels."),
    ("faut habiter à Paris ?", "Télétravail avec possibilité de déplacements occasionnels."),
    ("vous êtes installés dans quelles villes ?", "entre Lille, Paris et Montpellier"),
    ("faut bouger souvent ?", "se retrouve deux fois par an"),
    ("How often does the team get together?", "se retrouve deux fois par an"),
])
def test_wordings_of_where_one_works_and_how_often_one_travels(write_posting: WritePosting, question: str,
                                                                line: str) -> None:
    engine = engine_of(write_posting("2021-04-23-designer.md", "roles: Designer\nstartup: culture", PLACES))
    answer = engine.answer(question, "2021-04-23-designer")
    assert answer.answered and line in answer.text, (answer.reason, answer.text)


@pytest.mark.parametrize("question", ["c'est combien de jours à Paris ?", "how many days in the office?"])
def test_days_in_paris_are_presence_not_working_time(write_posting: WritePosting, question: str) -> None:
    body = ("## Modalités\n\n- Temps partiel accepté (80 % minimum).\n"
            "- Télétravail partiel bienvenu, avec 2 jours toutes les deux semaines à Paris.\n")
    engine = engine_of(write_posting("2018-06-27-dev.md", "roles: Développeur·se\nstartup: transport", body))
    answer = engine.answer(question, "2018-06-27-dev")
    assert answer.answered and "2 jours toutes les deux semaines" in answer.text.splitlines()[1], answer.text


@pytest.mark.parametrize("question", ["Will I have to do field work?", "y aura du travail de terrain ?"])
def test_field_work_is_travel(write_posting: WritePosting, question: str) -> None:
    body = "## Missions\n\n- Aller sur le terrain pour expérimenter auprès des utilisateurs du Lot\n"
    engine = engine_of(write_posting("2018-11-26-bizdev.md", "roles: Chargé·e de déploiement\nstartup: lotocar", body))
    answer = engine.answer(question, "2018-11-26-bizdev")
    assert answer.answered and "Aller sur le terrain" in answer.text, (answer.reason, answer.text)


COUNTS = """## Le produit

DossierFacile a été déployé sur toute la France et utilisé par plus de 100 000 locataires.

## Missions

Selon votre profil, vous pourrez être positionné sur un ou plusieurs projets.
"""


@pytest.mark.parametrize(("question", "line"), [
    ("vous avez aidé combien de locataires deja ?", "plus de 100 000 locataires"),
    ("vous avez combien de locataires à peu près ?", "plus de 100 000 locataires"),
])
def test_how_many_is_answered_by_a_number_of_the_thing_counted(write_posting: WritePosting, question: str,
                                                               line: str) -> None:
    """The verb asked with it ("aidé") need not stand in the line: the number of tenants answers."""
    write_other_postings(write_posting, 12, "## Le produit\n\nLe service aide les usagers et les agents.\n")
    engine = engine_of(write_posting("2020-02-28-pm.md", "roles: Chef·fe de produit\nstartup: dossierfacile", COUNTS))
    answer = engine.answer(question, "2020-02-28-pm")
    assert answer.answered and line in answer.text, (answer.reason, answer.text)


def test_one_or_several_of_a_thing_is_no_number_of_it(write_posting: WritePosting) -> None:
    question = "combien de projets seront retenus ?"
    write_other_postings(write_posting, 12,
                         "## Le produit\n\nLe service aide les usagers. Les dossiers retenus sont publiés.\n")
    engine = engine_of(write_posting("2020-02-28-pm.md", "roles: Chef·fe de produit\nstartup: dossierfacile", COUNTS))
    assert not engine.answer(question, "2020-02-28-pm").answered


LAUNCH = """## Qui sommes-nous ?

SignalConso a été lancé en juin 2018 par la DGCCRF.

## Modalités

Démarrage de la mission dès que possible.
"""


@pytest.mark.parametrize(("question", "line"), [
    ("la startup existe depuis qd ?", "lancé en juin 2018"),
    ("When was the product launched?", "lancé en juin 2018"),
    ("ça démarre quand ?", "Démarrage de la mission dès que possible."),
])
def test_since_when_the_service_exists_is_not_when_the_job_starts(write_posting: WritePosting, question: str,
                                                                    line: str) -> None:
    engine = engine_of(write_posting("2022-03-01-dev.md", "roles: Développeur·se\nstartup: signalconso", LAUNCH))
    answer = engine.answer(question, "2022-03-01-dev")
    assert answer.answered and line in answer.text.splitlines()[1], (answer.reason, answer.text)


ENDS = """## Modalités

- Mission à temps plein jusqu'à fin décembre 2020, avec possibilité de renouvellement.
- Candidatures jusqu'au 15 septembre 2020.
"""


@pytest.mark.parametrize(("question", "line"), [
    ("jusqu'à quand la mission ?", "jusqu'à fin décembre 2020"),
    ("ca dure jusqu'a quand ?", "jusqu'à fin décembre 2020"),
    ("je peux postuler jusqu'à quand ?", "Candidatures jusqu'au 15 septembre 2020."),
])
def test_until_when_the_mission_runs_is_its_end_not_the_deadline(write_posting: WritePosting, question: str,
                                                                  line: str) -> None:
    engine = engine_of(write_posting("2020-09-01-pm.md", "roles: Chef·fe de produit\nstartup: anfs", ENDS))
    answer = engine.answer(question, "2020-09-01-pm")
    assert answer.answered and line in answer.text.splitlines()[1], (answer.reason, answer.text)


@pytest.mark.parametrize(("question", "line"), [
    ("combien de jours par semaine mini ?", "3j à minima par semaine"),
    ("c'est combien de jours par mois ?", "3 à 15 jours par mois"),
])
def test_days_a_week_at_least_or_days_a_month_give_the_working_time(write_posting: WritePosting, question: str,
                                                                     line: str) -> None:
    body = (f"## Le produit\n\nLe service aide les collectivités.\n\n## Modalités de travail\n\n"
            f"{line} selon vos envies.\n")
    engine = engine_of(write_posting("2021-12-09-coach.md", "roles: Coach\nstartup: anct", body))
    answer = engine.answer(question, "2021-12-09-coach")
    assert answer.answered and line in answer.text, (answer.reason, answer.text)


@pytest.mark.parametrize(("question", "line"), [
    ("faut un diplome de design ?", "Vous justifiez d'une formation design/produit ou d'une expérience équivalente."),
    ("Do I need a UX degree?", "Vous justifiez d'une formation UX/UI ou d'une expérience équivalente."),
    ("faut quel diplome ?", "Idéalement diplômé·e d'une grande école."),
])
def test_a_training_in_a_field_or_a_school_answers_the_degree(write_posting: WritePosting, question: str,
                                                              line: str) -> None:
    body = f"## Le produit\n\nLe service aide les collectivités.\n\n## Votre profil\n\n{line}\n"
    engine = engine_of(write_posting("2021-05-01-designer.md", "roles: Designer\nstartup: anct", body))
    answer = engine.answer(question, "2021-05-01-designer")
    assert answer.answered and line in answer.text, (answer.reason, answer.text)


STUDENT = ("## Comment postuler ?\n\nEnvoie-nous ton CV à peps@beta.gouv.fr.\n\n## Conditions\n\n"
           "- Être au moins en 2e année de Licence/BTS/DUT\n")


@pytest.mark.parametrize("question", ["faut etre en quelle annee d'etudes pour postuler ?",
                                      "What year of study do I need to be in to apply?"])
def test_the_year_of_study_asked_to_apply_is_a_degree_not_how_to_apply(write_posting: WritePosting,
                                                                       question: str) -> None:
    engine = engine_of(write_posting("2020-12-08-stage.md", "roles: Stagiaire\nstartup: peps", STUDENT))
    answer = engine.answer(question, "2020-12-08-stage")
    assert answer.answered and answer.intent == "diploma", (answer.reason, answer.text)
    assert "2e année de Licence" in answer.text and "peps@" not in answer.text


def test_the_year_of_study_asked_is_not_answered_by_how_to_apply(write_posting: WritePosting) -> None:
    body = STUDENT.split("## Conditions")[0]
    engine = engine_of(write_posting("2020-12-08-stage.md", "roles: Stagiaire\nstartup: peps", body))
    assert not engine.answer("faut etre en quelle annee d'etudes pour postuler ?", "2020-12-08-stage").answered


@pytest.mark.parametrize("question", ["What background are you looking for?", "vous cherchez quel parcours ?"])
def test_the_kind_of_experience_a_requirement_names_answers_the_background_asked(write_posting: WritePosting,
                                                                                 question: str) -> None:
    body = ("## Le produit\n\nLe service aide les collectivités.\n\n## Des atouts pour la mission\n\n"
            "- Expérience de business development\n- Esprit d'entreprise\n")
    engine = engine_of(write_posting("2021-01-08-bizdev.md", "roles: Bizdev\nstartup: rb\njunior: false", body))
    answer = engine.answer(question, "2021-01-08-bizdev")
    assert answer.answered and "Expérience de business development" in answer.text, (answer.reason, answer.text)


@pytest.mark.parametrize("question", ["le code de l'appli est dispo sur github ?", "Is the code open source?"])
def test_code_said_open_and_free_answers_whether_it_is_open_source(write_posting: WritePosting,
                                                                    question: str) -> None:
    body = ("## Le produit\n\nLe service aide les administrations.\n\n## Technique\n\n"
            "Code applicatif ouvert et libre : https://github.com/betagouv/tps.\n")
    engine = engine_of(write_posting("2022-09-06-ops.md", "roles: Ops\nstartup: ds", body))
    answer = engine.answer(question, "2022-09-06-ops")
    assert answer.answered and "Code applicatif ouvert et libre" in answer.text, (answer.reason, answer.text)


def test_a_number_of_a_common_thing_answers_how_many_of_it(write_posting: WritePosting) -> None:
    """"startups" stands in every posting: the line giving a number of them answers all the same."""
    write_other_postings(write_posting, 12, "## Le produit\n\nUne des startups d'État de beta.gouv.fr.\n")
    body = ("## Environnement de travail\n\nbeta.gouv.fr est un incubateur qui regroupe environ 400 personnes qui "
            "travaillent sur 80 Startups d'État.\n")
    engine = engine_of(write_posting("2021-02-24-da.md", "roles: Directeur·rice artistique\nstartup: da", body))
    answer = engine.answer("beta.gouv c'est combien de startups ?", "2021-02-24-da")
    assert answer.answered and "80 Startups d'État" in answer.text, (answer.reason, answer.text)


ASKING_WORDS = """---
roles: Chargé·e de déploiement
startup: delta
date: 2020-10-13
open: false
---

## Profil recherché

- 3 à 5 ans d'expérience professionnelle sur une mission similaire

## Stack

Le site est développé en Django et React.

## Comment envoyer votre candidature ?

Pas besoin de lettre de motivation formelle, quelques lignes suffisent : equipe@example.org
"""


@pytest.mark.parametrize(("question", "line"), [
    ("faut combien d'années d'xp mini pour ce poste ?", "3 à 5 ans d'expérience"),  # "mini": how much, not what
    ("Do I need to write a formal cover letter?", "Pas besoin de lettre de motivation formelle"),
    ("What's the current stack?", "développé en Django et React"),  # "current" asks, as "actuel" does
])
def test_words_that_only_ask_do_not_need_a_line_naming_them(tmp_path: Path, question: str, line: str) -> None:
    (tmp_path / "2020-10-13-delta.md").write_text(ASKING_WORDS, encoding="utf-8")
    answer = engine_of(tmp_path / "2020-10-13-delta.md").answer(question, "2020-10-13-delta")
    assert answer.answered and line in answer.text, (answer.reason, answer.text)


def test_when_a_posting_was_opened_asks_its_publication_date(tmp_path: Path) -> None:
    """"opened" is an English word, not a slip for a name that extends it ("OpenEdx")."""
    (tmp_path / "2020-10-13-delta.md").write_text(ASKING_WORDS + "\nNous développons sur OpenEdx.\n", encoding="utf-8")
    query = engine_of(tmp_path / "2020-10-13-delta.md").matcher.analyse("When was this posting opened?")
    assert query.intent is not None and query.intent.name == "published"


MORE = """## Modalités de travail

- Mission pour indépendant en commençant par un essai d'un mois et demi
- Télétravail possible. Déplacements à Paris à prévoir, quand possible

## Responsabilités

- Vous êtes libre dans le choix et la mise en place de la stack technique.

## Compétences

- Au moins 3 ans d'expérience dans le domaine de l'administration système
"""


@pytest.mark.parametrize(("question", "line"), [
    ("faut aller à Paris des fois ?", "Déplacements à Paris"),
    ("Would I need to show up in Paris at all?", "Déplacements à Paris"),
    ("Is the tech stack already decided or do I get to choose it?", "libre dans le choix"),
    ("Is there a trial period?", "essai d'un mois et demi"),
    ("How many years of sysadmin experience do you want?", "3 ans d'expérience dans le domaine de l'administration"),
])
def test_more_ways_of_asking_find_their_line(write_posting: WritePosting, question: str, line: str) -> None:
    engine, stem = engine_with(write_posting, MORE)
    answer = engine.answer(question, stem)
    assert answer.answered and line in answer.text, (answer.reason, answer.text)


@pytest.mark.parametrize(("question", "intent"), [
    ("Can I work from an office if I want?", "location"),  # not from home: remote work is not what it asks
    ("je peux bosser depuis Lyon ?", "remote"),
])
def test_working_from_an_office_is_no_remote_work_and_from_a_city_is(
        write_posting: WritePosting, question: str, intent: str) -> None:
    engine, _ = engine_with(write_posting, BODY)
    assert engine.matcher.analyse(question).intents[0].name == intent


ENGLISH_WAYS = """## Technologies

- Front : Svelte
- Back : FastAPI, Python 3, PostgreSQL

## Le produit

La plateforme accueille plus d'un million d'usagers.

## Comment postuler ?

Envoie ton CV à recrutement@example.org
"""


@pytest.mark.parametrize(("question", "line"), [
    ("What's the frontend written in?", "Front : Svelte"),  # "front" is the frontend
    ("how many people use the platform?", "plus d'un million d'usagers"),  # its users, not the team's size
    ("How do I apply for this internship?", "recrutement@example.org"),  # how to apply, not the contract
])
def test_english_ways_of_asking_find_their_topic(write_posting: WritePosting, question: str, line: str) -> None:
    engine, stem = engine_with(write_posting, ENGLISH_WAYS)
    answer = engine.answer(question, stem)
    assert answer.answered and line in answer.text, (answer.reason, answer.text)


@pytest.mark.parametrize("question", ["y a de la dataviz dans le poste ?", "quels outils de dataviz vous utilisez ?"])
def test_dataviz_is_data_visualisation(write_posting: WritePosting, question: str) -> None:
    engine, stem = engine_with(write_posting, "## Missions\n\n- Répondre aux demandes de data visualisation des "
                                              "équipes avec Metabase\n- Animer la communauté\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "data visualisation" in answer.text, (answer.reason, answer.text)


def test_secu_is_the_word_it_shortens(write_posting: WritePosting) -> None:
    engine, stem = engine_with(write_posting, "## Missions\n\n- Mettre en œuvre une analyse de sécurité du produit\n")
    answer = engine.answer("y a de la secu dans le role ?", stem)
    assert answer.answered and "analyse de sécurité" in answer.text, (answer.reason, answer.text)


@pytest.mark.parametrize("question", ["je vais ecrire des specs ?", "faudra ecrire les specs ?"])
def test_specs_are_specifications_and_writing_them_is_drafting_them(write_posting: WritePosting,
                                                                    question: str) -> None:
    write_other_postings(write_posting, 3)
    engine, stem = engine_with(write_posting, "## Activités\n\nVous rédigerez des spécifications et user stories.\n\n"
                                              "## Profil\n\n- Connaissance du droit du travail\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "rédigerez des spécifications" in answer.text, (answer.reason, answer.text)


def test_carto_is_read_as_cartographie(write_posting: WritePosting) -> None:
    engine, _ = engine_with(write_posting, "## Profil\n\n- Une expérience en cartographie est un plus\n")
    assert "cartographie" in engine.matcher.analyse("la carto c'est un plus ?").words


@pytest.mark.parametrize("question", ["le poste a été ouvert quand ?", "le poste a été ouvert a quelle date ?",
                                      "depuis quand l'offre est ouverte ?", "When did the position open?"])
def test_when_the_posting_opened_is_its_publication_date(write_posting: WritePosting, question: str) -> None:
    engine = engine_of(write_posting("2020-09-21-dev.md", "roles: Développeur·se\nstartup: delta",
                                     "## Contexte\n\nLe service aide les locataires.\n\nPoste ouvert le 21/09/2020\n"))
    answer = engine.answer(question, "2020-09-21-dev")
    assert answer.answered and answer.intent == "published" and "21/09/2020" in answer.text


@pytest.mark.parametrize("question", ["c hébergé où ?", "Where is it hosted?"])
def test_an_app_published_on_the_stores_says_nothing_of_hosting(write_posting: WritePosting, question: str) -> None:
    engine = engine_of(write_posting("2023-05-01-dev.md", "roles: Développeur·se\nstartup: delta",
                                     "## La mission\n\nVous validerez l'application avec les simulateurs avant de la "
                                     "déployer sur les stores mobiles.\n"))
    assert not engine.answer(question, "2023-05-01-dev").answered


@pytest.mark.parametrize("question", ["Where is the service deployed?", "le service est déployé où ?"])
def test_where_the_service_is_deployed_asks_where_it_is_hosted(write_posting: WritePosting, question: str) -> None:
    engine = engine_of(write_posting("2023-05-01-dev.md", "roles: Développeur·se\nstartup: delta",
                                     "## Technique\n\nLe code est écrit en TypeScript. Le service est déployé chez "
                                     "OVH.\n\n## Modalités\n\nTélétravail partiel bienvenu.\n"))
    answer = engine.answer(question, "2023-05-01-dev")
    assert answer.answered and answer.intent == "hosting" and "OVH" in answer.text


@pytest.mark.parametrize("question", ["vous fournissez le matos (mac, licences) ?", "Do you provide a laptop?"])
def test_screens_a_product_is_designed_for_are_no_equipment_provided(write_posting: WritePosting,
                                                                     question: str) -> None:
    engine = engine_of(write_posting("2023-05-01-design.md", "roles: Designer\nstartup: delta",
                                     "## Missions\n\n- Décliner les interfaces à destination des différents types "
                                     "d'écrans (ordinateur, tablette, téléphone).\n"))
    assert not engine.answer(question, "2023-05-01-design").answered


@pytest.mark.parametrize("question", ["vous fournissez le matos (mac, licences) ?", "Do you provide a laptop?"])
def test_equipment_provided_is_answered_by_the_line_that_provides_it(write_posting: WritePosting,
                                                                     question: str) -> None:
    engine = engine_of(write_posting("2023-05-01-design.md", "roles: Designer\nstartup: delta",
                                     "## Missions\n\n- Décliner les interfaces.\n\n## Modalités\n\n"
                                     "Un ordinateur portable vous sera fourni.\n"))
    answer = engine.answer(question, "2023-05-01-design")
    assert answer.answered and "ordinateur portable vous sera fourni" in answer.text


@pytest.mark.parametrize(("question", "line"), [
    ("Which cloud provider are your servers on?", "Administrer nos serveurs qui hébergent les services décrits "
                                                  "ci-dessus, et les services comme S3, Postgres, DNS."),
    ("vous hébergez sur quoi, Scalingo, Clever Cloud ?", "Une pratique DevOps : déploiement sur PaaS, "
                                                         "provisionnement de ressources IaaS."),
    ("Where is it hosted?", "Une expérience avec AWS ou un autre cloud est un plus.")])
def test_servers_to_run_or_a_cloud_one_knows_say_nothing_of_where_it_is_hosted(write_posting: WritePosting,
                                                                               question: str, line: str) -> None:
    engine = engine_of(write_posting("2023-05-01-ops.md", "roles: DevOps\nstartup: delta",
                                     f"## Compétences\n\n- {line}\n"))
    assert not engine.answer(question, "2023-05-01-ops").answered


@pytest.mark.parametrize("line", ["Le service est hébergé sur nos propres serveurs.", "Notre infra tourne sur AWS.",
                                  "Les applications sont déployées sur Scalingo."])
def test_where_it_runs_answers_where_it_is_hosted(write_posting: WritePosting, line: str) -> None:
    engine = engine_of(write_posting("2023-05-01-ops.md", "roles: DevOps\nstartup: delta", f"## Technique\n\n{line}\n"))
    answer = engine.answer("Where is it hosted?", "2023-05-01-ops")
    assert answer.answered and line in answer.text


def test_knowing_how_to_run_servers_is_a_skill_not_the_hosting(write_posting: WritePosting) -> None:
    engine = engine_of(write_posting("2023-05-01-ops.md", "roles: Développeur·se\nstartup: delta",
                                     "## Compétences\n\n- Administration de serveurs Linux (Ubuntu)\n\n"
                                     "## Stack\n\nOps : Docker, Docker Compose, VPS OVH\n"))
    answer = engine.answer("faut savoir administrer des serveurs linux ?", "2023-05-01-ops")
    assert answer.answered and "Administration de serveurs Linux" in answer.text


@pytest.mark.parametrize("question", ["le code sera open source ?", "Is the code open source?"])
def test_a_link_to_something_else_than_code_says_nothing_of_open_source(write_posting: WritePosting,
                                                                         question: str) -> None:
    engine = engine_of(write_posting("2023-05-01-dev.md", "roles: Développeur·se\nstartup: delta",
                                     "## Le contexte\n\nSa contribution a accompagné la création de dizaines de "
                                     "[services numériques](https://beta.gouv.fr/startups/).\n"))
    assert not engine.answer(question, "2023-05-01-dev").answered


@pytest.mark.parametrize("line", ["Le code est sur [GitHub](https://github.com/betagouv/delta).",
                                  "Le code source est publié sur https://framagit.org/delta/app ."])
def test_a_link_to_the_code_answers_whether_it_is_open(write_posting: WritePosting, line: str) -> None:
    engine = engine_of(write_posting("2023-05-01-dev.md", "roles: Développeur·se\nstartup: delta",
                                     f"## Technique\n\n{line}\n"))
    answer = engine.answer("le code sera open source ?", "2023-05-01-dev")
    assert answer.answered and "delta" in answer.text


@pytest.mark.parametrize("question", ["what's the name of the intrapreneuse running Loc@docs?",
                                      "c'est qui l'intrapreneuse ?"])
def test_a_product_written_with_an_at_sign_is_no_person(write_posting: WritePosting, question: str) -> None:
    """"Avec Loc@docs, nous souhaitons..." names a product, not someone called "Loc"."""
    engine = engine_of(write_posting("2023-05-01-dev.md", "roles: Développeur·se\nstartup: locadocs",
                                     "## Le projet\n\nAvec Loc@docs, nous souhaitons proposer un outil qui aide "
                                     "l'usager à localiser un document.\n"))
    assert not engine.answer(question, "2023-05-01-dev").answered


@pytest.mark.parametrize("question", ["le back-office il est deja choisi en techno ?",
                                      "Has the back office technology already been chosen?"])
def test_whether_the_back_offices_technology_is_chosen_is_a_technical_choice(write_posting: WritePosting,
                                                                              question: str) -> None:
    """"back-office" is a part of the product, not an office; "déjà choisi en techno" asks whether it is chosen."""
    engine = engine_of(write_posting("2023-05-01-dev.md", "roles: Développeur·se\nstartup: delta",
                                     "## Stack technique\n\n- Front : React\n- Back-office : choix techniques à faire"
                                     "\n\n## Profil\n\n- Expérience dans le choix d’outils de technologies\n\n"
                                     "## Environnement\n\nLocaux à Paris 7.\n"))
    answer = engine.answer(question, "2023-05-01-dev")
    assert answer.answered and "Back-office : choix techniques à faire" in answer.text, answer.text


@pytest.mark.parametrize("question", ["la mission c'est sur combien de jours par semaine ?",
                                      "la mission c'est sur combien de jours hebdo ?", "How many days a week?"])
def test_a_fact_the_title_gives_is_still_asked_by_a_question_about_it(write_posting: WritePosting,
                                                                      question: str) -> None:
    """The title says "3 jours par semaine"; "combien de jours par semaine ?" asks it, it does not name the job."""
    write_other_postings(write_posting, 3)
    path = write_posting("2022-05-11-designer.md", "roles: Designer UI - 3 jours par semaine\nstartup: delta",
                         "## L'équipe\n\nL’équipe se compose aujourd’hui de 12 personnes.\n\n"
                         "## Les modalités\n\n* Charge : 3 jours par semaine (l’équipe est OFF le vendredi)\n")
    answer = engine_of(path).answer(question, "2022-05-11-designer")
    assert answer.answered and answer.intent == "time" and "Charge : 3 jours par semaine" in answer.text


@pytest.mark.parametrize("question", ["le produit c quoi exactement ?", "What does the app actually do?"])
def test_a_line_saying_whom_the_team_hires_does_not_say_what_the_product_does(write_posting: WritePosting,
                                                                                question: str) -> None:
    write_other_postings(write_posting, 3)
    path = write_posting("2021-01-29-ecosante-bizdev.md", "roles: Chargé·e de déploiement\nstartup: ecosante",
                         "La Startup d’État Ecosanté recherche un(e) chargé(e) de déploiement afin de participer au "
                         "déploiement du service.\n\n## Le produit\n\nIl permet aux usagers de connaître les "
                         "impacts de la qualité de l'air sur leur santé.\n")
    answer = engine_of(path).answer(question, "2021-01-29-ecosante-bizdev")
    assert answer.answered and "qualité de l'air" in answer.text and "recherche un(e)" not in answer.text


SOLUTION = """## À propos de nous

Incubée au sein de l'Atelier numérique, la startup d'État Delta est portée par le ministère de la Culture. L'équipe \
s'agrandit au fil de la construction du produit.

### Objectif du service

Notre solution ? L'équipe Delta cherche à réaliser une plateforme collaborative à destination des photographes.

## Modalités

Télétravail possible.
"""


@pytest.mark.parametrize("question", ["c quoi le projet ?", "What does the product do?"])
def test_a_team_seeking_to_build_a_platform_says_what_the_product_is(write_posting: WritePosting,
                                                                     question: str) -> None:
    """"cherche à réaliser une plateforme" says what the product is; "cherche un développeur" would say whom the
    team hires. The section "Objectif du service" and "Notre solution" tell the line that says it."""
    engine, stem = engine_with(write_posting, SOLUTION)
    answer = engine.answer(question, stem)
    assert answer.answered and answer.intent == "product" and "plateforme collaborative" in answer.text


@pytest.mark.parametrize("question", ["c quoi la mission de la plateforme ?", "What is the mission of the platform?"])
def test_the_mission_of_the_platform_is_what_the_product_is_for(bundled: Engine, question: str) -> None:
    assert bundled.matcher.analyse(question).intents[0].name == "product"


@pytest.mark.parametrize("question", ["What is Delta trying to achieve?", "What is the startup trying to do?"])
def test_what_the_team_tries_to_achieve_is_what_the_product_is_for(bundled: Engine, question: str) -> None:
    assert bundled.matcher.analyse(question).intents[0].name == "product"


@pytest.mark.parametrize("question", ["What problem is Delta trying to solve?", "Quel problème résout le service ?"])
def test_the_problem_to_solve_is_asked_before_what_the_product_is(bundled: Engine, question: str) -> None:
    assert bundled.matcher.analyse(question).intents[0].name == "problem"


EXPERIENCE = """## Profil

- Expérience en développement web d'au moins 3 ans sur des projets d'envergure
- Bonne maîtrise du développement web
"""

NO_YEARS = """## Profil

- Une expérience en gestion de projet numérique est un plus
- Bonne maîtrise du développement web
"""


@pytest.mark.parametrize("question", ["faut cmb d'années d'xp minimum ?", "faut déjà avoir plusieurs années d'xp ?",
                                      "What's the minimum experience required?"])
def test_a_bound_on_what_is_asked_is_no_subject_of_its_own(write_posting: WritePosting, question: str) -> None:
    """"minimum", "plusieurs" bound the number asked: the line giving a number of years answers."""
    engine, stem = engine_with(write_posting, EXPERIENCE)
    answer = engine.answer(question, stem)
    assert answer.answered and "au moins 3 ans" in answer.text


@pytest.mark.parametrize("question", ["What minimum seniority are you after for this role?",
                                      "is there a minimum number of years of experience?",
                                      "faut combien d'années d'xp minimum ?"])
def test_a_minimum_asked_is_not_answered_by_a_line_without_a_number(write_posting: WritePosting, question: str) -> None:
    engine, stem = engine_with(write_posting, NO_YEARS)
    assert not engine.answer(question, stem).answered


COMMITMENT = """## Statut

Mission de prestataire (freelance, portage salarial) pour un engagement minimal de quatre mois.

## Responsabilités

- Développer le service
"""


@pytest.mark.parametrize("question", ["What's the minimum commitment?", "l'engagement minimum c'est combien ?"])
def test_a_minimum_commitment_asks_for_the_length_of_the_mission(write_posting: WritePosting, question: str) -> None:
    engine, stem = engine_with(write_posting, COMMITMENT)
    answer = engine.answer(question, stem)
    assert answer.answered and answer.intent == "duration" and "engagement minimal de quatre mois" in answer.text


TECHNOLOGIES = """## Technologies employées

- Hébergement : Clever Cloud, Github Actions
- Front End : React (server side rendering)
- Back End : Symfony 6, PostgreSQL
"""


@pytest.mark.parametrize(("question", "line"), [
    ("le back c du symfony ?", "Back End : Symfony 6"),
    ("vous codez en quoi côté back ?", "Back End : Symfony 6"),
    ("what do you use on the front end?", "Front End : React"),
    ("le react c en rendu côté serveur ?", "server side rendering"),  # the server's side, not a server to host on
])
def test_the_back_or_the_front_asked_picks_its_line_of_the_stack(write_posting: WritePosting, question: str,
                                                                  line: str) -> None:
    engine, stem = engine_with(write_posting, TECHNOLOGIES)
    answer = engine.answer(question, stem)
    assert answer.answered and answer.intent == "stack"
    assert line in answer.text.split("\n")[1]  # first, after the section's name


INCUBATOR = """## Qui sommes-nous ?

L'Incubateur des Territoires a pour objectif l'émergence rapide de services publics numériques.

beta.gouv.fr est un incubateur qui aide les administrations à construire des services numériques.

## Modalités

Télétravail possible.
"""


@pytest.mark.parametrize("question", ["What product would I be building?", "c quoi le produit ?"])
def test_the_incubator_that_hosts_the_team_is_not_its_product(write_posting: WritePosting, question: str) -> None:
    engine, stem = engine_with(write_posting, INCUBATOR)
    assert not engine.answer(question, stem).answered


QUALITIES = """## Qualités recherchées

- Autonomie et capacité d'adaptation
- Intelligence relationnelle

## Modalités

Télétravail possible.
"""


@pytest.mark.parametrize("question", ["quelles qualités vous cherchez ?", "what qualities do you need for this?"])
def test_the_qualities_asked_are_the_skills(write_posting: WritePosting, question: str) -> None:
    engine, stem = engine_with(write_posting, QUALITIES)
    answer = engine.answer(question, stem)
    assert answer.answered and answer.intent == "skills" and "Autonomie" in answer.text


ROLE = """## Nous recherchons un·e product designer pour

- Être garant du design system
- Améliorer et concevoir les fonctionnalités

## Le travail s'organisera au quotidien avec

- L'équipe design (2 UX designers)
"""


@pytest.mark.parametrize("question", ["concrètement le/la product designer fait quoi ?", "je fais quoi ?",
                                      "What would I actually be designing?"])
def test_what_the_role_does_is_under_the_heading_saying_what_it_is_hired_for(write_posting: WritePosting,
                                                                            question: str) -> None:
    """"Nous recherchons un·e X pour" heads the missions; "au quotidien avec", the people one works with."""
    engine, stem = engine_with(write_posting, ROLE)
    answer = engine.answer(question, stem)
    assert answer.answered and answer.intent == "missions" and "design system" in answer.text
    assert "UX designers" not in answer.text


@pytest.mark.parametrize("question", ["l'appli fait quoi ?", "ça fait quoi ?"])
def test_what_the_product_does_is_no_mission(write_posting: WritePosting, question: str) -> None:
    engine, stem = engine_with(write_posting, ROLE)
    assert engine.answer(question, stem).intent != "missions"


FORUM = """## Animation

- Susciter et modérer les échanges, animation du forum.
- Recruter de nouveaux membres.
"""


@pytest.mark.parametrize("question", ["je vais devoir modérer le forum ?",
                                      "est-ce que le poste implique de modérer le forum ?"])
def test_a_verb_and_its_object_asked_need_not_stand_side_by_side_in_the_line(write_posting: WritePosting,
                                                                            question: str) -> None:
    """"modérer le forum" asks two things of one line, not the compound "modérer forum"."""
    engine, stem = engine_with(write_posting, FORUM)
    answer = engine.answer(question, stem)
    assert answer.answered and "modérer les échanges" in answer.text


def test_a_compound_asked_still_stands_side_by_side_in_the_line(write_posting: WritePosting) -> None:
    """"recherche utilisateur" is one thing: "Recherche de partenaires et suivi des utilisateurs" holds it not."""
    engine, stem = engine_with(write_posting, "## Rôle\n\n- Recherche de partenaires et suivi des utilisateurs.\n")
    assert not engine.answer("je vais devoir faire de la recherche utilisateur ?", stem).answered


def test_a_fact_giving_back_the_name_asked_about_is_no_answer(write_posting: WritePosting) -> None:
    """"Which administration runs Signaux Faibles?" is not answered by "Startup d'État : signaux-faibles"."""
    path: Path = write_posting("2023-05-01-bizdev.md",
                               "roles: Business developer\nstartup: signaux-faibles\nopen: true",
                               "## Rôle\n\nDéployer le dispositif auprès des entreprises.\n")
    engine = engine_of(path)
    assert not engine.answer("Which ministry or administration runs Signaux Faibles?", "2023-05-01-bizdev").answered


def test_a_grid_that_is_no_pay_grid_asks_nothing_of_pay(write_posting: WritePosting) -> None:
    engine, stem = engine_with(write_posting, "## Conditions\n\nRémunération : TJM entre 250€ et 350€ selon profil\n")
    assert engine.answer("la grille d'affectation c moi qui la tiens a jour ?", stem).intent != "pay"
    assert engine.answer("c'est quelle grille de salaire ?", stem).intent == "pay"


@pytest.mark.parametrize("line", ["Le code source est hébergé dans un mono-repo chez Github.",
                                  "Des applications portables basées sur Docker (cloud ready).",
                                  "La startup d'État est hébergée à l'incubateur du Ministère de l'Écologie.",
                                  "The team is hosted by the ministry's incubator."])
def test_the_code_host_or_a_portable_app_is_not_where_the_service_runs(write_posting: WritePosting, line: str) -> None:
    engine, stem = engine_with(write_posting, f"## Technique\n\n{line}\n")
    assert not engine.answer("c hébergé où, OVH, Azure ?", stem).answered
    assert not engine.answer("Where is the service hosted?", stem).answered


WHAT_IS = """Cmachance recherche un·e chargé·e de déploiement pour nous aider à développer l'impact du service !

## Qui sommes-nous ?

### Qu'est-ce que cmachance ?

Des milliers de contrats en alternance restent non pourvus. Cmachance facilite la mise en relation entre les
employeurs de l'artisanat et les jeunes.

## Organisation

Vous travaillerez avec les différents services de la direction.
"""


@pytest.mark.parametrize("question", ["cmachance c'est quoi comme service ?", "What does the product do?"])
def test_a_heading_asking_what_the_product_is_heads_its_answer(write_posting: WritePosting, question: str) -> None:
    """Not the line hiring someone "pour nous aider", nor one naming "les différents services" of a direction."""
    engine, stem = engine_with(write_posting, WHAT_IS)
    answer = engine.answer(question, stem)
    assert answer.answered and "facilite la mise en relation" in answer.text


SENSES = """## Modalités

- Poste ouvert pour un CDD long ou un·e indépendant·e.
- Rémunération : selon la grille beta.gouv.

## Rattachement

Poste de CTO rattaché directement à la directrice générale.
"""


@pytest.mark.parametrize(("question", "intent", "line"), [
    ("Is it a fixed-term contract or can an independent apply?", "contract", "CDD long"),  # no length asked
    ("c ouvert aux salariés ou que aux indeps ?", "contract", "CDD long"),  # "salariés" are employees, not pay
    ("le CTO il reporte a qui ?", "manager", "rattaché directement"),
    ("who does the CTO report to?", "manager", "rattaché directement"),
])
def test_words_read_in_their_sense_of_the_question(write_posting: WritePosting, question: str, intent: str,
                                                   line: str) -> None:
    engine, stem = engine_with(write_posting, SENSES)
    answer = engine.answer(question, stem)
    assert answer.answered and answer.intent == intent and line in answer.text


USERS = """## Le produit

#### Les personnes utilisatrices prioritaires

- Personnes référentes sur la transition écologique dans une collectivité
- Conseillers qui accompagnent les collectivités

## Modalités

Présence ponctuelle lors d'ateliers avec des utilisateurs finaux.
"""


@pytest.mark.parametrize("question", ["les utilisateurs c qui ?", "Who are the users of the tool?"])
def test_the_lines_under_a_heading_naming_the_users_say_who_they_are(write_posting: WritePosting,
                                                                    question: str) -> None:
    engine, stem = engine_with(write_posting, USERS)
    answer = engine.answer(question, stem)
    assert answer.answered and answer.intent == "users" and "Personnes référentes" in answer.text


@pytest.mark.parametrize("line", ["Vous construirez le service pour les usagers.",
                                  "Des ateliers avec des utilisateurs finaux.",
                                  # the team's way of working, in beta.gouv's blurb: close to its users, whoever
                                  "Petites équipes autonomes, agile/lean, et proches des personnes utilisatrices",
                                  "Développer les évolutions au plus près des utilisateurs et de l'équipe produit",
                                  "Rester au contact des utilisateurs"])
def test_users_named_only_as_users_say_not_who_they_are(write_posting: WritePosting, line: str) -> None:
    engine, stem = engine_with(write_posting, f"## Rôle\n\n{line}\n")
    assert not engine.answer("Who will actually use the tool?", stem).answered


SOFT_SKILLS = """## Qualités recherchées

- Bonne capacité de communication et de travail en équipe
- Esprit d'équipe

## Le projet

Une équipe en cours de constitution (coach, intrapreneurs, designer, développeurs) pour faciliter les immersions.
"""


def test_a_soft_skill_naming_the_team_says_nothing_of_the_team(write_posting: WritePosting) -> None:
    engine, stem = engine_with(write_posting, SOFT_SKILLS)
    assert not engine.answer("Will I work with a communications team?", stem).answered
    answer = engine.answer("l'équipe c'est qui ?", stem)
    assert answer.answered and "coach, intrapreneurs" in answer.text and "capacité" not in answer.text


@pytest.mark.parametrize("line", [
    "250 millions d'euros sont mobilisés. Sur une durée de 2 ans, l'État finance 4 000 conseillers numériques.",
    "Un stagiaire (Oscar) nous rejoint en juin pour une durée de 6 mois.",
    "Expertise minimum de 2 ans en tant que développeur Angular.",
])
def test_the_length_of_something_else_is_not_the_missions(write_posting: WritePosting, line: str) -> None:
    engine, stem = engine_with(write_posting, f"## Contexte\n\n{line}\n")
    assert not engine.answer("la mission dure combien de temps ?", stem).answered
    assert not engine.answer("How long is the contract?", stem).answered


def test_a_contract_line_giving_a_length_and_the_experience_asked_still_answers(write_posting: WritePosting) -> None:
    engine, stem = engine_with(write_posting, "## Modalités\n\nCDD de 18 mois, expérience de 3 ans souhaitée.\n")
    answer = engine.answer("la mission dure combien de temps ?", stem)
    assert answer.answered and "18 mois" in answer.text


STACK_ONLY = """## Technique

- DossierFacile est développé en Java Spring Boot et Thymeleaf.
- La liste de vos frameworks préférés contient Flask.
"""


@pytest.mark.parametrize("question", ["quelle base de données vous utilisez ?", "Which database do you use?"])
def test_a_database_asked_is_answered_only_by_a_line_naming_one(write_posting: WritePosting, question: str) -> None:
    engine, stem = engine_with(write_posting, STACK_ONLY)
    assert not engine.answer(question, stem).answered
    engine, stem = engine_with(write_posting, STACK_ONLY + "- Les données sont dans PostgreSQL.\n")
    answer = engine.answer(question, stem)
    assert answer.answered and answer.intent == "database" and "PostgreSQL" in answer.text


def test_a_count_of_partner_databases_is_no_database_question(write_posting: WritePosting) -> None:
    engine, stem = engine_with(write_posting, STACK_ONLY + "- Les données sont dans PostgreSQL.\n")
    assert engine.answer("How many partner databases have you integrated so far?", stem).intent != "database"


PRACTICES = """## Technique

- Maîtrise d'au moins un framework JS front (Vue, React)
- Programmation en Python et en TypeScript
"""


@pytest.mark.parametrize("question", ["vous faites du pair programming ?", "Do you do pair programming?",
                                      "Do you do code reviews?"])
def test_a_practice_asked_is_answered_only_by_a_line_naming_one(write_posting: WritePosting, question: str) -> None:
    """"programming" is no language: the stack says nothing of pair programming nor of code reviews."""
    engine, stem = engine_with(write_posting, PRACTICES)
    assert not engine.answer(question, stem).answered
    engine, stem = engine_with(write_posting, PRACTICES + "- Nous pratiquons le pair programming et la revue de code\n")
    answer = engine.answer(question.replace("code reviews", "revue de code"), stem)
    assert answer.answered and "pair programming" in answer.text


@pytest.mark.parametrize("question", ["je peux tester l'outil avant de postuler ?",
                                      "je peux vous poser des questions avant de candidater ?",
                                      "Can I try the tool before applying?"])
def test_before_applying_says_when_it_does_not_ask_how_to_apply(bundled: Engine, question: str) -> None:
    assert "apply" not in [i.name for i in bundled.matcher.analyse(question).intents]


@pytest.mark.parametrize("question", ["Comment postuler ?", "je contacte qui pour postuler ?", "How do I apply?",
                                      "Where should I send my application?"])
def test_how_to_apply_is_still_asked(bundled: Engine, question: str) -> None:
    assert bundled.matcher.analyse(question).intents[0].name == "apply"


@pytest.mark.parametrize("question", ["faut des compétences particulières pour postuler ?",
                                      "Quels sont les prérequis pour postuler ?",
                                      "Which skills are required to apply?"])
def test_what_it_takes_to_apply_asks_for_skills(bundled: Engine, question: str) -> None:
    """"pour postuler" is the purpose; the skills are what is asked."""
    assert bundled.matcher.analyse(question).intents[0].name == "skills"


@pytest.mark.parametrize("question", ["Que faut-il pour postuler ?", "Qu'est-ce qu'il faut pour candidater ?",
                                      "Comment faut-il postuler ?"])
def test_what_is_needed_to_apply_asks_how_to_apply(bundled: Engine, question: str) -> None:
    assert bundled.matcher.analyse(question).intents[0].name == "apply"


TEAM_ONLY = """## L'équipe

Le laboratoire est composé de 7 personnes (développeurs, devops, lead UX).

## Conditions

Vous êtes sous la responsabilité du chef du lab.
"""


@pytest.mark.parametrize("question", ["Will I manage people?", "je vais devoir encadrer les devs ?",
                                      "y a du management d'équipe dans le poste ?", "y aura une équipe à manager ?"])
def test_managing_people_is_answered_by_a_line_on_managing(write_posting: WritePosting, question: str) -> None:
    """Whether the job manages anyone: the team's composition does not say."""
    engine, stem = engine_with(write_posting, TEAM_ONLY)
    assert not engine.answer(question, stem).answered
    engine, stem = engine_with(write_posting, TEAM_ONLY + "- Vous encadrez l'équipe de développeurs.\n")
    answer = engine.answer(question, stem)
    assert answer.answered and answer.intent == "managing" and "encadrez" in answer.text


@pytest.mark.parametrize("question", ["Who will manage me?", "qui m'encadre ?"])
def test_who_manages_me_asks_for_the_manager(write_posting: WritePosting, question: str) -> None:
    engine, stem = engine_with(write_posting, TEAM_ONLY)
    answer = engine.answer(question, stem)
    assert answer.intent == "manager" and "sous la responsabilité" in answer.text


@pytest.mark.parametrize("question", ["Is data viz experience required?", "faut des compétences en data viz ?"])
def test_viz_is_short_for_visualisation(write_posting: WritePosting, question: str) -> None:
    engine, stem = engine_with(write_posting, "## Compétences recherchées\n\n"
                                              "- Expérience de plus de 5 ans dans l'analyse de données\n"
                                              "- Une expérience en visualisation de données est un plus\n")
    answer = engine.answer(question, stem)
    assert answer.answered and answer.text.splitlines()[1] == "Une expérience en visualisation de données est un plus"


@pytest.mark.parametrize("question", ["What's AMDAC?", "c'est quoi AMDAC ?"])
def test_an_acronym_given_in_parentheses_is_defined_by_the_words_before_it(write_posting: WritePosting,
                                                                            question: str) -> None:
    engine, stem = engine_with(write_posting, "## Missions\n\n- Participer au suivi de la feuille de route AMDAC.\n\n"
                                              "## Contexte\n\nL'incubateur opère la feuille de route d'ouverture des "
                                              "données, algorithmes et codes sources (AMDAC) du ministère.\n")
    answer = engine.answer(question, stem)
    assert answer.answered and "codes sources (AMDAC)" in answer.text.splitlines()[1]


@pytest.mark.parametrize("question", ["Do I need prior experience in product teams?",
                                      "faut de l'expérience en équipe produit ?"])
def test_experience_within_teams_is_the_kind_of_experience_asked(write_posting: WritePosting, question: str) -> None:
    """"Une expérience au sein d'équipes produits": the elided "d'" gone, still a kind of experience."""
    filler = "".join(f"- Une connaissance des méthodes de travail numéro {n}, décrites longuement pour la forme\n"
                     for n in range(8))
    engine, stem = engine_with(write_posting, f"## Profil\n\n{filler}- Une expérience au sein d'équipes produits ;\n")
    answer = engine.answer(question, stem)
    assert answer.answered and answer.text.splitlines()[1] == "Une expérience au sein d'équipes produits ;"


@pytest.mark.parametrize("question", ["Y a une période d'essai ?", "Is there a probation period?"])
def test_justice_probation_is_no_probation_period(write_posting: WritePosting, question: str) -> None:
    engine, stem = engine_with(write_posting, "## Contexte\n\nLe suivi de l'insertion et de la probation des personnes "
                                              "placées sous main de justice relève des SPIP.\n")
    assert not engine.answer(question, stem).answered


@pytest.mark.parametrize("question", ["je vais être en contact avec quelles administrations ?",
                                      "Which administrations would I be in contact with?"])
def test_being_in_contact_with_someone_does_not_ask_whom_to_write_to(write_posting: WritePosting,
                                                                      question: str) -> None:
    engine, stem = engine_with(write_posting, "## Comment postuler\n\nPostuler en écrivant à contact@api.gouv.fr "
                                              "avec un court message de motivation.\n")
    answer = engine.answer(question, stem)
    assert not answer.answered or "contact@api.gouv.fr" not in answer.text


USERS_IN_PASSING = """## Tes missions

- Aider les utilisateurs perdus et répondre à leurs interrogations
- Convertir et accompagner les utilisateurs à utiliser le service

## Qu'est-ce qu'une startup d'État ?

beta.gouv aide les administrations publiques à construire des services numériques utiles.
"""


@pytest.mark.parametrize("question", ["Who are the end users of the tool?", "les utilisateurs c'est qui ?"])
def test_helping_the_users_says_not_who_they_are(write_posting: WritePosting, question: str) -> None:
    engine, stem = engine_with(write_posting, USERS_IN_PASSING)
    answer = engine.answer(question, stem)
    assert not answer.answered or "utilisateurs perdus" not in answer.text


@pytest.mark.parametrize("question", ["faut être sur Paris ?", "Is the job in Paris?"])
def test_a_city_after_a_preposition_asks_where(write_posting: WritePosting, question: str) -> None:
    """"sur Paris" is a place asked about; "Paris" alone, capitalised, could be a name of the posting."""
    engine, stem = engine_with(write_posting, "## Profil\n\n- Il faut être à l'aise avec Git.\n- Maîtriser Ansible.\n\n"
                                              "## Modalités\n\nUne présence régulière à Paris est demandée.\n")
    answer = engine.answer(question, stem)
    assert answer.answered and answer.intent == "location" and "présence régulière à Paris" in answer.text


@pytest.mark.parametrize("question", ["l'appli est pour qui, quel public ?", "Who are the end users?"])
def test_the_incubators_blurb_says_not_who_uses_the_product(write_posting: WritePosting, question: str) -> None:
    blurb = ("En 2013, l'État lance beta.gouv, un programme d'incubation qui aide les administrations publiques à "
             "construire des services numériques utiles.")
    engine, stem = engine_with(write_posting, f"## Qu'est-ce qu'une startup d'État ?\n\n{blurb}\n")
    assert not engine.answer(question, stem).answered


MEMBERS = """## Contexte

L'équipe Signal recherche un ou une business développeur(se) pour sa première année.

## L'équipe

Félicie, intrapreneure (magistrate) ;
Baptiste, coach beta.gouv.fr (coach produit) ;
Remy, développeur et CTO.
"""


@pytest.mark.parametrize("question", ["Who's on the team?", "l'équipe c'est qui ?"])
def test_the_team_is_its_members_by_name_and_role(write_posting: WritePosting, question: str) -> None:
    """Not the line that only says "l'équipe ... recherche": the one naming its members."""
    engine, stem = engine_with(write_posting, MEMBERS)
    answer = engine.answer(question, stem)
    assert answer.answered and answer.text.splitlines()[1].startswith("Félicie, intrapreneure")


MEMBER_ITEMS = """## L'équipe

- **Olivier** : Intrapreneur, il est en lien direct avec nos sponsors et nous dit tout ensuite !
- **Aurélie** : Product manager, elle recueille les besoins métiers et accompagne nos profils techniques
- **Marie** : Responsable déploiement, elle est en lien direct avec toute l'équipe et orchestre le déploiement
- **Anthonny** : lead développeur, full stack, il développe avec méthode, rigueur et plaisir notre produit
- **David** : Lead UX designer, il cherche, teste, questionne, challenge les parcours des utilisateurs
- **Fabien** : Data scientist, il fait de la magie avec les données pour éprouver nos hypothèses
"""


@pytest.mark.parametrize("question", ["Who's on the team?", "c'est qui l'équipe ?"])
def test_every_member_under_the_team_heading_speaks_of_the_team(write_posting: WritePosting, question: str) -> None:
    """Marie's line says "toute l'équipe", the others do not: under "L'équipe" they all are about the team."""
    write_other_postings(write_posting, 6)
    engine, stem = engine_with(write_posting, MEMBER_ITEMS)
    answer = engine.answer(question, stem)
    assert answer.answered and "Olivier : Intrapreneur" in answer.text


@pytest.mark.parametrize("question", ["l'annonce date de quand ?", "When is this job ad from?"])
def test_the_date_of_the_ad_is_its_publication_not_its_deadline(tmp_path: Path, question: str) -> None:
    engine = engine_of_dates(tmp_path, "2022-01-19-ux", "poste_ouvert: 2022-01-19\nposte_ferme: 2025-03-01",
                             dt.date(2024, 11, 30))
    answer = engine.answer(question, "2022-01-19-ux")
    assert answer.intent == "published" and "19/01/2022" in answer.text, answer.text


@pytest.mark.parametrize("question", ["Do I need to already know Elixir?", "Should I already know Elixir?"])
def test_needing_to_already_know_a_tool_asks_for_the_skill(write_posting: WritePosting, question: str) -> None:
    """The line saying how much of it is required, not the one saying the code is written in it."""
    engine, stem = engine_with(write_posting, "Vous interviendrez sur une base de code en Elixir et Phoenix.\n\n"
                                              "## Compétences et expérience\n\n- Une connaissance du développement "
                                              "avec Elixir est préférable, mais une montée en compétence est "
                                              "possible.\n- Une expérience dans le traitement de la donnée.\n")
    answer = engine.answer(question, stem)
    assert answer.answered and answer.text.splitlines()[1].startswith("Une connaissance du développement avec Elixir")


@pytest.mark.parametrize("question", ["Faut s'y connaître en cybersécurité ?", "Do I need to know cybersecurity?"])
def test_putting_ones_skills_at_the_service_of_the_public_asks_no_skill(write_posting: WritePosting,
                                                                        question: str) -> None:
    """"Rejoindre l'ANSSI, c'est mettre ses compétences au service de l'intérêt général ... la cybersécurité":
    a pitch, which says nothing of the cybersecurity a candidate must know."""
    engine, stem = engine_with(write_posting, "## Qui sommes nous ?\n\nRejoindre l'agence, c'est mettre ses "
                                              "compétences au service de l'intérêt général dans un monde où la "
                                              "cybersécurité est devenue l'affaire de tous !\n")
    assert not engine.answer(question, stem).answered


GOALS_AND_MISSIONS = """## Nos objectifs

- embarquer un maximum d'utilisateurs sur la plateforme
- assurer la meilleure expérience produit à nos utilisateurs

## Tes missions

- Participer aux orientations stratégiques sur le produit
- Convertir et accompagner les utilisateurs
"""


@pytest.mark.parametrize("question", ["What would I actually do day to day?", "je ferai quoi au quotidien ?"])
def test_our_goals_are_the_teams_not_the_candidates_missions(write_posting: WritePosting, question: str) -> None:
    answer = answer_from(write_posting, GOALS_AND_MISSIONS, question)
    assert answer.answered and answer.text.splitlines()[0] == "« Tes missions »", answer.text


@pytest.mark.parametrize("question", ["Télétravail possible ou présence au bureau ?", "Can I work remotely?"])
def test_engaging_users_at_a_distance_says_not_where_one_works(write_posting: WritePosting, question: str) -> None:
    assert not answer_from(write_posting, "## Le poste\n\n- inviter, former, relancer pour engager les "
                                          "conseillers à distance ;\n- animer la communauté des utilisateurs.\n",
                           question).answered


@pytest.mark.parametrize("question", ["Roughly how many support requests come in per week?",
                                      "combien de demandes de support par semaine ?"])
def test_how_many_of_a_thing_is_not_answered_by_a_count_of_another(write_posting: WritePosting, question: str) -> None:
    """A line of days per week counts no support requests."""
    assert not answer_from(write_posting, "## Modalités\n\nContrat de 4 mois, à 4 jours par semaine minimum. "
                                          "Le poste est en télétravail.\n", question).answered



def test_tps_is_short_for_temps(write_posting: WritePosting) -> None:
    """"combien de tps ?" counts time, not a thing called "tps" that no line names."""
    write_other_postings(write_posting, 3, "## Le produit\n\nLe service suit les TPS des entreprises.\n")
    answer = answer_from(write_posting, "## Modalités\n\nLa mission est proposée pour 3 mois renouvelables.\n",
                         "la mission dure combien de tps ?")
    assert answer.answered and answer.intent == "duration" and "3 mois renouvelables" in answer.text


@pytest.mark.parametrize("question", ["Is the contract renewable after a while?", "le contrat est renouvelable ?"])
def test_a_programmes_extension_is_no_renewal(write_posting: WritePosting, question: str) -> None:
    assert not answer_from(write_posting, "## Contexte\n\nLe SNU remplacera, au terme de son extension à "
                                          "l'ensemble d'une classe d'âge, la Journée Défense et Citoyenneté.\n",
                           question).answered


@pytest.mark.parametrize(("question", "intent"), [("quelles sont les missions du product designer ?", "missions"),
                                                  ("What will the product owner work on?", "missions"),
                                                  ("à quoi sert le produit ?", "product")])
def test_a_product_role_is_a_role_not_the_product(question: str, intent: str) -> None:
    """"les missions du product designer" asks what the job does, not what the product is for."""
    engine = Engine.load(Path(__file__).parent.parent / "knowledge")
    query = engine.matcher.analyse(question)
    assert query.intent is not None and query.intent.name == intent


@pytest.mark.parametrize(("question", "asks_contact"), [("What are the main goals I'd help reach?", False),
                                                        ("How can I reach the team?", True),
                                                        ("Who should I reach out to?", True)])
def test_reaching_goals_is_not_reaching_someone(question: str, asks_contact: bool) -> None:
    engine = Engine.load(Path(__file__).parent.parent / "knowledge")
    intents = [intent.name for intent in engine.matcher.analyse(question).intents]
    assert ("contact" in intents) is asks_contact, intents


@pytest.mark.parametrize("question", ["y a une formation à l'arrivée ?", "Will I be trained when I start?"])
def test_training_on_arrival_is_not_answered_by_the_start_date(write_posting: WritePosting, question: str) -> None:
    assert not answer_from(write_posting, "## Modalités\n\nContrat de 4 mois. Démarrage début juin 2021.\n\n"
                                          "## Missions\n\n- Accompagner les utilisateurs dans la prise en main "
                                          "de la plateforme.\n", question).answered


@pytest.mark.parametrize("question", ["y a une formation à l'arrivée ?", "Will I be trained when I start?"])
def test_training_on_arrival_is_answered_by_the_line_announcing_it(write_posting: WritePosting, question: str) -> None:
    answer = answer_from(write_posting, "## Modalités\n\nDémarrage début juin 2021. Vous serez formé aux "
                                        "outils du support pendant un parcours d'intégration de deux semaines.\n",
                         question)
    assert answer.answered and answer.intent == "onboarding" and "parcours d'intégration" in answer.text


@pytest.mark.parametrize("question", ["Possibilité de CDI après les 5 mois ?",
                                      "Could this turn into a permanent job later?"])
def test_what_comes_after_the_contract_is_not_answered_by_the_contract(write_posting: WritePosting,
                                                                       question: str) -> None:
    assert not answer_from(write_posting, "## Formation\n\nCDD de 5 mois (janvier à mai 2019) à Cahors.\n",
                           question).answered


@pytest.mark.parametrize("question", ["Who would I be working most closely with day to day?",
                                      "Who will I work directly with?"])
def test_who_one_works_closely_with_asks_about_the_team(question: str) -> None:
    assert intents_of(question)[:1] == ["team"], intents_of(question)


def test_combien_d_counts_the_thing_even_when_it_names_the_posting(write_posting: WritePosting) -> None:
    """"combien d'aides" reads "combien aides" once the elision is dropped; the aids are counted, in a posting named
    after them ("aides-jeunes")."""
    write_other_postings(write_posting, 3)
    body = ("## À propos du simulateur\n\nLe simulateur d'aides pour les jeunes a été mis en ligne en avril 2021.\n\n"
            "L'équipe a déjà intégré plus de 380 aides dans le simulateur.\n")
    engine = engine_of(write_posting("2022-02-10-aides-jeunes.md", "roles: Chargé·e de déploiement\n"
                                     "startup: aides-jeunes", body))
    answer = engine.answer("Combien d'aides y a déjà dans le simulateur ?", "2022-02-10-aides-jeunes")
    assert answer.answered and "plus de 380 aides" in answer.text.splitlines()[1], answer.text


@pytest.mark.parametrize("question", ["Vous cherchez quel genre de profil ?", "Quel profil recherchez-vous ?",
                                      "What profile are you looking for?"])
def test_the_profile_asked_is_answered_by_the_profile_section(write_posting: WritePosting, question: str) -> None:
    """A profile is more than years of experience: a section of qualities with no number of years answers it."""
    answer = answer_from(write_posting, "## Votre profil nous intéresse si :\n\n"
                                        "- Vous êtes animé·e par la volonté d'améliorer le service public\n"
                                        "- Vous aimez travailler dans une petite équipe et de manière agile\n",
                         question)
    assert answer.answered and "améliorer le service public" in answer.text, answer


@pytest.mark.parametrize("question", ["Dans quel incubateur est hébergée la startup ?",
                                      "Which incubator hosts the team?"])
def test_the_incubator_hosting_a_team_is_asked_of_the_organisation(write_posting: WritePosting, question: str) -> None:
    answer = answer_from(write_posting, "## Contexte\n\nLa startup d'État est hébergée à l'incubateur du "
                                        "ministère de l'Écologie, la Fabrique Numérique.\n", question)
    assert answer.answered and answer.intent == "org" and "Fabrique Numérique" in answer.text, answer


@pytest.mark.parametrize("question", ["Le projet en est où ?", "Les données sont publiées où ?",
                                      "La startup est incubée où ?"])
def test_where_a_project_stands_or_what_is_published_is_no_workplace(question: str) -> None:
    assert "location" not in intents_of(question)


@pytest.mark.parametrize("question", ["La startup est incubée où ?", "Where is the startup incubated?"])
def test_where_a_team_is_incubated_asks_the_organisation(write_posting: WritePosting, question: str) -> None:
    answer = answer_from(write_posting, "## Contexte\n\nLa startup est incubée à la Fabrique Numérique du "
                                        "ministère de la Transition écologique.\n\n## Modalités\n\n"
                                        "Lieu : Grande Arche de la Défense.\n", question)
    assert answer.answered and answer.intent == "org" and "Fabrique Numérique" in answer.text, answer


QUESTIONS_ASKED = """## Mission

Pourquoi de nombreux projets de participation citoyenne n'ont pas l'impact attendu ?

Comment diminuer le coût de ces accompagnements pour la collectivité ? Comment diffuser les démarches locales ?

## Le rôle

Aller à la rencontre des usagers et comprendre leurs besoins.
"""


@pytest.mark.parametrize("question", ["concrètement je ferais quoi au quotidien ?", "What would I do day to day?"])
def test_a_line_of_questions_the_team_asks_itself_is_no_mission(write_posting: WritePosting, question: str) -> None:
    answer = answer_from(write_posting, QUESTIONS_ASKED, question)
    assert answer.answered and "rencontre des usagers" in answer.text and "Pourquoi" not in answer.text, answer


@pytest.mark.parametrize("question", ["Pourquoi les projets de participation citoyenne n'ont pas d'impact ?",
                                      "Why do citizen participation projects (participation citoyenne) lack impact?"])
def test_a_question_the_posting_asks_is_not_its_answer(write_posting: WritePosting, question: str) -> None:
    assert not answer_from(write_posting, QUESTIONS_ASKED, question).answered


def test_a_line_answering_its_own_question_still_answers(write_posting: WritePosting) -> None:
    answer = answer_from(write_posting, "## Modalités\n\nLe télétravail est-il possible ? Oui, deux jours "
                                        "par semaine.\n", "télétravail possible ?")
    assert answer.answered and "deux jours par semaine" in answer.text


PROFILE_AND_MISSIONS = """## Le profil et les missions du candidat

- vous savez travailler en équipe et vous voulez co-construire l'outil
- vous avez une bonne expérience en JavaScript, HTML et CSS

Les missions :

- Amélioration visuelle de l'interface
- Mise en place et maintenance de tests automatisés
"""


@pytest.mark.parametrize("question", ["What will my main tasks be?", "je ferai quoi concrètement ?"])
def test_who_the_candidate_is_is_no_task_under_a_heading_of_both(write_posting: WritePosting, question: str) -> None:
    answer = answer_from(write_posting, PROFILE_AND_MISSIONS, question)
    assert answer.answered and "Amélioration visuelle" in answer.text and "vous savez" not in answer.text, answer


def test_a_task_said_to_the_candidate_is_still_a_task(write_posting: WritePosting) -> None:
    answer = answer_from(write_posting, "## Missions\n\n- Vous êtes en charge du support aux utilisateurs\n",
                         "What will my main tasks be?")
    assert answer.answered and "support aux utilisateurs" in answer.text, answer


@pytest.mark.parametrize("question", ["c'est un CDD, un CDI ou de la presta ?", "Is it freelance or a salaried job?"])
def test_the_statuses_a_team_counts_are_not_the_job_s_contract(write_posting: WritePosting, question: str) -> None:
    assert not answer_from(write_posting, "## À propos de nous\n\nEtalab compte une trentaine de collaborateurs, "
                                          "fonctionnaires, contractuels et prestataires.\n", question).answered


COUNT_OF_USERS = ("## Le projet\n\nL'objectif d'ici deux ans est de tripler le nombre d'utilisateurs (aujourd'hui plus "
                  "de 350) et de passer à une version professionnelle.\n")


@pytest.mark.parametrize("question", ["Qui utilise la plateforme ?", "Who uses the platform?"])
def test_how_many_use_a_product_says_not_who(write_posting: WritePosting, question: str) -> None:
    assert not answer_from(write_posting, COUNT_OF_USERS, question).answered


@pytest.mark.parametrize("question", ["Combien de personnes utilisent la plateforme ?",
                                      "How many people use the platform?"])
def test_how_many_use_a_product_is_answered_by_the_count(write_posting: WritePosting, question: str) -> None:
    answer = answer_from(write_posting, COUNT_OF_USERS, question)
    assert answer.answered and "plus de 350" in answer.text, answer


STARTUP_MISSION = ("## Qui sommes-nous ?\n\nNotre mission, accompagner les agriculteurs vers des pratiques économes en "
                   "produits phytosanitaires.\n\n## Tes missions\n\n- la prospection commerciale\n")


@pytest.mark.parametrize("question", ["What's the startup's mission?", "What is the product's goal?"])
def test_the_startup_s_mission_is_what_its_product_is_for(write_posting: WritePosting, question: str) -> None:
    answer = answer_from(write_posting, STARTUP_MISSION, question)
    assert answer.answered and "pratiques économes" in answer.text and "prospection" not in answer.text, answer


def test_my_missions_are_still_the_job_s(write_posting: WritePosting) -> None:
    answer = answer_from(write_posting, STARTUP_MISSION, "What will my missions be?")
    assert answer.answered and "prospection commerciale" in answer.text, answer


@pytest.mark.parametrize(("question", "line"), [
    ("Les utilisateurs visés, c'est qui ?", "Les deux typologies d'usagers principales du pass Culture sont les jeunes "
                                            "éligibles et les acteurs culturels."),
    ("Who are the main users of the pass Culture?", "Les deux typologies d'usagers principales du pass Culture sont "
                                                    "les jeunes éligibles et les acteurs culturels."),
    ("Qui sont les utilisateurs de la plateforme ?", "Les intermédiaires et négociants peuvent également utiliser "
                                                     "CarbuRe pour envoyer les informations de durabilité."),
])
def test_who_uses_the_product_is_answered_by_the_line_naming_them(write_posting: WritePosting, question: str,
                                                                  line: str) -> None:
    answer = answer_from(write_posting, f"## Le projet\n\n{line}\n\n## Modalités\n\nTélétravail possible.\n", question)
    assert answer.answered and answer.intent == "users" and line[:30] in answer.text, answer


@pytest.mark.parametrize("question", ["Etalab c'est combien de personnes ?", "How many people work at Etalab?"])
def test_the_people_an_organisation_counts_give_its_size(write_posting: WritePosting, question: str) -> None:
    answer = answer_from(write_posting, "## À propos de nous\n\nEtalab compte une trentaine de collaborateurs, "
                                        "fonctionnaires, contractuels et prestataires.\n", question)
    assert answer.answered and "une trentaine de collaborateurs" in answer.text, answer


@pytest.mark.parametrize("question", ["Do I need a driving licence?", "Faut-il le permis de conduire ?"])
def test_a_licence_said_necessary_answers_the_driving_question(write_posting: WritePosting, question: str) -> None:
    answer = answer_from(write_posting, "## Compétences clés\n\n- Aisance sur les outils digitaux\n\n"
                                        "Le permis de conduire est nécessaire.\n", question)
    assert answer.answered and "permis de conduire est nécessaire" in answer.text, answer


@pytest.mark.parametrize("question", ["What would my main job be?", "What will my role be?"])
def test_my_main_job_asks_for_the_missions(question: str) -> None:
    assert intents_of(question)[:1] == ["missions"], intents_of(question)


ORGANISATION = ("## Qui sommes-nous ?\n\ne-MJPM est une Start-up d'État accélérée par l'incubateur des ministères "
                "sociaux.\n\n## Modalités\n\nTélétravail possible.\n")


@pytest.mark.parametrize("question", ["Vous êtes rattachés à quel incubateur ?",
                                      "Bonjour, quelle administration porte ce recrutement ?"])
def test_who_carries_the_team_is_asked_without_naming_a_subject(write_posting: WritePosting, question: str) -> None:
    """"vous êtes" and "porte ce recrutement" ask who carries the team; they name nothing a line must hold."""
    answer = answer_from(write_posting, ORGANISATION, question)
    assert answer.answered and answer.intent == "org" and "incubateur des ministères sociaux" in answer.text, answer


@pytest.mark.parametrize(("question", "line"), [
    ("vous faites des code reviews ?", "nous faisons des codes reviews systématiques"),
    ("Do you do code reviews?", "nous faisons des reviews systématiques"),
    ("Do you do code reviews and tests?", "nous testons notre code"),
])
def test_reviews_and_tests_said_in_the_team_s_words_answer_the_practice(write_posting: WritePosting, question: str,
                                                                        line: str) -> None:
    body = f"## Comment nous travaillons\n\n- {line}\n- nous déployons souvent\n"
    answer = answer_from(write_posting, body, question)
    assert answer.answered and line in answer.text, answer


@pytest.mark.parametrize("question", ["j'envoie tt ça à quelle adresse ?", "c'est en tt combien de jours de congés ?"])
def test_tt_before_what_it_qualifies_is_tout_not_remote_work(question: str) -> None:
    assert "remote" not in intents_of(question)


def test_tt_alone_is_still_remote_work() -> None:
    assert intents_of("tt possible ?")[:1] == ["remote"]


TALKING = ("transport.beta.gouv.fr a pour objectif d'aider les usagers des transports à mieux se déplacer.\n\n"
           "## Missions\n\n- Développer le validateur de données\n- Discuter avec les collectivités partenaires pour "
           "comprendre leurs besoins\n")


@pytest.mark.parametrize("question", ["Is it only coding, or will I also talk with the partner collectivités?",
                                      "Will I talk with partners?"])
def test_talking_with_someone_is_answered_by_the_line_saying_so(write_posting: WritePosting, question: str) -> None:
    answer = answer_from(write_posting, TALKING, question)
    assert answer.answered and "Discuter avec les collectivités" in answer.text, answer


def test_users_named_without_talking_to_them_do_not_answer(write_posting: WritePosting) -> None:
    answer = answer_from(write_posting, TALKING, "Is it only coding, or will I talk to users as well?")
    assert not answer.answered or "usagers des transports" not in answer.text, answer


@pytest.mark.parametrize("question", ["Y a du Go dans le projet ?", "Do you use Go?"])
def test_a_technology_named_like_a_stopword_is_asked_when_written_as_a_name(write_posting: WritePosting,
                                                                            question: str) -> None:
    body = "## Qui sommes-nous ?\n\nTrackdéchets vise à assurer la traçabilité des déchets dangereux.\n\n"
    answer = answer_from(write_posting, body + "## Stack\n\n- plusieurs micro-services en NodeJS et Go\n", question)
    assert answer.answered and "NodeJS et Go" in answer.text, answer
    assert not answer_from(write_posting, body + "## Stack\n\n- plusieurs micro-services en NodeJS\n",
                           question).answered


@pytest.mark.parametrize("question", ["Combien de départements sont partenaires du projet ?",
                                      "How many départements are partners in the project?"])
def test_the_thing_counted_is_answered_by_its_number_whatever_else_the_question_names(
        write_posting: WritePosting, question: str) -> None:
    """"du projet" reads the product's intent; the departments counted are what is asked."""
    answer = answer_from(write_posting, "## Qui sommes-nous ?\n\nLa plateforme simplifie la prise de rendez-vous. En "
                                        "2019, 12 départements ont formé un consortium avec beta.gouv.fr.\n", question)
    assert answer.answered and "12 départements" in answer.text, answer


@pytest.mark.parametrize("question", ["What's the main programming language used?", "Quel langage est utilisé ?",
                                      "Vous utilisez quel langage ?"])
def test_using_something_asks_nothing_a_line_must_name(write_posting: WritePosting, question: str) -> None:
    """"used" is how the question asks, not its subject: the line naming the language answers, without the word."""
    answer = answer_from(write_posting, "## Profil recherché\n\n- Connaître le langage Python, notamment pour la "
                                        "qualité des données\n- Avoir une bonne autonomie en administration système\n",
                         question)
    assert answer.answered and "langage Python" in answer.text, answer


@pytest.mark.parametrize("question", ["c'est basé où le poste ?", "le poste est basé où, à Paris ?"])
def test_based_where_asks_the_place(write_posting: WritePosting, question: str) -> None:
    answer = answer_from(write_posting, "## Modalités\n\n- Poste basé à Lille\n- Mission de 6 mois\n", question)
    assert answer.answered and "basé à Lille" in answer.text, answer


@pytest.mark.parametrize(("line", "shown"), [("Poste ouvert pour le September 13, 2023", "September 13, 2023"),
                                             ("Poste ouvert à partir du 1er mars", "1er mars"),
                                             ("Arrival: October 2023, in Paris", "October 2023")])
@pytest.mark.parametrize("question", ["When does it start?", "ça commence quand ?"])
def test_a_date_the_post_opens_on_says_when_it_starts(write_posting: WritePosting, line: str, shown: str,
                                                      question: str) -> None:
    answer = answer_from(write_posting, f"## Délais\n\n{line}\n\npour une durée de 6 mois environ\n", question)
    assert answer.answered and shown in answer.text, answer


def test_a_date_to_apply_by_is_no_start_date(write_posting: WritePosting) -> None:
    answer = answer_from(write_posting, "## Candidature\n\nApply before September 13, 2021 by email.\n",
                         "When does it start?")
    assert not answer.answered, answer


@pytest.mark.parametrize("question", ["Vous êtes combien dans l'équipe ?", "How many people are on the team?"])
def test_we_are_so_many_gives_the_team_size(write_posting: WritePosting, question: str) -> None:
    body = ("## Notre équipe\n\nNous sommes aujourd’hui 6 dans l’équipe : une intrapreneuse (Aurélie), un expert data "
            "(Nicolas) et un coach produit (Paul).\n")
    answer = answer_from(write_posting, body, question)
    assert answer.answered and "Nous sommes aujourd’hui 6" in answer.text, answer


@pytest.mark.parametrize("line", ["Nous sommes en 2022 et le service grandit.", "Nous sommes à 3 mois du lancement."])
def test_we_are_in_a_year_or_months_away_is_no_team_size(write_posting: WritePosting, line: str) -> None:
    answer = answer_from(write_posting, f"## Notre équipe\n\n{line}\n", "Vous êtes combien dans l'équipe ?")
    assert not answer.answered, answer


@pytest.mark.parametrize("line", ["Nombres de jours : 2 à minima par semaine, idéal 5",
                                  "Disponibilité : 3 minimum par semaine"])
@pytest.mark.parametrize("question", ["combien de jours par semaine ?", "How many days a week is it?"])
def test_a_number_of_days_said_once_gives_the_working_time(write_posting: WritePosting, line: str,
                                                           question: str) -> None:
    answer = answer_from(write_posting, f"## Modalités de travail\n\n- Démarrage en mars\n- {line}\n", question)
    assert answer.answered and line.split(":")[1].strip() in answer.text, answer


@pytest.mark.parametrize("question", ["vous cherchez combien de devs ?", "How many people are you hiring?"])
def test_seeking_so_many_people_gives_the_openings(write_posting: WritePosting, question: str) -> None:
    answer = answer_from(write_posting, "L'équipe Labels de Transition Écologique cherche deux à trois personnes pour "
                                        "développer son produit.\n\n## Contexte\n\nPetites équipes autonomes.\n",
                         question)
    assert answer.answered and "cherche deux à trois personnes" in answer.text, answer


@pytest.mark.parametrize("question", ["Pourriez-vous préciser le niveau d'expérience attendu ?",
                                      "Could you clarify the experience expected?"])
def test_asking_for_more_detail_asks_nothing_a_line_must_name(write_posting: WritePosting, question: str) -> None:
    answer = answer_from(write_posting, "## Compétences et expérience\n\n- Expérience significative dans le "
                                        "développement de jeux vidéo\n- Connaissance C++ / C#\n", question)
    assert answer.answered and "Expérience significative" in answer.text, answer


@pytest.mark.parametrize("question", ["elle date de quand l'annonce ?", "ça date de quand cette offre ?"])
def test_dated_when_asks_when_the_posting_was_published(question: str) -> None:
    assert intents_of(question)[:1] == ["published"]


def test_a_project_dated_when_is_not_the_posting(write_posting: WritePosting) -> None:
    assert "published" not in intents_of("le projet date de quand ?")


@pytest.mark.parametrize("question", ["Is this fully remote or do I need to come into an office sometimes?",
                                      "faut venir au bureau de temps en temps ?"])
def test_days_at_the_office_say_how_often_one_comes(write_posting: WritePosting, question: str) -> None:
    body = ("* **Quand ?** A compter du 17 janvier 2022\n* **Où ?** Chez toi et, au moins un jour par semaine, dans le "
            "19ème arrondissement de Paris.\n* **Pour combien de temps ?** 2 mois, renouvelables\n")
    answer = answer_from(write_posting, body, question)
    assert answer.answered and "au moins un jour par semaine" in answer.text, answer


@pytest.mark.parametrize("question", ["comment postuler ? j'envoie un CV ?", "How do I apply, do I send a CV?"])
def test_a_cv_asked_with_how_to_apply_is_answered_by_how_to_apply(write_posting: WritePosting, question: str) -> None:
    """"CV" is written in capitals as an abbreviation, not as a name: a posting that never says "CV" still says how
    to apply."""
    answer = answer_from(write_posting, "## Postuler\n\nPour postuler, envoie-nous un petit message à "
                                        "mobilic@beta.gouv.fr avec un lien vers ton site perso ou ton github.\n",
                         question)
    assert answer.answered and "envoie-nous un petit message" in answer.text, answer


@pytest.mark.parametrize("question", ["faut aller à Paris ?",
                                      "L'offre de designer de la startup qui aide les communes : faut aller à Paris ?"])
def test_going_to_paris_at_all_asks_about_travel(question: str) -> None:
    assert intents_of(question)[:1] == ["travel"]


def test_going_to_a_place_named_with_a_capital_asks_about_it() -> None:
    """"Paris" is written as a name, but after "to" it is the place asked about, not the posting's name."""
    assert "travel" in intents_of("Do I have to go to Paris?")


def test_going_to_the_office_and_asking_where_asks_the_place() -> None:
    assert intents_of("si je veux aller au bureau c'est où ?")[:1] == ["location"]


@pytest.mark.parametrize(("question", "verb"), [("les services portent sur quels sujets ?", "portent"),
                                                ("Les calculs s'appuient sur quoi ?", "appuient")])
def test_a_common_verb_in_a_rare_form_is_not_a_thing_the_posting_never_mentions(
        corpus: Engine, question: str, verb: str) -> None:
    """"portent" is in few postings, "porte", "porter" in most: the question asks about something, it does not name
    a thing the posting lacks (the candidate is never told "the posting does not mention: portent")."""
    answer = corpus.answer(question, "2021-11-18-product.designer.user.researcher.ux.ui")
    assert verb not in answer.reason, answer.reason


@pytest.mark.parametrize("question", ["y aura de la com ?", "et la comm, y en a ?"])
def test_com_is_communication(write_posting: WritePosting, question: str) -> None:
    write_other_postings(write_posting, 6)
    answer = answer_from(write_posting, "## Missions\n\n- Gérer la communication du service auprès des agents\n"
                                        "- Gérer le support des agents\n", question)
    assert answer.answered and "Gérer la communication" in answer.text, answer


@pytest.mark.parametrize("question", ["est ce que je devrai répondre moi même aux questions des étudiants ?",
                                      "Will I answer the students' questions myself?"])
def test_a_reflexive_pronoun_is_no_subject(write_posting: WritePosting, question: str) -> None:
    """"moi-même", "myself" ask who does it; the questions of the students are what the line must name."""
    write_other_postings(write_posting, 6)
    answer = answer_from(write_posting, "## Missions\n\n- Répondre avec soin aux questions des étudiants et des "
                                        "psychologues\n- Suivre les indicateurs du dispositif\n", question)
    assert answer.answered and "Répondre avec soin" in answer.text, answer


OWN_PRODUCT = """## Qui sommes-nous ?

Delta est un service numérique qui aide les collectivités à estimer leurs dotations.

## Ton rôle

- Développer les nouvelles fonctionnalités
"""


@pytest.mark.parametrize("question", ["c koi Delta ?", "c quoi Delta ?", "What does Delta actually do?"])
def test_what_the_postings_own_product_is_is_told_by_the_line_that_defines_it(write_posting: WritePosting,
                                                                              question: str) -> None:
    """"c koi" is written for "c quoi", and "what does X do?" asks what X is for, as "à quoi sert X ?" does."""
    write_other_postings(write_posting, 3)
    answer = answer_from(write_posting, OWN_PRODUCT, question)
    assert answer.answered and "aide les collectivités" in answer.text


def test_a_front_matter_line_naming_the_product_says_not_what_it_is(write_posting: WritePosting) -> None:
    """"Poste : responsable produit pour le tableau de bord" names the dashboard; it says not what it is."""
    write_other_postings(write_posting, 3)
    path = write_posting("2023-05-01-po.md", "title: Responsable produit pour le tableau de bord de l'apprentissage\n"
                                             "open: true", "## Ton rôle\n\n- Animer l'équipe produit\n")
    answer = engine_of(path).answer("c'est quoi le tableau de bord ?", "2023-05-01-po")
    assert not answer.answered


STATUS_THEN_PURPOSE = """## Qui sommes-nous ?

Delta est une Startup d'État incubée par la DINUM depuis 2021.

Notre objectif pour les prochains mois est d'élargir les fonctionnalités de Delta aux messageries.

Avec Delta, notre mission est d'aider les collectivités à estimer leurs dotations.
"""


@pytest.mark.parametrize("question", ["c'est quoi Delta ?", "c koi Delta en fait ?"])
def test_what_a_thing_is_for_is_told_with_its_status_not_its_roadmap(write_posting: WritePosting,
                                                                     question: str) -> None:
    """"notre mission est d'aider..." says what Delta is for, "est une Startup d'État incubée par..." who carries it;
    "notre objectif pour les prochains mois" says what comes next, not what Delta is."""
    write_other_postings(write_posting, 3)
    answer = answer_from(write_posting, STATUS_THEN_PURPOSE, question)
    assert answer.answered and "aider les collectivités" in answer.text and "prochains mois" not in answer.text


HIRING_PITCH = """Delta, la plateforme qui gère la traçabilité des déchets dangereux, cherche un·e chargé·e de support.

## Comment ?

Dans ce contexte, l'accompagnement des utilisateurs de la plateforme Delta est un enjeu clé : nous souhaitons \
recruter une personne pour piloter cet enjeu.
"""


@pytest.mark.parametrize("question", ["What does Delta actually do?", "À quoi sert Delta ?"])
def test_a_line_saying_whom_the_team_recruits_says_not_what_the_product_does(write_posting: WritePosting,
                                                                             question: str) -> None:
    """"nous souhaitons recruter une personne" speaks of the job; "la plateforme qui gère..." of the product, even in
    the sentence that says whom the team seeks."""
    write_other_postings(write_posting, 3)
    answer = answer_from(write_posting, HIRING_PITCH, question)
    assert answer.answered and "qui gère la traçabilité" in answer.text.splitlines()[0]


@pytest.mark.parametrize("question", ["CDI ?", "freelance or employee?"])
def test_independents_counted_by_number_are_a_status(write_posting: WritePosting, question: str) -> None:
    answer = answer_from(write_posting, "## Modalités\n\nPostes ouverts pour deux indépendant·es, 6 mois.\n", question)
    assert answer.answered and "deux indépendant·es" in answer.text


@pytest.mark.parametrize("question", ["Vous êtes où dans Paris ?", "vous êtes basés où ?"])
def test_where_you_are_asks_where_the_office_is(write_posting: WritePosting, question: str) -> None:
    answer = answer_from(write_posting, "## Modalités\n\n- Lieu : Paris 75007 (Ségur)\n", question)
    assert answer.answered and answer.intent == "location" and "75007" in answer.text


def test_where_you_stand_in_a_project_is_not_where_the_office_is() -> None:
    assert "location" not in intents_of("vous en êtes où sur le projet ?")


DAYS = """## Delta cherche une personne en charge d'améliorer l'information des voyageurs au quotidien

Pour atteindre cet objectif, nous souhaiterions trouver quelqu'un pour endosser dès décembre 2019 le rôle de \
responsable de l'ouverture des données, en prestataire.

## Ce que vous ferez

Votre objectif est de convaincre les acteurs détenteurs de données de les rendre disponibles :

- cibler, identifier et approcher les acteurs du transport
- défricher et avancer en priorité sur les données routières
"""


@pytest.mark.parametrize("question", ["Concrètement je ferais quoi de mes journées ?", "What would a typical day be?"])
def test_ones_days_are_the_tasks_under_the_heading_that_lists_them(write_posting: WritePosting, question: str) -> None:
    """"mes journées" asks what the job does; a title that ends "... au quotidien" is no section of tasks."""
    write_other_postings(write_posting, 3)
    answer = answer_from(write_posting, DAYS, question)
    assert answer.answered and "cibler, identifier" in answer.text


def test_a_title_sentence_ending_au_quotidien_is_no_section_of_tasks(corpus: Engine) -> None:
    """In the real posting, the heading "transport.data.gouv.fr cherche une personne en charge d'accélérer ...
    leurs déplacements au quotidien" is a title: the tasks are under "Ce que vous ferez"."""
    answer = corpus.answer("Concrètement je ferais quoi de mes journées ?", "2019-10-29-transport_bizdev")
    assert answer.answered and "Ce que vous ferez" in answer.section


@pytest.mark.parametrize("question", ["Who funds the team?", "who is paying for the project?",
                                      "Qui finance l'équipe ?"])
def test_who_funds_the_team_asks_for_the_organisation_behind_it(write_posting: WritePosting, question: str) -> None:
    body = "## L'équipe\n\nL'équipe est financée par le Ministère chargé des Transports.\n"
    answer = answer_from(write_posting, body, question)
    assert answer.answered and answer.intent == "org" and "Ministère chargé des Transports" in answer.text


@pytest.mark.parametrize(("question", "line"), [
    ("côté salaire, c'est combien ?", "TJM : 500 € HT"),
    ("Qui porte le projet côté administration ?", "Porté par la Direction générale de l'enseignement scolaire"),
])
def test_the_side_named_after_cote_is_what_is_asked(write_posting: WritePosting, question: str, line: str) -> None:
    """"côté X" asks about X: "côté" is no word a line must hold, and "côté administration" asks who carries it."""
    write_other_postings(write_posting, 3)
    body = ("## Le projet\n\nPorté par la Direction générale de l'enseignement scolaire, le projet Delta a pour "
            "objectif de former les enseignants.\n\n## Modalités\n\n- TJM : 500 € HT\n")
    answer = answer_from(write_posting, body, question)
    assert answer.answered and line in answer.text.splitlines()[1]


@pytest.mark.parametrize("question", ["Faut être senior ou un profil confirmé ça passe ?", "un junior, ça passe ?"])
def test_ca_passe_asks_whether_the_profile_is_accepted(write_posting: WritePosting, question: str) -> None:
    """"ça passe ?" asks whether it is accepted: "passe" is no word a line must hold."""
    write_other_postings(write_posting, 3)
    answer = answer_from(write_posting, "## Profil recherché\n\nVous êtes développeuse ou développeur senior "
                                        "full-stack, avec 5 ans d'expérience.\n", question)
    assert answer.answered and "senior full-stack" in answer.text


@pytest.mark.parametrize("question", ["Vous cherchez quelles qualités humaines ?",
                                      "What personal qualities do you want?"])
def test_human_qualities_are_the_profiles_skills(write_posting: WritePosting, question: str) -> None:
    write_other_postings(write_posting, 3)
    answer = answer_from(write_posting, "## Compétences\n\n- Maîtrise de Python et de Django\n- Capacité d'écoute, "
                                        "d'adaptation et de travail en équipe\n", question)
    assert answer.answered and "Capacité d'écoute" in answer.text


@pytest.mark.parametrize("question", ["nettoyage de données, dédoublonnage, ça fait partie du job ?",
                                      "nettoyage de données / dédoublonnage : il y en a ?"])
def test_a_list_of_tasks_asked_is_found_item_by_item(write_posting: WritePosting, question: str) -> None:
    """The items of a list the question gives need not stand side by side in a line."""
    write_other_postings(write_posting, 3)
    body = ("## Missions\n\n- Monter en qualité des données existantes (nettoyage des données, encodage, "
            "dédoublonnage)\n- Animer la communauté des réutilisateurs\n")
    answer = answer_from(write_posting, body, question)
    assert answer.answered and "dédoublonnage" in answer.text.splitlines()[1]


def test_a_subject_set_before_a_comma_is_no_list(corpus: Engine) -> None:
    """"Les données, elles sont publiées où ?" asks one thing: the real posting's opening line on data ("Etalab
    recherche un.e Data Engineer ... la montée en qualité des données") says not where they are published."""
    answer = corpus.answer("Les données, elles sont publiées où ?", "2019-09-24-etalab-data-engineer")
    assert not answer.answered or "Etalab recherche" not in answer.text


@pytest.mark.parametrize("question", ["la stack est imposée ?", "Is the tech stack imposed or can we choose?"])
def test_the_front_matters_technologies_say_whether_the_stack_is_chosen(write_posting: WritePosting,
                                                                         question: str) -> None:
    """"techno: Choix technologiques ouverts..." answers; "techno: React, Django" says what, not who chooses."""
    write_other_postings(write_posting, 3)
    open_choice = write_posting("2023-05-01-dev.md", "roles: Développeur·se\nstartup: delta\nopen: true\n"
                                "techno: Choix technologiques ouverts parmi les solutions libres du marché",
                                "## Missions\n\n- Développer le service\n")
    answer = engine_of(open_choice).answer(question, "2023-05-01-dev")
    assert answer.answered and "Choix technologiques ouverts" in answer.text
    write_posting("2023-05-01-dev.md", "roles: Développeur·se\nstartup: delta\nopen: true\ntechno: React, Django",
                  "## Missions\n\n- Développer le service\n")
    assert not engine_of(open_choice).answer(question, "2023-05-01-dev").answered


PROBLEM = """## Le problème qu'on veut résoudre

Chaque année, des milliers de friches restent à l'abandon faute d'accompagnement des petites communes.

## La solution qu'on crée

Delta est un service public numérique qui guide les collectivités dans leurs projets.
"""


@pytest.mark.parametrize("question", ["Quel problème résout le service ?", "What problem is Delta trying to solve?",
                                      "c'est quoi le problème que vous résolvez ?"])
def test_the_problem_a_product_solves_is_told_by_what_goes_wrong_today(write_posting: WritePosting,
                                                                       question: str) -> None:
    """"What problem does it solve?" asks what goes wrong without the product, not what the product is."""
    write_other_postings(write_posting, 3)
    answer = answer_from(write_posting, PROBLEM, question)
    assert answer.answered and "friches restent à l'abandon" in answer.text.splitlines()[1]


@pytest.mark.parametrize(("question", "line"), [
    ("who actually uses the platform today?",
     "Actuellement, elle est utilisée principalement par des services médico-sociaux de départements."),
    ("Qui sont les utilisateurs du service ?",
     "Vous serez en contact avec les utilisateurs du service, à savoir les conseillers du service public."),
    ("Who uses these tools?", "Tchap a pour objectif de permettre à tous les agents publics de communiquer."),
])
def test_users_named_after_used_mainly_by_or_a_savoir_are_who_uses_it(write_posting: WritePosting, question: str,
                                                                        line: str) -> None:
    """"utilisée principalement par des X", "les utilisateurs, à savoir les X", "permettre à tous les X" say who the
    users are."""
    write_other_postings(write_posting, 3)
    answer = answer_from(write_posting, f"## Le produit\n\n{line}\n", question)
    assert answer.answered and answer.intent == "users" and line in answer.text


@pytest.mark.parametrize(("question", "line"), [
    ("reminders?", "Le service envoie des rappels SMS et email avant chaque rendez-vous."),
    ("Are there events?", "Représenter l'équipe sur les salons professionnels et les événements"),
])
def test_an_english_word_finds_the_french_line_that_translates_it(write_posting: WritePosting, question: str,
                                                                  line: str) -> None:
    write_other_postings(write_posting, 3)
    answer = answer_from(write_posting, f"## Le produit\n\n{line}\n\n## Modalités\n\n- Poste basé à Paris\n", question)
    assert answer.answered and line in answer.text


def test_reminders_sent_by_the_product_are_no_application_sent() -> None:
    """"Are reminders sent by text message?" asks what the product does, not where to send an application."""
    assert "apply" not in intents_of("Are appointment reminders sent by text message?")
    assert intents_of("Where should my application be sent?")[0] == "apply"


@pytest.mark.parametrize("question", ["Démarrage prévu quand ?", "When does it start?"])
def test_a_start_announced_before_the_posting_was_published_is_still_its_start(write_posting: WritePosting,
                                                                               question: str) -> None:
    """A posting published in February that says "Démarrage janvier 2021" gives its start, however late it came
    out; a month before the posting's is history only when nothing announces it as the start."""
    path = write_posting("2021-02-15-support.md", "roles: Chargé·e de support\nstartup: delta\nopen: true",
                         "## Modalités\n\nPoste ouvert pour un indépendant, 6 mois. Démarrage janvier 2021.\n")
    answer = engine_of(path).answer(question, "2021-02-15-support")
    assert answer.answered and "Démarrage janvier 2021" in answer.text


def test_tjr_is_written_for_toujours() -> None:
    assert intents_of("l'offre est tjr ouverte ?")[0] == "status"


@pytest.mark.parametrize("question", ["Concrètement je serai responsable de quoi ?",
                                      "je serais responsable de quoi exactement ?"])
def test_what_one_is_responsible_for_asks_for_the_tasks(write_posting: WritePosting, question: str) -> None:
    write_other_postings(write_posting, 3)
    answer = answer_from(write_posting, "## Missions\n\n- Implémenter les fonctionnalités du service\n"
                                        "- Animer les ateliers avec les usagers\n", question)
    assert answer.answered and answer.intent == "missions" and "Implémenter les fonctionnalités" in answer.text


def test_any_item_of_a_slashed_pair_is_an_answer(write_posting: WritePosting) -> None:
    """"CI/CD ?" asks about either: the line on continuous integration answers, though it says nothing of CD."""
    write_posting("2021-01-01-autre.md", "roles: Développeur·se\nstartup: autre", "## Le produit\n\nNous livrons en "
                                                                                 "CD chaque semaine.\n")
    write_other_postings(write_posting, 2)
    answer = answer_from(write_posting, "## Stack\n\n- Intégration continue avec CircleCI\n- Hébergement chez "
                                        "Scalingo\n", "CI/CD ?")
    assert answer.answered and "Intégration continue avec CircleCI" in answer.text


def test_the_commas_of_an_aside_make_no_list(corpus: Engine) -> None:
    """"(ANCT, conseillers numériques)" says which posting; its items are not things asked one by one (in the real
    posting, the line naming the ANCT is where to send a CV, no answer to "faudra animer des présentations ?")."""
    answer = corpus.answer("chargé relation utilisateur RDV-Solidarités (ANCT, conseillers numériques) : faudra "
                           "animer des présentations ?", "2022-03-28-chargee-relation-utilisateur-lapins")
    assert not answer.answered or "CV" not in answer.text


@pytest.mark.parametrize("question", ["What office software skills do you expect? Excel?",
                                      "Microsoft Office, c'est demandé ?"])
def test_office_software_is_no_office(question: str) -> None:
    assert "location" not in intents_of(question)


def test_open_to_people_asks_who_may_apply_not_whether_juniors_may() -> None:
    assert "junior" not in intents_of("Is this open to people who aren't civil servants, i.e. contractors?")


@pytest.mark.parametrize(("question", "asks_experience"), [
    ("Where does the data come from?", False),
    ("I come from the private sector, is that OK?", True),
    ("Someone coming from marketing could apply?", True),
])
def test_coming_from_is_a_background_only_when_a_person_comes(question: str, asks_experience: bool) -> None:
    assert ("experience" in intents_of(question)) is asks_experience


@pytest.mark.parametrize(("question", "asks_how_to_apply"), [
    ("l'appli envoie des mails auto aux usagers ?", False),
    ("l'outil permet d'envoyer des SMS ?", False),
    ("j'envoie mon CV où ?", True),
    ("envoyer la candidature à qui ?", True),
])
def test_sending_is_applying_only_when_the_candidate_sends(question: str, asks_how_to_apply: bool) -> None:
    assert ("apply" in intents_of(question)) is asks_how_to_apply


def test_beginners_are_no_beginning() -> None:
    assert "start" not in intents_of("Is this role open to beginners?")


def test_the_ministry_a_direction_belongs_to_is_part_of_what_is_asked(write_posting: WritePosting) -> None:
    """"quelle direction du ministère ?" asks for a direction: the line naming one answers, though it does not
    repeat "ministère"; the line on the ministry's agents does not."""
    write_other_postings(write_posting, 3)
    answer = answer_from(write_posting, "## Le contexte\n\nLa direction générale de l'énergie et du climat a pour "
                                        "mission d'élaborer la politique de l'énergie.\n\n## Le produit\n\nLe "
                                        "produit est testé par des agents du Ministère de la Transition "
                                        "écologique.\n", "c'est porté par quelle direction du ministere ?")
    assert answer.answered and "direction générale de l'énergie" in answer.text


@pytest.mark.parametrize("question", ["je bosse avec qui au quotidien ?", "Who would I work with?"])
def test_the_people_one_works_closely_with_say_who_the_team_is(write_posting: WritePosting, question: str) -> None:
    """"collaborer étroitement avec les développeurs et les product managers" names who one works with; a line
    that only says "avec l'équipe" does not."""
    write_other_postings(write_posting, 3)
    answer = answer_from(write_posting, "## Ta mission\n\nMettre en place un processus d'amélioration continue avec "
                                        "l'équipe, tes objectifs seront :\n\n- D'accélérer la prise en compte des "
                                        "retours\n- De documenter les parcours\n- De tester les maquettes\n"
                                        "- De collaborer étroitement avec les développeurs et les product "
                                        "managers\n", question)
    assert answer.answered and answer.text.index("collaborer étroitement") < 200


@pytest.mark.parametrize(("line", "says_how_much"), [
    ("Démarrage en septembre (à voir en fonction des disponibilités du candidat), rémunéré en freelance.", False),
    ("Rémunération en fonction du profil et de l'expérience.", True),
])
def test_pay_is_set_by_the_profile_not_by_the_candidates_availability(write_posting: WritePosting, line: str,
                                                                      says_how_much: bool) -> None:
    write_other_postings(write_posting, 3)
    answer = answer_from(write_posting, f"## Modalités\n\n{line}\n", "How much does it pay?")
    assert answer.answered is says_how_much


@pytest.mark.parametrize("question", ["c'est payé combien ?", "What's the daily rate?"])
def test_a_year_is_no_amount(write_posting: WritePosting, question: str) -> None:
    """"de septembre à janvier 2020" holds "de" and a number: a length of time, not pay."""
    write_other_postings(write_posting, 3)
    answer = answer_from(write_posting, "## Modalités\n\nMission de septembre à janvier 2020, rémunération à la "
                                        "mission.\n", question)
    assert not answer.answered


def test_the_words_of_the_posting_name_in_another_form_ask_nothing(write_posting: WritePosting) -> None:
    """"une base adresse locale" is the product "Bases Adresses Locales" named in the singular: its "adresse" does
    not ask where the office is."""
    write_other_postings(write_posting, 3)
    path = write_posting("2021-01-26-bal.md", "roles: Business développeur·se\ntitle: 'Bases Adresses Locales "
                                              "recrute'\nstartup: bal\nopen: true",
                         "## Qui sommes-nous ?\n\nUne base adresse locale regroupe toutes les adresses d'une "
                         "commune.\n\n## Modalités\n\nUne présence régulière à Paris est demandée.\n")
    answer = engine_of(path).answer("c'est quoi exactement une base adresse locale ?", "2021-01-26-bal")
    assert answer.answered and "regroupe toutes les adresses" in answer.text


@pytest.mark.parametrize("question", ["L'outil s'adresse à quels utilisateurs ?", "C'est pour qui ce produit ?",
                                      "Who is the product for?"])
def test_a_for_whom_lead_in_in_the_product_description_answers_who_the_users_are(write_posting: WritePosting,
                                                                                 question: str) -> None:
    body = ("## Le produit\n\n- Proposition de valeur : accélérer la transition écologique des collectivités\n"
            "- Pour qui :\n  - Personnes référentes sur la transition écologique dans une collectivité\n"
            "  - Conseillers des collectivités\n")
    answer = answer_from(write_posting, body, question)
    assert answer.answered and "Personnes référentes" in answer.text


@pytest.mark.parametrize("question", ["La communauté, elle s'adresse à qui ?", "Who are the users of the community?"])
def test_the_users_of_a_named_thing_are_its_users(write_posting: WritePosting, question: str) -> None:
    body = ("## Le produit\n\nLes utilisateurs de cette communauté sont des professionnels de l'inclusion :\n\n"
            "- les prescripteurs (Pôle emploi, Missions locales)\n- les employeurs\n")
    answer = answer_from(write_posting, body, question)
    assert answer.answered and "professionnels de l'inclusion" in answer.text


@pytest.mark.parametrize("question", ["Les utilisateurs de l'outil, c'est qui ?", "Who are the users of the tool?"])
def test_targeting_channels_says_nothing_of_the_users(write_posting: WritePosting, question: str) -> None:
    body = ("## Compétences\n\n- Concevoir des campagnes d'acquisition des utilisateurs et cibler les canaux les "
            "plus impactants\n")
    assert not answer_from(write_posting, body, question).answered


HISTORY_AND_START = ("## Qui sommes-nous ?\n\nAprès une phase d'investigation, la startup est en construction depuis "
                     "janvier 2023. Son lancement est prévu fin 2023.\n\n## Modalités\n\nDébut souhaité : juin 2023\n")


@pytest.mark.parametrize("question", ["Le projet en est où, il a démarré quand ?", "When did the project start?",
                                      "Le lancement de l'outil est prévu pour quand ?",
                                      "When is the product launching?"])
def test_when_the_product_started_or_launches_is_not_when_the_job_starts(write_posting: WritePosting,
                                                                         question: str) -> None:
    answer = answer_from(write_posting, HISTORY_AND_START, question)
    assert answer.answered and "janvier 2023" in answer.text and "Début souhaité" not in answer.text


@pytest.mark.parametrize("question", ["Quand est-ce que je commence ?", "When would I start?"])
def test_when_the_job_starts_is_still_the_start_date(write_posting: WritePosting, question: str) -> None:
    answer = answer_from(write_posting, HISTORY_AND_START, question)
    assert answer.answered and "juin 2023" in answer.text


USERS_AND_TEAM = ("## Le produit\n\nLe service a connu une forte croissance, avec 30 400 candidats et plus de 4 000 "
                  "structures inscrits sur la plateforme.\n\n## L'équipe\n\nNous sommes 8 personnes dans l'équipe.\n")


@pytest.mark.parametrize("question", ["How many people have signed up on the platform?",
                                      "Combien d'inscrits sur la plateforme ?",
                                      "Y a combien de membres inscrits sur la plateforme ?"])
def test_how_many_signed_up_counts_the_users_not_the_team(write_posting: WritePosting, question: str) -> None:
    answer = answer_from(write_posting, USERS_AND_TEAM, question)
    assert answer.answered and "30 400" in answer.text


@pytest.mark.parametrize("question", ["How many people are on the team?", "Combien de personnes dans l'équipe ?",
                                      "Combien de membres dans l'équipe ?"])
def test_how_many_people_in_the_team_is_still_its_size(write_posting: WritePosting, question: str) -> None:
    answer = answer_from(write_posting, USERS_AND_TEAM, question)
    assert answer.answered and "8 personnes" in answer.text


SOCIAL_MEDIA = "## Attentes\n\n- Faire une veille sur les social media\n- Créer des supports print : flyers, kakémono\n"


@pytest.mark.parametrize("question", ["Est-ce que je vais devoir faire de la veille sur les réseaux sociaux ?",
                                      "Il y a de la veille réseaux sociaux ?"])
def test_a_phrase_is_named_by_its_synonym_in_other_words(write_posting: WritePosting, question: str) -> None:
    answer = answer_from(write_posting, SOCIAL_MEDIA, question)
    assert answer.answered and "social media" in answer.text


def test_one_word_of_a_phrase_is_not_named_by_the_phrases_synonym(write_posting: WritePosting) -> None:
    assert not answer_from(write_posting, SOCIAL_MEDIA, "Faut-il animer des réseaux de partenaires ?").answered


def test_the_kind_of_thing_asked_is_no_subject_of_its_own(write_posting: WritePosting) -> None:
    answer = answer_from(write_posting, SOCIAL_MEDIA, "Quels types de supports je vais créer, il y a du print aussi ?")
    assert answer.answered and "supports print" in answer.text


RESPONSE_TIME = ("## Modalités\n\nMission jusqu'à fin novembre 2023.\n\n## Le processus de recrutement\n\n"
                 "Nous nous engageons à te répondre sous quelques jours en te proposant éventuellement un entretien.\n")


@pytest.mark.parametrize("question", ["Vous répondez en combien de temps en général après une candidature ?",
                                      "Vous répondez sous combien de temps ?",
                                      "How long until I hear back after applying?"])
def test_how_soon_they_answer_an_application_is_the_hiring_process_not_the_missions_length(
        write_posting: WritePosting, question: str) -> None:
    answer = answer_from(write_posting, RESPONSE_TIME, question)
    assert answer.answered and "sous quelques jours" in answer.text


@pytest.mark.parametrize("question", ["Le projet existe depuis quand ?", "How long has the product existed?"])
def test_the_line_saying_when_the_product_began_answers_since_when(write_posting: WritePosting, question: str) -> None:
    body = ("## Qui sommes-nous ?\n\nLes développements réalisés depuis 2018 ont associé un cercle large "
            "d'utilisateurs.\n\nDelta a démarré en 2018 grâce au soutien d'Etalab.\n")
    answer = answer_from(write_posting, body, question)
    assert answer.answered and answer.text.split("\n")[1].startswith("Delta a démarré en 2018")


def test_a_technical_referent_in_the_team_is_not_whom_to_write_to() -> None:
    assert "contact" not in intents_of("Y a-t-il un référent technique dans l'équipe ?")
    assert intents_of("Qui est le référent pour ce poste ?")[0] == "contact"


def test_a_list_under_a_subheading_of_the_intents_heading_yields_to_a_line_naming_what_is_asked(
        write_posting: WritePosting) -> None:
    body = ("## Détails techniques\n\nLe site est en ligne.\n\n### Ce que tu peux lire pour te préparer\n\n"
            "- Le site -> https://example.org\n- Le github si tu comprends la technique -> https://github.com/x/y\n\n"
            "## Comment nous travaillons\n\nLes outils que nous utilisons sont Mattermost, Trello, Mailchimp, GitHub, "
            "Miro.\n")
    answer = answer_from(write_posting, body, "Quels outils vous utilisez au quotidien ?")
    assert answer.answered and "Mattermost" in answer.text


@pytest.mark.parametrize(("question", "fact"), [
    ("Combien d'agriculteurs utilisent déjà le site ?", "plus de 100 agriculteurs"),
    ("combien de dossiers ont deja ete crees sur la plateforme ?", "plus de 350 000 dossiers"),
    ("How many farmers already use the site?", "plus de 100 agriculteurs")])
def test_a_number_of_the_thing_counted_answers_how_many_use_it(write_posting: WritePosting, question: str,
                                                               fact: str) -> None:
    body = ("## Qui sommes-nous ?\n\nAujourd'hui plus de 100 agriculteurs ont publié près de 200 retours "
            "d'expérience sur le site.\n\n## Le produit\n\nLa plateforme compte plus de 350 000 dossiers créés.\n\n"
            "## L'équipe\n\nNous sommes 5 dans l'équipe.\n")
    answer = answer_from(write_posting, body, question)
    assert answer.answered and fact in answer.text


BENEFITS = ("## Avantages\n\n- Mutuelle prise en charge à 50 %\n- Forfait mobilités durables\n"
            "- Parents : une crèche peut accueillir les enfants jusqu'à 3 ans.\n")


@pytest.mark.parametrize("question", ["Y a des tickets resto ?", "Y a-t-il une prime ou un 13e mois ?",
                                      "Are lunch vouchers covered?"])
def test_a_benefit_the_posting_does_not_name_is_not_answered_by_the_others(write_posting: WritePosting,
                                                                            question: str) -> None:
    assert not answer_from(write_posting, BENEFITS, question).answered


@pytest.mark.parametrize(("question", "fact"), [("Quels avantages ?", "Mutuelle"),
                                                ("What perks do you offer?", "Mutuelle"),
                                                ("Y a une mutuelle ?", "Mutuelle"),
                                                ("Y a des avantages sur place, cantine, crèche etc ?", "crèche")])
def test_the_benefits_asked_as_a_whole_or_by_name_are_answered(write_posting: WritePosting, question: str,
                                                               fact: str) -> None:
    answer = answer_from(write_posting, BENEFITS, question)
    assert answer.answered and fact in answer.text


@pytest.mark.parametrize("question", ["Quel profil vous recherchez pour ce poste de coach ?",
                                      "What profile are you looking for in the job as coach?"])
def test_the_role_named_after_the_job_noun_names_the_posting_and_asks_nothing(write_posting: WritePosting,
                                                                              question: str) -> None:
    body = ("## Votre profil nous intéresse si :\n\n- Si vous êtes autonome et organisé\n\n## L'équipe\n\n"
            "L'équipe compte un coach, une designer et deux développeurs.\n")
    engine = engine_of(write_posting("2021-12-09-coach.md", "roles: Coach Mesure d'Impact\nstartup: delta", body))
    answer = engine.answer(question, "2021-12-09-coach")
    assert answer.answered and "autonome" in answer.text


MODALITIES = "## Les modalités\n\n- Poste ouvert sur une durée de 6 mois\n- Temps de travail : environ 2 jours\n"


@pytest.mark.parametrize(("question", "line"), [("c'est combien de temps de travail ?", "environ 2 jours"),
                                                ("La mission dure combien de temps ?", "durée de 6 mois")])
def test_how_much_working_time_is_not_how_long_the_mission_lasts(write_posting: WritePosting, question: str,
                                                                 line: str) -> None:
    answer = answer_from(write_posting, MODALITIES, question)
    assert answer.answered and line in answer.text


def test_the_word_comme_is_no_form_of_communication(write_posting: WritePosting) -> None:
    body = "## Qui sommes-nous ?\n\nLa DINUM sert les citoyens comme les agents de l'État.\n"
    assert not answer_from(write_posting, body, "Will the job involve any communication work?").answered


@pytest.mark.parametrize("question", ["Le dispositif s'adresse à quel public ?",
                                      "L'outil est destiné à quels usagers ?"])
def test_whom_a_service_is_meant_for_asks_its_users_not_an_address(question: str) -> None:
    assert intents_of(question)[0] == "users"


@pytest.mark.parametrize("question", ["L'équipe est rattachée à quel département de la DINUM ?",
                                      "Which department of the DINUM is the team part of?"])
def test_an_acronym_of_the_subject_is_named_by_the_line_that_writes_it_out(write_posting: WritePosting,
                                                                          question: str) -> None:
    body = ("## Cadre de travail\n\nIntégrer l'équipe, constituée d'une dizaine de personnes évoluant au sein du "
            "département Etalab de la Direction interministérielle du numérique.\n")
    answer = answer_from(write_posting, body, question)
    assert answer.answered and "département Etalab" in answer.text


@pytest.mark.parametrize(("question", "asks"), [
    ("The Delta job about public APIs - what professional background are they looking for?", "experience"),
    ("What format would the coaching take - workshops or one-to-one follow-up?", "")])
def test_a_dash_after_a_naming_prefix_ends_it_but_not_after_a_question(question: str, asks: str) -> None:
    query = Engine.load(Path(__file__).parent.parent / "knowledge").matcher.analyse(question)
    if asks:  # what stands before the dash names the posting: its words ask nothing
        assert query.intents[0].name == asks and {"public", "apis"} <= query.naming_words
    else:  # the dash follows the question: what comes after it details what is asked
        assert "workshops" not in query.naming_words


@pytest.mark.parametrize("question", ["C'est quel ministère ?", "Which government body is it attached to?",
                                      "Which public body is hiring?", "Quel organisme recrute ?",
                                      "Qui porte le dispositif ?", "Qui pilote ce programme ?"])
def test_a_ministry_or_a_public_body_asks_for_the_organisation(question: str) -> None:
    assert intents_of(question)[:1] == ["org"], intents_of(question)


@pytest.mark.parametrize("question", ["Quelles seraient mes missions principales ?",
                                      "Mes missions principales ce seraient quoi ?"])
def test_a_verb_in_the_conditional_names_no_subject_of_the_missions(write_posting: WritePosting,
                                                                    question: str) -> None:
    answer = answer_from(write_posting, "## Contexte\n\nLes données seraient publiées en open data.\n\n## Missions\n\n"
                                        "Voici les principales missions dont tu seras responsable :\n\n"
                                        "- Définir la stratégie de déploiement\n- Animer les partenariats\n", question)
    assert answer.answered and "Définir la stratégie de déploiement" in answer.text, (answer.reason, answer.text)


@pytest.mark.parametrize("question", ["Quelles qualités perso vous attendez ?", "What personal qualities do you want?"])
def test_personal_qualities_are_asked_of_the_profile(write_posting: WritePosting, question: str) -> None:
    answer = answer_from(write_posting, "## Profil recherché\n\nVous êtes doté(e) :\n\n- d'une aisance orale et "
                                        "relationnelle\n- de solides qualités rédactionnelles\n", question)
    assert answer.answered and "aisance orale" in answer.text, (answer.reason, answer.text)


@pytest.mark.parametrize("question", ["Where are the offices?", "Where are your offices if I need to come in?"])
def test_where_the_offices_are_is_answered_by_the_cities_when_no_street_is_given(write_posting: WritePosting,
                                                                                question: str) -> None:
    answer = answer_from(write_posting, "## Rejoindre l'équipe\n\n- Le droit de télétravailler 2 jours par semaine "
                                        "et 3 jours dans nos bureaux de Lyon, Paris ou Rennes.\n", question)
    assert answer.answered and "bureaux de Lyon, Paris ou Rennes" in answer.text, (answer.reason, answer.text)


@pytest.mark.parametrize("question", ["Avec qui je vais bosser au quotidien ?", "Who would I work with day to day?"])
def test_working_closely_with_a_pair_or_a_unit_says_whom_one_works_with(write_posting: WritePosting,
                                                                        question: str) -> None:
    answer = answer_from(write_posting, "## Qui sommes-nous ?\n\nVous contribuerez au déploiement des services de "
                                        "l'incubateur. Pour cela, vous travaillerez en lien étroit avec le binôme "
                                        "responsable du pôle déploiement.\n\n## Modalités\n\n- Environnement : vous "
                                        "rejoindrez la communauté beta.gouv et ses équipes.\n", question)
    assert answer.answered and "binôme responsable du pôle déploiement" in answer.text.splitlines()[1], answer.text


@pytest.mark.parametrize("question", ["Quelles qualités vous recherchez ?", "What qualities are you looking for?"])
def test_the_candidate_s_assets_are_the_qualities_sought(write_posting: WritePosting, question: str) -> None:
    answer = answer_from(write_posting, "## Mission\n\n* Analyser les profils des cantines\n* Recruter des "
                                        "cantines\n\n## Les atouts de la personne candidate :\n\n* Bienveillance et "
                                        "esprit d'équipe\n* Aisance rédactionnelle\n", question)
    assert answer.answered and "Aisance rédactionnelle" in answer.text and "cantines" not in answer.text, answer.text


@pytest.mark.parametrize("question", ["qui est le PO sur le projet ?", "Who is the PO?"])
def test_a_team_member_written_with_the_surname_in_capitals_is_named(write_posting: WritePosting,
                                                                      question: str) -> None:
    answer = answer_from(write_posting, "## À propos de nous\n\nL'équipe est composée de 4 personnes.\n\n"
                                        "- Intrapreneur.se.s : Paul VAUTRIN et Zoé IMBERT\n- PO : Valérie PIVAN\n"
                                        "- Coach : Jennifer STEPHAN\n", question)
    assert answer.answered and "PO : Valérie PIVAN" in answer.text.splitlines()[1], (answer.reason, answer.text)


@pytest.mark.parametrize("line", ["Direction DINUM", "- Support API : assurer le suivi", "Maîtrise SQL"])
def test_a_body_or_a_thing_and_its_acronym_is_no_person(line: str) -> None:
    assert not names_someone(line)


def test_a_first_name_and_a_surname_in_capitals_is_a_person() -> None:
    assert names_someone("PO : Valérie PIVAN") and names_someone("Intrapreneurs : Paul VAUTRIN et Zoé IMBERT")


@pytest.mark.parametrize("question", ["Has the site already launched?", "le site est déjà en ligne ?"])
def test_whether_the_product_is_out_is_its_history(write_posting: WritePosting, question: str) -> None:
    answer = answer_from(write_posting, "## Missions\n\nLe Code du travail numérique est sorti officiellement le 1er "
                                        "janvier 2020. Nous recherchons un·e chargé·e de déploiement.\n", question)
    assert answer.answered and "sorti officiellement le 1er janvier 2020" in answer.text, (answer.reason, answer.text)


@pytest.mark.parametrize("question", ["Is the posting live?", "l'offre est en ligne ?",
                                      "is the site live nationwide yet?"])
def test_whether_the_posting_is_online_or_the_site_live_somewhere_is_no_history(question: str) -> None:
    assert "history" not in intents_of(question)


@pytest.mark.parametrize(("question", "line"), [
    ("y a du SEO dans le poste ?", "référencement naturel"),
    ("Is there any SEO work?", "référencement naturel"),
    ("Il faut des compétences en géo / SIG ?", "standards géographiques"),
    ("Do I need GIS skills?", "standards géographiques"),
])
def test_seo_and_gis_are_named_in_the_posting_s_words(write_posting: WritePosting, question: str, line: str) -> None:
    answer = answer_from(write_posting, "## Mission\n\n- Initier notre démarche de growth hacking et de référencement "
                                        "naturel\n\n## Profil recherché\n\n- Vous avez des notions en standards "
                                        "géographiques (RG 95)\n", question)
    assert answer.answered and line in answer.text, (answer.reason, answer.text)


@pytest.mark.parametrize("question", ["c'est quoi les bonnes pratiques de l'équipe ?",
                                      "What are the team's engineering practices?"])
def test_the_practices_as_a_whole_are_the_list_under_their_heading(write_posting: WritePosting, question: str) -> None:
    answer = answer_from(write_posting, "## Rôle et mission\n\n- Mettre en œuvre les bonnes pratiques liées à la "
                                        "sécurité des applications Web\n\n## Nos bonnes pratiques\n\n- Code open "
                                        "source\n- Itérations courtes\n- Tests intégrés\n", question)
    assert answer.answered and answer.text.splitlines()[1:] == ["Code open source", "Itérations courtes",
                                                                 "Tests intégrés"], (answer.reason, answer.text)


@pytest.mark.parametrize("question", ["Concrètement, je ferais quoi pour Kelrisks ?", "What would I do for Kelrisks?"])
def test_a_product_of_the_posting_s_name_picks_the_part_it_heads(write_posting: WritePosting, question: str) -> None:
    write_other_postings(write_posting, 60)  # a product's name is rare among many postings
    path = write_posting("2019-05-07-data-scientist.md", "title: Trackdéchets et Kelrisks recrutent un data scientist\n"
                         "open: true", "## Les missions data pour Trackdéchets\n\n- Consolider une base de données "
                         "des installations\n\n## Les missions data pour Kelrisks\n\n- Lisser les adresses "
                         "défectueuses dans un format commun\n")
    answer = engine_of(path).answer(question, "2019-05-07-data-scientist")
    assert answer.answered and "Lisser les adresses" in answer.text.splitlines()[1], (answer.reason, answer.text)


@pytest.mark.parametrize("question", ["Quelle stack technique ?", "What's the tech stack?"])
def test_a_list_of_tools_named_one_an_item_is_the_stack(write_posting: WritePosting, question: str) -> None:
    answer = answer_from(write_posting, "## Tes expertises\n\n#### Exigées\n\n* NodeJs avec express\n* PostgreSQL\n"
                                        "* Git\n* Lecture de fichiers csv\n", question)
    assert answer.answered and "PostgreSQL" in answer.text, (answer.reason, answer.text)


@pytest.mark.parametrize("question", ["What's the backend stack?", "Quelle stack technique côté backend ?"])
def test_the_side_of_the_stack_asked_is_no_subject_a_line_must_name(write_posting: WritePosting, question: str) -> None:
    answer = answer_from(write_posting, "## Profil recherché\n\n- Vous êtes confirmé‧e en développement back-end\n"
                                        "- Vous avez une bonne expérience en JAVA, Spring, PostgreSQL\n", question)
    assert answer.answered and "JAVA, Spring, PostgreSQL" in answer.text, (answer.reason, answer.text)


@pytest.mark.parametrize("question", ["Qui est la responsable produit ?", "Qui est la responsable du produit ?"])
def test_who_holds_a_role_named_by_two_words_asks_for_a_team_member(write_posting: WritePosting,
                                                                   question: str) -> None:
    answer = answer_from(write_posting, "## Le produit\n\nUn tableau de bord pour les CFA.\n\n## Équipe\n\n"
                                        "L’équipe est composée de Violaine Asselin, responsable du produit et "
                                        "cheffe de projet, de Samir Benfares et Stéphane Ruhlmann, développeurs.\n",
                         question)
    assert answer.answered and answer.intent == "team" and "Violaine Asselin" in answer.text, (answer.reason,
                                                                                              answer.text)


@pytest.mark.parametrize("question", ["How long does the contract run, until when exactly?",
                                      "until when is the mission?", "Le contrat dure jusqu'à quand ?"])
def test_until_when_the_contract_runs_asks_for_its_end_not_a_deadline(question: str) -> None:
    assert intents_of(question)[0] == "end"


@pytest.mark.parametrize(("question", "intent"), [("Who would I be working with on a daily basis?", "team"),
                                                  ("y a un daily ?", "rituals"),
                                                  ("Is there a daily standup?", "rituals")])
def test_on_a_daily_basis_is_every_day_not_the_daily_meeting(question: str, intent: str) -> None:
    assert intents_of(question)[0] == intent


def test_roles_side_by_side_say_who_one_works_with(write_posting: WritePosting) -> None:
    answer = answer_from(write_posting, "## Ce que nous vous proposons\n\nL'équipe du service travaille à collecter "
                                        "les données des organismes.\n\n### Le travail s'organisera au quotidien "
                                        "avec :\n\n- L'équipe produit (PM, PO, Développeurs et Design)\n",
                         "Who would I be working with on a daily basis?")
    assert answer.answered and "(PM, PO, Développeurs et Design)" in answer.text.splitlines()[1]


@pytest.mark.parametrize(("question", "intent"), [("j'aurai des gens sous ma responsabilité ?", "managing"),
                                                  ("Will anyone report to me?", "managing"),
                                                  ("Who will I report to?", "manager")])
def test_people_under_the_candidate_are_managing_not_the_candidates_manager(question: str, intent: str) -> None:
    assert intents_of(question)[0] == intent


def test_experience_in_management_asked_of_the_candidate_is_no_team_to_manage(write_posting: WritePosting) -> None:
    answer = answer_from(write_posting, "## Expérience & compétences recherchées\n\n- Expérience en management ou "
                                        "pilotage fonctionnel d'une petite équipe\n",
                         "j'aurai des gens sous ma responsabilité ?")
    assert not answer.answered


@pytest.mark.parametrize(("question", "is_location"), [("Where will the training content on the platform come from?",
                                                        False),
                                                       ("Where will I work?", True), ("where are the offices?", True)])
def test_where_something_comes_from_is_no_place_of_work(question: str, is_location: bool) -> None:
    assert ("location" in intents_of(question)) is is_location


@pytest.mark.parametrize("question", ["je suis pas européen, vous pouvez m'aider pour le visa ?",
                                      "Do you sponsor work permits?"])
def test_a_product_handling_work_permits_says_nothing_of_the_candidates(write_posting: WritePosting,
                                                                          question: str) -> None:
    answer = answer_from(write_posting, "WorkinFrance cherche un dèv·e pour faciliter les demandes d'autorisation de "
                                        "travail pour les étrangers en France.\n", question)
    assert not answer.answered


@pytest.mark.parametrize("question", ["What would I actually be doing day to day as a dev there?",
                                      "c'est quoi les missions du poste ?"])
def test_the_jobs_missions_come_before_the_organisations(write_posting: WritePosting, question: str) -> None:
    answer = answer_from(write_posting, "### Les missions de la Brigade\n\n- Proposer des solutions en situation de "
                                        "crise\n- Renforcer l'impact de politiques prioritaires\n\n## Vos missions\n\n"
                                        "- Organiser et assurer le développement de produits numériques ;\n"
                                        "- Livrer en continu un produit aux utilisateurs ;\n", question)
    assert answer.answered and answer.section == "Vos missions"


@pytest.mark.parametrize(("body", "question", "line"), [
    ("## Compétences\n\n- Une formation en développement web de niveau BAC + 4 minimum.\n",
     "Do I need a degree for this?", "BAC + 4 minimum"),
    ("## Conditions d'exercice\n\n- Une habilitation Confidentiel Défense sera demandée.\n",
     "Is any security clearance required?", "habilitation Confidentiel Défense"),
    ("## Mode de travail\n\n* Taux jour à discuter\n", "what's the day rate?", "Taux jour à discuter"),
    ("## Mode de travail\n\n* Freelance, en portage par une société qui paie mensuellement et à 30 jours\n",
     "How does payment work, who actually pays me and when?", "paie mensuellement"),
    ("## Postuler\n\nEnvoyez votre CV à jobs@example.org avec pour objet « Recrutement • Développeur ».\n",
     "Is there a specific email subject line I should use?", "avec pour objet"),
    ("## Vous\n\nPassionné·e par l'opensource, vous rejoignez une communauté internationale.\n",
     "c'est orienté open source ?", "Passionné·e par l'opensource"),
])
def test_ways_of_stating_a_fact_that_answer_its_question(write_posting: WritePosting, body: str, question: str,
                                                         line: str) -> None:
    """A level of study, a clearance (habilitation), a day rate, who pays and when, the email's subject, open source
    ("specific", "orienté" ask nothing of their own)."""
    answer = answer_from(write_posting, body, question)
    assert answer.answered and line in answer.text, answer.reason


def test_a_clearance_the_posting_never_mentions_is_not_guessed(write_posting: WritePosting) -> None:
    answer = answer_from(write_posting, "## Modalités\n\nPoste basé à Paris.\n", "Faut-il une habilitation ?")
    assert not answer.answered


@pytest.mark.parametrize(("body", "question", "line"), [
    ("## Qui sommes-nous ?\n\nLe développeur interviendra sur la conception du service, au côté du CTO et d'un "
     "développeur du Réseau Canopé.\n", "Who will I be working alongside day to day?", "au côté du CTO"),
    ("## Modalités\n\nOù ? Chez toi et, au moins un jour par semaine, dans le 19ème arrondissement de Paris.\n\n"
     "A quelle fréquence ? environ 10 jours par mois\n", "Is it full-time?", "environ 10 jours par mois"),
    ("## Ton profil\n\nTu es pédagogue et aimes évoluer dans une petite équipe.\n\n## Tes expertises\n\n"
     "- définition des parcours utilisateurs (wireframes, maquettes graphiques)\n",
     "What skills are they after?", "wireframes, maquettes graphiques"),
])
def test_the_line_that_answers_among_lines_that_look_alike(write_posting: WritePosting, body: str, question: str,
                                                           line: str) -> None:
    """Who one works beside ("au côté du CTO"), how many days one works (not the day spent in the office), the
    skills under "Tes expertises"."""
    answer = answer_from(write_posting, body, question)
    assert answer.answered and line in answer.text.splitlines()[1], answer.text


def test_the_contract_in_the_front_matter_gives_the_length_when_it_holds_one(write_posting: WritePosting) -> None:
    path = write_posting("2021-08-20-pm.md",
                         "title: Responsable de portefeuille\ncontrat: Fonctionnaire A/A+ ou CDD 3 ans\nopen: true",
                         "## L'environnement de travail\n\nLe télétravail est possible jusqu'à 3 jours par semaine.\n")
    answer = engine_of(path).answer("how long is the fixed-term contract if I'm not a civil servant?", "2021-08-20-pm")
    assert answer.answered and "CDD 3 ans" in answer.text


def test_a_contract_in_the_front_matter_without_a_length_says_no_duration(write_posting: WritePosting) -> None:
    path = write_posting("2021-08-20-pm.md", "title: Responsable de portefeuille\ncontrat: CDD\nopen: true",
                         "## Modalités\n\nPoste basé à Paris.\n")
    assert not engine_of(path).answer("how long is the contract?", "2021-08-20-pm").answered


@pytest.mark.parametrize("question", ["faudra bosser sur les questions de licences open data ?",
                                      "Would I work on open data licences?"])
def test_a_mission_naming_every_word_asked_answers_whether_the_job_involves_it(write_posting: WritePosting,
                                                                              question: str) -> None:
    answer = answer_from(write_posting, "Parallèlement, le chargé de déploiement Open Data Transport suivra la "
                                        "formation Alpha.\n\nConcrètement, les missions incluent :\n\n- Accompagner "
                                        "les collectivités\n- Soutenir l'équipe : harmonisation juridique sur les "
                                        "questions de licence Open Data, données vélos\n", question)
    assert answer.answered and "licence Open Data" in answer.text.split("\n", 2)[1], answer.text


@pytest.mark.parametrize("question", ["y a un parking ou un local vélo près des bureaux ?",
                                      "Is there parking at the DINUM office?"])
def test_an_amenity_of_the_office_the_posting_never_names_is_not_answered_by_the_address(
        write_posting: WritePosting, question: str) -> None:
    body = "## Modalités\n\nPossibilité de travailler à la DINUM (20 avenue de Ségur à Paris) ou en télétravail.\n"
    answer = answer_from(write_posting, body, question)
    assert not answer.answered and answer.reason.startswith("not-mentioned"), answer.text


def test_an_amenity_the_posting_names_is_answered(write_posting: WritePosting) -> None:
    body = "## Modalités\n\nNos bureaux, 20 avenue de Ségur à Paris, ont un parking vélo et des douches.\n"
    answer = answer_from(write_posting, body, "y a un local vélo près des bureaux ?")
    assert answer.answered and "parking vélo" in answer.text, answer.reason


@pytest.mark.parametrize("question", ["Is there any budget for travel to the in-person meetups?",
                                      "y a un budget pour les déplacements aux séminaires ?"])
def test_a_budget_for_travel_asks_who_pays_not_how_often_one_meets(write_posting: WritePosting,
                                                                   question: str) -> None:
    body = ("## Modalités\n\nL’équipe travaille principalement à distance. Cependant on essaye de se retrouver en "
            "présentiel une fois par mois.\n")
    assert intents_of(question)[:1] == ["travel_costs"]
    assert not answer_from(write_posting, body, question).answered


def test_a_budget_for_travel_is_answered_by_the_costs_taken_in_charge(write_posting: WritePosting) -> None:
    body = ("## Modalités\n\nOn se retrouve en présentiel une fois par mois. Les frais de déplacement sont pris en "
            "charge.\n")
    answer = answer_from(write_posting, body, "Is there any budget for travel to the in-person meetups?")
    assert answer.answered and "frais de déplacement" in answer.text, answer.reason


@pytest.mark.parametrize("question", ["What problem does Zero Logement Vacant solve?",
                                      "quel problème résout le produit ?"])
def test_the_lines_under_a_heading_naming_the_problem_state_it(write_posting: WritePosting, question: str) -> None:
    """A heading "Le problème" says what its lines are: the figures under it state the problem, a task "résoudre
    les problèmes techniques" of the job does not."""
    body = ("## Zero Logement Vacant, qu’est-ce que c’est ?\n\n**Le problème**\n\n1,1 millions de logements sont "
            "vacants depuis au moins deux ans dans le parc privé.\n\n## Responsabilités\n\n"
            "- Résoudre les problèmes techniques rencontrés par l’équipe ;\n")
    answer = answer_from(write_posting, body, question)
    assert answer.answered and "logements sont vacants" in answer.text, (answer.reason, answer.text)


@pytest.mark.parametrize("question", ["le produit à construire c'est quoi en fait ?", "What does the product do?"])
def test_the_mission_of_the_agency_that_carries_a_product_is_not_the_product(write_posting: WritePosting,
                                                                            question: str) -> None:
    body = ("## Contexte\n\nRejoins-nous pour piloter la construction d'un service numérique capable d'orienter les "
            "collectivités territoriales vers des solutions adaptées.\n\n## Qui sommes-nous ?\n\n"
            "L’Agence nationale de la cohésion des territoires a pour mission de conseiller et de soutenir les "
            "collectivités territoriales dans la mise en œuvre de leurs projets.\n")
    answer = answer_from(write_posting, body, question)
    assert answer.answered and "orienter" in answer.text and "Agence" not in answer.text, answer.text


@pytest.mark.parametrize("question", ["y a une formation quand on arrive ?", "will I be trained when I start?"])
def test_a_team_saying_it_trains_whom_it_hires_answers_onboarding(write_posting: WritePosting, question: str) -> None:
    body = ("## Formation\n\nNous formons celles et ceux qui rejoignent la communauté beta.gouv.fr aux méthodes des "
            "Startups d’État.\n")
    answer = answer_from(write_posting, body, question)
    assert answer.answered and "Nous formons" in answer.text, answer.reason


def test_the_degree_asked_under_a_training_heading_is_no_onboarding(write_posting: WritePosting) -> None:
    answer = answer_from(write_posting, "## Formation\n\nBac+5 en informatique ou expérience équivalente.\n",
                         "y a une formation quand on arrive ?")
    assert not answer.answered, answer.text


@pytest.mark.parametrize(("question", "answered"), [("faut aimer téléphoner ?", True),
                                                    ("faut aimer le vélo ?", False)])
def test_liking_something_asks_about_the_thing(write_posting: WritePosting, question: str, answered: bool) -> None:
    """"aimer" is no word the posting must hold: the thing liked is."""
    write_other_postings(write_posting, 6, "## Compétences\n\n- Tu sais convaincre.\n- Tu aimes le terrain.\n")
    body = "## Compétences\n\n- téléphoner ne te fait absolument pas peur ;\n- tu sais convaincre.\n"
    answer = answer_from(write_posting, body, question)
    assert answer.answered is answered, (answer.reason, answer.text)
    assert answered or "aimer" not in answer.reason


@pytest.mark.parametrize("question", ["pourquoi je rejoindrais ce programme, y a quoi d'intéressant ?",
                                      "why should I join you?", "what's in it for me?"])
def test_why_join_is_answered_by_what_the_team_says_one_gains(write_posting: WritePosting, question: str) -> None:
    body = ("## Missions\n\n- Mener des entretiens avec les agents.\n\n## Pourquoi nous rejoindre ?\n\n"
            "Vous participez à la construction d'un projet à impact positif.\n")
    assert intents_of(question)[:1] == ["why_join"]
    answer = answer_from(write_posting, body, question)
    assert answer.answered and "impact positif" in answer.text, answer.reason


def test_why_join_is_not_answered_by_the_missions(write_posting: WritePosting) -> None:
    answer = answer_from(write_posting, "## Missions\n\n- Mener des entretiens avec les agents.\n",
                         "why should I join you?")
    assert not answer.answered, answer.text


@pytest.mark.parametrize("question", ["pourquoi venir au bureau à Paris ?", "pourquoi le poste est ouvert ?"])
def test_other_whys_are_not_why_join(question: str) -> None:
    assert "why_join" not in intents_of(question)


@pytest.mark.parametrize("question", ["faut combien d'expérience en back ?", "how many years of experience?"])
def test_an_age_is_no_experience(write_posting: WritePosting, question: str) -> None:
    body = ("### L’équipe recherche un développeur ou une développeuse back\n\nDans la photo, les femmes sont "
            "minoritaires dans la profession. Sur la tranche d'âge 25 - 35 ans, une véritable évaporation des femmes "
            "professionnelles est à souligner.\n")
    answer = answer_from(write_posting, body, question)
    assert not answer.answered, answer.text


@pytest.mark.parametrize("question", ["what will the designer actually do?", "what does the coach actually do?"])
def test_what_the_person_hired_does_asks_for_the_missions(write_posting: WritePosting, question: str) -> None:
    """Not what the product does, nor who the team's coach is."""
    body = ("## Le produit\n\nLa solution permet aux collectivités de repérer les logements vacants.\n\n"
            "## L'équipe\n\nUne coach de beta.gouv accompagne l'équipe.\n\n"
            "## La mission\n\n- Tester et améliorer les premières maquettes avec les usagers.\n")
    assert intents_of(question)[:1] == ["missions"]
    answer = answer_from(write_posting, body, question)
    assert answer.answered and "maquettes" in answer.text.split("\n")[1], answer.text


@pytest.mark.parametrize("question", ["what does the product actually do?", "what does Zero Logement Vacant do?"])
def test_what_a_product_does_is_still_the_product(question: str) -> None:
    assert intents_of(question)[:1] == ["product"]


@pytest.mark.parametrize("question", ["how long is the gig?", "la mission dure combien de temps ?"])
def test_a_contract_of_so_many_days_is_its_length(write_posting: WritePosting, question: str) -> None:
    """Not how long the problem has lasted ("vacants depuis au moins deux ans"), nor the days worked a week."""
    body = ("## Le problème\n\n1,1 millions de logements sont vacants depuis au moins deux ans.\n\n## Modalités\n\n"
            "Poste ouvert pour un·e indépendant·e pour un contrat de 30 jours à répartir entre septembre et février "
            "(environ 3 jours par semaine).\n")
    answer = answer_from(write_posting, body, question)
    assert answer.answered and "contrat de 30 jours" in answer.text.split("\n")[1], answer.text


def test_how_long_something_has_lasted_is_no_length_of_the_mission(write_posting: WritePosting) -> None:
    body = "## Le problème\n\n1,1 millions de logements sont vacants depuis au moins deux ans.\n"
    assert not answer_from(write_posting, body, "how long is the gig?").answered


@pytest.mark.parametrize("question", ["y a déjà bcp de candidats sur ce poste ?", "how many applicants so far?"])
def test_how_many_others_applied_is_not_how_to_apply(write_posting: WritePosting, question: str) -> None:
    body = "## Candidater\n\nEnvoyez votre CV à recrutement@beta.gouv.fr.\n"
    assert intents_of(question)[:1] == ["applicants"]
    answer = answer_from(write_posting, body, question)
    assert not answer.answered, answer.text


def test_the_candidates_a_product_serves_are_no_applicants() -> None:
    assert "applicants" not in intents_of("How many VAE candidates are you expecting?")


@pytest.mark.parametrize("question", ["le projet est porté par quelle direction ?", "who is behind the project?"])
def test_the_startups_name_does_not_say_who_carries_it(write_posting: WritePosting, question: str) -> None:
    """The front matter's "startup: delta" names the team, not the administration behind it."""
    answer = answer_from(write_posting, "## Missions\n\n- Concevoir les maquettes.\n", question)
    assert not answer.answered, answer.text


def test_the_administration_carrying_the_startup_answers_who_is_behind_it(write_posting: WritePosting) -> None:
    body = "## L’équipe\n\nL’équipe est composée d’un intrapreneur, chef de projet à la DGALN.\n"
    answer = answer_from(write_posting, body, "le projet est porté par quelle direction ?")
    assert answer.answered and "DGALN" in answer.text, answer.reason


@pytest.mark.parametrize("question", ["c koi le programme national d'investigation ?",
                                      "what is the national investigation programme?"])
def test_a_line_defining_what_its_heading_names_answers_what_it_is(write_posting: WritePosting,
                                                                    question: str) -> None:
    """"Ce programme consiste à..." under "Lancement du Programme national d'investigation" says what the programme
    is; a line naming it in passing ("Dans le cadre du prochain Programme...") does not."""
    body = ("## Contexte : Lancement du Programme national d'investigation\n\nCe programme consiste à aider à "
            "détecter des problématiques rencontrées par les collectivités.\n\n## Missions\n\nDans le cadre du "
            "prochain Programme national d'investigation, l'équipe recherche des coachs pour accompagner les "
            "collectivités.\n")
    answer = answer_from(write_posting, body, question)
    assert answer.answered and answer.text.split("\n")[1].startswith("Ce programme consiste"), answer.text


@pytest.mark.parametrize("question", ["c'est en full remote ou faut passer au bureau ?",
                                      "faut passer au bureau ou c'est full remote ?"])
def test_either_side_of_an_or_is_asked(write_posting: WritePosting, question: str) -> None:
    """Going to the office is not said; whether the job is remote is: that side answers."""
    write_other_postings(write_posting, 4, "## Le produit\n\nLe service aide les usagers à passer leurs démarches.\n")
    body = ("## Détails techniques\n\nTravail à distance — Le travail à distance est la norme. Nous souhaitons "
            "néanmoins que vous puissiez être régulièrement présent·e dans nos bureaux parisiens.\n")
    answer = answer_from(write_posting, body, question)
    assert answer.answered and "à distance est la norme" in answer.text, answer.reason


@pytest.mark.parametrize("question", ["la mission dure combien de temps ?", "how long does the mission last?"])
def test_no_end_date_says_how_long_the_mission_lasts(write_posting: WritePosting, question: str) -> None:
    body = ("## Détails\n\n- Date de début — Le plus tôt possible.\n"
            "- Durée de la mission — Pas de date de fin de prévue :)\n")
    answer = answer_from(write_posting, body, question)
    assert answer.answered and "Pas de date de fin" in answer.text, answer.reason


def test_a_verb_of_working_in_the_conditional_asks_nothing_of_its_own(write_posting: WritePosting) -> None:
    """"bosserais" is "bosser": who one works with is asked, not a word the posting must hold."""
    body = "## Contexte\n\nTu travailleras avec un·e designer et un·e développeur·euse.\n"
    answer = answer_from(write_posting, body, "je bosserais avec qui au quotidien ?")
    assert answer.answered and "designer" in answer.text, answer.reason


@pytest.mark.parametrize("question", ["après avoir envoyé mon msg il se passe quoi ?",
                                      "une fois mon mail envoyé, il se passe quoi ?"])
def test_what_follows_sending_ones_message_is_the_hiring_process(write_posting: WritePosting, question: str) -> None:
    body = ("## Ta candidature\n\nPour postuler, envoie-nous un petit message à dora@beta.gouv.fr.\n\n"
            "On te recontactera rapidement par mail pour convenir d’un rdv avec l’équipe !\n")
    answer = answer_from(write_posting, body, question)
    assert answer.answered and "recontactera" in answer.text, answer.reason


@pytest.mark.parametrize("question", ["c'est quoi A-JUST ?", "What is A-JUST?"])
def test_a_stopword_written_in_capitals_is_a_name(write_posting: WritePosting, question: str) -> None:
    """"JUST" of "A-JUST" is the product's name, not the English "just"."""
    write_other_postings(write_posting, 4)
    body = ("## L'équipe\n\nL'équipe compte une designer et deux développeurs.\n\n## Le projet\n\n"
            "A-JUST vise à offrir aux justiciables des délais plus courts.\n")
    answer = answer_from(write_posting, body, question)
    assert answer.answered and "A-JUST vise" in answer.text, answer.reason


def test_a_question_all_in_capitals_keeps_its_stopwords_aside(write_posting: WritePosting) -> None:
    answer = answer_from(write_posting, "## Modalités\n\nTélétravail possible 2 jours par semaine.\n",
                         "IS IT REMOTE?")
    assert answer.answered and "Télétravail" in answer.text, answer.reason


@pytest.mark.parametrize(("question", "answered"), [("y a une clause de confidentialité ?", True),
                                                    ("y a une clause de non-concurrence ?", False)])
def test_a_clause_asks_about_what_it_binds_to(write_posting: WritePosting, question: str, answered: bool) -> None:
    """"clause" is no word the posting must hold (nor a slip for "cause"): what the clause is about is."""
    write_other_postings(write_posting, 4)
    body = "## Modalités\n\nContrat de freelance, engagement de confidentialité.\n"
    answer = answer_from(write_posting, body, question)
    assert answer.answered is answered, (answer.reason, answer.text)


@pytest.mark.parametrize("question", ["What are you building?", "vous construisez quoi ?",
                                      "qu'est-ce que vous développez ?"])
def test_what_the_team_builds_is_the_product(question: str) -> None:
    assert intents_of(question)[:1] == ["product"]


def test_what_you_are_building_is_answered_by_the_product(write_posting: WritePosting) -> None:
    body = ("## Objectif du service\n\nNotre hypothèse de solution ? L’équipe cherche à réaliser une plateforme "
            "collaborative à destination des femmes photographes.\n")
    answer = answer_from(write_posting, body, "What are you building?")
    assert answer.answered and "plateforme collaborative" in answer.text, answer.reason


@pytest.mark.parametrize("question", ["faut mettre quoi dans la candidature ? lettre de motiv, github ?",
                                      "what should i put in my application? cv, github?"])
def test_a_code_host_listed_among_what_to_send_asks_what_to_send(write_posting: WritePosting, question: str) -> None:
    """GitHub named beside a cover letter or a CV is something to send, not the team's code repository."""
    assert intents_of(question)[:1] == ["documents"]
    body = ("## Le produit\n\ndata.gouv.fr est basé sur le logiciel libre udata (https://github.com/opendatateam/udata)."
            "\n\n## Comment envoyer une candidature\n\nEnvoyez-nous votre candidature à candidatures@data.gouv.fr. "
            "Ajoutez un lien vers votre compte Linkedin, GitHub, ou Twitter, si vous en possédez.\n")
    answer = answer_from(write_posting, body, question)
    assert answer.answered and "compte Linkedin" in answer.text, answer.text


@pytest.mark.parametrize(("question", "answered"), [("on passe bcp de temps au tel ?", True),
                                                    ("un outil tel que Figma ?", False)])
def test_tel_after_au_is_the_phone(write_posting: WritePosting, question: str, answered: bool) -> None:
    """Read as "tel" (a rare word of the collection: "un outil tel que Sketch"), the posting would not mention it."""
    write_other_postings(write_posting, 24)
    write_posting("2021-02-01-design.md", "roles: Designer\nstartup: autre", "## Outils\n\nUn outil tel que Sketch.\n")
    body = "## La mission\n\nVous passerez beaucoup de temps au téléphone et répondrez à de nombreux mails.\n"
    answer = answer_from(write_posting, body, question)
    assert answer.answered is answered, (answer.reason, answer.text)


@pytest.mark.parametrize("question", ["la mission dure combien de temps ? 6 mois ?", "how long is the mission?"])
def test_how_long_the_state_funds_a_programme_is_no_length_of_the_mission(write_posting: WritePosting,
                                                                          question: str) -> None:
    body = ("## L’environnement du poste\n\nSur une durée de 2 ans, l’État finance la formation et le déploiement de "
            "4 000 conseillers numériques.\n")
    answer = answer_from(write_posting, body, question)
    assert not answer.answered, answer.text


@pytest.mark.parametrize(("question", "first"), [("what's the backend stack?", "NodeJS"),
                                                 ("quelles technos côté front ?", "HTML & CSS / SCSS")])
def test_the_side_of_the_stack_asked_is_answered_by_its_heading(write_posting: WritePosting, question: str,
                                                                first: str) -> None:
    body = ("## Notre stack et nos outils\n\n### Front\n\n- HTML & CSS / SCSS\n- Javascript sous React\n\n"
            "### Back\n\n- NodeJS\n- Framework Feathers\n- BDD : MongoDB\n")
    answer = answer_from(write_posting, body, question)
    assert answer.answered and answer.text.split("\n")[1] == first, answer.text


@pytest.mark.parametrize(("question", "hiring"), [("what are the steps of an investigation?", False),
                                                  ("combien d'étapes dans une investigation ?", False),
                                                  ("what are the steps of the recruitment process?", True),
                                                  ("combien d'étapes pour le recrutement ?", True),
                                                  ("combien d'étapes ?", True)])
def test_the_steps_of_something_else_than_hiring_are_no_hiring_process(question: str, hiring: bool) -> None:
    assert ("interview" in intents_of(question)[:1]) is hiring


def test_a_runner_up_leading_into_a_list_comes_with_its_first_items(write_posting: WritePosting) -> None:
    write_other_postings(write_posting, 4)
    body = ("## Missions\n\nDans le cadre du prochain Programme national d'investigation, l'incubateur recherche des "
            "coachs pour accompagner les collectivités dans cette phase d'identification.\n\n"
            "Durant 9 à 12 semaines, vous accompagnez une équipe d'agents sur chacune des phases de l'investigation :"
            "\n\n- Évaluer la réalité et l’ampleur du problème soulevé ;\n- Tester le prototype.\n")
    answer = answer_from(write_posting, body, "what are the phases of the investigation?")
    assert answer.answered and "Évaluer la réalité" in answer.text, answer.text


@pytest.mark.parametrize("question", ["la mission se termine quand ?", "when does the mission end?"])
def test_no_end_date_says_when_the_mission_ends(write_posting: WritePosting, question: str) -> None:
    body = ("## Détails\n\n- Date de début — Le plus tôt possible.\n"
            "- Durée de la mission — Pas de date de fin de prévue :)\n")
    answer = answer_from(write_posting, body, question)
    assert answer.answered and "Pas de date de fin" in answer.text, answer.reason


@pytest.mark.parametrize("question", ["je connais pas trop python, c'est bloquant ?",
                                      "I don't know Python well, is that a problem?"])
def test_a_skill_welcome_but_not_required_answers_whether_lacking_it_blocks(write_posting: WritePosting,
                                                                           question: str) -> None:
    body = ("## Votre profil\n\nNous recherchons une personne :\n\n- à l’aise avec JavaScript et Python (ou à minima "
            "pour Python, une appétence à s'y mettre) ;\n- qui connaît VueJS.\n")
    answer = answer_from(write_posting, body, question)
    assert answer.answered and "appétence" in answer.text, answer.reason


@pytest.mark.parametrize("question", ["c'est à Paris ?", "c'est à la Défense ?", "is it in Paris?"])
def test_a_city_asked_of_the_job_asks_where_it_is(question: str) -> None:
    """"à la Défense": a place after a preposition and its article, not the posting's name."""
    assert intents_of(question)[:1] == ["location"]


def test_a_place_asked_is_answered_by_the_line_naming_it(write_posting: WritePosting) -> None:
    write_other_postings(write_posting, 4)
    body = ("## Modalités\n\nTélétravail partiel bienvenu, avec une présence régulière à Paris (La Défense).\n\n"
            "## Profil\n\nVous aimez le travail en équipe.\n")
    answer = answer_from(write_posting, body, "c'est à Paris ?")
    assert answer.answered and "La Défense" in answer.text, answer.reason


def test_a_month_whose_name_ends_like_an_acronym_names_no_organisation(write_posting: WritePosting) -> None:
    """"mars" is a month, not the ARS: a line dated in March says nothing of who hires."""
    body = ("## Contexte\n\n75% des usagers jugent le service trop lent (enquête de mars 2014).\n\n"
            "## Profil\n\nVous aimez le travail en équipe.\n")
    answer = answer_from(write_posting, body, "c'est pour quel organisme ce poste ?")
    assert not answer.answered, answer.text


def test_a_product_that_reimburses_says_nothing_of_travel_costs(write_posting: WritePosting) -> None:
    body = ("## Contexte\n\nIl existe 100 000 solutions en santé mais une seule est remboursée par la Sécurité "
            "Sociale.\n\n## Profil\n\nVous aimez le travail en équipe.\n")
    answer = answer_from(write_posting, body, "les frais de déplacement sont remboursés ?")
    assert not answer.answered, answer.text


def test_reimbursed_travel_answers_travel_costs(write_posting: WritePosting) -> None:
    body = ("## Modalités\n\nTrajets à prévoir 1 à 2 fois par mois à Lyon, remboursement complet des frais pour ces "
            "déplacements.\n\n## Profil\n\nVous aimez le travail en équipe.\n")
    answer = answer_from(write_posting, body, "are travel expenses reimbursed?")
    assert answer.answered and "remboursement complet" in answer.text, answer.reason


@pytest.mark.parametrize("question", ["Anything they'd like me to cover in my application?",
                                      "what should I cover in my cover letter?"])
def test_covering_a_topic_asks_nothing_of_travel_costs(question: str) -> None:
    assert "travel_costs" not in intents_of(question)


def test_the_object_of_the_startup_says_what_the_product_does(write_posting: WritePosting) -> None:
    body = ("## Contexte\n\nL’objet de la présente start-up d’Etat est de se concentrer sur un problème simple : "
            "l’accélération des analyses de risque sur les navires.\n\n## Qui sommes-nous ?\n\nLa phase de "
            "construction est suivie par un coach. La Startup d’État lance la construction du produit en recrutant "
            "une personne chargée du développement du produit.\n")
    answer = answer_from(write_posting, body, "le produit sert à quoi exactement ?")
    assert answer.answered and "analyses de risque" in answer.text, answer.reason


def test_a_known_requirement_never_named_is_not_answered_by_the_ministry_named_beside_it(
        write_posting: WritePosting) -> None:
    body = ("## Qui sommes nous ?\n\nCivils de la défense est une Startup d’État du Ministère des Armées.\n\n"
            "## Compétences\n\n- Développeur web avec une bonne expérience de Django\n")
    answer = answer_from(write_posting, body, "faut-il une habilitation secret défense vu que c'est aux Armées ?")
    assert not answer.answered and answer.reason.startswith("not-mentioned"), answer.text


@pytest.mark.parametrize("question", ["l'équipe globale c'est combien de personnes ?", "how many people in the team?"])
def test_a_count_of_people_in_all_answers_the_team_size_before_one_per_trade(write_posting: WritePosting,
                                                                              question: str) -> None:
    body = ("## Rôle\n\nEn tant que data analyst, et au côté de l'équipe existante (1 data analyst, 1 dev, "
            "1 designer, 1 product manager), vous travaillerez sur le service pilotage.\n\n"
            "## Environnement de travail\n\nVous travaillerez au sein d'une équipe composée de plus de 30 "
            "personnes : intrapreneurs, développeurs, designers et coachs.\n")
    answer = answer_from(write_posting, body, question)
    assert answer.answered and answer.text.startswith("« Environnement de travail »"), answer.text


@pytest.mark.parametrize("question", ["PCRS ça veut dire quoi ?", "what does PCRS stand for?"])
def test_what_an_acronym_stands_for_is_answered_by_its_gloss_in_parentheses(write_posting: WritePosting,
                                                                           question: str) -> None:
    body = ("## L'équipe\n\nLa nouvelle startup d'État PCRS (Plan Corps de Rue Simplifié) est incubée au sein de "
            "l’Incubateur des Territoires. L’équipe travaillera avec les collectivités.\n\n## Le produit\n\n"
            "La startup PCRS est née d'un besoin concret des collectivités.\nSon objectif est de proposer un "
            "accompagnement aux collectivités pour les aider à se doter d'un Plan Corps de Rue Simplifié, c'est à "
            "dire un fond de plan très précis permettant aux opérateurs de travaux d'intervenir sans risque.\n")
    answer = answer_from(write_posting, body, question)
    assert answer.answered and "PCRS (Plan Corps de Rue Simplifié)" in answer.passages[0].text, answer.text


def test_the_studies_a_product_serves_say_nothing_of_the_degree_required(write_posting: WritePosting) -> None:
    body = ("## Qui sommes nous ?\n\nAméliorer les sites d’orientation, Parcoursup au moment du bac ou « Trouver "
            "mon master » pour les poursuites d’études supérieures.\n\n## Profil\n\nVous aimez le travail en "
            "équipe.\n")
    answer = answer_from(write_posting, body, "faut quel diplôme / niveau d'études ?")
    assert not answer.answered, answer.text


def test_a_name_in_capitals_opening_the_question_is_not_read_as_an_abbreviation(write_posting: WritePosting) -> None:
    """"RDV-Solidarités ça sert à quoi ?": the product's name, not "rendez-vous Solidarités"."""
    write_other_postings(write_posting, 4, "## Le produit\n\nLe service aide les usagers à prendre rendez-vous.\n")
    body = ("RDV-Solidarités est un outil de prise de RDV en ligne et d'organisation du temps des agents.\n\n"
            "## Profil\n\nVous aimez le travail en équipe.\n")
    path = write_posting("2023-05-01-support.md", "roles: Chargé de support\nstartup: rdv-solidarites", body)
    answer = engine_of(path).answer("RDV-Solidarités ça sert à quoi exactement ?", "2023-05-01-support")
    assert answer.answered and "outil de prise de RDV" in answer.text, answer.reason


@pytest.mark.parametrize("question", ["what sort of person/profile are they after?",
                                      "what sort of person are they after?", "quel genre de personne vous cherchez ?"])
def test_the_person_sought_is_answered_by_the_profile(write_posting: WritePosting, question: str) -> None:
    body = ("## Responsabilités\n\n- Support utilisateurs\n\n## Votre profil nous intéresse si :\n\n"
            "- Vous savez faire preuve d’initiative et tenir vos engagements.\n"
            "- Vous êtes à l’aise dans la communication orale et écrite.\n")
    answer = answer_from(write_posting, body, question)
    assert answer.answered and "initiative" in answer.text, answer.reason


@pytest.mark.parametrize("question", ["what kind of people use the platform?",
                                      "quel type de personnes utilise le service ?"])
def test_the_kind_of_people_using_the_product_asks_its_users(question: str) -> None:
    assert intents_of(question)[:1] == ["users"]


@pytest.mark.parametrize("question", ["faut venir du milieu de la santé ?",
                                      "do I need a background in the health sector?"])
def test_a_field_asked_as_a_milieu_or_sector_is_the_domain_the_posting_names(write_posting: WritePosting,
                                                                            question: str) -> None:
    write_other_postings(write_posting, 4, "## Profil\n\nVous connaissez le milieu associatif.\n")
    body = ("## Profil recherché\n\n- Connaissance ou appétence pour le secteur public et le domaine de la santé ;\n"
            "- Aisance à l'oral.\n")
    answer = answer_from(write_posting, body, question)
    assert answer.answered and "domaine de la santé" in answer.text, answer.reason


def test_a_ministry_named_beside_the_posting_asks_no_ministry(write_posting: WritePosting) -> None:
    """"(labour ministry, insertion)" names the posting; the question asks the day rate."""
    body = "## Environnement de travail\n\nTJM envisagé : entre 450€ et 650€ selon profil.\n"
    answer = answer_from(write_posting, body, "Delta UX/UI designer role (labour ministry, insertion) – what's the "
                                              "day rate range?")
    assert answer.answered and "450€" in answer.text, answer.reason


def test_the_community_a_team_belongs_to_is_not_its_size(write_posting: WritePosting) -> None:
    body = ("## L’équipe\n\nNous sommes aujourd’hui une équipe de 3 personnes : Didier, Olivier et Anne.\n\n"
            "## La communauté\n\nL’équipe fait partie de la communauté beta.gouv.fr, qui réunit plus de 200 "
            "personnes au profil d’innovateur.\n")
    answer = answer_from(write_posting, body, "how many people are on the team atm?")
    assert answer.answered and answer.text.startswith("« L’équipe »"), answer.text


@pytest.mark.parametrize("question", ["Is there already a first version of the platform or are we starting from "
                                      "nothing?", "le produit existe déjà ou faut tout créer ?"])
def test_whether_a_product_exists_already_is_answered_by_its_stage(write_posting: WritePosting,
                                                                  question: str) -> None:
    body = ("## Objectif du service\n\nUne première version en No-Code est en cours d’expérimentation auprès d’un "
            "premier échantillon.\n\n## Modalités\n\nDémarrage dès que possible.\n")
    answer = answer_from(write_posting, body, question)
    assert answer.answered and "première version" in answer.text, answer.text


@pytest.mark.parametrize("question", ["are we starting from scratch?", "on démarre de zéro ?"])
def test_starting_from_nothing_is_not_a_start_date(write_posting: WritePosting, question: str) -> None:
    answer = answer_from(write_posting, "## Modalités\n\nDémarrage dès que possible.\n", question)
    assert not answer.answered, answer.text


def test_a_tool_asked_of_a_posting_named_after_it_is_asked(write_posting: WritePosting) -> None:
    """"c'est du react ou du vue ?" of the "Développeuse Front React" posting: React is asked, not only named."""
    path = write_posting("2022-05-20-dev-front.md", "title: Développeuse Front React/Typescript\nstartup: delta",
                         "L'équipe cherche une personne développeuse React/Typescript pour son produit.\n\n"
                         "## Missions\n\n- Développement de vues back-end : aller chercher les données.\n")
    answer = engine_of(path).answer("c'est du react ou du vue ?", "2022-05-20-dev-front")
    assert answer.answered and "React/Typescript" in answer.passages[0].text, answer.text


@pytest.mark.parametrize("question", ["Do I ever need to come to Paris or is it 100% remote?",
                                      "faut venir à Paris ou c'est full remote ?"])
def test_an_occasional_presence_asked_answers_whether_the_job_is_fully_remote(write_posting: WritePosting,
                                                                              question: str) -> None:
    body = ("## Modalités\n\n- Une présence occasionnelle à Paris est demandée pour participer aux sessions "
            "stratégiques.\n- Le télétravail est possible.\n")
    answer = answer_from(write_posting, body, question)
    assert answer.answered and "présence occasionnelle" in answer.passages[0].text, answer.text


@pytest.mark.parametrize("question", ["what problem does the product solve?", "le produit résout quel problème ?"])
def test_the_jobs_work_on_problems_is_no_problem_the_product_solves(write_posting: WritePosting,
                                                                    question: str) -> None:
    body = ("## Assumer les missions suivantes\n\n- Faire remonter les problèmes techniques, bloquants et/ou "
            "irritants dans l’expérience de l’usager.\n- Animer des ateliers pour résoudre les problématiques "
            "techniques.\n")
    answer = answer_from(write_posting, body, question)
    assert not answer.answered, answer.text


def test_a_trial_of_the_product_is_no_experience_asked(write_posting: WritePosting) -> None:
    """"l'expérimentation elle se passe où ?": where the product is tried, not the candidate's experience."""
    body = ("## Les atouts pour la personne recherchée\n\n- Expérience de business development avec des partenaires "
            "publics\n- Sens du service public\n")
    answer = answer_from(write_posting, body, "l'expérimentation elle se passe où ?")
    assert not answer.answered, answer.text


@pytest.mark.parametrize("question", ["what kind of experience do you expect from candidates?",
                                      "quelle expérience attendez-vous ?"])
def test_the_kind_of_experience_is_answered_by_the_profile_line_describing_it(write_posting: WritePosting,
                                                                              question: str) -> None:
    path = write_posting("2021-12-09-coach.md", "roles: Coach\nstartup: delta\njunior: true",
                         "## Votre profil nous intéresse si\n\n- Si vous avez eu des expériences structurantes et "
                         "formatrices sur la stratégie de conception de produit numérique\n- Si vous êtes autonome\n")
    answer = engine_of(path).answer(question, "2021-12-09-coach")
    assert answer.answered and "expériences structurantes" in answer.passages[0].text, answer.text


def test_a_runner_up_leading_into_a_list_brings_its_items_when_an_intent_answers(write_posting: WritePosting) -> None:
    body = ("## Votre profil\n\n- Vous savez coder en Python.\n\nNe vous censurez pas si :\n\n"
            "- Vous ne cochez pas toutes les cases ci-dessus, mais vous avez envie d’apprendre et de progresser ;\n\n"
            "- Vous ne connaissez pas très bien l’écosystème de l’aviation civile.\n")
    answer = answer_from(write_posting, body, "I know basically nothing about aviation, should I still apply?")
    assert answer.answered and "aviation civile" in answer.text, answer.text


@pytest.mark.parametrize("question", ["who are the users of the platform?", "c'est pour qui la plateforme ?"])
def test_the_users_are_answered_by_the_list_a_for_whom_line_introduces(write_posting: WritePosting,
                                                                       question: str) -> None:
    body = ("L'équipe cherche une développeuse pour son produit qui accompagne les collectivités.\n\n"
            "## Le produit\n\nLa plateforme aide les collectivités à prioriser leurs actions.\n\nPour qui :\n\n"
            "- Personnes référentes sur la transition écologique dans une collectivité\n"
            "- Personnes accompagnatrices des collectivités\n")
    answer = answer_from(write_posting, body, question)
    assert answer.answered and "Personnes référentes" in answer.text, answer.text


def test_the_responsibilities_announced_to_the_candidate_lead_the_missions(write_posting: WritePosting) -> None:
    body = ("## Vos missions\n\nL'équipe Mesure d'impact aura pour mission de proposer un accompagnement adapté aux "
            "différents porteurs de services pour les aider à mettre en oeuvre une démarche centrée utilisateurs.\n\n"
            "En tant que membre de l'équipe, vous aurez la responsabilité de\n\n"
            "- Concevoir cet accompagnement avec les équipes\n- Promouvoir et suivre l'accompagnement\n")
    answer = answer_from(write_posting, body, "les missions concrètement c quoi ?")
    assert answer.answered and "vous aurez la responsabilité de" in answer.passages[0].text, answer.text
    assert "Concevoir cet accompagnement" in answer.text


def test_the_body_a_sentence_heading_names_answers_who_hires(write_posting: WritePosting) -> None:
    body = ("### L’équipe Lab Agora recherche un développeur pour construire la première startup d’État de l’Institut "
            "National du Cancer.\n\n# Contexte\n\nQuelques chiffres sur les patients.\n")
    answer = answer_from(write_posting, body, "c'est pour quelle administration ce poste ?")
    assert answer.answered and "Institut National du Cancer" in answer.text, answer.reason


@pytest.mark.parametrize("question", ["c pour un profil junior ou senior ?", "is it a senior position?"])
def test_a_title_naming_the_level_answers_junior_or_senior(write_posting: WritePosting, question: str) -> None:
    path = write_posting("2022-03-08-dev-oss.md", "roles: un·e accompagnant·e dev open source senior\nstartup: delta",
                         "## Missions\n\nAccompagner les équipes vers l'open source.\n")
    answer = engine_of(path).answer(question, "2022-03-08-dev-oss")
    assert answer.answered and "senior" in answer.text, answer.reason


@pytest.mark.parametrize("question", ["do I need to have worked in product teams before?",
                                      "faut avoir déjà bossé dans une équipe produit ?"])
def test_having_worked_somewhere_before_asks_the_experience(question: str) -> None:
    assert intents_of(question)[:1] == ["experience"]


def test_a_lead_in_shown_beside_another_intents_line_keeps_what_it_introduces(write_posting: WritePosting) -> None:
    body = ("## Principales missions\n\n- Aider les porteurs de projets à déterminer l’impact de leur service, avec "
            "l'équipe produit.\n\n## Profils recherchés\n\nVous êtes à l’aise avec les organisations horizontales. "
            "Vous avez :\n\n- Une expérience au sein d’équipes produits privilégiée ;\n"
            "- Une aisance orale en public.\n")
    answer = answer_from(write_posting, body, "do I need to have worked in product teams before?")
    assert answer.answered and "Une expérience au sein d’équipes produits" in answer.text, answer.text


@pytest.mark.parametrize("question", ["il y a combien de référents départementaux à animer ?",
                                      "how many local referents would I coordinate?"])
def test_the_referents_a_job_works_with_are_not_whom_to_contact(question: str) -> None:
    assert "contact" not in intents_of(question)


def test_a_referent_for_the_job_is_still_whom_to_contact() -> None:
    assert intents_of("Qui est le référent pour ce poste ?")[:1] == ["contact"]


def test_the_item_naming_what_is_asked_comes_first_after_its_lead_in(write_posting: WritePosting) -> None:
    body = ("## Rôle et missions\n\nAu sein de l’équipe déploiement, vous aurez pour mission de contribuer au "
            "déploiement de l’offre de service de la plateforme à destination des collectivités et des "
            "administrations publiques, avec le reste de l'équipe produit et les partenaires de la startup :\n\n"
            "* Comprendre les enjeux en matière d’engagement au sein des territoires afin de faire évoluer le parcours "
            "et l’offre de service auprès des collectivités ;\n"
            "* Identifier les contacts clés au sein des collectivités et entamer les actions requises pour déployer la "
            "plateforme (prospection, prise de rendez-vous, présentation du dispositif...) ;\n"
            "* Accompagner les collectivités dans la prise en main de la plateforme.\n")
    answer = answer_from(write_posting, body, "concrètement au quotidien je ferais quoi ? de la prospection ?")
    assert answer.answered and "prospection" in answer.text, answer.text


@pytest.mark.parametrize("question", ["le projet en est où aujourd'hui ?", "vous en êtes où ?",
                                      "where does the product stand today?"])
def test_where_the_project_stands_asks_its_stage(question: str) -> None:
    intents = intents_of(question)
    assert intents[:1] == ["maturity"] and "location" not in intents, intents


STARTUP_NAMED = ("## Qui sommes-nous ?\n\nLa Startup d'État Engagement Civique a pour mission de concevoir et de "
                 "déployer des services numériques en faveur de l’engagement civique.\n\nAprès cette première phase, "
                 "la Startup d’État poursuit la construction du produit.\n")


@pytest.mark.parametrize("question", ["c'est quelle start-up d'état qui recrute ?", "which startup is hiring?"])
def test_the_line_naming_the_startup_says_which_startup_hires(write_posting: WritePosting, question: str) -> None:
    answer = answer_from(write_posting, STARTUP_NAMED, question)
    assert answer.answered and "Engagement Civique" in answer.text, answer.reason


def test_a_startup_unnamed_does_not_say_which_startup_hires(write_posting: WritePosting) -> None:
    body = "## Qui sommes-nous ?\n\nAprès cette phase, la Startup d’État poursuit la construction du produit.\n"
    answer = answer_from(write_posting, body, "c'est quelle start-up d'état qui recrute ?")
    assert not answer.answered, answer.text


@pytest.mark.parametrize(("question", "intent"), [("Trackdéchets ça fait quoi concrètement ?", "product"),
                                                  ("le poste ça fait quoi concrètement ?", "missions"),
                                                  ("ça consiste en quoi le poste ?", "missions")])
def test_what_it_does_asks_the_product_unless_the_job_is_named(question: str, intent: str) -> None:
    assert intents_of(question)[:1] == [intent]


@pytest.mark.parametrize("question", ["l'équipe est composée de qui ?", "what's the team made up of?"])
def test_what_the_team_is_made_of_is_answered_by_its_members(write_posting: WritePosting, question: str) -> None:
    body = ("## Qui sommes-nous ?\n\nTu rejoindrais une équipe motivée, constituée de 1 intrapreneur porteur du "
            "projet, 1 coach produit, 6 développeurs et 3 chargées de déploiement.\n")
    answer = answer_from(write_posting, body, question)
    assert answer.answered and "6 développeurs" in answer.text, answer.reason


def test_free_software_is_asked_in_english_of_a_line_saying_gratuit(write_posting: WritePosting) -> None:
    body = ("## Qui sommes-nous ?\n\nEntièrement libre et gratuit, modulable et réutilisable, OpenFisca est un moteur "
            "de microsimulation des systèmes socio-fiscaux.\n")
    answer = answer_from(write_posting, body, "is the software free / open source?")
    assert answer.answered and "libre et gratuit" in answer.text, answer.reason


@pytest.mark.parametrize("question", ["What languages and frameworks do I need to know?",
                                      "Which languages and frameworks do you lean towards?"])
def test_languages_asked_with_frameworks_are_programming_languages(question: str) -> None:
    assert intents_of(question)[0] == "stack"


def test_a_preference_leaned_towards_names_nothing_the_posting_must_hold(write_posting: WritePosting) -> None:
    answer = answer_from(write_posting, "## Technique\n\nNous utilisons Python (Django) et React.\n",
                         "Which languages and frameworks do you lean towards?")
    assert answer.answered and "Python (Django)" in answer.text, answer.reason


WHY_HIRING = ("## Le poste\n\nRecrutement d'un ou une stagiaire pour une durée de 6 mois.\n\n"
              "## Où en sommes-nous ?\n\nEn pleine phase de croissance, nous avons besoin d'aide pour gérer "
              "l'intégration de nouveaux partenaires.\n")


@pytest.mark.parametrize("question", ["pourquoi vous cherchez un stagiaire ?", "Pourquoi vous recrutez maintenant ?",
                                      "Why are you hiring for this role?", "What's the reason for this hire?"])
def test_why_the_team_hires_is_answered_by_what_it_needs(write_posting: WritePosting, question: str) -> None:
    answer = answer_from(write_posting, WHY_HIRING, question)
    assert answer.answered and answer.intent == "hiring_reason", answer.reason
    assert "besoin d'aide" in answer.text


@pytest.mark.parametrize("question", ["pourquoi vous recrutez ?", "Why are you hiring?"])
def test_a_posting_that_says_no_need_does_not_say_why_it_hires(write_posting: WritePosting, question: str) -> None:
    answer = answer_from(write_posting, "## Le poste\n\nMission de 6 mois, à Paris.\n", question)
    assert not answer.answered, answer.text


def test_a_job_open_to_freelancers_only_asks_about_the_contract_not_why() -> None:
    assert intents_of("pourquoi le poste est ouvert aux indépendants seulement ?")[0] != "hiring_reason"


@pytest.mark.parametrize("question", ["C'est quoi l'objectif du produit ?", "Quel est l'objectif de la plateforme ?"])
def test_the_products_objective_asks_about_the_product_not_the_jobs_objectives(question: str) -> None:
    assert intents_of(question)[0] == "product"


def test_the_jobs_objectives_still_ask_about_the_missions() -> None:
    assert intents_of("Quels sont les objectifs du poste ?")[0] == "missions"



@pytest.mark.parametrize("question", ["Ops freelance role from September 2022: do you expose a public API?",
                                      "Le poste de dev en CDD de 2021 : vous exposez une API publique ?"])
def test_the_words_before_a_colon_name_the_posting_even_when_nothing_after_it_is_an_intent(question: str) -> None:
    """What follows the colon asks; "freelance", "CDD" before it tell which posting, they ask no contract."""
    assert "contract" not in intents_of(question)


@pytest.mark.parametrize("question", ["Concrètement, le job c'est quoi ?", "C'est quoi le poste en résumé ?",
                                      "concretement le designer il fait quoi ?", "c'est quoi le stage ?"])
def test_what_the_job_is_asks_about_the_missions(question: str) -> None:
    assert intents_of(question)[0] == "missions"


def test_what_the_startups_job_is_asks_about_the_product() -> None:
    assert intents_of("c'est quoi le poste de la startup ?")[0] != "missions"


def test_the_role_that_names_the_posting_still_asks_what_it_does(write_posting: WritePosting) -> None:
    """"designer" names the posting; "le designer il fait quoi ?" still asks what the job does."""
    path = write_posting("2023-05-01-designer.md", "roles: Designer\nstartup: delta\nopen: true",
                         "## Missions\n\nFaciliter des ateliers de conception avec les agents.\n")
    answer = engine_of(path).answer("le designer il fait quoi ?", "2023-05-01-designer")
    assert answer.answered and "ateliers de conception" in answer.text, answer.reason


def test_the_context_of_the_mission_is_no_heading_of_the_missions(write_posting: WritePosting) -> None:
    body = ("## Contexte de la mission : lancement du programme\n\nL'ambition du plan de relance est double :\n\n"
            "1. Mettre à disposition des collectivités des outils ;\n2. Générer des synergies entre collectivités.\n\n"
            "## Missions // Rôle\n\nVous accompagnez une équipe d'agents territoriaux sur chaque phase :\n\n"
            "1. Évaluer l'ampleur du problème ;\n2. Tester le prototype.\n")
    answer = answer_from(write_posting, body, "Quelles sont les missions ?")
    assert answer.answered and answer.section == "Missions // Rôle", (answer.section, answer.text)


@pytest.mark.parametrize("question", ["Who is the service meant for?", "Who is the platform intended for?"])
def test_who_the_service_is_meant_for_asks_about_its_users(question: str) -> None:
    assert intents_of(question)[0] == "users"


def test_a_job_meant_for_juniors_asks_no_users() -> None:
    assert intents_of("Is this job meant for juniors?")[0:1] != ["users"]


@pytest.mark.parametrize("question", [
    "L'annonce lead dev des ministères de l'écologie et du logement, ça démarre quand ?",
    "For the lead developer call from the ecology and housing ministries, when does it start?",
    "Le poste de dev chez Zéro Logement Vacant démarre quand ?"])
def test_a_ministry_or_a_product_named_after_housing_asks_no_relocation(question: str) -> None:
    assert "relocation" not in intents_of(question)


@pytest.mark.parametrize("question", ["Proposez-vous une aide pour trouver un logement ?",
                                      "Do you help with housing?"])
def test_help_with_housing_still_asks_about_relocation(question: str) -> None:
    assert intents_of(question)[0] == "relocation"


USED = ("## Le produit\n\nLe service accompagne les locataires dans la constitution de leur dossier.\n\n"
        "Il a déjà aidé plus de 20 000 locataires, avec 90% de taux de satisfaction chez nos usagers.\n")


@pytest.mark.parametrize(("question", "line"), [
    ("Le produit a combien d'utilisateurs ?", "20 000 locataires"),
    ("Combien de personnes ont déjà utilisé le service ?", "20 000 locataires"),
    ("How many users does the product have?", "20 000 locataires"),
    ("les usagers sont contents du service ou pas ?", "taux de satisfaction")])
def test_how_much_the_service_is_used_is_answered_by_a_figure_of_use(write_posting: WritePosting, question: str,
                                                                      line: str) -> None:
    answer = answer_from(write_posting, USED, question)
    assert answer.answered and answer.intent == "traction" and line in answer.text, (answer.reason, answer.text)


@pytest.mark.parametrize("question", ["Le produit a combien d'utilisateurs ?", "How many users does the product have?"])
def test_a_posting_giving_no_figure_of_use_does_not_say_how_many_users(write_posting: WritePosting,
                                                                        question: str) -> None:
    body = "## Le produit\n\nLe service accompagne les locataires dans la constitution de leur dossier.\n"
    answer = answer_from(write_posting, body, question)
    assert not answer.answered, answer.text


@pytest.mark.parametrize("question", ["À qui puis-je écrire si j'ai des questions sur la mission ?",
                                      "à qui je peux poser mes questions ?"])
def test_whom_to_write_to_with_questions_asks_the_contact(question: str) -> None:
    assert intents_of(question)[0] == "contact"


@pytest.mark.parametrize("question", ["Do I have to write a proper cover letter?",
                                      "Faut-il rédiger une lettre de motivation ?"])
def test_writing_a_cover_letter_asks_about_the_documents(question: str) -> None:
    assert intents_of(question)[0] == "documents"


def test_alongside_is_how_a_question_asks_not_a_thing_the_posting_must_name(write_posting: WritePosting) -> None:
    answer = answer_from(write_posting, "## Rôle\n\nVous travaillerez en collaboration avec les coachs et une équipe "
                                        "d'agents territoriaux.\n",
                         "Would I be working on my own or alongside other people?")
    assert answer.answered and "en collaboration avec les coachs" in answer.text, answer.reason


def test_previous_interns_are_other_people_not_the_contract_asked() -> None:
    assert intents_of("What kind of tasks did previous interns do?") == ["missions"]


def test_an_internship_asked_still_asks_the_contract() -> None:
    assert intents_of("Is it an internship?")[0] == "contract"


@pytest.mark.parametrize("question", ["C'est financé jusqu'à quand ?", "Until when is the team funded?"])
def test_until_when_the_work_is_funded_asks_the_end_not_the_deadline(question: str) -> None:
    assert intents_of(question)[0] == "end"


def test_until_when_one_may_apply_still_asks_the_deadline() -> None:
    assert intents_of("On peut postuler jusqu'à quand ?")[0] == "deadline"


@pytest.mark.parametrize("question", ["On part de zéro ou il y a déjà du code ?", "Are we starting from scratch?"])
def test_code_that_exists_already_says_the_work_does_not_start_from_scratch(write_posting: WritePosting,
                                                                           question: str) -> None:
    body = ("## Responsabilités\n\nVous serez en charge de développer le service en vous appuyant sur la base de code "
            "existante en Next.js / NodeJS.\n")
    answer = answer_from(write_posting, body, question)
    assert answer.answered and "base de code existante" in answer.text, answer.reason


def test_who_one_would_be_talking_to_asks_the_users_not_a_thing_named_talking(write_posting: WritePosting) -> None:
    body = ("## Le poste\n\nTa principale mission sera de maintenir un contact régulier avec les utilisateurs du "
            "service, à savoir les conseillers du service public.\n")
    answer = answer_from(write_posting, body, "Who are the users I would mostly be talking to?")
    assert answer.answered and "les conseillers du service public" in answer.text, answer.reason


@pytest.mark.parametrize("question", ["What languages is the codebase in?", "Which languages are used in the app?"])
def test_languages_of_the_code_are_programming_languages(question: str) -> None:
    assert intents_of(question)[0] == "stack"


def test_spoken_languages_are_still_the_languages_asked() -> None:
    assert intents_of("What languages do I need to speak?")[0] == "language"


@pytest.mark.parametrize("question", ["Quelles qualités vous attendez du/de la stagiaire ?",
                                      "La stagiaire devra faire quoi ?"])
def test_the_intern_spoken_of_is_a_person_not_the_contract_asked(question: str) -> None:
    assert "contract" not in intents_of(question)


def test_an_internship_offered_still_asks_the_contract() -> None:
    assert intents_of("C'est pour un stagiaire ?")[0] == "contract"


@pytest.mark.parametrize("question", ["Who are the people this service is meant to help?",
                                      "Who does the platform serve?"])
def test_whom_a_service_is_meant_to_help_asks_its_users(question: str) -> None:
    assert intents_of(question)[0] == "users"


def test_how_many_is_answered_by_a_figure_even_where_the_job_involves_the_thing(write_posting: WritePosting) -> None:
    """"combien de CFA faudra-t-il accompagner ?": the line saying the job supports CFAs gives no number of them."""
    body = "## Rôle\n\n- Accompagner les CFA pour faciliter la mise en place des services ;\n"
    answer = answer_from(write_posting, body, "Combien de CFA faudra-t-il accompagner à peu près ?")
    assert not answer.answered, answer.text


def test_a_figure_of_the_things_the_job_involves_says_how_many(write_posting: WritePosting) -> None:
    body = "## Rôle\n\n- Accompagner une vingtaine de CFA, soit 25 CFA la première année ;\n"
    answer = answer_from(write_posting, body, "Combien de CFA faudra-t-il accompagner à peu près ?")
    assert answer.answered and "25 CFA" in answer.text, answer.reason
