"""The audit log page (supervisors and administrators): the records of a day, an actor or an
action, newest first, and whether the log's hash chain is intact. Read-only."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from admin_console.common import MessageBar, qt_locale, role_word, short_date
from admin_console.queue_panel import _item, _table
from admin_console.tasks import Refresher, Tasks
from admin_console.text import tr
from db.context import Actor, QueueContext
from db.ops.audit import AuditCheck, AuditEntry, audit_names, list_audit, verify_audit

LIMIT = 500
# The shared console look has no rule for a date field: the same frame as the other fields.
DATE_STYLE = (
    "QDateEdit { background: #FFFFFF; border: 2px solid #B8C0D0; border-radius: 6px; "
    "padding: 6px; min-height: 28px; }"
)
CHAIN_STYLE = (
    "QLabel {{ background: {bg}; color: {fg}; border: 2px solid {fg}; border-radius: 8px; "
    "padding: 10px 16px; font-weight: 600; }}"
)


@dataclass(frozen=True)
class AuditPageData:
    entries: list[AuditEntry]
    check: AuditCheck
    actors: list[str]
    actions: list[str]


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def _detail(text: str) -> str:
    try:
        value = json.loads(text) if text.startswith("{") else None
    except ValueError:
        value = None
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    return text


def _filter_box(name: str, everything: str) -> QComboBox:
    box = QComboBox(objectName=name)
    box.setEditable(True)
    box.addItem(everything)
    box.setMinimumWidth(220)
    return box


class AuditPage(QWidget):
    loaded = Signal()

    def __init__(self, ctx: QueueContext, tasks: Tasks, actor: Actor) -> None:
        super().__init__()
        self.setObjectName("auditPage")
        self.ctx = ctx
        self.data: AuditPageData | None = None
        self.message = MessageBar()
        self.chain = QLabel("", objectName="auditChain")
        self.day = QDateEdit(qdate(ctx.today()), objectName="auditDay")
        self.day.setCalendarPopup(True)
        self.day.setLocale(qt_locale())
        self.day.setDisplayFormat("ddd d MMM yyyy")
        self.day.setMinimumWidth(200)
        self.day.setStyleSheet(DATE_STYLE)
        self.all_days = QCheckBox(tr("All days"), objectName="auditAllDays")
        # The first choice of each filter: everyone / every action.
        self.anyone, self.any_action = tr("Anyone"), tr("Any action")
        self.actor_box = _filter_box("auditActor", self.anyone)
        self.action_box = _filter_box("auditAction", self.any_action)
        show = QPushButton(tr("Show"), objectName="auditShowButton")
        show.clicked.connect(self.apply_filters)
        self.count = QLabel("", objectName="muted")
        filters = QHBoxLayout()
        filters.setSpacing(12)
        for label, widget in ((tr("Day"), self.day), (tr("Actor"), self.actor_box)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
            if widget is self.day:
                filters.addWidget(self.all_days)
        filters.addWidget(QLabel(tr("Action")))
        filters.addWidget(self.action_box)
        filters.addWidget(show)
        filters.addStretch(1)
        filters.addWidget(self.count)
        self.table = _table(
            "auditTable",
            [tr("Time"), tr("Actor"), tr("Role"), tr("Action"), tr("Target"), tr("Detail")],
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(QLabel(tr("Audit log"), objectName="title"))
        layout.addWidget(self.chain)
        layout.addWidget(self.message)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        self.day.dateChanged.connect(lambda _: self.apply_filters())
        self.all_days.toggled.connect(self._all_days)
        self.actor_box.activated.connect(lambda _: self.apply_filters())
        self.action_box.activated.connect(lambda _: self.apply_filters())
        self._filters: tuple[dt.date | None, str | None, str | None] = (ctx.today(), None, None)

        def query() -> AuditPageData:
            day, who, action = self._filters  # set on the UI thread; read once here
            entries = list_audit(ctx, actor, day, who, action, LIMIT)
            actors, actions = audit_names(ctx, actor)
            return AuditPageData(entries, verify_audit(ctx.db), actors, actions)

        self.refresher = Refresher(tasks, query, self._apply, self.message.error, self)

    def _all_days(self, checked: bool) -> None:
        self.day.setEnabled(not checked)
        self.apply_filters()

    def apply_filters(self) -> None:
        day = None if self.all_days.isChecked() else pydate(self.day.date())
        who = self.actor_box.currentText().strip()
        action = self.action_box.currentText().strip()
        self._filters = (
            day,
            None if who in ("", self.anyone) else who,
            None if action in ("", self.any_action) else action,
        )
        self.refresher.request()

    @staticmethod
    def _choices(box: QComboBox, everything: str, names: list[str]) -> None:
        current = box.currentText()
        box.blockSignals(True)
        box.clear()
        box.addItem(everything)
        box.addItems(names)
        box.setCurrentText(current)
        box.blockSignals(False)

    def _apply(self, data: AuditPageData) -> None:
        self.data = data
        tz = self.ctx.settings.office.tz
        self._choices(self.actor_box, self.anyone, data.actors)
        self._choices(self.action_box, self.any_action, data.actions)
        if data.check.ok:
            self.chain.setText(
                tr(
                    "✓ The audit log is intact: all {n} records follow each other unchanged.",
                    n=data.check.checked,
                )
            )
            self.chain.setStyleSheet(CHAIN_STYLE.format(bg="#E6F4EA", fg="#1B7F3B"))
        else:
            self.chain.setText(
                tr("✗ The audit log was tampered with: {problem}.", problem=data.check.problem)
            )
            self.chain.setStyleSheet(CHAIN_STYLE.format(bg="#FDE7EA", fg="#B00020"))
        self.chain.setProperty("ok", data.check.ok)
        entries = data.entries
        if len(entries) >= LIMIT:
            count = tr("{n} records (the newest shown; narrow the filter)", n=len(entries))
        elif len(entries) == 1:
            count = tr("1 record")
        else:
            count = tr("{n} records", n=len(entries))
        self.count.setText(count)
        self.table.setRowCount(len(entries))
        for r, e in enumerate(entries):
            cells = [
                f"{short_date(e.at.astimezone(tz), year=False)} {e.at.astimezone(tz):%H:%M:%S}",
                e.actor,
                role_word(e.role),
                e.action.replace("_", " "),
                e.target,
                _detail(e.detail),
            ]
            for c, text in enumerate(cells):
                self.table.setItem(r, c, _item(text, e.id))
        self.loaded.emit()
