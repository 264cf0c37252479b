"""The calling display against a real queue file: officers call with the queue operations,
the display notices through the database's change signal and shows and announces."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from config.settings import Settings
from db.clock import FixedClock
from db.context import QueueContext
from db.migrate import open_queue
from db.ops.calling import (
    call_next,
    complete,
    current_ticket,
    no_show,
    recall,
    requeue,
    start_service,
    transfer,
)
from db.ops.counters import open_counter, pause_counter
from db.ops.issuing import issue_ticket
from display.app import CallingDisplay, build_parser
from display.audio import CollectingSink, Espeak
from display.widgets import FitLabel, Ticker
from tests.conftest import KIOSK, OFFICER, SUPERVISOR, make_settings

TIMEOUT = 5000


def label(display: CallingDisplay, name: str) -> FitLabel:
    found = display.window.findChild(FitLabel, name)
    assert found is not None, name
    return found


def start_display(
    qtbot: QtBot, ctx: QueueContext, sink: CollectingSink, counters: list[int] | None = None
) -> CallingDisplay:
    engine = Espeak.find()
    assert engine is not None, "espeak-ng must be installed (Debian package espeak-ng)"
    display = CallingDisplay(ctx, counters=counters, sink=sink, engine=engine, poll_ms=20)
    qtbot.addWidget(display.window)
    display.window.resize(1280, 720)
    display.window.show()
    with qtbot.waitSignal(display.feed.loaded, timeout=TIMEOUT):
        display.start()
    return display


@pytest.fixture
def sink() -> CollectingSink:
    return CollectingSink()


@pytest.fixture
def display(qtbot: QtBot, ctx: QueueContext, sink: CollectingSink) -> Iterator[CallingDisplay]:
    shown = start_display(qtbot, ctx, sink)
    yield shown
    shown.close()


def spoken(sink: CollectingSink) -> list[str]:
    """kind:number of each announcement played, in order."""
    return [":".join(label.split(":")[1:3]) for label in sink.labels()]


def test_a_call_appears_and_is_announced(
    qtbot: QtBot, ctx: QueueContext, display: CallingDisplay, sink: CollectingSink
) -> None:
    assert label(display, "latestNumber").text() == "—"
    assert display.voice_available
    ticket = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    qtbot.waitUntil(lambda: label(display, "waitingCount_baru").text() == "1 orang")
    call_next(ctx, OFFICER, 3)
    qtbot.waitUntil(lambda: label(display, "latestNumber").text() == ticket.number)
    assert label(display, "latestCounter").text() == "Loket 3"
    # Called is not "now serving" yet.
    assert label(display, "counterServing3").text() == f"memanggil {ticket.number}"
    start_service(ctx, OFFICER, 3, ticket.id)
    qtbot.waitUntil(lambda: label(display, "counterServing3").text() == ticket.number)
    assert label(display, "latestNumber").text() == ticket.number
    assert label(display, "latestCounter").text() == "Loket 3 · dilayani"
    assert label(display, "waitingCount_baru").text() == "0 orang"
    assert display.window.latest.highlighted and display.window.flash_count == 1
    qtbot.waitUntil(lambda: spoken(sink) == [f"called:{ticket.number}"], timeout=TIMEOUT)


def test_a_recall_flashes_and_is_announced_again(
    qtbot: QtBot, ctx: QueueContext, display: CallingDisplay, sink: CollectingSink
) -> None:
    first = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    second = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    call_next(ctx, OFFICER, 1)
    call_next(ctx, OFFICER, 2)
    qtbot.waitUntil(lambda: label(display, "latestNumber").text() == second.number)
    assert label(display, "recentNumber0").text() == first.number
    flashes = display.window.flash_count
    recall(ctx, OFFICER, 1, first.id)
    qtbot.waitUntil(lambda: label(display, "latestNumber").text() == first.number)
    assert display.window.flash_count == flashes + 1
    assert label(display, "latestCounter").text() == "Loket 1 · dipanggil lagi"
    assert label(display, "recentNumber0").text() == second.number  # no double entry
    assert label(display, "recentNumber1").text() == ""
    qtbot.waitUntil(lambda: len(sink.labels()) == 3, timeout=TIMEOUT)
    assert spoken(sink) == [
        f"called:{first.number}",
        f"called:{second.number}",
        f"recalled:{first.number}",
    ]


def test_no_show_and_transfer_stay_on_the_board_without_flashing(
    qtbot: QtBot, ctx: QueueContext, display: CallingDisplay, sink: CollectingSink
) -> None:
    first = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    second = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    call_next(ctx, OFFICER, 1)
    call_next(ctx, OFFICER, 2)
    qtbot.waitUntil(lambda: label(display, "latestNumber").text() == second.number)
    qtbot.waitUntil(lambda: len(sink.labels()) == 2, timeout=TIMEOUT)
    flashes = display.window.flash_count
    no_show(ctx, SUPERVISOR, 2, second.id, override_reason="left")
    # The no-show stays where it was, now saying where to go.
    qtbot.waitUntil(lambda: label(display, "latestCounter").text() == "silakan ke meja informasi")
    assert label(display, "latestNumber").text() == second.number
    assert label(display, "counterServing2").text() == "—"
    assert label(display, "recentNumber0").text() == first.number
    transfer(ctx, OFFICER, first.id, "info", keep_place=True)
    qtbot.waitUntil(lambda: label(display, "recentCounter0").text() == "pindah ke Informasi")
    assert label(display, "recentNumber0").text() == first.number
    assert label(display, "latestNumber").text() == second.number
    assert display.window.flash_count == flashes
    assert display.announcer is not None and display.announcer.pending == 0
    assert len(sink.labels()) == 2
    # Called again at the counter it was sent to: on top, announced, a call like any other.
    view = call_next(ctx, OFFICER, 4)
    assert view.number == first.number
    qtbot.waitUntil(lambda: label(display, "latestNumber").text() == first.number)
    assert label(display, "latestCounter").text() == "Loket 4"
    assert label(display, "recentNumber0").text() == second.number
    assert label(display, "recentCounter0").text() == "silakan ke meja informasi"
    assert label(display, "recentNumber1").text() == ""  # one entry per ticket


def test_a_ticket_sent_to_a_counter_shows_where_it_went(
    qtbot: QtBot, ctx: QueueContext, display: CallingDisplay, sink: CollectingSink
) -> None:
    first = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    second = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    open_counter(ctx, OFFICER, 3)
    call_next(ctx, OFFICER, 1)
    call_next(ctx, OFFICER, 2)
    qtbot.waitUntil(lambda: label(display, "latestNumber").text() == second.number)
    qtbot.waitUntil(lambda: len(sink.labels()) == 2, timeout=TIMEOUT)
    flashes = display.window.flash_count
    transfer(ctx, OFFICER, first.id, keep_place=True, to_counter=3)
    qtbot.waitUntil(lambda: label(display, "recentCounter0").text() == "pindah ke Loket 3")
    assert label(display, "recentNumber0").text() == first.number
    assert display.window.flash_count == flashes and len(sink.labels()) == 2  # no call
    # Counter 3 calls it: on top, announced.
    assert call_next(ctx, OFFICER, 3).id == first.id
    qtbot.waitUntil(lambda: label(display, "latestNumber").text() == first.number)
    assert label(display, "latestCounter").text() == "Loket 3"
    qtbot.waitUntil(lambda: len(sink.labels()) == 3, timeout=TIMEOUT)


def test_the_office_words_its_no_show_line(
    qtbot: QtBot, db_url: str, clock: FixedClock, sink: CollectingSink
) -> None:
    settings = make_settings(
        db_url, calling={"no_show_text": {"id": "harap lapor ke petugas", "en": "see staff"}}
    )
    ctx = open_queue(settings, clock=clock)
    display = start_display(qtbot, ctx, sink)
    try:
        ticket = issue_ticket(ctx, KIOSK, "baru", "walk_in")
        call_next(ctx, OFFICER, 1)
        recall(ctx, OFFICER, 1, ticket.id)
        qtbot.waitUntil(lambda: label(display, "latestCounter").text().endswith("lagi"))
        no_show(ctx, SUPERVISOR, 1, ticket.id, override_reason="left")
        qtbot.waitUntil(lambda: label(display, "latestCounter").text() == "harap lapor ke petugas")
        requeue(ctx, OFFICER, ticket.id)
        qtbot.waitUntil(lambda: label(display, "latestCounter").text() == "kembali ke antrean")
        assert label(display, "latestNumber").text() == ticket.number
    finally:
        display.close()
        ctx.db.dispose()


def test_a_burst_of_ten_calls_is_ten_announcements_in_order(
    qtbot: QtBot, ctx: QueueContext, display: CallingDisplay, sink: CollectingSink
) -> None:
    tickets = [issue_ticket(ctx, KIOSK, "ambil", "walk_in") for _ in range(10)]
    called = []
    for _ in range(10):  # one counter, call / complete as fast as an officer can click
        view = call_next(ctx, OFFICER, 4)
        complete(ctx, OFFICER, 4, view.id)
        called.append(view.number)
    assert called == [t.number for t in tickets]
    qtbot.waitUntil(lambda: len(sink.labels()) == 10, timeout=20_000)
    assert spoken(sink) == [f"called:{n}" for n in called]
    assert label(display, "latestNumber").text() == called[-1]
    shown = [label(display, f"recentNumber{i}").text() for i in range(6)]
    assert shown == list(reversed(called[-7:-1]))


def test_display_shows_only_its_counters(
    qtbot: QtBot, db_url: str, clock: FixedClock, sink: CollectingSink
) -> None:
    settings = make_settings(db_url, display={"counters": [4]})
    ctx = open_queue(settings, clock=clock)
    display = start_display(qtbot, ctx, sink)
    try:
        assert display.window.findChild(FitLabel, "counterName1") is None
        assert label(display, "counterName4").text() == "Loket 4"
        assert display.window.findChild(FitLabel, "waitingCount_baru") is None
        passport = issue_ticket(ctx, KIOSK, "baru", "walk_in")
        pickup = issue_ticket(ctx, KIOSK, "ambil", "walk_in")
        call_next(ctx, OFFICER, 1)
        call_next(ctx, OFFICER, 4)
        qtbot.waitUntil(lambda: label(display, "latestNumber").text() == pickup.number)
        assert label(display, "recentNumber0").text() == ""
        qtbot.waitUntil(lambda: len(sink.labels()) == 1, timeout=TIMEOUT)
        assert spoken(sink) == [f"called:{pickup.number}"]
        assert passport.number not in spoken(sink)[0]
    finally:
        display.close()
        ctx.db.dispose()


def test_counters_option_overrides_the_setting(
    qtbot: QtBot, ctx: QueueContext, sink: CollectingSink
) -> None:
    args = build_parser().parse_args(["--counters", "2,3"])
    display = start_display(qtbot, ctx, sink, counters=args.counters)
    try:
        assert display.scope.counters == (2, 3)
        issue_ticket(ctx, KIOSK, "baru", "walk_in")
        issue_ticket(ctx, KIOSK, "baru", "walk_in")
        call_next(ctx, OFFICER, 1)
        third = call_next(ctx, OFFICER, 3)
        qtbot.waitUntil(lambda: label(display, "latestNumber").text() == third.number)
        assert label(display, "recentNumber0").text() == ""
    finally:
        display.close()
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--counters", "two"])


def test_header_clock_info_line_and_paused_counter(
    qtbot: QtBot, ctx: QueueContext, display: CallingDisplay, clock: FixedClock
) -> None:
    assert label(display, "clock").text() == "Selasa, 1 Desember 2026 09.00"
    assert label(display, "officeName").text() == ctx.settings.office.name
    ticker = display.window.findChild(Ticker, "ticker")
    assert ticker is not None
    assert "Pesan antrean paspor lewat aplikasi M-Paspor." in ticker.text()
    assert "Book your passport queue with the M-Paspor app." in ticker.text()
    clock.advance(minutes=61)
    display.window.tick()
    assert label(display, "clock").text() == "Selasa, 1 Desember 2026 10.01"
    assert label(display, "countersNoneOpen").isVisible()
    pause_counter(ctx, OFFICER, 5)
    # (Other writes, such as the display's own heartbeat, may update the view first.)
    qtbot.waitUntil(
        lambda: label(display, "counterServing5").text() == "Istirahat", timeout=TIMEOUT
    )
    assert not label(display, "countersNoneOpen").isVisible()
    assert not label(display, "counterName1").isVisible()  # closed counters are left out


def test_highlight_ends_after_its_seconds(
    qtbot: QtBot, db_url: str, clock: FixedClock, sink: CollectingSink
) -> None:
    settings: Settings = make_settings(db_url, display={"highlight_seconds": 1})
    ctx = open_queue(settings, clock=clock)
    display = start_display(qtbot, ctx, sink)
    try:
        issue_ticket(ctx, KIOSK, "baru", "walk_in")
        view = call_next(ctx, OFFICER, 1)
        qtbot.waitUntil(lambda: display.window.latest.highlighted)
        qtbot.waitUntil(lambda: not display.window.latest.highlighted, timeout=3000)
        assert label(display, "latestNumber").text() == view.number  # still shown, calm
        assert current_ticket(ctx, 1) is not None
    finally:
        display.close()
        ctx.db.dispose()
