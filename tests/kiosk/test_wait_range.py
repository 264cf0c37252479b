"""The estimate's range where the applicant reads it: the service tiles and the ticket."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from config.settings import Channel
from db.ops.issuing import issue_ticket
from kiosk.app import Kiosk
from printer import Emulator
from tests.conftest import KIOSK
from tests.kiosk.conftest import click, text_of, wait_screen


def test_tiles_and_ticket_show_the_range(qtbot: QtBot, kiosk: Kiosk, emulator: Emulator) -> None:
    ctx = kiosk.window.state.ctx
    # Six new-passport walk-ins ahead, nobody open yet: the three counters configured for
    # them call the seventh after two services of 12 minutes, 24 minutes from now.
    for _ in range(6):
        issue_ticket(ctx, KIOSK, "baru", Channel.WALK_IN)
    kiosk.flows.refresh_quotas()

    def refreshed() -> bool:
        wait = kiosk.flows.tickets.waits.get(("baru", Channel.WALK_IN))
        return wait is not None and wait.people_ahead == 6

    qtbot.waitUntil(refreshed, timeout=10_000)
    click(qtbot, kiosk, "home_walk_in")
    wait_screen(qtbot, kiosk, "service")
    assert "20-25 menit" in text_of(kiosk, "service_baru_detail")
    # Pick-up shares no counter with them: called at once.
    assert "kurang dari 5 menit" in text_of(kiosk, "service_ambil_detail")
    click(qtbot, kiosk, "service_baru")
    wait_screen(qtbot, kiosk, "confirm")
    click(qtbot, kiosk, "confirm_print")
    wait_screen(qtbot, kiosk, "ticket")
    qtbot.waitUntil(lambda: "20-25 menit" in text_of(kiosk, "ticket_wait"), timeout=10_000)
    # (The six issued above were issued as this kiosk: their jobs print here too.)
    [seventh] = [t for t in emulator.wait_for_tickets(7) if "A-007" in t.text]
    assert "20-25 menit" in seventh.text
