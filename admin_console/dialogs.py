"""Small window-modal dialogs (opened with ``open()``, so the UI thread never blocks)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from admin_console.common import pin_edit, service_name
from admin_console.text import language, tr
from config.settings import Settings
from db.models import CounterState
from db.read.dashboard import CounterOnDuty
from db.views import TicketView


def _buttons(dialog: QDialog, ok_name: str, ok_text: str) -> QHBoxLayout:
    ok = QPushButton(ok_text, objectName=ok_name)
    ok.setDefault(True)
    cancel = QPushButton(tr("Cancel"), objectName=ok_name.replace("Ok", "Cancel"))
    cancel.setProperty("role", "secondary")
    ok.clicked.connect(dialog.accept)
    cancel.clicked.connect(dialog.reject)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(cancel)
    row.addWidget(ok)
    return row


class ReasonDialog(QDialog):
    """Asks why (calling out of order, cancelling a ticket); OK needs some text."""

    def __init__(
        self, name: str, title: str, question: str, ok_text: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self.reason = QLineEdit(objectName=f"{name}Reason")
        self.reason.setPlaceholderText(tr("Reason (recorded)"))
        label = QLabel(question)
        label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.reason)
        self.error = QLabel("", objectName="error")
        self.error.hide()
        layout.addWidget(self.error)
        layout.addLayout(_buttons(self, f"{name}Ok", ok_text))

    def accept(self) -> None:
        if not self.reason.text().strip():
            self.error.setText(tr("Please give a reason."))
            self.error.show()
            return
        super().accept()

    def text(self) -> str:
        return self.reason.text().strip()


class KioskPinDialog(QDialog):
    """An officer sets their own kiosk PIN: the PIN twice, and their password to confirm.
    OK runs ``save(password, pin)``; the dialog stays open with the refusal until it
    succeeds (``done(text)`` then closes it)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kioskPinDialog")
        self.setWindowTitle(tr("My kiosk PIN"))
        self.setMinimumWidth(560)
        intro = QLabel(
            tr(
                "{name}, with this PIN you sign in at the kiosk's assisted mode: touch your "
                "name there, then type it. What you do there is recorded under your name.",
                name=name,
            )
        )
        intro.setWordWrap(True)
        self.pin = pin_edit("ownKioskPin", tr("New kiosk PIN (4 to 12 digits)"))
        self.again = pin_edit("ownKioskPinAgain", tr("The same PIN again"))
        self.password = QLineEdit(objectName="ownPassword", placeholderText=tr("Your password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel("", objectName="error")
        self.error.setWordWrap(True)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.pin)
        layout.addWidget(self.again)
        layout.addWidget(self.password)
        layout.addWidget(self.error)
        layout.addLayout(_buttons(self, "kioskPinOk", tr("Save")))
        self.save: Callable[[str, str], None] = lambda _password, _pin: None
        self.busy = False

    def accept(self) -> None:
        if self.busy:
            return
        if not self.pin.text() or self.pin.text() != self.again.text():
            self.refused(tr("The two PINs are not the same."))
            return
        if not self.password.text():
            self.refused(tr("Type your password to confirm."))
            return
        self.busy = True
        self.error.hide()
        self.save(self.password.text(), self.pin.text())

    def refused(self, text: str) -> None:
        self.busy = False
        self.password.clear()
        self.error.setText(text)
        self.error.show()

    def saved(self) -> None:
        self.busy = False
        super().accept()


@dataclass(frozen=True)
class TransferChoice:
    """Where the officer sends the ticket: a service's line (``service``), one counter
    (``counter``, the service kept unless ``service`` is given too) or the counter of an
    officer (``officer``, a username)."""

    mode: str  # "service", "counter" or "officer"
    service: str | None
    counter: int | None
    officer: str | None
    keep_place: bool
    note: str


TRANSFER_MODES = ("service", "counter", "officer")


def _paused(c: CounterOnDuty) -> str:
    return " (" + tr("Paused") + ")" if c.state == CounterState.PAUSED else ""


class TransferDialog(QDialog):
    """Send the ticket to another service's line, to one counter, or to the counter of an
    officer signed in now (``on_duty``: the open and paused counters), keeping its place
    or at the back."""

    def __init__(
        self,
        settings: Settings,
        ticket: TicketView,
        on_duty: Sequence[CounterOnDuty] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("transferDialog")
        self.setWindowTitle(tr("Transfer {number}", number=ticket.number))
        self.setMinimumWidth(640)
        self.ticket = ticket
        self.on_duty = list(on_duty)
        self._settings = settings
        self._others = [
            s
            for s in settings.services
            if s.code != ticket.service and ticket.channel in s.channels
        ]

        self.modes: dict[str, QRadioButton] = {}
        mode_row = QHBoxLayout()
        group = QButtonGroup(self)
        for mode, text in zip(
            TRANSFER_MODES, (tr("A service"), tr("A counter"), tr("An officer")), strict=True
        ):
            radio = QRadioButton(text, objectName=f"transferTo{mode.capitalize()}")
            group.addButton(radio)
            mode_row.addWidget(radio)
            self.modes[mode] = radio
        mode_row.addStretch(1)
        self.modes["service"].setChecked(True)

        self.service = QComboBox(objectName="transferService")
        self.counter = QComboBox(objectName="transferCounter")
        self.officer = QComboBox(objectName="transferOfficer")
        self.form = QGridLayout()
        self.form.setColumnStretch(1, 1)
        self._labels: dict[QComboBox, QLabel] = {}
        for row, (text, combo) in enumerate(
            ((tr("Service"), self.service), (tr("Counter"), self.counter),
             (tr("Officer"), self.officer))
        ):  # fmt: skip
            label = QLabel(text)
            label.setBuddy(combo)
            self.form.addWidget(label, row, 0, Qt.AlignmentFlag.AlignVCenter)
            self.form.addWidget(combo, row, 1)
            self._labels[combo] = label

        self.keep = QRadioButton(
            tr("Keep the place in line (by issue time)"), objectName="transferKeepPlace"
        )
        self.back = QRadioButton(tr("To the back of the line"), objectName="transferToBack")
        self.keep.setChecked(True)
        place = QButtonGroup(self)
        place.addButton(self.keep)
        place.addButton(self.back)
        self.note = QLineEdit(objectName="transferNote", placeholderText=tr("Note (optional)"))
        self.hint = QLabel("", objectName="transferHint")
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Transfer {number} to:", number=ticket.number)))
        layout.addLayout(mode_row)
        layout.addLayout(self.form)
        layout.addWidget(self.keep)
        layout.addWidget(self.back)
        layout.addWidget(self.note)
        layout.addWidget(self.hint)
        layout.addLayout(_buttons(self, "transferOk", tr("Transfer")))
        self.ok = self.findChild(QPushButton, "transferOk")

        for radio in self.modes.values():
            radio.toggled.connect(self._mode_changed)
        self.service.currentIndexChanged.connect(self._fill_targets)
        self.counter.currentIndexChanged.connect(self._update)
        self.officer.currentIndexChanged.connect(self._update)
        self._mode_changed()

    # -- what is offered --------------------------------------------------------------------

    def mode(self) -> str:
        return next(m for m, radio in self.modes.items() if radio.isChecked())

    def _mode_changed(self) -> None:
        mode = self.mode()
        self.service.blockSignals(True)
        self.service.clear()
        if mode != "service":
            current = service_name(self._settings, self.ticket.service)
            self.service.addItem(tr("Same service ({service})", service=current), None)
        for s in self._others:
            self.service.addItem(s.name.get(language()), s.code)
        if self.service.count() == 0:
            self.service.addItem(tr("No other service takes this ticket"), None)
        self.service.blockSignals(False)
        for combo, shown in ((self.counter, mode == "counter"), (self.officer, mode == "officer")):
            combo.setVisible(shown)
            self._labels[combo].setVisible(shown)
        self._fill_targets()

    def _target_service(self) -> str:
        code = self.service.currentData()
        return str(code) if code else self.ticket.service

    def _fill_targets(self) -> None:
        service, channel = self._target_service(), self.ticket.channel
        serving = [c for c in self.on_duty if c.takes(service, channel)]
        self.counter.blockSignals(True)
        self.counter.clear()
        for c in serving:
            self.counter.addItem(self._counter_text(c), c.number)
        if not serving:
            self.counter.addItem(tr("No open counter serves this service"), None)
        self.counter.blockSignals(False)
        self.officer.blockSignals(True)
        self.officer.clear()
        seen: set[str] = set()
        # An officer signed in at two counters is sent to the one opened last (as the
        # transfer resolves it).
        latest = sorted(serving, key=lambda c: (c.changed_at is None, c.changed_at), reverse=True)
        for c in sorted(
            (c for c in latest if c.officer), key=lambda c: (c.officer_name or "").lower()
        ):
            assert c.officer is not None
            if c.officer in seen:
                continue
            seen.add(c.officer)
            text = tr("{officer} at {counter}", officer=c.officer_name, counter=c.name)
            self.officer.addItem(text + _paused(c), c.officer)
        if not seen:
            self.officer.addItem(tr("No officer at a counter serves this service"), None)
        self.officer.blockSignals(False)
        self._update()

    @staticmethod
    def _counter_text(c: CounterOnDuty) -> str:
        text = c.name if c.officer_name is None else f"{c.name} · {c.officer_name}"
        return text + _paused(c)

    def _update(self) -> None:
        mode = self.mode()
        if mode == "service":
            ready = self.service.currentData() is not None
            hint = ""
        elif mode == "counter":
            ready = self.counter.currentData() is not None
            hint = tr("Only the chosen counter will call {number}.", number=self.ticket.number)
        else:
            ready = self.officer.currentData() is not None
            hint = tr(
                "{number} goes to the counter this officer is signed in at; only that counter "
                "will call it.",
                number=self.ticket.number,
            )
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        self.ok.setEnabled(ready)

    def choice(self) -> TransferChoice:
        mode = self.mode()
        code = self.service.currentData()
        counter = self.counter.currentData() if mode == "counter" else None
        officer = self.officer.currentData() if mode == "officer" else None
        return TransferChoice(
            mode,
            str(code) if code else None,
            int(counter) if counter is not None else None,
            str(officer) if officer is not None else None,
            self.keep.isChecked(),
            self.note.text().strip(),
        )


class NoShowDialog(QDialog):
    """Confirms "not present", naming the number. Before the office's minimum (seconds
    since the first call, recalls) an officer is told how long is left; a supervisor may
    decide earlier with a reason, which is recorded."""

    def __init__(
        self,
        ticket: TicketView,
        waited_seconds: int,
        wait: tuple[int, int],
        may_override: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("noShowDialog")
        self.setWindowTitle(tr("No-show {number}", number=ticket.number))
        self.setMinimumWidth(600)
        seconds, recalls = wait
        self.too_early = bool(seconds or recalls)
        layout = QVBoxLayout(self)
        question = QLabel(
            tr(
                "Mark {number} as not present? The display keeps showing the number "
                "with where to go.",
                number=ticket.number,
            ),
            objectName="noShowQuestion",
        )
        question.setWordWrap(True)
        layout.addWidget(question)
        self.reason = QLineEdit(objectName="noShowReason")
        self.reason.setPlaceholderText(tr("Reason for deciding early (recorded)"))
        self.reason.setVisible(self.too_early and may_override)
        if self.too_early:
            called = f"{waited_seconds // 60}:{waited_seconds % 60:02d}"
            parts = []
            if seconds:
                parts.append(tr("{time} more", time=f"{seconds // 60}:{seconds % 60:02d}"))
            if recalls:
                parts.append(tr("{n} more recall(s)", n=recalls))
            text = tr(
                "{number} was called {time} ago and recalled {n}×: no-show is possible "
                "after {missing}.",
                number=ticket.number,
                time=called,
                n=ticket.recall_count,
                missing=tr(" and ").join(parts),
            )
            if may_override:
                text += " " + tr("As a supervisor you may decide now, with a reason.")
            rule = QLabel(text, objectName="noShowRule")
            rule.setWordWrap(True)
            layout.addWidget(rule)
        layout.addWidget(self.reason)
        self.error = QLabel("", objectName="error")
        self.error.hide()
        layout.addWidget(self.error)
        layout.addLayout(
            _buttons(self, "noShowOk", tr("{number} is not present", number=ticket.number))
        )
        ok = self.findChild(QPushButton, "noShowOk")
        ok.setEnabled(not self.too_early or may_override)

    def accept(self) -> None:
        if self.too_early and not self.reason.text().strip():
            self.error.setText(tr("Please give a reason."))
            self.error.show()
            return
        super().accept()

    def override_reason(self) -> str:
        return self.reason.text().strip() if self.too_early else ""


class RequeueDialog(QDialog):
    """Put a no-show back in line: at the original place (the default) or at the back."""

    def __init__(self, number: str, issued: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("requeueDialog")
        self.setWindowTitle(tr("Put {number} back in line", number=number))
        self.setMinimumWidth(560)
        self.keep = QRadioButton(
            tr("At the original place (issued {at})", at=issued), objectName="requeueKeepPlace"
        )
        self.back = QRadioButton(tr("At the back of the line"), objectName="requeueToBack")
        self.keep.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.keep)
        group.addButton(self.back)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("{number} turned up: where does it go?", number=number)))
        layout.addWidget(self.keep)
        layout.addWidget(self.back)
        layout.addLayout(_buttons(self, "requeueOk", tr("Put {number} back", number=number)))

    def to_back(self) -> bool:
        return self.back.isChecked()
