"""Structural rules: the domain core knows nothing of Telegram or of the database."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import PROJECT

CORE = ["text", "models", "knowledge", "lexicon", "index", "matcher", "engine", "evaluation", "lint", "bench"]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("module", CORE)
def test_core_modules_import_neither_telegram_nor_the_database(module: str) -> None:
    imports = imported_modules(PROJECT / "bot" / f"{module}.py")
    assert not imports & {"telegram", "aiosqlite", "sqlite3"}, imports


DRIVERS = {"aiosqlite", "sqlite3", "asyncpg", "psycopg", "psycopg2"}
BACKENDS = {"sqlite"}  # the modules of bot/storage that may talk to a database


def test_only_the_storage_backends_import_a_database_driver() -> None:
    for path in sorted((PROJECT / "bot").rglob("*.py")):
        if path.parent.name == "storage" and path.stem in BACKENDS:
            continue
        assert not imported_modules(path) & DRIVERS, f"{path.relative_to(PROJECT)} imports a database driver"


def test_every_command_is_documented_in_the_readme() -> None:
    from bot.cli import _parser

    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    parser = _parser()
    commands = next(a for a in parser._actions if a.dest == "==SUPPRESS==" or a.choices)  # the subparsers
    assert commands.choices
    for name in commands.choices:
        assert f"python -m bot {name}" in readme, f"README.md does not document 'python -m bot {name}'"
