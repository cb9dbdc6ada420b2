"""Answers that show what was asked: the best list item first with its neighbours, what a lead-in line
ending with ':' introduces, and the addresses of the links the posting gives."""

from __future__ import annotations

import pytest

from bot.engine import Engine
from bot.matcher import MAX_ANSWER_CHARS
from conftest import WritePosting, engine_of, write_other_postings


def posting_with(write_posting: WritePosting, body: str) -> tuple[Engine, str]:
    path = write_posting("2023-05-01-dev.md", "roles: Développeur·se\nstartup: delta\nopen: true", body)
    return engine_of(path), "2023-05-01-dev"


@pytest.mark.parametrize("question", ["Comment je postule ?", "How do I apply?"])
def test_a_lead_in_ending_with_a_colon_is_followed_by_what_it_introduces(write_posting: WritePosting,
                                                                        question: str) -> None:
    engine, stem = posting_with(write_posting, "## Candidater\n\nPour candidater, remplissez le formulaire via ce "
                                               "lien :\n\n[Formulaire de candidature](https://example.org/form)\n")
    answer = engine.answer(question, stem)
    assert answer.answered
    assert answer.text.splitlines()[1:] == ["Pour candidater, remplissez le formulaire via ce lien :",
                                            "Formulaire de candidature (https://example.org/form)"]


def test_a_link_target_is_kept_in_the_answer(write_posting: WritePosting) -> None:
    engine, stem = posting_with(write_posting, "## Candidater\n\nPostulez en remplissant "
                                               "[ce formulaire](https://example.org/apply).\n")
    answer = engine.answer("Comment candidater ?", stem)
    assert answer.answered and "ce formulaire (https://example.org/apply)" in answer.text


def test_a_long_list_is_shown_from_the_item_asked_about(write_posting: WritePosting) -> None:
    filler = "".join(f"- Une compétence générale numéro {n} qui occupe une bonne partie de la ligne\n"
                     for n in range(1, 9))
    engine, stem = posting_with(write_posting, f"## Compétences\n\n{filler}- Une maîtrise de Kubernetes en "
                                               "production\n- Une compétence finale\n")
    answer = engine.answer("Faut-il connaître Kubernetes ?", stem)
    assert answer.answered
    assert answer.text.splitlines()[1] == "Une maîtrise de Kubernetes en production"
    assert "Une compétence finale" in answer.text  # its neighbour after it
    assert len(answer.text) <= MAX_ANSWER_CHARS + 80


def test_a_short_list_is_shown_whole_in_its_order(write_posting: WritePosting) -> None:
    engine, stem = posting_with(write_posting, "## Compétences\n\n- Python\n- Une maîtrise de Kubernetes\n- SQL\n")
    answer = engine.answer("Quelles compétences faut-il ?", stem)
    assert answer.text.splitlines()[1:] == ["Python", "Une maîtrise de Kubernetes", "SQL"]


def test_a_line_nearly_as_good_as_the_best_is_shown_after_it(write_posting: WritePosting) -> None:
    """"Ouvert aux contractuels et fonctionnaires" and "CDD 3 ans renouvelable" both say something of the contract:
    the candidate sees the second too, after the first, when the answer has room."""
    path = write_posting("2021-07-05-sysadmin.md", "title: Administrateur·trice système\nstartup: delta",
                         "## Les modalités\n\n- Ouvert aux contractuels et fonctionnaires\n- CDD 3 ans renouvelable / "
                         "Ingénieur·e SIC ou équivalent\n- Poste basé à Paris\n")
    answer = engine_of(path).answer("c'est quel contrat ?", "2021-07-05-sysadmin")
    assert answer.answered and "contractuels" in answer.text and "CDD 3 ans renouvelable" in answer.text


def test_a_definition_nearly_as_good_as_the_line_naming_the_thing_is_shown_after_it(corpus: Engine) -> None:
    """"c'est quoi DataPass ?": the line that names it first ("... et la plateforme d'habilitation DataPass") is
    followed by the one that says what it does."""
    answer = corpus.answer("c'est quoi datapass ?", "2022-02-21-developpeur-se_fullstack_junior")
    assert answer.answered and "délivrer des « Pass »" in answer.text, answer.text


@pytest.mark.parametrize("lead", ["Notre équipe est actuellement constituée de",
                                  "L'équipe se compose des personnes suivantes"])
def test_a_lead_in_ending_without_a_colon_is_followed_into_its_list(write_posting: WritePosting, lead: str) -> None:
    """"... constituée de" announces the list below it as "... constituée de :" does."""
    path = write_posting("2023-05-01-dev.md", "roles: Développeur·se\nstartup: delta",
                         f"## Qui sommes-nous ?\n\n{lead}\n\n- Béatrice Mercier, intrapreneuse\n"
                         "- Antoine Augusti, conseiller\n")
    answer = engine_of(path).answer("Who's currently on the team?", "2023-05-01-dev")
    assert answer.answered and lead in answer.text and "Béatrice Mercier" in answer.text


@pytest.mark.parametrize("question", ["Je ferais quoi au quotidien ?", "What would I do day to day?"])
def test_a_lead_in_followed_by_a_lead_in_shows_the_list_they_introduce(write_posting: WritePosting,
                                                                      question: str) -> None:
    engine, stem = posting_with(write_posting, "## Mission\n\nVos missions seront :\n\nSupport auprès des "
                                               "professionnels :\n\n- Accompagner les utilisateurs du site\n"
                                               "- Récolter les retours des professionnels\n")
    answer = engine.answer(question, stem)
    assert answer.answered
    assert answer.text.splitlines()[1:] == ["Vos missions seront :", "Support auprès des professionnels :",
                                            "Accompagner les utilisateurs du site",
                                            "Récolter les retours des professionnels"]


def test_a_long_heading_is_shown_up_to_its_colon(write_posting: WritePosting) -> None:
    """A 200-character heading above the answer would leave little room for the lines it names."""
    heading = ("Mission de la startup : Accélérer la transition alimentaire de qualité, saine et durable dans nos "
               "écoles, administrations, entreprises et hôpitaux en accompagnant les actrices de la restauration")
    engine, stem = posting_with(write_posting, f"## {heading}\n\nTes missions seront de :\n\n- Recruter des "
                                               "cantines\n- Animer la communauté des utilisateurs\n")
    answer = engine.answer("Quelles seraient mes missions ?", stem)
    assert answer.answered and answer.section == heading
    assert answer.text.splitlines()[0] == "« Mission de la startup »"


def test_a_long_heading_without_a_colon_is_cut_between_words(write_posting: WritePosting) -> None:
    heading = ("Une mission pour accélérer la transition alimentaire de qualité saine et durable dans nos écoles "
               "et nos administrations")
    engine, stem = posting_with(write_posting, f"## {heading}\n\nTes missions seront de :\n\n- Recruter des "
                                               "cantines\n")
    first = engine.answer("Quelles seraient mes missions ?", stem).text.splitlines()[0]
    assert first.endswith("… »") and len(first) <= 80 + 5 and heading.startswith(first[2:-3])


@pytest.mark.parametrize("question", ["Is there a backlog?",
                                      "Y a un backlog ?"])
def test_an_item_is_shown_under_the_line_that_introduces_its_list(write_posting: WritePosting, question: str) -> None:
    write_other_postings(write_posting, 6)
    engine, stem = posting_with(write_posting, "## Liens\n\nDès que nous serons en contact nous vous communiquerons un "
                                               "lien vers le dépôt privé qui contient :\n\n- documentation\n"
                                               "- backlog\n")
    answer = engine.answer(question, stem)
    assert answer.answered
    lines = answer.text.splitlines()
    assert lines[1].endswith("lien vers le dépôt privé qui contient :") and "backlog" in lines[2:], answer.text


def test_a_paragraph_ending_with_a_colon_is_not_shown_above_the_item(write_posting: WritePosting) -> None:
    paragraph = "Vous participerez à la conception et aux tests utilisateur, en cycle court. " * 4 + "La stack :"
    engine, stem = posting_with(write_posting, f"## Responsabilités\n\n{paragraph}\n\n- Scala, Play\n"
                                               "- Déployé sur Clever Cloud en production\n")
    answer = engine.answer("where's the app hosted?", stem)
    assert answer.answered and answer.text.splitlines()[1] == "Déployé sur Clever Cloud en production", answer.text
