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

from admin_console.common import (
    MessageBar,
    counter_state_word,
    local_hm,
    long_date,
    minutes_text,
    service_name,
)
from admin_console.queue_panel import _item, _table
from admin_console.tasks import Refresher, Tasks
from admin_console.text import tr
from db.context import QueueContext
from db.read.dashboard import (
    BACKUP_LATE_HOURS,
    BackupStatus,
    Dashboard,
    KioskStatus,
    backup_status,
    dashboard,
    kiosk_status,
)


def figures() -> list[tuple[str, str]]:
    return [
        ("waiting", tr("Waiting now")),
        ("served", tr("Served today")),
        ("mean_wait", tr("Average wait")),
        ("p90_wait", tr("90 % waited at most")),
        ("no_shows", tr("No-shows")),
        ("counters_open", tr("Counters open")),
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
        self.title = QLabel(tr("Today"), objectName="title")
        self.message = MessageBar()
        self.figures: dict[str, QLabel] = {}
        row = QHBoxLayout()
        row.setSpacing(14)
        for key, caption in figures():
            card, value = _figure(key, caption)
            self.figures[key] = value
            row.addWidget(card)
        self.waiting_table = _table("waitingTable", [tr("Service"), tr("Waiting now")])
        self.counters_table = _table(
            "countersTable",
            [tr("Counter"), tr("State"), tr("Officer"), tr("At the counter"), tr("Served today")],
        )
        tables = QHBoxLayout()
        tables.setSpacing(20)
        left = QVBoxLayout()
        left.addWidget(QLabel(tr("Waiting per service"), objectName="sectionTitle"))
        left.addWidget(self.waiting_table)
        right = QVBoxLayout()
        right.addWidget(QLabel(tr("Counters"), objectName="sectionTitle"))
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
        self.title.setText(
            tr(
                "Today, {day} — as of {time}",
                day=long_date(d.business_day),
                time=local_hm(s, d.at),
            )
        )
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
                [
                    c.name,
                    counter_state_word(c.state),
                    c.officer or "",
                    c.current or "",
                    str(c.served),
                ]
                for c in d.counters
            ],
        )
        self.loaded.emit()


def _yes_no(value: bool | None, yes: str, no: str) -> str:
    return tr("unknown") if value is None else (yes if value else no)


def kiosk_alerts(k: KioskStatus) -> list[str]:
    """What a supervisor must act on at a kiosk, most urgent first (``KioskStatus.alerts``
    in the console's language)."""
    found = []
    if k.other_database:
        found.append(tr("settings name another database: {database}", database=k.database))
    if k.other_office:
        found.append(tr("settings of another office: {office}", office=k.office))
    if k.silent:
        found.append(tr("silent for {n} min", n=int(k.silent_minutes)))
    if k.paper_out:
        found.append(tr("out of paper"))
    elif k.paper_near_end:
        found.append(tr("paper nearly out"))
    if k.printer_online is False:
        found.append(tr("printer offline"))
    if k.cover_open:
        found.append(tr("printer cover open"))
    return found


def backup_alerts(b: BackupStatus) -> list[str]:
    """``BackupStatus.alerts`` in the console's language."""
    if b.at is None or b.age_hours is None:
        return [tr("no backup recorded")]
    found = []
    if b.age_hours > BACKUP_LATE_HOURS:
        found.append(tr("last backup {n} hours ago", n=int(b.age_hours)))
    if b.copy_error:
        found.append(tr("backup copy failed: {error}", error=b.copy_error))
    return found


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
            [
                tr("Device"),
                tr("Office and database"),
                tr("Last seen"),
                tr("Printer"),
                tr("Paper"),
                tr("Cover"),
                tr("Scanner"),
                tr("Alerts"),
            ],
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(QLabel(tr("Kiosks and their printers"), objectName="title"))
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
        paper = {
            "ok": tr("OK"),
            "near_end": tr("nearly out"),
            "out": tr("OUT"),
            "unknown": tr("unknown"),
        }
        _fill(
            self.table,
            [
                [
                    k.kiosk_id,
                    f"{k.office} · {k.database}" if k.database else "—",
                    tr(
                        "{time} ({minutes} ago)",
                        time=local_hm(s, k.seen_at),
                        minutes=minutes_text(k.silent_minutes),
                    ),
                    _yes_no(k.printer_online, tr("online"), tr("offline")),
                    paper.get(k.paper, k.paper),
                    _yes_no(k.cover_open, tr("cover open"), tr("cover closed")),
                    k.scanner,
                    "; ".join(kiosk_alerts(k)) or "—",
                ]
                for k in kiosks
            ],
        )
        alerts = [f"{k.kiosk_id}: {', '.join(kiosk_alerts(k))}" for k in kiosks if k.alerts]
        self.banner.setText(
            tr("Needs attention — {alerts}", alerts=" · ".join(alerts)) if alerts else ""
        )
        self.banner.setVisible(bool(alerts))
        if not kiosks:
            self.message.info(tr("No kiosk has reported yet."))
        self.loaded.emit()

    def _show_backups(self, b: BackupStatus) -> None:
        if b.at is None:
            text = tr("Backups: none recorded yet (loket-db backup; see the deployment guide).")
        else:
            size = f"{b.size_bytes / 1e6:.1f} MB"
            when = f"{b.at.astimezone(self.ctx.settings.office.tz):%d-%m %H:%M}"
            if b.copied_to:
                text = tr(
                    "Last backup: {time}, {file} ({size}), copied to {copy}.",
                    time=when,
                    file=b.file,
                    size=size,
                    copy=b.copied_to,
                )
            else:
                text = tr(
                    "Last backup: {time}, {file} ({size}).", time=when, file=b.file, size=size
                )
        if b.alerts:
            text += " " + tr("Needs attention: {alerts}.", alerts="; ".join(backup_alerts(b)))
        self.backups.setText(text)
        # The banner's look when something must be done, plain text otherwise.
        self.backups.setObjectName("alertBanner" if b.alerts else "backupStatus")
        self.backups.style().unpolish(self.backups)
        self.backups.style().polish(self.backups)
