"""Small window-modal dialogs (opened with ``open()``, so the UI thread never blocks)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from admin_console.text import language, tr
from config.settings import Settings
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


class TransferDialog(QDialog):
    """Send the ticket to another service's line, keeping its place or at the back."""

    def __init__(
        self, settings: Settings, ticket: TicketView, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("transferDialog")
        self.setWindowTitle(tr("Transfer {number}", number=ticket.number))
        self.setMinimumWidth(600)
        self.service = QComboBox(objectName="transferService")
        for s in settings.services:
            if s.code != ticket.service and ticket.channel in s.channels:
                self.service.addItem(s.name.get(language()), s.code)
        self.keep = QRadioButton(
            tr("Keep the place in line (by issue time)"), objectName="transferKeepPlace"
        )
        self.back = QRadioButton(tr("To the back of the line"), objectName="transferToBack")
        self.keep.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.keep)
        group.addButton(self.back)
        self.note = QLineEdit(objectName="transferNote", placeholderText=tr("Note (optional)"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Transfer {number} to:", number=ticket.number)))
        layout.addWidget(self.service)
        layout.addWidget(self.keep)
        layout.addWidget(self.back)
        layout.addWidget(self.note)
        layout.addLayout(_buttons(self, "transferOk", tr("Transfer")))
        if self.service.count() == 0:
            self.service.addItem(tr("No other service takes this ticket"), None)
            self.findChild(QPushButton, "transferOk").setEnabled(False)

    def choice(self) -> tuple[str, bool, str]:
        return str(self.service.currentData()), self.keep.isChecked(), self.note.text().strip()


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
