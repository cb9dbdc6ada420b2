"""Write requirements.txt, the dependency file the Python buildpacks of Scalingo and Heroku read, from
pyproject.toml (the one place where dependencies are declared).

    python scripts/requirements.py          # rewrite requirements.txt
    python scripts/requirements.py --check  # exit 1 when requirements.txt is not what pyproject.toml says
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
HEADER = ("# Generated from pyproject.toml by scripts/requirements.py: do not edit, run it again.\n"
          "# The runtime dependencies only; the Scalingo/Heroku Python buildpacks install these.\n")


def requirements(pyproject: Path = PROJECT / "pyproject.toml") -> str:
    """The text of requirements.txt for these project settings."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    return HEADER + "".join(f"{dependency}\n" for dependency in project["dependencies"])


def main(argv: list[str]) -> int:
    target = PROJECT / "requirements.txt"
    wanted = requirements()
    if "--check" in argv:
        if not target.is_file() or target.read_text(encoding="utf-8") != wanted:
            print("requirements.txt is out of date: run python scripts/requirements.py", file=sys.stderr)
            return 1
        return 0
    target.write_text(wanted, encoding="utf-8")
    print(f"wrote {target.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
