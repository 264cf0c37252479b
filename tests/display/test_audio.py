"""The chime and the voice: real espeak-ng synthesis, checked as sound (loud enough, long
enough), and the announcer's strict order."""

from __future__ import annotations

import datetime as dt
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtMultimedia import QMediaPlayer
from pytestqt.qtbot import QtBot

from config.settings import Display
from db.read.calling_display import Call
from display.announcer import Announcer
from display.audio import CollectingSink, Espeak, QtSink, chime, read_wav, rms, silence

SILENCE_RMS = 300.0  # of 32767: well above dither and noise, far below speech


def real_engine() -> Espeak:
    engine = Espeak.find()
    if engine is None:
        pytest.fail("espeak-ng is not installed (Debian package espeak-ng)")
    return engine


def a_call(i: int, kind: str = "called", counter: int = 3) -> Call:
    return Call(
        event_id=i,
        ticket_id=i,
        number=f"A-{i:03d}",
        counter=counter,
        counter_name=f"Loket {counter}",
        service="baru",
        kind=kind,  # type: ignore[arg-type]
        at=dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC),
    )


def test_chime_is_a_short_audible_sound() -> None:
    tone = chime()
    assert 1.0 <= tone.seconds <= 2.0
    assert rms(tone.samples) > SILENCE_RMS * 5
    assert max(abs(s) for s in tone.samples) < 32767  # no clipping
    again = read_wav(tone.to_wav())
    assert again.rate == tone.rate and again.samples == tone.samples
    assert rms(silence(0.5).samples) == 0.0


def test_espeak_speaks_the_call_in_indonesian(tmp_path: Path) -> None:
    voice = real_engine().synthesize(
        "Nomor antrean A dua puluh tiga, silakan menuju loket tiga", "id"
    )
    assert 1.5 <= voice.seconds <= 10.0, voice.seconds
    assert rms(voice.samples) > SILENCE_RMS
    english = real_engine().synthesize("Number Ay twenty-three, please go to counter three", "en")
    assert 1.5 <= english.seconds <= 10.0
    assert rms(english.samples) > SILENCE_RMS


def test_an_announcement_is_chime_then_voice(qtbot: QtBot, tmp_path: Path) -> None:
    sink = CollectingSink(out_dir=tmp_path)
    announcer = Announcer(Display(voice_english=False), sink, real_engine())
    try:
        assert announcer.voice_available
        with qtbot.waitSignal(announcer.announced, timeout=10_000) as done:
            announcer.announce(a_call(23))
        announcement = done.args[0]
        assert announcement.texts == ("Nomor antrean A dua puluh tiga, silakan menuju loket tiga",)
        assert announcement.voiced
        audio = read_wav((tmp_path / "announcement-0001.wav").read_bytes())
        assert 2.5 <= audio.seconds <= 12.0
        head = audio.samples[: round(chime().seconds * audio.rate)]
        assert rms(head) > SILENCE_RMS  # the chime comes first
        tail = audio.samples[round((chime().seconds + 0.3) * audio.rate) :]
        assert rms(tail) > SILENCE_RMS  # then the voice
    finally:
        announcer.close()


class PlayingSink(CollectingSink):
    """Takes a while to "play", like a loudspeaker, and logs when each playing starts/ends."""

    def __init__(self) -> None:
        super().__init__()
        self.log: list[tuple[str, str]] = []
        self.log_lock = threading.Lock()

    def play(self, wav: bytes, label: str) -> None:
        with self.log_lock:
            self.log.append(("start", label))
        time.sleep(0.02)  # the announcement being played
        super().play(wav, label)
        with self.log_lock:
            self.log.append(("end", label))


def test_a_burst_is_announced_in_order_without_cutting(qtbot: QtBot) -> None:
    sink = PlayingSink()
    announcer = Announcer(Display(), sink, real_engine())
    heard: list[str] = []
    announcer.announced.connect(lambda a: heard.append(a.call.number))
    try:
        for i in range(1, 11):
            announcer.announce(a_call(i))
        announcer.announce(a_call(4, kind="recalled"))
        qtbot.waitUntil(lambda: len(heard) == 11, timeout=30_000)
        expected = [f"A-{i:03d}" for i in range(1, 11)] + ["A-004"]
        assert heard == expected
        assert [label.split(":")[2] for label in sink.labels()] == expected
        assert all(len(wav) > 44 for _, wav in sink.played)
        # Each announcement ends before the next one starts: none is cut.
        assert [event for event, _ in sink.log] == ["start", "end"] * 11
        assert all(sink.log[i][1] == sink.log[i + 1][1] for i in range(0, 22, 2))
        assert announcer.pending == 0
    finally:
        announcer.close()


def test_without_an_engine_calls_get_the_chime_only(qtbot: QtBot) -> None:
    sink = CollectingSink()
    announcer = Announcer(Display(), sink, engine=None)
    try:
        assert not announcer.voice_available
        with qtbot.waitSignal(announcer.announced, timeout=5000) as done:
            announcer.announce(a_call(1))
        assert not done.args[0].voiced
        audio = read_wav(sink.played[0][1])
        assert audio.seconds < chime().seconds + 0.5
        assert rms(audio.samples) > SILENCE_RMS
    finally:
        announcer.close()


# Qt's own words for a machine without a sound server, where the sound goes nowhere.
NO_SOUND_SERVER = pytest.mark.qt_log_ignore("PulseAudioService", "No audio device detected")


@NO_SOUND_SERVER
def test_qt_multimedia_plays_a_call_to_its_end(qtbot: QtBot) -> None:
    """Through Qt Multimedia, no player program: on a machine without a sound card the
    output is a null device, and the player still runs the sound to its end in real time."""
    sink = QtSink()
    announcer = Announcer(Display(voice_english=False), sink, real_engine())
    try:
        started = time.monotonic()
        with qtbot.waitSignal(announcer.announced, timeout=30_000) as done:
            announcer.announce(a_call(7))
        took = time.monotonic() - started
        announcement = done.args[0]
        assert sink.completed == [announcement.label]
        assert announcement.seconds > 2.0
        assert took >= announcement.seconds * 0.9, (took, announcement.seconds)
        assert sink.player.mediaStatus() == QMediaPlayer.MediaStatus.EndOfMedia
        assert sink.player.position() >= sink.player.duration() - 100
    finally:
        announcer.close()
        sink.close()


@NO_SOUND_SERVER
@pytest.mark.qt_log_ignore("Could not open media")
def test_a_sound_that_cannot_be_played_is_reported(qtbot: QtBot) -> None:
    sink = QtSink()
    sink.problem = ""  # as on a PC with a sound card
    announcer = Announcer(Display(), sink, real_engine())
    heard: list[str] = []
    announcer.announced.connect(lambda a: heard.append(a.call.number))
    try:
        worker = threading.Thread(target=sink.play, args=(b"RIFF\x00\x00\x00\x00WAVEjunk", "bad"))
        worker.start()
        qtbot.waitUntil(lambda: not worker.is_alive(), timeout=10_000)
        assert sink.problem.startswith("playback failed"), sink.problem
        assert sink.completed == []
        assert not announcer.voice_available  # the heartbeat says "voice unavailable"
    finally:
        announcer.close()
        sink.close()
