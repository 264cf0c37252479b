"""Widgets that scale with the screen: text that fits its box, and the scrolling info line.

Sizes are fractions of a reference length (the window height, set by the window on every
resize), never fixed pixels, so one layout serves a 1080p and a 4K television alike.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QRectF, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHideEvent,
    QPainter,
    QPaintEvent,
    QPixmap,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

FONT_FAMILY = "DejaVu Sans"


class FitLabel(QLabel):
    """One line of text at ``scale`` × the reference length, shrunk when it would not fit
    its box, so a long office or counter name is smaller, never cut off."""

    def __init__(
        self,
        text: str = "",
        *,
        name: str,
        scale: float,
        bold: bool = False,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(text, parent)
        self.setObjectName(name)
        self.setAlignment(align)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setMinimumSize(1, 1)
        self._scale = scale
        self._reference = 1080.0
        font = QFont(FONT_FAMILY)
        font.setBold(bold)
        self.setFont(font)
        self._fit()

    def set_reference(self, length: float) -> None:
        self._reference = length
        self._fit()

    def set_scale(self, scale: float) -> None:
        if scale != self._scale:
            self._scale = scale
            self._fit()

    def setText(self, text: str) -> None:
        if text != self.text():
            super().setText(text)
            self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def fits(self) -> bool:
        """The whole text is inside the label (what the screenshot test checks)."""
        metrics = QFontMetricsF(self.font())
        box = self.contentsRect()
        return (
            metrics.horizontalAdvance(self.text()) <= box.width() + 0.5
            and metrics.height() <= box.height() + 0.5
        )

    def _fit(self) -> None:
        box = self.contentsRect()
        size = max(6.0, self._reference * self._scale)
        font = QFont(self.font())
        font.setPixelSize(round(size))
        if box.width() > 1 and box.height() > 1 and self.text():
            metrics = QFontMetricsF(font)
            width = metrics.horizontalAdvance(self.text())
            shrink = min(1.0, box.width() / width if width else 1.0)
            shrink = min(shrink, box.height() / metrics.height())
            if shrink < 1.0:
                font.setPixelSize(max(6, int(size * shrink * 0.98)))
        if font.pixelSize() != self.font().pixelSize():
            self.setFont(font)


class Ticker(QWidget):
    """The info line scrolling right to left. The text is drawn once into a pixmap; each
    frame only blits it, so scrolling costs little CPU. Stops when hidden."""

    FPS = 25
    SCREEN_SECONDS = 14.0  # time for the text to cross the whole width

    def __init__(self, text: str, colour: str, background: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ticker")
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._text = text
        self._colour = QColor(colour)
        self._background = QColor(background)
        self._pixmap: QPixmap | None = None
        self._offset = 0.0
        self._clock = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setInterval(1000 // self.FPS)
        self._timer.timeout.connect(self._step)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:
        self._text = text
        self._pixmap = None
        self.update()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._clock.start()
        self._timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._timer.stop()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._pixmap = None

    def _render(self) -> QPixmap:
        font = QFont(FONT_FAMILY)
        font.setPixelSize(max(8, round(self.height() * 0.52)))
        metrics = QFontMetricsF(font)
        ratio = self.devicePixelRatioF()
        width = max(1, int(metrics.horizontalAdvance(self._text) + 1))
        pixmap = QPixmap(int(width * ratio), int(self.height() * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(self._background)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setFont(font)
        painter.setPen(self._colour)
        painter.drawText(
            QRectF(0, 0, width, self.height()), Qt.AlignmentFlag.AlignVCenter, self._text
        )
        painter.end()
        return pixmap

    def _step(self) -> None:
        elapsed = self._clock.restart() / 1000.0
        self._offset += elapsed * max(1, self.width()) / self.SCREEN_SECONDS
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._pixmap is None:
            self._pixmap = self._render()
        painter = QPainter(self)
        painter.fillRect(self.rect(), self._background)
        span = self._pixmap.width() / self._pixmap.devicePixelRatio()
        gap = self.width() * 0.25
        period = span + gap
        margin = self.height() * 0.4
        x = margin - (self._offset % period)
        while x < self.width():
            painter.drawPixmap(int(x), 0, self._pixmap)
            x += period
        painter.end()
