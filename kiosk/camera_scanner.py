"""Webcam QR scanning (setting ``kiosk.scanner = "camera"``): Qt Multimedia's camera frames,
decoded with zxing-cpp on a worker thread.

``CameraScanner`` opens the system's default camera (``QMediaCaptureSession`` + ``QCamera``)
and gets each frame through its ``QVideoSink``. ``frame_arrived`` (the sink's
``videoFrameChanged``) passes every frame on to the live preview (``frame``) and, at most
``max_decodes_per_s`` times a second and never while a decode is still running, hands it to
a worker thread that turns it into a grey image and reads the QR codes in it
(``decode_image``); the frames in between are dropped. A payload is delivered as
``scanned(str)``, the same signal as the keyboard-wedge and serial scanners, and only once:
a code seen again within ``repeat_s`` seconds of its last sighting is not delivered again
(a phone held up to the camera is read many times a second).

Without a camera, or when it fails or is unplugged, the scanner says
``state_changed("disconnected")`` (the heartbeat reports it like a serial scanner's) and
the kiosk carries on with typed codes. It looks for a camera again whenever the system's
list of cameras changes, and every ``retry_ms`` while it has none.

``CameraPreview`` paints the frames mirrored, like a mirror the applicant looks into, with
a frame in the middle that shows where to hold the code.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

import numpy as np
import zxingcpp
from PySide6.QtCore import QObject, QPointF, QRectF, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtMultimedia import (
    QCamera,
    QCameraDevice,
    QCameraFormat,
    QMediaCaptureSession,
    QMediaDevices,
    QVideoFrame,
    QVideoSink,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.serial_scanner import clean_payload
from ui.ops import Failure, Operations

logger = logging.getLogger(__name__)

MAX_DECODES_PER_S = 8.0
REPEAT_S = 4.0  # the same code within this many seconds of its last sighting: once
RETRY_MS = 5000
# The largest frame asked of the camera: enough for a QR code on a phone held a hand's
# width away, small enough to decode in a few milliseconds.
MAX_FRAME_WIDTH = 1280


def decode_image(image: QImage) -> list[str]:
    """The QR codes in ``image``, cleaned as a scanner's payload (worker thread)."""
    if image.isNull():
        return []
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = grey.width(), grey.height(), grey.bytesPerLine()
    pixels = np.frombuffer(grey.constBits(), dtype=np.uint8, count=stride * height)
    rows = np.ascontiguousarray(pixels.reshape(height, stride)[:, :width])
    found = zxingcpp.read_barcodes(rows, formats=zxingcpp.BarcodeFormat.QRCode)
    texts = (clean_payload(code.text) for code in found if code.valid)
    return [text for text in texts if text]


def decode_frame(frame: QVideoFrame) -> list[str]:
    """The QR codes in one camera frame (worker thread)."""
    return decode_image(frame.toImage())


def default_camera() -> QCameraDevice:
    """The system's default camera (a null device when there is none)."""
    return QMediaDevices.defaultVideoInput()


def pick_format(device: QCameraDevice, max_width: int = MAX_FRAME_WIDTH) -> QCameraFormat | None:
    """The camera's largest format at most ``max_width`` wide that gives 10 frames a second
    or more; None leaves the camera's default."""
    usable = [
        f
        for f in device.videoFormats()
        if f.resolution().width() <= max_width and f.maxFrameRate() >= 10
    ]
    if not usable:
        return None
    return max(usable, key=lambda f: (f.resolution().width(), f.maxFrameRate()))


class CameraScanner(QObject):
    """``scanned(str)`` once per code shown; ``state_changed`` "connected" / "disconnected";
    ``frame(QVideoFrame)`` for the preview."""

    scanned = Signal(str)
    state_changed = Signal(str)
    frame = Signal(QVideoFrame)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        max_decodes_per_s: float = MAX_DECODES_PER_S,
        repeat_s: float = REPEAT_S,
        retry_ms: int = RETRY_MS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.min_gap_s = 1.0 / max_decodes_per_s
        self.repeat_s = repeat_s
        self.clock = clock
        self.state = "disconnected"
        self.decodes = 0  # frames decoded (tests, logs)
        self.dropped = 0  # frames not decoded: one was being decoded, or too soon after one
        self.decoding = False
        self._last_decode = -1e9
        self._seen: dict[str, float] = {}  # payload -> when it was last seen
        self._running = False
        self.decoder = Operations(self)
        self.session = QMediaCaptureSession(self)
        self.sink = QVideoSink(self)
        self.session.setVideoSink(self.sink)
        self.sink.videoFrameChanged.connect(self.frame_arrived)
        self.camera: QCamera | None = None
        self.devices = QMediaDevices(self)
        self.devices.videoInputsChanged.connect(self._inputs_changed)
        self.retry_timer = QTimer(self)
        self.retry_timer.setInterval(retry_ms)
        self.retry_timer.timeout.connect(self._open)

    # -- life cycle -----------------------------------------------------------------------

    def start(self) -> None:
        if self._running:
            return
        self._running = True
        self.decoder.reopen()
        self._open()
        if self.camera is None:
            self._state("disconnected", always=True)  # said at start, as the serial one does

    def stop(self) -> None:
        self._running = False
        self.retry_timer.stop()
        self._close()
        self.decoder.shutdown()

    @property
    def running(self) -> bool:
        return self._running

    def use_camera(self, camera: QCamera) -> None:
        """Take frames from ``camera`` and follow its state (it reports "connected" once
        it gives pictures); ``start`` does this with the system's default camera."""
        self._close()
        camera.activeChanged.connect(self._active_changed)
        camera.errorOccurred.connect(self._camera_error)
        self.camera = camera
        self.session.setCamera(camera)

    def _open(self) -> None:
        if not self._running or self.camera is not None:
            return
        device = default_camera()
        if device.isNull():
            self.retry_timer.start()
            return
        camera = QCamera(device, self)
        chosen = pick_format(device)
        if chosen is not None:
            camera.setCameraFormat(chosen)
        self.use_camera(camera)
        logger.info("camera %s: starting", device.description())
        camera.start()

    def _close(self) -> None:
        camera, self.camera = self.camera, None
        if camera is not None:
            camera.blockSignals(True)  # its last words no longer concern the scanner
            camera.stop()
            self.session.setCamera(None)
            camera.deleteLater()

    @Slot(bool)
    def _active_changed(self, active: bool) -> None:
        if active:
            self.retry_timer.stop()
            self._state("connected")

    @Slot(QCamera.Error, str)
    def _camera_error(self, error: QCamera.Error, text: str) -> None:
        if error == QCamera.Error.NoError:
            return
        logger.warning("camera failed: %s", text or error.name)
        self._lost()

    @Slot()
    def _inputs_changed(self) -> None:
        """The system's cameras changed: ours unplugged, or one plugged in."""
        if not self._running:
            return
        camera = self.camera
        if camera is not None:
            present = {d.id().data() for d in QMediaDevices.videoInputs()}
            if camera.cameraDevice().id().data() not in present:
                logger.warning("camera %s unplugged", camera.cameraDevice().description())
                self._lost()
            return
        self._open()

    def _lost(self) -> None:
        self._close()
        self._state("disconnected")
        if self._running:
            self.retry_timer.start()

    def _state(self, state: str, *, always: bool = False) -> None:
        if state == self.state and not always:
            return
        logger.info("camera scanner %s", state)
        self.state = state
        self.state_changed.emit(state)

    # -- frames ---------------------------------------------------------------------------

    @Slot(QVideoFrame)
    def frame_arrived(self, frame: QVideoFrame) -> None:
        """One frame from the camera (the sink's ``videoFrameChanged``), on the UI thread:
        to the preview always, to the decoder when it is free and not too soon."""
        if not frame.isValid():
            return
        self.frame.emit(frame)
        now = self.clock()
        if self.decoding or now - self._last_decode < self.min_gap_s:
            self.dropped += 1
            return
        self.decoding = True
        self._last_decode = now
        copy = QVideoFrame(frame)  # shares the frame's buffer, for the worker
        if not self.decoder.run(lambda: decode_frame(copy), self._decoded, self._failed):
            self.decoding = False

    def _decoded(self, texts: list[str]) -> None:
        self.decoding = False
        self.decodes += 1
        now = self.clock()
        for key in [k for k, when in self._seen.items() if now - when > self.repeat_s]:
            del self._seen[key]
        for text in texts:
            recent = text in self._seen
            self._seen[text] = now
            if not recent:
                self.scanned.emit(text)

    def _failed(self, failure: Failure) -> None:
        self.decoding = False
        logger.warning("camera frame not decoded: %s", failure)


class CameraPreview(QWidget):
    """The camera's picture, mirrored, with a frame showing where to hold the code. Shows
    the latest frame at most ``max_fps`` times a second, and only while it is visible."""

    def __init__(self, name: str = "camera_preview", *, max_fps: float = 15.0) -> None:
        super().__init__()
        self.setObjectName(name)
        self.frame: QVideoFrame | None = None
        self.frames_shown = 0
        self.min_gap_s = 1.0 / max_fps
        self._last_paint = -1e9
        self.guide_colour = QColor("#F2A900")
        # Any shape: the picture keeps 16:9 inside it (picture_rect).
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(480, 270)
        self.setMaximumSize(960, 540)

    @Slot(QVideoFrame)
    def show_frame(self, frame: QVideoFrame) -> None:
        if not self.isVisible():
            self.frame = None
            return
        self.frame = frame
        now = time.monotonic()
        if now - self._last_paint >= self.min_gap_s:
            self._last_paint = now
            self.update()

    def clear(self) -> None:
        self.frame = None
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(880, 495)

    def picture_rect(self) -> QRectF:
        """Where the picture goes: 16:9, as large as fits, centred."""
        area = QRectF(self.rect())
        width = min(area.width(), area.height() * 16 / 9)
        height = width * 9 / 16
        return QRectF(area.center().x() - width / 2, area.center().y() - height / 2, width, height)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        target = self.picture_rect()
        rounded = QPainterPath()
        rounded.addRoundedRect(target, 18, 18)
        painter.fillPath(rounded, QColor("#1A1F2B"))
        frame = self.frame
        if frame is not None and frame.isValid():
            painter.save()
            painter.setClipPath(rounded)
            # Mirrored: the applicant moves the phone left and sees it move left.
            painter.translate(target.center().x() * 2, 0)
            painter.scale(-1, 1)
            options = QVideoFrame.PaintOptions()
            options.aspectRatioMode = Qt.AspectRatioMode.KeepAspectRatioByExpanding
            options.backgroundColor = QColor("#1A1F2B")
            frame.paint(painter, target, options)
            painter.restore()
            self.frames_shown += 1
        self._paint_guide(painter, target)
        painter.end()

    def _paint_guide(self, painter: QPainter, target: QRectF) -> None:
        """Corner marks of a square in the middle: hold the code there."""
        side = target.height() * 0.7
        centre = target.center()
        box = QRectF(centre.x() - side / 2, centre.y() - side / 2, side, side)
        arm = side * 0.22
        pen = QPen(self.guide_colour, max(4.0, side / 40))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        corners = (
            (box.topLeft(), 1, 1),
            (box.topRight(), -1, 1),
            (box.bottomLeft(), 1, -1),
            (box.bottomRight(), -1, -1),
        )
        for corner, dx, dy in corners:
            painter.drawLine(corner, corner + QPointF(dx * arm, 0))
            painter.drawLine(corner, corner + QPointF(0, dy * arm))
