"""One ticket, one copy: the send path behind a real TCP proxy that answers late after the
body, drops the connection at the cut, or loses the connection the late answer was due
on. Copies are counted from what the virtual printer rendered."""

from __future__ import annotations

import time

from printer import Delivered, Emulator, TicketPrint, send_ticket
from printer.service import forget_job

from .conftest import TOKEN, network_printer
from .faults import Copies, copies_of, faulty_link


def test_late_answer_after_the_body_is_finished_with_the_cut_only(
    emulator: Emulator, ticket: TicketPrint
) -> None:
    with faulty_link(emulator) as link:
        link.delay_after_body = 2.5  # later than the wait for the body's answer (~1.2 s)
        printer = network_printer(link.port)
        notes: list[Delivered] = []
        first = send_ticket(printer, ticket, job=1, note=notes.append)
        assert not first.ok and not first.held and first.retryable
        assert first.delivered == Delivered.BODY_UNSURE
        assert notes == [Delivered.BODY_UNSURE]
        time.sleep(2.0)  # the late answer arrives on the connection kept for the job
        second = send_ticket(printer, ticket, first.delivered, job=1, note=notes.append)
        assert second.ok, second.error
        assert not second.copy
        assert notes == [Delivered.BODY_UNSURE, Delivered.BODY]
        emulator.wait_for_tickets(1)
    assert copies_of(emulator, TOKEN) == Copies(plain=1, marked=0, uncut=0)


def test_late_answer_lost_with_its_connection_gives_a_marked_copy(
    emulator: Emulator, ticket: TicketPrint
) -> None:
    with faulty_link(emulator) as link:
        link.delay_after_body = 2.5
        printer = network_printer(link.port)
        first = send_ticket(printer, ticket, job=2)
        assert first.delivered == Delivered.BODY_UNSURE
        forget_job(printer, 2)  # the connection is gone (a restart): the printer cannot tell
        second = send_ticket(printer, ticket, first.delivered, job=2)
        assert second.ok and second.copy
        emulator.wait_for_tickets(2)
    # The body that came out is cut off as it is; the second ticket says SALINAN.
    assert copies_of(emulator, TOKEN) == Copies(plain=1, marked=1, uncut=0)


def test_connection_dropped_at_the_cut_sends_the_cut_only(
    emulator: Emulator, ticket: TicketPrint
) -> None:
    with faulty_link(emulator) as link:
        link.drops = 1
        printer = network_printer(link.port)
        first = send_ticket(printer, ticket, job=3)
        assert not first.ok and first.delivered == Delivered.BODY
        assert emulator.tickets == [] and f"[QR {TOKEN}]" in emulator.uncut()
        second = send_ticket(printer, ticket, first.delivered, job=3)
        assert second.ok and not second.copy
        assert second.bytes_sent < 10  # the cut, never the body again
        emulator.wait_for_tickets(1)
    assert copies_of(emulator, TOKEN) == Copies(plain=1, marked=0, uncut=0)


def test_link_slow_on_every_body_still_gives_one_copy(
    emulator: Emulator, ticket: TicketPrint
) -> None:
    with faulty_link(emulator) as link:
        link.delay_after_body, link.every_body = 2.5, True
        printer = network_printer(link.port)
        outcome = send_ticket(printer, ticket, job=4)
        tries = 1
        while not outcome.ok and tries < 6:
            time.sleep(0.5)
            outcome = send_ticket(printer, ticket, outcome.delivered, job=4)
            tries += 1
        assert outcome.ok and not outcome.copy
        emulator.wait_for_tickets(1)
        assert link.bodies == 1
    assert copies_of(emulator, TOKEN) == Copies(plain=1, marked=0, uncut=0)


def test_copy_is_marked_in_the_ticket_language(emulator: Emulator, ticket: TicketPrint) -> None:
    printer = network_printer(emulator.port)
    english = TicketPrint(**{**ticket.__dict__, "language": "en"})
    for job, one in ((5, ticket), (6, english)):
        outcome = send_ticket(printer, one, Delivered.BODY_UNSURE, job=job)
        assert outcome.ok and outcome.copy
    first, second = emulator.wait_for_tickets(2)
    assert "SALINAN" in [line.strip() for line in first.lines]
    assert "COPY" in [line.strip() for line in second.lines]
    assert "Queue number" in second.lines
