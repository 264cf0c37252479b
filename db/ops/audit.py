"""The audit log is tamper-evident, and it covers the queue.

Every record carries the hash of the one before it, sealed with this office's key (HMAC-SHA256
with ``audit.key``, a file outside the database, see db/io/office_keys.py)::

    hash = HMAC(key, prev_hash | at | actor | role | action | target | detail
                     | events_upto | events_digest)

``events_upto`` and ``events_digest`` bind the ticket events written since the record before
(by id, each with its ticket's number, day and channel), so a ticket event or a ticket
changed, deleted or inserted by hand shows too; and a ticket's status must be what its last
event says. Records are only ever added, one writer at a time, so the chain has one line.

Deleting the newest records would leave a shorter valid chain: every PC writes the newest
record it wrote (its id and hash) to ``audit.head`` in its data folder, and ``verify_audit``
checks that record is still there. Records written before the key existed (plain SHA-256,
no events bound) are accepted only before the first sealed one."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from db.engine import Database
from db.io.office_keys import MissingKey, key_path, office_key
from db.models import AuditRecord, Role, Ticket, TicketEvent, TicketStatus

if TYPE_CHECKING:
    from db.context import Actor, QueueContext

GENESIS = "0" * 64
KEY = "audit"


def _at_text(at: dt.datetime) -> str:
    if at.tzinfo is not None:
        at = at.astimezone(dt.UTC).replace(tzinfo=None)
    return at.isoformat(timespec="microseconds")


def _record_text(
    prev: str, at: dt.datetime, actor: str, role: str, action: str, target: str, detail: str
) -> str:
    return "|".join([prev, _at_text(at), actor, str(role), action, target, detail])


def record_hash(
    prev: str, at: dt.datetime, actor: str, role: str, action: str, target: str, detail: str
) -> str:
    """The unsealed hash of records written before the office had an audit key."""
    text = _record_text(prev, at, actor, role, action, target, detail)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sealed_hash(
    key: bytes,
    prev: str,
    at: dt.datetime,
    actor: str,
    role: str,
    action: str,
    target: str,
    detail: str,
    events_upto: int,
    events_digest: str,
) -> str:
    text = _record_text(prev, at, actor, role, action, target, detail)
    text += f"|{events_upto}|{events_digest}"
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).hexdigest()


# The newest record by primary key: SQLite and PostgreSQL both answer max(id) from the
# primary key's index (one step, not a scan or a sort, however long the log is).
_NEWEST = select(AuditRecord.hash, AuditRecord.events_upto).where(
    AuditRecord.id == select(func.max(AuditRecord.id)).scalar_subquery()
)
_BOUND = select(func.max(AuditRecord.events_upto))
_LAST_EVENT = select(func.max(TicketEvent.id))
# Both in one statement, for a new record: (previous hash, bound so far, last event id).
_HEAD = select(
    _NEWEST.with_only_columns(AuditRecord.hash).scalar_subquery(),
    _NEWEST.with_only_columns(AuditRecord.events_upto).scalar_subquery(),
    _LAST_EVENT.scalar_subquery(),
)
_EVENTS = (
    select(
        TicketEvent.id,
        TicketEvent.ticket_id,
        TicketEvent.kind,
        TicketEvent.at,
        TicketEvent.actor,
        TicketEvent.counter_number,
        TicketEvent.status_after,
        TicketEvent.detail,
        Ticket.number,
        Ticket.business_day,
        Ticket.channel,
    )
    .join(Ticket, Ticket.id == TicketEvent.ticket_id)
    .where(TicketEvent.id > bindparam("after"), TicketEvent.id <= bindparam("upto"))
    .order_by(TicketEvent.id)
)


def last_hash(session: Session) -> str:
    """The newest record's hash (records pending in this session included)."""
    session.flush()
    newest = session.connection().execute(_NEWEST).first()
    return newest[0] if newest is not None else GENESIS


def _events(session: Session, after: int, upto: int) -> list[tuple[object, ...]]:
    rows = session.connection().execute(_EVENTS, {"after": after, "upto": upto})
    return [tuple(row) for row in rows]


def events_digest(key: bytes, rows: list[tuple[object, ...]]) -> str:
    mac = hmac.new(key, b"events", hashlib.sha256)
    for row in rows:
        values = [_at_text(v) if isinstance(v, dt.datetime) else str(v) for v in row]
        mac.update(("\x1f".join(values) + "\x1e").encode("utf-8"))
    return mac.hexdigest()


def seal(session: Session) -> tuple[str, int, str, bytes]:
    """For a new record: the previous hash, and the events it binds (up to, digest).

    The events already bound are those up to the newest record's ``events_upto``: each
    sealed record binds at least up to the one before it, and a chain holds no unsealed
    record after a sealed one. Only a log whose newest record is unsealed (written before
    the office had a key) needs the maximum over the log."""
    key = office_key(KEY)
    connection = session.connection()
    prev, bound, last_event = connection.execute(_HEAD).one()
    if prev is None:
        prev, bound = GENESIS, 0
    elif bound is None:
        bound = connection.execute(_BOUND).scalar() or 0
    upto = max(last_event or 0, bound)
    return prev, upto, events_digest(key, _events(session, bound, upto)), key


def remember_head(record_id: int, record_hash_: str) -> None:
    """Write the newest record this PC wrote to ``audit.head`` (never an older one)."""
    path = key_path(KEY).with_name("audit.head")
    try:
        known = json.loads(path.read_text(encoding="utf-8"))
        if int(known.get("id", 0)) >= record_id:
            return
    except (OSError, ValueError, AttributeError):
        pass
    tmp = path.with_name(f"audit.head.{record_id}.tmp")
    tmp.write_text(json.dumps({"id": record_id, "hash": record_hash_}), encoding="utf-8")
    tmp.replace(path)


def _head() -> dict[str, object] | None:
    path = key_path(KEY).with_name("audit.head")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


@dataclass(frozen=True)
class AuditCheck:
    ok: bool
    checked: int
    first_bad_id: int | None = None
    problem: str = ""


def _tickets_of(rows: list[tuple[object, ...]]) -> str:
    numbers = sorted({str(r[8]) for r in rows})
    return ", ".join(numbers[:5]) + (" ..." if len(numbers) > 5 else "")


def verify_audit(db: Database) -> AuditCheck:
    """Recompute the chain, the events it binds, the tickets' states and the head this PC
    last wrote. The first problem found is named (what, and where)."""
    try:
        key = office_key(KEY, create=False)
    except MissingKey as exc:
        return AuditCheck(False, 0, None, f"cannot check the seals: {exc}")
    prev = GENESIS
    checked = 0
    bound = 0
    sealed_seen = False
    with db.read() as session:
        for record in session.execute(select(AuditRecord).order_by(AuditRecord.id)).scalars():
            if record.prev_hash != prev:
                return AuditCheck(
                    False,
                    checked,
                    record.id,
                    f"record {record.id} does not follow the record before it "
                    "(a record was deleted or inserted)",
                )
            fields = (record.at, record.actor, record.role, record.action, record.target)
            if record.events_upto is not None:
                expected = sealed_hash(
                    key, prev, *fields, record.detail, record.events_upto, record.events_digest
                )
            else:
                expected = "" if sealed_seen else record_hash(prev, *fields, record.detail)
            if not hmac.compare_digest(record.hash, expected):
                return AuditCheck(
                    False,
                    checked,
                    record.id,
                    f"record {record.id} ({record.action} {record.target}) was changed after "
                    "it was written (or sealed without this office's audit key)",
                )
            if record.events_upto is not None:
                sealed_seen = True
                rows = _events(session, bound, record.events_upto)
                if not hmac.compare_digest(events_digest(key, rows), record.events_digest):
                    where = f"ticket events {bound + 1}-{record.events_upto}"
                    tickets = _tickets_of(rows)
                    return AuditCheck(
                        False,
                        checked,
                        record.id,
                        f"{where} (bound by record {record.id}, {record.action} "
                        f"{record.target}) were changed, deleted or inserted, or their "
                        f"tickets changed{f' (now: {tickets})' if tickets else ''}",
                    )
                bound = record.events_upto
            prev = record.hash
            checked += 1
        loose = session.execute(
            select(TicketEvent.id, Ticket.number)
            .join(Ticket, Ticket.id == TicketEvent.ticket_id, isouter=True)
            .where(TicketEvent.id > bound)
            .order_by(TicketEvent.id)
            .limit(1)
        ).first()
        if loose is not None:
            return AuditCheck(
                False,
                checked,
                None,
                f"ticket event {loose[0]} (ticket {loose[1]}) is not in the audit chain: it was "
                "inserted by hand, or the audit records after it were deleted",
            )
        problem = _ticket_problem(session)
        if problem:
            return AuditCheck(False, checked, None, problem)
        head = _head()
        if head is not None:
            head_id = int(str(head.get("id", 0)))
            stored = session.scalar(select(AuditRecord.hash).where(AuditRecord.id == head_id))
            if stored != head.get("hash"):
                what = "is missing" if stored is None else "was replaced"
                return AuditCheck(
                    False,
                    checked,
                    head_id,
                    f"record {head_id}, the newest this PC wrote, {what}: the newest audit "
                    "records were deleted or rewritten",
                )
    return AuditCheck(True, checked)


def _ticket_problem(session: Session) -> str:
    """A ticket whose row disagrees with its events (status, number), or has none."""
    last_event = (
        select(TicketEvent.ticket_id, func.max(TicketEvent.id).label("last_id"))
        .group_by(TicketEvent.ticket_id)
        .subquery()
    )
    rows = session.execute(
        select(
            Ticket.id,
            Ticket.number,
            Ticket.prefix,
            Ticket.sequence,
            Ticket.status,
            TicketEvent.status_after,
        )
        .join(last_event, last_event.c.ticket_id == Ticket.id, isouter=True)
        .join(TicketEvent, TicketEvent.id == last_event.c.last_id, isouter=True)
        .order_by(Ticket.id)
    )
    from db.ops.issuing import format_number

    for ticket_id, number, prefix, sequence, status, status_after in rows:
        # The events are joined from the left: a ticket with none has no status after.
        if cast("TicketStatus | None", status_after) is None:
            return f"ticket {number} (id {ticket_id}) has no events: it was inserted by hand"
        if number != format_number(prefix, sequence):
            return (
                f"ticket id {ticket_id}: its number {number} does not match its series "
                f"{prefix}{sequence}: the number was changed"
            )
        if str(status) != str(status_after):
            return (
                f"ticket {number} (id {ticket_id}) is {status} but its last event says "
                f"{status_after}: the status was changed"
            )
    return ""


# --- reading the log (supervisors and administrators) ---------------------------------------


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: dt.datetime
    actor: str
    role: Role
    action: str
    target: str
    detail: str


def list_audit(
    ctx: QueueContext,
    actor: Actor,
    day: dt.date | None = None,
    actor_name: str | None = None,
    action: str | None = None,
    limit: int = 500,
) -> list[AuditEntry]:
    """The newest records first, at most ``limit``. ``day`` is a calendar day at the office
    (local midnight to midnight); ``actor_name`` and ``action`` match exactly (case-blind)."""
    from db.context import check_actor

    query = select(AuditRecord)
    if day is not None:
        tz = ctx.settings.office.tz
        start = dt.datetime.combine(day, dt.time(0), tzinfo=tz)
        end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), tzinfo=tz)
        query = query.where(AuditRecord.at >= start, AuditRecord.at < end)
    if actor_name and actor_name.strip():
        query = query.where(func.lower(AuditRecord.actor) == actor_name.strip().lower())
    if action and action.strip():
        query = query.where(func.lower(AuditRecord.action) == action.strip().lower())
    query = query.order_by(AuditRecord.id.desc()).limit(max(1, limit))
    with ctx.db.read() as session:
        check_actor(session, actor, "view_audit")
        return [
            AuditEntry(r.id, r.at, r.actor, Role(r.role), r.action, r.target, r.detail)
            for r in session.scalars(query)
        ]


def audit_names(ctx: QueueContext, actor: Actor) -> tuple[list[str], list[str]]:
    """The actors and the actions that occur in the log, for the page's filters."""
    from db.context import check_actor

    with ctx.db.read() as session:
        check_actor(session, actor, "view_audit")
        actors = session.scalars(select(AuditRecord.actor).distinct()).all()
        actions = session.scalars(select(AuditRecord.action).distinct()).all()
    return sorted(actors), sorted(actions)
