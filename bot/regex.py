"""Regular expressions compiled once and kept compiled in the index cache.

Python compiles a regular expression in pure Python (its parser and code generator), a few milliseconds for each
of the lexicon's large alternations: a start from the index cache compiled again, at every start, the hundreds the
first questions need (some 0.1 CPU-second). A LazyRegex keeps the compiled program (the list of codes Python's
regex engine runs, `re._compiler._code`) beside its text; pickled with it into the index cache, it is rebuilt
at the next start by the engine's own constructor (`_sre.compile`), which checks the codes, without parsing.

The cache holds what this bot wrote only (bot/cache.py: authenticated, keyed by the Python version too, since the
codes are the interpreter's own); when the interpreter cannot rebuild or compile that way, the text is compiled as
usual.
"""

from __future__ import annotations

import re
from typing import Any

try:  # CPython 3.11+: the regex compiler's parts, importable as modules (typeshed does not describe them)
    import _sre  # type: ignore[import-not-found]
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - another interpreter: compiled as usual
    _sre = None

# what rebuilds a compiled expression: its flags as compiled, its codes, groups, group names and their numbers
Code = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]

MAX_REMEMBERED = 4096  # texts a LazyRegex remembers having read (headings), at most


def compile_with_code(pattern: str, flags: int = 0) -> tuple[re.Pattern[str], Code | None]:
    """The compiled expression and what rebuilds it (None where the interpreter does not tell)."""
    if _sre is None:  # pragma: no cover
        return re.compile(pattern, flags), None
    try:
        parsed = _parser.parse(pattern, flags)
        codes = [int(c) for c in _compiler._code(parsed, flags)]  # plain numbers (re's named ones do not pickle)
        names = parsed.state.groupdict
        numbers: list[str | None] = [None] * parsed.state.groups
        for name, number in names.items():
            numbers[number] = name
        code: Code = (flags | parsed.state.flags, codes, parsed.state.groups - 1, dict(names), tuple(numbers))
        return _sre.compile(pattern, *code), code
    except re.error:
        raise
    except Exception:  # pragma: no cover - an interpreter whose internals differ: compiled as usual
        return re.compile(pattern, flags), None


def from_code(pattern: str, flags: int, code: Code | None) -> tuple[re.Pattern[str], Code | None]:
    """The compiled expression rebuilt from its code, or compiled again when it cannot be."""
    if code is not None and _sre is not None:
        try:
            return _sre.compile(pattern, *code), code
        except Exception:  # codes this interpreter refuses (checked by _sre): compiled from the text
            pass
    return compile_with_code(pattern, flags)


class LazyRegex:
    """A regular expression compiled the first time it is used, and pickled as its text with its compiled code
    once it has one: a lexicon loaded compiles only the expressions its questions use, and one read from the
    index cache rebuilds those the cache was written with, without compiling them again."""

    __slots__ = ("_code", "_compiled", "_found", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None
        self._code: Code | None = None
        self._found: dict[str, bool] = {}

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled, self._code = from_code(self.pattern, self.flags, self._code)
        return self._compiled

    def search(self, text: str) -> re.Match[str] | None:
        return self.compiled.search(text)

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self.compiled.match(text, pos)

    def finditer(self, text: str) -> Any:
        return self.compiled.finditer(text)

    def found_in(self, text: str) -> bool:
        """Whether it occurs in a text that recurs (a heading: "Profil recherché" heads hundreds of postings),
        each text read once."""
        found = self._found.get(text)
        if found is None:
            if len(self._found) >= MAX_REMEMBERED:
                self._found.clear()
            found = self._found[text] = self.compiled.search(text) is not None
        return found

    def sub(self, replacement: str, text: str) -> str:
        return self.compiled.sub(replacement, text)

    def __getstate__(self) -> tuple[str, int, Code | None]:
        return self.pattern, self.flags, self._code

    def __setstate__(self, state: tuple[str, int] | tuple[str, int, Code | None]) -> None:
        self.pattern, self.flags = state[0], state[1]
        self._code = state[2] if len(state) > 2 else None
        self._compiled = None
        self._found = {}

    def __repr__(self) -> str:
        return f"LazyRegex({self.pattern!r})"
