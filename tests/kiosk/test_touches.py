"""How many touches a ticket takes from the home screen, counted on the real widgets (every
mouse press the kiosk window receives), and when a priority ticket waits for staff."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from config.settings import Channel
from db.models import Ticket
from db.ops.issuing import set_quota
from kiosk.app import Kiosk
from tests.conftest import SUPERVISOR
from tests.kiosk.conftest import PIN, click, text_of, type_keys, wait_screen

TARGET = 3


class TouchCounter(QObject):
    """Counts presses on the kiosk's buttons, whoever sends them."""

    def __init__(self, window: QWidget) -> None:
        super().__init__()
        self.window = window
        self.touched: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.MouseButtonPress
            and isinstance(watched, QPushButton)
            and self.window.isAncestorOf(watched)
        ):
            self.touched.append(watched.objectName())
        return False


@pytest.fixture
def touches(kiosk: Kiosk) -> Iterator[TouchCounter]:
    counter = TouchCounter(kiosk.window)
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(counter)
    yield counter
    app.removeEventFilter(counter)


def issued(kiosk: Kiosk) -> list[tuple[str, str]]:
    with kiosk.window.state.ctx.db.read() as session:
        return [(t.channel, t.service_code) for t in session.query(Ticket).order_by(Ticket.id)]


@pytest.mark.parametrize(
    ("journey", "channel"),
    [
        (("home_walk_in", "service_baru", "confirm_print"), Channel.WALK_IN),
        (("home_priority", "reason_elderly", "confirm_print"), Channel.PRIORITY),
        (("home_vip", "vip_baru", "confirm_print"), Channel.VIP),
    ],
    ids=["walk_in", "priority", "vip"],
)
def test_a_ticket_in_three_touches(
    qtbot: QtBot, kiosk: Kiosk, touches: TouchCounter, journey: tuple[str, ...], channel: Channel
) -> None:
    qtbot.waitUntil(lambda: kiosk.flows.quotas is not None)
    for name in journey:
        click(qtbot, kiosk, name)
    wait_screen(qtbot, kiosk, "ticket")
    assert issued(kiosk) == [(channel, "baru")]
    assert touches.touched == list(journey)
    assert len(touches.touched) <= TARGET


def test_service_tiles_show_what_is_left_and_the_wait(qtbot: QtBot, kiosk: Kiosk) -> None:
    qtbot.waitUntil(lambda: kiosk.flows.quotas is not None)
    click(qtbot, kiosk, "home_walk_in")
    wait_screen(qtbot, kiosk, "service")
    assert text_of(kiosk, "service_baru_detail") == "Sisa 40 tiket hari ini · kurang dari 5 menit"


def test_after_a_walk_in_refusal_priority_needs_staff(qtbot: QtBot, kiosk: Kiosk) -> None:
    set_quota(kiosk.window.state.ctx, SUPERVISOR, "baru", Channel.WALK_IN, 0, "test")
    kiosk.flows.refresh_quotas()
    qtbot.waitUntil(lambda: text_of(kiosk, "home_quota_baru") == "penuh")
    click(qtbot, kiosk, "home_walk_in")
    click(qtbot, kiosk, "service_alt_priority")
    wait_screen(qtbot, kiosk, "reason")
    click(qtbot, kiosk, "reason_elderly")
    wait_screen(qtbot, kiosk, "pin")  # the default: staff confirm after a refusal
    assert text_of(kiosk, "pin_heading") == "Konfirmasi petugas"
    click(qtbot, kiosk, "pin_back")
    click(qtbot, kiosk, "home_priority")  # going home first changes nothing
    click(qtbot, kiosk, "reason_elderly")
    wait_screen(qtbot, kiosk, "pin")
    type_keys(qtbot, kiosk, "pin_pad", PIN)
    click(qtbot, kiosk, "pin_ok")
    wait_screen(qtbot, kiosk, "confirm")
    click(qtbot, kiosk, "confirm_print")
    wait_screen(qtbot, kiosk, "ticket")
    assert issued(kiosk) == [(Channel.PRIORITY, "baru")]


@pytest.mark.kiosk_settings(kiosk={"priority_staff_confirm": "never"})
def test_never_means_no_staff_even_after_a_refusal(qtbot: QtBot, kiosk: Kiosk) -> None:
    set_quota(kiosk.window.state.ctx, SUPERVISOR, "baru", Channel.WALK_IN, 0, "test")
    kiosk.flows.refresh_quotas()
    qtbot.waitUntil(lambda: text_of(kiosk, "home_quota_baru") == "penuh")
    click(qtbot, kiosk, "home_walk_in")
    click(qtbot, kiosk, "service_alt_priority")
    click(qtbot, kiosk, "reason_elderly")
    wait_screen(qtbot, kiosk, "confirm")


def test_a_reason_can_always_need_staff(qtbot: QtBot, kiosk: Kiosk) -> None:
    assert kiosk.window.state.settings.reason("other").staff_must_confirm
    click(qtbot, kiosk, "home_priority")
    click(qtbot, kiosk, "reason_elderly")
    wait_screen(qtbot, kiosk, "confirm")  # no refusal, no flag: straight to the last look
    click(qtbot, kiosk, "confirm_back")
    click(qtbot, kiosk, "home_priority")
    click(qtbot, kiosk, "reason_other")
    wait_screen(qtbot, kiosk, "pin")


@pytest.mark.kiosk_settings(kiosk={"priority_staff_confirm": "always"})
def test_always_means_staff_for_every_priority_ticket(qtbot: QtBot, kiosk: Kiosk) -> None:
    click(qtbot, kiosk, "home_priority")
    click(qtbot, kiosk, "reason_elderly")
    wait_screen(qtbot, kiosk, "pin")
