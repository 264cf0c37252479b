"""Choosing: a service, a priority reason, the VIP explanation, information, and the
last look before the ticket is printed."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from config.settings import Channel
from db.ops.issuing import QuotaLeft
from db.read.estimate import WaitEstimate
from kiosk.pictograms import for_reason, for_service
from kiosk.screens.base import KioskState, Screen, ScreenName
from kiosk.text import tr
from kiosk.widgets import ResponsiveGrid, Tile, make_button, make_label
from kiosk.wording import PRIORITY, VIP, alternatives, wait_range_text


def channel_name(channel: Channel | str) -> str:
    return {
        Channel.BOOKING: tr("Booking"),
        Channel.WALK_IN: tr("Walk-in"),
        Channel.PRIORITY: tr("Priority"),
        Channel.VIP: tr("VIP one-day service"),
    }[Channel(channel)]


# The estimate of a ticket issued now, per service and ticket type (None: no counter).
Waits = dict[tuple[str, Channel], WaitEstimate | None]


def quota_text(quota: QuotaLeft | None) -> str:
    if quota is None or quota.remaining is None:
        return ""
    if quota.remaining == 0:
        return tr("Full for today")
    return tr("{n} tickets left today", n=quota.remaining)


def is_full(quota: QuotaLeft | None) -> bool:
    return quota is not None and quota.remaining == 0


class ServiceScreen(Screen):
    """The services of one ticket type, each with what is left today and the expected
    wait. A full service is shown greyed out with why, and the other ways to be served are
    on the same screen; so is a service a supervisor closed for the day."""

    name = ScreenName.SERVICE
    service_chosen = Signal(str)
    alternative = Signal(str)  # kiosk.wording.PRIORITY or VIP
    back = Signal()

    def __init__(self, state: KioskState) -> None:
        super().__init__(state)
        self.channel = Channel.WALK_IN
        self.quotas: list[QuotaLeft] = []
        self.waits: Waits = {}
        self.beyond_quota = False
        self.closed: frozenset[str] = frozenset()  # closed by a supervisor for today
        self.subtitle = self.add_label("body", f"{self.name}_subtitle")
        self.grid = ResponsiveGrid(portrait=1, landscape=2)
        self.body.addWidget(self.grid)
        self.full_card = QWidget()
        self.full_card.setObjectName(f"{self.name}_full_card")
        self.full_card.setProperty("kind", "card")
        card = QVBoxLayout(self.full_card)
        card.setContentsMargins(28, 20, 28, 20)
        self.full_title = make_label("h2", f"{self.name}_full_title")
        self.full_text = make_label("body", f"{self.name}_full_text")
        card.addWidget(self.full_title)
        card.addWidget(self.full_text)
        row = QHBoxLayout()
        self.alt_buttons: dict[str, QPushButton] = {}
        for key in (PRIORITY, VIP):
            button = make_button(f"{self.name}_alt_{key}", "secondary")
            button.clicked.connect(lambda _=False, k=key: self.alternative.emit(k))
            row.addWidget(button)
            self.alt_buttons[key] = button
        row.addStretch(1)
        card.addLayout(row)
        self.body.addWidget(self.full_card)
        self.full_card.hide()
        self.body.addStretch(1)
        self.back_button = self.add_action(f"{self.name}_back")
        self.back_button.clicked.connect(self.back)
        self.actions.addStretch(1)
        self.tiles: dict[str, Tile] = {}

    def configure(
        self,
        channel: Channel,
        quotas: list[QuotaLeft] | None,
        waits: Waits | None = None,
        *,
        beyond_quota: bool = False,
        closed: frozenset[str] = frozenset(),
    ) -> None:
        """``beyond_quota``: staff issue a ticket over the quota; full services stay open.
        ``closed``: the services a supervisor closed for today."""
        self.channel = channel
        self.beyond_quota = beyond_quota
        self.quotas = [] if beyond_quota else list(quotas or [])
        self.waits = dict(waits or {})
        self.closed = closed
        self.tiles = {}
        for service in self.state.settings.services:
            if channel in service.channels:
                tile = Tile(f"{self.name}_{service.code}", pictogram=for_service(service.code))
                tile.clicked.connect(lambda _=False, c=service.code: self.service_chosen.emit(c))
                self.tiles[service.code] = tile
        self.grid.set_widgets(list(self.tiles.values()))
        self.retranslate()

    def update_today(
        self, quotas: list[QuotaLeft] | None, waits: Waits | None, closed: frozenset[str]
    ) -> None:
        """Today as read again (quotas, waits, closed services) on the tiles shown."""
        self.quotas = [] if self.beyond_quota else list(quotas or [])
        self.waits = dict(waits or {})
        self.closed = closed
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(tr("Choose a service"))
        self.subtitle.setText(tr("Ticket type: {kind}", kind=channel_name(self.channel)))
        left = {q.service: q for q in self.quotas if q.channel == self.channel}
        full = []
        for code, tile in self.tiles.items():
            quota = left.get(code)
            closed = code in self.closed
            if closed:
                detail = tr("Closed for the rest of today")
            elif is_full(quota):
                full.append(self.state.service_name(code))
                detail = tr("Full for today: see the other ways below")
            else:
                wait = wait_range_text(self.waits.get((code, self.channel)), self.state.language)
                detail = " · ".join(t for t in (quota_text(quota), wait) if t)
            tile.setEnabled(not closed and not is_full(quota))
            tile.set_texts(self.state.service_name(code), detail)
        self.full_card.setVisible(bool(full))
        walk_in = self.channel == Channel.WALK_IN
        if full:
            self.full_title.setText(
                tr("Today's tickets for {services} are all taken", services=", ".join(full))
            )
            self.full_text.setText(alternatives(with_priority=walk_in))
        self.alt_buttons[PRIORITY].setText(tr("Priority service"))
        self.alt_buttons[VIP].setText(tr("VIP service"))
        for button in self.alt_buttons.values():
            button.setVisible(walk_in)
        self.back_button.setText(tr("Back"))


class ReasonScreen(Screen):
    """Who the priority is for. One touch here leads to the last look, with the service most
    applicants come for already chosen (it can be changed there)."""

    name = ScreenName.REASON
    reason_chosen = Signal(str)
    back = Signal()

    def __init__(self, state: KioskState) -> None:
        super().__init__(state)
        self.subtitle = self.add_label("body", "reason_subtitle")
        self.grid = ResponsiveGrid(portrait=1, landscape=2)
        self.tiles: dict[str, Tile] = {}
        for reason in state.settings.priority_reasons:
            tile = Tile(f"reason_{reason.code}", "tile_accent", for_reason(reason.code))
            tile.clicked.connect(lambda _=False, c=reason.code: self.reason_chosen.emit(c))
            self.tiles[reason.code] = tile
        self.grid.set_widgets(list(self.tiles.values()))
        self.body.addWidget(self.grid)
        self.note = self.add_label("muted", "reason_note")
        self.body.addStretch(1)
        self.back_button = self.add_action("reason_back")
        self.back_button.clicked.connect(self.back)
        self.actions.addStretch(1)

    def retranslate(self) -> None:
        self.heading.setText(tr("Priority service"))
        self.subtitle.setText(tr("Who is the priority for?"))
        for code, tile in self.tiles.items():
            tile.set_texts(self.state.reason_name(code))
        self.note.setText(tr("Staff may ask you to show proof at the counter."))
        self.back_button.setText(tr("Back"))


class VipScreen(ServiceScreen):
    """The VIP service explained, and its services to choose from on the same screen."""

    name = ScreenName.VIP

    def __init__(self, state: KioskState) -> None:
        super().__init__(state)
        self.info = make_label("body", "vip_info")
        self.body.insertWidget(0, self.info)
        self.configure(Channel.VIP, None)

    def retranslate(self) -> None:
        super().retranslate()
        self.heading.setText(tr("VIP one-day service"))
        self.info.setText(self.state.settings.kiosk.vip_info.get(self.state.language))
        self.subtitle.setText(tr("Choose a service"))


class ConfirmScreen(Screen):
    name = ScreenName.CONFIRM
    confirmed = Signal()
    change_service = Signal()
    back = Signal()

    def __init__(self, state: KioskState) -> None:
        super().__init__(state)
        self.service = ""
        self.channel = Channel.WALK_IN
        self.reason: str | None = None
        self.override = ""
        card = QWidget()
        card.setProperty("kind", "card")
        grid = QGridLayout(card)
        grid.setContentsMargins(32, 28, 32, 28)
        grid.setHorizontalSpacing(28)
        grid.setVerticalSpacing(16)
        self.rows = {}
        for row, key in enumerate(("service", "channel", "reason", "override")):
            title = make_label("muted", f"confirm_{key}_label")
            value = make_label("h2", f"confirm_{key}")
            grid.addWidget(title, row, 0)
            grid.addWidget(value, row, 1)
            self.rows[key] = (title, value)
        grid.setColumnStretch(1, 1)
        self.body.addWidget(card)
        self.change_button = make_button("confirm_change_service", "secondary")
        self.change_button.clicked.connect(self.change_service)
        self.body.addWidget(self.change_button)
        self.body.addStretch(1)
        self.back_button = self.add_action("confirm_back")
        self.back_button.clicked.connect(self.back)
        self.actions.addStretch(1)
        self.print_button = self.add_action("confirm_print", "primary")
        self.print_button.clicked.connect(self.confirmed)

    def configure(
        self, service: str, channel: Channel, reason: str | None, override: str = ""
    ) -> None:
        self.service, self.channel, self.reason, self.override = (
            service,
            channel,
            reason,
            override,
        )
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(tr("Please check"))
        values = {
            "service": (tr("Service"), self.state.service_name(self.service)),
            "channel": (tr("Ticket type"), channel_name(self.channel)),
            "reason": (tr("Reason"), self.state.reason_name(self.reason)),
            "override": (tr("Quota override"), self.override),
        }
        for key, (title, value) in values.items():
            self.rows[key][0].setText(title)
            self.rows[key][1].setText(value)
            self.rows[key][0].setVisible(bool(value))
            self.rows[key][1].setVisible(bool(value))
        choices = [s for s in self.state.settings.services if self.channel in s.channels]
        self.change_button.setVisible(
            self.channel == Channel.PRIORITY and not self.override and len(choices) > 1
        )
        self.change_button.setText(tr("Another service"))
        self.back_button.setText(tr("Back"))
        self.print_button.setText(tr("Print my ticket"))
