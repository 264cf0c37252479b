"""The calling display's sound as files a browser plays: the chime, then the call spoken in
Indonesian (and English), made by the same speech engine (espeak-ng) and the same words
as the display PC's announcer (``display.speech_text``, ``display.audio``: plain Python,
no Qt).

Only calls the office can make are spoken: a ticket number of a configured series and a
configured counter, so nobody can make the server say anything else. Made files are kept
(a small LRU) because every TV asks for the same call at the same moment."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict

from config.settings import Settings
from ui.sound import Espeak, Pcm, SpeechError, chime, join, silence
from ui.speech_text import call_texts

GAP_AFTER_CHIME = 0.25
GAP_BETWEEN_LANGUAGES = 0.6
CACHE = 64
_NUMBER = re.compile(r"^([A-Z]{1,3})-(\d{1,4})$")


class CallSounds:
    def __init__(self, settings: Settings, engine: Espeak | None) -> None:
        self.settings = settings
        self.engine = engine if settings.display.voice else None
        self._cache: OrderedDict[tuple[str, int], bytes] = OrderedDict()
        self._lock = threading.Lock()
        self._prefixes = {s.prefix for s in settings.services}
        self._chime = chime().to_wav()

    @property
    def chime_wav(self) -> bytes:
        return self._chime

    def valid(self, number: str, counter: int) -> bool:
        match = _NUMBER.match(number)
        if match is None or match.group(1) not in self._prefixes:
            return False
        return any(c.number == counter for c in self.settings.counters)

    def call_wav(self, number: str, counter: int) -> bytes:
        """The announcement of ``number`` at counter ``counter`` (check ``valid`` first)."""
        key = (number, counter)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        wav = self._compose(number, self.settings.counter(counter).name)
        with self._lock:
            self._cache[key] = wav
            while len(self._cache) > CACHE:
                self._cache.popitem(last=False)
        return wav

    def _compose(self, number: str, counter_name: str) -> bytes:
        display = self.settings.display
        texts = call_texts(number, counter_name, display.voice_english)
        spoken: list[Pcm] = []
        if self.engine is not None:
            for text, voice in zip(texts, (display.voice_id, display.voice_en), strict=False):
                try:
                    spoken.append(self.engine.synthesize(text, voice))
                except SpeechError:
                    continue
        rate = spoken[0].rate if spoken else 22_050
        pieces: list[Pcm] = []
        if display.chime or not spoken:
            pieces += [chime(rate), silence(GAP_AFTER_CHIME, rate)]
        for i, voice in enumerate(spoken):
            if i:
                pieces.append(silence(GAP_BETWEEN_LANGUAGES, rate))
            pieces.append(voice)
        return join(pieces).to_wav()
