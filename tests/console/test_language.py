"""The console speaks the office's language: Indonesian by default (Qt Linguist, like the
kiosk), English on request; no officer-facing text is left untranslated."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from admin_console.text import CONTEXT
from admin_console.window import ConsoleWindow
from db.clock import FixedClock
from db.context import QueueContext
from db.ops.backups import record_backup
from db.ops.calling import cancel
from db.ops.issuing import issue_ticket
from db.ops.officers import OfficerView, add_officer
from db.ops.printjobs import heartbeat
from tests.conftest import ADMIN, KIOSK, SUPERVISOR
from tests.console.conftest import (
    LEFT,
    PASSWORD,
    WAIT_MS,
    MakeConsole,
    button,
    enter_login,
    log_in,
)
from tests.translations import finished_translations
from tests.translations import tr_sources as all_tr_sources

CONSOLE_DIR = Path(__file__).resolve().parents[2] / "admin_console"
TS = CONSOLE_DIR / "translations" / "admin_console_id.ts"


def indonesian() -> dict[str, str]:
    """The console's own texts (the words queue refusals fill in are a vocabulary apart,
    tests/console/test_refusals.py)."""
    return finished_translations(TS, CONTEXT)


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


# -- every page of a supervisor (and the administrator's officers page) ------------------


def _field_pattern(text: str) -> re.Pattern[str]:
    """A translatable text as a pattern: each ``{field}`` stands for any filled-in value."""
    parts = re.split(r"\{\w+\}", text)
    return re.compile(".+".join(re.escape(p) for p in parts), re.DOTALL)


def _patterns(texts: set[str]) -> list[re.Pattern[str]]:
    return [_field_pattern(t) for t in sorted(texts)]


def foreign_texts(language: str) -> list[re.Pattern[str]]:
    """What must not show in ``language``: the English sources whose Indonesian differs (in
    Indonesian), or those Indonesian translations (in English). Words both languages
    write alike ("Status", "VIP") are no sign either way."""
    pairs = indonesian()
    english = {s for s, t in pairs.items() if s != t}
    local = {t for s, t in pairs.items() if s != t}
    if language == "id":
        return _patterns(english - set(pairs.values()))
    return _patterns(local - set(pairs))


def shown_texts(root: QWidget) -> list[str]:
    """Every text an officer can read on ``root`` as it is now: labels, buttons, check
    boxes, placeholders, tab titles, table headers and cells, choices in lists."""
    texts: list[str] = []
    for label in root.findChildren(QLabel):
        if label.isVisible() and label.text():
            texts.append(label.text())
    for b in root.findChildren(QAbstractButton):
        if b.isVisible() and b.text():
            texts += [b.text(), b.text().split("   ", 1)[-1]]
    for edit in root.findChildren(QLineEdit):
        if edit.isVisible() and edit.placeholderText():
            texts.append(edit.placeholderText())
    for plain in root.findChildren(QPlainTextEdit):
        if plain.isVisible() and plain.placeholderText():
            texts.append(plain.placeholderText())
    for tabs in root.findChildren(QTabWidget):
        texts += [tabs.tabText(i) for i in range(tabs.count())]
    for table in root.findChildren(QTableWidget):
        for c in range(table.columnCount()):
            header = table.horizontalHeaderItem(c)
            if header is not None:
                texts.append(header.text())
        for r in range(table.rowCount()):
            for c in range(table.columnCount()):
                item = table.item(r, c)
                if item is not None and item.text():
                    texts.append(item.text())
    for box in root.findChildren(QComboBox):
        texts += [box.itemText(i) for i in range(box.count())]
    return texts


def untranslated(root: QWidget, language: str) -> list[str]:
    patterns = foreign_texts(language)
    return sorted({t for t in shown_texts(root) if any(p.fullmatch(t) for p in patterns)})


def visit_every_tab(qtbot: QtBot, window: ConsoleWindow, language: str) -> dict[str, list[str]]:
    """Show each page of the work area in turn, wait for its data, read what it shows."""
    work = window.work
    assert work is not None
    found: dict[str, list[str]] = {}
    for index in range(work.tabs.count()):
        page = work.tabs.widget(index)
        work.tabs.setCurrentIndex(index)
        refresher = work.refreshers.get(page)
        if refresher is not None:
            qtbot.waitUntil(lambda r=refresher: r.loads > 0, timeout=WAIT_MS)
        # Inner tabs (feedback, reports) show their own widgets one at a time.
        inner = [t for t in page.findChildren(QTabWidget)]
        for tabs in inner or [None]:
            for i in range(tabs.count() if tabs is not None else 1):
                if tabs is not None:
                    tabs.setCurrentIndex(i)
                QApplication.processEvents()
                found.setdefault(work.tabs.tabText(index), [])
                found[work.tabs.tabText(index)] += untranslated(page, language)
        found[work.tabs.tabText(index)] += untranslated(work, language)
    return {tab: sorted(set(texts)) for tab, texts in found.items() if texts}


def seed_the_day(ctx: QueueContext, clock: FixedClock) -> None:
    """Something on every page: tickets in each state, a kiosk needing paper, a backup,
    a complaint, a booking."""
    beat = dict(printer_online=False, cover_open=True, scanner="ok")
    heartbeat(ctx, KIOSK, "kiosk-1", paper="near_end", **beat)
    heartbeat(ctx, KIOSK, "kiosk-2", paper="out", **beat)
    record_backup(ctx, ADMIN, "loket-20261201-090000.backup", 2_400_000, copy_error="disk full")
    issue_ticket(ctx, KIOSK, "baru", "priority", reason="elderly")
    issue_ticket(ctx, KIOSK, "ganti", "walk_in")
    gone = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    cancel(ctx, SUPERVISOR, gone.id, "duplicate")
    clock.advance(minutes=5)


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_supervisor_pages_speak_the_console_language(
    qtbot: QtBot,
    ctx: QueueContext,
    clock: FixedClock,
    people: dict[str, OfficerView],
    make_console: MakeConsole,
    language: str,
) -> None:
    add_officer(ctx, ADMIN, "ana", "admin", PASSWORD, "Ana Kusuma")
    seed_the_day(ctx, clock)
    window = make_console(ctx, language=None if language == "id" else "en")
    assert window.translations.language == language
    # The login screen.
    assert untranslated(window.login, language) == []
    assert button(window, "loginButton").text() == ("Masuk" if language == "id" else "Log in")
    # The counter choice, then every page of a supervisor at a counter.
    enter_login(qtbot, window, "sari", PASSWORD)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.picker, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: len(window.picker.buttons) > 0, timeout=WAIT_MS)
    assert untranslated(window.picker, language) == []
    qtbot.mouseClick(button(window, "counterButton1"), LEFT)
    qtbot.waitUntil(lambda: window.work is not None, timeout=WAIT_MS)
    assert visit_every_tab(qtbot, window, language) == {}
    work = window.work
    assert work is not None and work.dashboard is not None and work.devices is not None
    dashboard_title = work.dashboard.title.text()
    kiosk_alerts = work.devices.banner.text()
    if language == "id":
        assert dashboard_title.startswith("Hari ini, Selasa 1 Desember 2026 — pukul ")
        assert "kiosk-2: kertas habis, printer tidak terhubung, penutup printer terbuka" in (
            kiosk_alerts
        )
        assert work.tabs.tabText(work.tabs.count() - 1) == "Log audit"
    else:
        assert dashboard_title.startswith("Today, Tuesday 1 December 2026 — as of ")
        assert "kiosk-2: out of paper, printer offline, printer cover open" in kiosk_alerts
        assert work.tabs.tabText(work.tabs.count() - 1) == "Audit log"
    # Locked, the login screen names the officer in the same language.
    window.lock()
    assert untranslated(window.login, language) == []
    # The administrator's officers page.
    window.logout()
    log_in(qtbot, window, "ana", counter=None)
    assert window.work is not None
    officers = window.findChild(QWidget, "officersPage")
    assert officers is not None
    window.work.tabs.setCurrentWidget(officers)
    qtbot.waitUntil(lambda: window.work.refreshers[officers].loads > 0, timeout=WAIT_MS)
    assert untranslated(officers, language) == []
