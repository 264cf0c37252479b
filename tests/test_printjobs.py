"""Print jobs through the queue, printed for real on the virtual printer over TCP."""

from __future__ import annotations

from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from sqlalchemy import select

from config.settings import Printer
from db.context import QueueContext
from db.errors import IllegalTransition, NotAllowed, QueueError
from db.models import AuditRecord, PrintState, Ticket
from db.ops.issuing import issue_ticket
from db.ops.printjobs import (
    MAX_ATTEMPTS,
    finish_print_job,
    note_delivered,
    request_reprint,
    set_print_layout,
    take_next_job,
)
from db.views import TicketView
from printer import Emulator, TicketPrint, channel_label, print_ticket
from tests.conftest import ADMIN, KIOSK, OFFICER, SUPERVISOR

pytestmark = pytest.mark.both_databases


def as_print(ctx: QueueContext, ticket: TicketView) -> TicketPrint:
    service = ctx.settings.service(ticket.service)
    return TicketPrint(
        office_name=ctx.settings.office.name,
        number=ticket.number,
        service_name=service.name.id,
        channel_label=channel_label(ticket.channel.value, "id"),
        issued_at=ticket.issued_at,
        qr_token=ticket.token,
        people_ahead=ticket.people_ahead,
        estimated_wait_minutes=ticket.estimated_wait_minutes,
        office_timezone=ctx.settings.office.timezone,
    )


def print_state(ctx: QueueContext, ticket_id: int) -> str:
    with ctx.db.read() as s:
        row = s.get(Ticket, ticket_id)
        assert row is not None
        return row.print_state


def test_jobs_print_in_order_and_the_paper_reads_back(ctx: QueueContext, tmp_path: Path) -> None:
    a = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    b = issue_ticket(ctx, KIOSK, "ganti", "walk_in")
    issue_ticket(ctx, OFFICER, "baru", "walk_in")  # no kiosk: no job
    with Emulator(out_dir=tmp_path / "paper") as emulator:
        printer = Printer(kind="network", port=emulator.port, timeout_seconds=2)
        printed = []
        while (job := take_next_job(ctx, KIOSK, "kiosk-1")) is not None:
            outcome = print_ticket(printer, as_print(ctx, job.ticket))
            finish_print_job(ctx, KIOSK, job.id, ok=outcome.ok, error=outcome.error)
            printed.append(job.ticket.number)
        records = emulator.wait_for_tickets(2, timeout=10)
    assert printed == [a.number, b.number]
    assert print_state(ctx, a.id) == print_state(ctx, b.id) == PrintState.PRINTED
    decoded = zxingcpp.read_barcodes(Image.open(records[0].png_path))
    assert [d.text for d in decoded] == [a.token]
    assert a.number in records[0].txt_path.read_text(encoding="utf-8")


def test_failures_are_kept_then_given_up_and_a_reprint_follows(
    ctx: QueueContext, tmp_path: Path
) -> None:
    ticket = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    with Emulator(out_dir=tmp_path / "paper", paper="out") as emulator:
        printer = Printer(kind="network", port=emulator.port, timeout_seconds=2)
        for attempt in range(1, MAX_ATTEMPTS + 1):
            job = take_next_job(ctx, KIOSK, "kiosk-1")
            assert job is not None and job.attempts == attempt - 1
            outcome = print_ticket(printer, as_print(ctx, job.ticket))
            assert not outcome.ok and outcome.error and "Paper out" in outcome.error
            done = finish_print_job(ctx, KIOSK, job.id, ok=False, error=outcome.error)
        assert done.state == PrintState.FAILED
        assert take_next_job(ctx, KIOSK, "kiosk-1") is None
        assert print_state(ctx, ticket.id) == PrintState.FAILED
        with pytest.raises(IllegalTransition):
            finish_print_job(ctx, KIOSK, job.id, ok=True)
        # Paper loaded again; a supervisor asks for a reprint; it prints once.
        emulator.state.paper = "ok"
        with pytest.raises(NotAllowed):
            request_reprint(ctx, OFFICER, ticket.id)
        reprint = request_reprint(ctx, SUPERVISOR, ticket.id)
        assert reprint.reprint and reprint.kiosk_id == "kiosk-1"
        job = take_next_job(ctx, ADMIN, "kiosk-1")
        assert job is not None and job.id == reprint.id
        outcome = print_ticket(printer, as_print(ctx, job.ticket))
        finish_print_job(ctx, KIOSK, job.id, ok=outcome.ok, error=outcome.error)
        assert len(emulator.wait_for_tickets(1, timeout=10)) == 1
    assert print_state(ctx, ticket.id) == PrintState.PRINTED
    with ctx.db.read() as s:
        actions = s.scalars(select(AuditRecord.action).order_by(AuditRecord.id)).all()
    assert actions.count("print_job") == MAX_ATTEMPTS + 1
    assert "reprint" in actions


def test_a_kiosk_only_sees_its_own_jobs(ctx: QueueContext) -> None:
    issue_ticket(ctx, KIOSK, "baru", "walk_in", kiosk_id="kiosk-2")
    assert take_next_job(ctx, KIOSK, "kiosk-1") is None
    job = take_next_job(ctx, KIOSK, "kiosk-2")
    assert job is not None and job.kiosk_id == "kiosk-2"
    with pytest.raises(NotAllowed):
        take_next_job(ctx, OFFICER, "kiosk-2")


def test_a_job_remembers_what_reached_the_printer_and_its_language(ctx: QueueContext) -> None:
    ticket = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    job = take_next_job(ctx, KIOSK, "kiosk-1")
    assert job is not None and (job.delivered, job.language, job.layout) == ("", None, None)
    assert set_print_layout(ctx, KIOSK, "kiosk-1", ticket.id, language="en", layout="TM-T88V/576")
    # The first language stays: a ticket never changes language between attempts.
    assert not set_print_layout(ctx, KIOSK, "kiosk-1", ticket.id, language="id", layout="x/384")
    for step in ("body?", "body"):
        assert note_delivered(ctx, KIOSK, job.id, step).delivered == step
    again = take_next_job(ctx, KIOSK, "kiosk-1")
    assert again is not None
    assert (again.delivered, again.language, again.layout) == ("body", "en", "TM-T88V/576")
    done = finish_print_job(ctx, KIOSK, job.id, ok=True, copy=True)
    assert done.copy_printed and done.state == PrintState.PRINTED
    with pytest.raises(IllegalTransition):
        note_delivered(ctx, KIOSK, job.id, "")
    # A supervisor's reprint comes out in the ticket's language.
    reprint = request_reprint(ctx, SUPERVISOR, ticket.id)
    assert (reprint.language, reprint.layout, reprint.delivered) == ("en", "TM-T88V/576", "")
    with ctx.db.read() as s:
        actions = s.scalars(select(AuditRecord.action).order_by(AuditRecord.id)).all()
    assert actions.count("print_progress") == 2 and actions.count("print_layout") == 1


def test_print_progress_is_refused_to_people_and_bad_values(ctx: QueueContext) -> None:
    ticket = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    job = take_next_job(ctx, KIOSK, "kiosk-1")
    assert job is not None
    with pytest.raises(NotAllowed):
        note_delivered(ctx, OFFICER, job.id, "body")
    with pytest.raises(NotAllowed):
        set_print_layout(ctx, OFFICER, "kiosk-1", ticket.id, language="en", layout="TM-T88V/576")
    with pytest.raises(QueueError, match="Unknown print progress"):
        note_delivered(ctx, KIOSK, job.id, "half")
    with pytest.raises(QueueError, match="Unknown ticket language"):
        set_print_layout(ctx, KIOSK, "kiosk-1", ticket.id, language="fr", layout="TM-T88V/576")
    again = take_next_job(ctx, KIOSK, "kiosk-1")
    assert again is not None and (again.delivered, again.language) == ("", None)
