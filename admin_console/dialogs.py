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

from config.settings import Settings
from db.calling import no_show_wait_text
from db.views import TicketView


def _buttons(dialog: QDialog, ok_name: str, ok_text: str) -> QHBoxLayout:
    ok = QPushButton(ok_text, objectName=ok_name)
    ok.setDefault(True)
    cancel = QPushButton("Cancel", objectName=ok_name.replace("Ok", "Cancel"))
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
        self.reason.setPlaceholderText("Reason (recorded)")
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
            self.error.setText("Please give a reason.")
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
        self.setWindowTitle(f"Transfer {ticket.number}")
        self.setMinimumWidth(600)
        self.service = QComboBox(objectName="transferService")
        for s in settings.services:
            if s.code != ticket.service and ticket.channel in s.channels:
                self.service.addItem(s.name.en, s.code)
        self.keep = QRadioButton(
            "Keep the place in line (by issue time)", objectName="transferKeepPlace"
        )
        self.back = QRadioButton("To the back of the line", objectName="transferToBack")
        self.keep.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.keep)
        group.addButton(self.back)
        self.note = QLineEdit(objectName="transferNote", placeholderText="Note (optional)")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Transfer {ticket.number} to:"))
        layout.addWidget(self.service)
        layout.addWidget(self.keep)
        layout.addWidget(self.back)
        layout.addWidget(self.note)
        layout.addLayout(_buttons(self, "transferOk", "Transfer"))
        if self.service.count() == 0:
            self.service.addItem("No other service takes this ticket", None)
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
        self.setWindowTitle(f"No-show {ticket.number}")
        self.setMinimumWidth(600)
        seconds, recalls = wait
        self.too_early = bool(seconds or recalls)
        layout = QVBoxLayout(self)
        question = QLabel(
            f"Mark {ticket.number} as not present? The display keeps showing the number "
            "with where to go.",
            objectName="noShowQuestion",
        )
        question.setWordWrap(True)
        layout.addWidget(question)
        self.reason = QLineEdit(objectName="noShowReason")
        self.reason.setPlaceholderText("Reason for deciding early (recorded)")
        self.reason.setVisible(self.too_early and may_override)
        if self.too_early:
            called = f"{waited_seconds // 60}:{waited_seconds % 60:02d}"
            missing = no_show_wait_text(seconds, recalls)
            rule = QLabel(
                f"{ticket.number} was called {called} ago and recalled "
                f"{ticket.recall_count}×: no-show is possible after {missing}."
                + (" As a supervisor you may decide now, with a reason." if may_override else ""),
                objectName="noShowRule",
            )
            rule.setWordWrap(True)
            layout.addWidget(rule)
        layout.addWidget(self.reason)
        self.error = QLabel("", objectName="error")
        self.error.hide()
        layout.addWidget(self.error)
        layout.addLayout(_buttons(self, "noShowOk", f"{ticket.number} is not present"))
        ok = self.findChild(QPushButton, "noShowOk")
        ok.setEnabled(not self.too_early or may_override)

    def accept(self) -> None:
        if self.too_early and not self.reason.text().strip():
            self.error.setText("Please give a reason.")
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
        self.setWindowTitle(f"Put {number} back in line")
        self.setMinimumWidth(560)
        self.keep = QRadioButton(
            f"At the original place (issued {issued})", objectName="requeueKeepPlace"
        )
        self.back = QRadioButton("At the back of the line", objectName="requeueToBack")
        self.keep.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.keep)
        group.addButton(self.back)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"{number} turned up: where does it go?"))
        layout.addWidget(self.keep)
        layout.addWidget(self.back)
        layout.addLayout(_buttons(self, "requeueOk", f"Put {number} back"))

    def to_back(self) -> bool:
        return self.back.isChecked()
