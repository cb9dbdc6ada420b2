"""The intent lexicon: the bundled file loads, and a broken one says what is wrong and where."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest

from bot.lexicon import (
    LexiconError,
    PhraseIndex,
    compile_phrases,
    default_lexicon_path,
    load_lexicon,
    plain_words,
)
from bot.regex import MAX_REMEMBERED, LazyRegex
from bot.text import normalise


def test_the_bundled_lexicon_loads_with_the_intents_candidates_ask_about() -> None:
    lexicon = load_lexicon(default_lexicon_path())
    names = {i.name for i in lexicon.intents}
    assert {"remote", "location", "duration", "start", "contract", "time", "pay", "skills", "experience",
            "stack", "junior", "team", "org", "product", "missions", "apply", "deadline", "contact",
            "status"} <= names


def test_narrow_topics_outrank_broad_ones() -> None:
    lexicon = load_lexicon(default_lexicon_path())
    assert lexicon.intent("visa").priority > lexicon.intent("skills").priority


def test_invalid_yaml_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.yaml"
    path.write_text("intents:\n  remote: [unclosed\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"lexicon.yaml:\d+: invalid YAML"):
        load_lexicon(path)


def test_a_bad_regular_expression_names_its_intent(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.yaml"
    path.write_text('intents:\n  remote:\n    triggers: ["re:(unclosed"]\n', encoding="utf-8")
    with pytest.raises(LexiconError, match="intent 'remote': bad regular expression"):
        load_lexicon(path)


def test_unquoted_yes_no_words_are_refused_with_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.yaml"
    path.write_text("stopwords: [le, on, no]\nintents:\n  remote:\n    triggers: [teletravail]\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="in quotes"):
        load_lexicon(path)


def test_a_knowledge_folder_may_bring_its_own_lexicon(tmp_path: Path) -> None:
    from bot.engine import Engine

    (tmp_path / "lexicon.yaml").write_text(
        'intents:\n  parking:\n    priority: 9\n    triggers: [parking]\n    cues: [parking]\n', encoding="utf-8")
    (tmp_path / "a.md").write_text("---\ntitle: Dev\n---\n\n## Lieu\n\nUn parking vélo est disponible.\n",
                                   encoding="utf-8")
    answer = Engine.load(tmp_path).answer("Y a-t-il un parking ?", "a")
    assert answer.answered and answer.intent == "parking"


def test_a_broken_lexicon_in_a_knowledge_folder_falls_back_to_the_bundled_one(tmp_path: Path) -> None:
    from bot.engine import Engine

    (tmp_path / "lexicon.yaml").write_text("intents: [", encoding="utf-8")
    (tmp_path / "a.md").write_text("---\ntitle: Dev\n---\n\n## Modalités\n\nTélétravail possible.\n",
                                   encoding="utf-8")
    engine = Engine.load(tmp_path)
    assert any(p.file == "lexicon.yaml" for p in engine.problems)
    assert engine.answer("télétravail ?", "a").answered


@pytest.mark.parametrize("regex,text,count", [
    ("re:(?<!en )\\bsavoir\\w*", "savoir faire", 1),
    ("re:(?<!en )\\bsavoir\\w*", "pour en savoir plus", 0),
    ("re:\\bexperiences?\\b", "deux experiences reussies", 1),
    ("re:\\bou$", "on bosse ou", 1),
    ("re:\\bou$", "freelance ou cdd", 0),
    ("re:\\b(?:janvier|mars) \\d{4}\\b", "debut en mars 2024", 1),
    ("re:\\b(?:\\d+|deux) mois\\b", "une mission de 12 mois", 1),
    ("re:\\b(?:\\d+|deux) mois\\b", "une mission de deux mois", 1),
    ("re:\\b(?:\\d+|deux) mois\\b", "le mois de mai", 0),
    ("re:\\b(?:4|3) jours\\b", "3 jours par semaine", 1),
    ("re:\\b[1-5] 5\\b", "un 4 5 de temps", 1),
    ("re:(?<!tous les )\\b(?:\\d+|six) mois\\b", "reunion tous les six mois", 0),
    ("re:(?<!tous les )\\b(?:\\d+|six) mois\\b", "pour six mois", 1),
    ("re:\\b(?:reunion|seminaire)s? (?:\\w+ ){0,2}sur place", "des seminaires reguliers sur place", 1),
    ("re:\\b(?:combien de temps|combien d heures) par semaine", "combien d heures par semaine", 1),
    ("re:\\b(?:un|une)? ?mission", "la mission", 1),
])
def test_a_raw_regex_finds_the_same_matches_whether_or_not_it_starts_with_a_word(
        regex: str, text: str, count: int) -> None:
    index = PhraseIndex.build([(0, [regex])])
    assert index.counts(text).get(0, 0) == count


@pytest.mark.parametrize("regex", [
    "re:\\b(?:\\d+|deux|trois) mois",  # a figure or one of a few words
    "re:(?<!tous les )(?<!every )\\b(?:\\d+|six) (?:mois|months)\\b",
    "re:\\b(?:reunion|seminaire)s? sur place",  # words of which the group is the start
])
def test_a_raw_regex_starting_with_a_group_of_words_is_tried_only_where_they_stand(regex: str) -> None:
    index = PhraseIndex.build([(0, [regex])])
    assert index.raw == []  # not scanned at every position of every text


def test_a_phrase_index_is_pickled_with_the_patterns_it_compiled_not_what_it_read(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The patterns it compiled come back compiled (bot/regex.py: no parsing at the next start); the words it read
    on the way do not (the index cache stays small)."""
    index = PhraseIndex.build([(0, ["teletravail", "re:\\b(?:\\d+|deux) jours"]), (1, ["remote*"])])
    assert index.counts("teletravail deux jours et 3 jours en remote") == {0: 3, 1: 1}
    copy = pickle.loads(pickle.dumps(index))
    assert copy._by_word == {}
    monkeypatch.setattr("bot.regex._parser.parse", _no_parsing)
    assert copy.counts("teletravail deux jours et 3 jours en remote") == {0: 3, 1: 1}


def _no_parsing(*args: object) -> None:
    raise AssertionError("compiled again from its text")


def test_a_lexicon_read_back_compiles_an_intent_s_regexes_only_when_a_question_needs_them() -> None:
    """Read from the index cache, the lexicon does not compile the hundreds of regexes of its intents at start:
    each is compiled the first time it is used, and finds what it found before."""
    lexicon = load_lexicon(default_lexicon_path())
    contract = next(i for i in lexicon.intents if i.name == "contract")
    assert contract.evidence is not None and contract.evidence.search("un poste en cdi a temps plein")
    copy = pickle.loads(pickle.dumps(lexicon))
    evidence = next(i for i in copy.intents if i.name == "contract").evidence
    assert evidence is not None and evidence._compiled is None
    assert evidence.search("un poste en cdi a temps plein") and evidence._compiled is not None
    assert evidence.pattern == contract.evidence.pattern


@pytest.mark.parametrize(("phrase", "text", "count"), [
    ("teletravail", "du teletravail possible", 1),
    ("teletravail", "teletravaille", 0),
    ("temps plein", "un temps plein", 1),
    ("temps plein", "un temps partiel puis plein", 0),
    ("temps plein", "temps pleins", 0),
    ("titulaire d un", "titulaire un master", 1),  # the elided word may be missing
    ("titulaire d un", "titulaire d un master", 1),
    ("e-mail pro", "par e mail pro", 1),  # a word the normalisation splits in two
])
def test_a_phrase_of_plain_words_is_found_word_for_word(phrase: str, text: str, count: int) -> None:
    index = PhraseIndex.build([(0, [phrase])])
    assert index.counts(text).get(0, 0) == count
    assert index.spans(text, text.split(), _starts(text)).get(0, []) == [
        m.span() for m in re.finditer(compile_phrases([phrase]).pattern, text)]  # type: ignore[union-attr]


def _starts(text: str) -> list[int]:
    starts, position = [], 0
    for word in text.split():
        starts.append(text.index(word, position))
        position = starts[-1] + len(word)
    return starts


def test_the_words_of_a_plain_phrase() -> None:
    assert plain_words("télétravail") == ["teletravail"]
    assert plain_words("e-mail pro") == ["e", "mail", "pro"]
    assert plain_words("titulaire d un") is None  # "d" may be missing: a regex reads it
    assert plain_words("remote*") is None and plain_words("re:remote") is None and plain_words("au * de") is None


def test_a_phrase_anchored_at_a_line_start_matches_at_the_start_of_every_passage() -> None:
    """Passages are read joined by line ends: "^" is each passage's start, not only the first one's."""
    index = PhraseIndex.build([(0, ["re:^independant\\w*$", "re:^partout en france"])])
    counts = index.counts_many(["un statut", "independant", "partout en france et ailleurs", "travailler independant"])
    assert counts == [{}, {0: 1}, {0: 1}, {}]
    assert index.raw == []  # tried at the passage's first word only


def test_a_regex_starting_a_line_is_read_at_line_starts_only() -> None:
    """"^" and "\\b" at one place read the same in either order; "^\\b" first lets Python's re skip to line
    starts. Mixed with a regex that may start anywhere, each keeps its own reading."""
    index = PhraseIndex.build([(0, [r"re:^(?:ou )?chez (?:toi|vous)\b", r"re:(?:\w+ ){0,2}chez soi\b"])])
    assert [pattern.pattern for _, pattern in index.raw] == [
        r"(?:^\b(?:(?:ou )?chez (?:toi|vous)\b)|\b(?:(?:\w+ ){0,2}chez soi\b))"]
    assert index.counts_many(["ou chez vous", "travail chez vous", "au travail chez soi"]) == [
        {0: 1}, {}, {0: 1}]


@pytest.mark.parametrize("text", ["vous serez encadré·e par la PM", "les personnes encadrées par la PM"])
def test_a_prefix_in_a_phrase_takes_the_ending_of_inclusive_writing(text: str) -> None:
    """"encadré·e par" reads "encadre e par": the phrase "encadre* par" finds it, as it finds "encadrées par"."""
    pattern = compile_phrases(["encadre* par"])
    assert pattern is not None and pattern.search(normalise(text))


def test_a_lazy_regex_remembers_the_headings_it_read_within_bounds_and_pickles_without_them() -> None:
    pattern = LazyRegex(r"\bprofil\b")
    assert pattern.found_in("profil recherche") and not pattern.found_in("modalites")
    for n in range(MAX_REMEMBERED + 10):
        pattern.found_in(f"titre {n}")
    assert len(pattern._found) <= MAX_REMEMBERED
    copy = pickle.loads(pickle.dumps(pattern))
    assert copy._found == {} and copy.found_in("votre profil")
