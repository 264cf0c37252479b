"""A display process of its own keeps every call on the screen while officers in another
process call, mark a no-show, transfer and recall: they meet only in the queue database."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from config import load_settings
from db.context import QueueContext
from db.migrate import open_queue
from db.ops.calling import call_next, no_show, recall, transfer
from db.ops.issuing import issue_ticket
from db.sim.demo import free_port, seed_demo
from tests.conftest import KIOSK, OFFICER
from tests.e2e_helpers import Process, child_env

pytestmark = pytest.mark.slow


@pytest.fixture
def office(tmp_path: Path) -> Iterator[tuple[QueueContext, Process]]:
    demo = seed_demo(tmp_path / "office", free_port(), bookings=0)
    text = demo.settings_path.read_text(encoding="utf-8")
    demo.settings_path.write_text(
        text + "\n[calling]\nno_show_min_seconds = 0\nno_show_min_recalls = 1\n",
        encoding="utf-8",
    )
    display = Process(
        [sys.executable, "-m", "tests.display.board_process", "--config", str(demo.settings_path)],
        child_env(demo.folder, demo.settings_path),
        tmp_path / "display.log",
    )
    ctx = open_queue(load_settings(demo.settings_path))
    try:
        display.wait_line(lambda line: line.startswith("board "), timeout=30)
        yield ctx, display
    finally:
        ctx.db.dispose()
        assert display.stop() == 0, (tmp_path / "display.log").read_text()


def shows(display: Process, check: object) -> dict[str, object]:
    """The first picture the display reported that passes ``check``."""
    line = display.wait_line(
        lambda line: line.startswith("board ") and check(json.loads(line[6:])),  # type: ignore[operator]
        timeout=15,
    )
    return json.loads(line[6:])


def test_called_no_show_and_transferred_numbers_stay_on_the_display(
    office: tuple[QueueContext, Process],
) -> None:
    ctx, display = office
    a = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    b = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    c = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    call_next(ctx, OFFICER, 1)
    shows(display, lambda p: p["latest"] == [a.number, "Loket 1"])
    recall(ctx, OFFICER, 1, a.id)
    shows(display, lambda p: p["latest"] == [a.number, "Loket 1 · dipanggil lagi"])
    no_show(ctx, OFFICER, 1, a.id)
    shows(display, lambda p: p["latest"] == [a.number, "silakan ke meja informasi"])
    call_next(ctx, OFFICER, 2)
    transfer(ctx, OFFICER, b.id, "info", keep_place=True)
    picture = shows(display, lambda p: p["latest"] == [b.number, "pindah ke Informasi"])
    assert picture["recent"] == [[a.number, "silakan ke meja informasi"]]
    call_next(ctx, OFFICER, 3)
    picture = shows(display, lambda p: p["latest"][0] == c.number)
    # Nothing dropped: the no-show and the transfer are still there, newest first.
    assert picture["recent"] == [
        [b.number, "pindah ke Informasi"],
        [a.number, "silakan ke meja informasi"],
    ]
    assert picture["serving"]["3"] == f"memanggil {c.number}"
