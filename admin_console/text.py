"""Every console text on the officer's screens goes through ``tr()``: one Qt Linguist
context, "Console".

Source strings are English; ``translations/admin_console_id.ts`` holds the Indonesian
(the product's default language). Values are filled in with ``str.format`` after
translating, so translators keep the ``{name}`` fields.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

CONTEXT = "Console"
# The fixed words a queue refusal fills in (a ticket's status, a channel, a role...:
# ``db.errors.WORDS``), a vocabulary apart from the console's own texts.
WORDS_CONTEXT = "Words"


def tr(source: str, **values: object) -> str:
    text = QCoreApplication.translate(CONTEXT, source)
    return text.format(**values) if values else text


def translation(source: str, context: str = CONTEXT) -> str | None:
    """``source`` in the console's language, None when it has no translation there (in
    English, or a text the translation file does not hold). For texts that come from
    elsewhere (a queue refusal's sentence and words, :mod:`admin_console.tasks`); the
    console's own texts go through :func:`tr`."""
    text = QCoreApplication.translate(context, source)
    return None if text == source else text


def language() -> str:
    """The language the console speaks now ("id" when the Indonesian translator is
    installed): the translation of the word "en" is the language's code."""
    return QCoreApplication.translate(CONTEXT, "en")
