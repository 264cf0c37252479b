"""The supervisor's days page: today and the next 14 days as they stand (the settings with
the supervisors' changes), and the changes themselves: a walk-in day or not, the office
closed with a reason the kiosk shows, a service closed for the rest of today or reopened,
the services a counter calls today. Each change is one queue operation in a worker; the
kiosks and counters follow it at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from admin_console.common import MessageBar, local_hm, long_date, service_name
from admin_console.queue_panel import _item, _table
from admin_console.tasks import Refresher, Tasks
from admin_console.text import language, tr
from db.context import Actor, QueueContext
from db.ops.day_overrides import (
    close_day,
    close_service,
    reopen_day,
    reopen_service,
    set_counter_services,
    set_walk_in_day,
)
from db.read.day_overrides import (
    CLOSED_BY_SUPERVISOR,
    CLOSED_DATE,
    HOLIDAY,
    DayState,
    days_ahead,
)


def office_text(ctx: QueueContext, d: DayState) -> str:
    """Open (and its hours) or closed, and why, as a table cell."""
    if d.info.open_at is not None and d.info.close_at is not None:
        s = ctx.settings
        return tr(
            "open {open}-{close}",
            open=local_hm(s, d.info.open_at),
            close=local_hm(s, d.info.close_at),
        )
    if d.closed_why == CLOSED_BY_SUPERVISOR:
        return tr("closed: {reason}", reason=d.info.notice)
    if d.closed_why == CLOSED_DATE:
        return tr("closed (settings file)")
    if d.closed_why == HOLIDAY:
        return tr("closed: {holiday}", holiday=d.holiday)
    return tr("closed (no opening hours)")


def _changed(text: str, changed: bool) -> str:
    return tr("{value} (changed)", value=text) if changed else text


def _button(text: str, name: str, role: str = "") -> QPushButton:
    button = QPushButton(text, objectName=name)
    if role:
        button.setProperty("role", role)
    return button


def _section(text: str, name: str) -> QLabel:
    return QLabel(text, objectName=name)


class DaysPage(QWidget):
    """The table of days on top; below it, what can be changed of the selected day, and of
    today's services and counters."""

    loaded = Signal()

    def __init__(self, ctx: QueueContext, tasks: Tasks, actor: Actor) -> None:
        super().__init__()
        self.setObjectName("daysPage")
        self.ctx, self.tasks, self.actor = ctx, tasks, actor
        self.days: list[DayState] = []
        self.selected_day: dt.date | None = None
        self.message = MessageBar()
        hint = QLabel(
            tr(
                "Changes take effect at once on the kiosks, the counters and the estimates. "
                "The settings file stays the default: a day without changes follows it."
            ),
            objectName="muted",
        )
        hint.setWordWrap(True)
        self.table: QTableWidget = _table(
            "daysTable",
            [
                tr("Day"),
                tr("Office"),
                tr("Walk-in"),
                tr("Services closed"),
                tr("Counters' services"),
                tr("Changed by"),
            ],
        )
        # Fifteen rows in full above the two rows of changes on a 1080-line screen.
        self.table.verticalHeader().setDefaultSectionSize(32)
        self.table.itemSelectionChanged.connect(self._selection_changed)

        # The selected day: walk-in or not, closed with a reason or reopened.
        self.day_title = _section("", "sectionTitle")
        self.walk_in_button = _button("", "walkInButton", "secondary")
        self.walk_in_button.clicked.connect(self.toggle_walk_in)
        self.close_reason = QLineEdit(
            objectName="closeDayReason",
            placeholderText=tr("Why the office is closed (shown on the kiosk)"),
        )
        self.close_day_button = _button(
            tr("Close the office on this day"), "closeDayButton", "danger"
        )
        self.close_day_button.clicked.connect(self.close_selected_day)
        self.reopen_day_button = _button(tr("Reopen this day"), "reopenDayButton")
        self.reopen_day_button.clicked.connect(self.reopen_selected_day)
        day_row = QHBoxLayout()
        day_row.addWidget(self.walk_in_button)
        day_row.addSpacing(24)
        day_row.addWidget(self.close_reason, 1)
        day_row.addWidget(self.close_day_button)
        day_row.addWidget(self.reopen_day_button)

        # Today: a service closed for the rest of the day, a counter's services.
        self.service = QComboBox(objectName="dayService")
        for s in ctx.settings.services:
            self.service.addItem(s.name.get(language()), s.code)
        self.service.currentIndexChanged.connect(lambda _i: self._show_today())
        self.service_reason = QLineEdit(
            objectName="closeServiceReason", placeholderText=tr("Reason (recorded)")
        )
        self.close_service_button = _button(
            tr("Close for the rest of today"), "closeServiceButton", "danger"
        )
        self.close_service_button.clicked.connect(self.close_service_today)
        self.reopen_service_button = _button(tr("Reopen the service"), "reopenServiceButton")
        self.reopen_service_button.clicked.connect(self.reopen_service_today)
        self.counter = QComboBox(objectName="dayCounter")
        for c in ctx.settings.counters:
            self.counter.addItem(c.name, c.number)
        self.counter.currentIndexChanged.connect(lambda _i: self._show_counter())
        self.counter_services: dict[str, QCheckBox] = {}
        boxes = QHBoxLayout()
        for s in ctx.settings.services:
            box = QCheckBox(s.name.get(language()), objectName=f"counterService_{s.code}")
            self.counter_services[s.code] = box
            boxes.addWidget(box)
        boxes.addSpacing(18)
        self.counter_state = QLabel("", objectName="counterServicesState")
        boxes.addWidget(self.counter_state)
        boxes.addStretch(1)
        self.set_counter_button = _button(tr("Set today's services"), "setCounterServicesButton")
        self.set_counter_button.clicked.connect(self.set_counter_today)
        today = QGridLayout()
        today.setHorizontalSpacing(14)
        today.setVerticalSpacing(10)
        today.addWidget(QLabel(tr("Service")), 0, 0)
        today.addWidget(self.service, 0, 1)
        today.addWidget(self.service_reason, 0, 2)
        today.addWidget(self.close_service_button, 0, 3)
        today.addWidget(self.reopen_service_button, 0, 4)
        today.addWidget(QLabel(tr("Counter")), 1, 0)
        today.addWidget(self.counter, 1, 1)
        today.addLayout(boxes, 1, 2)
        today.addWidget(self.set_counter_button, 1, 3, 1, 2)
        today.setColumnStretch(2, 1)

        selected = QFrame(objectName="card")
        day_box = QVBoxLayout(selected)
        day_box.setContentsMargins(16, 12, 16, 12)
        day_box.addWidget(self.day_title)
        day_box.addLayout(day_row)
        services = QFrame(objectName="card")
        today_box = QVBoxLayout(services)
        today_box.setContentsMargins(16, 12, 16, 12)
        today_box.addWidget(_section(tr("Today only"), "sectionTitle"))
        today_box.addLayout(today)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(QLabel(tr("Today and the next 14 days"), objectName="title"))
        layout.addWidget(self.message)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(selected)
        layout.addWidget(services)
        self.refresher = Refresher(
            tasks, lambda: days_ahead(ctx), self._apply, self.message.error, self
        )
        self._loaded_once = False

    # -- showing ---------------------------------------------------------------------------

    def _apply(self, days: list[DayState]) -> None:
        s = self.ctx.settings
        self.days = days
        keep = self.selected_day
        self.table.blockSignals(True)
        self.table.setRowCount(len(days))
        for r, d in enumerate(days):
            day = long_date(d.day)
            if r == 0:
                day = tr("{day} (today)", day=day)
            closed = ", ".join(service_name(s, code) for code in sorted(d.closed_services))
            changed_counters = [
                f"{s.counter(n).name}: "
                + ", ".join(service_name(s, code) for code in d.counter_services[n])
                for n in sorted(d.changes.counter_services)
                if n in d.counter_services
            ]
            walk_in = tr("yes") if d.walk_in else tr("no")
            cells = [
                day,
                office_text(self.ctx, d),
                _changed(walk_in, d.walk_in_changed),
                closed or "—",
                "; ".join(changed_counters) or tr("as configured"),
                "; ".join(
                    dict.fromkeys(
                        tr(
                            "{who}, {when}",
                            who=e.by,
                            when=f"{e.at.astimezone(s.office.tz):%d-%m %H:%M}",
                        )
                        for e in d.entries
                    )
                )
                or "—",
            ]
            for c, text in enumerate(cells):
                self.table.setItem(r, c, _item(text))
        row = next((r for r, d in enumerate(days) if d.day == keep), 0)
        self.table.selectRow(row)
        self.table.blockSignals(False)
        self.selected_day = days[row].day if days else None
        self._show_selected()
        self._show_today()
        if not self._loaded_once:
            self._loaded_once = True
            self._show_counter()
        self.loaded.emit()

    def selected(self) -> DayState | None:
        return next((d for d in self.days if d.day == self.selected_day), None)

    def today(self) -> DayState | None:
        return self.days[0] if self.days else None

    def _selection_changed(self) -> None:
        rows = {i.row() for i in self.table.selectedItems()}
        if rows and self.days:
            self.selected_day = self.days[min(rows)].day
        self._show_selected()

    def _show_selected(self) -> None:
        d = self.selected()
        self.day_title.setText(
            tr("Selected day: {day}", day=long_date(d.day)) if d else tr("Select a day")
        )
        for w in (self.walk_in_button, self.close_day_button, self.reopen_day_button):
            w.setEnabled(d is not None)
        if d is None:
            return
        self.walk_in_button.setText(
            tr("No walk-in on this day") if d.walk_in else tr("Make it a walk-in day")
        )
        by_supervisor = d.changes.closed is not None
        self.close_day_button.setEnabled(not by_supervisor)
        self.close_reason.setEnabled(not by_supervisor)
        self.reopen_day_button.setEnabled(by_supervisor)

    def _show_today(self) -> None:
        d = self.today()
        code = str(self.service.currentData())
        closed = d is not None and code in d.closed_services
        self.close_service_button.setEnabled(d is not None and not closed)
        self.reopen_service_button.setEnabled(closed)
        if d is not None:
            number = int(self.counter.currentData())
            changed = d.counter_changed(number)
            self.counter_state.setText(
                tr("Changed for today.") if changed else tr("As configured in the settings file.")
            )

    def _show_counter(self) -> None:
        """The chosen counter's services today on the check boxes."""
        d = self.today()
        if d is None:
            return
        number = int(self.counter.currentData())
        calls = d.counter_services.get(number, ())
        for code, box in self.counter_services.items():
            box.setChecked(code in calls)
        self._show_today()

    # -- changing --------------------------------------------------------------------------

    def _run(
        self, work: Callable[[], object], said: str, then: Callable[[], None] | None = None
    ) -> None:
        def done(_: object) -> None:
            self.message.info(said)
            if then is not None:
                then()
            self.refresher.request()

        self.tasks.run(work, done, self.message.error)

    def toggle_walk_in(self) -> None:
        d = self.selected()
        if d is None:
            return
        ctx, actor, day, walk_in = self.ctx, self.actor, d.day, not d.walk_in
        said = (
            tr("{day} is a walk-in day.", day=long_date(day))
            if walk_in
            else tr("No walk-in on {day}.", day=long_date(day))
        )
        self._run(lambda: set_walk_in_day(ctx, actor, day, walk_in), said)

    def close_selected_day(self) -> None:
        d = self.selected()
        if d is None:
            return
        reason = self.close_reason.text()
        if not reason.strip():
            self.message.error(tr("Say why the office is closed: the kiosk shows it."))
            return
        ctx, actor, day = self.ctx, self.actor, d.day
        self._run(
            lambda: close_day(ctx, actor, day, reason),
            tr("The office is closed on {day}.", day=long_date(day)),
            self.close_reason.clear,
        )

    def reopen_selected_day(self) -> None:
        d = self.selected()
        if d is None:
            return
        ctx, actor, day = self.ctx, self.actor, d.day
        self._run(
            lambda: reopen_day(ctx, actor, day),
            tr("{day} follows the settings again.", day=long_date(day)),
        )

    def close_service_today(self) -> None:
        ctx, actor, day = self.ctx, self.actor, self.ctx.today()
        code, reason = str(self.service.currentData()), self.service_reason.text()
        name = service_name(ctx.settings, code)
        self._run(
            lambda: close_service(ctx, actor, day, code, reason),
            tr("{service} is closed for the rest of today.", service=name),
            self.service_reason.clear,
        )

    def reopen_service_today(self) -> None:
        ctx, actor, day = self.ctx, self.actor, self.ctx.today()
        code = str(self.service.currentData())
        name = service_name(ctx.settings, code)
        self._run(
            lambda: reopen_service(ctx, actor, day, code),
            tr("{service} is open again.", service=name),
        )

    def set_counter_today(self) -> None:
        ctx, actor, day = self.ctx, self.actor, self.ctx.today()
        number = int(self.counter.currentData())
        codes = [code for code, box in self.counter_services.items() if box.isChecked()]
        name = ctx.settings.counter(number).name
        self._run(
            lambda: set_counter_services(ctx, actor, day, number, codes),
            tr("{counter} calls its chosen services today.", counter=name),
        )
