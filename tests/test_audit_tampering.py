"""The audit check catches every kind of tampering with the queue's history: ticket events
and tickets edited, deleted or inserted, the newest audit records (or all of them) deleted,
and the chain recomputed without the office's key. Each is named: what, and where."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable

import pytest
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from db.context import QueueContext
from db.engine import Database
from db.io.office_keys import key_path
from db.models import AuditRecord, EventKind, PrintJob, Ticket, TicketEvent, TicketStatus
from db.ops.audit import record_hash, verify_audit
from db.ops.calling import call_next, complete
from db.ops.counters import open_counter
from db.ops.issuing import issue_ticket
from tests.conftest import KIOSK, OFFICER


def busy_day(ctx: QueueContext) -> None:
    for _ in range(4):
        issue_ticket(ctx, KIOSK, "baru", "walk_in")
    first = call_next(ctx, OFFICER, 1)
    complete(ctx, OFFICER, 1, first.id)
    call_next(ctx, OFFICER, 1)
    open_counter(ctx, OFFICER, 2)  # the newest record binds no ticket event


def _edit_event(s: Session) -> None:
    s.execute(update(TicketEvent).where(TicketEvent.id == 2).values(actor="someone-else"))


def _delete_event(s: Session) -> None:
    newest_of_1 = s.scalar(select(func.max(TicketEvent.id)).where(TicketEvent.ticket_id == 1))
    s.execute(delete(TicketEvent).where(TicketEvent.id == newest_of_1))


def _insert_event(s: Session) -> None:
    ticket = s.get(Ticket, 2)
    assert ticket is not None
    s.add(
        TicketEvent(
            ticket_id=2,
            kind=EventKind.COMPLETED,
            at=ticket.issued_at,
            actor="budi",
            counter_number=1,
            status_after=TicketStatus.WAITING,
            detail="",
        )
    )


def _change_number(s: Session) -> None:
    s.execute(update(Ticket).where(Ticket.id == 3).values(number="A-099"))


def _change_status(s: Session) -> None:
    s.execute(update(Ticket).where(Ticket.id == 4).values(status=TicketStatus.DONE))


def _delete_ticket_with_events(s: Session) -> None:
    s.execute(delete(PrintJob).where(PrintJob.ticket_id == 4))
    s.execute(delete(TicketEvent).where(TicketEvent.ticket_id == 4))
    s.execute(delete(Ticket).where(Ticket.id == 4))


def _insert_ticket(s: Session) -> None:
    model = s.get(Ticket, 4)
    assert model is not None
    columns = {c.key: getattr(model, c.key) for c in Ticket.__table__.columns}
    columns.update(id=99, sequence=99, number="A-099", token="forged-token-99")
    s.add(Ticket(**columns))


def _delete_newest_records(s: Session) -> None:
    newest = s.scalars(select(AuditRecord.id).order_by(AuditRecord.id.desc()).limit(1)).all()
    s.execute(delete(AuditRecord).where(AuditRecord.id.in_(newest)))


def _delete_all_records(s: Session) -> None:
    s.execute(delete(AuditRecord))


def _edit_and_recompute(s: Session) -> None:
    """Change a record, then recompute the whole chain the only way one can without the
    key: plain SHA-256 (and no events bound)."""
    prev = "0" * 64
    for record in s.scalars(select(AuditRecord).order_by(AuditRecord.id)):
        if record.id == 3:
            record.actor = "someone-else"
        record.prev_hash = prev
        record.events_upto = None
        record.events_digest = ""
        record.hash = record_hash(
            prev, record.at, record.actor, record.role, record.action, record.target, record.detail
        )
        prev = record.hash
    s.flush()


def _edit_record(s: Session) -> None:
    s.execute(update(AuditRecord).where(AuditRecord.id == 5).values(target="A-004"))


TAMPERINGS: dict[str, tuple[Callable[[Session], None], str]] = {
    "edit a ticket event": (_edit_event, "ticket events 2-2 (bound by record 2"),
    "delete a ticket event": (_delete_event, "were changed, deleted or inserted"),
    "insert a ticket event": (_insert_event, "is not in the audit chain"),
    "change a ticket's number": (_change_number, "A-099"),
    "change a ticket's status": (_change_status, "the status was changed"),
    "delete a ticket with its events": (_delete_ticket_with_events, "were changed, deleted"),
    "insert a ticket": (_insert_ticket, "ticket A-099 (id 99) has no events"),
    "delete the newest audit record": (_delete_newest_records, "the newest audit records"),
    "delete every audit record": (_delete_all_records, "is not in the audit chain"),
    "edit a record and recompute the chain": (_edit_and_recompute, "not in the audit chain"),
    "edit an audit record": (_edit_record, "record 5 (counter_open A-004) was changed"),
}


@pytest.mark.both_databases
def test_an_untouched_day_verifies(ctx: QueueContext) -> None:
    busy_day(ctx)
    check = verify_audit(ctx.db)
    assert check.ok, check.problem
    assert check.checked >= 8


@pytest.mark.both_databases
@pytest.mark.parametrize("tampering", sorted(TAMPERINGS))
def test_every_tampering_is_detected_and_named(
    ctx: QueueContext, owner_url: str, tampering: str
) -> None:
    busy_day(ctx)
    assert verify_audit(ctx.db).ok
    change, named = TAMPERINGS[tampering]
    # The PCs' role may not rewrite the history (PostgreSQL): whoever tampers has more rights.
    tamperer = Database(owner_url)
    try:
        with tamperer.write() as s:
            change(s)
    finally:
        tamperer.dispose()
    check = verify_audit(ctx.db)
    assert not check.ok, tampering
    assert named in check.problem, check.problem


def test_the_key_lives_outside_the_database_readable_by_its_owner_only(
    ctx: QueueContext,
) -> None:
    busy_day(ctx)
    path = key_path("audit")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    head = json.loads(path.with_name("audit.head").read_text(encoding="utf-8"))
    with ctx.db.read() as s:
        assert head["id"] == s.scalar(select(func.max(AuditRecord.id)))
    # Without the key nothing can be checked, and the check says so.
    path.rename(path.with_name("elsewhere.key"))
    check = verify_audit(ctx.db)
    assert not check.ok and "audit.key is missing" in check.problem


def test_work_goes_on_after_the_check(ctx: QueueContext) -> None:
    busy_day(ctx)
    assert verify_audit(ctx.db).ok
    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    assert verify_audit(ctx.db).ok
