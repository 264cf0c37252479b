"""A supervisor's changes to today reach the kiosk by themselves: the change notification
makes it read the day again. A closed service's tile turns unavailable while it is on
screen and comes back when reopened; the office closed today shows the supervisor's
reason on the home screen and in the refusal."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from config.settings import Settings
from db.clock import FixedClock
from db.context import QueueContext
from db.migrate import open_queue
from db.ops.day_overrides import close_day, close_service, reopen_day, reopen_service
from kiosk.app import Kiosk, build_kiosk
from tests.conftest import MORNING, SUPERVISOR
from tests.kiosk.conftest import PORTRAIT, click, find, text_of, wait_screen
from ui.i18n import Translations

TODAY = MORNING.date()
WAIT_MS = 10_000


@pytest.fixture
def watched_kiosk(qtbot: QtBot, kiosk_ctx: QueueContext) -> Iterator[Kiosk]:
    """The kiosk as the app builds it, with the database change watcher running."""
    built = build_kiosk(kiosk_ctx, translations=Translations("kiosk"), watch=True)
    qtbot.addWidget(built.window)
    built.window.resize_to(*PORTRAIT)
    built.window.show()
    qtbot.waitUntil(lambda: not built.flows.background.busy, timeout=15_000)
    yield built
    built.shut_down()


@pytest.fixture
def console(kiosk_ctx: QueueContext, clock: FixedClock) -> Iterator[QueueContext]:
    """A supervisor's console: another program on the same database."""
    settings: Settings = kiosk_ctx.settings
    other = open_queue(settings, clock=clock)
    yield other
    other.db.dispose()


def tile_open(kiosk: Kiosk, code: str) -> bool:
    return find(kiosk, f"service_{code}").isEnabled()


@pytest.mark.both_databases  # PostgreSQL: the notification names the kind "days"
def test_a_closed_service_turns_unavailable_on_screen_and_comes_back_when_reopened(
    qtbot: QtBot, watched_kiosk: Kiosk, console: QueueContext
) -> None:
    kiosk = watched_kiosk
    qtbot.waitUntil(lambda: text_of(kiosk, "home_quota_baru") == "sisa 40", timeout=WAIT_MS)
    click(qtbot, kiosk, "home_walk_in")
    wait_screen(qtbot, kiosk, "service")
    assert tile_open(kiosk, "baru") and tile_open(kiosk, "ganti")

    close_service(console, SUPERVISOR, TODAY, "baru", "printer paspor rusak")
    qtbot.waitUntil(lambda: not tile_open(kiosk, "baru"), timeout=WAIT_MS)
    assert text_of(kiosk, "service_baru_detail") == "Tutup untuk sisa hari ini"
    assert tile_open(kiosk, "ganti")  # only the closed service

    reopen_service(console, SUPERVISOR, TODAY, "baru")
    qtbot.waitUntil(lambda: tile_open(kiosk, "baru"), timeout=WAIT_MS)
    assert "Sisa 40 tiket hari ini" in text_of(kiosk, "service_baru_detail")

    # Closed again, the home screen says so too.
    close_service(console, SUPERVISOR, TODAY, "ganti")
    click(qtbot, kiosk, "service_back")
    wait_screen(qtbot, kiosk, "home")
    qtbot.waitUntil(lambda: text_of(kiosk, "home_quota_ganti") == "tutup", timeout=WAIT_MS)
    assert text_of(kiosk, "home_quota_baru") == "sisa 40"


def test_the_office_closed_today_shows_the_supervisors_reason(
    qtbot: QtBot, watched_kiosk: Kiosk, console: QueueContext
) -> None:
    kiosk = watched_kiosk
    qtbot.waitUntil(lambda: text_of(kiosk, "home_quota_baru") == "sisa 40", timeout=WAIT_MS)
    assert not find(kiosk, "home_notice").isVisible()
    close_day(console, SUPERVISOR, TODAY, "Pemadaman listrik di gedung")
    qtbot.waitUntil(lambda: find(kiosk, "home_notice").isVisible(), timeout=WAIT_MS)
    assert text_of(kiosk, "home_notice") == "Kantor tutup hari ini: Pemadaman listrik di gedung"
    assert text_of(kiosk, "home_quota_note") == "Hari ini tidak ada tiket yang diterbitkan."
    assert text_of(kiosk, "home_quota_baru") == "–"

    # An applicant who tries anyway reads the same reason.
    click(qtbot, kiosk, "home_walk_in")
    wait_screen(qtbot, kiosk, "service")
    click(qtbot, kiosk, "service_baru")
    wait_screen(qtbot, kiosk, "confirm")
    click(qtbot, kiosk, "confirm_print")
    wait_screen(qtbot, kiosk, "message")
    assert text_of(kiosk, "message_heading") == "Kantor tutup hari ini"
    assert "Alasan: Pemadaman listrik di gedung" in text_of(kiosk, "message_body")

    reopen_day(console, SUPERVISOR, TODAY)
    click(qtbot, kiosk, "message_home")
    wait_screen(qtbot, kiosk, "home")
    qtbot.waitUntil(lambda: not find(kiosk, "home_notice").isVisible(), timeout=WAIT_MS)
    assert text_of(kiosk, "home_quota_baru") == "sisa 40"
