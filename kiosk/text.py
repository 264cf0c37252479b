"""Every visible kiosk text goes through ``tr()``: one Qt Linguist context, "Kiosk".

Source strings are English; ``translations/kiosk_id.ts`` holds the Indonesian. Values are
filled in with ``str.format`` *after* translating, so translators keep ``{name}`` fields.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

CONTEXT = "Kiosk"


def tr(source: str, **values: object) -> str:
    text = QCoreApplication.translate(CONTEXT, source)
    return text.format(**values) if values else text
