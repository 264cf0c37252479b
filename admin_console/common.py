"""Small pieces every console page uses: the message bar, the look, and domain words."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QLocale, QRegularExpression, QTimer
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLabel, QLineEdit, QSizePolicy, QWidget

from admin_console.text import language, tr
from config.settings import Channel, Settings
from ui.theme import Theme, stylesheet

INFO_MS = 6000


def console_theme() -> Theme:
    """A desk screen read from 60 cm, driven by keyboard and mouse: smaller than the kiosk."""
    return Theme(base_pt=12)


def console_stylesheet(theme: Theme) -> str:
    p = theme.palette
    return (
        stylesheet(theme)
        + f"""
QPushButton {{ min-height: 40px; min-width: 40px; padding: 8px 18px;
    font-size: {theme.pt(1.05)}pt; border-radius: 8px; }}
QPushButton[role="action"] {{ min-height: 64px; font-size: {theme.pt(1.15)}pt; text-align: left;
    padding-left: 16px; }}
QPushButton[role="danger"] {{ background: {p.danger}; color: #FFFFFF; }}
QLineEdit, QComboBox, QSpinBox, QPlainTextEdit {{ background: {p.surface};
    border: 2px solid #B8C0D0; border-radius: 6px; padding: 6px; min-height: 28px; }}
QLineEdit:focus, QComboBox:focus, QSpinBox:focus {{ border: 2px solid {p.primary}; }}
QFrame#card {{ background: {p.surface}; border: 1px solid #D5DAE3; border-radius: 12px; }}
QFrame#card QLabel {{ background: {p.surface}; }}
QFrame#card QRadioButton {{ background: {p.surface}; }}
QTableWidget {{ background: {p.surface}; alternate-background-color: #EEF2F8;
    gridline-color: #D5DAE3; selection-background-color: {p.primary};
    selection-color: {p.primary_text}; border: 1px solid #D5DAE3; }}
QHeaderView::section {{ background: #E3E8F0; color: {p.text}; padding: 6px; border: none;
    font-weight: 700; }}
QTabWidget::pane {{ border: none; }}
QTabBar::tab {{ background: #E3E8F0; color: {p.text}; padding: 10px 22px; margin-right: 4px;
    border-top-left-radius: 8px; border-top-right-radius: 8px; }}
QTabBar::tab:selected {{ background: {p.primary}; color: {p.primary_text}; }}
QLabel#ticketNumber {{ font-size: {theme.pt(6)}pt; font-weight: 800; color: {p.primary}; }}
QLabel#ticketNumber[idle="true"] {{ color: #9AA3B5; font-size: {theme.pt(3)}pt; }}
QLabel#ticketStatus {{ font-size: {theme.pt(1.6)}pt; font-weight: 700; }}
QLabel[role="figure"] {{ font-size: {theme.pt(2.6)}pt; font-weight: 800; color: {p.primary}; }}
QLabel#figureCaption {{ color: {p.muted}; }}
QLabel#sectionTitle {{ font-size: {theme.pt(1.3)}pt; font-weight: 700; }}
QLabel#messageBar {{ padding: 10px 16px; border-radius: 8px; font-weight: 600; }}
QLabel#messageBar[kind="error"] {{ background: #FDE7EA; color: {p.danger};
    border: 2px solid {p.danger}; }}
QLabel#messageBar[kind="info"] {{ background: #E6F4EA; color: {p.ok};
    border: 2px solid {p.ok}; }}
QLabel#alertBanner {{ background: {p.danger}; color: #FFFFFF; padding: 12px 16px;
    border-radius: 8px; font-weight: 700; }}
QLabel#counterState {{ padding: 6px 14px; border-radius: 8px; font-weight: 700;
    color: #FFFFFF; background: {p.muted}; }}
QLabel#counterState[state="open"] {{ background: {p.ok}; }}
QLabel#counterState[state="paused"] {{ background: {p.focus}; color: #000000; }}
QLabel#counterState[state="closed"] {{ background: {p.danger}; }}
"""
    )


def restyle(widget: QWidget) -> None:
    """Re-apply the stylesheet after a dynamic property changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


def pin_edit(name: str, hint: str) -> QLineEdit:
    """A hidden field that takes digits only, up to 12 (a kiosk PIN)."""
    edit = QLineEdit(objectName=name, placeholderText=hint)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,12}"), edit))
    return edit


class MessageBar(QLabel):
    """One plain sentence about the last action: errors stay until the next action, other
    messages fade after a few seconds."""

    def __init__(self, parent: QWidget | None = None, *, reserve: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.setWordWrap(True)
        self._reserve = reserve
        if reserve:
            # Its room is kept while no message shows, so nothing below moves and the
            # window never grows when a message appears (two lines, the rest in the tooltip).
            policy = self.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            policy.setVerticalPolicy(QSizePolicy.Policy.Fixed)
            self.setSizePolicy(policy)
            self._fix_height()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear_message)
        self.hide()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if self._reserve and event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fix_height()

    def _fix_height(self) -> None:
        margins = self.contentsMargins()
        self.setFixedHeight(
            self.fontMetrics().lineSpacing() * 2 + margins.top() + margins.bottom() + 24
        )

    def error(self, text: str) -> None:
        self._show(text, "error")

    def info(self, text: str) -> None:
        self._show(text, "info")
        self._timer.start(INFO_MS)

    def _show(self, text: str, kind: str) -> None:
        self._timer.stop()
        self.setProperty("kind", kind)
        restyle(self)
        self.setText(text)
        self.setToolTip(text)
        self.show()

    @property
    def kind(self) -> str:
        return str(self.property("kind") or "") if self.isVisible() else ""

    def clear_message(self) -> None:
        self.setText("")
        self.hide()


def channel_word(channel: Channel) -> str:
    return {
        Channel.BOOKING: tr("Booking"),
        Channel.WALK_IN: tr("Walk-in"),
        Channel.PRIORITY: tr("Priority"),
        Channel.VIP: tr("VIP"),
    }[channel]


def service_name(settings: Settings, code: str) -> str:
    try:
        return settings.service(code).name.get(language())
    except KeyError:
        return code


def reason_name(settings: Settings, code: str | None) -> str:
    if not code:
        return ""
    for reason in settings.priority_reasons:
        if reason.code == code:
            return reason.name.get(language())
    return code


def counter_state_word(state: str) -> str:
    """A counter's state as a word in a sentence or a table cell."""
    words = {"open": tr("open"), "paused": tr("paused"), "closed": tr("closed")}
    return words.get(str(state), str(state))


def ticket_status_word(status: str) -> str:
    words = {
        "waiting": tr("waiting"),
        "called": tr("called"),
        "serving": tr("being served"),
        "done": tr("done"),
        "no_show": tr("no-show"),
        "cancelled": tr("cancelled"),
    }
    return words.get(str(status), str(status).replace("_", "-"))


def role_word(role: str) -> str:
    words = {
        "officer": tr("Officer"),
        "supervisor": tr("Supervisor"),
        "admin": tr("Administrator"),
        "kiosk": tr("Kiosk"),
    }
    return words.get(str(role), str(role))


def month_names() -> list[str]:
    """Short month names, January first."""
    return [
        tr("Jan"),
        tr("Feb"),
        tr("Mar"),
        tr("Apr"),
        tr("May"),
        tr("Jun"),
        tr("Jul"),
        tr("Aug"),
        tr("Sep"),
        tr("Oct"),
        tr("Nov"),
        tr("Dec"),
    ]


def long_date(day: dt.date) -> str:
    """ "Monday 7 December 2026" in the console's language."""
    weekdays = [
        tr("Monday"),
        tr("Tuesday"),
        tr("Wednesday"),
        tr("Thursday"),
        tr("Friday"),
        tr("Saturday"),
        tr("Sunday"),
    ]
    months = [
        tr("January"),
        tr("February"),
        tr("March"),
        tr("April"),
        tr("May"),
        tr("June"),
        tr("July"),
        tr("August"),
        tr("September"),
        tr("October"),
        tr("November"),
        tr("December"),
    ]
    return f"{weekdays[day.weekday()]} {day.day} {months[day.month - 1]} {day.year}"


def short_date(when: dt.date, year: bool = True) -> str:
    """ "07 Dec 2026" (or "07 Dec") with the console's month names."""
    text = f"{when.day:02d} {month_names()[when.month - 1]}"
    return f"{text} {when.year}" if year else text


def qt_locale() -> QLocale:
    """The locale of date fields: Indonesian day and month names unless English is on."""
    if language() == "id":
        return QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def minutes_text(minutes: float) -> str:
    minutes = max(0, int(minutes))
    if minutes < 60:
        return tr("{n} min", n=minutes)
    return tr("{h} h {m} min", h=minutes // 60, m=f"{minutes % 60:02d}")


def clock_text(seconds: float) -> str:
    seconds = max(0, int(seconds))
    return f"{seconds // 60:d}:{seconds % 60:02d}"


def local_hm(settings: Settings, when: dt.datetime | None) -> str:
    if when is None:
        return ""
    return f"{when.astimezone(settings.office.tz):%H:%M}"
