"""Assisted mode: staff find one of today's bookings by its code or a part of the name, see
up to ten with the full names, sessions and who is checked in already, and pick one: the
booking's summary then asks staff to confirm before it is checked in."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QBoxLayout, QVBoxLayout, QWidget

from db.read.booking_search import MIN_QUERY, BookingMatch
from kiosk.dates import format_time
from kiosk.screens.base import KioskState, Screen, ScreenName, centered
from kiosk.text import tr
from kiosk.widgets import Keyboard, ResponsiveGrid, Tile, make_button, make_label

MAX_QUERY = 32
SHOWN = 10  # results on screen at once (two columns in landscape); more means: type more


class SearchScreen(Screen):
    name = ScreenName.SEARCH
    search = Signal(str)
    picked = Signal(str)  # a booking code
    back = Signal()

    def __init__(self, state: KioskState) -> None:
        super().__init__(state)
        self.text = ""
        self.results: list[BookingMatch] | None = None
        self.more = False
        self.searching = False
        self.prompt = self.add_label("body", "search_prompt")
        self.typing = row = QWidget()
        line = QVBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        self.display = make_label("code", "search_display")
        line.addWidget(self.display)
        self.keyboard = Keyboard("search_keyboard", space=True)
        self.keyboard.typed.connect(self.type)
        self.keyboard.erased.connect(self.erase)
        line.addWidget(centered(self.keyboard))
        self.go_button = make_button("search_go", "primary")
        self.go_button.clicked.connect(self.submit)
        line.addWidget(self.go_button)
        line.addStretch(1)
        panel = QWidget()
        self.list = QVBoxLayout(panel)
        self.list.setContentsMargins(0, 0, 0, 0)
        self.list.setSpacing(14)
        self.status = make_label("body", "search_status")
        self.list.addWidget(self.status)
        self.tiles: list[Tile] = []
        for i in range(SHOWN):
            tile = Tile(f"search_result_{i}")
            tile.clicked.connect(lambda _=False, n=i: self._pick(n))
            tile.hide()
            self.tiles.append(tile)
        self.grid = ResponsiveGrid(portrait=1, landscape=2)
        self.grid.set_widgets(self.tiles)
        self.list.addWidget(self.grid)
        self.list.addStretch(1)
        # Typing and the results side by side in landscape, one above the other in
        # portrait; once bookings are found the keyboard makes room for them.
        self.columns = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.columns.setSpacing(24)
        self.columns.addWidget(row, 0)
        self.columns.addWidget(panel, 1)
        self.body.addLayout(self.columns, 1)
        self.back_button = self.add_action("search_back")
        self.back_button.clicked.connect(self.back)
        self.actions.addStretch(1)
        self.edit_button = self.add_action("search_edit", "primary")
        self.edit_button.clicked.connect(self.edit)

    def set_orientation(self, landscape: bool) -> None:
        self.columns.setDirection(
            QBoxLayout.Direction.LeftToRight if landscape else QBoxLayout.Direction.TopToBottom
        )

    def edit(self) -> None:
        """Back to the keyboard, the text kept, to change the search."""
        self.results = None
        self.retranslate()

    def reset(self) -> None:
        self.text = ""
        self.results = None
        self.searching = False
        self.retranslate()

    def type(self, char: str) -> None:
        if len(self.text) < MAX_QUERY:
            self.text += char
        self._show()

    def erase(self) -> None:
        self.text = self.text[:-1]
        self._show()

    def submit(self) -> None:
        if len(self.text.strip()) >= MIN_QUERY and not self.searching:
            self.searching = True
            self._show()
            self.search.emit(self.text.strip())

    def show_results(self, results: list[BookingMatch]) -> None:
        self.searching = False
        self.results = results[:SHOWN]
        self.more = len(results) > SHOWN
        self.retranslate()

    def _pick(self, index: int) -> None:
        if self.results is not None and index < len(self.results):
            self.picked.emit(self.results[index].booking_code)

    def _show(self) -> None:
        self.display.setText(self.text or " ")
        self.go_button.setEnabled(len(self.text.strip()) >= MIN_QUERY and not self.searching)

    def _state_of(self, match: BookingMatch) -> str:
        if match.ticket_number:
            return tr("Checked in: ticket {number}", number=match.ticket_number)
        if match.status == "cancelled":
            return tr("Cancelled")
        if match.status == "rescheduled":
            return tr("Moved to another day")
        return tr("Not checked in yet")

    def retranslate(self) -> None:
        self.heading.setText(tr("Find a booking"))
        self.prompt.setText(
            tr("Type the booking code or a part of the applicant's name, then touch Search.")
        )
        self.go_button.setText(tr("Search"))
        self.back_button.setText(tr("Back"))
        self.edit_button.setText(tr("Change the search"))
        self._show()
        results = self.results
        found = bool(results) and not self.searching
        self.typing.setVisible(not found)
        self.edit_button.setVisible(found)
        if self.searching:
            self.status.setText(tr("Searching…"))
        elif results is None:
            self.status.setText(tr("Today's bookings are searched."))
        elif not results:
            self.status.setText(tr("No booking today matches \u201c{text}\u201d.", text=self.text))
        elif self.more:
            self.status.setText(tr("The first {n} bookings found; type more to narrow.", n=SHOWN))
        else:
            self.status.setText(tr("Touch the booking: you confirm before it is checked in."))
        lang = self.state.language
        calendar = self.state.ctx.calendar
        for i, tile in enumerate(self.tiles):
            match = results[i] if results is not None and i < len(results) else None
            tile.setVisible(match is not None)
            if match is None:
                continue
            slot = format_time(calendar.local(match.slot_start), lang)
            service = self.state.service_name(match.service) if match.service else ""
            title = f"{match.full_name or match.masked_name or '–'} · {slot}"
            detail = " · ".join(
                part
                for part in (
                    service or match.service_name,
                    match.booking_code,
                    self._state_of(match),
                )
                if part
            )
            tile.set_texts(title, detail)
            tile.setEnabled(match.ticket_number is None)
