"""The kiosk's rules on top of the shared theme (``ui.theme.stylesheet``)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QApplication

from config.settings import Kiosk, text_colour_on
from ui.theme import MIN_TOUCH_MM, Theme, apply_theme, mm_to_px


def office_theme(theme: Theme, kiosk: Kiosk) -> Theme:
    """The theme in the office's colours (settings ``kiosk.primary_colour`` and
    ``accent_colour``). High contrast keeps its own palette: it is there to be read."""
    if theme.high_contrast:
        return theme
    palette = replace(theme.palette, primary=kiosk.primary_colour, accent=kiosk.accent_colour)
    return replace(theme, palette=palette)


def kiosk_stylesheet(theme: Theme) -> str:
    p = theme.palette
    card_border = p.text if theme.high_contrast else "#D5DAE5"
    accent_text = text_colour_on(p.accent)
    # A tile that cannot be touched (a booking checked in already): grey, text still legible.
    disabled_tile = "#808080" if theme.high_contrast else "#5F6B80"
    touch = mm_to_px(MIN_TOUCH_MM)
    # A tile's pictogram is 1.5 lines of this size (kiosk.widgets.PictogramLabel): as tall as
    # the title and its line below in the usual size; with large text it grows less than
    # the words, which are what must be read, so the tiles still fit the screen.
    icon_pt = theme.pt(1.1 if theme.large_text else 1.4)
    return f"""
QLabel {{ background: transparent; }}
QPushButton {{ min-height: {touch - 30}px; }}
QLabel[kind="office"] {{ font-size: {theme.pt(1.1)}pt; font-weight: 700; color: {p.primary}; }}
QLabel[kind="clock"] {{ font-size: {theme.pt(1.1)}pt; font-weight: 700; }}
QLabel[kind="date"] {{ font-size: {theme.pt(0.8)}pt; color: {p.muted}; }}
QLabel[kind="h1"] {{ font-size: {theme.pt(1.9)}pt; font-weight: 700; }}
QLabel[kind="h2"] {{ font-size: {theme.pt(1.3)}pt; font-weight: 700; }}
QLabel[kind="body"] {{ font-size: {theme.pt(1.1)}pt; }}
QLabel[kind="muted"] {{ font-size: {theme.pt(0.9)}pt; color: {p.muted}; }}
QLabel[kind="number"] {{ font-size: {theme.pt(7)}pt; font-weight: 800; color: {p.primary}; }}
QLabel[kind="status_ok"] {{ font-size: {theme.pt(1.4)}pt; font-weight: 700; color: {p.ok}; }}
QLabel[kind="status_bad"] {{ font-size: {theme.pt(1.3)}pt; font-weight: 700;
    color: {p.danger}; }}
QLabel[kind="code"] {{ font-size: {min(theme.pt(2), 36)}pt; font-weight: 700;
    font-family: "DejaVu Sans Mono"; background: {p.surface};
    border: 3px solid {p.primary}; border-radius: 12px; padding: 4px 12px; }}
QLabel[kind="receipt"] {{ font-size: {min(theme.pt(3), 72)}pt; font-weight: 800;
    font-family: "DejaVu Sans Mono"; color: {p.primary}; background: {p.surface};
    border: 3px solid {p.primary}; border-radius: 12px; padding: 8px 16px; }}
QLabel[kind="tile_title"] {{ font-size: {theme.pt(1.4)}pt; font-weight: 700;
    color: {p.primary_text}; }}
QLabel[kind="tile_detail"] {{ font-size: {theme.pt(0.95)}pt; color: {p.primary_text}; }}
QLabel[kind="tile_icon"] {{ font-size: {icon_pt}pt; color: {p.primary_text}; }}
QLabel[kind="screen_icon"] {{ font-size: {theme.pt(3)}pt; color: {p.muted}; }}
QLabel[kind="quota"] {{ font-size: {theme.pt(1)}pt; }}
QWidget[kind="card"] {{ background: {p.surface}; border: 2px solid {card_border};
    border-radius: 18px; }}
QWidget[kind="card"] QLabel {{ background: transparent; }}
QWidget[kind="bar"] {{ background: {p.surface}; }}
QWidget[kind="overlay"] {{ background: rgba(0, 0, 0, 150); }}
QPushButton[role="tile"] {{ background: {p.primary}; border-radius: 20px; padding: 0px; }}
QPushButton[role="tile"]:disabled {{ background: {disabled_tile}; }}
QPushButton[role="tile_accent"] {{ background: {p.accent}; border-radius: 20px; padding: 0px; }}
QPushButton[role="tile_accent"] QLabel {{ color: {accent_text}; }}
QPushButton[role="key"] {{ font-size: {theme.pt(1.3)}pt; padding: 0px;
    min-height: {touch - 6}px; min-width: {touch - 6}px;
    background: {p.surface}; color: {p.text}; border: 3px solid {p.muted}; }}
QPushButton[role="bar"] {{ font-size: {min(theme.pt(0.95), 20)}pt; padding: 8px 12px;
    background: {p.surface}; color: {p.primary}; border: 3px solid {p.primary}; }}
QPushButton[role="bar"]:checked {{ background: {p.primary}; color: {p.primary_text}; }}
QPushButton[role="secondary"] {{ background: {p.surface}; color: {p.primary};
    border: 3px solid {p.primary}; }}
"""


def apply_kiosk_theme(app: QApplication, theme: Theme) -> None:
    apply_theme(app, theme, kiosk_stylesheet(theme))
