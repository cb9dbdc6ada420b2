"""Benchmark: the wall time of the whole test suite (the README's `python -m pytest -q`) of git revisions, run
back to back on this machine.

A benchmark, not a test: it prints figures and asserts nothing.

    python benchmarks/suite_time.py main HEAD            # before and after, one after the other
    python benchmarks/suite_time.py --rounds 2 main HEAD # A B A B: the machine's noise shows

Each revision is exported (`git archive`) to a temporary folder beside a link to this checkout's `../shared`
(the tests read the shared corpus from there), and its suite runs there with this Python (`--python`), as
`python -m pytest -q`, with its own pytest settings (workers or not). For each run: the wall time, the CPU
time of the suite and of every process it waited for (workers, servers, `python -m bot`...), the counts
pytest printed, and the load average of the machine before the run (other jobs slow the suite down: compare
runs made on a quiet machine, or alternate them with --rounds).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
SUMMARY = re.compile(r"^=*\s*(\d+ (?:passed|failed|skipped|errors?|deselected|xfailed|xpassed).*?) in [\d.]+s",
                     re.MULTILINE)


@dataclass(frozen=True)
class Run:
    """One run of a revision's suite."""

    revision: str
    wall: float  # seconds
    cpu: float  # user + system seconds of the suite and the processes it waited for
    summary: str  # pytest's closing counts, e.g. "1148 passed, 1 skipped"
    load: float  # the machine's load average over the last minute, before the run
    status: int


def export(revision: str, folder: Path) -> Path:
    """The files of a revision, in folder/checkout, with folder/shared linking to this checkout's ../shared."""
    checkout = folder / "checkout"
    checkout.mkdir()
    archive = subprocess.run(["git", "-C", str(PROJECT), "archive", "--format=tar", revision],
                             capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(checkout)], input=archive, check=True)
    shared = PROJECT.parent / "shared"
    if shared.is_dir():
        (folder / "shared").symlink_to(shared.resolve(), target_is_directory=True)
    return checkout


def run_suite(revision: str, python: str, pytest_args: list[str], log: Path) -> Run:
    """Export the revision, run its suite, and measure it."""
    with tempfile.TemporaryDirectory(prefix="suite-time-") as folder:
        checkout = export(revision, Path(folder))
        load = os.getloadavg()[0]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.monotonic()
        with log.open("w", encoding="utf-8") as output:
            status = subprocess.run([python, "-m", "pytest", "-q", *pytest_args], cwd=checkout, stdout=output,
                                    stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, check=False).returncode
        wall = time.monotonic() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    found = SUMMARY.findall(log.read_text(encoding="utf-8", errors="replace"))
    return Run(revision, wall, cpu, found[-1] if found else f"no summary: see {log}", load, status)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("revisions", nargs="+", help="git revisions to compare (e.g. main HEAD)")
    parser.add_argument("--rounds", type=int, default=1, help="run the revisions in turn this many times")
    parser.add_argument("--python", default=sys.executable, help="the Python with the test extra installed")
    parser.add_argument("--pytest-args", default="", help="more arguments for pytest, e.g. '-n 0'")
    parser.add_argument("--logs", type=Path, default=Path(tempfile.gettempdir()),
                        help="where each run's output is kept (suite-<revision>-<round>.log)")
    args = parser.parse_args(argv)
    commits = {r: subprocess.run(["git", "-C", str(PROJECT), "rev-parse", "--short", r], capture_output=True,
                                 text=True, check=True).stdout.strip() for r in args.revisions}  # fixed now
    print(f"{os.cpu_count()} CPUs; {args.python}; revisions: "
          + ", ".join(f"{r} ({c})" for r, c in commits.items()), flush=True)
    runs: list[Run] = []
    for round_ in range(1, args.rounds + 1):
        for revision in args.revisions:
            log = args.logs / f"suite-{commits[revision]}-{round_}.log"
            run = run_suite(commits[revision], args.python, args.pytest_args.split(), log)
            runs.append(run)
            print(f"{revision:>12} ({commits[revision]}) round {round_}: wall {run.wall:7.1f} s, CPU {run.cpu:7.1f} s, "
                  f"load before {run.load:4.2f}, exit {run.status}: {run.summary}", flush=True)
    first = args.revisions[0]
    for revision in args.revisions[1:]:
        mine = [r.wall for r in runs if r.revision == commits[revision]]
        base = [r.wall for r in runs if r.revision == commits[first]]
        print(f"{revision} / {first}: wall {min(mine) / min(base):.2f} (best runs), "
              f"{sum(mine) / len(mine) / (sum(base) / len(base)):.2f} (means)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
