"""The console speaks the office's language: Indonesian by default (Qt Linguist, like the
kiosk), English on request; no officer-facing text is left untranslated."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from admin_console.window import ConsoleWindow
from db.clock import FixedClock
from db.context import QueueContext
from db.ops.issuing import issue_ticket
from db.ops.officers import OfficerView
from tests.conftest import KIOSK
from tests.console.conftest import LEFT, WAIT_MS, MakeConsole, button, log_in
from tests.translations import finished_translations
from tests.translations import tr_sources as all_tr_sources

CONSOLE_DIR = Path(__file__).resolve().parents[2] / "admin_console"
TS = CONSOLE_DIR / "translations" / "admin_console_id.ts"


def indonesian() -> dict[str, str]:
    return finished_translations(TS)


def tr_sources() -> set[str]:
    return all_tr_sources(CONSOLE_DIR)


def test_every_tr_text_has_an_indonesian_translation() -> None:
    translated = indonesian()
    sources = tr_sources()
    assert len(sources) > 100
    missing = sorted(sources - translated.keys())
    assert missing == [], f"add these to admin_console/translations/admin_console_id.ts: {missing}"
    for source in sources:
        fields = sorted(re.findall(r"\{\w+\}", source))
        assert sorted(re.findall(r"\{\w+\}", translated[source])) == fields, source
    assert translated["en"] == "id"  # what text.language() reads


def test_the_counter_speaks_indonesian_by_default(
    qtbot: QtBot,
    ctx: QueueContext,
    clock: FixedClock,
    people: dict[str, OfficerView],
    make_console: MakeConsole,
) -> None:
    issue_ticket(ctx, KIOSK, "baru", "priority", reason="elderly")
    window: ConsoleWindow = make_console(ctx, language=None)  # the settings' default: id
    assert window.translations.language == "id"
    view = log_in(qtbot, window, "budi", counter=1)
    assert view is not None
    qtbot.waitUntil(lambda: len(view.queue.line) == 1, timeout=WAIT_MS)
    assert button(window, "callNextButton").text() == "F1   Panggil berikutnya"
    assert view.queue.line_table.horizontalHeaderItem(2).text() == "Layanan"
    assert view.queue.line_table.item(0, 2).text() == "Paspor Baru"
    assert view.queue.line_table.item(0, 3).text() == "Prioritas (Lansia (60+))"
    qtbot.mouseClick(button(window, "callNextButton"), LEFT)
    qtbot.waitUntil(lambda: view.message.isVisible(), timeout=WAIT_MS)
    assert view.message.text() == "A-001 dipanggil."
    # No English source text is left on the counter's widgets.
    english = tr_sources() - {"VIP", "Booking", "supervisor", "administrator"}
    shown = [w.text() for w in view.findChildren(QLabel) if w.isVisible()]
    shown += [w.text().split("   ", 1)[-1] for w in view.findChildren(QPushButton)]
    assert [text for text in shown if text in english] == []


def test_english_on_request(
    qtbot: QtBot,
    ctx: QueueContext,
    people: dict[str, OfficerView],
    make_console: MakeConsole,
) -> None:
    window = make_console(ctx, language="en")
    view = log_in(qtbot, window, "budi", counter=1)
    assert view is not None
    assert button(window, "callNextButton").text() == "F1   Call next"
