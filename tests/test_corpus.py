"""The engine over the shared corpus of 526 real postings (skipped when the corpus is not there)."""

from __future__ import annotations

import collections

from bot.engine import Engine


def test_every_posting_is_loaded_and_indexed(corpus: Engine) -> None:
    assert len(corpus.postings) == 526
    assert len(corpus.index.postings) == 526
    assert [p.file for p in corpus.problems if p.severity == "error"] == ["2022-07-28-UX-mon-entreprise"]


def test_a_question_naming_the_team_and_the_title_finds_that_posting(corpus: Engine) -> None:
    """Candidates name the posting ("Chez X, pour le poste Y"): the engine finds it, or asks which one
    when near-identical postings exist; it rarely picks another posting."""
    names = collections.Counter((p.startup.lower(), p.title.lower()) for p in corpus.postings)
    outcomes: collections.Counter[str] = collections.Counter()
    for posting in corpus.postings:
        if not posting.startup or names[(posting.startup.lower(), posting.title.lower())] > 1:
            continue
        answer = corpus.answer(f"Chez {posting.startup}, pour le poste « {posting.title} », c'est en télétravail ?")
        if answer.reason == "ambiguous":
            outcomes["ambiguous"] += 1
        elif answer.posting == posting:
            outcomes["right"] += 1
        else:
            outcomes["wrong"] += 1
    total = sum(outcomes.values())
    assert total > 300
    assert outcomes["right"] / total >= 0.85, outcomes
    assert outcomes["wrong"] / total <= 0.04, outcomes


def test_every_posting_answers_or_abstains_without_error(corpus: Engine) -> None:
    for posting in corpus.postings:
        for question in ("télétravail ?", "How long is the mission?", "c'est payé combien ?", "Comment postuler ?"):
            answer = corpus.answer(question, posting.slug)
            assert answer.posting == posting
            assert answer.answered == bool(answer.text)
            assert answer.answered or answer.reason


def test_a_daily_rate_is_quoted_from_the_posting_that_gives_one(corpus: Engine) -> None:
    answer = corpus.answer("Quel est le tarif journalier proposé ?", "2021-06-24-dev-reva")
    assert answer.answered and "500€" in answer.text


def test_a_posting_that_gives_no_pay_abstains_on_pay(corpus: Engine) -> None:
    answer = corpus.answer("Quel est le salaire ?", "2020-03-31-fullstack-js-apprentissage")
    assert not answer.answered and answer.intent == "pay"
    assert answer.forward_to == "antoine.bigard@beta.gouv.fr"


def test_what_a_team_sets_out_to_build_answers_what_it_builds(corpus: Engine) -> None:
    """"cherche à réaliser une plateforme collaborative ...", under "Objectif du service", not the team's line
    that names the product's construction ("L'équipe s'agrandit au fil de la construction du produit")."""
    answer = corpus.answer("Vous construisez quoi exactement ?", "2021-07-20-dev-back-end-eflc")
    assert answer.answered and answer.section == "Objectif du service", (answer.section, answer.text)
