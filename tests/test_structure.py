"""Structural rules: the domain core, the conversation and the service know nothing of Telegram, SMTP or the
database, not even through the modules they import; only the storage backends import a database driver."""

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
# the libraries of channels, of SMTP and IMAP, and of the web answer page's templates
CHANNELS = {"telegram", "aiohttp", "aiosmtplib", "aiosmtpd", "aioimaplib", "jinja2"}
# What must stay channel- and database-free, with everything it imports when it is imported.
NEUTRAL = ["bot.engine", "bot.conversation", "bot.service", "bot.outbox", "bot.admin", "bot.stats", "bot.storage",
           "bot.storage.memory", "bot.buttons", "bot.states", "bot.mail", "bot.answers", "bot.held",
           "bot.mail_answers", "bot.replies", "bot.config"]


def _module_path(name: str) -> Path:
    base = PROJECT / Path(*name.split("."))
    return base / "__init__.py" if base.is_dir() else base.with_suffix(".py")


def _resolve(current: str, node: ast.ImportFrom) -> str:
    """The absolute name of a relative import's module."""
    package = current if _module_path(current).name == "__init__.py" else current.rpartition(".")[0]
    for _ in range(node.level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{node.module}" if node.module else package


def import_time_imports(name: str) -> tuple[set[str], set[str]]:
    """The project modules and the outside packages loaded by importing `name`: the imports run at import
    time (those at module level, not inside functions), followed through the project's modules."""
    seen: set[str] = set()
    outside: set[str] = set()
    todo = [name]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        if "." in current:
            todo.append(current.rpartition(".")[0])  # importing a module imports its package first
        tree = ast.parse(_module_path(current).read_text(encoding="utf-8"))
        nodes: list[ast.stmt] = list(tree.body)
        while nodes:
            node = nodes.pop()
            if isinstance(node, ast.If | ast.Try | ast.With):
                nodes.extend(ast.iter_child_nodes(node))  # type: ignore[arg-type]
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.startswith("bot."):
                        todo.append(alias.name)
                    else:
                        outside.add(alias.name.split(".")[0])
            elif isinstance(node, ast.ImportFrom):
                module = _resolve(current, node) if node.level else node.module or ""
                if module == "bot" or module.startswith("bot."):
                    todo.append(module)
                    todo.extend(f"{module}.{a.name}" for a in node.names if _module_path(f"{module}.{a.name}").exists())
                elif module != "__future__":
                    outside.add(module.split(".")[0])
    return seen, outside


@pytest.mark.parametrize("module", NEUTRAL)
def test_neutral_modules_load_no_channel_nor_database_library_even_indirectly(module: str) -> None:
    project, outside = import_time_imports(module)
    assert not outside & (CHANNELS | DRIVERS), (
        f"importing {module} loads {sorted(outside & (CHANNELS | DRIVERS))} (through {sorted(project)})")


def test_the_transitive_check_sees_through_the_project_modules() -> None:
    """The check is not vacuous: the Telegram adapter loads Telegram, the SQLite backend its driver."""
    assert "telegram" in import_time_imports("bot.app")[1]
    assert "aiosqlite" in import_time_imports("bot.storage.sqlite")[1]
    assert "bot.storage.records" in import_time_imports("bot.conversation")[0]
    assert "aioimaplib" in import_time_imports("bot.mailbox")[1]
    assert {"aiohttp", "jinja2"} <= import_time_imports("bot.web")[1]


BACKENDS = {"sqlite", "postgres"}  # the modules of bot/storage that may talk to a database


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


@pytest.mark.parametrize("module", sorted(p.name for p in (PROJECT / "tests").glob("test_*.py")))
def test_no_test_module_binds_a_name_twice_at_its_top_level(module: str) -> None:
    """A fixture text or a test written twice under one name silently replaces the first: the tests that read the
    first one then run against the second (it happened to WORDINGS and HISTORY)."""
    tree = ast.parse((PROJECT / "tests" / module).read_text(encoding="utf-8"))
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.Assign):
            names += [target.id for target in node.targets if isinstance(target, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.append(node.target.id)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.append(node.name)
    assert sorted({n for n in names if names.count(n) > 1}) == []
