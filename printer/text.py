"""Text as a thermal printer can print it.

The printer gets ASCII only. Its code pages differ between models and a character the
selected page lacks comes out as garbage, so names like "Đặng" or "Müller" are
transliterated to ASCII here, before python-escpos sees them. Control characters are
removed too: an ``ESC`` inside a name would otherwise be a printer command.
"""

from __future__ import annotations

import textwrap
import unicodedata

# Letters NFKD does not decompose into an ASCII base letter, and common punctuation.
_SPECIAL = {
    "Đ": "D",
    "đ": "d",
    "Ð": "D",
    "ð": "d",
    "ß": "ss",
    "ẞ": "SS",
    "Æ": "AE",
    "æ": "ae",
    "Ø": "O",
    "ø": "o",
    "Œ": "OE",
    "œ": "oe",
    "Ł": "L",
    "ł": "l",
    "Þ": "Th",
    "þ": "th",
    "ı": "i",
    "Ħ": "H",
    "ħ": "h",
    "ŋ": "ng",
    "Ŋ": "NG",
    "‘": "'",
    "’": "'",
    "‚": ",",
    "“": '"',
    "”": '"',
    "„": '"',
    "–": "-",
    "—": "-",
    "‐": "-",
    "−": "-",
    "…": "...",
    "•": "*",
    "·": ".",
    "±": "+/-",
    "×": "x",
    "÷": "/",
    "°": " deg",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "©": "(c)",
    "®": "(R)",
    "™": "TM",
    "«": "<<",
    "»": ">>",
}
_TABLE = str.maketrans(_SPECIAL)


def to_printable(text: str) -> str:
    """``text`` as printable ASCII: accents dropped, special letters spelled out.

    Whitespace and control characters become single spaces; a character with no ASCII
    spelling (CJK, emoji) becomes "?".
    """
    text = unicodedata.normalize("NFKC", text).translate(_TABLE)
    out: list[str] = []
    for char in unicodedata.normalize("NFKD", text):
        code = ord(char)
        if 0x20 <= code < 0x7F:
            out.append(char)
        elif char.isspace() or code < 0x20 or code == 0x7F:
            out.append(" ")
        elif unicodedata.category(char) in ("Cc", "Cf", "Mn", "Me"):
            continue  # combining accents (after NFKD), format characters
        else:
            out.append("?")
    return "".join(out)


def wrap(text: str, columns: int) -> list[str]:
    """Printable lines of at most ``columns`` characters (long words are split)."""
    printable = " ".join(to_printable(text).split())
    if not printable:
        return []
    return textwrap.wrap(printable, columns, break_long_words=True, break_on_hyphens=True)
