"""The announcer: every call becomes a chime and the spoken call, played strictly one after
another. A new call waits for the one being spoken (never cuts it); a burst of ten calls is
ten announcements; a recall is announced again.

The queue is the operations bridge (``ui.ops``) with exactly one worker thread: work
submitted to it runs in submission order, and synthesis and playback (both blocking:
espeak-ng, then waiting for the sink to reach the end of the sound) stay off the Qt main
thread.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from config.settings import Display
from db.read.calling_display import Call
from display.audio import AudioSink, Espeak, Pcm, SpeechError, chime, join, silence
from ui.ops import Operations
from ui.speech_text import call_texts

log = logging.getLogger(__name__)

GAP_AFTER_CHIME = 0.25
GAP_BETWEEN_LANGUAGES = 0.6


@dataclass(frozen=True)
class Announcement:
    """One call as it was announced."""

    seq: int
    call: Call
    texts: tuple[str, ...]
    voiced: bool
    seconds: float

    @property
    def label(self) -> str:
        return f"{self.seq}:{self.call.kind}:{self.call.number}:{self.call.counter}"


class Announcer(QObject):
    """``announce(call)`` queues a call; ``announced`` is emitted (on the UI thread) after
    its audio has been handed to the sink and played.

    ``engine`` None means no speech engine on this PC: calls get the chime only, and
    ``voice_available`` is False so a device view can say "voice unavailable"."""

    announced = Signal(object)

    def __init__(
        self,
        settings: Display,
        sink: AudioSink,
        engine: Espeak | None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._sink = sink
        self._engine = engine if settings.voice else None
        self.ops = Operations(self)
        self.ops.pool.setExpiryTimeout(-1)
        self._lock = threading.Lock()
        self._seq = 0
        self._pending = 0
        self._closed = False
        self._chimes: dict[int, Pcm] = {}
        if settings.voice and engine is None:
            log.warning("voice unavailable: espeak-ng not found; calls get the chime only")
        log.info("announcer: voice %s", "available" if self.voice_available else "unavailable")

    @property
    def voice_available(self) -> bool:
        """Calls are spoken and heard: a speech engine, and a sink whose sound works."""
        return self._engine is not None and not self.sound_problem

    @property
    def sound_problem(self) -> str:
        """Why calls are not heard ("" when they are, or when the sink cannot tell)."""
        return str(getattr(self._sink, "problem", "") or "")

    @property
    def pending(self) -> int:
        """Announcements queued or being played."""
        with self._lock:
            return self._pending

    def announce(self, call: Call) -> None:
        if self._closed:
            return
        with self._lock:
            self._seq += 1
            self._pending += 1
            seq = self._seq
        self.ops.run(lambda: self._run(seq, call), self._done)

    def close(self) -> None:
        """Drop what is still queued and stop the announcement being played."""
        self._closed = True
        close_sink = getattr(self._sink, "close", None)
        if close_sink is not None:
            close_sink()
        self.ops.shutdown()

    def _done(self, done: Announcement | None) -> None:
        if done is not None and not self._closed:
            self.announced.emit(done)

    # -- worker thread ---------------------------------------------------------------

    def _run(self, seq: int, call: Call) -> Announcement | None:
        try:
            if self._closed:
                return None
            texts = call_texts(call.number, call.counter_name, self._settings.voice_english)
            audio, voiced = self._compose(texts)
            if self._closed:
                return None
            done = Announcement(seq, call, texts, voiced, audio.seconds)
            if audio.samples:
                self._sink.play(audio.to_wav(), done.label)
            return done
        except Exception:  # a failed announcement must never stop the ones after it
            log.exception("announcement of %s failed", call.number)
            return None
        finally:
            with self._lock:
                self._pending -= 1

    def _compose(self, texts: tuple[str, ...]) -> tuple[Pcm, bool]:
        voices = (self._settings.voice_id, self._settings.voice_en)
        spoken: list[Pcm] = []
        if self._engine is not None:
            for text, voice in zip(texts, voices, strict=False):
                try:
                    spoken.append(self._engine.synthesize(text, voice))
                except SpeechError as exc:
                    log.warning("could not speak %r: %s", text, exc)
        rate = spoken[0].rate if spoken else 22_050
        pieces: list[Pcm] = []
        if self._settings.chime:
            pieces += [self._chime(rate), silence(GAP_AFTER_CHIME, rate)]
        for i, sentence in enumerate(spoken):
            if i:
                pieces.append(silence(GAP_BETWEEN_LANGUAGES, rate))
            pieces.append(sentence)
        return join(pieces), bool(spoken)

    def _chime(self, rate: int) -> Pcm:
        if rate not in self._chimes:
            self._chimes[rate] = chime(rate)
        return self._chimes[rate]
