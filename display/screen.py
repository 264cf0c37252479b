"""The calling display's window: header (logo, office, date and time), the panels, and the
scrolling info line. Landscape and portrait TVs get their own arrangement of the same
panels; every size is a fraction of the window, so 1080p and 4K look the same."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QLabel, QLayout, QVBoxLayout, QWidget

from config.settings import Settings
from db.clock import Clock
from db.read.calling_display import Call, DisplayScope, DisplayUpdate
from display.board import CallBoard
from display.dates import datetime_id
from display.panels import (
    COLOURS,
    LEFT,
    RIGHT,
    LatestCall,
    RecentCalls,
    ServingNow,
    WaitingPanel,
)
from display.widgets import FitLabel, Ticker
from ui.i18n import Translations

TICKER_SEPARATOR = "     •     "


def info_line(settings: Settings) -> str:
    english = "en" in settings.languages.available
    parts: list[str] = []
    for text in settings.display.announcements:
        parts.append(text.id)
        if english and text.en and text.en != text.id:
            parts.append(text.en)
    return TICKER_SEPARATOR.join(parts) + TICKER_SEPARATOR if parts else ""


class DisplayWindow(QWidget):
    """``load`` shows the start-up picture; ``apply`` shows new events and returns the calls
    to announce; ``viewUpdated`` is emitted after each."""

    viewUpdated = Signal(object)

    def __init__(
        self,
        settings: Settings,
        scope: DisplayScope,
        clock: Clock,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        # The display's main language (Indonesian by default) before any panel is built.
        self.translations = Translations("display", parent=self)
        self.translations.set_language(settings.languages.default)
        self.setObjectName("display")
        self.setWindowTitle(f"Loket — {settings.office.name}")
        self.setStyleSheet(
            f"QWidget#display {{ background: {COLOURS.background}; }}"
            f"QLabel {{ color: {COLOURS.text}; background: transparent; }}"
        )
        self._settings = settings
        self._clock = clock
        self._tz = settings.office.tz
        english = "en" in settings.languages.available
        recent = settings.display.recent_calls
        self.board = CallBoard(keep=recent + 1)

        self.logo = QLabel(self)
        self.logo.setObjectName("logo")
        self._logo = self._load_logo(settings.kiosk.logo_path)
        self.logo.setVisible(self._logo is not None)
        self.office = FitLabel(settings.office.name, name="officeName", scale=0.036, bold=True)
        self.clock = FitLabel("", name="clock", scale=0.032, align=RIGHT)
        self.latest = LatestCall(settings, settings.display.highlight_seconds, english)
        self.recent = RecentCalls(settings, recent, english)
        self.serving = ServingNow(settings, scope.counters, english)
        self.waiting = WaitingPanel(settings, scope.services, english)
        self.ticker = Ticker(info_line(settings), COLOURS.text, COLOURS.panel)
        self.ticker.setVisible(bool(self.ticker.text()))

        self.header = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.header.addWidget(self.logo, 0)
        self.header.addWidget(self.office, 62)
        self.header.addWidget(self.clock, 38)
        self.left = QVBoxLayout()
        self.left.addWidget(self.latest, 60)
        self.left.addWidget(self.serving, 40)
        self.right = QVBoxLayout()
        self.right.addWidget(self.recent, 60)
        self.right.addWidget(self.waiting, 40)
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.addLayout(self.left, 58)
        self.body.addLayout(self.right, 42)
        self.root = QVBoxLayout(self)
        # The window takes the screen's size; a layout-imposed minimum size would only ask
        # the platform to constrain it (which a bare X server or kiosk compositor ignores).
        self.root.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.root.addLayout(self.header, 7)
        self.root.addLayout(self.body, 85)
        self.root.addWidget(self.ticker, 6)
        self.portrait: bool | None = None

        self._minute = QTimer(self)
        self._minute.setSingleShot(True)
        self._minute.timeout.connect(self.tick)
        self.tick()

    # -- data ------------------------------------------------------------------------

    def load(self, update: DisplayUpdate) -> None:
        self.board.load(update)
        self._show(update, flash=False)

    def apply(self, update: DisplayUpdate) -> list[Call]:
        announce = self.board.apply(update)
        self._show(update, flash=bool(announce))
        return announce

    @property
    def flash_count(self) -> int:
        return self.latest.flash_count

    def _show(self, update: DisplayUpdate, flash: bool) -> None:
        self.latest.show_call(self.board.latest, flash)
        self.recent.show_calls(self.board.earlier)
        self.serving.show_counters(update.counters)
        self.waiting.show_waiting(update.waiting)
        self.viewUpdated.emit(update)

    # -- time ------------------------------------------------------------------------

    def tick(self) -> None:
        """Show the date and time, and wake again at the next minute."""
        now = self._clock.now().astimezone(self._tz)
        self.clock.setText(datetime_id(now))
        to_next = 60 - now.second - now.microsecond / 1_000_000
        self._minute.start(max(200, round(to_next * 1000) + 50))

    # -- layout ----------------------------------------------------------------------

    def _load_logo(self, path: str) -> QPixmap | None:
        if not path or not Path(path).is_file():
            return None
        pixmap = QPixmap(path)
        return None if pixmap.isNull() else pixmap

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    def _arrange(self) -> None:
        width, height = max(1, self.width()), max(1, self.height())
        portrait = height > width
        if portrait != self.portrait:
            self.portrait = portrait
            if portrait:
                self.body.setDirection(QBoxLayout.Direction.TopToBottom)
                self.header.setDirection(QBoxLayout.Direction.TopToBottom)
                self.clock.setAlignment(LEFT)
                self._stretch(self.root, 8, 88, 4)
                self._stretch(self.body, 49, 51)
                self._stretch(self.left, 60, 40)
                self._stretch(self.right, 72, 28)
            else:
                self.body.setDirection(QBoxLayout.Direction.LeftToRight)
                self.header.setDirection(QBoxLayout.Direction.LeftToRight)
                self.clock.setAlignment(RIGHT)
                self._stretch(self.root, 7, 86, 6)
                self._stretch(self.body, 58, 42)
                self._stretch(self.left, 60, 40)
                self._stretch(self.right, 70, 30)
        # The reference length: the height a landscape screen of this width would have,
        # so portrait text is sized by the narrow side, not the tall one.
        reference = min(height, width * 9 / 16) if not portrait else width * 0.75
        unit = reference / 100
        margin = round(unit * 1.6)
        self.root.setContentsMargins(margin, margin, margin, margin)
        self.root.setSpacing(margin)
        self.body.setSpacing(margin)
        self.left.setSpacing(margin)
        self.right.setSpacing(margin)
        self.header.setSpacing(margin)
        for label in self.findChildren(FitLabel):
            label.set_reference(reference)
        for panel in (self.recent, self.serving, self.waiting, self.latest):
            panel.set_margins(unit)
        # Previous calls stay at least 6 % of a 1080p screen's height in both orientations
        # (portrait text is otherwise sized by its narrower reference).
        self.recent.set_emphasis(1.55 if portrait else 1.0)
        if self._logo is not None:
            side = round(reference * 0.06)
            self.logo.setPixmap(
                self._logo.scaled(
                    side,
                    side,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )

    @staticmethod
    def _stretch(layout: QBoxLayout, *stretches: int) -> None:
        for i, value in enumerate(stretches):
            layout.setStretch(i, value)
