"""Every screen in both languages and both orientations: rendered, non-blank, nothing
clipped, and every text it asked for translated."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from config.settings import Channel
from db.errors import QuotaExhausted
from db.ops.issuing import issue_ticket
from kiosk.app import Kiosk
from kiosk.widgets import Tile
from kiosk.wording import refusal
from printer import Emulator
from tests.conftest import KIOSK
from tests.kiosk.conftest import LANDSCAPE, PORTRAIT, click, text_of, wait_screen
from tests.translations import finished_translations
from tests.translations import tr_sources as all_tr_sources
from ui.i18n import ts_files

KIOSK_DIR = Path(__file__).resolve().parents[2] / "kiosk"
SCREENS = (
    "home", "scan", "code", "service", "reason", "vip", "faq", "confirm", "busy",
    "ticket", "message", "pin", "assisted", "out_of_service", "idle",
)  # fmt: skip


class Recorder(QTranslator):
    """Installed last, asked first: notes every text the screens ask for."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: set[tuple[str, str]] = set()

    def translate(self, context: str, source: str, *args: object) -> str | None:  # type: ignore[override]
        self.asked.add((context, source))
        return None  # None (a null string): Qt asks the next translator

    def isEmpty(self) -> bool:
        return False


def indonesian() -> dict[str, str]:
    return finished_translations(ts_files("kiosk")["id"])


def tr_sources() -> set[str]:
    return all_tr_sources(KIOSK_DIR)


def test_every_tr_text_has_an_indonesian_translation() -> None:
    translated = indonesian()
    sources = tr_sources()
    assert len(sources) > 100
    missing = sorted(sources - translated.keys())
    assert missing == [], f"add these to kiosk/translations/kiosk_id.ts: {missing}"
    for source in sources:
        fields = sorted(re.findall(r"\{\w+\}", source))
        assert sorted(re.findall(r"\{\w+\}", translated[source])) == fields, source


def show(kiosk: Kiosk, name: str) -> None:
    flows, window = kiosk.flows, kiosk.window
    window.overlay.hide()
    window.state.assisted = False
    if name == "idle":
        window.show_screen("home")
        window.overlay.show_countdown(10)
    elif name == "service":
        flows.choose_service(Channel.WALK_IN)
    elif name == "code":
        flows.enter_code("booking")
    elif name == "confirm":
        flows.reason = "small_child"
        flows.confirm("ganti", Channel.PRIORITY)
    elif name == "pin":
        flows.ask_pin("assisted")
        flows.screen("pin").set_feedback("PIN ● ● ●")
    elif name == "assisted":
        window.state.assisted = True
        flows.go_home()
    elif name == "ticket":
        view = issue_ticket(window.state.ctx, KIOSK, "baru", Channel.WALK_IN)
        flows.screen("ticket").show_ticket(view)
        flows.screen("ticket").set_failed(
            lambda: kiosk.printer.failure_message(
                type("R", (), {"problem": "paper_out", "number": view.number})()  # type: ignore[arg-type]
            )
        )
        window.show_screen("ticket")
    elif name == "message":
        exc = QuotaExhausted("full", "baru", "walk_in", 40)
        state = window.state
        flows.show_message(
            lambda: refusal(state.ctx, exc, state.language, state.service_name("baru"))
        )
    else:
        window.show_screen(name)


def clipped(window: QWidget) -> list[str]:
    problems = []
    for label in window.findChildren(QLabel):
        if not label.isVisibleTo(window) or not label.text():
            continue
        hint = label.sizeHint()
        if label.wordWrap():
            if label.heightForWidth(label.width()) > label.height() + 1:
                problems.append(f"{label.objectName()} {label.text()!r}: too short")
        elif hint.width() > label.width() + 1 or hint.height() > label.height() + 1:
            problems.append(f"{label.objectName()} {label.text()!r}: {hint} > {label.size()}")
    for button in window.findChildren(QPushButton):
        if isinstance(button, Tile) or not button.isVisibleTo(window):
            continue
        if button.sizeHint().width() > button.width() + 1:
            problems.append(f"{button.objectName()} {button.text()!r}: too narrow")
    return problems


def non_blank(path: Path) -> bool:
    from PIL import Image

    with Image.open(path) as image:
        colours = image.convert("RGB").getcolors(maxcolors=100_000)
    return colours is None or len(colours) > 20


@pytest.mark.parametrize("size", [PORTRAIT, LANDSCAPE], ids=["portrait", "landscape"])
def test_every_screen_renders_unclipped_in_both_languages(
    qtbot: QtBot, kiosk: Kiosk, size: tuple[int, int], tmp_path: Path
) -> None:
    window = kiosk.window
    window.resize_to(*size)
    recorder = Recorder()
    translated = indonesian()
    out = tmp_path / "screens"
    out.mkdir()
    problems: dict[str, list[str]] = {}
    for large in (False, True):
        window.set_large_text(large)
        for lang in ("id",) if large else ("id", "en"):  # large text: the longer language
            window.set_language(lang)
            if lang == "id":
                QCoreApplication.installTranslator(recorder)
            for name in SCREENS:
                show(kiosk, name)
                window.retranslate()
                QApplication.processEvents()
                assert window.size().toTuple() == size, (
                    f"{name} ({lang}, {large=}) does not fit {size}"
                )
                orientation = "portrait" if size == PORTRAIT else "landscape"
                png = out / f"kiosk-{name}-{orientation}-{lang}{'-large' if large else ''}.png"
                assert window.grab().save(str(png), "PNG", 100)  # 100: no compression, fast
                assert non_blank(png), png
                found = clipped(window)
                if found:
                    problems[png.name] = found
            QCoreApplication.removeTranslator(recorder)
    window.set_large_text(False)
    assert problems == {}
    asked = {source for context, source in recorder.asked if context == "Kiosk"}
    assert len(asked) > 60
    assert sorted(asked - translated.keys()) == []
    print(f"screenshots in {out}")


def test_ui_keeps_running_while_a_slow_printer_prints(
    qtbot: QtBot, kiosk: Kiosk, emulator: Emulator
) -> None:
    emulator.state.delay_s = 0.25
    ticks = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    click(qtbot, kiosk, "home_walk_in")
    click(qtbot, kiosk, "service_baru")
    click(qtbot, kiosk, "confirm_print")
    wait_screen(qtbot, kiosk, "ticket")
    assert text_of(kiosk, "ticket_print_status") == "Tiket Anda sedang dicetak…"
    start = len(ticks)
    with qtbot.waitSignal(kiosk.printer.printed, timeout=15_000):
        pass
    timer.stop()
    assert len(ticks) - start >= 10  # the event loop ran all along
    assert text_of(kiosk, "ticket_print_status") == "Silakan ambil tiket Anda di bawah."
