"""Sound for the announcer: the chime, the speech engine, joining WAV pieces, and the
audio sinks that play (or collect) the finished announcement.

Everything here is 16-bit PCM WAV read and written with the standard library ``wave``
module. The speech engine is espeak-ng (Debian package ``espeak-ng``), run as
``espeak-ng -v VOICE -w OUT.wav TEXT``: offline, a few milliseconds per sentence. It
writes 22 050 Hz mono; the chime and the pauses are made at whatever rate it uses.

Playback: :class:`QtSink` plays through Qt Multimedia (PySide6-Addons: ``QMediaPlayer``
with a ``QAudioOutput`` on the default output device; on Linux Qt talks to PulseAudio or
PipeWire's PulseAudio service through ``libpulse.so.0``, Debian package ``libpulse0``). No
external player program is needed. The announcer calls a sink from its own worker thread,
one announcement after another, and ``play`` returns when the player reached the end of
the sound. Tests pass a ``CollectingSink``: the same engine, the audio kept instead of
played.
"""

from __future__ import annotations

import io
import logging
import math
import shutil
import subprocess
import tempfile
import threading
import wave
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QLoggingCategory,
    QObject,
    Qt,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtMultimedia import QAudioOutput, QMediaDevices, QMediaPlayer

log = logging.getLogger(__name__)

RATE = 22_050


@dataclass(frozen=True)
class Pcm:
    """Mono 16-bit samples at ``rate``."""

    samples: array
    rate: int = RATE

    @property
    def seconds(self) -> float:
        return len(self.samples) / self.rate

    def to_wav(self) -> bytes:
        out = io.BytesIO()
        with wave.open(out, "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(self.rate)
            w.writeframes(self.samples.tobytes())
        return out.getvalue()


def read_wav(data: bytes) -> Pcm:
    """A mono (or first-channel) 16-bit WAV as samples."""
    with wave.open(io.BytesIO(data), "rb") as w:
        if w.getsampwidth() != 2:
            raise ValueError(f"expected 16-bit samples, got {8 * w.getsampwidth()}-bit")
        channels = w.getnchannels()
        rate = w.getframerate()
        samples = array("h", w.readframes(w.getnframes()))
    if channels > 1:
        samples = samples[::channels]
    return Pcm(samples, rate)


def rms(samples: array) -> float:
    """Root mean square of 16-bit samples (0 for silence, 32767 for full-scale square)."""
    if not samples:
        return 0.0
    return math.sqrt(sum(s * s for s in samples) / len(samples))


def silence(seconds: float, rate: int = RATE) -> Pcm:
    return Pcm(array("h", bytes(2 * round(seconds * rate))), rate)


def chime(rate: int = RATE, volume: float = 0.5) -> Pcm:
    """A two-tone "ding-dong" (E6 then C6), each note a soft bell: a sine with a quieter
    octave and a decaying envelope, so it is heard over a waiting room without startling."""
    samples = array("h")
    for freq, seconds in ((1318.5, 0.55), (1046.5, 0.85)):
        count = round(seconds * rate)
        attack = round(0.01 * rate)
        for i in range(count):
            t = i / rate
            envelope = min(1.0, i / attack) * math.exp(-3.2 * t / seconds)
            tone = math.sin(2 * math.pi * freq * t) + 0.3 * math.sin(4 * math.pi * freq * t)
            samples.append(round(32767 * volume * envelope * tone / 1.3))
    return Pcm(samples, rate)


def join(pieces: list[Pcm]) -> Pcm:
    """Pieces one after another (all must share one rate)."""
    rate = pieces[0].rate if pieces else RATE
    samples = array("h")
    for piece in pieces:
        if piece.rate != rate:
            raise ValueError(f"cannot join {piece.rate} Hz audio to {rate} Hz audio")
        samples.extend(piece.samples)
    return Pcm(samples, rate)


class SpeechError(Exception):
    """The speech engine failed to say a text."""


class Espeak:
    """espeak-ng writing WAV files. ``Espeak.find()`` is None when it is not installed."""

    def __init__(self, executable: str, timeout: float = 20.0) -> None:
        self.executable = executable
        self.timeout = timeout

    @classmethod
    def find(cls) -> Espeak | None:
        path = shutil.which("espeak-ng")
        return cls(path) if path else None

    def synthesize(self, text: str, voice: str) -> Pcm:
        with tempfile.TemporaryDirectory(prefix="loket-voice-") as tmp:
            out = Path(tmp) / "voice.wav"
            try:
                done = subprocess.run(
                    [self.executable, "-v", voice, "-w", str(out), "--", text],
                    capture_output=True,
                    timeout=self.timeout,
                    check=False,
                )
            except (OSError, subprocess.TimeoutExpired) as exc:
                raise SpeechError(f"espeak-ng did not run: {exc}") from exc
            if done.returncode != 0 or not out.exists():
                raise SpeechError(
                    f"espeak-ng failed (exit {done.returncode}): "
                    f"{done.stderr.decode(errors='replace').strip()}"
                )
            return read_wav(out.read_bytes())


class AudioSink(Protocol):
    def play(self, wav: bytes, label: str) -> None:
        """Play one finished announcement and return when it has been played."""
        ...


@dataclass
class _Playing:
    wav: bytes
    label: str
    over: threading.Event = field(default_factory=threading.Event)
    error: str = ""


class QtSink(QObject):
    """Plays announcements through Qt Multimedia (``QMediaPlayer`` + ``QAudioOutput``).

    Made on the UI thread, where the player lives. ``play`` is called from the announcer's
    worker thread: it hands the WAV to the UI thread and waits until the player reports
    the end of the media (or an error, or ``timeout`` seconds), so one announcement never
    cuts another. ``problem`` is "" while sound works, else why not (no audio output
    device, the last playback failed): what the display's heartbeat reports."""

    _start = Signal(object)

    def __init__(self, parent: QObject | None = None, timeout: float = 60.0) -> None:
        super().__init__(parent)
        # Qt Multimedia's start-up chatter (video acceleration probing, FFmpeg banners)
        # says nothing about sound; its errors still reach ``errorOccurred``.
        QLoggingCategory.setFilterRules(
            "qt.multimedia.symbolsresolver=false\nqt.multimedia.ffmpeg*.info=false"
        )
        self.timeout = timeout
        self.player = QMediaPlayer(self)
        self.output = QAudioOutput(self)
        self.player.setAudioOutput(self.output)
        self.player.mediaStatusChanged.connect(self._status)
        self.player.errorOccurred.connect(self._error)
        self._start.connect(self._begin, Qt.ConnectionType.QueuedConnection)
        self._current: _Playing | None = None
        self._buffer: QBuffer | None = None
        self._closed = False
        self.completed: list[str] = []  # labels played to their end
        self.problem = "" if QMediaDevices.audioOutputs() else "no audio output device"
        if self.problem:
            log.warning("sound unavailable: %s; calls are shown, not heard", self.problem)

    def play(self, wav: bytes, label: str) -> None:  # the announcer's worker thread
        if self._closed:
            return
        job = _Playing(wav, label)
        self._start.emit(job)
        if not job.over.wait(self.timeout):
            log.warning("playing %s did not finish within %.0f s", label, self.timeout)
        elif job.error:
            log.warning("could not play %s: %s", label, job.error)

    def close(self) -> None:
        """Stop playing and release a waiting worker (the display is closing)."""
        self._closed = True
        self.player.stop()
        self._end("")

    @Slot(object)
    def _begin(self, job: _Playing) -> None:
        if self._closed:
            job.over.set()
            return
        self._current = job
        old, self._buffer = self._buffer, QBuffer(self)
        self._buffer.setData(QByteArray(job.wav))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.player.setSourceDevice(self._buffer, QUrl(f"{job.label}.wav"))
        if old is not None:  # the player has let go of it now
            old.deleteLater()
        self.player.play()

    @Slot(QMediaPlayer.MediaStatus)
    def _status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status == QMediaPlayer.MediaStatus.EndOfMedia:
            if self._current is not None:
                self.completed.append(self._current.label)
                if QMediaDevices.audioOutputs():
                    self.problem = ""
            self._end("")
        elif status == QMediaPlayer.MediaStatus.InvalidMedia:
            self._end("the sound could not be decoded")

    @Slot(QMediaPlayer.Error, str)
    def _error(self, error: QMediaPlayer.Error, message: str) -> None:
        if error != QMediaPlayer.Error.NoError:
            self._end(message or error.name)

    def _end(self, error: str) -> None:
        job, self._current = self._current, None
        if error:
            self.problem = f"playback failed: {error}"
        if job is not None:
            job.error = error
            job.over.set()


@dataclass
class CollectingSink:
    """Keeps every announcement's WAV (and writes it to ``out_dir`` when given): what tests
    and a recording of the day's announcements use instead of a loudspeaker."""

    out_dir: Path | None = None
    played: list[tuple[str, bytes]] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def play(self, wav: bytes, label: str) -> None:
        with self._lock:
            self.played.append((label, wav))
            index = len(self.played)
        if self.out_dir is not None:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            (self.out_dir / f"announcement-{index:04d}.wav").write_bytes(wav)

    def labels(self) -> list[str]:
        with self._lock:
            return [label for label, _ in self.played]


def default_sink() -> AudioSink:
    """The PC's default sound output through Qt Multimedia (call on the UI thread)."""
    return QtSink()
