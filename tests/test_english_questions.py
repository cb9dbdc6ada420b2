"""English questions on French postings: the words English adds that name nothing ("anyway", "already"), and
the words that ask rather than name ("involved"), do not make the engine think the posting is silent."""

from __future__ import annotations

import pytest

from bot.engine import Engine
from conftest import WritePosting, engine_of, write_other_postings

BODY = """## Le produit

Cartobus est une plateforme qui recense les lignes de bus des petites communes.

## Vos missions

- Recruter les designers et les développeurs de l'équipe
- Animer la communauté des communes utilisatrices

## Modalités

Télétravail possible deux jours par semaine.
"""


OTHER = """## Vos missions

- Développer le service et son API
- Mener des entretiens avec les usagers

## Modalités

Mission de 6 mois, à Lyon.
"""


@pytest.fixture
def cartobus(write_posting: WritePosting) -> Engine:
    for n, team in enumerate(("impots", "sante", "ecoles")):  # other postings: a word of one posting only is rare
        write_posting(f"2024-01-0{n + 1}-dev-{team}.md", f"roles: Développeur\nstartup: {team}", OTHER)
    return engine_of(write_posting("2024-01-10-pm-transports.md", "roles: Product manager\nstartup: transports-ruraux",
                                   BODY))


@pytest.mark.parametrize("question", ["What is Cartobus anyway?", "C'est quoi Cartobus déjà ?"])
def test_a_word_that_names_nothing_does_not_stop_a_definition(cartobus: Engine, question: str) -> None:
    answer = cartobus.answer(question, "2024-01-10-pm-transports")
    assert answer.answered and "recense les lignes de bus" in answer.text


def test_a_word_that_asks_is_not_taken_for_a_thing_the_posting_never_names(cartobus: Engine) -> None:
    query = cartobus.matcher.analyse("Would I be involved in recruiting people?")
    assert "involved" not in query.specific


def test_an_english_word_with_no_french_rendering_is_not_said_to_be_missing(cartobus: Engine) -> None:
    """A French posting never writes "actual": its absence says nothing. The bot tells the candidate the posting does
    not mention a budget, not that it does not mention "actual"."""
    answer = cartobus.answer("Is there an actual budget?", "2024-01-10-pm-transports")
    assert not answer.answered and answer.reason_detail == "budget", answer.reason


@pytest.mark.parametrize(("question", "line"), [
    ("What degree are you expecting?", "diplôme de niveau master"),
    ("when would the first missions kick off?", "Début de la mission en mars"),
])
def test_everyday_english_words_are_not_taken_for_things_never_named(write_posting: WritePosting, question: str,
                                                                     line: str) -> None:
    body = ("## Profil recherché\n\nVous êtes titulaire d'un diplôme de niveau master en informatique.\n\n"
            "## Modalités de travail\n\nDébut de la mission en mars / avril ;\n")
    engine = engine_of(write_posting("2024-02-01-dev.md", "roles: Développeur\nstartup: delta", body))
    answer = engine.answer(question, "2024-02-01-dev")
    assert answer.answered and line in answer.text, answer.reason


def test_a_french_word_that_asks_whether_is_not_taken_for_a_thing_never_named(write_posting: WritePosting) -> None:
    write_posting("2024-01-01-pm.md", "roles: PM\nstartup: gamma", "## Contexte\n\nLe service existe depuis 2019.\n")
    body = "## Mission\n\nElle fait suite à la création en septembre 2020 d'un site internet et d'un annuaire.\n"
    engine = engine_of(write_posting("2024-02-01-dev.md", "roles: Développeur\nstartup: delta", body))
    answer = engine.answer("le site internet existe deja ?", "2024-02-01-dev")
    assert answer.answered and "création en septembre 2020" in answer.text, answer.reason


@pytest.mark.parametrize("question", ["quelles compétences vous attendez ?", "quelles compétences cherchez-vous ?"])
def test_a_french_verb_that_asks_what_is_wanted_is_not_a_thing_never_named(write_posting: WritePosting,
                                                                           question: str) -> None:
    """As "What degree are you expecting?": "vous attendez" asks; the posting need not write "attendre"."""
    write_posting("2024-01-01-pm.md", "roles: PM\nstartup: gamma", "## Contexte\n\nLe service existe depuis 2019.\n")
    body = "## Compétences\n\nTu maîtrises notamment :\n\n- Les technologies de suivi client\n- Le référencement\n"
    engine = engine_of(write_posting("2024-02-01-dev.md", "roles: Chargé de déploiement\nstartup: delta", body))
    answer = engine.answer(question, "2024-02-01-dev")
    assert answer.answered and "suivi client" in answer.text, answer.reason


def test_faire_asks_it_names_nothing_the_line_must_hold(write_posting: WritePosting) -> None:
    """"je devrais aussi faire de l'admin sys ?": the line must speak of system administration, not of "faire"."""
    write_posting("2024-01-01-pm.md", "roles: PM\nstartup: gamma", "## Contexte\n\nLe service existe depuis 2019.\n")
    body = ("## Responsabilités\n\nVous serez en charge des développements de l'administration système au CSS, "
            "en passant par les outils de déploiement.\n")
    engine = engine_of(write_posting("2024-02-01-dev.md", "roles: Développeur\nstartup: delta", body))
    answer = engine.answer("je devrais aussi faire de l'admin sys ?", "2024-02-01-dev")
    assert answer.answered and "administration système" in answer.text, answer.reason


@pytest.mark.parametrize(("question", "kept"), [("Who's on the core team?", "core"),
                                                 ("How much time would I spend on support?", "spend")])
def test_a_short_english_word_is_not_mended_into_another_word(bundled: Engine, question: str, kept: str) -> None:
    words = bundled.matcher.analyse(question).words
    assert kept in words and "corse" not in words and "send" not in words


@pytest.mark.parametrize(("question", "kept", "not_read"), [("Which internal tools will I use?", "internal", "intern"),
                                                           ("Which platforms will I support?", "platform", "")])
def test_an_english_word_is_not_mended_into_the_word_it_derives_from(bundled: Engine, question: str, kept: str,
                                                                     not_read: str) -> None:
    """"internal" is no slip for "intern" (an internship); a plural still reads as its word."""
    words = bundled.matcher.analyse(question).words
    assert kept in words and (not not_read or not_read not in words)


def test_a_word_of_a_name_the_lexicon_knows_is_not_a_thing_never_named(write_posting: WritePosting) -> None:
    """"art director" is how English says "directeur artistique": "director" is not missing from the posting."""
    write_posting("2024-01-01-pm.md", "roles: PM\nstartup: gamma", "## Contexte\n\nLe service existe depuis 2019.\n")
    body = "## Candidater\n\nEnvoyez votre portfolio à da@beta.gouv.fr.\n"
    engine = engine_of(write_posting("2024-02-01-da.md", "roles: DA\nstartup: delta", body))
    answer = engine.answer("art director role: how do I apply?", "2024-02-01-da")
    assert answer.answered and "da@beta.gouv.fr" in answer.text, answer.reason


def test_a_typo_in_an_english_question_is_still_mended(bundled: Engine) -> None:
    assert "mission" in bundled.matcher.analyse("How long is the mision?").words


def test_march_is_the_month(bundled: Engine) -> None:
    assert "mars" in bundled.matcher.analyse("Can I start in March?").words


def test_a_line_naming_the_thing_asked_answers_only_with_the_kind_of_fact_asked(write_posting: WritePosting) -> None:
    body = ("## Le produit\n\nCartobus recense les lignes de bus des petites communes. Son code est open source.\n\n"
            "## Candidater\n\nEnvoyez votre CV et un lien vers votre profil GitHub à recrutement@cartobus.fr.\n")
    for n, team in enumerate(("impots", "sante", "ecoles")):
        write_posting(f"2024-01-0{n + 1}-dev-{team}.md", f"roles: Développeur\nstartup: {team}", OTHER)
    engine = engine_of(write_posting("2024-01-10-dev-transports.md", "roles: Développeur\nstartup: transports", body))
    for question in ("Is the code public on GitHub?", "Le code est publié sur GitHub ?"):
        answer = engine.answer(question, "2024-01-10-dev-transports")
        assert "profil GitHub" not in answer.text, question  # a GitHub profile says nothing of where the code is


@pytest.mark.parametrize("question", ["How long would the engagement last?", "La mission dure combien de temps ?"])
def test_a_multi_year_horizon_answers_how_long(write_posting: WritePosting, question: str) -> None:
    body = "## Modalités\n\n- Horizon du projet : pluri-annuel\n- Télétravail possible\n"
    engine = engine_of(write_posting("2024-01-10-dev-transports.md", "roles: Développeur\nstartup: transports", body))
    answer = engine.answer(question, "2024-01-10-dev-transports")
    assert answer.answered and "pluri-annuel" in answer.text



@pytest.mark.parametrize(("question", "word"), [("Would I be managing coaches?", "managing"),
                                                ("What design work is planned for early 2022?", "planned"),
                                                ("Can I be based in Lyon instead of Paris?", "instead")])
def test_an_english_verb_form_or_adverb_no_posting_uses_names_nothing(bundled: Engine, question: str,
                                                                      word: str) -> None:
    """The postings are French: "managing", "instead" are in none of them, and name no thing they lack."""
    assert word not in bundled.matcher.analyse(question).specific


def test_an_english_noun_no_posting_uses_still_names_a_thing_the_posting_lacks(bundled: Engine) -> None:
    assert "clearance" in bundled.matcher.analyse("Do I need a security clearance?").specific


@pytest.mark.parametrize(("question", "line"), [("is the codebase open source?", "un projet Open Source"),
                                                ("which framework does the codebase use?", "Rails 5")])
def test_the_codebase_is_the_job_s_code_not_a_thing_a_line_must_name(write_posting: WritePosting, question: str,
                                                                     line: str) -> None:
    engine = engine_of(write_posting("2023-05-01-dev.md", "roles: Développeur·se\nstartup: delta",
                                     "## Le poste\n\nVous travaillerez sur un projet Open Source.\n\n"
                                     "## Stack\n\n- Technos : Rails 5, RSpec, Ansible\n"))
    answer = engine.answer(question, "2023-05-01-dev")
    assert answer.answered and line in answer.text, (answer.reason, answer.text)


@pytest.mark.parametrize("question", ["You send free boxes? What's in them?", "Do they send newsletters to users?"])
def test_what_the_team_sends_is_no_application(bundled: Engine, question: str) -> None:
    """"send" asks how to apply when the candidate sends, not when the team does."""
    assert "apply" not in [i.name for i in bundled.matcher.analyse(question).intents]


@pytest.mark.parametrize("question", ["Where should I send my CV?", "Where do I send it?", "Can I send a video?"])
def test_what_the_candidate_sends_is_an_application(bundled: Engine, question: str) -> None:
    assert bundled.matcher.analyse(question).intents[0].name == "apply"


@pytest.mark.parametrize("question", ["Which administration is DossierFacile attached to?",
                                      "What ministry is the team attached to?"])
def test_attached_to_an_administration_is_no_attachment_to_send(bundled: Engine, question: str) -> None:
    """"attached to" says whom the team belongs to; "attach my CV" is how to apply."""
    assert bundled.matcher.analyse(question).intents[0].name == "org"


def test_attaching_a_document_is_an_application(bundled: Engine) -> None:
    assert bundled.matcher.analyse("Should I attach a cover letter?").intents[0].name in ("apply", "documents")


@pytest.mark.parametrize(("question", "intent"), [
    ("c ouvert aux débutants ?", "junior"),
    ("How long should my application message be?", "apply"),
    ("Where's the code?", "open_source"),
    ("où est le code ?", "open_source"),
    ("vous déployez sur quoi ?", "hosting"),
    ("c quoi le budget jour pour ce poste ?", "pay"),
])
def test_a_wording_reads_as_the_topic_it_asks(bundled: Engine, question: str, intent: str) -> None:
    """"débutants" is no start ("début"); "how long should my message be" no length of mission; the code's place
    no office; where it is deployed is its hosting; a day budget for the job is its pay."""
    assert bundled.matcher.analyse(question).intents[0].name == intent


@pytest.mark.parametrize(("question", "line"), [
    ("ça représente cmb de jours hebdo ?", "Temps de travail : 3 ou 4 jours / semaine"),
    ("y aura du phoning ?", "Démarchage téléphonique et mailing auprès des associations"),
    ("Which CI do you use?", "Tooling : GitHub, HerokuCI"),
    ("What CI tool do you use?", "Outils : GitHub, CircleCI, Nginx, Kibana, Grafana"),
])
def test_shorthand_and_jargon_find_the_line_that_says_it(write_posting: WritePosting, question: str,
                                                         line: str) -> None:
    """"cmb", "hebdo": "combien", "par semaine"; "phoning": démarchage téléphonique; "CI" in "HerokuCI" and in
    "CircleCI"."""
    write_other_postings(write_posting, 3)  # a word of one posting only is rare, as in a real collection
    path = write_posting("2023-05-01-dev.md", "roles: Chargé·e de déploiement\nstartup: delta",
                         f"## Missions\n\n- {line}\n\n## Modalités\n\nTélétravail possible.\n")
    answer = engine_of(path).answer(question, "2023-05-01-dev")
    assert answer.answered and line in answer.text, answer.reason
