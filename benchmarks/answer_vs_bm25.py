"""End to end, `python -m bot answer --jsonl` against the BM25 peer on the same 1,000 questions, side by side.

The questions name no posting (`"posting": null`): each is a generic candidate question (French or English)
with the name of a posting of the collection in it ("Chez <name>, le poste est-il en télétravail ?"). They
are made from the templates below and the postings' own names, never from the evaluation files.

    python benchmarks/answer_vs_bm25.py --knowledge ../shared/corpus --peer-python .venv-peers/bin/python

The peer (../shared/peers/peer.py) needs its own virtual environment (see ../shared/peers/README.md). Each
runs `--runs` times, alternating which goes first; the figures are medians of wall-clock and CPU seconds
(user + system, of the child process). The bot reads its index cache (built once before the timed runs,
in a temporary folder); its start with no cache is measured once as well. Both programs run with their
Python bytecode cached, as once installed: the peer's libraries come compiled by pip, and the bot's
source is compiled beforehand into a temporary folder (PYTHONPYCACHEPREFIX), even where the environment sets
PYTHONDONTWRITEBYTECODE (the bot would otherwise compile its own source at every start). A benchmark: it asserts
nothing.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from bot.knowledge import load_postings  # noqa: E402  (the project's own loader, from this checkout)

TEMPLATES = (
    "Chez {name}, le poste est-il en télétravail ?",
    "{name} : c'est payé combien ?",
    "Pour {name}, quelle est la durée de la mission ?",
    "{name}, quand commence la mission ?",
    "Le poste chez {name}, c'est un CDI ou du freelance ?",
    "Quelles technos utilise {name} ?",
    "Comment postuler chez {name} ?",
    "{name} : quelle est la date limite de candidature ?",
    "Où sont les bureaux de {name} ?",
    "Qui contacter pour le poste chez {name} ?",
    "Faut-il de l'expérience pour rejoindre {name} ?",
    "Is remote work possible at {name}?",
    "What's the salary for the {name} job?",
    "How long is the {name} contract?",
    "When does the {name} job start?",
    "How do I apply to {name}?",
    "Which skills does {name} ask for?",
)


@dataclass(frozen=True)
class Timing:
    """One run of a command: wall-clock and CPU seconds."""

    wall: float
    cpu: float


def questions(knowledge: Path, count: int) -> list[dict[str, object]]:
    """`count` questions naming no posting: the templates crossed with the postings' names."""
    postings = load_postings(knowledge / "postings" if (knowledge / "postings").is_dir() else knowledge).postings
    names = [p.startup or p.team or p.title for p in postings]
    pairs = zip(itertools.cycle(TEMPLATES), itertools.cycle(names), strict=False)
    return [{"id": f"q{n}", "posting": None, "question": template.format(name=name)}
            for n, (template, name) in enumerate(itertools.islice(pairs, count), 1)]


def timed(command: list[str], source: Path, out: Path, env: dict[str, str]) -> Timing:
    """Run a command with a file on stdin and its stdout to a file; its wall and CPU seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with source.open("rb") as stdin, out.open("wb") as stdout:
        subprocess.run(command, stdin=stdin, stdout=stdout, stderr=subprocess.DEVNULL, check=True, cwd=PROJECT,
                       env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return Timing(wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--knowledge", type=Path, default=PROJECT.parent / "shared" / "corpus")
    parser.add_argument("--peer", type=Path, default=PROJECT.parent / "shared" / "peers" / "peer.py")
    parser.add_argument("--peer-python", type=Path, required=True, help="the peer's virtual environment's python")
    parser.add_argument("--questions", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bot-vs-bm25-") as temp:
        work = Path(temp)
        source = work / "questions.jsonl"
        source.write_text("".join(json.dumps(q, ensure_ascii=False) + "\n"
                                  for q in questions(args.knowledge, args.questions)), encoding="utf-8")
        bot = [sys.executable, "-m", "bot", "answer", "--jsonl", "--knowledge", str(args.knowledge)]
        peer = [str(args.peer_python), str(args.peer), "--method", "bm25", "--postings", str(args.knowledge)]
        cached = [*bot, "--cache-dir", str(work / "cache")]
        env = {**os.environ, "PYTHONPYCACHEPREFIX": str(work / "pycache")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run([sys.executable, "-m", "compileall", "-q", "bot"], check=True, cwd=PROJECT, env=env)
        cold = timed([*bot, "--no-cache"], source, work / "bot.jsonl", env)
        first = timed(cached, source, work / "bot.jsonl", env)  # builds and writes the cache
        bots: list[Timing] = []
        peers: list[Timing] = []
        for run in range(max(1, args.runs)):
            order = [(cached, bots, "bot.jsonl", env), (peer, peers, "peer.jsonl", dict(os.environ))]
            for command, timings, name, environment in order if run % 2 == 0 else order[::-1]:
                timings.append(timed(command, source, work / name, environment))
    bot_wall, bot_cpu = statistics.median(t.wall for t in bots), statistics.median(t.cpu for t in bots)
    peer_wall, peer_cpu = statistics.median(t.wall for t in peers), statistics.median(t.cpu for t in peers)
    print(f"questions: {args.questions} naming no posting, over {args.knowledge}; {args.runs} runs each, medians")
    print(f"bot, no cache (scratch):          {cold.wall:6.2f} s wall {cold.cpu:6.2f} s CPU")
    print(f"bot, first start (cache written): {first.wall:6.2f} s wall {first.cpu:6.2f} s CPU")
    print(f"bot, from the cache:              {bot_wall:6.2f} s wall {bot_cpu:6.2f} s CPU")
    print(f"BM25 peer:                        {peer_wall:6.2f} s wall {peer_cpu:6.2f} s CPU")
    print(f"bot / peer:                       {bot_wall / peer_wall:6.2f} wall {bot_cpu / peer_cpu:6.2f} CPU")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
