"""Supervisor pages that watch the day: the dashboard and the kiosks' devices. Both
re-read when the database change watcher reports a change."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from admin_console.common import MessageBar, local_hm, minutes_text, service_name
from admin_console.queue_panel import _item, _table
from admin_console.tasks import Refresher, Tasks
from db.context import QueueContext
from db.read.dashboard import (
    BackupStatus,
    Dashboard,
    KioskStatus,
    backup_status,
    dashboard,
    kiosk_status,
)

FIGURES = [
    ("waiting", "Waiting now"),
    ("served", "Served today"),
    ("mean_wait", "Average wait"),
    ("p90_wait", "90 % waited at most"),
    ("no_shows", "No-shows"),
    ("counters_open", "Counters open"),
]


def _figure(key: str, caption: str) -> tuple[QFrame, QLabel]:
    card = QFrame(objectName="card")
    value = QLabel("–", objectName=f"figure_{key}")
    value.setProperty("role", "figure")
    value.setAccessibleName(caption)
    value.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label = QLabel(caption, objectName="figureCaption")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    layout = QVBoxLayout(card)
    layout.setContentsMargins(16, 14, 16, 14)
    layout.addWidget(value)
    layout.addWidget(label)
    return card, value


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            table.setItem(r, c, _item(text))


class DashboardPage(QWidget):
    loaded = Signal()

    def __init__(self, ctx: QueueContext, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardPage")
        self.ctx = ctx
        self.data: Dashboard | None = None
        self.title = QLabel("Today", objectName="title")
        self.message = MessageBar()
        self.figures: dict[str, QLabel] = {}
        row = QHBoxLayout()
        row.setSpacing(14)
        for key, caption in FIGURES:
            card, value = _figure(key, caption)
            self.figures[key] = value
            row.addWidget(card)
        self.waiting_table = _table("waitingTable", ["Service", "Waiting now"])
        self.counters_table = _table(
            "countersTable", ["Counter", "State", "Officer", "At the counter", "Served today"]
        )
        tables = QHBoxLayout()
        tables.setSpacing(20)
        left = QVBoxLayout()
        left.addWidget(QLabel("Waiting per service", objectName="sectionTitle"))
        left.addWidget(self.waiting_table)
        right = QVBoxLayout()
        right.addWidget(QLabel("Counters", objectName="sectionTitle"))
        right.addWidget(self.counters_table)
        tables.addLayout(left, 2)
        tables.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(self.title)
        layout.addWidget(self.message)
        layout.addLayout(row)
        layout.addSpacing(12)
        layout.addLayout(tables, 1)
        self.refresher = Refresher(
            tasks, lambda: dashboard(ctx), self._apply, self.message.error, self
        )

    def _apply(self, d: Dashboard) -> None:
        self.data = d
        s = self.ctx.settings
        self.title.setText(f"Today, {d.business_day:%A %d %B %Y} — as of {local_hm(s, d.at)}")
        values = {
            "waiting": str(d.waiting_total),
            "served": str(d.served),
            "mean_wait": minutes_text(d.mean_wait_minutes)
            if d.mean_wait_minutes is not None
            else "–",
            "p90_wait": minutes_text(d.p90_wait_minutes) if d.p90_wait_minutes is not None else "–",
            "no_shows": str(d.no_shows),
            "counters_open": f"{d.counters_open} / {len(d.counters)}",
        }
        for key, text in values.items():
            self.figures[key].setText(text)
        _fill(
            self.waiting_table,
            [[service_name(s, code), str(n)] for code, n in d.waiting.items()],
        )
        _fill(
            self.counters_table,
            [
                [c.name, str(c.state).capitalize(), c.officer or "", c.current or "", str(c.served)]
                for c in d.counters
            ],
        )
        self.loaded.emit()


def _yes_no(value: bool | None, yes: str, no: str) -> str:
    return "unknown" if value is None else (yes if value else no)


class DevicesPage(QWidget):
    loaded = Signal()

    def __init__(
        self,
        ctx: QueueContext,
        tasks: Tasks,
        silent_minutes: int = 5,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("devicesPage")
        self.ctx = ctx
        self.kiosks: list[KioskStatus] = []
        self.message = MessageBar()
        self.banner = QLabel("", objectName="alertBanner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.table = _table(
            "devicesTable",
            ["Kiosk", "Last seen", "Printer", "Paper", "Cover", "Scanner", "Alerts"],
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(QLabel("Kiosks and their printers", objectName="title"))
        layout.addWidget(self.message)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        self.backups = QLabel("", objectName="backupStatus")
        self.backups.setWordWrap(True)
        layout.addWidget(self.backups)
        self.refresher = Refresher(
            tasks,
            lambda: (kiosk_status(ctx, silent_minutes), backup_status(ctx)),
            self._apply,
            self.message.error,
            self,
        )

    def _apply(self, found: tuple[list[KioskStatus], BackupStatus]) -> None:
        kiosks, backups = found
        self._show_backups(backups)
        self.kiosks = kiosks
        s = self.ctx.settings
        paper = {"ok": "OK", "near_end": "nearly out", "out": "OUT", "unknown": "unknown"}
        _fill(
            self.table,
            [
                [
                    k.kiosk_id,
                    f"{local_hm(s, k.seen_at)} ({minutes_text(k.silent_minutes)} ago)",
                    _yes_no(k.printer_online, "online", "offline"),
                    paper.get(k.paper, k.paper),
                    _yes_no(k.cover_open, "open", "closed"),
                    k.scanner,
                    "; ".join(k.alerts) or "—",
                ]
                for k in kiosks
            ],
        )
        alerts = [f"{k.kiosk_id}: {', '.join(k.alerts)}" for k in kiosks if k.alerts]
        self.banner.setText("Needs attention — " + " · ".join(alerts) if alerts else "")
        self.banner.setVisible(bool(alerts))
        if not kiosks:
            self.message.info("No kiosk has reported yet.")
        self.loaded.emit()

    def _show_backups(self, b: BackupStatus) -> None:
        if b.at is None:
            text = "Backups: none recorded yet (loket-db backup; see the deployment guide)."
        else:
            size = f"{b.size_bytes / 1e6:.1f} MB"
            copy = f", copied to {b.copied_to}" if b.copied_to else ""
            when = f"{b.at.astimezone(self.ctx.settings.office.tz):%d-%m %H:%M}"
            text = f"Last backup: {when}, {b.file} ({size}){copy}."
        if b.alerts:
            text += " Needs attention: " + "; ".join(b.alerts) + "."
        self.backups.setText(text)
        # The banner's look when something must be done, plain text otherwise.
        self.backups.setObjectName("alertBanner" if b.alerts else "backupStatus")
        self.backups.style().unpolish(self.backups)
        self.backups.style().polish(self.backups)
