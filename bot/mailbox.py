"""Reading the bot's mailbox over IMAP (the only module that talks IMAP), for recruiters' replies by email.

    settings = ImapSettings.from_env(os.environ)
    reader = MailboxReader(settings, ledger=store, handle=replies.handle)
    await reader.run(stop)   # until stop is set: IDLE when the server offers it, polling otherwise

Each message is handed over once, across restarts and reconnections: the folder's UIDVALIDITY and the
last UID handled are kept in the database (the ledger), with each handled message's Message-ID, so that a
copy of a mail already handled (delivered twice, or found again after the server renumbered its mailbox) is
skipped. A server that is down, slow or refuses the login is retried with a doubling delay; nothing is
lost meanwhile, since the mail waits in the mailbox.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

import aioimaplib

logger = logging.getLogger(__name__)

TLS_MODES = ("tls", "none")
DEFAULT_PORTS = {"tls": 993, "none": 143}
MAX_MESSAGE_BYTES = 2 * 1024 * 1024  # a bigger mail is not a reply: it is skipped
_UIDVALIDITY = re.compile(rb"UIDVALIDITY (\d+)")


class ImapConfigError(ValueError):
    """An IMAP variable is invalid; the message names it and says what to do."""


@dataclass(frozen=True)
class ImapSettings:
    """How to reach the mailbox that receives the recruiters' replies."""

    host: str = ""  # IMAP_HOST; empty = recruiters cannot answer by email
    port: int = 0  # IMAP_PORT; 0 = 993 with tls, 143 without
    user: str = ""  # IMAP_USER
    password: str = ""  # IMAP_PASSWORD
    tls: str = "tls"  # IMAP_TLS: "tls" (implicit TLS) or "none"
    folder: str = "INBOX"  # IMAP_FOLDER
    timeout: float = 30.0  # seconds for each command
    poll_interval: float = 60.0  # seconds between two looks (with IDLE too, in case an announcement was missed)
    idle_seconds: float = 600.0  # an IDLE is renewed this often (servers drop it after 30 min)
    first_retry: float = 2.0  # seconds before reconnecting after a failure, doubled up to max_retry
    max_retry: float = 300.0

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> ImapSettings:
        """Read the settings from an environment mapping (os.environ, or a dict in tests)."""
        host = env.get("IMAP_HOST", "").strip()
        tls = env.get("IMAP_TLS", "").strip().lower() or "tls"
        if tls not in TLS_MODES:
            raise ImapConfigError(f"IMAP_TLS={env.get('IMAP_TLS', '')} is unknown: use 'tls' (implicit TLS, port "
                                  f"993) or 'none' (port 143, unencrypted: only on a trusted network)")
        port_text = env.get("IMAP_PORT", "").strip()
        port = 0
        if port_text:
            if not port_text.isdigit() or not 0 < int(port_text) < 65536:
                raise ImapConfigError(f"IMAP_PORT={port_text} is not a TCP port: give a number from 1 to 65535, "
                                      f"or leave it empty for the default of IMAP_TLS")
            port = int(port_text)
        user = env.get("IMAP_USER", "").strip()
        password = env.get("IMAP_PASSWORD", "")
        if host and not (user and password):
            raise ImapConfigError(f"IMAP_HOST={host} is set but IMAP_USER or IMAP_PASSWORD is empty: give the "
                                  f"mailbox's login and password, or unset IMAP_HOST")
        folder = env.get("IMAP_FOLDER", "").strip() or "INBOX"
        if any(c in folder for c in '"\\\r\n'):
            raise ImapConfigError(f"IMAP_FOLDER={folder} holds a quote, a backslash or a line break: give the "
                                  f"folder's plain name, e.g. INBOX")
        return cls(host=host, port=port, user=user, password=password, tls=tls, folder=folder)

    @property
    def enabled(self) -> bool:
        """Whether a mailbox is configured (otherwise replies by email are not read)."""
        return bool(self.host)

    @property
    def effective_port(self) -> int:
        return self.port or DEFAULT_PORTS[self.tls]

    def describe(self) -> str:
        """The settings for the start-up log, the password masked."""
        if not self.enabled:
            return "imap=(none: replies by email are not read)"
        return (f"imap={self.host}:{self.effective_port} tls={self.tls} user={self.user} "
                f"password=set ({len(self.password)} chars) folder={self.folder}")


class MailboxLedger(Protocol):
    """What the reader keeps in the database (bot.store.Store provides it)."""

    async def mailbox_position(self, folder: str) -> tuple[int, int] | None: ...
    async def mail_handled(self, message_key: str) -> bool: ...
    async def note_mail_handled(self, *, folder: str, uidvalidity: int, uid: int, message_key: str,
                                outcome: str) -> None: ...


MailHandler = Callable[[bytes], Awaitable[str]]  # handles one mail, returns what became of it (for the log)


class MailboxError(Exception):
    """The IMAP server refused a command or answered something unreadable."""


def message_key(raw: bytes) -> str:
    """What identifies a mail across copies: a hash of its Message-ID (of its bytes when it has none)."""
    match = re.search(rb"^Message-ID:[ \t]*(.+?)\r?$", raw[:64 * 1024], re.IGNORECASE | re.MULTILINE)
    basis = match.group(1).strip() if match else raw
    return hashlib.sha256(basis).hexdigest()


class MailboxReader:
    """Hands each new mail of the folder to `handle`, once."""

    def __init__(self, settings: ImapSettings, *, ledger: MailboxLedger, handle: MailHandler) -> None:
        self._settings = settings
        self._ledger = ledger
        self._handle = handle
        self.connected = asyncio.Event()  # set while logged in and watching (tests and health)

    async def run(self, stop: asyncio.Event) -> None:
        """Read the mailbox until `stop` is set, reconnecting after any failure with a doubling delay."""
        delay = self._settings.first_retry
        where = f"{self._settings.host}:{self._settings.effective_port}"
        while not stop.is_set():
            try:
                await self._session(stop)
                delay = self._settings.first_retry
            except (TimeoutError, aioimaplib.CommandTimeout):
                logger.warning("mailbox %s: no answer within %g s: check IMAP_HOST, IMAP_PORT and IMAP_TLS=%s, and "
                               "that the server is up; trying again in %.1f s", where, self._settings.timeout,
                               self._settings.tls, delay)
            except (OSError, MailboxError, aioimaplib.Abort) as exc:
                logger.warning("mailbox %s: %s (%s); trying again in %.1f s", where, type(exc).__name__, exc, delay)
            except Exception:  # the reader must survive anything, or replies would wait forever
                logger.exception("mailbox %s: unexpected error; trying again in %.0f s", where, delay)
            finally:
                self.connected.clear()
            if stop.is_set():
                return
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=delay)
            delay = min(delay * 2, self._settings.max_retry)

    async def _session(self, stop: asyncio.Event) -> None:
        settings = self._settings
        client: aioimaplib.IMAP4
        if settings.tls == "tls":
            client = aioimaplib.IMAP4_SSL(host=settings.host, port=settings.effective_port, timeout=settings.timeout)
        else:
            client = aioimaplib.IMAP4(host=settings.host, port=settings.effective_port, timeout=settings.timeout)
        try:
            await client.wait_hello_from_server()
            _check(await client.login(settings.user, settings.password), "login (check IMAP_USER and IMAP_PASSWORD)")
            selected = _check(await client.select(settings.folder), f"select the folder {settings.folder}")
            uidvalidity = _uidvalidity(selected.lines)
            idle = client.has_capability("IDLE")
            logger.info("mailbox: watching %s (%s)", settings.folder, "IDLE" if idle else "polling")
            self.connected.set()
            while not stop.is_set():
                while await self._sync(client, uidvalidity):  # until a look finds nothing new
                    pass
                if idle:
                    await self._idle(client, stop)
                else:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(stop.wait(), timeout=settings.poll_interval)
        finally:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(client.logout(), timeout=5)

    async def _sync(self, client: aioimaplib.IMAP4, uidvalidity: int) -> int:
        """Hand over the messages after the last one handled (all of them when the mailbox was renumbered);
        return how many."""
        folder = self._settings.folder
        position = await self._ledger.mailbox_position(folder)
        last = position[1] if position is not None and position[0] == uidvalidity else 0
        if position is not None and position[0] != uidvalidity:
            logger.warning("mailbox: %s was renumbered (UIDVALIDITY changed): its mail is read again, and the "
                           "mails already handled are recognised by their Message-ID", folder)
        found = _check(await client.uid_search(f"UID {last + 1}:*"), "search the new messages")
        uids = sorted(uid for uid in _numbers(found.lines) if uid > last)
        for uid in uids:
            raw = await self._fetch(client, uid)
            key = message_key(raw)
            if await self._ledger.mail_handled(key):
                outcome = "duplicate"
            else:
                outcome = await self._handle(raw) if len(raw) <= MAX_MESSAGE_BYTES else "too-big"
            await self._ledger.note_mail_handled(folder=folder, uidvalidity=uidvalidity, uid=uid, message_key=key,
                                                 outcome=outcome)
            with contextlib.suppress(Exception):  # a comfort for people reading the mailbox
                await client.uid("store", str(uid), "+FLAGS.SILENT (\\Seen)")
            logger.info("mailbox: message %d handled: %s", uid, outcome)
        return len(uids)

    async def _fetch(self, client: aioimaplib.IMAP4, uid: int) -> bytes:
        response = _check(await client.uid("fetch", str(uid), "(BODY.PEEK[])"), f"fetch the message {uid}")
        literals = [bytes(line) for line in response.lines if isinstance(line, bytearray)]  # the message itself
        if not literals:
            raise MailboxError(f"the server sent no content for the message {uid}")
        return literals[0]

    async def _idle(self, client: aioimaplib.IMAP4, stop: asyncio.Event) -> None:
        """Wait for the server to announce new mail, or for `stop`; at most poll_interval, so that a mail come
        between the last look and the IDLE is not left waiting for the next announcement."""
        idle = await client.idle_start(timeout=self._settings.idle_seconds)
        try:
            loop = asyncio.get_running_loop()
            deadline = loop.time() + min(self._settings.idle_seconds, self._settings.poll_interval)
            while not stop.is_set() and loop.time() < deadline:
                try:
                    pushed = await asyncio.wait_for(client.wait_server_push(), timeout=1.0)
                except TimeoutError:
                    continue
                if _announces_mail(pushed):
                    return
                if idle.done():  # the server ended the IDLE
                    return
        finally:
            if client.has_pending_idle():
                client.idle_done()
            await asyncio.wait_for(idle, timeout=self._settings.timeout)


def _check(response: Any, what: str) -> Any:
    if getattr(response, "result", "") != "OK":
        lines = b" ".join(bytes(x) for x in getattr(response, "lines", [])[-1:]).decode("utf-8", "replace")
        raise MailboxError(f"the server refused to {what}: {getattr(response, 'result', '?')} {lines[:200]}")
    return response


def _uidvalidity(lines: list[Any]) -> int:
    for line in lines:
        found = _UIDVALIDITY.search(bytes(line))
        if found:
            return int(found.group(1))
    raise MailboxError("the server gave no UIDVALIDITY for the folder")


def _numbers(lines: list[Any]) -> list[int]:
    """The UIDs of a SEARCH answer: its first line, the numbers (aioimaplib drops the "* SEARCH" prefix)."""
    if not lines:
        return []
    words = bytes(lines[0]).decode("ascii", "replace").split()
    return [int(word) for word in words if word.isdigit()]


def _announces_mail(pushed: Any) -> bool:
    items = pushed if isinstance(pushed, list) else [pushed]
    return any(b"EXISTS" in (x if isinstance(x, bytes | bytearray) else str(x).encode()) for x in items)
