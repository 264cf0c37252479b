"""Decoding the DLE EOT 1..4 replies, bit by bit (Epson ESC/POS reference)."""

from __future__ import annotations

import pytest

from printer.status import (
    PrinterStatus,
    decode_error_status,
    decode_offline_cause,
    decode_paper_sensor,
    decode_printer_status,
    decode_transmit_paper_status,
    is_status_reply,
    status_from_replies,
)

CLEAR = 0x12  # fixed bits only: bit 1 and bit 4 set


def test_fixed_bits_identify_a_reply() -> None:
    assert is_status_reply(CLEAR)
    assert is_status_reply(0x7E)  # every variable bit set
    assert not is_status_reply(0x11)  # XON
    assert not is_status_reply(0x13)  # XOFF
    assert not is_status_reply(0x00)
    assert not is_status_reply(0x92)  # bit 7 must be 0
    assert not is_status_reply(0x10)  # bit 1 must be 1


@pytest.mark.parametrize(
    ("bit", "field"),
    [
        (2, "drawer_pin3_high"),
        (3, "offline"),
        (5, "waiting_for_recovery"),
        (6, "feed_button_pressed"),
    ],
)
def test_printer_status_bits(bit: int, field: str) -> None:
    assert not any(vars(decode_printer_status(CLEAR)).values())
    decoded = vars(decode_printer_status(CLEAR | 1 << bit))
    assert decoded.pop(field) is True
    assert not any(decoded.values())


@pytest.mark.parametrize(
    ("bit", "field"),
    [(2, "cover_open"), (3, "feeding_by_button"), (5, "stopped_by_paper_end"), (6, "error")],
)
def test_offline_cause_bits(bit: int, field: str) -> None:
    assert not any(vars(decode_offline_cause(CLEAR)).values())
    decoded = vars(decode_offline_cause(CLEAR | 1 << bit))
    assert decoded.pop(field) is True
    assert not any(decoded.values())


@pytest.mark.parametrize(
    ("bit", "field"),
    [(2, "mechanical"), (3, "autocutter"), (5, "unrecoverable"), (6, "auto_recoverable")],
)
def test_error_status_bits(bit: int, field: str) -> None:
    assert not any(vars(decode_error_status(CLEAR)).values())
    decoded = vars(decode_error_status(CLEAR | 1 << bit))
    assert decoded.pop(field) is True
    assert not any(decoded.values())


@pytest.mark.parametrize(
    ("byte", "paper"),
    [
        (CLEAR, "ok"),
        (CLEAR | 0x04, "near_end"),  # bit 2 alone (some compatibles)
        (CLEAR | 0x08, "near_end"),  # bit 3 alone
        (CLEAR | 0x0C, "near_end"),  # Epson sets both
        (CLEAR | 0x20, "out"),  # bit 5 alone
        (CLEAR | 0x40, "out"),  # bit 6 alone
        (CLEAR | 0x6C, "out"),  # Epson: out also trips the near-end sensor
    ],
)
def test_roll_paper_sensor_bits(byte: int, paper: str) -> None:
    assert decode_paper_sensor(byte) == paper


@pytest.mark.parametrize(
    ("byte", "paper"), [(0x00, "ok"), (0x01, "near_end"), (0x03, "near_end"), (0x0C, "out")]
)
def test_gs_r_paper_bits(byte: int, paper: str) -> None:
    assert decode_transmit_paper_status(byte) == paper


def test_combined_status() -> None:
    ready = status_from_replies({1: CLEAR, 2: CLEAR, 3: CLEAR, 4: CLEAR})
    assert ready == PrinterStatus(online=True, paper="ok", cover_open=False, error=None)
    assert ready.ready

    cover = status_from_replies({1: CLEAR | 0x08, 2: CLEAR | 0x04, 3: CLEAR, 4: CLEAR})
    assert (cover.online, cover.cover_open, cover.error) == (False, True, "cover open")
    assert not cover.ready

    out = status_from_replies({1: CLEAR | 0x08, 2: CLEAR | 0x20, 3: CLEAR, 4: CLEAR | 0x6C})
    assert (out.online, out.paper, out.error) == (False, "out", "paper out")

    near = status_from_replies({1: CLEAR, 2: CLEAR, 3: CLEAR, 4: CLEAR | 0x0C})
    assert (near.online, near.paper, near.error) == (True, "near_end", None)
    assert near.ready

    cutter = status_from_replies({1: CLEAR | 0x08, 2: CLEAR | 0x40, 3: CLEAR | 0x08, 4: CLEAR})
    assert cutter.error is not None and "autocutter" in cutter.error

    partial = status_from_replies({1: CLEAR})
    assert (partial.online, partial.paper, partial.cover_open) == (True, "unknown", None)

    silent = status_from_replies({})
    assert not silent.online and silent.paper == "unknown"


def test_status_as_json_and_text() -> None:
    status = PrinterStatus(online=False, paper="near_end", cover_open=None, error="x")
    assert status.as_json() == {
        "online": False,
        "paper": "near_end",
        "cover_open": None,
        "error": "x",
    }
    assert status.describe() == "offline, paper near end (x)"
