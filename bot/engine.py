"""The answering engine: a knowledge folder loaded, indexed and ready to answer.

    engine = Engine.load(Path("knowledge"))
    answer = engine.answer("Le poste est-il en télétravail ?", posting="2021-08-30-sicoval-pm")
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path

from .index import Index, build_index
from .knowledge import load_postings
from .lexicon import Lexicon, LexiconError, default_lexicon_path, lexicon_problem, load_lexicon
from .matcher import Matcher
from .models import Answer, Posting, Problem

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Engine:
    """Postings, lexicon, index and matcher of one knowledge folder; immutable once built."""

    folder: Path
    postings: tuple[Posting, ...]
    lexicon: Lexicon
    index: Index
    matcher: Matcher
    problems: tuple[Problem, ...]

    @classmethod
    def load(cls, folder: Path, *, today: dt.date | None = None) -> Engine:
        """Load a knowledge folder: postings from FOLDER/postings (or FOLDER itself), FOLDER/lexicon.yaml."""
        problems: list[Problem] = []
        lexicon_path = folder / "lexicon.yaml"
        if not lexicon_path.is_file():
            lexicon_path = default_lexicon_path()
        try:
            lexicon = load_lexicon(lexicon_path)
        except LexiconError as exc:
            if lexicon_path == default_lexicon_path():
                raise
            problems.append(lexicon_problem(lexicon_path, exc))
            lexicon = load_lexicon(default_lexicon_path())
        postings_dir = folder / "postings" if (folder / "postings").is_dir() else folder
        loaded = load_postings(postings_dir, today=today)
        problems.extend(loaded.problems)
        index = build_index(loaded.postings, lexicon)
        return cls(folder, loaded.postings, lexicon, index, Matcher(index, lexicon), tuple(problems))

    def answer(self, question: str, posting: str | Posting | None = None) -> Answer:
        """Answer a question from a posting (slug or file stem), or from the posting it is about."""
        return self.matcher.answer(question, posting)

    def find(self, ref: str) -> Posting | None:
        """The posting with this slug or file stem."""
        found = self.index.find(ref)
        return found.posting if found else None
