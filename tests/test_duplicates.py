"""Re-publications of one job: told apart from other jobs of the team, the open copy preferred to a closed
one when the question names the job, listed by `python -m bot check`; a close call asks with 3 buttons at most."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from bot.conversation import posting_key
from bot.duplicates import copies, near_duplicates
from bot.engine import Engine
from conftest import TODAY, WritePosting, engine_of
from dialogue import button_data, open_dialogue
from test_bot_e2e import CAMILLE

BODY = ("## Mission\n\nGamma aide les communes à suivre leurs chantiers de voirie. Vous développerez "
        "l'application avec l'équipe, en lien avec les agents qui l'utilisent chaque jour.\n\n"
        "## Modalités\n\n- Mission de {months} mois\n- Télétravail possible\n")


@pytest.fixture
def republished(write_posting: WritePosting) -> Engine:
    write_posting("2023-01-10-gamma-dev.md", "title: Développeur·se full stack\nstartup: gamma\nopen: false",
                  BODY.format(months=6))
    write_posting("2023-02-01-gamma-design.md", "title: Designer UX\nstartup: gamma\nopen: true",
                  "## Mission\n\nConcevoir les parcours des agents.\n\n## Modalités\n\n- Mission de 3 mois\n")
    return engine_of(write_posting("2023-06-01-gamma-dev-2.md",
                                   "title: Développeur ou développeuse full-stack\nstartup: gamma\nopen: true",
                                   BODY.format(months=12)))


def _posting(engine: Engine, stem: str):  # type: ignore[no-untyped-def]
    return next(p for p in engine.postings if p.stem == stem)


def test_a_job_published_twice_by_its_team_is_a_near_duplicate(republished: Engine) -> None:
    first, design, second = (_posting(republished, s) for s in
                             ("2023-01-10-gamma-dev", "2023-02-01-gamma-design", "2023-06-01-gamma-dev-2"))
    assert copies(first, second)
    assert not copies(first, design)  # another job of the same team
    [group] = near_duplicates(republished.postings)
    assert [p.stem for p in group.postings] == ["2023-06-01-gamma-dev-2", "2023-01-10-gamma-dev"]


def test_the_same_title_in_another_team_is_another_job(write_posting: WritePosting) -> None:
    write_posting("2023-01-10-a.md", "title: Développeur·se full stack\nstartup: alpha", BODY.format(months=6))
    engine = engine_of(write_posting("2023-01-11-b.md", "title: Développeur·se full stack\nstartup: beta",
                                     BODY.format(months=6)))
    assert near_duplicates(engine.postings) == []


def test_the_open_copy_answers_rather_than_a_closed_one(republished: Engine) -> None:
    answer = republished.answer("Chez Gamma, le poste de développeur full stack dure combien de temps ?")
    assert answer.answered and answer.posting is not None
    assert answer.posting.stem == "2023-06-01-gamma-dev-2" and "12 mois" in answer.text


LONG_BODY = ("## Qui sommes-nous ?\n\nGamma aide les communes à suivre leurs chantiers de voirie, de la demande "
             "d'autorisation à la fin des travaux, avec les agents qui l'utilisent chaque jour.\n\n"
             "## Missions\n\n- Trouver de nouvelles communes partenaires\n- Former les agents au service\n"
             "- Mesurer l'usage du service et rendre compte à l'équipe\n\n"
             "## Conditions\n\n- Poste basé à Paris, télétravail possible\n- {contract}\n")


@pytest.fixture
def retitled(write_posting: WritePosting) -> Engine:
    """One job published in May and again in December, under a title worded otherwise, both closed."""
    write_posting("2023-05-07-gamma-bizdev.md",
                  "title: \"beta.gouv recrute : une ou un business developer pour Gamma\"\n"
                  "startup: gamma\nopen: false", LONG_BODY.format(contract="Contrat : CDD de 6 mois"))
    return engine_of(write_posting("2023-12-06-gamma-bizdev.md", "title: Gamma recrute un·e business developer\n"
                                   "startup: gamma\nopen: false",
                                   LONG_BODY.format(contract="Contrat : mission de 6 mois renouvelable")))


def test_the_same_text_under_a_title_worded_otherwise_is_a_near_duplicate(retitled: Engine) -> None:
    [group] = near_duplicates(retitled.postings)
    assert [p.stem for p in group.postings] == ["2023-12-06-gamma-bizdev", "2023-05-07-gamma-bizdev"]


@pytest.mark.parametrize("question", ["Pour l'offre de business developer chez Gamma (2023), c'est quel contrat ?",
                                      "Gamma bizdev job (2023): what kind of contract is it?"])
def test_a_question_that_cannot_tell_two_copies_apart_offers_both(retitled: Engine, question: str) -> None:
    answer = retitled.answer(question)
    assert not answer.answered and answer.reason == "ambiguous"
    assert {p.stem for p in answer.alternatives} == {"2023-12-06-gamma-bizdev", "2023-05-07-gamma-bizdev"}


def test_check_lists_near_duplicate_postings(republished: Engine, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", "--knowledge", str(republished.folder)])
    assert ("2023-06-01-gamma-dev-2.md: note: near-duplicate postings (same team, close title or text): "
            "2023-06-01-gamma-dev-2.md, 2023-01-10-gamma-dev.md (closed)") in capsys.readouterr().out


@pytest.mark.asyncio
async def test_a_close_call_offers_three_postings_at_most_open_ones_first(write_posting: WritePosting) -> None:
    roles = ("Designer UX", "Développeur·se", "Product manager", "Chargé·e de déploiement")
    for number, role in enumerate(roles):
        path = write_posting(f"2023-0{number + 1}-01-delta-{number}.md",
                             f"title: {role}\nstartup: delta\nopen: {'true' if number else 'false'}",
                             f"## Modalités\n\n- Mission de {number + 2} mois\n")
    assert len(Engine.load(path.parent, today=TODAY).answer("Chez Delta, la mission dure combien ?").alternatives) == 4
    dialogue = await open_dialogue(Path(path.parent))
    [which] = await dialogue.say(CAMILLE, "Chez Delta, la mission dure combien ?")
    choices = [d for d in button_data(which) if d.startswith("q:")]
    assert len(choices) == 3
    assert not any(d.startswith(f"q:{posting_key('2023-01-01-delta-0')}:") for d in choices)  # the closed one
