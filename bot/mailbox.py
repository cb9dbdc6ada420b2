"""Reading the bot's mailbox over IMAP (the only module that talks IMAP), for recruiters' replies by email.

    settings = ImapSettings.from_env(os.environ)   # bot.mail: the settings, without IMAP
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
from collections.abc import Awaitable, Callable
from typing import Any

import aioimaplib

from .mail import ImapConfigError, ImapSettings
from .storage import MailboxLedger

__all__ = ["ImapConfigError", "ImapSettings", "MailHandler", "MailboxError", "MailboxReader", "message_key"]

logger = logging.getLogger(__name__)

MAX_MESSAGE_BYTES = 2 * 1024 * 1024  # a bigger mail is not a reply: it is skipped
_UIDVALIDITY = re.compile(rb"UIDVALIDITY (\d+)")


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
