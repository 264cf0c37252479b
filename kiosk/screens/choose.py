"""Choosing: a service, a priority reason, the VIP explanation, information, and the
last look before the ticket is printed."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QWidget

from config.settings import Channel
from db.ops.issuing import QuotaLeft
from kiosk.screens.base import KioskState, Screen
from kiosk.text import tr
from kiosk.widgets import ResponsiveGrid, Tile, make_label


def channel_name(channel: Channel | str) -> str:
    return {
        Channel.BOOKING: tr("Booking"),
        Channel.WALK_IN: tr("Walk-in"),
        Channel.PRIORITY: tr("Priority"),
        Channel.VIP: tr("VIP one-day service"),
    }[Channel(channel)]


def quota_text(quota: QuotaLeft | None) -> str:
    if quota is None or quota.remaining is None:
        return ""
    if quota.remaining == 0:
        return tr("Full for today")
    return tr("{n} tickets left today", n=quota.remaining)


class ServiceScreen(Screen):
    name = "service"
    service_chosen = Signal(str)
    back = Signal()

    def __init__(self, state: KioskState) -> None:
        super().__init__(state)
        self.channel = Channel.WALK_IN
        self.quotas: list[QuotaLeft] = []
        self.subtitle = self.add_label("body", "service_subtitle")
        self.grid = ResponsiveGrid(portrait=1, landscape=2)
        self.body.addWidget(self.grid)
        self.body.addStretch(1)
        self.back_button = self.add_action("service_back")
        self.back_button.clicked.connect(self.back)
        self.actions.addStretch(1)
        self.tiles: dict[str, Tile] = {}

    def configure(self, channel: Channel, quotas: list[QuotaLeft] | None) -> None:
        self.channel = channel
        self.quotas = list(quotas or [])
        self.tiles = {}
        for service in self.state.settings.services:
            if channel in service.channels:
                tile = Tile(f"service_{service.code}")
                tile.clicked.connect(lambda _=False, c=service.code: self.service_chosen.emit(c))
                self.tiles[service.code] = tile
        self.grid.set_widgets(list(self.tiles.values()))
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(tr("Choose a service"))
        self.subtitle.setText(tr("Ticket type: {kind}", kind=channel_name(self.channel)))
        left = {q.service: q for q in self.quotas if q.channel == self.channel}
        for code, tile in self.tiles.items():
            tile.set_texts(self.state.service_name(code), quota_text(left.get(code)))
        self.back_button.setText(tr("Back"))


class ReasonScreen(Screen):
    name = "reason"
    reason_chosen = Signal(str)
    back = Signal()

    def __init__(self, state: KioskState) -> None:
        super().__init__(state)
        self.subtitle = self.add_label("body", "reason_subtitle")
        self.grid = ResponsiveGrid(portrait=1, landscape=2)
        self.tiles: dict[str, Tile] = {}
        for reason in state.settings.priority_reasons:
            tile = Tile(f"reason_{reason.code}", "tile_accent")
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


class VipScreen(Screen):
    name = "vip"
    proceed = Signal()
    back = Signal()

    def __init__(self, state: KioskState) -> None:
        super().__init__(state)
        self.info = self.add_label("body", "vip_info")
        self.body.addStretch(1)
        self.back_button = self.add_action("vip_back")
        self.back_button.clicked.connect(self.back)
        self.actions.addStretch(1)
        self.continue_button = self.add_action("vip_continue", "primary")
        self.continue_button.clicked.connect(self.proceed)

    def retranslate(self) -> None:
        self.heading.setText(tr("VIP one-day service"))
        self.info.setText(self.state.settings.kiosk.vip_info.get(self.state.language))
        self.back_button.setText(tr("Back"))
        self.continue_button.setText(tr("Continue"))


class ConfirmScreen(Screen):
    name = "confirm"
    confirmed = Signal()
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
        self.back_button.setText(tr("Back"))
        self.print_button.setText(tr("Print my ticket"))
