"""Screenshots of every app on a real X server, with the demo office's data.

    python docs/take_screenshots.py [--out docs/screenshots]

Starts ``Xvfb :99`` with two screens, 1920x1080 (landscape) and 1080x1920 (portrait),
seeds the demo office (db/sim/demo.py) in a temporary folder, starts the virtual printer, and
runs each app as its own process on the X server (Qt's xcb platform), driven through its
widgets; each picture is the X server's root window, captured with ImageMagick's
``import -window root``. Needs the Debian packages ``xvfb`` and ``imagemagick`` (and the Qt
xcb libraries of deploy/quickstart.sh). The printed ticket is the virtual printer's PNG.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DISPLAY = ":99"
SCREENS = {"landscape": f"{DISPLAY}.0", "portrait": f"{DISPLAY}.1"}


# --- in an app's process ------------------------------------------------------------------


def wait_until(done: Callable[[], bool], timeout: float = 10.0, settle: float = 0.0) -> None:
    """Run the event loop until ``done()``; then ``settle`` seconds more (painting)."""
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


def shot(out: Path, name: str) -> None:
    wait_until(lambda: True, settle=0.5)
    path = out / f"{name}.png"
    subprocess.run(["import", "-window", "root", str(path)], check=True)
    print(f"  {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}", flush=True)


def drive_kiosk(ctx, out: Path, orientation: str, pin: str, refused_code: str, booking: str):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QWidget

    from kiosk.app import build_kiosk

    kiosk = build_kiosk(ctx)
    window, flows = kiosk.window, kiosk.flows
    window.fit_to_screen()
    window.show()

    def click(name: str) -> None:
        widget = window.findChild(QWidget, name)
        assert widget is not None, name
        widget.click()  # type: ignore[attr-defined]

    def at(screen: str, settle: float = 0.0) -> None:
        wait_until(lambda: window.current == screen and not flows.runner.busy, settle=settle)

    def home() -> None:
        flows.go_home()
        at("home")

    def scan(code: str) -> None:
        for char in code:
            kiosk.scanner.key(0, char)
        kiosk.scanner.key(0x01000004, "")  # Qt.Key_Return

    def printed_ticket() -> None:
        at("ticket")
        screen = flows.screen("ticket")
        status = screen.findChild(QWidget, "ticket_print_status")
        wait_until(lambda: "tiket" in status.text() or "ticket" in status.text())

    languages = ("id", "en") if orientation == "landscape" else ("id",)
    for lang in languages:
        window.set_language(lang)
        home()
        wait_until(lambda: not flows.background.busy, settle=0.3)
        shot(out, f"kiosk-home-{orientation}-{lang}")
        if orientation == "portrait":
            click("home_walk_in")
            click("service_baru")
            click("confirm_print")
            printed_ticket()
            shot(out, f"kiosk-ticket-{orientation}-{lang}")
            continue
        click("home_booking")
        at("scan")
        shot(out, f"kiosk-booking-{orientation}-{lang}")
        home()
        click("home_walk_in")
        at("service")
        shot(out, f"kiosk-walk-in-{orientation}-{lang}")
        home()
        click("home_priority")
        at("reason")
        shot(out, f"kiosk-priority-{orientation}-{lang}")
        home()
        scan(booking if lang == "id" else refused_code)
        if lang == "id":
            at("summary")
            shot(out, f"kiosk-summary-{orientation}-{lang}")
            click("summary_print")
            printed_ticket()
            shot(out, f"kiosk-checked-in-{orientation}-{lang}")
            home()
            click("home_walk_in")
            click("service_ganti")
            click("confirm_print")
            printed_ticket()
            shot(out, f"kiosk-ticket-{orientation}-{lang}")
            home()
            scan(refused_code)
        at("message")
        shot(out, f"kiosk-error-{orientation}-{lang}")
        home()
        click("staff_button")
        at("pin")
        wait_until(lambda: bool(flows.staff_flows.officers) and not flows.background.busy)
        click(f"pin_officer_{flows.staff_flows.officers[0].id}")  # the demo supervisor
        for digit in pin:
            click(f"pin_pad_key_{digit}")
        click("pin_ok")
        at("assisted")
        shot(out, f"kiosk-assisted-{orientation}-{lang}")
        click("assisted_leave")
        at("home")
    kiosk.shut_down()


def drive_display(ctx, out: Path, orientation: str) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    from display.app import CallingDisplay

    display = CallingDisplay(ctx, muted=True)
    loaded: list[object] = []
    display.feed.loaded.connect(loaded.append)
    window = display.window
    window.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.Window)
    window.setGeometry(QGuiApplication.primaryScreen().geometry())
    window.show()
    display.start()
    wait_until(lambda: bool(loaded), settle=1.0)
    shot(out, f"display-{orientation}")
    display.close()


def drive_console(ctx, out: Path, username: str, password: str) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from admin_console.app import log_in_at_start
    from admin_console.common import console_stylesheet, console_theme
    from admin_console.window import ConsoleWindow
    from ui.theme import apply_theme

    app = QApplication.instance()
    theme = console_theme()
    apply_theme(app, theme)
    app.setStyleSheet(console_stylesheet(theme))
    window = ConsoleWindow(ctx, counter=1)
    window.setGeometry(QGuiApplication.primaryScreen().geometry())
    window.show()
    log_in_at_start(window, username, password)
    wait_until(lambda: window.work is not None and window.work.counter_view is not None)
    work = window.work
    view = work.counter_view
    wait_until(lambda: view.refresher.loads > 0 and view.current is not None, settle=0.5)
    shot(out, "console-counter")
    for page, name in ((work.dashboard, "console-dashboard"), (work.devices, "console-devices")):
        work.tabs.setCurrentWidget(page)
        wait_until(lambda p=page: work.refreshers[p].loads > 0, settle=0.5)
        shot(out, name)
    window.shutdown()


def app_main(args: argparse.Namespace) -> int:
    from PySide6.QtWidgets import QApplication

    from config import load_settings
    from db.migrate import open_queue

    app = QApplication([sys.argv[0]])
    ctx = open_queue(load_settings(args.settings))
    out = Path(args.out)
    if args.app == "kiosk":
        drive_kiosk(ctx, out, args.orientation, args.pin, args.refused, args.booking)
    elif args.app == "display":
        drive_display(ctx, out, args.orientation)
    else:
        drive_console(ctx, out, args.user, os.environ["LOKET_CONSOLE_PASSWORD"])
    ctx.db.dispose()
    app.processEvents()
    return 0


# --- the conductor ------------------------------------------------------------------------


def busy_day(settings_path: Path, officer: str, password: str) -> None:
    """Calls at several counters, so the display and the dashboard have something to show."""
    from config import load_settings
    from db.context import Actor
    from db.errors import NobodyWaiting
    from db.migrate import open_queue
    from db.ops.calling import call_next, complete, start_service
    from db.ops.counters import open_counter
    from db.ops.issuing import issue_ticket
    from db.ops.officers import add_officer, authenticate

    ctx = open_queue(load_settings(settings_path))
    admin, kiosk = Actor.system("demo"), Actor.kiosk("kiosk-2")
    for i in range(14):
        service = ("baru", "ganti", "ambil", "info")[i % 4]
        channel = "priority" if i % 5 == 4 else "walk_in"
        issue_ticket(
            ctx, kiosk, service, channel, reason="elderly" if channel == "priority" else None
        )
    people = {2: "budi", 3: "andi", 4: "rina", 5: "sari"}
    actors = {1: authenticate(ctx, officer, password).actor}
    for counter, name in people.items():
        actors[counter] = add_officer(ctx, admin, name, "officer", password, name.title()).actor
    for round_ in range(2):
        for counter, actor in actors.items():
            if counter == 1 and round_ == 0:
                continue
            open_counter(ctx, actor, counter)
            try:
                ticket = call_next(ctx, actor, counter)
            except NobodyWaiting:
                continue
            if round_ == 0:
                start_service(ctx, actor, counter, ticket.id)
                complete(ctx, actor, counter, ticket.id)
    ctx.db.dispose()


def run_app(env: dict[str, str], screen: str, *extra: str) -> None:
    command = [sys.executable, __file__, "--app", *extra]
    subprocess.run(command, env={**env, "DISPLAY": screen}, check=True, timeout=180)


def conduct(out: Path, keep_server: bool) -> int:
    from db.sim.demo import free_port, seed_demo

    for tool in ("Xvfb", "import"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is missing: apt-get install xvfb imagemagick")
    out.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="loket-shots-"))
    xvfb = subprocess.Popen(
        ["Xvfb", DISPLAY, "-screen", "0", "1920x1080x24", "-screen", "1", "1080x1920x24",
         "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    printer = None
    try:
        office = seed_demo(folder, free_port())
        env = {k: v for k, v in os.environ.items() if not k.startswith("LOKET_")}
        env.update(
            LOKET_DATA_DIR=str(folder),
            LOKET_CONSOLE_PASSWORD=office.password,
            QT_QPA_PLATFORM="xcb",
            LANG="C.UTF-8",
        )
        printer = subprocess.Popen(
            [sys.executable, "-m", "printer", "emulate", "--port", str(office.printer_port),
             "--out", str(office.printed_dir)],
            env=env, stdout=subprocess.DEVNULL, cwd=ROOT,
        )  # fmt: skip
        time.sleep(1.0)  # Xvfb and the printer come up
        common = ["--settings", str(office.settings_path), "--out", str(out)]
        codes = office.active_codes()
        refused = next(b.code for b in office.bookings if b.status == "BATAL")
        kiosk = ["--pin", office.officer_pin, "--refused", refused, "--booking", codes[0]]
        print("kiosk:", flush=True)
        for orientation, screen in SCREENS.items():
            run_app(env, screen, "kiosk", "--orientation", orientation, *kiosk, *common)
        busy_day(office.settings_path, office.officer, office.password)
        print("display:", flush=True)
        for orientation, screen in SCREENS.items():
            run_app(env, screen, "display", "--orientation", orientation, *common)
        print("console:", flush=True)
        run_app(env, SCREENS["landscape"], "console", "--user", office.officer, *common)
        tickets = sorted(office.printed_dir.glob("ticket-*.png"))
        shutil.copyfile(tickets[-1], out / "printed-ticket.png")
        print(f"printed ticket: {out / 'printed-ticket.png'}")
    finally:
        if printer is not None:
            printer.terminate()
            printer.wait(10)
        if not keep_server:
            xvfb.terminate()
            xvfb.wait(10)
        shutil.rmtree(folder, ignore_errors=True)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--app", choices=("kiosk", "display", "console"), help=argparse.SUPPRESS)
    parser.add_argument("--orientation", default="landscape", help=argparse.SUPPRESS)
    parser.add_argument("--settings", help=argparse.SUPPRESS)
    parser.add_argument("--pin", help=argparse.SUPPRESS)
    parser.add_argument("--refused", help=argparse.SUPPRESS)
    parser.add_argument("--booking", help=argparse.SUPPRESS)
    parser.add_argument("--user", help=argparse.SUPPRESS)
    parser.add_argument("--keep-server", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.app:
        return app_main(args)
    return conduct(Path(args.out).resolve(), args.keep_server)


if __name__ == "__main__":
    sys.exit(main())
