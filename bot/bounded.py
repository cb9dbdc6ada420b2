"""Read knowledge files within bounds, so that a hostile or broken file costs little and fails alone.

    data = read_limited(path, MAX_POSTING_BYTES, "a posting")  # raises FileTooLarge past the limit
    value = load_yaml(text)  # raises YamlLimitError (a yaml.YAMLError) past the nesting or alias limits

A file's size is checked with stat before it is read, then the read itself stops one byte past the limit
(the file may grow in between). YAML is loaded with the safe constructor, counting on the way how deep the
values nest and how many values aliases stand for: a "billion laughs" document of a few hundred bytes stands
for billions of values, which code walking the values (or the answers built from them) would then visit.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import Node
from yaml.resolver import Resolver

# The largest posting of the shared corpus of real postings (527 files) is 17,938 bytes: 1 MiB is ~58 times that.
MAX_POSTING_BYTES = 1024 * 1024
MAX_LEXICON_BYTES = 4 * 1024 * 1024  # the bundled lexicon.yaml is ~53 KB
MAX_CONTACTS_BYTES = 1024 * 1024  # ~20,000 members of ~50 bytes
MAX_FAQ_BYTES = 1024 * 1024  # one posting's recruiters' answers
MAX_DEPTH = 50  # nested collections; real front matter nests 2 deep, the lexicon 4
MAX_ALIAS_VALUES = 10_000  # values that aliases stand for, in all, in one YAML document


class FileTooLarge(ValueError):
    """A knowledge file larger than its limit; the message says the size, the limit and what to do."""


class YamlLimitError(yaml.MarkedYAMLError):
    """YAML nested too deep or with aliases that stand for too many values; marks the line where."""


def read_limited(path: Path, limit: int, what: str) -> bytes:
    """The bytes of a file of at most limit bytes; FileTooLarge when it is larger (checked before reading)."""
    size = path.stat().st_size
    if size <= limit:
        with path.open("rb") as file:
            data = file.read(limit + 1)
        size = max(size, len(data))
        if len(data) <= limit:
            return data
    raise FileTooLarge(f"file too large for {what}: {size:,} bytes, the limit is {limit:,} bytes: "
                       "shorten the file or split it")


def _mark_line(event: Any) -> int:
    mark = getattr(event, "start_mark", None)
    return int(getattr(mark, "line", 0))


class _BoundedComposer(Composer):
    """PyYAML's composer, refusing collections nested deeper than MAX_DEPTH and aliases that stand for more
    than MAX_ALIAS_VALUES values in all (each alias counts every value of the node it repeats)."""

    peek_event: Callable[[], Any]  # from the parser it is mixed with
    check_event: Callable[..., bool]

    def __init__(self) -> None:
        super().__init__()
        self._depth = 0
        self._values = 0  # values composed so far, aliases counted by what they stand for
        self._aliased = 0  # of which, values stood for by aliases
        self._weights: dict[str, int] = {}  # anchor -> values of the node it names

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        event = self.peek_event()
        if self.check_event(AliasEvent):
            weight = self._weights.get(event.anchor, 1)
            self._values += weight
            self._aliased += weight
            if self._aliased > MAX_ALIAS_VALUES:
                raise YamlLimitError(None, None, f"aliases stand for more than {MAX_ALIAS_VALUES:,} values "
                                     "(an alias bomb?): write the values out instead of repeating aliases",
                                     event.start_mark)
            return super().compose_node(parent, index)
        if self._depth >= MAX_DEPTH:
            raise YamlLimitError(None, None, f"values nested more than {MAX_DEPTH} levels deep: "
                                 "flatten the structure", event.start_mark)
        before = self._values
        self._depth += 1
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        self._values += 1
        if event.anchor is not None:
            self._weights[event.anchor] = self._values - before
        return node


try:  # libyaml's parser (C) when PyYAML was built with it, else PyYAML's own (Python)
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - PyYAML without libyaml
    from yaml.parser import Parser as _PyParser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, _PyParser):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            _PyParser.__init__(self)


class BoundedLoader(_BoundedComposer, _Parser, SafeConstructor, Resolver):
    """yaml.SafeLoader with limits on nesting depth and alias expansion (the composer comes first, so that
    its bounded compose_node is used rather than libyaml's own)."""

    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        _BoundedComposer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)


def load_yaml(text: str) -> Any:
    """Load one YAML document safely (as yaml.safe_load); YamlLimitError past MAX_DEPTH or MAX_ALIAS_VALUES."""
    loader = BoundedLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def compose_yaml(text: str) -> Node | None:
    """The node tree of one YAML document (as yaml.compose), with the same limits as load_yaml."""
    loader = BoundedLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def load_yaml_nodes(text: str) -> tuple[Any, Node | None]:
    """The value of one YAML document and its node tree (whose nodes know their lines), read once, with the
    same limits as load_yaml."""
    loader = BoundedLoader(text)
    try:
        node = loader.get_single_node()
        return (loader.construct_document(node) if node is not None else None), node
    finally:
        loader.dispose()
