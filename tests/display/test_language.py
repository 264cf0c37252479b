"""The display's texts come from Qt Linguist (display/translations/display_id.ts):
Indonesian as the main language, every tr() text translated, English on request."""

from __future__ import annotations

import re
from pathlib import Path

from pytestqt.qtbot import QtBot

from db.clock import FixedClock
from db.migrate import open_queue
from db.ops.calling import call_next
from db.ops.issuing import issue_ticket
from display.app import CallingDisplay
from display.widgets import FitLabel
from tests.conftest import KIOSK, OFFICER, make_settings
from tests.translations import finished_translations
from tests.translations import tr_sources as all_tr_sources

DISPLAY_DIR = Path(__file__).resolve().parents[2] / "display"
TS = DISPLAY_DIR / "translations" / "display_id.ts"


def indonesian() -> dict[str, str]:
    return finished_translations(TS)


def tr_sources() -> set[str]:
    return all_tr_sources(DISPLAY_DIR)


def test_every_tr_text_has_an_indonesian_translation() -> None:
    translated = indonesian()
    sources = tr_sources()
    assert len(sources) >= 15
    missing = sorted(sources - translated.keys())
    assert missing == [], f"add these to display/translations/display_id.ts: {missing}"
    for source in sources:
        fields = sorted(re.findall(r"\{\w+\}", source))
        assert sorted(re.findall(r"\{\w+\}", translated[source])) == fields, source
    assert translated["en"] == "id"


def shown(display: CallingDisplay, name: str) -> str:
    label = display.window.findChild(FitLabel, name)
    assert label is not None, name
    return label.text()


def test_indonesian_by_default_english_on_request(
    qtbot: QtBot, db_url: str, clock: FixedClock
) -> None:
    for language, expected in (
        ("id", ("PANGGILAN SEBELUMNYA", "Previous calls", "memanggil A-001", "0 orang")),
        ("en", ("PREVIOUS CALLS", "", "calling A-001", "0 people")),
    ):
        settings = make_settings(db_url, languages={"available": ["id", "en"], "default": language})
        ctx = open_queue(settings, clock=clock)
        display = CallingDisplay(ctx, muted=True, poll_ms=20)
        qtbot.addWidget(display.window)
        try:
            with qtbot.waitSignal(display.feed.loaded, timeout=5000):
                display.start()
            if language == "id":
                issue_ticket(ctx, KIOSK, "baru", "walk_in")
                call_next(ctx, OFFICER, 1)
            qtbot.waitUntil(
                lambda d=display, e=expected: shown(d, "counterServing1") == e[2]  # type: ignore[misc]
            )
            subtitle = display.window.findChild(FitLabel, "recentPanelSubtitle")
            assert shown(display, "recentPanelTitle") == expected[0]
            assert (subtitle.text() if subtitle is not None else "") == expected[1]
            assert shown(display, "waitingCount_baru") == expected[3]
        finally:
            display.close()
            ctx.db.dispose()
