"""Processes and checks for the end-to-end test.

``python -m tests.e2e_helpers display --config FILE --audio-out DIR`` runs the real calling
display (``display.app.CallingDisplay``, espeak-ng voice) with a sink that writes every
announcement to ``DIR`` as a WAV file instead of a loudspeaker; ``loket-display`` has no
switch for that. It prints one line per event for the test to wait on:

    ready <last event id> <latest number or ->
    update <last event id> <latest number> <monotonic ns>
    announced <seq>:<kind>:<number>:<counter>
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from sqlalchemy import select

from db.context import QueueContext
from db.models import Ticket, TicketEvent

# --- running a process and reading its lines ----------------------------------------------


class Process:
    """A child process whose stdout lines are collected by a thread, to wait on."""

    def __init__(self, args: Sequence[str], env: dict[str, str], log: Path) -> None:
        self.args = list(args)
        self.lines: list[str] = []
        self._cond = threading.Condition()
        self._log = log.open("w", encoding="utf-8")
        self.popen = subprocess.Popen(
            self.args,
            env=env,
            stdout=subprocess.PIPE,
            stderr=self._log,
            text=True,
            encoding="utf-8",
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.popen.stdout is not None
        for line in self.popen.stdout:
            with self._cond:
                self.lines.append(line.rstrip("\n"))
                self._cond.notify_all()

    def wait_line(self, match: Callable[[str], bool], timeout: float = 15.0) -> str:
        """The first line (already read or still to come) that ``match`` accepts."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for line in self.lines:
                    if match(line):
                        return line
                left = deadline - time.monotonic()
                if left <= 0 or self.popen.poll() is not None:
                    raise AssertionError(
                        f"{self.args[2:4]}: no such line after {timeout} s "
                        f"(exit {self.popen.poll()}); got {self.lines}"
                    )
                self._cond.wait(min(left, 0.2))

    def count(self, match: Callable[[str], bool]) -> int:
        with self._cond:
            return sum(1 for line in self.lines if match(line))

    def stop(self) -> int:
        if self.popen.poll() is None:
            self.popen.terminate()
            try:
                self.popen.wait(10)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait()
        self._reader.join(5)
        if self.popen.stdout is not None:
            self.popen.stdout.close()
        self._log.close()
        return self.popen.returncode


def wait_file(path: Path, timeout: float = 10.0) -> Path:
    """``path`` once it exists and its size stopped changing (written completely)."""
    deadline = time.monotonic() + timeout
    last = -1
    while time.monotonic() < deadline:
        if path.exists():
            size = path.stat().st_size
            if size > 0 and size == last:
                return path
            last = size
        time.sleep(0.05)
    raise AssertionError(f"{path} was not written within {timeout} s")


def decode_qr(png: Path) -> list[str]:
    """The texts of the QR codes in an image, as a phone or scanner would read them."""
    import zxingcpp
    from PIL import Image

    with Image.open(png) as image:
        return [r.text for r in zxingcpp.read_barcodes(image.convert("L"))]


# --- the database at the end ----------------------------------------------------------------


def inconsistencies(ctx: QueueContext) -> list[str]:
    """What is wrong with the day's tickets: a ticket whose last event does not end in its
    status, a ticket without events, a gap or a repeat in a number series."""
    problems: list[str] = []
    with ctx.db.read() as session:
        tickets = list(session.scalars(select(Ticket).order_by(Ticket.id)))
        events = list(session.scalars(select(TicketEvent).order_by(TicketEvent.id)))
    last: dict[int, TicketEvent] = {}
    for event in events:
        last[event.ticket_id] = event
    series: dict[tuple[object, str], list[int]] = {}
    for t in tickets:
        event = last.get(t.id)
        if event is None:
            problems.append(f"{t.number}: no events")
        elif event.status_after != t.status:
            problems.append(f"{t.number}: status {t.status}, last event says {event.status_after}")
        if t.number != f"{t.prefix}-{t.sequence:03d}":
            problems.append(f"{t.number}: does not match prefix {t.prefix} / {t.sequence}")
        series.setdefault((t.business_day, t.prefix), []).append(t.sequence)
    for (day, prefix), numbers in series.items():
        if sorted(numbers) != list(range(1, len(numbers) + 1)):
            problems.append(f"{day} {prefix}: numbers {sorted(numbers)} are not 1..{len(numbers)}")
    return problems


# --- the display process ------------------------------------------------------------------


def display_main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="e2e-display")
    parser.add_argument("--config", required=True)
    parser.add_argument("--audio-out", required=True, type=Path)
    args = parser.parse_args(argv)

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from config import load_settings
    from db.migrate import open_queue
    from display.announcer import Announcement
    from display.app import CallingDisplay
    from display.audio import CollectingSink, Espeak

    app = QApplication([sys.argv[0]])
    ctx = open_queue(load_settings(args.config))
    engine = Espeak.find()
    if engine is None:
        print("espeak-ng is not installed", file=sys.stderr)
        return 2
    display = CallingDisplay(
        ctx, sink=CollectingSink(args.audio_out), engine=engine, poll_ms=30, report_updates=True
    )
    assert display.announcer is not None

    def announced(done: Announcement) -> None:
        print(f"announced {done.label}", flush=True)

    display.announcer.announced.connect(announced)
    display.window.resize(1280, 720)
    display.window.show()
    # Python runs its signal handlers only when Python code runs: a timer lets SIGTERM in.
    signal.signal(signal.SIGTERM, lambda *_: app.quit())
    tick = QTimer()
    tick.timeout.connect(lambda: None)
    tick.start(100)
    display.start()
    try:
        return app.exec()
    finally:
        display.close()
        ctx.db.dispose()


def child_env(data_dir: Path, config: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LOKET_")}
    env.update(LOKET_DATA_DIR=str(data_dir), LOKET_CONFIG=str(config), QT_QPA_PLATFORM="offscreen")
    return env


if __name__ == "__main__":
    if sys.argv[1:2] == ["display"]:
        sys.exit(display_main(sys.argv[2:]))
    sys.exit("usage: python -m tests.e2e_helpers display --config FILE --audio-out DIR")
