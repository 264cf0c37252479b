"""The display's sound: made by :mod:`ui.sound` (chime, espeak-ng, joining), played by
:mod:`ui.audio` (Qt Multimedia), the same path the kiosk's voice guidance takes."""

from __future__ import annotations

from ui.audio import QtSink, default_sink
from ui.sound import (
    RATE,
    AudioSink,
    CollectingSink,
    Espeak,
    Pcm,
    SpeechError,
    chime,
    join,
    read_wav,
    rms,
    silence,
)

__all__ = [
    "RATE",
    "AudioSink",
    "CollectingSink",
    "Espeak",
    "Pcm",
    "QtSink",
    "SpeechError",
    "chime",
    "default_sink",
    "join",
    "read_wav",
    "rms",
    "silence",
]
