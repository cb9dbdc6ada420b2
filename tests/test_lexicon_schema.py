"""An admin edits the lexicon safely: every mistake is refused with the file, the line and what to do."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from bot.engine import Engine
from bot.lexicon import LexiconError, default_lexicon_path, load_lexicon, loader_keys
from bot.lexicon_schema import INTENT, LANGUAGES, TOP_LEVEL

GOOD = """\
version: 1
stopwords: [le, la]
intents:
  remote:
    label: {fr: "Télétravail", en: "Remote work"}
    priority: 6
    triggers: [teletravail*, "remote"]
    cues: [teletravail*]
    examples:
      fr: ["Le télétravail est-il possible ?"]
      en: ["Is remote work possible?"]
"""


def _problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "lexicon.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError) as caught:
        load_lexicon(path)
    assert caught.value.problems, "each mistake is a problem of its own"
    return [str(p) for p in caught.value.problems]


def test_a_well_formed_lexicon_loads(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.yaml"
    path.write_text(GOOD, encoding="utf-8")
    remote = load_lexicon(path).intent("remote")
    assert [(e.lang, e.line) for e in remote.examples] == [("fr", 10), ("en", 11)]


def test_the_bundled_lexicon_follows_the_schema() -> None:
    load_lexicon(default_lexicon_path())


def test_a_misspelt_key_is_an_error_naming_the_file_the_line_and_the_right_key(tmp_path: Path) -> None:
    problems = _problems(tmp_path, GOOD.replace("    triggers:", "    trigers:"))
    assert problems == [problems[0]] and problems[0].startswith("lexicon.yaml:7: error: unknown key 'trigers' "
                                                                "in intent 'remote': did you mean 'triggers'?")


def test_an_unknown_top_level_key_is_an_error(tmp_path: Path) -> None:
    problems = _problems(tmp_path, GOOD.replace("stopwords:", "stopword:"))
    assert problems[0].startswith("lexicon.yaml:2: error: unknown key 'stopword' in the lexicon")


@pytest.mark.parametrize("old,new,line,says", [
    ("priority: 6", "priority: high", 6, "'priority' of intent 'remote' must be a whole number"),
    ('triggers: [teletravail*, "remote"]', "triggers: {teletravail: 1}", 7, "must be a list of phrases"),
    ('triggers: [teletravail*, "remote"]', "triggers: [teletravail, [remote]]", 7, "must hold words, not a list"),
    ('label: {fr: "Télétravail", en: "Remote work"}', 'label: {fr: "Télétravail", de: "Fernarbeit"}', 5,
     "unknown language 'de'"),
    ("stopwords: [le, la]", "stopwords: [le, no]", 2, "write it in quotes"),
    ("    priority: 6\n", "    priority: 6\n    check: maybe\n", 7, "'check' of intent 'remote' must be true or false"),
])
def test_a_malformed_entry_is_an_error_with_its_line(tmp_path: Path, old: str, new: str, line: int, says: str) -> None:
    problems = _problems(tmp_path, GOOD.replace(old, new))
    assert problems[0].startswith(f"lexicon.yaml:{line}: error: ") and says in problems[0]


def test_regular_expression_syntax_in_a_plain_phrase_is_flagged(tmp_path: Path) -> None:
    problems = _problems(tmp_path, GOOD.replace('"remote"', '"temps (?:plein|partiel)"'))
    assert problems[0].startswith("lexicon.yaml:7: error: 'triggers' of intent 'remote': 'temps (?:plein|partiel)' "
                                  "looks like a regular expression")
    assert "write it 're:temps (?:plein|partiel)'" in problems[0]


@pytest.mark.parametrize("phrase", ["c'est où ?", "télétravail*", "full-remote", "TJM / salaire", "100 %"])
def test_ordinary_punctuation_in_a_plain_phrase_is_not_flagged(tmp_path: Path, phrase: str) -> None:
    path = tmp_path / "lexicon.yaml"
    path.write_text(GOOD.replace('"remote"', f'"{phrase}"'), encoding="utf-8")
    load_lexicon(path)


def test_a_regular_expression_that_does_not_compile_is_an_error_with_its_line(tmp_path: Path) -> None:
    cues = 'cues: [teletravail*,\n           "re:(unclosed"]'
    problems = _problems(tmp_path, GOOD.replace("cues: [teletravail*]", cues))
    assert problems[0].startswith("lexicon.yaml:9: error: 'cues' of intent 'remote': bad regular expression "
                                  "'re:(unclosed'")


def test_a_section_may_be_a_regular_expression_over_the_heading(tmp_path: Path) -> None:
    """"Nous recherchons un·e designer pour" heads the missions: "re:...pour$" says so, where words cannot."""
    path = tmp_path / "lexicon.yaml"
    sections = 'sections: [modalites, "re:\\\\brecherch\\\\w* (?:\\\\w+ ){1,6}pour$"]\n    cues: [teletravail*]'
    path.write_text(GOOD.replace("cues: [teletravail*]", sections), encoding="utf-8")
    pattern = load_lexicon(path).intent("remote").sections
    assert pattern is not None and pattern.search("nous recherchons un e designer pour")
    assert not pattern.search("nous recherchons un e designer")


def test_a_section_that_does_not_compile_is_an_error_with_its_line(tmp_path: Path) -> None:
    problems = _problems(tmp_path, GOOD.replace("cues: [teletravail*]", 'sections: ["re:(unclosed"]\n    cues: [x]'))
    assert problems[0].startswith("lexicon.yaml:8: error: 'sections' of intent 'remote': bad regular expression "
                                  "'re:(unclosed'"), problems


def test_a_regular_expression_ending_with_a_single_digit_is_an_error_with_its_line(tmp_path: Path) -> None:
    """Every phrase ends on a word boundary: "salaire \\d" would match "salaire 4", never "salaire 45"."""
    cues = 'cues: [teletravail*,\n           "re:\\\\bsalaire \\\\d"]'
    problems = _problems(tmp_path, GOOD.replace("cues: [teletravail*]", cues))
    assert problems[0].startswith("lexicon.yaml:9: error: 'cues' of intent 'remote': 're:\\bsalaire \\d' ends with "
                                  "a single digit"), problems


@pytest.mark.parametrize("regex", ["(?P<jours>\\\\d+) jours", "(deux|trois) \\\\1"])
def test_a_regular_expression_naming_or_referring_back_to_a_group_is_an_error_with_its_line(
        tmp_path: Path, regex: str) -> None:
    """The phrases of an intent are joined in one regex, compiled the first time it is used: a group name or a
    back-reference there would clash or point elsewhere."""
    cues = f'cues: [teletravail*,\n           "re:{regex}"]'
    problems = _problems(tmp_path, GOOD.replace("cues: [teletravail*]", cues))
    assert problems[0].startswith("lexicon.yaml:9: error: 'cues' of intent 'remote': "), problems
    assert "refers back to a group" in problems[0]


def test_a_key_written_twice_is_an_error_instead_of_the_first_being_dropped(tmp_path: Path) -> None:
    problems = _problems(tmp_path, GOOD.replace("    cues:", "    triggers: [home office]\n    cues:"))
    assert problems[0].startswith("lexicon.yaml:8: error: 'triggers' is written twice in intent 'remote'")


def test_an_intent_written_twice_is_an_error(tmp_path: Path) -> None:
    problems = _problems(tmp_path, GOOD + "  remote:\n    triggers: [remote]\n")
    assert problems[0].startswith("lexicon.yaml:12: error: intent 'remote' is written twice")


def test_deferring_to_an_intent_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    problems = _problems(tmp_path, GOOD.replace("    priority: 6\n", "    priority: 6\n    defers_to: [remtoe]\n"))
    assert problems[0].startswith("lexicon.yaml:7: error: intent 'remote' defers to 'remtoe', which is no intent")


def test_an_unknown_mark_is_an_error(tmp_path: Path) -> None:
    problems = _problems(tmp_path, GOOD.replace("cues: [teletravail*]", 'cues: [teletravail*, "@phone"]'))
    assert "unknown mark '@phone': use @email" in problems[0]


def test_preferred_lines_may_be_those_giving_an_address_or_a_link(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.yaml"
    path.write_text(GOOD.replace("cues: [teletravail*]", 'cues: [teletravail*]\n    prefer: ["@email", "@link"]'),
                    encoding="utf-8")
    assert load_lexicon(path).intent("remote").prefer_marks == {"@email", "@link"}


def test_every_mistake_is_listed_not_only_the_first(tmp_path: Path) -> None:
    problems = _problems(tmp_path, GOOD.replace("    triggers:", "    trigers:").replace("priority: 6", "priority: x"))
    assert [p.split(":")[1] for p in problems] == ["6", "7"]


def test_a_lexicon_without_intents_says_what_is_missing(tmp_path: Path) -> None:
    problems = _problems(tmp_path, "stopwords: [le]\n")
    assert "no 'intents:' mapping" in problems[0]


def test_a_knowledge_folder_with_a_broken_lexicon_reports_each_mistake_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "lexicon.yaml").write_text(GOOD.replace("    triggers:", "    trigers:"), encoding="utf-8")
    (tmp_path / "a.md").write_text("---\ntitle: Dev\n---\n\n## Modalités\n\nTélétravail possible.\n",
                                   encoding="utf-8")
    engine = Engine.load(tmp_path)
    assert next(str(p) for p in engine.problems if p.file == "lexicon.yaml").startswith(
        "lexicon.yaml:7: error: unknown key 'trigers'")
    assert engine.answer("télétravail ?", "a").answered  # the bundled lexicon serves meanwhile


def test_the_schema_accepts_exactly_the_keys_the_loader_reads() -> None:
    top, intent = loader_keys()
    assert top == set(TOP_LEVEL)
    assert intent == set(INTENT)


def test_the_loader_reads_the_lexicon_only_through_the_schema() -> None:
    """No `data["key"]` or `spec.get("key")` on the raw mappings: each key goes through Entry, which refuses
    a key the schema does not declare, so that the schema cannot miss one."""
    tree = ast.parse(Path("bot/lexicon.py").read_text(encoding="utf-8"))
    declared = set(TOP_LEVEL) | set(INTENT)
    read = {node.args[0].value for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get"
            and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)}
    subscripts = {node.slice.value for node in ast.walk(tree)
                  if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant)
                  and node.slice.value in declared}
    assert read - set(LANGUAGES) <= declared and not subscripts


def test_an_abbreviation_in_context_must_read_two_words_as_two(tmp_path: Path) -> None:
    problems = _problems(tmp_path, GOOD.replace("stopwords: [le, la]\n",
                                                "stopwords: [le, la]\nabbreviations:\n  tt ca: tout\n"))
    assert problems[0].startswith("lexicon.yaml:4: error: ") and "'tt ca' is an abbreviation in context" in problems[0]


def test_an_abbreviation_in_context_reads_its_word_only_there(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.yaml"
    path.write_text(GOOD.replace("stopwords: [le, la]\n", "stopwords: [le, la]\nabbreviations:\n  tt: teletravail\n"
                                 "  tt ca: tout ca\n"), encoding="utf-8")
    lexicon = load_lexicon(path)
    assert lexicon.abbreviations == {"tt": "teletravail"}
    assert lexicon.pair_abbreviations == {("tt", "ca"): ("tout", "ca")}
