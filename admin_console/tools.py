"""Supervisor tools for the day: quotas, finding / reprinting / cancelling a ticket, and
importing the central booking export. Each action is one queue operation in a worker."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from admin_console.common import (
    MessageBar,
    channel_word,
    local_hm,
    service_name,
    ticket_status_word,
)
from admin_console.dialogs import ReasonDialog
from admin_console.queue_panel import ID_ROLE, _item, _table
from admin_console.tasks import Refresher, Tasks
from admin_console.text import language, tr
from config.settings import Channel
from db.context import Actor, QueueContext
from db.ops.calling import cancel
from db.ops.importer import ImportReport, import_bookings
from db.ops.issuing import QuotaLeft, quotas_today, set_quota
from db.ops.printjobs import request_reprint
from db.read.dashboard import TicketRow, tickets_today


def _page(name: str, title: str) -> tuple[QWidget, QVBoxLayout, MessageBar]:
    page = QWidget()
    page.setObjectName(name)
    layout = QVBoxLayout(page)
    layout.setContentsMargins(24, 16, 24, 16)
    layout.addWidget(QLabel(title, objectName="title"))
    message = MessageBar()
    layout.addWidget(message)
    return page, layout, message


def print_state_word(state: str) -> str:
    words = {
        "none": tr("no printer"),
        "pending": tr("printing"),
        "printed": tr("printed"),
        "failed": tr("failed"),
    }
    return words.get(str(state), str(state))


class QuotasPage(QWidget):
    def __init__(self, ctx: QueueContext, tasks: Tasks, actor: Actor) -> None:
        super().__init__()
        self.setObjectName("quotasPage")
        self.ctx, self.tasks, self.actor = ctx, tasks, actor
        _, layout, self.message = _page("", tr("Today's quotas"))
        self.setLayout(layout)
        self.table = _table(
            "quotasTable", [tr("Service"), tr("Channel"), tr("Quota"), tr("Issued"), tr("Left")]
        )
        self.service = QComboBox(objectName="quotaService")
        for s in ctx.settings.services:
            self.service.addItem(s.name.get(language()), s.code)
        self.channel = QComboBox(objectName="quotaChannel")
        self.service.currentIndexChanged.connect(self._channels)
        self._channels()
        self.value = QSpinBox(objectName="quotaValue")
        self.value.setRange(0, 9999)
        self.value.setMinimumWidth(120)
        self.reason = QLineEdit(objectName="quotaReason", placeholderText=tr("Reason (recorded)"))
        self.button = QPushButton(tr("Set today's quota"), objectName="setQuotaButton")
        self.button.clicked.connect(self.submit)
        form = QHBoxLayout()
        for w in (self.service, self.channel, self.value):
            form.addWidget(w)
        form.addWidget(self.reason, 1)
        form.addWidget(self.button)
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel(tr("Change a quota for today"), objectName="sectionTitle"))
        layout.addLayout(form)
        self.refresher = Refresher(
            tasks, lambda: quotas_today(ctx), self._apply, self.message.error, self
        )

    def _channels(self) -> None:
        self.channel.clear()
        service = self.ctx.settings.service(str(self.service.currentData()))
        for c in service.channels:
            if c != Channel.BOOKING:
                self.channel.addItem(channel_word(c), str(c))

    def _apply(self, rows: list[QuotaLeft]) -> None:
        s = self.ctx.settings
        self.table.setRowCount(len(rows))
        for r, q in enumerate(rows):
            cells = [
                service_name(s, q.service),
                channel_word(q.channel),
                tr("unlimited") if q.quota is None else str(q.quota),
                str(q.issued),
                "—" if q.remaining is None else str(q.remaining),
            ]
            for c, text in enumerate(cells):
                self.table.setItem(r, c, _item(text))

    def submit(self) -> None:
        ctx, actor = self.ctx, self.actor
        code, channel = str(self.service.currentData()), str(self.channel.currentData())
        quota, reason = self.value.value(), self.reason.text()

        def done(_: object) -> None:
            self.reason.clear()
            self.message.info(tr("Quota set to {n} for today.", n=quota))
            self.refresher.request()

        self.tasks.run(
            lambda: set_quota(ctx, actor, code, channel, quota, reason), done, self.message.error
        )


class TicketsPage(QWidget):
    def __init__(self, ctx: QueueContext, tasks: Tasks, actor: Actor) -> None:
        super().__init__()
        self.setObjectName("ticketsPage")
        self.ctx, self.tasks, self.actor = ctx, tasks, actor
        self.rows: list[TicketRow] = []
        _, layout, self.message = _page("", tr("Today's tickets"))
        self.setLayout(layout)
        self.search = QLineEdit(objectName="ticketSearch", placeholderText=tr("Number, e.g. A-023"))
        self.search.textChanged.connect(lambda _: self.refresher.request())
        self.table = _table(
            "ticketsTable",
            [
                tr("Number"),
                tr("Service"),
                tr("Channel"),
                tr("Status"),
                tr("Issued"),
                tr("Counter"),
                tr("Kiosk"),
                tr("Print"),
            ],
        )
        self.kiosk = QLineEdit(
            objectName="reprintKiosk", placeholderText=tr("Kiosk (default: the issuing kiosk)")
        )
        reprint = QPushButton(tr("Reprint"), objectName="reprintButton")
        reprint.clicked.connect(self.reprint)
        cancel_button = QPushButton(tr("Cancel ticket…"), objectName="cancelTicketButton")
        cancel_button.setProperty("role", "danger")
        cancel_button.clicked.connect(self.cancel)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(self.kiosk, 1)
        row.addWidget(reprint)
        row.addStretch(1)
        row.addWidget(cancel_button)
        layout.addLayout(row)
        text = self.search.text
        self.refresher = Refresher(
            tasks, lambda: tickets_today(ctx, text()), self._apply, self.message.error, self
        )

    def _apply(self, rows: list[TicketRow]) -> None:
        s = self.ctx.settings
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, t in enumerate(rows):
            cells = [
                t.number,
                service_name(s, t.service),
                channel_word(t.channel),
                ticket_status_word(t.status),
                local_hm(s, t.issued_at),
                str(t.counter or ""),
                t.kiosk_id or "",
                print_state_word(t.print_state),
            ]
            for c, text in enumerate(cells):
                self.table.setItem(r, c, _item(text, t.id))

    def selected(self) -> TicketRow | None:
        items = self.table.selectedItems()
        if not items:
            self.message.error(tr("Select a ticket first."))
            return None
        tid = items[0].data(ID_ROLE)
        return next((t for t in self.rows if t.id == tid), None)

    def reprint(self) -> None:
        t = self.selected()
        if t is None:
            return
        ctx, actor, kiosk = self.ctx, self.actor, self.kiosk.text().strip() or None
        self.tasks.run(
            lambda: request_reprint(ctx, actor, t.id, kiosk),
            lambda job: self.message.info(
                tr("Reprint of {number} sent to {kiosk}.", number=t.number, kiosk=job.kiosk_id)
            ),
            self.message.error,
        )

    def cancel(self) -> None:
        t = self.selected()
        if t is None:
            return
        dialog = ReasonDialog(
            "cancelReasonDialog",
            tr("Cancel {number}", number=t.number),
            tr("Cancel {number}: why?", number=t.number),
            tr("Cancel ticket"),
            self,
        )
        ctx, actor = self.ctx, self.actor

        def go() -> None:
            reason = dialog.text()
            self.tasks.run(
                lambda: cancel(ctx, actor, t.id, reason),
                lambda v: (
                    self.message.info(tr("{number} cancelled.", number=v.number)),
                    self.refresher.request(),
                ),
                self.message.error,
            )

        dialog.accepted.connect(go)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()


class ImportPage(QWidget):
    def __init__(self, ctx: QueueContext, tasks: Tasks, actor: Actor) -> None:
        super().__init__()
        self.setObjectName("importPage")
        self.ctx, self.tasks, self.actor = ctx, tasks, actor
        _, layout, self.message = _page("", tr("Import bookings"))
        self.setLayout(layout)
        hint = QLabel(
            tr(
                "The central booking system's daily export (CSV or JSON). Importing the same "
                "file again changes nothing."
            ),
            objectName="muted",
        )
        hint.setWordWrap(True)
        self.path = QLineEdit(objectName="importPath", placeholderText=tr("File to import"))
        browse = QPushButton(tr("Choose file…"), objectName="importBrowse")
        browse.setProperty("role", "secondary")
        browse.clicked.connect(self.browse)
        self.button = QPushButton(tr("Import"), objectName="importButton")
        self.button.clicked.connect(self.submit)
        self.report = QPlainTextEdit(objectName="importReport")
        self.report.setReadOnly(True)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        row.addWidget(self.button)
        layout.addWidget(hint)
        layout.addLayout(row)
        layout.addWidget(self.report, 1)

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            tr("Booking export"),
            "",
            tr("Booking exports (*.csv *.json);;All files (*)"),
        )
        if path:
            self.path.setText(path)

    def submit(self) -> None:
        path = self.path.text().strip()
        if not path:
            self.message.error(tr("Choose the export file first."))
            return
        ctx, actor = self.ctx, self.actor
        self.button.setEnabled(False)

        def done(report: ImportReport) -> None:
            self.button.setEnabled(True)
            summary = tr(
                "{file}: {imported} imported, {updated} updated, {unchanged} unchanged, "
                "{rejected} rejected",
                file=report.file,
                imported=report.imported,
                updated=report.updated,
                unchanged=report.unchanged,
                rejected=len(report.rejected),
            )
            lines = [summary]
            lines += [
                "  " + tr("line {n}: {reason}", n=r.line, reason=r.reason) for r in report.rejected
            ]
            self.report.setPlainText("\n".join(lines))
            self.message.info(summary)

        def failed(text: str) -> None:
            self.button.setEnabled(True)
            self.message.error(text)

        self.tasks.run(lambda: import_bookings(ctx, actor, path), done, failed)
