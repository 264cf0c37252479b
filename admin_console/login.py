"""Logging in (and back in after the idle lock) and picking a counter."""

from __future__ import annotations

import socket

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from admin_console.common import MessageBar, counter_state_word, restyle, service_name
from admin_console.tasks import Tasks
from admin_console.text import tr
from db.context import MANAGERS, QueueContext
from db.models import CounterState
from db.ops.officers import OfficerView, authenticate
from db.read.dashboard import CounterFigures, dashboard


def _centered(card: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(card)
    row.addStretch(1)
    return row


class LoginPage(QWidget):
    logged_in = Signal(object)  # OfficerView

    def __init__(self, ctx: QueueContext, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loginPage")
        self._ctx = ctx
        self._tasks = tasks
        card = QFrame(objectName="card")
        card.setFixedWidth(560)
        form = QVBoxLayout(card)
        form.setContentsMargins(40, 36, 40, 36)
        form.setSpacing(12)
        title = QLabel(tr("Loket console"), objectName="title")
        office = QLabel(ctx.settings.office.name, objectName="muted")
        office.setWordWrap(True)
        self.lock_note = QLabel("", objectName="subtitle")
        self.lock_note.setWordWrap(True)
        self.lock_note.hide()
        self.username = QLineEdit(objectName="usernameEdit", placeholderText=tr("Username"))
        self.password = QLineEdit(objectName="passwordEdit", placeholderText=tr("Password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.button = QPushButton(tr("Log in"), objectName="loginButton")
        self.button.setDefault(True)
        self.message = MessageBar()
        for widget in (title, office, self.lock_note):
            form.addWidget(widget)
        form.addSpacing(12)
        form.addWidget(QLabel(tr("Username")))
        form.addWidget(self.username)
        form.addWidget(QLabel(tr("Password")))
        form.addWidget(self.password)
        form.addSpacing(8)
        form.addWidget(self.button)
        form.addWidget(self.message)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(_centered(card))
        outer.addStretch(2)
        self.button.clicked.connect(self.submit)
        self.username.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.submit)

    def reset(self, username: str = "", note: str = "") -> None:
        self.username.setText(username)
        self.password.clear()
        self.lock_note.setText(note)
        self.lock_note.setVisible(bool(note))
        self.message.clear_message()
        self.button.setEnabled(True)
        (self.password if username else self.username).setFocus()

    def submit(self) -> None:
        if not self.button.isEnabled():
            return
        username, password = self.username.text(), self.password.text()
        if not username.strip() or not password:
            self.message.error(tr("Enter your username and password."))
            return
        self.button.setEnabled(False)
        self.message.clear_message()
        ctx = self._ctx
        source = socket.gethostname() or "console"
        self._tasks.run(
            lambda: authenticate(ctx, username, password, source), self._ok, self._failed
        )

    def _ok(self, officer: OfficerView) -> None:
        self.password.clear()
        self.button.setEnabled(True)
        self.logged_in.emit(officer)

    def _failed(self, text: str) -> None:
        self.password.clear()
        self.password.setFocus()
        self.button.setEnabled(True)
        self.message.error(text)


class CounterPicker(QWidget):
    """The officer chooses where they sit; a supervisor may also just supervise."""

    picked = Signal(object)  # counter number, or None for "no counter"
    logout = Signal()

    def __init__(self, ctx: QueueContext, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("counterPicker")
        self._ctx = ctx
        self._tasks = tasks
        self._officer: OfficerView | None = None
        self.greeting = QLabel("", objectName="title")
        hint = QLabel(tr("Choose the counter you are working at."), objectName="subtitle")
        self.grid = QGridLayout()
        self.grid.setSpacing(16)
        self.message = MessageBar()
        self.supervise = QPushButton(
            tr("No counter: supervise only"), objectName="superviseOnlyButton"
        )
        self.supervise.setProperty("role", "secondary")
        self.supervise.clicked.connect(lambda: self.picked.emit(None))
        back = QPushButton(tr("Log out"), objectName="pickerLogoutButton")
        back.setProperty("role", "secondary")
        back.clicked.connect(self.logout)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 48, 60, 48)
        layout.addWidget(self.greeting)
        layout.addWidget(hint)
        layout.addSpacing(24)
        layout.addLayout(self.grid)
        layout.addSpacing(16)
        bottom = QHBoxLayout()
        bottom.addWidget(self.supervise)
        bottom.addStretch(1)
        bottom.addWidget(back)
        layout.addLayout(bottom)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.buttons: dict[int, QPushButton] = {}

    def load(self, officer: OfficerView) -> None:
        self._officer = officer
        self.greeting.setText(tr("Welcome, {name}", name=officer.display_name))
        self.supervise.setVisible(officer.role in MANAGERS)
        ctx = self._ctx
        self._tasks.run(lambda: dashboard(ctx).counters, self._show, self.message.error)

    def _show(self, figures: list[CounterFigures]) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.buttons.clear()
        settings = self._ctx.settings
        who = self._officer.username if self._officer is not None else ""
        # Only the counters this officer may work at (the settings' counters[].officers).
        figures = [c for c in figures if settings.counter(c.number).allows(who)]
        if not figures:
            self.message.error(tr("No counter is set up for you; ask a supervisor."))
        for i, c in enumerate(figures):
            codes = settings.counter(c.number).services
            services = (
                ", ".join(service_name(settings, code) for code in codes)
                if len(codes) <= 2
                else tr("{n} services", n=len(codes))
            )
            who = f" · {c.officer}" if c.officer and c.state != CounterState.CLOSED else ""
            button = QPushButton(
                f"{c.name}\n{services}\n{counter_state_word(c.state)}{who}",
                objectName=f"counterButton{c.number}",
            )
            button.setMinimumHeight(120)
            button.setProperty("role", "secondary" if c.state != CounterState.CLOSED else "")
            restyle(button)
            button.clicked.connect(lambda _=False, n=c.number: self.picked.emit(n))
            self.grid.addWidget(button, i // 3, i % 3)
            self.buttons[c.number] = button
        for column in range(3):
            self.grid.setColumnStretch(column, 1)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignTop)
