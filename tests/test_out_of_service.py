"""A PC whose database is away or newer than its Loket shows an out-of-service screen naming
both versions and what to do, instead of exiting (and restarting to a blank screen); it
starts by itself once the database opens, and a stop signal still ends it."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from db.migrate import DatabaseAway, NewerDatabase, head_revision, open_queue
from tests.conftest import env_without_loket, make_settings
from ui.out_of_service import OutOfService, loket_version, wait_for_queue

FUTURE = "9999_made_by_a_newer_loket"


def make_newer(path: Path) -> None:
    open_queue(make_settings(f"sqlite:///{path}")).db.dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = ?", (FUTURE,))


def test_a_newer_database_names_both_versions_and_what_to_do(qtbot: QtBot, tmp_path: Path) -> None:
    db = tmp_path / "queue.sqlite3"
    make_newer(db)
    settings = make_settings(f"sqlite:///{db}")
    with pytest.raises(NewerDatabase) as refused:
        open_queue(settings)
    screen = OutOfService("Mohon maaf, kios sedang tidak dapat digunakan.", refused.value)
    qtbot.addWidget(screen)
    screen.resize(1920, 1080)
    assert screen.what.text() == "This PC's Loket is older than the office database."
    detail = screen.detail.text()
    assert f"Loket {loket_version()} (database schema {head_revision()})" in detail
    assert f"schema {FUTURE}" in detail and "update Loket on this PC" in detail
    screen.grab().save(str(tmp_path / "out-of-service.png"))
    assert (tmp_path / "out-of-service.png").stat().st_size > 10_000


def test_the_app_starts_by_itself_once_the_database_opens(qtbot: QtBot, tmp_path: Path) -> None:
    db = tmp_path / "queue.sqlite3"
    make_newer(db)
    settings = make_settings(f"sqlite:///{db}")
    attempts: list[float] = []

    def attempt():  # the administrator restores the right version after the second try
        attempts.append(time.monotonic())
        if len(attempts) == 2:
            with sqlite3.connect(db) as conn:
                conn.execute("UPDATE alembic_version SET version_num = ?", (head_revision(),))
        return open_queue(settings)

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    with pytest.raises(NewerDatabase) as first:
        open_queue(settings)
    ctx = wait_for_queue(app, "Kios", first.value, attempt, fullscreen=False, retry_seconds=0.2)
    assert ctx is not None and len(attempts) == 2
    ctx.db.dispose()


def test_a_database_server_that_is_away_is_out_of_service_not_an_exit(tmp_path: Path) -> None:
    with pytest.raises(DatabaseAway) as away:
        open_queue(make_settings("postgresql+psycopg://loket@127.0.0.1:9/loket?connect_timeout=2"))
    screen = OutOfService("Kios", away.value)
    assert screen.what.text() == "The office database cannot be reached."
    assert "127.0.0.1:9" in screen.detail.text() and "tries again by itself" in screen.detail.text()
    screen.deleteLater()


@pytest.mark.parametrize(
    "args",
    [["-m", "kiosk", "--windowed"], ["-m", "display", "--window", "800x600"]],
    ids=["kiosk", "display"],
)
def test_the_app_process_stays_up_out_of_service_and_stops_on_a_signal(
    args: list[str], tmp_path: Path
) -> None:
    db = tmp_path / "queue.sqlite3"
    make_newer(db)
    env = env_without_loket()
    env.update(
        {
            "LOKET_DATA_DIR": str(tmp_path / "data"),
            "LOKET_DATABASE_URL": f"sqlite:///{db}",
            "QT_QPA_PLATFORM": "offscreen",
        }
    )
    log = tmp_path / "stderr.txt"
    with log.open("w") as sink:
        proc = subprocess.Popen(
            [sys.executable, *args], env=env, stderr=sink, stdout=subprocess.DEVNULL, text=True
        )
    try:
        deadline = time.monotonic() + 90
        while "newer version of Loket" not in log.read_text() and time.monotonic() < deadline:
            assert proc.poll() is None, log.read_text()
            time.sleep(0.2)
        time.sleep(3)
        assert proc.poll() is None, log.read_text()  # not exited, not restarting
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
    err = log.read_text()
    assert "made by a newer version of Loket" in err
    assert "Traceback" not in err
