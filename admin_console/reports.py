"""The supervisor's reports page: a day or a month in figures, bar charts (arrivals per hour,
tickets per service, served per counter, quota use) and tables (by service and channel, per
counter, per officer, quota use, complaints, transfers), exportable as CSV and PDF. The
report is computed and the files are written in a worker (``Tasks``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QDate, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from admin_console.common import MessageBar, month_names
from admin_console.queue_panel import _item, _table
from admin_console.tasks import Refresher, Tasks
from admin_console.text import tr
from db.context import Actor, QueueContext
from db.read.feedback_reports import MONTHS
from db.read.reports import PeriodReport, day_report, month_report, table_sections, to_csv
from ui.report_pdf import chart_series, draw_bars, pdf_bytes


def table_tabs() -> tuple[tuple[int, str, str], ...]:
    """The tables shown in tabs: (index in ``table_sections``, tab title, object name)."""
    return (
        (1, tr("By service and channel"), "reportServicesTable"),
        (2, tr("Per counter"), "reportCountersTable"),
        (3, tr("Per officer"), "reportOfficersTable"),
        (5, tr("Quota use"), "reportQuotasTable"),
        (6, tr("Complaints"), "reportComplaintsTable"),
        (7, tr("Complaints by month"), "reportRecapTable"),
        (8, tr("Transfers"), "reportTransfersTable"),
    )


def figures() -> dict[str, str]:
    return {
        "issued": tr("Tickets issued"),
        "served": tr("Served"),
        "no_shows": tr("No-shows"),
        "cancelled": tr("Cancelled"),
        "wait": tr("Avg wait"),
        "service": tr("Avg service"),
    }


def header_word(header: str) -> str:
    """A column of the report's tables (``table_sections``, English as in the CSV file)."""
    words = {
        "figure": tr("Figure"),
        "value": tr("Value"),
        "service": tr("Service"),
        "channel": tr("Channel"),
        "issued": tr("Issued"),
        "served": tr("Served"),
        "no-shows": tr("No-shows"),
        "cancelled": tr("Cancelled"),
        "counter": tr("Counter"),
        "name": tr("Name"),
        "officer": tr("Officer"),
        "service mean (min)": tr("Service mean (min)"),
        "service p90 (min)": tr("Service p90 (min)"),
        "hour": tr("Hour"),
        "tickets": tr("Tickets"),
        "quota": tr("Quota"),
        "use %": tr("Use %"),
        "category": tr("Category"),
        "complaints": tr("Complaints"),
        "total": tr("Total"),
        "to": tr("Transferred to"),
        "target": tr("Target"),
        "transfers": tr("Transfers"),
    }
    words.update(zip(MONTHS, month_names(), strict=True))
    return words.get(header, header[:1].upper() + header[1:])


def chart_title(title: str) -> str:
    """A chart's title (``chart_series``, English as in the PDF)."""
    words = {
        "Arrivals per hour": tr("Arrivals per hour"),
        "Tickets per service": tr("Tickets per service"),
        "Served per counter": tr("Served per counter"),
        "Quota use %": tr("Quota use %"),
    }
    return words.get(title, title)


def report_title(report: PeriodReport) -> str:
    if report.kind == "day":
        return tr("Day report {date}", date=f"{report.start:%d-%m-%Y}")
    month = month_names()[report.start.month - 1]
    return tr("Month report {month} {year}", month=month, year=report.start.year)


class BarChart(QWidget):
    """A bar chart drawn with ``QPainter`` (the same drawing as in the PDF)."""

    def __init__(self, name: str) -> None:
        super().__init__(objectName=name)
        self.title = ""
        self.items: list[tuple[str, float]] = []
        self.value_format = "{:g}"
        self.top: float | None = None
        self.setMinimumHeight(210)

    def set_data(
        self,
        title: str,
        items: Sequence[tuple[str, float]],
        value_format: str = "{:g}",
        top: float | None = None,
    ) -> None:
        self.title, self.items, self.value_format, self.top = title, list(items), value_format, top
        self.setAccessibleName(title)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(360, 230)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(8, 6, -8, -4)
        size = max(9.0, self.font().pointSizeF() * 0.85)
        draw_bars(
            painter,
            rect,
            self.title,
            self.items,
            point_size=size,
            value_format=self.value_format,
            top=self.top,
        )
        painter.end()


def _minutes(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


class ReportsPage(QWidget):
    loaded = Signal()

    def __init__(self, ctx: QueueContext, tasks: Tasks, actor: Actor) -> None:
        super().__init__()
        self.setObjectName("reportsPage")
        self.ctx, self.tasks, self.actor = ctx, tasks, actor
        self.report: PeriodReport | None = None
        self.message = MessageBar()
        self.kind = QComboBox(objectName="reportKind")
        self.kind.addItem(tr("Day"), "day")
        self.kind.addItem(tr("Month"), "month")
        self.date = QDateEdit(objectName="reportDate")
        self.date.setCalendarPopup(True)
        today = ctx.today()
        self.date.setDate(QDate(today.year, today.month, today.day))
        self.date.setDisplayFormat("dd-MM-yyyy")
        self.period: tuple[str, dt.date] = ("day", today)
        self.kind.currentIndexChanged.connect(self._period_changed)
        self.date.dateChanged.connect(self._period_changed)
        csv_button = QPushButton(tr("Export CSV…"), objectName="reportCsvButton")
        pdf_button = QPushButton(tr("Export PDF…"), objectName="reportPdfButton")
        for b in (csv_button, pdf_button):
            b.setProperty("role", "secondary")
        csv_button.clicked.connect(lambda: self.choose_export("csv"))
        pdf_button.clicked.connect(lambda: self.choose_export("pdf"))
        self.heading = QLabel(tr("Reports"), objectName="title")
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.kind)
        top.addWidget(self.date)
        top.addSpacing(16)
        top.addWidget(csv_button)
        top.addWidget(pdf_button)

        self.figures: dict[str, QLabel] = {}
        self.captions: dict[str, QLabel] = {}
        cards = QHBoxLayout()
        for key, caption in figures().items():
            card = QFrame(objectName="card")
            value = QLabel("–", objectName=f"report_{key}")
            value.setProperty("role", "figure")
            value.setAccessibleName(caption)
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label = QLabel(caption, objectName="figureCaption")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            box = QVBoxLayout(card)
            box.setContentsMargins(6, 8, 6, 8)
            box.addWidget(value)
            box.addWidget(label)
            cards.addWidget(card)
            self.figures[key] = value
            self.captions[key] = label

        self.charts = [BarChart(f"reportChart{i}") for i in range(4)]
        chart_row = QGridLayout()
        for i, chart in enumerate(self.charts):
            chart_row.addWidget(chart, 0, i)

        self.tables: dict[int, QTableWidget] = {}
        self.tabs = QTabWidget(objectName="reportTabs")
        for index, title, name in table_tabs():
            table = _table(name, [])
            self.tables[index] = table
            self.tabs.addTab(table, title)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addLayout(cards)
        layout.addLayout(chart_row)
        layout.addWidget(self.tabs, 1)
        self.refresher = Refresher(tasks, self._query, self._apply, self.message.error, self)

    # -- data -------------------------------------------------------------------------------

    def _period_changed(self) -> None:
        kind = str(self.kind.currentData())
        self.date.setDisplayFormat("dd-MM-yyyy" if kind == "day" else "MM-yyyy")
        q = self.date.date()
        self.period = (kind, dt.date(q.year(), q.month(), q.day()))
        self.refresher.request()

    def set_period(self, kind: str, day: dt.date) -> None:
        """Show the report of ``day`` (``day``) or of its month (``month``)."""
        self.kind.setCurrentIndex(0 if kind == "day" else 1)
        self.date.setDate(QDate(day.year, day.month, day.day))
        self._period_changed()

    def _query(self) -> PeriodReport:
        kind, day = self.period  # set on the UI thread; read here as one tuple
        if kind == "day":
            return day_report(self.ctx, self.actor, day)
        return month_report(self.ctx, self.actor, day.year, day.month)

    def _apply(self, report: PeriodReport) -> None:
        self.report = report
        self.heading.setText(report_title(report))
        values = {
            "issued": str(report.issued),
            "served": str(report.served),
            "no_shows": str(report.no_shows),
            "cancelled": str(report.cancelled),
            "wait": _minutes(report.wait.mean),
            "service": _minutes(report.service.mean),
        }
        for key, text in values.items():
            self.figures[key].setText(text)
        for key, durations in (("wait", report.wait), ("service", report.service)):
            self.captions[key].setText(
                tr(
                    "{caption} · p90 {minutes} min",
                    caption=figures()[key],
                    minutes=_minutes(durations.p90),
                )
            )
        for chart, series in zip(self.charts, chart_series(report), strict=True):
            title, items, value_format, top = series
            chart.set_data(chart_title(title), items, value_format, top)
        sections = table_sections(report)
        for index, table in self.tables.items():
            _title, header, rows = sections[index]
            table.clear()
            table.setColumnCount(len(header))
            table.setHorizontalHeaderLabels([header_word(h) for h in header])
            table.setRowCount(len(rows))
            for r, cells in enumerate(rows):
                for c, value in enumerate(cells):
                    table.setItem(r, c, _item("" if value is None else str(value)))
        self.loaded.emit()

    # -- export -----------------------------------------------------------------------------

    def choose_export(self, fmt: str) -> None:
        if self.report is None:
            self.message.error(tr("The report is not ready yet."))
            return
        name = f"report-{self.report.label}.{fmt}"
        if fmt == "csv":
            caption, kinds = tr("Export CSV"), tr("CSV files (*.csv)")
        else:
            caption, kinds = tr("Export PDF"), tr("PDF files (*.pdf)")
        path, _ = QFileDialog.getSaveFileName(self, caption, name, kinds)
        if path:
            self.export_to(Path(path), fmt)

    def export_to(self, path: Path, fmt: str) -> None:
        """Write the report on screen as CSV or PDF, in a worker."""
        report = self.report
        if report is None:
            self.message.error(tr("The report is not ready yet."))
            return

        # The PDF is drawn here, on the UI thread (fonts are not thread-safe); only the
        # writing waits on the worker.
        pdf = pdf_bytes(report) if fmt == "pdf" else b""

        def work() -> Path:
            if fmt == "pdf":
                path.write_bytes(pdf)
                return path
            # UTF-8 with a byte-order mark: spreadsheet programs then read the accents right.
            path.write_text(to_csv(report), encoding="utf-8-sig", newline="")
            return path

        self.tasks.run(
            work, lambda p: self.message.info(tr("Saved {path}.", path=p)), self.message.error
        )
