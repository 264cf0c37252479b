"""The virtual printer's ESC/POS parser: chunk boundaries, lengths, and garbage."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from printer.escpos_parser import Command, Item, Parser, Text
from printer.layout import render_ticket
from printer.receipt import render_items

from .conftest import make_ticket

TICKET = render_ticket(make_ticket(), "TM-T88V", 576)
FALLBACK = render_ticket(make_ticket(), "POS-5890", 384)


def merged(items: list[Item]) -> list[Item]:
    """Adjacent text runs joined (a chunk boundary may split a run)."""
    out: list[Item] = []
    for item in items:
        if isinstance(item, Text) and out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].data + item.data)
        else:
            out.append(item)
    return out


def test_byte_by_byte_gives_the_same_items_as_one_chunk() -> None:
    whole = Parser().feed(FALLBACK)
    parser = Parser()
    pieces = [item for i in range(len(FALLBACK)) for item in parser.feed(FALLBACK[i : i + 1])]
    assert merged(pieces) == whole and parser.pending == 0
    assert b"".join(item.raw for item in whole) == FALLBACK  # nothing lost or invented


def test_payloads_are_skipped_by_length() -> None:
    items = Parser().feed(FALLBACK)
    [raster] = [i for i in items if isinstance(i, Command) and i.name == "GS v 0"]
    assert len(raster.data) == (384 // 8) * (raster.args[4] | raster.args[5] << 8)
    names = [i.name for i in items if isinstance(i, Command)]
    assert names[0] == "ESC @" and names[-1] == "GS V"


def test_status_queries_inside_a_ticket_are_found() -> None:
    items = Parser().feed(b"\x10\x04\x01AB\x10\x04\x04\x1dr\x01")
    assert [(i.name, i.args) for i in items if isinstance(i, Command)] == [
        ("DLE EOT", b"\x01"),
        ("DLE EOT", b"\x04"),
        ("GS r", b"\x01"),
    ]
    assert [i.data for i in items if isinstance(i, Text)] == [b"AB"]


def test_an_unfinished_command_waits_for_the_rest() -> None:
    parser = Parser()
    assert parser.feed(b"\x1d(k\x05\x00" + b"1P0") == []
    [qr] = parser.feed(b"ab")
    assert isinstance(qr, Command) and qr.name == "GS ( k" and qr.data == b"1P0ab"


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400), st.integers(min_value=1, max_value=64))
def test_garbage_never_breaks_parser_or_renderer(garbage: bytes, chunk: int) -> None:
    parser = Parser()
    items = []
    for start in range(0, len(garbage), chunk):
        items += parser.feed(garbage[start : start + chunk])
    rendered = render_items(items, 384)
    assert rendered.image.width == 384 + 32
    more = parser.feed(b"\x00" * 8 + TICKET)  # a real ticket after garbage still parses, as
    assert isinstance(more, list)  # far as the garbage's declared lengths allow
