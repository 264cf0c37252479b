"""The boxes on the calling display: the latest call, the calls before it, what each open
counter is serving, and the people waiting per service."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QGridLayout, QSizePolicy, QVBoxLayout, QWidget

from config.settings import Settings
from db.models import CounterState, TicketStatus
from db.read.calling_display import Call, CounterNow, WaitingCount
from display.states import call_state, needs_attention
from display.text import english as english_line
from display.text import language, tr
from display.widgets import FitLabel

CENTER = Qt.AlignmentFlag.AlignCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
TITLE = 0.034
SUBTITLE = 0.024


@dataclass(frozen=True)
class Colours:
    background: str = "#0A1A3F"
    panel: str = "#12306B"
    row: str = "#183C80"
    text: str = "#FFFFFF"
    muted: str = "#B9C6E4"
    number: str = "#FFD34D"
    flash: str = "#F2A900"
    flash_text: str = "#0A1A3F"
    attention: str = "#FF9E8A"


COLOURS = Colours()


class Panel(QFrame):
    """A rounded box with a title (Indonesian, and English under it when enabled)."""

    def __init__(self, name: str, title: str, subtitle: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setStyleSheet(
            f"QFrame#{name} {{ background: {COLOURS.panel}; border-radius: 12px; }}"
            f"QFrame#{name} QLabel {{ background: transparent; color: {COLOURS.text}; }}"
        )
        self.box = QVBoxLayout(self)
        self.title = FitLabel(title, name=f"{name}Title", scale=TITLE, bold=True, parent=self)
        self.box.addWidget(self.title, 0)
        self.subtitle: FitLabel | None = None
        if subtitle:
            self.subtitle = FitLabel(subtitle, name=f"{name}Subtitle", scale=SUBTITLE, parent=self)
            self.subtitle.setStyleSheet(f"color: {COLOURS.muted};")
            self.box.addWidget(self.subtitle, 0)
        self.rows = QGridLayout()
        self.rows.setColumnStretch(0, 3)
        self.rows.setColumnStretch(1, 2)
        self.box.addLayout(self.rows, 1)

    def set_margins(self, unit: float) -> None:
        m = round(unit * 1.2)
        self.box.setContentsMargins(m * 2, m, m * 2, m)
        self.box.setSpacing(round(unit * 0.4))
        self.rows.setVerticalSpacing(round(unit * 0.5))
        self.rows.setHorizontalSpacing(m * 2)
        # Titles keep one size whatever the panel's height (unit = 1 % of the reference).
        for label, scale in ((self.title, TITLE), (self.subtitle, SUBTITLE)):
            if label is not None:
                label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
                label.setFixedHeight(round(unit * 100 * scale * 1.3))


class LatestCall(QFrame):
    """The latest call, huge. Flashes for ``highlight_seconds`` when a call or recall
    arrives, then stays calm; a no-show or transfer never starts a flash."""

    FLASH_ON_MS = 650
    FLASH_OFF_MS = 350

    def __init__(
        self,
        settings: Settings,
        highlight_seconds: int,
        english: bool,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("latestPanel")
        self._settings = settings
        caption = tr("QUEUE NUMBER")
        if english and caption != "QUEUE NUMBER":
            caption += " · NUMBER"
        self.caption = FitLabel(caption, name="latestCaption", scale=0.04, bold=True, align=CENTER)
        self.number = FitLabel("—", name="latestNumber", scale=0.30, bold=True, align=CENTER)
        self.counter = FitLabel("", name="latestCounter", scale=0.09, bold=True, align=CENTER)
        box = QVBoxLayout(self)
        box.addWidget(self.caption, 10)
        box.addWidget(self.number, 50)
        box.addWidget(self.counter, 22)
        self.box = box
        self.highlighted = False
        self.flash_count = 0
        self._lit = False
        self._highlight_ms = highlight_seconds * 1000
        self._blink = QTimer(self)
        self._blink.timeout.connect(self._toggle)
        self._end = QTimer(self)
        self._end.setSingleShot(True)
        self._end.timeout.connect(self.calm)
        self._paint(lit=False)

    def set_margins(self, unit: float) -> None:
        m = round(unit * 1.5)
        self.box.setContentsMargins(m, m, m, m)
        self.box.setSpacing(0)

    def show_call(self, call: Call | None, flash: bool) -> None:
        self.number.setText(call.number if call else "—")
        self.counter.setText(call_state(call, self._settings) if call else "")
        if flash and call is not None:
            self.flash_count += 1
            self.highlighted = True
            self._lit = True
            self._paint(lit=True)
            self._blink.start(self.FLASH_ON_MS)
            self._end.start(self._highlight_ms)

    def calm(self) -> None:
        self._blink.stop()
        self._end.stop()
        self.highlighted = False
        self._lit = False
        self._paint(lit=False)

    def _toggle(self) -> None:
        self._lit = not self._lit
        self._blink.setInterval(self.FLASH_ON_MS if self._lit else self.FLASH_OFF_MS)
        self._paint(self._lit)

    def _paint(self, lit: bool) -> None:
        c = COLOURS
        background, number, text = (
            (c.flash, c.flash_text, c.flash_text) if lit else (c.panel, c.number, c.text)
        )
        border = c.flash if self.highlighted else c.panel
        self.setStyleSheet(
            f"QFrame#latestPanel {{ background: {background}; border-radius: 16px;"
            f" border: 6px solid {border}; }}"
            f"QFrame#latestPanel QLabel {{ background: transparent; color: {text}; }}"
            f"QFrame#latestPanel QLabel#latestNumber {{ color: {number}; }}"
        )


class RecentCalls(Panel):
    """The calls before the latest one: number and counter, newest first."""

    NUMBER_SCALE = 0.068
    STATE_SCALE = 0.046

    def __init__(
        self, settings: Settings, count: int, english: bool, parent: QWidget | None = None
    ):
        title = tr("PREVIOUS CALLS")
        super().__init__(
            "recentPanel", title, english_line(title, "Previous calls", english), parent
        )
        self._settings = settings
        self.rows.setColumnStretch(0, 2)
        self.rows.setColumnStretch(1, 3)
        self.numbers: list[FitLabel] = []
        self.counters: list[FitLabel] = []
        for i in range(count):
            number = FitLabel(
                "", name=f"recentNumber{i}", scale=self.NUMBER_SCALE, bold=True, parent=self
            )
            number.setStyleSheet(f"color: {COLOURS.number};")
            counter = FitLabel(
                "", name=f"recentCounter{i}", scale=self.STATE_SCALE, align=RIGHT, parent=self
            )
            self.rows.addWidget(number, i, 0)
            self.rows.addWidget(counter, i, 1)
            self.rows.setRowStretch(i, 1)
            self.numbers.append(number)
            self.counters.append(counter)

    def set_emphasis(self, factor: float) -> None:
        for number, counter in zip(self.numbers, self.counters, strict=True):
            number.set_scale(self.NUMBER_SCALE * factor)
            counter.set_scale(self.STATE_SCALE * factor)

    def set_margins(self, unit: float) -> None:
        super().set_margins(unit)
        self.rows.setVerticalSpacing(round(unit * 0.2))

    def show_calls(self, calls: list[Call]) -> None:
        for i, (number, counter) in enumerate(zip(self.numbers, self.counters, strict=True)):
            call = calls[i] if i < len(calls) else None
            number.setText(call.number if call else "")
            counter.setText(call_state(call, self._settings) if call else "")
            colour = COLOURS.attention if call and needs_attention(call) else COLOURS.text
            counter.setStyleSheet(f"color: {colour};")


class ServingNow(Panel):
    """Each open counter and the ticket at it; a paused counter says so; closed ones are
    left out."""

    def __init__(self, settings: Settings, counters: tuple[int, ...], english: bool, parent=None):
        title = tr("NOW SERVING")
        super().__init__(
            "countersPanel", title, english_line(title, "Now serving", english), parent
        )
        self.names: dict[int, FitLabel] = {}
        self.tickets: dict[int, FitLabel] = {}
        self._slots = len(counters)
        for i, number in enumerate(counters):
            name = FitLabel(
                settings.counter(number).name, name=f"counterName{number}", scale=0.04, parent=self
            )
            ticket = FitLabel("", name=f"counterServing{number}", scale=0.045, bold=True,
                              align=RIGHT, parent=self)  # fmt: skip
            ticket.setStyleSheet(f"color: {COLOURS.number};")
            self.rows.addWidget(name, i, 0)
            self.rows.addWidget(ticket, i, 1)
            self.rows.setRowStretch(i, 1)
            self.names[number] = name
            self.tickets[number] = ticket
        self.none_open = FitLabel(tr("No counter is open yet"), name="countersNoneOpen",
                                  scale=0.035, parent=self)  # fmt: skip
        self.none_open.setStyleSheet(f"color: {COLOURS.muted};")
        self.rows.addWidget(self.none_open, len(counters), 0, 1, 2)

    def show_counters(self, counters: tuple[CounterNow, ...]) -> None:
        shown = 0
        for counter in counters:
            name, ticket = self.names.get(counter.number), self.tickets.get(counter.number)
            if name is None or ticket is None:
                continue
            visible = counter.state != CounterState.CLOSED
            name.setVisible(visible)
            ticket.setVisible(visible)
            name.setText(counter.name)
            called = counter.ticket_status == TicketStatus.CALLED
            if counter.state == CounterState.PAUSED:
                ticket.setText(tr("On a break"))
            elif called:
                # Called, not yet served: its own state, not "now serving".
                ticket.setText(tr("calling {number}", number=counter.serving))
            else:
                ticket.setText(counter.serving or "—")
            ticket.setStyleSheet(f"color: {COLOURS.muted if called else COLOURS.number};")
            shown += visible
        self.none_open.setVisible(shown == 0)


class WaitingPanel(Panel):
    """People waiting per service."""

    def __init__(self, settings: Settings, services: tuple[str, ...], english: bool, parent=None):
        title = tr("WAITING")
        super().__init__("waitingPanel", title, english_line(title, "Waiting", english), parent)
        self.counts: dict[str, FitLabel] = {}
        for i, code in enumerate(services):
            service = settings.service(code)
            label = f"{service.prefix}  {service.name.get(language())}"
            name = FitLabel(label, name=f"waitingName_{code}", scale=0.036, parent=self)
            count = FitLabel(tr("{n} people", n=0), name=f"waitingCount_{code}", scale=0.036,
                             bold=True, align=RIGHT, parent=self)  # fmt: skip
            self.rows.addWidget(name, i, 0)
            self.rows.addWidget(count, i, 1)
            self.rows.setRowStretch(i, 1)
            self.counts[code] = count

    def show_waiting(self, waiting: tuple[WaitingCount, ...]) -> None:
        for item in waiting:
            label = self.counts.get(item.service)
            if label is not None:
                label.setText(tr("{n} people", n=item.waiting))
