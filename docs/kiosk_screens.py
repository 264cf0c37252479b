"""Pictures of the kiosk's choice and refusal screens, both languages and orientations,
rendered offscreen (no X server): a kiosk on a temporary SQLite file, the virtual printer
on TCP, the clock at 09:00 on Tuesday 1 December 2026, today's "Paspor Baru" walk-in
tickets used up, three officers with their own kiosk PINs. Then the scan screen of a
kiosk with a webcam as its scanner: with the camera's picture (a made-up one: a phone
showing a QR code) and without a camera.

    QT_QPA_PLATFORM=offscreen python docs/kiosk_screens.py [--out docs/screenshots] [--only NAME...]
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

    from config.settings import Settings
    from db.clock import FixedClock

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SIZES = {"landscape": (1920, 1080), "portrait": (1080, 1920)}


def settle(seconds: float = 0.3) -> None:
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.02)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--only", nargs="*", default=[], help="these pictures (names) only")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtWidgets import QApplication

    from config.settings import Channel, Settings
    from db.clock import FixedClock
    from db.context import Actor
    from db.errors import CheckInRejected, RejectReason
    from db.migrate import open_queue
    from db.models import Role
    from db.ops.issuing import set_quota
    from db.ops.kiosk_pins import KioskPinWrong, set_kiosk_pin
    from db.ops.officers import AccountLocked, add_officer
    from kiosk.app import build_kiosk
    from kiosk.feedback_flows import complaint_slip, slip_problem
    from kiosk.staff import PinCheck, PinResult
    from printer import Emulator

    app = QApplication.instance() or QApplication(sys.argv[:1])
    folder = Path(tempfile.mkdtemp(prefix="loket-kiosk-screens-"))
    emulator = Emulator("127.0.0.1", 0, folder / "printed", width=576)
    emulator.start()
    base = Settings().model_dump()
    settings = Settings.model_validate(
        {
            **base,
            "database_url": f"sqlite:///{folder / 'queue.sqlite3'}",
            "printer": {"kind": "network", "host": "127.0.0.1", "port": emulator.port},
        }
    )
    clock = FixedClock(dt.datetime(2026, 12, 1, 9, 0, tzinfo=ZoneInfo("Asia/Jakarta")))
    ctx = open_queue(settings, clock=clock)
    supervisor = Actor("supervisor", Role.SUPERVISOR)
    set_quota(ctx, supervisor, "baru", Channel.WALK_IN, 0, "screenshots")
    admin = Actor.system("screenshots")
    officers = []
    for username, name, pin in (
        ("sari", "Sari Wulandari", "2580"),
        ("budi", "Budi Santoso", "3691"),
        ("dewi", "Dewi Lestari", "4702"),
    ):
        officer = add_officer(ctx, admin, username, "officer", "rahasia-123", name)
        set_kiosk_pin(ctx, admin, officer.id, pin)
        officers.append(officer)
    kiosk = build_kiosk(ctx, watch=False)
    window, flows = kiosk.window, kiosk.flows
    window.show()

    def home() -> None:
        window.overlay.hide()
        flows.fc.sign_out()
        flows.go_home()
        while flows.background.busy:
            settle(0.05)

    def pin(purpose: str = "assisted") -> Any:
        flows.ask_pin(purpose)
        while flows.background.busy:
            settle(0.05)
        return flows.screen("pin")

    def budi_types(refusal: Exception) -> None:
        screen = pin()
        screen.choose(next(o for o in flows.staff_flows.officers if o.username == "budi"))
        for digit in "123":
            screen.type(digit)
        flows.staff_flows._officer_refused(refusal)

    def receipt(printed: bool) -> None:
        flows.feedback.start_complaint()
        screen = flows.screen("complaint")
        screen.choose("app_unreachable")
        screen.show_receipt("ADU-261201-007")
        if printed:
            screen.set_printed()
        else:
            screen.set_not_printed(lambda: slip_problem("paper_out"))
        window.show_screen("complaint")

    past = CheckInRejected(
        RejectReason.OTHER_DATE,
        "past day",
        booking_code="MP261130JKS00007",
        booking_date=dt.date(2026, 11, 30),
    )
    lock = dt.timedelta(minutes=15)
    cancelled = CheckInRejected(
        RejectReason.CANCELLED, "cancelled", booking_code="MP261201JKS00009"
    )
    steps = {
        "home": lambda: None,
        "walk-in": lambda: flows.choose("walk_in"),
        "priority": lambda: flows.choose("priority"),
        "priority-confirm": lambda: flows.tickets.reason_chosen("elderly"),
        "vip": lambda: flows.choose("vip"),
        "past-day": lambda: flows.fc.fail(past),
        "cancelled": lambda: flows.fc.fail(cancelled),
        "assisted": lambda: (setattr(window.state, "assisted", True), flows.go_home()),
        "faq-page": lambda: (flows.feedback.show_faq(), flows.screen("faq").show_page(0)),
        "pin-wrong": lambda: (
            pin().choose(None),
            flows.staff_flows._pin_checked("assisted", PinCheck(PinResult.WRONG, 3)),
        ),
        "pin-officers": pin,
        "pin-officer-wrong": lambda: budi_types(KioskPinWrong("wrong", 3)),
        "pin-officer-locked": lambda: budi_types(AccountLocked("locked", ctx.now() + lock)),
        "assisted-officer": lambda: flows.staff_flows.staff_confirmed("assisted", officers[1]),
        "complaint-receipt-printed": lambda: receipt(True),
        "complaint-receipt-not-printed": lambda: receipt(False),
    }
    for orientation, size in SIZES.items():
        window.resize_to(*size)
        settle()
        for lang in ("id", "en"):
            window.set_language(lang)
            for name, step in steps.items():
                if args.only and name not in args.only:
                    continue
                home()
                step()
                settle()
                path = out / f"kiosk-{name}-{orientation}-{lang}.png"
                window.grab().save(str(path))
                print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    if not args.only or "printed-receipt" in args.only:
        # A problem report's receipt as the printer draws it (through the print worker).
        window.set_language("id")
        filed = ctx.now()
        slip = complaint_slip(flows.fc, "ADU-261201-007", filed, "app_unreachable", True)
        kiosk.printer.print_slip("ADU-261201-007", slip)
        [record] = emulator.wait_for_tickets(1, timeout=10)
        path = out / "printed-receipt.png"
        shutil.copyfile(record.png_path, path)
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    kiosk.shut_down()
    ctx.db.dispose()
    camera_screens(out, settings, clock)
    emulator.stop()
    del app
    return 0


def camera_picture() -> QImage:
    """What a webcam might see: a phone held up, a booking's QR code on its screen."""
    import qrcode
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter

    picture = QImage(1280, 720, QImage.Format.Format_RGB32)
    painter = QPainter(picture)
    room = QLinearGradient(0, 0, 0, 720)
    room.setColorAt(0, QColor("#5A6270"))
    room.setColorAt(1, QColor("#9A968E"))
    painter.fillRect(picture.rect(), room)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#141418"))
    painter.drawRoundedRect(QRectF(470, 130, 340, 510), 36, 36)
    painter.fillRect(QRectF(490, 200, 300, 360), QColor("#FAFAFA"))
    code = qrcode.QRCode(border=1)
    code.add_data("MP261201JKS00001")
    matrix = code.get_matrix()
    cell = 270 // len(matrix)  # whole pixels: no seams between the modules
    left, top = 640 - cell * len(matrix) // 2, 380 - cell * len(matrix) // 2
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                painter.fillRect(left + x * cell, top + y * cell, cell, cell, Qt.black)
    painter.end()
    return picture


def camera_screens(out: Path, settings: Settings, clock: FixedClock) -> None:
    from PySide6.QtMultimedia import QCameraDevice, QVideoFrame

    import kiosk.camera_scanner
    from db.migrate import open_queue
    from kiosk.app import build_kiosk
    from kiosk.camera_scanner import CameraPreview
    from kiosk.screens.base import ScreenName
    from kiosk.screens.checkin import ScanScreen

    # Whatever camera this PC has stays out of the pictures.
    kiosk.camera_scanner.default_camera = lambda: QCameraDevice()  # type: ignore[assignment]
    kiosk_settings = settings.kiosk.model_copy(update={"scanner": "camera"})
    ctx = open_queue(settings.model_copy(update={"kiosk": kiosk_settings}), clock=clock)
    built = build_kiosk(ctx, watch=False)
    window = built.window
    window.show()
    screen = window.screen_named(ScreenName.SCAN)
    preview = window.findChild(CameraPreview, "camera_preview")
    assert isinstance(screen, ScanScreen) and preview is not None
    frame = QVideoFrame(camera_picture())
    for orientation, size in SIZES.items():
        window.resize_to(*size)
        settle()
        for lang in ("id", "en"):
            window.set_language(lang)
            for name, state in (("scan-camera", "connected"), ("scan-no-camera", "")):
                window.show_screen(ScreenName.SCAN)
                screen.set_camera_state(state or "disconnected")
                settle()
                preview.show_frame(frame)
                settle()
                path = out / f"kiosk-{name}-{orientation}-{lang}.png"
                window.grab().save(str(path))
                print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    built.shut_down()
    ctx.db.dispose()


if __name__ == "__main__":
    raise SystemExit(main())
