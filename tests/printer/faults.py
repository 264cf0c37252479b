"""A real TCP proxy in front of the virtual printer that misbehaves on purpose, and the
count of ticket copies read back from what the virtual printer rendered.

The proxy relays bytes both ways on real sockets. It can:

* ``delay_after_body``: once a ticket's body (anything that is not a status question)
  has passed to the printer, hold the printer's next replies that long (a link or a
  printer that answers late after the body); ``every_body`` does it for each body;
* ``drop_at_cut``: close both sides when a cut (``GS V``) arrives, without passing it on
  (``drops`` times);
* ``hold_at_cut``: keep a cut, never pass it on, and set ``cut_held`` (to stop a kiosk
  between body and cut); ``hold_after_body``: pass the body, then keep everything that
  follows and set ``body_passed``.
"""

from __future__ import annotations

import contextlib
import select
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

from printer import Emulator

STATUS_QUESTION = b"\x10\x04"
CUT = b"\x1dV"


def _is_body(chunk: bytes) -> bool:
    """True when ``chunk`` holds more than status questions (part of a ticket)."""
    rest = chunk
    while rest.startswith(STATUS_QUESTION) and len(rest) >= 3:
        rest = rest[3:]
    return bool(rest) and not rest.startswith(CUT)


class FaultyLink:
    """A TCP proxy on 127.0.0.1 (``port``) in front of ``127.0.0.1:target``."""

    def __init__(self, target: int) -> None:
        self.target = target
        self.delay_after_body = 0.0
        self.every_body = False
        self.drops = 0  # cuts still to drop
        self.hold_at_cut = False
        self.hold_after_body = False
        self.cut_held = threading.Event()
        self.body_passed = threading.Event()
        self.bodies = 0  # bodies passed to the printer
        self._delayed_once = False
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._server.getsockname()[1])
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._socks: list[socket.socket] = []
        self._lock = threading.Lock()
        thread = threading.Thread(target=self._accept, daemon=True)
        thread.start()
        self._threads.append(thread)

    def close(self) -> None:
        self._stop.set()
        with contextlib.suppress(OSError):
            self._server.close()
        with self._lock:
            for sock in self._socks:
                with contextlib.suppress(OSError):
                    sock.close()
        for thread in self._threads:
            thread.join(timeout=5)

    def _accept(self) -> None:
        self._server.settimeout(0.05)
        while not self._stop.is_set():
            try:
                client, _ = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            printer = socket.create_connection(("127.0.0.1", self.target))
            with self._lock:
                self._socks += [client, printer]
            thread = threading.Thread(target=self._relay, args=(client, printer), daemon=True)
            thread.start()
            self._threads.append(thread)

    def _relay(self, client: socket.socket, printer: socket.socket) -> None:
        hold_replies_until = 0.0
        holding = False
        pending_replies = b""
        with client, printer:
            while not self._stop.is_set():
                ready, _, _ = select.select([client, printer], [], [], 0.02)
                if pending_replies and time.monotonic() >= hold_replies_until:
                    client.sendall(pending_replies)
                    pending_replies = b""
                for sock in ready:
                    try:
                        chunk = sock.recv(65536)
                    except OSError:
                        return
                    if not chunk:
                        if pending_replies and sock is printer:
                            continue
                        return
                    if sock is printer:
                        if time.monotonic() < hold_replies_until:
                            pending_replies += chunk
                        else:
                            client.sendall(chunk)
                        continue
                    if holding:
                        continue  # kept, never passed on
                    if CUT in chunk and not _is_body(chunk[: chunk.find(CUT)]):
                        if self.drops > 0:
                            self.drops -= 1
                            return  # both sides closed, the cut lost
                        if self.hold_at_cut:
                            holding = True
                            self.cut_held.set()
                            continue
                    printer.sendall(chunk)
                    if _is_body(chunk):
                        self.bodies += 1
                        if self.hold_after_body:
                            holding = True
                            self.body_passed.set()
                            continue
                        if self.delay_after_body and (self.every_body or not self._delayed_once):
                            self._delayed_once = True
                            hold_replies_until = time.monotonic() + self.delay_after_body


@contextlib.contextmanager
def faulty_link(emulator: Emulator) -> Iterator[FaultyLink]:
    link = FaultyLink(emulator.port)
    try:
        yield link
    finally:
        link.close()


@dataclass(frozen=True)
class Copies:
    """Tickets carrying one QR code on the virtual printer's paper."""

    plain: int  # unmarked tickets
    marked: int  # tickets marked SALINAN / COPY
    uncut: int  # the QR code on paper that no cut has ended yet

    @property
    def total(self) -> int:
        return self.plain + self.marked + self.uncut


def copies_of(emulator: Emulator, token: str) -> Copies:
    """Count the copies of the ticket with QR ``token`` the virtual printer rendered."""
    plain = marked = 0
    for record in emulator.tickets:
        count = sum(1 for line in record.lines if line == f"[QR {token}]")
        if not count:
            continue
        if any(line.strip() in ("SALINAN", "COPY") for line in record.lines):
            marked += count
        else:
            plain += count
    uncut = sum(1 for line in emulator.uncut() if line == f"[QR {token}]")
    return Copies(plain, marked, uncut)
