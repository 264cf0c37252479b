"""Home: the five ways in, and what is left of today's walk-in tickets."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QBoxLayout, QGridLayout, QLabel, QVBoxLayout, QWidget

from config.settings import Channel
from db.ops.issuing import QuotaLeft
from db.read.day_overrides import DayState
from kiosk.pictograms import for_home
from kiosk.screens.base import KioskState, Screen, ScreenName
from kiosk.text import tr
from kiosk.widgets import ResponsiveGrid, Tile, make_button, make_label

CHOICES = ("booking", "walk_in", "priority", "vip", "info")


class HomeScreen(Screen):
    name = ScreenName.HOME
    chosen = Signal(str)

    def __init__(self, state: KioskState) -> None:
        super().__init__(state)
        self.subtitle = self.add_label("body", "home_subtitle")
        # The office closed today by a supervisor: why, for everyone in the lobby to read.
        self.notice = self.add_label("status_bad", "home_notice")
        self.notice.hide()
        self.split = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.split.setSpacing(28)
        self.body.addLayout(self.split, 1)
        self.tiles: dict[str, Tile] = {}
        grid = ResponsiveGrid(portrait=1, landscape=2)
        for choice in CHOICES:
            role = "tile_accent" if choice == "priority" else "tile"
            tile = Tile(f"home_{choice}", role, for_home(choice))
            tile.clicked.connect(lambda _=False, c=choice: self.chosen.emit(c))
            self.tiles[choice] = tile
        grid.set_widgets(list(self.tiles.values()))
        self.split.addWidget(grid, 3)
        self.card = QWidget()
        self.card.setObjectName("home_quota_card")
        self.card.setProperty("kind", "card")
        card_layout = QVBoxLayout(self.card)
        card_layout.setContentsMargins(28, 22, 28, 22)
        self.quota_title = make_label("h2", "home_quota_title")
        card_layout.addWidget(self.quota_title)
        self.quota_grid = QGridLayout()
        self.quota_grid.setHorizontalSpacing(24)
        self.quota_grid.setVerticalSpacing(10)
        card_layout.addLayout(self.quota_grid)
        self.quota_note = make_label("muted", "home_quota_note")
        card_layout.addWidget(self.quota_note)
        self.card_holder = QVBoxLayout()
        self.card_holder.addWidget(self.card)
        # Feedback: report a problem; the survey opens by scanning a served ticket.
        self.feedback_button = make_button("home_feedback", "secondary")
        self.feedback_button.clicked.connect(lambda: self.chosen.emit("feedback"))
        self.survey_hint = make_label("muted", "home_survey_hint", center=True)
        self.card_holder.addSpacing(12)
        self.card_holder.addWidget(self.feedback_button)
        self.card_holder.addWidget(self.survey_hint)
        self.card_holder.addStretch(1)
        self.split.addLayout(self.card_holder, 2)
        self.quota_rows: dict[str, tuple[QLabel, QLabel]] = {}
        self.quotas: list[QuotaLeft] | None = None
        self.day: DayState | None = None  # today as last read (a supervisor's changes)

    def walk_in_services(self) -> list[str]:
        return [s.code for s in self.state.settings.services if Channel.WALK_IN in s.channels]

    def set_quotas(self, quotas: list[QuotaLeft] | None, day: DayState | None = None) -> None:
        self.quotas = quotas
        if day is not None:
            self.day = day
        self._fill_quotas()

    def _today(self) -> DayState | None:
        day, today = self.day, self.state.ctx.today()
        return day if day is not None and day.day == today else None

    def _fill_quotas(self) -> None:
        for name, count in self.quota_rows.values():
            for label in (name, count):
                self.quota_grid.removeWidget(label)
                label.setParent(None)
                label.deleteLater()
        self.quota_rows.clear()
        ctx = self.state.ctx
        day = self._today()
        notice = day.info.notice if day is not None else None
        closed = day.closed_services if day is not None else frozenset()
        walk_in_today = day.walk_in if day is not None else ctx.calendar.walk_in_day(ctx.today())
        self.notice.setVisible(notice is not None)
        if notice is not None:
            walk_in_today = False
            self.notice.setText(tr("The office is closed today: {reason}", reason=notice))
            self.quota_note.setText(tr("No tickets are issued today."))
        elif not walk_in_today:
            self.quota_note.setText(tr("Walk-in registration is not open today."))
        elif self.quotas is None:
            self.quota_note.setText(tr("Checking…"))
        else:
            self.quota_note.setText(tr("Walk-in tickets are issued while they last."))
        left = {q.service: q for q in self.quotas or [] if q.channel == Channel.WALK_IN}
        for row, code in enumerate(self.walk_in_services()):
            name = make_label("quota", f"home_quota_{code}_name")
            name.setText(self.state.service_name(code))
            count = make_label("quota", f"home_quota_{code}", wrap=False)
            count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            quota = left.get(code)
            if not walk_in_today or quota is None:
                count.setText("–")
            elif code in closed:
                count.setText(tr("closed"))
            elif quota.remaining is None:
                count.setText(tr("available"))
            elif quota.remaining == 0:
                count.setText(tr("full"))
            else:
                count.setText(tr("{n} left", n=quota.remaining))
            self.quota_grid.addWidget(name, row, 0)
            self.quota_grid.addWidget(count, row, 1)
            self.quota_grid.setColumnStretch(0, 1)
            self.quota_rows[code] = (name, count)

    def retranslate(self) -> None:
        self.heading.setText(tr("Welcome"))
        self.subtitle.setText(tr("Touch what you need:"))
        self.tiles["booking"].set_texts(
            tr("I have a booking"), tr("Scan the QR code from the M-Paspor app")
        )
        self.tiles["walk_in"].set_texts(tr("Walk-in"), tr("No booking: take a queue ticket"))
        self.tiles["priority"].set_texts(
            tr("Priority service"),
            tr("Aged 60+, disability, pregnant, or with a child under 5"),
        )
        self.tiles["vip"].set_texts(tr("VIP one-day service"), tr("Passport the same day"))
        self.tiles["info"].set_texts(tr("Information"), tr("Questions and passport pick-up"))
        self.feedback_button.setText(tr("Report a problem"))
        self.survey_hint.setText(tr("Served already? Scan your ticket to rate us"))
        self.quota_title.setText(tr("Walk-in tickets left today"))
        self._fill_quotas()

    def set_orientation(self, landscape: bool) -> None:
        self.split.setDirection(
            QBoxLayout.Direction.LeftToRight if landscape else QBoxLayout.Direction.TopToBottom
        )
