"""The virtual printer's paper: parsed ESC/POS items drawn as a PNG and as text lines.

Modelled on an Epson TM printer in standard mode: font A cells are 12 x 24 dots (font B
9 x 17), ``GS !`` / ``ESC !`` scale them, a line is printed at ``LF`` / ``ESC d`` or when
the next character would not fit (automatic wrap, so a layout that is too wide shows),
the alignment in force when the line is printed applies to it, lines advance by the line
spacing (default 30 dots) or the tallest character, whichever is more. QR codes
(``GS ( k``) are drawn with the ``qrcode`` package from the stored data; raster images
(``GS v 0``) are copied dot for dot.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import qrcode
import qrcode.constants
from PIL import Image, ImageDraw, ImageFont

from printer.escpos_parser import Command, Item, Text

FONTS = {0: (12, 24), 1: (9, 17)}
DEFAULT_SPACING = 30
PAPER_EDGE = 16  # dots of blank paper drawn around the printable area
CODE_PAGES = {0: "cp437", 2: "cp850", 3: "cp860", 4: "cp863", 5: "cp865", 16: "cp1252",
              17: "cp866", 18: "cp852", 19: "cp858"}  # fmt: skip
QR_EC = {
    48: qrcode.constants.ERROR_CORRECT_L,
    49: qrcode.constants.ERROR_CORRECT_M,
    50: qrcode.constants.ERROR_CORRECT_Q,
    51: qrcode.constants.ERROR_CORRECT_H,
}


@functools.cache
def _font(size: int, bold: bool) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """A monospaced font when the system has one, else Pillow's built-in font."""
    names = ("DejaVuSansMono-Bold.ttf", "LiberationMono-Bold.ttf") if bold else ()
    for name in (*names, "DejaVuSansMono.ttf", "LiberationMono-Regular.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


@functools.lru_cache(maxsize=4096)
def _glyph(char: str, cell_w: int, cell_h: int, bold: bool) -> Image.Image:
    """An ``L`` mask (255 = ink) of ``char`` filling a ``cell_w`` x ``cell_h`` cell.

    Drawn at the cell's height, then scaled to its width: ``GS !`` scales width and height
    independently, as the printer does with its bitmap font.
    """
    size = max(6, round(cell_h * 0.8))
    font = _font(size, bold)
    _, top, _, bottom = font.getbbox("M")
    y = (cell_h - (bottom - top)) // 2 - top
    pad = size // 40 if bold else 0  # extra weight for large bold text, kept inside the cell
    base_w = max(1, round(font.getlength("M"))) + 2 * pad
    image = Image.new("L", (base_w, cell_h), 0)
    draw = ImageDraw.Draw(image)
    draw.text((pad, y), char, fill=255, font=font, stroke_width=pad, stroke_fill=255)
    if base_w != cell_w:
        image = image.resize((cell_w, cell_h), Image.Resampling.BILINEAR)
    return image


@dataclass
class _Style:
    align: int = 0
    bold: bool = False
    underline: int = 0
    invert: bool = False
    font: int = 0
    width: int = 1
    height: int = 1
    spacing: int = DEFAULT_SPACING
    code_page: int = 0


@dataclass
class _Char:
    char: str
    w: int
    h: int
    bold: bool
    underline: int
    invert: bool


@dataclass
class Rendered:
    image: Image.Image
    lines: list[str]
    qr_data: list[str]
    auto_wraps: int = 0


@dataclass
class Receipt:
    """One ticket being printed; ``apply`` each item, then ``finish``."""

    width: int = 576
    style: _Style = field(default_factory=_Style)
    blocks: list[Image.Image] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    qr_data: list[str] = field(default_factory=list)
    auto_wraps: int = 0  # lines the printer had to break: the layout was too wide
    _line: list[_Char] = field(default_factory=list)
    _line_align: int = 0
    _qr: dict[str, object] = field(default_factory=dict)

    # -- text ---------------------------------------------------------------------------

    def _line_width(self) -> int:
        return sum(c.w for c in self._line)

    def _add_text(self, data: bytes) -> None:
        encoding = CODE_PAGES.get(self.style.code_page, "cp437")
        s = self.style
        cell_w, cell_h = FONTS.get(s.font, FONTS[0])
        for char in data.decode(encoding, errors="replace"):
            c = _Char(char, cell_w * s.width, cell_h * s.height, s.bold, s.underline, s.invert)
            if self._line and self._line_width() + c.w > self.width:
                self.auto_wraps += 1
                self._print_line()  # automatic wrap, like the printer
            if not self._line:
                self._line_align = s.align
            self._line.append(c)

    def _print_line(self) -> None:
        s = self.style
        if not self._line:
            self.blocks.append(Image.new("L", (self.width, s.spacing), 255))
            self.lines.append("")
            return
        tallest = max(c.h for c in self._line)
        image = Image.new("L", (self.width, max(s.spacing, tallest)), 255)
        x = self._offset(self._line_width(), self._line_align)
        for c in self._line:
            y = tallest - c.h  # characters stand on a common baseline
            mask = _glyph(c.char, c.w, c.h, c.bold) if c.char != " " else None
            if c.invert:
                image.paste(0, (x, y, x + c.w, y + c.h))
                if mask is not None:
                    image.paste(255, (x, y), mask)
            elif mask is not None:
                image.paste(0, (x, y), mask)
            if c.underline:
                image.paste(0, (x, tallest - c.underline, x + c.w, tallest))
            x += c.w
        self.blocks.append(image)
        self.lines.append("".join(c.char for c in self._line).rstrip())
        self._line = []

    def _offset(self, used: int, align: int) -> int:
        if align == 1:
            return max(0, (self.width - used) // 2)
        if align == 2:
            return max(0, self.width - used)
        return 0

    def _feed(self, dots: int) -> None:
        if self._line:
            self._print_line()
            dots = max(0, dots - self.style.spacing)
        if dots:
            self.blocks.append(Image.new("L", (self.width, dots), 255))

    # -- images -------------------------------------------------------------------------

    def _add_image(self, image: Image.Image, label: str) -> None:
        if self._line:
            self._print_line()
        image = image.crop((0, 0, min(image.width, self.width), image.height))
        block = Image.new("L", (self.width, image.height), 255)
        block.paste(image.convert("L"), (self._offset(image.width, self.style.align), 0))
        self.blocks.append(block)
        self.lines.append(label)

    def _raster(self, cmd: Command) -> None:
        """``GS v 0 m xL xH yL yH``: 1 bits are black, the first bit is the leftmost dot;
        m bit 0 doubles the width, bit 1 the height."""
        m = cmd.arg(1) & 0x03  # args: "0" m xL xH yL yH
        width_bytes = cmd.arg(2) | cmd.arg(3) << 8
        height = cmd.arg(4) | cmd.arg(5) << 8
        if not width_bytes or not height:
            return
        image = Image.frombytes("1", (width_bytes * 8, height), cmd.data, "raw", "1;I")
        if m:
            scale_w, scale_h = (2 if m & 1 else 1), (2 if m & 2 else 1)
            image = image.resize((image.width * scale_w, image.height * scale_h))
        self._add_image(image, f"[image {image.width}x{image.height}]")

    def _qr_command(self, cmd: Command) -> None:
        """``GS ( k pL pH cn fn ...`` with cn = 49 (QR): fn 65 model, 67 module size,
        69 error correction, 80 store data (after m = 48), 81 print the stored symbol."""
        if len(cmd.data) < 2 or cmd.data[0] != 49:
            return
        fn, params = cmd.data[1], cmd.data[2:]
        if fn == 67 and params:
            self._qr["size"] = max(1, min(16, params[0]))
        elif fn == 69 and params:
            self._qr["ec"] = QR_EC.get(params[0], qrcode.constants.ERROR_CORRECT_L)
        elif fn == 80:
            self._qr["data"] = bytes(params[1:])
        elif fn == 81 and self._qr.get("data"):
            self._print_qr()

    def _print_qr(self) -> None:
        data = self._qr["data"]
        size = self._qr.get("size", 3)
        ec = self._qr.get("ec", qrcode.constants.ERROR_CORRECT_L)
        assert isinstance(data, bytes) and isinstance(size, int) and isinstance(ec, int)
        text = data.decode("utf-8", errors="replace")
        code = qrcode.QRCode(error_correction=ec, box_size=size, border=2)
        code.add_data(data)
        code.make(fit=True)
        image = code.make_image().get_image().convert("L")
        self._add_image(image, f"[QR {text}]")
        self.qr_data.append(text)

    # -- commands -----------------------------------------------------------------------

    def apply(self, item: Item) -> None:
        if isinstance(item, Text):
            self._add_text(item.data)
            return
        s, name, a = self.style, item.name, item.arg()
        if name == "LF":
            self._print_line()
        elif name == "ESC d":  # print the line and feed: ESC d 1 is the same as LF
            self._feed(a * s.spacing)
        elif name == "ESC J":
            self._feed(a)
        elif name == "ESC @":
            self._line = []
            self.style = _Style()
            self._qr.clear()
        elif name == "ESC a":
            s.align = a % 48 if a % 48 <= 2 else 0
        elif name in ("ESC E", "ESC G"):
            s.bold = bool(a & 1)
        elif name == "ESC -":
            s.underline = a % 48 if a % 48 <= 2 else 0
        elif name == "ESC M":
            s.font = a % 48 if a % 48 <= 1 else 0
        elif name == "ESC t":
            s.code_page = a
        elif name == "ESC 2":
            s.spacing = DEFAULT_SPACING
        elif name == "ESC 3":
            s.spacing = a
        elif name == "ESC !":
            s.font, s.bold, s.underline = a & 1, bool(a & 0x08), 1 if a & 0x80 else 0
            s.height, s.width = (2 if a & 0x10 else 1), (2 if a & 0x20 else 1)
        elif name == "GS !":
            s.width, s.height = min(8, (a >> 4) + 1), min(8, (a & 0x0F) + 1)
        elif name == "GS B":
            s.invert = bool(a & 1)
        elif name == "GS v 0":
            self._raster(item)
        elif name == "GS ( k":
            self._qr_command(item)

    def finish(self) -> Rendered:
        """The paper so far (a pending line is printed, as the cut would)."""
        if self._line:
            self._print_line()
        while self.lines and not self.lines[-1]:
            self.lines.pop()
        # The printable area plus the paper's unprinted edges, for people looking at it.
        margin = PAPER_EDGE
        height = margin * 2 + sum(block.height for block in self.blocks)
        paper = Image.new("L", (self.width + 2 * margin, height), 255)
        y = margin
        for block in self.blocks:
            paper.paste(block, (margin, y))
            y += block.height
        return Rendered(paper, list(self.lines), list(self.qr_data), self.auto_wraps)


def render_items(items: list[Item], width: int) -> Rendered:
    """Draw a whole ticket. An item that cannot be drawn (a QR too large, an image with
    too little data) is left out: garbage never stops the printer."""
    receipt = Receipt(width=width)
    for item in items:
        try:
            receipt.apply(item)
        except Exception:  # see the docstring
            continue
    return receipt.finish()
