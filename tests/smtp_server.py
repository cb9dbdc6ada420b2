"""A real SMTP server for tests (aiosmtpd on 127.0.0.1) that records what it accepts and can refuse,
go down and come back up on the same port."""

from __future__ import annotations

import socket
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from typing import Any

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Mail:
    """One email as the server got it."""

    mail_from: str
    rcpt_tos: list[str]
    content: bytes

    @property
    def message(self) -> EmailMessage:
        parsed = BytesParser(policy=policy.default).parsebytes(self.content)
        assert isinstance(parsed, EmailMessage)
        return parsed

    @property
    def text(self) -> str:
        """The plain-text part."""
        part = self.message.get_body(preferencelist=("plain",))
        assert part is not None
        return str(part.get_content())


@dataclass
class Recorder:
    """An aiosmtpd handler: records accepted mail; refuses what it is told to (a reply like
    "550 5.1.1 No such user" for a recipient, or for MAIL FROM, or for DATA)."""

    received: list[Mail] = field(default_factory=list)
    rcpt_replies: dict[str, str] = field(default_factory=dict)  # address -> reply
    mail_reply: str = ""
    data_reply: str = ""

    async def handle_MAIL(self, server: Any, session: Any, envelope: Any, address: str, options: list[str]) -> str:
        if self.mail_reply:
            return self.mail_reply
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return "250 OK"

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: list[str]) -> str:
        if address in self.rcpt_replies:
            return self.rcpt_replies[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.data_reply:
            return self.data_reply
        self.received.append(Mail(envelope.mail_from, list(envelope.rcpt_tos), bytes(envelope.content)))
        return "250 Message accepted for delivery"


def _reserved(port: int = 0) -> socket.socket:
    """A socket bound to the port and not listening: connections to it are refused, and no other process (another
    test worker) can take the port meanwhile."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    return sock


class SmtpServer:
    """Start and stop on a fixed port, so that a client configured once sees an outage, then a recovery. While it
    is down the port stays reserved, so that another test worker cannot take it before it comes back."""

    def __init__(self) -> None:
        self._reservation: socket.socket | None = _reserved()
        self.port = int(self._reservation.getsockname()[1])
        self.recorder = Recorder()
        self._controller: Controller | None = None

    @property
    def received(self) -> list[Mail]:
        return self.recorder.received

    def start(self) -> None:
        if self._controller is None:
            if self._reservation is not None:
                self._reservation.close()
                self._reservation = None
            self._controller = Controller(self.recorder, hostname="127.0.0.1", port=self.port,
                                          server_hostname="mx.test", ready_timeout=5.0)
            self._controller.start()

    def stop(self, *, for_good: bool = False) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None
        if for_good:
            if self._reservation is not None:
                self._reservation.close()
                self._reservation = None
        elif self._reservation is None:
            self._reservation = _reserved(self.port)
