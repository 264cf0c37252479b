"""Kiosk devices: printer health before a ticket is offered (out of service and back),
the heartbeat row seen from another program, a serial scanner in the running kiosk,
the rotating log without personal data, and the scan benchmark with a tiny N."""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import subprocess
import sys
import textwrap
import tty
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from db.clock import FixedClock
from db.ops.importer import import_bookings
from kiosk.app import Kiosk
from kiosk.logs import setup_logging
from printer import Emulator
from tests.conftest import SUPERVISOR, booking_sample
from tests.kiosk.conftest import click, text_of, wait_screen
from tests.kiosk.test_print_worker import fast, jobs, walk_in
from tests.kiosk.test_serial_scanner import FakePlug


@pytest.mark.kiosk_settings(kiosk={"printer_unusable": "out_of_service"})
def test_out_of_service_while_the_printer_cannot_print_and_back_by_itself(
    qtbot: QtBot, kiosk: Kiosk, emulator: Emulator
) -> None:
    fast(kiosk)
    wait_screen(qtbot, kiosk, "home")
    emulator.state.paper_out_after = 1
    walk_in(qtbot, kiosk)
    qtbot.waitUntil(lambda: len(emulator.tickets) == 1)
    click(qtbot, kiosk, "ticket_done")
    wait_screen(qtbot, kiosk, "out_of_service")  # no ticket offered without paper
    kiosk.scanner.scanned.emit("MP261201JKS00001")  # scans are not taken either
    assert kiosk.window.current == "out_of_service"
    emulator.state.update(paper="ok")
    wait_screen(qtbot, kiosk, "home")
    emulator.state.cover_open = True
    wait_screen(qtbot, kiosk, "out_of_service")
    assert kiosk.health is not None and kiosk.health.problem == "cover_open"
    emulator.state.cover_open = False
    wait_screen(qtbot, kiosk, "home")
    emulator.state.offline = True
    wait_screen(qtbot, kiosk, "out_of_service")
    emulator.state.offline = False
    wait_screen(qtbot, kiosk, "home")
    assert walk_in(qtbot, kiosk) == "A-002"
    qtbot.waitUntil(lambda: len(emulator.tickets) == 2)
    assert len(jobs(kiosk.window.state.ctx)) == 2


READ_HEARTBEAT = textwrap.dedent(
    """
    import json, sqlite3, sys
    row = sqlite3.connect(sys.argv[1]).execute(
        "select kiosk_id, printer_online, paper, cover_open, scanner, detail"
        " from kiosk_heartbeats"
    ).fetchone()
    print(json.dumps(row))
    """
)


def heartbeat_from_another_process(db_url: str) -> list[object]:
    path = db_url.removeprefix("sqlite:///")
    done = subprocess.run(
        [sys.executable, "-c", READ_HEARTBEAT, path],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    row = json.loads(done.stdout)
    assert row is not None, "no heartbeat row"
    return list(row)


def stored_paper(db_url: str) -> str:
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as conn:
        row = conn.execute("select paper from kiosk_heartbeats").fetchone()
    return row[0] if row else ""


def test_heartbeat_is_visible_from_another_program(
    qtbot: QtBot, kiosk: Kiosk, emulator: Emulator, db_url: str
) -> None:
    fast(kiosk)
    health = kiosk.health
    assert health is not None
    qtbot.waitUntil(lambda: stored_paper(db_url) == "ok")
    kiosk_id, online, paper, cover, scanner, detail = heartbeat_from_another_process(db_url)
    assert (kiosk_id, online, paper, cover, scanner) == ("kiosk-1", 1, "ok", 0, "wedge")
    info = json.loads(detail)
    assert info["version"] == health.version and info["alerts"] == []
    # Which office and which database this kiosk's settings name (the console compares).
    assert info["office"] == "JKS" and info["database"] == f"SQLite {db_url[len('sqlite:///') :]}"
    # Paper nearly out: keep printing, raise the alert.
    emulator.state.paper = "near_end"
    qtbot.waitUntil(lambda: stored_paper(db_url) == "near_end")
    *_, detail = heartbeat_from_another_process(db_url)
    assert json.loads(detail)["alerts"] == ["paper near end"]
    assert health.printer_usable
    assert walk_in(qtbot, kiosk) == "A-001"
    assert kiosk.window.current == "ticket"
    qtbot.waitUntil(lambda: len(emulator.tickets) == 1)
    # The printer goes away: the heartbeat says so, with the reason.
    emulator.stop()
    qtbot.waitUntil(lambda: stored_paper(db_url) == "unknown", timeout=10_000)
    _, online, paper, _, _, detail = heartbeat_from_another_process(db_url)
    assert online == 0 and "refused" in json.loads(detail)["last_error"]


@pytest.mark.kiosk_settings(kiosk={"scanner": "serial", "serial_port": "/nonexistent/scanner"})
def test_serial_scanner_in_the_kiosk(
    qtbot: QtBot, kiosk: Kiosk, clock: FixedClock, tmp_path: Path, emulator: Emulator
) -> None:
    fast(kiosk)
    serial = kiosk.serial_scanner
    health = kiosk.health
    assert serial is not None and health is not None
    qtbot.waitUntil(lambda: health.scanner == "disconnected")
    assert "scanner disconnected" in health.alerts
    # Point it at a pty standing in for the scanner (a udev symlink in real life).
    serial.stop()
    plug = FakePlug(tmp_path / "scanner")
    plug.plug()
    serial.port = str(plug.link)
    serial.reconnect_ms = 50
    serial.start()
    try:
        qtbot.waitUntil(lambda: health.scanner == "connected")
        import_bookings(
            kiosk.window.state.ctx, SUPERVISOR, booking_sample("antrean_JKS_20261201.csv")
        )
        plug.send(b"MP261201JKS00001\x07\r")  # a stray control character is cleaned off
        wait_screen(qtbot, kiosk, "summary")
        click(qtbot, kiosk, "summary_print")
        wait_screen(qtbot, kiosk, "ticket")
        assert "MP261201JKS00001" in text_of(kiosk, "ticket_booking")
        plug.unplug()
        qtbot.waitUntil(lambda: health.scanner == "disconnected")
        assert health.last_error == "scanner disconnected"
    finally:
        serial.stop()
        plug.unplug()


def test_rotating_log_without_personal_data(tmp_path: Path) -> None:
    path = setup_logging(tmp_path / "logs", to_stderr=False)
    root = logging.getLogger()
    handler = next(h for h in root.handlers if getattr(h, "loket_log", False))
    try:
        log = logging.getLogger("kiosk.test")
        log.info("ticket %s printed", "A-023")
        log.warning(
            "scan %s from budi@example.co.id, NIK %s",
            "eyJ0eXAiOiJsb2tldC1ib29raW5n",
            "3174181590830615",
        )
        try:
            raise ValueError("phone +62 812-3456-7890")
        except ValueError:
            log.exception("failed")
        handler.flush()
        text = path.read_text(encoding="utf-8")
        assert "A-023" in text
        for secret in ("budi@", "3174181590830615", "eyJ0eXAiOiJsb2tldC1ib29raW5n", "3456-7890"):
            assert secret not in text
        assert "[email]" in text and "[number]" in text and "[token]" in text
        assert handler.maxBytes > 0 and handler.backupCount >= 3  # type: ignore[attr-defined]
    finally:
        root.removeHandler(handler)
        handler.close()


def test_bench_scan_smoke(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "bench.bench_scan", "--n", "3"],
        capture_output=True,
        text=True,
        timeout=90,
        cwd=Path(__file__).parents[2],
        env=env,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    assert "written:" in done.stdout and "p99" in done.stdout, done.stdout + done.stderr


def test_pty_helper_is_raw() -> None:
    """The stand-in scanner line passes bytes through unchanged (raw mode)."""
    master, slave = os.openpty()
    try:
        tty.setraw(slave)
        os.write(master, b"A\rB\n")
        assert os.read(slave, 16) == b"A\rB\n"
    finally:
        os.close(master)
        os.close(slave)
