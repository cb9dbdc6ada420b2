"""The lexicon's schema: which keys a lexicon file may hold, what each must be, checked on the YAML nodes so
that every mistake is reported with its file and line.

    problems, lines = validate(compose_yaml(text), "lexicon.yaml")

The keys are the loader's (bot/lexicon.py reads a lexicon only through `Entry`, which refuses a key that is
not declared here, and a test checks that the loader reads every key declared here): one source of truth.
An unknown key (`trigers:`), a value of the wrong kind, a `re:` phrase that does not compile, regular
expression syntax in a plain phrase (it would be read as words and never match), an intent that defers
to no intent, a key written twice: each is a Problem naming the line.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .models import Problem
from .regex import LazyRegex


class Kind(Enum):
    """What a key's value must be."""

    VERSION = "the number 1"
    WORDS = "a list of words"
    PHRASES = "a list of phrases (word, word*, or re:REGEX)"
    SECTIONS = "a list of words of section headings"
    PAIRS = "a mapping of phrases to words"
    ACRONYMS = "a mapping of acronyms to their names written out (a phrase or a list of phrases)"
    GROUPS = "a list of lists of words or phrases"
    INTENTS = "a mapping of intent names to intents"
    LABEL = "a name, or a mapping of languages (fr, en) to names"
    INTEGER = "a whole number"
    FLAG = "true or false"
    NAMES = "a list of names"
    INTENT_NAMES = "a list of names of other intents"
    EXAMPLES = "a mapping of languages (fr, en) to lists of example questions"


@dataclass(frozen=True)
class Rule:
    """One key: what its value must be, and the marks ("@email") it may hold besides phrases."""

    kind: Kind
    marks: frozenset[str] = frozenset()


# the lexicon's pairs of keys NAME_asks / NAME_says (what a kind of question demands of the lines that answer it),
# and what the engine says when no line holds what is demanded
DEMANDS: Mapping[str, str] = {"later": "a change to come", "frequency": "how often",
                              "permanent": "a permanent contract later", "ministry": "which ministry",
                              "place": "which place", "trips": "trips away", "others": "which other teams",
                              "years": "a number of years"}

TOP_LEVEL: Mapping[str, Rule] = {
    "version": Rule(Kind.VERSION),
    "stopwords": Rule(Kind.WORDS),
    "generic": Rule(Kind.WORDS),
    "specific": Rule(Kind.WORDS),
    "fillers": Rule(Kind.PHRASES),
    "boilerplate": Rule(Kind.PHRASES),
    **{f"{name}_{side}": Rule(Kind.PHRASES) for name in DEMANDS for side in ("asks", "says")},
    "compounds": Rule(Kind.PAIRS),
    "abbreviations": Rule(Kind.PAIRS),
    "acronyms": Rule(Kind.ACRONYMS),
    "synonyms": Rule(Kind.GROUPS),
    "roles": Rule(Kind.GROUPS),
    "intents": Rule(Kind.INTENTS),
}

EMAIL_MARK = "@email"
LINK_MARK = "@link"
CODE_MARK = "@code"  # a link to a code host (GitHub, GitLab, a forge)

INTENT: Mapping[str, Rule] = {
    "label": Rule(Kind.LABEL),
    "priority": Rule(Kind.INTEGER),
    "triggers": Rule(Kind.PHRASES),
    "cues": Rule(Kind.PHRASES, frozenset({EMAIL_MARK})),
    "sections": Rule(Kind.SECTIONS),
    "facts": Rule(Kind.NAMES),
    "list": Rule(Kind.FLAG),
    "by_section": Rule(Kind.FLAG),
    "min_cues": Rule(Kind.INTEGER),
    "check": Rule(Kind.FLAG),
    "faq_topic": Rule(Kind.FLAG),
    "evidence": Rule(Kind.PHRASES, frozenset({EMAIL_MARK, LINK_MARK, CODE_MARK})),
    "evidence_count": Rule(Kind.PHRASES),
    "evidence_counts": Rule(Kind.FLAG),
    "count_answers": Rule(Kind.FLAG),
    "counts_named": Rule(Kind.FLAG),
    "evidence_in_heading": Rule(Kind.FLAG),
    "facts_need_evidence": Rule(Kind.FLAG),
    "not_evidence": Rule(Kind.PHRASES),
    "subject_answers": Rule(Kind.FLAG),
    "names_subject": Rule(Kind.FLAG),
    "future_dates": Rule(Kind.FLAG),
    "defers_to": Rule(Kind.INTENT_NAMES),
    "by_words": Rule(Kind.FLAG),
    "whole_subject": Rule(Kind.FLAG),
    "defining": Rule(Kind.FLAG),
    "prefer": Rule(Kind.PHRASES, frozenset({EMAIL_MARK, LINK_MARK})),
    "subject": Rule(Kind.FLAG),
    "broad": Rule(Kind.WORDS),
    "examples": Rule(Kind.EXAMPLES),
}

LANGUAGES = ("fr", "en")
REQUIRED = ("intents",)

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_INTENT_NAME = re.compile(r"[a-z][a-z0-9_]*")
# regular expression syntax that a plain phrase would lose: escapes, groups, alternatives, classes, repeats
_REGEX_SYNTAX = re.compile(r"\\[a-zA-Z\\.()\[\]{}|?*+^$]|\(\?|\||\[[^\]]*\]|\{\d+(?:,\d*)?\}|\.[*+?]|\w[?+]"
                           r"(?=\s|$|\))|\)[?*+]|^\^|\$$")


class Entry:
    """A mapping of the lexicon read by the loader: only the keys its schema declares can be read, and the
    keys read are remembered (a test checks the loader reads every declared key)."""

    def __init__(self, data: Mapping[str, Any], rules: Mapping[str, Rule]) -> None:
        self._data = data
        self._rules = rules
        self.read: set[str] = set()

    def get(self, key: str, default: Any = None) -> Any:
        """The value of a declared key, or default; KeyError for a key the schema does not declare."""
        if key not in self._rules:
            raise KeyError(f"the lexicon loader reads '{key}', which bot/lexicon_schema.py does not declare")
        self.read.add(key)
        value = self._data.get(key, default)
        return default if value is None else value


@dataclass
class Checker:
    """Walks a lexicon's node tree, collecting problems and the line of each value."""

    source: str
    problems: list[Problem] = field(default_factory=list)
    lines: dict[tuple[str | int, ...], int] = field(default_factory=dict)
    compiled: dict[str, LazyRegex] = field(default_factory=dict)  # each regex phrase, compiled once

    def error(self, node: Node, reason: str) -> None:
        self.problems.append(Problem(self.source, reason, line=_line(node)))

    def document(self, root: Node | None) -> None:
        if not isinstance(root, MappingNode):
            reason = "the lexicon must be a mapping with an 'intents' mapping (see knowledge/lexicon.yaml)"
            self.problems.append(Problem(self.source, reason, line=_line(root) if root is not None else 1))
            return
        present = self.mapping(root, (), TOP_LEVEL, "the lexicon")
        for key in REQUIRED:
            if key not in present:
                self.error(root, f"the lexicon has no '{key}:' mapping: add one (see knowledge/lexicon.yaml)")
        intents = present.get("intents")
        if isinstance(intents, MappingNode):
            self.intents(intents)

    def mapping(self, node: MappingNode, path: tuple[str | int, ...], rules: Mapping[str, Rule],
                what: str) -> dict[str, Node]:
        """Check a mapping's keys against its rules and each value against its key's rule."""
        present: dict[str, Node] = {}
        for key_node, value in node.value:
            key = str(key_node.value)
            if key in present:
                self.error(key_node, f"'{key}' is written twice in {what}: keep one (the first is on line "
                                     f"{_line(present[key])})")
                continue
            rule = rules.get(key)
            if rule is None:
                self.error(key_node, f"unknown key '{key}' in {what}{_suggest(key, rules)} (the keys it may have: "
                                     f"{', '.join(rules)})")
                continue
            present[key] = key_node
            self.lines[(*path, key)] = _line(value)
            if rule.kind is not Kind.INTENTS:
                self.value(value, rule, (*path, key), f"'{key}' of {what}")
        return {key: value for key_node, value in node.value
                if (key := str(key_node.value)) in present and present[key] is key_node}

    def intents(self, node: MappingNode) -> None:
        names = {str(k.value) for k, _ in node.value}
        seen: dict[str, Node] = {}
        for key_node, spec in node.value:
            name = str(key_node.value)
            if name in seen:
                self.error(key_node, f"intent '{name}' is written twice: merge the two (the first is on line "
                                     f"{_line(seen[name])})")
                continue
            seen[name] = key_node
            if not _INTENT_NAME.fullmatch(name):
                self.error(key_node, f"intent name '{name}': use lower-case letters, digits and '_' only")
            if not isinstance(spec, MappingNode):
                self.error(spec, f"intent '{name}' must be a mapping of keys ({', '.join(INTENT)}), "
                                 f"not {_what(spec)}")
                continue
            self.lines[("intents", name)] = _line(key_node)
            present = self.mapping(spec, ("intents", name), INTENT, f"intent '{name}'")
            deferred = present.get("defers_to")
            if isinstance(deferred, SequenceNode):
                for item in deferred.value:
                    if isinstance(item, ScalarNode) and item.value not in names:
                        self.error(item, f"intent '{name}' defers to '{item.value}', which is no intent"
                                         f"{_suggest(str(item.value), names)}")

    def value(self, node: Node, rule: Rule, path: tuple[str | int, ...], what: str) -> None:
        kind = rule.kind
        if _tag(node) == _NULL and kind not in (Kind.VERSION, Kind.LABEL, Kind.INTEGER):
            return  # an empty list or mapping
        if kind is Kind.VERSION:
            if _tag(node) != _INT or int(node.value) != 1:
                self.error(node, f"{what} must be {kind.value}")
        elif kind is Kind.INTEGER:
            if _tag(node) != _INT:
                self.error(node, f"{what} must be {kind.value}, not {_what(node)}")
        elif kind is Kind.FLAG:
            if _tag(node) != _BOOL:
                self.error(node, f"{what} must be {kind.value}, not {_what(node)}")
        elif kind is Kind.LABEL:
            if isinstance(node, MappingNode):
                self.languages(node, what, lambda n, w: self.text(n, w))
            else:
                self.text(node, what)
        elif kind is Kind.EXAMPLES:
            if not isinstance(node, MappingNode):
                self.error(node, f"{what} must be {kind.value}, not {_what(node)}")
                return
            for lang, examples in self.languages(node, what, self.texts).items():
                if isinstance(examples, SequenceNode):
                    for number, item in enumerate(examples.value):
                        self.lines[(*path, lang, number)] = _line(item)
        elif kind in (Kind.PAIRS, Kind.ACRONYMS):
            if not isinstance(node, MappingNode):
                self.error(node, f"{what} must be {kind.value}, not {_what(node)}")
                return
            for key_node, value in node.value:
                self.word(key_node, what)
                if path == ("abbreviations",) and isinstance(key_node, ScalarNode) and isinstance(value, ScalarNode) \
                        and len(str(key_node.value).split()) > 1 \
                        and (len(str(key_node.value).split()), len(str(value.value).split())) != (2, 2):
                    self.error(key_node, f"{what}: '{key_node.value}' is an abbreviation in context: write two words "
                                         "read as two words ('tt ca: tout ca')")
                    continue
                if kind is Kind.ACRONYMS and isinstance(value, SequenceNode):
                    self.texts(value, f"{what}, '{key_node.value}'")
                else:
                    self.word(value, f"{what}, '{key_node.value}'")
        elif kind is Kind.GROUPS:
            for group in self.items(node, what, kind):
                if not isinstance(group, SequenceNode):
                    self.error(group, f"each group of {what} must be a list [word, word, ...], not {_what(group)}")
                    continue
                for item in group.value:
                    self.word(item, what)
        elif kind is Kind.PHRASES:
            for item in self.items(node, what, kind):
                self.phrase(item, what, rule.marks)
        elif kind is Kind.SECTIONS:  # the first words of headings, or a regular expression over a heading
            for item in self.items(node, what, kind):
                self.phrase(item, what, frozenset())
        else:  # WORDS, NAMES, INTENT_NAMES
            for item in self.items(node, what, kind):
                self.word(item, what)

    def items(self, node: Node, what: str, kind: Kind) -> Iterator[Node]:
        if not isinstance(node, SequenceNode):
            self.error(node, f"{what} must be {kind.value} in brackets [..., ...], not {_what(node)}")
            return
        yield from node.value

    def languages(self, node: MappingNode, what: str, check: Any) -> dict[str, Node]:
        found: dict[str, Node] = {}
        for key_node, value in node.value:
            lang = str(key_node.value)
            if lang not in LANGUAGES:
                self.error(key_node, f"unknown language '{lang}' in {what}: use {' or '.join(LANGUAGES)}")
                continue
            found[lang] = value
            check(value, f"{what}, {lang}")
        return found

    def texts(self, node: Node, what: str) -> None:
        for item in self.items(node, what, Kind.NAMES):
            self.text(item, what)

    def text(self, node: Node, what: str) -> None:
        if _tag(node) != _STR or not str(node.value).strip():
            self.error(node, f"{what} must be a text, not {_what(node)}")

    def word(self, node: Node, what: str) -> None:
        if _tag(node) == _BOOL:
            self.error(node, f"{what}: '{node.value}' is read as true or false, not as a word "
                             "(YAML reads on/off/yes/no so): write it in quotes")
        elif not isinstance(node, ScalarNode) or _tag(node) == _NULL:
            self.error(node, f"{what} must hold words, not {_what(node)}")

    def phrase(self, node: Node, what: str, marks: frozenset[str]) -> None:
        self.word(node, what)
        if _tag(node) != _STR:
            return
        text = str(node.value)
        if text.startswith("re:"):
            try:  # as the lexicon compiles it: kept for it (re's own cache holds 512, the lexicon about 650)
                lazy = LazyRegex(text[3:], re.MULTILINE)
                lazy.compiled  # noqa: B018  (compiled now, to report a bad one with its line)
                self.compiled[text] = lazy
            except re.error as exc:
                self.error(node, f"{what}: bad regular expression '{text}': {exc}; check its brackets and escapes "
                                 "(a backslash is written \\\\ in double quotes)")
            else:
                if _GROUP_REFERENCE.search(text):  # phrases are joined in one regex: group numbers and names shift
                    self.error(node, f"{what}: '{text}' names or refers back to a group ((?P<...>, (?P=...), \\1), "
                                     "which the other phrases joined with it in one regex would break: write (?:...)")
                if re.search(r"(?:\\d|\[0-9\])$", text):  # every phrase ends on a word boundary
                    self.error(node, f"{what}: '{text}' ends with a single digit, so it matches only before a "
                                     "number of one digit ('salaire 4', not 'salaire 45'): write \\\\d+ or \\\\d\\\\w*")
        elif text.startswith("@"):
            if text not in marks:
                allowed = f"use {', '.join(sorted(marks))}" if marks else "none is allowed here"
                self.error(node, f"{what}: unknown mark '{text}': {allowed}")
        else:
            self.plain(node, text, what)

    def plain(self, node: Node, text: str, what: str) -> None:
        found = _REGEX_SYNTAX.search(text)
        if found:
            self.error(node, f"{what}: '{text}' looks like a regular expression ('{found.group()}') but is read as "
                             f"plain words: write it 're:{text}' (a regular expression over the normalised text) "
                             "or as words")


_GROUP_REFERENCE = re.compile(r"\(\?P[<=]|(?<!\\)\\[1-9]")  # (?P<name>...), (?P=name), \1...


def validate(root: Node | None, source: str) -> tuple[list[Problem], dict[tuple[str | int, ...], int]]:
    """The problems of a lexicon's node tree, and the line of each value by its path of keys."""
    checker = check(root, source)
    return checker.problems, checker.lines


def check(root: Node | None, source: str) -> Checker:
    """The checker walked over a lexicon's node tree: its problems, lines and compiled regex phrases."""
    checker = Checker(source)
    checker.document(root)
    return checker


def _line(node: Node) -> int:
    return int(node.start_mark.line) + 1


def _tag(node: Node) -> str:
    return str(node.tag)


def _what(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    names = {_STR: "a text", _INT: "a number", _BOOL: "true/false", _NULL: "nothing"}
    return f"{names.get(_tag(node), 'a value')} ('{node.value}')" if _tag(node) != _NULL else "nothing"


def _suggest(word: str, choices: Any) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f": did you mean '{close[0]}'?" if close else ""
