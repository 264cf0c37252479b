"""The pictograms on the kiosk's tiles: Material Design Icons (the "mdi6" font that comes
with qtawesome), drawn in the colour of the tile's text so they keep its contrast in every
theme. Each tile names its pictogram here by what it stands for: a home choice, a service
code, a priority reason code. A service or reason an office adds gets a general one."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QPixmap

# qtawesome reaches Qt through qtpy, which picks the binding QT_API names (PyQt5 first when
# unset): the kiosk runs on PySide6.
os.environ.setdefault("QT_API", "pyside6")

import qtawesome


@dataclass(frozen=True)
class Pictogram:
    """One glyph, or a glyph with a smaller one on its lower right corner."""

    glyph: str
    badge: str = ""


HOME = {
    "booking": Pictogram("mdi6.qrcode-scan"),
    "walk_in": Pictogram("mdi6.walk"),
    "priority": Pictogram("mdi6.human-cane"),
    "vip": Pictogram("mdi6.clock-fast"),
    "info": Pictogram("mdi6.information"),
}
SERVICES = {
    "baru": Pictogram("mdi6.passport-plus"),  # a new passport
    "ganti": Pictogram("mdi6.passport", badge="mdi6.autorenew"),  # a replacement
    "ambil": Pictogram("mdi6.passport-check"),  # picking up a finished passport
    "info": Pictogram("mdi6.information"),
}
REASONS = {
    "elderly": Pictogram("mdi6.human-cane"),
    "disabled": Pictogram("mdi6.wheelchair-accessibility"),
    "pregnant": Pictogram("mdi6.human-pregnant"),
    "small_child": Pictogram("mdi6.human-male-child"),
    "other": Pictogram("mdi6.account-question"),
}
CAMERA_OFF = Pictogram("mdi6.camera-off")
SERVICE = Pictogram("mdi6.passport")
REASON = Pictogram("mdi6.account-heart")


def for_home(choice: str) -> Pictogram | None:
    return HOME.get(choice)


def for_service(code: str) -> Pictogram:
    return SERVICES.get(code, SERVICE)


def for_reason(code: str) -> Pictogram:
    return REASONS.get(code, REASON)


def render(pictogram: Pictogram, colour: QColor, size: int) -> QPixmap:
    """The pictogram ``size`` pixels square in ``colour`` (the screen's pixel ratio taken
    into account by Qt). Each is drawn once: the tiles ask again on every style change."""
    return _render(pictogram, colour.rgba(), size)


@functools.lru_cache(maxsize=512)
def _render(pictogram: Pictogram, rgba: int, size: int) -> QPixmap:
    colour = QColor.fromRgba(rgba)
    if pictogram.badge:
        icon = qtawesome.icon(
            pictogram.glyph,
            pictogram.badge,
            options=[
                {"color": colour, "offset": (-0.1, 0.0)},
                {"color": colour, "scale_factor": 0.5, "offset": (0.28, 0.25)},
            ],
        )
    else:
        icon = qtawesome.icon(pictogram.glyph, color=colour)
    return icon.pixmap(QSize(size, size))
