"""Screenshots of the calling display after a no-show and a transfer, and of the officer's
console in Indonesian (login, counter, no-show dialog, dashboard, devices), rendered
offscreen from the demo office's data:

    QT_QPA_PLATFORM=offscreen python docs/take_call_screenshots.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def wait_until(done: Callable[[], bool], timeout: float = 15.0, settle: float = 0.3) -> None:
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError("the screen did not get there")
        QApplication.processEvents()
        time.sleep(0.02)
    end = time.monotonic() + settle
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.02)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtWidgets import QApplication, QDialog

    from admin_console.app import log_in_at_start
    from admin_console.common import console_stylesheet, console_theme
    from admin_console.window import ConsoleWindow
    from db.context import Actor
    from db.migrate import open_queue
    from db.models import Role
    from db.ops import calling
    from db.ops.backups import record_backup
    from db.ops.issuing import issue_ticket
    from db.ops.printjobs import heartbeat
    from db.sim.demo import free_port, seed_demo
    from display.app import CallingDisplay
    from ui.theme import apply_theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    kiosk = Actor.kiosk("kiosk-1")
    supervisor = Actor("demo", Role.SUPERVISOR, None)
    with tempfile.TemporaryDirectory() as folder:
        office = seed_demo(Path(folder) / "office", free_port(), bookings=0)
        ctx = open_queue(office.settings)
        try:
            for i in range(14):
                service = ("baru", "ganti", "ambil", "info")[i % 4]
                issue_ticket(ctx, kiosk, service, "walk_in")
            issue_ticket(ctx, kiosk, "baru", "priority", reason="elderly")
            for counter in (1, 2, 3, 4):
                done = calling.call_next(ctx, supervisor, counter)
                calling.complete(ctx, supervisor, counter, done.id)
            served = calling.call_next(ctx, supervisor, 3)
            calling.start_service(ctx, supervisor, 3, served.id)
            moved = calling.call_next(ctx, supervisor, 1)
            calling.transfer(ctx, supervisor, moved.id, "info", keep_place=False)
            absent = calling.call_next(ctx, supervisor, 2)
            calling.recall(ctx, supervisor, 2, absent.id)
            calling.no_show(ctx, supervisor, 2, absent.id, override_reason="left the room")
            # The devices page: one kiosk fine, one running out of paper with its cover open.
            beat = dict(printer_online=True, scanner="ok")
            heartbeat(ctx, kiosk, "kiosk-1", paper="ok", cover_open=False, **beat)
            heartbeat(
                ctx, Actor.kiosk("kiosk-2"), "kiosk-2", paper="near_end", cover_open=True, **beat
            )
            record_backup(
                ctx, Actor.system("loket-db"), "loket-demo.backup", 2_400_000, copied_to="/mnt/usb"
            )

            display = CallingDisplay(ctx, muted=True, poll_ms=30)
            loaded: list[object] = []
            display.feed.loaded.connect(loaded.append)
            display.start()
            wait_until(lambda: bool(loaded))
            for name, size in (("landscape", (1920, 1080)), ("portrait", (1080, 1920))):
                display.window.resize(*size)
                display.window.show()
                wait_until(lambda s=size: display.window.size().toTuple() == s)
                path = out / f"display-no-show-{name}.png"
                display.window.grab().save(str(path))
                print(path)
            display.close()

            theme = console_theme()
            apply_theme(app, theme)
            app.setStyleSheet(console_stylesheet(theme))
            window = ConsoleWindow(ctx, counter=1)
            window.resize(1600, 900)
            window.show()
            wait_until(window.login.isVisible)
            path = out / "console-login-id.png"
            window.grab().save(str(path))
            print(path)
            log_in_at_start(window, office.officer, office.password)
            wait_until(lambda: window.work is not None and window.work.counter_view is not None)
            assert window.work is not None and window.work.counter_view is not None
            view = window.work.counter_view
            wait_until(lambda: len(view.queue.line) > 0)
            view.call_next()
            wait_until(lambda: view.current is not None and not view.busy, settle=0.5)
            path = out / "console-counter-id.png"
            window.grab().save(str(path))
            print(path)
            view.no_show()
            wait_until(lambda: view.findChild(QDialog, "noShowDialog") is not None)
            dialog = view.findChild(QDialog, "noShowDialog")
            assert dialog is not None
            wait_until(dialog.isVisible)
            path = out / "console-no-show-id.png"
            dialog.grab().save(str(path))
            print(path)
            dialog.reject()
            work = window.work
            for page, name in ((work.dashboard, "dashboard"), (work.devices, "devices")):
                assert page is not None
                work.tabs.setCurrentWidget(page)
                wait_until(lambda p=page: work.refreshers[p].loads > 0, settle=0.5)
                path = out / f"console-{name}-id.png"
                window.grab().save(str(path))
                print(path)
            window.shutdown()
        finally:
            ctx.db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
