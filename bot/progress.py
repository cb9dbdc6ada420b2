"""Progress of long commands (check, eval, bench), on stderr and only when stderr is a terminal.

    for question in progress(questions, desc="questions"):
        ...
    with status("loading knowledge"):
        engine = Engine.load(folder)

Drawn by tqdm; scripts, pipes and CI (stderr not a TTY) see nothing, so stdout stays the report alone.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TextIO, TypeVar

_T = TypeVar("_T")


def on_terminal(stream: TextIO | None = None) -> bool:
    """Is the stream (stderr by default) a terminal a person watches?"""
    stream = stream or sys.stderr
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False


def progress(items: Iterable[_T], *, desc: str, total: int | None = None,
             stream: TextIO | None = None) -> Iterator[_T]:
    """The items, with a progress bar on the terminal while they are gone through."""
    stream = stream or sys.stderr
    if not on_terminal(stream):
        yield from items
        return
    from tqdm import tqdm  # only for a terminal: a pipe's reader never waits for it to import

    with tqdm(items, desc=desc, total=total, file=stream, leave=False, unit="") as bar:
        yield from bar


@contextmanager
def status(desc: str, *, stream: TextIO | None = None) -> Iterator[None]:
    """Say on the terminal what is being done while a step with no count runs (erased at the end)."""
    stream = stream or sys.stderr
    if not on_terminal(stream):
        yield
        return
    from tqdm import tqdm

    with tqdm(total=None, desc=desc, file=stream, leave=False, bar_format="{desc}… {elapsed}"):
        yield
