"""Every console text on the officer's screens goes through ``tr()``: one Qt Linguist
context, "Console".

Source strings are English; ``translations/admin_console_id.ts`` holds the Indonesian
(the product's default language). Values are filled in with ``str.format`` after
translating, so translators keep the ``{name}`` fields.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

CONTEXT = "Console"


def tr(source: str, **values: object) -> str:
    text = QCoreApplication.translate(CONTEXT, source)
    return text.format(**values) if values else text


def language() -> str:
    """The language the console speaks now ("id" when the Indonesian translator is
    installed): the translation of the word "en" is the language's code."""
    return QCoreApplication.translate(CONTEXT, "en")
