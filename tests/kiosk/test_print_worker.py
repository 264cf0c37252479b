"""The print worker against the virtual printer over TCP and a real SQLite file: paper out
and back, on-screen tickets, a connection dropped mid-ticket, a reprint asked for by
another program."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.context import QueueContext
from db.models import PrintJob, PrintState, Ticket
from kiosk.app import Kiosk, build_kiosk
from printer import Emulator, TicketRecord
from printer.service import split_cut
from tests.kiosk.conftest import PORTRAIT, click, find, text_of, wait_screen
from tests.printer.faults import Copies, copies_of
from ui.i18n import Translations

FAST_POLL_MS = 80


def fast(kiosk: Kiosk, retry_ms: int = 50) -> Kiosk:
    assert kiosk.health is not None
    kiosk.health.set_intervals(FAST_POLL_MS, 200)
    kiosk.printer.retry_ms = retry_ms
    return kiosk


def walk_in(qtbot: QtBot, kiosk: Kiosk) -> str:
    """Take a walk-in ticket at the touch screen; returns the number shown."""
    wait_screen(qtbot, kiosk, "home")
    click(qtbot, kiosk, "home_walk_in")
    wait_screen(qtbot, kiosk, "service")
    click(qtbot, kiosk, "service_baru")
    wait_screen(qtbot, kiosk, "confirm")
    click(qtbot, kiosk, "confirm_print")
    qtbot.waitUntil(lambda: kiosk.window.current in ("ticket", "ticket_on_screen"))
    name = "ticket_number" if kiosk.window.current == "ticket" else "onscreen_number"
    return text_of(kiosk, name)


def jobs(ctx: QueueContext) -> list[tuple[str, PrintState, int]]:
    with ctx.db.read() as session:
        rows = session.execute(
            select(Ticket.number, PrintJob.state, PrintJob.attempts)
            .join(Ticket, Ticket.id == PrintJob.ticket_id)
            .order_by(PrintJob.id)
        ).all()
    return [(n, PrintState(s), a) for n, s, a in rows]


def wait_paper(qtbot: QtBot, emulator: Emulator, n: int) -> list[TicketRecord]:
    """Wait (the event loop running) until the virtual printer has saved ``n`` tickets."""
    qtbot.waitUntil(lambda: len(emulator.tickets) >= n)
    return emulator.tickets


def paper_tickets(emulator: Emulator) -> list[str]:
    """The numbers on the tickets in the virtual printer's out folder."""
    numbers = []
    for path in sorted(emulator.out_dir.glob("ticket-*.txt")):
        text = path.read_text(encoding="utf-8")
        numbers += [w for w in text.split() if len(w) == 5 and w[1] == "-"]
    return numbers


def test_paper_out_after_n_tickets_then_on_screen_then_printed_when_paper_returns(
    qtbot: QtBot, kiosk: Kiosk, emulator: Emulator, tmp_path: Path
) -> None:
    fast(kiosk)
    health = kiosk.health
    assert health is not None
    emulator.state.paper_out_after = 2
    assert walk_in(qtbot, kiosk) == "A-001"
    qtbot.waitUntil(
        lambda: text_of(kiosk, "ticket_print_status") == "Silakan ambil tiket Anda di bawah."
    )
    click(qtbot, kiosk, "ticket_done")
    assert walk_in(qtbot, kiosk) == "A-002"
    qtbot.waitUntil(
        lambda: text_of(kiosk, "ticket_print_status") == "Silakan ambil tiket Anda di bawah."
    )
    # The printer ran out with the second ticket: the kiosk knows before the third.
    qtbot.waitUntil(lambda: not health.printer_usable)
    assert health.problem == "paper_out"
    click(qtbot, kiosk, "ticket_done")
    assert walk_in(qtbot, kiosk) == "A-003"
    assert kiosk.window.current == "ticket_on_screen"
    assert "Kertas" in text_of(kiosk, "onscreen_status")  # "out of paper", in Indonesian
    # The QR code on screen is the ticket's own token.
    png = tmp_path / "qr.png"
    find(kiosk, "onscreen_qr").pixmap().save(str(png))  # type: ignore[attr-defined]
    decoded = [b.text for b in zxingcpp.read_barcodes(Image.open(png).convert("L"))]
    ctx = kiosk.window.state.ctx
    with ctx.db.read() as session:
        token = session.scalar(select(Ticket.token).where(Ticket.number == "A-003"))
    assert decoded == [token]
    kiosk.window.grab().save(str(tmp_path / "on_screen.png"))
    assert jobs(ctx)[2] == ("A-003", PrintState.PENDING, 0)  # kept, not counted as tried
    assert paper_tickets(emulator) == ["A-001", "A-002"]
    # A new roll: the kiosk notices by itself and the pending ticket comes out.
    emulator.state.paper = "ok"
    qtbot.waitUntil(lambda: health.printer_usable)
    wait_paper(qtbot, emulator, 3)
    qtbot.waitUntil(lambda: jobs(ctx)[2][1] == PrintState.PRINTED)
    assert paper_tickets(emulator) == ["A-001", "A-002", "A-003"]
    assert [state for _, state, _ in jobs(ctx)] == [PrintState.PRINTED] * 3
    qtbot.waitUntil(
        lambda: text_of(kiosk, "onscreen_status") == "Silakan ambil tiket Anda di bawah."
    )
    click(qtbot, kiosk, "onscreen_done")
    wait_screen(qtbot, kiosk, "home")
    assert walk_in(qtbot, kiosk) == "A-004"
    assert kiosk.window.current == "ticket"


def test_connection_dropped_mid_ticket_is_retried_and_the_one_qr_code_is_marked_copy(
    qtbot: QtBot, kiosk: Kiosk, emulator: Emulator
) -> None:
    fast(kiosk, retry_ms=400)
    ctx = kiosk.window.state.ctx
    emulator.state.close_after_bytes = 200  # the status queries, then part of the body
    with qtbot.waitSignal(kiosk.printer.failed, timeout=5000):
        walk_in(qtbot, kiosk)
    assert jobs(ctx) == [("A-001", PrintState.PENDING, 1)]  # attempt failed, ticket valid
    assert kiosk.window.current == "ticket_on_screen"  # the applicant has the number
    emulator.state.close_after_bytes = None
    with qtbot.waitSignal(kiosk.printer.printed, timeout=5000) as printed:
        pass
    with ctx.db.read() as session:
        ticket = session.scalar(select(Ticket).where(Ticket.number == "A-001"))
        assert ticket is not None
        assert printed.args == [ticket.id]
        assert ticket.print_state == PrintState.PRINTED
        token = ticket.token
    assert jobs(ctx) == [("A-001", PrintState.PRINTED, 2)]
    # TCP took the whole ticket before the printer dropped the connection, so the printer
    # cannot tell how much it printed: the retry cuts off what is there (a scrap without
    # the QR code here) and prints the ticket again marked SALINAN.
    wait_paper(qtbot, emulator, 2)
    kiosk.printer.kick()  # later changes wake the worker again; nothing is printed twice
    qtbot.waitUntil(lambda: not kiosk.printer.runner.busy)
    assert copies_of(emulator, token) == Copies(plain=0, marked=1, uncut=0)
    assert "SALINAN" in [line.strip() for line in emulator.tickets[1].lines]
    assert len(list(emulator.out_dir.glob("ticket-*.bin"))) == 2


def test_gives_up_after_bounded_attempts_and_keeps_the_ticket(
    qtbot: QtBot, kiosk: Kiosk, emulator: Emulator
) -> None:
    fast(kiosk, retry_ms=20)
    ctx = kiosk.window.state.ctx
    emulator.state.close_after_bytes = 200
    walk_in(qtbot, kiosk)
    qtbot.waitUntil(lambda: jobs(ctx) == [("A-001", PrintState.FAILED, 3)], timeout=8000)
    emulator.state.close_after_bytes = None
    assert walk_in_after_done(qtbot, kiosk) == "A-002"
    qtbot.waitUntil(lambda: jobs(ctx)[1][1] == PrintState.PRINTED)
    wait_paper(qtbot, emulator, 4)
    with ctx.db.read() as session:
        first = session.scalar(select(Ticket).where(Ticket.number == "A-001"))
        assert first is not None and first.status == "waiting"
        second = session.scalar(select(Ticket).where(Ticket.number == "A-002"))
        assert second is not None
        tokens = first.token, second.token
    # The failed one is not retried for ever: its three scraps (no QR code reached the
    # paper) are cut off, and the next ticket starts on a paper of its own.
    assert copies_of(emulator, tokens[0]) == Copies(plain=0, marked=0, uncut=0)
    assert copies_of(emulator, tokens[1]) == Copies(plain=1, marked=0, uncut=0)
    assert "A-001" not in emulator.tickets[-1].text
    assert paper_tickets(emulator)[-1] == "A-002"


def walk_in_after_done(qtbot: QtBot, kiosk: Kiosk) -> str:
    name = "ticket_done" if kiosk.window.current == "ticket" else "onscreen_done"
    click(qtbot, kiosk, name)
    return walk_in(qtbot, kiosk)


def test_split_cut_keeps_every_byte() -> None:
    body, cut = split_cut(b"\x1b@hello\x1dV\x00more\x1bd\x06\x1dV\x00")
    assert cut == b"\x1dV\x00"
    assert body + cut == b"\x1b@hello\x1dV\x00more\x1bd\x06\x1dV\x00"
    assert split_cut(b"no cut") == (b"no cut", b"")


@pytest.fixture
def watched_kiosk(qtbot: QtBot, kiosk_ctx: QueueContext) -> Iterator[Kiosk]:
    """The kiosk as the app builds it, with the database change watcher running."""
    built = build_kiosk(kiosk_ctx, translations=Translations("kiosk"), watch=True)
    qtbot.addWidget(built.window)
    built.window.resize_to(*PORTRAIT)
    built.window.show()
    yield fast(built)
    built.shut_down()


REPRINT = textwrap.dedent(
    """
    import sys
    from db.migrate import open_queue
    from db.ops.printjobs import request_reprint
    from tests.conftest import SUPERVISOR, make_settings

    ctx = open_queue(make_settings(sys.argv[1]))
    job = request_reprint(ctx, SUPERVISOR, int(sys.argv[2]))
    print(job.kiosk_id, job.reprint)
    """
)


def test_reprint_asked_by_another_program_is_printed_here(
    qtbot: QtBot, watched_kiosk: Kiosk, emulator: Emulator, db_url: str
) -> None:
    kiosk = watched_kiosk
    ctx = kiosk.window.state.ctx
    walk_in(qtbot, kiosk)
    wait_paper(qtbot, emulator, 1)
    qtbot.waitUntil(lambda: jobs(ctx) == [("A-001", PrintState.PRINTED, 1)])
    with ctx.db.read() as session:
        ticket_id = session.scalar(select(Ticket.id).where(Ticket.number == "A-001"))
    done = subprocess.run(
        [sys.executable, "-c", REPRINT, db_url, str(ticket_id)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).parents[2],
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [ctx.settings.kiosk_id, "True"]
    records = wait_paper(qtbot, emulator, 2)
    assert "A-001" in records[1].text
    qtbot.waitUntil(lambda: [s for _, s, _ in jobs(ctx)] == [PrintState.PRINTED] * 2)
    assert paper_tickets(emulator) == ["A-001", "A-001"]  # the second copy was asked for
