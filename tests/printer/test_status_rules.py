"""What a printer's status means for printing: the combined reading, its words for an
officer, and the virtual printer's replies read back (printer/status.py)."""

from __future__ import annotations

import itertools

import pytest

from printer.status import (
    UNKNOWN,
    Paper,
    PrinterStatus,
    decode_error_status,
    decode_offline_cause,
    decode_paper_sensor,
    decode_printer_status,
    decode_transmit_paper_status,
    encode_error_status,
    encode_offline_cause,
    encode_paper_sensor,
    encode_printer_status,
    encode_transmit_paper_status,
    is_status_reply,
    status_from_replies,
)

CLEAR = 0x12
OFFLINE = CLEAR | 0x08
PAPERS: tuple[Paper, ...] = ("ok", "near_end", "out")


def test_a_printer_that_does_not_answer_is_offline_with_nothing_else_known() -> None:
    assert status_from_replies({}) == PrinterStatus(
        online=False, paper="unknown", cover_open=None, error="no answer"
    )
    # Replies 2 to 4 without reply 1 are not an answer either.
    assert status_from_replies({2: CLEAR, 3: CLEAR, 4: CLEAR}).error == "no answer"


def test_each_reply_is_read_from_its_own_question() -> None:
    # Only the offline cause (2) tells the cover; only the error status (3) names errors.
    cover = status_from_replies({1: OFFLINE, 2: CLEAR | 0x04})
    assert (cover.cover_open, cover.error) == (True, "cover open")
    assert status_from_replies({1: CLEAR, 3: CLEAR | 0x04}).cover_open is None
    errors = {1: OFFLINE, 2: CLEAR | 0x40, 3: CLEAR | 0x08}
    assert status_from_replies(errors).error == "autocutter error (paper jam?)"
    # An error status without the offline cause saying "error" names no error.
    assert status_from_replies({1: CLEAR, 3: CLEAR | 0x28}).error is None
    assert status_from_replies({1: CLEAR, 4: CLEAR | 0x04}).paper == "near_end"


@pytest.mark.parametrize(
    ("error_bits", "words"),
    [
        (0x08, "autocutter error (paper jam?)"),
        (0x20, "unrecoverable error, switch the printer off and on"),
        (0x40, "print head too hot, printing resumes by itself"),
        (0x04, "mechanical error"),
        (
            0x08 | 0x20 | 0x40 | 0x04,
            "autocutter error (paper jam?); unrecoverable error, switch the printer off and on;"
            " print head too hot, printing resumes by itself; mechanical error",
        ),
        (0x00, "printer error"),  # the cause says error, the error status names none
    ],
)
def test_the_error_the_printer_names_is_the_one_shown(error_bits: int, words: str) -> None:
    status = status_from_replies({1: OFFLINE, 2: CLEAR | 0x40, 3: CLEAR | error_bits, 4: CLEAR})
    assert status == PrinterStatus(online=False, paper="ok", cover_open=False, error=words)


def test_an_error_without_the_error_status_is_a_printer_error() -> None:
    assert status_from_replies({1: OFFLINE, 2: CLEAR | 0x40}).error == "printer error"


@pytest.mark.parametrize(
    ("cause", "paper", "words"),
    [
        (CLEAR | 0x04 | 0x20, CLEAR | 0x60, "cover open"),  # the cover first
        (CLEAR | 0x20, CLEAR, "paper out"),  # stopped by paper end: out whatever sensor 4
        (CLEAR, CLEAR | 0x60, "paper out"),
        (CLEAR | 0x08, CLEAR, "paper is being fed with the feed button"),
        (CLEAR, CLEAR, "printer is offline"),
        (None, CLEAR, "printer is offline"),
    ],
)
def test_why_an_offline_printer_is_offline(cause: int | None, paper: int, words: str) -> None:
    replies = {1: OFFLINE, 4: paper} if cause is None else {1: OFFLINE, 2: cause, 4: paper}
    status = status_from_replies(replies)
    assert (status.online, status.error) == (False, words)


def test_an_online_printer_has_no_problem_to_report() -> None:
    status = status_from_replies({1: CLEAR, 2: CLEAR | 0x08, 3: CLEAR, 4: CLEAR | 0x0C})
    assert status == PrinterStatus(online=True, paper="near_end", cover_open=False, error=None)


@pytest.mark.parametrize(
    ("status", "near_end_stop", "problem", "refusal"),
    [
        (PrinterStatus(True, "ok", False), False, "", None),
        (PrinterStatus(True, "unknown", None), False, "", None),
        (PrinterStatus(True, "near_end", False), False, "", None),
        (
            PrinterStatus(True, "near_end", False),
            True,
            "paper_out",
            "Paper nearly out: load a new roll (printer.near_end_stop is on)",
        ),
        (PrinterStatus(True, "out", False), False, "paper_out", "Paper out: load a new paper roll"),
        (PrinterStatus(True, "out", False), True, "paper_out", "Paper out: load a new paper roll"),
        # Paper out goes before an open cover, an open cover before offline.
        (PrinterStatus(False, "out", True), False, "paper_out", "Paper out: load a new paper roll"),
        (
            PrinterStatus(False, "ok", True),
            False,
            "cover_open",
            "Cover open: close the printer cover",
        ),
        (PrinterStatus(False, "ok", False), False, "offline", "Printer offline"),
        (
            PrinterStatus(False, "unknown", None, "no answer"),
            False,
            "offline",
            "Printer offline: no answer",
        ),
    ],
)
def test_the_one_reading_of_a_status_before_printing(
    status: PrinterStatus, near_end_stop: bool, problem: str, refusal: str | None
) -> None:
    assert status.problem(near_end_stop=near_end_stop) == problem
    assert status.refusal(near_end_stop=near_end_stop) == refusal
    # Without the setting a nearly empty roll never stops printing.
    assert status.problem() == status.problem(near_end_stop=False)
    assert status.refusal() == status.refusal(near_end_stop=False)
    assert status.ready == (problem == "" or (near_end_stop and status.paper == "near_end"))


def test_ready_means_online_with_paper_and_the_cover_shut() -> None:
    assert PrinterStatus(True, "ok", False).ready
    assert PrinterStatus(True, "unknown", None).ready
    assert not PrinterStatus(False, "ok", False).ready
    assert not PrinterStatus(True, "out", False).ready
    assert not PrinterStatus(True, "ok", True).ready
    assert UNKNOWN.ready and UNKNOWN.problem() == ""


def test_the_status_line_for_an_officer() -> None:
    assert PrinterStatus(True, "ok", False).describe() == "online, paper ok, cover closed"
    assert PrinterStatus(True, "near_end", True).describe() == "online, paper near end, cover open"
    assert PrinterStatus(False, "unknown").describe() == "offline, paper unknown"


def test_a_printer_that_could_not_be_asked() -> None:
    status = PrinterStatus.offline_because("connection refused")
    assert status == PrinterStatus(
        online=False, paper="unknown", cover_open=None, error="connection refused"
    )
    assert status.as_json() == {
        "online": False,
        "paper": "unknown",
        "cover_open": None,
        "error": "connection refused",
    }


@pytest.mark.parametrize("offline", [False, True])
def test_the_virtual_printers_status_byte_reads_back(offline: bool) -> None:
    byte = encode_printer_status(offline=offline)
    assert is_status_reply(byte)
    assert byte == (0x1A if offline else 0x12)
    assert decode_printer_status(byte).offline is offline


def test_the_feed_button_is_bit_six_of_the_printer_status_byte() -> None:
    # A DLE EOT 1 reply is 0xx1xx10: bit 7 is always 0, bit 6 is the feed button.
    pressed = decode_printer_status(CLEAR | 0x40)
    assert is_status_reply(CLEAR | 0x40)
    assert pressed.feed_button_pressed is True
    assert (pressed.offline, pressed.waiting_for_recovery) == (False, False)
    assert decode_printer_status(CLEAR).feed_button_pressed is False


@pytest.mark.parametrize(
    ("cover_open", "paper_end_stop", "error"), list(itertools.product([False, True], repeat=3))
)
def test_the_virtual_printers_offline_cause_reads_back(
    cover_open: bool, paper_end_stop: bool, error: bool
) -> None:
    byte = encode_offline_cause(cover_open=cover_open, paper_end_stop=paper_end_stop, error=error)
    assert is_status_reply(byte)
    cause = decode_offline_cause(byte)
    assert (cause.cover_open, cause.stopped_by_paper_end, cause.error) == (
        cover_open,
        paper_end_stop,
        error,
    )
    assert not cause.feeding_by_button


@pytest.mark.parametrize(
    ("autocutter", "unrecoverable"), list(itertools.product([False, True], repeat=2))
)
def test_the_virtual_printers_error_status_reads_back(
    autocutter: bool, unrecoverable: bool
) -> None:
    byte = encode_error_status(autocutter=autocutter, unrecoverable=unrecoverable)
    assert is_status_reply(byte)
    errors = decode_error_status(byte)
    assert (errors.autocutter, errors.unrecoverable) == (autocutter, unrecoverable)
    assert not errors.mechanical and not errors.auto_recoverable
    assert encode_error_status() == CLEAR


@pytest.mark.parametrize(
    ("paper", "sensor", "gs_r"),
    [("ok", 0x12, 0x00), ("near_end", 0x1E, 0x03), ("out", 0x7E, 0x0F)],
)
def test_the_virtual_printers_paper_replies_read_back(paper: Paper, sensor: int, gs_r: int) -> None:
    assert encode_paper_sensor(paper) == sensor
    assert is_status_reply(sensor)
    assert decode_paper_sensor(sensor) == paper
    assert encode_transmit_paper_status(paper) == gs_r
    assert decode_transmit_paper_status(gs_r) == paper


def test_every_reply_byte_decodes_the_paper_the_same_way_both_ways() -> None:
    # DLE EOT 4: bits 5-6 out, bits 2-3 near end; the fixed bits never count.
    for byte in range(256):
        if not is_status_reply(byte):
            continue
        expected = "out" if byte & 0x60 else "near_end" if byte & 0x0C else "ok"
        assert decode_paper_sensor(byte) == expected
