"""The lexicon tests itself: each intent carries example questions, in French and English, that
`python -m bot check` asks; and no intent is named in the Python code, so that admins own the intents."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from bot.cli import main
from bot.lexicon import default_lexicon_path, load_lexicon

POSTING = "---\ntitle: Développeur\n---\n\n## Modalités\n\nTélétravail possible deux jours par semaine.\n"
LEXICON = """\
intents:
  remote:
    label: {fr: "Télétravail", en: "Remote work"}
    priority: 6
    triggers: [teletravail*, remote, "work from home"]
    cues: [teletravail*]
    examples:
      fr: ["Le télétravail est-il possible ?"]
      en: ["Can I work from home?"]
  parking:
    label: {fr: "Parking", en: "Parking"}
    triggers: [parking]
"""


def _folder(tmp_path: Path, lexicon: str) -> Path:
    (tmp_path / "lexicon.yaml").write_text(lexicon, encoding="utf-8")
    (tmp_path / "a.md").write_text(POSTING, encoding="utf-8")
    return tmp_path


def test_every_intent_carries_french_and_english_examples() -> None:
    lexicon = load_lexicon(default_lexicon_path())
    for intent in lexicon.intents:
        languages = [example.lang for example in intent.examples]
        assert languages.count("fr") >= 2 and languages.count("en") >= 2, intent.name


def test_check_asks_every_example_and_says_they_are_recognised(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--no-coverage"]) == 0
    count = sum(len(i.examples) for i in load_lexicon(default_lexicon_path()).intents)
    assert f"lexicon self-test: the {count} example questions of" in capsys.readouterr().out


def test_an_example_read_as_another_intent_is_listed_under_its_intent_with_its_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _folder(tmp_path, LEXICON.replace('en: ["Can I work from home?"]', 'en: ["Is there a parking?"]'))
    assert main(["check", "--no-coverage", "--knowledge", str(folder)]) == 1
    out = capsys.readouterr().out
    assert f"{folder / 'lexicon.yaml'}:9: error: intent 'remote' (Remote work): the example \"Is there a parking?\" " \
           "is read as 'parking' (Parking)" in out
    assert "lexicon self-test: 1 of 2 example questions not recognised (remote: 1)" in out


def test_an_example_no_intent_recognises_is_listed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _folder(tmp_path, LEXICON.replace("Le télétravail est-il possible ?", "Le poste est-il bien ?"))
    assert main(["check", "--no-coverage", "--knowledge", str(folder)]) == 1
    assert "the example \"Le poste est-il bien ?\" is read as no intent" in capsys.readouterr().out


def test_an_intent_without_examples_is_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--no-coverage", "--knowledge", str(_folder(tmp_path, LEXICON))]) == 0
    assert ":10: warning: intent 'parking' has no example questions" in capsys.readouterr().out


def test_check_lists_each_mistake_of_a_broken_lexicon_with_its_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _folder(tmp_path, LEXICON.replace("    triggers: [parking]", "    trigers: [parking]"))
    assert main(["check", "--no-coverage", "--knowledge", str(folder)]) == 1
    assert "lexicon.yaml:12: error: unknown key 'trigers' in intent 'parking': did you mean 'triggers'?" \
        in capsys.readouterr().out


def _intent_names() -> set[str]:
    return {intent.name for intent in load_lexicon(default_lexicon_path()).intents}


def _names_in_intent_context(tree: ast.AST, names: set[str]) -> list[str]:
    """String constants naming an intent where the code handles intents: compared with an intent or its name
    (`intent.name == "pay"`, `answer.intent in {"pay"}`) or passed to `lexicon.intent("pay")`/`number`."""

    def about_intents(node: ast.AST) -> bool:
        return any((isinstance(n, ast.Attribute) and "intent" in n.attr)
                   or (isinstance(n, ast.Name) and "intent" in n.id) for n in ast.walk(node))

    def constants(node: ast.AST) -> list[str]:
        return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and n.value in names]

    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(about_intents(side) for side in sides):
                found += [c for side in sides for c in constants(side)]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in ("intent", "number"):
            found += [c for arg in node.args for c in constants(arg)]
    return found


def test_no_intent_is_named_in_the_python_code() -> None:
    names = _intent_names()
    found = {str(path): hits for path in sorted(Path("bot").rglob("*.py"))
             if (hits := _names_in_intent_context(ast.parse(path.read_text(encoding="utf-8")), names))}
    assert found == {}


def test_the_guard_against_intent_names_in_code_finds_one() -> None:
    code = 'if query.intent.name == "pay":\n    pass\nlexicon.intent("remote")\nif answer.intent in ("start",): pass\n'
    assert sorted(_names_in_intent_context(ast.parse(code), _intent_names())) == ["pay", "remote", "start"]
