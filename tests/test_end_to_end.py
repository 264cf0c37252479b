"""The whole office on one machine, as the demo runs it: the virtual printer and the calling
display are processes of their own; the kiosk and the console run here, driven by touches,
a scanner burst and key presses. They meet only in the queue database and over TCP.

A walk-in ticket and a booking check-in are printed (the printed QR code reads back as the
ticket's token), the console calls them, the display shows and speaks each call, a no-show
is put back in line and called again, a reprint reaches the printer, and the day's tickets
end consistent."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session

from admin_console.counter_view import CounterView
from admin_console.window import ConsoleWindow
from config import load_settings
from db.context import QueueContext
from db.io.ticket_link import ticket_token_of_scan
from db.migrate import open_queue
from db.models import AuditRecord, EventKind, Ticket, TicketEvent, TicketStatus
from db.ops.issuing import issue_ticket
from db.sim.demo import DemoOffice, free_port, seed_demo
from kiosk.app import Kiosk, build_kiosk
from tests.conftest import KIOSK
from tests.console.conftest import enter_login
from tests.e2e_helpers import Process, child_env, decode_qr, inconsistencies, wait_file
from tests.kiosk.conftest import click, scan, text_of, type_keys, wait_screen
from ui.i18n import Translations

pytestmark = [pytest.mark.slow, pytest.mark.qt_log_ignore("propagateSizeHints")]
WAIT_MS = 10_000
TAKE = "Silakan ambil tiket Anda di bawah."


@dataclass
class Office:
    demo: DemoOffice
    printer: Process
    display: Process
    audio: Path


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Office]:
    demo = seed_demo(tmp_path / "office", free_port())
    env = child_env(demo.folder, demo.settings_path)
    printer = Process(
        [
            sys.executable, "-m", "printer", "emulate", "--port", str(demo.printer_port),
            "--out", str(demo.printed_dir),
        ],
        env,
        tmp_path / "printer.log",
    )  # fmt: skip
    audio = tmp_path / "audio"
    display = Process(
        [
            sys.executable, "-m", "tests.e2e_helpers", "display",
            "--config", str(demo.settings_path), "--audio-out", str(audio),
        ],
        env,
        tmp_path / "display.log",
    )  # fmt: skip
    try:
        printer.wait_line(lambda line: line.startswith("Virtual printer listening"))
        display.wait_line(lambda line: line.startswith("ready "), timeout=30)
        yield Office(demo, printer, display, audio)
    finally:
        assert display.stop() == 0, (tmp_path / "display.log").read_text()
        assert printer.stop() == 0, (tmp_path / "printer.log").read_text()


@pytest.fixture
def queue(office: Office) -> Iterator[QueueContext]:
    ctx = open_queue(load_settings(office.demo.settings_path))
    yield ctx
    ctx.db.dispose()


@pytest.fixture
def kiosk(qtbot: QtBot, queue: QueueContext, tmp_path: Path) -> Iterator[Kiosk]:
    built = build_kiosk(queue, translations=Translations("kiosk"), watch=False)
    qtbot.addWidget(built.window)
    built.window.resize_to(1080, 1920)
    built.window.show()
    qtbot.waitUntil(lambda: not built.flows.background.busy, timeout=WAIT_MS)
    yield built
    built.shut_down()
    QApplication.processEvents()


@pytest.fixture
def console(qtbot: QtBot, office: Office) -> Iterator[ConsoleWindow]:
    ctx = open_queue(load_settings(office.demo.settings_path))
    window = ConsoleWindow(ctx, counter=1, poll_ms=30)
    qtbot.addWidget(window)
    window.resize(1600, 900)
    window.show()
    yield window
    window.shutdown()
    ctx.db.dispose()


def ticket(ctx: QueueContext, number: str) -> Ticket:
    with ctx.db.read() as session:
        found = session.scalars(select(Ticket).where(Ticket.number == number)).one()
        session.expunge(found)
        return found


def printed(office: Office, index: int) -> list[str]:
    """The ticket tokens in the QR codes of the ``index``-th ticket the virtual printer saved
    (the demo prints its web page's address, which carries the token)."""
    png = wait_file(office.demo.printed_dir / f"ticket-{index:05d}.png")
    return [ticket_token_of_scan(text) for text in decode_qr(png)]


def take_ticket(qtbot: QtBot, kiosk: Kiosk) -> str:
    wait_screen(qtbot, kiosk, "ticket", WAIT_MS)
    number = text_of(kiosk, "ticket_number")
    qtbot.waitUntil(lambda: text_of(kiosk, "ticket_print_status") == TAKE, timeout=WAIT_MS)
    click(qtbot, kiosk, "ticket_done")
    wait_screen(qtbot, kiosk, "home")
    return number


def press(qtbot: QtBot, view: CounterView, name: str) -> None:
    button = view.findChild(QPushButton, name)
    assert isinstance(button, QPushButton), name
    qtbot.waitUntil(button.isEnabled, timeout=WAIT_MS)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not view.busy, timeout=WAIT_MS)


def confirm(
    qtbot: QtBot, view: CounterView, name: str, ok: str, reason: tuple[str, str] | None = None
) -> None:
    qtbot.waitUntil(lambda: view.findChild(QDialog, name) is not None, timeout=WAIT_MS)
    dialog = view.findChild(QDialog, name)
    assert dialog is not None
    if reason is not None:
        field = dialog.findChild(QLineEdit, reason[0])
        assert isinstance(field, QLineEdit)
        field.setText(reason[1])
    button = dialog.findChild(QPushButton, ok)
    assert isinstance(button, QPushButton)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: not view.busy and view.findChild(QDialog, name) is None, timeout=WAIT_MS
    )


def call_next(qtbot: QtBot, view: CounterView, office: Office) -> str:
    """Call next at the console; the display must show it and announce it."""
    before = office.display.count(lambda line: line.startswith("announced "))
    press(qtbot, view, "callNextButton")
    assert view.current is not None
    number = view.current.number
    office.display.wait_line(lambda line: line.startswith("update ") and f" {number} " in line)
    qtbot.waitUntil(
        lambda: office.display.count(lambda line: line.startswith("announced ")) > before,
        timeout=WAIT_MS,
    )
    return number


def test_the_whole_office(
    qtbot: QtBot, office: Office, queue: QueueContext, kiosk: Kiosk, console: ConsoleWindow
) -> None:
    # A walk-in applicant touches the kiosk; the ticket comes out of the printer process.
    click(qtbot, kiosk, "home_walk_in")
    click(qtbot, kiosk, "service_baru")
    click(qtbot, kiosk, "confirm_print")
    walk_in = take_ticket(qtbot, kiosk)
    assert printed(office, 1) == [ticket(queue, walk_in).token]

    # An applicant with a booking scans the QR code the demo saved for it.
    code = office.demo.active_codes()[0]
    assert decode_qr(office.demo.bookings[0].qr_png) == [code]
    scan(qtbot, kiosk, code)
    wait_screen(qtbot, kiosk, "summary")  # the booking first, printed on a touch
    click(qtbot, kiosk, "summary_print")
    booked = take_ticket(qtbot, kiosk)
    assert ticket(queue, booked).channel == "booking"
    assert printed(office, 2) == [ticket(queue, booked).token]

    # The demo supervisor logs in at counter 1 and calls both. (The console is another
    # program in production; here it shares the kiosk's application, whose scanner filter
    # would take the typed keys for a scan.)
    kiosk.scanner.enabled = False
    enter_login(qtbot, console, office.demo.officer, office.demo.password)
    kiosk.scanner.enabled = True
    qtbot.waitUntil(lambda: console.work is not None, timeout=WAIT_MS)
    assert console.work is not None and console.work.counter_view is not None
    view = console.work.counter_view
    first = call_next(qtbot, view, office)
    press(qtbot, view, "startButton")
    press(qtbot, view, "completeButton")
    second = call_next(qtbot, view, office)
    assert {first, second} == {walk_in, booked}

    # The second does not come: no-show, put back in line, called again.
    # (Seconds after the call: the demo supervisor decides early, with a reason.)
    press(qtbot, view, "noShowButton")
    confirm(qtbot, view, "noShowDialog", "noShowOk", reason=("noShowReason", "not in the room"))
    qtbot.waitUntil(lambda: view.queue.no_show_table.rowCount() == 1, timeout=WAIT_MS)
    view.queue.select_no_show_ticket(ticket(queue, second).id)
    press(qtbot, view, "requeueButton")
    confirm(qtbot, view, "requeueDialog", "requeueOk")
    assert call_next(qtbot, view, office) == second
    press(qtbot, view, "completeButton")

    # The demo supervisor signs in at the kiosk with their own PIN and reprints the last
    # ticket; it reaches the printer again, and the audit log names them.
    click(qtbot, kiosk, "staff_button")
    wait_screen(qtbot, kiosk, "pin")
    flows = kiosk.flows.staff_flows
    qtbot.waitUntil(lambda: bool(flows.officers) and not kiosk.flows.background.busy)
    click(qtbot, kiosk, f"pin_officer_{flows.officers[0].id}")
    type_keys(qtbot, kiosk, "pin_pad", office.demo.officer_pin)
    click(qtbot, kiosk, "pin_ok")
    wait_screen(qtbot, kiosk, "assisted", WAIT_MS)
    click(qtbot, kiosk, "assisted_reprint")
    wait_screen(qtbot, kiosk, "ticket", WAIT_MS)
    assert printed(office, 3) == [ticket(queue, booked).token]
    with queue.db.read() as session:
        reprints = session.scalars(
            select(AuditRecord.actor).where(AuditRecord.action == "reprint")
        ).all()
    assert reprints == [office.demo.officer]

    # Three calls, three announcements written by the display process, each with sound.
    office.display.wait_line(lambda line: line.startswith("announced 3:"))
    files = sorted(office.audio.glob("announcement-*.wav"))
    assert len(files) == 3 and all(f.stat().st_size > 20_000 for f in files)
    calls = [line.split(":")[2] for line in office.display.lines if line.startswith("announced")]
    assert calls == [first, second, second]

    # The day ends consistent: every ticket's history ends in its status, no number skipped.
    assert inconsistencies(queue) == []
    assert ticket(queue, first).status == TicketStatus.DONE
    assert ticket(queue, second).status == TicketStatus.DONE
    with queue.db.read() as session:
        kinds = list(
            session.scalars(
                select(TicketEvent.kind)
                .where(TicketEvent.ticket_id == ticket(queue, second).id)
                .order_by(TicketEvent.id)
            )
        )
    assert EventKind.NO_SHOW in kinds and EventKind.REQUEUED in kinds
    assert kinds.count(EventKind.CALLED) == 2


def test_inconsistencies_are_found(ctx: QueueContext) -> None:
    """The end check itself can fail: a gap in a series and a status without its event."""
    for _ in range(3):
        issue_ticket(ctx, KIOSK, "info", "walk_in")
    assert inconsistencies(ctx) == []

    def damage(session: Session) -> None:
        rows = list(session.scalars(select(Ticket).order_by(Ticket.id)))
        rows[1].sequence, rows[1].number = 5, "D-005"
        rows[2].status = TicketStatus.DONE

    ctx.db.run_write(damage)
    found = inconsistencies(ctx)
    assert any("D: numbers [1, 3, 5]" in p for p in found), found
    assert any(p.startswith("D-003: status done") for p in found), found
