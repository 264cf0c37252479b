"""The display tells the consoles how it is, through the heartbeat table."""

from __future__ import annotations

import json

from pytestqt.qtbot import QtBot

from config.loader import database_label
from db.context import QueueContext
from db.read.dashboard import kiosk_status
from display.app import CallingDisplay
from display.audio import CollectingSink, Espeak
from display.health import display_id


def beat_detail(ctx: QueueContext) -> dict[str, str] | None:
    for status in kiosk_status(ctx):
        if status.kiosk_id == display_id():
            said = {k: v for k, v in (p.split(": ") for p in status.detail.split(", "))}
            # What every app's heartbeat says besides its own words.
            assert (status.kind, status.office) == ("display", ctx.settings.office.code)
            assert status.database == database_label(ctx.settings.database_url)
            assert not status.alerts
            assert said.pop("version")
            return said
    return None


def run_display(qtbot: QtBot, ctx: QueueContext, engine: Espeak | None) -> CallingDisplay:
    display = CallingDisplay(ctx, sink=CollectingSink(), engine=engine, poll_ms=20)
    qtbot.addWidget(display.window)
    with qtbot.waitSignal(display.feed.loaded, timeout=5000):
        display.start()
    return display


def test_voice_unavailable_reaches_the_device_view(qtbot: QtBot, ctx: QueueContext) -> None:
    display = run_display(qtbot, ctx, engine=None)
    try:
        qtbot.waitUntil(lambda: beat_detail(ctx) is not None, timeout=5000)
        assert beat_detail(ctx) == {"voice": "unavailable"}
    finally:
        display.close()


def test_working_voice_is_reported_as_ok(qtbot: QtBot, ctx: QueueContext) -> None:
    engine = Espeak.find()
    assert engine is not None, "espeak-ng must be installed (Debian package espeak-ng)"
    display = run_display(qtbot, ctx, engine=engine)
    try:
        qtbot.waitUntil(lambda: beat_detail(ctx) is not None, timeout=5000)
        assert beat_detail(ctx) == {"voice": "ok"}
        assert json.loads(json.dumps(beat_detail(ctx)))["voice"] == "ok"
    finally:
        display.close()
