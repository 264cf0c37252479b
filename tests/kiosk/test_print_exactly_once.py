"""No ticket printed twice: the kiosk behind a real TCP proxy in front of the virtual
printer (late answer after the body, connection dropped at the cut), a kiosk restarted
while the paper is out, and a real kiosk process killed between body and cut. Copies are
counted from what the virtual printer rendered."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.clock import FixedClock
from db.context import QueueContext
from db.migrate import open_queue
from db.models import PrintJob, PrintState, Ticket
from db.ops.issuing import issue_ticket
from db.ops.printjobs import set_print_layout
from kiosk.app import Kiosk, build_kiosk
from printer import Emulator
from tests.conftest import KIOSK, always_open_toml
from tests.kiosk.conftest import PORTRAIT, click, kiosk_settings
from tests.kiosk.test_print_worker import fast, jobs, walk_in
from tests.printer.faults import Copies, FaultyLink, copies_of, faulty_link
from ui.i18n import Translations

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def link(emulator: Emulator) -> Iterator[FaultyLink]:
    with faulty_link(emulator) as proxy:
        yield proxy


def start_kiosk(ctx: QueueContext, qtbot: QtBot) -> Kiosk:
    built = build_kiosk(ctx, translations=Translations("kiosk"), watch=False)
    qtbot.addWidget(built.window)
    built.window.resize_to(*PORTRAIT)
    built.window.show()
    qtbot.waitUntil(lambda: not built.flows.background.busy)
    return fast(built, retry_ms=300)


@pytest.fixture
def linked_ctx(db_url: str, link: FaultyLink, clock: FixedClock) -> Iterator[QueueContext]:
    queue = open_queue(kiosk_settings(db_url, link.port), clock=clock)
    yield queue
    queue.db.dispose()


@pytest.fixture
def linked_kiosk(qtbot: QtBot, linked_ctx: QueueContext) -> Iterator[Kiosk]:
    built = start_kiosk(linked_ctx, qtbot)
    yield built
    built.shut_down()
    QApplication.processEvents()


def token_of(ctx: QueueContext, number: str) -> str:
    with ctx.db.read() as session:
        token = session.scalar(select(Ticket.token).where(Ticket.number == number))
    assert token is not None
    return token


def test_late_answer_after_every_body_gives_one_copy(
    qtbot: QtBot, linked_kiosk: Kiosk, link: FaultyLink, emulator: Emulator
) -> None:
    """Before: "no answer after the ticket was sent", the body sent again: two copies
    with one QR code, and a reprint after the job failed added a third."""
    link.delay_after_body, link.every_body = 4.0, True  # the body's answer waits ~3 s
    ctx = linked_kiosk.window.state.ctx
    with qtbot.waitSignal(linked_kiosk.printer.printed, timeout=20_000):
        number = walk_in(qtbot, linked_kiosk)
    emulator.wait_for_tickets(1)
    assert link.bodies == 1
    assert copies_of(emulator, token_of(ctx, number)) == Copies(plain=1, marked=0, uncut=0)
    [(_, state, attempts)] = jobs(ctx)
    assert state == PrintState.PRINTED and attempts == 2  # the late answer, then the cut


def test_connection_dropped_at_the_cut_gives_one_copy(
    qtbot: QtBot, linked_kiosk: Kiosk, link: FaultyLink, emulator: Emulator
) -> None:
    link.drops = 1
    ctx = linked_kiosk.window.state.ctx
    with qtbot.waitSignal(linked_kiosk.printer.printed, timeout=20_000):
        number = walk_in(qtbot, linked_kiosk)
    emulator.wait_for_tickets(1)
    assert link.bodies == 1
    assert copies_of(emulator, token_of(ctx, number)) == Copies(plain=1, marked=0, uncut=0)
    assert jobs(ctx) == [(number, PrintState.PRINTED, 2)]


def test_english_ticket_held_for_paper_prints_in_english_after_a_restart(
    qtbot: QtBot, kiosk: Kiosk, emulator: Emulator
) -> None:
    ctx = kiosk.window.state.ctx
    assert kiosk.health is not None
    emulator.state.paper = "out"
    qtbot.waitUntil(lambda: kiosk.health is not None and kiosk.health.problem == "paper_out")
    click(qtbot, kiosk, "lang_en")
    number = walk_in(qtbot, kiosk)
    assert kiosk.window.current == "ticket_on_screen"
    qtbot.waitUntil(lambda: not kiosk.printer.runner.busy and not kiosk.printer._languages)
    kiosk.shut_down()  # the kiosk restarts while the ticket waits for paper
    with ctx.db.read() as session:
        job = session.scalars(select(PrintJob)).one()
        assert (job.language, job.state, job.delivered) == ("en", PrintState.PENDING, "")
    emulator.state.paper = "ok"
    again = start_kiosk(ctx, qtbot)
    try:
        [record] = emulator.wait_for_tickets(1, timeout=20)
        assert "Queue number" in record.lines and "Nomor antrean" not in record.lines
        assert number in record.lines
        assert "Keep this ticket until you have been served." in record.lines
    finally:
        again.shut_down()


# -- a real kiosk process, killed between body and cut ---------------------------------


def kiosk_process(config: Path, data: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "LOKET_DATA_DIR": str(data), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen(
        [sys.executable, "-m", "kiosk", "--config", str(config), "--windowed", "portrait"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_for(condition: object, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise TimeoutError(f"not reached within {timeout} s")
        time.sleep(0.05)


def delivered(ctx: QueueContext) -> tuple[str, str]:
    with ctx.db.read() as session:
        job = session.scalars(select(PrintJob)).one()
        return job.state, job.delivered


@pytest.mark.parametrize(
    ("fault", "expected"),
    [
        # The printer acknowledged the body, the cut never reached it: only the cut is
        # sent after the restart.
        ("hold_at_cut", Copies(plain=1, marked=0, uncut=0)),
        # Killed while waiting for the body's answer: the printer cannot tell, so the
        # restarted kiosk cuts off what is there and prints a copy marked SALINAN.
        ("hold_after_body", Copies(plain=1, marked=1, uncut=0)),
    ],
)
def test_kiosk_process_killed_between_body_and_cut(
    emulator: Emulator,
    link: FaultyLink,
    tmp_path: Path,
    clock: FixedClock,
    fault: str,
    expected: Copies,
) -> None:
    db_url = f"sqlite:///{tmp_path / 'queue.db'}"
    config = tmp_path / "kiosk.toml"
    config.write_text(
        always_open_toml(db_url)
        + f'[printer]\nkind = "network"\nport = {link.port}\ntimeout_seconds = 2.0\n',
        encoding="utf-8",
    )
    ctx = open_queue(kiosk_settings(db_url, link.port), clock=clock)
    try:
        ticket = issue_ticket(ctx, KIOSK, "baru", "walk_in", kiosk_id="kiosk-1")
        set_print_layout(ctx, KIOSK, "kiosk-1", ticket.id, language="en", layout="TM-T88V/576")
        setattr(link, fault, True)
        event = link.cut_held if fault == "hold_at_cut" else link.body_passed
        first = kiosk_process(config, tmp_path / "data")
        try:
            assert event.wait(60), "the kiosk never reached the fault"
            if fault == "hold_at_cut":
                wait_for(lambda: delivered(ctx) == (PrintState.PENDING, "body"), 10)
            else:
                assert delivered(ctx) == (PrintState.PENDING, "body?")
        finally:
            first.send_signal(signal.SIGKILL)
            first.wait(10)
        setattr(link, fault, False)
        second = kiosk_process(config, tmp_path / "data")
        try:
            wait_for(lambda: delivered(ctx)[0] == PrintState.PRINTED, 60)
            emulator.wait_for_tickets(expected.plain + expected.marked, timeout=10)
        finally:
            second.send_signal(signal.SIGTERM)
            second.wait(10)
        time.sleep(0.2)
        assert copies_of(emulator, ticket.token) == expected
        last = emulator.tickets[-1]
        assert "Queue number" in last.lines  # in English after the restart
    finally:
        ctx.db.dispose()
