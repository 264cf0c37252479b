"""The kiosk window: a header (office, clock), the current screen, a bar with language and
accessibility switches, and the "still there?" overlay. The flows live in ``kiosk.flows``.

The window is frameless and sized to its screen by itself (``fit_to_screen``), so it fills
the display also where no window manager runs; it refuses to close without the staff PIN.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from db.context import QueueContext
from kiosk.dates import format_date, format_time
from kiosk.screens.assisted import AssistedScreen, PinScreen
from kiosk.screens.base import KioskState, Screen, ScreenName
from kiosk.screens.checkin import CodeEntryScreen, ScanScreen
from kiosk.screens.choose import ConfirmScreen, ReasonScreen, ServiceScreen, VipScreen
from kiosk.screens.faq import FaqScreen
from kiosk.screens.feedback import ComplaintScreen
from kiosk.screens.home import HomeScreen
from kiosk.screens.note import NoteScreen
from kiosk.screens.onscreen import OnScreenTicketScreen
from kiosk.screens.search import SearchScreen
from kiosk.screens.summary import SummaryScreen
from kiosk.screens.survey import SurveyScreen
from kiosk.screens.ticket import BusyScreen, MessageScreen, OutOfServiceScreen, TicketScreen
from kiosk.style import apply_kiosk_theme, office_theme
from kiosk.text import tr
from kiosk.voice import VoiceGuide, screen_words
from kiosk.widgets import ResponsiveGrid, make_button, make_label
from ui.i18n import Translations
from ui.sound import AudioSink, Espeak
from ui.theme import Theme

LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}
# Voice guidance reads a screen this long after it is shown: the flow has filled it in.
SPEAK_AFTER_MS = 150

logger = logging.getLogger(__name__)


class CurrentScreenStack(QStackedWidget):
    """A stack whose size needs are the shown screen's, not the largest screen's: a keyboard
    screen must not make the home screen's window taller than the monitor."""

    def sizeHint(self) -> QSize:
        current = self.currentWidget()
        return current.sizeHint() if current is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        current = self.currentWidget()
        return current.minimumSizeHint() if current is not None else super().minimumSizeHint()


class IdleOverlay(QWidget):
    """Dims the screen and asks "Still there?" with a countdown."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("idle_warning")
        self.setProperty("kind", "overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(60, 60, 60, 60)
        card = QWidget()
        card.setProperty("kind", "card")
        card.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        box = QVBoxLayout(card)
        box.setContentsMargins(48, 40, 48, 40)
        box.setSpacing(24)
        self.title = make_label("h1", "idle_title", center=True)
        self.countdown = make_label("h2", "idle_countdown", center=True)
        self.button = make_button("idle_continue", "primary")
        box.addWidget(self.title)
        box.addWidget(self.countdown)
        box.addWidget(self.button)
        outer.addStretch(1)
        outer.addWidget(card)
        outer.addStretch(1)
        self.seconds = 0
        self.hide()

    def show_countdown(self, seconds: int) -> None:
        self.seconds = seconds
        self.retranslate()
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()

    def retranslate(self) -> None:
        self.title.setText(tr("Still there?"))
        self.countdown.setText(tr("Back to the start in {n} seconds.", n=self.seconds))
        self.button.setText(tr("Yes, I am still here"))


class KioskWindow(QWidget):
    exit_requested = Signal()

    def __init__(
        self,
        ctx: QueueContext,
        translations: Translations | None = None,
        voice_sink: AudioSink | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("kiosk_window")
        self.setWindowTitle("Loket")
        self.allow_close = False
        settings = ctx.settings
        self.state = KioskState(ctx, settings.languages.default)
        self.translations = translations or Translations("kiosk", parent=self)
        self.large_text = False
        self.high_contrast = False
        self.voice = self._voice_guide(voice_sink) if settings.kiosk.voice_guidance else None
        self._speak_timer = QTimer(self)
        self._speak_timer.setSingleShot(True)
        self._speak_timer.setInterval(SPEAK_AFTER_MS)
        self._speak_timer.timeout.connect(self.speak_screen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._header())
        self.stack = CurrentScreenStack()
        layout.addWidget(self.stack, 1)
        layout.addWidget(self._footer())
        self.screens: dict[ScreenName, Screen] = {}
        for screen in (
            HomeScreen(self.state),
            ScanScreen(self.state),
            CodeEntryScreen(self.state),
            ServiceScreen(self.state),
            ReasonScreen(self.state),
            VipScreen(self.state),
            ConfirmScreen(self.state),
            BusyScreen(self.state),
            TicketScreen(self.state),
            MessageScreen(self.state),
            PinScreen(self.state),
            AssistedScreen(self.state),
            OutOfServiceScreen(self.state),
            FaqScreen(self.state),
            ComplaintScreen(self.state),
            SurveyScreen(self.state),
            OnScreenTicketScreen(self.state),
            SummaryScreen(self.state),
            SearchScreen(self.state),
            NoteScreen(self.state),
        ):
            self.screens[screen.name] = screen
            self.stack.addWidget(screen)
        self.overlay = IdleOverlay(self)
        self.clock_timer = QTimer(self)
        self.clock_timer.setInterval(1000)
        self.clock_timer.timeout.connect(self.update_clock)
        self.clock_timer.start()
        self.apply_theme()
        self.set_language(self.state.language)

    # -- layout ---------------------------------------------------------------------------

    def _header(self) -> QWidget:
        bar = QWidget()
        bar.setProperty("kind", "bar")
        bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        row = QHBoxLayout(bar)
        row.setContentsMargins(40, 10, 40, 10)
        row.setSpacing(24)
        logo_path = self.state.settings.kiosk.logo_path
        if logo_path and Path(logo_path).is_file():
            logo = make_label("office", "header_logo", wrap=False)
            logo.setPixmap(QPixmap(logo_path).scaledToHeight(72))
            row.addWidget(logo)
        self.office = make_label("office", "header_office")
        self.office.setText(self.state.settings.office.name)
        row.addWidget(self.office, 1)
        clock_box = QVBoxLayout()
        self.clock = make_label("clock", "header_clock", wrap=False)
        self.clock.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.date = make_label("date", "header_date", wrap=False)
        self.date.setAlignment(Qt.AlignmentFlag.AlignRight)
        clock_box.addWidget(self.clock)
        clock_box.addWidget(self.date)
        row.addLayout(clock_box)
        return bar

    def _footer(self) -> QWidget:
        bar = QWidget()
        bar.setProperty("kind", "bar")
        bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        row = QHBoxLayout(bar)
        row.setContentsMargins(40, 10, 40, 10)
        self.language_buttons: dict[str, QPushButton] = {}
        buttons: list[QWidget] = []
        for lang in self.state.settings.languages.available:
            button = make_button(f"lang_{lang}", "bar")
            button.setCheckable(True)
            button.setText(LANGUAGE_NAMES[lang])
            button.clicked.connect(lambda _=False, lg=lang: self.set_language(lg))
            self.language_buttons[lang] = button
            buttons.append(button)
        self.large_button = make_button("toggle_large_text", "bar")
        self.large_button.setCheckable(True)
        self.large_button.toggled.connect(self.set_large_text)
        self.contrast_button = make_button("toggle_high_contrast", "bar")
        self.contrast_button.setCheckable(True)
        self.contrast_button.toggled.connect(self.set_high_contrast)
        self.staff_button = make_button("staff_button", "bar")
        buttons += [self.large_button, self.contrast_button]
        self.listen_button: QPushButton | None = None
        if self.voice is not None:
            self.listen_button = make_button("listen_button", "bar")
            self.listen_button.clicked.connect(self.voice.repeat)
            buttons.append(self.listen_button)
        buttons.append(self.staff_button)
        grid = ResponsiveGrid(portrait=3, landscape=max(5, len(buttons)))  # one row
        grid.set_widgets(buttons)
        row.addWidget(grid)
        return bar

    # -- screens --------------------------------------------------------------------------

    def screen_named(self, name: ScreenName) -> Screen:
        return self.screens[name]

    @property
    def current(self) -> ScreenName:
        widget = self.stack.currentWidget()
        assert isinstance(widget, Screen)
        return widget.name

    def show_screen(self, name: ScreenName) -> Screen:
        screen = self.screens[name]
        self.stack.setCurrentWidget(screen)
        self.stack.updateGeometry()
        screen.entered()
        if self.voice is not None:
            self._speak_timer.start()  # once the flow has filled the screen in
        return screen

    # -- voice guidance -------------------------------------------------------------------

    def _voice_guide(self, sink: AudioSink | None) -> VoiceGuide | None:
        engine = Espeak.find()
        if engine is None:
            logger.warning("voice guidance is on but espeak-ng is not installed: no voice")
            return None
        if sink is None:
            from ui.audio import default_sink  # Qt Multimedia only where the kiosk speaks

            sink = default_sink()
        return VoiceGuide(engine, sink, self)

    def speak_screen(self) -> None:
        """Say the current screen's heading and choices (voice guidance)."""
        widget = self.stack.currentWidget()
        if self.voice is None or not isinstance(widget, Screen):
            return
        self.voice.say(". ".join(screen_words(widget)), self.state.language)

    # -- language, theme, clock ------------------------------------------------------------

    def set_language(self, language: str) -> None:
        if not self.translations.set_language(language) and language != "en":
            language = "en"
        self.state.language = language
        for lang, button in self.language_buttons.items():
            button.setChecked(lang == language)
        self.retranslate()
        if self.voice is not None:
            self._speak_timer.start()  # the same screen, in the language just chosen

    def retranslate(self) -> None:
        self.large_button.setText(tr("Large text"))
        self.contrast_button.setText(tr("High contrast"))
        self.staff_button.setText(tr("Staff"))
        if self.listen_button is not None:
            self.listen_button.setText(tr("Listen"))
        self.overlay.retranslate()
        for screen in self.screens.values():
            screen.retranslate()
        self.update_clock()

    def set_large_text(self, on: bool) -> None:
        self.large_text = on
        self.apply_theme()

    def set_high_contrast(self, on: bool) -> None:
        self.high_contrast = on
        self.apply_theme()

    def apply_theme(self) -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        theme = office_theme(
            Theme.make(large_text=self.large_text, high_contrast=self.high_contrast),
            self.state.settings.kiosk,
        )
        apply_kiosk_theme(app, theme)
        self.large_button.setChecked(self.large_text)
        self.contrast_button.setChecked(self.high_contrast)

    def reset_for_next_person(self) -> None:
        """The next applicant starts in the default language and look."""
        if self.large_text or self.high_contrast:
            self.large_text = self.high_contrast = False
            self.apply_theme()
        if self.state.language != self.state.settings.languages.default:
            self.set_language(self.state.settings.languages.default)

    def update_clock(self) -> None:
        ctx = self.state.ctx
        now = ctx.calendar.local(ctx.now())
        self.clock.setText(format_time(now, self.state.language))
        self.date.setText(format_date(now.date(), self.state.language))

    # -- the window itself ----------------------------------------------------------------

    def fit_to_screen(self) -> None:
        """Frameless and exactly the size of the screen, without asking a window manager."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        self.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
        if screen is not None:
            geometry = screen.geometry()
            self.apply_orientation(geometry.width() > geometry.height())
            self.setGeometry(geometry)
            # Again once the new orientation's layout has settled (see resize_to).
            QTimer.singleShot(0, lambda: self.setGeometry(geometry))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.overlay.setGeometry(self.rect())
        self.apply_orientation(event.size().width() > event.size().height())

    def apply_orientation(self, landscape: bool) -> None:
        for grid in self.findChildren(ResponsiveGrid):
            grid.set_orientation(landscape)
        for screen in self.screens.values():
            screen.place_for(landscape)
            screen.set_orientation(landscape)
        layout = self.layout()
        if layout is not None:
            layout.activate()

    def resize_to(self, width: int, height: int) -> None:
        """Lay out for the new orientation first, so the old one's minimum size cannot
        hold the window back."""
        self.apply_orientation(width > height)
        self.resize(width, height)
        # The new orientation's layout settles on the next event-loop turn; until then the
        # old one's minimum may have held the window back, so size it again then.
        QTimer.singleShot(0, lambda: self.resize(width, height))

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.allow_close:
            if self.voice is not None:
                self.voice.close()
            event.accept()
        else:
            event.ignore()
