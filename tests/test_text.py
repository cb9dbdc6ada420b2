"""Normalisation, word keys and slugs: the same function on questions and postings."""

from __future__ import annotations

import re

import pytest

from bot.text import normalise, normalise_many, slugify, spells, stem


@pytest.mark.parametrize("raw,expected", [
    ("Télétravail possible ?", "teletravail possible"),
    ("L’équipe d'Etalab", "equipe etalab"),
    ("qu'est-ce que c'est", "est ce que est"),
    ("jusqu'à quand ?", "jusqu a quand"),
    ("**Modalités :**", "modalites"),
    ("80 % minimum, 500€/jour", "80 pct minimum 500 eur jour"),
    ("Œuvrer à la cohésion", "oeuvrer a la cohesion"),
    ("4/5 ou 3/5", "4 5 ou 3 5"),
    ("lorsqu'il l'a dit aujourd'hui", "il a dit aujourd hui"),  # "aujourd'" is no elision
    ("presqu'île, l''appli, d'", "presqu ile appli"),
    ("Jean-l'ami, 4l'a", "jean ami 4l a"),  # an elision stands at a word's start only
])
def test_normalise_folds_case_accents_elisions_and_punctuation(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


def test_normalise_many_gives_the_same_results_as_normalise_one_by_one() -> None:
    texts = ["L’équipe\nde 7 personnes", "TJM : 500€", "", "jusqu'au 30/09", "naïve café"]
    assert normalise_many(texts) == [normalise(t) for t in texts]


def test_stem_joins_french_and_english_word_families() -> None:
    assert stem("developpeur") == stem("developpement") == stem("developer")
    assert stem("candidature") == stem("candidater")
    assert stem("missions") == stem("mission")


@pytest.mark.parametrize("name", [
    "2020-05-19-Chef·fe de produit intrapreneur·e de CAMINO",
    "2022-05-12-charge-e.de.portefeuille.data.a.lincubateur.des.territoires",
    "2020-11-06-mobilic recrute un·e business developer",
    "offre été 2023 (stage)",
])
def test_slugs_are_safe_for_telegram_deep_links(name: str) -> None:
    slug = slugify(name)
    assert re.fullmatch(r"[A-Za-z0-9_-]{1,64}", slug)
    assert slugify(name) == slug  # stable


def test_long_names_keep_a_hash_so_that_they_never_collide() -> None:
    a = slugify("x" * 80 + "-a")
    b = slugify("x" * 80 + "-b")
    assert a != b and len(a) <= 64 and len(b) <= 64


@pytest.mark.parametrize(("acronym", "text"), [
    ("dgaln", "la direction generale de amenagement du logement et de la nature"),
    ("udap", "agents de unite departementale de architecture et du patrimoine"),
    ("snu", "le service national universel remplacera la jdc"),
])
def test_an_acronym_is_spelled_by_the_words_it_stands_for(acronym: str, text: str) -> None:
    assert spells(acronym, text.split())


@pytest.mark.parametrize(("acronym", "text"), [
    ("dgaln", "la dgaln est organisee en deux directions"),  # named, not written out
    ("ux", "un designer ux experimente"),  # too short to tell
    ("pop", "plateforme de pilotage"),
])
def test_an_acronym_is_not_spelled_by_words_that_merely_share_its_first_letters(acronym: str, text: str) -> None:
    assert not spells(acronym, text.split())
