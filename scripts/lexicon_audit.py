"""Which lines of a collection each cue and evidence phrase of the lexicon fires on: to find the phrases that also
match ordinary prose ("place de" in "mise en place de", "statut" in "Statut : offre fermée") and narrow them.

    python scripts/lexicon_audit.py --knowledge ../shared/corpus               # phrases by lines matched
    python scripts/lexicon_audit.py --knowledge ../shared/corpus --intent location --samples 5
    python scripts/lexicon_audit.py --knowledge ../shared/corpus --phrase "place de" --samples 30

A tool for whoever edits knowledge/lexicon.yaml (README, "The lexicon"): it reads the postings as the engine reads
them (normalised passages) and asserts nothing. A phrase matching many lines is not wrong in itself; read its
samples: when most do not state the intent's kind of fact, narrow it and add a test with the prose it wrongly
matched.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from bot.index import prepare_texts  # noqa: E402  (this checkout's engine)
from bot.knowledge import KnowledgeError, assign_slugs, load_posting, posting_files  # noqa: E402
from bot.lexicon import compile_phrases, default_lexicon_path  # noqa: E402


def passages(folder: Path) -> list[str]:
    """The normalised passages of every posting that loads, as the engine scores them."""
    postings = folder / "postings" if (folder / "postings").is_dir() else folder
    paths, _ = posting_files(postings)
    slugs = assign_slugs(paths, [])
    norms: list[str] = []
    for path in paths:
        try:
            posting, _ = load_posting(path, today=dt.date.today(), slug=slugs[path])
        except KnowledgeError:
            continue
        norms += prepare_texts(posting)[1]
    return norms


def phrases(lexicon: Path, intent: str | None) -> Iterator[tuple[str, str, str]]:
    """(intent, "cues" or "evidence", phrase) for every phrase of the lexicon file."""
    data = yaml.safe_load(lexicon.read_text(encoding="utf-8"))
    for name, spec in (data.get("intents") or {}).items():
        if intent and name != intent:
            continue
        for kind in ("cues", "evidence"):
            for phrase in spec.get(kind) or []:
                if not str(phrase).startswith("@"):
                    yield name, kind, str(phrase)


def pattern(phrase: str) -> re.Pattern[str]:
    """The phrase as the engine compiles it (a raw regex is tried from a word boundary)."""
    if phrase.startswith("re:"):
        return re.compile(r"\b(?:" + phrase[3:] + ")")
    compiled = compile_phrases([phrase])
    assert compiled is not None, phrase
    return compiled


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--knowledge", type=Path, default=PROJECT / "knowledge", help="the postings' folder")
    parser.add_argument("--lexicon", type=Path, default=default_lexicon_path(), help="the lexicon file")
    parser.add_argument("--intent", help="only this intent's phrases")
    parser.add_argument("--phrase", help="only this phrase (as written in the lexicon, re: included)")
    parser.add_argument("--top", type=int, default=60, help="phrases shown, most lines matched first")
    parser.add_argument("--samples", type=int, default=2, help="matched contexts shown per phrase (random)")
    args = parser.parse_args(argv)
    norms = passages(args.knowledge)
    found = []
    for name, kind, phrase in phrases(args.lexicon, args.intent):
        if args.phrase and phrase != args.phrase:
            continue
        regex = pattern(phrase)
        contexts = [norm[max(0, m.start() - 35):m.end() + 35] for norm in norms if (m := regex.search(norm))]
        found.append((len(contexts), name, kind, phrase, contexts))
    found.sort(key=lambda row: -row[0])
    print(f"{len(norms)} passages read from {args.knowledge}")
    rng = random.Random(0)
    for count, name, kind, phrase, contexts in found[:args.top]:
        print(f"{count:6} {name:14} {kind:8} {phrase[:70]!r}")
        for context in rng.sample(contexts, min(args.samples, len(contexts))):
            print(f"         ...{context}...")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
