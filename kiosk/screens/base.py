"""What every screen shares: the kiosk state, a title area, and ``retranslate()``, which
sets every visible text (called at start and after a language switch)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

from config.settings import Settings
from db.context import QueueContext
from kiosk.widgets import make_button, make_label


class ScreenName(StrEnum):
    """Every kiosk screen. A ``StrEnum``: a name also equals its plain string."""

    HOME = "home"
    SCAN = "scan"
    CODE = "code"
    SERVICE = "service"
    REASON = "reason"
    VIP = "vip"
    CONFIRM = "confirm"
    BUSY = "busy"
    TICKET = "ticket"
    TICKET_ON_SCREEN = "ticket_on_screen"
    MESSAGE = "message"
    PIN = "pin"
    ASSISTED = "assisted"
    OUT_OF_SERVICE = "out_of_service"
    FAQ = "faq"
    COMPLAINT = "complaint"
    SURVEY = "survey"
    SUMMARY = "summary"
    SEARCH = "search"
    NOTE = "note"


@dataclass
class KioskState:
    """What the screens read: the queue context, the settings and the current language."""

    ctx: QueueContext
    language: str = "id"
    assisted: bool = False

    @property
    def settings(self) -> Settings:
        return self.ctx.settings

    def service_name(self, code: str) -> str:
        try:
            return self.settings.service(code).name.get(self.language)
        except KeyError:
            return code

    def reason_name(self, code: str | None) -> str:
        if not code:
            return ""
        try:
            return self.settings.reason(code).name.get(self.language)
        except KeyError:
            return code


class Screen(QWidget):
    """A full screen: a heading, a body, and a row of buttons at the bottom."""

    name: ScreenName = ScreenName.HOME  # each screen class sets its own

    def __init__(self, state: KioskState) -> None:
        super().__init__()
        self.state = state
        self.setObjectName(f"screen_{self.name}")
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(48, 16, 48, 16)
        self.outer.setSpacing(14)
        self.heading = make_label("h1", f"{self.name}_heading")
        self.outer.addWidget(self.heading)
        # Empty in landscape; in portrait it takes half the spare height, so the choices
        # sit in the lower two thirds, in reach from a wheelchair.
        self.reach = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)
        self.outer.addItem(self.reach)
        self.body = QVBoxLayout()
        self.body.setSpacing(20)
        self.outer.addLayout(self.body, 1)
        self.actions = QHBoxLayout()
        self.actions.setSpacing(20)
        self.outer.addLayout(self.actions)

    def add_action(self, name: str, role: str = "secondary") -> QPushButton:
        button = make_button(name, role)
        self.actions.addWidget(button)
        return button

    def add_label(self, kind: str, name: str, *, center: bool = False) -> QLabel:
        label = make_label(kind, name, center=center)
        self.body.addWidget(label)
        return label

    def retranslate(self) -> None:
        """Set every text from ``tr()`` and the settings, in ``state.language``."""

    def place_for(self, landscape: bool) -> None:
        """Portrait: the content lower on the screen (see ``reach``)."""
        index = self.outer.indexOf(self.reach)
        body = self.outer.indexOf(self.body)
        self.outer.setStretch(index, 0 if landscape else 1)
        self.outer.setStretch(body, 1)

    def set_orientation(self, landscape: bool) -> None:
        """Portrait or landscape window (grids follow by themselves)."""

    def entered(self) -> None:
        """Called each time the screen is shown."""


def centered(widget: QWidget) -> QWidget:
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    row.addStretch(1)
    row.addWidget(widget, 0, Qt.AlignmentFlag.AlignCenter)
    row.addStretch(1)
    return holder
