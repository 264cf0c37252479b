"""The look the three apps share: colours, type sizes, touch sizes, and the large-text and
high-contrast modes. Apps add their own widget rules on top of ``stylesheet()``."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QFont, QGuiApplication, QScreen
from PySide6.QtWidgets import QApplication

MIN_TOUCH_MM = 20.0  # touch targets at least 2 cm


@dataclass(frozen=True)
class Palette:
    background: str
    surface: str
    text: str
    muted: str
    primary: str
    primary_text: str
    accent: str  # priority / attention
    danger: str
    ok: str
    focus: str


NORMAL = Palette(
    background="#F4F6FA",
    surface="#FFFFFF",
    text="#1A1F2B",
    muted="#4A5468",
    primary="#0B3D91",
    primary_text="#FFFFFF",
    accent="#C8102E",
    danger="#B00020",
    ok="#1B7F3B",
    focus="#F2A900",
)

HIGH_CONTRAST = Palette(
    background="#000000",
    surface="#000000",
    text="#FFFFFF",
    muted="#FFFF00",
    primary="#FFFF00",
    primary_text="#000000",
    accent="#00FFFF",
    danger="#FF6060",
    ok="#00FF00",
    focus="#FFFFFF",
)


@dataclass(frozen=True)
class Theme:
    palette: Palette = NORMAL
    base_pt: int = 18
    large_text: bool = False
    high_contrast: bool = False

    @classmethod
    def make(cls, *, large_text: bool = False, high_contrast: bool = False) -> Theme:
        return cls(
            palette=HIGH_CONTRAST if high_contrast else NORMAL,
            base_pt=26 if large_text else 18,
            large_text=large_text,
            high_contrast=high_contrast,
        )

    def pt(self, factor: float) -> int:
        """A font size relative to the body text."""
        return max(8, round(self.base_pt * factor))


def mm_to_px(mm: float, screen: QScreen | None = None) -> int:
    """Physical millimetres in pixels on the given (or primary) screen; 96 dpi when the
    screen does not report its size (offscreen, some TVs)."""
    screen = screen or QGuiApplication.primaryScreen()
    dpi = screen.physicalDotsPerInch() if screen is not None else 96.0
    if not 50 <= dpi <= 600:
        dpi = 96.0
    return round(mm / 25.4 * dpi)


def stylesheet(theme: Theme) -> str:
    p = theme.palette
    touch = mm_to_px(MIN_TOUCH_MM)
    border = "3px solid " + (p.text if theme.high_contrast else "transparent")
    return f"""
QWidget {{ background: {p.background}; color: {p.text}; font-size: {theme.pt(1)}pt; }}
QLabel#title {{ font-size: {theme.pt(1.8)}pt; font-weight: 700; }}
QLabel#subtitle {{ font-size: {theme.pt(1.2)}pt; color: {p.muted}; }}
QLabel#muted {{ color: {p.muted}; }}
QLabel#error {{ color: {p.danger}; font-weight: 700; }}
QPushButton {{
    background: {p.primary}; color: {p.primary_text}; border: {border};
    border-radius: 14px; padding: 12px 24px; min-height: {touch}px; min-width: {touch}px;
    font-size: {theme.pt(1.2)}pt; font-weight: 600;
}}
QPushButton:pressed {{ background: {p.focus}; color: #000000; }}
QPushButton:disabled {{ background: #9AA3B5; color: #E8EBF0; }}
QPushButton:focus {{ border: 4px solid {p.focus}; }}
QPushButton[role="secondary"] {{ background: {p.surface}; color: {p.primary};
    border: 3px solid {p.primary}; }}
QPushButton[role="accent"] {{ background: {p.accent}; color: #FFFFFF; }}
"""


def apply_theme(app: QApplication, theme: Theme, extra: str = "") -> None:
    """The theme's font and style sheet, with an app's own ``extra`` rules after it, set in
    one go (each style sheet set re-styles every widget)."""
    font = QFont("DejaVu Sans")
    font.setPointSize(theme.base_pt)
    app.setFont(font)
    app.setStyleSheet(stylesheet(theme) + extra)
