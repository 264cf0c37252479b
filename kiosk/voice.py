"""Voice guidance (``kiosk.voice_guidance``, off by default): each screen's title and choices
spoken in the kiosk's language, with espeak-ng (:mod:`ui.sound`) through Qt Multimedia
(:mod:`ui.audio`), the path the calling display's announcements take. The "Listen" button in
the kiosk's bar says the screen again.

What is said is read off the screen as it is shown: its heading, then every visible text
(the tiles' titles, the explanations, the buttons), in the order the screen was built, the
tiles' small print left out. Speaking runs on a worker thread of its own; a newer screen
replaces an older one that has not started yet, and stops one being said (on the UI
thread), so the voice never lags behind the applicant's touches.
"""

from __future__ import annotations

import html
import itertools
import logging
import re

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from ui.ops import Failure, Operations
from ui.sound import AudioSink, Espeak

log = logging.getLogger(__name__)

# Label kinds that are not for reading out: the tiles' small print, the header's clock.
UNSPOKEN_KINDS = frozenset({"tile_detail", "clock", "date", "office"})
VOICES = {"id": "id", "en": "en"}

_TAGS = re.compile(r"<[^>]+>")


def _plain(text: str) -> str:
    return " ".join(html.unescape(_TAGS.sub(" ", text)).split())


def screen_words(screen: QWidget) -> list[str]:
    """The texts of ``screen`` a sighted applicant sees, in reading order, each once."""
    said: list[str] = []
    for widget in screen.findChildren(QWidget):
        if not widget.isVisibleTo(screen):
            continue
        if isinstance(widget, QLabel):
            if widget.property("kind") in UNSPOKEN_KINDS:
                continue
            text = _plain(widget.text())
        elif isinstance(widget, QAbstractButton) and widget.isEnabled():
            text = _plain(widget.text())  # a tile's own text is "": its labels speak
        else:
            continue
        if text and text not in said:
            said.append(text)
    return said


class VoiceGuide(QObject):
    """Says texts in a language; ``spoken`` (text, language) after each is played."""

    spoken = Signal(str, str)

    def __init__(self, engine: Espeak, sink: AudioSink, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.sink = sink
        self.ops = Operations(self)
        self._latest = 0
        self._numbers = itertools.count(1)
        self.last: tuple[str, str] = ("", "")

    def say(self, text: str, language: str) -> None:
        """Say ``text`` (dropping what is still waiting to be said)."""
        if not text:
            return
        self.last = (text, language)
        number = self._latest = next(self._numbers)
        stop = getattr(self.sink, "stop", None)
        if callable(stop):
            stop()  # the screen changed: what the previous one said is over
        engine, sink, voice = self.engine, self.sink, VOICES.get(language, "en")

        def speak() -> bool:  # the guide's worker thread
            if number != self._latest:
                return False  # a newer screen came first
            sink.play(engine.synthesize(text, voice).to_wav(), f"guide-{language}-{number}")
            return True

        def done(played: bool) -> None:
            if played:
                self.spoken.emit(text, language)

        self.ops.run(speak, done, self._failed)

    def repeat(self) -> None:
        self.say(*self.last)

    def close(self) -> None:
        self.ops.shutdown(5000)

    @staticmethod
    def _failed(failure: Failure) -> None:
        log.warning("voice guidance could not speak: %s", failure)
