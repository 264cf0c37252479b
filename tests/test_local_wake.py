"""SQLite on one PC: a program that commits wakes the watchers of the other programs at once
through their datagram sockets; the ``data_version`` poll stays as the fallback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from pytestqt.qtbot import QtBot

from db.changes import WakeSocket, wake_folder, wake_watchers
from db.context import QueueContext
from ui.watcher import QueueWatcher

REPO = Path(__file__).resolve().parents[1]
NO_POLL_MS = 60_000  # the poll cannot be what notices a commit within a test's wait

WRITER = """
import sys
from sqlalchemy import text
from db.engine import Database
db = Database(sys.argv[1])
with db.write() as s:
    s.execute(text("UPDATE counters SET name = 'Loket Satu' WHERE number = 1"))
db.dispose()
"""
RAW_WRITER = """
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("UPDATE counters SET name = 'Loket Dua' WHERE number = 2")
c.commit()
"""


def _child(script: str, arg: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    subprocess.run([sys.executable, "-c", script, arg], check=True, env=env, cwd=REPO)


def test_a_write_in_another_process_wakes_the_watcher_at_once(
    qtbot: QtBot, ctx: QueueContext
) -> None:
    url = ctx.settings.database_url
    watcher = QueueWatcher(url, poll_ms=NO_POLL_MS)
    watcher.start()
    try:
        # A writer that sends no wake-up (bare sqlite3) is left to the poll: not seen now.
        with qtbot.assertNotEmitted(watcher.changed, wait=500):
            _child(RAW_WRITER, url.removeprefix("sqlite:///"))
        with qtbot.waitSignal(watcher.changed, timeout=3000):
            _child(WRITER, url)
    finally:
        watcher.stop()
    folder = wake_folder(url)
    assert folder is not None and list(folder.iterdir()) == []  # its socket is gone


def test_each_commit_reaches_every_listening_socket(ctx: QueueContext) -> None:
    url = ctx.settings.database_url
    first, second = WakeSocket.open(url), WakeSocket.open(url)
    assert first is not None and second is not None
    try:
        assert not first.drain()
        _child(WRITER, url)
        deadline = time.monotonic() + 3
        woken = [False, False]
        while not all(woken) and time.monotonic() < deadline:
            woken = [woken[0] or first.drain(), woken[1] or second.drain()]
            time.sleep(0.01)
        assert woken == [True, True]
    finally:
        first.close()
        second.close()


def test_a_socket_left_by_a_dead_program_is_removed(ctx: QueueContext) -> None:
    folder = wake_folder(ctx.settings.database_url)
    assert folder is not None
    folder.mkdir(exist_ok=True)
    dead = folder / "999999-0.sock"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(dead))
    sock.close()  # the file stays, nobody reads it
    alive = WakeSocket.open(ctx.settings.database_url)
    assert alive is not None
    try:
        assert wake_watchers(folder) == 1
        assert not dead.exists()
        assert alive.drain()
    finally:
        alive.close()
