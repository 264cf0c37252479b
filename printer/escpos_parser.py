"""An incremental ESC/POS parser for the virtual printer.

Bytes arrive in arbitrary chunks; ``Parser.feed`` returns the complete items so far and
keeps an unfinished command for the next chunk. Parameter lengths follow Epson's ESC/POS
reference, so image and QR payloads are skipped by length and never mistaken for
commands. Unknown ``ESC x`` / ``GS x`` / ``FS x`` sequences are taken as two bytes and
stray control bytes are dropped: garbage never stops the printer.
"""

from __future__ import annotations

from dataclasses import dataclass

ESC, GS, FS, DLE = 0x1B, 0x1D, 0x1C, 0x10
MAX_PAYLOAD = 4 * 1024 * 1024  # a larger declared length is garbage, not an image


@dataclass(frozen=True, slots=True)
class Text:
    """A run of printable bytes (0x20..0xFF except 0x7F), still in the printer's code page."""

    data: bytes

    @property
    def raw(self) -> bytes:
        return self.data


@dataclass(frozen=True, slots=True)
class Command:
    """One command: ``name`` like ``"ESC a"`` or ``"GS ( k"``, its fixed parameter bytes
    (``args``), its variable data (``data``) and the bytes it came from (``raw``)."""

    name: str
    args: bytes = b""
    data: bytes = b""
    raw: bytes = b""

    def arg(self, index: int = 0, default: int = 0) -> int:
        return self.args[index] if index < len(self.args) else default


Item = Text | Command

_CONTROL = {0x0A: "LF", 0x0D: "CR", 0x09: "HT", 0x0C: "FF"}

# ESC c -> number of parameter bytes (fixed-length commands only).
_ESC_FIXED = {
    "@": 0, "a": 1, "E": 1, "G": 1, "-": 1, "!": 1, "M": 1, "t": 1, "R": 1, "d": 1, "J": 1,
    "e": 1, "2": 0, "3": 1, "+": 1, "A": 1, " ": 1, "{": 1, "V": 1, "r": 1, "c": 2, "p": 3,
    "=": 1, "$": 2, "\\": 2, "%": 1, "i": 0, "m": 0, "L": 0, "S": 0, "T": 1, "W": 8,
    "U": 1, "u": 1, "v": 0, "<": 0, "?": 1, "f": 2, "K": 1, "F": 1, "z": 1,
}  # fmt: skip
# GS c -> number of parameter bytes.
_GS_FIXED = {
    "!": 1, "B": 1, "b": 1, "r": 1, "I": 1, "a": 1, "L": 2, "W": 2, "H": 1, "h": 1, "w": 1,
    "f": 1, "P": 2, "$": 2, "\\": 2, "^": 3, ":": 0, "/": 1, "E": 1, "T": 1, "g": 2, "z": 2,
    "c": 0, "j": 1, "x": 1, "y": 1,
}  # fmt: skip
_FS_FIXED = {"&": 0, ".": 0, "!": 1, "-": 1, "C": 1, "W": 1, "S": 2, "p": 2, "?": 2, "g": 1}

_NEED_MORE = None


def _name(prefix: str, code: int) -> str:
    return f"{prefix} {chr(code)}" if 0x20 <= code < 0x7F else f"{prefix} 0x{code:02x}"


def parse_one(buf: bytes, i: int) -> tuple[Item | None, int] | None:
    """Parse the item starting at ``buf[i]``: ``(item or None when skipped, next index)``,
    or ``None`` when the buffer ends inside the item."""
    b = buf[i]
    n = len(buf)
    if b >= 0x20 and b != 0x7F:
        j = i + 1
        while j < n and buf[j] >= 0x20 and buf[j] != 0x7F:
            j += 1
        return Text(bytes(buf[i:j])), j
    if b in _CONTROL:
        return Command(_CONTROL[b], raw=bytes((b,))), i + 1
    if b not in (ESC, GS, FS, DLE):
        return None, i + 1  # stray control byte (NUL, BEL, XON ...)
    if i + 1 >= n:
        return _NEED_MORE
    c = buf[i + 1]
    if b == DLE:
        return _dle(buf, i, c)
    if b == ESC:
        return _esc(buf, i, c)
    if b == GS:
        return _gs(buf, i, c)
    return _fixed(buf, i, "FS", c, _FS_FIXED.get(chr(c), 0))


def _fixed(buf: bytes, i: int, prefix: str, c: int, count: int) -> tuple[Item, int] | None:
    end = i + 2 + count
    if end > len(buf):
        return _NEED_MORE
    return Command(_name(prefix, c), args=bytes(buf[i + 2 : end]), raw=bytes(buf[i:end])), end


def _with_data(buf: bytes, i: int, name: str, header: int, size: int) -> tuple[Item, int] | None:
    """A command of ``header`` bytes (from ``i``) followed by ``size`` data bytes."""
    if size > MAX_PAYLOAD:
        return Command("garbage", raw=bytes(buf[i : i + header])), i + header
    end = i + header + size
    if end > len(buf):
        return _NEED_MORE
    return Command(
        name, args=bytes(buf[i + 2 : i + header]), data=bytes(buf[i + header : end]),
        raw=bytes(buf[i:end]),
    ), end  # fmt: skip


def _dle(buf: bytes, i: int, c: int) -> tuple[Item | None, int] | None:
    if c in (0x04, 0x05):  # DLE EOT n: real-time status; DLE ENQ n: real-time request
        if i + 3 > len(buf):
            return _NEED_MORE
        name = "DLE EOT" if c == 0x04 else "DLE ENQ"
        return Command(name, args=bytes(buf[i + 2 : i + 3]), raw=bytes(buf[i : i + 3])), i + 3
    if c == 0x14:  # DLE DC4 fn m t: real-time pulse / buzzer
        return _fixed(buf, i, "DLE", c, 3)
    return None, i + 1


def _esc(buf: bytes, i: int, c: int) -> tuple[Item | None, int] | None:
    n = len(buf)
    ch = chr(c)
    if ch == "*":  # ESC * m nL nH d1..dk: column image, k = n x (1 or 3)
        if i + 5 > n:
            return _NEED_MORE
        dots = buf[i + 3] | buf[i + 4] << 8
        return _with_data(buf, i, "ESC *", 5, dots * (1 if buf[i + 2] in (0, 1) else 3))
    if ch == "D":  # ESC D n1 .. nk NUL: tab stops
        end = buf.find(b"\x00", i + 2, i + 2 + 33)
        if end < 0:
            return _NEED_MORE if n < i + 35 else (None, i + 2)
        return Command("ESC D", args=bytes(buf[i + 2 : end]), raw=bytes(buf[i : end + 1])), end + 1
    return _fixed(buf, i, "ESC", c, _ESC_FIXED.get(ch, 0))


def _gs(buf: bytes, i: int, c: int) -> tuple[Item | None, int] | None:
    n = len(buf)
    ch = chr(c)
    if ch == "V":  # GS V m [n]: cut; m 65/66/97/98/103/104 take a feed amount
        if i + 3 > n:
            return _NEED_MORE
        return _fixed(buf, i, "GS", c, 2 if buf[i + 2] in (65, 66, 97, 98, 103, 104) else 1)
    if ch == "v":  # GS v 0 m xL xH yL yH d1..dk: raster image, k = (xL + xH*256) x (yL + yH*256)
        if i + 8 > n:
            return _NEED_MORE
        width_bytes = buf[i + 4] | buf[i + 5] << 8
        height = buf[i + 6] | buf[i + 7] << 8
        return _with_data(buf, i, "GS v 0", 8, width_bytes * height)
    if ch in "(8":  # GS ( fn pL pH ...: pL + pH*256 bytes follow; GS 8 L p1..p4: 32-bit length
        if ch == "8":
            if i + 7 > n:
                return _NEED_MORE
            size = int.from_bytes(buf[i + 3 : i + 7], "little")
            return _with_data(buf, i, "GS 8 " + chr(buf[i + 2]), 7, size)
        if i + 5 > n:
            return _NEED_MORE
        size = buf[i + 3] | buf[i + 4] << 8
        return _with_data(buf, i, "GS ( " + chr(buf[i + 2]), 5, size)
    if ch == "k":  # GS k m ...: barcode, NUL-terminated (m <= 6) or length-prefixed
        if i + 3 > n:
            return _NEED_MORE
        if buf[i + 2] <= 6:
            end = buf.find(b"\x00", i + 3, i + 3 + 256)
            if end < 0:
                return _NEED_MORE if n < i + 259 else (None, i + 3)
            args, raw = bytes(buf[i + 2 : i + 3]), bytes(buf[i : end + 1])
            return Command("GS k", args=args, raw=raw), end + 1
        if i + 4 > n:
            return _NEED_MORE
        return _with_data(buf, i, "GS k", 4, buf[i + 3])
    if ch == "*":  # GS * x y d1..dk: downloaded bit image, k = x * y * 8
        if i + 4 > n:
            return _NEED_MORE
        return _with_data(buf, i, "GS *", 4, buf[i + 2] * buf[i + 3] * 8)
    return _fixed(buf, i, "GS", c, _GS_FIXED.get(ch, 0))


class Parser:
    """Feed bytes, get complete items; an unfinished command waits for the next chunk."""

    def __init__(self) -> None:
        self._buffer = bytearray()

    @property
    def pending(self) -> int:
        return len(self._buffer)

    def feed(self, data: bytes) -> list[Item]:
        self._buffer += data
        buf = bytes(self._buffer)
        items: list[Item] = []
        i = 0
        while i < len(buf):
            parsed = parse_one(buf, i)
            if parsed is None:
                break
            item, i = parsed
            if item is not None:
                items.append(item)
        del self._buffer[:i]
        return items
