"""Building blocks of the kiosk screens: labelled tiles (with a pictogram where one helps),
grids that follow the screen's orientation, the on-screen keyboard and PIN pad. Styling goes
by the ``kind`` / ``role`` dynamic properties (see ``kiosk.style``); ``objectName`` is the
stable name tests use."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QPalette
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.pictograms import Pictogram, render
from ui.theme import MIN_TOUCH_MM, mm_to_px


def touch_px() -> int:
    return mm_to_px(MIN_TOUCH_MM)


def make_label(kind: str, name: str = "", *, wrap: bool = True, center: bool = False) -> QLabel:
    label = QLabel()
    label.setProperty("kind", kind)
    if name:
        label.setObjectName(name)
    label.setWordWrap(wrap)
    if center:
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class FixedLines(QLabel):
    """A message area as tall as ``lines`` lines of its font, whatever it says (nothing,
    one line, two): a message appearing, changing or going never moves what is below it.
    Its height follows the font (large text) through the size hints."""

    def __init__(self, kind: str, name: str, *, lines: int = 2, center: bool = False) -> None:
        super().__init__()
        self.lines = lines
        self.setProperty("kind", kind)
        self.setObjectName(name)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        if center:
            self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def fixed_height(self) -> int:
        margins = self.contentsMargins()
        return (
            self.fontMetrics().lineSpacing() * self.lines
            + margins.top()
            + margins.bottom()
            + 2 * self.margin()
        )

    def hasHeightForWidth(self) -> bool:
        return False  # the layout asks the size hints, which do not follow the text

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.fixed_height())

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self.fixed_height())


def make_button(name: str, role: str = "primary") -> QPushButton:
    button = QPushButton()
    button.setObjectName(name)
    button.setProperty("role", role)
    button.setMinimumSize(touch_px(), touch_px())
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return button


class PictogramLabel(QLabel):
    """A pictogram ``lines`` lines of its own font tall, in its own text colour. Both come
    from the style sheet (``kind``: "tile_icon" on a tile, "screen_icon" on a screen), so
    it grows with large text and takes the high-contrast colours; it is drawn again
    whenever they change."""

    def __init__(self, name: str, lines: float = 1.5, kind: str = "tile_icon") -> None:
        super().__init__()
        self.setObjectName(name)
        self.setProperty("kind", kind)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.lines = lines
        self.pictogram: Pictogram | None = None
        self._drawn: tuple[Pictogram, int, int] | None = None
        self.hide()

    def set_pictogram(self, pictogram: Pictogram | None) -> None:
        self.pictogram = pictogram
        self.setVisible(pictogram is not None)
        self._draw()

    def side(self) -> int:
        return round(QFontMetrics(self.font()).height() * self.lines)

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() in (
            QEvent.Type.FontChange,
            QEvent.Type.PaletteChange,
            QEvent.Type.StyleChange,
        ):
            self._draw()
        return handled

    def _draw(self) -> None:
        if self.pictogram is None:
            self._drawn = None
            self.clear()
            return
        side = self.side()
        colour = self.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText)
        if self.size() != QSize(side, side):
            self.setFixedSize(side, side)
        drawn = (self.pictogram, colour.rgba(), side)
        if drawn != self._drawn:
            self._drawn = drawn
            self.setPixmap(render(self.pictogram, colour, side))


class Tile(QPushButton):
    """A large touch button with a title and an optional line below it (both wrap), and an
    optional pictogram left of the title (``set_pictogram``)."""

    def __init__(self, name: str, role: str = "tile", pictogram: Pictogram | None = None) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setProperty("role", role)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.title = make_label("tile_title", name + "_title")
        self.detail = make_label("tile_detail", name + "_detail")
        for label in (self.title, self.detail):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.icon_label = PictogramLabel(name + "_icon")
        # The pictogram beside the title; the line below it has the tile's whole width.
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(28, 14, 28, 14)
        self.grid.setHorizontalSpacing(20)
        self.grid.setVerticalSpacing(6)
        self.grid.addWidget(self.icon_label, 0, 0, Qt.AlignmentFlag.AlignVCenter)
        self.grid.addWidget(self.detail, 1, 0, 1, 2)
        self.grid.setColumnStretch(1, 1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumHeight(round(touch_px() * 1.4))
        self.set_pictogram(pictogram)

    def set_pictogram(self, pictogram: Pictogram | None) -> None:
        self.icon_label.set_pictogram(pictogram)
        self.grid.removeWidget(self.title)
        if pictogram is None:  # the title from the left edge
            self.grid.addWidget(self.title, 0, 0, 1, 2)
        else:
            self.grid.addWidget(self.title, 0, 1)
        self.updateGeometry()

    def set_texts(self, title: str, detail: str = "") -> None:
        self.title.setText(title)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        layout = self.layout()
        hint = layout.sizeHint() if layout is not None else QSize(200, 100)
        return hint.expandedTo(QSize(touch_px(), round(touch_px() * 1.4)))

    def minimumSizeHint(self) -> QSize:
        layout = self.layout()
        hint = layout.minimumSize() if layout is not None else QSize(100, 80)
        return hint.expandedTo(QSize(touch_px(), round(touch_px() * 1.4)))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        height = layout.totalHeightForWidth(width) if layout is not None else 0
        return max(height, round(touch_px() * 1.4))


class ResponsiveGrid(QWidget):
    """Lays its widgets out in ``portrait`` columns when narrow, ``landscape`` when wide."""

    def __init__(self, portrait: int = 1, landscape: int = 2) -> None:
        super().__init__()
        self.portrait = portrait
        self.landscape = landscape
        self.is_landscape = False
        self.items: list[QWidget] = []
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(18)
        self.columns = 0

    def set_widgets(self, widgets: Sequence[QWidget], *, delete_old: bool = True) -> None:
        for widget in self.items:
            self.grid.removeWidget(widget)
            if delete_old and widget not in widgets:
                widget.setParent(None)
                widget.deleteLater()
        self.items = list(widgets)
        self.columns = 0
        self._relayout()

    def set_orientation(self, landscape: bool) -> None:
        """Follow the window (not this widget's width: hidden screens are not resized)."""
        self.is_landscape = landscape
        self._relayout()

    def _relayout(self) -> None:
        columns = self.landscape if self.is_landscape else self.portrait
        if columns == self.columns:
            return
        self.columns = columns
        for widget in self.items:
            self.grid.removeWidget(widget)
        for i in range(self.grid.columnCount()):
            self.grid.setColumnStretch(i, 0)
        for i, widget in enumerate(self.items):
            self.grid.addWidget(widget, i // columns, i % columns)
        for i in range(columns):
            self.grid.setColumnStretch(i, 1)


KEYBOARD_ROWS = ("1234567890", "QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM")


class Keyboard(QWidget):
    """Big keys A-Z and 0-9, backspace (and a space bar when ``space``)."""

    typed = Signal(str)
    erased = Signal()

    def __init__(self, name: str, space: bool = False) -> None:
        super().__init__()
        self.setObjectName(name)
        rows = QVBoxLayout(self)
        rows.setSpacing(6)
        rows.setContentsMargins(0, 0, 0, 0)
        self.keys: dict[str, QPushButton] = {}
        for row_text in KEYBOARD_ROWS:
            row = QHBoxLayout()
            row.setSpacing(8)
            row.addStretch(1)
            for char in row_text:
                key = make_button(f"{name}_key_{char}", "key")
                key.setText(char)
                key.clicked.connect(lambda _=False, c=char: self.typed.emit(c))
                row.addWidget(key)
                self.keys[char] = key
            row.addStretch(1)
            rows.addLayout(row)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        if space:
            self.space = make_button(f"{name}_space", "key")
            self.space.setMinimumWidth(touch_px() * 5)
            self.space.clicked.connect(lambda: self.typed.emit(" "))
            bottom.addWidget(self.space)
        self.backspace = make_button(f"{name}_backspace", "key")
        self.backspace.setText("⌫")
        self.backspace.setMinimumWidth(touch_px() * 2)
        self.backspace.clicked.connect(self.erased)
        bottom.addWidget(self.backspace)
        bottom.addStretch(1)
        rows.addLayout(bottom)


class PinPad(QWidget):
    """Digits 0-9 and backspace, laid out like a phone."""

    typed = Signal(str)
    erased = Signal()

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        grid = QGridLayout(self)
        grid.setSpacing(14)
        size = round(touch_px() * 1.3)
        for i, char in enumerate("123456789"):
            key = make_button(f"{name}_key_{char}", "key")
            key.setText(char)
            key.setMinimumSize(size * 2, size)
            key.clicked.connect(lambda _=False, c=char: self.typed.emit(c))
            grid.addWidget(key, i // 3, i % 3)
        zero = make_button(f"{name}_key_0", "key")
        zero.setText("0")
        zero.setMinimumSize(size * 2, size)
        zero.clicked.connect(lambda: self.typed.emit("0"))
        grid.addWidget(zero, 3, 1)
        self.backspace = make_button(f"{name}_backspace", "key")
        self.backspace.setText("⌫")
        self.backspace.setMinimumSize(size * 2, size)
        self.backspace.clicked.connect(self.erased)
        grid.addWidget(self.backspace, 3, 2)
