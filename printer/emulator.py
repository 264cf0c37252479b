"""The virtual printer: an ESC/POS printer on TCP (or on a pty) that saves each ticket.

It answers ``DLE EOT 1..4`` and ``GS r 1/2`` from a simulated state that tests and the
``loket-printer emulate`` command can change while it runs (paper near end or out,
offline, cover open), and can misbehave on purpose: run out of paper after N tickets,
drop the connection after K bytes, accept a connection and never read it, answer slowly.

Each ticket (everything up to a ``GS V`` cut, over one connection or several: the paper
is the printer's, as on a real one) is saved in ``out_dir`` as
``ticket-NNNNN.bin`` (the raw bytes), ``.png`` (how it would look on paper) and ``.txt``
(its text lines, ``[QR ...]`` and ``[image WxH]`` markers). Rendering runs on a worker
thread, like a real printer that keeps answering status while it prints.
"""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import select
import socket
import socketserver
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from config.settings import Printer as PrinterSettings
from printer.emulator_state import EmulatorSnapshot, EmulatorState, PaperState
from printer.errors import PrinterError
from printer.escpos_parser import Command, Item, Parser, Text
from printer.receipt import render_items
from printer.status import encode_transmit_paper_status

logger = logging.getLogger(__name__)

__all__ = [
    "Emulator",
    "EmulatorSnapshot",
    "EmulatorState",
    "PaperState",
    "TicketRecord",
    "ensure_virtual_printer",
    "virtual_out_dir",
]


@dataclass(frozen=True)
class TicketRecord:
    """One saved ticket."""

    index: int
    bin_path: Path
    png_path: Path
    txt_path: Path
    lines: tuple[str, ...]
    qr_data: tuple[str, ...]
    width: int

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


class _Session:
    """One connection's byte stream: status answered at once, printing on the one paper.

    The paper is the emulator's, not the connection's: like a real printer, what one
    connection printed stays on the paper until a cut, whichever connection sends it.
    """

    def __init__(self, emulator: Emulator) -> None:
        self.emulator = emulator
        self.parser = Parser()

    def feed(self, data: bytes) -> bytes:
        replies = bytearray()
        state = self.emulator.state
        for item in self.parser.feed(data):
            if isinstance(item, Command) and item.name == "DLE EOT":
                replies.append(state.snapshot().status_reply(item.arg()))
                continue
            if isinstance(item, Command) and item.name == "GS r":
                paper = state.snapshot().paper
                n = item.arg() % 48
                replies.append(encode_transmit_paper_status(paper) if n == 1 else 0x00)
                continue
            if isinstance(item, Command) and item.name == "DLE ENQ":
                continue
            self.emulator._print(item)
        return bytes(replies)


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    block_on_close = False


class Emulator:
    """A virtual ESC/POS printer. ``start()`` returns the bound port (``port=0`` picks one)."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        out_dir: str | os.PathLike[str] | None = None,
        width: int = 576,
        **state: Any,
    ) -> None:
        if width not in (576, 384):
            raise ValueError(f"width must be 576 or 384 dots, not {width}")
        self.host = host
        self.port = port
        if out_dir is None:
            from config import data_dir

            out_dir = data_dir() / "printer"
        self.out_dir = Path(out_dir)
        self.width = width
        self.state = EmulatorState(**state)
        self.rejected_tickets = 0  # cut while the printer could not print
        # The paper since the last cut, shared by every connection.
        self._page: list[Item] = []
        self._page_raw = bytearray()
        self._tickets: list[TicketRecord] = []
        self._cond = threading.Condition()
        self._next_index = 0
        self._jobs: queue.Queue[tuple[int, bytes, list[Item]] | None] = queue.Queue()
        self._stop = threading.Event()
        self._server: _Server | None = None
        self._threads: list[threading.Thread] = []

    # -- life cycle -----------------------------------------------------------------------

    def start(self) -> int:
        """Listen and render in background threads; returns the port."""
        if self._server is not None:
            return self.port
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise PrinterError(
                f"Virtual printer cannot save tickets in {self.out_dir}: {exc.strerror or exc}"
            ) from None
        self._stop.clear()
        self._jobs = queue.Queue()
        self._next_index = _last_index(self.out_dir)
        emulator = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                emulator._serve_socket(self.request)

        try:
            self._server = _Server((self.host, self.port), Handler)
        except OSError as exc:
            raise PrinterError(
                f"Virtual printer cannot listen on {self.host}:{self.port}: {exc.strerror or exc}"
            ) from None
        self.port = self._server.server_address[1]
        self._spawn(self._server.serve_forever, 0.05)
        self._spawn(self._render_loop)
        return self.port

    def stop(self) -> None:
        """Stop listening, drop connections, finish saving tickets already cut."""
        self._stop.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        self._jobs.put(None)
        for thread in self._threads:
            thread.join(timeout=5)
        self._threads.clear()

    def __enter__(self) -> Emulator:
        if self._server is None:
            self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _spawn(self, target: Any, *args: Any) -> threading.Thread:
        thread = threading.Thread(target=target, args=args, daemon=True, name="virtual-printer")
        thread.start()
        self._threads.append(thread)
        return thread

    # -- transports -----------------------------------------------------------------------

    def _serve_socket(self, sock: socket.socket) -> None:
        session = _Session(self)
        received = 0
        sock.settimeout(0.1)
        with sock:
            while not self._stop.is_set():
                state = self.state.snapshot()
                if state.never_read:
                    time.sleep(0.05)
                    continue
                try:
                    data = sock.recv(65536)
                except TimeoutError:
                    continue
                except OSError:
                    return
                if not data:
                    return
                if state.delay_s:
                    time.sleep(state.delay_s)
                limit = state.close_after_bytes
                if limit is not None:
                    data = data[: max(0, limit - received)]
                received += len(data)
                try:
                    replies = session.feed(data)
                    if replies:
                        sock.sendall(replies)
                except OSError:
                    return
                if limit is not None and received >= limit:
                    return  # drop the connection mid-ticket, as a crashing printer would

    def attach_fd(self, fd: int) -> threading.Thread:
        """Serve a file descriptor, e.g. the master side of a pty whose slave a
        ``SerialConnection`` opens: the virtual printer on a serial line."""

        def loop() -> None:
            session = _Session(self)
            while not self._stop.is_set():
                try:
                    ready, _, _ = select.select([fd], [], [], 0.05)
                    if not ready:
                        continue
                    data = os.read(fd, 65536)
                except OSError:  # EIO while nobody holds the slave side open
                    time.sleep(0.05)
                    continue
                replies = session.feed(data) if data else b""
                if replies:
                    with contextlib.suppress(OSError):
                        os.write(fd, replies)

        return self._spawn(loop)

    # -- tickets ----------------------------------------------------------------------------

    def _print(self, item: Item) -> None:
        with self._cond:
            self._page_raw += item.raw
            if not (isinstance(item, Command) and item.name == "GS V"):
                self._page.append(item)
                return
            raw, items = bytes(self._page_raw), self._page
            self._page, self._page_raw = [], bytearray()
        self._ticket_cut(raw, items)

    def uncut(self) -> list[str]:
        """The text lines on the paper after the last cut (printed, not cut off yet)."""
        with self._cond:
            items = list(self._page)
        return render_items(items, self.width).lines

    def _ticket_cut(self, raw: bytes, items: list[Item]) -> None:
        if not any(isinstance(i, Text) or i.name in ("GS v 0", "GS ( k") for i in items):
            return  # a cut with nothing printed is not a ticket
        if not self.state.snapshot().can_print:
            with self._cond:
                self.rejected_tickets += 1
            return
        self.state.ticket_printed()
        with self._cond:
            self._next_index += 1
            index = self._next_index
        self._jobs.put((index, raw, items))

    def _render_loop(self) -> None:
        while (job := self._jobs.get()) is not None:
            index, raw, items = job
            try:
                record = self._save(index, raw, items)
            except Exception:  # a full disk must not kill the printer
                logger.exception("virtual printer could not save ticket %d", index)
                continue
            with self._cond:
                self._tickets.append(record)
                self._cond.notify_all()

    def _save(self, index: int, raw: bytes, items: list[Item]) -> TicketRecord:
        stem = self.out_dir / f"ticket-{index:05d}"
        rendered = render_items(items, self.width)
        paths = stem.with_suffix(".bin"), stem.with_suffix(".png"), stem.with_suffix(".txt")
        paths[0].write_bytes(raw)
        rendered.image.save(paths[1])
        paths[2].write_text("\n".join(rendered.lines) + "\n", encoding="utf-8")
        return TicketRecord(
            index, *paths, tuple(rendered.lines), tuple(rendered.qr_data), self.width
        )

    @property
    def tickets(self) -> list[TicketRecord]:
        """Tickets saved so far, oldest first."""
        with self._cond:
            return list(self._tickets)

    def wait_for_tickets(self, n: int, timeout: float = 5.0) -> list[TicketRecord]:
        """Block until at least ``n`` tickets are saved; ``TimeoutError`` otherwise."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while len(self._tickets) < n:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"{len(self._tickets)} of {n} tickets after {timeout} s")
                self._cond.wait(left)
            return list(self._tickets)


def _last_index(folder: Path) -> int:
    """Continue numbering after the tickets already in ``folder``."""
    numbers = [int(p.stem[7:]) for p in folder.glob("ticket-*.bin") if p.stem[7:].isdigit()]
    return max(numbers, default=0)


def _listening(host: str, port: int, timeout: float = 0.3) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def virtual_out_dir(printer: PrinterSettings) -> Path:
    """Where the virtual printer of these settings saves tickets."""
    if printer.virtual_out_dir:
        return Path(printer.virtual_out_dir)
    from config import data_dir

    return data_dir() / "printer"


def ensure_virtual_printer(printer: PrinterSettings) -> Emulator | None:
    """Start the virtual printer in this process when the settings ask for one.

    Returns the running ``Emulator`` (call ``stop()`` at exit) when ``kind`` is
    ``virtual`` and nothing listens on ``host:port`` yet; ``None`` when the kind is
    another one or a virtual printer (another app's) already listens there. Raises
    ``PrinterError`` when the address cannot be used.
    """
    if printer.kind != "virtual":
        return None
    if _listening(printer.host, printer.port):
        return None
    emulator = Emulator(
        printer.host, printer.port, virtual_out_dir(printer), width=printer.paper_width_dots
    )
    try:
        emulator.start()
    except PrinterError:
        if _listening(printer.host, printer.port):
            return None  # another app started one at the same moment
        raise
    return emulator
