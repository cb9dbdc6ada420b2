"""Finding the posting a question is about when none is chosen: the names candidates use.

A posting is named by its role and its team or product, written apart or together, by an acronym or
written out, in French or in English; re-publications of one posting differ by their date.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from bot.engine import Engine
from bot.matcher import AMBIGUITY, _seasons_in
from conftest import CORPUS, PROJECT, TODAY, WritePosting, engine_of, run_folder


def top(engine: Engine, question: str) -> str:
    ranked = engine.matcher.rank_postings(engine.matcher.analyse(question))
    assert ranked, f"no posting found for {question!r}"
    return ranked[0][1].posting.stem


def other_teams(write_posting: WritePosting, count: int) -> None:
    """Dev postings of other teams, so that words many postings share weigh little and one team's name is rare."""
    for n in range(count):
        write_posting(f"2020-01-{n + 1:02d}-dev-equipe{n}.md", f"title: Développeur·se\nstartup: equipe{n}\nopen: true",
                      "## Modalités\n\nMission de 6 mois.\n")


@pytest.fixture
def collection(write_posting: WritePosting) -> Engine:
    write_posting("2021-03-01-aidantsconnect-dev.md", "roles: un ou une dev web full stack\nstartup: aidantsconnect\n"
                  "open: true", "## Modalités\n\nMission de 6 mois.\n")
    write_posting("2021-04-01-aidants-connect-po.md", "title: Aidants Connect recrute un·e chef·fe de produit\n"
                  "startup: aidantsconnect\nopen: true", "## Modalités\n\nMission de 3 mois.\n")
    write_posting("2020-06-01-portefeuille.md", "title: Chargé·e de portefeuille à l'Incubateur des Territoires\n"
                  "open: true", "## Modalités\n\nMission de 12 mois.\n")
    write_posting("2020-07-01-portefeuille-dinum.md", "title: Chargé·e de portefeuille à la DINUM\nopen: true",
                  "## Modalités\n\nMission de 9 mois.\n")
    write_posting("2021-06-24-reva-dev.md", "title: Une ou un dev fullstack pour Reva\nstartup: reva\nopen: true",
                  "## Modalités\n\nMission de 4 mois.\n")
    write_posting("2022-11-03-reva-dev.md", "title: Une ou un dev fullstack pour Reva\nstartup: reva\nopen: true",
                  "## Modalités\n\nMission de 5 mois.\n")
    last = write_posting("2021-07-09-responsable-produit.md", "title: Un ou une responsable produit numérique\n"
                         "startup: infoparquet\nopen: true", "## Modalités\n\nMission de 7 mois.\n")
    write_posting("2021-02-02-pm-fabnum.md", "title: Product Manager\nstartup: fabnum\nopen: true",
                  "## Modalités\n\nMission de 8 mois.\n")
    return engine_of(last)


@pytest.mark.parametrize("question", ["Chez Aidants Connect, le poste de dev full stack, c'est pour combien de temps ?",
                                      "Aidants Connect full stack dev job: how long is it?"])
def test_a_team_written_apart_and_a_role_written_short_find_the_posting(collection: Engine, question: str) -> None:
    assert top(collection, question) == "2021-03-01-aidantsconnect-dev"


@pytest.mark.parametrize("question", ["Chargé·e de portefeuille à l'ANCT : la mission dure combien de temps ?",
                                      "Portfolio manager job at the ANCT: how long is the contract?"])
def test_an_acronym_finds_the_posting_that_writes_its_name_out(collection: Engine, question: str) -> None:
    assert top(collection, question) == "2020-06-01-portefeuille"


@pytest.mark.parametrize("question", ["Chef·fe de produit (2021, à la DGT) : c'est un CDD de combien ?",
                                      "Product manager at the DGT (2021): how long is the contract?"])
def test_a_directorate_named_by_its_acronym_is_required_and_found_written_out(write_posting: WritePosting,
                                                                             question: str) -> None:
    """"à la DGT": a name the posting writes out ("la Direction générale du Travail") is mentioned all the same."""
    other_teams(write_posting, 3)
    last = write_posting("2021-03-08-chef-produit.md", "title: Chef·fe de produit\nstartup: codedutravail\nopen: true",
                         "## Modalités\n\nUn CDD de 3 ans au sein de la Direction générale du Travail.\n")
    answer = engine_of(last).answer(question)
    assert answer.answered and "CDD de 3 ans" in answer.text, (answer.reason, answer.text)


@pytest.mark.parametrize("question", ["REVA, l'offre de dev fullstack de novembre 2022 : c'est pour combien de temps ?",
                                      "REVA fullstack dev opening from Nov 2022: how long is it?"])
def test_a_date_tells_re_publications_apart(collection: Engine, question: str) -> None:
    assert top(collection, question) == "2022-11-03-reva-dev"


@pytest.mark.parametrize("question", ["Info Parquet product manager role: how long is the mission?",
                                      "Info Parquet, le poste de chef de produit, ça dure combien de temps ?"])
def test_a_product_named_in_two_words_and_an_english_title_find_the_posting(collection: Engine,
                                                                           question: str) -> None:
    assert top(collection, question) == "2021-07-09-responsable-produit"


def test_a_team_the_question_names_is_required_of_the_other_candidates(collection: Engine) -> None:
    ranked = collection.matcher.rank_postings(collection.matcher.analyse("Info Parquet product manager job?"))
    assert [p.posting.stem for score, p in ranked if score >= 0.9] == ["2021-07-09-responsable-produit"]


def test_the_posting_is_found_among_the_whole_corpus_by_its_acronym(corpus: Engine) -> None:
    question = "Chargé·e de portefeuille à l'ANCT : la mission dure combien de temps ?"
    assert top(corpus, question) == "2022-05-12-charge-e.de.portefeuille.data.a.lincubateur.des.territoires"


def test_the_posting_is_found_among_the_whole_corpus_by_its_product_and_date(corpus: Engine) -> None:
    assert top(corpus, "REVA fullstack developer opening from Nov 2022: is it remote?") == \
        "2022-11-03-une.ou.un.dev.fullstack.reva"
    assert top(corpus, "Info Parquet product manager job: is it remote?") == \
        "2021-07-09-un.ou.une.responsable.produit.numerique"


@pytest.mark.parametrize("question", ["Développeur : le TJM c'est combien ?", "Developer job: what's the daily rate?"])
def test_a_posting_ranked_as_close_as_one_that_does_not_say_is_offered_not_answered_from(
        write_posting: WritePosting, question: str) -> None:
    write_posting("2023-05-01-dev-alpha.md", "roles: Développeur·se\nstartup: Alpha\nopen: true",
                  "## Modalités\n\nTélétravail possible.\n")
    last = write_posting("2023-05-01-dev-beta.md", "roles: Développeur·se\nstartup: Beta\nopen: true",
                         "## Modalités\n\nTJM : 500 euros.\n")
    answer = engine_of(last).answer(question)
    assert not answer.answered and answer.reason == "ambiguous"
    assert {p.stem for p in answer.alternatives} == {"2023-05-01-dev-alpha", "2023-05-01-dev-beta"}


def test_words_naming_the_posting_in_another_order_do_not_ask_about_them(write_posting: WritePosting) -> None:
    path = write_posting("2022-01-10-ui-designer-junior.md", "title: UI Designer Junior\nstartup: inclusion\n"
                         "open: true\njunior: true", "## Candidater\n\nEnvoyez votre CV à anne@beta.gouv.fr\n")
    answer = engine_of(path).answer("junior UI designer job: where do I send my CV?", "2022-01-10-ui-designer-junior")
    assert answer.answered and answer.intent == "apply" and "anne@beta.gouv.fr" in answer.text


@pytest.mark.parametrize("question", [
    "Delta developer opening (Feb 2022, the one about measurement): how long is the mission?",
    "Pour le poste de dev chez Le Bon Tuteur : la mission dure combien ?"])
def test_plain_english_words_months_and_names_written_apart_do_not_mean_another_posting(
        write_posting: WritePosting, question: str) -> None:
    write_posting("2022-02-01-delta-dev.md", "roles: Développeur·se\nstartup: delta\nopen: true",
                  "## Modalités\n\nMission de 6 mois.\n")
    last = write_posting("2017-12-05-dev-lebontuteur.md", "roles: Développeur·se\nstartup: lebontuteur\nopen: true",
                         "## Modalités\n\nMission de 3 mois chez LeBonTuteur.\n")
    answer = engine_of(last).answer(question)
    assert answer.reason != "no-posting" and not answer.reason.startswith("no-posting:")


def test_a_name_no_posting_mentions_still_means_another_posting(write_posting: WritePosting) -> None:
    last = write_posting("2022-02-01-delta-dev.md", "roles: Développeur·se\nstartup: delta\nopen: true",
                         "## Modalités\n\nMission de 6 mois.\n")
    answer = engine_of(last).answer("Chez SNCF Connect, pour le poste de développeur, la mission dure combien ?")
    assert not answer.answered and answer.reason.startswith("no-posting")


@pytest.mark.parametrize("question", ["At SNCF Connect, the developer job: how long is the mission?",
                                      "Delta Airlines developer job: how long is the mission?"])
def test_an_english_name_no_posting_mentions_still_means_another_posting(write_posting: WritePosting,
                                                                        question: str) -> None:
    last = write_posting("2022-02-01-delta-dev.md", "roles: Développeur·se\nstartup: delta\nopen: true",
                         "## Modalités\n\nMission de 6 mois.\n")
    answer = engine_of(last).answer(question)
    assert not answer.answered and answer.reason.startswith("no-posting"), answer.text


def test_an_english_rendering_of_a_french_team_name_finds_the_posting(write_posting: WritePosting) -> None:
    """"Civilians of Defence (Ministry of Armed Forces)": "Civils de la défense", of the "ministère des Armées"."""
    other_teams(write_posting, 3)
    last = write_posting("2018-07-16-dev-civils.md", "roles: un·e dev fullstack\nstartup: civils-de-la-defense",
                         "## Qui sommes nous ?\n\nCivils de la défense est une Startup d’État du Ministère des "
                         "Armées.\n\n## Modalités\n\nTélétravail partiel bienvenu.\n")
    answer = engine_of(last).answer("Civilians of Defence startup (Ministry of Armed Forces), the fullstack dev job: "
                                    "can I work remotely part of the week?")
    assert answer.answered and "Télétravail partiel" in answer.text, answer.reason


def test_a_team_named_apart_counts_once_whatever_the_posting_writes(collection: Engine) -> None:
    # "Aidants Connect" counts as much for a posting that writes "aidantsconnect" as for one writing it apart:
    # the role then tells them apart
    assert top(collection, "Pour Aidants Connect, j'envoie ma candidature de dev à quelle adresse ?") == \
        "2021-03-01-aidantsconnect-dev"


@pytest.mark.parametrize("question", ["Product manager job: how long is the mission?",
                                      "Le poste de product manager, la mission dure combien de temps ?"])
def test_a_role_of_several_words_and_its_acronym_count_once(write_posting: WritePosting, question: str) -> None:
    # "product manager" is one name, whether a posting writes it out or as "PM": neither is better named
    write_posting("2023-01-02-pm-alpha.md", "title: PM\nstartup: alpha\nopen: true",
                  "## Modalités\n\nMission de 6 mois.\n")
    write_posting("2023-01-03-dev-gamma.md", "title: Développeur·se\nstartup: gamma\nopen: true",
                  "## Modalités\n\nMission de 2 mois.\n")
    last = write_posting("2023-01-04-product-manager-beta.md", "title: Product Manager\nstartup: beta\nopen: true",
                         "## Modalités\n\nMission de 4 mois.\n")
    answer = engine_of(last).answer(question)
    assert not answer.answered and answer.reason == "ambiguous"
    assert {p.stem for p in answer.alternatives} == {"2023-01-02-pm-alpha", "2023-01-04-product-manager-beta"}


def test_a_word_describing_the_team_names_no_posting(corpus: Engine) -> None:
    # "la startup" describes the team; it does not name the postings whose title says "pour la startup X"
    assert "reva" in top(corpus, "Chez REVA (une startup de la VAE), quel TJM ?")


def test_a_word_of_what_is_asked_names_a_posting_outside_the_clause_that_asks(corpus: Engine) -> None:
    # "junior" asks about juniors in "c'est ouvert aux juniors ?"; in the clause naming the job, it names it
    question = "Pour le poste d'UI designer junior à la plateforme de l'inclusion, quel est le TJM ?"
    assert top(corpus, question) == "2022-01-10-ui.designer.junior.1"


@pytest.mark.parametrize(("question", "expected"), [
    ("Le poste de dev chez Lynx publié en mars 2022 : c'est pour combien de temps ?", "lynx-dev-nouveau"),
    ("Lynx developer opening from November 2021: how long is the mission?", "lynx-dev")])
def test_a_month_finds_a_posting_dated_by_its_front_matter(write_posting: WritePosting, question: str,
                                                           expected: str) -> None:
    # file names without a date: the front matter's "date:" says when each was published
    write_posting("lynx-dev.md", "title: Développeur·se\nstartup: lynx\ndate: 2021-11-25\nopen: true",
                  "## Modalités\n\nMission de 5 mois.\n")
    last = write_posting("lynx-dev-nouveau.md", "title: Développeur·se\nstartup: lynx\ndate: 2022-03-17\nopen: true",
                         "## Modalités\n\nMission de 3 mois.\n")
    assert top(engine_of(last), question) == expected


@pytest.mark.parametrize(("question", "expected"), [
    ("Le poste de dev full stack de la nouvelle startup d'État (mission apprentissage) : quel télétravail ?",
     "trajpro_dev"),
    ("Le poste de responsable produit du tableau de bord (mission interministérielle pour l'apprentissage) : "
     "quel statut ?", "potdb_mia")])
def test_a_remark_in_parentheses_adds_to_a_name_but_is_not_required_of_it(corpus: Engine, question: str,
                                                                         expected: str) -> None:
    # the posting's name does not say "mission apprentissage"; its text does
    assert top(corpus, question) == expected


@pytest.mark.parametrize("question", ["Art director job: how long is the mission?",
                                      "Le poste de directrice artistique, c'est pour combien de temps ?"])
def test_a_role_is_found_in_english_and_in_french(write_posting: WritePosting, question: str) -> None:
    write_posting("2021-02-20-designer.md", "title: Designer\nstartup: lynx\nopen: true",
                  "## Modalités\n\nMission de 2 mois.\n")
    write_posting("2021-02-22-dev.md", "title: Développeur·se\nstartup: lynx\nopen: true",
                  "## Modalités\n\nMission de 5 mois.\n")
    last = write_posting("2021-02-24-da.md", "roles: directeur.trice artistique\nstartup: Designers transverses\n"
                         "open: true", "## Modalités\n\nMission de 3 mois.\n")
    assert top(engine_of(last), question) == "2021-02-24-da"


def test_a_clause_that_asks_and_names_the_job_names_it(corpus: Engine) -> None:
    # "pour le poste de dev" names the job even in the clause that asks: the postings offered are developers'
    answer = corpus.answer("Chez data.gouv.fr, c'est quel type de contrat pour le poste de dev ?")
    assert answer.posting is not None and "dev" in answer.posting.stem
    assert all("dev" in p.stem and "bizdev" not in p.stem for p in answer.alternatives)


@pytest.mark.parametrize(("question", "expected"), [
    ("Le poste de dev chez Lynx publié à l'automne 2021 : c'est pour combien de temps ?", "2021-10-04-lynx-dev"),
    ("Lynx developer opening (spring 2021): how long is the mission?", "2021-03-15-lynx-dev"),
    ("Le poste de dev chez Lynx de début 2021, ça dure combien ?", "2021-03-15-lynx-dev")])
def test_a_season_finds_the_posting_published_then(write_posting: WritePosting, question: str, expected: str) -> None:
    write_posting("2021-03-15-lynx-dev.md", "title: Développeur·se\nstartup: lynx\nopen: true",
                  "## Modalités\n\nMission de 5 mois.\n")
    last = write_posting("2021-10-04-lynx-dev.md", "title: Développeur·se\nstartup: lynx\nopen: true",
                         "## Modalités\n\nMission de 3 mois.\n")
    assert top(engine_of(last), question) == expected


@pytest.mark.parametrize("question", [
    "Le poste de dev Lynx (équipe API, février 2022) : c'est pour combien de temps ?",
    "Lynx API team dev opening (Feb 2022): how long is the mission?"])
def test_a_posting_dated_another_year_than_the_one_named_gives_way(write_posting: WritePosting, question: str) -> None:
    """The question's date outweighs a word it shares with an older posting's name: the posting of February 2022
    answers, where the one of 2020 named "API" came close enough to be offered beside it."""
    write_posting("2020-10-12-lynx-api.md", "title: Développeur·se API\nstartup: lynx\nopen: true",
                  "## Modalités\n\nMission de 5 mois.\n")
    last = write_posting("2022-02-21-lynx-dev.md", "title: Développeur·se\nstartup: lynx\nopen: true",
                         "## L'équipe\n\nL'équipe API compte trois personnes.\n\n## Modalités\n\nMission de 3 mois.\n")
    answer = engine_of(last).answer(question)
    assert answer.answered and answer.posting is not None and answer.posting.stem == "2022-02-21-lynx-dev", \
        (answer.reason, [p.stem for p in answer.alternatives])


def test_a_name_only_a_lower_ranked_posting_mentions_picks_that_posting(corpus: Engine) -> None:
    """"Qui prend la suite d'Henri": the posting that names Henri is the one, not a better-named transport posting
    that never does (which used to make the bot say that no posting matched)."""
    answer = corpus.answer("transport.data.gouv.fr, le poste de responsable de l'ouverture des données qui prend la "
                           "suite d'Henri : quel type de contrat ?")
    assert answer.answered and answer.posting is not None, answer.reason
    assert answer.posting.stem == "2018-12-04-respo-ouverture-data-transport"


def test_an_abbreviated_month_written_with_a_capital_is_no_name_the_posting_must_mention(corpus: Engine) -> None:
    """"(Nov 2021)" dates the job the candidate means; it names no thing the posting must speak of."""
    answer = corpus.answer("About the growth opening (Nov 2021): what kind of contract is it?",
                           "2021-11-22-growth.hacker.de.jeveuxaider-gouv-fr")
    assert answer.answered and "indépendant" in answer.text, (answer.reason, answer.text)


@pytest.mark.parametrize("question", [
    "Le poste de support des référents Lynx (janvier 2022) : c'est combien de jours ?",
    "Lynx support & referent-network role (Jan 2022): how many days a week?"])
def test_the_one_posting_of_the_year_named_answers_rather_than_a_better_match_of_another_year(
        write_posting: WritePosting, question: str) -> None:
    """The posting of 2021 shares more words with the question, but the candidate named 2022, and one posting of
    2022 is among those found: the date tells which, the answer comes from it."""
    other_teams(write_posting, 3)  # the words they share weigh little
    write_posting("2021-02-15-lynx-support.md", "title: Chargé·e de support et d'animation des référents\n"
                  "startup: lynx\nopen: true", "## Modalités\n\nMission à 3 jours par semaine.\n")
    last = write_posting("2022-01-25-lynx-assistance.md", "title: Chargé·e d'assistance et d'animation des référents\n"
                         "startup: lynx\nopen: true",
                         "## Modalités\n\nMission à 4 jours par semaine minimum.\n")
    answer = engine_of(last).answer(question)
    assert answer.answered and answer.posting is not None, (answer.reason, answer.text)
    assert answer.posting.stem == "2022-01-25-lynx-assistance" and "4 jours par semaine" in answer.text


@pytest.mark.parametrize("question", [
    "Le poste de chargé·e de déploiement Lynx (celui de 2019, avant le lancement de janvier 2020) : télétravail ?",
    "Lynx deployment officer (the one from 2019, before the January 2020 launch): remote work?"])
def test_of_several_years_named_the_one_that_dates_the_posting_tells_which(write_posting: WritePosting,
                                                                           question: str) -> None:
    """"celui de 2019" dates the posting; "le lancement de janvier 2020" is an event the posting speaks of."""
    other_teams(write_posting, 3)
    write_posting("2020-03-10-lynx-deploiement.md", "title: Chargé·e de déploiement\nstartup: lynx\nopen: true",
                  "## Modalités\n\nPoste basé à Paris, télétravail possible 2 jours par semaine.\n")
    last = write_posting("2019-09-12-lynx-deploiement.md", "title: Chargé·e de déploiement\nstartup: lynx\nopen: true",
                         "## Modalités\n\nPoste basé à Paris, télétravail possible 1 jour par semaine maximum.\n")
    answer = engine_of(last).answer(question)
    assert answer.answered and answer.posting is not None, (answer.reason, answer.text)
    assert answer.posting.stem == "2019-09-12-lynx-deploiement" and "1 jour par semaine" in answer.text


@pytest.mark.parametrize("question", ["le poste de dev Django chez Lynx (fin 2019) : combien de jours par semaine ?",
                                      "Lynx Django developer opening (late 2019): how many days a week?"])
def test_the_posting_of_the_year_named_is_found_below_more_than_a_handful_of_better_matches(
        write_posting: WritePosting, question: str) -> None:
    """Four Django postings of 2021 match the words better; the one of 2019, fifth, is the one the date names."""
    other_teams(write_posting, 3)
    for month in (1, 3, 5, 8):
        write_posting(f"2021-{month:02d}-05-lynx-dev-django.md", "title: Développeur·se Python\nstartup: lynx\n"
                      "open: true", "## Technique\n\nDjango.\n\n## Modalités\n\nMission à 5 jours par semaine.\n")
    last = write_posting("2019-10-30-lynx-full-stack.md", "title: Développeur·se full stack\nstartup: lynx\nopen: true",
                         "## Technique\n\nDjango, PostgreSQL.\n\n## Modalités\n\nCharge : 4/5e\n")
    answer = engine_of(last).answer(question)
    assert answer.answered and answer.posting is not None, (answer.reason, answer.text)
    assert answer.posting.stem == "2019-10-30-lynx-full-stack" and "4/5e" in answer.text


def test_several_postings_of_the_year_named_below_a_better_match_are_offered_with_buttons(
        write_posting: WritePosting) -> None:
    other_teams(write_posting, 3)
    write_posting("2021-02-15-lynx-support.md", "title: Chargé·e de support et d'animation des référents\n"
                  "startup: lynx\nopen: true", "## Modalités\n\nMission à 3 jours par semaine.\n")
    write_posting("2022-01-25-lynx-assistance.md", "title: Chargé·e d'assistance des référents\nstartup: lynx\n"
                  "open: true", "## Modalités\n\nMission à 4 jours par semaine minimum.\n")
    last = write_posting("2022-06-02-lynx-animation.md", "title: Chargé·e d'animation des référents\nstartup: lynx\n"
                         "open: true", "## Modalités\n\nMission à 2 jours par semaine.\n")
    answer = engine_of(last).answer("Lynx support & referent-network role (2022): how many days a week?")
    assert not answer.answered and answer.reason == "ambiguous", (answer.reason, answer.text)
    assert {p.stem for p in answer.alternatives[:2]} == {"2022-01-25-lynx-assistance", "2022-06-02-lynx-animation"}


@pytest.mark.parametrize("question", [
    "Le poste de dev chez Lynx publié le 17 décembre 2020 : c'est quoi la stack ?",
    "Lynx developer job posted on 17 Dec 2020: what stack?",
    "Lynx developer job (Dec 17, 2020): what stack?",
    "le poste de dev Lynx (annonce du 17/12/2020), c'est quoi la stack ?"])
def test_the_day_named_tells_apart_postings_of_the_same_month(write_posting: WritePosting, question: str) -> None:
    """Two postings of one team published a day apart: the day the question names tells which it means."""
    other_teams(write_posting, 3)
    write_posting("2020-12-18-lynx-dev.md", "title: Développeur·se\nstartup: lynx\nopen: true",
                  "## Technique\n\nLa stack : Django, PostgreSQL.\n")
    last = write_posting("2020-12-17-lynx-dev.md", "title: Développeur·se\nstartup: lynx\nopen: true",
                         "## Technique\n\nLa stack : Angular, TypeScript.\n")
    answer = engine_of(last).answer(question)
    assert answer.answered and answer.posting is not None, (answer.reason, [p.stem for p in answer.alternatives])
    assert answer.posting.stem == "2020-12-17-lynx-dev" and "Angular" in answer.text


def test_a_posting_of_december_is_still_one_of_the_next_year(write_posting: WritePosting) -> None:
    """"(début 2019)": a posting published in December 2018 is still read in January; a posting of 2019 that
    matches less is no reason to ask."""
    other_teams(write_posting, 3)
    write_posting("2019-06-01-lynx-support.md", "title: Chargé·e de support\nstartup: lynx\nopen: true",
                  "## Modalités\n\nMission de 6 mois.\n")
    last = write_posting("2018-12-04-lynx-referents.md", "title: Chargé·e de support des référents\nstartup: lynx\n"
                         "open: true", "## Modalités\n\nMission de 3 mois.\n")
    answer = engine_of(last).answer("Le poste de support des référents chez Lynx (début 2019) : la mission dure "
                                    "combien ?")
    assert answer.answered and answer.posting is not None and answer.posting.stem == "2018-12-04-lynx-referents", \
        (answer.reason, [p.stem for p in answer.alternatives])


@pytest.mark.parametrize("question", [
    "Le poste de bizdev Lynx publié en novembre 2021 : il y a des déplacements ?",
    "Lynx bizdev role posted in November 2021: how often would I travel?"])
def test_the_posting_of_the_month_named_answers_rather_than_a_better_match_of_another_month(
        write_posting: WritePosting, question: str) -> None:
    """The candidate named November 2021: the posting of April 2021 matches the words better, the one of November
    answers."""
    other_teams(write_posting, 3)
    write_posting("2021-04-16-lynx-bizdev.md", "title: Bizdev\nstartup: lynx\nopen: true",
                  "## Modalités\n\nDes déplacements en région une fois par mois.\n")
    last = write_posting("2021-11-10-lynx-ouverture.md", "title: Bizdev, accompagnement à l'ouverture des données\n"
                         "startup: lynx\nopen: true",
                         "## Modalités\n\nDéplacements peu nombreux (1 tous les deux mois).\n")
    answer = engine_of(last).answer(question)
    assert answer.answered and answer.posting is not None, (answer.reason, answer.text)
    assert answer.posting.stem == "2021-11-10-lynx-ouverture" and "1 tous les deux mois" in answer.text


def test_a_year_no_posting_found_is_dated_in_means_a_posting_we_do_not_have(write_posting: WritePosting) -> None:
    """The candidate names 2019; Lynx's only posting of the kind is of 2022: it is not the one they mean."""
    other_teams(write_posting, 3)
    last = write_posting("2022-03-01-lynx-bizdev.md", "title: Bizdev\nstartup: lynx\nopen: true",
                         "## Modalités\n\nMission de 3 mois.\n")
    answer = engine_of(last).answer("Le poste de bizdev chez Lynx (2019) : la mission dure combien ?")
    assert not answer.answered and answer.reason == "no-posting: 2019", (answer.reason, answer.text)


def test_a_team_named_first_in_the_question_is_required_of_the_posting(write_posting: WritePosting) -> None:
    """"Lynx senior data engineer role": Lynx, written first (so with a capital as any sentence), names the team: a
    posting of another team that shares "data engineer" is not the one, even ranked first."""
    other_teams(write_posting, 60)  # a collection of some size: a team named in one posting is a rare name
    write_posting("2022-11-22-orca-data-engineer.md", "title: Dev backend senior et data engineer\nstartup: orca\n"
                  "open: true", "## Modalités\n\nTemps partiel accepté (4/5).\n")
    last = write_posting("2022-05-30-lynx-donnees.md", "title: Ingénieur·e données senior\nstartup: lynx\nopen: true",
                         "## Modalités\n\nTemps partiel accepté (4/5 ou 3/5).\n")
    answer = engine_of(last).answer("Lynx senior data engineer role (2022): is part-time possible?")
    assert answer.posting is None or answer.posting.stem == "2022-05-30-lynx-donnees", \
        (answer.reason, answer.text)


@pytest.mark.parametrize("posting", [None, "2017-11-28-lynx-dev"])
def test_a_thing_named_in_parentheses_that_no_posting_mentions_is_not_asked(write_posting: WritePosting,
                                                                             posting: str | None) -> None:
    """"(work permits for foreigners)" describes the posting in the candidate's words (it says "autorisations de
    travail"): it is no tool the posting must mention to answer."""
    other_teams(write_posting, 3)
    last = write_posting("2017-11-28-lynx-dev.md", "title: Développeur·se full stack\nstartup: lynx\nopen: false",
                         "## Le produit\n\nLynx délivre les autorisations de travail des étudiants étrangers.\n\n"
                         "## Candidater\n\nEnvoyez votre CV à recrutement@example.org\n")
    answer = engine_of(last).answer("Lynx full-stack developer job (the 2017 one, work permits for foreigners): "
                                    "where do I send my application?", posting)
    assert answer.answered and "recrutement@example.org" in answer.text, (answer.reason, answer.text)


@pytest.mark.parametrize("question", ["Lynx product manager job (2021): how long is the mission?",
                                      "Le poste de chef de produit chez Lynx, c'est pour combien de temps ?"])
def test_a_charge_de_produit_is_a_product_manager(write_posting: WritePosting, question: str) -> None:
    write_posting("2021-07-07-designer.md", "title: Product designer\nstartup: lynx\nopen: true",
                  "## Modalités\n\nMission de 2 mois.\n")
    write_posting("2021-07-07-dev.md", "title: Développeur·euse produit\nstartup: lynx\nopen: true",
                  "## Modalités\n\nMission de 5 mois.\n")
    last = write_posting("2021-05-31-produit.md", "title: Un·e chargé·e de produit\nstartup: lynx\nopen: true",
                         "## Modalités\n\nMission de 3 mois.\n")
    assert top(engine_of(last), question) == "2021-05-31-produit"


def test_a_charge_de_projets_is_a_project_officer(corpus: Engine) -> None:
    """"project officer" is the chargé·e de projets of the Incubateur des Territoires, not the chef·fe de projet
    of a startup it incubates, published the same month."""
    question = "ANCT Incubateur des Territoires project officer job (posted August 2021): when does it start?"
    assert top(corpus, question) == "2021-08-04-charge-projets-incubateur-territoires"


@pytest.mark.parametrize("question", [
    "Pour le poste de chargé·e de communication de Mon Psy Santé (décembre 2021), c'est à temps plein ?",
    "Mon Psy Santé communications officer (December 2021): is it full-time?"])
def test_a_product_that_only_a_heading_names_finds_the_posting(write_posting: WritePosting, question: str) -> None:
    """No 'startup' in the front matter: "## Le projet : Mon Psy Santé" names the product, and the date tells it
    from the posting of another team with the same role and like words."""
    other_teams(write_posting, 6)
    write_posting("2021-10-25-communication.md", "roles: Chargé·e de communication\nstartup: sante-psy-etudiant\n"
                  "open: true", "## Le projet : Santé Psy Étudiant\n\nDes séances chez le psy pour les étudiants.\n")
    last = write_posting("2021-12-09-communication.md", "roles: Chargé·e de communication\nopen: true",
                         "## Le projet : Mon Psy Santé\n\nDes séances chez le psy remboursées.\n")
    assert top(engine_of(last), question) == "2021-12-09-communication"


def test_a_heading_that_describes_a_project_names_no_product(write_posting: WritePosting) -> None:
    posting = write_posting("2021-04-22-bizdev.md", "roles: Business developer\nopen: true",
                            "## Le projet : Simplifier l'accès à un document administratif ou judiciaire\n\nTexte.\n")
    assert engine_of(posting).postings[0].products == ()


@pytest.mark.parametrize("question", ["Pour le poste de devops chez RDV-Solidarités, c'est en télétravail ?",
                                      "RDV-Solidarités devops role: is it remote?"])
def test_a_link_to_the_startup_page_gives_the_name_candidates_use(write_posting: WritePosting, question: str) -> None:
    """The startup's id ("lapins") is not its name; "[RDV-Solidarités](…/startups/lapins.html)" tells it."""
    other_teams(write_posting, 6)
    write_posting("2022-01-10-devops-solidarites.md", "roles: DevOps\nstartup: solidarites\nopen: true",
                  "## Modalités\n\nTélétravail possible.\n")
    last = write_posting("2022-04-04-devops-lapins.md", "roles: DevOps\nstartup: lapins\nopen: true",
                         "## Contexte\n\n[RDV-Solidarités](https://beta.gouv.fr/startups/lapins.html) aide les "
                         "services sociaux. [En savoir plus](https://beta.gouv.fr/startups/lapins.html)\n\n"
                         "## Modalités\n\nTélétravail possible.\n")
    assert top(engine_of(last), question) == "2022-04-04-devops-lapins"


def test_only_names_linked_to_the_startup_page_name_the_product(write_posting: WritePosting) -> None:
    posting = write_posting("2022-04-04-devops-lapins.md", "roles: DevOps\nstartup: lapins\nopen: true",
                            "## Contexte\n\n[RDV-Solidarités](/startups/lapins) aide les services sociaux, avec "
                            "[Mes Aides](/startups/mes-aides.html). [la fiche produit](/startups/lapins.html), "
                            "[Ici](/startups/lapins.html)\n")
    assert engine_of(posting).postings[0].products == ("RDV-Solidarités",)


def test_a_product_named_by_one_common_word_does_not_take_the_word(write_posting: WritePosting) -> None:
    """"[Administration+](/startups/aplus)": "administration" asks about administrations in most questions."""
    posting = write_posting("2019-09-10-aplus-dev.md", "roles: Développeur·se\nstartup: aplus\nopen: true",
                            "## Contexte\n\n[Administration+](/startups/aplus) est une messagerie sécurisée.\n")
    engine = engine_of(posting)
    assert engine.postings[0].products == ("Administration+",)
    assert "administration" not in engine.matcher.index.postings[0].name_stems



@pytest.mark.parametrize("question", ["Elixir developer job at transport.data.gouv.fr (2020): what are the main goals?",
                                      "L'offre de dev de transport.data.gouv.fr (2020), c'est en freelance ?"])
def test_a_web_address_names_its_product_not_its_gouv_fr_ending(corpus: Engine, question: str) -> None:
    """"transport.data.gouv.fr" is named by "transport" and "data"; "gouv" and "fr" end every address of the state
    and would name data.gouv.fr's own postings three times over."""
    assert "transport" in top(corpus, question)


def test_a_web_address_alone_finds_its_product(corpus: Engine) -> None:
    answer = corpus.answer("data.gouv.fr developer job: which frameworks are they using?")
    assert answer.answered and answer.posting is not None and "datagouv" in answer.posting.stem, answer.reason


def test_a_name_of_two_words_around_a_stopword_finds_the_posting_that_writes_it_together(
        write_posting: WritePosting) -> None:
    """"Place des Entreprises" is the team "placedesentreprises"."""
    other_teams(write_posting, 6)
    write_posting("2020-06-29-bizdev.md", "roles: Un·e Chargé·e de Développement — Responsable de la Qualité\n"
                  "startup: placedesentreprises\nopen: true", "## Modalités\n\nPoste basé à Lille ou à Paris.\n")
    write_posting("2021-10-19-qualite.md", "roles: Chargé(e) de déploiement et de suivi qualité\n"
                  "startup: conseillers-entreprises\nopen: true",
                  "Le service public Place des Entreprises offre aux PME un conseil de proximité.\n")
    engine = engine_of(write_posting("2020-09-15-dev.md", "roles: dév Ruby on Rails\nstartup: autre\nopen: true",
                                     "## Modalités\n\nMission de 6 mois.\n"))
    question = "Pour le job de chargé·e de développement / qualité chez Place des Entreprises, c'est basé où ?"
    (_, first), *others = engine.matcher.rank_postings(engine.matcher.analyse(question))
    assert first.posting.stem == "2020-06-29-bizdev"
    assert all(score < AMBIGUITY for score, _ in others)  # not too close to call


def test_a_word_most_postings_hold_is_not_required_of_the_posting(corpus: Engine) -> None:
    """"startup d'État du ministère de la Justice": "État" and "ministère" stand in the file name of an ecology
    posting, and in nearly every posting's text; a posting whose name lacks them is still the one named."""
    question = ("offre bizdev / chargé de déploiement de la startup d'État du ministère de la Justice (mai 2021) : "
                "j'envoie ma candidature à qui ?")
    assert "mon.suivi.justice" in top(corpus, question)


def test_the_words_of_a_name_found_together_are_not_required_one_by_one(corpus: Engine) -> None:
    """"Place des Entreprises" is the team "placedesentreprises": its posting, whose name never writes "place" nor
    "entreprises" apart, is not set aside for lacking them (the name is required as one)."""
    question = "Place des Entreprises business developer role (summer 2020): is it freelance or an employee contract?"
    assert top(corpus, question) == "2020-06-29-placedesentreprises-bizdev"


# Ranks the postings of questions in a new process, as a new start of the bot would (its index read from the
# corpus fixture's cache): Python sets change their order from one process to the next (PYTHONHASHSEED).
RANK_IN_A_NEW_PROCESS = """
import datetime as dt, json, sys
from pathlib import Path
from bot.engine import Engine
engine = Engine.load(Path(sys.argv[1]), today=dt.date.fromisoformat(sys.argv[2]), cache_dir=Path(sys.argv[3]))
for question in json.loads(sys.argv[4]):
    print(json.dumps([pindex.posting.stem for _, pindex in engine.matcher.rank_postings(
        engine.matcher.analyse(question))]))
"""

TIED_QUESTIONS = ["Quelles technos utilise e-controle ?", "e-controle, quand commence la mission ?",
                  "Chez e-contrôle, le poste est-il en télétravail ?", "Which skills does e-controle ask for?"]


def ranking_in_a_new_process(tmp_path_factory: pytest.TempPathFactory, seed: str) -> str:
    command = [sys.executable, "-c", RANK_IN_A_NEW_PROCESS, str(CORPUS), TODAY.isoformat(),
               str(run_folder(tmp_path_factory) / "corpus-cache"), json.dumps(TIED_QUESTIONS)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=PROJECT, timeout=60,
                          env={**os.environ, "PYTHONHASHSEED": seed}, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_postings_of_equal_score_rank_alike_from_one_start_to_the_next(
        corpus: Engine, tmp_path_factory: pytest.TempPathFactory) -> None:
    """The three e-contrôle postings are named alike: the same question ranks them in the same order (and gets
    the same answer) whatever order Python's sets come in, in any process."""
    rankings = {ranking_in_a_new_process(tmp_path_factory, seed) for seed in ("1", "2", "3", "4")}
    assert len(rankings) == 1, rankings


def test_postings_of_equal_score_rank_in_the_order_of_their_files(corpus: Engine) -> None:
    ranked = corpus.matcher.rank_postings(corpus.matcher.analyse("Quelles technos utilise e-controle ?"))
    tied = [pindex.posting.path.name for score, pindex in ranked if score == ranked[0][0]]
    assert len(tied) > 1 and tied == sorted(tied)


def test_a_key_two_words_of_the_question_share_counts_once(corpus: Engine) -> None:
    """"designer UX" names "design" by its first word and again by the synonym of "UX": counted twice, it put
    a posting titled "front avec sensibilité pour l'UI design" ahead of the e.contrôle designer named."""
    ranked = corpus.matcher.rank_postings(corpus.matcher.analyse(
        "Pour le poste de designer UX chez e.contrôle, c'est combien de jours par semaine ?"))
    assert ranked[0][1].posting.path.name == "2019-10-16-e-controle-designer.md"


@pytest.mark.parametrize("question", [
    "Chargé·e de déploiement Lynx, l'offre de l'été 2021 : c'est pour combien de temps ?",
    "Lynx deployment officer (summer 2021): how long is the mission?",
    "Chargé de déploiement chez Lynx (mi-2021) : la mission dure combien de temps ?"])
def test_a_season_tells_a_summer_posting_from_the_december_one_before(write_posting: WritePosting,
                                                                      question: str) -> None:
    # a posting of December is read the year after ("début 2021"), not in the summer of that year
    write_posting("2020-12-21-lynx-deploiement.md", "title: Chargé·e de déploiement\nstartup: lynx\nopen: false",
                  "## Modalités\n\nMission de 5 mois.\n")
    last = write_posting("2021-06-17-lynx-deploiement.md", "title: Chargé·e de déploiement\nstartup: lynx\nopen: false",
                         "## Modalités\n\nMission de 3 mois.\n")
    answer = engine_of(last).answer(question)
    assert answer.answered and answer.posting is not None
    assert answer.posting.stem == "2021-06-17-lynx-deploiement" and "3 mois" in answer.text


@pytest.mark.parametrize("question", ["Elles font la culture fullstack developer job: when's the start date?",
                                      "Chez Elles font la culture, le dev fullstack démarre quand ?"])
def test_a_name_of_four_words_a_posting_writes_as_one_finds_it(corpus: Engine, question: str) -> None:
    """"Elles font la culture" is the team "ellesfontlaculture": the Pass Culture postings share one word of it."""
    answer = corpus.answer(question)
    assert answer.answered and answer.posting is not None
    assert answer.posting.stem == "2021-06-25-offre-dev-ellesfontlaculture", answer.alternatives


def test_three_words_without_a_stopword_are_not_joined_into_a_name(write_posting: WritePosting) -> None:
    """"dev full stack" is a role, not the name "devfullstack" of one posting's file."""
    write_posting("2020-09-21-devfullstack.md", "startup: devfullstack\nroles: dev\nopen: true", "## Modalités\n\n"
                  "Mission de 3 mois.\n")
    engine = engine_of(write_posting("2019-08-20-signalconso.md", "title: Développeur full stack SignalConso\n"
                                     "startup: signalconso\nopen: true", "## Modalités\n\nMission de 6 mois.\n"))
    answer = engine.answer("SignalConso, l'offre de dev full stack : la mission dure combien ?")
    assert answer.answered and answer.posting is not None and answer.posting.stem == "2019-08-20-signalconso"


def test_a_remark_in_parentheses_does_not_outweigh_the_name_it_follows(corpus: Engine) -> None:
    """"open-source projects" in the remark names another posting ("dev open source polyvalent") better than
    "Incubateur des Territoires deployment officer" names this one: the remark counts for less."""
    question = ("ANCT Incubateur des Territoires deployment officer (Nov 2021, the one with ~60 open-source "
                "projects): how long is the contract?")
    answer = corpus.answer(question)
    assert answer.answered and answer.posting is not None
    assert answer.posting.stem == "2021-11-03-charge-e.de.deploiement.a.lincubateur.des.territoires"


@pytest.mark.parametrize("question", [
    "Le poste de développeur à la Brigade d'Intervention Numérique, c'est un CDD ?",
    "Brigade d'Intervention Numérique developer job: is it a fixed-term contract?"])
def test_the_job_the_question_names_tells_two_postings_of_one_team_apart(write_posting: WritePosting,
                                                                         question: str) -> None:
    """The bizdev's posting names the team in full, the developer's only in its text: "développeur" tells."""
    other_teams(write_posting, 60)
    write_posting("2022-04-06-bizdev-brigade.md", "roles: Un(e) bizdev pour La Brigade d'Intervention Numérique\n"
                  "open: true", "## Modalités\n\nUn CDD de 20 mois.\n")
    last = write_posting("2022-03-30-developpeur-brigade.md", "title: Développeur/Développeuse - la Brigade\n"
                         "open: true",
                         "La DINUM lance la Brigade d'Intervention Numérique.\n\n## Modalités\n\nUn CDD de 20 mois.\n")
    assert top(engine_of(last), question) == "2022-03-30-developpeur-brigade"



@pytest.mark.parametrize("question", [
    "for the le.taxi deployment lead role, can I work remotely?",
    "chez le.taxi le poste pour accompagner le déploiement auprès des taxis commence qd ?"])
def test_an_entrepreneur_is_a_role_of_its_own(corpus: Engine, question: str) -> None:
    """The posting of le.taxi whose name seeks only an associate entrepreneur is not one of its deployment
    postings (four of them: too close to call, the candidate picks)."""
    assert "entrepreneure" not in top(corpus, question)


def test_a_word_of_a_compound_is_not_joined_to_the_word_before_it(write_posting: WritePosting) -> None:
    """"dev full stack": "full" belongs to "full stack", so "devfull" (the posting of another team whose file name
    writes "devfullstack") is no name the question gives, and the postings whose text lacks it are not set back."""
    other_teams(write_posting, 6)
    write_posting("2020-09-21-recrutement-dossierfacile-devfullstack.md",
                  "roles: Développeur‧se full-stack\nstartup: dossierfacile\nopen: true", "## Modalités\n\nÀ Paris.\n")
    write_posting("2020-12-17-numerique-dev.md", "roles: Développeur·se front\nstartup: conseiller-numerique\n"
                  "open: true", "## Modalités\n\nTélétravail possible. Un dev full stack nous rejoindra aussi.\n")
    engine = engine_of(write_posting("2022-04-27-dev-full-stack.md", "roles: Une développeuse ou un développeur "
                                     "full stack expérimenté(e)\nstartup: conseiller-numerique\nopen: true",
                                     "## Modalités\n\nLe télétravail est la norme.\n"))
    question = "le poste de dev full stack chez Conseiller numérique, c'est en télétravail ?"
    (_, first), *others = engine.matcher.rank_postings(engine.matcher.analyse(question))
    assert first.posting.stem == "2022-04-27-dev-full-stack"
    assert all(score < AMBIGUITY for score, _ in others), others  # not another team's "devfullstack"


@pytest.mark.parametrize("question", [
    "les postes de lead dev pour la saison 2 des startups d'état du ministère de l'écologie, c'est où ?",
    "lead dev pour la saison 2 des startups d'état de l'écologie : c'est où ?"])
def test_a_season_named_tells_a_re_publication_apart(write_posting: WritePosting, question: str) -> None:
    """The posting of the second season says so in its file name or its text ("la deuxième saison"); the first
    season's, however close its title to the question's words, does not. (Named far from the rest of the name,
    "..., deuxième saison : ...", the season does not yet outweigh a title that holds every other word.)"""
    other_teams(write_posting, 6)
    write_posting("2018-01-22-lead-dev-startups-ministere-ecologie.md", "title: un·e lead dev d'une Startup d'État "
                  "du Ministère de l'écologie\nopen: true", "## Modalités\n\nPrésence à Paris (La Défense).\n")
    engine = engine_of(write_posting(
        "2018-09-27-dev-mineco-saison2.md", "roles: un·e lead développeur·se\nopen: true",
        "Les Startups d'État des ministères de l'écologie cherchent des développeurs pour les 6 projets de la "
        "deuxième saison.\n\n## Modalités\n\nPrésence régulière à Paris (La Défense).\n"))
    assert top(engine, question) == "2018-09-27-dev-mineco-saison2"


@pytest.mark.parametrize(("text", "seasons"), [("la saison 2 des startups", {2}), ("season two", {2}),
                                               ("saison2", {2}), ("la deuxieme saison", {2}), ("3e saison", {3}),
                                               ("saison de recrutement", set())])
def test_the_seasons_a_text_names(text: str, seasons: set[int]) -> None:
    assert _seasons_in(text) == seasons


@pytest.mark.parametrize("question", ["A-JUST senior UX designer: where's the office in Paris?",
                                      "le poste de UX designer chez A-JUST, c'est combien de jours par mois ?"])
def test_a_team_named_with_stopwords_in_capitals_is_found(write_posting: WritePosting, question: str) -> None:
    """"A-JUST" is the team "a-just" ("ajust"), though "a" and "just" are stopwords when written in lower case."""
    other_teams(write_posting, 6)
    for n, team in enumerate(("culture", "sante-psy", "lab")):
        write_posting(f"2021-0{n + 1}-01-designer-{team}.md", f"roles: UX Designer\nstartup: {team}\nopen: true",
                      "## Modalités\n\n3 jours par semaine à Paris.\n")
    engine = engine_of(write_posting("2021-11-25-designer.ux.md", "roles: Designer UX F/H senior\nstartup: a-just\n"
                                     "open: true", "## Modalités\n\nEnviron 10 jours par mois, à Paris 19e.\n"))
    (_, first), *others = engine.matcher.rank_postings(engine.matcher.analyse(question))
    assert first.posting.stem == "2021-11-25-designer.ux"
    assert all(score < AMBIGUITY for score, _ in others), others


def test_an_acronym_alone_in_parentheses_names_the_posting_as_the_words_it_glosses(corpus: Engine) -> None:
    """"Simplified Street Plan (PCRS)": the acronym is the team's name, not a remark that only adds to it (the
    posting of the "plan de relance" would otherwise lead, by "Plan" and "ANCT")."""
    assert top(corpus, "ANCT Simplified Street Plan (PCRS) product lead job: what's the daily rate?") == \
        "2022-06-28-responsable-produit-PCRS"


@pytest.mark.parametrize("question", [
    "Trackdéchets full-stack web developer posting from July 2019 (team with a data scientist): where do I apply?",
    "Pour l'offre de dev web full-stack chez Trackdéchets de juillet 2019 (celle où l'équipe comptait un data "
    "scientist), c'est à temps plein ?"])
def test_a_role_in_a_remark_describes_the_team_it_does_not_name_the_posting(corpus: Engine, question: str) -> None:
    """The data scientist in parentheses is a member of the team: the developer's posting of July 2019 is asked,
    not the data scientist's posting of the same team (May 2019)."""
    assert top(corpus, question) == "2019-07-01-trackdechets-full-stack"
