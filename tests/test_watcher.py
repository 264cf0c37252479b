from __future__ import annotations

import subprocess
import sys

from pytestqt.qtbot import QtBot

from db.context import QueueContext
from db.issuing import issue_ticket
from tests.conftest import KIOSK, env_without_loket
from ui.watcher import QueueWatcher


def test_commit_by_another_program_is_noticed(qtbot: QtBot, ctx: QueueContext) -> None:
    watcher = QueueWatcher(ctx.settings.database_url, poll_ms=20)
    watcher.start()
    try:
        with qtbot.assertNotEmitted(watcher.changed, wait=300):
            pass
        script = (
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
            "c.execute(\"UPDATE counters SET name = 'Loket Satu' WHERE number = 1\"); c.commit()"
        )
        path = ctx.settings.database_url.removeprefix("sqlite:///")
        with qtbot.waitSignal(watcher.changed, timeout=2000):
            subprocess.run(
                [sys.executable, "-c", script, path], check=True, env=env_without_loket()
            )
        # And a queue operation in this process (its own connection) is noticed too.
        with qtbot.waitSignal(watcher.changed, timeout=2000):
            issue_ticket(ctx, KIOSK, "baru", "walk_in")
    finally:
        watcher.stop()
