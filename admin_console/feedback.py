"""The supervisor's feedback page: the complaint inbox (answer, mark in progress), the
satisfaction index (IKM) of a month per element, and the complaints recap by category ×
month; each exportable as CSV. Every read and write runs in a worker (``Tasks``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from admin_console.common import MessageBar, local_hm, month_names
from admin_console.queue_panel import ID_ROLE, _item, _table
from admin_console.tasks import Refresher, Tasks
from admin_console.text import language, tr
from db.context import Actor, QueueContext
from db.models import ComplaintStatus
from db.ops.feedback import answer_complaint
from db.read.complaints import ComplaintView, list_complaints
from db.read.feedback_reports import (
    ComplaintRecap,
    SurveyIndex,
    complaint_recap,
    complaint_recap_csv,
    complaints_csv,
    ikm_grade,
    month_bounds,
    survey_csv,
    survey_index,
)
from db.rules.feedback import ELEMENTS


def category_word(code: str) -> str:
    words = {
        "app_unreachable": tr("Booking app unreachable"),
        "verification_failed": tr("E-mail / account verification failed"),
        "quota_full": tr("Quota full when booking"),
        "phone_not_supported": tr("Phone not supported"),
        "no_smartphone": tr("No smartphone"),
        "office_problem": tr("Problem in this office"),
        "other": tr("Other"),
    }
    return words.get(code, code)


def element_word(code: str) -> str:
    words = {
        "requirements": tr("Requirements"),
        "procedure": tr("Procedure"),
        "time": tr("Service time"),
        "cost": tr("Cost / fee"),
        "product": tr("Product"),
        "competence": tr("Competence"),
        "behaviour": tr("Behaviour"),
        "complaint_handling": tr("Complaint handling"),
        "facilities": tr("Facilities"),
    }
    return words.get(code, code)


def status_words() -> dict[str, str]:
    """A complaint's state."""
    return {"new": tr("New"), "in_progress": tr("In progress"), "answered": tr("Answered")}


def answered_text(receipt: str, status: str) -> str:
    words = {
        "new": tr("{receipt}: new."),
        "in_progress": tr("{receipt}: in progress."),
        "answered": tr("{receipt}: answered."),
    }
    return words.get(status, "{receipt}: " + status).format(receipt=receipt)


@dataclass(frozen=True)
class FeedbackData:
    complaints: list[ComplaintView]
    index: SurveyIndex
    recap: ComplaintRecap


class FeedbackPage(QWidget):
    loaded = Signal()

    def __init__(self, ctx: QueueContext, tasks: Tasks, actor: Actor) -> None:
        super().__init__()
        self.setObjectName("feedbackPage")
        self.ctx, self.tasks, self.actor = ctx, tasks, actor
        self.data: FeedbackData | None = None
        today = ctx.today()
        self.message = MessageBar()
        self.year = QSpinBox(objectName="feedbackYear")
        self.year.setRange(2020, 2100)
        self.year.setValue(today.year)
        self.month = QComboBox(objectName="feedbackMonth")
        for i, name in enumerate(month_names(), start=1):
            self.month.addItem(name, i)
        self.month.setCurrentIndex(today.month - 1)
        self.status = QComboBox(objectName="complaintFilter")
        self.status.addItem(tr("All complaints"), None)
        for key, word in status_words().items():
            self.status.addItem(word, key)
        for combo in (self.month, self.status):
            combo.currentIndexChanged.connect(lambda _=0: self.refresher.request())
        self.year.valueChanged.connect(lambda _=0: self.refresher.request())
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Feedback"), objectName="title"))
        top.addStretch(1)
        for caption, widget in ((tr("Month"), self.month), (tr("Year"), self.year)):
            top.addWidget(QLabel(caption))
            top.addWidget(widget)
        self.tabs = QTabWidget(objectName="feedbackTabs")
        self.tabs.addTab(self._inbox(), tr("Complaints"))
        self.tabs.addTab(self._survey(), tr("Satisfaction survey"))
        self.tabs.addTab(self._recap(), tr("Complaints by month"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        self.refresher = Refresher(tasks, self._query, self._apply, self.message.error, self)

    # -- layout -----------------------------------------------------------------------------

    def _inbox(self) -> QWidget:
        page = QWidget()
        self.complaints_table = _table(
            "complaintsTable",
            [
                tr("Receipt"),
                tr("Filed"),
                tr("Category"),
                tr("Text"),
                tr("Contact"),
                tr("Status"),
                tr("Answered by"),
            ],
        )
        self.complaints_table.itemSelectionChanged.connect(self._selected_changed)
        self.response = QPlainTextEdit(objectName="complaintResponse")
        self.response.setPlaceholderText(tr("Response note (what the office did or answered)"))
        self.response.setMaximumHeight(110)
        progress = QPushButton(tr("Mark in progress"), objectName="complaintProgressButton")
        progress.setProperty("role", "secondary")
        progress.clicked.connect(lambda: self.answer(ComplaintStatus.IN_PROGRESS))
        answer = QPushButton(tr("Save answer"), objectName="complaintAnswerButton")
        answer.clicked.connect(lambda: self.answer(ComplaintStatus.ANSWERED))
        export = QPushButton(tr("Export CSV…"), objectName="complaintsExportButton")
        export.setProperty("role", "secondary")
        export.clicked.connect(lambda: self.choose_export("complaints"))
        row = QHBoxLayout()
        row.addWidget(self.status)
        row.addStretch(1)
        row.addWidget(export)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(progress)
        buttons.addWidget(answer)
        layout = QVBoxLayout(page)
        layout.addLayout(row)
        layout.addWidget(self.complaints_table, 1)
        layout.addWidget(self.response)
        layout.addLayout(buttons)
        return page

    def _survey(self) -> QWidget:
        page = QWidget()
        figures = QHBoxLayout()
        self.figures: dict[str, QLabel] = {}
        for key, caption in (
            ("respondents", tr("Respondents")),
            ("ikm", tr("Satisfaction index (IKM)")),
            ("grade", tr("Service quality")),
        ):
            card = QFrame(objectName="card")
            value = QLabel("–", objectName=f"survey_{key}")
            value.setProperty("role", "figure")
            box = QVBoxLayout(card)
            box.addWidget(value)
            box.addWidget(QLabel(caption, objectName="figureCaption"))
            figures.addWidget(card)
            self.figures[key] = value
        self.elements_table = _table(
            "surveyElementsTable",
            [tr("Element"), tr("Mean (1–4)"), tr("Index (25–100)"), tr("Grade")],
        )
        note = QLabel(
            tr(
                "IKM = mean of the nine element means × 25 (Permenpan RB 14/2017). "
                "A 88.31–100 very good · B 76.61–88.30 good · C 65.00–76.60 not good · "
                "D 25.00–64.99 poor."
            ),
            objectName="muted",
        )
        note.setWordWrap(True)
        export = QPushButton(tr("Export year CSV…"), objectName="surveyExportButton")
        export.setProperty("role", "secondary")
        export.clicked.connect(lambda: self.choose_export("survey"))
        layout = QVBoxLayout(page)
        layout.addLayout(figures)
        layout.addWidget(self.elements_table, 1)
        layout.addWidget(note)
        layout.addWidget(export)
        return page

    def _recap(self) -> QWidget:
        page = QWidget()
        self.recap_table = _table(
            "recapTable", [tr("Category"), *month_names(), tr("Total"), tr("Share")]
        )
        export = QPushButton(tr("Export CSV…"), objectName="recapExportButton")
        export.setProperty("role", "secondary")
        export.clicked.connect(lambda: self.choose_export("recap"))
        layout = QVBoxLayout(page)
        layout.addWidget(self.recap_table, 1)
        layout.addWidget(export)
        return page

    # -- data -------------------------------------------------------------------------------

    def _query(self) -> FeedbackData:
        ctx, actor = self.ctx, self.actor
        year, month = self.year.value(), int(self.month.currentData())
        status = self.status.currentData()
        return FeedbackData(
            list_complaints(ctx, actor, status),
            survey_index(ctx, actor, *month_bounds(year, month)),
            complaint_recap(ctx, actor, year),
        )

    def _apply(self, data: FeedbackData) -> None:
        self.data = data
        s = self.ctx.settings
        table = self.complaints_table
        table.setRowCount(len(data.complaints))
        for r, c in enumerate(data.complaints):
            cells = [
                c.receipt,
                f"{c.filed_at.astimezone(s.office.tz):%d-%m %H:%M}",
                category_word(c.category),
                c.text,
                c.contact or "",
                status_words().get(c.status, c.status),
                f"{c.answered_by} {local_hm(s, c.answered_at)}" if c.answered_by else "",
            ]
            for col, text in enumerate(cells):
                table.setItem(r, col, _item(text, c.id))
        index = data.index
        self.figures["respondents"].setText(str(index.respondents))
        self.figures["ikm"].setText("–" if index.ikm is None else f"{index.ikm:.2f}")
        grade = ikm_grade(index.ikm) if index.ikm is not None else None
        word = (grade[1] if language() == "id" else grade[2]) if grade else ""
        self.figures["grade"].setText(f"{grade[0]} · {word}" if grade else "–")
        rows = []
        for e in ELEMENTS:
            mean = index.element_means.get(e)
            value = None if mean is None else round(mean * 25, 2)
            rows.append(
                [
                    element_word(e),
                    "" if mean is None else f"{mean:.2f}",
                    "" if value is None else f"{value:.2f}",
                    "" if value is None else ikm_grade(value)[0],
                ]
            )
        self._fill(self.elements_table, rows)
        recap = data.recap
        recap_rows = [
            [
                category_word(c),
                *(str(n) for n in recap.counts[c]),
                str(recap.total_of(c)),
                f"{recap.share(c) * 100:.1f} %",
            ]
            for c in recap.counts
        ]
        recap_rows.append(
            [tr("Total"), *(str(recap.month_total(m)) for m in range(1, 13)), str(recap.total), ""]
        )
        self._fill(self.recap_table, recap_rows)
        self.loaded.emit()

    @staticmethod
    def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
        table.setRowCount(len(rows))
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells):
                table.setItem(r, c, _item(text))

    # -- actions ----------------------------------------------------------------------------

    def selected(self) -> ComplaintView | None:
        items = self.complaints_table.selectedItems()
        if not items or self.data is None:
            return None
        cid = items[0].data(ID_ROLE)
        return next((c for c in self.data.complaints if c.id == cid), None)

    def _selected_changed(self) -> None:
        c = self.selected()
        if c is not None:
            self.response.setPlainText(c.response)

    def answer(self, status: ComplaintStatus) -> None:
        c = self.selected()
        if c is None:
            self.message.error(tr("Select a complaint first."))
            return
        ctx, actor, note = self.ctx, self.actor, self.response.toPlainText()

        def done(view: ComplaintView) -> None:
            self.message.info(answered_text(view.receipt, view.status))
            self.refresher.request()

        self.tasks.run(
            lambda: answer_complaint(ctx, actor, c.id, note, status), done, self.message.error
        )

    def choose_export(self, kind: str) -> None:
        name = f"{kind}-{self.year.value()}.csv"
        path, _ = QFileDialog.getSaveFileName(self, tr("Export CSV"), name, tr("CSV files (*.csv)"))
        if path:
            self.export_to(Path(path), kind)

    def export_to(self, path: Path, kind: str) -> None:
        """Write the CSV in a worker: ``complaints`` (all), ``survey`` or ``recap`` (year)."""
        ctx, actor, year = self.ctx, self.actor, self.year.value()
        makers = {
            "complaints": lambda: complaints_csv(ctx, actor),
            "survey": lambda: survey_csv(ctx, actor, year),
            "recap": lambda: complaint_recap_csv(ctx, actor, year),
        }
        make = makers[kind]

        def work() -> Path:
            # UTF-8 with a byte-order mark: spreadsheet programs then read the accents right.
            path.write_text(make(), encoding="utf-8-sig", newline="")
            return path

        self.tasks.run(
            work, lambda p: self.message.info(tr("Saved {path}.", path=p)), self.message.error
        )
