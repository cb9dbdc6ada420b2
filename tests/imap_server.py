"""A real IMAP server for tests: Debian's Dovecot, run as a throwaway instance on 127.0.0.1.

Everything lives in a temporary folder (configuration, password file, Maildir, sockets, log): no system
service is touched. The server can go down and come back up on the same port with the same mailbox (its
UIDVALIDITY and UIDs survive), so that a client configured once sees an outage, then a recovery.

    server = ImapServer()
    server.start()
    server.deliver(message_bytes)   # IMAP APPEND, as a mail server delivering into the mailbox would
    server.stop()
    server.remove()                 # the folder and the mailbox go

Run by root (as in CI), Dovecot refuses to run its login processes as root: they, the mailbox and the
folder then belong to Dovecot's own unprivileged users ("dovenull", "dovecot"), created by its package.

`.ci/run` installs Dovecot (`dovecot-imapd`); a test that needs it fails (it does not skip) when it is
missing, with a message saying what to install.
"""

from __future__ import annotations

import contextlib
import grp
import imaplib
import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from smtp_server import free_port

USER = "bot@example.org"
PASSWORD = "imap-test-password"
DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"

_CONFIG = """\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = {user}
default_internal_group = {group}
default_login_user = {login}
first_valid_uid = 0
first_valid_gid = 0
mail_location = maildir:{root}/mail/%u
mail_uid = {uid}
mail_gid = {gid}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
service stats {{
  unix_listener stats-reader {{
    mode = 0600
  }}
  unix_listener stats-writer {{
    mode = 0600
  }}
}}
imap_idle_notify_interval = 1 secs
"""


_NO_IDLE = "imap_capability = IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE LITERAL+\n"


class ImapServer:
    """Dovecot on 127.0.0.1, started and stopped by the test, its mailbox kept between a stop and a start."""

    def __init__(self, *, user: str = USER, password: str = PASSWORD, idle: bool = True) -> None:
        """`idle=False`: a server that does not offer IDLE (its clients must poll)."""
        if not os.path.exists(DOVECOT):
            raise RuntimeError("Dovecot is not installed: run 'apt-get install dovecot-imapd' (as .ci/run does)")
        self.root = root = Path(tempfile.mkdtemp(prefix="imap-test-"))
        self.user = user
        self.password = password
        self.port = free_port()
        self._process: subprocess.Popen[bytes] | None = None
        for folder in ("run", "state", "mail", "home"):
            (root / folder).mkdir()
        (root / "passwd").write_text(f"{user}:{{PLAIN}}{password}::::::\n", encoding="utf-8")
        if os.getuid() == 0:  # Dovecot's own unprivileged users
            login, internal = pwd.getpwnam("dovenull"), pwd.getpwnam("dovecot")
            os.chmod(root, 0o755)
            for path in [root, *root.rglob("*")]:
                os.chown(path, internal.pw_uid, internal.pw_gid)
        else:
            login = internal = pwd.getpwuid(os.getuid())
        self.config = root / "dovecot.conf"
        self.config.write_text(_CONFIG.format(
            root=root, login=login.pw_name, user=internal.pw_name, group=grp.getgrgid(internal.pw_gid).gr_name,
            uid=internal.pw_uid, gid=internal.pw_gid, port=self.port) + ("" if idle else _NO_IDLE), encoding="utf-8")

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self, timeout: float = 15.0) -> None:
        """Start the server in the foreground of a child process, and wait until it takes logins."""
        if self.running:
            return
        self._process = subprocess.Popen([DOVECOT, "-F", "-c", str(self.config)], stdin=subprocess.DEVNULL,
                                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                         start_new_session=True)  # a process group of its own: see remove()
        deadline = time.monotonic() + timeout
        while True:
            try:
                with self.client():
                    return
            except (OSError, imaplib.IMAP4.error) as exc:
                if self._process.poll() is not None:
                    output = self._process.stdout.read().decode("utf-8", "replace") if self._process.stdout else ""
                    raise RuntimeError(f"Dovecot stopped at start-up: {output}{self.log()}") from exc
                if time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"Dovecot did not take logins within {timeout:g}s: {self.log()}") from exc
                time.sleep(0.1)

    def stop(self) -> None:
        """Stop the server (its master process and every child), keeping the mailbox on disk."""
        process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        if process.stdout is not None:
            process.stdout.close()
        deadline = time.monotonic() + 5  # its children close the listening socket as they go
        while _port_open(self.port) and time.monotonic() < deadline:
            time.sleep(0.05)

    def client(self) -> imaplib.IMAP4:
        """A logged-in stdlib IMAP client (the test's side: the bot uses its own asyncio client)."""
        client = imaplib.IMAP4("127.0.0.1", self.port, timeout=5)
        try:
            client.login(self.user, self.password)
        except BaseException:
            client.shutdown()
            raise
        return client

    def deliver(self, message: bytes, folder: str = "INBOX") -> None:
        """Put a message in the mailbox, unread, as a mail server delivering it would."""
        with self.client() as client:
            status, detail = client.append(folder, "", imaplib.Time2Internaldate(time.time()), message)
            assert status == "OK", detail

    def deliver_offline(self, message: bytes) -> None:
        """Put a message in the INBOX while the IMAP server is down, as the mail server's local delivery
        agent would (a new file in the Maildir): the IMAP server finds it when it comes back."""
        inbox = self.root / "mail" / self.user
        new = inbox / "new"
        for folder in (inbox, new, inbox / "cur", inbox / "tmp"):
            folder.mkdir(exist_ok=True)
        path = new / f"{time.time_ns()}.{os.getpid()}.test"
        path.write_bytes(message.replace(b"\r\n", b"\n"))
        owner = (self.root.stat().st_uid, self.root.stat().st_gid)
        for item in (inbox, new, inbox / "cur", inbox / "tmp", path):
            os.chown(item, *owner)

    def flags(self, folder: str = "INBOX") -> list[tuple[int, str]]:
        """(UID, flags) of every message in the folder."""
        with self.client() as client:
            client.select(folder, readonly=True)
            status, data = client.uid("FETCH", "1:*", "(FLAGS)")
            assert status == "OK", data
            found: list[tuple[int, str]] = []
            for item in data:
                if isinstance(item, bytes) and b"UID" in item:
                    text = item.decode()
                    uid = int(text.split("UID ", 1)[1].split()[0].rstrip(")"))
                    found.append((uid, text.split("FLAGS (", 1)[1].split(")", 1)[0]))
            return found

    def remove(self) -> None:
        """Stop the server and delete its folder and mailbox.

        The mailbox is thrown away, so the whole process group gets SIGTERM at once: stop()'s orderly shutdown
        (the master alone, which then waits about a second for its children) is kept for outages that a test
        recovers from, where Dovecot must leave its mailbox indexes and locks in order."""
        if self.running:
            assert self._process is not None
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self._process.pid, signal.SIGTERM)
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text(encoding="utf-8", errors="replace")[-3000:] if path.exists() else "(no log)"


def _port_open(port: int) -> bool:
    import socket

    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0
