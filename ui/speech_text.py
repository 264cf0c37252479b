"""What the announcer says, as plain text for a speech engine: numbers in words, letters by
their names, so the engine never has to guess how to read "A-023" or "Loket 3".

    call_text_id("A-023", "Loket 3") == "Nomor antrean A dua puluh tiga, silakan menuju loket tiga"
    call_text_en("A-023", "Loket 3") == "Number Ay twenty-three, please go to counter three"

English letters are written by their names too ("Ay", "Bee"): a bare "A" before a word is
read as the article.
"""

from __future__ import annotations

import re

from num2words import num2words

# The Indonesian alphabet's letter names (capitalised: they stand for a capital letter).
LETTERS_ID = {
    "A": "A", "B": "Be", "C": "Ce", "D": "De", "E": "E", "F": "Ef", "G": "Ge", "H": "Ha",
    "I": "I", "J": "Je", "K": "Ka", "L": "El", "M": "Em", "N": "En", "O": "O", "P": "Pe",
    "Q": "Ki", "R": "Er", "S": "Es", "T": "Te", "U": "U", "V": "Fe", "W": "We", "X": "Eks",
    "Y": "Ye", "Z": "Zet",
}  # fmt: skip
LETTERS_EN = {
    "A": "Ay", "B": "Bee", "C": "See", "D": "Dee", "E": "Ee", "F": "Ef", "G": "Gee",
    "H": "Aitch", "I": "Eye", "J": "Jay", "K": "Kay", "L": "El", "M": "Em", "N": "En",
    "O": "Oh", "P": "Pee", "Q": "Cue", "R": "Ar", "S": "Ess", "T": "Tee", "U": "You",
    "V": "Vee", "W": "Double-you", "X": "Ex", "Y": "Why", "Z": "Zed",
}  # fmt: skip

_NUMBER = re.compile(r"^\s*([A-Za-z]*)\s*-?\s*(\d+)\s*$")
_TOKEN = re.compile(r"\d+|[^\W\d_]+|[^\s\w]", re.UNICODE)
_COUNTER_WORD = {"loket": "counter"}


def number_words(n: int, lang: str = "id") -> str:
    """1 → "satu", 23 → "dua puluh tiga" (``lang`` "id") or "twenty-three" ("en")."""
    if n < 0:
        raise ValueError(f"cannot speak a negative number {n}")
    return str(num2words(n, lang=lang))


def spell_letters(letters: str, lang: str = "id") -> str:
    """Letters by name: "AB" → "A Be" (Indonesian) or "Ay Bee" (English)."""
    names = LETTERS_EN if lang == "en" else LETTERS_ID
    return " ".join(names.get(ch, ch) for ch in letters.upper())


def spoken_ticket(number: str, lang: str = "id") -> str:
    """A ticket number as words: "A-023" → "A dua puluh tiga", "AB-7" → "A Be tujuh"."""
    match = _NUMBER.match(number)
    if match is None:
        return spoken_name(number, lang)
    letters, digits = match.groups()
    words = number_words(int(digits), lang)
    return f"{spell_letters(letters, lang)} {words}" if letters else words


def spoken_name(name: str, lang: str = "id") -> str:
    """A counter name for speech: digits become words, short all-capital words (a series
    letter, "VIP") are spelled, other words are lowercased; in English "loket" becomes
    "counter". "Loket 3" → "loket tiga", "Loket 12B" → "loket dua belas Be"."""
    words: list[str] = []
    for token in _TOKEN.findall(name):
        if token.isdigit():
            words.append(number_words(int(token), lang))
        elif token.isalpha():
            if token.isupper() and len(token) <= 3 and token.isascii():
                words.append(spell_letters(token, lang))
            else:
                lower = token.lower()
                words.append(_COUNTER_WORD.get(lower, lower) if lang == "en" else lower)
    return " ".join(words)


def call_text_id(number: str, counter_name: str) -> str:
    return (
        f"Nomor antrean {spoken_ticket(number, 'id')}, "
        f"silakan menuju {spoken_name(counter_name, 'id')}"
    )


def call_text_en(number: str, counter_name: str) -> str:
    counter = spoken_name(counter_name, "en")
    if not counter.startswith("counter"):
        counter = f"counter {counter}"
    return f"Number {spoken_ticket(number, 'en')}, please go to {counter}"


def call_texts(number: str, counter_name: str, english: bool) -> tuple[str, ...]:
    """The Indonesian announcement, then the English one when it is enabled."""
    texts = [call_text_id(number, counter_name)]
    if english:
        texts.append(call_text_en(number, counter_name))
    return tuple(texts)
