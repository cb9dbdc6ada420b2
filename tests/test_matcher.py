"""How the engine answers candidates' questions: from the posting's own lines, or not at all."""

from __future__ import annotations

import pytest

from bot.engine import Engine
from bot.matcher import MAX_ANSWER_CHARS
from conftest import WritePosting, engine_of

SICOVAL = "2021-08-30-sicoval-pm"


def ask(engine: Engine, question: str, posting: str | None = SICOVAL):  # type: ignore[no-untyped-def]
    return engine.answer(question, posting)


# --- answers quote the posting, in French and in English -----------------------------------------

@pytest.mark.parametrize("question", [
    "Le poste est-il en télétravail ?",
    "On peut bosser depuis chez soi ?",
    "Is remote work possible?",
    "can I work from home?",
])
def test_remote_work_is_answered_with_the_modalities_line(bundled: Engine, question: str) -> None:
    answer = ask(bundled, question)
    assert answer.answered
    assert answer.section == "Modalités"
    assert "Poste en télétravail" in answer.text


@pytest.mark.parametrize("question", ["teletravial possibl ?", "TELETRAVAIL", "c possible le teletravail"])
def test_typos_missing_accents_and_shouting_still_find_remote_work(bundled: Engine, question: str) -> None:
    assert "Poste en télétravail" in ask(bundled, question).text


def test_an_inflected_form_of_a_known_word_is_no_typo_of_another(write_posting: WritePosting) -> None:
    """'demandées' is 'demande' with an ending, not a slip for 'demandeurs', the nearest word the postings write."""
    engine = engine_of(write_posting("2023-05-01-dev.md", "roles: Designer\nstartup: delta\nopen: true",
                                     "## Contexte\n\nLe service aide les demandeurs d'emploi, à leur demande.\n\n"
                                     "## Profil\n\n* **2-3 ans d’expériences minimum**\n"))
    assert "demandeurs" not in engine.matcher.analyse("combien d'années d'xp demandées ?").words
    answer = engine.answer("combien d'années d'xp demandées ?", "2023-05-01-dev")
    assert answer.answered and "2-3 ans d’expériences minimum" in answer.text


def test_a_verbs_tense_is_no_typo_of_another_word(write_posting: WritePosting) -> None:
    """'comptait' is 'compte' in the past, not a slip for 'comptalib', a product the postings name."""
    engine = engine_of(write_posting("2023-05-01-dev.md", "roles: Développeur\nstartup: delta\nopen: true",
                                     "## Contexte\n\nComptalib aide les associations. L'équipe compte 4 personnes.\n"))
    words = engine.matcher.analyse("l'équipe comptait un data scientist ?").words
    assert "comptalib" not in words and "compte" in words


def test_a_word_is_not_mended_into_a_tools_name_it_is_no_slip_of(write_posting: WritePosting) -> None:
    """"supervise" is three letters away from "superset" (a tool): no slip, so not read as the tool, which the
    posting would then be said not to mention; "typescrpt" is a slip of "typescript"."""
    engine = engine_of(write_posting("2023-05-01-stage.md", "roles: Stagiaire\nstartup: delta",
                                     "## L'équipe\n\nVous serez encadré·e par la PM. Stack : TypeScript.\n"))
    assert "superset" not in engine.matcher.analyse("Who would supervise me during the internship?").words
    assert "typescript" in engine.matcher.analyse("faut connaitre typescrpt ?").words


def test_an_english_word_is_no_french_form_of_a_shorter_one(write_posting: WritePosting) -> None:
    """'press' in an English question stays 'press', though the postings write 'près' (read 'pres')."""
    engine = engine_of(write_posting("2023-05-01-com.md", "roles: Chargé de communication\nstartup: delta",
                                     "## Missions\n\nRelations presse, au plus près des usagers.\n"))
    assert "press" in engine.matcher.analyse("Will I handle press relations?").words


@pytest.mark.parametrize("question", ["Combien de temps dure la mission ?", "durée ?", "How long is the gig?"])
def test_duration_is_answered(bundled: Engine, question: str) -> None:
    assert "Mission de 4 mois" in ask(bundled, question).text


@pytest.mark.parametrize("question", ["ça commence quand ?", "When does it start?", "date de démarrage ?"])
def test_start_date_is_answered(bundled: Engine, question: str) -> None:
    assert "Démarrage dès que possible" in ask(bundled, question).text


@pytest.mark.parametrize("question", ["c'est un CDI ?", "freelance or employee?", "quel type de contrat ?"])
def test_contract_type_is_answered(bundled: Engine, question: str) -> None:
    assert "indépendant" in ask(bundled, question).text


def test_deadline_comes_from_the_front_matter(bundled: Engine) -> None:
    answer = ask(bundled, "What's the deadline to apply?")
    assert answer.answered and "30/09/2021" in answer.text


def test_a_posting_past_its_deadline_says_it_is_closed(bundled: Engine) -> None:
    answer = ask(bundled, "L'offre est-elle toujours d'actualité ?")
    assert answer.answered and "fermée" in answer.text


def test_how_to_apply_points_to_the_application_section(bundled: Engine) -> None:
    answer = ask(bundled, "Comment je postule ?")
    assert answer.section == "Candidater" and "formulaire" in answer.text


def test_a_question_about_a_list_gets_the_list_items_together(bundled: Engine) -> None:
    answer = ask(bundled, "Quelles compétences faut-il ?")
    assert answer.section == "Compétences"
    assert "Chef·fe de projet expérimenté·e" in answer.text
    assert "Une connaissance de l’administration publique" in answer.text


def test_answers_name_their_section_and_stay_short(bundled: Engine) -> None:
    for question in ("Quelles compétences faut-il ?", "Missions ?", "Comment je postule ?"):
        answer = ask(bundled, question)
        assert answer.section
        assert len(answer.text) <= MAX_ANSWER_CHARS + 80  # the quoted heading comes on top


def test_answers_carry_a_confidence_between_zero_and_one(bundled: Engine) -> None:
    answer = ask(bundled, "télétravail ?")
    assert 0.5 <= answer.score <= 1.0


# --- the engine abstains when the posting does not say ---------------------------------------------

@pytest.mark.parametrize("question,intent", [
    ("c'est payé combien ?", "pay"),
    ("What's the daily rate?", "pay"),
    ("Y a des tickets resto ?", "benefits"),
    ("Do you sponsor work visas?", "visa"),
    ("On me fournit un ordinateur ?", "equipment"),
    ("Combien d'entretiens dans le processus ?", "interview"),
])
def test_a_recognised_question_the_posting_does_not_cover_is_not_answered(
        bundled: Engine, question: str, intent: str) -> None:
    answer = ask(bundled, question)
    assert not answer.answered
    assert answer.intent == intent
    assert answer.reason == "not-covered"


def test_an_abstention_says_who_the_question_would_go_to(bundled: Engine) -> None:
    assert ask(bundled, "c'est payé combien ?").forward_to == "marie.bernard@anct.gouv.fr"


@pytest.mark.parametrize("question", ["Faut-il connaître Python ?", "Do you use Kubernetes?",
                                      "Vous utilisez Notion ?"])
def test_a_tool_the_posting_never_mentions_is_not_answered(bundled: Engine, question: str) -> None:
    answer = ask(bundled, question)
    assert not answer.answered
    assert answer.reason.startswith("not-mentioned")


def test_a_vague_question_is_not_answered(bundled: Engine) -> None:
    assert not ask(bundled, "hmm ?").answered


def test_an_unknown_posting_is_reported(bundled: Engine) -> None:
    answer = bundled.answer("télétravail ?", "no-such-posting")
    assert not answer.answered and answer.reason.startswith("unknown posting")


def test_a_posting_is_found_by_slug_or_by_file_stem(bundled: Engine) -> None:
    posting = bundled.postings[1]
    assert bundled.answer("durée ?", posting.slug).posting == posting
    assert bundled.answer("durée ?", posting.stem).posting == posting


# --- finding the posting when none is given --------------------------------------------------------

@pytest.fixture
def two_teams(write_posting: WritePosting) -> Engine:
    write_posting("2023-01-10-alpha-dev.md", "roles: Développeur·se backend\nstartup: alpha-impots\nopen: true",
                  "## Modalités\n\n- Télétravail complet possible\n- Mission de 6 mois\n")
    write_posting("2023-02-01-beta-design.md", "roles: Designer UX\nstartup: beta-sante\nopen: true",
                  "## Modalités\n\n- Deux jours par semaine dans nos locaux à Lyon\n- Mission de 3 mois\n")
    posting = write_posting("2023-03-01-beta-dev.md", "roles: Développeur·se\nstartup: beta-sante\nopen: true",
                            "## Modalités\n\n- Télétravail partiel, un jour par semaine\n- Mission de 1 an\n")
    return engine_of(posting)


def test_the_posting_is_found_from_its_team_and_role(two_teams: Engine) -> None:
    answer = two_teams.answer("Chez Alpha Impôts, le poste de dev est-il en télétravail ?")
    assert answer.answered
    assert answer.posting is not None and answer.posting.stem == "2023-01-10-alpha-dev"
    assert "Télétravail complet" in answer.text


def test_the_role_tells_two_postings_of_one_team_apart(two_teams: Engine) -> None:
    answer = two_teams.answer("Beta Santé designer UX : la mission dure combien de temps ?")
    assert answer.posting is not None and answer.posting.stem == "2023-02-01-beta-design"
    assert "3 mois" in answer.text


def test_two_postings_too_close_to_call_are_both_offered(two_teams: Engine) -> None:
    answer = two_teams.answer("Chez Beta Santé, la mission dure combien de temps ?")
    assert not answer.answered
    assert answer.reason == "ambiguous"
    assert {p.stem for p in answer.alternatives} == {"2023-02-01-beta-design", "2023-03-01-beta-dev"}


def test_a_question_naming_no_posting_asks_which_one(two_teams: Engine) -> None:
    answer = two_teams.answer("télétravail ?")
    assert not answer.answered and answer.reason == "no-posting" and answer.posting is None


# --- reading the question ----------------------------------------------------------------------

def test_a_capitalised_name_does_not_trigger_an_intent(bundled: Engine) -> None:
    query = bundled.matcher.analyse("C'est quoi la Mission Apprentissage ?")
    assert [i.name for i in query.intents] == ["definition"]


def test_informal_words_are_expanded(bundled: Engine) -> None:
    assert "experience" in bundled.matcher.analyse("faut combien d'xp ?").words


def test_english_questions_are_recognised_as_english(bundled: Engine) -> None:
    assert bundled.matcher.analyse("How long is the contract?").lang == "en"
    assert bundled.matcher.analyse("Combien de temps dure le contrat ?").lang == "fr"


@pytest.mark.parametrize("question", [
    "What will I be working on?", "How many people are on the team?", "Who's on the team?",
    "freelance or employee?", "Elles font la Culture product role: when does it start?",
    "La Bonne Boite job: which framework do they use?",
])
def test_english_questions_holding_a_word_french_also_writes_are_english(bundled: Engine, question: str) -> None:
    assert bundled.matcher.analyse(question).lang == "en"


@pytest.mark.parametrize("question", [
    "On peut bosser de chez soi ?", "on candidate par où ?", "c'est quoi la stack ?", "le TJM c combien ?",
    "c'est en full remote ?",
])
def test_french_questions_holding_an_english_word_are_french(bundled: Engine, question: str) -> None:
    assert bundled.matcher.analyse(question).lang == "fr"


def test_a_team_we_have_no_posting_for_is_not_mistaken_for_one_that_shares_a_word(two_teams: Engine) -> None:
    answer = two_teams.answer("Chez Beta Finance, la mission dure combien de temps ?")
    assert not answer.answered
    assert answer.reason.startswith("no-posting")


@pytest.mark.parametrize("question,intent", [
    ("Is there a probation period?", "probation"),
    ("Les horaires sont flexibles ?", "schedule"),
    ("Faut-il un permis de conduire ?", "driving"),
    ("Who will be my manager?", "manager"),
])
def test_narrow_questions_the_posting_does_not_cover_are_not_answered(
        bundled: Engine, question: str, intent: str) -> None:
    answer = ask(bundled, question)
    assert not answer.answered and answer.intent == intent


def test_a_question_about_beginners_gets_the_experience_asked_for(bundled: Engine) -> None:
    answer = ask(bundled, "Is this role open to beginners?")
    assert answer.intent == "junior" and "expérimenté" in answer.text


# --- words that look like an answer but are not one -----------------------------------------------

@pytest.fixture
def look_alikes(write_posting: WritePosting) -> Engine:
    posting = write_posting("2023-04-01-dev-js.md", "roles: Dev JavaScript\nstartup: gamma\nopen: true",
                            "## Présentation\n\nLe projet est financé à 100% par la CNAF. "
                            "80% des usagers sont satisfaits.\n\n"
                            "## Missions\n\n- Rédiger les user stories à partir de ces exigences\n"
                            "- Informer de l'arrivée de nouvelles fonctionnalités\n\n"
                            "## L'équipe\n\nNous sommes tous indépendants. Nous travaillons au 3/5ème sur l'année.\n")
    return engine_of(posting)


@pytest.mark.parametrize("question", ["Quand commence la mission ?", "When does it start?"])
def test_a_phrase_like_a_partir_de_without_a_date_is_not_a_start_date(look_alikes: Engine, question: str) -> None:
    answer = ask(look_alikes, question, "2023-04-01-dev-js")
    assert not answer.answered


@pytest.mark.parametrize("question", ["C'est à temps plein ?", "Is it full time?"])
def test_a_percentage_of_funding_or_users_is_not_a_working_time(look_alikes: Engine, question: str) -> None:
    answer = ask(look_alikes, question, "2023-04-01-dev-js")
    assert answer.answered
    assert "3/5ème" in answer.text and "100%" not in answer.text


def test_start_up_is_not_a_start_date(write_posting: WritePosting) -> None:
    posting = write_posting("2023-05-01-pm.md", "roles: Product manager\nstartup: delta\nopen: true",
                            "## Qui sommes-nous ?\n\nDelta est une start-up d'État incubée à beta.gouv.fr.\n")
    engine = engine_of(posting)
    assert not ask(engine, "When would I start?", "2023-05-01-pm").answered


def test_a_line_under_informations_pratiques_beats_a_date_in_the_presentation(write_posting: WritePosting) -> None:
    posting = write_posting("2023-06-01-dev.md", "roles: Développeur·se\nstartup: epsilon\nopen: true",
                            "## Qui sommes-nous ?\n\nNotre mission a été lancée en octobre 2020.\n\n"
                            "## Informations pratiques\n\nDate de début : dès que possible\n")
    engine = engine_of(posting)
    answer = ask(engine, "Quand commence la mission ?", "2023-06-01-dev")
    assert answer.answered
    assert answer.section.endswith("Informations pratiques")
    assert answer.text.splitlines()[1] == "Date de début : dès que possible"


def test_each_line_of_an_answer_is_shown_under_its_own_heading(write_posting: WritePosting) -> None:
    posting = write_posting("2023-07-01-ux.md", "roles: Designer UX\nstartup: zeta\nopen: true",
                            "## Modalités\n\nTélétravail possible deux jours par semaine.\n\n"
                            "## Lieu\n\nTélétravail le vendredi, bureaux à Lyon.\n")
    engine = engine_of(posting)
    answer = ask(engine, "Le télétravail est-il possible ?", "2023-07-01-ux")
    assert answer.text.splitlines() == [
        "« Modalités »", "Télétravail possible deux jours par semaine.",
        "« Lieu »", "Télétravail le vendredi, bureaux à Lyon.",
    ]


@pytest.fixture
def product_owner(write_posting: WritePosting) -> Engine:
    posting = write_posting("2023-08-01-po.md", "roles: Responsable produit\nstartup: eta\nopen: true",
                            "## Vos missions\n\n- Faire remonter les problèmes techniques de l'expérience de l'usager "
                            "et les traduire en langage technique pour l'équipe\n"
                            "- Mesurer les performances du produit\n\n"
                            "## Modalités\n\n- Début souhaité : novembre 2026\n- Contrat : freelance\n")
    return engine_of(posting)


@pytest.mark.parametrize("question", ["Quelle est la stack technique ?", "Do I need experience?",
                                      "Faut-il savoir coder ?"])
def test_jargon_user_experience_and_a_wished_start_date_are_not_requirements(product_owner: Engine,
                                                                              question: str) -> None:
    assert not ask(product_owner, question, "2023-08-01-po").answered


@pytest.fixture
def no_profile(write_posting: WritePosting) -> Engine:
    posting = write_posting("2023-09-01-suivi.md", "roles: Chargé·e de suivi\nstartup: theta\nopen: true",
                            "## Theta\n\nL'outil est capable de mesurer la criticité et alerte les partenaires "
                            "en capacité d'intervenir. Il permet d'expérimenter de nouvelles manières de faire. "
                            "Pour en savoir plus, "
                            "voir le site.\n\n"
                            "## Conditions\n\n- Rémunération : TJM entre 250 € et 350 € selon profil\n\n"
                            "## Comment postuler ?\n\nExplique-nous pourquoi tu souhaites nous rejoindre et envoie ton "
                            "profil LinkedIn.\n")
    return engine_of(posting)


@pytest.mark.parametrize("question", ["Quelles compétences il faut ?", "What skills are required?",
                                      "C'est ouvert aux juniors ?", "Faut-il être expérimenté ?"])
def test_words_about_the_product_pay_or_applying_are_not_a_profile(no_profile: Engine, question: str) -> None:
    assert not ask(no_profile, question, "2023-09-01-suivi").answered


@pytest.mark.parametrize("question", ["on bosse où ?", "le poste est basé où ?", "c'est où ?"])
def test_a_question_ending_in_ou_asks_where(bundled: Engine, question: str) -> None:
    answer = ask(bundled, question)
    assert answer.answered and answer.intent == "location"


@pytest.mark.parametrize("question", ["dispo quand ?", "je dois être disponible quand ?",
                                      "When should I be available?"])
def test_asking_when_to_be_available_asks_the_start_date(bundled: Engine, question: str) -> None:
    answer = ask(bundled, question)
    assert answer.answered and answer.intent == "start"


@pytest.fixture
def developer(write_posting: WritePosting) -> Engine:
    posting = write_posting("2023-10-01-dev.md", "roles: Développeur·se full-stack\nstartup: iota\nopen: true",
                            "## Équipe et stack\n\nL'équipe s'est attelée depuis le début de l'année à créer "
                            "un environnement Flask et Postgres avec React.\n\n"
                            "## Profil\n\n- Vous êtes en début de carrière ou confirmé·e\n")
    return engine_of(posting)


def test_what_languages_do_you_use_asks_for_the_stack(developer: Engine) -> None:
    answer = ask(developer, "What languages do you use?", "2023-10-01-dev")
    assert answer.answered and answer.intent == "stack" and "Flask" in answer.text


def test_what_languages_are_spoken_asks_for_spoken_languages(developer: Engine) -> None:
    answer = ask(developer, "What languages are spoken in the team?", "2023-10-01-dev")
    assert not answer.answered and answer.intent == "language"


@pytest.mark.parametrize("question", ["What's the start date?", "Ça commence quand ?"])
def test_depuis_le_debut_and_debut_de_carriere_are_not_a_start_date(developer: Engine, question: str) -> None:
    assert not ask(developer, question, "2023-10-01-dev").answered


@pytest.fixture
def bizdev(write_posting: WritePosting) -> Engine:
    posting = write_posting("2023-11-01-bizdev.md", "roles: Business developer\nstartup: kappa\nopen: true",
                            "## Le poste\n\n- Proposer des actions visant à décupler l'utilisation du produit\n"
                            "- Mobiliser les référents pour une bonne prise en charge des besoins des entreprises\n\n"
                            "## L'équipe\n\nUn sponsor à la DGE et un intrapreneur. "
                            "Le projet est financé par des fonds de "
                            "l'Union européenne et travaille avec des partenaires à l'étranger.\n")
    return engine_of(posting)


@pytest.mark.parametrize("question", ["Do you sponsor visas?", "Faut-il être ressortissant de l'UE ?",
                                      "Les frais de déplacement sont-ils remboursés ?",
                                      "Are travel expenses covered?"])
def test_team_sponsors_eu_funds_and_care_of_users_are_not_visa_or_expenses(bizdev: Engine, question: str) -> None:
    assert not ask(bizdev, question, "2023-11-01-bizdev").answered


def test_travel_costs_taken_in_charge_are_found(write_posting: WritePosting) -> None:
    posting = write_posting("2023-12-01-ops.md", "roles: Chargé·e de déploiement\nstartup: lambda\nopen: true",
                            "## Modalités\n\n- Les frais de déplacement sont pris en charge par l'équipe\n")
    engine = engine_of(posting)
    answer = ask(engine, "Are travel expenses covered?", "2023-12-01-ops")
    assert answer.answered and "pris en charge" in answer.text


@pytest.mark.parametrize("body,answered", [
    ("La startup d'État est rattachée à la Direction générale du logement.", False),
    ("Le service est placé sous la tutelle du ministère.", False),
    ("Vous serez rattaché·e à la responsable produit.", True),
    ("Le poste est placé sous la responsabilité de l'intrapreneuse.", True),
])
def test_the_manager_is_the_person_the_job_reports_to_not_the_ministry(
        write_posting: WritePosting, body: str, answered: bool) -> None:
    posting = write_posting("2024-01-01-pm.md", "roles: Chargé·e de mission\nstartup: mu\nopen: true",
                            f"## L'équipe\n\n{body}\n")
    engine = engine_of(posting)
    assert ask(engine, "Qui sera mon manager ?", "2024-01-01-pm").answered is answered


@pytest.fixture
def question_headings(write_posting: WritePosting) -> Engine:
    posting = write_posting("2024-02-01-da.md", "roles: Directeur·rice artistique\nstartup: nu\nopen: true",
                            "## Environnement de travail\n\n"
                            "Les produits ont en moyenne 6 mois - 1 an, et souvent pas de "
                            "designer pour commencer. Au début du projet, l'équipe était petite.\n\n"
                            "## Combien de temps ?\n\nPremière phase de 20 jours, reconductible.\n")
    return engine_of(posting)


def test_a_heading_asking_combien_de_temps_holds_the_duration(question_headings: Engine) -> None:
    answer = ask(question_headings, "Quelle est la durée de la mission ?", "2024-02-01-da")
    assert answer.answered and answer.section == "Combien de temps ?"


@pytest.mark.parametrize("question", ["Quelle est la date de début ?", "When does it start?"])
def test_pour_commencer_and_au_debut_de_are_not_a_start_date(question_headings: Engine, question: str) -> None:
    assert not ask(question_headings, question, "2024-02-01-da").answered


@pytest.mark.parametrize("question", ["How long is the mission?", "Quelle est la durée du contrat ?"])
def test_years_of_experience_asked_are_not_the_length_of_the_mission(write_posting: WritePosting,
                                                                      question: str) -> None:
    posting = write_posting("2024-03-01-data.md", "roles: Data engineer\nstartup: xi\nopen: true",
                            "## Profil recherché\n\nVous avez une expérience d’au moins 5 ans dans ce domaine.\n\n"
                            "## Informations administratives\n\n- Contrat CDD 3 ans\n")
    engine = engine_of(posting)
    answer = ask(engine, question, "2024-03-01-data")
    assert answer.answered and answer.text.splitlines()[1:] == ["Contrat CDD 3 ans"]


@pytest.fixture
def practical(write_posting: WritePosting) -> Engine:
    posting = write_posting("2024-04-01-deploiement.md", "roles: Chargé·e de déploiement\nstartup: omicron\nopen: true",
                            "## Qui sommes-nous ?\n\nL'équipe est composée de : une product manager, un coach et "
                            "deux développeurs.\n\n"
                            "## Informations pratiques\n\n"
                            "- Le télétravail est possible, une présence à Paris est souhaitable\n"
                            "- Date d'entrée souhaitée : début juillet (à négocier)\n\n"
                            "## Candidater\n\nEnvoyez votre CV à jobs@omicron.example\n")
    return engine_of(posting)


def test_a_date_to_negotiate_is_not_pay(practical: Engine) -> None:
    assert not ask(practical, "Combien c'est payé ?", "2024-04-01-deploiement").answered


@pytest.mark.parametrize("question", ["Where do I send my CV?", "Where do I apply?"])
def test_where_do_i_send_my_cv_asks_how_to_apply(practical: Engine, question: str) -> None:
    answer = ask(practical, question, "2024-04-01-deploiement")
    assert answer.intent == "apply" and "jobs@omicron.example" in answer.text


def test_working_with_a_technology_is_not_a_question_about_the_team(practical: Engine) -> None:
    answer = ask(practical, "Do you work with Python?", "2024-04-01-deploiement")
    assert not answer.answered and answer.intent != "team"


@pytest.mark.parametrize("question", ["Who will I work with?", "Je vais travailler avec qui ?"])
def test_asking_who_one_works_with_asks_about_the_team(practical: Engine, question: str) -> None:
    answer = ask(practical, question, "2024-04-01-deploiement")
    assert answer.answered and answer.intent == "team"


@pytest.mark.parametrize("question", ["Pour le poste de dev chez Delta, ils demandent quelles technos ?",
                                      "ils attendent quelles technos ?", "ils veulent quelles technos ?"])
def test_what_they_ask_for_is_no_subject_of_its_own(write_posting: WritePosting, question: str) -> None:
    """"ils demandent", like "vous demandez", asks; it names nothing a line must hold."""
    engine = engine_of(write_posting("2023-05-01-dev.md", "roles: Développeur·se\nstartup: delta\nopen: true",
                                     "## Technique\n\nNodeJS, MongoDB, Nginx, Redis.\n"))
    assert not {"demandent", "attendent", "veulent"} & engine.matcher.analyse(question).free_words
    answer = engine.answer(question, "2023-05-01-dev")
    assert answer.answered and "NodeJS" in answer.text, answer.reason


@pytest.mark.parametrize("question", [
    "Pour le poste de dev chez Delta (le CDD de 3 ans à la DINUM, 2020), ils demandent quelles technos ?",
    "Delta developer job (3-year contract at the DINUM, 2020): which technologies do they ask for?"])
def test_words_that_only_name_the_posting_pick_no_line(write_posting: WritePosting, question: str) -> None:
    """The clauses that ask nothing (no "?" ends them) name the posting: a line that shares their words (the
    ministry, the length of the contract) is no better an answer for it."""
    engine = engine_of(write_posting("2020-02-07-dev.md", "roles: Développeur·se\nstartup: delta\nopen: true",
                                     "## Delta recrute\n\nLa DINUM recherche un expert Node.js pour Delta, un produit "
                                     "qui fête ses 3 ans en 2020.\n\n"
                                     "## Compétences\n\n- Maîtrise des technologies NodeJS, MongoDB, Nginx\n"))
    answer = engine.answer(question, "2020-02-07-dev")
    assert answer.answered and answer.text.splitlines()[:2] == ["« Compétences »",
                                                                 "Maîtrise des technologies NodeJS, MongoDB, Nginx"]


def test_a_clause_that_asks_too_is_not_taken_for_a_name(bundled: Engine) -> None:
    query = bundled.matcher.analyse("quel profil vous cherchez ? faut être commercial ?")
    assert not query.naming_words


@pytest.mark.parametrize("question", ["Pour le poste de dev full stack chez Delta, c'est quoi le TJM ?",
                                      "For the full stack developer job at Delta, what is the daily rate?"])
def test_a_full_stack_role_does_not_ask_for_the_stack(bundled: Engine, question: str) -> None:
    assert "stack" not in [i.name for i in bundled.matcher.analyse(question).intents]
