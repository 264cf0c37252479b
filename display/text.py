"""Every display text goes through ``tr()``: one Qt Linguist context, "Display".

Source strings are English; ``translations/display_id.ts`` holds the Indonesian, the
display's main language. Where the office shows English too, a title's English line under
the Indonesian one is the source text itself (``english()``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

CONTEXT = "Display"


def tr(source: str, **values: object) -> str:
    text = QCoreApplication.translate(CONTEXT, source)
    return text.format(**values) if values else text


def language() -> str:
    """The language the display speaks ("id" once the Indonesian translator is installed)."""
    return QCoreApplication.translate(CONTEXT, "en")


def english(source_translated: str, source: str, shown: bool) -> str | None:
    """The English line under a title: the source, when English is shown and the main line
    is not already English."""
    return source if shown and source_translated.casefold() != source.casefold() else None
