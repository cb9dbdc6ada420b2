"""A throwaway PostgreSQL server for the tests: a cluster in a temporary folder, on 127.0.0.1, stopped and
deleted at the end.

    with PgCluster.start() as cluster:
        url = cluster.new_database()          # postgresql://bot:<password>@127.0.0.1:<port>/bot_1

The binaries are found under /usr/lib/postgresql/*/bin (Debian's `postgresql` package, which .ci/run
installs when missing), or on PATH, or in $PG_BIN. The cluster lives in memory (/dev/shm) where there is one:
a CREATE DATABASE writes some 7 MB, which took eight times longer on a disk (even with fsync off) than in
memory; nothing the tests check depends on it. PostgreSQL refuses to run as root: when the tests run
as root (CI), the cluster belongs to the `postgres` system user and its commands run as that user.
Connections use a password (scram-sha-256), so that tests can check that it never leaks.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

USER = "bot"
START_TIMEOUT = 60  # seconds pg_ctl waits for the server to accept connections


class PgUnavailable(Exception):
    """No PostgreSQL server binaries on this machine: say how to install them."""


def find_binaries() -> Path:
    """The folder of initdb and pg_ctl (the newest version installed), or PgUnavailable."""
    candidates = [Path(os.environ["PG_BIN"])] if os.environ.get("PG_BIN") else []
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"),
                         key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0, reverse=True)
    on_path = shutil.which("pg_ctl")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    raise PgUnavailable("PostgreSQL's server is not installed (no initdb/pg_ctl under /usr/lib/postgresql/*/bin): "
                        "apt-get install postgresql, or set PG_BIN to the folder of initdb")


def _memory_folder() -> str | None:
    """A folder in memory for the cluster's files (Linux's /dev/shm), or None: the usual temporary folder."""
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK | os.X_OK) else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class PgCluster:
    """A running throwaway cluster; `new_database()` gives each test an empty database of its own."""

    bin: Path
    folder: Path
    port: int
    password: str
    run_as: str | None  # the system user the server runs as (when the tests run as root)
    _names: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    @classmethod
    @contextlib.contextmanager
    def start(cls) -> Iterator[PgCluster]:
        """Create, start, and at the end stop and delete a cluster."""
        cluster = cls.create()
        try:
            cluster.run_server("start")
            yield cluster
        finally:
            cluster.destroy()

    @classmethod
    def create(cls) -> PgCluster:
        binaries = find_binaries()
        run_as = "postgres" if os.geteuid() == 0 else None
        folder = Path(tempfile.mkdtemp(prefix="bot-pg-", dir=_memory_folder()))
        password = secrets.token_urlsafe(18)
        cluster = cls(binaries, folder, _free_port(), password, run_as)
        (folder / "pwfile").write_text(password + "\n", encoding="utf-8")
        if run_as is not None:
            entry = pwd.getpwnam(run_as)
            for path in (folder, folder / "pwfile"):
                os.chown(path, entry.pw_uid, entry.pw_gid)
        cluster._run("initdb", "-D", str(folder / "data"), "-U", USER, "--pwfile", str(folder / "pwfile"),
                     "--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8", "--no-sync", "--locale=C")
        with (folder / "data" / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write(f"listen_addresses = '127.0.0.1'\nport = {cluster.port}\n"
                       f"unix_socket_directories = '{folder}'\nfsync = off\nmax_connections = 200\n")
        return cluster

    def _run(self, program: str, *args: str) -> str:
        command = [str(self.bin / program), *args]
        if self.run_as is not None:
            command = ["runuser", "-u", self.run_as, "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"{program} failed ({done.returncode}): {done.stderr.strip() or done.stdout.strip()}")
        return done.stdout

    def run_server(self, action: str) -> None:
        """pg_ctl start, stop (fast: clients are disconnected) or restart, waiting until it is done."""
        extra = ["-m", "fast"] if action in {"stop", "restart"} else []
        self._run("pg_ctl", "-D", str(self.folder / "data"), "-l", str(self.folder / "server.log"), "-w",
                  "-t", str(START_TIMEOUT), *extra, action)

    def destroy(self) -> None:
        with contextlib.suppress(Exception):
            self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str = "postgres", *, password: str | None = None) -> str:
        return f"postgresql://{USER}:{password or self.password}@127.0.0.1:{self.port}/{database}?sslmode=disable"

    def psql(self, sql: str, database: str = "postgres") -> str:
        """Run SQL with psql over the local socket; its output, tuples only, fields separated by |."""
        return self._run("psql", "-h", str(self.folder), "-p", str(self.port), "-U", USER, "-d", database,
                         "-v", "ON_ERROR_STOP=1", "-At", "-c", sql)

    def new_database(self) -> str:
        """An empty database of its own: its URL."""
        name = f"bot_{next(self._names)}"
        self.psql(f"CREATE DATABASE {name}")
        return self.url(name)

    def drop_database(self, url: str) -> None:
        """Delete a database made by new_database, its connections cut (what a test left is not kept)."""
        name = url.rsplit("/", 1)[1].split("?", 1)[0]
        self.psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
