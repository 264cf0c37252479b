"""The demo office: what ``seed_demo`` makes, the console's log-in-at-start hook, and
``run_kiosk.py --demo`` starting and cleaning up its processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

import run_kiosk
from admin_console.app import PASSWORD_ENV, log_in_at_start
from admin_console.app import main as console_main
from admin_console.window import ConsoleWindow
from config import load_settings
from db.context import Actor, QueueContext
from db.errors import CheckInRejected
from db.migrate import open_queue
from db.models import CounterState
from db.ops.checkin import check_in_booking
from db.ops.counters import counters
from db.ops.issuing import issue_ticket
from db.ops.kiosk_pins import kiosk_sign_in
from db.ops.officers import authenticate
from db.sim.demo import DEMO_PIN, DemoOffice, free_port, seed_demo
from kiosk.staff import PinResult, StaffLock
from tests.e2e_helpers import decode_qr

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def office(tmp_path: Path) -> DemoOffice:
    return seed_demo(tmp_path / "demo", free_port(), bookings=6)


@pytest.fixture
def demo_ctx(office: DemoOffice) -> Iterator[QueueContext]:
    ctx = open_queue(load_settings(office.settings_path))
    yield ctx
    ctx.db.dispose()


def test_bookings_of_today_with_their_qr_codes(office: DemoOffice, demo_ctx: QueueContext) -> None:
    day = demo_ctx.today()
    assert office.export_path.name == f"antrean_JKS_{day:%Y%m%d}.csv"
    raw = office.export_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfKODE_BOOKING;") and b"\r\n" in raw
    assert [b.status for b in office.bookings] == ["AKTIF"] * 4 + ["BATAL", "RESCHEDULE"]
    index = office.index_path.read_text(encoding="utf-8")
    for booking in office.bookings:
        assert decode_qr(booking.qr_png) == [booking.code]
        assert booking.code in index and str(booking.qr_png) in index
    # Open at any hour: every active booking checks in now, the cancelled one is refused.
    kiosk = Actor.kiosk("kiosk-1")
    ticket = check_in_booking(demo_ctx, kiosk, office.active_codes()[0])
    assert ticket.channel == "booking" and ticket.business_day == day
    with pytest.raises(CheckInRejected) as refused:
        check_in_booking(demo_ctx, kiosk, office.bookings[4].code)
    assert refused.value.reason == "cancelled"
    assert issue_ticket(demo_ctx, kiosk, "info", "walk_in").number == "D-001"


def test_demo_settings(office: DemoOffice, demo_ctx: QueueContext) -> None:
    settings = demo_ctx.settings
    assert settings.database_url == f"sqlite:///{(office.folder / 'loket.sqlite3').as_posix()}"
    assert settings.printer.kind == "network"
    assert (settings.printer.host, settings.printer.port) == ("127.0.0.1", office.printer_port)
    assert len(settings.walk_in_days) == 7 and not settings.business_day.public_holidays
    assert StaffLock(settings.kiosk.staff_pin_hash).check_pin(DEMO_PIN).result == PinResult.OK
    officer = authenticate(demo_ctx, office.officer, office.password)
    assert officer.role == "supervisor"
    assert kiosk_sign_in(demo_ctx, officer.id, office.officer_pin, "kiosk-1") == officer


def test_console_logs_in_at_start(qtbot: QtBot, office: DemoOffice, demo_ctx: QueueContext) -> None:
    window = ConsoleWindow(demo_ctx, counter=1, poll_ms=30)
    qtbot.addWidget(window)
    try:
        log_in_at_start(window, office.officer, office.password)
        qtbot.waitUntil(lambda: window.work is not None, timeout=5000)
        assert window.officer is not None and window.officer.username == office.officer
        assert window.counter == 1
    finally:
        window.shutdown()


def test_console_login_needs_the_password_in_the_environment(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], office: DemoOffice
) -> None:
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    assert console_main(["--config", str(office.settings_path), "--login", "demo"]) == 2
    assert PASSWORD_ENV in capsys.readouterr().err


def test_without_demo_the_kiosk_starts_on_the_settings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_kiosk.main(["--config", str(tmp_path / "missing.toml")]) == 2
    assert "loket-kiosk:" in capsys.readouterr().err


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie has ended; only its parent has not collected it yet.
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().split(") ")[-1][:1] != "Z"


@pytest.mark.slow
def test_demo_starts_the_office_and_ctrl_c_cleans_up(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LOKET_")}
    env.update(QT_QPA_PLATFORM="offscreen", TMPDIR=str(tmp_path))
    demo = subprocess.Popen(
        [sys.executable, str(ROOT / "run_kiosk.py"), "--demo"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert demo.stdout is not None
    lines = []
    try:
        for line in demo.stdout:
            lines.append(line)
            if line.startswith("Demo running"):
                break
        running = lines[-1]
        assert running.startswith("Demo running"), "".join(lines)
        pids = [int(p.split()[-1]) for p in running.split(": ", 1)[1].rstrip(").\n").split(",")]
        assert len(pids) == 5  # printer, display, console, web, kiosk
        folder = next(Path(line.split(": ", 1)[1].strip()) for line in lines if "folder:" in line)
        assert (folder / "loket.sqlite3").exists()
        assert sum(1 for line in lines if "bookings/qr/MP" in line) == 12
        # The console logs in at start and opens counter 1: it is up and working.
        ctx = open_queue(load_settings(folder / "settings.toml"))
        try:
            deadline = time.monotonic() + 30
            while counters(ctx)[0].state != CounterState.OPEN:
                assert time.monotonic() < deadline, "the console did not open counter 1"
                time.sleep(0.1)
        finally:
            ctx.db.dispose()
        assert all(_alive(pid) for pid in pids)
        demo.send_signal(signal.SIGINT)
        assert demo.wait(20) == 0
    finally:
        if demo.poll() is None:
            demo.kill()
        demo.stdout.close()
    deadline = time.monotonic() + 5
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in pids)
    assert not folder.exists()
