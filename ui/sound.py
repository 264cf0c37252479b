"""Sound without Qt, shared by the calling display and the web service: the chime, the
speech engine, joining WAV pieces, and the sinks that collect a finished announcement.

Everything here is 16-bit PCM WAV read and written with the standard library ``wave``
module. The speech engine is espeak-ng (Debian package ``espeak-ng``), run as
``espeak-ng -v VOICE -w OUT.wav TEXT``: offline, a few milliseconds per sentence. It
writes 22 050 Hz mono; the chime and the pauses are made at whatever rate it uses.
Playing is ``ui/audio.py`` (Qt Multimedia), for the display and the kiosk.
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
