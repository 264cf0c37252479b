"""The audit log is tamper-evident: every record carries the hash of the one before it.

``hash = sha256(prev_hash | at | actor | role | action | target | detail)`` over the values
as stored (``at`` as naive UTC ISO text). Records are only ever added, by the queue
operations, one writer at a time (SQLite's write lock; PostgreSQL's advisory lock in
``Database.write``), so the chain has one line. Editing or deleting a record, or inserting
one by hand, breaks the chain at that point, and ``verify_audit`` names it. (Deleting the
newest records leaves a shorter valid chain: keep backups to compare lengths.)"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.engine import Database
from db.models import AuditRecord, Role

if TYPE_CHECKING:
    from db.context import Actor, QueueContext

GENESIS = "0" * 64


def _at_text(at: dt.datetime) -> str:
    if at.tzinfo is not None:
        at = at.astimezone(dt.UTC).replace(tzinfo=None)
    return at.isoformat(timespec="microseconds")


def record_hash(
    prev: str, at: dt.datetime, actor: str, role: str, action: str, target: str, detail: str
) -> str:
    text = "|".join([prev, _at_text(at), actor, str(role), action, target, detail])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def last_hash(session: Session) -> str:
    """The newest record's hash (records pending in this session included)."""
    newest = session.scalar(select(AuditRecord.hash).order_by(AuditRecord.id.desc()).limit(1))
    return newest or GENESIS


@dataclass(frozen=True)
class AuditCheck:
    ok: bool
    checked: int
    first_bad_id: int | None = None
    problem: str = ""


def verify_audit(db: Database) -> AuditCheck:
    prev = GENESIS
    checked = 0
    with db.read() as session:
        rows = session.execute(select(AuditRecord).order_by(AuditRecord.id)).scalars()
        for record in rows:
            if record.prev_hash != prev:
                return AuditCheck(
                    False,
                    checked,
                    record.id,
                    f"record {record.id} does not follow the record before it "
                    "(a record was deleted or inserted)",
                )
            expected = record_hash(
                prev,
                record.at,
                record.actor,
                record.role,
                record.action,
                record.target,
                record.detail,
            )
            if record.hash != expected:
                return AuditCheck(
                    False,
                    checked,
                    record.id,
                    f"record {record.id} was changed after it was written",
                )
            prev = record.hash
            checked += 1
    return AuditCheck(True, checked)


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
