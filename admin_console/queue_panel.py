"""The live queue of a counter: who "call next" would call, in order, and today's no-shows
that can be put back in line. Filled by the counter view from one background read."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from admin_console.common import (
    channel_word,
    local_hm,
    minutes_text,
    reason_name,
    service_name,
)
from admin_console.text import tr
from config.settings import Channel, Settings
from db.read.dashboard import LineEntry, NoShowEntry
from db.read.estimate import ExpectedCall
from db.rules.policy import Waiting, waited_minutes

ID_ROLE = Qt.ItemDataRole.UserRole


FUNCTION_KEYS = frozenset(range(Qt.Key.Key_F1.value, Qt.Key.Key_F12.value + 1))


class Table(QTableWidget):
    """A read-only table that leaves the function keys to the console's actions (an item
    view would otherwise take F2 as "edit" whenever it has the focus)."""

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() in FUNCTION_KEYS
        ):
            event.ignore()
            return False
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in FUNCTION_KEYS:
            event.ignore()
            return
        super().keyPressEvent(event)


def _table(name: str, headers: list[str]) -> QTableWidget:
    table = Table(0, len(headers), objectName=name)
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(34)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


def _item(text: str, ticket_id: int | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if ticket_id is not None:
        item.setData(ID_ROLE, ticket_id)
    return item


def expected_text(settings: Settings, call: ExpectedCall | None) -> str:
    """When a ticket is expected to be called: "10:25 (10:15-10:40)", the median and the
    80 % range, to the minute; "-" when no counter is expected to call it."""
    if call is None:
        return "-"
    low, median, high = (local_hm(settings, t) for t in (call.low, call.median, call.high))
    if low == high:
        return median
    return tr("{time} ({low}-{high})", time=median, low=low, high=high)


class QueuePanel(QWidget):
    line_activated = Signal(int)  # ticket id double-clicked in the line

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.line: list[LineEntry] = []
        self.no_shows: list[NoShowEntry] = []
        self.line_title = QLabel(tr("Waiting"), objectName="sectionTitle")
        self.line_table = _table(
            "lineTable",
            [
                "#",
                tr("Number"),
                tr("Service"),
                tr("Channel"),
                tr("Waiting"),
                tr("Booking slot"),
                tr("Expected call"),
            ],
        )
        self.no_show_title = QLabel(tr("No-shows today"), objectName="sectionTitle")
        self.no_show_table = _table(
            "noShowTable", [tr("Number"), tr("Service"), tr("Counter"), tr("No-show at")]
        )
        self.no_show_table.setMaximumHeight(220)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line_title)
        layout.addWidget(self.line_table, 3)
        layout.addSpacing(8)
        layout.addWidget(self.no_show_title)
        layout.addWidget(self.no_show_table, 1)
        self.line_table.itemDoubleClicked.connect(
            lambda item: self.line_activated.emit(int(item.data(ID_ROLE)))
        )
        # The selected tickets by id: a refresh that re-sorts the rows moves the selection
        # with its ticket, and actions always name the ticket the officer picked.
        self._line_pick: int | None = None
        self._no_show_pick: int | None = None
        self._filling = False
        self.line_table.itemSelectionChanged.connect(self._line_picked)
        self.no_show_table.itemSelectionChanged.connect(self._no_show_picked)

    # --- filling -------------------------------------------------------------------------

    def set_data(
        self,
        line: list[LineEntry],
        no_shows: list[NoShowEntry],
        now: dt.datetime,
        expected: dict[int, ExpectedCall] | None = None,
    ) -> None:
        """``expected``: when each waiting ticket is expected to be called."""
        self._filling = True
        try:
            self._fill(line, no_shows, now, expected or {})
        finally:
            self._filling = False

    def _fill(
        self,
        line: list[LineEntry],
        no_shows: list[NoShowEntry],
        now: dt.datetime,
        expected: dict[int, ExpectedCall],
    ) -> None:
        self.line, self.no_shows = line, no_shows
        s = self._settings
        self.line_title.setText(tr("Waiting for this counter ({n}), in calling order", n=len(line)))
        table = self.line_table
        table.setRowCount(len(line))
        for row, e in enumerate(line):
            number = e.number
            if e.put_back:
                number = tr("{number}  · put back", number=e.number)
            elif e.sent_here:
                number = tr("{number}  · sent here", number=e.number)
            channel = channel_word(e.channel)
            if e.channel == Channel.PRIORITY and e.priority_reason:
                channel += f" ({reason_name(s, e.priority_reason)})"
            cells = [
                str(e.position),
                number,
                service_name(s, e.service),
                channel,
                "",
                local_hm(s, e.slot_start) if e.slot_start else "",
                expected_text(s, expected.get(e.ticket_id)),
            ]
            for col, text in enumerate(cells):
                table.setItem(row, col, _item(text, e.ticket_id))
        self.tick(now)
        self.no_show_title.setText(
            tr("No-shows today ({n}): select one to put back", n=len(no_shows))
        )
        table = self.no_show_table
        table.setRowCount(len(no_shows))
        for row, n in enumerate(no_shows):
            cells = [
                n.number,
                service_name(s, n.service),
                str(n.counter or ""),
                local_hm(s, n.no_show_at),
            ]
            for col, text in enumerate(cells):
                table.setItem(row, col, _item(text, n.ticket_id))
        if self._line_pick not in {e.ticket_id for e in line}:
            self._line_pick = None
        if self._no_show_pick not in {n.ticket_id for n in no_shows}:
            self._no_show_pick = None
        self._reselect(self.line_table, self._line_pick)
        self._reselect(self.no_show_table, self._no_show_pick)

    def tick(self, now: dt.datetime) -> None:
        """Recompute the waiting column from the clock alone."""
        for row, e in enumerate(self.line):
            w = Waiting(e.ticket_id, e.service, e.channel, e.queued_at, e.slot_start)
            minutes = waited_minutes(w, now)
            text = (
                minutes_text(minutes)
                if minutes >= 0
                else tr("slot in {time}", time=minutes_text(-minutes))
            )
            item = self.line_table.item(row, 4)
            if item is not None and item.text() != text:
                item.setText(text)

    @staticmethod
    def _reselect(table: QTableWidget, ticket_id: int | None) -> None:
        table.clearSelection()
        if ticket_id is None:
            return
        for row in range(table.rowCount()):
            item = table.item(row, 0)
            if item is not None and item.data(ID_ROLE) == ticket_id:
                table.selectRow(row)
                return

    # --- selection -----------------------------------------------------------------------

    @staticmethod
    def _picked_id(table: QTableWidget) -> int | None:
        rows = table.selectionModel().selectedRows()
        item = table.item(rows[0].row(), 0) if rows else None
        return int(item.data(ID_ROLE)) if item is not None else None

    def _line_picked(self) -> None:
        if not self._filling:
            self._line_pick = self._picked_id(self.line_table)

    def _no_show_picked(self) -> None:
        if not self._filling:
            self._no_show_pick = self._picked_id(self.no_show_table)

    def selected_line(self) -> LineEntry | None:
        return next((e for e in self.line if e.ticket_id == self._line_pick), None)

    def selected_no_show(self) -> NoShowEntry | None:
        return next((n for n in self.no_shows if n.ticket_id == self._no_show_pick), None)

    def select_line_ticket(self, ticket_id: int) -> None:
        self._line_pick = ticket_id
        self._reselect(self.line_table, ticket_id)

    def select_no_show_ticket(self, ticket_id: int) -> None:
        self._no_show_pick = ticket_id
        self._reselect(self.no_show_table, ticket_id)
