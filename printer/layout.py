"""Ticket layout: a ``TicketPrint`` (or a ``SlipPrint``, a problem report's receipt)
composed into the ESC/POS bytes a printer receives.

Composed on python-escpos' ``Dummy`` printer, which only collects bytes. The commands
used (all Epson ESC/POS; the virtual printer understands each of them):

* ``ESC @`` initialise, ``ESC t 0`` code page 437 (the text is ASCII, see ``printer.text``)
* ``ESC a n`` alignment (0 left, 1 centre), ``ESC E n`` bold, ``GS B n`` reverse
* ``GS ! n`` character size: high nibble width-1, low nibble height-1 (1..8 each); the
  ticket number uses the largest size that fits the paper
* ``GS ( k`` QR code (function 165 model, 167 module size, 169 error correction,
  180 store the data, 181 print) when the profile has the ``qrCode`` feature; otherwise
  the QR is drawn here and sent as a raster image, ``GS v 0``
* ``ESC d n`` print and feed n lines, ``GS V 0`` full cut (``GS V 1`` partial when the
  profile cannot cut fully, ``GS V 66 0`` when the profile lists no cutter at all)

Font A is 12 x 24 dots, so a line holds ``width_dots // 12`` characters: 48 on 80 mm
paper (576 dots), 32 on 58 mm paper (384 dots).
"""

from __future__ import annotations

import contextlib
import functools

import qrcode
import qrcode.constants
from qrcode.exceptions import DataOverflowError

from printer._escpos_env import QR_ECLEVEL_M, Dummy, EscposError, capabilities
from printer.errors import PrinterError
from printer.slip import SlipPrint
from printer.text import to_printable, wrap
from printer.ticket import Language, TicketPrint, label

FONT_A_WIDTH = 12
FONT_A_HEIGHT = 24
MAX_SIZE = 8  # GS ! allows 1..8 times in each direction
PAPER_WIDTHS = (576, 384)


def columns_for(width_dots: int) -> int:
    """Characters per line in font A at normal size."""
    return width_dots // FONT_A_WIDTH


def number_size(number: str, width_dots: int) -> tuple[int, int]:
    """The (width, height) multipliers for the ticket number: as large as fits one line."""
    length = max(1, len(number))
    width = max(1, min(MAX_SIZE, columns_for(width_dots) // length))
    height = min(MAX_SIZE, width + 1)
    return width, height


QR_QUIET_MODULES = 4  # white modules a reader needs around the symbol, both sides together
SHORT_QR_DATA = 62  # bytes that fit QR version 4 (33 modules) at error correction M


@functools.lru_cache(maxsize=256)
def _qr_modules(data: str) -> int:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(data)
    code.make(fit=True)
    return 17 + 4 * int(code.version)


def qr_module_size(width_dots: int, data: str = "") -> int:
    """Dots per QR module: symbols about 3 cm wide, smaller when long data would not fit.

    Epson printers silently skip a ``GS ( k`` symbol wider than the paper, and
    python-escpos refuses an image wider than the paper, so the size must fit.
    """
    size = 7 if width_dots >= 512 else 6
    if len(data.encode("utf-8")) <= SHORT_QR_DATA:
        return size
    modules = _qr_modules(data) + QR_QUIET_MODULES
    return max(1, min(size, width_dots // modules))


def supports_native_qr(profile: str) -> bool:
    """True when the python-escpos profile says the printer renders ``GS ( k`` QR codes."""
    _check_profile(profile)
    return bool(capabilities.get_profile(profile).supports("qrCode"))


def _check_profile(name: str) -> None:
    if name not in capabilities.CAPABILITIES["profiles"]:
        known = ", ".join(sorted(capabilities.CAPABILITIES["profiles"])[:12])
        raise PrinterError(
            f"Unknown printer profile {name!r} (setting printer.profile); known: {known}, ..."
        )


def _set_paper_width(profile: capabilities.BaseProfile, width_dots: int) -> None:
    """Make the configured paper width the profile's, for this printer object only.

    python-escpos bounds and centres images with the profile's ``media.width.pixels``,
    which is "Unknown" in some profiles (and then prints a note to stdout) or belongs to
    another roll width.
    """
    data = dict(profile.profile_data)
    media = dict(data.get("media") or {})
    media["width"] = {**dict(media.get("width") or {}), "pixels": width_dots}
    data["media"] = media
    profile.profile_data = data  # an instance attribute; the shared class stays as it is


class _Ticket:
    """One composition: the Dummy printer and the column count."""

    def __init__(self, profile: str, width_dots: int) -> None:
        if width_dots not in PAPER_WIDTHS:
            raise PrinterError(f"Paper width must be 576 or 384 dots, not {width_dots}")
        self.width = width_dots
        self.columns = columns_for(width_dots)
        _check_profile(profile)
        self.p = Dummy(profile=profile)
        _set_paper_width(self.p.profile, width_dots)

    def start(self) -> None:
        self.p.hw("INIT")
        # Without CP437 in the profile, python-escpos picks a page for ASCII itself.
        with contextlib.suppress(ValueError):
            self.p.charcode("CP437")
        self.size(1, 1)

    def size(self, width: int, height: int) -> None:
        self.p.set(custom_size=True, width=width, height=height)

    def centred(self, text: str, *, bold: bool = False, width: int = 1, height: int = 1) -> None:
        self.p.set(align="center", bold=bold)
        self.size(width, height)
        for line in wrap(text, max(1, self.columns // width)):
            self.p.textln(line)
        if width != 1 or height != 1:
            self.size(1, 1)
        if bold:
            self.p.set(bold=False)

    def rule(self) -> None:
        self.p.set(align="center")
        self.p.textln("-" * self.columns)

    def pair(self, key: str, value: str) -> None:
        """``key`` on the left and ``value`` on the right of one line (two when too long)."""
        key, value = to_printable(key).strip(), to_printable(value).strip()
        self.p.set(align="left")
        gap = self.columns - len(key) - len(value)
        if gap >= 2:
            self.p.textln(key + " " * gap + value)
            return
        for line in wrap(key, self.columns):
            self.p.textln(line)
        for line in wrap(value, self.columns):
            self.p.textln(line.rjust(self.columns))

    def row(self, key: str, value: str) -> None:
        """``key`` and ``value`` on one line when they fit; else ``key`` on its line and
        ``value`` below it, wrapped and indented, left-aligned (a sentence reads there)."""
        key, value = to_printable(key).strip(), to_printable(value).strip()
        if len(key) + len(value) + 2 <= self.columns:
            self.pair(key, value)
            return
        self.p.set(align="left")
        for line in wrap(key, self.columns):
            self.p.textln(line)
        for line in wrap(value, self.columns - 2):
            self.p.textln("  " + line)

    def paragraph(self, text: str) -> None:
        self.p.set(align="left")
        for line in wrap(text, self.columns):
            self.p.textln(line)

    def copy_banner(self, language: Language) -> None:
        self.p.set(align="center", bold=True, invert=True)
        self.size(2, 2)
        self.p.textln(f" {label('copy', language)} ")
        self.size(1, 1)
        self.p.set(bold=False, invert=False)
        self.p.ln()

    def qr(self, data: str) -> None:
        self.p.set(align="center")
        module = qr_module_size(self.width, data)
        if self.p.profile.supports("qrCode"):
            self.p.qr(data, ec=QR_ECLEVEL_M, size=module, native=True)
            self.p.ln()
        else:
            # Raster fallback (GS v 0): python-escpos draws the code with `qrcode` and pads
            # it to the paper width, so it is centred whatever the printer does with ESC a.
            self.p.qr(data, ec=QR_ECLEVEL_M, size=module, native=False, center=True)

    def end(self) -> bytes:
        self.p.set(align="left")
        profile = self.p.profile
        if profile.supports("paperFullCut") or profile.supports("paperPartCut"):
            self.p.cut()  # ESC d 6, then GS V 0 (or GS V 1)
        else:
            # python-escpos sends no cut for profiles without a cutter; we still end the
            # ticket with one (feed to the cutter, GS V 66 0): printers without a cutter
            # ignore it, and it marks the end of the ticket for the virtual printer.
            self.p.print_and_feed(6)
            self.p.cut(feed=False)
        output: bytes = self.p.output
        return output


def render_ticket(ticket: TicketPrint, profile: str, width_dots: int) -> bytes:
    """The bytes of one ticket, from initialise to cut, for a printer of that profile.

    ``profile`` is a python-escpos capability profile name (setting ``printer.profile``);
    it decides native or image QR and the cut command. ``width_dots`` is 576 or 384.
    Raises ``PrinterError`` for an unknown profile or width, or data no QR code holds.
    """
    try:
        return _compose(ticket, profile, width_dots)
    except PrinterError:
        raise
    except (EscposError, ValueError, DataOverflowError) as exc:
        raise PrinterError(f"Cannot compose ticket {ticket.number}: {exc}") from exc


def _compose(ticket: TicketPrint, profile: str, width_dots: int) -> bytes:
    t = _Ticket(profile, width_dots)
    lang = ticket.language
    t.start()
    t.centred(ticket.office_name, bold=True)
    t.rule()
    if ticket.copy:
        t.copy_banner(lang)
    t.centred(label("queue_number", lang))
    width, height = number_size(to_printable(ticket.number).strip(), width_dots)
    t.centred(ticket.number, bold=True, width=width, height=height)
    t.centred(ticket.service_name, bold=True, height=2)
    t.p.set(align="center", bold=True, invert=True)
    t.p.textln(f" {to_printable(ticket.channel_label).strip()} ")
    t.p.set(bold=False, invert=False)
    if ticket.priority_reason:
        t.centred(ticket.priority_reason)
    t.rule()
    t.pair(label("issued", lang), ticket.issued_text)
    t.pair(label("people_ahead", lang), str(ticket.people_ahead))
    t.pair(label("estimated_wait", lang), ticket.wait_text)
    if ticket.masked_name:
        t.pair(label("name", lang), ticket.masked_name)
    t.p.ln()
    t.qr(ticket.qr_token)
    for line in (*ticket.footer_lines, label("keep", lang)):
        t.centred(line)
    return t.end()


def render_slip(slip: SlipPrint, profile: str, width_dots: int) -> bytes:
    """The bytes of one slip (see ``SlipPrint``), from initialise to cut, for a printer of
    that profile and paper width; ``PrinterError`` as ``render_ticket``."""
    try:
        return _compose_slip(slip, profile, width_dots)
    except PrinterError:
        raise
    except (EscposError, ValueError) as exc:
        raise PrinterError(f"Cannot compose slip {slip.number}: {exc}") from exc


def _compose_slip(slip: SlipPrint, profile: str, width_dots: int) -> bytes:
    t = _Ticket(profile, width_dots)
    t.start()
    t.centred(slip.office_name, bold=True)
    t.rule()
    if slip.copy:
        t.copy_banner(slip.language)
    t.centred(slip.title, bold=True)
    # The number as large as fits, but no taller than twice: a slip, not a ticket.
    width, _ = number_size(to_printable(slip.number).strip(), width_dots)
    size = min(2, width)
    t.centred(slip.number, bold=True, width=size, height=size)
    t.rule()
    for key, value in slip.rows:
        t.row(key, value)
    if slip.paragraphs:
        t.rule()
    for i, text in enumerate(slip.paragraphs):
        if i:
            t.p.ln()
        t.paragraph(text)
    if slip.footer_lines:
        t.p.ln()
    for line in slip.footer_lines:
        t.centred(line)
    return t.end()
