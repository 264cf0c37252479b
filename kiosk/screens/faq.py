"""Information pages (FAQ): a list of topics, then one page at a time in large text with a QR
code of the official page, for reading at home.

The pages come from a TOML file the office edits (``kiosk.faq_path``; the built-in
``kiosk/content/faq.toml`` shows the format). A broken file is logged and the built-in
pages are shown instead: the kiosk never shows a traceback.
"""

from __future__ import annotations

import logging
import tomllib
from dataclasses import dataclass
from pathlib import Path

import qrcode
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from config.settings import Settings
from kiosk.screens.base import KioskState, Screen, ScreenName
from kiosk.text import tr
from kiosk.widgets import ResponsiveGrid, Tile, make_label

logger = logging.getLogger(__name__)

BUILT_IN = Path(__file__).resolve().parents[1] / "content" / "faq.toml"
QR_PX = 260


@dataclass(frozen=True)
class FaqPage:
    key: str
    title: dict[str, str]
    text: dict[str, str]
    url: str

    def get(self, field: dict[str, str], language: str) -> str:
        return field.get(language) or field.get("id") or next(iter(field.values()), "")


class FaqError(ValueError):
    """A content file that cannot be read; the message names the file and the key."""


def load_faq(path: Path) -> list[FaqPage]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise FaqError(f"{path}: {exc}") from exc
    pages = []
    for i, raw in enumerate(data.get("page", [])):
        where = f"{path}: page[{i}]"
        if not isinstance(raw, dict):
            raise FaqError(f"{where}: expected a table")
        for key in ("title", "text"):
            value = raw.get(key)
            if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
                raise FaqError(f'{where}.{key}: expected id = "..." and en = "..."')
            if not value:
                raise FaqError(f"{where}.{key}: empty")
        url = raw.get("url", "")
        if not isinstance(url, str) or (url and not url.startswith(("https://", "http://"))):
            raise FaqError(f'{where}.url: expected an https:// address or ""')
        pages.append(
            FaqPage(
                str(raw.get("key", f"page{i}")),
                dict(raw["title"]),
                {k: v.strip() for k, v in raw["text"].items()},
                url,
            )
        )
    if not pages:
        raise FaqError(f"{path}: no [[page]]")
    return pages


def faq_pages(settings: Settings) -> list[FaqPage]:
    """The office's pages, or the built-in ones when none are set or the file is broken."""
    if settings.kiosk.faq_path:
        try:
            return load_faq(Path(settings.kiosk.faq_path))
        except FaqError as exc:
            logger.error("information pages not usable, showing the built-in ones: %s", exc)
    return load_faq(BUILT_IN)


def qr_pixmap(text: str, size: int = QR_PX) -> QPixmap:
    """A QR code drawn module by module (sharp at any size, no image library needed)."""
    code = qrcode.QRCode(border=2, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(text)
    code.make(fit=True)
    matrix = code.get_matrix()
    n = len(matrix)
    scale = max(1, size // n)
    image = QImage(n * scale, n * scale, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                painter.fillRect(x * scale, y * scale, scale, scale, QColor("black"))
    painter.end()
    return QPixmap.fromImage(image)


def counters_text(state: KioskState) -> str:
    lines = []
    for counter in state.settings.counters:
        services = ", ".join(state.service_name(code) for code in counter.services)
        lines.append(f"{counter.name}: {services}")
    return "\n".join(lines)


class FaqScreen(Screen):
    """``topics`` lists the pages; touching one shows it (``show_page``)."""

    name = ScreenName.FAQ
    back = Signal()
    ticket = Signal()

    def __init__(self, state: KioskState) -> None:
        super().__init__(state)
        self.pages = faq_pages(state.settings)
        self.current: int | None = None
        self.views = QStackedWidget()
        self.body.addWidget(self.views, 1)
        # The list of topics.
        topics = QWidget()
        topics_layout = QVBoxLayout(topics)
        topics_layout.setContentsMargins(0, 0, 0, 0)
        self.subtitle = make_label("body", "faq_subtitle")
        topics_layout.addWidget(self.subtitle)
        self.grid = ResponsiveGrid(portrait=1, landscape=2)
        self.tiles: list[Tile] = []
        for i, page in enumerate(self.pages):
            tile = Tile(f"faq_topic_{page.key}")
            tile.clicked.connect(lambda _=False, n=i: self.show_page(n))
            self.tiles.append(tile)
        self.grid.set_widgets(self.tiles)
        topics_layout.addWidget(self.grid)
        topics_layout.addStretch(1)
        self.views.addWidget(topics)
        # One page.
        page = QWidget()
        self.page_row = QHBoxLayout(page)
        self.page_row.setContentsMargins(0, 0, 0, 0)
        self.page_row.setSpacing(32)
        self.text = make_label("body", "faq_text")
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.page_row.addWidget(self.text, 3)
        qr_box = QWidget()
        qr_box.setObjectName("faq_qr_card")
        qr_box.setProperty("kind", "card")
        qr_layout = QVBoxLayout(qr_box)
        qr_layout.setContentsMargins(20, 20, 20, 20)
        self.qr = QLabel()
        self.qr.setObjectName("faq_qr")
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_caption = make_label("muted", "faq_qr_caption", center=True)
        self.qr_url = make_label("muted", "faq_qr_url", center=True)
        qr_layout.addWidget(self.qr)
        qr_layout.addWidget(self.qr_caption)
        qr_layout.addWidget(self.qr_url)
        qr_layout.addStretch(1)
        self.qr_box = qr_box
        self.qr_holder = QVBoxLayout()
        self.qr_holder.addWidget(qr_box)
        self.qr_holder.addStretch(1)
        self.page_row.addLayout(self.qr_holder, 2)
        self.views.addWidget(page)
        self.back_button = self.add_action("faq_back")
        self.back_button.clicked.connect(self.go_back)
        # On a page: straight home too, not only back to the topics.
        self.home_button = self.add_action("faq_home")
        self.home_button.clicked.connect(self.back)
        self.actions.addStretch(1)
        self.ticket_button = self.add_action("faq_ticket", "primary")
        self.ticket_button.clicked.connect(self.ticket)

    def entered(self) -> None:
        pass

    def show_topics(self) -> None:
        self.current = None
        self.views.setCurrentIndex(0)
        self.retranslate()

    def show_page(self, index: int) -> None:
        self.current = index
        page = self.pages[index]
        self.qr_box.setVisible(bool(page.url))
        if page.url:
            self.qr.setPixmap(qr_pixmap(page.url))
        self.views.setCurrentIndex(1)
        self.retranslate()

    def go_back(self) -> None:
        if self.current is None:
            self.back.emit()
        else:
            self.show_topics()

    def retranslate(self) -> None:
        lang = self.state.language
        self.subtitle.setText(tr("Touch a topic to read more."))
        for page, tile in zip(self.pages, self.tiles, strict=True):
            tile.set_texts(page.get(page.title, lang))
        self.qr_caption.setText(tr("Scan to read this at home"))
        self.ticket_button.setText(tr("Take an information ticket"))
        self.home_button.setText(tr("Home"))
        self.home_button.setVisible(self.current is not None)
        if self.current is None:
            self.heading.setText(tr("Information"))
            self.back_button.setText(tr("Back"))
            return
        page = self.pages[self.current]
        self.heading.setText(page.get(page.title, lang))
        text = page.get(page.text, lang)
        if page.key == "counters":
            text += "\n\n" + counters_text(self.state)
        self.text.setText(text)
        self.qr_url.setText(page.url)
        self.back_button.setText(tr("All topics"))

    def place_for(self, landscape: bool) -> None:
        """Pages of text use the whole height, in portrait too."""
        super().place_for(True)

    def set_orientation(self, landscape: bool) -> None:
        direction = (
            QHBoxLayout.Direction.LeftToRight if landscape else QHBoxLayout.Direction.TopToBottom
        )
        self.page_row.setDirection(direction)
        # Three buttons on a page (all topics, home, a ticket): stacked on a narrow screen.
        self.actions.setDirection(direction)
