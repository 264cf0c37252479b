"""Voice guidance: with ``kiosk.voice_guidance`` on, each screen's title and choices are
spoken by espeak-ng in the kiosk's language, and "Listen" says the screen again; off (the
default), the kiosk is silent and shows no such button."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from db.context import QueueContext
from kiosk.app import Kiosk, build_kiosk
from tests.kiosk.conftest import PORTRAIT, click, wait_screen
from ui.i18n import Translations
from ui.sound import CollectingSink, read_wav, rms


@pytest.fixture
def speaking(qtbot: QtBot, kiosk_ctx: QueueContext) -> Iterator[tuple[Kiosk, CollectingSink]]:
    sink = CollectingSink()  # what the loudspeaker would have played
    built = build_kiosk(kiosk_ctx, translations=Translations("kiosk"), watch=False, voice_sink=sink)
    assert built.window.voice is not None, "espeak-ng must be installed (package espeak-ng)"
    qtbot.addWidget(built.window)
    built.window.resize_to(*PORTRAIT)
    built.window.show()
    yield built, sink
    built.shut_down()
    QApplication.processEvents()


def said(kiosk: Kiosk) -> str:
    assert kiosk.window.voice is not None
    return kiosk.window.voice.last[0]


@pytest.mark.kiosk_settings(kiosk={"voice_guidance": True})
def test_each_screen_is_spoken_in_the_kiosks_language(
    qtbot: QtBot, speaking: tuple[Kiosk, CollectingSink]
) -> None:
    kiosk, sink = speaking
    qtbot.waitUntil(lambda: len(sink.played) >= 1, timeout=15_000)
    home = said(kiosk)
    # The heading and the tiles' titles, not their small print.
    assert home.startswith("Selamat datang.")
    assert "Layanan prioritas" in home
    label, wav = sink.played[-1]
    assert label.startswith("guide-id-")
    sound = read_wav(wav)
    assert sound.seconds > 1.0 and rms(sound.samples) > 100  # really spoken, not silence

    # A touch: the next screen is said.
    played = len(sink.played)
    click(qtbot, kiosk, "home_walk_in")
    wait_screen(qtbot, kiosk, "service")
    qtbot.waitUntil(lambda: len(sink.played) > played, timeout=15_000)
    assert "Paspor Baru" in said(kiosk) and said(kiosk) != home

    # "Dengarkan" says it again.
    listen = kiosk.window.listen_button
    assert listen is not None and listen.isVisible() and listen.text() == "Dengarkan"
    again = said(kiosk)
    played = len(sink.played)
    click(qtbot, kiosk, "listen_button")
    qtbot.waitUntil(lambda: len(sink.played) > played, timeout=15_000)
    assert said(kiosk) == again

    # English on request: the same screen, in English, with the English voice.
    played = len(sink.played)
    click(qtbot, kiosk, "lang_en")
    qtbot.waitUntil(lambda: len(sink.played) > played, timeout=15_000)
    assert "New Passport" in said(kiosk)
    assert "Paspor Baru" not in said(kiosk)
    assert sink.played[-1][0].startswith("guide-en-")


def test_off_by_default_silent_and_no_listen_button(kiosk: Kiosk) -> None:
    assert kiosk.window.state.settings.kiosk.voice_guidance is False
    assert kiosk.window.voice is None and kiosk.window.listen_button is None
