"""The camera scanner without a camera: frames made from generated QR codes (signed booking
tokens, as the M-Paspor app shows them) go into the scanner's video sink, the way the
camera's frames do, and through the same decode path on the worker thread."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from collections.abc import Iterator

import numpy as np
import pytest
import qrcode
import qrcode.constants
from PIL import Image, ImageFilter
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import QCamera, QCameraDevice, QVideoFrame
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import select

import kiosk.camera_scanner as camera_module
from db.io.booking_token import BookingClaim, generate_key_pair, sign_booking
from db.models import Ticket
from kiosk.app import Kiosk
from kiosk.camera_scanner import CameraPreview, CameraScanner, decode_image
from tests.conftest import JAKARTA
from tests.kiosk.conftest import LANDSCAPE, PORTRAIT, click, find, text_of, wait_screen
from tests.kiosk.test_screens import clipped

PRIVATE, PUBLIC = generate_key_pair()
TOKEN = sign_booking(
    PRIVATE,
    BookingClaim(
        office_code="JKS",
        booking_code="MP261201JKS90001",  # not in any export: the token alone checks in
        date=dt.date(2026, 12, 1),
        slot_start=dt.time(8, 0),
        slot_end=dt.time(10, 0),
        service_name="PASPOR BARU",
        masked_name="SIT*** N***",
        expires_at=dt.datetime(2026, 12, 2, tzinfo=JAKARTA),
    ),
)
# What Qt Multimedia says on a machine without PipeWire, VA-API or a GPU: not ours.
QT_NOISE = pytest.mark.qt_log_ignore(
    "propagateSizeHints", "Couldn't (load|resolve) ", "No RHI backend"
)
CAMERA_KIOSK = pytest.mark.kiosk_settings(
    kiosk={"scanner": "camera"}, booking_qr={"public_keys": [PUBLIC]}
)


def scene(
    payload: str | None,
    *,
    side: int = 360,
    blur: float = 0.0,
    size: tuple[int, int] = (1280, 720),
    seed: int = 1,
) -> QImage:
    """A camera's view: a grey, slightly noisy room, with the QR code of ``payload``
    ``side`` pixels wide (on a white phone screen) left of the middle."""
    width, height = size
    rng = np.random.default_rng(seed)
    shade = np.linspace(70, 150, height, dtype=np.float32)[:, None, None]
    room = np.broadcast_to(shade, (height, width, 3)) + rng.normal(0, 6, (height, width, 3))
    image = Image.fromarray(np.clip(room, 0, 255).astype(np.uint8), "RGB")
    if payload is not None:
        code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=3)
        code.add_data(payload)
        picture = code.make_image().get_image().convert("RGB")
        picture = picture.resize((side, side), Image.Resampling.BILINEAR)
        image.paste(picture, (width // 2 - side, height // 2 - side // 2))
    if blur:
        image = image.filter(ImageFilter.GaussianBlur(blur))
    data = image.tobytes("raw", "RGB")
    return QImage(data, width, height, width * 3, QImage.Format.Format_RGB888).copy()


def frame_of(image: QImage) -> QVideoFrame:
    frame = QVideoFrame(image)
    assert frame.isValid()
    return frame


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def ticks() -> Clock:
    """The scanner's clock (the queue's is ``clock``)."""
    return Clock()


@pytest.fixture
def no_camera(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on a PC without a webcam, also where the test machine has one."""
    monkeypatch.setattr(camera_module, "default_camera", lambda: QCameraDevice())


@pytest.fixture
def scanner(qtbot: QtBot, ticks: Clock, no_camera: None) -> Iterator[CameraScanner]:
    made = CameraScanner(clock=ticks, retry_ms=60_000)
    made.start()
    yield made
    made.stop()


def show(qtbot: QtBot, scanner: CameraScanner, image: QImage) -> None:
    """One frame into the video sink, as the camera delivers it; waits for its decode."""
    decodes = scanner.decodes
    scanner.sink.setVideoFrame(frame_of(image))
    if scanner.decoding:
        qtbot.waitUntil(lambda: scanner.decodes > decodes, timeout=5000)


@QT_NOISE
def test_the_decode_path_reads_a_token_once(
    qtbot: QtBot, scanner: CameraScanner, ticks: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert scanner.state == "disconnected" and scanner.camera is None
    got: list[str] = []
    scanner.scanned.connect(got.append)
    threads: set[int] = set()
    real = camera_module.decode_frame

    def spy(frame: QVideoFrame) -> list[str]:
        threads.add(threading.get_ident())
        return real(frame)

    sharp = scene(TOKEN)
    monkeypatch.setattr(camera_module, "decode_frame", spy)
    show(qtbot, scanner, sharp)
    assert got == [TOKEN]
    assert threads and threading.get_ident() not in threads  # decoded off the UI thread
    # Held in front of the camera: read again and again, delivered once.
    for _ in range(5):
        ticks.now += 0.5
        show(qtbot, scanner, sharp)
    assert scanner.decodes == 6 and got == [TOKEN]
    # Taken away for longer than repeat_s, then shown again: a new scan.
    ticks.now += scanner.repeat_s + 1
    show(qtbot, scanner, scene(None))
    ticks.now += scanner.repeat_s + 1
    show(qtbot, scanner, sharp)
    assert got == [TOKEN, TOKEN]


@QT_NOISE
def test_small_and_blurred_codes_are_read_and_other_pictures_are_not(
    qtbot: QtBot, scanner: CameraScanner, ticks: Clock
) -> None:
    got: list[str] = []
    scanner.scanned.connect(got.append)
    # A code held far away and out of focus: about three pixels a module, blurred.
    small = scene("MP261201JKS00001", side=200, blur=1.0, seed=2)
    show(qtbot, scanner, small)
    assert got == ["MP261201JKS00001"]
    ticks.now += 1
    show(qtbot, scanner, scene(TOKEN, side=230, blur=1.0, seed=3))
    assert got == ["MP261201JKS00001", TOKEN]
    # No code in the picture, a blurred-away one, a frame of nothing: nothing is scanned.
    for image in (scene(None, seed=4), scene("MP261201JKS00009", side=90, blur=3.0)):
        ticks.now += 1
        show(qtbot, scanner, image)
    assert got == ["MP261201JKS00001", TOKEN]
    assert decode_image(QImage()) == []
    scanner.frame_arrived(QVideoFrame())  # an invalid frame is ignored
    assert not scanner.decoding


@QT_NOISE
def test_frames_are_dropped_while_one_is_decoded_and_above_the_rate(
    qtbot: QtBot, scanner: CameraScanner, ticks: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    started = threading.Event()
    real = camera_module.decode_frame

    def slow(frame: QVideoFrame) -> list[str]:
        started.set()
        release.wait(5)
        return real(frame)

    monkeypatch.setattr(camera_module, "decode_frame", slow)
    previews: list[QVideoFrame] = []
    scanner.frame.connect(previews.append)
    image = scene(TOKEN)
    scanner.sink.setVideoFrame(frame_of(image))
    assert started.wait(5) and scanner.decoding
    for _ in range(10):  # 30 frames a second arrive while the worker decodes
        ticks.now += 1 / 30
        scanner.sink.setVideoFrame(frame_of(image))
    assert scanner.dropped == 10 and len(previews) == 11  # the preview gets every frame
    release.set()
    qtbot.waitUntil(lambda: scanner.decodes == 1, timeout=5000)
    # Free again, but within 1/8 s of the last decode: dropped; after it: decoded.
    ticks.now = 200.0
    scanner.sink.setVideoFrame(frame_of(image))
    qtbot.waitUntil(lambda: scanner.decodes == 2, timeout=5000)
    ticks.now += 0.05
    scanner.sink.setVideoFrame(frame_of(image))
    assert not scanner.decoding and scanner.dropped == 11
    ticks.now += 0.1
    scanner.sink.setVideoFrame(frame_of(image))
    assert scanner.decoding
    qtbot.waitUntil(lambda: scanner.decodes == 3, timeout=5000)


@QT_NOISE
def test_the_state_follows_the_camera(scanner: CameraScanner) -> None:
    states: list[str] = []
    scanner.state_changed.connect(states.append)
    webcam = QCamera(QCameraDevice(), scanner)
    scanner.use_camera(webcam)
    webcam.activeChanged.emit(True)
    assert states == ["connected"] and not scanner.retry_timer.isActive()
    webcam.errorOccurred.emit(QCamera.Error.CameraError, "device lost")
    assert states == ["connected", "disconnected"]
    assert scanner.camera is None and scanner.retry_timer.isActive()  # it looks again
    other = QCamera(QCameraDevice(), scanner)
    scanner.use_camera(other)
    other.activeChanged.emit(True)
    scanner.devices.videoInputsChanged.emit()  # the list of cameras no longer has it
    assert states == ["connected", "disconnected", "connected", "disconnected"]
    assert scanner.camera is None and scanner.state == "disconnected"
    scanner.stop()
    assert not scanner.running and not scanner.retry_timer.isActive()


@QT_NOISE
def test_the_preview_is_mirrored(qtbot: QtBot) -> None:
    preview = CameraPreview()
    qtbot.addWidget(preview)
    preview.resize(640, 360)
    preview.show()
    left_dark = QImage(320, 180, QImage.Format.Format_RGB32)
    left_dark.fill(0xFFFFFF)
    for y in range(180):
        for x in range(160):
            left_dark.setPixel(x, y, 0x000000)
    preview.show_frame(frame_of(left_dark))
    qtbot.waitUntil(lambda: preview.frames_shown > 0)
    shot = preview.grab().toImage()
    # The camera's left is the applicant's right, as in a mirror.
    assert shot.pixelColor(600, 40).lightness() < 40
    assert shot.pixelColor(40, 40).lightness() > 215
    preview.hide()
    preview.show_frame(frame_of(left_dark))
    assert preview.frame is None  # nothing kept for a preview nobody sees


@QT_NOISE
@CAMERA_KIOSK
def test_a_shown_booking_qr_checks_in_once(qtbot: QtBot, no_camera: None, kiosk: Kiosk) -> None:
    camera = kiosk.camera_scanner
    assert camera is not None and camera.running
    got: list[str] = []
    camera.scanned.connect(got.append)
    click(qtbot, kiosk, "home_booking")
    wait_screen(qtbot, kiosk, "scan")
    webcam = QCamera(QCameraDevice(), camera)
    camera.use_camera(webcam)
    webcam.activeChanged.emit(True)  # as when a camera starts giving pictures
    preview = kiosk.window.findChild(CameraPreview, "camera_preview")
    assert preview is not None and preview.isVisible()
    assert kiosk.health is not None and kiosk.health.scanner == "connected"
    assert "ke kamera" in text_of(kiosk, "scan_steps")
    # A picture without a code: the preview shows it, nothing else happens.
    camera.sink.setVideoFrame(frame_of(scene(None)))
    qtbot.waitUntil(lambda: preview.frames_shown > 0 and not camera.decoding)
    assert kiosk.window.current == "scan" and got == []
    # The applicant holds the phone up, a little far and out of focus at first.
    camera.min_gap_s = 0.0
    held = [scene(TOKEN, side=220, blur=1.0), scene(TOKEN), scene(TOKEN, seed=5)]
    for image in held:
        camera.sink.setVideoFrame(frame_of(image))
        qtbot.waitUntil(lambda: not camera.decoding, timeout=5000)
    wait_screen(qtbot, kiosk, "summary", timeout=10_000)
    assert "MP261201JKS90001" in text_of(kiosk, "summary_code")
    assert text_of(kiosk, "summary_name") == "Nama: SIT*** N***"
    # Still held up while the applicant reads the summary: no second check-in.
    for image in held:
        camera.sink.setVideoFrame(frame_of(image))
        qtbot.waitUntil(lambda: not camera.decoding, timeout=5000)
    assert got == [TOKEN] and kiosk.window.current == "summary"
    click(qtbot, kiosk, "summary_print")
    wait_screen(qtbot, kiosk, "ticket", timeout=10_000)
    assert "MP261201JKS90001" in text_of(kiosk, "ticket_booking")
    with kiosk.window.state.ctx.db.read() as session:
        assert len(session.scalars(select(Ticket)).all()) == 1


@QT_NOISE
@CAMERA_KIOSK
@pytest.mark.parametrize("size", [PORTRAIT, LANDSCAPE], ids=["portrait", "landscape"])
def test_the_scan_screen_with_a_camera_renders_unclipped(
    qtbot: QtBot, no_camera: None, kiosk: Kiosk, size: tuple[int, int]
) -> None:
    window, camera = kiosk.window, kiosk.camera_scanner
    assert camera is not None
    window.resize_to(*size)
    window.show_screen("scan")
    problems = {}
    for large in (False, True):
        window.set_large_text(large)
        for lang in ("id",) if large else ("id", "en"):
            window.set_language(lang)
            for state in ("connected", "disconnected"):
                camera.state_changed.emit(state)
                camera.sink.setVideoFrame(frame_of(scene(None)))
                for _ in range(3):  # the picture shown or hidden, then the window's layout
                    QApplication.processEvents()
                assert window.size().toTuple() == size
                preview = window.findChild(CameraPreview, "camera_preview")
                assert preview is not None
                if state == "connected":
                    assert preview.isVisible() and preview.width() >= 480
                    assert preview.height() >= 270
                else:
                    assert not preview.isVisible()
                found = clipped(window)
                if found:
                    problems[(lang, large, state)] = found
    window.set_large_text(False)
    assert problems == {}


@QT_NOISE
@CAMERA_KIOSK
def test_without_a_camera_the_kiosk_offers_typing_the_code(
    qtbot: QtBot, no_camera: None, kiosk: Kiosk, db_url: str
) -> None:
    camera = kiosk.camera_scanner
    assert camera is not None and camera.state == "disconnected"
    assert kiosk.health is not None and kiosk.health.scanner == "disconnected"
    assert "scanner disconnected" in kiosk.health.alerts

    def heartbeat() -> tuple[str, str] | None:
        with sqlite3.connect(db_url.removeprefix("sqlite:///")) as conn:
            return conn.execute("select scanner, detail from kiosk_heartbeats").fetchone()

    qtbot.waitUntil(lambda: heartbeat() is not None, timeout=10_000)
    scanner, detail = heartbeat() or ("", "")
    assert scanner == "disconnected" and "scanner disconnected" in json.loads(detail)["alerts"]
    kiosk.window.resize_to(*LANDSCAPE)
    click(qtbot, kiosk, "home_booking")
    wait_screen(qtbot, kiosk, "scan")
    preview = kiosk.window.findChild(CameraPreview, "camera_preview")
    assert preview is not None and not preview.isVisible()
    assert text_of(kiosk, "scan_steps") == (
        "Kamera sedang tidak berfungsi. Sentuh “Ketik kode” untuk mengetik kode pemesanan Anda."
    )
    off = find(kiosk, "scan_camera_off")
    assert isinstance(off, QLabel) and off.isVisible() and not off.pixmap().isNull()
    click(qtbot, kiosk, "scan_type_code")
    wait_screen(qtbot, kiosk, "code")
    assert text_of(kiosk, "code_display") == "MP261201JKS"  # the fixed part, prefilled
