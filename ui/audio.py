"""Playing sound through Qt Multimedia, for the calling display's announcements and the
kiosk's voice guidance (PySide6-Addons: ``QMediaPlayer`` with a ``QAudioOutput`` on the
default output device; on Linux Qt talks to PulseAudio or PipeWire's PulseAudio service
through ``libpulse.so.0``, Debian package ``libpulse0``). No external player program is
needed. A sink is called from a worker thread, one sound after another, and ``play``
returns when the player reached the end of the sound. Making the sound (chime, speech,
joining) is :mod:`ui.sound`, shared with the web service.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field

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

# Qt Multimedia's start-up chatter (which sound libraries it could load, video acceleration
# probing, FFmpeg banners) says nothing about sound and would precede every start message;
# its errors still reach ``errorOccurred``. Set before the library loads.
QLoggingCategory.setFilterRules(
    "qt.multimedia.symbolsresolver=false\nqt.multimedia.ffmpeg*.info=false"
)

from PySide6.QtMultimedia import QAudioOutput, QMediaDevices, QMediaPlayer  # noqa: E402

from ui.sound import AudioSink  # noqa: E402

__all__ = ["QtSink", "default_sink"]

log = logging.getLogger(__name__)


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

    def stop(self) -> None:
        """Stop what is playing now (UI thread); its worker goes on to the next sound."""
        self.player.stop()
        self._end("")

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


def default_sink() -> AudioSink:
    """The PC's default sound output through Qt Multimedia (call on the UI thread)."""
    return QtSink()
